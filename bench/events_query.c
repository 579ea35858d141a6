/* events_query.c: times event queries in process (bench/events.sh builds
 * it against the library): each query of the table below run RUNS times
 * over a database, the median in milliseconds, rows counted by a callback
 * that does nothing else. Usage: events_query DB [RUNS]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "armstrace.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int count_event(const at_event *ev, void *user)
{
    (void)ev;
    ++*(long *)user;
    return 0;
}

static int count_claim(at_event_role role, const char *origin, const at_doc *doc,
                       const at_claim *c, void *user)
{
    (void)role, (void)origin, (void)doc, (void)c;
    ++*(long *)user;
    return 0;
}

static char top_id[32];

static int keep_id(const at_event *ev, void *user)
{
    (void)user;
    snprintf(top_id, sizeof top_id, "%s", ev->id);
    return 0;
}

static int cmp_d(const void *a, const void *b);

static char big_id[32];
static int big_reports = -1;

static int keep_biggest(const at_event *ev, void *user)
{
    (void)user;
    if (ev->reports + ev->contradictions + ev->hypothetical > big_reports) {
        big_reports = ev->reports + ev->contradictions + ev->hypothetical;
        snprintf(big_id, sizeof big_id, "%s", ev->id);
    }
    return 0;
}

static double time_event(at_store *s, const char *id, int runs, double *t, long *rows)
{
    at_error err = {0};
    for (int r = 0; r < runs; r++) {
        *rows = 0;
        double t0 = now_ms();
        if (at_store_event_claims(s, id, count_claim, rows, &err) != AT_OK) {
            fprintf(stderr, "events_query: %s\n", err.msg);
            exit(3);
        }
        t[r] = now_ms() - t0;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    return t[runs / 2];
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: events_query DB [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 100)
        runs = 5;
    at_error err = {0};
    at_store *s = at_store_open(argv[1], false, &err);
    if (!s) {
        fprintf(stderr, "events_query: %s: %s\n", err.file, err.msg);
        return 3;
    }
    struct {
        const char *name;
        at_event_filter f;
    } q[6];
    for (int i = 0; i < 6; i++)
        at_event_filter_init(&q[i].f);
    q[0].name = "events --limit 50";
    q[0].f.limit = 50;
    q[1].name = "events --supplier IRN --limit 50";
    q[1].f.supplier = "IRN";
    q[1].f.limit = 50;
    q[2].name = "events --party RUS --stage delivered";
    q[2].f.party = "RUS";
    q[2].f.stage = AT_STAGE_DELIVERED;
    q[3].name = "events --recipient UKR --category drone --since 2023";
    q[3].f.recipient = "UKR";
    q[3].f.category = AT_CAT_DRONE;
    q[3].f.since = "2023";
    q[4].name = "events --min-confidence 0.9 --limit 50";
    q[4].f.min_confidence = 0.9;
    q[4].f.limit = 50;
    q[5].name = "events --supplier RUS --recipient IRN";
    q[5].f.supplier = "RUS";
    q[5].f.recipient = "IRN";
    double worst = 0;
    double *t = malloc((size_t)runs * sizeof *t);
    for (int i = 0; i < 6; i++) {
        long rows = 0;
        for (int r = 0; r < runs; r++) {
            rows = 0;
            double t0 = now_ms();
            if (at_store_events(s, &q[i].f, count_event, &rows, &err) != AT_OK) {
                fprintf(stderr, "events_query: %s\n", err.msg);
                return 3;
            }
            t[r] = now_ms() - t0;
        }
        qsort(t, (size_t)runs, sizeof *t, cmp_d);
        printf("%-52s %6ld rows %8.2f ms\n", q[i].name, rows, t[runs / 2]);
        if (t[runs / 2] > worst)
            worst = t[runs / 2];
    }
    /* `event ID` on the most confident event, and on the biggest */
    at_event_filter top;
    at_event_filter_init(&top);
    top.limit = 1;
    at_store_events(s, &top, keep_id, NULL, &err);
    at_store_events(s, NULL, keep_biggest, NULL, &err);
    const char *ids[2] = {top_id, big_id};
    for (int i = 0; i < 2; i++) {
        long rows = 0;
        double ms = time_event(s, ids[i], runs, t, &rows);
        char name[64];
        snprintf(name, sizeof name, "event %s", ids[i]);
        printf("%-52s %6ld rows %8.2f ms\n", name, rows, ms);
        if (ms > worst)
            worst = ms;
    }
    printf("slowest query: %.2f ms (limit 100 ms)\n", worst);
    free(t);
    at_store_close(s);
    return worst < 100 ? 0 : 1;
}
