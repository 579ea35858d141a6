/* test_events.c: reconciliation of one group's claims into events, on
 * hand-built claims: merging across stages and documents, splitting by
 * system and by time, denials and hypotheticals attaching without raising
 * the stage, order independence under shuffling, and the confidence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"

/* A claim: document, its date, origin ("" = itself), system, stage,
 * factuality, certainty, claim date (or ""). */
static ev_claim C(const char *doc, const char *date, const char *origin,
                  const char *system, at_stage st, at_factuality f, at_certainty cert,
                  const char *when)
{
    ev_claim c;
    memset(&c, 0, sizeof c);
    c.doc_id = doc;
    c.doc_date = date;
    c.origin = origin;
    c.system = system;
    c.stage = st;
    c.fact = f;
    c.cert = cert;
    snprintf(c.date_start, sizeof c.date_start, "%s", when);
    return c;
}

#define CL AT_FACT_CLAIMED
#define HY AT_FACT_HYPOTHETICAL
#define NG AT_FACT_NEGATED
#define AS AT_CERT_ASSERTED
#define RE AT_CERT_REPORTED

static ev_result run(const ev_claim *c, size_t n)
{
    ev_result r = {0};
    assert_int_equal(events_reconcile("IRN", "RUS", AT_CAT_BALLISTIC_MISSILE, c, n, &r),
                     AT_OK);
    return r;
}

/* The event holding claim I. */
static const ev_event *event_of(const ev_result *r, size_t i, at_event_role *role)
{
    for (size_t e = 0; e < r->n; e++)
        for (size_t m = 0; m < r->events[e].nmember; m++)
            if (r->events[e].member[m] == i) {
                if (role)
                    *role = r->events[e].role[m];
                return &r->events[e];
            }
    fail_msg("claim %zu is in no event", i);
    return NULL;
}

/* Sought in January, negotiated, delivered by September: one event, its
 * stages dated by the first report of each; a copied report is one origin. */
static void test_merge_stages(void **state)
{
    (void)state;
    ev_claim c[] = {
        C("a1", "2024-01-04", "a1", NULL, AT_STAGE_INTENT, CL, RE, ""),
        C("a2", "2024-01-05", "a1", NULL, AT_STAGE_NEGOTIATING, CL, RE, ""),
        C("b1", "2024-01-05", "b1", NULL, AT_STAGE_NEGOTIATING, CL, AS, ""),
        C("c1", "2024-09-08", "c1", "Fatah-360", AT_STAGE_DELIVERED, CL, RE, ""),
    };
    c[3].has_qmin = c[3].has_qmax = true;
    c[3].qmin = 200;
    c[3].qmax = 400;
    ev_result r = run(c, 4);
    assert_int_equal(r.n, 1);
    const at_event *e = &r.events[0].ev;
    assert_int_equal(e->stage, AT_STAGE_DELIVERED);
    assert_string_equal(e->stage_first[AT_STAGE_INTENT], "2024-01-04");
    assert_string_equal(e->stage_first[AT_STAGE_NEGOTIATING], "2024-01-05");
    assert_string_equal(e->stage_first[AT_STAGE_AGREED], "");
    assert_string_equal(e->stage_first[AT_STAGE_DELIVERED], "2024-09-08");
    assert_string_equal(e->systems, "Fatah-360");
    assert_int_equal(e->reports, 4);
    assert_int_equal(e->documents, 4);
    assert_int_equal(e->origins, 3);
    assert_true(e->has_qty_min && e->qty_min == 200 && e->qty_max == 400);
    assert_string_equal(e->first_report, "2024-01-04");
    assert_string_equal(e->last_report, "2024-09-08");
    assert_int_equal(strncmp(e->id, "ev-", 3), 0);
    assert_int_equal(strlen(e->id), 19);
    events_result_free(&r);
}

/* Two named systems are two transfers; a system-less report near both
 * cannot tell which, so it stands apart. */
