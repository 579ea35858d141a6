/* rules_cues.c: how far and how surely: the stage chain before a
 * transfer word ("plans to", "negotiations to"), and the scope of the
 * negations, modals and conditions that make a claim negated or
 * hypothetical. */
#include <string.h>

#include "rules_int.h"

static bool chain_unit(const sentence *sn, size_t i)
{
    return unit_cue(sn, i, CUE_SKIP) || unit_cue(sn, i, CUE_ASPECT) || is_adverb(sn, i) ||
           unit_is(sn, i, "to") || unit_is_det(sn, i) || sn->u[i].punct == '"' ||
           /* "looking at purchasing", "aiming at acquiring" */
           (unit_is(sn, i, "at") && i > 0 && unit_cue(sn, i - 1, CUE_INTENT));
}

/* Scan left of the trigger over its stage chain; returns the stage the
 * chain states, or -1. Sets F->chain_lo, and the subject for "X to V". */
int stage_chain(const sentence *sn, const at_timex *tx, size_t ntx, frame *f)
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
        } else if ((u->party >= 0 || (is_pronoun(sn, i) && !unit_is(sn, i, "its") &&
                                      !unit_is(sn, i, "their"))) &&
                   i + 1 < sn->nu && unit_is(sn, i + 1, "to")) {
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
            /* (across "the junta in Niger") */
            while (c > f->lo && i - c < 6 &&
                   (sn->u[c - 1].party >= 0 || is_conj(sn, c - 1) || unit_is(sn, c - 1, "the") ||
                    (unit_is(sn, c - 1, "in") && c >= f->lo + 2 && plain_modifier(sn, c - 2)) ||
                    (plain_modifier(sn, c - 1) && c < i && unit_is(sn, c, "in"))))
                c--;
            if (c > f->lo && (unit_is(sn, c - 1, "of") || unit_is(sn, c - 1, "by") ||
                              unit_is(sn, c - 1, "for") || unit_is(sn, c - 1, "with"))) {
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
        } else if ((unit_is(sn, i, "and") || unit_is(sn, i, "then")) && i > f->lo &&
                   sn->u[i - 1].has_verb && sn->u[i - 1].verb.a != F_USE) {
            /* "will purchase and then supply": the first verb's chain */
            i--;
        } else if (unit_is(sn, i, "then") && i > f->lo && unit_is(sn, i - 1, "and") && i > f->lo + 1 &&
                   sn->u[i - 2].has_verb) {
            i -= 2;
        } else if (!chain_unit(sn, i) && !in_timex(sn, i, tx, ntx) &&
                   !(unit_is(sn, i, "on") && i + 1 < sn->nu && in_timex(sn, i + 1, tx, ntx))) {
            break; /* "agreed on Thursday to buy": a date does not break it */
        }
        k = i;
        f->chain_lo = i;
    }
    return stage;
}

/* Every unit strictly between A and B is one a negation or modal reaches
 * through: auxiliaries, adverbs, cue words, the subject. */
bool tight(const sentence *sn, size_t a, size_t b)
{
    if (b > a + 12)
        return false;
    for (size_t i = a + 1; i < b; i++) {
        const unit *u = &sn->u[i];
        if (u->cues & ((1u << CUE_SKIP) | (1u << CUE_INTENT) | (1u << CUE_NEGOTIATING) |
                       (1u << CUE_AGREED) | (1u << CUE_CONTROL) | (1u << CUE_WILL) |
                       (1u << CUE_DEALVERB) | /* "had not made any decision on sending" */
                       (1u << CUE_ASPECT) |
                       (1u << CUE_MODAL) | (1u << CUE_NEG) | (1u << CUE_HYP) | (1u << CUE_EVIDENCE)))
            continue;
        if (u->party >= 0 || is_pronoun(sn, i) || is_adverb(sn, i) || unit_is_det(sn, i) ||
            u->wp >= 0 || /* "withhold arms deliveries" */
            u->punct == '"' || unit_is(sn, i, "to") || unit_is(sn, i, "yet") ||
            unit_is(sn, i, "ever") || unit_is(sn, i, "by") || unit_is(sn, i, "for") ||
            unit_is(sn, i, "from") || unit_is(sn, i, "on") || unit_is(sn, i, "in") ||
            unit_is(sn, i, "of") || unit_is(sn, i, "that"))
            continue;
        return false;
    }
    return true;
}

