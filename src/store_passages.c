/* store_passages.c: shared passages in the store. A document's passage
 * sample (passages.c) is looked up hash by hash in an index, so finding
 * the documents it copies costs one index probe per sampled hash, never a
 * comparison with every stored document; linked documents form clusters
 * whose smallest document id is each member's origin. */
#include <stdlib.h>
#include <string.h>

#include "passages.h"
#include "store_int.h"

/* A hash held by more documents than this is boilerplate ("Sign up for
 * our newsletter"), not a copied story: it is neither counted nor stored
 * again, which also bounds the cost of each probe. */
#define PASSAGE_COMMON 50

typedef struct {
    int64_t hash, doc;
} hit;

struct passages_state {
    passages p;
    at_buf json, ids;   /* a hash array for json_each; a cluster's ids */
    at_buf origin;      /* the origin all of a new document's links share */
    hit *hits;          /* (hash, document, its sample size) found */
    size_t nhits, caphits;
    int64_t *rows; /* documents sharing each hash, then sorted */
    size_t nrows, caprows;
    int64_t *comp; /* a cluster being walked */
    size_t ncomp, capcomp;
};

static bool push(int64_t **v, size_t *n, size_t *cap, int64_t x)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        int64_t *p = realloc(*v, c * sizeof *p);
        if (!p)
            return false;
        *v = p;
        *cap = c;
    }
    (*v)[(*n)++] = x;
    return true;
}

static bool seen(const int64_t *v, size_t n, int64_t x)
{
    for (size_t k = 0; k < n; k++)
        if (v[k] == x)
            return true;
    return false;
}

static at_status nomem(at_store *s, at_error *err)
{
    return store_fail_msg(s->path, err, AT_ENOMEM, "out of memory");
}

static struct passages_state *state(at_store *s)
{
    if (!s->pass)
        s->pass = calloc(1, sizeof *s->pass);
    return s->pass;
}

void store_passages_free(at_store *s)
{
    if (!s->pass)
        return;
    passages_free(&s->pass->p);
    at_buf_free(&s->pass->json);
    at_buf_free(&s->pass->ids);
    at_buf_free(&s->pass->origin);
    free(s->pass->hits);
    free(s->pass->rows);
    free(s->pass->comp);
    free(s->pass);
    s->pass = NULL;
}

/* Neighbours of ROWID appended to *V. */
static at_status neighbours(at_store *s, int64_t rowid, int64_t **v, size_t *n,
                            size_t *cap, at_error *err)
{
    sqlite3_stmt *st = store_xstmt(s, XS_LINK_NEIGHBOURS, err);
    if (!st)
        return AT_EDB;
    sqlite3_bind_int64(st, 1, rowid);
    at_status rc = AT_OK;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (!push(v, n, cap, sqlite3_column_int64(st, 0))) {
            rc = nomem(s, err);
            break;
        }
    if (rc == AT_OK && step != SQLITE_DONE)
        rc = store_fail(s, err, AT_EDB, "reading links");
    sqlite3_reset(st);
    return rc;
}

static void json_hashes(at_buf *b, const int64_t *hash, size_t n);

/* The document's passages go with it: its sample is found again from its
 * text (a pure function of it), which spares an index on doc_rowid. */
