/* store_events.c: keeping events in step with claims. Puts mark the
 * (supplier, recipient, category) groups they change; before the
 * transaction commits, each marked group's events are deleted and made
 * again from all of its claims (events.c), so events never lag behind the
 * claims on disk. Queries over events are in store_events_query.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "events.h"
#include "store_int.h"

/* Columns of a claim as reconciliation needs it, with its document. */
#define GROUP_SELECT                                                          \
    "SELECT c.id, c.supplier, c.recipient, c.category, d.id, d.date,"         \
    " coalesce(o.origin, d.id), c.system, c.source_name, c.stage, c.factuality, c.certainty," \
    " c.sentence, c.date_start, c.date_end, c.qty_min, c.qty_max,"            \
    " c.qty_unit, c.qty_approx"                                               \
    " FROM claims c JOIN documents d ON d.rowid = c.doc_rowid"                \
    " LEFT JOIN doc_origins o ON o.doc_rowid = c.doc_rowid"
/* Claims without both parties, or about money, make no events. */
#define RECONCILED                                                            \
    "c.supplier IS NOT NULL AND c.recipient IS NOT NULL"                      \
    " AND c.category NOT IN ('economic', 'none')"

static const char *const xsql[XS_COUNT] = {
    /* a document's whole sample in one probe; its rows go one by one
     * (measured: a json_each insert is no faster) */
    [XS_PASS_FIND] = "SELECT p.hash, p.doc_rowid"
                     " FROM json_each(?1) j JOIN passages p ON p.hash = j.value",
    [XS_PASS_COUNT] = "SELECT passages, origin FROM doc_origins WHERE doc_rowid = ?1",
    [XS_PASS_INS] = "INSERT INTO passages(hash, doc_rowid) VALUES(?1, ?2)",
    [XS_PASS_DEL] = "DELETE FROM passages WHERE doc_rowid = ?2"
                    " AND hash IN (SELECT value FROM json_each(?1))",
    [XS_DOC_TEXT] = "SELECT text FROM documents WHERE rowid = ?1",
    [XS_ORIGIN_INS] = "INSERT OR REPLACE INTO doc_origins(doc_rowid, origin, passages)"
                      " VALUES(?1, ?2, ?3)",
    [XS_DOC_SET_ORIGIN] = "UPDATE doc_origins SET origin = ?1 WHERE doc_rowid = ?2",
    [XS_LINK_INS] = "INSERT OR REPLACE INTO links(a, b, shared) VALUES(?1, ?2, ?3)",
    [XS_LINK_NEIGHBOURS] = "SELECT b FROM links WHERE a = ?1"
                           " UNION ALL SELECT a FROM links WHERE b = ?1",
    [XS_CLUSTER] = "WITH RECURSIVE c(r) AS (VALUES(?1)"
                   " UNION SELECT l.b FROM links l JOIN c ON l.a = c.r"
                   " UNION SELECT l.a FROM links l JOIN c ON l.b = c.r)"
                   " SELECT c.r, d.id, coalesce(o.origin, '') FROM c"
                   " JOIN documents d ON d.rowid = c.r"
                   " LEFT JOIN doc_origins o ON o.doc_rowid = c.r",
    [XS_DOC_GROUPS] = "SELECT DISTINCT c.supplier, c.recipient, c.category FROM claims c"
                      " WHERE c.doc_rowid = ?1 AND " RECONCILED,
    [XS_GROUP_CLAIMS] = GROUP_SELECT " WHERE c.supplier = ?1 AND c.recipient = ?2"
                        " AND c.category = ?3",
    [XS_GROUP_DEL] = "DELETE FROM events WHERE supplier = ?1 AND recipient = ?2"
                     " AND category = ?3",
    [XS_EVENT_INS] = "INSERT INTO events(id, supplier, recipient, category, systems,"
                     " stage, intent_first, negotiating_first, agreed_first,"
                     " delivered_first, used_first, qty_min, qty_max, date_start,"
                     " date_end, first_report, last_report, reports, documents,"
                     " origins, sources, contradictions, hypothetical, confidence)"
                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                     " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    [XS_EVCLAIM_INS] = "INSERT INTO event_claims(event_rowid, claim_id, role)"
                       " VALUES(?1, ?2, ?3)",
};

