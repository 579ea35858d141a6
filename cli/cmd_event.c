/* cmd_event.c: `armstrace event ID`: one event with every claim that
 * supports, contradicts or hypothesizes it, each with its document (id,
 * date, outlet), the document's shared-passage origin, its source and
 * its evidence sentence. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fputs(
        "usage: armstrace event [OPTIONS] ID\n"
        "\n"
        "Show event ID (as `armstrace events` lists it) and every claim\n"
        "attached to it, in report order: its role (support, hypothetical,\n"
        "contradict), document, date, outlet, origin (the first document of\n"
        "its shared-passage cluster), stage, certainty, source and evidence.\n"
        "\n"
        "options:\n"
        "      --db PATH      the database (default: armstrace.db)\n"
        "  -f, --format FMT   text (default) or jsonl: the event's object, then\n"
        "                     one line per claim: {\"role\", \"origin\",\n"
        "                     \"claim\": the spec's record}\n"
        "  -h, --help         show this help\n"
        "\n"
        "exit codes:\n"
        "  0  success\n"
        "  2  usage error, or no event ID\n"
        "  3  the database is missing or unreadable, or output failed\n",
        f);
}

typedef struct {
    bool jsonl;
    at_buf out;
    int shown;
} sink;

static const char *role_name(at_event_role r)
{
    return r == AT_ROLE_CONTRADICT ? "contradict"
           : r == AT_ROLE_HYPOTHETICAL ? "hypothetical" : "support";
}

static int on_event(const at_event *ev, void *user)
{
    sink *k = user;
    if (k->jsonl) {
        at_event_write(&k->out, AT_FMT_JSONL, ev);
    } else {
        at_event_header(&k->out, AT_FMT_TABLE);
        at_event_write(&k->out, AT_FMT_TABLE, ev);
        at_buf_puts(&k->out, "\nCLAIMS\n");
    }
    k->shown++;
    return k->out.err != AT_OK;
}

static void put_slice(at_buf *b, at_slice s)
{
    /* whitespace collapsed: evidence spans line breaks */
    bool space = false;
    for (size_t i = 0; i < s.len; i++) {
        char c = s.ptr[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = true;
            continue;
        }
        if (space)
            at_buf_putc(b, ' ');
        space = false;
        at_buf_putc(b, c);
    }
}

static int on_claim(at_event_role role, const char *origin, const at_doc *doc,
                    const at_claim *c, void *user)
{
    sink *k = user;
    at_buf *b = &k->out;
    if (k->jsonl) {
        at_buf_printf(b, "{\"role\":\"%s\",\"origin\":", role_name(role));
        at_buf_json_str(b, origin, strlen(origin));
        at_buf_puts(b, ",\"claim\":");
        size_t at = b->len;
        at_claim_write(b, AT_FMT_JSONL, doc, c);
        if (b->len > at && b->ptr[b->len - 1] == '\n')
            b->len--;
        at_buf_puts(b, "}\n");
        return b->err != AT_OK;
    }
    at_buf_printf(b, "%-12s %.*s  %.*s  %.*s", role_name(role), (int)doc->id.len,
                  doc->id.ptr, (int)(doc->date.len ? doc->date.len : 1),
                  doc->date.len ? doc->date.ptr : "-",
                  (int)(doc->outlet.len ? doc->outlet.len : 1),
                  doc->outlet.len ? doc->outlet.ptr : "-");
    if (strlen(origin) != doc->id.len || memcmp(origin, doc->id.ptr, doc->id.len))
        at_buf_printf(b, "  (origin %s)", origin);
    at_buf_printf(b, "\n    %s %s, %s", at_stage_name(c->stage),
                  at_factuality_name(c->factuality), at_certainty_name(c->certainty));
    if (c->system)
        at_buf_printf(b, "; system %s", c->system);
    if (c->has_date)
        at_buf_printf(b, "; dated %s%s%s", c->date_start, c->date_end[0] ? ".." : "",
                      c->date_end);
    if (c->has_source) {
        at_buf_puts(b, "; source ");
        put_slice(b, c->source_name);
    }
    at_buf_puts(b, "\n    \"");
    put_slice(b, (at_slice){doc->text.ptr + c->start, c->end - c->start});
    at_buf_puts(b, "\"\n");
    return b->err != AT_OK;
}

int cmd_event(int argc, char **argv)
{
    enum { OPT_DB = 256 };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = "armstrace.db";
    sink k = {0};
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case 'f':
            if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json")) {
                k.jsonl = true;
            } else if (strcmp(optarg, "text")) {
                cli_err("event: option --format: expected text or jsonl, got '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return EXIT_OK;
        default:
            return cli_bad_option("event", c, argv);
        }
    }
    if (optind + 1 != argc) {
        cli_err("event: expected one event ID (try: armstrace event --help)");
        return EXIT_USAGE;
    }
    const char *id = argv[optind];
    at_error err = {0};
    at_store *s = cli_open_view(db, "event");
    if (!s)
        return EXIT_FATAL;
    at_event_filter f;
    at_event_filter_init(&f);
    f.id = id;
    at_status rc = at_store_events(s, &f, on_event, &k, &err);
    int code = EXIT_OK;
    if (rc == AT_OK && k.shown == 0) {
        cli_err("event: no event '%s' in %s", id, db);
        code = EXIT_USAGE;
    } else if (rc == AT_OK) {
        rc = at_store_event_claims(s, id, on_claim, &k, &err);
    }
    if (code == EXIT_OK && (rc == AT_ESTOP || k.out.err)) {
        cli_err("event: out of memory");
        code = EXIT_FATAL;
    } else if (code == EXIT_OK && rc != AT_OK) {
        cli_report(&err);
        code = EXIT_FATAL;
    }
    if (code == EXIT_OK && k.out.len &&
        (fwrite(k.out.ptr, 1, k.out.len, stdout) != k.out.len || fflush(stdout) != 0)) {
        if (errno != EPIPE)
            cli_err("event: write error: %s", strerror(errno));
        code = EXIT_FATAL;
    }
    at_buf_free(&k.out);
    at_store_close(s);
    return code;
}
