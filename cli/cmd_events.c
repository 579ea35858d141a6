/* cmd_events.c: `armstrace events`: list the events (claims reconciled
 * across documents) stored by `armstrace ingest`, filtered by party,
 * category, furthest stage, date or confidence; --rebuild recomputes
 * them all, --links lists the documents found to share passages. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fputs(
        "usage: armstrace events [OPTIONS]\n"
        "\n"
        "List events: the claims stored by `armstrace ingest` reconciled across\n"
        "documents, one row per transfer (supplier, recipient, category, named\n"
        "systems, the furthest stage and when each stage was first reported,\n"
        "quantities, dates, reports, independent origins, sources,\n"
        "contradictions and a confidence, README \"Confidence\"), most\n"
        "confident first. `armstrace event ID` shows one with its claims.\n"
        "\n"
        "options:\n"
        "      --db PATH          the database (default: armstrace.db)\n"
        "      --supplier CODE    only events with this supplier (case does\n"
        "      --recipient CODE   not matter) or this recipient\n"
        "      --party CODE       only events with CODE on either side\n"
        "      --category C       e.g. drone, ballistic_missile, ammunition\n"
        "      --stage S          furthest stage reached: intent, negotiating,\n"
        "                         agreed, delivered, used\n"
        "      --since DATE       events dated (else reported) DATE or later,\n"
        "      --until DATE       or up to DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"
        "      --min-confidence X only events with confidence X (0..1) or more\n"
        "  -n, --limit N          at most N events\n"
        "  -f, --format FMT       table (default), jsonl or csv\n"
        "      --rebuild          recompute shared passages and every event from\n"
        "                         the stored documents and claims (after an\n"
        "                         ingest with --no-events), then list\n"
        "      --links            list the pairs of documents that share\n"
        "                         passages (id, id, shared hashes) instead\n"
        "  -h, --help             show this help\n"
        "\n"
        "exit codes:\n"
        "  0  success (also when no event matched)\n"
        "  2  usage error (unknown option, bad value)\n"
        "  3  the database is missing or unreadable, or output failed\n",
        f);
}

static int bad_name(const char *opt, const char *got, const char *(*name)(int), int n,
                    int first)
{
    at_buf b = {0};
    for (int i = first; i < n; i++) {
        if (i > first)
            at_buf_puts(&b, ", ");
        at_buf_puts(&b, name(i));
    }
    cli_err("events: option --%s: unknown value '%s' (expected one of: %s)", opt, got,
            b.ptr ? b.ptr : "");
    at_buf_free(&b);
    return EXIT_USAGE;
}

static const char *cat_name(int i) { return at_category_name((at_category)i); }
static const char *stage_name(int i) { return at_stage_name((at_stage)i); }

static bool valid_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return false;
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return false;
    }
    return true;
}

typedef struct {
    at_format fmt;
    at_buf out;
    bool write_failed;
} sink;

static bool flush_out(sink *k)
{
    if (k->out.len && fwrite(k->out.ptr, 1, k->out.len, stdout) != k->out.len)
        k->write_failed = true;
    at_buf_reset(&k->out);
    return !k->write_failed;
}

static int on_event(const at_event *ev, void *user)
{
    sink *k = user;
    at_event_write(&k->out, k->fmt, ev);
    if (k->out.err)
        return 1;
    return k->out.len >= (1u << 16) && !flush_out(k);
}

static int on_link(const char *a, const char *b, int shared, void *user)
{
    sink *k = user;
    at_buf_printf(&k->out, "%s\t%s\t%d\n", a, b, shared);
    if (k->out.err)
        return 1;
    return k->out.len >= (1u << 16) && !flush_out(k);
}

int cmd_events(int argc, char **argv)
{
    enum { OPT_DB = 256, OPT_SUPPLIER, OPT_RECIPIENT, OPT_PARTY, OPT_CATEGORY,
           OPT_STAGE, OPT_SINCE, OPT_UNTIL, OPT_CONF, OPT_REBUILD, OPT_LINKS };
    static const struct option longopts[] = {
        {"category", required_argument, NULL, OPT_CATEGORY},
        {"db", required_argument, NULL, OPT_DB},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"limit", required_argument, NULL, 'n'},
        {"links", no_argument, NULL, OPT_LINKS},
        {"min-confidence", required_argument, NULL, OPT_CONF},
        {"party", required_argument, NULL, OPT_PARTY},
        {"rebuild", no_argument, NULL, OPT_REBUILD},
        {"recipient", required_argument, NULL, OPT_RECIPIENT},
        {"since", required_argument, NULL, OPT_SINCE},
        {"stage", required_argument, NULL, OPT_STAGE},
        {"supplier", required_argument, NULL, OPT_SUPPLIER},
        {"until", required_argument, NULL, OPT_UNTIL},
        {NULL, 0, NULL, 0}};
    const char *db = "armstrace.db";
    at_event_filter f;
    at_event_filter_init(&f);
    sink k = {.fmt = AT_FMT_TABLE};
    bool rebuild = false, links = false;
    opterr = 0;
    optind = 1;
    int c, v;
    char *end;
    while ((c = getopt_long(argc, argv, ":f:hn:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_SUPPLIER: f.supplier = optarg; break;
        case OPT_RECIPIENT: f.recipient = optarg; break;
        case OPT_PARTY: f.party = optarg; break;
        case OPT_REBUILD: rebuild = true; break;
        case OPT_LINKS: links = true; break;
        case OPT_CATEGORY:
            if ((v = at_category_parse(optarg, strlen(optarg))) <= 0)
                return bad_name("category", optarg, cat_name, AT_CAT_COUNT, 1);
            f.category = v;
            break;
        case OPT_STAGE:
            if ((v = at_stage_parse(optarg, strlen(optarg))) < 0)
                return bad_name("stage", optarg, stage_name, AT_STAGE_COUNT, 0);
            f.stage = v;
            break;
        case OPT_SINCE:
        case OPT_UNTIL:
            if (!valid_date(optarg)) {
                cli_err("events: option --%s: expected YYYY, YYYY-MM or YYYY-MM-DD, "
                        "got '%s'", c == OPT_SINCE ? "since" : "until", optarg);
                return EXIT_USAGE;
            }
            *(c == OPT_SINCE ? &f.since : &f.until) = optarg;
            break;
        case OPT_CONF:
            errno = 0;
            f.min_confidence = strtod(optarg, &end);
            if (errno || end == optarg || *end || !(f.min_confidence >= 0) ||
                f.min_confidence > 1) {
                cli_err("events: option --min-confidence: expected a number from 0 to 1, "
                        "got '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'f':
            if ((v = at_format_parse(optarg)) < 0) {
                cli_err("events: option --format: expected table, jsonl or csv, got '%s'",
                        optarg);
                return EXIT_USAGE;
            }
            k.fmt = (at_format)v;
            break;
        case 'n': {
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || n < 1) {
                cli_err("events: option --limit: expected a positive number, got '%s'",
                        optarg);
                return EXIT_USAGE;
            }
            f.limit = (size_t)n;
            break;
        }
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
            cli_err("events: option %s needs a value", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            cli_err("events: unknown option '%s' (try: armstrace events --help)",
                    argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_err("events: unexpected argument '%s' (try: armstrace events --help)",
                argv[optind]);
        return EXIT_USAGE;
    }
    signal(SIGPIPE, SIG_IGN);
    at_error err = {0};
    at_store *s = at_store_open(db, false, &err);
    if (!s) {
        cli_report(&err);
        return EXIT_FATAL;
    }
    at_status rc = rebuild ? at_store_rebuild_events(s, &err) : AT_OK;
    if (rc == AT_OK)
        cli_warn_stale(s, "events");
    if (rc == AT_OK && links) {
        rc = at_store_links(s, on_link, &k, &err);
    } else if (rc == AT_OK) {
        at_event_header(&k.out, k.fmt);
        rc = at_store_events(s, &f, on_event, &k, &err);
    }
    int code = EXIT_OK;
    if (rc == AT_ESTOP || k.out.err) {
        if (!k.write_failed)
            cli_err("events: out of memory");
        code = EXIT_FATAL;
    } else if (rc != AT_OK) {
        cli_report(&err);
        code = EXIT_FATAL;
    }
    if (code == EXIT_OK && (!flush_out(&k) || fflush(stdout) != 0))
        k.write_failed = true;
    if (k.write_failed) {
        if (errno != EPIPE)
            cli_err("events: write error: %s", strerror(errno));
        code = EXIT_FATAL;
    }
    at_buf_free(&k.out);
    at_store_close(s);
    return code;
}