sqlite3_stmt *store_xstmt(at_store *s, int which, at_error *err)
{
    if (!s->xst[which] &&
        sqlite3_prepare_v3(s->db, xsql[which], -1, SQLITE_PREPARE_PERSISTENT,
                           &s->xst[which], NULL) != SQLITE_OK) {
        store_fail(s, err, AT_EDB, "preparing a statement");
        return NULL;
    }
    return s->xst[which];
}

/* MARK: - Marking groups */

static void touch(at_store *s, const char *sup, const char *rec, const char *cat)
{
    for (size_t i = 0; i < s->ntouched; i++) {
        const store_group *g = &s->touched[i];
        if (!strcasecmp(g->supplier, sup) && !strcasecmp(g->recipient, rec) &&
            !strcmp(g->category, cat))
            return;
    }
    if (s->ntouched == s->captouched) {
        size_t cap = s->captouched ? s->captouched * 2 : 64;
        store_group *g = realloc(s->touched, cap * sizeof *g);
        if (!g) {
            /* cannot remember the group: rebuild everything instead */
            s->ntouched = (size_t)-1;
            return;
        }
        s->touched = g;
        s->captouched = cap;
    }
    store_group *g = &s->touched[s->ntouched++];
    snprintf(g->supplier, sizeof g->supplier, "%s", sup);
    snprintf(g->recipient, sizeof g->recipient, "%s", rec);
    snprintf(g->category, sizeof g->category, "%s", cat);
}

static bool overflowed(const at_store *s) { return s->ntouched == (size_t)-1; }

void store_touch_claims(at_store *s, const at_claim *claims, size_t n)
{
    for (size_t i = 0; i < n && !s->events_off && !overflowed(s); i++) {
        const at_claim *c = &claims[i];
        if (c->supplier[0] && c->recipient[0] && c->category != AT_CAT_NONE &&
            c->category != AT_CAT_ECONOMIC)
            touch(s, c->supplier, c->recipient, at_category_name(c->category));
    }
}

at_status store_touch_doc(at_store *s, int64_t rowid, at_error *err)
{
    if (s->events_off || overflowed(s))
        return AT_OK;
    sqlite3_stmt *st = store_xstmt(s, XS_DOC_GROUPS, err);
    if (!st)
        return AT_EDB;
    sqlite3_bind_int64(st, 1, rowid);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW && !overflowed(s))
        touch(s, (const char *)sqlite3_column_text(st, 0),
              (const char *)sqlite3_column_text(st, 1),
              (const char *)sqlite3_column_text(st, 2));
    sqlite3_reset(st);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return store_fail(s, err, AT_EDB, "reading a document's claims");
    return AT_OK;
}

void store_events_reset(at_store *s)
{
    s->ntouched = 0;
    s->nstale = 0;
}

void store_events_close(at_store *s)
{
    for (int i = 0; i < XS_COUNT; i++)
        sqlite3_finalize(s->xst[i]);
    free(s->touched);
    free(s->stale);
    store_passages_free(s);
}

/* MARK: - One group's claims */

/* The claims of one group, read row by row: strings go to a pool by
 * offset (the pool moves as it grows), pointers are set at the end. */
typedef struct {
    ev_claim *c;
    size_t (*off)[5]; /* doc id, doc date, origin, system, source */
    size_t n, cap;
    char *pool;
    size_t plen, pcap;
    char supplier[AT_PARTY_MAX], recipient[AT_PARTY_MAX];
    int category;
    ev_result res;
} group;

#define NO_STR ((size_t)-1)

static size_t pool_add(group *g, const unsigned char *s, bool *nomem)
{
    if (!s)
        return NO_STR;
    size_t n = strlen((const char *)s) + 1;
    if (g->plen + n > g->pcap) {
        size_t cap = g->pcap ? g->pcap : 4096;
        while (cap < g->plen + n)
            cap *= 2;
        char *p = realloc(g->pool, cap);
        if (!p) {
            *nomem = true;
            return NO_STR;
        }
        g->pool = p;
        g->pcap = cap;
    }
    memcpy(g->pool + g->plen, s, n);
    g->plen += n;
    return g->plen - n;
}

