/* eval.c: scoring predicted claims against gold, as tools/score.py does:
 * loading the JSONL inputs the way Python reads them, building score.py's
 * keys, and counting keys and attributes. The reports are in
 * eval_report.c; Python's value semantics in pyval.c. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_int.h"
#include "pyval.h"

static const char *const key_fields[K_N] = {"doc", "supplier", "recipient",
                                            "category", "stage", "factuality"};

static at_status fail(at_error *err, at_status code, const char *file, size_t line,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static at_status fail(at_error *err, at_status code, const char *file, size_t line,
                      const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

/* MARK: - Containers */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static ev_slot *map_find(const ev_map *m, const char *k, size_t n)
{
    if (!m->cap)
        return NULL;
    uint64_t h = hash_bytes(k, n);
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        ev_slot *s = &m->s[i];
        if (!s->k)
            return NULL;
        if (s->h == h && s->n == n && !memcmp(s->k, k, n))
            return s;
    }
}

static bool map_has(const ev_map *m, const char *k, size_t n) { return map_find(m, k, n) != NULL; }

/* Insert K with value V unless present; *OUT is the slot either way and
 * *ADDED says which. */
static at_status map_put(ev_map *m, const char *k, size_t n, size_t v, ev_slot **out,
                         bool *added)
{
    ev_slot *s = map_find(m, k, n);
    if (s) {
        if (out)
            *out = s;
        if (added)
            *added = false;
        return AT_OK;
    }
    if ((m->len + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        ev_slot *ns = calloc(cap, sizeof *ns);
        if (!ns)
            return AT_ENOMEM;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->s[i].k)
                continue;
            size_t j = m->s[i].h & (cap - 1);
            while (ns[j].k)
                j = (j + 1) & (cap - 1);
            ns[j] = m->s[i];
        }
        free(m->s);
        m->s = ns;
        m->cap = cap;
    }
    uint64_t h = hash_bytes(k, n);
    size_t i = h & (m->cap - 1);
    while (m->s[i].k)
        i = (i + 1) & (m->cap - 1);
    char *copy = malloc(n + 1);
    if (!copy)
        return AT_ENOMEM;
    memcpy(copy, k, n);
    copy[n] = '\0';
    m->s[i] = (ev_slot){copy, n, h, v};
    m->len++;
    if (out)
        *out = &m->s[i];
    if (added)
        *added = true;
    return AT_OK;
}

static void map_free(ev_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->s[i].k);
    free(m->s);
    *m = (ev_map){0};
}

static at_status idx_push(ev_idx *x, size_t v)
{
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 8;
        size_t *a = realloc(x->a, cap * sizeof *a);
        if (!a)
            return AT_ENOMEM;
        x->a = a;
        x->cap = cap;
    }
    x->a[x->n++] = v;
    return AT_OK;
}

/* MARK: - Keys */

/* Append one component: tag, its length, its bytes (written by FILL into
 * B, then measured). */
static void key_begin(at_buf *b, char tag, size_t *lenpos)
{
    at_buf_putc(b, tag);
    *lenpos = b->len;
    size_t zero = 0;
    at_buf_put(b, &zero, sizeof zero);
}

static void key_end(at_buf *b, size_t lenpos)
{
    if (b->err)
        return;
    size_t n = b->len - lenpos - sizeof n;
    memcpy(b->ptr + lenpos, &n, sizeof n);
}

/* score.py: (rec.get(k) or "") for the parties and labels, and
 * str(rec.get("doc", "")) for the document. */
