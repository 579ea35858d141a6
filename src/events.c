/* events.c: claims of one (supplier, recipient, category) group become
 * events. Claims naming different systems, or further apart in time than
 * EVENT_GAP_DAYS, are different events; denials and hypothetical claims
 * attach to the event they speak of. Every step walks the claims in one
 * total order, so the result does not depend on the input order. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <math.h>
#include <stdio.h>

#include "events.h"

/* MARK: - Dates as day numbers */

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool num(const char *s, size_t n, long *out)
{
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* The first and last day "YYYY", "YYYY-MM" or "YYYY-MM-DD" covers. */
static bool date_span(const char *s, long *lo, long *hi)
{
    long y, m = 1, d = 1;
    size_t n = s ? strlen(s) : 0;
    if ((n != 4 && n != 7 && n != 10) || !num(s, 4, &y))
        return false;
    if (n == 4) {
        *lo = days_from_civil(y, 1, 1);
        *hi = days_from_civil(y + 1, 1, 1) - 1;
        return true;
    }
    if (s[4] != '-' || !num(s + 5, 2, &m) || m < 1 || m > 12)
        return false;
    if (n == 7) {
        *lo = days_from_civil(y, m, 1);
        *hi = (m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1)) - 1;
        return true;
    }
    if (s[7] != '-' || !num(s + 8, 2, &d) || d < 1 || d > 31)
        return false;
    *lo = *hi = days_from_civil(y, m, d);
    return true;
}

/* MARK: - Working state */

typedef struct {
    bool dated;
    long lo, hi;
} span;

typedef struct {
    const ev_claim *c;
    size_t n;
    size_t *rank;  /* position of each claim in the total order */
    span *when;    /* each claim's time: its own dates, else its report's */
    span *espan;   /* per event: the span of its members when it was made */
    size_t *esupport;
    const char **esystem; /* per event: its system, NULL when none */
    ev_result *out;
} ctx;

static const char *nz(const char *s) { return s ? s : ""; }
static bool has(const char *s) { return s && *s; }

static int cmp_num(long long a, long long b) { return (a > b) - (a < b); }

/* The total order: document, sentence, then every other field. Within a
 * group a document has one claim per (stage, factuality), so the order is
 * strict for real input. */
static int cmp_claims(const ev_claim *a, const ev_claim *b)
{
    int r;
    if ((r = strcmp(nz(a->doc_id), nz(b->doc_id))) ||
        (r = cmp_num(a->sentence, b->sentence)) ||
        (r = cmp_num(a->stage, b->stage)) || (r = cmp_num(a->fact, b->fact)) ||
        (r = cmp_num(a->cert, b->cert)) ||
        (r = strcmp(nz(a->system), nz(b->system))) ||
        (r = strcmp(a->date_start, b->date_start)) ||
        (r = strcmp(a->date_end, b->date_end)) ||
        (r = strcmp(nz(a->source), nz(b->source))) ||
        (r = strcmp(nz(a->doc_date), nz(b->doc_date))) ||
        (r = strcmp(nz(a->origin), nz(b->origin))) ||
        (r = cmp_num(a->has_qmin, b->has_qmin)) || (r = cmp_num(a->qmin, b->qmin)) ||
        (r = cmp_num(a->has_qmax, b->has_qmax)))
        return r;
    return cmp_num(a->qmax, b->qmax);
}

static int cmp_claim_ptr(const void *x, const void *y)
{
    return cmp_claims(*(const ev_claim *const *)x, *(const ev_claim *const *)y);
}

/* Sorting indexes needs the context; qsort has none, so sort pairs. */
typedef struct {
    const char *system; /* case-folded comparison */
    span t;
    size_t rank, idx;
} key;

/* By system, then dated before undated, then time, then total order. */
static int cmp_key(const void *x, const void *y)
{
    const key *a = x, *b = y;
    int r = strcasecmp(nz(a->system), nz(b->system));
    if (r)
        return r;
    if (a->t.dated != b->t.dated)
        return a->t.dated ? -1 : 1;
    if (a->t.dated && (r = cmp_num(a->t.lo, b->t.lo)))
        return r;
    return cmp_num((long long)a->rank, (long long)b->rank);
}

