/* rules.c: the reading rules of spec/claims.md applied to one sentence.
 *
 * For each transfer word (a trigger: "supplied", "acquire", "launched",
 * "the transfer of", "deal") the rules find its stage chain ("plans to",
 * "negotiations to"), its roles (subject, "to X", "from X", "by X", "X's",
 * "Iranian-made"), the weapon phrases it governs, and the cues in its
 * clause that negate it or make it hypothetical. Every test is on units
 * and cue classes from the data files, never on particular sentences.
 * The helpers are in rules_*.c (rules_int.h). */
#include <string.h>

#include "rules_int.h"

/* Unit I is a capitalized word with no sense of its own: part of a
 * name ("Foreign Military Sale"). */
static bool name_word(const sentence *sn, size_t i)
{
    const unit *u = &sn->u[i];
    const at_token *t = &sn->tv->toks[u->t0];
    return (t->flags & TF_CAP) && t->kind == TK_WORD && u->t1 == u->t0 + 1 && u->party < 0 &&
           !u->has_verb && !u->has_noun && !u->has_weapon && !u->cues && !unit_is_det(sn, i) &&
           !unit_is_prep(sn, i);
}

/* A word that can head a noun phrase and has no sense of its own:
 * "client", "Control", "figures" (a plain modifier, or a capitalized
 * word of a name that is no party). */
static bool plain_noun(const sentence *sn, size_t i)
{
    const unit *u = &sn->u[i];
    const at_token *t = &sn->tv->toks[u->t0];
    if (plain_modifier(sn, i)) {
        /* "deliveries earmarked for", "sales approving": participles
         * after the noun, not nouns */
        const char *n = text_norm(sn->tv, u->t0);
        size_t len = t->nlen;
        bool participle = (len > 3 && n[len - 2] == 'e' && n[len - 1] == 'd') ||
                          (len > 4 && n[len - 3] == 'i' && n[len - 2] == 'n' && n[len - 1] == 'g');
        return !is_adverb(sn, i) && !participle;
    }
    return name_word(sn, i);
}

/* Unit I is part of a hyphenated compound: "follow-on", "long-awaited". */
static bool hyphenated(const sentence *sn, size_t i)
{
    const at_token *toks = sn->tv->toks;
    return (toks[sn->u[i].t0].flags & TF_HYPH) ||
           (i + 1 < sn->nu && (toks[sn->u[i + 1].t0].flags & TF_HYPH));
}

/* Unit I follows a determiner across a hyphenated compound (and plain
 * modifiers): "a follow-on order", "the long-awaited delivery". */
static bool modified_noun(const sentence *sn, size_t i)
{
    if (i == 0 || !hyphenated(sn, i - 1))
        return false; /* "that country supplies" is a verb */
    size_t k = i;
    while (k > 0 && i - k < 4 && (plain_modifier(sn, k - 1) || hyphenated(sn, k - 1)))
        k--;
    return k < i && k > 0 && (unit_is_det(sn, k - 1) || unit_is(sn, k - 1, "'s"));
}

/* Unit FROM, an -ing form, has a plain plural noun right before it for
 * its subject: "nations buying", "countries that" is not handled here. */
static bool generic_subject(const sentence *sn, size_t from, size_t lo)
{
    if (from <= lo || !plain_modifier(sn, from - 1))
        return false;
    const at_token *v = &sn->tv->toks[sn->u[from].t0];
    const at_token *n = &sn->tv->toks[sn->u[from - 1].t0];
    const char *vn = text_norm(sn->tv, sn->u[from].t0), *nn = text_norm(sn->tv, sn->u[from - 1].t0);
    bool ing = v->nlen > 4 && !memcmp(vn + v->nlen - 3, "ing", 3);
    bool plural = n->nlen > 3 && nn[n->nlen - 1] == 's' && nn[n->nlen - 2] != 's';
    return ing && plural;
}

/* "abandoned plans to purchase", "scrapped its bid to buy": a plan given
 * up is an intent negated, not a refusal to deliver. */