static at_status key_make(const json_t *rec, ev_key *k)
{
    at_buf b = {0};
    size_t lenpos[K_N];
    for (int i = 0; i < K_N; i++) {
        const json_t *v = json_object_get(rec, key_fields[i]);
        if (i == K_DOC) {
            key_begin(&b, 'S', &lenpos[i]);
            if (v)
                py_str(&b, v);
        } else if (!py_truthy(v)) {
            key_begin(&b, 'S', &lenpos[i]);
        } else if (json_is_string(v)) {
            key_begin(&b, 'S', &lenpos[i]);
            at_buf_put(&b, json_string_value(v), json_string_length(v));
        } else if (json_is_number(v) || json_is_true(v)) {
            /* Equal numbers must encode alike: 1, 1.0 and true. */
            key_begin(&b, 'N', &lenpos[i]);
            double d = json_is_real(v) ? json_real_value(v) : 0;
            if (json_is_true(v))
                at_buf_putc(&b, '1');
            else if (json_is_integer(v))
                at_buf_printf(&b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            else if (d == (double)(long long)d && d > -9.2e18 && d < 9.2e18)
                at_buf_printf(&b, "%lld", (long long)d);
            else
                py_float_repr(&b, d);
        } else {
            key_begin(&b, 'O', &lenpos[i]);
            char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
            if (!s) {
                at_buf_free(&b);
                return AT_ENOMEM;
            }
            at_buf_puts(&b, s);
            free(s);
        }
        key_end(&b, lenpos[i]);
    }
    if (b.err) {
        at_buf_free(&b);
        return AT_ENOMEM;
    }
    *k = (ev_key){.enc = b.ptr, .len = b.len};
    for (int i = 0; i < K_N; i++) {
        k->tag[i] = b.ptr[lenpos[i] - 1];
        k->off[i] = lenpos[i] + sizeof(size_t);
        memcpy(&k->n[i], b.ptr + lenpos[i], sizeof(size_t));
    }
    return AT_OK;
}

static bool comp_is(const ev_key *k, int i, const char *s)
{
    return k->tag[i] == 'S' && k->n[i] == strlen(s) && !memcmp(k->enc + k->off[i], s, k->n[i]);
}

/* score.py's scorable(): every component truthy, category not economic. */
static bool key_scorable(const ev_key *k)
{
    for (int i = 0; i < K_N; i++)
        if (k->tag[i] == 'S' && k->n[i] == 0)
            return false;
    return !comp_is(k, K_CATEGORY, "economic");
}

int ev_key_cmp(const ev_key *a, const ev_key *b)
{
    for (int i = 0; i < K_N; i++) {
        if (a->tag[i] != b->tag[i])
            return a->tag[i] < b->tag[i] ? -1 : 1;
        size_t n = a->n[i] < b->n[i] ? a->n[i] : b->n[i];
        int c = memcmp(a->enc + a->off[i], b->enc + b->off[i], n);
        if (c)
            return c;
        if (a->n[i] != b->n[i])
            return a->n[i] < b->n[i] ? -1 : 1;
    }
    return 0;
}

/* MARK: - Lifetime */

at_eval *at_eval_new(void) { return calloc(1, sizeof(at_eval)); }

static void results_free(at_eval *e)
{
    map_free(&e->required);
    map_free(&e->optional);
    map_free(&e->predicted);
    for (size_t i = 0; i < e->ngroups; i++)
        free(e->groups[i].a);
    free(e->groups);
    e->groups = NULL;
    e->ngroups = 0;
    free(e->tp.a);
    free(e->fp.a);
    free(e->fn.a);
    e->tp = e->fp = e->fn = (ev_idx){0};
    e->score = (at_eval_score){0};
    e->ran = false;
}

static void recs_free(ev_recs *r, size_t from)
{
    for (size_t i = from; i < r->n; i++) {
        json_decref(r->a[i].v);
        free(r->a[i].k.enc);
    }
    r->n = from;
}

void at_eval_free(at_eval *e)
{
    if (!e)
        return;
    results_free(e);
    recs_free(&e->gold, 0);
    recs_free(&e->pred, 0);
    free(e->gold.a);
    free(e->pred.a);
    map_free(&e->corpus);
    map_free(&e->only);
    for (size_t i = 0; i < e->nnames; i++)
        free(e->names[i]);
    free(e->names);
    free(e);
}

static const char *intern_name(at_eval *e, const char *name)
{
    char **a = realloc(e->names, (e->nnames + 1) * sizeof *a);
    if (!a)
        return NULL;
    e->names = a;
    char *s = strdup(name);
    if (!s)
        return NULL;
    e->names[e->nnames++] = s;
    return s;
}

/* MARK: - Loading */

enum what { W_GOLD, W_PRED, W_CORPUS };

static at_status add_rec(ev_recs *r, json_t *v, const char *src, size_t line)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        ev_rec *a = realloc(r->a, cap * sizeof *a);
        if (!a)
            return AT_ENOMEM;
        r->a = a;
        r->cap = cap;
    }
    ev_rec *x = &r->a[r->n];
    at_status rc = key_make(v, &x->k);
    if (rc)
        return rc;
    x->v = v;
    x->src = src;
    x->line = line;
    r->n++;
    return AT_OK;
}

