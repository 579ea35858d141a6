/* evopts.c: parsing of the filter options shared by the listings of
 * claims and the views over events (events, graph, export, timeline): one
 * place for their checks and messages. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evopts.h"

/* YYYY, YYYY-MM or YYYY-MM-DD: the store compares strings, so another
 * shape would silently select the wrong rows. */
bool cli_valid_date(const char *s)
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

int cli_bad_name(const char *cmd, const char *opt, const char *got, int first, int n,
                 const char *(*name)(int))
{
    at_buf b = {0};
    for (int i = first; i < n; i++) {
        at_buf_puts(&b, i > first ? ", " : "");
        at_buf_puts(&b, name(i));
    }
    cli_err("%s: option --%s: unknown value '%s' (expected one of: %s)", cmd, opt, got,
            b.ptr ? b.ptr : "");
    at_buf_free(&b);
    return EXIT_USAGE;
}

const char *cli_category_name(int i) { return at_category_name((at_category)i); }
const char *cli_stage_name(int i) { return at_stage_name((at_stage)i); }
const char *cli_factuality_name(int i) { return at_factuality_name((at_factuality)i); }

int evopts_apply(at_event_filter *f, int c, const char *arg, const char *cmd)
{
    int v;
    switch (c) {
    case EVO_SUPPLIER: f->supplier = arg; return EXIT_OK;
    case EVO_RECIPIENT: f->recipient = arg; return EXIT_OK;
    case EVO_PARTY: f->party = arg; return EXIT_OK;
    case EVO_CATEGORY:
        if ((v = at_category_parse(arg, strlen(arg))) <= 0) /* not "none" */
            return cli_bad_name(cmd, "category", arg, 1, AT_CAT_COUNT, cli_category_name);
        f->category = v;
        return EXIT_OK;
    case EVO_STAGE:
        if ((v = at_stage_parse(arg, strlen(arg))) < 0)
            return cli_bad_name(cmd, "stage", arg, 0, AT_STAGE_COUNT, cli_stage_name);
        f->stage = v;
        return EXIT_OK;
    case EVO_SINCE:
    case EVO_UNTIL:
        if (!cli_valid_date(arg)) {
            cli_err("%s: option --%s: expected YYYY, YYYY-MM or YYYY-MM-DD, got '%s'", cmd,
                    c == EVO_SINCE ? "since" : "until", arg);
            return EXIT_USAGE;
        }
        *(c == EVO_SINCE ? &f->since : &f->until) = arg;
        return EXIT_OK;
    case EVO_MIN_CONF: {
        char *end;
        errno = 0;
        double x = strtod(arg, &end);
        if (errno || end == arg || *end || !isfinite(x) || x < 0 || x > 1) {
            cli_err("%s: option --min-confidence: expected a number from 0 to 1, got '%s'",
                    cmd, arg);
            return EXIT_USAGE;
        }
        f->min_confidence = x;
        return EXIT_OK;
    }
    default: return -1;
    }
}
