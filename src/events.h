/* events.h: reconciling the claims of one (supplier, recipient, category)
 * group into events. Pure: claims in, events out, no database; the store
 * feeds it and keeps the result (store_events.c). */
#ifndef AT_EVENTS_H
#define AT_EVENTS_H

#include "armstrace.h"

/* Claims whose times are further apart than this are different events
 * (a transfer that resumes after a year is reported as a new one). */
#define EVENT_GAP_DAYS 365

/* One claim as reconciliation sees it: the claim's fields and its
 * document's id, date and origin (the first document id of its
 * shared-passage cluster). Strings are borrowed; "" or NULL for none. */
typedef struct {
    int64_t claim_id; /* the caller's, handed back untouched */
    const char *doc_id, *doc_date, *origin;
    const char *system, *source;
    at_stage stage;
    at_factuality fact;
    at_certainty cert;
    uint32_t sentence;
    char date_start[AT_DATE_MAX], date_end[AT_DATE_MAX];
    bool has_qmin, has_qmax; /* only counts of items (no unit) */
    int64_t qmin, qmax;
} ev_claim;

/* One event with its members. EV.id and EV.systems point into the event. */
typedef struct {
    at_event ev;
    char id[24];
    uint64_t hash;         /* the id's, before it is written out */
    char *systems;
    size_t *member;        /* indexes into the input claims */
    at_event_role *role;   /* and how each stands to the event */
    size_t nmember, capmember;
} ev_event;

typedef struct {
    ev_event *events;
    size_t n, cap;
} ev_result;

/* Reconcile the N claims of one group into *OUT (emptied first). The
 * result is a function of the set of claims: their order does not matter.
 * AT_ENOMEM on allocation failure. */
at_status events_reconcile(const char *supplier, const char *recipient,
                           at_category category, const ev_claim *claims,
                           size_t n, ev_result *out);
void events_result_free(ev_result *r);

/* The confidence of an event whose supporting claims come from origins
 * with best certainties BEST[0..NORIGIN) and whose contradicting claims
 * come from NCONTRA distinct origins (README, "Confidence"). */
double events_confidence(const at_certainty *best, size_t norigin, size_t ncontra);

#endif
