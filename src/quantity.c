/* quantity.c: counts of items, normalized as spec/claims.md section 6.
 * quantity_parse reads one quantity expression over a token range;
 * quantity_find walks left from a weapon phrase over its noun phrase to
 * the number that counts it, skipping years, money and measures. */
#include <stdint.h>
#include <string.h>

#include "quantity.h"

/* The longest span a quantity expression can have ("between one hundred
 * and two hundred" is 7 tokens) and how far left of the weapon phrase the
 * noun phrase may reach. */
#define EXPR_MAX 8
#define SCAN_MAX 10

/* MARK: - Token helpers */

static const at_token *tok(const at_textview *tv, size_t k)
{
    return &tv->toks[k];
}

static bool norm_eq(const at_textview *tv, size_t k, const char *w, size_t n)
{
    return tok(tv, k)->nlen == n && memcmp(text_norm(tv, k), w, n) == 0;
}

static bool word_is(const at_textview *tv, size_t k, size_t lim, const char *w)
{
    return k < lim && tok(tv, k)->kind == TK_WORD && norm_eq(tv, k, w, strlen(w));
}

static bool in_list(const at_textview *tv, size_t k, const char *const *list)
{
    for (; *list; list++)
        if (norm_eq(tv, k, *list, strlen(*list)))
            return true;
    return false;
}

/* Match the space-separated words of PHRASE at tokens K.. (below LIM);
 * returns how many tokens matched, 0 when it does not match. */
static size_t seq(const at_textview *tv, size_t k, size_t lim, const char *phrase)
{
    size_t n = 0;
    const char *p = phrase;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (k + n >= lim || tok(tv, k + n)->kind != TK_WORD ||
            !norm_eq(tv, k + n, p, len))
            return 0;
        n++;
        p += len;
        if (*p == ' ')
            p++;
    }
    return n;
}

/* MARK: - Numbers */

/* The value of a numeric token ("1,000", "3.5"): its digits as an integer
 * and how many of them follow the decimal point. */
static bool num_value(const at_textview *tv, size_t k, int64_t *mant, int *frac)
{
    const char *s = text_norm(tv, k);
    size_t n = tok(tv, k)->nlen;
    int64_t v = 0;
    int digits = 0, fr = -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (++digits > 15)
                return false;
            v = v * 10 + (c - '0');
            if (fr >= 0)
                fr++;
        } else if (c == ',' && fr < 0 && digits > 0) {
            continue;
        } else if (c == '.' && fr < 0) {
            fr = 0;
        } else {
            return false; /* "155mm", "3rd": not a count */
        }
    }
    if (digits == 0)
        return false;
    *mant = v;
    *frac = fr < 0 ? 0 : fr;
    return true;
}

static int64_t small_word(const at_textview *tv, size_t k)
{
    static const char *const units[] = {
        "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    static const char *const tens[] = {"thirty", "forty", "fifty", "sixty",
                                       "seventy", "eighty", "ninety"};
    if (tok(tv, k)->kind != TK_WORD)
        return 0;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (norm_eq(tv, k, units[i], strlen(units[i])))
            return (int64_t)i + 1;
    for (size_t i = 0; i < sizeof tens / sizeof *tens; i++)
        if (norm_eq(tv, k, tens[i], strlen(tens[i])))
            return (int64_t)(i + 3) * 10;
    return 0;
}

/* Multipliers: "hundred", "thousand", "million", "billion", "dozen". */
static int64_t scale_word(const at_textview *tv, size_t k)
{
    if (tok(tv, k)->kind != TK_WORD)
        return 0;
    if (norm_eq(tv, k, "dozen", 5))
        return 12;
    if (norm_eq(tv, k, "hundred", 7))
        return 100;
    if (norm_eq(tv, k, "thousand", 8))
        return 1000;
    if (norm_eq(tv, k, "million", 7))
        return 1000000;
    if (norm_eq(tv, k, "billion", 7))
        return 1000000000;
    return 0;
}

