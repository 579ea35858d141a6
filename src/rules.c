/* rules.c: the reading rules of spec/claims.md applied to one sentence.
 *
 * For each transfer word (a trigger: "supplied", "acquire", "launched",
 * "the transfer of", "deal") the rules find its stage chain ("plans to",
 * "negotiations to"), its roles (subject, "to X", "from X", "by X", "X's",
 * "Iranian-made"), the weapon phrases it governs, and the cues in its
 * clause that negate it or make it hypothetical. Every test is on units
 * and cue classes from the data files, never on particular sentences. */
#include <string.h>

#include "claims.h"

#define NONE ((size_t)-1)
#define PLIST_MAX 4

typedef struct {
    int16_t p[PLIST_MAX];
    size_t n;
} plist;

typedef struct {
    size_t t;          /* trigger unit */
    uint8_t frame;     /* enum frame */
    bool noun, passive;
    uint8_t stage;
    size_t lo, hi;     /* the trigger's clause, in units */
    size_t chain_lo;   /* leftmost unit of its stage chain */
    size_t obj_hi;     /* end of its object region */
    size_t ret;        /* "in return for" unit in the region, or NONE */
    plist subj;
    size_t subj_u;     /* where the subject stands, or NONE */
    size_t objnoun;    /* a transfer noun heading the object ("sent Y a
                          shipment of Z"), read as part of this frame */
} frame;

/* MARK: - Small predicates */

static void plist_add(plist *l, int16_t p)
{
    if (p < 0)
        return;
    for (size_t i = 0; i < l->n; i++)
        if (l->p[i] == p)
            return;
    if (l->n < PLIST_MAX)
        l->p[l->n++] = p;
}

static bool is_adverb(const sentence *sn, size_t i)
{
    const at_token *t = &sn->tv->toks[sn->u[i].t0];
    const char *n = text_norm(sn->tv, sn->u[i].t0);
    /* "recently", "actively"; not "Italy", not "supply" */
    return sn->u[i].t1 == sn->u[i].t0 + 1 && t->nlen > 4 && n[t->nlen - 2] == 'l' &&
           n[t->nlen - 1] == 'y' && !(t->flags & TF_CAP) && sn->u[i].party < 0 &&
           !sn->u[i].has_verb && !sn->u[i].has_noun;
}

static bool is_pronoun(const sentence *sn, size_t i)
{
    static const char *const list[] = {"it",  "its", "they", "their", "he", "his", "she",
                                       "her", "them", "we",  "our",   "i",  NULL};
    for (const char *const *w = list; *w; w++)
        if (unit_is(sn, i, *w))
            return true;
    return false;
}

/* "We will provide", "I have decided to send": the speaker's side. */
static bool is_first_person(const sentence *sn, size_t i)
{
    return unit_is(sn, i, "we") || unit_is(sn, i, "our") ||
           (unit_is(sn, i, "i") && (sn->tv->toks[sn->u[i].t0].flags & TF_CAP));
}

static bool is_person_pronoun(const sentence *sn, size_t i)
{
    return unit_is(sn, i, "he") || unit_is(sn, i, "his") || unit_is(sn, i, "she") ||
           unit_is(sn, i, "her");
}

static bool is_be(const sentence *sn, size_t i)
{
    static const char *const list[] = {"is", "are", "was", "were", "be", "been", "being", NULL};
    for (const char *const *w = list; *w; w++)
        if (unit_is(sn, i, *w))
            return true;
    return false;
}

static bool is_conj(const sentence *sn, size_t i)
{
    return unit_is(sn, i, "and") || unit_is(sn, i, "or") || sn->u[i].punct == ',' ||
           unit_is(sn, i, "nor");
}

/* Words that say a party is a source or a place, not a role: "US
 * officials", "Ukrainian sources", "in Ukraine". */
static bool party_is_speaker(const sentence *sn, size_t i)
{
    if (i + 1 < sn->nu && unit_cue(sn, i + 1, CUE_SPEAKER))
        return true;
    if (i + 1 < sn->nu && (unit_cue(sn, i + 1, CUE_REPORT) || unit_cue(sn, i + 1, CUE_ASSESS)))
        return true;
    if (i > 0 && (unit_cue(sn, i - 1, CUE_REPORT) || unit_cue(sn, i - 1, CUE_ASSESS)))
        return true;
    return false;
}

static bool party_is_place(const sentence *sn, size_t i)
{
    static const char *const preps[] = {"in", "into", "against", "at", "on", "over",
                                        "inside", "across", "near", "toward", "towards", NULL};
    size_t k = i;
    while (k > 0 && unit_is_det(sn, k - 1))
        k--;
    if (k == 0)
        return false;
    for (const char *const *w = preps; *w; w++)
        if (unit_is(sn, k - 1, *w))
            return true;
    return false;
}

/* The party unit I modifies a weapon phrase ("Iranian drones"). */
static bool party_is_origin(const sentence *sn, size_t i)
{
    for (size_t w = 0; w < sn->nwp; w++)
        if (sn->wp[w].origin == sn->u[i].party && sn->wp[w].u0 > i && sn->wp[w].u0 <= i + 3 &&
            sn->wp[w].cat != AT_CAT_PERSONNEL) /* "Georgian troops" act */
            return true;
    return false;
}

/* Parties coordinated with the one at unit I: "North Korea and Iran",
 * "Russian and North Korean officials". */
static bool list_closes(const sentence *sn, size_t i, size_t hi)
{
    /* from a comma at I: party (, party)* and|or party */
    for (size_t k = i; k + 1 < hi; k += 2) {
        if (!is_conj(sn, k) || sn->u[k + 1].party < 0)
            return false;
        if (sn->u[k].punct != ',')
            return true;
    }
    return false;
}

/* The party unit at or after I, skipping "the": "Canada and the
 * Netherlands". Returns NONE when there is none. */
static size_t party_at(const sentence *sn, size_t i, size_t hi)
{
    if (i < hi && unit_is(sn, i, "the"))
        i++;
    return i < hi && sn->u[i].party >= 0 ? i : NONE;
}

static void coordinated(const sentence *sn, size_t i, size_t lo, size_t hi, plist *out)
{
    plist_add(out, sn->u[i].party);
    if (i + 1 < hi && sn->u[i + 1].punct == ',' && !list_closes(sn, i + 1, hi))
        return;
    bool closed = false; /* a comma joins parties only in a list with and/or */
    for (size_t k = i; k >= lo + 2;) {
        size_t c = k - 1;
        if (unit_is(sn, c, "the") && c > lo)
            c--;
        if (c < lo + 1 || !is_conj(sn, c) || sn->u[c - 1].party < 0)
            break;
        if (sn->u[c].punct == ',' && !closed && !list_closes(sn, c, hi))
            break;
        closed = true;
        plist_add(out, sn->u[c - 1].party);
        k = c - 1;
    }
    for (size_t k = i; k + 2 < hi;) {
        size_t c = k + 1;
        if (unit_is(sn, c, "as") && c + 3 < hi && unit_is(sn, c + 1, "well") &&
            unit_is(sn, c + 2, "as"))
            c += 2;
        size_t p = is_conj(sn, c) ? party_at(sn, c + 1, hi) : NONE;
        if (p == NONE)
            break;
        plist_add(out, sn->u[p].party);
        k = p;
    }
}

/* MARK: - Roles */

/* The party at unit I stands before a plain word ("Western sanctions",
 * "Russian stockpiles"): it describes something else, it is no role. */
static bool party_is_modifier(const sentence *sn, size_t i)
{
    if (i + 1 >= sn->nu)
        return false;
    const unit *n = &sn->u[i + 1];
    if (n->punct || n->party >= 0 || unit_is_prep(sn, i + 1) || is_conj(sn, i + 1) ||
        unit_is(sn, i + 1, "'s") || (sn->tv->toks[n->t0].flags & TF_CAP))
        return false;
    /* an adjective before a word ("South Korean report") describes it; a
     * name before a plain word may be its subject ("Russia said") */
    if (sn->u[i].pkind == PK_ADJ && !unit_cue(sn, i + 1, CUE_SKIP) &&
        !unit_cue(sn, i + 1, CUE_MODAL) && !unit_cue(sn, i + 1, CUE_WILL) &&
        !unit_cue(sn, i + 1, CUE_NEG))
        return true;
    uint32_t nounish = (1u << CUE_MILITARY) | (1u << CUE_NONHEAD);
    return !n->has_verb && !n->has_noun && !(n->cues & ~nounish);
}


static int16_t resolve_pronoun(const xdoc *x, const sentence *sn, size_t i,
                               const plist *exclude)
{
    bool person = is_person_pronoun(sn, i);
    for (size_t k = i; k > 0; k--) {
        const unit *u = &sn->u[k - 1];
        if (u->party < 0 || party_is_origin(sn, k - 1) || party_is_modifier(sn, k - 1))
            continue;
        if (person && u->pkind != PK_PERSON)
            continue;
        bool excluded = false;
        for (size_t e = 0; exclude && e < exclude->n; e++)
            if (exclude->p[e] == u->party)
                excluded = true;
        if (!excluded)
            return u->party;
    }
    /* "Slovenia's defence minister said she would": the sayer's side */
    if (person)
        return x->sayer >= 0 ? x->sayer : x->last_person;
    for (size_t e = 0; exclude && e < exclude->n; e++)
        if (exclude->p[e] == x->last_subject)
            return -1;
    return x->last_subject;
}

/* A pronoun subject: the subject a rule found earlier in this sentence
 * ("Beijing was supplying the Kremlin ... it is helping"), else the
 * nearest party that stands as a subject before it ("The Kremlin
 * rejected a report that it had received"), else the last subject of
 * the document. */
static int16_t subject_pronoun(const xdoc *x, const sentence *sn, size_t i)
{
    if (is_first_person(sn, i))
        return x->sayer >= 0 ? x->sayer : x->last_person;
    if (is_person_pronoun(sn, i))
        return resolve_pronoun(x, sn, i, NULL);
    if (x->last_subject >= 0 && x->last_subject_sent == sn->gsent)
        return x->last_subject;
    for (size_t k = i; k > 0; k--) {
        const unit *u = &sn->u[k - 1];
        if (u->party < 0 || party_is_origin(sn, k - 1) || party_is_modifier(sn, k - 1))
            continue;
        size_t b = k - 1;
        while (b > 0 && unit_is_det(sn, b - 1))
            b--;
        if (b > 0 && (unit_is_prep(sn, b - 1) || sn->u[b - 1].has_verb))
            continue;
        return u->party;
    }
    return x->last_subject;
}

