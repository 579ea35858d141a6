/* store.c: the SQLite store: opening (schema creation and version check),
 * batches, and writing documents with their claims. Queries (claims
 * listing, full-text search, counts) are in store_query.c; shared
 * passages and events in store_passages.c and store_events*.c. The schema
 * is below; PRAGMA user_version holds its version, application_id marks
 * the file as ours. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store_int.h"

#define APP_ID 0x41545243 /* "ATRC" */

/* Version 1. Names of categories, stages... are stored as the spec's
 * words, not enum numbers, so the file reads on its own and survives enum
 * reordering. Party columns compare case-insensitively (RUS = rus), and
 * their indexes do too. Empty strings are NULL, except in a claim's
 * optional groups (quantity, date, source), where a non-NULL column says
 * the group is present. */
static const char schema[] =
    "CREATE TABLE documents("
    " rowid INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " hash TEXT NOT NULL,"
    " date TEXT, outlet TEXT, url TEXT, title TEXT,"
    " text TEXT NOT NULL,"
    " bytes INTEGER NOT NULL,"
    " ingested_at TEXT NOT NULL,"
    " extractor TEXT NOT NULL);"
    "CREATE INDEX documents_date ON documents(date);"
    "CREATE TABLE claims("
    " id INTEGER PRIMARY KEY,"
    " doc_rowid INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,"
    " supplier TEXT COLLATE NOCASE, recipient TEXT COLLATE NOCASE,"
    " category TEXT NOT NULL, stage TEXT NOT NULL,"
    " factuality TEXT NOT NULL, certainty TEXT NOT NULL,"
    " system TEXT,"
    " qty_min INTEGER, qty_max INTEGER, qty_approx INTEGER,"
    " qty_unit TEXT, qty_text TEXT,"
    " date_start TEXT, date_end TEXT, date_text TEXT,"
    " source_name TEXT, source_actor TEXT COLLATE NOCASE,"
    " sentence INTEGER NOT NULL, ev_start INTEGER NOT NULL,"
    " ev_end INTEGER NOT NULL, evidence TEXT NOT NULL,"
    " mentions INTEGER NOT NULL);"
    "CREATE INDEX claims_doc ON claims(doc_rowid);"
    /* reconciling claims across documents groups by this key */
    "CREATE INDEX claims_key ON claims(supplier, recipient, category);"
    "CREATE INDEX claims_recipient ON claims(recipient);"
    "CREATE INDEX claims_category ON claims(category, stage, factuality);"
    "CREATE INDEX claims_stage ON claims(stage, factuality);"
    "CREATE INDEX claims_date ON claims(date_start);"
    /* external content: the text is stored once, in documents; the
     * triggers keep the index in step on insert, delete and update */
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text,"
    " content='documents', content_rowid='rowid');"
    "INSERT INTO documents_fts(documents_fts, rank) VALUES('rank', 'bm25(2.0, 1.0)');"
    "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN"
    " INSERT INTO documents_fts(rowid, title, text)"
    " VALUES(new.rowid, new.title, new.text); END;"
    "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN"
    " INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    " VALUES('delete', old.rowid, old.title, old.text); END;"
    "CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN"
    " INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    " VALUES('delete', old.rowid, old.title, old.text);"
    " INSERT INTO documents_fts(rowid, title, text)"
    " VALUES(new.rowid, new.title, new.text); END;";

/* Migrations from version i to i+1, applied in order within one
 * transaction; a new file gets the version 1 schema and then each of
 * them, so there is one definition of every table.
 *
 * Version 2: shared passages and events. A document's origin is the
 * smallest document id of its shared-passage cluster (ids, unlike rowids,
 * do not depend on ingest order); it lives in doc_origins with the size
 * of the document's passage sample, not in documents, because updating a
 * documents row rewrites its text. passages holds a sample of each
 * document's shingle hashes (src/passages.c), links the pairs of
 * documents that share enough of them (a < b by rowid); events are the
 * reconciled claims (src/events.c), precomputed so that listing them is
 * an indexed SELECT, with event_claims tying each to its claims. */
