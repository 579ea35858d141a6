/* extract.c: at_extract, the document driver: sentences in, one claim per
 * key out.
 *
 * Sentence rules (rules.c) add mentions to the document. At the end,
 * two-party mentions whose direction the sentence left open ("a weapons
 * deal between X and Y") take the direction the document states elsewhere,
 * and mentions merge into one claim per key: the first evidence, the
 * first value of each attribute, and a count of mentions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"

void xdoc_add(xdoc *x, const xclaim *c)
{
    if (c->sup >= 0 && c->sup == c->rec)
        return;
    if (c->sup >= 0 && c->rec >= 0 && dict_adversaries(x->d, (uint16_t)c->sup, (uint16_t)c->rec))
        return;
    if (c->sup < 0 && c->rec < 0)
        return;
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 32;
        xclaim *p = realloc(x->c, cap * sizeof *p);
        if (!p) {
            x->err = AT_ENOMEM;
            return;
        }
        x->c = p;
        x->cap = cap;
    }
    x->c[x->n++] = *c;
}

void xdoc_note_counts(xdoc *x, const sentence *sn, const at_timex *dates, size_t ndates)
{
    for (size_t w = 0; w < sn->nwp; w++) {
        const wphrase *p = &sn->wp[w];
        /* a date in the phrase's clause */
        const at_timex *t = NULL;
        for (size_t k = 0; k < ndates && !t; k++)
            if (dates[k].first < sn->tv->ntok) {
                size_t u = 0;
                while (u < sn->nu && sn->u[u].t1 <= dates[k].first)
                    u++;
                if (u < sn->nu && sn->u[u].clause == sn->u[p->u0].clause)
                    t = &dates[k];
            }
        bool counted = p->has_qty && !p->ref && !p->qty.unit[0];
        if (!counted && !t)
            continue;
        if (x->nq == x->capq) {
            size_t cap = x->capq ? x->capq * 2 : 16;
            qmention *q = realloc(x->q, cap * sizeof *q);
            if (!q) {
                x->err = AT_ENOMEM;
                return;
            }
            x->q = q;
            x->capq = cap;
        }
        qmention *m = &x->q[x->nq++];
        *m = (qmention){.cat = p->cat, .sys = p->sys, .has_qty = counted, .qty = p->qty};
        if (t) {
            m->has_date = true;
            m->date = t->start;
            m->date_text.ptr = sn->tv->text + sn->tv->toks[t->first].start;
            m->date_text.len = sn->tv->toks[t->last - 1].end - sn->tv->toks[t->first].start;
        }
        for (size_t i = 0; i < sn->nu && m->nparty < QM_PARTIES; i++)
            if (sn->u[i].party >= 0)
                m->party[m->nparty++] = sn->u[i].party;
    }
}

/* A claim that no mention counts (or dates) takes the first count (date)
 * the document gives for goods of its category and system in a sentence
 * that names one of its parties: "88 vehicles in all", "Denmark would
 * donate a total of 19", "the missile hit Kharkiv on January 2". */
static void fill_counts(xdoc *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        xclaim *c = &x->c[i];
        if ((c->has_qty && c->has_date) || c->sup < 0 || c->rec < 0)
            continue;
        for (size_t k = 0; k < x->nq; k++) {
            const qmention *m = &x->q[k];
            if (m->cat != c->cat || (c->sys && m->sys && c->sys != m->sys))
                continue;
            bool named = false;
            for (size_t p = 0; p < m->nparty; p++)
                named |= m->party[p] == c->sup || m->party[p] == c->rec;
            if (!named)
                continue;
            if (!c->has_qty && m->has_qty) {
                c->has_qty = true;
                c->qty = m->qty;
            }
            if (!c->has_date && m->has_date) {
                c->has_date = true;
                c->date = m->date;
                c->date_text = m->date_text;
            }
        }
    }
}

const at_ymd *xdoc_date(xdoc *x)
{
    if (!x->date_done) {
        char date[AT_DATE_MAX];
        x->date_done = true;
        if (at_doc_date(x->doc, date))
            x->has_date = date_parse_iso(date, strlen(date), &x->docdate);
    }
    return x->has_date ? &x->docdate : NULL;
}

bool at_doc_date(const at_doc *doc, char out[AT_DATE_MAX])
{
    at_ymd d;
    out[0] = '\0';
    if (doc->date.len && date_parse_iso(doc->date.ptr, doc->date.len >= 10 ? 10 : doc->date.len, &d) &&
        d.d) {
        date_format(&d, out);
        return true;
    }
    if (date_dateline(doc->text.ptr, doc->text.len, &d) && d.d) {
        date_format(&d, out);
        return true;
    }
    return false;
}

/* Give undirected claims the direction the document states for the same
 * pair; drop those it never states. */
