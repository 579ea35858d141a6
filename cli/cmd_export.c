/* cmd_export.c: `armstrace export --format register`: the stored events
 * as a SIPRI-style register of transfers in CSV (one row per event; the
 * rows are the library's at_store_register). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "evopts.h"

static void usage(FILE *f)
{
    fputs("usage: armstrace export --format register [OPTIONS]\n"
          "\n"
          "Write the stored transfer events as a register in CSV (RFC 4180), one\n"
          "row per event, sorted by supplier, recipient and years, with the columns\n"
          "  supplier,recipient,designation,category,number,stage,years,sources,comments\n"
          "designation: the named systems, else the category in words; number: the\n"
          "count the reports give (200, 200-400, ~400, >200); stage: the furthest\n"
          "claimed stage; years: of the event's dates, else of its reports;\n"
          "sources: outlets and named sources; comments: contradicting and\n"
          "hypothetical reports, confidence, independent origins.\n"
          "\n"
          "options:\n"
          "      --db PATH              the database (default: armstrace.db)\n"
          "  -f, --format FMT           register (the default, and for now the only one)\n"
          "  -o, --output FILE          write to FILE instead of standard output\n" EVOPTS_HELP
          "  -h, --help                 show this help\n"
          "\n"
          "exit codes:\n"
          "  0  success (just the header when no event matched)\n"
          "  2  usage error (unknown option, bad value)\n"
          "  3  the database is missing or unreadable, or output failed\n",
          f);
}

int cmd_export(int argc, char **argv)
{
    enum { OPT_DB = 256 };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},
        EVOPTS_LONGOPTS,
        {NULL, 0, NULL, 0}};
    const char *db = "armstrace.db", *path = NULL;
    at_event_filter f;
    at_event_filter_init(&f);
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":f:ho:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case 'o': path = optarg; break;
        case 'f':
            if (strcmp(optarg, "register") != 0) {
                cli_err("export: option --format: expected register, got '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
        case '?':
            return cli_bad_option("export", c, argv);
        default:
            if (evopts_apply(&f, c, optarg, "export") != EXIT_OK)
                return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_unexpected("export", argv[optind]);
    at_error err = {0};
    at_store *s = cli_open_view(db, "export");
    if (!s)
        return EXIT_FATAL;
    at_buf out = {0};
    int code = EXIT_OK;
    if (at_store_register(s, &f, &out, &err) != AT_OK) {
        cli_report(&err);
        code = EXIT_FATAL;
    }
    at_store_close(s);
    /* the file is opened only once the register is complete, so a failed
     * export does not truncate an earlier one */
    FILE *o = stdout;
    if (code == EXIT_OK && path && strcmp(path, "-") != 0 && !(o = fopen(path, "w"))) {
        cli_err("export: %s: %s", path, strerror(errno));
        code = EXIT_FATAL;
    }
    if (code == EXIT_OK) {
        bool bad = out.len && fwrite(out.ptr, 1, out.len, o) != out.len;
        bad |= o == stdout ? fflush(o) != 0 : fclose(o) != 0;
        if (bad) {
            if (errno != EPIPE)
                cli_err("export: write error: %s", strerror(errno));
            code = EXIT_FATAL;
        }
    }
    at_buf_free(&out);
    return code;
}
