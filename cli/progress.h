/* progress.h: a one-line progress report on stderr ("\r[extract] 1234
 * docs, 12.3 MB, 45.6 MB/s"), redrawn at most five times a second and
 * cleared at the end, so that piped output and logs stay clean. */
#ifndef AT_PROGRESS_H
#define AT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    bool on;            /* draw at all */
    const char *label;  /* "extract" */
    double t0, last;    /* start, last redraw (monotonic seconds) */
    uint64_t docs, bytes;
    size_t width;       /* columns of the line on screen, 0 when none */
} progress;

/* Start counting; draws nothing unless ON. */
void progress_init(progress *p, const char *label, bool on);
/* Count one more document of BYTES text bytes; redraws when due. */
void progress_add(progress *p, uint64_t bytes);
/* Erase the line (before a warning is printed, and at the end). */
void progress_clear(progress *p);

#endif
