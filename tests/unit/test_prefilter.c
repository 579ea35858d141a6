/* test_prefilter.c: the document scan that skips news naming no weapon
 * (dict_doc_may_matter) against every phrase of the shipped dictionaries.
 *
 * The scan reads raw bytes with its own word splitter, apart from the
 * tokenizer, so a phrase it failed to see would silently lose claims.
 * Here every phrase that flags a document alone (strong weapon words,
 * named systems and their plurals, training verbs) is planted in a
 * neutral sentence, in the spellings news uses (as written, capitals,
 * quoted, possessive, other dashes and apostrophes), and must be seen;
 * weaker weapon words must be seen beside a military word. Plain news
 * that names no weapon must be skipped, or the scan would save nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dict.h"

static at_dict *dict;
static char context_word[64]; /* a military cue from cues.tsv */
static char weak_word[64];    /* a weapon word that needs one */

static bool seen(const char *text)
{
    return dict_doc_may_matter(dict, text, strlen(text));
}

/* Replace every FROM byte of S by the UTF-8 string TO, into OUT. */
static void replace_byte(const char *s, char from, const char *to, char *out, size_t cap)
{
    size_t n = 0, k = strlen(to);
    for (; *s && n + k + 1 < cap; s++) {
        if (*s == from) {
            memcpy(out + n, to, k);
            n += k;
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
}

/* PHRASE must be seen in each of the spellings a report may give it,
 * within a sentence of its own or beside WITH (a military word). */
static void check_spellings(const char *phrase, const char *with, const char *file)
{
    char forms[8][256];
    size_t nf = 0;
    snprintf(forms[nf++], sizeof forms[0], "%s", phrase);
    bool has_upper = false;
    for (const char *p = phrase; *p; p++)
        has_upper |= *p >= 'A' && *p <= 'Z';
    /* all capitals meet every case rule; a small-letter phrase matches
     * any case */
    char up[256];
    size_t i = 0;
    for (; phrase[i] && i + 1 < sizeof up; i++)
        up[i] = (char)(phrase[i] >= 'a' && phrase[i] <= 'z' ? phrase[i] - 32 : phrase[i]);
    up[i] = '\0';
    snprintf(forms[nf++], sizeof forms[0], "%s", up);
    if (!has_upper) {
        snprintf(forms[nf++], sizeof forms[0], "%s", phrase);
        if (forms[nf - 1][0] >= 'a' && forms[nf - 1][0] <= 'z')
            forms[nf - 1][0] = (char)(forms[nf - 1][0] - 32);
    }
    if (strchr(phrase, '-')) {
        replace_byte(phrase, '-', "\xE2\x80\x93", forms[nf++], sizeof forms[0]); /* en dash */
        replace_byte(phrase, '-', "\xE2\x80\x91", forms[nf++], sizeof forms[0]); /* nb hyphen */
    }
    if (strchr(phrase, '\''))
        replace_byte(phrase, '\'', "\xE2\x80\x99", forms[nf++], sizeof forms[0]);
    for (size_t f = 0; f < nf; f++) {
        char text[1024];
        const char *frames[] = {"Officials said the %s would come later; %s",
                                "\xE2\x80\x9C%s\xE2\x80\x9D, she wrote (%s)",
                                "A report on the %s\xE2\x80\x99s record. %s", "%s. %s"};
        for (size_t k = 0; k < sizeof frames / sizeof *frames; k++) {
            snprintf(text, sizeof text, frames[k], forms[f], with);
            if (!seen(text))
                fail_msg("%s: \"%s\" not seen in: %s", file, phrase, text);
        }
    }
}

/* Call ROW with the tab-separated columns of each entry of FILE (under
 * data/); returns how many ROW counted (returned true for). */
typedef bool (*row_fn)(char **cols, int ncols, void *user);

static size_t each_row(const char *file, row_fn row, void *user)
{
    char full[1024];
    snprintf(full, sizeof full, "%s/%s", AT_DATA_DIR, file);
    FILE *f = fopen(full, "r");
    assert_non_null(f);
    char line[2048];
    size_t counted = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *cols[8];
        int n = 0;
        for (char *p = line; n < 8;) {
            cols[n++] = p;
            char *t = strchr(p, '\t');
            if (!t)
                break;
            *t = '\0';
            p = t + 1;
        }
        counted += row(cols, n, user);
    }
    fclose(f);
    return counted;
}

static bool generic_row(char **cols, int n, void *user)
{
    (void)user;
    if (n < 3 || !strcmp(cols[2], "block"))
        return false;
    bool strong = !strcmp(cols[2], "strong") && strcmp(cols[1], "economic") != 0;
    /* weak words of these categories count when a transfer word governs
     * them, so they flag a document alone (sentence.c: governed_weak) */
    bool governable = !strcmp(cols[1], "ammunition") || !strcmp(cols[1], "rocket") ||
                      !strcmp(cols[1], "small arms");
    check_spellings(cols[0], strong || governable ? "" : context_word, "weapons/generic.tsv");
    return true;
}

static bool system_row(char **cols, int n, void *user)
{
    (void)user;
    if (n < 3)
        return false;
    check_spellings(cols[0], "", "weapons/systems.tsv");
    /* and in the plural news writes ("F-16s", "Shaheds"), as dict.c
     * makes them: not after s or punctuation */
    size_t len = strlen(cols[0]);
    char last = len ? cols[0][len - 1] : 's';
    if (last == 's' || last == 'S' ||
        !((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') ||
          (last >= '0' && last <= '9')))
        return true;
    char plural[300];
    if ((size_t)snprintf(plural, sizeof plural, "%ss", cols[0]) < sizeof plural)
        check_spellings(plural, "", "weapons/systems.tsv (plural)");
    return true;
}

static void test_every_flagging_phrase(void **state)
{
    (void)state;
    size_t n = each_row("weapons/generic.tsv", generic_row, NULL);
    n += each_row("weapons/systems.tsv", system_row, NULL);
    assert_true(n > 500);
}

/* Training names no goods: each form of its verbs flags a document. */
static bool train_row(char **cols, int n, void *user)
{
    size_t *forms = user;
    if (n < 3 || strcmp(cols[0], "train") != 0)
        return false;
    for (char *w = strtok(cols[2], " "); w; w = strtok(NULL, " ")) {
        w[strcspn(w, ":")] = '\0';
        check_spellings(w, "", "verbs.tsv");
        (*forms)++;
    }
    return true;
}

static void test_training_verbs(void **state)
{
    (void)state;
    size_t forms = 0;
    assert_true(each_row("verbs.tsv", train_row, &forms) >= 1);
    assert_true(forms >= 4);
}

/* Plain news is skipped; a weak word alone, or a military word alone,
 * does not make a document worth reading, both together do. */
static void test_plain_news_skipped(void **state)
{
    (void)state;
    const char *plain[] = {
        "The city council approved a budget for schools and parks on Tuesday, the mayor "
        "said. Turnout at the local elections reached a record high.",
        "Shares in the carmaker rose 4% after it reported higher quarterly profits, "
        "beating forecasts by analysts in London and New York.",
        "Heavy rain flooded roads across the region; forecasters expect the storm to "
        "weaken by Friday, when schools are due to reopen.",
        "",
        "\xE2\x80\x9CWe are delighted,\xE2\x80\x9D the coach said after the match in "
        "S\xC3\xA3o Paulo, where the home side won 2\xE2\x80\x93" "1.",
    };
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        if (seen(plain[i]))
            fail_msg("plain news read: %s", plain[i]);
    /* a weak word needs a military word in the same document */
    char text[512];
    snprintf(text, sizeof text, "The company bought new %s for its offices.", weak_word);
    if (seen(text))
        fail_msg("a weak word alone read: %s", text);
    snprintf(text, sizeof text, "The %s paraded.", context_word);
    if (seen(text))
        fail_msg("a military word alone read: %s", text);
    snprintf(text, sizeof text, "The company bought new %s. Later the %s paraded.", weak_word,
             context_word);
    assert_true(seen(text));
}

/* The first one-word entry of a data file whose other columns are
 * TAIL ("military", or "weapons\tweak"), for first_with. */
typedef struct {
    const char *tail;
    char *out;
    size_t cap;
} first_q;

static bool first_row(char **cols, int n, void *user)
{
    first_q *q = user;
    char tail[256] = "";
    for (int i = 1; i < n; i++)
        snprintf(tail + strlen(tail), sizeof tail - strlen(tail), "%s%s", i > 1 ? "\t" : "",
                 cols[i]);
    if (q->out[0] || strcmp(tail, q->tail) != 0 || strchr(cols[0], ' ') ||
        strlen(cols[0]) >= q->cap)
        return false;
    memcpy(q->out, cols[0], strlen(cols[0]) + 1);
    return true;
}

static bool first_with(const char *file, const char *tail, char *out, size_t cap)
{
    first_q q = {tail, out, cap};
    out[0] = '\0';
    return each_row(file, first_row, &q) > 0;
}

static int setup(void **state)
{
    (void)state;
    at_error err;
    dict = at_dict_load(AT_DATA_DIR, &err);
    if (!dict) {
        fprintf(stderr, "%s:%zu: %s\n", err.file, err.line, err.msg);
        return -1;
    }
    return first_with("cues.tsv", "military", context_word, sizeof context_word) &&
                   first_with("weapons/generic.tsv", "weapons\tweak", weak_word,
                              sizeof weak_word)
               ? 0
               : -1;
}

static int teardown(void **state)
{
    (void)state;
    at_dict_free(dict);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_flagging_phrase),
        cmocka_unit_test(test_training_verbs),
        cmocka_unit_test(test_plain_news_skipped),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
