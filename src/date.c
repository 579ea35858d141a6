/* date.c: time expressions in tokens ("on Tuesday", "Dec. 30", "last
 * October", "in 2023", "January 2, 2024"), resolved against the document's
 * date at the precision the text gives; ISO parsing and formatting; and
 * the dateline finder for documents that come without a date. */
#include <stdlib.h>
#include <string.h>

#include "date.h"

#define DATELINE_BYTES 600
#define DATELINE_MAX 32

/* MARK: - Calendar arithmetic */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

static bool valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= month_days(y, m);
}

/* Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static at_ymd civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    at_ymd r;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(yoe + era * 400 + (r.m <= 2));
    return r;
}

/* 0 = Monday .. 6 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(long days)
{
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* MARK: - ISO text */

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool date_parse_iso(const char *s, size_t n, at_ymd *out)
{
    at_ymd r = {0, 0, 0};
    if (!s || (n != 4 && n != 7 && n != 10))
        return false;
    if ((r.y = digits(s, 4)) < 1)
        return false;
    if (n >= 7) {
        if (s[4] != '-' || (r.m = digits(s + 5, 2)) < 1 || r.m > 12)
            return false;
    }
    if (n == 10) {
        if (s[7] != '-' || (r.d = digits(s + 8, 2)) < 1 ||
            r.d > month_days(r.y, r.m))
            return false;
    }
    *out = r;
    return true;
}

