/* cmd_claims.c: `armstrace claims`: list stored claims, filtered by
 * party, category, stage, factuality, date or document, through the same
 * writers as `armstrace extract` (the store hands back each claim with
 * its stored document text, so evidence offsets and text come out as
 * they were extracted). */
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
        "usage: armstrace claims [OPTIONS]\n"
        "\n"
        "List the claims stored by `armstrace ingest`, each with its evidence\n"
        "sentence, by document in ingest order.\n"
        "\n"
        "options:\n"
        "      --db PATH          the database (default: armstrace.db)\n"
        "      --supplier CODE    only claims with this supplier (RUS, rus,\n"
        "                         houthis: case does not matter)\n"
        "      --recipient CODE   only claims with this recipient\n"
        "      --category C       e.g. drone, ballistic_missile, ammunition\n"
        "      --stage S          intent, negotiating, agreed, delivered, used\n"
        "      --factuality F     claimed, hypothetical, negated\n"
        "      --since DATE       claims dated DATE or later (YYYY, YYYY-MM or\n"
        "      --until DATE       YYYY-MM-DD); the claim's own date, else its\n"
        "                         document's; compared at the coarser precision\n"
        "      --doc ID           only the claims of document ID\n"
        "  -n, --limit N          at most N claims\n"
        "  -f, --format FMT       table (default), jsonl (the spec's record)\n"
        "                         or csv\n"
        "  -h, --help             show this help\n"
        "\n"
        "exit codes:\n"
        "  0  success (also when no claim matched)\n"
        "  2  usage error (unknown option, bad value)\n"
        "  3  the database is missing or unreadable, or output failed\n",
        f);
}

static int on_claim(const at_doc *doc, const at_claim *claim, void *user)
{
    cli_out *o = user;
    at_claim_write(&o->buf, o->fmt, doc, claim);
    return cli_out_row(o);
}

int cmd_claims(int argc, char **argv)
{
    enum { OPT_DB = 256, OPT_SUPPLIER, OPT_RECIPIENT, OPT_CATEGORY, OPT_STAGE,
           OPT_FACT, OPT_SINCE, OPT_UNTIL, OPT_DOC };
    static const struct option longopts[] = {
        {"category", required_argument, NULL, OPT_CATEGORY},
        {"db", required_argument, NULL, OPT_DB},
        {"doc", required_argument, NULL, OPT_DOC},
        {"factuality", required_argument, NULL, OPT_FACT},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"limit", required_argument, NULL, 'n'},
        {"recipient", required_argument, NULL, OPT_RECIPIENT},
        {"since", required_argument, NULL, OPT_SINCE},
        {"stage", required_argument, NULL, OPT_STAGE},
        {"supplier", required_argument, NULL, OPT_SUPPLIER},
        {"until", required_argument, NULL, OPT_UNTIL},
        {NULL, 0, NULL, 0}};
    const char *db = "armstrace.db";
    at_claim_filter f;
    at_claim_filter_init(&f);
    cli_out k = {.fmt = AT_FMT_TABLE};
    opterr = 0;
    optind = 1;
    int c, v;
    while ((c = getopt_long(argc, argv, ":f:hn:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_SUPPLIER: f.supplier = optarg; break;
        case OPT_RECIPIENT: f.recipient = optarg; break;
        case OPT_DOC: f.doc = optarg; break;
        case OPT_CATEGORY:
            if ((v = at_category_parse(optarg, strlen(optarg))) <= 0)
                return cli_bad_name("claims", "category", optarg, 1, AT_CAT_COUNT,
                                    cli_category_name);
            f.category = v;
            break;
        case OPT_STAGE:
            if ((v = at_stage_parse(optarg, strlen(optarg))) < 0)
                return cli_bad_name("claims", "stage", optarg, 0, AT_STAGE_COUNT,
                                    cli_stage_name);
            f.stage = v;
            break;
        case OPT_FACT:
            if ((v = at_factuality_parse(optarg, strlen(optarg))) < 0)
                return cli_bad_name("claims", "factuality", optarg, 0, AT_FACT_COUNT,
                                    cli_factuality_name);
            f.factuality = v;
            break;
        case OPT_SINCE:
        case OPT_UNTIL:
            if (!cli_valid_date(optarg)) {
                cli_err("claims: option --%s: expected YYYY, YYYY-MM or YYYY-MM-DD, "
                        "got '%s'", c == OPT_SINCE ? "since" : "until", optarg);
                return EXIT_USAGE;
            }
            *(c == OPT_SINCE ? &f.since : &f.until) = optarg;
            break;
        case 'f':
            if ((v = at_format_parse(optarg)) < 0) {
                cli_err("claims: option --format: expected table, jsonl or csv, got '%s'",
                        optarg);
                return EXIT_USAGE;
            }
            k.fmt = (at_format)v;
            break;
        case 'n': {
            char *end;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || n < 1) {
                cli_err("claims: option --limit: expected a positive number, got '%s'",
                        optarg);
                return EXIT_USAGE;
            }
            f.limit = (size_t)n;
            break;
        }
        case 'h': usage(stdout); return EXIT_OK;
        default:
            return cli_bad_option("claims", c, argv);
        }
    }
    if (optind < argc)
        return cli_unexpected("claims", argv[optind]);
    signal(SIGPIPE, SIG_IGN); /* a closed pipe ends the listing quietly */
    at_error err = {0};
    at_store *s = at_store_open(db, false, &err);
    if (!s) {
        cli_report(&err);
        return EXIT_FATAL;
    }
    at_claim_header(&k.buf, k.fmt);
    at_status rc = at_store_claims(s, &f, on_claim, &k, &err);
    int code = cli_out_finish(&k, "claims", rc, &err);
    at_store_close(s);
    return code;
}