/* Python's `for line in open(path, encoding="utf-8")`: the whole file
 * must decode; lines end at \n, \r\n or \r; blank lines are skipped. */
static at_status load_buf(at_eval *e, enum what w, const char *name, const char *buf,
                          size_t len, at_error *err)
{
    const char *src = intern_name(e, name);
    if (!src)
        return fail(err, AT_ENOMEM, name, 0, "out of memory");
    size_t bad;
    if (!py_utf8_ok(buf, len, &bad)) {
        size_t line = 1;
        for (size_t i = 0; i < bad; i++)
            if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n')))
                line++;
        return fail(err, AT_EPARSE, src, line, "invalid UTF-8");
    }
    ev_recs *recs = w == W_GOLD ? &e->gold : w == W_PRED ? &e->pred : NULL;
    size_t kept = recs ? recs->n : 0;
    at_status rc = AT_OK;
    size_t line = 0;
    for (size_t at = 0; at < len && rc == AT_OK;) {
        size_t end = at;
        while (end < len && buf[end] != '\n' && buf[end] != '\r')
            end++;
        const char *s = buf + at;
        size_t n = end - at;
        at = end + 1;
        if (end + 1 < len && buf[end] == '\r' && buf[end + 1] == '\n')
            at++;
        line++;
        if (py_blank(s, n))
            continue;
        json_error_t jerr;
        json_t *v = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
        if (!v) {
            rc = fail(err, AT_EPARSE, src, line, "invalid JSON at column %d: %s", jerr.column,
                      jerr.text);
            break;
        }
        if (!json_is_object(v)) {
            json_decref(v);
            rc = fail(err, AT_EPARSE, src, line, "expected a JSON object");
            break;
        }
        if (recs) {
            if ((rc = add_rec(recs, v, src, line)) != AT_OK) {
                json_decref(v);
                fail(err, rc, src, line, "out of memory");
            }
            continue;
        }
        /* score.py: {str(d["id"]) for d in load(corpus)} */
        const json_t *id = json_object_get(v, "id");
        if (!id) {
            json_decref(v);
            rc = fail(err, AT_EPARSE, src, line, "document has no \"id\"");
            break;
        }
        at_buf b = {0};
        py_str(&b, id);
        json_decref(v);
        rc = b.err ? b.err : map_put(&e->corpus, b.ptr ? b.ptr : "", b.len, 0, NULL, NULL);
        at_buf_free(&b);
        if (rc)
            fail(err, rc, src, line, "out of memory");
    }
    if (rc && recs)
        recs_free(recs, kept);
    if (w == W_CORPUS)
        e->has_corpus = true;
    return rc;
}

static at_status load_path(at_eval *e, enum what w, const char *path, at_error *err)
{
    bool std = !strcmp(path, "-");
    FILE *f = std ? stdin : fopen(path, "rb");
    if (!f)
        return fail(err, AT_EIO, path, 0, "%s", strerror(errno));
    at_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        at_buf_put(&b, chunk, n);
    bool rerr = ferror(f);
    int eno = errno;
    if (!std)
        fclose(f);
    at_status rc;
    if (rerr)
        rc = fail(err, AT_EIO, path, 0, "%s", strerror(eno));
    else if (b.err)
        rc = fail(err, b.err, path, 0, "%s", at_strerror(b.err));
    else
        rc = load_buf(e, w, path, b.ptr ? b.ptr : "", b.len, err);
    at_buf_free(&b);
    return rc;
}