bool negated(const sentence *sn, const frame *f)
{
    for (size_t i = f->lo; i < f->hi; i++) {
        if (!unit_cue(sn, i, CUE_NEG) && !unit_cue(sn, i, CUE_DENY))
            continue;
        /* "should not buy": advice, which states nothing done or not */
        if (i > f->lo && (unit_is(sn, i - 1, "should") || unit_is(sn, i - 1, "must") ||
                          unit_is(sn, i - 1, "ought")))
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
bool reported_would(const sentence *sn, size_t i)
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

/* "approved a possible $2.4 billion sale", "approval for a potential
 * sale": the formula of a sale's approval, not a doubt about it. */
static bool approval_formula(const sentence *sn, size_t i, const frame *f)
{
    size_t k = i;
    while (k > f->lo && (unit_is_det(sn, k - 1) || unit_is(sn, k - 1, "for") ||
                         unit_is(sn, k - 1, "of") || plain_modifier(sn, k - 1) ||
                         sn->tv->toks[sn->u[k - 1].t0].kind == TK_NUM))
        k--;
    if (k == f->lo || !unit_cue(sn, k - 1, CUE_AGREED))
        return false;
    /* the possible thing is the sale or deal that follows */
    for (size_t j = i + 1; j < f->hi && j < i + 7; j++) {
        const unit *u = &sn->u[j];
        if (u->has_noun && (u->noun.a == F_GIVE_N || u->noun.a == F_GET_N || u->noun.a == F_DEAL_N))
            return true;
        if (u->wp >= 0)
            continue; /* "possible arms sales": "arms" is no verb here */
        if (u->has_verb || (u->punct && u->punct != '$'))
            return false;
    }
    return false;
}

bool hypothetical(const sentence *sn, const frame *f)
{
    /* "any drone shipments to Ethiopia risk": any such transfer */
    if (f->noun) {
        size_t k = f->t;
        while (k > f->lo && f->t - k < 4 &&
               (sn->u[k - 1].wp >= 0 || plain_modifier(sn, k - 1) ||
                (sn->u[k - 1].party >= 0 && sn->u[k - 1].pkind == PK_ADJ)))
            k--;
        if (k > f->lo && unit_is(sn, k - 1, "any"))
            return true;
    }
    /* "that sending weapons to Ukraine would be a violation": a gerund
     * that is the subject of a modal */
    if (!f->noun && sn->u[f->t].has_verb && sn->u[f->t].verb.b == VF_ING &&
        (f->t == f->lo || unit_is(sn, f->t - 1, "that") || sn->u[f->t - 1].punct))
        for (size_t i = f->t + 1; i < f->hi && i < f->t + 14; i++) {
            if (sn->u[i].punct == ',' || sn->u[i].punct == ';' || is_be(sn, i) ||
                sn->u[i].has_verb)
                break;
            if (unit_cue(sn, i, CUE_MODAL))
                return true;
        }
    for (size_t i = f->lo; i < f->t; i++) {
        if (unit_cue(sn, i, CUE_HYP) && !approval_formula(sn, i, f))
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

/* After the noun phrase of transfer noun F->t (its "of Z", "to Y"), a
 * future ("will begin", "is expected to") or an announcement ("announced
 * by", "pledged by") says the transfer is yet to come. */
bool noun_future(const sentence *sn, const frame *f)
{
    size_t i = f->t + 1, verbs = 0;
    for (; i < f->hi && i < f->t + 14; i++) {
        const unit *u = &sn->u[i];
        if (u->punct == ',' || u->punct == ';' || unit_is(sn, i, "which") || unit_is(sn, i, "that"))
            return false;
        /* "will begin", "will be completed": the transfer itself to come;
         * not "the supply will calm down some hotheads" */
        /* "the provision of 220 Tomahawks to Australia would support" */
        if (unit_is(sn, i, "would"))
            return true;
        bool will = unit_cue(sn, i, CUE_WILL) && i + 1 < f->hi &&
                    (unit_cue(sn, i + 1, CUE_ASPECT) ||
                     (is_be(sn, i + 1) && i + 2 < f->hi &&
                      (unit_cue(sn, i + 2, CUE_ASPECT) || sn->u[i + 2].has_verb)));
        if (will || (u->has_verb && u->verb.stage == AT_STAGE_INTENT && u->verb.b == VF_PART) ||
            ((unit_cue(sn, i, CUE_INTENT) || unit_cue(sn, i, CUE_REPORT)) &&
             text_is(sn->tv, u->t0, "announced")) ||
            text_is(sn->tv, u->t0, "expected") || text_is(sn->tv, u->t0, "scheduled") ||
            text_is(sn->tv, u->t0, "due"))
            return true;
        /* "are still scheduled to be completed", "is now due" */
        if (is_be(sn, i)) {
            size_t j = i + 1;
            while (j < f->hi && j < i + 4 &&
                   (is_adverb(sn, j) || unit_is(sn, j, "still") || unit_is(sn, j, "now") ||
                    unit_is(sn, j, "also") || unit_cue(sn, j, CUE_SKIP)))
                j++;
            if (j < f->hi && (text_is(sn->tv, sn->u[j].t0, "expected") ||
                              text_is(sn->tv, sn->u[j].t0, "scheduled") ||
                              text_is(sn->tv, sn->u[j].t0, "due") ||
                              text_is(sn->tv, sn->u[j].t0, "planned") ||
                              unit_cue(sn, j, CUE_WILL)))
                return true;
        }
        /* the clause's own verb, past or present, ends the search */
        if (is_be(sn, i) || unit_is(sn, i, "has") || unit_is(sn, i, "have") ||
            unit_is(sn, i, "had") || (u->has_verb && ++verbs > 0))
            return false;
    }
    return false;
}
