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

/* Whether the code point starting at P (a lead byte >= 0x80 of valid
 * UTF-8, N bytes left) separates words: no-break space, and the General
 * Punctuation block (U+2000-U+206F: spaces, dashes, curly quotes,
 * ellipsis), which is how typeset copies of a plain-text story differ.
 * Its length goes to *LEN. */
static bool separator(const unsigned char *p, size_t n, size_t *len)
{
    size_t l = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
    *len = l <= n ? l : n;
    if (l == 2 && n >= 2)
        return p[0] == 0xC2 && p[1] == 0xA0;
    return l == 3 && n >= 3 && p[0] == 0xE2 && (p[1] == 0x80 || p[1] == 0x81);
}

/* A word: a run of ASCII letters and digits and of non-ASCII characters
 * other than separators, hashed (FNV-1a) with ASCII lowercased. Its own
 * scanner, not the tokenizer's: it needs no token records, only a hash
 * per word, and runs on every stored document. */
static size_t next_word(const unsigned char *p, size_t n, size_t i, uint64_t *hash)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    bool in = false;
    while (i < n) {
        unsigned char c = p[i];
        size_t len = 1;
        bool word;
        if (c < 0x80)
            word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        else
            word = !separator(p + i, n - i, &len);
        if (!word) {
            if (in)
                break;
            i += len;
            continue;
        }
        in = true;
        for (size_t k = 0; k < len; k++) {
            unsigned char b = p[i + k];
            if (b >= 'A' && b <= 'Z')
                b += 'a' - 'A';
            h = (h ^ b) * 0x100000001b3ULL;
        }
        i += len;
    }
    *hash = h;
    return in ? i : n + 1;
}

at_status passages_compute(passages *p, const char *text, size_t len)
{
    p->n = 0;
    const unsigned char *u = (const unsigned char *)text;
    /* a ring of the last PASSAGE_WORDS word hashes */
    uint64_t ring[PASSAGE_WORDS], w;
    size_t words = 0;
    for (size_t i = 0; (i = next_word(u, len, i, &w)) <= len;) {
        ring[words++ % PASSAGE_WORDS] = w;
        if (words < PASSAGE_WORDS)
            continue;
        uint64_t h = 0xcbf29ce484222325ULL; /* order matters: xor, then multiply */
        for (size_t k = words - PASSAGE_WORDS; k < words; k++)
            h = (h ^ ring[k % PASSAGE_WORDS]) * 0x9e3779b97f4a7c15ULL;
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