static const unsigned char *txt(sqlite3_stmt *st, int i)
{
    return sqlite3_column_text(st, i);
}

static void copy_date(char *dst, const unsigned char *s)
{
    snprintf(dst, AT_DATE_MAX, "%s", s ? (const char *)s : "");
}

static int parse_name(const unsigned char *s, int (*parse)(const char *, size_t))
{
    return s ? parse((const char *)s, strlen((const char *)s)) : -1;
}

/* Add the current row of ST to G; false on ENOMEM. Rows with names this
 * build does not know are skipped. */
static bool add_row(group *g, sqlite3_stmt *st)
{
    int stage = parse_name(txt(st, 9), at_stage_parse);
    int fact = parse_name(txt(st, 10), at_factuality_parse);
    int cert = parse_name(txt(st, 11), at_certainty_parse);
    if (stage < 0 || fact < 0 || cert < 0)
        return true;
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        ev_claim *c = realloc(g->c, cap * sizeof *c);
        if (!c)
            return false;
        g->c = c;
        size_t(*o)[5] = realloc(g->off, cap * sizeof *o);
        if (!o)
            return false;
        g->off = o;
        g->cap = cap;
    }
    ev_claim *c = &g->c[g->n];
    memset(c, 0, sizeof *c);
    c->claim_id = sqlite3_column_int64(st, 0);
    const char *sup = (const char *)txt(st, 1), *rec = (const char *)txt(st, 2);
    /* the group's spelling: the smallest, whatever the order of rows */
    if (!g->supplier[0] || strcmp(sup, g->supplier) < 0)
        snprintf(g->supplier, sizeof g->supplier, "%s", sup);
    if (!g->recipient[0] || strcmp(rec, g->recipient) < 0)
        snprintf(g->recipient, sizeof g->recipient, "%s", rec);
    bool nomem = false;
    size_t *o = g->off[g->n];
    o[0] = pool_add(g, txt(st, 4), &nomem);
    o[1] = pool_add(g, txt(st, 5), &nomem);
    o[2] = pool_add(g, txt(st, 6), &nomem);
    o[3] = pool_add(g, txt(st, 7), &nomem);
    o[4] = pool_add(g, txt(st, 8), &nomem);
    c->stage = (at_stage)stage;
    c->fact = (at_factuality)fact;
    c->cert = (at_certainty)cert;
    c->sentence = (uint32_t)sqlite3_column_int64(st, 12);
    copy_date(c->date_start, txt(st, 13));
    copy_date(c->date_end, txt(st, 14));
    /* counts of items only: 12 tanks and 300 tonnes do not make a range */
    const unsigned char *unit = txt(st, 17);
    if (sqlite3_column_type(st, 18) != SQLITE_NULL && (!unit || !*unit)) {
        c->has_qmin = sqlite3_column_type(st, 15) != SQLITE_NULL;
        c->qmin = sqlite3_column_int64(st, 15);
        c->has_qmax = sqlite3_column_type(st, 16) != SQLITE_NULL;
        c->qmax = sqlite3_column_int64(st, 16);
    }
    g->n++;
    return !nomem;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static const char *role_name(at_event_role r)
{
    return r == AT_ROLE_CONTRADICT ? "contradict"
           : r == AT_ROLE_HYPOTHETICAL ? "hypothetical" : "support";
}

