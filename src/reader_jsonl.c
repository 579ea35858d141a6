/* reader_jsonl.c: JSON-lines input, one document per line, parsed with
 * yajl's streaming parser (no tree: the members we want are copied out as
 * they pass, which is what makes reading 100 MB of news fast). Lines are
 * streamed through the reader's bounded buffer: a line over RD_DOC_MAX is
 * skipped without being held whole. Invalid UTF-8 is repaired before
 * parsing, with a warning; a "\u0000" escape becomes a space. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "reader_int.h"

int rd_line(at_reader *r, const char **line, size_t *len)
{
    size_t scan = r->pos;
    for (;;) {
        char *nl = memchr(r->in + scan, '\n', r->end - scan);
        if (nl) {
            *line = r->in + r->pos;
            *len = (size_t)(nl - *line);
            r->pos = (size_t)(nl - r->in) + 1;
            if (*len > RD_DOC_MAX)
                return -1;
            if (*len && (*line)[*len - 1] == '\r')
                (*len)--;
            return 1;
        }
        if (r->end - r->pos > RD_DOC_MAX) {
            /* Too long: drop what we hold and read on to the newline,
             * counting, with the buffer never growing further. */
            size_t n = r->end - r->pos;
            r->pos = r->end;
            for (;;) {
                if (!rd_fill(r)) {
                    *len = n;
                    return -1;
                }
                nl = memchr(r->in + r->pos, '\n', r->end - r->pos);
                if (nl) {
                    n += (size_t)(nl - (r->in + r->pos));
                    r->pos = (size_t)(nl - r->in) + 1;
                    *len = n;
                    return -1;
                }
                n += r->end - r->pos;
                r->pos = r->end;
            }
        }
        size_t held = r->end - r->pos;
        if (!rd_fill(r)) {
            if (r->ioerr) {
                *len = 0;
                return -1;
            }
            if (r->end == r->pos)
                return 0;
            /* the last line has no newline */
            *line = r->in + r->pos;
            *len = r->end - r->pos;
            r->pos = r->end;
            if (*len && (*line)[*len - 1] == '\r')
                (*len)--;
            return 1;
        }
        scan = r->pos + held; /* rd_fill moved the unread bytes to 0 */
    }
}

static bool blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\f')
            return false;
    return true;
}