at_status store_passages_unlink(at_store *s, int64_t rowid, at_error *err)
{
    if (!state(s))
        return nomem(s, err);
    struct passages_state *ps = s->pass;
    sqlite3_stmt *rd = store_xstmt(s, XS_DOC_TEXT, err);
    sqlite3_stmt *del = store_xstmt(s, XS_PASS_DEL, err);
    if (!rd || !del)
        return AT_EDB;
    sqlite3_bind_int64(rd, 1, rowid);
    at_status rc = AT_OK;
    if (sqlite3_step(rd) == SQLITE_ROW &&
        passages_compute(&ps->p, (const char *)sqlite3_column_text(rd, 0),
                         (size_t)sqlite3_column_bytes(rd, 0)) != AT_OK)
        rc = nomem(s, err);
    sqlite3_reset(rd);
    if (rc != AT_OK)
        return rc;
    json_hashes(&ps->json, ps->p.hash, ps->p.n);
    if (ps->json.err)
        return nomem(s, err);
    sqlite3_bind_text64(del, 1, ps->json.ptr, ps->json.len, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_int64(del, 2, rowid);
    if (store_run(del) != SQLITE_DONE)
        return store_fail(s, err, AT_EDB, "removing passages");
    return neighbours(s, rowid, &s->stale, &s->nstale, &s->capstale, err);
}

/* Walk the cluster of START (one recursive query over the links), give
 * every member the smallest id as its origin, and mark the groups of
 * those whose origin changed. The members are left in ps->comp. */
static at_status walk(at_store *s, int64_t start, at_error *err)
{
    struct passages_state *ps = s->pass;
    sqlite3_stmt *st = store_xstmt(s, XS_CLUSTER, err);
    sqlite3_stmt *set = store_xstmt(s, XS_DOC_SET_ORIGIN, err);
    if (!st || !set)
        return AT_EDB;
    ps->ncomp = 0;
    ps->ids.len = 0;
    at_buf *ids = &ps->ids; /* "id\0origin\0" per member */
    sqlite3_bind_int64(st, 1, start);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!push(&ps->comp, &ps->ncomp, &ps->capcomp, sqlite3_column_int64(st, 0)))
            break;
        at_buf_put(ids, sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1) + 1);
        at_buf_put(ids, sqlite3_column_text(st, 2), (size_t)sqlite3_column_bytes(st, 2) + 1);
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return store_fail(s, err, AT_EDB, "walking links");
    if (step == SQLITE_ROW || ids->err)
        return nomem(s, err);
    const char *origin = NULL;
    for (const char *p = ids->ptr, *end = ids->ptr + ids->len; p < end;) {
        if (!origin || strcmp(p, origin) < 0)
            origin = p;
        p += strlen(p) + 1;
        p += strlen(p) + 1;
    }
    at_status rc = AT_OK;
    const char *p = ids->ptr;
    for (size_t i = 0; i < ps->ncomp && rc == AT_OK; i++) {
        const char *own = p + strlen(p) + 1;
        p = own + strlen(own) + 1;
        if (!strcmp(own, origin))
            continue;
        sqlite3_bind_text(set, 1, origin, -1, SQLITE_STATIC);
        sqlite3_bind_int64(set, 2, ps->comp[i]);
        if (store_run(set) != SQLITE_DONE)
            rc = store_fail(s, err, AT_EDB, "setting an origin");
        else
            rc = store_touch_doc(s, ps->comp[i], err);
    }
    return rc;
}

static int cmp_hit(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->hash != y->hash)
        return (x->hash > y->hash) - (x->hash < y->hash);
    return (x->doc > y->doc) - (x->doc < y->doc);
}

static int cmp_hit_doc(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->doc != y->doc)
        return (x->doc > y->doc) - (x->doc < y->doc);
    return (x->hash > y->hash) - (x->hash < y->hash);
}

/* HASH[0..N) as a JSON array, for json_each. */
static void json_hashes(at_buf *b, const int64_t *hash, size_t n)
{
    b->len = 0;
    at_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++)
        at_buf_printf(b, "%s%lld", i ? "," : "", (long long)hash[i]);
    at_buf_putc(b, ']');
}

/* The documents holding any hash of the sample in ps->p, as (hash,
 * document) pairs in ps->hits. */
static at_status probe(at_store *s, at_error *err)
{
    struct passages_state *ps = s->pass;
    sqlite3_stmt *find = store_xstmt(s, XS_PASS_FIND, err);
    if (!find)
        return AT_EDB;
    ps->nhits = 0;
    json_hashes(&ps->json, ps->p.hash, ps->p.n);
    if (ps->json.err)
        return nomem(s, err);
    sqlite3_bind_text64(find, 1, ps->json.ptr, ps->json.len, SQLITE_STATIC, SQLITE_UTF8);
    int step;
    while ((step = sqlite3_step(find)) == SQLITE_ROW) {
        if (ps->nhits == ps->caphits) {
            size_t cap = ps->caphits ? ps->caphits * 2 : 256;
            hit *h = realloc(ps->hits, cap * sizeof *h);
            if (!h)
                break;
            ps->hits = h;
            ps->caphits = cap;
        }
        ps->hits[ps->nhits++] = (hit){sqlite3_column_int64(find, 0),
                                      sqlite3_column_int64(find, 1)};
    }
    sqlite3_reset(find);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return store_fail(s, err, AT_EDB, "looking up passages");
    return step == SQLITE_ROW ? nomem(s, err) : AT_OK;
}

/* Hashes held by too many documents are boilerplate: their hits are
 * dropped, and so are they from the sample that will be stored (which
 * keeps every probe short). Leaves the hits sorted by document. */
