/* out.h: listing output for the commands that write many rows (claims,
 * events): rows gather in a buffer that goes to stdout in large pieces,
 * and one ending turns what happened into the exit code. */
#ifndef AT_OUT_H
#define AT_OUT_H

#include "cli.h"

typedef struct {
    at_format fmt;
    at_buf buf;
    bool write_failed; /* a write to stdout failed; nothing more is written */
} cli_out;

/* Write what O holds to stdout; false once a write has failed. */
bool cli_out_flush(cli_out *o);

/* After a row: flush when O holds 64 KiB or more. Returns 1 (stop) on an
 * allocation or write failure, else 0, as the store's callbacks want. */
int cli_out_row(cli_out *o);

/* The exit code of command CMD whose listing ended with RC (ERR its
 * error): reports what failed, flushes, frees O's buffer. */
int cli_out_finish(cli_out *o, const char *cmd, at_status rc, const at_error *err);

#endif
