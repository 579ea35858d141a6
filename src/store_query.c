/* store_query.c: reading the store back: claims by filter (rebuilt into
 * at_doc + at_claim so the shared writers print them), full-text search
 * over documents, and counts. Writing is in store.c. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"

/* MARK: - Column helpers */

static at_slice col_slice(sqlite3_stmt *st, int i)
{
    at_slice s = {(const char *)sqlite3_column_text(st, i), 0};
    s.len = s.ptr ? (size_t)sqlite3_column_bytes(st, i) : 0;
    if (!s.ptr)
        s.ptr = "";
    return s;
}

static const char *col_str(sqlite3_stmt *st, int i)
{
    const char *p = (const char *)sqlite3_column_text(st, i);
    return p ? p : "";
}

static bool col_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL;
}

static void col_copy(char *dst, size_t cap, sqlite3_stmt *st, int i)
{
    snprintf(dst, cap, "%s", col_str(st, i));
}

/* MARK: - Claims */

void at_claim_filter_init(at_claim_filter *f)
{
    memset(f, 0, sizeof *f);
    f->category = f->stage = f->factuality = -1;
}

/* Parameters by number; LIMIT ?9 is always present so every lower number
 * may be bound even when its condition is left out. */
enum { P_SUPPLIER = 1, P_RECIPIENT, P_CATEGORY, P_STAGE, P_FACT, P_SINCE,
       P_UNTIL, P_DOC, P_LIMIT };

#define CLAIM_COLUMNS STORE_CLAIM_COLUMNS

/* The claim's date, else its document's. Compared at the coarser of the
 * two precisions, so "2024" is neither before nor after "2024-06-01". */
#define EFF "coalesce(nullif(c.date_start, ''), d.date)"
#define AT_PREC(p) "substr(" EFF ", 1, min(length(" EFF "), length(" p ")))"
#define P_PREC(p) "substr(" p ", 1, min(length(" EFF "), length(" p ")))"

static void build_query(const at_claim_filter *f, char *q, size_t cap)
{
    size_t n = (size_t)snprintf(q, cap, "SELECT " CLAIM_COLUMNS
                                " FROM claims c JOIN documents d"
                                " ON d.rowid = c.doc_rowid WHERE 1");
#define ADD(cond) n += (size_t)snprintf(q + n, cap - n, " AND %s", cond)
    if (f->supplier)
        ADD("c.supplier = ?1");
    if (f->recipient)
        ADD("c.recipient = ?2");
    if (f->category >= 0)
        ADD("c.category = ?3");
    if (f->stage >= 0)
        ADD("c.stage = ?4");
    if (f->factuality >= 0)
        ADD("c.factuality = ?5");
    if (f->since)
        ADD(AT_PREC("?6") " >= " P_PREC("?6"));
    if (f->until)
        ADD(AT_PREC("?7") " <= " P_PREC("?7"));
    if (f->doc)
        ADD("d.id = ?8");
#undef ADD
    snprintf(q + n, cap - n, " ORDER BY c.doc_rowid, c.id LIMIT ?9");
}

static void bind_filter(sqlite3_stmt *st, const at_claim_filter *f)
{
    if (f->supplier)
        sqlite3_bind_text(st, P_SUPPLIER, f->supplier, -1, SQLITE_STATIC);
    if (f->recipient)
        sqlite3_bind_text(st, P_RECIPIENT, f->recipient, -1, SQLITE_STATIC);
    if (f->category >= 0)
        sqlite3_bind_text(st, P_CATEGORY, at_category_name((at_category)f->category),
                          -1, SQLITE_STATIC);
    if (f->stage >= 0)
        sqlite3_bind_text(st, P_STAGE, at_stage_name((at_stage)f->stage), -1,
                          SQLITE_STATIC);
    if (f->factuality >= 0)
        sqlite3_bind_text(st, P_FACT, at_factuality_name((at_factuality)f->factuality),
                          -1, SQLITE_STATIC);
    if (f->since)
        sqlite3_bind_text(st, P_SINCE, f->since, -1, SQLITE_STATIC);
    if (f->until)
        sqlite3_bind_text(st, P_UNTIL, f->until, -1, SQLITE_STATIC);
    if (f->doc)
        sqlite3_bind_text(st, P_DOC, f->doc, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, P_LIMIT, f->limit ? (sqlite3_int64)f->limit : -1);
}

/* A stored name back to its enum; "none" is the empty category. */
static int parse_col(sqlite3_stmt *st, int i, int (*parse)(const char *, size_t))
{
    at_slice s = col_slice(st, i);
    if (parse == at_category_parse && s.len == 4 && !memcmp(s.ptr, "none", 4))
        return AT_CAT_NONE;
    return parse(s.ptr, s.len);
}

