/* store_events_query.c: reading events back: listing by filter (plain
 * indexed SELECTs over the precomputed events table), one event's claims
 * with their documents, and the shared-passage links. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"

void at_event_filter_init(at_event_filter *f)
{
    memset(f, 0, sizeof *f);
    f->category = f->stage = -1;
}

enum { P_SUPPLIER = 1, P_RECIPIENT, P_PARTY, P_CATEGORY, P_STAGE, P_SINCE, P_UNTIL,
       P_CONF, P_LIMIT, P_ID };

#define EVENT_COLUMNS                                                         \
    "id, supplier, recipient, category, systems, stage, intent_first,"        \
    " negotiating_first, agreed_first, delivered_first, used_first, qty_min," \
    " qty_max, date_start, date_end, first_report, last_report, reports,"     \
    " documents, origins, sources, contradictions, hypothetical, confidence"

/* An event's time: its own dates, else when it was reported; compared at
 * the coarser precision as claim dates are ("2024" is within 2024-06). */
#define EV_END "coalesce(date_end, last_report)"
#define EV_START "coalesce(date_start, first_report)"
#define PREC(x, p) "substr(" x ", 1, min(length(" x "), length(" p ")))"
#define PPREC(x, p) "substr(" p ", 1, min(length(" x "), length(" p ")))"

static void build_query(const at_event_filter *f, char *q, size_t cap)
{
    char rest[1024];
    size_t n = 0;
    rest[0] = 0;
#define ADD(cond) n += (size_t)snprintf(rest + n, sizeof rest - n, " AND %s", cond)
    if (f->supplier)
        ADD("supplier = ?1");
    if (f->recipient)
        ADD("recipient = ?2");
    if (f->category >= 0)
        ADD("category = ?4");
    if (f->stage >= 0)
        ADD("stage = ?5");
    if (f->since)
        ADD(PREC(EV_END, "?6") " >= " PPREC(EV_END, "?6"));
    if (f->until)
        ADD(PREC(EV_START, "?7") " <= " PPREC(EV_START, "?7"));
    if (f->min_confidence > 0)
        ADD("confidence >= ?8");
    if (f->id)
        ADD("id = ?10");
#undef ADD
    if (f->party)
        /* either side: two index ranges merged in order, so the LIMIT
         * stops early and no sort is needed (an OR would scan or sort) */
        snprintf(q, cap,
                 "SELECT " EVENT_COLUMNS " FROM events WHERE supplier = ?3%s"
                 " UNION ALL SELECT " EVENT_COLUMNS " FROM events"
                 " WHERE recipient = ?3 AND supplier <> ?3%s"
                 " ORDER BY confidence DESC, id LIMIT ?9", rest, rest);
    else
        snprintf(q, cap, "SELECT " EVENT_COLUMNS " FROM events WHERE 1%s"
                 " ORDER BY confidence DESC, id LIMIT ?9", rest);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static void bind_filter(sqlite3_stmt *st, const at_event_filter *f)
{
    bind_text(st, P_SUPPLIER, f->supplier);
    bind_text(st, P_RECIPIENT, f->recipient);
    bind_text(st, P_PARTY, f->party);
    if (f->category >= 0)
        bind_text(st, P_CATEGORY, at_category_name((at_category)f->category));
    if (f->stage >= 0)
        bind_text(st, P_STAGE, at_stage_name((at_stage)f->stage));
    bind_text(st, P_SINCE, f->since);
    bind_text(st, P_UNTIL, f->until);
    sqlite3_bind_double(st, P_CONF, f->min_confidence);
    sqlite3_bind_int64(st, P_LIMIT, f->limit ? (sqlite3_int64)f->limit : -1);
    bind_text(st, P_ID, f->id);
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *p = (const char *)sqlite3_column_text(st, i);
    return p ? p : "";
}

static bool null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* Rebuild the row into EV; false when a stored name is unknown. */
static bool read_event(sqlite3_stmt *st, at_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->id = col(st, 0);
    snprintf(ev->supplier, sizeof ev->supplier, "%s", col(st, 1));
    snprintf(ev->recipient, sizeof ev->recipient, "%s", col(st, 2));
    const char *cat = col(st, 3), *stage = col(st, 5);
    int c = at_category_parse(cat, strlen(cat));
    if (c <= 0)
        return false;
    ev->category = (at_category)c;
    ev->systems = col(st, 4);
    ev->stage = null(st, 5) ? -1 : at_stage_parse(stage, strlen(stage));
    if (!null(st, 5) && ev->stage < 0)
        return false;
    for (int k = 0; k < AT_STAGE_COUNT; k++)
        snprintf(ev->stage_first[k], AT_DATE_MAX, "%s", col(st, 6 + k));
    ev->has_qty_min = !null(st, 11);
    ev->qty_min = sqlite3_column_int64(st, 11);
    ev->has_qty_max = !null(st, 12);
    ev->qty_max = sqlite3_column_int64(st, 12);
    snprintf(ev->date_start, AT_DATE_MAX, "%s", col(st, 13));
    snprintf(ev->date_end, AT_DATE_MAX, "%s", col(st, 14));
    snprintf(ev->first_report, AT_DATE_MAX, "%s", col(st, 15));
    snprintf(ev->last_report, AT_DATE_MAX, "%s", col(st, 16));
    ev->reports = sqlite3_column_int(st, 17);
    ev->documents = sqlite3_column_int(st, 18);
    ev->origins = sqlite3_column_int(st, 19);
    ev->sources = sqlite3_column_int(st, 20);
    ev->contradictions = sqlite3_column_int(st, 21);
    ev->hypothetical = sqlite3_column_int(st, 22);
    ev->confidence = sqlite3_column_double(st, 23);
    return true;
}

at_status at_store_events(at_store *s, const at_event_filter *f, at_event_fn fn,
                          void *user, at_error *err)
{
    at_event_filter any;
    if (!f) {
        at_event_filter_init(&any);
        f = &any;
    }
    char q[4096];
    build_query(f, q, sizeof q);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "preparing the events query");
    bind_filter(st, f);
    at_status rc = AT_OK;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        at_event ev;
        if (!read_event(st, &ev)) {
            rc = store_fail_msg(s->path, err, AT_EDB, "a stored event is damaged");
            break;
        }
        if (fn(&ev, user)) {
            rc = store_fail_msg(s->path, err, AT_ESTOP, "stopped by callback");
            break;
        }
    }
    if (rc == AT_OK && step != SQLITE_DONE)
        rc = store_fail(s, err, AT_EDB, "listing events");
    sqlite3_finalize(st);
    return rc;
}

