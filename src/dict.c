/* dict.c: load the TSV dictionaries under data/ into one phrase table.
 *
 * Files: parties/NAME.tsv (surface, party, kind), weapons/systems.tsv (alias,
 * canonical, category, origin), weapons/generic.tsv (term, category,
 * strength), verbs.tsv (frame, stage, forms), cues.tsv (phrase, cue) and
 * adversaries.tsv (party, party). Each phrase is tokenized with the same
 * tokenizer as documents, so both sides normalize alike. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"

#define PHRASE_MAX 8 /* tokens in the longest phrase */
#define SEED 0x9e3779b97f4a7c15ULL

enum { E_END = 1, E_PREFIX = 2 };

typedef struct {
    uint64_t key;      /* 0 = empty slot */
    uint32_t first;    /* senses[first .. first+n) after compaction */
    uint16_t n;
    uint8_t flags;
} entry;

typedef struct {
    uint32_t entry; /* index into tab */
    uint32_t order; /* load order, to keep sorting stable */
    sense s;
} pending_sense;

/* A set of 64-bit keys, each with a few bits of what it stands for,
 * behind a bloom filter of 65536 bits: most lookups of words that are no
 * key end at the filter. Open addressing; 0 is no key. */
typedef struct {
    uint64_t *keys;
    uint8_t *bits;
    size_t cap, n; /* cap a power of two */
    uint64_t bloom[1024];
} keyset;

struct at_dict {
    entry *tab;
    size_t cap, used;
    sense *senses;
    pending_sense *pend;
    size_t npend, cappend;
    char **parties;
    size_t nparties, capparties;
    uint16_t slugs[64];  /* the groups a claim names (claim_slugs.tsv) */
    keyset raw;              /* dict_doc_may_matter's keys: what each shows (RAW_*) */
    uint8_t wordchar[128];   /* ASCII in words: 1 small letter, 2 capital, 3 digit */
    size_t nslugs;
    char **systems;
    int16_t *origin;
    size_t nsystems, capsystems;
    uint32_t *adv; /* pairs a<<16|b, both orders */
    size_t nadv, capadv;
    at_textview tv; /* scratch for tokenizing phrases while loading */
    keyset starts; /* first-token hashes of weapon and denial phrases */
};

static const char *const party_kinds[] = {"name", "adj", "capital", "gov",
                                          "person", "company", "group", "none"};
static const char *const frames[] = {"give",   "get",    "use",    "arrive",     "use_with",
                                     "train",  "seize",  "give_n", "get_n",      "deal_n",
                                     "talk_n", "use_n",  "supplier_n", "buyer_n"};
static const char *const cues[CUE_COUNT] = {
    "", "neg", "deny", "hyp", "cond", "intent", "negotiating", "agreed",
    "control", "will", "report", "assess", "made", "supplied", "return",
    "boundary", "ref", "skip", "military", "modal", "evidence", "nonhead",
    "dealverb", "speaker", "bound", "own", "aspect", "win", "purpose", "carrier"};
static const char *const strengths[] = {"strong", "weak", "block"};

static int find_name(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(names[i], s))
            return (int)i;
    return -1;
}

static void set_err(at_error *err, at_status code, const char *file,
                    size_t line, const char *msg, const char *arg)
{
    if (!err)
        return;
    err->code = code;
    size_t n = strlen(file);
    if (n >= sizeof err->file) /* keep the end of a long path: the file name */
        file += n - (sizeof err->file - 1);
    memcpy(err->file, file, strlen(file) + 1);
    err->line = line;
    snprintf(err->msg, sizeof err->msg, "%s%s%s%s", msg, arg ? " '" : "",
             arg ? arg : "", arg ? "'" : "");
}

/* MARK: - The hash table */

static entry *slot(const at_dict *d, uint64_t key)
{
    size_t mask = d->cap - 1, i = (size_t)(key ^ (key >> 31)) & mask;
    while (d->tab[i].key && d->tab[i].key != key)
        i = (i + 1) & mask;
    return &d->tab[i];
}