at_status at_eval_load_gold(at_eval *e, const char *path, at_error *err)
{
    return load_path(e, W_GOLD, path, err);
}

at_status at_eval_load_pred(at_eval *e, const char *path, at_error *err)
{
    return load_path(e, W_PRED, path, err);
}

at_status at_eval_load_corpus(at_eval *e, const char *path, at_error *err)
{
    return load_path(e, W_CORPUS, path, err);
}

at_status at_eval_add_gold(at_eval *e, const char *name, const char *buf, size_t len,
                           at_error *err)
{
    return load_buf(e, W_GOLD, name, buf, len, err);
}

at_status at_eval_add_pred(at_eval *e, const char *name, const char *buf, size_t len,
                           at_error *err)
{
    return load_buf(e, W_PRED, name, buf, len, err);
}

at_status at_eval_add_corpus(at_eval *e, const char *name, const char *buf, size_t len,
                             at_error *err)
{
    return load_buf(e, W_CORPUS, name, buf, len, err);
}

at_status at_eval_add_doc(at_eval *e, const char *id, size_t len)
{
    e->has_corpus = true;
    return map_put(&e->corpus, id, len, 0, NULL, NULL);
}

at_status at_eval_set_only(at_eval *e, const char *list, size_t len)
{
    /* score.py: set(list.split(",")) */
    e->has_only = true;
    size_t at = 0;
    for (;;) {
        const char *c = memchr(list + at, ',', len - at);
        size_t end = c ? (size_t)(c - list) : len;
        at_status rc = map_put(&e->only, list + at, end - at, 0, NULL, NULL);
        if (rc || !c)
            return rc;
        at = end + 1;
    }
}

/* MARK: - Scoring */

/* g.get(field), which must be a list when it is truthy. */
static at_status gold_list(const ev_rec *g, const char *field, const json_t **out,
                           at_error *err)
{
    const json_t *v = json_object_get(g->v, field);
    *out = NULL;
    if (!py_truthy(v))
        return AT_OK;
    if (!json_is_array(v))
        return fail(err, AT_EPARSE, g->src, g->line, "\"%s\" is not a list", field);
    *out = v;
    return AT_OK;
}

static bool system_ok(const json_t *golds, const ev_idx *ps, const ev_recs *pred)
{
    /* any((p.get("system") or "").lower() in {s.lower() for s in golds}) */
    bool ok = false;
    at_buf want = {0}, got = {0};
    for (size_t i = 0; i < ps->n && !ok; i++) {
        const json_t *s = json_object_get(pred->a[ps->a[i]].v, "system");
        at_buf_reset(&got);
        if (py_truthy(s)) {
            if (!json_is_string(s))
                continue; /* score.py would stop on .lower() */
            py_lower(&got, json_string_value(s), json_string_length(s));
        }
        for (size_t j = 0; j < json_array_size(golds) && !ok; j++) {
            const json_t *g = json_array_get(golds, j);
            at_buf_reset(&want);
            py_lower(&want, json_string_value(g), json_string_length(g));
            ok = want.len == got.len && (!want.len || !memcmp(want.ptr, got.ptr, want.len));
        }
    }
    at_buf_free(&want);
    at_buf_free(&got);
    return ok;
}

static bool quantity_ok(const json_t *golds, const ev_idx *ps, const ev_recs *pred)
{
    /* any(p.get("quantity") and (q.get("min"), q.get("max")) in gold pairs) */
    for (size_t i = 0; i < ps->n; i++) {
        const json_t *q = json_object_get(pred->a[ps->a[i]].v, "quantity");
        if (!py_truthy(q) || !json_is_object(q))
            continue;
        const json_t *mn = json_object_get(q, "min"), *mx = json_object_get(q, "max");
        for (size_t j = 0; j < json_array_size(golds); j++) {
            const json_t *g = json_array_get(golds, j);
            if (json_array_size(g) == 2 && py_eq(json_array_get(g, 0), mn) &&
                py_eq(json_array_get(g, 1), mx))
                return true;
        }
    }
    return false;
}

