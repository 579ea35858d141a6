/* cmd_timeline.c: `armstrace timeline`: the chronology of one party's or
 * one pair's transfers: every report attached to their events (stage
 * reached, denial, hypothetical) in order of the event dates where the
 * report gives one and of the report dates otherwise, with the reports
 * that first take an event to a further stage marked. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evopts.h"

static void usage(FILE *f)
{
    fputs("usage: armstrace timeline (--party CODE | --dyad A,B) [OPTIONS]\n"
          "\n"
          "List, in time order, every report on the transfer events of a party or\n"
          "of a pair of parties (both directions): the stage it states, or denied,\n"
          "or hypothetical; who to whom, what, the document, outlet, source and\n"
          "the evidence sentence. Reports are ordered by the date of the event\n"
          "they state where they give one, else by their own date. A '*' (in\n"
          "jsonl: \"stage_change\": true) marks the first report that takes its\n"
          "event to a further stage.\n"
          "\n"
          "options:\n"
          "      --party CODE           the events where CODE supplies or receives\n"
          "      --dyad A,B             the events between A and B, either way\n"
          "      --db PATH              the database (default: armstrace.db)\n"
          "      --category C           only events of this category\n"
          "      --min-confidence X     only events with confidence X (0..1) or more\n"
          "  -f, --format FMT           table (default) or jsonl\n"
          "  -h, --help                 show this help\n"
          "\n"
          "exit codes:\n"
          "  0  success (also when nothing matched)\n"
          "  2  usage error (unknown option, bad value, no --party or --dyad)\n"
          "  3  the database is missing or unreadable, or output failed\n",
          f);
}

/* One line of the timeline: a claim of an event, copied out of the
 * store's callback. */
typedef struct {
    char date[AT_DATE_MAX];   /* the sort date: the claim's, else the report's */
    char report[AT_DATE_MAX]; /* the document's date */
    bool event_dated;         /* DATE is the claim's own */
    at_event_role role;
    at_stage stage;
    size_t event;             /* index into the event list */
    uint32_t sentence;
    size_t seq;               /* arrival order: the last tie-break */
    bool change;
    char *system, *doc, *outlet, *source, *evidence;
} entry;

typedef struct {
    entry *e;
    size_t n, cap;
    size_t event; /* the event being read */
    bool oom;
} timeline;

static char *dup_slice(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        if (n)
            memcpy(s, p, n);
        s[n] = '\0';
    }
    return s;
}

/* The evidence on one line: runs of white space become one space. */
static char *one_line(const char *p, size_t n)
{
    char *s = malloc(n + 1), *w = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        bool space = p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t';
        if (!space)
            *w++ = p[i];
        else if (w > s && w[-1] != ' ')
            *w++ = ' ';
    }
    while (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
    return s;
}

static int on_claim(at_event_role role, const char *origin, const at_doc *doc,
                    const at_claim *c, void *user)
{
    timeline *t = user;
    (void)origin;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        entry *p = realloc(t->e, cap * sizeof *p);
        if (!p)
            goto oom;
        t->e = p;
        t->cap = cap;
    }
    entry *e = &t->e[t->n];
    memset(e, 0, sizeof *e);
    if (!at_doc_date(doc, e->report))
        e->report[0] = '\0';
    e->event_dated = c->has_date && c->date_start[0];
    memcpy(e->date, e->event_dated ? c->date_start : e->report, AT_DATE_MAX);
    e->role = role;
    e->stage = c->stage;
    e->event = t->event;
    e->sentence = c->sentence;
    e->seq = t->n;
    uint32_t start = c->start <= doc->text.len ? c->start : (uint32_t)doc->text.len;
    uint32_t end = c->end >= start && c->end <= doc->text.len ? c->end : start;
    e->system = c->system ? dup_slice(c->system, strlen(c->system)) : NULL;
    e->doc = dup_slice(doc->id.ptr, doc->id.len);
    e->outlet = doc->outlet.len ? dup_slice(doc->outlet.ptr, doc->outlet.len) : NULL;
    e->source = c->has_source && c->source_name.len
                    ? dup_slice(c->source_name.ptr, c->source_name.len) : NULL;
    e->evidence = one_line(doc->text.ptr + start, end - start);
    t->n++; /* counted now, so that what was copied is freed either way */
    if ((c->system && !e->system) || !e->doc || (doc->outlet.len && !e->outlet) ||
        (c->has_source && c->source_name.len && !e->source) || !e->evidence)
        goto oom;
    return 0;
oom:
    t->oom = true;
    return 1;
}