static bool grow_table(at_dict *d)
{
    size_t cap = d->cap ? d->cap * 2 : 4096;
    entry *old = d->tab;
    size_t oldcap = d->cap;
    d->tab = calloc(cap, sizeof *d->tab);
    if (!d->tab) {
        d->tab = old;
        return false;
    }
    d->cap = cap;
    /* pending senses refer to slots by index: remap them */
    uint32_t *remap = malloc((oldcap ? oldcap : 1) * sizeof *remap);
    if (!remap) {
        free(d->tab);
        d->tab = old;
        d->cap = oldcap;
        return false;
    }
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].key)
            continue;
        entry *e = slot(d, old[i].key);
        *e = old[i];
        remap[i] = (uint32_t)(e - d->tab);
    }
    for (size_t i = 0; i < d->npend; i++)
        d->pend[i].entry = remap[d->pend[i].entry];
    free(remap);
    free(old);
    return true;
}

static entry *insert(at_dict *d, uint64_t key)
{
    if (key == 0)
        key = 1;
    if ((d->used + 1) * 4 >= d->cap * 3 && !grow_table(d))
        return NULL;
    entry *e = slot(d, key);
    if (!e->key) {
        e->key = key;
        d->used++;
    }
    return e;
}

static const entry *find(const at_dict *d, uint64_t key)
{
    if (key == 0)
        key = 1;
    const entry *e = slot(d, key);
    return e->key ? e : NULL;
}

/* Starts of phrases that need capitals ("Patriot", "AT4") are kept apart
 * so that "at" and "patriot" do not flag a sentence. */
static uint64_t start_salt(uint8_t caserule)
{
    return caserule == 2 ? 0x5bd1e9955bd1e995ULL : caserule == 1 ? 0x27d4eb2f165667c5ULL : 0;
}

/* Weak weapon words matter only in a document already about arms: their
 * starts are kept apart too, and looked up only then. */
#define WEAK_SALT 0x9e3779b97f4a7c15ULL

/* the seed of dict_doc_may_matter's word keys */
#define FIRST_SALT 0xc2b2ae3d27d4eb4fULL

static size_t keyset_slot(uint64_t k, size_t cap)
{
    return (size_t)(k ^ (k >> 29)) & (cap - 1);
}

/* Add BITS to key K (0 stands for 1). False on ENOMEM. */
static bool keyset_put(keyset *ks, uint64_t k, uint8_t bits)
{
    if (k == 0)
        k = 1;
    if ((ks->n + 1) * 2 >= ks->cap) {
        size_t cap = ks->cap ? ks->cap * 2 : 1024;
        uint64_t *keys = calloc(cap, sizeof *keys);
        uint8_t *vals = calloc(cap, 1);
        if (!keys || !vals) {
            free(keys);
            free(vals);
            return false;
        }
        for (size_t i = 0; i < ks->cap; i++) {
            if (!ks->keys[i])
                continue;
            size_t j = keyset_slot(ks->keys[i], cap);
            while (keys[j])
                j = (j + 1) & (cap - 1);
            keys[j] = ks->keys[i];
            vals[j] = ks->bits[i];
        }
        free(ks->keys);
        free(ks->bits);
        ks->keys = keys;
        ks->bits = vals;
        ks->cap = cap;
    }
    ks->bloom[(k >> 40) & 1023] |= 1ULL << ((k >> 34) & 63);
    size_t j = keyset_slot(k, ks->cap);
    while (ks->keys[j] && ks->keys[j] != k)
        j = (j + 1) & (ks->cap - 1);
    if (!ks->keys[j])
        ks->n++;
    ks->keys[j] = k;
    ks->bits[j] |= bits;
    return true;
}

/* The bits of key K, 0 when it is none. */
static uint8_t keyset_get(const keyset *ks, uint64_t k)
{
    if (k == 0)
        k = 1;
    if (!ks->cap || !(ks->bloom[(k >> 40) & 1023] & (1ULL << ((k >> 34) & 63))))
        return 0;
    for (size_t j = keyset_slot(k, ks->cap); ks->keys[j]; j = (j + 1) & (ks->cap - 1))
        if (ks->keys[j] == k)
            return ks->bits[j];
    return 0;
}

static void keyset_free(keyset *ks)
{
    free(ks->keys);
    free(ks->bits);
}

static bool add_start(at_dict *d, uint64_t h)
{
    return keyset_put(&d->starts, h, 1);
}

static bool has_start(const at_dict *d, uint64_t h)
{
    return keyset_get(&d->starts, h) != 0;
}

/* The keys of dict_doc_may_matter: a rotate and xor per byte, with no
 * multiply to wait on, mixed once at the word's end. A collision only
 * lets a document through to be read properly. */