static at_status insert_event(at_store *s, const ev_event *e, const ev_claim *claims,
                              at_error *err)
{
    sqlite3_stmt *st = store_xstmt(s, XS_EVENT_INS, err);
    sqlite3_stmt *mc = store_xstmt(s, XS_EVCLAIM_INS, err);
    if (!st || !mc)
        return AT_EDB;
    const at_event *v = &e->ev;
    sqlite3_bind_text(st, 1, v->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, v->supplier, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, v->recipient, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, at_category_name(v->category), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, v->systems, -1, SQLITE_STATIC);
    bind_opt(st, 6, v->stage >= 0 ? at_stage_name((at_stage)v->stage) : NULL);
    for (int k = 0; k < AT_STAGE_COUNT; k++)
        bind_opt(st, 7 + k, v->stage_first[k]);
    if (v->has_qty_min)
        sqlite3_bind_int64(st, 12, v->qty_min);
    if (v->has_qty_max)
        sqlite3_bind_int64(st, 13, v->qty_max);
    bind_opt(st, 14, v->date_start);
    bind_opt(st, 15, v->date_end);
    bind_opt(st, 16, v->first_report);
    bind_opt(st, 17, v->last_report);
    sqlite3_bind_int(st, 18, v->reports);
    sqlite3_bind_int(st, 19, v->documents);
    sqlite3_bind_int(st, 20, v->origins);
    sqlite3_bind_int(st, 21, v->sources);
    sqlite3_bind_int(st, 22, v->contradictions);
    sqlite3_bind_int(st, 23, v->hypothetical);
    sqlite3_bind_double(st, 24, v->confidence);
    int rc = store_run(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, err, AT_EDB, "storing an event");
    sqlite3_int64 row = sqlite3_last_insert_rowid(s->db);
    for (size_t i = 0; i < e->nmember; i++) {
        sqlite3_bind_int64(mc, 1, row);
        sqlite3_bind_int64(mc, 2, claims[e->member[i]].claim_id);
        sqlite3_bind_text(mc, 3, role_name(e->role[i]), -1, SQLITE_STATIC);
        if (store_run(mc) != SQLITE_DONE)
            return store_fail(s, err, AT_EDB, "storing an event's claims");
    }
    return AT_OK;
}

/* Reconcile the claims gathered in G, store the events, empty G. */
static at_status finish(at_store *s, group *g, at_error *err)
{
    if (g->n == 0)
        return AT_OK;
    for (size_t i = 0; i < g->n; i++) {
        const char **f[5] = {&g->c[i].doc_id, &g->c[i].doc_date, &g->c[i].origin,
                             &g->c[i].system, &g->c[i].source};
        for (int k = 0; k < 5; k++)
            *f[k] = g->off[i][k] == NO_STR ? NULL : g->pool + g->off[i][k];
    }
    at_status rc = events_reconcile(g->supplier, g->recipient, (at_category)g->category,
                                    g->c, g->n, &g->res);
    if (rc != AT_OK)
        rc = store_fail_msg(s->path, err, rc, "out of memory");
    for (size_t e = 0; e < g->res.n && rc == AT_OK; e++)
        rc = insert_event(s, &g->res.events[e], g->c, err);
    g->n = g->plen = 0;
    g->supplier[0] = g->recipient[0] = 0;
    return rc;
}

static void group_free(group *g)
{
    free(g->c);
    free(g->off);
    free(g->pool);
    events_result_free(&g->res);
}

static bool same_group(const group *g, sqlite3_stmt *st)
{
    const char *sup = (const char *)txt(st, 1), *rec = (const char *)txt(st, 2);
    return g->n && !strcasecmp(sup, g->supplier) && !strcasecmp(rec, g->recipient) &&
           parse_name(txt(st, 3), at_category_parse) == g->category;
}

/* Reconcile the rows of ST, which come grouped (by group, or one group). */
static at_status reconcile_rows(at_store *s, sqlite3_stmt *st, group *g, at_error *err)
{
    at_status rc = AT_OK;
    int step = SQLITE_DONE;
    while (rc == AT_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!same_group(g, st)) {
            rc = finish(s, g, err);
            g->category = parse_name(txt(st, 3), at_category_parse);
        }
        if (rc == AT_OK && g->category > 0 && !add_row(g, st))
            rc = store_fail_msg(s->path, err, AT_ENOMEM, "out of memory");
    }
    if (rc == AT_OK && step != SQLITE_DONE)
        rc = store_fail(s, err, AT_EDB, "reading claims");
    if (rc == AT_OK)
        rc = finish(s, g, err);
    sqlite3_reset(st);
    return rc;
}

