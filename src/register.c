/* register.c: the SIPRI-style register of transfers: one CSV row per
 * event (supplier, recipient, designation, category, number, stage, years,
 * sources, comments). The cells come from the event; the sources and
 * whether a count was approximate come from the event's claims. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "views.h"

/* Sources beyond this many are counted, not listed: a row stays readable
 * when a wire story was picked up by fifty outlets. */
#define SOURCES_MAX 6

void view_csv_field(at_buf *b, const char *s, size_t n)
{
    bool quote = n && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        at_buf_put(b, s, n);
        return;
    }
    at_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '"')
            continue;
        at_buf_put(b, s + run, i + 1 - run); /* the quote, then its double */
        at_buf_putc(b, '"');
        run = i + 1;
    }
    at_buf_put(b, s + run, n - run);
    at_buf_putc(b, '"');
}

/* The category as a register writes it when no system is named. */
static const char *const category_words[AT_CAT_COUNT] = {
    [AT_CAT_NONE] = "",
    [AT_CAT_WEAPONS] = "weapons",
    [AT_CAT_MISSILE] = "missiles",
    [AT_CAT_BALLISTIC_MISSILE] = "ballistic missiles",
    [AT_CAT_CRUISE_MISSILE] = "cruise missiles",
    [AT_CAT_ANTI_TANK_MISSILE] = "anti-tank missiles",
    [AT_CAT_AIR_DEFENSE] = "air defence systems",
    [AT_CAT_DRONE] = "drones",
    [AT_CAT_AMMUNITION] = "ammunition",
    [AT_CAT_ROCKET] = "rockets",
    [AT_CAT_LAUNCHER] = "launchers",
    [AT_CAT_ARTILLERY] = "artillery",
    [AT_CAT_ARMORED_VEHICLE] = "armoured vehicles",
    [AT_CAT_AIRCRAFT] = "aircraft",
    [AT_CAT_NAVAL] = "naval vessels",
    [AT_CAT_SMALL_ARMS] = "small arms",
    [AT_CAT_COMPONENTS] = "components",
    [AT_CAT_TECHNOLOGY] = "military technology",
    [AT_CAT_PRODUCTION] = "production equipment",
    [AT_CAT_NUCLEAR] = "nuclear technology",
    [AT_CAT_PERSONNEL] = "military personnel",
    [AT_CAT_ECONOMIC] = "economic support",
};

static bool valid_category(at_category c) { return (int)c >= 0 && c < AT_CAT_COUNT; }

void register_designation(at_buf *b, const at_event *ev)
{
    if (ev->systems && ev->systems[0])
        at_buf_puts(b, ev->systems);
    else if (valid_category(ev->category))
        at_buf_puts(b, category_words[ev->category]);
}

void register_number(at_buf *b, const at_event *ev, bool approx)
{
    if (ev->has_qty_min && ev->has_qty_max) {
        if (ev->qty_min == ev->qty_max)
            at_buf_printf(b, "%s%lld", approx ? "~" : "", (long long)ev->qty_min);
        else
            at_buf_printf(b, "%lld-%lld", (long long)ev->qty_min, (long long)ev->qty_max);
    } else if (ev->has_qty_min) {
        at_buf_printf(b, ">%lld", (long long)ev->qty_min);
    } else if (ev->has_qty_max) {
        at_buf_printf(b, "up to %lld", (long long)ev->qty_max);
    }
}

/* The years of the event's own dates where known, else of its reports. */
void register_years(at_buf *b, const at_event *ev)
{
    const char *a = ev->date_start, *z = ev->date_end[0] ? ev->date_end : ev->date_start;
    if (!a[0]) {
        a = ev->first_report;
        z = ev->last_report[0] ? ev->last_report : ev->first_report;
    }
    if (strlen(a) < 4)
        return;
    at_buf_put(b, a, 4);
    if (strlen(z) >= 4 && memcmp(a, z, 4) != 0) {
        at_buf_putc(b, '-');
        at_buf_put(b, z, 4);
    }
}

static void plural(at_buf *b, const char *sep, int n, const char *one, const char *many)
{
    at_buf_printf(b, "%s%d %s", b->len ? sep : "", n, n == 1 ? one : many);
}

void register_comments(at_buf *b, const at_event *ev)
{
    /* plural() separates from earlier text in its buffer: use our own */
    at_buf part = {0};
    if (ev->stage < 0)
        at_buf_puts(&part, "no claimed report");
    if (ev->contradictions > 0) {
        at_buf_printf(&part, "%scontradicted by", part.len ? "; " : "");
        plural(&part, " ", ev->contradictions, "report", "reports");
    }
    if (ev->hypothetical > 0)
        plural(&part, "; ", ev->hypothetical, "hypothetical report", "hypothetical reports");
    at_buf_printf(&part, "%sconfidence %.2f", part.len ? "; " : "",
                  isfinite(ev->confidence) ? ev->confidence : 0.0);
    plural(&part, "; ", ev->origins, "independent origin", "independent origins");
    if (part.err)
        b->err = part.err;
    else
        at_buf_put(b, part.ptr, part.len);
    at_buf_free(&part);
}

void register_write_header(at_buf *b)
{
    at_buf_puts(b, "supplier,recipient,designation,category,number,stage,years,sources,"
                   "comments\n");
}

/* Append S as a CSV field and its separator. */
static void cell(at_buf *b, const char *s, bool last)
{
    view_csv_field(b, s, strlen(s));
    at_buf_putc(b, last ? '\n' : ',');
}