static inline uint64_t raw_step(uint64_t h, unsigned char c)
{
    return (h << 5 | h >> 59) ^ c;
}

static inline uint64_t raw_mix(uint64_t h)
{
    h = (h ^ FIRST_SALT) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 31);
}

static inline uint64_t raw_pair(uint64_t a, uint64_t b)
{
    return raw_mix(a ^ (b << 23 | b >> 41));
}

/* What a document's words may show, by the raw keys of the phrases
 * whose first words they are (dict_doc_may_matter). */
enum {
    RAW_ENOUGH = 1, /* a strong weapon word, or a training verb */
    RAW_WEAK = 2,   /* a weapon word that counts only with military context */
    RAW_CONTEXT = 4 /* a military word or a denial: that context */
};

static uint8_t raw_mask(const at_dict *d, uint64_t k)
{
    return keyset_get(&d->raw, k);
}

/* A word as dict_doc_may_matter reads text: a run of what the tokenizer
 * keeps in words, split at apostrophes and dots too ("O'Brien" is "o",
 * "brien"), its key made of its bytes with capitals folded as the
 * tokenizer folds them. */
typedef struct {
    uint64_t key;
    int wcase;   /* the tokenizer's case: bit 0 capitalized, bit 1 all capitals */
    size_t size; /* its bytes */
} raw_word;

/* The next word of TEXT from *I; false at the end. */
static inline bool raw_next(const at_dict *d, const char *text, size_t len, size_t *i,
                            raw_word *w)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t l = 1;
    while (*i < len && (p[*i] < 0x80 ? !d->wordchar[p[*i]]
                                     : !text_char_in_word(text + *i, len - *i, &l)))
        *i += l; /* a space or punctuation, as the tokenizer has them */
    if (*i >= len)
        return false;
    size_t s = *i;
    uint64_t h = 0;
    bool lower = false, upper = false, cap = false;
    while (*i < len) {
        unsigned char c = p[*i];
        if (c >= 0x80) {
            if (!text_char_in_word(text + *i, len - *i, &l))
                break;
            if (c == 0xC3 && l == 2 && p[*i + 1] <= 0x9E && p[*i + 1] != 0x97) {
                /* a Latin-1 capital, folded to its small letter */
                cap |= *i == s;
                upper = true;
                h = raw_step(raw_step(h, c), (unsigned char)(p[*i + 1] + 0x20));
            } else {
                for (size_t j = 0; j < l; j++)
                    h = raw_step(h, p[*i + j]);
            }
            *i += l;
            continue;
        }
        uint8_t k = d->wordchar[c];
        if (!k)
            break;
        lower |= k == 1;
        upper |= k == 2;
        cap |= k == 2 && *i == s;
        h = raw_step(h, (unsigned char)(c | (k == 2 ? 32 : 0)));
        (*i)++;
    }
    w->key = raw_mix(h);
    w->wcase = cap | (upper && !lower) << 1;
    w->size = *i - s;
    return true;
}

/* The raw key of PHRASE, which the scan looks for: its first two words
 * as dict_doc_may_matter reads them, or its only one. */
static bool add_raw(at_dict *d, const char *phrase, uint8_t caserule, uint8_t mask)
{
    size_t i = 0, len = strlen(phrase);
    raw_word a, b;
    if (!raw_next(d, phrase, len, &i, &a))
        return true; /* punctuation never flags */
    bool two = raw_next(d, phrase, len, &i, &b);
    uint64_t k = (two ? raw_pair(a.key, b.key) : a.key) ^ start_salt(caserule);
    return keyset_put(&d->raw, k, mask);
}

/* Whether what a document's words show so far lets it hold a claim: a
 * claim needs a strong weapon word (or training), or a weaker one with
 * the military context that makes it count and flags its sentence. */
static bool raw_enough(uint8_t seen)
{
    return (seen & RAW_ENOUGH) || (seen & (RAW_WEAK | RAW_CONTEXT)) == (RAW_WEAK | RAW_CONTEXT);
}

