/* store_int.h: what the store's files share: the connection with its
 * prepared statements, and error helpers. Internal: only src/store*.c
 * include it (they are the only files that see sqlite3.h). */
#ifndef AT_STORE_INT_H
#define AT_STORE_INT_H

#include <sqlite3.h>

#include "armstrace.h"

/* Statements prepared once at open and reused for every document. */
enum {
    ST_FIND_DOC,  /* rowid, hash of a document id */
    ST_DEL_DOC,   /* by rowid; claims and FTS rows follow (cascade, trigger) */
    ST_INS_DOC,
    ST_INS_CLAIM,
    ST_SAVEPOINT, /* one per put: a document is all-or-nothing in a batch */
    ST_RELEASE,
    ST_ROLLBACK_TO,
    ST_COUNT
};

/* Statements of the passages and events code (store_passages.c,
 * store_events.c), prepared on first use: the schema upgrade needs them
 * before the statements above exist. */
enum {
    XS_PASS_FIND,    /* documents holding any of a JSON array of hashes */
    XS_PASS_INS,     /* one hash of a document */
    XS_PASS_DEL,     /* the same, when the document goes */
    XS_DOC_TEXT,
    XS_PASS_COUNT,   /* a document's sample size and origin */
    XS_ORIGIN_INS,   /* a document's origin and sample size */
    XS_DOC_SET_ORIGIN,
    XS_LINK_INS,
    XS_LINK_NEIGHBOURS,
    XS_CLUSTER,      /* rowid, id, origin of each member of a cluster */
    XS_DOC_GROUPS,   /* the reconciled groups of a document's claims */
    XS_GROUP_CLAIMS, /* the claims of one group, for reconciling */
    XS_GROUP_DEL,    /* the events of one group */
    XS_EVENT_INS,
    XS_EVCLAIM_INS,
    XS_COUNT
};

/* A (supplier, recipient, category) group whose events are out of date. */
typedef struct {
    char supplier[AT_PARTY_MAX], recipient[AT_PARTY_MAX];
    char category[24];
} store_group;

struct at_store {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    bool in_batch;
    char path[256];
    char now[24]; /* ingested_at for the current batch */
    sqlite3_stmt *xst[XS_COUNT];
    bool events_off;
    bool marked_stale;    /* this connection set meta 'events_stale' */
    store_group *touched; /* groups to reconcile before the commit */
    size_t ntouched, captouched;
    int64_t *stale;       /* documents whose shared-passage cluster may */
    size_t nstale, capstale; /* have split (their neighbour was replaced) */
    struct passages_state *pass;
};

/* Fill *ERR with CODE, the database path and "WHAT: sqlite's message". */
at_status store_fail(at_store *s, at_error *err, at_status code,
                     const char *what);
/* Fill *ERR with a message of our own. */
at_status store_fail_msg(const char *path, at_error *err, at_status code,
                         const char *msg);

/* The statement XS_* WHICH, prepared on first use; NULL with *ERR set. */
sqlite3_stmt *store_xstmt(at_store *s, int which, at_error *err);
/* Step a statement that returns no rows, then reset it; SQLITE_DONE on
 * success. */
int store_run(sqlite3_stmt *st);

/* store_passages.c: before document ROWID is deleted (replaced), note its
 * neighbours; after a document is inserted, sample its passages, link it
 * to the documents it shares passages with and bring the origins of the
 * clusters involved up to date (touching the groups whose claims' origins
 * changed). store_passages_all does it for every document (upgrade). */
at_status store_passages_unlink(at_store *s, int64_t rowid, at_error *err);
at_status store_passages_put(at_store *s, int64_t rowid, at_slice id,
                             const char *text, size_t len, at_error *err);
at_status store_passages_all(at_store *s, at_error *err);
void store_passages_free(at_store *s);

/* store_events.c: mark groups out of date (those of CLAIMS, or of a stored
 * document's claims); reconcile the marked groups (before a commit);
 * forget the marks (rollback); free what the store holds for both. */
void store_touch_claims(at_store *s, const at_claim *claims, size_t n);
at_status store_touch_doc(at_store *s, int64_t rowid, at_error *err);
at_status store_events_flush(at_store *s, at_error *err);
at_status store_events_rebuild(at_store *s, at_error *err);
/* Passages, links, origins and events recomputed from the documents and
 * claims, and the stale mark cleared; store_mark_stale sets the mark
 * (once per connection) when a put skips them. */
at_status store_derived_rebuild(at_store *s, at_error *err);
at_status store_mark_stale(at_store *s, at_error *err);
void store_events_reset(at_store *s);
void store_events_close(at_store *s);

/* The claim columns read_claim-style readers expect, from claims c joined
 * with documents d, and the reader (store_query.c): false when a stored
 * name is unknown or the evidence lies outside the text. */
#define STORE_CLAIM_COLUMNS                                                 \
    "d.id, d.text, d.date, d.outlet, d.url, d.title,"                       \
    " c.supplier, c.recipient, c.category, c.stage, c.factuality,"          \
    " c.certainty, c.system, c.qty_min, c.qty_max, c.qty_approx,"           \
    " c.qty_unit, c.qty_text, c.date_start, c.date_end, c.date_text,"       \
    " c.source_name, c.source_actor, c.sentence, c.ev_start, c.ev_end,"     \
    " c.mentions"
#define STORE_CLAIM_NCOL 27
bool store_read_claim(sqlite3_stmt *st, at_doc *doc, at_claim *c);

#endif
