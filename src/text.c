/* text.c: tokenizer and sentence splitter.
 *
 * One pass over the bytes makes tokens (spans + normalized forms + hashes);
 * a second pass over the tokens finds sentence ends. Unicode punctuation
 * (curly quotes, dashes, ellipsis, non-breaking and thin spaces) is
 * recognized by its UTF-8 bytes; any other non-ASCII character counts as
 * a letter, which is right for names like "Türkiye" and "Zelenskyy". */
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define SENT_MAX_TOKENS 400 /* longer runs are cut: keeps the rules linear */

uint64_t text_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h ^ (h >> 32);
}

bool text_is(const at_textview *tv, size_t i, const char *word)
{
    const at_token *t = &tv->toks[i];
    const char *n = tv->norm + t->norm;
    /* no strlen: a normalized form holds no NUL, so WORD's end stops the
     * comparison where it is shorter */
    for (size_t j = 0; j < t->nlen; j++)
        if (n[j] != word[j])
            return false;
    return t->nlen != 0 && word[t->nlen] == '\0';
}

/* What the bytes at P (N left) are: a space, a punctuation mark (with its
 * normalized char), or part of a word. Sets *LEN to the sequence length. */
enum cls { C_SPACE, C_NEWLINE, C_PUNCT, C_WORD, C_HYPHEN, C_APOS };

static enum cls classify(const unsigned char *p, size_t n, size_t *len,
                         char *punct);

bool text_char_in_word(const char *p, size_t n, size_t *len)
{
    char punct;
    return classify((const unsigned char *)p, n, len, &punct) == C_WORD;
}

static enum cls classify(const unsigned char *p, size_t n, size_t *len,
                         char *punct)
{
    unsigned char c = p[0];
    *len = 1;
    *punct = 0;
    if (c < 0x80) {
        if (c == '\n')
            return C_NEWLINE;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c < 0x20 || c == 0x7f)
            return C_SPACE;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            return C_WORD;
        if (c == '-')
            return C_HYPHEN;
        if (c == '\'' || c == '`') {
            *punct = '\'';
            return C_APOS;
        }
        *punct = (char)c;
        return C_PUNCT;
    }
    if (c == 0xC2 && n >= 2 && p[1] == 0xA0) { /* no-break space */
        *len = 2;
        return C_SPACE;
    }
    if (c == 0xC2 && n >= 2 && (p[1] == 0xAB || p[1] == 0xBB)) { /* « » */
        *len = 2;
        *punct = '"';
        return C_PUNCT;
    }
    if (c == 0xC2 && n >= 2 && (p[1] == 0xAD)) { /* soft hyphen: ignore */
        *len = 2;
        return C_SPACE;
    }
    if (c == 0xEF && n >= 3 && p[1] == 0xBB && p[2] == 0xBF) { /* BOM */
        *len = 3;
        return C_SPACE;
    }
    if (c == 0xE3 && n >= 3 && p[1] == 0x80 && p[2] == 0x80) {
        *len = 3;
        return C_SPACE;
    }
    if (c == 0xE2 && n >= 3) {
        unsigned char b = p[1], d = p[2];
        *len = 3;
        if (b == 0x80) {
            if (d <= 0x8B || d == 0xAF || d == 0xA8 || d == 0xA9)
                return C_SPACE; /* en/em/thin spaces, zero width, separators */
            if (d == 0x90 || d == 0x91 || d == 0x93)
                return C_HYPHEN; /* hyphen, non-breaking hyphen, en dash */
            if (d == 0x92 || d == 0x94 || d == 0x95) {
                *punct = '-';
                return C_PUNCT;
            }
            if (d == 0x98 || d == 0x99 || d == 0x9B || d == 0xB2) {
                *punct = '\'';
                return C_APOS;
            }
            if (d == 0x9C || d == 0x9D || d == 0x9E || d == 0x9F || d == 0xB3) {
                *punct = '"';
                return C_PUNCT;
            }
            if (d == 0xA6) {
                *punct = 'E'; /* ellipsis */
                return C_PUNCT;
            }
            if (d == 0xA2 || d == 0xA3 || d == 0xA7) {
                *punct = '*';
                return C_PUNCT;
            }
        }
        if (b == 0x81 && d == 0x9F)
            return C_SPACE;
        if (b == 0x88 && d == 0x92) { /* minus sign */
            return C_HYPHEN;
        }
    }
    /* any other multi-byte character is part of a word */
    size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    *len = l <= n ? l : n;
    return C_WORD;
}