static bool plan_dropped(const sentence *sn, const frame *f)
{
    static const char *const plans[] = {"plan",  "plans",   "intention", "intentions", "bid",
                                        "effort", "efforts", "attempt",   NULL};
    /* given up, not put on hold: a pause is a refusal (claims.md 4) */
    static const char *const dropped[] = {"abandoned", "abandons", "abandon", "scrapped",
                                          "scraps",    "scrap",    "dropped", "drops",
                                          "shelved",   "shelves",  "cancelled", "canceled",
                                          "ditched",   NULL};
    for (size_t i = f->chain_lo; i < f->t; i++)
        for (const char *const *w = plans; *w; w++)
            if (text_is(sn->tv, sn->u[i].t0, *w)) {
                size_t k = i;
                while (k > f->lo && (unit_is_det(sn, k - 1) || is_adverb(sn, k - 1)))
                    k--;
                for (const char *const *d = dropped; k > f->lo && *d; d++)
                    if (text_is(sn->tv, sn->u[k - 1].t0, *d))
                        return true;
            }
    return false;
}

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
                    (i >= 2 && unit_is_det(sn, i - 2) && unit_cue(sn, i - 1, CUE_REPORT)) ||
                    modified_noun(sn, i);
    if (u->has_noun && (noun_ctx || !u->has_verb)) {
        /* "export client", "the Arms Export Control Act", "sales figures":
         * a transfer noun that modifies the noun after it is no transfer */
        if (u->t1 == u->t0 + 1 && i + 1 < sn->nu && plain_noun(sn, i + 1) &&
            !(i + 2 < sn->nu && (unit_is(sn, i + 2, "of") || unit_is(sn, i + 2, "to"))))
            return false;
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
    /* "arms": a verb only with an object after it ("arms the Houthis"),
     * else the weapons of "arms company", "arms sales" */
    if (u->has_weapon && !(i + 1 < sn->nu && (sn->u[i + 1].party >= 0 || is_pronoun(sn, i + 1) ||
                                             unit_is_det(sn, i + 1))))
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
    /* "sent Peru a shipment of", "provided billions of dollars in military
     * aid to Egypt": its goods follow ("of") or it names them itself */
    if (n > f->t + 9 || !((n + 1 < f->hi && unit_is(sn, n + 1, "of")) || u->has_weapon))
        return false;
    for (size_t i = f->t + 1; i < n; i++) {
        const unit *m = &sn->u[i];
        if ((m->punct && m->punct != '$') || m->has_verb || m->has_noun || m->wp >= 0 ||
            (unit_is_prep(sn, i) && !unit_is(sn, i, "of") && !unit_is(sn, i, "in")))
            return false;
    }
    return true;
}

