/* eval_int.h: the evaluator's state, shared by eval.c (loading and
 * scoring) and eval_report.c (the text and JSON reports). Internal. */
#ifndef AT_EVAL_INT_H
#define AT_EVAL_INT_H

#include <jansson.h>

#include "armstrace.h"

/* score.py's KEY, in its order. */
enum { K_DOC, K_SUPPLIER, K_RECIPIENT, K_CATEGORY, K_STAGE, K_FACT, K_N };

/* A key as score.py's key_of() builds it. ENC is a canonical encoding
 * (per component: tag, length, bytes) so that equal Python tuples have
 * equal bytes. Tags: 'S' a string (a falsy value is ""), 'N' a truthy
 * number (1, 1.0 and true all read "1"), 'O' a truthy list or dict. */
typedef struct {
    char *enc;
    size_t len;
    size_t off[K_N], n[K_N]; /* each component's bytes within ENC */
    char tag[K_N];
} ev_key;

typedef struct {
    json_t *v;
    ev_key k;
    const char *src; /* input name, owned by the at_eval */
    size_t line;
} ev_rec;

typedef struct {
    ev_rec *a;
    size_t n, cap;
} ev_recs;

/* Open-addressing map from byte strings (copied) to an index. */
typedef struct {
    char *k; /* NULL = empty slot */
    size_t n;
    uint64_t h;
    size_t v;
} ev_slot;

typedef struct {
    ev_slot *s;
    size_t cap, len;
} ev_map;

typedef struct {
    size_t *a;
    size_t n, cap;
} ev_idx;

struct at_eval {
    ev_recs gold, pred;
    ev_map corpus, only;
    bool has_corpus, has_only;
    char **names;
    size_t nnames;
    /* Results of the last at_eval_run. */
    bool ran;
    ev_map required, optional, predicted; /* key -> gold index / group */
    ev_idx *groups;   /* per predicted key: its predictions, in order */
    size_t ngroups;
    ev_idx tp, fp;    /* group indices */
    ev_idx fn;        /* gold indices */
    at_eval_score score;
};

/* The key of group G (its first prediction's). */
static inline const ev_rec *ev_group_first(const at_eval *e, size_t g)
{
    return &e->pred.a[e->groups[g].a[0]];
}

/* Python's order of the key tuples: component by component, strings in
 * code point order (= UTF-8 byte order). */
int ev_key_cmp(const ev_key *a, const ev_key *b);

#endif