/* Rebuild the row into DOC and C; false when a stored name is unknown. */
bool store_read_claim(sqlite3_stmt *st, at_doc *doc, at_claim *c)
{
    memset(doc, 0, sizeof *doc);
    memset(c, 0, sizeof *c);
    doc->id = col_slice(st, 0);
    doc->text = col_slice(st, 1);
    doc->date = col_slice(st, 2);
    doc->outlet = col_slice(st, 3);
    doc->url = col_slice(st, 4);
    doc->title = col_slice(st, 5);
    col_copy(c->supplier, sizeof c->supplier, st, 6);
    col_copy(c->recipient, sizeof c->recipient, st, 7);
    int cat = parse_col(st, 8, at_category_parse);
    int stage = parse_col(st, 9, at_stage_parse);
    int fact = parse_col(st, 10, at_factuality_parse);
    int cert = parse_col(st, 11, at_certainty_parse);
    if (cat < 0 || stage < 0 || fact < 0 || cert < 0)
        return false;
    c->category = (at_category)cat;
    c->stage = (at_stage)stage;
    c->factuality = (at_factuality)fact;
    c->certainty = (at_certainty)cert;
    c->system = col_null(st, 12) ? NULL : col_str(st, 12);
    if (!col_null(st, 15)) {
        at_quantity *q = &c->quantity;
        c->has_quantity = true;
        q->has_min = !col_null(st, 13);
        q->min = sqlite3_column_int64(st, 13);
        q->has_max = !col_null(st, 14);
        q->max = sqlite3_column_int64(st, 14);
        q->approx = sqlite3_column_int(st, 15) != 0;
        col_copy(q->unit, sizeof q->unit, st, 16);
        q->text = col_slice(st, 17);
    }
    if (!col_null(st, 18) || !col_null(st, 20)) {
        c->has_date = true;
        col_copy(c->date_start, sizeof c->date_start, st, 18);
        col_copy(c->date_end, sizeof c->date_end, st, 19);
        c->date_text = col_slice(st, 20);
    }
    if (!col_null(st, 21)) {
        c->has_source = true;
        c->source_name = col_slice(st, 21);
        col_copy(c->source_actor, sizeof c->source_actor, st, 22);
    }
    c->sentence = (uint32_t)sqlite3_column_int64(st, 23);
    c->start = (uint32_t)sqlite3_column_int64(st, 24);
    c->end = (uint32_t)sqlite3_column_int64(st, 25);
    c->mentions = (uint32_t)sqlite3_column_int64(st, 26);
    /* a damaged row must not send the writers past the text */
    if (c->start > c->end || c->end > doc->text.len)
        return false;
    return true;
}

at_status at_store_claims(at_store *s, const at_claim_filter *f,
                          at_emit_fn fn, void *user, at_error *err)
{
    at_claim_filter any;
    if (!f) {
        at_claim_filter_init(&any);
        f = &any;
    }
    char q[2048];
    build_query(f, q, sizeof q);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "preparing the claims query");
    bind_filter(st, f);
    at_status rc = AT_OK;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        at_doc doc;
        at_claim c;
        if (!store_read_claim(st, &doc, &c)) {
            rc = store_fail_msg(s->path, err, AT_EDB, "a stored claim is damaged");
            break;
        }
        if (fn(&doc, &c, user)) {
            rc = store_fail_msg(s->path, err, AT_ESTOP, "stopped by callback");
            break;
        }
    }
    if (rc == AT_OK && step != SQLITE_DONE)
        rc = store_fail(s, err, AT_EDB, "listing claims");
    sqlite3_finalize(st);
    return rc;
}

/* MARK: - Full-text search */

at_status at_store_search(at_store *s, const char *query, size_t limit,
                          const char *open, const char *close,
                          at_search_fn fn, void *user, at_error *err)
{
    static const char q[] =
        "SELECT d.id, d.date, d.outlet, d.url, d.title,"
        " snippet(documents_fts, -1, ?2, ?3, '...', 16), rank"
        " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
        " WHERE documents_fts MATCH ?1 ORDER BY rank LIMIT ?4";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "preparing the search");
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, open ? open : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, close ? close : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, limit ? (sqlite3_int64)limit : 20);
    at_status rc = AT_OK;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        at_search_hit h = {
            .id = col_str(st, 0), .date = col_str(st, 1), .outlet = col_str(st, 2),
            .url = col_str(st, 3), .title = col_str(st, 4),
            .snippet = col_str(st, 5), .score = sqlite3_column_double(st, 6)};
        if (fn(&h, user)) {
            rc = store_fail_msg(s->path, err, AT_ESTOP, "stopped by callback");
            break;
        }
    }
    /* FTS5 reports a malformed query (syntax, unknown column) as a plain
     * SQLITE_ERROR from the first step; anything else is the database */
    if (rc == AT_OK && step != SQLITE_DONE) {
        bool bad = (step & 0xff) == SQLITE_ERROR;
        rc = store_fail(s, err, bad ? AT_EPARSE : AT_EDB,
                        bad ? "bad search query" : "searching");
    }
    sqlite3_finalize(st);
    return rc;
}

/* MARK: - Counts */

static at_status count(at_store *s, const char *q, int64_t *out, at_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "counting");
    at_status rc = AT_OK;
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        rc = store_fail(s, err, AT_EDB, "counting");
    sqlite3_finalize(st);
    return rc;
}

at_status at_store_count(at_store *s, int64_t *docs, int64_t *claims,
                         at_error *err)
{
    at_status rc = AT_OK;
    if (docs)
        rc = count(s, "SELECT count(*) FROM documents", docs, err);
    if (rc == AT_OK && claims)
        rc = count(s, "SELECT count(*) FROM claims", claims, err);
    return rc;
}
