/* rules_emit.c: turning a frame's roles and weapon phrases into claims:
 * one per phrase and category, suppliers from origins when the grammar
 * names none, references to earlier claims ("such munitions", "the
 * missiles", "them", "the shipments"). */
#include <string.h>

#include "rules_int.h"

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

void emit(const emit_ctx *e, int16_t sup, int16_t rec, const wphrase *w,
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
    const at_timex *tx = e->f ? pick_date(e->sn, e->si, e->f, stage) : NULL;
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
int16_t phrase_origin(const sentence *sn, const size_t *wps, size_t k, bool supplied_only)
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

void weapon_origins(const sentence *sn, const size_t *wps, size_t nw, plist *out,
                    bool supplied_only)
{
    for (size_t k = 0; k < nw; k++)
        plist_add(out, phrase_origin(sn, wps, k, supplied_only));
}

/* "Yemen-bound weapons shipments": where the phrases say they go. */
void phrase_dests(const sentence *sn, const size_t *wps, size_t nw, plist *out)
{
    for (size_t k = 0; k < nw; k++)
        plist_add(out, sn->wp[wps[k]].dest);
}

/* Some phrase of WPS was supplied by a party other than those in SUBJ. */
bool holds_supplied(const sentence *sn, const size_t *wps, size_t nw, const plist *subj)
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
        /* a Soviet design delivered today comes from Russia */
        if (o >= 0 && !strcmp(dict_party_code(x->d, (uint16_t)o), "SUN")) {
            int r = dict_party_index(x->d, "RUS");
            if (r >= 0)
                o = r;
        }
        plist_add(out, (int16_t)o); /* "India will receive Rafale jets" */
    }
}

/* Emit one claim per weapon phrase (one per category) of a frame; when
 * SUPS is empty, each phrase's suppliers come as FILL says. */
void emit_wps(const emit_ctx *e, const plist *sups, const plist *recs,
              const size_t *wps, size_t nw, uint8_t stage, int fill)
{
    const sentence *sn = e->sn;
    uint32_t done = 0, done_sup = 0;
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
        /* one claim per category; but a phrase that names the supplier
         * ("40 jets of the Chinese J-35") is not hidden by one that does
         * not */
        if ((done & (1u << cat)) && (s.n == 0 || (done_sup & (1u << cat))))
            continue;
        done |= 1u << cat;
        if (s.n)
            done_sup |= 1u << cat;
        for (size_t i = 0; i < (s.n ? s.n : 1); i++)
            for (size_t j = 0; j < (r.n ? r.n : 1); j++)
                emit(e, s.n ? s.p[i] : -1, r.n ? r.p[j] : -1, w, cat, sys, stage, false);
    }
}

void set_subject_context(xdoc *x, const sentence *sn, const plist *subj)
{
    if (subj->n == 1) {
        x->last_subject = subj->p[0];
        x->last_subject_sent = sn->gsent;
    }
}

/* "The shipments were halted": a transfer noun after "the" (or these,
 * those, such) that names no party means the transfer the document told
 * of last, within the last three sentences. */
void definite_transfer(const xdoc *x, const sentence *sn, size_t t, size_t lo,
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

/* "has used them", "sent those to Kyiv": a verb whose object is a
 * pronoun takes the weapons of the last claim of this sentence or the one
 * before, when the parties the frame names agree with it. */
void pronoun_object(const emit_ctx *e, const plist *sup, const plist *rec)
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
        /* a supplier unknown yet may come from the document later */
        if (a->rec < 0 || a->amb || a->cat == AT_CAT_ECONOMIC ||
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