static void test_split_by_system(void **state)
{
    (void)state;
    ev_claim c[] = {
        C("a", "2024-02-01", "", "Fatah-110", AT_STAGE_DELIVERED, CL, RE, ""),
        C("b", "2024-03-01", "", "Zolfaghar", AT_STAGE_DELIVERED, CL, RE, ""),
        C("c", "2024-02-15", "", "Zolfaghar", AT_STAGE_AGREED, CL, RE, ""),
        C("d", "2024-02-20", "", NULL, AT_STAGE_DELIVERED, CL, RE, ""),
    };
    ev_result r = run(c, 4);
    assert_int_equal(r.n, 3);
    assert_ptr_equal(event_of(&r, 1, NULL), event_of(&r, 2, NULL));
    assert_ptr_not_equal(event_of(&r, 0, NULL), event_of(&r, 1, NULL));
    const ev_event *d = event_of(&r, 3, NULL);
    assert_string_equal(d->ev.systems, "");
    assert_int_equal(d->nmember, 1);
    /* with one named system, the system-less report joins it */
    ev_result r2 = run(c + 1, 3);
    assert_int_equal(r2.n, 1);
    assert_string_equal(r2.events[0].ev.systems, "Zolfaghar");
    events_result_free(&r);
    events_result_free(&r2);
}

/* More than a year between reports: two events; the claim's own date
 * counts before its report's. */
static void test_split_by_time(void **state)
{
    (void)state;
    ev_claim c[] = {
        C("a", "2022-03-01", "", NULL, AT_STAGE_DELIVERED, CL, AS, ""),
        C("b", "2022-09-01", "", NULL, AT_STAGE_DELIVERED, CL, AS, ""),
        C("c", "2024-06-01", "", NULL, AT_STAGE_DELIVERED, CL, AS, ""),
        /* reported in 2024 about 2022: the old transfer */
        C("d", "2024-07-01", "", NULL, AT_STAGE_USED, CL, AS, "2022-10"),
        C("e", "", "", NULL, AT_STAGE_INTENT, CL, AS, ""), /* no date at all */
    };
    ev_result r = run(c, 5);
    assert_int_equal(r.n, 2);
    const ev_event *old = event_of(&r, 0, NULL);
    assert_ptr_equal(old, event_of(&r, 1, NULL));
    assert_ptr_equal(old, event_of(&r, 3, NULL));
    assert_ptr_not_equal(old, event_of(&r, 2, NULL));
    assert_int_equal(old->ev.stage, AT_STAGE_USED);
    assert_string_equal(old->ev.date_start, "2022-10");
    /* the undated claim joins the bigger one */
    assert_ptr_equal(event_of(&r, 4, NULL), old);
    events_result_free(&r);
}

/* A denial joins the event it denies (the nearest in time); a
 * hypothetical joins without raising the stage; alone, they make an
 * event without a stage. */
static void test_denial_and_hypothetical(void **state)
{
    (void)state;
    ev_claim c[] = {
        C("a", "2023-01-10", "", NULL, AT_STAGE_DELIVERED, CL, RE, ""),
        C("b", "2024-09-01", "", NULL, AT_STAGE_NEGOTIATING, CL, RE, ""),
        C("c", "2024-09-10", "", NULL, AT_STAGE_DELIVERED, NG, AS, ""),
        C("d", "2024-09-12", "", NULL, AT_STAGE_USED, HY, RE, ""),
    };
    ev_result r = run(c, 4);
    assert_int_equal(r.n, 2);
    at_event_role role;
    const ev_event *late = event_of(&r, 1, NULL);
    assert_ptr_equal(event_of(&r, 2, &role), late);
    assert_int_equal(role, AT_ROLE_CONTRADICT);
    assert_ptr_equal(event_of(&r, 3, &role), late);
    assert_int_equal(role, AT_ROLE_HYPOTHETICAL);
    assert_int_equal(late->ev.stage, AT_STAGE_NEGOTIATING);
    assert_int_equal(late->ev.contradictions, 1);
    assert_int_equal(late->ev.hypothetical, 1);
    assert_int_equal(late->ev.reports, 1);
    ev_result r2 = run(c + 2, 2);
    assert_int_equal(r2.n, 1);
    assert_int_equal(r2.events[0].ev.stage, -1);
    assert_true(r2.events[0].ev.confidence == 0.0);
    events_result_free(&r);
    events_result_free(&r2);
}