static const char *const migrations[] = {
    "CREATE TABLE doc_origins("
    " doc_rowid INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,"
    " origin TEXT NOT NULL,"
    " passages INTEGER NOT NULL);"
    /* one b-tree, no foreign key: every document adds a hundred rows, and
     * a replaced document's rows are found again from its text */
    "CREATE TABLE passages("
    " hash INTEGER NOT NULL,"
    " doc_rowid INTEGER NOT NULL,"
    " PRIMARY KEY(hash, doc_rowid)) WITHOUT ROWID;"
    "CREATE TABLE links("
    " a INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,"
    " b INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,"
    " shared INTEGER NOT NULL, PRIMARY KEY(a, b)) WITHOUT ROWID;"
    "CREATE INDEX links_b ON links(b);"
    "CREATE TABLE events("
    " rowid INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " supplier TEXT NOT NULL COLLATE NOCASE, recipient TEXT NOT NULL COLLATE NOCASE,"
    " category TEXT NOT NULL, systems TEXT NOT NULL,"
    " stage TEXT," /* NULL: no claimed report */
    " intent_first TEXT, negotiating_first TEXT, agreed_first TEXT,"
    " delivered_first TEXT, used_first TEXT,"
    " qty_min INTEGER, qty_max INTEGER,"
    " date_start TEXT, date_end TEXT, first_report TEXT, last_report TEXT,"
    " reports INTEGER NOT NULL, documents INTEGER NOT NULL,"
    " origins INTEGER NOT NULL, sources INTEGER NOT NULL,"
    " contradictions INTEGER NOT NULL, hypothetical INTEGER NOT NULL,"
    " confidence REAL NOT NULL);"
    /* listings come by confidence, then id: every filter has an index in
     * that order, so a LIMIT stops early */
    "CREATE INDEX events_order ON events(confidence DESC, id);"
    "CREATE INDEX events_supplier ON events(supplier, confidence DESC, id);"
    "CREATE INDEX events_recipient ON events(recipient, confidence DESC, id);"
    "CREATE INDEX events_category ON events(category, confidence DESC, id);"
    "CREATE INDEX events_stage ON events(stage, confidence DESC, id);"
    "CREATE INDEX events_group ON events(supplier, recipient, category);"
    "CREATE INDEX events_supplier_stage ON events(supplier, stage, confidence DESC, id);"
    "CREATE INDEX events_recipient_stage ON events(recipient, stage, confidence DESC, id);"
    "CREATE INDEX events_supplier_cat ON events(supplier, category, confidence DESC, id);"
    "CREATE INDEX events_recipient_cat ON events(recipient, category, confidence DESC, id);"
    "CREATE TABLE event_claims("
    " event_rowid INTEGER NOT NULL REFERENCES events(rowid) ON DELETE CASCADE,"
    " claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,"
    " role TEXT NOT NULL," /* support, hypothetical, contradict */
    " PRIMARY KEY(event_rowid, claim_id)) WITHOUT ROWID;"
    "CREATE INDEX event_claims_claim ON event_claims(claim_id);"
    /* flags of the derived tables: 'events_stale' while documents were
     * put with events off (at_store_set_events) and no rebuild followed */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;",
    NULL};

