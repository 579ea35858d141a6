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
#include "evopts.h"
#include "out.h"

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

static int on_event(const at_event *ev, void *user)
{
    cli_out *o = user;
    at_event_write(&o->buf, o->fmt, ev);
    return cli_out_row(o);
}

static int on_link(const char *a, const char *b, int shared, void *user)
{
    cli_out *o = user;
    at_buf_printf(&o->buf, "%s\t%s\t%d\n", a, b, shared);
    return cli_out_row(o);
}

int cmd_events(int argc, char **argv)
{
    enum { OPT_DB = 256, OPT_REBUILD, OPT_LINKS };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"limit", required_argument, NULL, 'n'},
        {"links", no_argument, NULL, OPT_LINKS},
        {"rebuild", no_argument, NULL, OPT_REBUILD},
        EVOPTS_LONGOPTS,
        {NULL, 0, NULL, 0}};
    const char *db = "armstrace.db";
    at_event_filter f;
    at_event_filter_init(&f);
    cli_out k = {.fmt = AT_FMT_TABLE};
    bool rebuild = false, links = false;
    opterr = 0;
    optind = 1;
    int c, v;
    char *end;
    while ((c = getopt_long(argc, argv, ":f:hn:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_REBUILD: rebuild = true; break;
        case OPT_LINKS: links = true; break;
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
        case EVO_SUPPLIER: case EVO_RECIPIENT: case EVO_PARTY: case EVO_CATEGORY:
        case EVO_STAGE: case EVO_SINCE: case EVO_UNTIL: case EVO_MIN_CONF:
            if (evopts_apply(&f, c, optarg, "events") != EXIT_OK)
                return EXIT_USAGE;
            break;
        default:
            return cli_bad_option("events", c, argv);
        }
    }
    if (optind < argc)
        return cli_unexpected("events", argv[optind]);
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
        at_event_header(&k.buf, k.fmt);
        rc = at_store_events(s, &f, on_event, &k, &err);
    }
    int code = cli_out_finish(&k, "events", rc, &err);
    at_store_close(s);
    return code;
}