static at_status drop_common(at_store *s, at_error *err)
{
    struct passages_state *ps = s->pass;
    if (ps->nhits > 1)
        qsort(ps->hits, ps->nhits, sizeof *ps->hits, cmp_hit);
    size_t keep = 0, nh = 0;
    ps->nrows = 0;
    for (size_t i = 0, j; i < ps->nhits; i = j) {
        for (j = i + 1; j < ps->nhits && ps->hits[j].hash == ps->hits[i].hash; j++)
            ;
        if (j - i > PASSAGE_COMMON) {
            if (!push(&ps->rows, &ps->nrows, &ps->caprows, ps->hits[i].hash))
                return nomem(s, err);
            continue;
        }
        for (size_t k = i; k < j; k++)
            ps->hits[keep++] = ps->hits[k];
    }
    ps->nhits = keep;
    /* ps->rows is sorted, as the sample is */
    for (size_t i = 0, r = 0; i < ps->p.n; i++) {
        while (r < ps->nrows && ps->rows[r] < ps->p.hash[i])
            r++;
        if (r < ps->nrows && ps->rows[r] == ps->p.hash[i])
            continue;
        ps->p.hash[nh++] = ps->p.hash[i];
    }
    ps->p.n = nh;
    ps->nrows = 0;
    if (keep > 1)
        qsort(ps->hits, keep, sizeof *ps->hits, cmp_hit_doc);
    return AT_OK;
}

/* Link ROWID, whose whole sample has NSELF hashes, to every document of
 * the hits that shares enough of it. *LINKED says whether any was, and
 * ps->origin holds the origin of those linked when they all have the same
 * one (else *ONE is false). */
static at_status link_hits(at_store *s, int64_t rowid, size_t nself, bool *linked,
                           bool *one, at_error *err)
{
    struct passages_state *ps = s->pass;
    sqlite3_stmt *link = store_xstmt(s, XS_LINK_INS, err);
    sqlite3_stmt *count = store_xstmt(s, XS_PASS_COUNT, err);
    if (!link || !count)
        return AT_EDB;
    *linked = false;
    *one = true;
    ps->origin.len = 0;
    for (size_t i = 0, j; i < ps->nhits; i = j) {
        for (j = i + 1; j < ps->nhits && ps->hits[j].doc == ps->hits[i].doc; j++)
            ;
        int64_t other = ps->hits[i].doc;
        size_t shared = j - i;
        /* the other's sample size only for a candidate: most hits are a
         * stray passage or two, below any threshold */
        if (other == rowid || !passages_linked(shared, nself, shared))
            continue;
        sqlite3_bind_int64(count, 1, other);
        int got = sqlite3_step(count);
        bool took = got == SQLITE_ROW &&
                    passages_linked(shared, nself, (size_t)sqlite3_column_int64(count, 0));
        if (took) {
            const void *o = sqlite3_column_text(count, 1);
            size_t olen = (size_t)sqlite3_column_bytes(count, 1);
            if (!*linked)
                at_buf_put(&ps->origin, o, olen);
            else if (ps->origin.len != olen || memcmp(ps->origin.ptr, o, olen))
                *one = false;
        }
        sqlite3_reset(count);
        if (got != SQLITE_ROW && got != SQLITE_DONE)
            return store_fail(s, err, AT_EDB, "reading a passage count");
        if (!took)
            continue;
        sqlite3_bind_int64(link, 1, other < rowid ? other : rowid);
        sqlite3_bind_int64(link, 2, other < rowid ? rowid : other);
        sqlite3_bind_int64(link, 3, (sqlite3_int64)shared);
        if (store_run(link) != SQLITE_DONE)
            return store_fail(s, err, AT_EDB, "storing a link");
        *linked = true;
    }
    return ps->origin.err ? nomem(s, err) : AT_OK;
}

/* Whether origin id A sorts before document id B (bytewise, as strcmp). */
static bool sorts_before(const at_buf *a, at_slice b)
{
    size_t n = a->len < b.len ? a->len : b.len;
    int c = n ? memcmp(a->ptr, b.ptr, n) : 0;
    return c < 0 || (c == 0 && a->len < b.len);
}

/* Sample, probe and store the passages of ROWID (document ID); link it to
 * documents that share enough of them; store its origin row. *LINKED says
 * whether it got any link, and *SETTLED whether its origin is then known
 * without a walk: when every document it links to has one origin and
 * that origin sorts before its own id, the cluster it joins keeps that
 * origin (the common case of a later copy of a story). */