static char *put_num(char *p, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

void date_format(const at_ymd *d, char out[AT_DATE_MAX])
{
    int y = d->y < 0 ? 0 : d->y > 9999 ? 9999 : d->y;
    char *p = put_num(out, y, 4);
    if (d->m >= 1 && d->m <= 12) {
        *p++ = '-';
        p = put_num(p, d->m, 2);
        if (d->d >= 1 && d->d <= 31) {
            *p++ = '-';
            p = put_num(p, d->d, 2);
        }
    }
    *p = '\0';
}

/* MARK: - Token helpers */

typedef struct {
    const at_textview *tv;
    size_t hi;         /* the end of the tokens searched */
    size_t floor;      /* an expression may not start before this */
    const at_ymd *doc; /* full document date, or NULL */
} scan;

static const at_token *tok(const scan *c, size_t k)
{
    return &c->tv->toks[k];
}

static bool is(const scan *c, size_t k, const char *w)
{
    return k < c->hi && tok(c, k)->kind == TK_WORD && text_is(c->tv, k, w);
}

static bool punct_is(const scan *c, size_t k, char p)
{
    return k < c->hi && tok(c, k)->kind == TK_PUNCT && tok(c, k)->punct == p;
}

static int index_of(const scan *c, size_t k, const char *const *list, int n)
{
    for (int i = 0; i < n; i++)
        if (text_is(c->tv, k, list[i]))
            return i;
    return -1;
}

/* A capitalized month name at K: 1..12, 0 when none. Sets *ABBR for
 * "Jan", "Sept" and the like (which need a following "." or number, since
 * "Jan" is also a name). */
static int month_at(const scan *c, size_t k, bool *abbr)
{
    static const char *const full[12] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    static const char *const shrt[13] = {"jan", "feb", "mar", "apr", "may",
                                         "jun", "jul", "aug", "sep", "oct",
                                         "nov", "dec", "sept"};
    if (k >= c->hi || tok(c, k)->kind != TK_WORD || !(tok(c, k)->flags & TF_CAP))
        return 0;
    int i = index_of(c, k, full, 12);
    *abbr = false;
    if (i >= 0)
        return i + 1;
    i = index_of(c, k, shrt, 13);
    if (i < 0)
        return 0;
    *abbr = true;
    return i == 12 ? 9 : i + 1;
}

static int weekday_at(const scan *c, size_t k)
{
    static const char *const names[7] = {"monday", "tuesday", "wednesday",
                                         "thursday", "friday", "saturday",
                                         "sunday"};
    if (k >= c->hi || tok(c, k)->kind != TK_WORD || !(tok(c, k)->flags & TF_CAP))
        return -1;
    return index_of(c, k, names, 7);
}

/* A day of the month at K ("2", "30", "30th"); returns it, 0 when none,
 * and sets *N to the tokens it takes. */
static int day_at(const scan *c, size_t k, size_t *n)
{
    if (k >= c->hi)
        return 0;
    const at_token *t = tok(c, k);
    const char *s = text_norm(c->tv, k);
    size_t len = t->nlen, nd = 0;
    while (nd < len && s[nd] >= '0' && s[nd] <= '9')
        nd++;
    if (nd == 0 || nd > 2)
        return 0;
    if (nd < len) {
        const char *suf = s + nd;
        size_t sl = len - nd;
        if (sl != 2 || !(memcmp(suf, "st", 2) == 0 || memcmp(suf, "nd", 2) == 0 ||
                         memcmp(suf, "rd", 2) == 0 || memcmp(suf, "th", 2) == 0))
            return 0;
    } else if (t->kind != TK_NUM) {
        return 0;
    }
    int d = digits(s, nd);
    if (d < 1 || d > 31)
        return 0;
    *n = 1;
    return d;
}

/* A year at K: four digits, 1900-2100, no comma. */
static int year_at(const scan *c, size_t k)
{
    if (k >= c->hi || tok(c, k)->kind != TK_NUM || tok(c, k)->nlen != 4)
        return 0;
    int y = digits(text_norm(c->tv, k), 4);
    return y >= 1900 && y <= 2100 ? y : 0;
}

/* MARK: - Resolution against the document date */

/* A month and day without a year: the year (doc year, or one either side)
 * that puts it closest to the document date, the past winning ties. */
static bool resolve_md(const scan *c, int m, int d, at_ymd *out)
{
    if (!c->doc)
        return false;
    long doc = days_from_civil(c->doc->y, c->doc->m, c->doc->d), best = 0;
    bool found = false;
    for (int y = c->doc->y - 1; y <= c->doc->y + 1; y++) {
        if (!valid(y, m, d))
            continue;
        long diff = days_from_civil(y, m, d) - doc, ad = labs(diff);
        /* the candidates are tried in date order, so on a tie the
         * earlier (past) one is kept by requiring strictly closer */
        if (!found || ad < labs(best)) {
            best = diff;
            out->y = y;
            out->m = m;
            out->d = d;
            found = true;
        }
    }
    return found;
}

enum rel { REL_NONE, REL_LAST, REL_THIS, REL_NEXT };

/* A month without a year: REL_NONE is the latest such month on or before
 * the document's month; "last" strictly before; "next" strictly after. */
static bool resolve_month(const scan *c, int m, enum rel r, at_ymd *out)
{
    if (!c->doc)
        return false;
    int y = c->doc->y, dm = c->doc->m;
    switch (r) {
    case REL_NONE: y = m <= dm ? y : y - 1; break;
    case REL_LAST: y = m < dm ? y : y - 1; break;
    case REL_THIS: break;
    case REL_NEXT: y = m > dm ? y : y + 1; break;
    }
    out->y = y;
    out->m = m;
    out->d = 0;
    return true;
}

/* A weekday: the latest on or before the document date ("on Tuesday" in a
 * Tuesday article is that day); "last Tuesday" is strictly before it and
 * "next Tuesday" strictly after. */
static bool resolve_weekday(const scan *c, int wd, enum rel r, at_ymd *out)
{
    if (!c->doc)
        return false;
    long doc = days_from_civil(c->doc->y, c->doc->m, c->doc->d);
    int dw = weekday(doc);
    long day;
    if (r == REL_NEXT) {
        int ahead = (wd - dw + 7) % 7;
        day = doc + (ahead ? ahead : 7);
    } else {
        int back = (dw - wd + 7) % 7;
        if (r == REL_LAST && back == 0)
            back = 7;
        day = doc - back;
    }
    *out = civil_from_days(day);
    return true;
}

static enum rel rel_at(const scan *c, size_t k)
{
    if (k < c->floor || k >= c->hi)
        return REL_NONE;
    if (is(c, k, "last") || is(c, k, "past"))
        return REL_LAST;
    if (is(c, k, "this"))
        return REL_THIS;
    if (is(c, k, "next") || is(c, k, "coming"))
        return REL_NEXT;
    return REL_NONE;
}

/* Step left from K over "on"/"in" (and "early"/"late"/"mid" before a
 * month or year) so the span reads "on Tuesday", "in late March". */
static size_t lead_in(const scan *c, size_t k, bool shades)
{
    if (shades && k > c->floor &&
        (is(c, k - 1, "early") || is(c, k - 1, "late") || is(c, k - 1, "mid")))
        k--;
    if (k > c->floor && (is(c, k - 1, "on") || is(c, k - 1, "in")))
        k--;
    return k;
}

/* MARK: - Recognizers: each looks at token K and, on a match, fills *T
 * (its span may start left of K) and returns true. */

static bool emit(size_t first, size_t last, at_ymd d, at_timex *t)
{
    t->first = (uint32_t)first;
    t->last = (uint32_t)last;
    t->start = t->end = d;
    return true;
}

/* "2024-01-02", "2024-01": a year with hyphen-joined month (and day). */
static bool iso_at(const scan *c, size_t k, at_timex *t)
{
    int y = year_at(c, k), m, d = 0;
    if (!y || (tok(c, k)->flags & TF_HYPH))
        return false;
    size_t p = k + 1;
    if (p >= c->hi || tok(c, p)->kind != TK_NUM || !(tok(c, p)->flags & TF_HYPH) ||
        tok(c, p)->nlen != 2 || (m = digits(text_norm(c->tv, p), 2)) < 1 || m > 12)
        return false;
    p++;
    if (p < c->hi && tok(c, p)->kind == TK_NUM && (tok(c, p)->flags & TF_HYPH)) {
        if (tok(c, p)->nlen != 2 || (d = digits(text_norm(c->tv, p), 2)) < 1 ||
            d > month_days(y, m))
            return false;
        p++;
    }
    /* "2024-01-02-07": part of a longer code */
    if (p < c->hi && (tok(c, p)->flags & TF_HYPH))
        return false;
    at_ymd r = {y, m, d};
    return emit(lead_in(c, k, false), p, r, t);
}

/* After a day number at P: ", 2024" or " 2024" gives the year. */
static int year_after(const scan *c, size_t *p)
{
    int y;
    if ((y = year_at(c, *p))) {
        *p += 1;
        return y;
    }
    if (punct_is(c, *p, ',') && (y = year_at(c, *p + 1))) {
        *p += 2;
        return y;
    }
    return 0;
}

/* "last year", "this year" right after P (for "September last year"). */
static bool year_word_after(const scan *c, size_t p, int *y)
{
    if (!c->doc || p + 1 >= c->hi || !is(c, p + 1, "year"))
        return false;
    if (is(c, p, "last"))
        *y = c->doc->y - 1;
    else if (is(c, p, "this"))
        *y = c->doc->y;
    else if (is(c, p, "next"))
        *y = c->doc->y + 1;
    else
        return false;
    return true;
}

/* Month first: "January 2, 2024", "Jan. 2", "January 2024", "in March",
 * "last October", "September last year". */
static bool month_first(const scan *c, size_t k, at_timex *t)
{
    bool abbr;
    int m = month_at(c, k, &abbr), d, y;
    if (!m)
        return false;
    size_t p = k + 1, n;
    if (abbr && punct_is(c, p, '.'))
        p++;
    else if (abbr && !(p < c->hi && tok(c, p)->kind == TK_NUM))
        return false;
    at_ymd r = {0, m, 0};
    if ((d = day_at(c, p, &n))) {
        p += n;
        if ((y = year_after(c, &p))) {
            if (!valid(y, m, d))
                return false;
            r.y = y;
            r.d = d;
        } else if (!resolve_md(c, m, d, &r)) {
            return false;
        }
        return emit(lead_in(c, k, false), p, r, t);
    }
    if ((y = year_at(c, p))) {
        r.y = y;
        return emit(lead_in(c, k, true), p + 1, r, t);
    }
    if (year_word_after(c, p, &y)) {
        r.y = y;
        return emit(lead_in(c, k, true), p + 2, r, t);
    }
    /* a bare month needs a cue: "May" and "March" are words too */
    enum rel rl = k > c->floor ? rel_at(c, k - 1) : REL_NONE;
    size_t first = rl != REL_NONE ? k - 1 : lead_in(c, k, true);
    if (rl == REL_NONE) {
        static const char *const cues[] = {"in", "since", "during", "by",
                                           "until", "from", "through",
                                           "early", "late", "mid", "of",
                                           "before", "after", "end"};
        if (k == c->floor || k == 0 ||
            index_of(c, k - 1, cues, (int)(sizeof cues / sizeof *cues)) < 0 ||
            tok(c, k - 1)->kind != TK_WORD)
            return false;
    }
    if (!resolve_month(c, m, rl, &r))
        return false;
    return emit(first, p, r, t);
}

/* Day first: "30 December", "2 January 2024", "30th Dec". */
static bool day_first(const scan *c, size_t k, at_timex *t)
{
    size_t n, p;
    bool abbr;
    int d = day_at(c, k, &n), m, y;
    if (!d || !(m = month_at(c, k + n, &abbr)))
        return false;
    p = k + n + 1;
    if (abbr && punct_is(c, p, '.'))
        p++;
    at_ymd r = {0, m, d};
    if ((y = year_at(c, p))) {
        if (!valid(y, m, d))
            return false;
        r.y = y;
        p++;
    } else if (!resolve_md(c, m, d, &r)) {
        return false;
    }
    return emit(lead_in(c, k, false), p, r, t);
}

/* A date given with a weekday: "(January 2)", ", Jan. 2, 2024". */
static bool weekday_date(const scan *c, size_t p, size_t *end, at_ymd *r)
{
    at_timex inner;
    bool paren = punct_is(c, p, '(');
    if (!paren && !punct_is(c, p, ','))
        return false;
    scan sub = *c;
    sub.floor = p + 1;
    if (!month_first(&sub, p + 1, &inner) && !day_first(&sub, p + 1, &inner))
        return false;
    if (inner.start.d == 0)
        return false;
    size_t q = inner.last;
    if (paren) {
        if (!punct_is(c, q, ')'))
            return false;
        q++;
    }
    *end = q;
    *r = inner.start;
    return true;
}

/* "on Tuesday", "last Friday", "Tuesday (January 2)". */
static bool weekday_first(const scan *c, size_t k, at_timex *t)
{
    int wd = weekday_at(c, k);
    if (wd < 0)
        return false;
    enum rel rl = k > c->floor ? rel_at(c, k - 1) : REL_NONE;
    size_t first = rl != REL_NONE ? k - 1 : lead_in(c, k, false), end;
    at_ymd r;
    if (weekday_date(c, k + 1, &end, &r))
        return emit(first, end, r, t);
    if (!resolve_weekday(c, wd, rl, &r))
        return false;
    return emit(first, k + 1, r, t);
}

/* "in 2023", "since 2022", "early 2024", "mid-2023": a year alone only
 * after such a cue, so that counts ("2000 drones") never become years. */
static bool year_alone(const scan *c, size_t k, at_timex *t)
{
    static const char *const cues[] = {"in", "since", "during", "by", "of",
                                       "early", "late", "mid", "until",
                                       "through", "throughout"};
    int y = year_at(c, k);
    if (!y || k == c->floor || k == 0 || tok(c, k - 1)->kind != TK_WORD ||
        index_of(c, k - 1, cues, (int)(sizeof cues / sizeof *cues)) < 0)
        return false;
    at_ymd r = {y, 0, 0};
    size_t first = k;
    if (is(c, k - 1, "in") || is(c, k - 1, "early") || is(c, k - 1, "late") ||
        is(c, k - 1, "mid"))
        first = lead_in(c, k, true);
    return emit(first, k + 1, r, t);
}

/* "yesterday", "today", "last year", "this month", ... */
static bool relative(const scan *c, size_t k, at_timex *t)
{
    if (!c->doc)
        return false;
    const at_ymd *doc = c->doc;
    long day = days_from_civil(doc->y, doc->m, doc->d);
    if (is(c, k, "yesterday"))
        return emit(k, k + 1, civil_from_days(day - 1), t);
    if (is(c, k, "today"))
        return emit(k, k + 1, *doc, t);
    enum rel rl = rel_at(c, k);
    if (rl == REL_NONE || k + 1 >= c->hi)
        return false;
    int step = rl == REL_LAST ? -1 : rl == REL_NEXT ? 1 : 0;
    at_ymd r = {doc->y, 0, 0};
    if (is(c, k + 1, "year")) {
        r.y += step;
    } else if (is(c, k + 1, "month")) {
        int mm = doc->y * 12 + (doc->m - 1) + step;
        r.y = mm / 12;
        r.m = mm % 12 + 1;
    } else {
        return false;
    }
    return emit(k, k + 2, r, t);
}

size_t date_find(const at_textview *tv, size_t lo, size_t hi,
                 const at_ymd *docdate, at_timex *out, size_t max)
{
    if (!tv || !out || max == 0)
        return 0;
    if (hi > tv->ntok)
        hi = tv->ntok;
    scan c = {tv, hi, lo, NULL};
    /* relative dates need a whole document date */
    if (docdate && valid(docdate->y, docdate->m, docdate->d))
        c.doc = docdate;
    size_t n = 0;
    for (size_t k = lo; k < hi && n < max;) {
        at_timex t;
        if (iso_at(&c, k, &t) || month_first(&c, k, &t) || day_first(&c, k, &t) ||
            weekday_first(&c, k, &t) || year_alone(&c, k, &t) ||
            relative(&c, k, &t)) {
            out[n++] = t;
            k = t.last;
            c.floor = k;
        } else {
            k++;
        }
    }
    return n;
}

bool date_dateline(const char *text, size_t len, at_ymd *out)
{
    if (!text)
        return false;
    size_t n = len < DATELINE_BYTES ? len : DATELINE_BYTES;
    /* never cut a UTF-8 sequence in two */
    while (n > 0 && n < len && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    at_textview tv;
    memset(&tv, 0, sizeof tv);
    bool found = false;
    if (text_analyze(&tv, text, n) == AT_OK) {
        at_timex tx[DATELINE_MAX];
        size_t k = date_find(&tv, 0, tv.ntok, NULL, tx, DATELINE_MAX);
        for (size_t i = 0; i < k && !found; i++)
            if (tx[i].start.d != 0) {
                *out = tx[i].start;
                found = true;
            }
    }
    text_free(&tv);
    return found;
}