/* One number at K: "200", "1,000", "1.5 million", "twenty-five", "three
 * hundred", "a hundred", "a dozen", "two dozen", "half a dozen". Dozens
 * are approximate. Returns tokens consumed, 0 when there is no number. */
static size_t parse_value(const at_textview *tv, size_t k, size_t lim,
                          int64_t *v, bool *approx)
{
    size_t n, p = k;
    *approx = false;
    if ((n = seq(tv, k, lim, "half a dozen"))) {
        *v = 6;
        *approx = true;
        return n;
    }
    if (p < lim && tok(tv, p)->kind == TK_NUM) {
        int64_t mant, scale = 1, div = 1;
        int frac;
        if (!num_value(tv, p, &mant, &frac))
            return 0;
        for (p++; p < lim; p++) {
            int64_t s = scale_word(tv, p);
            if (!s || scale > INT64_MAX / s)
                break;
            if (s == 12)
                *approx = true;
            scale *= s;
        }
        while (frac-- > 0)
            div *= 10;
        if (mant != 0 && scale > INT64_MAX / mant)
            return 0;
        if ((mant * scale) % div != 0)
            return 0; /* "3.5" alone counts nothing */
        *v = mant * scale / div;
        return p - k;
    }
    /* Number words. A small word may follow a scale word or complete a
     * tens word ("twenty five"); "two three" is not one number. */
    int64_t total = 0, cur = 0, last = 0;
    bool any = false;
    if (word_is(tv, p, lim, "a") && p + 1 < lim && scale_word(tv, p + 1)) {
        cur = 1;
        p++;
    }
    for (; p < lim; p++) {
        int64_t w = small_word(tv, p), s;
        if (cur > INT64_MAX / 10000 || total > INT64_MAX / 4)
            break; /* "dozen dozen dozen ...": no count is that big */
        if (w) {
            bool ok = !any || last >= 100 ||
                      (last >= 20 && last % 10 == 0 && w < 10 && last < 100);
            if (!ok)
                break;
            cur += w;
            last = w;
        } else if ((s = scale_word(tv, p))) {
            if (s == 12) {
                cur = (cur ? cur : 1) * 12;
                *approx = true;
            } else if (s == 100) {
                if (cur >= 100)
                    break;
                cur = (cur ? cur : 1) * 100;
            } else {
                if ((cur ? cur : 1) > INT64_MAX / 4 / s)
                    break;
                total += (cur ? cur : 1) * s;
                cur = 0;
            }
            last = s;
        } else {
            break;
        }
        any = true;
    }
    if (!any)
        return 0;
    *v = total + cur;
    return p - k;
}

/* MARK: - Expressions */

typedef struct {
    const char *phrase;
    int64_t min, max; /* -1 = null */
    bool approx;
} vague;

/* Vague amounts with their bounds (spec section 6 plus close kin). Ones
 * that normally precede "of" ("a number of") are listed without it. */
static const vague vagues[] = {
    {"tens of thousands", 10000, 99999, true},
    {"hundreds of thousands", 100000, 999999, true},
    {"tens of millions", 10000000, 99999999, true},
    {"hundreds of millions", 100000000, 999999999, true},
    {"dozens", 24, 99, true},
    {"hundreds", 100, 999, true},
    {"thousands", 1000, 9999, true},
    {"millions", 1000000, 9999999, true},
    {"several", -1, -1, true},
    {"multiple", -1, -1, true},
    {"numerous", -1, -1, true},
    {"countless", -1, -1, true},
    {"a few", -1, -1, true},
    {"a handful", -1, -1, true},
    {"a number", -1, -1, true},
    {"a batch", -1, -1, true},
    {"a large number", -1, -1, true},
    {"a significant number", -1, -1, true},
    {"large numbers", -1, -1, true},
    {"a large quantity", -1, -1, true},
    {"large quantities", -1, -1, true},
    {"huge quantities", -1, -1, true},
    {"vast quantities", -1, -1, true},
    {"significant quantities", -1, -1, true},
    {"substantial quantities", -1, -1, true},
};

enum mod_kind { MOD_MIN, MOD_MAX, MOD_APPROX };

