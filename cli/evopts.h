/* evopts.h: the event filter options that `graph`, `export` and
 * `timeline` share (--supplier, --recipient, --party, --category, --stage,
 * --since, --until, --min-confidence), parsed into an at_event_filter. */
#ifndef AT_EVOPTS_H
#define AT_EVOPTS_H

#include <getopt.h>

#include "cli.h"

/* getopt_long codes of the shared options (above any short option). */
enum { EVO_SUPPLIER = 400, EVO_RECIPIENT, EVO_PARTY, EVO_CATEGORY, EVO_STAGE,
       EVO_SINCE, EVO_UNTIL, EVO_MIN_CONF };

#define EVOPTS_LONGOPTS                                                   \
    {"category", required_argument, NULL, EVO_CATEGORY},                  \
    {"min-confidence", required_argument, NULL, EVO_MIN_CONF},            \
    {"party", required_argument, NULL, EVO_PARTY},                        \
    {"recipient", required_argument, NULL, EVO_RECIPIENT},                \
    {"since", required_argument, NULL, EVO_SINCE},                        \
    {"stage", required_argument, NULL, EVO_STAGE},                        \
    {"supplier", required_argument, NULL, EVO_SUPPLIER},                  \
    {"until", required_argument, NULL, EVO_UNTIL}

/* The --help lines of the shared options. */
#define EVOPTS_HELP                                                              \
    "      --supplier CODE        only events with this supplier (IRN, houthis)\n" \
    "      --recipient CODE       only events with this recipient\n"                \
    "      --party CODE           only events with this party on either side\n"    \
    "      --category C           e.g. drone, ballistic_missile, ammunition\n"     \
    "      --stage S              furthest stage: intent, negotiating, agreed,\n"  \
    "                             delivered, used\n"                               \
    "      --since DATE           events dated DATE or later (YYYY, YYYY-MM or\n"  \
    "      --until DATE           YYYY-MM-DD): their own dates, else reports'\n"   \
    "      --min-confidence X     only events with confidence X (0..1) or more\n"

/* YYYY, YYYY-MM or YYYY-MM-DD. */
bool cli_valid_date(const char *s);

/* "CMD: option --OPT: unknown value 'GOT' (expected one of: ...)", the
 * names NAME(FIRST) .. NAME(N - 1); returns EXIT_USAGE. */
int cli_bad_name(const char *cmd, const char *opt, const char *got, int first, int n,
                 const char *(*name)(int));
const char *cli_category_name(int i);
const char *cli_stage_name(int i);
const char *cli_factuality_name(int i);

/* Apply option C (an EVO_* code) with ARG to F. Returns -1 when C is not
 * a shared option, EXIT_OK when applied, EXIT_USAGE (message printed,
 * naming CMD) for a bad value. */
int evopts_apply(at_event_filter *f, int c, const char *arg, const char *cmd);

#endif