bool dict_doc_may_matter(const at_dict *d, const char *text, size_t len)
{
    if (!d->raw.cap)
        return false;
    raw_word w, prev = {0};
    uint8_t seen = 0;
    for (size_t i = 0; raw_next(d, text, len, &i, &w);) {
        /* the tokenizer cuts a very long word, and its pieces are not
         * seen here */
        if (w.size >= 256)
            return true;
        uint64_t pair = prev.key ? raw_pair(prev.key, w.key) : 0;
        seen |= raw_mask(d, w.key);
        if (pair)
            seen |= raw_mask(d, pair);
        for (int k = 1; k <= 2; k++) {
            if ((w.wcase >> (k - 1)) & 1)
                seen |= raw_mask(d, w.key ^ start_salt((uint8_t)k));
            if (pair && ((prev.wcase >> (k - 1)) & 1))
                seen |= raw_mask(d, pair ^ start_salt((uint8_t)k));
        }
        if (raw_enough(seen))
            return true;
        prev = w;
    }
    return false;
}

bool dict_may_matter(const at_dict *d, const at_textview *tv, size_t first, size_t end,
                     bool weak)
{
    if (!d->starts.cap)
        return false;
    for (size_t i = first; i < end; i++) {
        const at_token *t = &tv->toks[i];
        /* one-word phrases by their word, longer ones by their first two */
        uint64_t h1 = t->hash;
        uint64_t h2 = i + 1 < end ? text_hash_next(h1, tv->toks[i + 1].hash) : 0;
        for (int k = 0; k < (h2 ? 2 : 1); k++) {
            uint64_t h = k ? h2 : h1;
            for (int w = 0; w < (weak ? 2 : 1); w++) {
                uint64_t g = w ? h ^ WEAK_SALT : h;
                if (has_start(d, g) || ((t->flags & TF_CAP) && has_start(d, g ^ start_salt(1))) ||
                    ((t->flags & TF_ALLCAPS) && has_start(d, g ^ start_salt(2))))
                    return true;
            }
        }
    }
    return false;
}

/* Add PHRASE with sense S. Returns false on ENOMEM; an empty phrase is
 * ignored. */
static bool add_phrase(at_dict *d, const char *phrase, sense s)
{
    if (text_analyze(&d->tv, phrase, strlen(phrase)) != AT_OK)
        return false;
    size_t n = d->tv.ntok;
    if (n == 0)
        return true;
    if (n > PHRASE_MAX)
        n = PHRASE_MAX;
    /* case rule from the surface as written */
    int letters = 0, upper = 0;
    for (const char *p = phrase; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            letters++;
        if (*p >= 'A' && *p <= 'Z')
            upper++;
    }
    if (letters > 0 && upper == letters && letters <= 4)
        s.caserule = 2;
    else if (d->tv.toks[0].flags & TF_CAP)
        s.caserule = 1;
    else
        s.caserule = 0;
    /* a claim needs a strong weapon word, or a weak one beside a military
     * word, or a denial: the first words of those mark sentences worth
     * reading */
    bool governable = s.type == S_WEAPON && s.b == W_WEAK &&
                      (s.a == AT_CAT_AMMUNITION || s.a == AT_CAT_ROCKET ||
                       s.a == AT_CAT_SMALL_ARMS); /* sentence.c: governed_weak */
    uint64_t start = (n >= 2 ? text_hash_next(d->tv.toks[0].hash, d->tv.toks[1].hash)
                             : d->tv.toks[0].hash) ^ start_salt(s.caserule);
    /* training names no goods: its verbs flag a sentence themselves */
    bool goodsless = s.type == S_VERB && s.a == F_TRAIN;
    bool enough = (s.type == S_WEAPON && s.b == W_STRONG && s.a != AT_CAT_ECONOMIC) ||
                  governable || goodsless;
    bool context = s.type == S_CUE && (s.a == CUE_DENY || s.a == CUE_MILITARY);
    if ((enough || context) && !add_start(d, start))
        return false;
    if (s.type == S_WEAPON && s.b == W_WEAK && s.a != AT_CAT_ECONOMIC && !governable &&
        !add_start(d, start ^ WEAK_SALT))
        return false;
    /* a strong economic word ("cash") counts as a weak one here: it
     * flags no sentence itself */
    uint8_t raw = enough ? RAW_ENOUGH
                  : context ? RAW_CONTEXT
                  : s.type == S_WEAPON && s.b != W_BLOCK ? RAW_WEAK
                                                         : 0;
    if (raw && !add_raw(d, phrase, s.caserule, raw))
        return false;
    uint64_t h = SEED;
    entry *e = NULL;
    for (size_t k = 0; k < n; k++) {
        h = text_hash_next(h, d->tv.toks[k].hash);
        e = insert(d, h);
        if (!e)
            return false;
        if (k + 1 < n)
            e->flags |= E_PREFIX;
    }
    e->flags |= E_END;
    if (d->npend == d->cappend) {
        size_t cap = d->cappend ? d->cappend * 2 : 4096;
        pending_sense *p = realloc(d->pend, cap * sizeof *p);
        if (!p)
            return false;
        d->pend = p;
        d->cappend = cap;
    }
    d->pend[d->npend].entry = (uint32_t)(e - d->tab);
    d->pend[d->npend].order = (uint32_t)d->npend;
    d->pend[d->npend].s = s;
    d->npend++;
    return true;
}

