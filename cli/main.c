/* main.c: the armstrace command: dispatch to a subcommand. */
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void cli_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("armstrace: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_report(const at_error *e)
{
    if (e->file[0] && e->line)
        cli_err("%s:%zu: %s", e->file, e->line, e->msg);
    else if (e->file[0])
        cli_err("%s: %s", e->file, e->msg);
    else
        cli_err("%s", e->msg[0] ? e->msg : at_strerror(e->code));
}

int cli_bad_option(const char *cmd, int c, char **argv)
{
    if (c == ':')
        cli_err("%s: option %s needs a value", cmd, argv[optind - 1]);
    else if (optopt)
        cli_err("%s: unknown option '-%c' (try: armstrace %s --help)", cmd, optopt, cmd);
    else
        cli_err("%s: unknown option '%s' (try: armstrace %s --help)", cmd, argv[optind - 1],
                cmd);
    return EXIT_USAGE;
}

int cli_unexpected(const char *cmd, const char *arg)
{
    cli_err("%s: unexpected argument '%s' (try: armstrace %s --help)", cmd, arg, cmd);
    return EXIT_USAGE;
}

at_store *cli_open_view(const char *db, const char *cmd)
{
    signal(SIGPIPE, SIG_IGN); /* a closed pipe ends the output quietly */
    at_error err = {0};
    at_store *s = at_store_open(db, false, &err);
    if (!s)
        cli_report(&err);
    else
        cli_warn_stale(s, cmd);
    return s;
}

void cli_warn_stale(at_store *s, const char *cmd)
{
    at_error err = {0};
    bool stale = false;
    if (at_store_events_stale(s, &stale, &err) != AT_OK)
        cli_report(&err);
    else if (stale)
        cli_err("%s: warning: events are out of date (documents were ingested with "
                "--no-events); run: armstrace events --rebuild", cmd);
}

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} commands[] = {
    /* sorted by name */
    {"claims", cmd_claims, "list stored claims with filters"},
    {"eval", cmd_eval, "score predicted claims against a gold file"},
    {"event", cmd_event, "show one event with its claims and evidence"},
    {"events", cmd_events, "list transfers: claims reconciled across documents"},
    {"export", cmd_export, "write the events as a register (CSV)"},
    {"extract", cmd_extract, "read documents, write their claims"},
    {"graph", cmd_graph, "the transfer network as DOT, GraphML, GEXF or JSON"},
    {"ingest", cmd_ingest, "store documents and their claims in a database"},
    {"search", cmd_search, "full-text search over stored documents"},
    {"timeline", cmd_timeline, "chronology of a party's or a pair's transfers"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: armstrace COMMAND [OPTIONS] [ARGS]\n\n"
               "Extract arms-transfer claims from news text.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n`armstrace COMMAND --help` describes each command;\n"
               "`armstrace --version` prints the version.\n\n"
               "exit codes: 0 success; 1 finished but some input failed;\n"
               "            2 usage error; 3 fatal error (data, database, output)\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        puts("armstrace " AT_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    cli_err("unknown command '%s' (try: armstrace --help)", argv[1]);
    return EXIT_USAGE;
}
