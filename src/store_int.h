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

struct at_store {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    bool in_batch;
    char path[256];
    char now[24]; /* ingested_at for the current batch */
};

/* Fill *ERR with CODE, the database path and "WHAT: sqlite's message". */
at_status store_fail(at_store *s, at_error *err, at_status code,
                     const char *what);
/* Fill *ERR with a message of our own. */
at_status store_fail_msg(const char *path, at_error *err, at_status code,
                         const char *msg);

#endif