/* The subject of the trigger, searching left from unit FROM (the start of
 * its stage chain) to the clause start LO. */
static void find_subject(const xdoc *x, const sentence *sn, size_t from, size_t lo,
                         frame *f)
{
    for (size_t k = from; k > lo; k--) {
        size_t i = k - 1;
        const unit *u = &sn->u[i];
        /* "Iran said X supplied": the subject is after the saying; but
         * "Iran has been accused of supplying": a passive saying */
        if (unit_is(sn, i, "that") ||
            (unit_cue(sn, i, CUE_REPORT) && !u->has_verb && !(i > lo && is_be(sn, i - 1))))
            return;
        if ((unit_is(sn, i, "which") || unit_is(sn, i, "who")) && i > lo) {
            size_t p = i - 1;
            if (sn->u[p].punct == ',' && p > lo)
                p--;
            if (sn->u[p].party >= 0) {
                coordinated(sn, p, lo, i, &f->subj);
                f->subj_u = p;
                return;
            }
            continue;
        }
        if (u->party >= 0) {
            if (party_is_origin(sn, i))
                continue;
            bool governed = i > lo && unit_is_prep(sn, i - 1) && !unit_is(sn, i - 1, "'s");
            /* "of Russia seeking", "for Iran to start supplying" */
            bool adjacent = i + 1 == from || (i + 1 < sn->nu && unit_is(sn, i + 1, "to")) ||
                            (i + 1 < sn->nu && unit_is(sn, i + 1, "'s"));
            if (governed && !adjacent)
                continue;
            coordinated(sn, i, lo, from, &f->subj);
            f->subj_u = i;
            return;
        }
        if (is_pronoun(sn, i) || (unit_is(sn, i, "regime") && i > lo && unit_is(sn, i - 1, "the"))) {
            if (i > lo && unit_is_prep(sn, i - 1) && i + 1 != from)
                continue;
            int16_t p = subject_pronoun(x, sn, i);
            if (p >= 0) {
                plist_add(&f->subj, p);
                f->subj_u = i;
            }
            return;
        }
    }
}

/* "the two NATO countries", "EU members": some members, not the bloc. */
static bool bloc_members(const sentence *sn, size_t i)
{
    static const char *const nouns[] = {"countries", "members", "states", "allies", "nations",
                                        "partners", "governments", NULL};
    if (sn->u[i].pkind != PK_GROUP || i + 1 >= sn->nu)
        return false;
    for (const char *const *w = nouns; *w; w++)
        if (unit_is(sn, i + 1, *w))
            return true;
    return false;
}

/* Parties after preposition PREP in units [lo, hi): "from North Korea",
 * "to the Kremlin", "from countries like North Korea and Iran". */
static bool pp_parties(const sentence *sn, size_t lo, size_t hi, const char *prep, plist *out)
{
    for (size_t i = lo; i < hi; i++) {
        if (!unit_is(sn, i, prep))
            continue;
        for (size_t k = i + 1, skipped = 0; k < hi && skipped < 5; k++) {
            const unit *u = &sn->u[k];
            if (u->party >= 0) {
                if (party_is_origin(sn, k) || bloc_members(sn, k))
                    break;
                /* "to Yemen's Iran-backed Houthi militias": the head */
                if (k + 1 < hi && unit_is(sn, k + 1, "'s"))
                    for (size_t h = k + 2; h < hi && h < k + 6; h++) {
                        if (sn->u[h].punct || sn->u[h].has_verb || sn->u[h].has_noun)
                            break;
                        bool hyph = h + 1 < sn->nu &&
                                    (sn->tv->toks[sn->u[h + 1].t0].flags & TF_HYPH);
                        if (sn->u[h].party >= 0 && !hyph) {
                            k = h;
                            break;
                        }
                    }
                coordinated(sn, k, i + 1, hi, out);
                return true;
            }
            if (u->has_weapon || u->has_verb || u->has_noun || (u->punct && u->punct != ',') ||
                unit_is(sn, k, "its") || unit_is(sn, k, "their") || unit_is(sn, k, "his") ||
                unit_is(sn, k, "and") || unit_is(sn, k, "as") || unit_is(sn, k, "when") ||
                unit_is(sn, k, "after") || unit_is(sn, k, "because") || is_be(sn, k))
                break;
            skipped++;
        }
    }
    return false;
}

/* The weapon phrases a trigger governs in units [lo, hi): stop at a comma
 * that is followed by something other than more of the list. */
static size_t region_wps(const sentence *sn, size_t lo, size_t hi, size_t *out, size_t max)
{
    size_t n = 0, gap = 0;
    bool comma = false;
    for (size_t i = lo; i < hi && n < max; i++) {
        const unit *u = &sn->u[i];
        /* "missiles that Moscow's troops launch": a relative clause with
         * a subject of its own is no longer the object */
        if (n > 0 && i + 1 < hi && (unit_is(sn, i, "that") || unit_is(sn, i, "which")) &&
            (sn->u[i + 1].party >= 0 || is_pronoun(sn, i + 1)))
            break;
        if (u->wp >= 0) {
            if (comma && gap > 5)
                break;
            if (n == 0 || out[n - 1] != (size_t)u->wp)
                out[n++] = (size_t)u->wp;
            i = sn->wp[u->wp].u1 - 1;
            gap = 0;
            comma = false;
            continue;
        }
        if (u->punct == ',') {
            comma = true;
            gap = 0;
            continue;
        }
        if (u->party >= 0 && !comma)
            gap = 0;
        else
            gap++;
    }
    return n;
}

/* The first party of the object right after the trigger ("supplied Russia
 * with", "provide it with", "bolstered Russian stockpiles with"). */
static void indirect_object(const xdoc *x, const sentence *sn, const frame *f, plist *out)
{
    size_t with = NONE, first_wp = NONE;
    for (size_t i = f->t + 1; i < f->obj_hi; i++) {
        if (sn->u[i].wp >= 0 && first_wp == NONE)
            first_wp = i;
        if (unit_is(sn, i, "with") && with == NONE && first_wp == NONE)
            with = i;
    }
    size_t stop = with != NONE ? with : first_wp != NONE ? first_wp : f->obj_hi;
    for (size_t i = f->t + 1; i < stop && i < f->t + 6; i++) {
        const unit *u = &sn->u[i];
        if (u->party >= 0 && !party_is_origin(sn, i)) {
            coordinated(sn, i, f->t + 1, stop, out);
            return;
        }
        if (is_pronoun(sn, i) && !unit_is(sn, i, "its") && !unit_is(sn, i, "their")) {
            plist_add(out, resolve_pronoun(x, sn, i, &f->subj));
            return;
        }
        if (with == NONE && !unit_is_det(sn, i) && !unit_cue(sn, i, CUE_SKIP) && !is_adverb(sn, i))
            return; /* double object only right after the verb */
    }
}

/* A party named right before a noun trigger: "Iran's supply", "Iranian
 * drone deliveries", "a Russia-Iran deal". */
/* A plain lowercase word that can only modify a noun here ("main",
 * "secret", "continued"): no dictionary sense, no function word. */
static bool plain_modifier(const sentence *sn, size_t i)
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

static void noun_owner(const sentence *sn, size_t t, size_t lo, plist *out)
{
    bool det = false; /* modifiers stand after determiners, never before */
    for (size_t k = t, steps = 0; k > lo && steps < 5; k--, steps++) {
        const unit *u = &sn->u[k - 1];
        if (u->party >= 0) {
            coordinated(sn, k - 1, lo, t, out);
            if (k >= 2 && sn->u[k - 1].t0 > 0 &&
                (sn->tv->toks[sn->u[k - 1].t0].flags & TF_HYPH) && sn->u[k - 2].party >= 0)
                plist_add(out, sn->u[k - 2].party); /* Russia-Iran */
            return;
        }
        if (unit_is_det(sn, k - 1) || unit_is(sn, k - 1, "'s"))
            det = true;
        else if (!(u->wp >= 0 || unit_cue(sn, k - 1, CUE_REPORT) || unit_cue(sn, k - 1, CUE_SKIP) ||
                   is_adverb(sn, k - 1) || (!det && plain_modifier(sn, k - 1))))
            return;
    }
}

/* The leftmost unit of the noun phrase headed by T: its determiners,
 * owner ("Russia's") and modifiers. */
static size_t np_start(const sentence *sn, size_t t, size_t lo)
{
    size_t k = t;
    bool det = false;
    while (k > lo && k + 6 > t) {
        const unit *u = &sn->u[k - 1];
        if (unit_is_det(sn, k - 1) || unit_is(sn, k - 1, "'s"))
            det = true;
        else if (!(u->wp >= 0 || is_adverb(sn, k - 1) || (!det && plain_modifier(sn, k - 1)) ||
                   (u->party >= 0 && k < t && (unit_is(sn, k, "'s") || u->pkind == PK_ADJ))))
            break;
        k--;
    }
    return k;
}

/* The party at unit I is the subject of a verb of its own ("the United
 * States had raided", "Washington said"): an actor, not a counterpart. */
static bool party_acts(const sentence *sn, size_t i)
{
    if (i + 1 >= sn->nu)
        return false;
    size_t k = i + 1;
    if (is_adverb(sn, k) && k + 1 < sn->nu)
        k++;
    return sn->u[k].has_verb || is_be(sn, k) || unit_is(sn, k, "has") || unit_is(sn, k, "have") ||
           unit_is(sn, k, "had") || unit_cue(sn, k, CUE_REPORT) || unit_cue(sn, k, CUE_ASSESS) ||
           unit_cue(sn, k, CUE_NEG) || unit_cue(sn, k, CUE_MODAL) || unit_cue(sn, k, CUE_WILL) ||
           unit_cue(sn, k, CUE_DENY);
}

/* The party at unit I stands in a phrase of "of", "by", "from" or
 * "under" ("in violation of a UN resolution"): it is no recipient. */
static bool party_governed(const sentence *sn, size_t i)
{
    size_t k = i;
    while (k > 0 && (unit_is_det(sn, k - 1) || plain_modifier(sn, k - 1)) && i - k < 3)
        k--;
    return k > 0 && (unit_is(sn, k - 1, "of") || unit_is(sn, k - 1, "by") ||
                     unit_is(sn, k - 1, "from") || unit_is(sn, k - 1, "under"));
}

