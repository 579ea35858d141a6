/* reader_warc.c: web archives (.warc, .warc.gz) through libarchive. Each
 * HTTP response record with an HTML payload becomes a document (the HTTP
 * headers stripped, chunked transfer decoded, text by html_extract);
 * requests, metadata and non-HTML payloads are skipped silently.
 * libarchive names a record by its target URI without scheme and host. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <archive.h>
#include <archive_entry.h>

#include "reader_int.h"

/* Room for the HTTP headers on top of a maximal document. */
#define WARC_MAX (RD_DOC_MAX + RD_CHUNK)

int warc_open(at_reader *r, at_error *err)
{
    r->kind = RD_WARC;
    struct archive *a = archive_read_new();
    if (!a) {
        rd_error(err, r, AT_ENOMEM, 0, "out of memory");
        return -1;
    }
    archive_read_support_filter_all(a);
    archive_read_support_format_warc(a);
    if (archive_read_open_filename(a, r->path, 65536) != ARCHIVE_OK) {
        rd_error(err, r, AT_EIO, 0, "%s", archive_error_string(a));
        archive_read_free(a);
        return -1;
    }
    r->ar = a;
    return 0;
}

void warc_close(at_reader *r)
{
    archive_read_free(r->ar);
    r->ar = NULL;
}

/* The value of header NAME in the header block H (N bytes), or NULL. */
static const char *header(const char *h, size_t n, const char *name,
                          size_t *vlen)
{
    size_t k = strlen(name);
    const char *end = h + n;
    for (const char *line = h; line < end;) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (!eol)
            eol = end;
        if ((size_t)(eol - line) > k && strncasecmp(line, name, k) == 0 &&
            line[k] == ':') {
            const char *v = line + k + 1;
            while (v < eol && (*v == ' ' || *v == '\t'))
                v++;
            const char *ve = eol;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' '))
                ve--;
            *vlen = (size_t)(ve - v);
            return v;
        }
        line = eol + 1;
    }
    return NULL;
}

static bool contains_ci(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, word, k) == 0)
            return true;
    return false;
}

/* Decode a chunked body in place; returns its new length. */
static size_t dechunk(char *p, size_t n)
{
    size_t in = 0, out = 0;
    while (in < n) {
        char *end;
        unsigned long long sz = strtoull(p + in, &end, 16);
        if (end == p + in)
            break;
        const char *eol = memchr(end, '\n', n - (size_t)(end - p));
        if (!eol || sz == 0)
            break;
        in = (size_t)(eol - p) + 1;
        if (sz > n - in)
            sz = n - in;
        memmove(p + out, p + in, (size_t)sz);
        out += (size_t)sz;
        in += (size_t)sz;
        while (in < n && (p[in] == '\r' || p[in] == '\n'))
            in++;
    }
    return out;
}

/* Read the current record's payload into r->in: its length, -1 when it
 * is over WARC_MAX, -2 when it cannot be read or memory runs out. *HTTP
 * is false (and nothing is read to the end) for a record that is not an
 * HTTP response. */
static long long read_payload(at_reader *r, bool *http)
{
    size_t n = 0;
    *http = false;
    for (;;) {
        if (r->cap - n < RD_CHUNK) {
            size_t cap = r->cap ? r->cap * 2 : 2 * RD_CHUNK;
            if (cap > WARC_MAX + RD_CHUNK)
                cap = WARC_MAX + RD_CHUNK;
            char *p = realloc(r->in, cap);
            if (!p)
                return -2;
            r->in = p;
            r->cap = cap;
        }
        la_ssize_t k = archive_read_data(r->ar, r->in + n, RD_CHUNK);
        if (k < 0)
            return -2;
        if (k == 0)
            break;
        n += (size_t)k;
        if (!*http) {
            if (n < 5)
                continue;
            if (memcmp(r->in, "HTTP/", 5) != 0)
                return 0;
            *http = true;
        }
        if (n > WARC_MAX)
            return -1;
    }
    return (long long)n;
}

int warc_next(at_reader *r, at_doc *doc, at_error *err, at_error *warn)
{
    (void)warn;
    while (!r->done) {
        struct archive_entry *e;
        int rc = archive_read_next_header(r->ar, &e);
        if (rc == ARCHIVE_EOF) {
            r->done = true;
            break;
        }
        if (rc == ARCHIVE_FATAL || rc == ARCHIVE_RETRY) {
            r->done = true;
            rd_error(err, r, AT_EPARSE, 0, "bad WARC record after record "
                     "%zu: %s", r->nrec, archive_error_string(r->ar));
            return -1;
        }
        r->nrec++;
        const char *name = archive_entry_pathname(e);
        at_buf_reset(&r->id);
        if (name && *name)
            at_buf_puts(&r->id, name);
        else
            at_buf_printf(&r->id, "%s#%zu", r->stem, r->nrec);
        bool http;
        long long n = read_payload(r, &http);
        if (n < 0) {
            if (n == -2)
                rd_error(err, r, AT_EIO, 0, "record %zu (%s): %s", r->nrec,
                         r->id.ptr, archive_error_string(r->ar)
                                        ? archive_error_string(r->ar)
                                        : "read error");
            else
                rd_error(err, r, AT_ELIMIT, 0, "record %zu (%s): payload "
                         "over the 8 MiB limit", r->nrec, r->id.ptr);
            archive_read_data_skip(r->ar);
            return -1;
        }
        if (!http)
            continue;
        size_t len = (size_t)n, body = 0;
        for (size_t i = 0; i + 1 < len; i++) {
            if (r->in[i] == '\n' &&
                (r->in[i + 1] == '\n' ||
                 (r->in[i + 1] == '\r' && i + 2 < len && r->in[i + 2] == '\n'))) {
                body = i + (r->in[i + 1] == '\n' ? 2 : 3);
                break;
            }
        }
        if (body == 0)
            continue; /* headers only */
        size_t vl;
        const char *ct = header(r->in, body, "Content-Type", &vl);
        if (ct ? !contains_ci(ct, vl, "html")
               : !contains_ci(r->in + body,
                              len - body < 512 ? len - body : 512, "<html"))
            continue;
        const char *ce = header(r->in, body, "Content-Encoding", &vl);
        if (ce && !(vl == 8 && strncasecmp(ce, "identity", 8) == 0)) {
            rd_error(err, r, AT_EPARSE, 0, "record %zu (%s): HTTP payload "
                     "with Content-Encoding %.*s is not supported", r->nrec,
                     r->id.ptr, (int)(vl > 20 ? 20 : vl), ce);
            return -1;
        }
        const char *te = header(r->in, body, "Transfer-Encoding", &vl);
        if (te && contains_ci(te, vl, "chunked"))
            len = body + dechunk(r->in + body, len - body);
        const char *why = NULL;
        at_status st = html_extract(r->in + body, len - body, &r->text,
                                    &r->title, &why);
        if (st != AT_OK) {
            rd_error(err, r, st, 0, "record %zu (%s): %s", r->nrec,
                     r->id.ptr, why ? why : at_strerror(st));
            return -1;
        }
        if (r->text.len == 0 || r->id.err)
            continue;
        doc->id = (at_slice){r->id.ptr, r->id.len};
        doc->text = (at_slice){r->text.ptr, r->text.len};
        doc->title = (at_slice){r->title.ptr ? r->title.ptr : "", r->title.len};
        return 1;
    }
    return 0;
}
