/* reader_jsonl.c: JSON-lines input, one document per line, parsed with
 * jansson. Lines are streamed through the reader's bounded buffer: a line
 * over RD_DOC_MAX is skipped without being held whole. Invalid UTF-8 and
 * NUL bytes are repaired before parsing (jansson rejects them), with a
 * warning; a "\u0000" escape in a string becomes a space. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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

/* Slice of string member KEY of OBJ; a "\u0000" inside is repaired into
 * an owned copy (slot SLOT). Returns false when KEY is not a string. */
static bool get_str(at_reader *r, json_t *obj, const char *key, int slot,
                    at_slice *out, size_t *nuls)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        return false;
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (memchr(s, '\0', n)) {
        char *fixed;
        size_t flen;
        long k = at_utf8_repair(s, n, &fixed, &flen);
        if (k < 0)
            return false;
        r->owned[slot] = fixed;
        *nuls += (size_t)k;
        s = fixed;
        n = flen;
    }
    *out = (at_slice){s, n};
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
    json_error_t je;
    json_t *obj = json_loadb(p, n, JSON_ALLOW_NUL, &je);
    if (!obj) {
        if (json_error_code(&je) == json_error_premature_end_of_input)
            rd_error(err, r, AT_EPARSE, ln, "truncated JSON: %s", je.text);
        else
            rd_error(err, r, AT_EPARSE, ln, "invalid JSON at column %d: %s",
                     je.column, je.text);
        return -1;
    }
    r->json = obj;
    if (!json_is_object(obj)) {
        rd_error(err, r, AT_EPARSE, ln, "not a JSON object");
        return -1;
    }
    size_t nuls = 0;
    json_t *id = json_object_get(obj, "id");
    if (json_is_integer(id)) {
        snprintf(r->numid, sizeof r->numid, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(id));
        doc->id = (at_slice){r->numid, strlen(r->numid)};
    } else if (json_is_real(id)) {
        snprintf(r->numid, sizeof r->numid, "%.17g", json_real_value(id));
        doc->id = (at_slice){r->numid, strlen(r->numid)};
    } else if (!get_str(r, obj, "id", 0, &doc->id, &nuls)) {
        rd_error(err, r, AT_EPARSE, ln,
                 id ? "\"id\" is not a string or a number" : "no \"id\"");
        return -1;
    }
    if (!get_str(r, obj, "text", 1, &doc->text, &nuls)) {
        rd_error(err, r, AT_EPARSE, ln,
                 json_object_get(obj, "text") ? "\"text\" is not a string"
                                              : "no \"text\"");
        return -1;
    }
    if (doc->text.len > RD_DOC_MAX) {
        rd_error(err, r, AT_ELIMIT, ln,
                 "text of %zu bytes is over the 8 MiB limit", doc->text.len);
        return -1;
    }
    get_str(r, obj, "title", 2, &doc->title, &nuls);
    get_str(r, obj, "outlet", 3, &doc->outlet, &nuls);
    /* URL and date with a NUL inside are useless: leave them out */
    json_t *v = json_object_get(obj, "url");
    if (json_is_string(v) && !memchr(json_string_value(v), 0,
                                     json_string_length(v)))
        doc->url = (at_slice){json_string_value(v), json_string_length(v)};
    v = json_object_get(obj, "date");
    if (json_is_string(v)) {
        const char *d = json_string_value(v);
        if (is_iso_date(d, json_string_length(v))) {
            doc->date = (at_slice){d, 10};
        } else if (json_string_length(v) > 0) {
            snprintf(msg, sizeof msg, "date \"%.40s\" is not YYYY-MM-DD, "
                     "ignored", d);
            add_warning(warn, r, ln, msg);
        }
    }
    if (nuls) {
        snprintf(msg, sizeof msg,
                 "%zu NUL characters (\\u0000) replaced by spaces", nuls);
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
