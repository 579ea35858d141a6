/* names.c: the spec's names for categories, stages, factuality and
 * certainty, and the status messages. */
#include <string.h>

#include "armstrace.h"

static const char *const categories[AT_CAT_COUNT] = {
    "none", "weapons", "missile", "ballistic_missile", "cruise_missile",
    "anti_tank_missile", "air_defense", "drone", "ammunition", "rocket",
    "launcher", "artillery", "armored_vehicle", "aircraft", "naval",
    "small_arms", "components", "technology", "production", "nuclear",
    "personnel", "economic"};
static const char *const stages[AT_STAGE_COUNT] = {
    "intent", "negotiating", "agreed", "delivered", "used"};
static const char *const facts[AT_FACT_COUNT] = {"claimed", "hypothetical",
                                                 "negated"};
static const char *const certs[AT_CERT_COUNT] = {"asserted", "reported",
                                                 "assessed"};

static const char *name_of(const char *const *names, int n, int v)
{
    return v >= 0 && v < n ? names[v] : "?";
}

static int parse(const char *const *names, int n, const char *s, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return i;
    return -1;
}

const char *at_category_name(at_category c) { return name_of(categories, AT_CAT_COUNT, (int)c); }
const char *at_stage_name(at_stage s) { return name_of(stages, AT_STAGE_COUNT, (int)s); }
const char *at_factuality_name(at_factuality f) { return name_of(facts, AT_FACT_COUNT, (int)f); }
const char *at_certainty_name(at_certainty c) { return name_of(certs, AT_CERT_COUNT, (int)c); }

int at_category_parse(const char *s, size_t n)
{
    int v = parse(categories, AT_CAT_COUNT, s, n);
    return v == AT_CAT_NONE ? -1 : v;
}
int at_stage_parse(const char *s, size_t n) { return parse(stages, AT_STAGE_COUNT, s, n); }
int at_factuality_parse(const char *s, size_t n) { return parse(facts, AT_FACT_COUNT, s, n); }
int at_certainty_parse(const char *s, size_t n) { return parse(certs, AT_CERT_COUNT, s, n); }

const char *at_strerror(at_status code)
{
    switch (code) {
    case AT_OK: return "success";
    case AT_ENOMEM: return "out of memory";
    case AT_EIO: return "input/output error";
    case AT_EPARSE: return "malformed input";
    case AT_ELIMIT: return "input over a size limit";
    case AT_EINVAL: return "invalid argument";
    case AT_EDB: return "database error";
    case AT_ESTOP: return "stopped by callback";
    }
    return "unknown error";
}