static const struct {
    const char *phrase;
    enum mod_kind kind;
} mods[] = {
    {"more than", MOD_MIN},       {"over", MOD_MIN},
    {"at least", MOD_MIN},        {"upwards of", MOD_MIN},
    {"in excess of", MOD_MIN},    {"greater than", MOD_MIN},
    {"well over", MOD_MIN},       {"just over", MOD_MIN},
    {"a minimum of", MOD_MIN},    {"above", MOD_MIN},
    {"fewer than", MOD_MAX},      {"less than", MOD_MAX},
    {"up to", MOD_MAX},           {"as many as", MOD_MAX},
    {"no more than", MOD_MAX},    {"not more than", MOD_MAX},
    {"at most", MOD_MAX},         {"a maximum of", MOD_MAX},
    {"under", MOD_MAX},           {"around", MOD_APPROX},
    {"about", MOD_APPROX},        {"some", MOD_APPROX},
    {"nearly", MOD_APPROX},       {"approximately", MOD_APPROX},
    {"roughly", MOD_APPROX},      {"almost", MOD_APPROX},
    {"an estimated", MOD_APPROX}, {"estimated", MOD_APPROX},
    {"close to", MOD_APPROX},     {"approx", MOD_APPROX},
};

static void set_exact(at_quantity *q, int64_t lo, int64_t hi, bool approx)
{
    q->has_min = q->has_max = true;
    q->min = lo;
    q->max = hi;
    q->approx = approx;
}

/* A separator of a range after a first number at P: "-" joined ("10,000-
 * 12,000"), a spaced dash, "to", "or". Returns where the second number
 * starts, or 0 when there is no separator. */
static size_t range_sep(const at_textview *tv, size_t p, size_t lim)
{
    if (p >= lim)
        return 0;
    const at_token *t = tok(tv, p);
    if (t->kind == TK_NUM && (t->flags & TF_HYPH))
        return p;
    if (t->kind == TK_PUNCT && t->punct == '-')
        return p + 1;
    if (word_is(tv, p, lim, "to") || word_is(tv, p, lim, "or"))
        return p + 1;
    return 0;
}

/* A number, a range of two numbers, or a vague amount at K. */
static size_t parse_core(const at_textview *tv, size_t k, size_t lim,
                         at_quantity *q)
{
    size_t best = 0, n;
    const vague *bv = NULL;
    for (size_t i = 0; i < sizeof vagues / sizeof *vagues; i++)
        if ((n = seq(tv, k, lim, vagues[i].phrase)) > best) {
            best = n;
            bv = &vagues[i];
        }
    int64_t a, b;
    bool ap1, ap2;
    size_t n1 = parse_value(tv, k, lim, &a, &ap1);
    if (n1 > best) {
        size_t s = range_sep(tv, k + n1, lim), n2;
        if (s && (n2 = parse_value(tv, s, lim, &b, &ap2)) && b > a) {
            set_exact(q, a, b, ap1 || ap2);
            return s + n2 - k;
        }
        set_exact(q, a, a, ap1);
        return n1;
    }
    if (bv) {
        q->has_min = bv->min >= 0;
        q->has_max = bv->max >= 0;
        q->min = q->has_min ? bv->min : 0;
        q->max = q->has_max ? bv->max : 0;
        q->approx = bv->approx;
    }
    return best;
}

/* A whole expression at I: optional modifier, then a core; or "between X
 * and Y". Returns tokens consumed (greedy), 0 when none. */