static void settle_directions(xdoc *x)
{
    for (size_t i = 0; i < x->n; i++) {
        xclaim *c = &x->c[i];
        if (!c->amb)
            continue;
        /* the same category's direction first, then any category's */
        int fwd = 0, back = 0;
        for (int pass = 0; pass < 2 && fwd == back; pass++) {
            fwd = back = 0;
            for (size_t k = 0; k < x->n; k++) {
                const xclaim *o = &x->c[k];
                if (o->amb || (pass == 0 && o->cat != c->cat))
                    continue;
                if (o->sup == c->sup && o->rec == c->rec)
                    fwd++;
                else if (o->sup == c->rec && o->rec == c->sup)
                    back++;
            }
        }
        if (fwd == back) {
            c->sup = c->rec = -1; /* unknown: kept out of the output */
            continue;
        }
        if (back > fwd) {
            int16_t t = c->sup;
            c->sup = c->rec;
            c->rec = t;
        }
        c->amb = false;
    }
}

/* A mention that names one side only ("Morocco received the first batch
 * of drones") takes the other from the document when the document names
 * only one party on that side: an article about one supplier's exports,
 * or about what one country receives. */
static void fill_from_context(xdoc *x)
{
    int16_t sup = -1, rec = -1;
    bool one_sup = true, one_rec = true;
    size_t full = 0; /* at least two, so that one misreading does not spread */
    for (size_t i = 0; i < x->n; i++) {
        const xclaim *c = &x->c[i];
        if (c->sup < 0 || c->rec < 0 || c->amb || c->cat == AT_CAT_ECONOMIC)
            continue;
        full++;
        if (sup < 0)
            sup = c->sup;
        else if (sup != c->sup)
            one_sup = false;
        if (rec < 0)
            rec = c->rec;
        else if (rec != c->rec)
            one_rec = false;
    }
    if (full < 2)
        return;
    for (size_t i = 0; i < x->n; i++) {
        xclaim *c = &x->c[i];
        /* a use names its user; whose weapons it fires the document
         * context does not say (armies use their own) */
        if (c->amb || c->cat == AT_CAT_ECONOMIC || c->stage == AT_STAGE_USED ||
            (c->sup < 0) == (c->rec < 0))
            continue;
        int16_t s = c->sup >= 0 ? c->sup : one_sup ? sup : -1;
        int16_t r = c->rec >= 0 ? c->rec : one_rec ? rec : -1;
        if (s < 0 || r < 0 || s == r || dict_adversaries(x->d, (uint16_t)s, (uint16_t)r))
            continue;
        c->sup = s;
        c->rec = r;
    }
}

static bool same_key(const xclaim *a, const xclaim *b)
{
    return a->sup == b->sup && a->rec == b->rec && a->cat == b->cat && a->stage == b->stage &&
           a->fact == b->fact;
}

static void fill_claim(const xdoc *x, const xclaim *c, at_claim *out)
{
    memset(out, 0, sizeof *out);
    /* a group the record does not name (claim_slugs.tsv) leaves its role empty */
    if (c->sup >= 0 && dict_party_reported(x->d, (uint16_t)c->sup))
        snprintf(out->supplier, sizeof out->supplier, "%s", dict_party_code(x->d, (uint16_t)c->sup));
    if (c->rec >= 0 && dict_party_reported(x->d, (uint16_t)c->rec))
        snprintf(out->recipient, sizeof out->recipient, "%s", dict_party_code(x->d, (uint16_t)c->rec));
    out->category = c->cat;
    out->stage = c->stage;
    out->factuality = c->fact;
    out->certainty = c->cert;
    out->system = c->sys ? dict_system_name(x->d, c->sys) : NULL;
    out->has_quantity = c->has_qty;
    if (c->has_qty)
        out->quantity = c->qty;
    out->has_date = c->has_date;
    if (c->has_date) {
        date_format(&c->date, out->date_start);
        memcpy(out->date_end, out->date_start, AT_DATE_MAX);
        out->date_text = c->date_text;
    }
    out->has_source = c->has_src;
    if (c->has_src) {
        out->source_name = c->src;
        if (c->src_actor >= 0)
            snprintf(out->source_actor, sizeof out->source_actor, "%s",
                     dict_party_code(x->d, (uint16_t)c->src_actor));
    }
    out->sentence = c->sent;
    out->start = c->start;
    out->end = c->end;
    out->mentions = c->mentions;
}

/* Merge mentions into the first of each key, keeping the first value of
 * every attribute the later mentions add. */
static size_t merge(xdoc *x)
{
    size_t out = 0;
    for (size_t i = 0; i < x->n; i++) {
        xclaim *c = &x->c[i];
        if (c->sup < 0 && c->rec < 0)
            continue;
        size_t k = 0;
        while (k < out && !same_key(&x->c[k], c))
            k++;
        if (k == out) {
            x->c[out++] = *c;
            continue;
        }
        xclaim *m = &x->c[k];
        m->mentions++;
        if (!m->sys && c->sys)
            m->sys = c->sys;
        if (!m->has_qty && c->has_qty) {
            m->has_qty = true;
            m->qty = c->qty;
        }
        if (!m->has_date && c->has_date) {
            m->has_date = true;
            m->date = c->date;
            m->date_text = c->date_text;
        }
        if (!m->has_src && c->has_src) {
            m->has_src = true;
            m->src = c->src;
            m->src_actor = c->src_actor;
        }
        if (c->cert > m->cert)
            m->cert = c->cert;
    }
    return out;
}