/* One party of the sentence other than those in EXCLUDE, when there is
 * exactly one: the counterpart a clause leaves unsaid ("cooperation
 * between Moscow and Tehran, which has seen the Iranian regime transfer
 * drones"). */
static int16_t other_party(const sentence *sn, const plist *exclude)
{
    int16_t found = -1;
    for (size_t i = 0; i < sn->nu; i++) {
        const unit *u = &sn->u[i];
        if (u->party < 0 || u->made || party_is_speaker(sn, i) || party_is_place(sn, i) ||
            party_is_origin(sn, i) || party_is_modifier(sn, i) || party_acts(sn, i) ||
            party_governed(sn, i))
            continue;
        bool ex = false;
        for (size_t e = 0; e < exclude->n; e++)
            if (exclude->p[e] == u->party)
                ex = true;
        if (ex)
            continue;
        if (found >= 0 && found != u->party)
            return -1;
        found = u->party;
    }
    return found;
}

/* MARK: - Stage, negation, hypotheticals */

static bool chain_unit(const sentence *sn, size_t i)
{
    return unit_cue(sn, i, CUE_SKIP) || is_adverb(sn, i) || unit_is(sn, i, "to") ||
           unit_is_det(sn, i) || sn->u[i].punct == '"';
}

/* Scan left of the trigger over its stage chain; returns the stage the
 * chain states, or -1. Sets F->chain_lo, and the subject for "X to V". */
static int stage_chain(const sentence *sn, frame *f)
{
    int stage = -1;
    size_t k = f->t;
    f->chain_lo = f->t;
    while (k > f->lo) {
        size_t i = k - 1;
        const unit *u = &sn->u[i];
        if (unit_cue(sn, i, CUE_INTENT) || unit_cue(sn, i, CUE_CONTROL) ||
            unit_cue(sn, i, CUE_WILL)) {
            if (stage < 0)
                stage = AT_STAGE_INTENT;
        } else if (unit_cue(sn, i, CUE_NEGOTIATING)) {
            if (stage < 0)
                stage = AT_STAGE_NEGOTIATING;
        } else if (unit_cue(sn, i, CUE_AGREED) || (u->has_noun && u->noun.a == F_DEAL_N)) {
            if (stage < 0)
                stage = AT_STAGE_AGREED;
        } else if (u->party >= 0 && i + 1 < sn->nu && unit_is(sn, i + 1, "to")) {
            /* "wants Russia to provide", "for Iran to start supplying":
             * the party is the subject; a control verb before it says
             * intent */
            if (i > f->lo && (unit_cue(sn, i - 1, CUE_CONTROL) || unit_cue(sn, i - 1, CUE_INTENT)) &&
                stage < 0)
                stage = AT_STAGE_INTENT;
            /* a headline's "Serbia to buy jets": what is to come */
            size_t b = i;
            while (b > 0 && unit_is_det(sn, b - 1))
                b--;
            if (b == 0 && stage < 0)
                stage = AT_STAGE_INTENT;
            /* "the commitment of the Netherlands and Denmark to provide",
             * "an agreement for Iran to supply": the noun says the stage */
            size_t c = i;
            while (c > f->lo && (sn->u[c - 1].party >= 0 || is_conj(sn, c - 1) ||
                                 unit_is(sn, c - 1, "the")))
                c--;
            if (c > f->lo && (unit_is(sn, c - 1, "of") || unit_is(sn, c - 1, "by") ||
                              unit_is(sn, c - 1, "for"))) {
                c--;
                while (c > f->lo && unit_is_det(sn, c - 1))
                    c--;
                if (c > f->lo && stage < 0) {
                    if (unit_cue(sn, c - 1, CUE_INTENT) || unit_cue(sn, c - 1, CUE_CONTROL))
                        stage = AT_STAGE_INTENT;
                    else if (unit_cue(sn, c - 1, CUE_NEGOTIATING) ||
                             (sn->u[c - 1].has_noun && sn->u[c - 1].noun.a == F_TALK_N))
                        stage = AT_STAGE_NEGOTIATING;
                    else if (unit_cue(sn, c - 1, CUE_AGREED) ||
                             (sn->u[c - 1].has_noun && sn->u[c - 1].noun.a == F_DEAL_N))
                        stage = AT_STAGE_AGREED;
                }
            }
            break;
        } else if (!chain_unit(sn, i)) {
            break;
        }
        k = i;
        f->chain_lo = i;
    }
    return stage;
}

/* Every unit strictly between A and B is one a negation or modal reaches
 * through: auxiliaries, adverbs, cue words, the subject. */
static bool tight(const sentence *sn, size_t a, size_t b)
{
    if (b > a + 12)
        return false;
    for (size_t i = a + 1; i < b; i++) {
        const unit *u = &sn->u[i];
        if (u->cues & ((1u << CUE_SKIP) | (1u << CUE_INTENT) | (1u << CUE_NEGOTIATING) |
                       (1u << CUE_AGREED) | (1u << CUE_CONTROL) | (1u << CUE_WILL) |
                       (1u << CUE_MODAL) | (1u << CUE_NEG) | (1u << CUE_HYP) | (1u << CUE_EVIDENCE)))
            continue;
        if (u->party >= 0 || is_pronoun(sn, i) || is_adverb(sn, i) || unit_is_det(sn, i) ||
            u->wp >= 0 || /* "withhold arms deliveries" */
            u->punct == '"' || unit_is(sn, i, "to") || unit_is(sn, i, "yet") ||
            unit_is(sn, i, "ever") || unit_is(sn, i, "by") || unit_is(sn, i, "for") ||
            unit_is(sn, i, "from") ||
            unit_is(sn, i, "of") || unit_is(sn, i, "that"))
            continue;
        return false;
    }
    return true;
}

static bool negated(const sentence *sn, const frame *f)
{
    for (size_t i = f->lo; i < f->hi; i++) {
        if (!unit_cue(sn, i, CUE_NEG) && !unit_cue(sn, i, CUE_DENY))
            continue;
        if (i < f->t) {
            bool evidence = false, crossed = false;
            for (size_t k = i + 1; k < f->t; k++) {
                if (unit_cue(sn, k, CUE_EVIDENCE))
                    evidence = true;
                /* "did not believe ..., arguing it was a response to the
                 * attacks with": a new clause of saying */
                if (unit_cue(sn, k, CUE_REPORT) && sn->u[k - 1].punct == ',')
                    crossed = true;
            }
            if (crossed && !unit_cue(sn, i, CUE_DENY))
                continue;
            if (tight(sn, i, f->t) || evidence || (unit_cue(sn, i, CUE_DENY) && f->t - i <= 8))
                return true;
        } else if (i > f->t && f->noun && i - f->t <= 10) {
            return true; /* "a deal had not been completed", "the shipments were halted" */
        }
    }
    return false;
}

/* "said it would send": future in reported speech, an announcement */
static bool reported_would(const sentence *sn, size_t i)
{
    if (!unit_is(sn, i, "would"))
        return false;
    for (size_t k = i; k > 0 && i - k < 4; k--)
        if (unit_cue(sn, k - 1, CUE_REPORT) || unit_cue(sn, k - 1, CUE_INTENT))
            return true;
    /* "had said at the summit last week that he would": a "that" clause
     * of a verb of saying, however far the saying */
    for (size_t k = i; k > 0 && i - k < 4; k--)
        if (unit_is(sn, k - 1, "that"))
            for (size_t j = k - 1; j > 0 && k - j < 12; j--) {
                if (sn->u[j - 1].punct == ',' || sn->u[j - 1].punct == ';')
                    break;
                if (unit_cue(sn, j - 1, CUE_REPORT))
                    return true;
            }
    return false;
}

static bool hypothetical(const sentence *sn, const frame *f)
{
    for (size_t i = f->lo; i < f->t; i++) {
        if (unit_cue(sn, i, CUE_HYP))
            return true;
        if (unit_cue(sn, i, CUE_MODAL) && tight(sn, i, f->t) && !reported_would(sn, i))
            return true;
        if (unit_cue(sn, i, CUE_COND)) {
            bool comma = false;
            for (size_t k = i + 1; k < f->t; k++)
                if (sn->u[k].punct == ',' || unit_is(sn, k, "then"))
                    comma = true;
            if (!comma)
                return true;
        }
    }
    return false;
}

/* MARK: - Sources, dates */

typedef struct {
    uint8_t cert;
    bool has_src;
    at_slice src;
    int16_t actor;
    at_timex tx[8];
    size_t ntx;
} sent_info;

/* Whether unit I of SN lies in one of the time expressions TX[0..N):
 * "on Friday", "in October" date the saying; they are not its sayer. */
static bool in_timex(const sentence *sn, size_t i, const at_timex *tx, size_t n)
{
    uint32_t t = sn->u[i].t0;
    for (size_t k = 0; k < n; k++)
        if (t >= tx[k].first && t < tx[k].last)
            return true;
    return false;
}

/* The capitalized run of tokens around unit I going in direction DIR,
 * outside the time expressions TX[0..NTX). */
static bool name_span(const sentence *sn, size_t i, int dir, const at_timex *tx, size_t ntx,
                      at_slice *out, int16_t *actor)
{
    const at_textview *tv = sn->tv;
    size_t k = i;
    if (dir > 0) {
        while (k < sn->nu && (unit_is(sn, k, "the") || is_adverb(sn, k)))
            k++;
    }
    while (k < sn->nu && (unit_is_det(sn, k) || is_pronoun(sn, k)))
        k++;
    size_t a = k, b = k;
    while (b < sn->nu && b < a + 6) {
        const unit *u = &sn->u[b];
        bool cap = (tv->toks[u->t0].flags & TF_CAP) || u->party >= 0 ||
                   (b > a && unit_cue(sn, b, CUE_SPEAKER));
        if (!cap || in_timex(sn, b, tx, ntx))
            break;
        if (u->party >= 0 && *actor < 0)
            *actor = u->party;
        b++;
    }
    if (b == a)
        return false;
    out->ptr = tv->text + tv->toks[sn->u[a].t0].start;
    out->len = tv->toks[sn->u[b - 1].t1 - 1].end - tv->toks[sn->u[a].t0].start;
    return true;
}