static size_t parse_expr(const at_textview *tv, size_t i, size_t lim,
                         at_quantity *q)
{
    memset(q, 0, sizeof *q);
    if (word_is(tv, i, lim, "between")) {
        int64_t a, b;
        bool ap1, ap2;
        size_t n1 = parse_value(tv, i + 1, lim, &a, &ap1), n2;
        if (n1 && word_is(tv, i + 1 + n1, lim, "and") &&
            (n2 = parse_value(tv, i + 2 + n1, lim, &b, &ap2)) && b > a) {
            set_exact(q, a, b, ap1 || ap2);
            return 2 + n1 + n2;
        }
        return 0;
    }
    size_t m = 0, n;
    enum mod_kind kind = MOD_APPROX;
    for (size_t x = 0; x < sizeof mods / sizeof *mods; x++)
        if ((n = seq(tv, i, lim, mods[x].phrase)) > m) {
            m = n;
            kind = mods[x].kind;
        }
    if (m) {
        n = parse_core(tv, i + m, lim, q);
        if (!n)
            return 0;
        if (kind == MOD_MIN) {
            q->has_max = false;
            q->max = 0;
        } else if (kind == MOD_MAX) {
            q->has_min = false;
            q->min = 0;
        } else {
            q->approx = true;
        }
        return m + n;
    }
    return parse_core(tv, i, lim, q);
}

static void set_text(const at_textview *tv, size_t i, size_t j, at_quantity *q)
{
    q->text.ptr = tv->text + tok(tv, i)->start;
    q->text.len = tok(tv, j - 1)->end - tok(tv, i)->start;
}

bool quantity_parse(const at_textview *tv, size_t i, size_t j, at_quantity *q)
{
    at_quantity t;
    if (!tv || i >= j || j > tv->ntok)
        return false;
    size_t n = parse_expr(tv, i, j, &t);
    if (!n)
        return false;
    /* "dozens of", "a number of": the linking "of" may be in the span */
    if (i + n != j && !(i + n + 1 == j && word_is(tv, j - 1, j, "of")))
        return false;
    set_text(tv, i, j, &t);
    *q = t;
    return true;
}

/* MARK: - Finding the count of a noun phrase */

/* Units counted instead of the items: "1,000 containers of munitions". */
static const char *const unit_words[][2] = {
    {"container", "containers"},   {"tonne", "tonnes"},
    {"ton", "tons"},               {"shipment", "shipments"},
    {"batch", "batches"},          {"consignment", "consignments"},
    {"crate", "crates"},           {"trainload", "trainloads"},
    {"wagon", "wagons"},           {"truckload", "truckloads"},
    {"planeload", "planeloads"},   {"box", "boxes"},
    {"package", "packages"},       {"kit", "kits"},
    {"pallet", "pallets"},         {"cargo", "cargoes"},
};

static const char *unit_of(const at_textview *tv, size_t k)
{
    if (tok(tv, k)->kind != TK_WORD)
        return NULL;
    for (size_t i = 0; i < sizeof unit_words / sizeof *unit_words; i++)
        if (norm_eq(tv, k, unit_words[i][0], strlen(unit_words[i][0])) ||
            norm_eq(tv, k, unit_words[i][1], strlen(unit_words[i][1])))
            return unit_words[i][0];
    return NULL;
}

/* Words that end a noun phrase on its left: prepositions, conjunctions,
 * auxiliaries, pronouns, common verbs of transfer, and measures, money
 * and time words (a number before those counts them, not the weapons). */
