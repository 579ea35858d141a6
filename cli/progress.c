/* progress.c: the progress line on stderr (see progress.h). The clock is
 * read once per document; CLOCK_MONOTONIC is a vDSO call, cheap beside
 * reading and extracting a document. */
#include <stdio.h>
#include <time.h>

#include "progress.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(progress *p, const char *label, bool on)
{
    *p = (progress){.on = on, .label = label};
    if (on)
        p->t0 = p->last = now();
}

void progress_add(progress *p, uint64_t bytes)
{
    p->docs++;
    p->bytes += bytes;
    if (!p->on)
        return;
    double t = now();
    if (t - p->last < 0.2)
        return;
    p->last = t;
    double mb = (double)p->bytes / 1e6;
    double rate = t > p->t0 ? mb / (t - p->t0) : 0;
    int n = fprintf(stderr, "\r[%s] %llu docs, %.1f MB, %.1f MB/s", p->label,
                    (unsigned long long)p->docs, mb, rate);
    /* Pad over a longer previous line (the rate can lose a digit). */
    for (size_t i = n > 0 ? (size_t)n - 1 : 0; i < p->width; i++)
        fputc(' ', stderr);
    if (n > 0 && (size_t)n - 1 > p->width)
        p->width = (size_t)n - 1;
    fflush(stderr);
}

void progress_clear(progress *p)
{
    if (!p->on || !p->width)
        return;
    fprintf(stderr, "\r%*s\r", (int)p->width, "");
    fflush(stderr);
    p->width = 0;
}
