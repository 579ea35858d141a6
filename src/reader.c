/* reader.c: opening an input, telling its format (by extension, then by
 * its first bytes), the bounded input buffer, and whole-file documents
 * (plain text, HTML). JSON lines and WARC have their own files. No read
 * holds more than RD_DOC_MAX + RD_CHUNK bytes of input at a time. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>


#include "reader_int.h"

void rd_error(at_error *err, const at_reader *r, at_status code, size_t line,
              const char *fmt, ...)
{
    if (!err)
        return;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", r ? r->path : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

void rd_repair_note(char *out, size_t cap, const utf8_stats *st)
{
    int n = 0;
    if (st->invalid)
        n = snprintf(out, cap, "invalid UTF-8 (%zu byte%s replaced)",
                     st->invalid, st->invalid == 1 ? "" : "s");
    if (n < 0 || (size_t)n >= cap)
        return;
    if (st->nul)
        snprintf(out + n, cap - (size_t)n, "%s%zu NUL byte%s replaced by %s",
                 n ? "; " : "", st->nul, st->nul == 1 ? "" : "s",
                 st->nul == 1 ? "a space" : "spaces");
    else if (n == 0 && cap)
        out[0] = '\0';
}

static void clear_error(at_error *e, const char *path)
{
    if (!e)
        return;
    e->code = AT_OK;
    snprintf(e->file, sizeof e->file, "%s", path);
    e->line = 0;
    e->msg[0] = '\0';
}

bool rd_fill(at_reader *r)
{
    if (r->eof || !r->fp)
        return false;
    if (r->pos > 0) { /* keep the unread bytes at the front */
        memmove(r->in, r->in + r->pos, r->end - r->pos);
        r->end -= r->pos;
        r->pos = 0;
    }
    if (r->cap - r->end < RD_CHUNK) {
        size_t cap = r->cap ? r->cap * 2 : 2 * RD_CHUNK;
        if (cap > RD_DOC_MAX + 2 * RD_CHUNK)
            cap = RD_DOC_MAX + 2 * RD_CHUNK;
        if (cap - r->end < RD_CHUNK) /* callers never let this happen */
            return false;
        char *p = realloc(r->in, cap);
        if (!p) {
            r->ioerr = ENOMEM;
            return false;
        }
        r->in = p;
        r->cap = cap;
    }
    size_t n = fread(r->in + r->end, 1, RD_CHUNK, r->fp);
    r->end += n;
    if (n < RD_CHUNK) {
        if (ferror(r->fp))
            r->ioerr = errno ? errno : EIO;
        r->eof = true;
    }
    return n > 0;
}

/* The file name without directories and without its last extension. */
static char *make_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot > base)
        n = (size_t)(dot - base);
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, base, n);
        s[n] = '\0';
    }
    return s;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static bool kind_by_name(const char *path, enum rd_kind *kind)
{
    static const struct { const char *ext; enum rd_kind kind; } exts[] = {
        {".jsonl", RD_JSONL}, {".ndjson", RD_JSONL}, {".json", RD_JSONL},
        {".html", RD_HTML},   {".htm", RD_HTML},     {".warc", RD_WARC},
        {".warc.gz", RD_WARC},
    };
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (ends_with(path, exts[i].ext)) {
            *kind = exts[i].kind;
            return true;
        }
    return false;
}

/* The format of an input without a telling extension, from its prefix. */
static enum rd_kind kind_by_content(const char *p, size_t n, bool is_stdin)
{
    if (!is_stdin && n >= 5 && memcmp(p, "WARC/", 5) == 0)
        return RD_WARC;
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
                     p[i] == '\r' || p[i] == '\f'))
        i++;
    if (i < n && p[i] == '{')
        return RD_JSONL;
    if ((n - i >= 14 && strncasecmp(p + i, "<!doctype html", 14) == 0) ||
        (n - i >= 5 && strncasecmp(p + i, "<html", 5) == 0))
        return RD_HTML;
    return RD_TEXT;
}