static const char *const stops[] = {
    "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto",
    "against", "about", "over", "under", "after", "before", "during",
    "since", "until", "via", "through", "across", "toward", "towards",
    "without", "within", "per", "than", "as", "like", "and", "or", "but",
    "nor", "that", "which", "who", "whom", "whose", "while", "when",
    "where", "if", "because", "although", "though", "is", "are", "was",
    "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "should", "may", "might", "must", "can", "do", "did", "not",
    "no", "also", "then", "there", "here", "it", "they", "he", "she",
    "we", "you", "i", "them", "him", "however", "said", "say", "told",
    "sent", "send", "supplied", "supply", "delivered", "deliver",
    "provided", "provide", "transferred", "transfer", "shipped", "ship",
    "launched", "launch", "fired", "fire", "used", "use", "received",
    "receive", "acquired", "acquire", "bought", "buy", "sold", "sell",
    "gave", "give", "got", "get", "obtained", "obtain", "sought", "seek",
    "including", "include", "included", "mm", "km", "cm", "kg", "lb",
    "mile", "miles", "kilometre", "kilometres", "kilometer", "kilometers",
    "metre", "metres", "meter", "meters", "feet", "foot", "percent",
    "cent", "pct", "dollar", "dollars", "euro", "euros", "pound",
    "pounds", "rubles", "roubles", "yuan", "bn", "mn", "year", "years",
    "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    "times", "st", "nd", "rd", "th", "worth", NULL};

/* Determiners mark the left edge of a noun phrase, unless they follow the
 * "of" of "one of those missiles". */
static const char *const dets[] = {"the", "these", "those", "this", "that",
                                   "its", "their", "his", "her", "our",
                                   "a", "an", "each", "every", "any", NULL};

/* A number token that is part of a name or a measure ("Fatah-360",
 * "550-mile"), not a count. */
static bool compound_num(const at_textview *tv, size_t k)
{
    const at_token *t = tok(tv, k);
    if ((t->flags & TF_HYPH) && k > 0 && tok(tv, k - 1)->kind == TK_WORD)
        return true;
    return k + 1 < tv->ntok && tok(tv, k + 1)->kind == TK_WORD &&
           (tok(tv, k + 1)->flags & TF_HYPH);
}

static bool hyph_joined(const at_textview *tv, size_t k)
{
    return (tok(tv, k)->flags & TF_HYPH) ||
           (k + 1 < tv->ntok && (tok(tv, k + 1)->flags & TF_HYPH));
}

/* A lowercase plural noun or third-person verb ("officials", "wants"):
 * a number left of it counts it, so the noun phrase ends there. */
static bool plural_like(const at_textview *tv, size_t k)
{
    const char *s = text_norm(tv, k);
    size_t n = tok(tv, k)->nlen;
    if (n < 4 || s[n - 1] != 's' || (tok(tv, k)->flags & TF_CAP))
        return false;
    return !(s[n - 2] == 's' || s[n - 2] == 'u' || s[n - 2] == 'i');
}

/* Could token K end a quantity expression? */
static bool quant_end(const at_textview *tv, size_t k)
{
    static const char *const ends[] = {
        "dozens", "hundreds", "thousands", "millions", "several",
        "multiple", "numerous", "countless", "few", "handful", "number",
        "numbers", "quantity", "quantities", "batch", NULL};
    const at_token *t = tok(tv, k);
    if (t->kind == TK_NUM) {
        int64_t m;
        int f;
        return num_value(tv, k, &m, &f) && !compound_num(tv, k);
    }
    if (t->kind != TK_WORD)
        return false;
    if (small_word(tv, k) || scale_word(tv, k))
        return !(k + 1 < tv->ntok && tok(tv, k + 1)->kind == TK_WORD &&
                 (tok(tv, k + 1)->flags & TF_HYPH)); /* "two-stage" */
    return in_list(tv, k, ends);
}

static bool modifier_ok(const at_textview *tv, size_t k)
{
    const at_token *t = tok(tv, k);
    if (t->kind == TK_NUM)
        return compound_num(tv, k);
    if (t->kind != TK_WORD || in_list(tv, k, stops))
        return false;
    if (t->flags & TF_CAP)
        return true; /* "Iranian", "North Korean", "Shahed" */
    return hyph_joined(tv, k) || !plural_like(tv, k);
}

/* A year, not a count: four digits, no comma, 1900-2100. */
static bool year_like(const at_textview *tv, size_t k)
{
    const char *s = text_norm(tv, k);
    if (tok(tv, k)->kind != TK_NUM || tok(tv, k)->nlen != 4)
        return false;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    return v >= 1900 && v <= 2100;
}

/* Money: a currency sign right before the number ("$2 billion",
 * "£500m", "€1.5 billion") or a currency code word ("US$"). */
static bool money_before(const at_textview *tv, size_t s)
{
    uint32_t b = tok(tv, s)->start;
    const unsigned char *p = (const unsigned char *)tv->text;
    if (b >= 1 && p[b - 1] == '$')
        return true;
    if (b >= 2 && p[b - 2] == 0xC2 && p[b - 1] == 0xA3) /* £ */
        return true;
    if (b >= 3 && p[b - 3] == 0xE2 && p[b - 2] == 0x82 && p[b - 1] == 0xAC)
        return true; /* € */
    if (s > 0) {
        static const char *const codes[] = {"usd", "eur", "gbp", "rs", NULL};
        return tok(tv, s - 1)->kind == TK_WORD && in_list(tv, s - 1, codes);
    }
    return false;
}

/* The longest quantity expression that ends at E (exclusive), starting no
 * further left than LO; rejects years and money. */
static bool expr_ending(const at_textview *tv, size_t lo, size_t e,
                        at_quantity *q)
{
    size_t s0 = e > lo + EXPR_MAX ? e - EXPR_MAX : lo;
    for (size_t s = s0; s < e; s++) {
        at_quantity t;
        if (parse_expr(tv, s, e, &t) != e - s)
            continue;
        if ((e - s == 1 && year_like(tv, s)) || money_before(tv, s))
            return false;
        for (size_t k = s; k < e; k++)
            if (tok(tv, k)->kind == TK_NUM && money_before(tv, k))
                return false;
        set_text(tv, s, e, &t);
        *q = t;
        return true;
    }
    return false;
}

/* "300 small, cheap drones", "more than 200 short-range, Fatah-360
 * missiles": a comma after a lowercase modifier, before another word. */
static bool comma_in_adjectives(const at_textview *tv, size_t k, size_t lo,
                                size_t w)
{
    if (k <= lo || k + 1 > w || k + 1 >= tv->ntok)
        return false;
    const at_token *a = tok(tv, k - 1), *b = tok(tv, k + 1);
    return a->kind == TK_WORD && b->kind == TK_WORD && !(a->flags & TF_CAP) &&
           modifier_ok(tv, k - 1) && !in_list(tv, k - 1, dets);
}

bool quantity_find(const at_textview *tv, size_t lo, size_t w, at_quantity *q)
{
    const char *unit = NULL;
    bool seen_of = false;
    /* Crossing "and", "or" or a list comma: the number then counts the
     * weapon only through "of" ("millions of shells and rockets"), never
     * directly ("200 drones and missiles" says nothing of the missiles). */
    bool coord = false, conjunct_head = false;
    at_quantity t;
    if (!tv || w > tv->ntok || w <= lo)
        return false;
    size_t p = w;
    for (int steps = 0; p > lo && steps < SCAN_MAX; steps++) {
        size_t k = p - 1;
        const at_token *tk = tok(tv, k);
        bool after_conj = conjunct_head;
        conjunct_head = false;
        if (quant_end(tv, k)) {
            if (!expr_ending(tv, lo, k + 1, &t))
                return false;
            goto found;
        }
        if (tk->kind == TK_PUNCT) {
            if (tk->punct != ',' || seen_of || unit)
                return false;
            if (!comma_in_adjectives(tv, k, lo, w))
                coord = conjunct_head = true;
            p--;
            continue;
        }
        if (word_is(tv, k, w, "of")) {
            if (seen_of || k == lo)
                return false;
            seen_of = true;
            /* "dozens of", "one of", "a number of", "a batch of" */
            if (quant_end(tv, k - 1) && expr_ending(tv, lo, k, &t))
                goto found;
            if ((unit = unit_of(tv, k - 1))) {
                p = k - 1;
                continue;
            }
            return false;
        }
        if (!seen_of && (word_is(tv, k, w, "and") || word_is(tv, k, w, "or"))) {
            coord = conjunct_head = true;
            p--;
            continue;
        }
        if (tk->kind == TK_WORD && in_list(tv, k, dets)) {
            /* only "of the/those ..." lets the phrase go on */
            if (k > lo && word_is(tv, k - 1, w, "of") && !seen_of) {
                p--;
                continue;
            }
            return false;
        }
        /* the other conjunct's head may be a plural noun: "shells and" */
        if (!modifier_ok(tv, k) &&
            !(after_conj && tk->kind == TK_WORD && !in_list(tv, k, stops)))
            return false;
        p--;
    }
    return false;
found:
    if (coord && !seen_of)
        return false;
    if (unit) {
        size_t n = strlen(unit);
        memcpy(t.unit, unit, n + 1);
    }
    *q = t;
    return true;
}