/* MARK: - Events and members */

static at_status add_member(ev_event *e, size_t idx, at_event_role role)
{
    if (e->nmember == e->capmember) {
        size_t cap = e->capmember ? e->capmember * 2 : 8;
        size_t *m = realloc(e->member, cap * sizeof *m);
        if (!m)
            return AT_ENOMEM;
        e->member = m;
        at_event_role *r = realloc(e->role, cap * sizeof *r);
        if (!r)
            return AT_ENOMEM;
        e->role = r;
        e->capmember = cap;
    }
    e->member[e->nmember] = idx;
    e->role[e->nmember++] = role;
    return AT_OK;
}

static at_event_role role_of(const ev_claim *c)
{
    return c->fact == AT_FACT_NEGATED        ? AT_ROLE_CONTRADICT
           : c->fact == AT_FACT_HYPOTHETICAL ? AT_ROLE_HYPOTHETICAL
                                             : AT_ROLE_SUPPORT;
}

static ev_event *new_event(ctx *x, const char *system)
{
    ev_result *o = x->out;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 8;
        ev_event *e = realloc(o->events, cap * sizeof *e);
        span *s = realloc(x->espan, cap * sizeof *s);
        if (s)
            x->espan = s;
        size_t *k = realloc(x->esupport, cap * sizeof *k);
        if (k)
            x->esupport = k;
        const char **y = realloc(x->esystem, cap * sizeof *y);
        if (y)
            x->esystem = y;
        if (e)
            o->events = e;
        if (!e || !s || !k || !y)
            return NULL;
        o->cap = cap;
    }
    ev_event *e = &o->events[o->n];
    memset(e, 0, sizeof *e);
    x->espan[o->n] = (span){0};
    x->esupport[o->n] = 0;
    x->esystem[o->n] = has(system) ? system : NULL;
    o->n++;
    return e;
}

static at_status join(ctx *x, size_t ev, size_t idx)
{
    span *s = &x->espan[ev];
    const span *t = &x->when[idx];
    if (t->dated) {
        if (!s->dated)
            *s = *t;
        if (t->lo < s->lo)
            s->lo = t->lo;
        if (t->hi > s->hi)
            s->hi = t->hi;
    }
    if (role_of(&x->c[idx]) == AT_ROLE_SUPPORT)
        x->esupport[ev]++;
    return add_member(&x->out->events[ev], idx, role_of(&x->c[idx]));
}

/* The event among [FROM, TO) with the most members so far; the earliest
 * made on a tie. */
static size_t biggest(const ctx *x, size_t from, size_t to)
{
    size_t best = from;
    for (size_t e = from + 1; e < to; e++)
        if (x->out->events[e].nmember > x->out->events[best].nmember)
            best = e;
    return best;
}

/* Claims K[0..N) of one system (or none), sorted by cmp_key, become
 * events: a new one wherever the next time starts more than
 * EVENT_GAP_DAYS after everything before it ended. Undated claims join
 * the biggest of them, or make one of their own. */
static at_status sweep(ctx *x, const key *k, size_t n)
{
    size_t first = x->out->n;
    long end = 0;
    for (size_t i = 0; i < n; i++) {
        const span *t = &k[i].t;
        size_t ev;
        if (t->dated) {
            if (x->out->n == first || t->lo > end + EVENT_GAP_DAYS) {
                if (!new_event(x, k[i].system))
                    return AT_ENOMEM;
                end = t->hi;
            }
            ev = x->out->n - 1;
            if (t->hi > end)
                end = t->hi;
        } else {
            if (x->out->n == first && !new_event(x, k[i].system))
                return AT_ENOMEM;
            ev = biggest(x, first, x->out->n);
        }
        if (join(x, ev, k[i].idx) != AT_OK)
            return AT_ENOMEM;
    }
    return AT_OK;
}

/* Runs of K with the same system (case-folded) go through sweep. */
static at_status sweep_systems(ctx *x, key *k, size_t n)
{
    qsort(k, n, sizeof *k, cmp_key);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && !strcasecmp(nz(k[i].system), nz(k[j].system)); j++)
            ;
        if (sweep(x, k + i, j - i) != AT_OK)
            return AT_ENOMEM;
    }
    return AT_OK;
}