static const char *const sql[ST_COUNT] = {
    [ST_FIND_DOC] = "SELECT rowid, hash FROM documents WHERE id = ?1",
    [ST_DEL_DOC] = "DELETE FROM documents WHERE rowid = ?1",
    [ST_INS_DOC] = "INSERT INTO documents(id, hash, date, outlet, url, title,"
                   " text, bytes, ingested_at, extractor)"
                   " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [ST_INS_CLAIM] = "INSERT INTO claims(doc_rowid, supplier, recipient,"
                     " category, stage, factuality, certainty, system,"
                     " qty_min, qty_max, qty_approx, qty_unit, qty_text,"
                     " date_start, date_end, date_text, source_name,"
                     " source_actor, sentence, ev_start, ev_end, evidence,"
                     " mentions) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                     " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
                     " ?21, ?22, ?23)",
    [ST_SAVEPOINT] = "SAVEPOINT at_put",
    [ST_RELEASE] = "RELEASE at_put",
    [ST_ROLLBACK_TO] = "ROLLBACK TO at_put",
};

/* MARK: - Errors */

at_status store_fail_msg(const char *path, at_error *err, at_status code,
                         const char *msg)
{
    if (err) {
        err->code = code;
        snprintf(err->file, sizeof err->file, "%s", path ? path : "");
        err->line = 0;
        snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
    return code;
}

at_status store_fail(at_store *s, at_error *err, at_status code,
                     const char *what)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s: %s", what, sqlite3_errmsg(s->db));
    return store_fail_msg(s->path, err, code, msg);
}

/* MARK: - Opening */

static int pragma_int(sqlite3 *db, const char *q, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, q, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static at_status create_schema(at_store *s, at_error *err)
{
    char *emsg = NULL;
    char q[96];
    snprintf(q, sizeof q, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
             AT_STORE_SCHEMA, APP_ID);
    int done = sqlite3_exec(s->db, schema, NULL, NULL, &emsg);
    for (int v = 1; done == SQLITE_OK && v < AT_STORE_SCHEMA; v++)
        done = sqlite3_exec(s->db, migrations[v - 1], NULL, NULL, &emsg);
    if (done != SQLITE_OK || sqlite3_exec(s->db, q, NULL, NULL, &emsg) != SQLITE_OK) {
        at_status rc = store_fail_msg(s->path, err, AT_EDB, emsg ? emsg : "creating the schema");
        sqlite3_free(emsg);
        return rc;
    }
    return AT_OK;
}

/* Bring the schema to AT_STORE_SCHEMA, creating it in an empty file when
 * CREATE. Runs in one IMMEDIATE transaction so two processes opening the
 * same new file do not both create it. */
static at_status check_schema(at_store *s, bool create, at_error *err)
{
    int version = 0, app = 0, tables = 0;
    if (pragma_int(s->db, "PRAGMA user_version", &version) != SQLITE_OK ||
        pragma_int(s->db, "PRAGMA application_id", &app) != SQLITE_OK ||
        pragma_int(s->db, "SELECT count(*) FROM sqlite_master", &tables) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "not a readable database");
    if (version == AT_STORE_SCHEMA && app == APP_ID)
        return AT_OK;
    if (tables > 0 && app != APP_ID)
        return store_fail_msg(s->path, err, AT_EDB, "not an armstrace database");
    if (version > AT_STORE_SCHEMA) {
        char msg[128];
        snprintf(msg, sizeof msg, "database schema version %d is newer than this "
                 "armstrace supports (%d)", version, AT_STORE_SCHEMA);
        return store_fail_msg(s->path, err, AT_EDB, msg);
    }
    if (tables == 0 && !create)
        return store_fail_msg(s->path, err, AT_EDB, "empty database (not an armstrace database)");
    if (tables > 0 && (version < 1 || migrations[version - 1] == NULL)) {
        char msg[128];
        snprintf(msg, sizeof msg, "database schema version %d cannot be upgraded "
                 "to %d", version, AT_STORE_SCHEMA);
        return store_fail_msg(s->path, err, AT_EDB, msg);
    }
    /* WAL cannot be switched on inside a transaction; it sticks to the file */
    if (tables == 0 &&
        sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "switching to WAL");
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "locking the database");
    at_status rc = AT_OK;
    /* someone may have created it while we waited for the lock */
    if (pragma_int(s->db, "PRAGMA user_version", &version) != SQLITE_OK)
        rc = store_fail(s, err, AT_EDB, "reading the schema version");
    else if (version == 0)
        rc = create_schema(s, err);
    else {
        int from = version;
        for (; rc == AT_OK && version < AT_STORE_SCHEMA; version++) {
            char *emsg = NULL;
            if (sqlite3_exec(s->db, migrations[version - 1], NULL, NULL, &emsg) != SQLITE_OK)
                rc = store_fail_msg(s->path, err, AT_EDB, emsg ? emsg : "migrating");
            sqlite3_free(emsg);
        }
        /* version 2 derives passages and events from what is stored */
        if (rc == AT_OK && from < 2)
            rc = store_derived_rebuild(s, err);
        if (rc == AT_OK) {
            char q[64];
            snprintf(q, sizeof q, "PRAGMA user_version = %d", AT_STORE_SCHEMA);
            if (sqlite3_exec(s->db, q, NULL, NULL, NULL) != SQLITE_OK)
                rc = store_fail(s, err, AT_EDB, "setting the schema version");
        }
    }
    if (rc == AT_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = store_fail(s, err, AT_EDB, "committing the schema");
    if (rc != AT_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

at_store *at_store_open(const char *path, bool create, at_error *err)
{
    struct stat sb;
    if (!create && stat(path, &sb) != 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "no such database (%s)", strerror(errno));
        store_fail_msg(path, err, AT_EIO, msg);
        return NULL;
    }
    at_store *s = calloc(1, sizeof *s);
    if (!s) {
        store_fail_msg(path, err, AT_ENOMEM, "out of memory");
        return NULL;
    }
    snprintf(s->path, sizeof s->path, "%s", path);
    /* never CREATE for reads: a mistyped path must not leave an empty
     * file. NOMUTEX: a store is used by one thread at a time (header). */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        store_fail(s, err, AT_EIO, "cannot open database");
        at_store_close(s);
        return NULL;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 10000);
    /* NORMAL is durable enough under WAL: a crash loses at most the last
     * commits, never consistency. Each put's savepoint journals the pages
     * it touches; in a temp file that cost 30 writes per document. */
    if (sqlite3_exec(s->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
                     " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768", NULL, NULL, NULL) != SQLITE_OK) {
        store_fail(s, err, AT_EDB, "cannot configure database");
        at_store_close(s);
        return NULL;
    }
    if (check_schema(s, create, err) != AT_OK) {
        at_store_close(s);
        return NULL;
    }
    for (int i = 0; i < ST_COUNT; i++)
        if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &s->st[i], NULL) != SQLITE_OK) {
            store_fail(s, err, AT_EDB, "preparing statements");
            at_store_close(s);
            return NULL;
        }
    return s;
}