static bool name_before(const sentence *sn, size_t r, const at_timex *tx, size_t ntx,
                        at_slice *out, int16_t *actor)
{
    const at_textview *tv = sn->tv;
    size_t b = r;
    /* "Kirby on Thursday said", "Kirby said", "US officials believe" */
    while (b > 0 && r - b < 4 && !sn->u[b - 1].punct && !unit_cue(sn, b - 1, CUE_SPEAKER) &&
           (in_timex(sn, b - 1, tx, ntx) ||
            (!(tv->toks[sn->u[b - 1].t0].flags & TF_CAP) && sn->u[b - 1].party < 0)))
        b--;
    size_t a = b;
    while (a > 0 && b - a < 6 &&
           ((tv->toks[sn->u[a - 1].t0].flags & TF_CAP) || sn->u[a - 1].party >= 0 ||
            unit_cue(sn, a - 1, CUE_SPEAKER)) &&
           !sn->u[a - 1].punct && !in_timex(sn, a - 1, tx, ntx))
        a--;
    /* a speaker noun alone ("officials said") names no one */
    if (b - a == 1 && unit_cue(sn, a, CUE_SPEAKER) && sn->u[a].party < 0 &&
        !(tv->toks[sn->u[a].t0].flags & TF_CAP))
        return false;
    while (a < b && (unit_is_det(sn, a) || is_pronoun(sn, a) ||
                     (sn->u[a].party < 0 && a == 0 && b - a > 1 && unit_is_prep(sn, a))))
        a++;
    if (a == b)
        return false;
    for (size_t k = a; k < b; k++)
        if (sn->u[k].party >= 0 && *actor < 0)
            *actor = sn->u[k].party;
    out->ptr = tv->text + tv->toks[sn->u[a].t0].start;
    out->len = tv->toks[sn->u[b - 1].t1 - 1].end - tv->toks[sn->u[a].t0].start;
    return true;
}

static void read_info(xdoc *x, const sentence *sn, sent_info *si)
{
    si->cert = AT_CERT_ASSERTED;
    si->has_src = false;
    si->actor = -1;
    size_t rep = NONE, assess = NONE;
    for (size_t i = 0; i < sn->nu; i++) {
        if (unit_cue(sn, i, CUE_ASSESS)) {
            si->cert = AT_CERT_ASSESSED;
            /* a verb of assessing names its assessor ("US officials
             * believe"); "likely" and "intelligence" do not */
            if (assess == NONE && !is_adverb(sn, i) && !unit_cue(sn, i, CUE_SPEAKER))
                assess = i;
        }
        if (unit_cue(sn, i, CUE_REPORT)) {
            if (si->cert == AT_CERT_ASSERTED)
                si->cert = AT_CERT_REPORTED;
            if (rep == NONE)
                rep = i;
        }
    }
    /* time expressions, less those that date the saying ("said Thursday") */
    const at_sentence *se = &sn->tv->sents[sn->sent];
    at_timex all[8];
    size_t n = date_find(sn->tv, se->first, se->first + se->count,
                         xdoc_date(x), all, 8);
    if (rep != NONE) {
        bool after = unit_is(sn, rep, "according to") || unit_is(sn, rep, "citing") ||
                     sn->u[rep].t1 - sn->u[rep].t0 == 2;
        if (after)
            si->has_src = name_span(sn, rep + 1, 1, all, n, &si->src, &si->actor);
        else
            si->has_src = name_before(sn, rep, all, n, &si->src, &si->actor) ||
                          name_span(sn, rep + 1, 1, all, n, &si->src, &si->actor);
    } else if (assess != NONE) {
        si->has_src = name_before(sn, assess, all, n, &si->src, &si->actor);
    }
    si->ntx = 0;
    for (size_t k = 0; k < n; k++) {
        bool saying = false;
        for (size_t i = 0; i < sn->nu; i++) {
            if (!unit_cue(sn, i, CUE_REPORT))
                continue;
            uint32_t r0 = sn->u[i].t0, r1 = sn->u[i].t1;
            if ((all[k].first >= r1 && all[k].first <= r1 + 2) ||
                (all[k].last <= r0 && all[k].last + 1 >= r0))
                saying = true;
        }
        if (!saying)
            si->tx[si->ntx++] = all[k];
    }
}

static const at_timex *pick_date(const sentence *sn, const sent_info *si, const frame *f)
{
    uint32_t t_tok = sn->u[f->t].t0;
    uint32_t lo_tok = sn->u[f->subj_u != NONE && f->subj_u < f->t ? f->subj_u : f->chain_lo].t0;
    size_t hi = f->hi;
    for (size_t i = f->t + 1; i < f->hi; i++)
        if (unit_cue(sn, i, CUE_REPORT)) { /* ", the ministry said": the saying */
            hi = i;
            break;
        }
    uint32_t hi_tok = hi < sn->nu ? sn->u[hi].t0 : sn->u[sn->nu - 1].t1;
    const at_timex *best = NULL;
    for (size_t k = 0; k < si->ntx; k++)
        if (si->tx[k].first >= t_tok && si->tx[k].first < hi_tok)
            return &si->tx[k];
    for (size_t k = 0; k < si->ntx; k++)
        if (si->tx[k].first >= lo_tok && si->tx[k].first < t_tok)
            best = &si->tx[k];
    return best;
}

/* MARK: - Claims */

static bool compatible(uint8_t ref, uint8_t ante)
{
    if (ref == ante || ref == AT_CAT_WEAPONS || ref == AT_CAT_AMMUNITION)
        return true;
    return ref == AT_CAT_MISSILE &&
           (ante == AT_CAT_BALLISTIC_MISSILE || ante == AT_CAT_CRUISE_MISSILE ||
            ante == AT_CAT_ANTI_TANK_MISSILE || ante == AT_CAT_AIR_DEFENSE);
}

/* The last claim a reference of category CAT can mean; with SUP or REC
 * (a definite "the missiles" in a frame that names parties), the last
 * one whose parties agree with them. */
static const xclaim *antecedent(const xdoc *x, uint8_t cat, const plist *sup, const plist *rec)
{
    for (size_t k = x->n, seen = 0; k > 0 && seen < 40; k--, seen++) {
        const xclaim *c = &x->c[k - 1];
        if (c->sup < 0 || c->rec < 0 || c->amb || c->cat == AT_CAT_ECONOMIC ||
            !compatible(cat, c->cat))
            continue;
        if ((sup && sup->n && sup->p[0] != c->sup) || (rec && rec->n && rec->p[0] != c->rec))
            continue;
        return c;
    }
    return NULL;
}

typedef struct {
    xdoc *x;
    const sentence *sn;
    const sent_info *si;
    const frame *f;
    uint8_t fact;
} emit_ctx;

#ifdef AT_TRACE
#include <stdio.h>
#define TRACE(...) fprintf(stderr, __VA_ARGS__)
#else
#define TRACE(...) ((void)0)
#endif

static void emit(const emit_ctx *e, int16_t sup, int16_t rec, const wphrase *w,
                 uint8_t cat, uint16_t sys, uint8_t stage, bool amb)
{
    TRACE("trace: s%zu trig=%zu(%.*s) %s->%s %s %s fact=%d amb=%d\n", e->sn->sent,
          e->f ? e->f->t : 0,
          e->f ? (int)(e->sn->tv->toks[e->sn->u[e->f->t].t1 - 1].end - e->sn->tv->toks[e->sn->u[e->f->t].t0].start) : 0,
          e->f ? e->sn->tv->text + e->sn->tv->toks[e->sn->u[e->f->t].t0].start : "",
          sup >= 0 ? dict_party_code(e->x->d, (uint16_t)sup) : "-",
          rec >= 0 ? dict_party_code(e->x->d, (uint16_t)rec) : "-", at_category_name(cat),
          at_stage_name(stage), e->fact, amb);
    const at_textview *tv = e->sn->tv;
    const at_sentence *se = &tv->sents[e->sn->sent];
    xclaim c = {.sup = sup, .rec = rec, .cat = cat, .stage = stage, .fact = e->fact,
                .cert = e->si->cert, .sys = sys, .amb = amb, .src_actor = -1,
                .sent = (uint32_t)e->sn->gsent, .start = se->start, .end = se->end,
                .mentions = 1};
    if (w && w->has_qty) {
        c.has_qty = true;
        c.qty = w->qty;
    }
    const at_timex *tx = e->f ? pick_date(e->sn, e->si, e->f) : NULL;
    if (tx) {
        c.has_date = true;
        c.date = tx->start;
        c.date_text.ptr = tv->text + tv->toks[tx->first].start;
        c.date_text.len = tv->toks[tx->last - 1].end - tv->toks[tx->first].start;
    }
    if (e->si->has_src) {
        c.has_src = true;
        c.src = e->si->src;
        c.src_actor = e->si->actor;
    }
    xdoc_add(e->x, &c);
}

/* How a frame's suppliers are found when its grammar names none: from
 * each weapon phrase's own origin ("X-supplied" only, or any "Iranian"),
 * then for uses from who supplied the phrase earlier in the sentence,
 * for receipts from the named system's designer ("receive Rafales"). */
enum { FILL_NONE, FILL_SUPPLIED, FILL_ORIGIN, FILL_USE, FILL_GET };

static bool origin_counts(const wphrase *w, bool supplied_only)
{
    /* troops' nationality is who sends them */
    return w->origin >= 0 &&
           (!supplied_only || w->origin_kind == O_SUPPLIED || w->cat == AT_CAT_PERSONNEL);
}

/* Phrases A and B (A before B) are items of one list: only commas,
 * conjunctions and determiners stand between them. */
static bool listed(const sentence *sn, const wphrase *a, const wphrase *b)
{
    for (size_t i = a->u1; i < b->u0; i++)
        if (!is_conj(sn, i) && !unit_is_det(sn, i))
            return false;
    return true;
}

/* The origin of phrase K of WPS: its own, else that of the list item
 * before it ("Iranian drones and missiles"), never one after it ("cruise
 * missiles and Iranian-made drones"). */
static int16_t phrase_origin(const sentence *sn, const size_t *wps, size_t k, bool supplied_only)
{
    for (size_t j = k + 1; j-- > 0;) {
        const wphrase *w = &sn->wp[wps[j]];
        if (w->origin >= 0)
            return origin_counts(w, supplied_only) ? w->origin : -1;
        if (j == 0 || !listed(sn, &sn->wp[wps[j - 1]], w))
            break;
    }
    return -1;
}

static void weapon_origins(const sentence *sn, const size_t *wps, size_t nw, plist *out,
                           bool supplied_only)
{
    for (size_t k = 0; k < nw; k++)
        plist_add(out, phrase_origin(sn, wps, k, supplied_only));
}

/* "Yemen-bound weapons shipments": where the phrases say they go. */
static void phrase_dests(const sentence *sn, const size_t *wps, size_t nw, plist *out)
{
    for (size_t k = 0; k < nw; k++)
        plist_add(out, sn->wp[wps[k]].dest);
}

