/* sentence.h: one sentence read into units, weapon phrases and clauses.
 *
 * A unit is a dictionary phrase ("North Korean", "ballistic missiles",
 * "according to") or a single token. Rules (rules.c) walk units, never raw
 * tokens, so "close-range ballistic missiles" is one step and "Iran-made"
 * one party with its made-in mark. */
#ifndef AT_SENTENCE_H
#define AT_SENTENCE_H

#include "dict.h"

/* How a party marks the unit after it: "Iranian", "Iran-made",
 * "Iran-supplied"; O_BOUND ("Yemen-bound") marks where goods go. */
enum origin_kind { O_NONE, O_ADJ, O_MADE, O_SUPPLIED, O_BOUND };

typedef struct {
    uint32_t t0, t1;     /* tokens [t0, t1) */
    int16_t party;       /* party index, or -1 */
    uint8_t pkind;       /* enum party_kind when party >= 0 */
    uint8_t made;        /* O_MADE, O_SUPPLIED, O_BOUND: "X-made", "X-bound" */
    int16_t wp;          /* weapon phrase this unit is in, or -1 */
    uint8_t clause;      /* clause number within the sentence */
    sense verb;          /* a verbal transfer sense (give, get, use) */
    bool has_verb;
    sense noun;          /* a nominal one (give_n, get_n, deal_n, talk_n) */
    bool has_noun;
    sense weapon;        /* the weapon sense (valid when has_weapon) */
    bool has_weapon;
    uint32_t cues;       /* bit (1 << cue) for each cue sense */
    char punct;          /* the punctuation char of a punctuation unit */
} unit;

typedef struct {
    uint32_t u0, u1;     /* units [u0, u1) */
    uint8_t cat;         /* at_category of the head */
    uint16_t sys;        /* system index + 1, or 0 */
    bool ref;            /* "such munitions", "those missiles" */
    bool definite;       /* "the missiles": a generic head after "the",
                            likely the weapons named before */
    bool weak;           /* only weak terms */
    bool joint;          /* "joint production": a two-party venture */
    int16_t origin;      /* party named on the phrase ("Iranian drones") */
    int16_t dest;        /* "Yemen-bound weapons": where they go, or -1 */
    uint8_t origin_kind; /* enum origin_kind */
    bool has_qty;
    at_quantity qty;
} wphrase;

#define SENT_MAX_UNITS 512
#define SENT_MAX_WPS 64

typedef struct {
    const at_dict *dict;
    const at_textview *tv;
    size_t sent;          /* sentence index in the text view */
    size_t gsent;         /* sentence index in the document */
    unit u[SENT_MAX_UNITS];
    size_t nu;
    wphrase wp[SENT_MAX_WPS];
    size_t nwp;
    bool military;        /* the sentence has military context */
    bool own_military;    /* ... from its own words (strong weapons, cues) */
    bool question;
} sentence;

/* Read sentence S of TV into SN. With MILITARY (the document is about
 * arms), weak weapon words count without military words of their own. */
void sentence_read(sentence *sn, const at_dict *d, const at_textview *tv,
                   size_t s, bool military);

/* Unit I is the single word W (normalized form). */
bool unit_is(const sentence *sn, size_t i, const char *w);
static inline bool unit_cue(const sentence *sn, size_t i, enum cue c)
{
    return (sn->u[i].cues >> c) & 1u;
}
bool unit_is_det(const sentence *sn, size_t i);
bool unit_is_prep(const sentence *sn, size_t i);

#endif
