/* eval_report.c: the evaluator's reports. The text report is byte for
 * byte what tools/score.py prints (MISS and FALSE lines sorted as Python
 * sorts tuples, then the summary line), with optional per-category and
 * per-stage lines after it; the JSON report holds the same figures. */
#include <stdlib.h>
#include <string.h>

#include "eval_int.h"
#include "pyval.h"

/* score.py truncates the evidence to this many characters (code points). */
#define EVIDENCE_CHARS 160

static int cmp_rec(const void *a, const void *b)
{
    return ev_key_cmp(&(*(const ev_rec *const *)a)->k, &(*(const ev_rec *const *)b)->k);
}

/* The misses (gold lines) or false positives (first predictions), sorted
 * by key. NULL when there are none or memory ran out (B's error set). */
static const ev_rec **sorted(const at_eval *e, bool misses, size_t *n, at_buf *b)
{
    const ev_idx *x = misses ? &e->fn : &e->fp;
    *n = x->n;
    if (!x->n)
        return NULL;
    const ev_rec **a = malloc(x->n * sizeof *a);
    if (!a) {
        b->err = AT_ENOMEM;
        *n = 0;
        return NULL;
    }
    for (size_t i = 0; i < x->n; i++)
        a[i] = misses ? &e->gold.a[x->a[i]] : ev_group_first(e, x->a[i]);
    qsort(a, x->n, sizeof *a, cmp_rec);
    return a;
}

static void put_key(at_buf *b, const ev_key *k)
{
    for (int i = 0; i < K_N; i++) {
        if (i)
            at_buf_putc(b, ' ');
        at_buf_put(b, k->enc + k->off[i], k->n[i]);
    }
}

/* required[k].get("note", "") as print() writes it. */
static void put_note(at_buf *b, const ev_rec *g)
{
    const json_t *v = json_object_get(g->v, "note");
    if (v)
        py_str(b, v);
}

/* (p.get("evidence") or {}).get("text", "")[:160].replace("\n", " ") */
static void put_evidence(at_buf *b, const ev_rec *p)
{
    const json_t *ev = json_object_get(p->v, "evidence");
    const json_t *t = py_truthy(ev) && json_is_object(ev) ? json_object_get(ev, "text") : NULL;
    if (!t)
        return;
    at_buf tmp = {0};
    const char *s;
    size_t n;
    if (json_is_string(t)) {
        s = json_string_value(t);
        n = json_string_length(t);
    } else { /* score.py would fail here; show the value instead */
        py_str(&tmp, t);
        s = tmp.ptr ? tmp.ptr : "";
        n = tmp.len;
    }
    n = py_prefix(s, n, EVIDENCE_CHARS);
    size_t run = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') {
            at_buf_put(b, s + run, i - run);
            at_buf_putc(b, ' ');
            run = i + 1;
        }
    at_buf_put(b, s + run, n - run);
    at_buf_free(&tmp);
}

/* MARK: - Breakdown by category and stage */

typedef struct {
    const char *name;
    size_t len;
    size_t tp, fp, fn;
} tally;

typedef struct {
    tally *a;
    size_t n, cap;
} tallies;

static void tally_add(tallies *t, const ev_key *k, int comp, int which, at_buf *b)
{
    const char *s = k->enc + k->off[comp];
    size_t n = k->n[comp];
    size_t i = 0;
    while (i < t->n && !(t->a[i].len == n && !memcmp(t->a[i].name, s, n)))
        i++;
    if (i == t->n) {
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 16;
            tally *a = realloc(t->a, cap * sizeof *a);
            if (!a) {
                b->err = AT_ENOMEM;
                return;
            }
            t->a = a;
            t->cap = cap;
        }
        t->a[t->n++] = (tally){s, n, 0, 0, 0};
    }
    size_t *cnt[] = {&t->a[i].tp, &t->a[i].fp, &t->a[i].fn};
    (*cnt[which])++;
}