static bool near(const span *a, const span *b)
{
    return !a->dated || !b->dated ||
           (a->lo <= b->hi + EVENT_GAP_DAYS && a->hi + EVENT_GAP_DAYS >= b->lo);
}

static long distance(const span *a, const span *b)
{
    if (!a->dated || !b->dated)
        return 0;
    if (a->hi < b->lo)
        return b->lo - a->hi;
    if (b->hi < a->lo)
        return a->lo - b->hi;
    return 0;
}

static key key_of(const ctx *x, size_t i)
{
    return (key){.system = has(x->c[i].system) ? x->c[i].system : NULL,
                 .t = x->when[i], .rank = x->rank[i], .idx = i};
}

/* Build events from the claims that PICK selects: named systems first,
 * then each system-less claim joins the one named event near it in time,
 * or goes with the other system-less claims. */
static at_status build(ctx *x, bool (*pick)(const ev_claim *))
{
    key *k = malloc((x->n ? x->n : 1) * sizeof *k);
    key *pool = malloc((x->n ? x->n : 1) * sizeof *pool);
    at_status rc = AT_ENOMEM;
    if (!k || !pool)
        goto done;
    size_t nk = 0, np = 0;
    for (size_t i = 0; i < x->n; i++)
        if (pick(&x->c[i]) && has(x->c[i].system))
            k[nk++] = key_of(x, i);
    if (sweep_systems(x, k, nk) != AT_OK)
        goto done;
    size_t named = x->out->n;
    /* the spans as the named claims made them: joining must not stretch
     * them, or the result would depend on which claim came first */
    span *snap = malloc((named ? named : 1) * sizeof *snap);
    if (!snap)
        goto done;
    if (named)
        memcpy(snap, x->espan, named * sizeof *snap);
    nk = 0;
    for (size_t i = 0; i < x->n; i++)
        if (pick(&x->c[i]) && !has(x->c[i].system))
            k[nk++] = key_of(x, i);
    qsort(k, nk, sizeof *k, cmp_key);
    rc = AT_OK;
    for (size_t i = 0; i < nk && rc == AT_OK; i++) {
        size_t hit = 0, ev = 0;
        for (size_t e = 0; e < named; e++)
            if (near(&snap[e], &k[i].t))
                hit++, ev = e;
        if (hit == 1)
            rc = join(x, ev, k[i].idx);
        else
            pool[np++] = k[i];
    }
    free(snap);
    if (rc == AT_OK)
        rc = sweep(x, pool, np);
done:
    free(k);
    free(pool);
    return rc;
}

static bool is_claimed(const ev_claim *c) { return c->fact == AT_FACT_CLAIMED; }
static bool is_any(const ev_claim *c) { (void)c; return true; }

/* A denial or hypothetical claim joins the nearest event in time among
 * those of its system (all events when none has it); on a tie the one
 * with more supporting claims, then the earliest made. */
static at_status attach(ctx *x, size_t idx)
{
    const ev_claim *c = &x->c[idx];
    size_t nev = x->out->n;
    bool same = false;
    for (size_t e = 0; e < nev && has(c->system); e++)
        if (x->esystem[e] && !strcasecmp(x->esystem[e], c->system))
            same = true;
    size_t best = nev;
    long bestd = 0;
    for (size_t e = 0; e < nev; e++) {
        if (same && !(x->esystem[e] && !strcasecmp(x->esystem[e], c->system)))
            continue;
        long d = distance(&x->espan[e], &x->when[idx]);
        if (best == nev || d < bestd ||
            (d == bestd && x->esupport[e] > x->esupport[best]))
            best = e, bestd = d;
    }
    return add_member(&x->out->events[best], idx, role_of(c));
}