void at_store_close(at_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    store_events_close(s);
    /* an open batch is rolled back by the close */
    sqlite3_close(s->db);
    free(s);
}

/* MARK: - Batches */

static void stamp_now(at_store *s)
{
    time_t t = time(NULL);
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(s->now, sizeof s->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else
        snprintf(s->now, sizeof s->now, "%lld", (long long)t);
}

at_status at_store_begin(at_store *s, at_error *err)
{
    if (s->in_batch)
        return store_fail_msg(s->path, err, AT_EINVAL, "a batch is already open");
    /* IMMEDIATE takes the write lock now, so the batch cannot fail with
     * SQLITE_BUSY halfway through */
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "beginning a batch");
    s->in_batch = true;
    stamp_now(s);
    return AT_OK;
}

at_status at_store_commit(at_store *s, at_error *err)
{
    if (!s->in_batch)
        return store_fail_msg(s->path, err, AT_EINVAL, "no batch is open");
    /* events are brought up to date inside the transaction, so a crash
     * never leaves claims without their events */
    at_status ev = store_events_flush(s, err);
    if (ev != AT_OK) {
        at_store_rollback(s);
        return ev;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        at_status rc = store_fail(s, err, AT_EDB, "committing a batch");
        at_store_rollback(s);
        return rc;
    }
    s->in_batch = false;
    return AT_OK;
}

void at_store_rollback(at_store *s)
{
    if (s && s->in_batch) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->in_batch = false;
    }
    if (s) {
        store_events_reset(s);
        s->marked_stale = false;
    }
}

/* MARK: - Writing */

static uint64_t fnv1a(uint64_t h, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void at_store_hash(const at_doc *doc, char out[AT_HASH_MAX])
{
    /* 0xff never occurs in UTF-8, so it separates fields unambiguously */
    const at_slice f[] = {doc->text, doc->date, doc->outlet, doc->url, doc->title};
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        h = fnv1a(h, f[i].ptr ? f[i].ptr : "", f[i].ptr ? f[i].len : 0);
        h = fnv1a(h, "\xff", 1);
    }
    snprintf(out, AT_HASH_MAX, "%016llx", (unsigned long long)h);
}

