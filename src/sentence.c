/* sentence.c: split a sentence into dictionary units, group weapon words
 * into phrases, and number its clauses. */
#include <string.h>

#include "quantity.h"
#include "sentence.h"

bool unit_is(const sentence *sn, size_t i, const char *w)
{
    return sn->u[i].t1 == sn->u[i].t0 + 1 && text_is(sn->tv, sn->u[i].t0, w);
}

static bool is_one_of(const sentence *sn, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (unit_is(sn, i, *list))
            return true;
    return false;
}

bool unit_is_det(const sentence *sn, size_t i)
{
    static const char *const dets[] = {
        "the", "a", "an", "its", "their", "his", "her", "this", "that",
        "these", "those", "any", "some", "such", "our", "my", "your",
        "every", "each", "all", "both", "more", "other", "several",
        "multiple", "further", "new", "additional", "'s", NULL};
    return is_one_of(sn, i, dets);
}

bool unit_is_prep(const sentence *sn, size_t i)
{
    static const char *const preps[] = {
        "from", "to", "by", "with", "of", "for", "in", "into", "on",
        "against", "between", "among", "about", "at", "over", "after",
        "before", "during", "through", "via", "across", "inside", "near",
        "toward", "towards", "alongside", "than", "amid", "like", NULL};
    return is_one_of(sn, i, preps);
}

/* A match may not start inside a hyphenated compound, and only parties
 * and cues may end right before one ("Iran-made", "Russia-Iran"). */
static void add_unit(sentence *sn, size_t t0, size_t t1, const dict_match *m)
{
    const at_textview *tv = sn->tv;
    unit *u = &sn->u[sn->nu++];
    memset(u, 0, sizeof *u);
    u->t0 = (uint32_t)t0;
    u->t1 = (uint32_t)t1;
    u->party = -1;
    u->wp = -1;
    if (t1 == t0 + 1 && tv->toks[t0].kind == TK_PUNCT)
        u->punct = tv->toks[t0].punct;
    if (!m)
        return;
    bool hyph_after = t1 < tv->ntok && (tv->toks[t1].flags & TF_HYPH);
    for (size_t k = 0; k < m->nsenses; k++) {
        const sense *s = &m->s[k];
        switch (s->type) {
        case S_PARTY:
            if (u->party < 0) {
                u->party = (int16_t)s->id;
                u->pkind = s->a;
            }
            break;
        case S_WEAPON:
            if (!hyph_after && !u->has_weapon) {
                u->weapon = *s;
                u->has_weapon = true;
            }
            break;
        case S_VERB:
            if (hyph_after)
                break;
            if (s->a >= F_GIVE_N && !u->has_noun) {
                u->noun = *s;
                u->has_noun = true;
            } else if (s->a < F_GIVE_N && !u->has_verb) {
                u->verb = *s;
                u->has_verb = true;
            }
            break;
        case S_CUE:
            u->cues |= 1u << s->a;
            break;
        }
    }
}

static void segment(sentence *sn, size_t first, size_t end)
{
    const at_textview *tv = sn->tv;
    for (size_t i = first; i < end && sn->nu < SENT_MAX_UNITS;) {
        if (tv->toks[i].flags & TF_HYPH) {
            add_unit(sn, i, i + 1, NULL);
            i++;
            continue;
        }
        dict_match m = dict_lookup(sn->dict, tv, i, end);
        if (m.len == 0) {
            add_unit(sn, i, i + 1, NULL);
            i++;
            continue;
        }
        add_unit(sn, i, i + m.len, &m);
        unit *u = &sn->u[sn->nu - 1];
        i += m.len;
        /* X-made, X-supplied: the party's made-in or supplier mark */
        if (u->party >= 0 && i < end && (tv->toks[i].flags & TF_HYPH)) {
            dict_match h = dict_lookup(sn->dict, tv, i, end);
            const sense *c = NULL;
            for (size_t k = 0; k < h.nsenses; k++)
                if (h.s[k].type == S_CUE &&
                    (h.s[k].a == CUE_MADE || h.s[k].a == CUE_SUPPLIED || h.s[k].a == CUE_BOUND))
                    c = &h.s[k];
            if (c && h.len == 1) {
                u->made = c->a == CUE_SUPPLIED ? O_SUPPLIED : c->a == CUE_BOUND ? O_BOUND : O_MADE;
                u->t1 = (uint32_t)(i + 1);
                u->cues = 0;
                i++;
            }
        }
    }
}