/* MARK: - Event fields */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_stri(const void *a, const void *b)
{
    return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct strings in V[0..N) (sorted in place); with FOLD, ignoring case. */
static int distinct(const char **v, size_t n, bool fold)
{
    qsort(v, n, sizeof *v, fold ? cmp_stri : cmp_str);
    int d = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || (fold ? strcasecmp(v[i - 1], v[i]) : strcmp(v[i - 1], v[i])))
            d++;
    return d;
}

static double weight(at_certainty c)
{
    return c == AT_CERT_ASSERTED ? 0.5 : c == AT_CERT_REPORTED ? 0.4 : 0.35;
}

double events_confidence(const at_certainty *best, size_t norigin, size_t ncontra)
{
    double doubt = 1.0;
    for (size_t i = 0; i < norigin; i++)
        doubt *= 1.0 - weight(best[i]);
    double conf = (1.0 - doubt) * pow(0.8, (double)ncontra);
    if (conf > 0.99)
        conf = 0.99;
    /* three decimals: the figure prints and compares the same everywhere */
    return floor(conf * 1000.0 + 0.5) / 1000.0;
}

typedef struct {
    const char *origin;
    at_certainty cert;
} ocert;

static int cmp_ocert(const void *a, const void *b)
{
    const ocert *p = a, *q = b;
    int r = strcmp(p->origin, q->origin);
    return r ? r : cmp_num(p->cert, q->cert);
}

static const char *origin_of(const ev_claim *c)
{
    return has(c->origin) ? c->origin : nz(c->doc_id);
}

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    h ^= 0xff; /* field separator: never a byte of UTF-8 */
    return h * 0x100000001b3ULL;
}

static int cmp_member(const void *a, const void *b, const ctx *x)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    return cmp_num((long long)x->rank[i], (long long)x->rank[j]);
}

/* Members in total order (insertion sort: events are small, and the
 * roles move with them). */
static void sort_members(ev_event *e, const ctx *x)
{
    for (size_t i = 1; i < e->nmember; i++) {
        size_t m = e->member[i];
        at_event_role r = e->role[i];
        size_t j = i;
        while (j > 0 && cmp_member(&e->member[j - 1], &m, x) > 0) {
            e->member[j] = e->member[j - 1];
            e->role[j] = e->role[j - 1];
            j--;
        }
        e->member[j] = m;
        e->role[j] = r;
    }
}

static void min_date(char *dst, const char *s)
{
    if (has(s) && (!dst[0] || strcmp(s, dst) < 0))
        snprintf(dst, AT_DATE_MAX, "%s", s);
}

static void max_date(char *dst, const char *s)
{
    if (has(s) && (!dst[0] || strcmp(s, dst) > 0))
        snprintf(dst, AT_DATE_MAX, "%s", s);
}