static bool is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static at_status push_tok(at_textview *tv, const at_token *t)
{
    if (tv->ntok == tv->captok) {
        size_t cap = tv->captok ? tv->captok * 2 : 1024;
        at_token *p = realloc(tv->toks, cap * sizeof *p);
        if (!p)
            return AT_ENOMEM;
        tv->toks = p;
        tv->captok = cap;
    }
    tv->toks[tv->ntok++] = *t;
    return AT_OK;
}

static at_status norm_reserve(at_textview *tv, size_t need)
{
    if (tv->normlen + need <= tv->normcap)
        return AT_OK;
    size_t cap = tv->normcap ? tv->normcap : 4096;
    while (cap < tv->normlen + need)
        cap *= 2;
    char *p = realloc(tv->norm, cap);
    if (!p)
        return AT_ENOMEM;
    tv->norm = p;
    tv->normcap = cap;
    return AT_OK;
}

/* Append token [s, e) with its normalized form; FLAGS from the scanner. */
static at_status add_token(at_textview *tv, size_t s, size_t e, uint8_t kind,
                           uint8_t flags, char punct)
{
    const unsigned char *p = (const unsigned char *)tv->text;
    if (norm_reserve(tv, (e - s) + 1) != AT_OK)
        return AT_ENOMEM;
    at_token t = {.start = (uint32_t)s, .end = (uint32_t)e,
                  .norm = (uint32_t)tv->normlen, .kind = kind,
                  .flags = flags, .punct = punct};
    char *o = tv->norm + tv->normlen;
    size_t n = 0;
    bool lower = false, upper = false;
    if (kind == TK_PUNCT) {
        o[n++] = punct;
    } else {
        size_t i = s;
        while (i < e && p[i] >= 'a' && p[i] <= 'z') /* the common case */
            o[n++] = (char)p[i++];
        if (i > s)
            lower = true;
        for (; i < e; i++) {
            unsigned char c = p[i];
            if (c >= 'a' && c <= 'z') {
                lower = true;
                o[n++] = (char)c;
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                upper = true;
                c = (unsigned char)(c + 32);
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c == 0xE2 && i + 2 < e && p[i + 1] == 0x80 &&
                       (p[i + 2] == 0x99 || p[i + 2] == 0x98)) {
                c = '\'';
                i += 2;
            } else if (c == 0xC3 && i + 1 < e && p[i + 1] >= 0x80 && p[i + 1] <= 0x9E &&
                       p[i + 1] != 0x97) {
                /* Latin-1 capitals: fold to the small letter (+0x20) */
                if (i == s)
                    t.flags |= TF_CAP;
                upper = true;
                o[n++] = (char)c;
                o[n++] = (char)(p[i + 1] + 0x20);
                i++;
                continue;
            }
            o[n++] = (char)c;
        }
        if (p[s] >= 'A' && p[s] <= 'Z')
            t.flags |= TF_CAP;
        if (upper && !lower)
            t.flags |= TF_ALLCAPS;
    }
    t.nlen = (uint16_t)(n < 65535 ? n : 65535);
    t.hash = text_hash(o, t.nlen); /* over the normalized bytes, still in cache */
    tv->normlen += n;
    return push_tok(tv, &t);
}

#define MAX_TOKEN_BYTES 256 /* longer "words" (base64, URLs) are cut */

/* The length of the web address at P ("https://...", "www...."), up to
 * the next space, or 0. */