static int cmp_tally(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->name, y->name, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Per-key-component counts over the true positives, false positives and
 * misses, sorted by name. */
static tallies breakdown(const at_eval *e, int comp, at_buf *b)
{
    tallies t = {0};
    for (size_t i = 0; i < e->tp.n; i++)
        tally_add(&t, &ev_group_first(e, e->tp.a[i])->k, comp, 0, b);
    for (size_t i = 0; i < e->fp.n; i++)
        tally_add(&t, &ev_group_first(e, e->fp.a[i])->k, comp, 1, b);
    for (size_t i = 0; i < e->fn.n; i++)
        tally_add(&t, &e->gold.a[e->fn.a[i]].k, comp, 2, b);
    if (t.n)
        qsort(t.a, t.n, sizeof *t.a, cmp_tally);
    return t;
}

/* The same formulas as the summary line. */
static void prf(size_t tp, size_t fp, size_t fn, double out[3])
{
    out[0] = tp || fp ? (double)tp / (double)(tp + fp) : 0.0;
    out[1] = tp || fn ? (double)tp / (double)(tp + fn) : 0.0;
    double sum = out[0] + out[1], t = 2 * out[0];
    t = t * out[1];
    out[2] = sum != 0.0 ? t / sum : 0.0;
}

/* MARK: - Text */

void at_eval_report(const at_eval *e, at_buf *b, unsigned flags)
{
    if (!e->ran)
        return;
    if (flags & AT_EVAL_SHOW) {
        for (int miss = 1; miss >= 0; miss--) {
            size_t n;
            const ev_rec **a = sorted(e, miss, &n, b);
            for (size_t i = 0; i < n; i++) {
                at_buf_puts(b, miss ? "MISS " : "FALSE ");
                put_key(b, &a[i]->k);
                at_buf_puts(b, " | ");
                if (miss)
                    put_note(b, a[i]);
                else
                    put_evidence(b, a[i]);
                at_buf_putc(b, '\n');
            }
            free(a);
        }
    }
    const at_eval_score *s = &e->score;
    at_buf_printf(b, "keys: P=%.3f R=%.3f F1=%.3f tp=%zu fp=%zu fn=%zu", s->precision,
                  s->recall, s->f1, s->tp, s->fp, s->fn);
    at_buf_printf(b, " | system %zu/%zu quantity %zu/%zu date %zu/%zu\n", s->system_ok,
                  s->system_n, s->quantity_ok, s->quantity_n, s->date_ok, s->date_n);
    if (!(flags & AT_EVAL_DETAIL))
        return;
    static const struct {
        int comp;
        const char *label;
    } parts[] = {{K_CATEGORY, "category"}, {K_STAGE, "stage"}};
    for (size_t p = 0; p < 2; p++) {
        tallies t = breakdown(e, parts[p].comp, b);
        for (size_t i = 0; i < t.n; i++) {
            double f[3];
            prf(t.a[i].tp, t.a[i].fp, t.a[i].fn, f);
            at_buf_printf(b, "%s ", parts[p].label);
            if (t.a[i].len)
                at_buf_put(b, t.a[i].name, t.a[i].len);
            else
                at_buf_putc(b, '-');
            at_buf_printf(b, ": P=%.3f R=%.3f F1=%.3f tp=%zu fp=%zu fn=%zu\n", f[0], f[1], f[2],
                          t.a[i].tp, t.a[i].fp, t.a[i].fn);
        }
        free(t.a);
    }
}

/* MARK: - JSON */

static json_t *key_json(const ev_key *k)
{
    json_t *a = json_array();
    for (int i = 0; i < K_N; i++)
        json_array_append_new(a, json_stringn(k->enc + k->off[i], k->n[i]));
    return a;
}

static json_t *attr_json(size_t ok, size_t n)
{
    return json_pack("{s:I,s:I}", "ok", (json_int_t)ok, "of", (json_int_t)n);
}

static json_t *buf_string(at_buf *tmp)
{
    json_t *s = json_stringn(tmp->ptr ? tmp->ptr : "", tmp->len);
    at_buf_reset(tmp);
    return s;
}

static json_t *lines_json(const at_eval *e, bool misses, at_buf *b)
{
    json_t *arr = json_array();
    size_t n;
    const ev_rec **a = sorted(e, misses, &n, b);
    at_buf tmp = {0};
    for (size_t i = 0; i < n; i++) {
        if (misses)
            put_note(&tmp, a[i]);
        else
            put_evidence(&tmp, a[i]);
        json_array_append_new(arr, json_pack("{s:o,s:o}", "key", key_json(&a[i]->k),
                                             misses ? "note" : "evidence", buf_string(&tmp)));
    }
    if (tmp.err)
        b->err = tmp.err;
    at_buf_free(&tmp);
    free(a);
    return arr;
}

static json_t *breakdown_json(const at_eval *e, int comp, const char *label, at_buf *b)
{
    json_t *arr = json_array();
    tallies t = breakdown(e, comp, b);
    for (size_t i = 0; i < t.n; i++) {
        double f[3];
        prf(t.a[i].tp, t.a[i].fp, t.a[i].fn, f);
        json_array_append_new(
            arr, json_pack("{s:s%,s:f,s:f,s:f,s:I,s:I,s:I}", label, t.a[i].name, t.a[i].len,
                           "precision", f[0], "recall", f[1], "f1", f[2], "tp",
                           (json_int_t)t.a[i].tp, "fp", (json_int_t)t.a[i].fp, "fn",
                           (json_int_t)t.a[i].fn));
    }
    free(t.a);
    return arr;
}

void at_eval_report_json(const at_eval *e, at_buf *b, unsigned flags)
{
    if (!e->ran)
        return;
    const at_eval_score *s = &e->score;
    json_t *o = json_pack("{s:f,s:f,s:f,s:I,s:I,s:I,s:o,s:o,s:o}", "precision", s->precision,
                          "recall", s->recall, "f1", s->f1, "tp", (json_int_t)s->tp, "fp",
                          (json_int_t)s->fp, "fn", (json_int_t)s->fn, "system",
                          attr_json(s->system_ok, s->system_n), "quantity",
                          attr_json(s->quantity_ok, s->quantity_n), "date",
                          attr_json(s->date_ok, s->date_n));
    if (o && (flags & AT_EVAL_SHOW)) {
        json_object_set_new(o, "miss", lines_json(e, true, b));
        json_object_set_new(o, "false", lines_json(e, false, b));
    }
    if (o && (flags & AT_EVAL_DETAIL)) {
        json_object_set_new(o, "by_category", breakdown_json(e, K_CATEGORY, "category", b));
        json_object_set_new(o, "by_stage", breakdown_json(e, K_STAGE, "stage", b));
    }
    char *txt = o ? json_dumps(o, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    if (!txt) {
        b->err = AT_ENOMEM;
    } else {
        at_buf_puts(b, txt);
        at_buf_putc(b, '\n');
    }
    free(txt);
    json_decref(o);
}