at_reader *at_reader_open(const char *path, at_error *err)
{
    if (!path || !*path) {
        rd_error(err, NULL, AT_EINVAL, 0, "no input path");
        return NULL;
    }
    at_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        free(r);
        rd_error(err, NULL, AT_ENOMEM, 0, "out of memory");
        return NULL;
    }
    bool is_stdin = strcmp(path, "-") == 0;
    r->stem = make_stem(is_stdin ? "stdin" : path);
    r->fsize = -1;
    bool named = false;
    if (!r->stem)
        goto nomem;
    if (is_stdin) {
        r->fp = stdin;
    } else {
        struct stat st;
        if (stat(path, &st) != 0) {
            rd_error(err, r, AT_EIO, 0, "%s", strerror(errno));
            goto fail;
        }
        if (S_ISDIR(st.st_mode)) {
            rd_error(err, r, AT_EIO, 0, "is a directory");
            goto fail;
        }
        if (S_ISREG(st.st_mode))
            r->fsize = (long long)st.st_size;
        named = kind_by_name(path, &r->kind);
        if (named && r->kind == RD_WARC)
            return warc_open(r, err) == 0 ? r : (at_reader_close(r), NULL);
        if (!(r->fp = fopen(path, "rb"))) {
            rd_error(err, r, AT_EIO, 0, "%s", strerror(errno));
            goto fail;
        }
        r->own_fp = true;
    }
    /* Sniff: the first 8 KiB tell the format and whether it is binary. */
    while (r->end < RD_SNIFF && rd_fill(r))
        ;
    if (r->ioerr) {
        rd_error(err, r, r->ioerr == ENOMEM ? AT_ENOMEM : AT_EIO, 0, "%s",
                 strerror(r->ioerr));
        goto fail;
    }
    if (!named) {
        r->kind = kind_by_content(r->in, r->end, is_stdin);
        if (r->kind == RD_WARC) {
            fclose(r->fp);
            r->fp = NULL;
            r->pos = r->end = 0;
            return warc_open(r, err) == 0 ? r : (at_reader_close(r), NULL);
        }
    }
    return r;
nomem:
    rd_error(err, r, AT_ENOMEM, 0, "out of memory");
fail:
    at_reader_close(r);
    return NULL;
}

static void free_current(at_reader *r)
{
    free(r->fixed);
    r->fixed = NULL;
    for (size_t i = 0; i < sizeof r->owned / sizeof r->owned[0]; i++) {
        free(r->owned[i]);
        r->owned[i] = NULL;
    }
}

void at_reader_close(at_reader *r)
{
    if (!r)
        return;
    free_current(r);
    for (size_t i = 0; i < sizeof r->jf / sizeof r->jf[0]; i++)
        at_buf_free(&r->jf[i]);
    if (r->ar)
        warc_close(r);
    if (r->fp && r->own_fp)
        fclose(r->fp);
    free(r->in);
    at_buf_free(&r->text);
    at_buf_free(&r->title);
    at_buf_free(&r->id);
    free(r->stem);
    free(r->path);
    free(r);
}

static size_t line_of(const char *p, size_t off)
{
    size_t line = 1;
    const char *end = p + off;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL)
        p++, line++;
    return line;
}

static bool all_space(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' &&
            p[i] != '\f' && p[i] != '\v')
            return false;
    return true;
}

/* Read the rest of the input into r->in, up to RD_DOC_MAX bytes. */
static int read_whole(at_reader *r, at_error *err)
{
    if (r->fsize > (long long)RD_DOC_MAX) {
        rd_error(err, r, AT_ELIMIT, 0,
                 "document of %lld bytes is over the 8 MiB limit", r->fsize);
        return -1;
    }
    while (r->end - r->pos <= RD_DOC_MAX && rd_fill(r))
        ;
    if (r->ioerr) {
        rd_error(err, r, r->ioerr == ENOMEM ? AT_ENOMEM : AT_EIO, 0, "%s",
                 strerror(r->ioerr));
        return -1;
    }
    if (r->end - r->pos > RD_DOC_MAX) {
        rd_error(err, r, AT_ELIMIT, 0,
                 "document of at least %zu bytes is over the 8 MiB limit",
                 r->end - r->pos);
        return -1;
    }
    return 0;
}