/* Some phrase of WPS was supplied by a party other than those in SUBJ. */
static bool holds_supplied(const sentence *sn, const size_t *wps, size_t nw, const plist *subj)
{
    for (size_t k = 0; k < nw; k++) {
        int16_t o = phrase_origin(sn, wps, k, true);
        if (sn->wp[wps[k]].origin_kind != O_SUPPLIED)
            o = -1; /* troops' nationality says nothing of who holds what */
        bool own = false;
        for (size_t i = 0; i < subj->n; i++)
            own |= subj->p[i] == o;
        if (o >= 0 && !own)
            return true;
    }
    return false;
}

/* The suppliers of phrase K when the frame names none, as FILL says. */
static void fill_suppliers(const xdoc *x, const sentence *sn, const size_t *wps, size_t k,
                           int fill, plist *out)
{
    if (fill == FILL_NONE)
        return;
    plist_add(out, phrase_origin(sn, wps, k, fill == FILL_SUPPLIED));
    if (out->n == 0 && fill == FILL_USE)
        plist_add(out, x->wp_supplier[wps[k]]); /* "drones Iran provided, which Russia used" */
    const wphrase *w = &sn->wp[wps[k]];
    if (out->n == 0 && fill == FILL_GET && w->sys) {
        int o = dict_system_origin(x->d, w->sys);
        plist_add(out, (int16_t)o); /* "India will receive Rafale jets" */
    }
}

/* Emit one claim per weapon phrase (one per category) of a frame; when
 * SUPS is empty, each phrase's suppliers come as FILL says. */
static void emit_wps(const emit_ctx *e, const plist *sups, const plist *recs,
                     const size_t *wps, size_t nw, uint8_t stage, int fill)
{
    const sentence *sn = e->sn;
    uint32_t done = 0;
    for (size_t k = 0; k < nw; k++) {
        const wphrase *w = &sn->wp[wps[k]];
        uint8_t cat = w->cat;
        uint16_t sys = w->sys;
        plist s = *sups, r = *recs;
        if (s.n == 0)
            fill_suppliers(e->x, sn, wps, k, fill, &s);
        /* "Slovakia and Poland agreed to hand over Slovakian MiG-29s" */
        for (size_t i = 0; s.n > 1 && w->origin >= 0 && i < s.n; i++)
            if (s.p[i] == w->origin) {
                s.p[0] = w->origin;
                s.n = 1;
            }
        if (w->ref || w->definite) {
            /* "the missiles" takes the last compatible claim only when
             * the parties this frame names agree with it */
            const xclaim *a = w->ref ? antecedent(e->x, cat, NULL, NULL)
                                     : antecedent(e->x, cat, &s, &r);
            if (a) {
                cat = a->cat;
                if (!sys)
                    sys = a->sys;
                if (s.n == 0)
                    plist_add(&s, a->sup);
                if (r.n == 0)
                    plist_add(&r, a->rec);
            }
        }
        if (s.n == 1 && (stage == AT_STAGE_DELIVERED || stage == AT_STAGE_AGREED))
            e->x->wp_supplier[wps[k]] = s.p[0];
        if (done & (1u << cat))
            continue;
        done |= 1u << cat;
        for (size_t i = 0; i < (s.n ? s.n : 1); i++)
            for (size_t j = 0; j < (r.n ? r.n : 1); j++)
                emit(e, s.n ? s.p[i] : -1, r.n ? r.p[j] : -1, w, cat, sys, stage, false);
    }
}

static void set_subject_context(xdoc *x, const sentence *sn, const plist *subj)
{
    if (subj->n == 1) {
        x->last_subject = subj->p[0];
        x->last_subject_sent = sn->gsent;
    }
}

/* MARK: - Frames */

static bool is_trigger(const sentence *sn, size_t i, bool *noun)
{
    const unit *u = &sn->u[i];
    if (!u->has_verb && !u->has_noun)
        return false;
    bool noun_ctx = (i > 0 && (unit_is_det(sn, i - 1) || unit_is(sn, i - 1, "'s") ||
                               sn->u[i - 1].wp >= 0 || sn->u[i - 1].has_verb ||
                               (sn->u[i - 1].party >= 0 && sn->u[i - 1].pkind == PK_ADJ &&
                                !sn->u[i - 1].made))) ||
                    (i + 1 < sn->nu && unit_is(sn, i + 1, "of")) ||
                    (i >= 2 && unit_is_det(sn, i - 2) && is_adverb(sn, i - 1)) ||
                    (i >= 2 && unit_is_det(sn, i - 2) && unit_cue(sn, i - 1, CUE_REPORT));
    if (u->has_noun && (noun_ctx || !u->has_verb)) {
        *noun = true;
        return true;
    }
    if (!u->has_verb)
        return false;
    /* "sought to make", "offered to help": a verb before an infinitive is
     * part of a chain, not the transfer itself */
    if (u->verb.a != F_USE && i + 2 < sn->nu && unit_is(sn, i + 1, "to") && sn->u[i + 2].party < 0 &&
        !unit_is_det(sn, i + 2) && sn->u[i + 2].wp < 0 && !is_pronoun(sn, i + 2))
        return false;
    if (u->verb.b == VF_BASE && i > 0 && unit_is_det(sn, i - 1))
        return false;
    /* "help counter", "helped build": help with an action, not goods */
    if ((text_is(sn->tv, u->t0, "help") || text_is(sn->tv, u->t0, "helped") ||
         text_is(sn->tv, u->t0, "helps") || text_is(sn->tv, u->t0, "helping") ||
         text_is(sn->tv, u->t0, "assist")) &&
        i + 1 < sn->nu && plain_modifier(sn, i + 1))
        return false;
    *noun = false;
    return true;
}

static void clause_bounds(const sentence *sn, size_t t, size_t *lo, size_t *hi)
{
    size_t a = t, b = t + 1;
    while (a > 0 && sn->u[a - 1].clause == sn->u[t].clause)
        a--;
    while (b < sn->nu && sn->u[b].clause == sn->u[t].clause)
        b++;
    *lo = a;
    *hi = b;
}

/* The transfer noun at unit N heads the object of verb trigger T: "sent
 * Peru a shipment of", "received shipments of", "delivered the first
 * batch of" (only an indirect object, determiners, numbers and modifiers
 * stand between, and "of" follows). */
static bool heads_object(const sentence *sn, const frame *f, size_t n)
{
    const unit *u = &sn->u[n];
    if (f->noun || f->frame == F_USE || !(u->noun.a == F_GIVE_N || u->noun.a == F_GET_N))
        return false;
    if (n + 1 >= f->hi || !unit_is(sn, n + 1, "of") || n > f->t + 7)
        return false;
    for (size_t i = f->t + 1; i < n; i++) {
        const unit *m = &sn->u[i];
        if (m->punct || m->has_verb || m->has_noun || m->wp >= 0 || (unit_is_prep(sn, i) &&
            !unit_is(sn, i, "of")))
            return false;
    }
    return true;
}

static void object_region(const sentence *sn, frame *f)
{
    f->ret = NONE;
    f->obj_hi = f->hi;
    f->objnoun = NONE;
    for (size_t i = f->t + 1; i < f->hi; i++) {
        if (unit_cue(sn, i, CUE_RETURN)) {
            f->ret = i;
            f->obj_hi = i;
            return;
        }
        bool n;
        if ((sn->u[i].has_verb || sn->u[i].has_noun) && is_trigger(sn, i, &n)) {
            if (n && f->objnoun == NONE && heads_object(sn, f, i)) {
                f->objnoun = i;
                continue;
            }
            f->obj_hi = i;
            return;
        }
    }
}

/* The list of weapon phrases ending with phrase W ("rifles and
 * ammunition that were shipped"): adds them to OUT. */
static size_t with_list(const sentence *sn, size_t w, size_t *out, size_t n, size_t max)
{
    size_t first = n;
    out[n++] = w;
    size_t u = sn->wp[w].u0;
    while (n < max && u >= 2 && is_conj(sn, u - 1) && sn->u[u - 2].wp >= 0) {
        size_t prev = (size_t)sn->u[u - 2].wp;
        out[n++] = prev;
        u = sn->wp[prev].u0;
    }
    /* in text order, as the list reads */
    for (size_t a = first, b = n - 1; a < b; a++, b--) {
        size_t t = out[a];
        out[a] = out[b];
        out[b] = t;
    }
    return n;
}

/* "what type of weapons Moscow could provide", "drones, which Russia
 * has used": with no weapons after the verb, those right before its
 * subject are its object. */
static size_t relative_wps(const sentence *sn, const frame *f, size_t *wps, size_t nw)
{
    if (nw != 0 || f->subj_u == NONE || f->subj_u <= f->lo || f->subj_u > f->t)
        return nw;
    size_t k = f->subj_u - 1;
    if (k > f->lo && (unit_is(sn, k, "that") || unit_is(sn, k, "which")))
        k--;
    if (k > f->lo && sn->u[k].punct == ',')
        k--;
    if (sn->u[k].wp >= 0)
        return with_list(sn, (size_t)sn->u[k].wp, wps, 0, 16);
    return nw;
}

/* The weapon phrase right before the trigger (passives, relative clauses:
 * "such munitions had been transferred", "what weapons Moscow could
 * provide"). */
static size_t left_wp(const sentence *sn, const frame *f)
{
    for (size_t k = f->t; k > f->lo && f->t - k < 8; k--) {
        const unit *u = &sn->u[k - 1];
        if (u->wp >= 0)
            return (size_t)u->wp;
        if (u->has_verb || u->has_noun)
            return NONE;
    }
    return NONE;
}

/* "The shipments were halted": a transfer noun after "the" (or these,
 * those, such) that names no party means the transfer the document told
 * of last, within the last three sentences. */
static void definite_transfer(const xdoc *x, const sentence *sn, size_t t, size_t lo,
                              plist *sup, plist *rec)
{
    size_t k = t;
    while (k > lo && (sn->u[k - 1].wp >= 0 || plain_modifier(sn, k - 1)))
        k--;
    if (k == lo || !(unit_is(sn, k - 1, "the") || unit_is(sn, k - 1, "these") ||
                     unit_is(sn, k - 1, "those") || unit_is(sn, k - 1, "such")))
        return;
    for (size_t i = x->n; i > 0; i--) {
        const xclaim *c = &x->c[i - 1];
        if (c->sent + 3 < sn->gsent)
            return;
        if (c->sup >= 0 && c->rec >= 0 && !c->amb && c->cat != AT_CAT_ECONOMIC &&
            c->cat != AT_CAT_PERSONNEL) {
            plist_add(sup, c->sup);
            plist_add(rec, c->rec);
            return;
        }
    }
}