/* A lowercase word with no dictionary sense ("tactical", "advanced"). */
static bool plain_word(const sentence *sn, size_t i)
{
    const unit *u = &sn->u[i];
    const at_token *t = &sn->tv->toks[u->t0];
    return u->t1 == u->t0 + 1 && t->kind == TK_WORD && !(t->flags & TF_CAP) && u->party < 0 &&
           !u->has_verb && !u->has_noun && !u->has_weapon && !u->cues && !unit_is_prep(sn, i) &&
           !unit_is_det(sn, i) && !unit_is(sn, i, "and") && !unit_is(sn, i, "or");
}

/* A weak weapon word that a transfer word governs counts without other
 * military context ("a shipment of bombs", "shipped 500 shells"), for
 * the categories whose civilian senses rarely take such verbs. */
static bool governed_weak(const sentence *sn, size_t i)
{
    uint8_t cat = sn->u[i].weapon.a;
    if (cat != AT_CAT_AMMUNITION && cat != AT_CAT_ROCKET && cat != AT_CAT_SMALL_ARMS)
        return false;
    /* "rockets supplied by", "shells shipped to" */
    for (size_t k = i + 1; k < sn->nu && k <= i + 2; k++)
        if (sn->u[k].has_verb && sn->u[k].verb.b == VF_PART &&
            (sn->u[k].verb.a == F_GIVE || sn->u[k].verb.a == F_GET))
            return true;
    for (size_t k = i, steps = 0; k > 0 && steps < 5; k--, steps++) {
        const unit *p = &sn->u[k - 1];
        if (p->has_verb && (p->verb.a == F_GIVE || p->verb.a == F_GET))
            return true;
        if (p->has_noun && (p->noun.a == F_GIVE_N || p->noun.a == F_GET_N))
            return true;
        if ((p->punct && p->punct != '-') || p->party >= 0 || p->has_verb || p->has_noun)
            return false;
    }
    return false;
}

/* The weapon words at unit I follow "via" or "aboard" across a
 * determiner, a party and plain modifiers. */
static bool carried_by(const sentence *sn, size_t i)
{
    for (size_t k = i, steps = 0; k > 0 && steps < 5; k--, steps++) {
        const unit *p = &sn->u[k - 1];
        if (unit_cue(sn, k - 1, CUE_CARRIER))
            return true;
        bool filler = unit_is_det(sn, k - 1) || (p->party >= 0 && !p->made) ||
                      unit_cue(sn, k - 1, CUE_MILITARY) ||
                      sn->tv->toks[p->t0].kind == TK_NUM ||
                      (p->t1 == p->t0 + 1 && sn->tv->toks[p->t0].kind == TK_WORD &&
                       p->party < 0 && !p->has_verb && !p->has_noun && !p->has_weapon &&
                       !p->cues && !unit_is_prep(sn, k - 1));
        if (!filler || p->punct)
            return false;
    }
    return false;
}