at_status store_events_rebuild(at_store *s, at_error *err)
{
    s->ntouched = 0;
    if (sqlite3_exec(s->db, "DELETE FROM event_claims; DELETE FROM events", NULL, NULL,
                     NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "clearing events");
    sqlite3_stmt *st;
    /* the claims_key index delivers the claims group by group */
    if (sqlite3_prepare_v2(s->db, GROUP_SELECT " WHERE " RECONCILED
                           " ORDER BY c.supplier, c.recipient, c.category",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "reading claims");
    group g = {0};
    at_status rc = reconcile_rows(s, st, &g, err);
    sqlite3_finalize(st);
    group_free(&g);
    return rc;
}

at_status store_events_flush(at_store *s, at_error *err)
{
    if (s->events_off) {
        s->ntouched = 0;
        return AT_OK;
    }
    if (overflowed(s))
        return store_events_rebuild(s, err);
    sqlite3_stmt *del = store_xstmt(s, XS_GROUP_DEL, err);
    sqlite3_stmt *sel = store_xstmt(s, XS_GROUP_CLAIMS, err);
    if (!del || !sel)
        return AT_EDB;
    group g = {0};
    at_status rc = AT_OK;
    for (size_t i = 0; i < s->ntouched && rc == AT_OK; i++) {
        const store_group *t = &s->touched[i];
        sqlite3_stmt *both[2] = {del, sel};
        for (int k = 0; k < 2; k++) {
            sqlite3_bind_text(both[k], 1, t->supplier, -1, SQLITE_STATIC);
            sqlite3_bind_text(both[k], 2, t->recipient, -1, SQLITE_STATIC);
            sqlite3_bind_text(both[k], 3, t->category, -1, SQLITE_STATIC);
        }
        if (store_run(del) != SQLITE_DONE)
            rc = store_fail(s, err, AT_EDB, "replacing events");
        else
            rc = reconcile_rows(s, sel, &g, err);
    }
    group_free(&g);
    if (rc == AT_OK)
        s->ntouched = 0;
    return rc;
}

at_status store_derived_rebuild(at_store *s, at_error *err)
{
    s->nstale = 0;
    if (sqlite3_exec(s->db, "DELETE FROM links; DELETE FROM passages;"
                     " DELETE FROM doc_origins", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "clearing passages");
    at_status rc = store_passages_all(s, err);
    if (rc == AT_OK)
        rc = store_events_rebuild(s, err);
    if (rc == AT_OK && sqlite3_exec(s->db, "DELETE FROM meta WHERE key = 'events_stale'",
                                    NULL, NULL, NULL) != SQLITE_OK)
        rc = store_fail(s, err, AT_EDB, "clearing the stale mark");
    if (rc == AT_OK)
        s->marked_stale = false;
    return rc;
}

at_status store_mark_stale(at_store *s, at_error *err)
{
    if (s->marked_stale)
        return AT_OK;
    if (sqlite3_exec(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES('events_stale', 1)",
                     NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "marking events out of date");
    /* the mark commits or rolls back with the put; a rollback clears
     * this flag, so that the next put sets the mark again */
    s->marked_stale = true;
    return AT_OK;
}

/* MARK: - Public switches */

void at_store_set_events(at_store *s, bool on)
{
    s->events_off = !on;
    s->ntouched = 0;
    s->nstale = 0;
}

at_status at_store_events_stale(at_store *s, bool *stale, at_error *err)
{
    sqlite3_stmt *st;
    *stale = false;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM meta WHERE key = 'events_stale'", -1, &st,
                           NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "reading the stale mark");
    int step = sqlite3_step(st);
    *stale = step == SQLITE_ROW;
    sqlite3_finalize(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store_fail(s, err, AT_EDB, "reading the stale mark");
    return AT_OK;
}

at_status at_store_rebuild_events(at_store *s, at_error *err)
{
    if (s->in_batch)
        return store_derived_rebuild(s, err);
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "locking the database");
    at_status rc = store_derived_rebuild(s, err);
    if (rc == AT_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = store_fail(s, err, AT_EDB, "committing events");
    if (rc != AT_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
