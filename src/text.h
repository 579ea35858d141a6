/* text.h: sentences and tokens of one document, with byte offsets.
 *
 * The tokenizer never copies the document: a token is a span of the text
 * plus a normalized form (ASCII-lowercased, curly apostrophes folded to ')
 * kept in one buffer per document, and a 64-bit hash of that form used by
 * the dictionary matcher. Hyphens between word characters are not tokens:
 * the token after one carries TF_HYPH ("Iran-made" = "Iran" + "made"|HYPH),
 * so "Shahed-136" and "Shahed 136" match the same dictionary entry. */
#ifndef AT_TEXT_H
#define AT_TEXT_H

#include "armstrace.h"

enum tk_kind { TK_WORD = 0, TK_NUM, TK_PUNCT };

enum tk_flags {
    TF_CAP = 1 << 0,      /* first character is an uppercase letter */
    TF_ALLCAPS = 1 << 1,  /* every letter uppercase (and at least one) */
    TF_HYPH = 1 << 2,     /* joined to the previous token by a hyphen */
    TF_SPACE = 1 << 3,    /* whitespace (or start of text) before it */
    TF_NEWLINE = 1 << 4,  /* a line break before it */
    TF_PARA = 1 << 5      /* a blank line (paragraph break) before it */
};

typedef struct {
    uint32_t start, end; /* span in the document text */
    uint32_t norm;       /* offset of the normalized form in the norm buffer */
    uint16_t nlen;       /* its length */
    uint8_t kind;        /* enum tk_kind */
    uint8_t flags;       /* enum tk_flags */
    char punct;          /* TK_PUNCT: normalized char: '"' any quote, '\''
                            single quote, '-' any dash, '.' '…'→'.', etc. */
    uint64_t hash;       /* hash of the normalized form (text_hash) */
} at_token;

typedef struct {
    uint32_t start, end;      /* byte span of the sentence */
    uint32_t first, count;    /* its tokens: toks[first .. first+count) */
} at_sentence;

typedef struct {
    const char *text;
    size_t len;
    at_token *toks;
    size_t ntok, captok;
    at_sentence *sents;
    size_t nsent, capsent;
    char *norm;
    size_t normlen, normcap;
} at_textview;

/* Tokenize and split TEXT (valid UTF-8) into TV, reusing TV's buffers when
 * it was used before. Returns AT_OK or AT_ENOMEM. */
at_status text_analyze(at_textview *tv, const char *text, size_t len);
/* The same for bytes [FROM, TO) of TEXT only, with offsets still counted
 * from TEXT: long documents are read a window at a time. FROM and TO must
 * not split a UTF-8 character. */
at_status text_analyze_range(at_textview *tv, const char *text, size_t from, size_t to);
void text_free(at_textview *tv);

/* The normalized form of token I. */
static inline const char *text_norm(const at_textview *tv, size_t i)
{
    return tv->norm + tv->toks[i].norm;
}

/* true when token I's normalized form equals the NUL-terminated WORD. */
bool text_is(const at_textview *tv, size_t i, const char *word);

/* Whether the character at P (N >= 1 bytes left) belongs to a word as
 * the tokenizer reads it; *LEN is its length in bytes either way. */
bool text_char_in_word(const char *p, size_t n, size_t *len);

/* The hash used for token norms and dictionary keys. */
uint64_t text_hash(const char *s, size_t n);
/* Combine the hash of a phrase so far with the next token's hash. */
static inline uint64_t text_hash_next(uint64_t h, uint64_t tok)
{
    return (h ^ tok) * 0x100000001b3ULL + (h >> 29);
}

#endif