/* A verb whose object is the transfer noun at T: "X halted the shipment
 * of", "approved $2 billion in arms sales to", "is negotiating with Y on
 * the purchase of". Returns the verb's unit (its subject is the noun's
 * owner) or NONE; a "with Y" between goes to *WITH. */
static size_t cue_verb_of(const sentence *sn, size_t t, size_t lo, plist *with)
{
    size_t k = t;
    for (size_t steps = 0; k > lo && steps < 8; steps++) {
        const unit *p = &sn->u[k - 1];
        bool filler = unit_is_det(sn, k - 1) || p->wp >= 0 || p->punct == '$' ||
                      sn->tv->toks[p->t0].kind == TK_NUM || unit_is(sn, k - 1, "billion") ||
                      unit_is(sn, k - 1, "million") || unit_is(sn, k - 1, "in") ||
                      unit_is(sn, k - 1, "worth") || unit_is(sn, k - 1, "on") ||
                      unit_is(sn, k - 1, "for") ||
                      unit_is(sn, k - 1, "over") || unit_is(sn, k - 1, "about") ||
                      is_adverb(sn, k - 1);
        if (!filler)
            break;
        k--;
    }
    /* "a temporary halt to the supply of", "an end to deliveries" */
    if (k >= lo + 2 && unit_is(sn, k - 1, "to") &&
        (unit_cue(sn, k - 2, CUE_NEG) || unit_cue(sn, k - 2, CUE_INTENT)))
        k--;
    /* "with Y" right before the filler: the counterpart */
    if (k >= lo + 2 && sn->u[k - 1].party >= 0 && unit_is(sn, k - 2, "with")) {
        plist_add(with, sn->u[k - 1].party);
        k -= 2;
    } else if (k >= lo + 3 && sn->u[k - 1].party >= 0 && unit_is(sn, k - 2, "the") &&
               unit_is(sn, k - 3, "with")) {
        plist_add(with, sn->u[k - 1].party);
        k -= 3;
    }
    if (k <= lo)
        return NONE;
    size_t v = k - 1;
    if (unit_cue(sn, v, CUE_NEG) || unit_cue(sn, v, CUE_DEALVERB) || unit_cue(sn, v, CUE_AGREED) ||
        unit_cue(sn, v, CUE_INTENT) || unit_cue(sn, v, CUE_DENY) ||
        unit_cue(sn, v, CUE_NEGOTIATING))
        return v;
    with->n = 0;
    return NONE;
}

/* "has used them", "sent those to Kyiv": a verb whose object is a
 * pronoun takes the weapons of the last claim of this sentence or the one
 * before, when the parties the frame names agree with it. */
static void pronoun_object(const emit_ctx *e, const plist *sup, const plist *rec)
{
    const sentence *sn = e->sn;
    const frame *f = e->f;
    if (f->noun || f->passive)
        return;
    size_t i = f->t + 1;
    while (i < f->hi && is_adverb(sn, i))
        i++;
    if (i >= f->hi || !(unit_is(sn, i, "them") ||
                        ((unit_is(sn, i, "those") || unit_is(sn, i, "these")) &&
                         (i + 1 >= f->hi || sn->u[i + 1].punct || unit_is_prep(sn, i + 1)))))
        return;
    const xdoc *x = e->x;
    for (size_t k = x->n; k > 0; k--) {
        const xclaim *a = &x->c[k - 1];
        if (a->sent + 1 < sn->gsent)
            return;
        if (a->sup < 0 || a->rec < 0 || a->amb || a->cat == AT_CAT_ECONOMIC ||
            a->cat == AT_CAT_PERSONNEL)
            continue;
        int16_t s = a->sup, r = a->rec;
        if (f->frame == F_GIVE) {
            if (sup->n != 1 || sup->p[0] != a->rec || rec->n != 1)
                continue; /* "Russia sent them on to Y": a new leg */
            s = sup->p[0];
            r = rec->p[0];
        } else if (f->frame == F_USE || f->frame == F_GET) {
            if (rec->n != 1 || rec->p[0] != a->rec)
                continue;
        } else {
            return;
        }
        emit(e, s, r, NULL, a->cat, a->sys, f->stage, false);
        return;
    }
}

/* Returns the unit up to which later triggers belong to this frame (its
 * "in return for" leg), or T. */