static int cmp_pending(const void *a, const void *b)
{
    const pending_sense *x = a, *y = b;
    if (x->entry != y->entry)
        return x->entry < y->entry ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Give every entry a contiguous run of senses, dropping exact repeats. */
static bool compact(at_dict *d)
{
    qsort(d->pend, d->npend, sizeof *d->pend, cmp_pending);
    d->senses = malloc((d->npend ? d->npend : 1) * sizeof *d->senses);
    if (!d->senses)
        return false;
    size_t out = 0;
    for (size_t i = 0; i < d->npend; i++) {
        entry *e = &d->tab[d->pend[i].entry];
        if (i == 0 || d->pend[i - 1].entry != d->pend[i].entry) {
            e->first = (uint32_t)out;
            e->n = 0;
        } else if (!memcmp(&d->senses[out - 1], &d->pend[i].s, sizeof(sense))) {
            continue;
        }
        d->senses[out++] = d->pend[i].s;
        e->n++;
    }
    free(d->pend);
    d->pend = NULL;
    d->npend = d->cappend = 0;
    return true;
}

/* MARK: - Interned names */

static int intern(char ***arr, size_t *n, size_t *cap, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*arr)[i], s))
            return (int)i;
    if (*n >= 65000)
        return -1;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 256;
        char **p = realloc(*arr, c * sizeof *p);
        if (!p)
            return -1;
        *arr = p;
        *cap = c;
    }
    char *copy = strdup(s);
    if (!copy)
        return -1;
    (*arr)[*n] = copy;
    return (int)(*n)++;
}

static int party_id(at_dict *d, const char *code)
{
    return intern(&d->parties, &d->nparties, &d->capparties, code);
}

/* MARK: - TSV files */

typedef bool (*row_fn)(at_dict *d, char **f, size_t nf, const char *file,
                       size_t line, at_error *err);