/* Empty -> NULL: for document fields and party codes. */
static int bind_opt(sqlite3_stmt *st, int i, const char *p, size_t n)
{
    if (!p || n == 0)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text64(st, i, p, n, SQLITE_STATIC, SQLITE_UTF8);
}

/* Always text, "" when empty: the column's presence means something. */
static int bind_str(sqlite3_stmt *st, int i, const char *p, size_t n)
{
    return sqlite3_bind_text64(st, i, p && n ? p : "", p ? n : 0, SQLITE_STATIC,
                               SQLITE_UTF8);
}

static int bind_slice_str(sqlite3_stmt *st, int i, at_slice sl)
{
    return bind_str(st, i, sl.ptr, sl.ptr ? sl.len : 0);
}

/* Run a statement that returns no rows; SQLITE_DONE on success. */
int store_run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

/* The document's rowid and whether its hash equals HASH; 0 when absent. */
static at_status find_doc(at_store *s, at_slice id, const char *hash,
                          sqlite3_int64 *rowid, bool *same, at_error *err)
{
    sqlite3_stmt *st = s->st[ST_FIND_DOC];
    *rowid = 0;
    *same = false;
    bind_opt(st, 1, id.ptr, id.len);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *rowid = sqlite3_column_int64(st, 0);
        const unsigned char *h = sqlite3_column_text(st, 1);
        *same = h && !strcmp((const char *)h, hash);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(s, err, AT_EDB, "looking up a document");
    return AT_OK;
}

at_status at_store_has(at_store *s, const at_doc *doc, bool *found,
                       at_error *err)
{
    char hash[AT_HASH_MAX];
    sqlite3_int64 rowid;
    at_store_hash(doc, hash);
    return find_doc(s, doc->id, hash, &rowid, found, err);
}

static int party(sqlite3_stmt *st, int i, const char *code)
{
    return bind_opt(st, i, code, strlen(code));
}

static at_status insert_claim(at_store *s, const at_doc *doc, sqlite3_int64 docrow,
                              const at_claim *c, at_error *err)
{
    if (c->start > c->end || c->end > doc->text.len)
        return store_fail_msg(s->path, err, AT_EINVAL,
                              "claim evidence offsets lie outside the document");
    sqlite3_stmt *st = s->st[ST_INS_CLAIM];
    sqlite3_bind_int64(st, 1, docrow);
    party(st, 2, c->supplier);
    party(st, 3, c->recipient);
    sqlite3_bind_text(st, 4, at_category_name(c->category), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, at_stage_name(c->stage), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, at_factuality_name(c->factuality), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, at_certainty_name(c->certainty), -1, SQLITE_STATIC);
    if (c->system)
        sqlite3_bind_text(st, 8, c->system, -1, SQLITE_STATIC);
    if (c->has_quantity) {
        const at_quantity *q = &c->quantity;
        if (q->has_min)
            sqlite3_bind_int64(st, 9, q->min);
        if (q->has_max)
            sqlite3_bind_int64(st, 10, q->max);
        sqlite3_bind_int(st, 11, q->approx);
        bind_opt(st, 12, q->unit, strlen(q->unit));
        bind_slice_str(st, 13, q->text);
    }
    if (c->has_date) {
        bind_str(st, 14, c->date_start, strlen(c->date_start));
        bind_str(st, 15, c->date_end, strlen(c->date_end));
        bind_slice_str(st, 16, c->date_text);
    }
    if (c->has_source) {
        bind_slice_str(st, 17, c->source_name);
        party(st, 18, c->source_actor);
    }
    sqlite3_bind_int64(st, 19, c->sentence);
    sqlite3_bind_int64(st, 20, c->start);
    sqlite3_bind_int64(st, 21, c->end);
    bind_str(st, 22, doc->text.ptr + c->start, c->end - c->start);
    sqlite3_bind_int64(st, 23, c->mentions);
    if (store_run(st) != SQLITE_DONE)
        return store_fail(s, err, AT_EDB, "storing a claim");
    return AT_OK;
}