static size_t apply_frame(xdoc *x, const sentence *sn, const sent_info *si, size_t t, bool noun)
{
    const unit *u = &sn->u[t];
    frame f = {.t = t, .noun = noun, .subj_u = NONE};
    const sense *v = noun ? &u->noun : &u->verb;
    f.frame = v->a;
    /* "attacked Kharkiv with missiles": a use, of what follows "with" */
    bool with_only = f.frame == F_USE_WITH;
    if (with_only)
        f.frame = F_USE;
    f.stage = v->stage;
    clause_bounds(sn, t, &f.lo, &f.hi);
    object_region(sn, &f);
    int chain = stage_chain(sn, &f);
    if (chain >= 0) {
        if (f.frame == F_USE)
            return t; /* "plans to use": no transfer stage */
        if (f.stage != AT_STAGE_INTENT)
            f.stage = (uint8_t)chain;
    }
    /* an announced future: "said it would send", "will deliver" */
    for (size_t i = f.lo; i < t; i++)
        if (reported_would(sn, i) && tight(sn, i, t) && f.stage == AT_STAGE_DELIVERED)
            f.stage = AT_STAGE_INTENT;
    /* "is buying tanks under a $4.75 billion deal": a deal, not yet a delivery */
    if (chain < 0 && f.stage == AT_STAGE_DELIVERED && (f.frame == F_GIVE || f.frame == F_GET))
        for (size_t i = t + 1; i < f.hi; i++) {
            if (!(sn->u[i].has_noun && sn->u[i].noun.a == F_DEAL_N))
                continue;
            size_t k = i;
            while (k > t + 1 && (unit_is_det(sn, k - 1) || sn->tv->toks[sn->u[k - 1].t0].kind == TK_NUM ||
                                 sn->u[k - 1].punct == '$' || unit_is(sn, k - 1, "billion") ||
                                 unit_is(sn, k - 1, "million") || sn->u[k - 1].wp >= 0))
                k--;
            if (unit_is(sn, k - 1, "under") || unit_is(sn, k - 1, "through") ||
                unit_is(sn, k - 1, "via"))
                f.stage = AT_STAGE_AGREED;
        }
    if (!noun && v->b == VF_PART) {
        size_t k = t;
        bool been = false;
        for (size_t j = t; j > f.lo && t - j < 4; j--)
            if (unit_is(sn, j - 1, "been") || unit_is(sn, j - 1, "being"))
                been = true;
        while (k > f.lo && (is_adverb(sn, k - 1) || unit_is(sn, k - 1, "been") ||
                            unit_is(sn, k - 1, "being") ||
                            (unit_cue(sn, k - 1, CUE_SKIP) && !is_be(sn, k - 1) &&
                             !unit_is(sn, k - 1, "has") && !unit_is(sn, k - 1, "have") &&
                             !unit_is(sn, k - 1, "had") && !unit_is(sn, k - 1, "to")) ||
                            unit_is(sn, k - 1, "later") || unit_is(sn, k - 1, "then")))
            k--;
        f.passive = (k > f.lo && is_be(sn, k - 1)) ||
                    (t + 1 < f.hi && unit_is(sn, t + 1, "by"));
        if (k > f.lo && (unit_is(sn, k - 1, "has") || unit_is(sn, k - 1, "have") ||
                         unit_is(sn, k - 1, "had")))
            f.passive = false;
        /* "North Korea has provided" vs "had been transferred" */
        if (been)
            f.passive = true;
    }

    emit_ctx e = {.x = x, .sn = sn, .si = si, .f = &f};
    if (negated(sn, &f))
        e.fact = AT_FACT_NEGATED;
    else if (hypothetical(sn, &f))
        e.fact = AT_FACT_HYPOTHETICAL;
    else
        e.fact = AT_FACT_CLAIMED;
    if (e.fact == AT_FACT_NEGATED && f.stage == AT_STAGE_INTENT)
        f.stage = AT_STAGE_DELIVERED; /* "will not send", "refused to sell" */
    if (e.fact == AT_FACT_HYPOTHETICAL && f.frame == F_USE)
        return t;

    size_t wps[16], nw = 0;
    plist sup = {0}, rec = {0};
    int fill = FILL_NONE;
    if (!noun && !(f.passive && f.frame != F_USE)) {
        find_subject(x, sn, f.chain_lo, f.lo, &f);
        set_subject_context(x, sn, &f.subj);
    }
    nw = region_wps(sn, t + 1, f.obj_hi, wps, 16);

    switch (f.frame) {
    case F_GIVE:
        if (f.passive) {
            if (!pp_parties(sn, t + 1, f.hi, "by", &sup))
                pp_parties(sn, t + 1, f.hi, "from", &sup);
            if (!pp_parties(sn, t + 1, f.hi, "to", &rec))
                pp_parties(sn, t + 1, f.hi, "into", &rec);
            if (nw == 0) {
                size_t w = left_wp(sn, &f);
                if (w != NONE)
                    nw = with_list(sn, w, wps, nw, 16);
            } else if (rec.n == 0) {
                find_subject(x, sn, t, f.lo, &f); /* "Russia was supplied with" */
                rec = f.subj;
            }
        } else {
            sup = f.subj;
            indirect_object(x, sn, &f, &rec);
            if (rec.n == 0 && !pp_parties(sn, t + 1, f.obj_hi, "to", &rec) &&
                !pp_parties(sn, t + 1, f.obj_hi, "into", &rec))
                pp_parties(sn, t + 1, f.obj_hi, "for", &rec);
            nw = relative_wps(sn, &f, wps, nw);
        }
        if (rec.n == 0)
            phrase_dests(sn, wps, nw, &rec);
        if (sup.n == 0) {
            plist origins = {0};
            weapon_origins(sn, wps, nw, &origins, true);
            fill = FILL_SUPPLIED;
            if (rec.n == 0 && origins.n > 0 && nw > 0)
                plist_add(&rec, other_party(sn, &origins));
        } else if (rec.n == 0 && nw > 0 && holds_supplied(sn, wps, nw, &sup)) {
            /* "Ethiopia deployed systems procured from Russia": what the
             * subject sends on is what it was supplied */
            rec = sup;
            sup.n = 0;
            fill = FILL_SUPPLIED;
            f.stage = AT_STAGE_DELIVERED;
        } else if (rec.n == 0 && nw > 0) {
            plist_add(&rec, other_party(sn, &sup));
        }
        break;
    case F_GET:
        if (f.passive) {
            pp_parties(sn, t + 1, f.hi, "by", &rec);
            if (nw == 0) {
                size_t w = left_wp(sn, &f);
                if (w != NONE)
                    wps[nw++] = w;
            }
        } else {
            rec = f.subj;
            nw = relative_wps(sn, &f, wps, nw);
        }
        pp_parties(sn, t + 1, f.obj_hi, "from", &sup);
        if (sup.n == 0 && !f.passive)
            indirect_object(x, sn, &f, &sup); /* "asked Turkey for drones" */
        fill = FILL_GET;
        break;
    case F_USE: {
        if (f.passive) {
            pp_parties(sn, t + 1, f.hi, "by", &rec);
            size_t w = left_wp(sn, &f); /* the theme of a passive */
            if (w != NONE)
                nw = with_list(sn, w, wps, 0, 16);
        } else {
            rec = f.subj;
            nw = relative_wps(sn, &f, wps, nw);
        }
        if (with_only) {
            /* the weapons "with" governs: "with missiles", "with dozens of
             * Iranian drones", not "struck a deal with Iran for drones" */
            size_t keep = 0;
            for (size_t k = 0; k < nw; k++) {
                size_t b = sn->wp[wps[k]].u0;
                while (b > t + 1 && !unit_is(sn, b - 1, "with") &&
                       (unit_is_det(sn, b - 1) || unit_is(sn, b - 1, "of") ||
                        sn->tv->toks[sn->u[b - 1].t0].kind == TK_NUM ||
                        plain_modifier(sn, b - 1) || party_is_origin(sn, b - 1) ||
                        is_conj(sn, b - 1) || sn->u[b - 1].wp >= 0))
                    b--;
                if (b > t + 1 && unit_is(sn, b - 1, "with"))
                    wps[keep++] = wps[k];
            }
            nw = keep;
        }
        /* troops are not fired, they fire; a ship is launched when it is
         * floated, not when it is used */
        bool launch = text_is(sn->tv, sn->u[t].t0, "launch") || text_is(sn->tv, sn->u[t].t0, "launched") ||
                      text_is(sn->tv, sn->u[t].t0, "launching") || text_is(sn->tv, sn->u[t].t0, "launches");
        size_t keep = 0;
        for (size_t k = 0; k < nw; k++)
            if (sn->wp[wps[k]].cat != AT_CAT_PERSONNEL &&
                !(launch && sn->wp[wps[k]].cat == AT_CAT_NAVAL))
                wps[keep++] = wps[k];
        nw = keep;
        fill = FILL_USE;
        break;
    }
    case F_GIVE_N:
    case F_GET_N: {
        plist owner = {0};
        noun_owner(sn, t, f.lo, &owner);
        /* "X halted the shipment of", "X approved the sale of": the
         * subject of a verb whose object is the transfer */
        plist with = {0}; /* "negotiating with X on the purchase of" */
        if (owner.n == 0) {
            size_t k = cue_verb_of(sn, t, f.lo, &with);
            if (k != NONE) {
                frame g = f;
                g.subj.n = 0;
                find_subject(x, sn, k, f.lo, &g);
                owner = g.subj;
                /* its stage, unless a chain stated one: "approved the
                 * sale" is agreed, "negotiating the purchase" negotiating */
                if (chain < 0 && unit_cue(sn, k, CUE_NEGOTIATING))
                    f.stage = AT_STAGE_NEGOTIATING;
                else if (chain < 0 && f.stage == AT_STAGE_DELIVERED &&
                         (unit_cue(sn, k, CUE_AGREED) || unit_cue(sn, k, CUE_DEALVERB)))
                    f.stage = AT_STAGE_AGREED;
                else if (chain < 0 && f.stage == AT_STAGE_DELIVERED && unit_cue(sn, k, CUE_INTENT))
                    f.stage = AT_STAGE_INTENT;
            }
        }
        /* weapons named right before the noun: "drone deliveries"; or by
         * the noun itself: "military aid to Slovakia" */
        if (t > 0 && sn->u[t - 1].wp >= 0 && nw < 16)
            wps[nw++] = (size_t)sn->u[t - 1].wp;
        if (sn->u[t].wp >= 0 && nw < 16)
            wps[nw++] = (size_t)sn->u[t].wp;
        if (f.frame == F_GIVE_N && owner.n == 2 && nw > 0 &&
            !pp_parties(sn, t + 1, f.obj_hi, "to", &rec)) {
            /* "Moscow and Pyongyang have denied any arms transfers" */
            for (size_t k = 0; k < nw; k++)
                emit(&e, owner.p[0], owner.p[1], &sn->wp[wps[k]], sn->wp[wps[k]].cat,
                     sn->wp[wps[k]].sys, f.stage, true);
            return t;
        }
        if (f.frame == F_GIVE_N) {
            sup = owner;
            pp_parties(sn, t + 1, f.obj_hi, "by", &sup);
            pp_parties(sn, t + 1, f.obj_hi, "from", &sup);
            if (!pp_parties(sn, t + 1, f.obj_hi, "to", &rec))
                pp_parties(sn, t + 1, f.obj_hi, "for", &rec); /* "a package for Kyiv" */
            plist origins = sup;
            if (sup.n == 0) {
                weapon_origins(sn, wps, nw, &origins, false);
                fill = FILL_ORIGIN;
            }
            if (rec.n == 0)
                phrase_dests(sn, wps, nw, &rec);
            if (rec.n == 0 && origins.n > 0 && nw > 0)
                plist_add(&rec, other_party(sn, &origins));
            if (sup.n == 0 && rec.n == 0 && origins.n == 0)
                definite_transfer(x, sn, t, f.lo, &sup, &rec);
        } else if (f.stage == AT_STAGE_INTENT) {
            /* a request: "Ukraine's request to Germany for Taurus
             * missiles", "a request from Kyiv": the asker receives */
            rec = owner;
            if (rec.n == 0)
                pp_parties(sn, t + 1, f.obj_hi, "from", &rec);
            if (!pp_parties(sn, t + 1, f.obj_hi, "to", &sup))
                sup = with;
            fill = FILL_GET;
        } else {
            rec = owner;
            pp_parties(sn, t + 1, f.obj_hi, "by", &rec); /* "imports by India" */
            if (!pp_parties(sn, t + 1, f.obj_hi, "from", &sup))
                sup = with;
            fill = FILL_ORIGIN;
        }
        break;
    }
    case F_ARRIVE: {
        /* "The first F-16 jets from Norway arrived in Ukraine": the goods
         * stand before, where they come to after, who sent them in a
         * "from X" or the goods' origin */
        if (nw != 0 || f.passive)
            return t;
        size_t w = left_wp(sn, &f);
        if (w == NONE)
            return t;
        nw = with_list(sn, w, wps, 0, 16);
        if (!pp_parties(sn, t + 1, f.hi, "in", &rec) && !pp_parties(sn, t + 1, f.hi, "at", &rec))
            pp_parties(sn, t + 1, f.hi, "to", &rec);
        if (!pp_parties(sn, f.lo, f.hi, "from", &sup))
            fill = FILL_ORIGIN;
        break;
    }
    case F_USE_N: {
        /* "Kyrgyzstan's use of Turkish drones", "Russian attacks with
         * North Korean missiles", "the use of Z by Y" */
        noun_owner(sn, t, f.lo, &rec);
        if (rec.n == 0)
            pp_parties(sn, t + 1, f.obj_hi, "by", &rec);
        fill = FILL_USE;
        break;
    }
    case F_SUPPLIER_N: {
        /* "Belarus has become Russia's main supplier of ammunition",
         * "Iran, a key arms supplier to the Houthis" */
        noun_owner(sn, t, f.lo, &rec);
        if (rec.n == 0 && !pp_parties(sn, t + 1, f.obj_hi, "to", &rec))
            pp_parties(sn, t + 1, f.obj_hi, "for", &rec);
        if (t > 0 && sn->u[t - 1].wp >= 0 && nw < 16)
            wps[nw++] = (size_t)sn->u[t - 1].wp;
        size_t k = np_start(sn, t, f.lo);
        if (k > f.lo && sn->u[k - 1].punct == ',' && k >= f.lo + 2 && sn->u[k - 2].party >= 0) {
            plist_add(&sup, sn->u[k - 2].party);
        } else if (k > f.lo && (is_be(sn, k - 1) || unit_is(sn, k - 1, "as") ||
                                unit_is(sn, k - 1, "become") || unit_is(sn, k - 1, "became") ||
                                unit_is(sn, k - 1, "remains") || unit_is(sn, k - 1, "remained"))) {
            frame g = f;
            g.subj.n = 0;
            find_subject(x, sn, k - 1, f.lo, &g);
            sup = g.subj;
        }
        if (sup.n == 0 || rec.n == 0)
            return t;
        break;
    }
    case F_DEAL_N:
    case F_TALK_N: {
        /* "deal to supply": the chained verb states it */
        if (t + 2 < sn->nu && unit_is(sn, t + 1, "to"))
            return t;
        if (t > 0 && sn->u[t - 1].wp >= 0 && nw < 16) {
            wps[nw++] = (size_t)sn->u[t - 1].wp;
        }
        /* "a contract ... for the purchase of Z": the transfer noun says
         * which way the goods go */
        size_t xfer = NONE;
        for (size_t i = t + 1; i < f.hi; i++) {
            const unit *w = &sn->u[i];
            int fr = w->has_noun ? w->noun.a : w->has_verb ? w->verb.a : -1;
            if (fr == F_GET_N || fr == F_GET || fr == F_GIVE_N || fr == F_GIVE) {
                xfer = i;
                break;
            }
        }
        if (nw == 0 && xfer != NONE)
            nw = region_wps(sn, xfer + 1, f.hi, wps, 16);
        if (nw == 0)
            return t;
        plist two = {0};
        noun_owner(sn, t, f.lo, &two);
        pp_parties(sn, t + 1, f.obj_hi, "with", &two);
        pp_parties(sn, t + 1, f.obj_hi, "between", &two);
        if (two.n < 2) {
            /* "officials have denied conducting any weapons deals" */
            for (size_t k = t; k > f.lo && t - k < 6; k--)
                if (unit_cue(sn, k - 1, CUE_DEALVERB) || unit_cue(sn, k - 1, CUE_DENY)) {
                    frame g = f;
                    g.subj.n = 0;
                    find_subject(x, sn, k - 1, f.lo, &g);
                    for (size_t i = 0; i < g.subj.n; i++)
                        plist_add(&two, g.subj.p[i]);
                    break;
                }
        }
        if (two.n != 2)
            return t;
        /* "X signed a contract with Y for the purchase of Z": the transfer
         * noun says who gets; the party after "with" is the other side */
        plist with = {0};
        pp_parties(sn, t + 1, f.obj_hi, "with", &with);
        bool directed = false;
        int16_t from = two.p[0], to = two.p[1];
        if (xfer != NONE && with.n == 1) {
            const unit *w = &sn->u[xfer];
            int fr = w->has_noun ? w->noun.a : w->verb.a;
            int16_t other = with.p[0], self = two.p[0] == other ? two.p[1] : two.p[0];
            bool get = fr == F_GET_N || fr == F_GET;
            from = get ? other : self;
            to = get ? self : other;
            directed = true;
        }
        for (size_t k = 0; k < nw; k++)
            emit(&e, from, to, &sn->wp[wps[k]], sn->wp[wps[k]].cat, sn->wp[wps[k]].sys,
                 f.stage, !directed);
        return t;
    }
    }
    TRACE("trace: frame t=%zu noun=%d passive=%d frame=%d nw=%zu ret=%zu obj_hi=%zu hi=%zu\n", t,
          noun, f.passive, f.frame, nw, f.ret, f.obj_hi, f.hi);
    if (nw == 0) {
        pronoun_object(&e, &sup, &rec);
        return t;
    }
    emit_wps(&e, &sup, &rec, wps, nw, f.stage, fill);
    size_t after = f.objnoun != NONE ? f.objnoun + 1 : t; /* the noun was read here */
    /* "X-supplied missiles" used or received by Y: a delivery too */
    if ((f.frame == F_USE || f.frame == F_GET) && rec.n) {
        size_t sw[16], ns = 0;
        for (size_t k = 0; k < nw; k++)
            if (phrase_origin(sn, wps, k, true) >= 0)
                sw[ns++] = wps[k];
        plist none = {0};
        emit_wps(&e, &none, &rec, sw, ns, AT_STAGE_DELIVERED, FILL_SUPPLIED);
    }
    /* "... in return for cash and help from Russia": the other way */
    if (f.ret != NONE && (f.frame == F_GIVE || f.frame == F_GIVE_N) &&
        f.stage == AT_STAGE_DELIVERED && sup.n && rec.n) {
        frame g = f;
        g.t = f.ret;
        size_t rw[16], nr = region_wps(sn, f.ret + 1, f.hi, rw, 16);
        plist rsup = {0};
        if (!pp_parties(sn, f.ret + 1, f.hi, "from", &rsup))
            rsup = rec;
        emit_ctx e2 = e;
        e2.f = &g;
        emit_wps(&e2, &rsup, &sup, rw, nr, AT_STAGE_DELIVERED, FILL_NONE);
        return f.hi;
    }
    return after;
}