static size_t url_length(const unsigned char *p, size_t n)
{
    static const char *const starts[] = {"https://", "http://", "www.", NULL};
    for (const char *const *w = starts; *w; w++) {
        size_t k = strlen(*w);
        if (n < k + 1)
            continue;
        bool match = true;
        for (size_t j = 0; j < k && match; j++)
            match = (p[j] | (p[j] >= 'A' && p[j] <= 'Z' ? 32 : 0)) == (unsigned char)(*w)[j];
        if (!match)
            continue;
        size_t e = k;
        while (e < n && p[e] > ' ' && p[e] != '"' && p[e] != '<' && p[e] != '>')
            e++;
        return e;
    }
    return 0;
}

static at_status tokenize(at_textview *tv, size_t from)
{
    const unsigned char *p = (const unsigned char *)tv->text;
    size_t n = tv->len, i = from;
    uint8_t pending = TF_SPACE | TF_PARA;
    int newlines = 2;
    while (i < n) {
        size_t len;
        char punct;
        enum cls c = classify(p + i, n - i, &len, &punct);
        if (c == C_SPACE || c == C_NEWLINE) {
            if (c == C_NEWLINE)
                newlines++;
            pending |= TF_SPACE;
            i += len;
            continue;
        }
        uint8_t flags = pending;
        if (newlines >= 1)
            flags |= TF_NEWLINE;
        if (newlines >= 2)
            flags |= TF_PARA;
        pending = 0;
        newlines = 0;
        if (c == C_HYPHEN) {
            /* between word characters a hyphen joins; else it is a dash */
            bool prev_word = i > 0 && tv->ntok > 0 && !(flags & TF_SPACE) &&
                             tv->toks[tv->ntok - 1].kind != TK_PUNCT &&
                             tv->toks[tv->ntok - 1].end == i;
            size_t l2;
            char p2;
            bool next_word = i + len < n &&
                             classify(p + i + len, n - i - len, &l2, &p2) == C_WORD;
            if (prev_word && next_word) {
                pending = TF_HYPH;
                i += len;
                continue;
            }
            if (add_token(tv, i, i + len, TK_PUNCT, flags, '-') != AT_OK)
                return AT_ENOMEM;
            i += len;
            continue;
        }
        if (c == C_APOS) {
            /* possessive 's after a word: its own token */
            bool after_word = tv->ntok > 0 && tv->toks[tv->ntok - 1].end == i &&
                              tv->toks[tv->ntok - 1].kind != TK_PUNCT;
            if (after_word && i + len < n && (p[i + len] | 32) == 's' &&
                (i + len + 1 >= n || !is_alpha(p[i + len + 1]))) {
                size_t s = i;
                i += len + 1;
                if (norm_reserve(tv, 3) != AT_OK)
                    return AT_ENOMEM;
                at_token t = {.start = (uint32_t)s, .end = (uint32_t)i,
                              .norm = (uint32_t)tv->normlen, .nlen = 2,
                              .kind = TK_WORD, .flags = flags};
                tv->norm[tv->normlen++] = '\'';
                tv->norm[tv->normlen++] = 's';
                t.hash = text_hash("'s", 2);
                if (push_tok(tv, &t) != AT_OK)
                    return AT_ENOMEM;
                continue;
            }
            if (add_token(tv, i, i + len, TK_PUNCT, flags, '\'') != AT_OK)
                return AT_ENOMEM;
            i += len;
            continue;
        }
        if (c == C_PUNCT) {
            if (add_token(tv, i, i + len, TK_PUNCT, flags, punct) != AT_OK)
                return AT_ENOMEM;
            i += len;
            continue;
        }
        /* a web address is no words: its slug ("iran-transferred-
         * missiles-to-iraq") would read as a sentence */
        size_t url = url_length(p + i, n - i);
        if (url) {
            if (add_token(tv, i, i + url, TK_PUNCT, flags, '/') != AT_OK)
                return AT_ENOMEM;
            i += url;
            continue;
        }
        /* a word or a number */
        size_t s = i;
        bool digits = is_digit(p[i]), alpha_seen = false;
        /* ASCII letters and digits need no classification */
        while (i < n && i - s < MAX_TOKEN_BYTES &&
               (is_alpha(p[i]) || (is_digit(p[i]) && !alpha_seen))) {
            if (!is_digit(p[i]))
                alpha_seen = true;
            i++;
        }
        while (i < n && i - s < MAX_TOKEN_BYTES) {
            size_t l;
            char q;
            enum cls k = classify(p + i, n - i, &l, &q);
            if (k == C_WORD) {
                if (!is_digit(p[i]))
                    alpha_seen = true;
                i += l;
                continue;
            }
            if (k == C_APOS && i + l < n && is_alpha(p[i + l]) &&
                !((p[i + l] | 32) == 's' && (i + l + 1 >= n || !is_alpha(p[i + l + 1])))) {
                /* don't, O'Brien: apostrophe inside a word */
                i += l;
                continue;
            }
            if (k == C_PUNCT && (q == ',' || q == '.') && digits && !alpha_seen &&
                i + 1 < n && is_digit(p[i + 1])) {
                /* 1,000 and 3.5 */
                if (q == '.' || (i + 3 < n && is_digit(p[i + 2]) && is_digit(p[i + 3]) &&
                                 (i + 4 >= n || !is_digit(p[i + 4])))) {
                    i++;
                    continue;
                }
            }
            if (k == C_PUNCT && q == '.' && i - s == 1 && is_alpha(p[s]) &&
                i + 2 < n && is_alpha(p[i + 1]) && p[i + 2] == '.') {
                /* U.S., U.K., e.g.: letters with dots, one token */
                i += 3;
                while (i + 1 < n && is_alpha(p[i]) && p[i + 1] == '.')
                    i += 2;
                break;
            }
            break;
        }
        if (add_token(tv, s, i, digits && !alpha_seen ? TK_NUM : TK_WORD, flags, 0) != AT_OK)
            return AT_ENOMEM;
    }
    return AT_OK;
}

