/* rules_int.h: what the files of the reading rules share (rules.c, the
 * frames; rules_words.c, rules_roles.c, rules_cues.c, rules_info.c,
 * rules_emit.c): the frame a transfer word opens, the sentence facts, the
 * emission context, and the helpers each file offers the others.
 * Internal: only src/rules*.c include it. */
#ifndef AT_RULES_INT_H
#define AT_RULES_INT_H

#include "claims.h"

#define NONE ((size_t)-1)

/* A short list of distinct parties ("Canada and the Netherlands"). */
#define PLIST_MAX 4
typedef struct {
    int16_t p[PLIST_MAX];
    size_t n;
} plist;

/* The frame a transfer word opens in its clause. */

typedef struct {
    size_t t;          /* trigger unit */
    uint8_t frame;     /* enum frame */
    bool noun, passive;
    uint8_t stage;
    size_t lo, hi;     /* the trigger's clause, in units */
    size_t chain_lo;   /* leftmost unit of its stage chain */
    size_t obj_hi;     /* end of its object region */
    size_t ret;        /* "in return for" unit in the region, or NONE */
    plist subj;
    size_t subj_u;     /* where the subject stands, or NONE */
    size_t objnoun;    /* a transfer noun heading the object ("sent Y a
                          shipment of Z"), read as part of this frame */
    size_t inc;        /* "the shipments ... included": where more goods
                          of a noun start, or NONE */
} frame;

/* What a sentence says of all its claims: certainty, source, dates. */
typedef struct {
    uint8_t cert;
    bool has_src;
    at_slice src;
    int16_t actor;
    at_timex tx[8];        /* time expressions that may date an event */
    size_t ntx;
    at_timex say[8];       /* those that date the saying ("said Thursday") */
    size_t nsay;
} sent_info;

/* Where claims go and what they share while one frame emits them. */
typedef struct {
    xdoc *x;
    const sentence *sn;
    const sent_info *si;
    const frame *f;
    uint8_t fact;
} emit_ctx;

/* Build with -DAT_TRACE to see each frame and claim on stderr. */
#ifdef AT_TRACE
#include <stdio.h>
#define TRACE(...) fprintf(stderr, __VA_ARGS__)
#else
#define TRACE(...) ((void)0)
#endif

/* How a frame's suppliers are found when its grammar names none: from
 * each weapon phrase's own origin ("X-supplied" only, or any "Iranian"),
 * then for uses from who supplied the phrase earlier in the sentence,
 * for receipts from the named system's designer ("receive Rafales"). */
enum { FILL_NONE, FILL_SUPPLIED, FILL_ORIGIN, FILL_USE, FILL_GET };

/* rules_words.c */
void plist_add(plist *l, int16_t p);
bool is_adverb(const sentence *sn, size_t i);
bool is_pronoun(const sentence *sn, size_t i);
bool is_first_person(const sentence *sn, size_t i);
bool is_person_pronoun(const sentence *sn, size_t i);
bool is_be(const sentence *sn, size_t i);
bool is_conj(const sentence *sn, size_t i);
bool plain_modifier(const sentence *sn, size_t i);
bool is_gerund(const sentence *sn, size_t i);
bool is_time_word(const sentence *sn, size_t i);
bool is_state_noun(const sentence *sn, size_t i);
bool in_timex(const sentence *sn, size_t i, const at_timex *tx, size_t n);

/* rules_roles.c */
bool party_is_origin(const sentence *sn, size_t i);
void find_subject(const xdoc *x, const sentence *sn, size_t from, size_t lo,
                  frame *f);
bool pp_parties(const sentence *sn, size_t lo, size_t hi, const char *prep, plist *out);
size_t region_wps(const sentence *sn, size_t lo, size_t hi, size_t *out, size_t max);
void indirect_object(const xdoc *x, const sentence *sn, const frame *f, plist *out);
void noun_owner(const sentence *sn, size_t t, size_t lo, plist *out);
size_t np_start(const sentence *sn, size_t t, size_t lo);
int16_t other_party(const sentence *sn, size_t lo, size_t hi, const plist *exclude);
size_t with_list(const sentence *sn, size_t w, size_t *out, size_t n, size_t max);
size_t relative_wps(const sentence *sn, const frame *f, size_t *wps, size_t nw);
size_t left_wp(const sentence *sn, const frame *f);

/* rules_cues.c */
int stage_chain(const sentence *sn, const at_timex *tx, size_t ntx, frame *f);
bool tight(const sentence *sn, size_t a, size_t b);
bool negated(const sentence *sn, const frame *f);
bool reported_would(const sentence *sn, size_t i);
bool hypothetical(const sentence *sn, const frame *f);
bool noun_future(const sentence *sn, const frame *f);

/* rules_info.c */
void read_info(xdoc *x, const sentence *sn, sent_info *si);
const at_timex *pick_date(const sentence *sn, const sent_info *si, const frame *f,
                          uint8_t stage);

/* rules_emit.c */
void emit(const emit_ctx *e, int16_t sup, int16_t rec, const wphrase *w,
          uint8_t cat, uint16_t sys, uint8_t stage, bool amb);
int16_t phrase_origin(const sentence *sn, const size_t *wps, size_t k, bool supplied_only);
void weapon_origins(const sentence *sn, const size_t *wps, size_t nw, plist *out,
                    bool supplied_only);
void phrase_dests(const sentence *sn, const size_t *wps, size_t nw, plist *out);
bool holds_supplied(const sentence *sn, const size_t *wps, size_t nw, const plist *subj);
void emit_wps(const emit_ctx *e, const plist *sups, const plist *recs,
              const size_t *wps, size_t nw, uint8_t stage, int fill);
void set_subject_context(xdoc *x, const sentence *sn, const plist *subj);
void definite_transfer(const xdoc *x, const sentence *sn, size_t t, size_t lo,
                       plist *sup, plist *rec);
void pronoun_object(const emit_ctx *e, const plist *sup, const plist *rec);

#endif