static at_status read_tsv(at_dict *d, const char *path, size_t minf,
                          size_t maxf, row_fn fn, at_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        set_err(err, AT_EIO, path, 0, strerror(errno), NULL);
        return AT_EIO;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    at_status rc = AT_OK;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (got == 0 || line[0] == '#')
            continue;
        char *fields[8];
        size_t nf = 0;
        for (char *p = line;;) {
            if (nf == 8)
                break;
            fields[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (nf < minf || nf > maxf) {
            char msg[64];
            snprintf(msg, sizeof msg, "expected %zu to %zu tab-separated fields, got %zu",
                     minf, maxf, nf);
            set_err(err, AT_EPARSE, path, lineno, msg, NULL);
            rc = AT_EPARSE;
            break;
        }
        if (!fn(d, fields, nf, path, lineno, err)) {
            rc = err ? err->code : AT_EPARSE;
            break;
        }
    }
    free(line);
    fclose(f);
    return rc;
}

static bool oom(at_error *err, const char *file, size_t line)
{
    set_err(err, AT_ENOMEM, file, line, "out of memory", NULL);
    return false;
}

static bool row_party(at_dict *d, char **f, size_t nf, const char *file,
                      size_t line, at_error *err)
{
    (void)nf;
    int kind = find_name(party_kinds, 8, f[2]);
    if (kind < 0) {
        set_err(err, AT_EPARSE, file, line, "unknown party kind", f[2]);
        return false;
    }
    if (kind == 7) {
        /* "West Bank", "Latin America": a phrase that hides the party
         * name inside it; a cue sense of no type matches and means nothing */
        sense none = {.type = S_CUE, .a = 0};
        return add_phrase(d, f[0], none) || oom(err, file, line);
    }
    int id = party_id(d, f[1]);
    if (id < 0)
        return oom(err, file, line);
    sense s = {.type = S_PARTY, .a = (uint8_t)kind, .id = (uint16_t)id};
    return add_phrase(d, f[0], s) || oom(err, file, line);
}

static bool row_system(at_dict *d, char **f, size_t nf, const char *file,
                       size_t line, at_error *err)
{
    int cat = at_category_parse(f[2], strlen(f[2]));
    if (cat < 0) {
        set_err(err, AT_EPARSE, file, line, "unknown category", f[2]);
        return false;
    }
    size_t before = d->nsystems;
    int id = intern(&d->systems, &d->nsystems, &d->capsystems, f[1]);
    if (id < 0)
        return oom(err, file, line);
    if (d->nsystems > before) {
        int16_t *o = realloc(d->origin, d->nsystems * sizeof *o);
        if (!o)
            return oom(err, file, line);
        d->origin = o;
        d->origin[id] = -1;
    }
    if (nf > 3 && strcmp(f[3], "-") != 0 && f[3][0]) {
        int p = party_id(d, f[3]);
        if (p < 0)
            return oom(err, file, line);
        d->origin[id] = (int16_t)p;
    }
    sense s = {.type = S_WEAPON, .a = (uint8_t)cat, .b = W_STRONG,
               .id = (uint16_t)(id + 1)};
    if (!add_phrase(d, f[0], s))
        return oom(err, file, line);
    /* and its plural, as news writes it: "F-16s", "Leopards", "Shaheds" */
    size_t n = strlen(f[0]);
    char last = n ? f[0][n - 1] : 's';
    bool alnum = (last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') ||
                 (last >= '0' && last <= '9');
    if (!alnum || last == 's' || last == 'S' || n + 2 > 128)
        return true;
    char plural[128];
    snprintf(plural, sizeof plural, "%ss", f[0]);
    return add_phrase(d, plural, s) || oom(err, file, line);
}

static bool row_generic(at_dict *d, char **f, size_t nf, const char *file,
                        size_t line, at_error *err)
{
    int cat = !strcmp(f[1], "none") ? AT_CAT_NONE : at_category_parse(f[1], strlen(f[1]));
    if (cat < 0) {
        set_err(err, AT_EPARSE, file, line, "unknown category", f[1]);
        return false;
    }
    int st = nf > 2 ? find_name(strengths, 3, f[2]) : W_STRONG;
    if (st < 0) {
        set_err(err, AT_EPARSE, file, line, "unknown strength (strong, weak, block)", f[2]);
        return false;
    }
    if (cat == AT_CAT_NONE)
        st = W_BLOCK;
    sense s = {.type = S_WEAPON, .a = (uint8_t)cat, .b = (uint8_t)st};
    return add_phrase(d, f[0], s) || oom(err, file, line);
}

static bool row_verb(at_dict *d, char **f, size_t nf, const char *file,
                     size_t line, at_error *err)
{
    (void)nf;
    int fr = find_name(frames, sizeof frames / sizeof *frames, f[0]);
    int st = at_stage_parse(f[1], strlen(f[1]));
    if (fr < 0 || st < 0) {
        set_err(err, AT_EPARSE, file, line, fr < 0 ? "unknown frame" : "unknown stage",
                fr < 0 ? f[0] : f[1]);
        return false;
    }
    /* forms: space-separated; a form may end in :p (participle) or :g */
    char *save = NULL;
    for (char *w = strtok_r(f[2], " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        uint8_t form = VF_BASE;
        char *colon = strchr(w, ':');
        if (colon) {
            form = colon[1] == 'p' ? VF_PART : colon[1] == 'g' ? VF_ING : VF_BASE;
            *colon = '\0';
        }
        for (char *u = w; *u; u++)
            if (*u == '_')
                *u = ' '; /* hand_over -> "hand over" */
        sense s = {.type = S_VERB, .a = (uint8_t)fr, .b = form, .stage = (uint8_t)st};
        if (!add_phrase(d, w, s))
            return oom(err, file, line);
    }
    return true;
}

static bool row_slug(at_dict *d, char **f, size_t nf, const char *file,
                     size_t line, at_error *err)
{
    (void)nf;
    if (d->nslugs == sizeof d->slugs / sizeof *d->slugs) {
        set_err(err, AT_ELIMIT, file, line, "too many slugs", NULL);
        return false;
    }
    int id = party_id(d, f[0]);
    if (id < 0)
        return oom(err, file, line);
    d->slugs[d->nslugs++] = (uint16_t)id;
    return true;
}

static bool row_cue(at_dict *d, char **f, size_t nf, const char *file,
                    size_t line, at_error *err)
{
    (void)nf;
    int c = find_name(cues, CUE_COUNT, f[1]);
    if (c <= 0) {
        set_err(err, AT_EPARSE, file, line, "unknown cue type", f[1]);
        return false;
    }
    sense s = {.type = S_CUE, .a = (uint8_t)c};
    return add_phrase(d, f[0], s) || oom(err, file, line);
}

static bool row_adversary(at_dict *d, char **f, size_t nf, const char *file,
                          size_t line, at_error *err)
{
    (void)nf;
    int a = party_id(d, f[0]), b = party_id(d, f[1]);
    if (a < 0 || b < 0)
        return oom(err, file, line);
    if (d->nadv + 2 > d->capadv) {
        size_t c = d->capadv ? d->capadv * 2 : 64;
        uint32_t *p = realloc(d->adv, c * sizeof *p);
        if (!p)
            return oom(err, file, line);
        d->adv = p;
        d->capadv = c;
    }
    d->adv[d->nadv++] = (uint32_t)a << 16 | (uint32_t)b;
    d->adv[d->nadv++] = (uint32_t)b << 16 | (uint32_t)a;
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.tsv file in DIR, sorted by name. */
static at_status load_dir(at_dict *d, const char *dir, size_t minf, size_t maxf,
                          row_fn fn, at_error *err)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        set_err(err, AT_EIO, dir, 0, strerror(errno), NULL);
        return AT_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    at_status rc = AT_OK;
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".tsv"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) {
                rc = AT_ENOMEM;
                break;
            }
            names = p;
        }
        if (!(names[n] = strdup(de->d_name))) {
            rc = AT_ENOMEM;
            break;
        }
        n++;
    }
    closedir(dh);
    if (rc == AT_OK)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (rc == AT_OK) {
            char path[4096];
            if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path) {
                set_err(err, AT_ELIMIT, dir, 0, "path too long", NULL);
                rc = AT_ELIMIT;
                free(names[i]);
                continue;
            }
            rc = read_tsv(d, path, minf, maxf, fn, err);
        }
        free(names[i]);
    }
    free(names);
    if (rc == AT_ENOMEM)
        set_err(err, AT_ENOMEM, dir, 0, "out of memory", NULL);
    return rc;
}