/* Abbreviations whose period does not end a sentence. */
static bool is_abbrev(const at_textview *tv, size_t i)
{
    static const char *const list[] = {
        "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gen", "col", "lt", "maj",
        "capt", "sgt", "gov", "pres", "prof", "jr", "sr", "rev", "hon", "adm",
        "cmdr", "cpl", "pvt", "brig", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vol", "vs",
        "etc", "inc", "corp", "co", "ltd", "bros", "mt", "ft", "approx", "est",
        "fig", "al", "dept", "univ", "ave", "blvd", "gens", "reps", "sens",
        "govt", "min", "cf"};
    const at_token *t = &tv->toks[i];
    if (t->kind != TK_WORD || t->nlen > 6) /* the longest is "approx" */
        return false;
    if (t->nlen == 1 && (t->flags & TF_CAP))
        return true; /* an initial: John F. Kennedy */
    for (size_t k = 0; k < sizeof list / sizeof *list; k++)
        if (text_is(tv, i, list[k]))
            return true;
    return false;
}

/* Words that start a sentence after "U.S." and the like. */
static bool is_starter(const at_textview *tv, size_t i)
{
    static const char *const list[] = {
        "the", "a", "an", "it", "he", "she", "they", "we", "i", "in", "on",
        "but", "and", "this", "that", "these", "those", "however", "there",
        "his", "her", "its", "their", "officials", "according", "meanwhile"};
    for (size_t k = 0; k < sizeof list / sizeof *list; k++)
        if (text_is(tv, i, list[k]))
            return true;
    return false;
}

static bool opens_sentence(const at_textview *tv, size_t i)
{
    const at_token *t = &tv->toks[i];
    if (t->kind == TK_PUNCT)
        return t->punct == '"' || t->punct == '\'' || t->punct == '(' || t->punct == '[' ||
               t->punct == '-';
    if (t->kind == TK_NUM)
        return true;
    const unsigned char c = (unsigned char)tv->text[t->start];
    return (t->flags & TF_CAP) || c >= 0x80;
}

