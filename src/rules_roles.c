/* rules_roles.c: who stands where around a transfer word: subjects
 * (and the pronouns and coordinations that stand for them), parties after
 * prepositions, indirect objects, owners of transfer nouns, the weapon
 * phrases a trigger governs, and the tests that keep speakers, places,
 * origins and modifiers out of the roles. */
#include <string.h>

#include "rules_int.h"

/* Words that say a party is a source or a place, not a role: "US
 * officials", "Ukrainian sources", "in Ukraine". */
static bool party_is_speaker(const sentence *sn, size_t i)
{
    if (i + 1 < sn->nu && unit_cue(sn, i + 1, CUE_SPEAKER))
        return true;
    /* "Russian and Western sources" */
    if (i + 3 < sn->nu && is_conj(sn, i + 1) && sn->u[i + 2].party >= 0 &&
        unit_cue(sn, i + 3, CUE_SPEAKER))
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
bool party_is_origin(const sentence *sn, size_t i)
{
    for (size_t w = 0; w < sn->nwp; w++)
        if (sn->wp[w].origin == sn->u[i].party && sn->wp[w].u0 > i && sn->wp[w].u0 <= i + 3 &&
            sn->wp[w].cat != AT_CAT_PERSONNEL) /* "Georgian troops" act */
            return true;
    return false;
}

/* Parties coordinated with the one at unit I: "North Korea and Iran",
 * "Russian and North Korean officials", "Russia, China, and Iran". */

/* How many units the conjunction at K takes: 2 for ", and" (the serial
 * comma), 1 for a comma, "and" or "or", else 0. */
static size_t conj_at(const sentence *sn, size_t k, size_t hi)
{
    if (k >= hi || !is_conj(sn, k))
        return 0;
    if (sn->u[k].punct == ',' && k + 1 < hi && is_conj(sn, k + 1) && !sn->u[k + 1].punct)
        return 2;
    return 1;
}

static bool list_closes(const sentence *sn, size_t i, size_t hi)
{
    /* from a comma at I: party (, party)* [,] and|or party */
    for (size_t k = i; k + 1 < hi;) {
        size_t n = conj_at(sn, k, hi);
        if (n == 0 || k + n >= hi || sn->u[k + n].party < 0)
            return false;
        if (n == 2 || sn->u[k].punct != ',')
            return true;
        k += n + 1;
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
        if (c < lo + 1 || !is_conj(sn, c))
            break;
        /* ", and": the comma before the word is part of it */
        bool serial = !sn->u[c].punct && sn->u[c - 1].punct == ',' && c >= lo + 2;
        size_t start = serial ? c - 1 : c;
        if (start < lo + 1 || sn->u[start - 1].party < 0)
            break;
        if (sn->u[c].punct == ',' && !closed && !list_closes(sn, c, hi))
            break;
        closed = true;
        plist_add(out, sn->u[start - 1].party);
        k = start - 1;
    }
    for (size_t k = i; k + 2 < hi;) {
        size_t c = k + 1;
        if (unit_is(sn, c, "as") && c + 3 < hi && unit_is(sn, c + 1, "well") &&
            unit_is(sn, c + 2, "as"))
            c += 2;
        size_t n = conj_at(sn, c, hi);
        size_t p = n ? party_at(sn, c + n, hi) : NONE;
        if (p == NONE)
            break;
        plist_add(out, sn->u[p].party);
        k = p;
    }
}

/* The party at unit I stands before a plain word ("Western sanctions",
 * "Russian stockpiles"): it describes something else, it is no role. */
static bool party_is_modifier(const sentence *sn, size_t i)
{
    if (i + 1 >= sn->nu)
        return false;
    const unit *n = &sn->u[i + 1];
    if (n->punct || n->party >= 0 || unit_is_prep(sn, i + 1) || is_conj(sn, i + 1) ||
        unit_is(sn, i + 1, "'s") || (sn->tv->toks[n->t0].flags & TF_CAP) ||
        is_time_word(sn, i + 1)) /* "helped Ukraine last spring" */
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
    /* "The US warned Serbia that it should not buy": what one should do
     * is told to the one addressed */
    if (i >= 2 && unit_is(sn, i - 1, "that") && sn->u[i - 2].party >= 0 && i + 1 < sn->nu &&
        (unit_is(sn, i + 1, "should") || unit_is(sn, i + 1, "must") ||
         unit_is(sn, i + 1, "ought")))
        for (size_t b = i - 2; b > 0 && i - 2 - b < 3; b--) {
            const unit *v = &sn->u[b - 1]; /* a verb: "warned", "told" */
            if (!v->punct && v->party < 0 && v->wp < 0 && !unit_is_prep(sn, b - 1) &&
                !is_conj(sn, b - 1) && !unit_is_det(sn, b - 1))
                return sn->u[i - 2].party;
            if (!unit_is_det(sn, b - 1))
                break;
        }
    if (x->last_subject >= 0 && x->last_subject_sent == sn->gsent)
        return x->last_subject;
    for (size_t k = i; k > 0; k--) {
        const unit *u = &sn->u[k - 1];
        /* "Iranian officials have denied they": the speakers' side */
        bool speakers = k < sn->nu && unit_cue(sn, k, CUE_SPEAKER);
        if (u->party < 0 || party_is_origin(sn, k - 1) ||
            (party_is_modifier(sn, k - 1) && !speakers))
            continue;
        size_t b = k - 1;
        while (b > 0 && unit_is_det(sn, b - 1))
            b--;
        if (b > 0 && (unit_is_prep(sn, b - 1) || sn->u[b - 1].has_verb))
            continue;
        /* a subject starts a clause: "after joining NATO" is no subject */
        if (b > 0 && !(sn->u[b - 1].punct || is_conj(sn, b - 1) || unit_is(sn, b - 1, "that") ||
                       unit_is(sn, b - 1, "which") || unit_cue(sn, b - 1, CUE_REPORT) ||
                       unit_cue(sn, b - 1, CUE_BOUNDARY) || is_adverb(sn, b - 1) ||
                       unit_is(sn, b - 1, "if") || unit_is(sn, b - 1, "when")))
            continue;
        return u->party;
    }
    /* "they" in a new sentence are people ("the ministers ... they"),
     * or a group ("the Houthis"), rarely a state */
    if (unit_is(sn, i, "they") && x->last_subject >= 0) {
        const char *code = dict_party_code(x->d, (uint16_t)x->last_subject);
        if (code && code[0] >= 'A' && code[0] <= 'Z')
            return -1;
    }
    return x->last_subject;
}

/* The subject of the trigger, searching left from unit FROM (the start of
 * its stage chain) to the clause start LO. */
void find_subject(const xdoc *x, const sentence *sn, size_t from, size_t lo,
                  frame *f)
{
    /* "Bulgaria helped Ukraine by supplying it with", "Minsk requested
     * aid from Moscow, asking for drones": the subject of the verb the
     * "by" phrase or the participle belongs to, not its object */
    if (from > lo && (unit_is(sn, from - 1, "by") || sn->u[from - 1].punct == ',') &&
        sn->u[from].has_verb && sn->u[from].verb.b == VF_ING) {
        for (size_t i = lo; i + 1 < from; i++) {
            const unit *u = &sn->u[i];
            if (u->party < 0 || party_is_origin(sn, i) || party_is_speaker(sn, i) ||
                party_is_modifier(sn, i) || (i > lo && unit_is_prep(sn, i - 1)))
                continue;
            coordinated(sn, i, lo, from, &f->subj);
            f->subj_u = i;
            return;
        }
    }
    /* "Poland said that supplying its tanks would": a gerund with no
     * subject of its own is the sayer's doing */
    /* "Poland said that supplying its tanks would": a gerund with no
     * subject of its own is the sayer's doing */
    size_t that = unit_is(sn, from, "that") ? from : from - 1, ing = that + 1;
    if (from >= 1 && that >= 2 && ing < sn->nu && unit_is(sn, that, "that") &&
        sn->u[ing].has_verb && sn->u[ing].verb.b == VF_ING &&
        unit_cue(sn, that - 1, CUE_REPORT) && sn->u[that - 2].party >= 0 &&
        !party_is_modifier(sn, that - 2)) {
        coordinated(sn, that - 2, 0, that - 1, &f->subj);
        f->subj_u = that - 2;
        return;
    }
    for (size_t k = from; k > lo; k--) {
        size_t i = k - 1;
        const unit *u = &sn->u[i];
        /* "Iran said X supplied": the subject is after the saying; but
         * "Iran has been accused of supplying": a passive saying */
        if (unit_is(sn, i, "that") ||
            (unit_cue(sn, i, CUE_REPORT) && !u->has_verb && !(i > lo && is_be(sn, i - 1)))) {
            return;
        }
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
            size_t b = i;
            while (b > lo && unit_is(sn, b - 1, "the"))
                b--;
            bool governed = b > lo && unit_is_prep(sn, b - 1) && !unit_is(sn, b - 1, "'s");
            /* "of Russia seeking", "for Iran to start supplying"; but "a
             * deal with the United Kingdom to buy" is the subject's deal */
            bool adjacent = i + 1 == from || (i + 1 < sn->nu && unit_is(sn, i + 1, "to")) ||
                            (i + 1 < sn->nu && unit_is(sn, i + 1, "'s")) ||
                            (i + 1 < sn->nu && is_gerund(sn, i + 1)); /* "from Indonesia shutting" */
            /* (but "approval from the United States to send" is not
             * the sender's) */
            if (governed && (!adjacent || unit_is(sn, b - 1, "with") || unit_is(sn, b - 1, "from")))
                continue;
            coordinated(sn, i, lo, from, &f->subj);
            f->subj_u = i;
            return;
        }
        if (is_pronoun(sn, i) ||
            (is_state_noun(sn, i) && i > lo &&
             (unit_is(sn, i - 1, "the") || unit_is(sn, i - 1, "that") || unit_is(sn, i - 1, "this")))) {
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
    /* "In a bid to acquire drones from Turkey, Poland sent": a purpose
     * put first belongs to the subject after its comma */
    if (f->subj.n == 0 && (unit_is(sn, 0, "in") || unit_is(sn, 0, "to"))) {
        for (size_t i = from + 1; i + 1 < sn->nu; i++) {
            if (sn->u[i].punct && sn->u[i].punct != ',')
                break;
            if (sn->u[i].punct != ',')
                continue;
            size_t p = i + 1 < sn->nu && unit_is(sn, i + 1, "the") ? i + 2 : i + 1;
            if (p < sn->nu && sn->u[p].party >= 0 && !party_is_origin(sn, p) &&
                !(p + 1 < sn->nu && unit_is(sn, p + 1, "'s"))) {
                coordinated(sn, p, p, sn->nu, &f->subj);
                f->subj_u = p;
            }
            break;
        }
    }
}

/* "the two NATO countries", "EU members": some members, not the bloc. */
static bool bloc_members(const sentence *sn, size_t i)
{
    static const char *const nouns[] = {"countries", "members", "states", "allies", "nations",
                                        "partners", "governments", "ally", "partner", "member",
                                        "country", "state", NULL};
    if (sn->u[i].pkind != PK_GROUP || i + 1 >= sn->nu)
        return false;
    for (const char *const *w = nouns; *w; w++)
        if (unit_is(sn, i + 1, *w))
            return true;
    return false;
}

/* Parties after preposition PREP in units [lo, hi): "from North Korea",
 * "to the Kremlin", "from countries like North Korea and Iran". */
/* "similar to", "according to", "a threat to": a "to" that names no
 * recipient. */
static bool idiom_to(const sentence *sn, size_t i)
{
    static const char *const before[] = {"similar", "close", "next", "according", "due",
                                         "thanks", "addition", "compared", "contrary", "prior",
                                         "response", "threat", "threats", "reference", "regard",
                                         "relation", "respect", "allegiance", "visit", "trip",
                                         NULL};
    if (i == 0)
        return false;
    for (const char *const *w = before; *w; w++)
        if (unit_is(sn, i - 1, *w))
            return true;
    return false;
}

/* The first party of ", including X" or "such as X" right after the
 * plain noun phrase that starts at I ("allies, including China"). */
static size_t including(const sentence *sn, size_t i, size_t hi)
{
    for (size_t k = i; k < hi && k < i + 5; k++) {
        if (unit_is(sn, k, "including") || unit_is(sn, k, "notably") ||
            (unit_is(sn, k, "such") && k + 1 < hi && unit_is(sn, k + 1, "as"))) {
            size_t p = unit_is(sn, k, "such") ? k + 2 : k + 1;
            if (p < hi && unit_is(sn, p, "the"))
                p++;
            return p < hi && sn->u[p].party >= 0 ? p : NONE;
        }
        const unit *u = &sn->u[k];
        if ((u->punct && u->punct != ',') || u->party >= 0 || u->has_verb || u->has_noun ||
            u->wp >= 0 || unit_is_prep(sn, k))
            return NONE;
    }
    return NONE;
}

bool pp_parties(const sentence *sn, size_t lo, size_t hi, const char *prep, plist *out)
{
    for (size_t i = lo; i < hi; i++) {
        if (!unit_is(sn, i, prep) || (!strcmp(prep, "to") && idiom_to(sn, i)))
            continue;
        for (size_t k = i + 1, skipped = 0; k < hi && skipped < 5; k++) {
            const unit *u = &sn->u[k];
            if (u->party >= 0 && bloc_members(sn, k))
                continue; /* "to NATO ally Turkey": Turkey is the party */
            if (u->party >= 0) {
                if (party_is_origin(sn, k))
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
            /* "from its key allies, including China and Iran" */
            if (unit_is(sn, k, "its") || unit_is(sn, k, "their")) {
                size_t p = including(sn, k + 1, hi);
                if (p != NONE) {
                    coordinated(sn, p, p, hi, out);
                    return true;
                }
            }
            /* "to the conflicting parties in Sudan": a place in the
             * phrase is no party to it; "to the government of Ukraine" is */
            if (u->has_weapon || u->has_verb || u->has_noun || (u->punct && u->punct != ',') ||
                unit_is(sn, k, "its") || unit_is(sn, k, "their") || unit_is(sn, k, "his") ||
                unit_is(sn, k, "and") || unit_is(sn, k, "as") || unit_is(sn, k, "when") ||
                unit_is(sn, k, "after") || unit_is(sn, k, "because") || is_be(sn, k) ||
                (unit_is_prep(sn, k) && !unit_is(sn, k, "of") && !unit_is(sn, k, "like")))
                break;
            skipped++;
        }
    }
    return false;
}

/* The weapon phrases a trigger governs in units [lo, hi): stop at a comma
 * that is followed by something other than more of the list. */
size_t region_wps(const sentence *sn, size_t lo, size_t hi, size_t *out, size_t max)
{
    size_t n = 0, gap = 0;
    bool comma = false;
    for (size_t i = lo; i < hi && n < max; i++) {
        const unit *u = &sn->u[i];
        /* "missiles that Moscow's troops launch": a relative clause with
         * a subject of its own is no longer the object */
        if (n > 0 && i + 1 < hi && (unit_is(sn, i, "that") || unit_is(sn, i, "which")) &&
            (sn->u[i + 1].party >= 0 || is_pronoun(sn, i + 1) || is_be(sn, i + 1) ||
             unit_is(sn, i + 1, "has") || unit_is(sn, i + 1, "have") || unit_is(sn, i + 1, "had")))
            break;
        /* "carriers manufactured by Arzamas Machine-Building Plant": the
         * maker is no good */
        if (n > 0 && unit_cue(sn, i, CUE_MADE) && i + 1 < hi && unit_is(sn, i + 1, "by"))
            break;
        /* "components for the construction of the Eurofighter": what is
         * built with the goods is not among them */
        if (unit_cue(sn, i, CUE_PURPOSE) && i + 1 < hi && unit_is(sn, i + 1, "of"))
            break;
        /* "tanks to Ukraine to 'push Russian troops back'": a purpose */
        if (n > 0 && unit_is(sn, i, "to") && i + 1 < hi &&
            !(sn->tv->toks[sn->u[i].t0].flags & TF_HYPH) &&
            !(sn->tv->toks[sn->u[i + 1].t0].flags & TF_HYPH)) { /* not "air-to-air" */
            size_t v = i + 1;
            while (v + 1 < hi && (sn->u[v].punct == '\'' || sn->u[v].punct == '"'))
                v++;
            if (sn->u[v].has_verb || (plain_modifier(sn, v) && !is_gerund(sn, v)) ||
                (is_be(sn, v) && v + 1 < hi && sn->u[v + 1].party < 0)) /* "to be fitted into" */
                break;
        }
        /* "munitions for the Gepard", "spare parts for F-16s": what the
         * goods are for is not among them */
        if (n > 0 && unit_is(sn, i, "for")) {
            size_t w = i + 1;
            while (w < hi && (unit_is_det(sn, w) || plain_modifier(sn, w)))
                w++;
            size_t before = i;
            while (before > lo && (unit_is_det(sn, before - 1) || plain_modifier(sn, before - 1)))
                before--;
            if (w < hi && sn->u[w].wp >= 0 && before > lo && sn->u[before - 1].wp >= 0) {
                i = sn->wp[sn->u[w].wp].u1 - 1;
                continue;
            }
        }
        if (u->wp >= 0) {
            if (comma && gap > 5)
                break;
            /* "aboard a C-17 aircraft", "via a cargo ship": what carries
             * the goods is not among them */
            size_t b = i;
            while (b > lo && (unit_is_det(sn, b - 1) || plain_modifier(sn, b - 1) ||
                              sn->u[b - 1].party >= 0 || unit_cue(sn, b - 1, CUE_MILITARY)))
                b--;
            if (b > lo && (unit_is(sn, b - 1, "aboard") || unit_is(sn, b - 1, "onboard") ||
                           unit_is(sn, b - 1, "via") ||
                           (unit_is(sn, b - 1, "board") && b > lo + 1 && unit_is(sn, b - 2, "on")))) {
                i = sn->wp[u->wp].u1 - 1;
                continue;
            }
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
void indirect_object(const xdoc *x, const sentence *sn, const frame *f, plist *out)
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
            /* "sell Algeria's rival and neighbour Morocco 25 jets": the
             * head of the phrase, not its owner */
            if (i + 1 < stop && unit_is(sn, i + 1, "'s"))
                for (size_t h = i + 2; h < stop && h < i + 7; h++) {
                    if (sn->u[h].punct || sn->u[h].has_verb || sn->u[h].has_noun)
                        break;
                    if (sn->u[h].party >= 0) {
                        i = h;
                        break;
                    }
                }
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
void noun_owner(const sentence *sn, size_t t, size_t lo, plist *out)
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
        else if (!det && is_conj(sn, k - 1) && sn->u[k - 1].punct != ',' && steps < 4) {
            /* "Taipei's most important ally and biggest arms supplier": an
             * owner shared across coordinated nouns */
            size_t j = k - 1;
            while (j > lo && k - j < 6 && (plain_modifier(sn, j - 1) || is_adverb(sn, j - 1)))
                j--;
            if (j >= lo + 2 && unit_is(sn, j - 1, "'s") && sn->u[j - 2].party >= 0)
                coordinated(sn, j - 2, lo, t, out);
            return;
        } else if (!(u->wp >= 0 || unit_cue(sn, k - 1, CUE_REPORT) ||
                   (unit_cue(sn, k - 1, CUE_SKIP) && !is_be(sn, k - 1) &&
                    !unit_is(sn, k - 1, "has") && !unit_is(sn, k - 1, "have") &&
                    !unit_is(sn, k - 1, "had") && !unit_is(sn, k - 1, "to")) ||
                   is_adverb(sn, k - 1) || (!det && plain_modifier(sn, k - 1))))
            return;
    }
}

/* The leftmost unit of the noun phrase headed by T: its determiners,
 * owner ("Russia's") and modifiers. */
size_t np_start(const sentence *sn, size_t t, size_t lo)
{
    size_t k = t;
    bool det = false, conj = false;
    while (k > lo && k + 10 > t) {
        const unit *u = &sn->u[k - 1];
        if (unit_is_det(sn, k - 1) || unit_is(sn, k - 1, "'s"))
            det = true;
        else if (!det && !conj && is_conj(sn, k - 1) && sn->u[k - 1].punct != ',')
            conj = true; /* "Taipei's most important ally and biggest supplier" */
        else if (!(u->wp >= 0 || is_adverb(sn, k - 1) || (!det && plain_modifier(sn, k - 1)) ||
                   (u->party >= 0 && k < t && (unit_is(sn, k, "'s") || u->pkind == PK_ADJ))))
            break;
        k--;
    }
    /* a conjunction crossed but no owner or determiner found: it joined
     * something else */
    if (conj && !det)
        for (k = t; k > lo && !is_conj(sn, k - 1); k--)
            ;
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
int16_t other_party(const sentence *sn, size_t lo, size_t hi, const plist *exclude)
{
    int16_t found = -1;
    for (size_t i = lo; i < hi; i++) {
        const unit *u = &sn->u[i];
        /* "to counter Russia's superiority": an owner of something else */
        if (u->party < 0 || u->made || party_is_speaker(sn, i) || party_is_place(sn, i) ||
            party_is_origin(sn, i) || party_is_modifier(sn, i) || party_acts(sn, i) ||
            party_governed(sn, i) || (i + 1 < sn->nu && unit_is(sn, i + 1, "'s")))
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

/* The list of weapon phrases ending with phrase W ("rifles and
 * ammunition that were shipped"): adds them to OUT. */
size_t with_list(const sentence *sn, size_t w, size_t *out, size_t n, size_t max)
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
size_t relative_wps(const sentence *sn, const frame *f, size_t *wps, size_t nw)
{
    if (nw != 0 || f->subj_u == NONE || f->subj_u <= f->lo || f->subj_u > f->t)
        return nw;
    size_t k = f->subj_u - 1;
    while (k > f->lo && unit_is_det(sn, k)) /* "which the Russians are using" */
        k--;
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
size_t left_wp(const sentence *sn, const frame *f)
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