/* The same claims in any order give the same events, ids and members. */
static void dump(const ev_result *r, const ev_claim *c, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t e = 0; e < r->n; e++) {
        const at_event *v = &r->events[e].ev;
        n += (size_t)snprintf(out + n, cap - n, "%s %s %d %d %d %.3f [", v->id, v->systems,
                              v->stage, v->reports, v->origins, v->confidence);
        for (size_t m = 0; m < r->events[e].nmember; m++)
            n += (size_t)snprintf(out + n, cap - n, "%s/%d/%d ",
                                  c[r->events[e].member[m]].doc_id,
                                  (int)c[r->events[e].member[m]].stage,
                                  (int)r->events[e].role[m]);
        n += (size_t)snprintf(out + n, cap - n, "]\n");
    }
}

static void test_order_independence(void **state)
{
    (void)state;
    static const char *const sys[] = {NULL, "Fatah-110", "Zolfaghar", NULL};
    ev_claim c[40];
    char docs[40][8], dates[40][11];
    unsigned seed = 12345;
    for (int i = 0; i < 40; i++) {
        seed = seed * 1103515245u + 12345u;
        snprintf(docs[i], sizeof docs[i], "d%02u", (seed >> 8) % 30);
        snprintf(dates[i], sizeof dates[i], "20%02u-%02u-%02u", 20 + (seed >> 12) % 5,
                 1 + (seed >> 16) % 12, 1 + (seed >> 20) % 28);
        c[i] = C(docs[i], (seed >> 24) % 9 ? dates[i] : "", docs[i], sys[(seed >> 4) % 4],
                 (at_stage)((seed >> 6) % 5), (at_factuality)((seed >> 10) % 7 / 3 % 3),
                 (at_certainty)((seed >> 14) % 3), "");
        c[i].sentence = (uint32_t)i; /* each claim distinct */
    }
    ev_result r = run(c, 40);
    assert_true(r.n > 1);
    static char want[16384], got[16384];
    dump(&r, c, want, sizeof want);
    events_result_free(&r);
    for (int round = 0; round < 200; round++) {
        ev_claim sh[40];
        memcpy(sh, c, sizeof sh);
        for (int i = 39; i > 0; i--) {
            seed = seed * 1103515245u + 12345u;
            int j = (int)((seed >> 8) % (unsigned)(i + 1));
            ev_claim t = sh[i];
            sh[i] = sh[j];
            sh[j] = t;
        }
        r = run(sh, 40);
        dump(&r, sh, got, sizeof got);
        assert_string_equal(got, want);
        events_result_free(&r);
    }
}

/* More independent origins raise the confidence, copies do not,
 * contradictions lower it; it stays below 1. */
static void test_confidence(void **state)
{
    (void)state;
    at_certainty a[] = {AT_CERT_ASSERTED, AT_CERT_REPORTED, AT_CERT_ASSESSED};
    double one = events_confidence(a, 1, 0), two = events_confidence(a, 2, 0),
           three = events_confidence(a, 3, 0);
    assert_true(one == 0.5);
    assert_true(one < two && two < three);
    assert_true(events_confidence(a, 3, 1) < three);
    assert_true(events_confidence(a, 3, 2) < events_confidence(a, 3, 1));
    at_certainty many[40];
    for (int i = 0; i < 40; i++)
        many[i] = AT_CERT_ASSERTED;
    assert_true(events_confidence(many, 40, 0) <= 0.99);
    /* the same report copied by a second outlet: still one origin */
    ev_claim c[] = {
        C("a", "2024-01-04", "a", NULL, AT_STAGE_DELIVERED, CL, AS, ""),
        C("b", "2024-01-05", "a", NULL, AT_STAGE_DELIVERED, CL, AS, ""),
        C("x", "2024-01-06", "x", NULL, AT_STAGE_DELIVERED, CL, AS, ""),
    };
    ev_result r = run(c, 2);
    assert_true(r.events[0].ev.confidence == 0.5);
    events_result_free(&r);
    r = run(c, 3);
    assert_true(r.events[0].ev.confidence == 0.75);
    events_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_stages),
        cmocka_unit_test(test_split_by_system),
        cmocka_unit_test(test_split_by_time),
        cmocka_unit_test(test_denial_and_hypothetical),
        cmocka_unit_test(test_order_independence),
        cmocka_unit_test(test_confidence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
