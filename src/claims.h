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
    bool has_claim;        /* a claim with both parties was found */
    at_status err;
} xdoc;

/* Append a mention; drops self-transfers and transfers between
 * adversaries. Sets X->err on ENOMEM. */
void xdoc_add(xdoc *x, const xclaim *c);

/* The document's date (metadata, else a dateline), or NULL. Looked up on
 * first use: most documents never need it. */
const at_ymd *xdoc_date(xdoc *x);

/* Read the claims of sentence SN into X. */
void rules_apply(xdoc *x, sentence *sn);

#endif