at_status at_store_event_claims(at_store *s, const char *id, at_event_claim_fn fn,
                                void *user, at_error *err)
{
    static const char q[] =
        "SELECT " STORE_CLAIM_COLUMNS ", ec.role, coalesce(o.origin, d.id)"
        " FROM events e JOIN event_claims ec ON ec.event_rowid = e.rowid"
        " JOIN claims c ON c.id = ec.claim_id"
        " JOIN documents d ON d.rowid = c.doc_rowid"
        " LEFT JOIN doc_origins o ON o.doc_rowid = c.doc_rowid"
        " WHERE e.id = ?1 ORDER BY d.date, d.id, c.sentence, c.id";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "preparing the event query");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    at_status rc = AT_OK;
    int step;
    size_t rows = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        at_doc doc;
        at_claim c;
        rows++;
        if (!store_read_claim(st, &doc, &c)) {
            rc = store_fail_msg(s->path, err, AT_EDB, "a stored claim is damaged");
            break;
        }
        const char *role = col(st, STORE_CLAIM_NCOL);
        at_event_role r = !strcmp(role, "contradict")     ? AT_ROLE_CONTRADICT
                          : !strcmp(role, "hypothetical") ? AT_ROLE_HYPOTHETICAL
                                                          : AT_ROLE_SUPPORT;
        if (fn(r, col(st, STORE_CLAIM_NCOL + 1), &doc, &c, user)) {
            rc = store_fail_msg(s->path, err, AT_ESTOP, "stopped by callback");
            break;
        }
    }
    if (rc == AT_OK && step != SQLITE_DONE)
        rc = store_fail(s, err, AT_EDB, "reading an event");
    else if (rc == AT_OK && rows == 0) {
        char msg[128];
        snprintf(msg, sizeof msg, "no event '%.100s'", id);
        rc = store_fail_msg(s->path, err, AT_EINVAL, msg);
    }
    sqlite3_finalize(st);
    return rc;
}

at_status at_store_links(at_store *s, at_link_fn fn, void *user, at_error *err)
{
    static const char q[] =
        "SELECT min(x.id, y.id), max(x.id, y.id), l.shared FROM links l"
        " JOIN documents x ON x.rowid = l.a JOIN documents y ON y.rowid = l.b"
        " ORDER BY 1, 2";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, AT_EDB, "preparing the links query");
    at_status rc = AT_OK;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(col(st, 0), col(st, 1), sqlite3_column_int(st, 2), user)) {
            rc = store_fail_msg(s->path, err, AT_ESTOP, "stopped by callback");
            break;
        }
    if (rc == AT_OK && step != SQLITE_DONE)
        rc = store_fail(s, err, AT_EDB, "listing links");
    sqlite3_finalize(st);
    return rc;
}