static at_status fill(ctx *x, ev_event *e, const char *supplier,
                      const char *recipient, at_category category)
{
    at_event *v = &e->ev;
    memset(v, 0, sizeof *v);
    snprintf(v->supplier, sizeof v->supplier, "%s", supplier);
    snprintf(v->recipient, sizeof v->recipient, "%s", recipient);
    v->category = category;
    v->stage = -1;
    size_t n = e->nmember;
    const char **tmp = malloc((3 * n + 1) * sizeof *tmp);
    at_certainty *best = malloc((n + 1) * sizeof *best);
    ocert *oc = malloc((n + 1) * sizeof *oc);
    if (!tmp || !best || !oc) {
        free(tmp);
        free(best);
        free(oc);
        return AT_ENOMEM;
    }
    const char **sys = tmp + n, **src = tmp + 2 * n;
    size_t nsys = 0, nsrc = 0, ndoc = 0;
    int support = 0;
    for (size_t i = 0; i < n; i++)
        support += e->role[i] == AT_ROLE_SUPPORT;
    /* what the event says rests on its supporting claims; an event of
     * denials or hypotheticals alone is described by those */
    long elo = 0, ehi = 0;
    bool dated = false;
    for (size_t i = 0; i < n; i++) {
        const ev_claim *c = &x->c[e->member[i]];
        at_event_role r = e->role[i];
        tmp[ndoc++] = nz(c->doc_id);
        min_date(v->first_report, c->doc_date);
        max_date(v->last_report, c->doc_date);
        v->contradictions += r == AT_ROLE_CONTRADICT;
        v->hypothetical += r == AT_ROLE_HYPOTHETICAL;
        if (support && r != AT_ROLE_SUPPORT)
            continue;
        if (has(c->system))
            sys[nsys++] = c->system;
        if (has(c->source))
            src[nsrc++] = c->source;
        if (r == AT_ROLE_SUPPORT) {
            v->reports++;
            if ((int)c->stage > v->stage)
                v->stage = (int)c->stage;
            min_date(v->stage_first[c->stage], c->doc_date);
            if (c->has_qmin && (!v->has_qty_min || c->qmin < v->qty_min))
                v->has_qty_min = true, v->qty_min = c->qmin;
            if (c->has_qmax && (!v->has_qty_max || c->qmax > v->qty_max))
                v->has_qty_max = true, v->qty_max = c->qmax;
        }
        long lo, hi, lo2, hi2;
        if (date_span(c->date_start, &lo, &hi)) {
            const char *end = has(c->date_end) ? c->date_end : c->date_start;
            if (!date_span(end, &lo2, &hi2))
                hi2 = hi;
            if (!dated || lo < elo || (lo == elo && strcmp(c->date_start, v->date_start) < 0))
                elo = lo, snprintf(v->date_start, AT_DATE_MAX, "%s", c->date_start);
            if (!dated || hi2 > ehi || (hi2 == ehi && strcmp(end, v->date_end) > 0))
                ehi = hi2, snprintf(v->date_end, AT_DATE_MAX, "%s", end);
            dated = true;
        }
    }
    v->documents = distinct(tmp, ndoc, false);
    v->sources = distinct(src, nsrc, true);
    /* systems: distinct, in case-folded order, "; "-separated */
    qsort(sys, nsys, sizeof *sys, cmp_stri);
    size_t len = 1;
    for (size_t i = 0; i < nsys; i++)
        len += strlen(sys[i]) + 2;
    e->systems = malloc(len);
    if (!e->systems) {
        free(tmp);
        free(best);
        free(oc);
        return AT_ENOMEM;
    }
    e->systems[0] = 0;
    for (size_t i = 0; i < nsys; i++)
        if (i == 0 || strcasecmp(sys[i - 1], sys[i])) {
            if (e->systems[0])
                strcat(e->systems, "; ");
            strcat(e->systems, sys[i]);
        }
    v->systems = e->systems;
    /* origins: of supporting claims (else of all), each with the surest
     * certainty it reports with; contradictions by distinct origin */
    size_t no = 0;
    for (size_t i = 0; i < n; i++)
        if (!support || e->role[i] == AT_ROLE_SUPPORT)
            oc[no++] = (ocert){origin_of(&x->c[e->member[i]]), x->c[e->member[i]].cert};
    qsort(oc, no, sizeof *oc, cmp_ocert);
    size_t nbest = 0;
    for (size_t i = 0; i < no; i++) {
        if (i == 0 || strcmp(oc[i - 1].origin, oc[i].origin))
            best[nbest++] = oc[i].cert;
        else if (weight(oc[i].cert) > weight(best[nbest - 1]))
            best[nbest - 1] = oc[i].cert;
    }
    v->origins = (int)nbest;
    size_t nc = 0;
    for (size_t i = 0; i < n; i++)
        if (e->role[i] == AT_ROLE_CONTRADICT)
            tmp[nc++] = origin_of(&x->c[e->member[i]]);
    size_t ncontra = (size_t)distinct(tmp, nc, false);
    v->confidence = support ? events_confidence(best, nbest, ncontra) : 0.0;
    free(tmp);
    free(best);
    free(oc);
    /* the id: the group, the system and the first member, whose document,
     * stage and factuality name one claim of the group */
    const ev_claim *f = &x->c[e->member[0]];
    char num[64];
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv(h, supplier);
    h = fnv(h, recipient);
    h = fnv(h, at_category_name(category));
    h = fnv(h, e->systems);
    h = fnv(h, nz(f->doc_id));
    snprintf(num, sizeof num, "%d/%d/%d/%lu", (int)f->stage, (int)f->fact, (int)f->cert,
             (unsigned long)f->sentence);
    h = fnv(h, num);
    h = fnv(h, nz(f->system));
    h = fnv(h, f->date_start);
    e->hash = h;
    return AT_OK;
}

