/* rules_words.c: small predicates over units that the reading rules
 * share: adverbs, pronouns, forms of "be", conjunctions, plain modifiers,
 * time expressions, and the party list type. */
#include <string.h>

#include "rules_int.h"

void plist_add(plist *l, int16_t p)
{
    if (p < 0)
        return;
    for (size_t i = 0; i < l->n; i++)
        if (l->p[i] == p)
            return;
    if (l->n < PLIST_MAX)
        l->p[l->n++] = p;
}

bool is_adverb(const sentence *sn, size_t i)
{
    const at_token *t = &sn->tv->toks[sn->u[i].t0];
    const char *n = text_norm(sn->tv, sn->u[i].t0);
    /* "recently", "actively"; not "Italy", not "supply" */
    return sn->u[i].t1 == sn->u[i].t0 + 1 && t->nlen > 4 && n[t->nlen - 2] == 'l' &&
           n[t->nlen - 1] == 'y' && !(t->flags & TF_CAP) && sn->u[i].party < 0 &&
           !sn->u[i].has_verb && !sn->u[i].has_noun;
}

bool is_pronoun(const sentence *sn, size_t i)
{
    static const char *const list[] = {"it",  "its", "they", "their", "he", "his", "she",
                                       "her", "them", "we",  "our",   "i",  NULL};
    for (const char *const *w = list; *w; w++)
        if (unit_is(sn, i, *w))
            return true;
    return false;
}

/* "We will provide", "I have decided to send": the speaker's side. */
bool is_first_person(const sentence *sn, size_t i)
{
    return unit_is(sn, i, "we") || unit_is(sn, i, "our") ||
           (unit_is(sn, i, "i") && (sn->tv->toks[sn->u[i].t0].flags & TF_CAP));
}

bool is_person_pronoun(const sentence *sn, size_t i)
{
    return unit_is(sn, i, "he") || unit_is(sn, i, "his") || unit_is(sn, i, "she") ||
           unit_is(sn, i, "her");
}

bool is_be(const sentence *sn, size_t i)
{
    static const char *const list[] = {"is", "are", "was", "were", "be", "been", "being", NULL};
    for (const char *const *w = list; *w; w++)
        if (unit_is(sn, i, *w))
            return true;
    return false;
}

bool is_conj(const sentence *sn, size_t i)
{
    return unit_is(sn, i, "and") || unit_is(sn, i, "or") || sn->u[i].punct == ',' ||
           unit_is(sn, i, "nor");
}

/* A plain lowercase word that can only modify a noun here ("main",
 * "secret", "continued"): no dictionary sense, no function word. */
bool plain_modifier(const sentence *sn, size_t i)
{
    const unit *u = &sn->u[i];
    const at_token *t = &sn->tv->toks[u->t0];
    if (u->t1 != u->t0 + 1 || t->kind != TK_WORD || (t->flags & TF_CAP) || u->party >= 0 ||
        u->has_verb || u->has_noun || u->has_weapon || u->cues)
        return false;
    return !unit_is_prep(sn, i) && !unit_is_det(sn, i) && !is_conj(sn, i) && !is_be(sn, i) &&
           !is_pronoun(sn, i) && !unit_is(sn, i, "has") && !unit_is(sn, i, "have") &&
           !unit_is(sn, i, "had") && !unit_is(sn, i, "that") && !unit_is(sn, i, "which");
}

/* An -ing form ("shutting", "seeking"): the verb of a gerund clause. */
bool is_gerund(const sentence *sn, size_t i)
{
    const unit *u = &sn->u[i];
    if (u->t1 != u->t0 + 1 || (sn->tv->toks[u->t0].flags & TF_CAP))
        return false;
    if (u->has_verb)
        return u->verb.b == VF_ING;
    const char *n = text_norm(sn->tv, u->t0);
    size_t len = sn->tv->toks[u->t0].nlen;
    return len > 5 && !memcmp(n + len - 3, "ing", 3);
}

/* "last", "next", "ago": words that start or end a time expression. */
bool is_time_word(const sentence *sn, size_t i)
{
    static const char *const list[] = {"last", "next", "this", "early", "late", "earlier",
                                       "later", "ago", "yesterday", "today", "tomorrow",
                                       "recently", NULL};
    for (const char *const *w = list; *w; w++)
        if (unit_is(sn, i, *w))
            return true;
    return false;
}

/* "the regime", "the country": a short reference to a state. */
bool is_state_noun(const sentence *sn, size_t i)
{
    return unit_is(sn, i, "regime") || unit_is(sn, i, "country") || unit_is(sn, i, "nation") ||
           unit_is(sn, i, "kingdom");
}

/* Whether unit I of SN lies in one of the time expressions TX[0..N):
 * "on Friday", "in October" date the saying; they are not its sayer. */
bool in_timex(const sentence *sn, size_t i, const at_timex *tx, size_t n)
{
    uint32_t t = sn->u[i].t0;
    for (size_t k = 0; k < n; k++)
        if (t >= tx[k].first && t < tx[k].last)
            return true;
    return false;
}