static void group_weapons(sentence *sn, bool doc_military)
{
    sn->own_military = false;
    for (size_t i = 0; i < sn->nu; i++)
        if (unit_cue(sn, i, CUE_MILITARY) ||
            (sn->u[i].has_weapon && sn->u[i].weapon.b == W_STRONG))
            sn->own_military = true;
    sn->military = sn->own_military || doc_military;
    sn->nwp = 0;
    for (size_t i = 0; i < sn->nu && sn->nwp < SENT_MAX_WPS;) {
        unit *u = &sn->u[i];
        bool usable = u->has_weapon && u->weapon.b != W_BLOCK &&
                      (u->weapon.b == W_STRONG || sn->military || governed_weak(sn, i));
        if (!usable) {
            i++;
            continue;
        }
        size_t j = i;
        bool named = false;
        for (;;) {
            while (j < sn->nu && sn->u[j].has_weapon && sn->u[j].weapon.b != W_BLOCK &&
                   (j == i || !(sn->tv->toks[sn->u[j].t0].flags & TF_PARA))) {
                named |= sn->u[j].weapon.id != 0;
                j++;
            }
            /* "Iskander tactical missile systems": a named system, a plain
             * word, and the generic head are one phrase */
            if (named && j + 1 < sn->nu && plain_word(sn, j) && sn->u[j + 1].has_weapon &&
                sn->u[j + 1].weapon.b != W_BLOCK && !sn->u[j + 1].weapon.id)
                j++;
            else
                break;
        }
        /* "indigenous weapons": the party's own, never what moves */
        if (i > 0 && unit_cue(sn, i - 1, CUE_OWN)) {
            i = j;
            continue;
        }
        /* "via Turkish A400M transport aircraft", "aboard a C-17": the
         * vehicle that carries the goods is none of them */
        if (carried_by(sn, i)) {
            i = j;
            continue;
        }
        /* "drone strikes", "missile programme": the weapon is a modifier */
        if (j < sn->nu && unit_cue(sn, j, CUE_NONHEAD) && !sn->u[j].has_noun) {
            i = j + 1;
            continue;
        }
        wphrase *w = &sn->wp[sn->nwp];
        memset(w, 0, sizeof *w);
        w->u0 = (uint32_t)i;
        w->u1 = (uint32_t)j;
        w->origin = -1;
        w->dest = -1;
        const unit *head = &sn->u[j - 1];
        w->cat = head->weapon.a;
        w->weak = true;
        for (size_t k = i; k < j; k++) {
            const unit *x = &sn->u[k];
            if (x->weapon.b == W_STRONG)
                w->weak = false;
            if (x->weapon.id && !w->sys) {
                w->sys = x->weapon.id;
                /* a generic head takes the named system's category */
                if (w->cat == AT_CAT_WEAPONS || w->cat == AT_CAT_MISSILE ||
                    w->cat == AT_CAT_AMMUNITION)
                    w->cat = x->weapon.a;
            }
        }
        if (head->weapon.id)
            w->cat = head->weapon.a;
        /* a generic head takes its modifiers' category ("air defence
         * missiles"); a named system's category beats a weapon head
         * ("HIMARS launchers") but not what is made for it ("Shahed
         * drone factory") */
        for (size_t k = i; k + 1 < j; k++) {
            uint8_t mc = sn->u[k].weapon.a;
            bool generic = w->cat == AT_CAT_WEAPONS || w->cat == AT_CAT_MISSILE;
            bool made_for = w->cat == AT_CAT_PRODUCTION || w->cat == AT_CAT_COMPONENTS ||
                            w->cat == AT_CAT_TECHNOLOGY || w->cat == AT_CAT_PERSONNEL ||
                            w->cat == AT_CAT_ECONOMIC || w->cat == AT_CAT_NUCLEAR;
            /* what a system fires or carries is its own thing: "Pinaka
             * rockets", "HIMARS ammunition", "S-300 launchers" */
            bool munition = (head->weapon.a == AT_CAT_ROCKET || head->weapon.a == AT_CAT_AMMUNITION) &&
                            (mc == AT_CAT_ARTILLERY || mc == AT_CAT_LAUNCHER);
            bool carrier = head->weapon.a == AT_CAT_LAUNCHER &&
                           (mc == AT_CAT_AIR_DEFENSE || mc == AT_CAT_BALLISTIC_MISSILE ||
                            mc == AT_CAT_CRUISE_MISSILE || mc == AT_CAT_MISSILE);
            if (munition || carrier)
                continue;
            if ((generic && mc != AT_CAT_WEAPONS) || (sn->u[k].weapon.id && !made_for))
                w->cat = mc;
        }
        if (text_is(sn->tv, sn->u[i].t0, "joint"))
            w->joint = true;
        /* what stands before: a party, a reference word, a determiner */
        size_t k = i, skipped = 0;
        while (k > 0 && skipped < 3) {
            const unit *p = &sn->u[k - 1];
            /* "give Uruguay older jets": a name right after a verb of
             * giving is its indirect object, no adjective */
            if (p->party >= 0 && p->pkind != PK_ADJ && !p->made && k >= 2 &&
                sn->u[k - 2].has_verb && sn->u[k - 2].verb.a == F_GIVE && !unit_is(sn, k, "'s"))
                break;
            if (p->party >= 0 && p->made == O_BOUND) {
                w->dest = p->party;
                break;
            }
            if (p->party >= 0) {
                w->origin = p->party;
                w->origin_kind = p->made == O_SUPPLIED ? O_SUPPLIED
                                 : p->made == O_MADE   ? O_MADE
                                                       : O_ADJ;
                break;
            }
            if (unit_cue(sn, k - 1, CUE_REF))
                w->ref = true;
            if (p->punct && p->punct != ',')
                break;
            /* "sell the Moroccan army the Barak system": a party before
             * the determiner is in a noun phrase of its own */
            if (unit_is(sn, k - 1, "the") || unit_is(sn, k - 1, "a") || unit_is(sn, k - 1, "an"))
                break;
            /* "send Ukraine 31 tanks": a party before the count is no
             * adjective of the weapons */
            if (p->has_verb || p->has_noun || p->has_weapon || unit_is_prep(sn, k - 1) ||
                sn->tv->toks[p->t0].kind == TK_NUM || unit_cue(sn, k - 1, CUE_SKIP) ||
                unit_is(sn, k - 1, "that") || unit_is(sn, k - 1, "which") ||
                unit_is(sn, k - 1, "and") || unit_is(sn, k - 1, "or"))
                break;
            k--;
            skipped++;
        }
        /* "the missiles", "the weapons": no name, no origin of their own */
        if (i > 0 && unit_is(sn, i - 1, "the") && !w->sys && w->origin < 0 &&
            (w->cat == AT_CAT_WEAPONS || w->cat == AT_CAT_MISSILE ||
             w->cat == AT_CAT_AMMUNITION || w->cat == AT_CAT_DRONE))
            w->definite = true;
        /* "one of those missiles" */
        if (i >= 2 && unit_cue(sn, i - 1, CUE_REF))
            w->ref = true;
        if (i >= 3 && unit_is(sn, i - 2, "of") && unit_cue(sn, i - 1, CUE_REF))
            w->ref = true;
        size_t lo = sn->u[0].t0;
        /* "three possible arms sales": a count of sales or deliveries
         * is none of the goods */
        bool counts_transfers = j < sn->nu && sn->u[j].has_noun &&
                                (sn->u[j].noun.a == F_GIVE_N || sn->u[j].noun.a == F_GET_N ||
                                 sn->u[j].noun.a == F_DEAL_N || sn->u[j].noun.a == F_TALK_N);
        w->has_qty = !counts_transfers && quantity_find(sn->tv, lo, sn->u[i].t0, &w->qty);
        for (size_t q = i; q < j; q++)
            sn->u[q].wp = (int16_t)sn->nwp;
        sn->nwp++;
        i = j;
    }
}

static void number_clauses(sentence *sn)
{
    uint8_t c = 0;
    for (size_t i = 0; i < sn->nu; i++) {
        unit *u = &sn->u[i];
        bool boundary = u->punct == ';' || u->punct == ':' ||
                        (u->punct == '-' && (sn->tv->toks[u->t0].flags & TF_SPACE)) ||
                        unit_cue(sn, i, CUE_BOUNDARY);
        if (boundary && c < 250)
            c++;
        u->clause = c;
    }
}

void sentence_read(sentence *sn, const at_dict *d, const at_textview *tv,
                   size_t s, bool military)
{
    const at_sentence *se = &tv->sents[s];
    sn->dict = d;
    sn->tv = tv;
    sn->sent = s;
    sn->nu = 0;
    segment(sn, se->first, se->first + se->count);
    sn->question = false;
    for (size_t i = se->first + se->count; i > se->first; i--) {
        const at_token *t = &tv->toks[i - 1];
        if (t->kind != TK_PUNCT)
            break;
        if (t->punct == '?')
            sn->question = true;
    }
    group_weapons(sn, military);
    number_clauses(sn);
}
