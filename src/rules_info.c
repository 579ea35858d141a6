/* rules_info.c: what a sentence says about its claims as a whole: the
 * certainty and the source ("X said", "according to X"), and the time
 * expressions that date the event rather than the saying. */
#include <string.h>

#include "rules_int.h"

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

void read_info(xdoc *x, const sentence *sn, sent_info *si)
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
    si->ntx = si->nsay = 0;
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
        else
            si->say[si->nsay++] = all[k];
    }
}

/* The event's date: a time expression in the trigger's clause after it,
 * else the last one before it from its subject on. An intent or a deal is
 * dated by its announcement when the clause gives no other time
 * (spec/claims.md section 1): "will send two systems, the minister said
 * on Friday". */
const at_timex *pick_date(const sentence *sn, const sent_info *si, const frame *f,
                          uint8_t stage)
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
    if (best || (stage != AT_STAGE_INTENT && stage != AT_STAGE_AGREED))
        return best;
    for (size_t k = 0; k < si->ntx; k++)
        if (si->tx[k].first >= hi_tok)
            return &si->tx[k];
    return si->nsay ? &si->say[0] : NULL;
}
