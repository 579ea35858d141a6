/* out.c: buffered listing output and the exit code it ends with. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "out.h"

bool cli_out_flush(cli_out *o)
{
    if (!o->write_failed && o->buf.len &&
        fwrite(o->buf.ptr, 1, o->buf.len, stdout) != o->buf.len)
        o->write_failed = true;
    at_buf_reset(&o->buf);
    return !o->write_failed;
}

int cli_out_row(cli_out *o)
{
    if (o->buf.err)
        return 1;
    return o->buf.len >= (1u << 16) && !cli_out_flush(o);
}

int cli_out_finish(cli_out *o, const char *cmd, at_status rc, const at_error *err)
{
    int code = EXIT_OK;
    if (rc == AT_ESTOP || o->buf.err) {
        /* a callback stopped: its write failed, or memory ran out */
        if (!o->write_failed)
            cli_err("%s: out of memory", cmd);
        code = EXIT_FATAL;
    } else if (rc != AT_OK) {
        cli_report(err);
        code = EXIT_FATAL;
    }
    if (code == EXIT_OK && (!cli_out_flush(o) || fflush(stdout) != 0))
        o->write_failed = true;
    if (o->write_failed) {
        /* a closed pipe ("| head") ends the listing quietly */
        if (errno != EPIPE)
            cli_err("%s: write error: %s", cmd, strerror(errno));
        code = EXIT_FATAL;
    }
    at_buf_free(&o->buf);
    return code;
}