static at_status insert_doc(at_store *s, const at_doc *doc, const char *hash,
                            const char *extractor, sqlite3_int64 *rowid,
                            at_error *err)
{
    sqlite3_stmt *st = s->st[ST_INS_DOC];
    bind_opt(st, 1, doc->id.ptr, doc->id.len);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    bind_opt(st, 3, doc->date.ptr, doc->date.len);
    bind_opt(st, 4, doc->outlet.ptr, doc->outlet.len);
    bind_opt(st, 5, doc->url.ptr, doc->url.len);
    bind_opt(st, 6, doc->title.ptr, doc->title.len);
    bind_slice_str(st, 7, doc->text);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)doc->text.len);
    sqlite3_bind_text(st, 9, s->now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, extractor ? extractor : "", -1, SQLITE_STATIC);
    if (store_run(st) != SQLITE_DONE)
        return store_fail(s, err, AT_EDB, "storing a document");
    *rowid = sqlite3_last_insert_rowid(s->db);
    return AT_OK;
}

at_status at_store_put(at_store *s, const at_doc *doc, const at_claim *claims,
                       size_t n, const char *extractor,
                       at_put_result *result, at_error *err)
{
    if (!doc->id.ptr || doc->id.len == 0)
        return store_fail_msg(s->path, err, AT_EINVAL, "document without an id");
    char hash[AT_HASH_MAX];
    at_store_hash(doc, hash);
    if (!s->in_batch)
        stamp_now(s);
    /* outside a batch the savepoint is the transaction itself */
    if (store_run(s->st[ST_SAVEPOINT]) != SQLITE_DONE)
        return store_fail(s, err, AT_EDB, "starting a document");
    sqlite3_int64 old = 0, rowid = 0;
    bool same = false;
    at_status rc = find_doc(s, doc->id, hash, &old, &same, err);
    /* with events off, passages and events are left to a rebuild, which
     * the database then asks for */
    if (rc == AT_OK && !same && s->events_off)
        rc = store_mark_stale(s, err);
    if (rc == AT_OK && old && !same && !s->events_off) {
        /* the old claims' groups lose them; the old passages' neighbours
         * may fall apart into clusters of their own */
        rc = store_touch_doc(s, old, err);
        if (rc == AT_OK)
            rc = store_passages_unlink(s, old, err);
    }
    if (rc == AT_OK && old && !same) {
        /* claims go by cascade, the FTS row by trigger */
        sqlite3_stmt *del = s->st[ST_DEL_DOC];
        sqlite3_bind_int64(del, 1, old);
        if (store_run(del) != SQLITE_DONE)
            rc = store_fail(s, err, AT_EDB, "replacing a document");
    }
    if (rc == AT_OK && !same) {
        rc = insert_doc(s, doc, hash, extractor, &rowid, err);
        for (size_t i = 0; rc == AT_OK && i < n; i++)
            rc = insert_claim(s, doc, rowid, &claims[i], err);
        if (rc == AT_OK && !s->events_off)
            rc = store_passages_put(s, rowid, doc->id, doc->text.ptr, doc->text.len, err);
        if (rc == AT_OK)
            store_touch_claims(s, claims, n);
        /* outside a batch this put is the transaction: events now */
        if (rc == AT_OK && !s->in_batch)
            rc = store_events_flush(s, err);
    }
    if (rc != AT_OK) {
        store_run(s->st[ST_ROLLBACK_TO]);
        s->marked_stale = false;
        if (!s->in_batch)
            store_events_reset(s);
    }
    if (store_run(s->st[ST_RELEASE]) != SQLITE_DONE && rc == AT_OK)
        rc = store_fail(s, err, AT_EDB, "committing a document");
    if (rc == AT_OK && result)
        *result = same ? AT_PUT_UNCHANGED : old ? AT_PUT_REPLACED : AT_PUT_ADDED;
    return rc;
}