static void object_region(const sentence *sn, frame *f)
{
    f->ret = NONE;
    f->obj_hi = f->hi;
    f->objnoun = NONE;
    f->inc = NONE;
    bool rel = false; /* in a relative clause of the noun: "that had been destined for" */
    for (size_t i = f->t + 1; i < f->hi; i++) {
        if (unit_is(sn, i, "that") || unit_is(sn, i, "which"))
            rel = true;
        else if (sn->u[i].punct == ',')
            rel = false;
        /* a noun's complements ("of Z to Y") end where its clause's verb
         * begins: "the supply of S-300s to Syria will calm ... our troops";
         * but what the transfer "included" is its goods */
        if (f->noun && !rel &&
            (unit_cue(sn, i, CUE_WILL) || unit_cue(sn, i, CUE_MODAL) || is_be(sn, i) ||
             unit_is(sn, i, "has") || unit_is(sn, i, "have") || unit_is(sn, i, "had") ||
             unit_cue(sn, i, CUE_REPORT) ||
             (sn->u[i].has_verb && sn->u[i].verb.b != VF_PART && !sn->u[i].has_noun))) {
            f->obj_hi = i;
            for (size_t k = i; k < f->hi && f->inc == NONE; k++)
                if (text_is(sn->tv, sn->u[k].t0, "included") ||
                    text_is(sn->tv, sn->u[k].t0, "includes") ||
                    text_is(sn->tv, sn->u[k].t0, "include") ||
                    text_is(sn->tv, sn->u[k].t0, "comprised") ||
                    text_is(sn->tv, sn->u[k].t0, "consists") ||
                    text_is(sn->tv, sn->u[k].t0, "consisted"))
                    f->inc = k;
            return;
        }
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

/* Who the noun phrase headed by T is said to be: "Belarus has become
 * Russia's main supplier", "Armenia is one of the largest buyers",
 * "Iran, a key supplier of". Empty when the phrase is no predicate. */
static void predicate_subject(const xdoc *x, const sentence *sn, const frame *f, plist *out)
{
    size_t k = np_start(sn, f->t, f->lo);
    /* "one of the largest buyers", "among the main suppliers" */
    if (k > f->lo + 1 && unit_is(sn, k - 1, "of") && unit_is(sn, k - 2, "one"))
        k -= 2;
    else if (k > f->lo && unit_is(sn, k - 1, "among"))
        k--;
    if (k > f->lo && sn->u[k - 1].punct == ',' && k >= f->lo + 2 && sn->u[k - 2].party >= 0) {
        plist_add(out, sn->u[k - 2].party);
    } else if (k > f->lo && (is_be(sn, k - 1) || unit_is(sn, k - 1, "as") ||
                             unit_is(sn, k - 1, "become") || unit_is(sn, k - 1, "became") ||
                             unit_is(sn, k - 1, "remains") || unit_is(sn, k - 1, "remained"))) {
        frame g = *f;
        g.subj.n = 0;
        find_subject(x, sn, k - 1, f->lo, &g);
        *out = g.subj;
    }
}

/* The recipient SUP gave to in an earlier clause of this sentence, or -1. */
static int16_t clause_recipient(const xdoc *x, const sentence *sn, int16_t sup)
{
    for (size_t k = x->n; k > 0; k--) {
        const xclaim *c = &x->c[k - 1];
        if (c->sent != sn->gsent)
            break;
        if (c->sup == sup && c->rec >= 0 && !c->amb)
            return c->rec;
    }
    return -1;
}

/* Unit T is a form of "deploy": its own forces go where it says, or
 * stay home. */
static bool deploys(const sentence *sn, size_t t)
{
    return text_is(sn->tv, sn->u[t].t0, "deploy") || text_is(sn->tv, sn->u[t].t0, "deploys") ||
           text_is(sn->tv, sn->u[t].t0, "deployed") || text_is(sn->tv, sn->u[t].t0, "deploying");
}

/* A transfer word that names no goods: training (a technology claim
 * when the sentence is military: "will train Ukrainian soldiers"). */
static bool goodsless(const sentence *sn, size_t i)
{
    return sn->u[i].has_verb && sn->u[i].verb.a == F_TRAIN;
}

/* Transfer noun T names a sale or purchase, not a handover. */
static bool commercial(const sentence *sn, size_t t)
{
    static const char *const words[] = {"sale", "sales", "purchase", "purchases", "export",
                                        "exports", "acquisition", "acquisitions", NULL};
    for (const char *const *w = words; *w; w++)
        if (unit_is(sn, t, *w))
            return true;
    return false;
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
                      unit_is(sn, k - 1, "for") || unit_cue(sn, k - 1, CUE_HYP) ||
                      unit_cue(sn, k - 1, CUE_MILITARY) || unit_is(sn, k - 1, "of") ||
                      plain_modifier(sn, k - 1) || /* "approved two possible arms sales" */
                      unit_is(sn, k - 1, "over") || unit_is(sn, k - 1, "about") ||
                      is_adverb(sn, k - 1) || name_word(sn, k - 1); /* "Foreign Military Sale" */
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
    /* "talks on the sale of": a noun names no one who acts */
    if (sn->u[v].has_noun && !sn->u[v].has_verb && !unit_cue(sn, v, CUE_NEG)) {
        with->n = 0;
        return NONE;
    }
    if (unit_cue(sn, v, CUE_NEG) || unit_cue(sn, v, CUE_DEALVERB) || unit_cue(sn, v, CUE_AGREED) ||
        unit_cue(sn, v, CUE_INTENT) || unit_cue(sn, v, CUE_DENY) ||
        unit_cue(sn, v, CUE_NEGOTIATING) || unit_cue(sn, v, CUE_ASPECT) || unit_cue(sn, v, CUE_WIN))
        return v;
    with->n = 0;
    return NONE;
}

/* What can be fired or used: no troops (they fire), no factories,
 * technology, parts or money ("launch the production"). */
static bool usable(uint8_t cat)
{
    return cat != AT_CAT_PERSONNEL && cat != AT_CAT_PRODUCTION && cat != AT_CAT_TECHNOLOGY &&
           cat != AT_CAT_COMPONENTS && cat != AT_CAT_ECONOMIC && cat != AT_CAT_NUCLEAR;
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
    int chain = stage_chain(sn, si->tx, si->ntx, &f);
    /* "approved the handover of": one side deciding; an approved sale is
     * agreed (spec/claims.md section 4) */
    if (noun && chain == AT_STAGE_AGREED && !commercial(sn, t))
        for (size_t i = f.chain_lo; i < t; i++)
            if (text_is(sn->tv, sn->u[i].t0, "approved") || text_is(sn->tv, sn->u[i].t0, "approves") ||
                text_is(sn->tv, sn->u[i].t0, "approving"))
                chain = AT_STAGE_INTENT;
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
    /* "signed a deal worth 2.1 billion kroner (£241 million) to buy": a
     * deal's infinitive, whatever money stands between */
    if (chain < 0 && !noun && f.stage == AT_STAGE_DELIVERED && t > f.lo && unit_is(sn, t - 1, "to"))
        for (size_t k = t - 1, steps = 0; k > f.lo && steps < 12; k--, steps++) {
            const unit *p = &sn->u[k - 1];
            if (p->has_noun && p->noun.a == F_DEAL_N) {
                f.stage = AT_STAGE_AGREED;
                break;
            }
            /* money, dates and the other side may stand between: "a
             * contract with South Korea in 2022 to acquire" */
            if (p->has_verb || p->has_noun || p->punct == ';' || p->punct == ':' ||
                is_be(sn, k - 1) || unit_cue(sn, k - 1, CUE_REPORT))
                break;
        }
    /* "The delivery of the aircraft will begin in 2028", "military aid
     * to Kiev announced by Ottawa": a transfer noun that is yet to come */
    if (noun && chain < 0 && f.stage == AT_STAGE_DELIVERED && noun_future(sn, &f))
        f.stage = AT_STAGE_INTENT;
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
        /* "troops deployed in Mali", "tanks sent to Ukraine": a
         * participle right after the goods, then where they went */
        if (k == t && t > f.lo && sn->u[t - 1].wp >= 0 && sn->u[t].verb.b == VF_PART &&
            t + 1 < f.hi &&
            (unit_is(sn, t + 1, "to") || unit_is(sn, t + 1, "in") || unit_is(sn, t + 1, "into")))
            f.passive = true;
    }

    emit_ctx e = {.x = x, .sn = sn, .si = si, .f = &f};
    if (negated(sn, &f))
        e.fact = AT_FACT_NEGATED;
    else if (hypothetical(sn, &f))
        e.fact = AT_FACT_HYPOTHETICAL;
    else
        e.fact = AT_FACT_CLAIMED;
    /* "will not send", "refused to sell": a refusal; but a denied request
     * ("denied it turned to Moscow for") stays a request */
    if (e.fact == AT_FACT_NEGATED && f.stage == AT_STAGE_INTENT && v->stage != AT_STAGE_INTENT &&
        !plan_dropped(sn, &f))
        f.stage = AT_STAGE_DELIVERED;
    if (e.fact == AT_FACT_HYPOTHETICAL && f.frame == F_USE)
        return t;

    size_t wps[16], nw = 0;
    plist sup = {0}, rec = {0};
    int fill = FILL_NONE;
    if (!noun && !(f.passive && f.frame != F_USE)) {
        /* "sanctions on nations buying arms from Russia": a class of
         * buyers or suppliers, no party, and no claim */
        if (generic_subject(sn, f.chain_lo, f.lo))
            return t;
        find_subject(x, sn, f.chain_lo, f.lo, &f);
        set_subject_context(x, sn, &f.subj);
        /* "until Slovakia receives the F-16s": not yet */
        size_t b = f.subj_u != NONE && f.subj_u < f.chain_lo ? f.subj_u : f.chain_lo;
        while (b > f.lo && unit_is_det(sn, b - 1))
            b--;
        if (b > f.lo && unit_is(sn, b - 1, "until") && f.stage == AT_STAGE_DELIVERED &&
            f.frame != F_USE)
            f.stage = AT_STAGE_INTENT;
    }
    nw = region_wps(sn, t + 1, f.obj_hi, wps, 16);
    if (f.inc != NONE && nw < 16)
        nw += region_wps(sn, f.inc + 1, f.hi, wps + nw, 16 - nw);

    switch (f.frame) {
    case F_GIVE:
        if (f.passive) {
            if (!pp_parties(sn, t + 1, f.hi, "by", &sup))
                pp_parties(sn, t + 1, f.hi, "from", &sup);
            if (!pp_parties(sn, t + 1, f.hi, "to", &rec))
                pp_parties(sn, t + 1, f.hi, "into", &rec);
            /* "troops deployed in Mali": stationed there */
            if (rec.n == 0 && deploys(sn, t))
                pp_parties(sn, t + 1, f.hi, "in", &rec);
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
            /* "deploy its nuclear weapons in Belarus": stationed there */
            if (rec.n == 0 && deploys(sn, t))
                pp_parties(sn, t + 1, f.obj_hi, "in", &rec);
            nw = relative_wps(sn, &f, wps, nw);
        }
        if (rec.n == 0)
            phrase_dests(sn, wps, nw, &rec);
        if (sup.n == 0) {
            plist origins = {0};
            weapon_origins(sn, wps, nw, &origins, true);
            fill = FILL_SUPPLIED;
            if (rec.n == 0 && origins.n > 0 && nw > 0)
                plist_add(&rec, other_party(sn, f.lo, f.hi, &origins));
        } else if (rec.n == 0 && nw > 0 && holds_supplied(sn, wps, nw, &sup)) {
            /* "Ethiopia deployed systems procured from Russia": what the
             * subject sends on is what it was supplied */
            rec = sup;
            sup.n = 0;
            fill = FILL_SUPPLIED;
            f.stage = AT_STAGE_DELIVERED;
        } else if (rec.n == 0 && nw > 0 && !deploys(sn, t)) {
            plist_add(&rec, other_party(sn, f.lo, f.hi, &sup));
            /* "China was supplying Russia with drones, though it is also
             * helping with components": the same supplier's recipient in
             * an earlier clause */
            if (rec.n == 0 && sup.n == 1)
                plist_add(&rec, clause_recipient(x, sn, sup.p[0]));
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
        /* "help it use the equipment": the use is the help's aim */
        if (t >= 2 && (is_pronoun(sn, t - 1) || sn->u[t - 1].party >= 0) &&
            (text_is(sn->tv, sn->u[t - 2].t0, "help") || text_is(sn->tv, sn->u[t - 2].t0, "helps") ||
             text_is(sn->tv, sn->u[t - 2].t0, "helped") || text_is(sn->tv, sn->u[t - 2].t0, "helping")))
            return t;
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
            if (usable(sn->wp[wps[k]].cat) && !(launch && sn->wp[wps[k]].cat == AT_CAT_NAVAL))
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
        size_t cue_verb = NONE;
        /* "agreed to Belgrade's purchase of": the owner's and the verb's */
        if (owner.n != 0 && chain < 0 && f.stage == AT_STAGE_DELIVERED) {
            size_t k = np_start(sn, t, f.lo);
            if (k > f.lo + 1 && unit_is(sn, k - 1, "to") &&
                (unit_cue(sn, k - 2, CUE_AGREED) || unit_cue(sn, k - 2, CUE_DEALVERB)))
                f.stage = commercial(sn, t) ? AT_STAGE_AGREED : AT_STAGE_INTENT;
        }
        if (owner.n == 0) {
            size_t k = cue_verb_of(sn, t, f.lo, &with);
            cue_verb = k;
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
                    /* an approved sale is agreed; an approved handover is
                     * one side deciding */
                    f.stage = commercial(sn, t) || !unit_cue(sn, k, CUE_AGREED) ||
                                      !text_is(sn->tv, sn->u[k].t0, "approved")
                                  ? AT_STAGE_AGREED
                                  : AT_STAGE_INTENT;
                else if (chain < 0 && f.stage == AT_STAGE_DELIVERED && unit_cue(sn, k, CUE_INTENT))
                    f.stage = AT_STAGE_INTENT;
                /* "efforts by Minsk to secure military support from":
                 * the cue verb's own chain */
                frame h = f;
                h.t = k;
                /* (a refusal decided is still a refusal: delivered) */
                int cs = chain < 0 && !unit_cue(sn, k, CUE_NEG) && !unit_cue(sn, k, CUE_DENY)
                             ? stage_chain(sn, si->tx, si->ntx, &h)
                             : -1;
                if (cs >= 0)
                    f.stage = (uint8_t)cs;
            }
        }
        /* "after months of talks on the sale of", "a contract for the
         * purchase of": the talks or the deal say the stage */
        if (chain < 0 && cue_verb == NONE) {
            size_t k = t;
            while (k > f.lo && (unit_is_det(sn, k - 1) || unit_is(sn, k - 1, "on") ||
                                unit_is(sn, k - 1, "about") || unit_is(sn, k - 1, "over") ||
                                unit_is(sn, k - 1, "for")))
                k--;
            if (k > f.lo && k < t && sn->u[k - 1].has_noun && sn->u[k - 1].noun.a == F_TALK_N)
                f.stage = AT_STAGE_NEGOTIATING;
            else if (k > f.lo && k < t && sn->u[k - 1].has_noun &&
                     sn->u[k - 1].noun.a == F_DEAL_N && f.stage == AT_STAGE_DELIVERED)
                f.stage = AT_STAGE_AGREED;
            /* "a request for Taurus deliveries": the request's goods */
            size_t r = t;
            while (r > f.lo && (sn->u[r - 1].wp >= 0 || unit_is_det(sn, r - 1)))
                r--;
            if (f.frame == F_GIVE_N && r > f.lo + 1 && unit_is(sn, r - 1, "for") &&
                sn->u[r - 2].has_noun && sn->u[r - 2].noun.a == F_GET_N &&
                sn->u[r - 2].noun.stage == AT_STAGE_INTENT)
                return t;
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
        if (f.frame == F_GIVE_N && cue_verb != NONE && unit_cue(sn, cue_verb, CUE_WIN)) {
            /* "Minsk secured military support from Moscow", "Kyiv received
             * deliveries of jets from Oslo": who wins the giving gets it */
            rec = owner;
            pp_parties(sn, t + 1, f.obj_hi, "from", &sup);
            if (sup.n == 0)
                fill = FILL_ORIGIN;
        } else if (f.frame == F_GIVE_N) {
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
                plist_add(&rec, other_party(sn, f.lo, f.hi, &origins));
            if (sup.n == 0 && rec.n == 0 && origins.n == 0 && v->stage != AT_STAGE_INTENT)
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
        } else if (v->stage == AT_STAGE_AGREED && cue_verb != NONE &&
                   unit_cue(sn, cue_verb, CUE_WIN) &&
                   pp_parties(sn, t + 1, f.obj_hi, "from", &rec)) {
            /* "KAI secured a follow-on order from Manila": who orders is
             * the buyer, who wins the order supplies (the verb's subject,
             * which cue_verb_of took for the owner) */
            sup = owner;
        } else {
            rec = owner;
            pp_parties(sn, t + 1, f.obj_hi, "by", &rec); /* "imports by India" */
            if (!pp_parties(sn, t + 1, f.obj_hi, "from", &sup))
                sup = with;
            fill = FILL_GET; /* "India's acquisition of Rafale jets" */
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
        if (rec.n == 0)
            pp_parties(sn, t + 1, f.obj_hi, "of", &rec); /* "suppliers of Myanmar's army" */
        if (t > 0 && sn->u[t - 1].wp >= 0 && nw < 16)
            wps[nw++] = (size_t)sn->u[t - 1].wp;
        predicate_subject(x, sn, &f, &sup);
        if (sup.n == 0 || rec.n == 0)
            return t;
        break;
    }
    case F_BUYER_N: {
        /* "Armenia is one of the largest buyers of Indian weapons",
         * "Egypt, Russia's biggest customer" */
        noun_owner(sn, t, f.lo, &sup);
        if (sup.n == 0)
            pp_parties(sn, t + 1, f.obj_hi, "from", &sup);
        if (t > 0 && sn->u[t - 1].wp >= 0 && nw < 16)
            wps[nw++] = (size_t)sn->u[t - 1].wp;
        predicate_subject(x, sn, &f, &rec);
        if (rec.n == 0 || nw == 0)
            return t;
        fill = FILL_ORIGIN;
        break;
    }
    case F_SEIZE: {
        /* "seized Haiti-bound weapons", "intercepted a shipment of Iranian
         * missiles bound for the Houthis": from the goods' origin to
         * where they were headed (spec/claims.md section 4) */
        if (f.passive) {
            size_t w = left_wp(sn, &f);
            if (w != NONE)
                nw = with_list(sn, w, wps, 0, 16);
        }
        pp_parties(sn, t + 1, f.hi, "from", &sup);
        phrase_dests(sn, wps, nw, &rec);
        if (rec.n == 0 && !pp_parties(sn, t + 1, f.hi, "for", &rec))
            pp_parties(sn, t + 1, f.hi, "to", &rec);
        if (rec.n == 0)
            return f.objnoun != NONE ? f.objnoun + 1 : t;
        fill = FILL_ORIGIN;
        f.stage = AT_STAGE_DELIVERED;
        break;
    }
    case F_TRAIN: {
        /* "Norway will train Ukrainian pilots": training is technology
         * (spec/claims.md section 3), the trainees' side receives it */
        if (f.passive)
            return t;
        sup = f.subj;
        size_t i = t + 1;
        while (i < f.hi && (unit_is_det(sn, i) || is_adverb(sn, i)))
            i++;
        if (i < f.hi && sn->u[i].party >= 0 && !sn->u[i].made)
            plist_add(&rec, sn->u[i].party);
        if (sup.n == 0 || rec.n == 0)
            return t;
        for (size_t a = 0; a < sup.n; a++)
            for (size_t b = 0; b < rec.n; b++)
                emit(&e, sup.p[a], rec.p[b], NULL, AT_CAT_TECHNOLOGY, 0, f.stage, false);
        return t;
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
            /* "X signed with Y for the purchase of": X buys; "for the sale
             * (or transfer) of" says nothing of who sells */
            from = get ? other : self;
            to = get ? self : other;
            directed = get;
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

/* "around 400 missiles, including variants from the Fateh-110 family":
 * generic missiles that an "including" or "such as" names more closely
 * are of the kind it names. */
static void refine_including(sentence *sn)
{
    for (size_t w = 0; w + 1 < sn->nwp; w++) {
        wphrase *a = &sn->wp[w];
        if (a->cat != AT_CAT_MISSILE || a->sys)
            continue;
        bool incl = false;
        for (size_t i = a->u1; i < sn->nu && i < a->u1 + 8; i++) {
            if (sn->u[i].wp >= 0) {
                wphrase *b = &sn->wp[sn->u[i].wp];
                bool specific = b->cat == AT_CAT_BALLISTIC_MISSILE || b->cat == AT_CAT_CRUISE_MISSILE ||
                                b->cat == AT_CAT_ANTI_TANK_MISSILE || b->cat == AT_CAT_AIR_DEFENSE;
                if (incl && specific && sn->u[i].clause == sn->u[a->u0].clause) {
                    a->cat = b->cat;
                    a->sys = b->sys;
                }
                break;
            }
            if (unit_is(sn, i, "including") || (unit_is(sn, i, "such") && i + 1 < sn->nu &&
                                                unit_is(sn, i + 1, "as")))
                incl = true;
            if (sn->u[i].has_verb || (sn->u[i].punct && sn->u[i].punct != ','))
                break;
        }
    }
}

/* "The equipment includes armoured vehicles, patrol boats and sniper
 * rifles", "The package consists of ...": what a transfer the document
 * told of just before contains, with that transfer's parties and stage. */
static void definite_contents(xdoc *x, const sentence *sn, const sent_info *si)
{
    for (size_t v = 2; v + 1 < sn->nu; v++) {
        if (!(text_is(sn->tv, sn->u[v].t0, "includes") || text_is(sn->tv, sn->u[v].t0, "included") ||
              text_is(sn->tv, sn->u[v].t0, "include") || text_is(sn->tv, sn->u[v].t0, "comprises") ||
              text_is(sn->tv, sn->u[v].t0, "comprised") ||
              ((text_is(sn->tv, sn->u[v].t0, "consists") || text_is(sn->tv, sn->u[v].t0, "consisted")) &&
               unit_is(sn, v + 1, "of"))))
            continue;
        /* the subject: "the" (this, these) + a generic weapon word or a
         * transfer noun, right before the verb (or its auxiliary) */
        size_t h = v;
        if (h > 0 && (unit_cue(sn, h - 1, CUE_WILL) || is_be(sn, h - 1) || unit_is(sn, h - 1, "also")))
            h--;
        if (h == 0)
            return;
        const unit *head = &sn->u[h - 1];
        bool generic = head->wp >= 0 && sn->wp[head->wp].cat == AT_CAT_WEAPONS;
        bool xfer = head->has_noun && (head->noun.a == F_GIVE_N || head->noun.a == F_DEAL_N);
        size_t d = h - 1;
        while (d > 0 && (sn->u[d - 1].wp >= 0 || plain_modifier(sn, d - 1)))
            d--;
        if (!(generic || xfer) || d == 0 ||
            !(unit_is(sn, d - 1, "the") || unit_is(sn, d - 1, "this") || unit_is(sn, d - 1, "these")))
            return;
        /* the transfer meant: the last one with both sides, within three
         * sentences */
        const xclaim *a = NULL;
        for (size_t k = x->n; k > 0 && !a; k--) {
            const xclaim *c = &x->c[k - 1];
            if (c->sent + 3 < sn->gsent)
                break;
            if (c->sup >= 0 && c->rec >= 0 && !c->amb && c->cat != AT_CAT_ECONOMIC)
                a = c;
        }
        if (!a)
            return;
        frame f = {.t = v, .subj_u = NONE, .noun = true, .stage = a->stage};
        clause_bounds(sn, v, &f.lo, &f.hi);
        f.chain_lo = v;
        size_t wps[16], nw = region_wps(sn, v + 1, f.hi, wps, 16);
        emit_ctx e = {.x = x, .sn = sn, .si = si, .f = &f, .fact = a->fact};
        plist sup = {0}, rec = {0};
        plist_add(&sup, a->sup);
        plist_add(&rec, a->rec);
        emit_wps(&e, &sup, &rec, wps, nw, a->stage, FILL_NONE);
        return;
    }
}

/* "Syria's Iran-provided air defence system", "the army displayed its
 * tanks bought from Russia": goods that a party holds and another is said
 * to have supplied are a delivery, whatever verb the sentence has. */
static void held_supplied(xdoc *x, const sentence *sn, const sent_info *si)
{
    for (size_t w = 0; w < sn->nwp; w++) {
        const wphrase *p = &sn->wp[w];
        if (p->origin < 0 || p->origin_kind != O_SUPPLIED || p->cat == AT_CAT_PERSONNEL)
            continue;
        /* the holder: "Syria's" right before, or "its" and the subject */
        size_t k = p->u0;
        while (k > 0 && k + 5 > p->u0 && (sn->u[k - 1].party == p->origin ||
                                          plain_modifier(sn, k - 1) || unit_is_det(sn, k - 1) ||
                                          sn->tv->toks[sn->u[k - 1].t0].kind == TK_NUM) &&
               !unit_is(sn, k - 1, "its") && !unit_is(sn, k - 1, "their") &&
               !unit_is(sn, k - 1, "'s"))
            k--;
        int16_t holder = -1;
        if (k >= 2 && unit_is(sn, k - 1, "'s") && sn->u[k - 2].party >= 0)
            holder = sn->u[k - 2].party;
        frame f = {.t = p->u0, .subj_u = NONE, .noun = true};
        clause_bounds(sn, p->u0, &f.lo, &f.hi);
        f.chain_lo = f.t;
        f.stage = AT_STAGE_DELIVERED;
        if (holder < 0 && k >= 1 && (unit_is(sn, k - 1, "its") || unit_is(sn, k - 1, "their"))) {
            find_subject(x, sn, k - 1, f.lo, &f);
            if (f.subj.n == 1)
                holder = f.subj.p[0];
        }
        /* "The Brazilian Air Force unveiled the first of 36 Gripen jets
         * bought from Sweden's Saab": the subject of the verb they are
         * the object of */
        if (holder < 0) {
            size_t b = k;
            while (b > f.lo && (unit_is_det(sn, b - 1) || unit_is(sn, b - 1, "of") ||
                                unit_is(sn, b - 1, "first") ||
                                sn->tv->toks[sn->u[b - 1].t0].kind == TK_NUM))
                b--;
            if (b > f.lo && plain_modifier(sn, b - 1) && !is_gerund(sn, b - 1)) {
                find_subject(x, sn, b - 1, f.lo, &f);
                if (f.subj.n == 1)
                    holder = f.subj.p[0];
            }
        }
        if (holder < 0 || holder == p->origin)
            continue;
        emit_ctx e = {.x = x, .sn = sn, .si = si, .f = &f};
        e.fact = negated(sn, &f) ? AT_FACT_NEGATED : AT_FACT_CLAIMED;
        emit(&e, p->origin, holder, p, p->cat, p->sys, AT_STAGE_DELIVERED, false);
    }
}

void rules_apply(xdoc *x, sentence *sn)
{
    /* remember people for "he" and "his" */
    for (size_t i = 0; i < sn->nu; i++)
        if (sn->u[i].party >= 0 && sn->u[i].pkind == PK_PERSON)
            x->last_person = sn->u[i].party;
    x->nsent_dates = 0;
    if (sn->question || sn->nu == 0)
        return;
    bool any = false;
    for (size_t i = 0; i < sn->nu; i++)
        if (unit_cue(sn, i, CUE_DENY) || (sn->nwp && (sn->u[i].has_verb || sn->u[i].has_noun)) ||
            (sn->military && goodsless(sn, i)) ||
            (sn->u[i].wp >= 0 && (sn->wp[sn->u[i].wp].joint ||
                                  sn->wp[sn->u[i].wp].origin_kind == O_SUPPLIED)))
            any = true;
    /* a sentence of weapons without a transfer word may still date or
     * count them for claims told elsewhere (extract.c, fill_counts) */
    if (!any && sn->nwp == 0)
        return;
    sent_info si;
    read_info(x, sn, &si);
    memcpy(x->sent_dates, si.tx, si.ntx * sizeof *si.tx);
    x->nsent_dates = si.ntx;
    if (!any) {
        definite_contents(x, sn, &si); /* "The equipment includes ..." */
        return;
    }
    reduced_relatives(sn);
    refine_including(sn);
    x->sayer = si.has_src ? si.actor : -1;
    for (size_t w = 0; w < SENT_MAX_WPS; w++)
        x->wp_supplier[w] = -1;
    size_t skip = 0;
    for (size_t i = 0; i < sn->nu; i++) {
        bool noun;
        if (i >= skip && (sn->nwp || (sn->military && goodsless(sn, i))) &&
            (sn->u[i].has_verb || sn->u[i].has_noun) && is_trigger(sn, i, &noun))
            skip = apply_frame(x, sn, &si, i, noun);
        if (unit_cue(sn, i, CUE_DENY))
            apply_denial(x, sn, &si, i);
    }
    for (size_t w = 0; w < sn->nwp; w++)
        if (sn->wp[w].joint)
            apply_joint(x, sn, &si, &sn->wp[w]);
    held_supplied(x, sn, &si);
    definite_contents(x, sn, &si);
}
