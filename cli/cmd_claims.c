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

/* "option --stage: unknown value 'x' (expected: intent, negotiating, ...)" */
static int bad_name(const char *opt, const char *got, const char *(*name)(int), int n,
                    int first)
{
    at_buf b = {0};
    for (int i = first; i < n; i++) {
        if (i > first)
            at_buf_puts(&b, ", ");
        at_buf_puts(&b, name(i));
    }
    cli_err("claims: option --%s: unknown value '%s' (expected one of: %s)", opt, got,
            b.ptr ? b.ptr : "");
    at_buf_free(&b);
    return EXIT_USAGE;
}

static const char *cat_name(int i) { return at_category_name((at_category)i); }
static const char *stage_name(int i) { return at_stage_name((at_stage)i); }
static const char *fact_name(int i) { return at_factuality_name((at_factuality)i); }

/* YYYY, YYYY-MM or YYYY-MM-DD: the filter compares strings, so a date in
 * another shape would silently match the wrong claims. */
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

static int on_claim(const at_doc *doc, const at_claim *claim, void *user)
{
    sink *k = user;
    at_claim_write(&k->out, k->fmt, doc, claim);
    if (k->out.err)
        return 1;
    if (k->out.len >= (1u << 16) && !flush_out(k))
        return 1;
    return 0;
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
    sink k = {.fmt = AT_FMT_TABLE};
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
            if ((v = at_category_parse(optarg, strlen(optarg))) < 0)
                return bad_name("category", optarg, cat_name, AT_CAT_COUNT, 1);
            f.category = v;
            break;
        case OPT_STAGE:
            if ((v = at_stage_parse(optarg, strlen(optarg))) < 0)
                return bad_name("stage", optarg, stage_name, AT_STAGE_COUNT, 0);
            f.stage = v;
            break;
        case OPT_FACT:
            if ((v = at_factuality_parse(optarg, strlen(optarg))) < 0)
                return bad_name("factuality", optarg, fact_name, AT_FACT_COUNT, 0);
            f.factuality = v;
            break;
        case OPT_SINCE:
        case OPT_UNTIL:
            if (!valid_date(optarg)) {
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
        case ':':
            cli_err("claims: option %s needs a value", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            cli_err("claims: unknown option '%s' (try: armstrace claims --help)",
                    argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_err("claims: unexpected argument '%s' (try: armstrace claims --help)",
                argv[optind]);
        return EXIT_USAGE;
    }
    signal(SIGPIPE, SIG_IGN); /* a closed pipe ends the listing quietly */
    at_error err = {0};
    at_store *s = at_store_open(db, false, &err);
    if (!s) {
        cli_report(&err);
        return EXIT_FATAL;
    }
    at_claim_header(&k.out, k.fmt);
    at_status rc = at_store_claims(s, &f, on_claim, &k, &err);
    int code = EXIT_OK;
    if (rc == AT_ESTOP || k.out.err) {
        if (!k.write_failed)
            cli_err("claims: out of memory");
        code = EXIT_FATAL;
    } else if (rc != AT_OK) {
        cli_report(&err);
        code = EXIT_FATAL;
    }
    if (code == EXIT_OK && (!flush_out(&k) || fflush(stdout) != 0))
        k.write_failed = true;
    if (k.write_failed) {
        if (errno != EPIPE)
            cli_err("claims: write error: %s", strerror(errno));
        code = EXIT_FATAL;
    }
    at_buf_free(&k.out);
    at_store_close(s);
    return code;
}