/* "X has denied the allegations": the last claims about X, negated. */
static void apply_denial(xdoc *x, const sentence *sn, const sent_info *si, size_t k)
{
    static const char *const objs[] = {"allegations", "allegation", "accusations",
                                       "accusation", "claims", "claim", "reports",
                                       "report", "charges", "suggestions", NULL};
    bool found = false;
    for (size_t i = k + 1; i < sn->nu && i <= k + 4 && !found; i++)
        for (const char *const *w = objs; *w; w++)
            if (unit_is(sn, i, *w))
                found = true;
    if (!found)
        return;
    frame f = {.t = k, .subj_u = NONE};
    clause_bounds(sn, k, &f.lo, &f.hi);
    find_subject(x, sn, k, f.lo, &f);
    if (f.subj.n != 1)
        return;
    int16_t p = f.subj.p[0];
    /* the most recent earlier sentence with claims about P */
    size_t n = x->n, last_sent = (size_t)-1;
    for (size_t i = n; i > 0; i--) {
        const xclaim *c = &x->c[i - 1];
        if (c->sent >= sn->gsent || c->fact != AT_FACT_CLAIMED || c->amb)
            continue;
        if (c->sup != p && c->rec != p)
            continue;
        if (last_sent == (size_t)-1)
            last_sent = c->sent;
        if (c->sent != last_sent)
            break;
        xclaim d = *c;
        const at_sentence *se = &sn->tv->sents[sn->sent];
        d.fact = AT_FACT_NEGATED;
        d.sent = (uint32_t)sn->gsent;
        d.start = se->start;
        d.end = se->end;
        d.has_qty = d.has_date = false;
        d.cert = AT_CERT_REPORTED;
        d.has_src = true;
        const at_textview *tv = sn->tv;
        d.src.ptr = tv->text + tv->toks[sn->u[f.subj_u].t0].start;
        d.src.len = tv->toks[sn->u[f.subj_u].t1 - 1].end - tv->toks[sn->u[f.subj_u].t0].start;
        d.src_actor = p;
        d.mentions = 1;
        (void)si;
        xdoc_add(x, &d);
    }
}

/* "Moscow and Tehran are considering a joint production line in Russia":
 * a venture of two parties; the one where it stands receives. */
static void apply_joint(xdoc *x, const sentence *sn, const sent_info *si, const wphrase *w)
{
    frame f = {.t = w->u0, .subj_u = NONE, .noun = true};
    clause_bounds(sn, w->u0, &f.lo, &f.hi);
    f.chain_lo = w->u0;
    plist two = {0}, loc = {0};
    find_subject(x, sn, w->u0, f.lo, &f);
    for (size_t i = 0; i < f.subj.n; i++)
        plist_add(&two, f.subj.p[i]);
    pp_parties(sn, f.lo, f.hi, "with", &two);
    pp_parties(sn, w->u1, f.hi, "in", &loc);
    if (two.n != 2)
        return;
    uint8_t stage = AT_STAGE_DELIVERED;
    for (size_t i = f.lo; i < f.hi; i++) {
        if (unit_cue(sn, i, CUE_INTENT) || unit_cue(sn, i, CUE_WILL))
            stage = AT_STAGE_INTENT;
        else if (unit_cue(sn, i, CUE_AGREED) && stage != AT_STAGE_INTENT)
            stage = AT_STAGE_AGREED;
    }
    emit_ctx e = {.x = x, .sn = sn, .si = si, .f = &f};
    e.fact = negated(sn, &f) ? AT_FACT_NEGATED
             : hypothetical(sn, &f) ? AT_FACT_HYPOTHETICAL
                                    : AT_FACT_CLAIMED;
    if (loc.n == 1 && (loc.p[0] == two.p[0] || loc.p[0] == two.p[1])) {
        int16_t rec = loc.p[0], sup = rec == two.p[0] ? two.p[1] : two.p[0];
        emit(&e, sup, rec, w, w->cat, w->sys, stage, false);
    } else {
        emit(&e, two.p[0], two.p[1], w, w->cat, w->sys, stage, true);
    }
}

/* "rockets supplied by Israel", "systems procured from Russia": a
 * participle right after a weapon phrase, naming who supplied it, reads
 * as "Israel-supplied rockets" for the rest of the sentence (so that
 * "shelled the villages with rockets supplied by Israel" is a use of
 * Israel's rockets). The participle's own frame still reads any "to Y". */
static void reduced_relatives(sentence *sn)
{
    for (size_t i = 1; i + 2 < sn->nu; i++) {
        const unit *u = &sn->u[i];
        if (!u->has_verb || u->verb.b != VF_PART ||
            (u->verb.a != F_GIVE && u->verb.a != F_GET))
            continue;
        size_t w = i - 1;
        if (is_adverb(sn, w) && w > 0)
            w--;
        if (sn->u[w].wp < 0)
            continue;
        size_t lo, hi;
        clause_bounds(sn, i, &lo, &hi);
        if (hi > i + 7)
            hi = i + 7;
        plist by = {0};
        if (u->verb.a == F_GIVE && !(unit_is(sn, i + 1, "by") && pp_parties(sn, i + 1, hi, "by", &by)))
            continue;
        if (u->verb.a == F_GET && !(unit_is(sn, i + 1, "from") && pp_parties(sn, i + 1, hi, "from", &by)))
            continue;
        if (by.n != 1)
            continue;
        size_t items[16], n = with_list(sn, (size_t)sn->u[w].wp, items, 0, 16);
        for (size_t k = 0; k < n; k++) {
            wphrase *p = &sn->wp[items[k]];
            if (p->origin_kind == O_SUPPLIED && p->origin >= 0)
                continue;
            p->origin = by.p[0];
            p->origin_kind = O_SUPPLIED;
        }
    }
}

void rules_apply(xdoc *x, sentence *sn)
{
    /* remember people for "he" and "his" */
    for (size_t i = 0; i < sn->nu; i++)
        if (sn->u[i].party >= 0 && sn->u[i].pkind == PK_PERSON)
            x->last_person = sn->u[i].party;
    if (sn->question || sn->nu == 0)
        return;
    bool any = false;
    for (size_t i = 0; i < sn->nu; i++)
        if (unit_cue(sn, i, CUE_DENY) || (sn->nwp && (sn->u[i].has_verb || sn->u[i].has_noun)) ||
            (sn->u[i].wp >= 0 && sn->wp[sn->u[i].wp].joint))
            any = true;
    if (!any)
        return;
    reduced_relatives(sn);
    sent_info si;
    read_info(x, sn, &si);
    x->sayer = si.has_src ? si.actor : -1;
    for (size_t w = 0; w < SENT_MAX_WPS; w++)
        x->wp_supplier[w] = -1;
    size_t skip = 0;
    for (size_t i = 0; i < sn->nu; i++) {
        bool noun;
        if (i >= skip && sn->nwp && (sn->u[i].has_verb || sn->u[i].has_noun) &&
            is_trigger(sn, i, &noun))
            skip = apply_frame(x, sn, &si, i, noun);
        if (unit_cue(sn, i, CUE_DENY))
            apply_denial(x, sn, &si, i);
    }
    for (size_t w = 0; w < sn->nwp; w++)
        if (sn->wp[w].joint)
            apply_joint(x, sn, &si, &sn->wp[w]);
}