static bool date_ok(const json_t *golds, const ev_idx *ps, const ev_recs *pred)
{
    /* any(p.get("date") and p["date"].get("start") in set(gold dates)) */
    for (size_t i = 0; i < ps->n; i++) {
        const json_t *d = json_object_get(pred->a[ps->a[i]].v, "date");
        if (!py_truthy(d) || !json_is_object(d))
            continue;
        const json_t *start = json_object_get(d, "start");
        for (size_t j = 0; j < json_array_size(golds); j++)
            if (py_eq(json_array_get(golds, j), start))
                return true;
    }
    return false;
}

static at_status score_attrs(at_eval *e, at_error *err)
{
    at_eval_score *s = &e->score;
    for (size_t t = 0; t < e->tp.n; t++) {
        const ev_idx *ps = &e->groups[e->tp.a[t]];
        const ev_rec *p0 = &e->pred.a[ps->a[0]];
        const ev_rec *g = &e->gold.a[map_find(&e->required, p0->k.enc, p0->k.len)->v];
        const json_t *l;
        at_status rc;
        if ((rc = gold_list(g, "systems", &l, err)))
            return rc;
        if (l) {
            for (size_t j = 0; j < json_array_size(l); j++)
                if (!json_is_string(json_array_get(l, j)))
                    return fail(err, AT_EPARSE, g->src, g->line, "a system is not a string");
            s->system_n++;
            s->system_ok += system_ok(l, ps, &e->pred);
        }
        if ((rc = gold_list(g, "quantities", &l, err)))
            return rc;
        if (l) {
            for (size_t j = 0; j < json_array_size(l); j++)
                if (!json_is_array(json_array_get(l, j)))
                    return fail(err, AT_EPARSE, g->src, g->line, "a quantity is not a list");
            s->quantity_n++;
            s->quantity_ok += quantity_ok(l, ps, &e->pred);
        }
        if ((rc = gold_list(g, "dates", &l, err)))
            return rc;
        if (l) {
            s->date_n++;
            s->date_ok += date_ok(l, ps, &e->pred);
        }
    }
    return AT_OK;
}

/* The document of gold line G (score.py's g["doc"], which must exist). */
static at_status gold_doc(const ev_rec *g, const json_t **doc, at_error *err)
{
    *doc = json_object_get(g->v, "doc");
    if (!*doc)
        return fail(err, AT_EPARSE, g->src, g->line, "gold line has no \"doc\"");
    return AT_OK;
}