const char *at_dict_default_dir(void)
{
    const char *e = getenv("ARMSTRACE_DATA");
    return e && *e ? e : AT_DATA_DIR;
}

at_dict *at_dict_load(const char *dir, at_error *err)
{
    at_dict *d = calloc(1, sizeof *d);
    if (!d) {
        set_err(err, AT_ENOMEM, dir, 0, "out of memory", NULL);
        return NULL;
    }
    for (int c = 0; c < 128; c++)
        d->wordchar[c] = (uint8_t)(c >= 'a' && c <= 'z'   ? 1
                                   : c >= 'A' && c <= 'Z' ? 2
                                   : c >= '0' && c <= '9' ? 3
                                                          : 0);
    char path[4096];
    at_status rc;
#define SUB(name) (snprintf(path, sizeof path, "%s/%s", dir, name), path)
    if ((rc = load_dir(d, SUB("parties"), 3, 3, row_party, err)) ||
        (rc = read_tsv(d, SUB("weapons/generic.tsv"), 2, 3, row_generic, err)) ||
        (rc = read_tsv(d, SUB("weapons/systems.tsv"), 3, 4, row_system, err)) ||
        (rc = read_tsv(d, SUB("verbs.tsv"), 3, 3, row_verb, err)) ||
        (rc = read_tsv(d, SUB("cues.tsv"), 2, 2, row_cue, err)) ||
        (rc = read_tsv(d, SUB("adversaries.tsv"), 2, 2, row_adversary, err)) ||
        (rc = read_tsv(d, SUB("claim_slugs.tsv"), 1, 1, row_slug, err)) ||
        (rc = compact(d) ? AT_OK : AT_ENOMEM)) {
        if (rc == AT_ENOMEM)
            set_err(err, AT_ENOMEM, dir, 0, "out of memory", NULL);
        at_dict_free(d);
        return NULL;
    }
#undef SUB
    text_free(&d->tv);
    return d;
}