static int text_next(at_reader *r, at_doc *doc, at_error *err, at_error *warn)
{
    if (read_whole(r, err) != 0)
        return -1;
    const char *p = r->in + r->pos;
    size_t n = r->end - r->pos;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3, n -= 3;
    if (all_space(p, n)) {
        rd_error(err, r, AT_EPARSE, 0, "empty file, no document");
        return -1;
    }
    if (!at_utf8_valid(p, n)) {
        utf8_stats head, st;
        utf8_scan(p, n, n < RD_SNIFF ? n : RD_SNIFF, &head);
        if (head.nul > 0 ||
            (head.invalid + head.ctrl) * 10 > (n < RD_SNIFF ? n : RD_SNIFF)) {
            rd_error(err, r, AT_EPARSE, 0, "binary file, skipped");
            return -1;
        }
        utf8_scan(p, n, n, &st);
        size_t fixedlen;
        if (at_utf8_repair(p, n, &r->fixed, &fixedlen) < 0) {
            rd_error(err, r, AT_ENOMEM, 0, "out of memory");
            return -1;
        }
        if (fixedlen > RD_DOC_MAX) {
            rd_error(err, r, AT_ELIMIT, 0,
                     "document of %zu bytes (after replacing invalid UTF-8) "
                     "is over the 8 MiB limit", fixedlen);
            return -1;
        }
        char note[128];
        rd_repair_note(note, sizeof note, &st);
        rd_error(warn, r, AT_EPARSE, line_of(p, st.first_bad), "%s", note);
        p = r->fixed;
        n = fixedlen;
    }
    doc->id = (at_slice){r->stem, strlen(r->stem)};
    doc->text = (at_slice){p, n};
    return 1;
}

static int html_next(at_reader *r, at_doc *doc, at_error *err)
{
    if (read_whole(r, err) != 0)
        return -1;
    if (all_space(r->in + r->pos, r->end - r->pos)) {
        rd_error(err, r, AT_EPARSE, 0, "empty file, no document");
        return -1;
    }
    const char *why;
    at_status rc = html_extract(r->in + r->pos, r->end - r->pos, &r->text,
                                &r->title, &why);
    if (rc == AT_ELIMIT && why) {
        rd_error(err, r, rc, 0, "%s", why);
        return -1;
    }
    if (rc != AT_OK) {
        rd_error(err, r, rc, 0, "%s", at_strerror(rc));
        return -1;
    }
    if (r->text.len == 0) {
        rd_error(err, r, AT_EPARSE, 0, "no text in the HTML page");
        return -1;
    }
    doc->id = (at_slice){r->stem, strlen(r->stem)};
    doc->text = (at_slice){r->text.ptr, r->text.len};
    doc->title = (at_slice){r->title.ptr ? r->title.ptr : "", r->title.len};
    return 1;
}

int at_reader_next(at_reader *r, at_doc *doc, at_error *err, at_error *warn)
{
    clear_error(warn, r ? r->path : "");
    if (!r || !doc) {
        rd_error(err, r, AT_EINVAL, 0, "no reader or document");
        return -1;
    }
    clear_error(err, r->path);
    free_current(r);
    memset(doc, 0, sizeof *doc);
    int rc;
    switch (r->kind) {
    case RD_JSONL:
        rc = jsonl_next(r, doc, err, warn);
        break;
    case RD_WARC:
        rc = warc_next(r, doc, err, warn);
        break;
    default:
        if (r->done)
            return 0;
        r->done = true;
        rc = r->kind == RD_HTML ? html_next(r, doc, err)
                                : text_next(r, doc, err, warn);
        /* the whole-file buffer is no longer needed once extracted */
        if (r->kind == RD_HTML && r->in) {
            free(r->in);
            r->in = NULL;
            r->pos = r->end = r->cap = 0;
        }
        break;
    }
    if (rc == 1) {
        r->ndocs++;
        /* empty slices still point somewhere, for callers that memcpy */
        at_slice *s[] = {&doc->id, &doc->text, &doc->date,
                         &doc->outlet, &doc->url, &doc->title};
        for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
            if (!s[i]->ptr)
                *s[i] = (at_slice){"", 0};
    } else if (rc < 0) {
        r->nbad++;
        clear_error(warn, r->path);
    }
    return rc;
}