/* Dated entries first, by date; then by report date, document, sentence. */
static int cmp_entries(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (!x->date[0] != !y->date[0])
        return x->date[0] ? -1 : 1;
    int c = strcmp(x->date, y->date);
    if (!c)
        c = strcmp(x->report, y->report);
    if (!c)
        c = strcmp(x->doc, y->doc);
    if (!c)
        c = x->sentence < y->sentence ? -1 : x->sentence > y->sentence;
    if (!c)
        c = x->seq < y->seq ? -1 : x->seq > y->seq;
    return c;
}

static const char *kind(const entry *e)
{
    if (e->role == AT_ROLE_CONTRADICT)
        return "denied";
    if (e->role == AT_ROLE_HYPOTHETICAL)
        return "hypothetical";
    return at_stage_name(e->stage);
}

/* At most MAX bytes of S, cut at a character boundary, with an ellipsis. */
static void put_clipped(at_buf *b, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        at_buf_put(b, s, n);
        return;
    }
    while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    at_buf_put(b, s, max);
    at_buf_puts(b, "...");
}

static void json_field(at_buf *b, const char *name, const char *s)
{
    at_buf_printf(b, ",\"%s\":", name);
    if (s)
        at_buf_json_str(b, s, strlen(s));
    else
        at_buf_puts(b, "null");
}

static void write_entry(at_buf *b, bool table, const entry *e, const at_event *ev)
{
    if (table) {
        char pair[2 * AT_PARTY_MAX + 8];
        snprintf(pair, sizeof pair, "%s -> %s", ev->supplier, ev->recipient);
        at_buf sources = {0};
        at_buf_puts(&sources, e->outlet ? e->outlet : "");
        if (e->source)
            at_buf_printf(&sources, "%s%s", e->outlet ? "; " : "", e->source);
        at_buf_printf(b, "%-10s  %-10s  %c %-12s  %-16s  %-18s  %-14s  %-20s  ", e->date,
                      e->report, e->change ? '*' : ' ', kind(e), pair,
                      at_category_name(ev->category), e->system ? e->system : "-", e->doc);
        put_clipped(b, sources.ptr ? sources.ptr : "-", 40);
        if (sources.err)
            b->err = sources.err;
        at_buf_free(&sources);
        at_buf_puts(b, "\n    ");
        put_clipped(b, e->evidence, 200);
        at_buf_putc(b, '\n');
        return;
    }
    at_buf_puts(b, "{\"date\":");
    at_buf_json_str(b, e->date, strlen(e->date));
    at_buf_printf(b, ",\"date_from\":\"%s\"", e->event_dated ? "event" : "report");
    at_buf_printf(b, ",\"kind\":\"%s\",\"stage_change\":%s", kind(e),
                  e->change ? "true" : "false");
    json_field(b, "event", ev->id);
    json_field(b, "supplier", ev->supplier);
    json_field(b, "recipient", ev->recipient);
    json_field(b, "category", at_category_name(ev->category));
    json_field(b, "system", e->system);
    json_field(b, "doc", e->doc);
    json_field(b, "reported", e->report[0] ? e->report : NULL);
    json_field(b, "outlet", e->outlet);
    json_field(b, "source", e->source);
    json_field(b, "evidence", e->evidence);
    at_buf_puts(b, "}\n");
}

/* "A,B" into two party codes. */
static bool split_dyad(const char *arg, char a[AT_PARTY_MAX], char b[AT_PARTY_MAX])
{
    const char *comma = strchr(arg, ',');
    if (!comma || strchr(comma + 1, ','))
        return false;
    size_t na = (size_t)(comma - arg), nb = strlen(comma + 1);
    if (!na || !nb || na >= AT_PARTY_MAX || nb >= AT_PARTY_MAX)
        return false;
    memcpy(a, arg, na);
    a[na] = '\0';
    memcpy(b, comma + 1, nb + 1);
    return true;
}