void at_dict_free(at_dict *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nparties; i++)
        free(d->parties[i]);
    for (size_t i = 0; i < d->nsystems; i++)
        free(d->systems[i]);
    free(d->parties);
    free(d->systems);
    free(d->origin);
    free(d->adv);
    free(d->tab);
    free(d->senses);
    free(d->pend);
    keyset_free(&d->starts);
    keyset_free(&d->raw);
    text_free(&d->tv);
    free(d);
}

/* MARK: - Lookups */

static bool case_ok(const at_textview *tv, size_t i, size_t len, uint8_t rule)
{
    if (rule == 0)
        return true;
    if (rule == 1)
        return (tv->toks[i].flags & TF_CAP) != 0;
    for (size_t k = i; k < i + len; k++)
        if (tv->toks[k].kind == TK_WORD && !(tv->toks[k].flags & TF_ALLCAPS))
            return false;
    return true;
}

dict_match dict_lookup(const at_dict *d, const at_textview *tv, size_t i,
                       size_t end)
{
    dict_match m = {0};
    uint64_t h = SEED;
    for (size_t k = i; k < end && k - i < PHRASE_MAX; k++) {
        if (k > i && (tv->toks[k].flags & (TF_PARA)))
            break;
        /* quotes inside a phrase: so-called "dual-use" technologies */
        if (k > i && tv->toks[k].kind == TK_PUNCT &&
            (tv->toks[k].punct == '"' || tv->toks[k].punct == '\'') && k + 1 < end)
            continue;
        h = text_hash_next(h, tv->toks[k].hash);
        const entry *e = find(d, h);
        if (!e)
            break;
        if ((e->flags & E_END) && e->n) {
            size_t len = k - i + 1, n = 0;
            static const size_t MAXS = sizeof m.s / sizeof *m.s;
            dict_match cand = {.len = len};
            for (size_t j = 0; j < e->n && n < MAXS; j++) {
                const sense *s = &d->senses[e->first + j];
                if (case_ok(tv, i, len, s->caserule))
                    cand.s[n++] = *s;
            }
            if (n) {
                cand.nsenses = n;
                m = cand;
            }
        }
        if (!(e->flags & E_PREFIX))
            break;
    }
    return m;
}

const sense *dict_sense(const dict_match *m, enum sense_type t)
{
    for (size_t i = 0; i < m->nsenses; i++)
        if (m->s[i].type == t)
            return &m->s[i];
    return NULL;
}

const char *dict_party_code(const at_dict *d, uint16_t id)
{
    return id < d->nparties ? d->parties[id] : "";
}

bool dict_party_reported(const at_dict *d, uint16_t id)
{
    const char *c = dict_party_code(d, id);
    if (c[0] >= 'A' && c[0] <= 'Z')
        return true; /* a state */
    for (size_t i = 0; i < d->nslugs; i++)
        if (d->slugs[i] == id)
            return true;
    return false;
}

const char *dict_system_name(const at_dict *d, uint16_t id)
{
    return id >= 1 && id <= d->nsystems ? d->systems[id - 1] : NULL;
}

int dict_system_origin(const at_dict *d, uint16_t id)
{
    return id >= 1 && id <= d->nsystems ? d->origin[id - 1] : -1;
}

int dict_party_index(const at_dict *d, const char *code)
{
    for (size_t i = 0; i < d->nparties; i++)
        if (!strcmp(d->parties[i], code))
            return (int)i;
    return -1;
}

bool dict_adversaries(const at_dict *d, uint16_t a, uint16_t b)
{
    uint32_t key = (uint32_t)a << 16 | b;
    for (size_t i = 0; i < d->nadv; i++)
        if (d->adv[i] == key)
            return true;
    return false;
}

const char *at_dict_party(const at_dict *d, const char *surface)
{
    at_textview tv = {0};
    const char *code = NULL;
    if (text_analyze(&tv, surface, strlen(surface)) == AT_OK && tv.ntok) {
        dict_match m = dict_lookup(d, &tv, 0, tv.ntok);
        const sense *s = dict_sense(&m, S_PARTY);
        if (s && m.len == tv.ntok)
            code = dict_party_code(d, s->id);
    }
    text_free(&tv);
    return code;
}