static at_status link_doc(at_store *s, int64_t rowid, at_slice id, const char *text,
                          size_t len, bool *linked, bool *settled, at_error *err)
{
    struct passages_state *ps = s->pass;
    *linked = *settled = false;
    if (!id.ptr)
        id = (at_slice){"", 0};
    if (passages_compute(&ps->p, text, len) != AT_OK)
        return nomem(s, err);
    size_t nself = ps->p.n; /* the whole sample, as doc_origins keeps it */
    bool one = false;
    at_status rc = AT_OK;
    if (nself) {
        rc = probe(s, err);
        if (rc == AT_OK)
            rc = drop_common(s, err);
        sqlite3_stmt *ins = store_xstmt(s, XS_PASS_INS, err);
        if (rc == AT_OK && !ins)
            rc = AT_EDB;
        for (size_t k = 0; rc == AT_OK && k < ps->p.n; k++) {
            sqlite3_bind_int64(ins, 1, ps->p.hash[k]);
            sqlite3_bind_int64(ins, 2, rowid);
            if (store_run(ins) != SQLITE_DONE)
                rc = store_fail(s, err, AT_EDB, "storing passages");
        }
        if (rc == AT_OK)
            rc = link_hits(s, rowid, nself, linked, &one, err);
    }
    if (rc != AT_OK)
        return rc;
    /* its own origin, unless settled; a walk corrects it otherwise */
    *settled = *linked && one && sorts_before(&ps->origin, id);
    sqlite3_stmt *setn = store_xstmt(s, XS_ORIGIN_INS, err);
    if (!setn)
        return AT_EDB;
    sqlite3_bind_int64(setn, 1, rowid);
    if (*settled)
        sqlite3_bind_text64(setn, 2, ps->origin.ptr, ps->origin.len, SQLITE_STATIC,
                            SQLITE_UTF8);
    else
        sqlite3_bind_text64(setn, 2, id.ptr, id.len, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_int64(setn, 3, (sqlite3_int64)nself);
    if (store_run(setn) != SQLITE_DONE)
        return store_fail(s, err, AT_EDB, "storing an origin");
    return AT_OK;
}

at_status store_passages_put(at_store *s, int64_t rowid, at_slice id,
                             const char *text, size_t len, at_error *err)
{
    if (!state(s))
        return nomem(s, err);
    bool linked = false, settled = false;
    at_status rc = link_doc(s, rowid, id, text, len, &linked, &settled, err);
    /* the new document's cluster (alone, it is its own origin already),
     * and those its predecessor left; while such are pending, origins
     * may be stale, so the walk is not skipped */
    s->pass->ncomp = 0;
    if (rc == AT_OK && linked && (!settled || s->nstale))
        rc = walk(s, rowid, err);
    for (size_t i = 0; i < s->nstale && rc == AT_OK; i++)
        if (!seen(s->pass->comp, s->pass->ncomp, s->stale[i]))
            rc = walk(s, s->stale[i], err);
    s->nstale = 0;
    return rc;
}

at_status store_passages_all(at_store *s, at_error *err)
{
    if (!state(s))
        return nomem(s, err);
    sqlite3_stmt *list = NULL, *rd = NULL;
    int64_t *rows = NULL;
    size_t n = 0, cap = 0;
    at_status rc = AT_OK;
    if (sqlite3_prepare_v2(s->db, "SELECT rowid FROM documents ORDER BY rowid", -1,
                           &list, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT id, text FROM documents WHERE rowid = ?1", -1,
                           &rd, NULL) != SQLITE_OK)
        rc = store_fail(s, err, AT_EDB, "reading documents");
    while (rc == AT_OK && sqlite3_step(list) == SQLITE_ROW)
        if (!push(&rows, &n, &cap, sqlite3_column_int64(list, 0)))
            rc = nomem(s, err);
    for (size_t i = 0; i < n && rc == AT_OK; i++) {
        sqlite3_bind_int64(rd, 1, rows[i]);
        if (sqlite3_step(rd) == SQLITE_ROW) {
            /* copied: the walk reads other documents meanwhile */
            size_t idlen = (size_t)sqlite3_column_bytes(rd, 0);
            size_t len = (size_t)sqlite3_column_bytes(rd, 1);
            char *buf = malloc(idlen + len + 1);
            if (!buf) {
                rc = nomem(s, err);
            } else {
                memcpy(buf, sqlite3_column_text(rd, 0), idlen);
                memcpy(buf + idlen, sqlite3_column_text(rd, 1), len);
                sqlite3_reset(rd);
                rc = store_passages_put(s, rows[i], (at_slice){buf, idlen}, buf + idlen,
                                        len, err);
                free(buf);
            }
        }
        sqlite3_reset(rd);
    }
    sqlite3_finalize(list);
    sqlite3_finalize(rd);
    free(rows);
    return rc;
}
