/* claims.h: the claims of one document while it is being read.
 *
 * Rules add mentions; the document keeps them in order, lets later
 * sentences find antecedents ("such munitions", "the allegations"), and
 * at the end settles undirected ones and merges mentions into one claim
 * per key. */
#ifndef AT_CLAIMS_H
#define AT_CLAIMS_H

#include "date.h"
#include "sentence.h"

typedef struct {
    int16_t sup, rec;      /* party indices, -1 unknown */
    uint8_t cat, stage, fact, cert;
    uint16_t sys;
    bool amb;              /* a two-party claim whose direction is unknown */
    bool has_qty;
    at_quantity qty;
    bool has_date;
    at_ymd date;
    at_slice date_text;
    bool has_src;
    at_slice src;
    int16_t src_actor;
    uint32_t sent, start, end;
    uint32_t mentions;
} xclaim;

/* A counted weapon phrase ("88 vehicles", "more than 2,100 rifles") and
 * the parties its sentence names: a claim that no mention counts takes
 * the count of such a phrase of its category about one of its parties. */
#define QM_PARTIES 6
typedef struct {
    uint8_t cat;
    uint16_t sys;
    bool has_qty, has_date;
    at_quantity qty;
    at_ymd date;
    at_slice date_text;
    int16_t party[QM_PARTIES];
    uint8_t nparty;
} qmention;

typedef struct {
    const at_dict *d;
    const at_doc *doc;
    at_textview tv;
    bool has_date, date_done; /* the document date, found when first needed */
    at_ymd docdate;
    xclaim *c;
    size_t n, cap;
    int16_t last_subject;  /* the last subject party a rule found */
    size_t last_subject_sent; /* the sentence it was found in */
    int16_t last_person;   /* the last person mentioned (he, his) */
    int16_t sayer;         /* the party of this sentence's source, or -1 */
    int16_t wp_supplier[SENT_MAX_WPS]; /* who supplied each weapon phrase of
                                          the current sentence, or -1 */
    size_t military_sents; /* sentences with military words of their own */
    qmention *q;           /* counted or dated weapon phrases of the document */
    at_timex sent_dates[8]; /* the event dates of the sentence just read */
    size_t nsent_dates;
    size_t nq, capq;
    bool has_claim;        /* a claim with both parties was found */
    at_status err;
} xdoc;

/* Append a mention; drops self-transfers and transfers between
 * adversaries. Sets X->err on ENOMEM. */
void xdoc_add(xdoc *x, const xclaim *c);

/* The document's date (metadata, else a dateline), or NULL. Looked up on
 * first use: most documents never need it. */
const at_ymd *xdoc_date(xdoc *x);

/* Note the counted or dated weapon phrases of SN (see qmention); DATES
 * are the time expressions that may date an event in SN. */
void xdoc_note_counts(xdoc *x, const sentence *sn, const at_timex *dates, size_t ndates);

/* Read the claims of sentence SN into X. */
void rules_apply(xdoc *x, sentence *sn);

#endif