static at_status run(at_eval *e, bool *gkeep, bool *pkeep, ev_map *gdocs, at_error *err)
{
    at_status rc = AT_OK;
    /* --docs: gold by g["doc"] in only, predictions by str(p.get("doc")). */
    for (size_t i = 0; i < e->gold.n; i++) {
        gkeep[i] = true;
        if (!e->has_only)
            continue;
        const json_t *d;
        if ((rc = gold_doc(&e->gold.a[i], &d, err)))
            return rc;
        gkeep[i] = json_is_string(d) && map_has(&e->only, json_string_value(d), json_string_length(d));
    }
    for (size_t i = 0; i < e->pred.n; i++) {
        pkeep[i] = true;
        if (!e->has_only)
            continue;
        at_buf b = {0};
        py_str(&b, json_object_get(e->pred.a[i].v, "doc"));
        if (b.err)
            return fail(err, AT_ENOMEM, NULL, 0, "out of memory");
        pkeep[i] = map_has(&e->only, b.ptr, b.len);
        at_buf_free(&b);
    }
    /* The documents scored: the corpus, else those with a gold line. */
    const ev_map *docs = &e->corpus;
    if (!e->has_corpus) {
        docs = gdocs;
        for (size_t i = 0; i < e->gold.n; i++) {
            const json_t *d;
            if (!gkeep[i])
                continue;
            if ((rc = gold_doc(&e->gold.a[i], &d, err)))
                return rc;
            /* Other types can never equal a key's str() document. */
            if (json_is_string(d) &&
                (rc = map_put(gdocs, json_string_value(d), json_string_length(d), 0, NULL, NULL)))
                return fail(err, rc, NULL, 0, "out of memory");
        }
    }
    /* Required keys keep their last gold line; optional ones are a set. */
    for (size_t i = 0; i < e->gold.n; i++) {
        if (!gkeep[i])
            continue;
        const ev_key *k = &e->gold.a[i].k;
        ev_slot *s;
        bool opt = py_truthy(json_object_get(e->gold.a[i].v, "optional"));
        if ((rc = map_put(opt ? &e->optional : &e->required, k->enc, k->len, i, &s, NULL)))
            return fail(err, rc, NULL, 0, "out of memory");
        s->v = i;
    }
    for (size_t i = 0; i < e->pred.n; i++) {
        const ev_key *k = &e->pred.a[i].k;
        if (!pkeep[i] || !key_scorable(k) || !map_has(docs, k->enc + k->off[K_DOC], k->n[K_DOC]))
            continue;
        if (e->has_only && !map_has(&e->only, k->enc + k->off[K_DOC], k->n[K_DOC]))
            continue;
        ev_slot *s;
        bool added;
        if ((rc = map_put(&e->predicted, k->enc, k->len, e->ngroups, &s, &added)))
            return fail(err, rc, NULL, 0, "out of memory");
        if (added) {
            ev_idx *g = realloc(e->groups, (e->ngroups + 1) * sizeof *g);
            if (!g)
                return fail(err, AT_ENOMEM, NULL, 0, "out of memory");
            e->groups = g;
            g[e->ngroups++] = (ev_idx){0};
        }
        if ((rc = idx_push(&e->groups[s->v], i)))
            return fail(err, rc, NULL, 0, "out of memory");
    }
    for (size_t g = 0; g < e->ngroups; g++) {
        const ev_key *k = &ev_group_first(e, g)->k;
        if (map_has(&e->required, k->enc, k->len))
            rc = idx_push(&e->tp, g);
        else if (!map_has(&e->optional, k->enc, k->len))
            rc = idx_push(&e->fp, g);
        if (rc)
            return fail(err, rc, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < e->gold.n; i++) {
        const ev_key *k = &e->gold.a[i].k;
        const ev_slot *s = gkeep[i] ? map_find(&e->required, k->enc, k->len) : NULL;
        if (s && s->v == i && !map_has(&e->predicted, k->enc, k->len) &&
            (rc = idx_push(&e->fn, i)))
            return fail(err, rc, NULL, 0, "out of memory");
    }
    at_eval_score *sc = &e->score;
    sc->tp = e->tp.n;
    sc->fp = e->fp.n;
    sc->fn = e->fn.n;
    if ((rc = score_attrs(e, err)))
        return rc;
    /* Python's arithmetic, one operation at a time (no contraction). */
    sc->precision = sc->tp || sc->fp ? (double)sc->tp / (double)(sc->tp + sc->fp) : 0.0;
    sc->recall = sc->tp || sc->fn ? (double)sc->tp / (double)(sc->tp + sc->fn) : 0.0;
    double sum = sc->precision + sc->recall;
    if (sum != 0.0) {
        double t = 2 * sc->precision;
        t = t * sc->recall;
        sc->f1 = t / sum;
    }
    return AT_OK;
}

at_status at_eval_run(at_eval *e, at_eval_score *out, at_error *err)
{
    results_free(e);
    bool *gkeep = malloc(e->gold.n + 1), *pkeep = malloc(e->pred.n + 1);
    ev_map gdocs = {0};
    at_status rc = gkeep && pkeep ? run(e, gkeep, pkeep, &gdocs, err)
                                  : fail(err, AT_ENOMEM, NULL, 0, "out of memory");
    free(gkeep);
    free(pkeep);
    map_free(&gdocs);
    if (rc) {
        results_free(e);
        return rc;
    }
    e->ran = true;
    if (out)
        *out = e->score;
    return AT_OK;
}