/* Long documents are read a window at a time so that memory stays
 * bounded whatever their size; a window ends at a paragraph break, else
 * a line break, else a space, never inside a sentence if it can help it. */
#define WINDOW 262144

static size_t window_end(const char *t, size_t len, size_t from)
{
    if (len - from <= WINDOW)
        return len;
    size_t hi = from + WINDOW, lo = from + WINDOW / 2;
    for (size_t i = hi; i > lo; i--)
        if (t[i - 1] == '\n' && t[i - 2] == '\n')
            return i;
    for (size_t i = hi; i > lo; i--)
        if (t[i - 1] == '\n')
            return i;
    for (size_t i = hi; i > lo; i--)
        if (t[i - 1] == ' ')
            return i;
    while (hi < len && ((unsigned char)t[hi] & 0xC0) == 0x80)
        hi++; /* no cut inside a UTF-8 character */
    return hi;
}

struct at_extractor {
    const at_dict *d;
    at_textview tv;
    xclaim *c;
    size_t cap;
    qmention *q;
    size_t capq;
    sentence sn;
};

at_extractor *at_extractor_new(const at_dict *d)
{
    at_extractor *ex = calloc(1, sizeof *ex);
    if (ex)
        ex->d = d;
    return ex;
}

void at_extractor_free(at_extractor *ex)
{
    if (!ex)
        return;
    text_free(&ex->tv);
    free(ex->c);
    free(ex->q);
    free(ex);
}

at_status at_extract(const at_dict *d, const at_doc *doc, at_emit_fn fn, void *user,
                     at_error *err)
{
    at_extractor *ex = at_extractor_new(d);
    if (!ex) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = AT_ENOMEM;
            snprintf(err->msg, sizeof err->msg, "extraction failed: out of memory");
        }
        return AT_ENOMEM;
    }
    at_status rc = at_extractor_run(ex, doc, fn, user, err);
    at_extractor_free(ex);
    return rc;
}

at_status at_extractor_run(at_extractor *ex, const at_doc *doc, at_emit_fn fn, void *user,
                           at_error *err)
{
    const at_dict *d = ex->d;
    xdoc x = {.d = d, .doc = doc, .last_subject = -1, .last_person = -1, .sayer = -1,
              .tv = ex->tv, .c = ex->c, .cap = ex->cap, .q = ex->q, .capq = ex->capq};
    at_status rc = AT_OK;
    sentence *sn = &ex->sn;
    size_t base = 0; /* sentences read in earlier windows */
    /* most news names no weapon at all: skip it before tokenizing */
    size_t start = dict_doc_may_matter(d, doc->text.ptr, doc->text.len) ? 0 : doc->text.len;
    for (size_t from = start; rc == AT_OK && from < doc->text.len;) {
        size_t to = window_end(doc->text.ptr, doc->text.len, from);
        rc = text_analyze_range(&x.tv, doc->text.ptr, from, to);
        for (size_t s = 0; rc == AT_OK && s < x.tv.nsent; s++) {
            const at_sentence *se = &x.tv.sents[s];
            /* a document about arms: weak words ("jets", "helicopters")
             * count in every sentence */
            bool military = x.has_claim || x.military_sents >= 2;
            if (!dict_may_matter(d, &x.tv, se->first, se->first + se->count, military))
                continue;
            sentence_read(sn, d, &x.tv, s, military);
            sn->gsent = base + s;
            x.military_sents += sn->own_military;
            size_t before = x.n;
            rules_apply(&x, sn);
            xdoc_note_counts(&x, sn, x.sent_dates, x.nsent_dates);
            for (size_t i = before; i < x.n && !x.has_claim; i++)
                x.has_claim = x.c[i].sup >= 0 && x.c[i].rec >= 0;
            rc = x.err;
        }
        base += x.tv.nsent;
        from = to;
    }
    if (rc == AT_OK) {
        settle_directions(&x);
        fill_from_context(&x);
        size_t n = merge(&x);
        fill_counts(&x, n);
        for (size_t i = 0; i < n; i++) {
            at_claim c;
            fill_claim(&x, &x.c[i], &c);
            if (fn(doc, &c, user)) {
                rc = AT_ESTOP;
                break;
            }
        }
    }
    if (rc != AT_OK && rc != AT_ESTOP && err) {
        err->code = rc;
        snprintf(err->file, sizeof err->file, "%.*s", (int)(doc->id.len < 200 ? doc->id.len : 200),
                 doc->id.ptr ? doc->id.ptr : "");
        err->line = 0;
        snprintf(err->msg, sizeof err->msg, "extraction failed: %s", at_strerror(rc));
    }
    /* keep the grown buffers for the next document */
    ex->tv = x.tv;
    ex->c = x.c;
    ex->q = x.q;
    ex->capq = x.capq;
    ex->cap = x.cap;
    return rc;
}