static bool is_iso_date(const char *s, size_t n)
{
    static const char shape[] = "dddd-dd-dd";
    if (n < 10)
        return false;
    for (size_t i = 0; i < 10; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
            return false;
    return n == 10 || s[10] == 'T' || s[10] == ' ';
}

/* Append "; " + MSG to a warning, or start one. */
static void add_warning(at_error *warn, const at_reader *r, size_t line,
                        const char *msg)
{
    if (!warn)
        return;
    if (warn->code == AT_OK) {
        rd_error(warn, r, AT_EPARSE, line, "%s", msg);
        return;
    }
    size_t n = strlen(warn->msg);
    snprintf(warn->msg + n, sizeof warn->msg - n, "; %s", msg);
}

/* MARK: - The members of one line */

enum { F_ID, F_TEXT, F_TITLE, F_OUTLET, F_URL, F_DATE, F_NONE };

typedef struct {
    at_reader *r;
    int depth;      /* 0 outside, 1 inside the top-level object */
    int field;      /* the member whose value comes next, or F_NONE */
    bool object;    /* the top-level value is an object */
    bool oom;
} jctx;

static int set_field(jctx *c, const unsigned char *s, size_t n, bool str)
{
    if (c->depth != 1 || c->field == F_NONE)
        return 1;
    at_buf *b = &c->r->jf[c->field];
    at_buf_reset(b);
    at_buf_put(b, s, n);
    at_buf_putc(b, '\0'); /* an empty string still gets a buffer */
    b->len--;
    if (b->err) {
        c->oom = true;
        return 0;
    }
    if (str) /* "\u0000" decodes to NUL: a space, counted */
        for (char *p = memchr(b->ptr, '\0', b->len); p; p = memchr(p, '\0', b->len - (size_t)(p - b->ptr))) {
            *p = ' ';
            c->r->jnuls++;
        }
    c->r->jset |= 1u << c->field;
    if (str)
        c->r->jstr |= 1u << c->field;
    c->field = F_NONE;
    return 1;
}

static int on_string(void *u, const unsigned char *s, size_t n) { return set_field(u, s, n, true); }

static int on_number(void *u, const char *s, size_t n)
{
    jctx *c = u;
    if (c->depth == 1 && c->field == F_ID) {
        /* ids as Python's str() would print them: integers as written */
        char tmp[64];
        if (n < sizeof tmp && (memchr(s, '.', n) || memchr(s, 'e', n) || memchr(s, 'E', n))) {
            memcpy(tmp, s, n);
            tmp[n] = '\0';
            int k = snprintf(tmp, sizeof tmp, "%.17g", strtod(tmp, NULL));
            return set_field(c, (const unsigned char *)tmp, (size_t)k, false);
        }
        return set_field(c, (const unsigned char *)s, n, false);
    }
    c->field = F_NONE;
    return 1;
}

static int on_other(void *u)
{
    jctx *c = u;
    if (c->depth == 1)
        c->field = F_NONE; /* null, true, false: not a usable value */
    return 1;
}

static int on_bool(void *u, int b) { (void)b; return on_other(u); }

static int on_key(void *u, const unsigned char *k, size_t n)
{
    static const char *const names[] = {"id", "text", "title", "outlet", "url", "date"};
    jctx *c = u;
    if (c->depth != 1)
        return 1;
    c->field = F_NONE;
    for (int i = 0; i < F_NONE; i++)
        if (strlen(names[i]) == n && memcmp(names[i], k, n) == 0)
            c->field = i;
    return 1;
}

static int on_start(void *u)
{
    jctx *c = u;
    if (c->depth == 0)
        c->object = true;
    if (c->depth == 1)
        c->field = F_NONE; /* a nested value: not ours */
    c->depth++;
    return 1;
}

static int on_end(void *u)
{
    ((jctx *)u)->depth--;
    return 1;
}

static int on_start_array(void *u)
{
    jctx *c = u;
    if (c->depth == 1)
        c->field = F_NONE;
    c->depth++;
    return 1;
}

static const yajl_callbacks callbacks = {
    .yajl_null = on_other,
    .yajl_boolean = on_bool,
    .yajl_number = on_number,
    .yajl_string = on_string,
    .yajl_start_map = on_start,
    .yajl_map_key = on_key,
    .yajl_end_map = on_end,
    .yajl_start_array = on_start_array,
    .yajl_end_array = on_end,
};

static at_slice field(const at_reader *r, int f)
{
    return (r->jset >> f & 1) ? (at_slice){r->jf[f].ptr, r->jf[f].len} : (at_slice){NULL, 0};
}

/* Parse one line into DOC: 1, or -1 with ERR. */
static int parse_line(at_reader *r, const char *p, size_t n, at_doc *doc,
                      at_error *err, at_error *warn)
{
    size_t ln = r->line;
    char msg[160];
    if (ln == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3, n -= 3;
    if (!at_utf8_valid(p, n)) {
        utf8_stats st;
        utf8_scan(p, n, n, &st);
        size_t flen;
        if (at_utf8_repair(p, n, &r->fixed, &flen) < 0) {
            rd_error(err, r, AT_ENOMEM, ln, "out of memory");
            return -1;
        }
        rd_repair_note(msg, sizeof msg, &st);
        add_warning(warn, r, ln, msg);
        p = r->fixed;
        n = flen;
    }
    jctx c = {.r = r, .field = F_NONE};
    r->jset = r->jstr = 0;
    r->jnuls = 0;
    yajl_handle h = yajl_alloc(&callbacks, NULL, &c);
    if (!h) {
        rd_error(err, r, AT_ENOMEM, ln, "out of memory");
        return -1;
    }
    yajl_status st = yajl_parse(h, (const unsigned char *)p, n);
    bool truncated = false;
    if (st == yajl_status_ok) {
        st = yajl_complete_parse(h);
        truncated = st != yajl_status_ok;
    }
    if (st != yajl_status_ok) {
        if (c.oom) {
            rd_error(err, r, AT_ENOMEM, ln, "out of memory");
        } else {
            unsigned char *e = yajl_get_error(h, 0, (const unsigned char *)p, n);
            const char *m = e ? (const char *)e : "parse error";
            size_t mlen = strlen(m);
            while (mlen && (m[mlen - 1] == '\n' || m[mlen - 1] == ' '))
                mlen--;
            if (truncated)
                rd_error(err, r, AT_EPARSE, ln, "truncated JSON: %.*s", (int)mlen, m);
            else
                rd_error(err, r, AT_EPARSE, ln, "invalid JSON at column %zu: %.*s",
                         yajl_get_bytes_consumed(h) + 1, (int)mlen, m);
            if (e)
                yajl_free_error(h, e);
        }
        yajl_free(h);
        return -1;
    }
    yajl_free(h);
    if (!c.object) {
        rd_error(err, r, AT_EPARSE, ln, "not a JSON object");
        return -1;
    }
    if (!(r->jset >> F_ID & 1)) {
        rd_error(err, r, AT_EPARSE, ln, "no \"id\"");
        return -1;
    }
    if (!(r->jset >> F_TEXT & 1)) {
        rd_error(err, r, AT_EPARSE, ln, "no \"text\"");
        return -1;
    }
    if (!(r->jstr >> F_TEXT & 1)) {
        rd_error(err, r, AT_EPARSE, ln, "\"text\" is not a string");
        return -1;
    }
    doc->id = field(r, F_ID);
    doc->text = field(r, F_TEXT);
    if (doc->text.len > RD_DOC_MAX) {
        rd_error(err, r, AT_ELIMIT, ln,
                 "text of %zu bytes is over the 8 MiB limit", doc->text.len);
        return -1;
    }
    if (r->jstr >> F_TITLE & 1)
        doc->title = field(r, F_TITLE);
    if (r->jstr >> F_OUTLET & 1)
        doc->outlet = field(r, F_OUTLET);
    if (r->jstr >> F_URL & 1)
        doc->url = field(r, F_URL);
    if (r->jstr >> F_DATE & 1) {
        at_slice d = field(r, F_DATE);
        if (is_iso_date(d.ptr, d.len)) {
            doc->date = (at_slice){d.ptr, 10};
        } else if (d.len > 0) {
            snprintf(msg, sizeof msg, "date \"%.40s\" is not YYYY-MM-DD, ignored", d.ptr);
            add_warning(warn, r, ln, msg);
        }
    }
    if (r->jnuls) {
        snprintf(msg, sizeof msg,
                 "%zu NUL characters (\\u0000) replaced by spaces", r->jnuls);
        add_warning(warn, r, ln, msg);
    }
    return 1;
}

int jsonl_next(at_reader *r, at_doc *doc, at_error *err, at_error *warn)
{
    for (;;) {
        const char *p;
        size_t n;
        int rc = rd_line(r, &p, &n);
        if (rc == 0) {
            if (r->ndocs == 0 && r->nbad == 0 && !r->done) {
                r->done = true;
                rd_error(err, r, AT_EPARSE, 0, "empty file, no document");
                return -1;
            }
            return 0;
        }
        r->line++;
        if (rc < 0) {
            if (r->ioerr) {
                rd_error(err, r, AT_EIO, r->line, "%s", strerror(r->ioerr));
                r->eof = true;
                r->pos = r->end;
                r->done = true;
                return -1;
            }
            rd_error(err, r, AT_ELIMIT, r->line,
                     "line of at least %zu bytes is over the 8 MiB limit", n);
            return -1;
        }
        if (blank(p, n))
            continue;
        return parse_line(r, p, n, doc, err, warn);
    }
}