static int run(at_store *s, at_event_filter *f, const char *dyad_a, const char *dyad_b,
               bool table)
{
    at_event_list l = {0};
    timeline t = {0};
    at_buf out = {0};
    at_error err = {0};
    int code = EXIT_FATAL;
    at_status rc;
    if (dyad_a) {
        f->supplier = dyad_a;
        f->recipient = dyad_b;
        rc = at_event_list_load(s, f, &l, &err);
        if (rc == AT_OK && strcasecmp(dyad_a, dyad_b) != 0) {
            f->supplier = dyad_b;
            f->recipient = dyad_a;
            rc = at_event_list_load(s, f, &l, &err);
        }
    } else {
        rc = at_event_list_load(s, f, &l, &err);
    }
    for (size_t i = 0; rc == AT_OK && i < l.n; i++) {
        t.event = i;
        rc = at_store_event_claims(s, l.ev[i].id, on_claim, &t, &err);
    }
    if (t.oom) {
        cli_err("timeline: out of memory");
        goto done;
    }
    if (rc != AT_OK) {
        cli_report(&err);
        goto done;
    }
    if (t.n) /* qsort wants a pointer even for nothing */
        qsort(t.e, t.n, sizeof *t.e, cmp_entries);
    int *furthest = malloc((l.n ? l.n : 1) * sizeof *furthest);
    if (!furthest) {
        cli_err("timeline: out of memory");
        goto done;
    }
    for (size_t i = 0; i < l.n; i++)
        furthest[i] = -1;
    for (size_t i = 0; i < t.n; i++) {
        entry *e = &t.e[i];
        if (e->role == AT_ROLE_SUPPORT && (int)e->stage > furthest[e->event]) {
            furthest[e->event] = (int)e->stage;
            e->change = true;
        }
    }
    free(furthest);
    if (table)
        at_buf_printf(&out, "%-10s  %-10s  %c %-12s  %-16s  %-18s  %-14s  %-20s  %s\n", "DATE",
                      "REPORTED", ' ', "KIND", "SUPPLIER -> RCPT", "CATEGORY", "SYSTEM",
                      "DOC", "OUTLET; SOURCE");
    code = EXIT_OK;
    for (size_t i = 0; i <= t.n; i++) {
        if (i < t.n)
            write_entry(&out, table, &t.e[i], &l.ev[t.e[i].event]);
        else if (table)
            at_buf_printf(&out, "%zu reports on %zu events; * = first report of a further "
                                "stage\n", t.n, l.n);
        if (out.err) {
            cli_err("timeline: out of memory");
            code = EXIT_FATAL;
            break;
        }
        if (out.len < (1u << 16) && i < t.n)
            continue;
        if (fwrite(out.ptr, 1, out.len, stdout) != out.len) {
            code = EXIT_FATAL;
            break;
        }
        at_buf_reset(&out);
    }
    if (code == EXIT_OK && fflush(stdout) != 0)
        code = EXIT_FATAL;
    if (code == EXIT_FATAL && !out.err && errno != EPIPE)
        cli_err("timeline: write error: %s", strerror(errno));
done:
    for (size_t i = 0; i < t.n; i++) {
        free(t.e[i].system);
        free(t.e[i].doc);
        free(t.e[i].outlet);
        free(t.e[i].source);
        free(t.e[i].evidence);
    }
    free(t.e);
    at_buf_free(&out);
    at_event_list_free(&l);
    return code;
}

int cmd_timeline(int argc, char **argv)
{
    enum { OPT_DB = 256, OPT_PARTY, OPT_DYAD };
    static const struct option longopts[] = {
        {"category", required_argument, NULL, EVO_CATEGORY},
        {"db", required_argument, NULL, OPT_DB},
        {"dyad", required_argument, NULL, OPT_DYAD},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"min-confidence", required_argument, NULL, EVO_MIN_CONF},
        {"party", required_argument, NULL, OPT_PARTY},
        {NULL, 0, NULL, 0}};
    const char *db = "armstrace.db", *party = NULL, *dyad = NULL;
    char a[AT_PARTY_MAX], b[AT_PARTY_MAX];
    bool table = true;
    at_event_filter f;
    at_event_filter_init(&f);
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_PARTY: party = optarg; break;
        case OPT_DYAD:
            if (!split_dyad(optarg, a, b)) {
                cli_err("timeline: option --dyad: expected two party codes as A,B, got '%s'",
                        optarg);
                return EXIT_USAGE;
            }
            dyad = optarg;
            break;
        case 'f':
            if (!strcmp(optarg, "table"))
                table = true;
            else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json"))
                table = false;
            else {
                cli_err("timeline: option --format: expected table or jsonl, got '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
        case '?':
            return cli_bad_option("timeline", c, argv);
        default:
            if (evopts_apply(&f, c, optarg, "timeline") != EXIT_OK)
                return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_unexpected("timeline", argv[optind]);
    if (!party == !dyad) {
        cli_err("timeline: give one of --party CODE or --dyad A,B (try: armstrace timeline "
                "--help)");
        return EXIT_USAGE;
    }
    f.party = party;
    at_store *s = cli_open_view(db, "timeline");
    if (!s)
        return EXIT_FATAL;
    int code = run(s, &f, dyad ? a : NULL, dyad ? b : NULL, table);
    at_store_close(s);
    return code;
}
