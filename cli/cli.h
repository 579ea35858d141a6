/* cli.h: what the armstrace subcommands share: exit codes, messages and
 * the command entry points. Each command lives in its own cmd_*.c file,
 * parses its own options with getopt_long, and answers --help. */
#ifndef AT_CLI_H
#define AT_CLI_H

#include "armstrace.h"

/* Exit codes (documented in README and `armstrace --help`). */
enum {
    EXIT_OK = 0,       /* success */
    EXIT_INPUT = 1,    /* finished, but some input failed (named on stderr) */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_FATAL = 3     /* could not go on: dictionary, database, output */
};

/* "armstrace: " + message + "\n" on stderr. */
void cli_err(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Print an at_error as "armstrace: FILE:LINE: MSG". */
void cli_report(const at_error *e);

/* The message for what getopt_long returned as C, ':' (an option without
 * its value) or anything else (an unknown option), in command CMD;
 * returns EXIT_USAGE. */
int cli_bad_option(const char *cmd, int c, char **argv);

/* The message for an argument CMD does not take; returns EXIT_USAGE. */
int cli_unexpected(const char *cmd, const char *arg);

/* Open database DB for a view over its events (event, timeline, graph,
 * export): a closed output pipe ends quietly, a stale database is warned
 * of, naming CMD. NULL (reported) when it cannot be opened. */
at_store *cli_open_view(const char *db, const char *cmd);

/* Warn on stderr, naming CMD, when the database's events need a rebuild
 * (an ingest with --no-events). */
void cli_warn_stale(at_store *s, const char *cmd);

int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_claims(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_event(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