static at_status push_sent(at_textview *tv, size_t first, size_t last)
{
    if (last <= first)
        return AT_OK;
    if (tv->nsent == tv->capsent) {
        size_t cap = tv->capsent ? tv->capsent * 2 : 64;
        at_sentence *p = realloc(tv->sents, cap * sizeof *p);
        if (!p)
            return AT_ENOMEM;
        tv->sents = p;
        tv->capsent = cap;
    }
    at_sentence *s = &tv->sents[tv->nsent++];
    s->first = (uint32_t)first;
    s->count = (uint32_t)(last - first);
    s->start = tv->toks[first].start;
    s->end = tv->toks[last - 1].end;
    return AT_OK;
}

static at_status split(at_textview *tv)
{
    size_t first = 0, n = tv->ntok;
    for (size_t i = 0; i < n; i++) {
        const at_token *t = &tv->toks[i];
        bool end_here = false;
        size_t last = i + 1; /* sentence is [first, last) */
        if (i > first && (t->flags & TF_NEWLINE)) {
            const at_token *prev = &tv->toks[i - 1];
            bool wrapped = !(t->flags & TF_PARA) &&
                           ((t->kind == TK_WORD && !(t->flags & TF_CAP) &&
                             (unsigned char)tv->text[t->start] < 0x80) ||
                            (prev->kind == TK_PUNCT &&
                             (prev->punct == ',' || prev->punct == '(')));
            if (!wrapped) {
                if (push_sent(tv, first, i) != AT_OK)
                    return AT_ENOMEM;
                first = i;
            }
        }
        if (t->kind == TK_PUNCT && (t->punct == '.' || t->punct == '!' || t->punct == '?')) {
            /* closing quotes and brackets belong to the sentence */
            while (last < n && tv->toks[last].kind == TK_PUNCT &&
                   !(tv->toks[last].flags & TF_SPACE) &&
                   (tv->toks[last].punct == '"' || tv->toks[last].punct == '\'' ||
                    tv->toks[last].punct == ')' || tv->toks[last].punct == '.'))
                last++;
            if (last >= n) {
                end_here = true;
            } else if (opens_sentence(tv, last) && (tv->toks[last].flags & TF_SPACE)) {
                /* a month or title abbreviation before a capital: keep going */
                end_here = !(t->punct == '.' && i > first && is_abbrev(tv, i - 1) &&
                             tv->toks[i - 1].end == t->start);
            }
        } else if (t->kind == TK_WORD && t->nlen > 2 && text_norm(tv, i)[t->nlen - 1] == '.' &&
                   i + 1 < n && (tv->toks[i + 1].flags & TF_SPACE) && is_starter(tv, i + 1) &&
                   (tv->toks[i + 1].flags & TF_CAP)) {
            end_here = true; /* "... by the U.S. The move ..." */
        }
        if (!end_here && last - first >= SENT_MAX_TOKENS)
            end_here = true;
        if (end_here) {
            if (push_sent(tv, first, last) != AT_OK)
                return AT_ENOMEM;
            first = last;
            i = last - 1;
        }
    }
    return push_sent(tv, first, n);
}

at_status text_analyze(at_textview *tv, const char *text, size_t len)
{
    return text_analyze_range(tv, text, 0, len);
}

at_status text_analyze_range(at_textview *tv, const char *text, size_t from, size_t to)
{
    tv->text = text;
    tv->len = to;
    tv->ntok = tv->nsent = tv->normlen = 0;
    at_status rc = tokenize(tv, from);
    if (rc == AT_OK)
        rc = split(tv);
    return rc;
}

void text_free(at_textview *tv)
{
    free(tv->toks);
    free(tv->sents);
    free(tv->norm);
    memset(tv, 0, sizeof *tv);
}