/* Ids from the hashes; should two events of the group share a first
 * claim's every field (a caller may store duplicate claims), the later in
 * order gets the hash of its position too, so ids stay unique. */
static void name_events(ev_result *r)
{
    for (size_t i = 0; i < r->n; i++) {
        ev_event *e = &r->events[i];
        for (size_t j = 0; j < i; j++)
            if (r->events[j].hash == e->hash) {
                char num[24];
                snprintf(num, sizeof num, "#%zu", i);
                e->hash = fnv(e->hash, num);
                j = (size_t)-1; /* compare again from the start */
            }
        snprintf(e->id, sizeof e->id, "ev-%016llx", (unsigned long long)e->hash);
        e->ev.id = e->id;
    }
}

/* MARK: - Entry */

static int cmp_events(const void *a, const void *b, const ctx *x)
{
    const ev_event *p = a, *q = b;
    return cmp_num((long long)x->rank[p->member[0]], (long long)x->rank[q->member[0]]);
}

static void sort_events(ev_result *r, const ctx *x)
{
    for (size_t i = 1; i < r->n; i++) {
        ev_event t = r->events[i];
        size_t j = i;
        while (j > 0 && cmp_events(&r->events[j - 1], &t, x) > 0) {
            r->events[j] = r->events[j - 1];
            j--;
        }
        r->events[j] = t;
    }
}

void events_result_free(ev_result *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->events[i].member);
        free(r->events[i].role);
        free(r->events[i].systems);
    }
    free(r->events);
    memset(r, 0, sizeof *r);
}

at_status events_reconcile(const char *supplier, const char *recipient,
                           at_category category, const ev_claim *claims,
                           size_t n, ev_result *out)
{
    events_result_free(out);
    ctx x = {.c = claims, .n = n, .out = out};
    size_t cap = n ? n : 1;
    const ev_claim **order = malloc(cap * sizeof *order);
    x.rank = malloc(cap * sizeof *x.rank);
    x.when = malloc(cap * sizeof *x.when);
    at_status rc = AT_ENOMEM;
    if (!order || !x.rank || !x.when)
        goto done;
    for (size_t i = 0; i < n; i++)
        order[i] = &claims[i];
    qsort(order, n, sizeof *order, cmp_claim_ptr);
    for (size_t i = 0; i < n; i++)
        x.rank[order[i] - claims] = i;
    for (size_t i = 0; i < n; i++) {
        const ev_claim *c = &claims[i];
        span *t = &x.when[i];
        long lo2, hi2;
        t->dated = date_span(c->date_start, &t->lo, &t->hi);
        if (t->dated && date_span(c->date_end, &lo2, &hi2) && hi2 > t->hi)
            t->hi = hi2;
        if (!t->dated)
            t->dated = date_span(c->doc_date, &t->lo, &t->hi);
    }
    bool claimed = false;
    for (size_t i = 0; i < n; i++)
        claimed |= is_claimed(&claims[i]);
    /* denials and hypotheticals make events only when nothing is claimed */
    if ((rc = build(&x, claimed ? is_claimed : is_any)) != AT_OK)
        goto done;
    for (size_t i = 0; claimed && i < n && rc == AT_OK; i++) {
        const ev_claim *c = order[i];
        if (!is_claimed(c))
            rc = attach(&x, (size_t)(c - claims));
    }
    if (rc != AT_OK)
        goto done;
    for (size_t e = 0; e < out->n; e++)
        sort_members(&out->events[e], &x);
    sort_events(out, &x);
    for (size_t e = 0; e < out->n && rc == AT_OK; e++)
        rc = fill(&x, &out->events[e], supplier, recipient, category);
    if (rc == AT_OK)
        name_events(out);
done:
    free(order);
    free(x.rank);
    free(x.when);
    free(x.espan);
    free(x.esupport);
    free(x.esystem);
    if (rc != AT_OK)
        events_result_free(out);
    return rc;
}
