/* passages.c: word 8-gram shingles of a document, hashed and sampled so
 * that a copied or lightly rewritten passage gives the same hashes in both
 * documents. The store links documents that share enough of them. */
#include <stdlib.h>
#include <string.h>

#include "passages.h"

/* splitmix64's finalizer: the combined token hashes are weak in their low
 * bits, and the sample is chosen by the low bits. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static bool push(passages *p, int64_t h)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        int64_t *q = realloc(p->hash, cap * sizeof *q);
        if (!q)
            return false;
        p->hash = q;
        p->cap = cap;
    }
    p->hash[p->n++] = h;
    return true;
}

at_status passages_compute(passages *p, const char *text, size_t len)
{
    p->n = 0;
    if (text_analyze(&p->tv, text, len) != AT_OK)
        return AT_ENOMEM;
    /* a ring of the last PASSAGE_WORDS word hashes */
    uint64_t ring[PASSAGE_WORDS];
    size_t words = 0;
    for (size_t i = 0; i < p->tv.ntok; i++) {
        const at_token *t = &p->tv.toks[i];
        if (t->kind == TK_PUNCT)
            continue;
        ring[words++ % PASSAGE_WORDS] = t->hash;
        if (words < PASSAGE_WORDS)
            continue;
        uint64_t h = 0xcbf29ce484222325ULL;
        for (size_t k = words - PASSAGE_WORDS; k < words; k++)
            h = text_hash_next(h, ring[k % PASSAGE_WORDS]);
        h = mix(h);
        if (h % PASSAGE_KEEP == 0 && !push(p, (int64_t)h))
            return AT_ENOMEM;
    }
    if (p->n > 1)
        qsort(p->hash, p->n, sizeof *p->hash, cmp_i64);
    size_t out = 0;
    for (size_t i = 0; i < p->n; i++)
        if (out == 0 || p->hash[out - 1] != p->hash[i])
            p->hash[out++] = p->hash[i];
    p->n = out < PASSAGE_MAX ? out : PASSAGE_MAX;
    return AT_OK;
}

void passages_free(passages *p)
{
    free(p->hash);
    text_free(&p->tv);
    memset(p, 0, sizeof *p);
}

size_t passages_shared(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else
            n++, i++, j++;
    }
    return n;
}

bool passages_linked(size_t shared, size_t na, size_t nb)
{
    size_t small = na < nb ? na : nb;
    /* 10% of the smaller sample, rounded up */
    size_t need = (small + 9) / 10;
    return shared >= (need > 3 ? need : 3);
}