/* Append the cell built in T, then empty T for the next one. */
static void cell_from(at_buf *b, at_buf *t, bool last)
{
    if (t->err)
        b->err = t->err;
    cell(b, t->ptr && !t->err ? t->ptr : "", last);
    at_buf_reset(t);
}

void register_write_row(at_buf *b, const register_row *row)
{
    const at_event *ev = row->ev;
    at_buf t = {0};
    cell(b, ev->supplier, false);
    cell(b, ev->recipient, false);
    register_designation(&t, ev);
    cell_from(b, &t, false);
    cell(b, valid_category(ev->category) && ev->category != AT_CAT_NONE ? at_category_name(ev->category) : "",
         false);
    register_number(&t, ev, row->approx);
    cell_from(b, &t, false);
    cell(b, ev->stage >= 0 && ev->stage < AT_STAGE_COUNT ? at_stage_name((at_stage)ev->stage) : "",
         false);
    register_years(&t, ev);
    cell_from(b, &t, false);
    cell(b, row->sources ? row->sources : "", false);
    register_comments(&t, ev);
    cell_from(b, &t, true);
    at_buf_free(&t);
}

/* MARK: - The register of a store */

typedef struct {
    register_row row;
    char years[10];
    char *sources;
} reg_entry;

typedef struct {
    at_buf list; /* "; "-joined, distinct (case-insensitively) */
    int listed, more;
    bool approx;
    char first[AT_DATE_MAX], last[AT_DATE_MAX]; /* report dates seen */
} gather;

static void add_source(gather *g, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return;
    const char *p = g->list.ptr, *end = p ? p + g->list.len : NULL;
    while (p && p < end) {
        const char *q = strstr(p, "; ");
        size_t len = q ? (size_t)(q - p) : (size_t)(end - p);
        if (len == n && !strncasecmp(p, s, n))
            return;
        p = q ? q + 2 : NULL;
    }
    if (g->listed == SOURCES_MAX) {
        g->more++; /* may count a repeat among the unlisted: "more" is a hint */
        return;
    }
    if (g->list.len)
        at_buf_puts(&g->list, "; ");
    at_buf_put(&g->list, s, n);
    g->listed++;
}

static int on_claim(at_event_role role, const char *origin, const at_doc *doc,
                    const at_claim *claim, void *user)
{
    gather *g = user;
    (void)origin;
    add_source(g, doc->outlet.ptr, doc->outlet.ptr ? doc->outlet.len : 0);
    if (claim->has_source)
        add_source(g, claim->source_name.ptr,
                   claim->source_name.ptr ? claim->source_name.len : 0);
    if (role == AT_ROLE_SUPPORT && claim->has_quantity && claim->quantity.approx)
        g->approx = true;
    /* the document's date, from its dateline when it came without one */
    char d[AT_DATE_MAX];
    if (at_doc_date(doc, d)) {
        if (!g->first[0] || strcmp(d, g->first) < 0)
            memcpy(g->first, d, sizeof d);
        if (strcmp(d, g->last) > 0)
            memcpy(g->last, d, sizeof d);
    }
    return g->list.err ? 1 : 0;
}

static int cmp_entries(const void *a, const void *b)
{
    const reg_entry *x = a, *y = b;
    int c = strcmp(x->row.ev->supplier, y->row.ev->supplier);
    if (!c)
        c = strcmp(x->row.ev->recipient, y->row.ev->recipient);
    if (!c)
        c = strcmp(x->years, y->years);
    if (!c)
        c = strcmp(x->row.ev->id, y->row.ev->id);
    return c;
}

at_status at_store_register(at_store *s, const at_event_filter *f, at_buf *b, at_error *err)
{
    at_event_list l = {0};
    reg_entry *rows = NULL;
    at_status rc = at_event_list_load(s, f, &l, err);
    if (rc != AT_OK)
        goto done;
    rows = calloc(l.n ? l.n : 1, sizeof *rows);
    if (!rows) {
        rc = AT_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < l.n; i++) {
        reg_entry *r = &rows[i];
        gather g = {0};
        rc = at_store_event_claims(s, l.ev[i].id, on_claim, &g, err);
        if (g.more && !g.list.err)
            at_buf_printf(&g.list, "; and %d more", g.more);
        if (g.list.err) {
            rc = g.list.err;
            at_buf_free(&g.list);
            goto done;
        }
        if (rc != AT_OK) {
            at_buf_free(&g.list);
            goto done;
        }
        /* the store may lack the report dates of documents that came
         * without metadata; the years then come from their datelines */
        if (!l.ev[i].first_report[0]) {
            memcpy(l.ev[i].first_report, g.first, AT_DATE_MAX);
            memcpy(l.ev[i].last_report, g.last, AT_DATE_MAX);
        }
        r->sources = g.list.ptr; /* may be NULL: no sources */
        r->row.ev = &l.ev[i];
        r->row.sources = r->sources;
        r->row.approx = g.approx;
        at_buf y = {0};
        register_years(&y, &l.ev[i]);
        if (y.ptr)
            strncpy(r->years, y.ptr, sizeof r->years - 1);
        at_buf_free(&y);
    }
    qsort(rows, l.n, sizeof *rows, cmp_entries);
    register_write_header(b);
    for (size_t i = 0; i < l.n; i++)
        register_write_row(b, &rows[i].row);
    if (b->err)
        rc = b->err;
done:
    if (rc == AT_ENOMEM && err) {
        memset(err, 0, sizeof *err);
        err->code = AT_ENOMEM;
        strcpy(err->msg, "out of memory while writing the register");
    }
    if (rows)
        for (size_t i = 0; i < l.n; i++)
            free(rows[i].sources);
    free(rows);
    at_event_list_free(&l);
    return rc;
}
