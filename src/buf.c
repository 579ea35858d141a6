/* buf.c: the growable byte buffer with a sticky error (at_buf). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armstrace.h"

static bool grow(at_buf *b, size_t need)
{
    if (b->err)
        return false;
    if (b->len + need < b->len) {
        b->err = AT_ELIMIT;
        return false;
    }
    if (b->len + need + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + need + 1)
        cap += cap / 2 + 64;
    char *p = realloc(b->ptr, cap);
    if (!p) {
        b->err = AT_ENOMEM;
        return false;
    }
    b->ptr = p;
    b->cap = cap;
    return true;
}

void at_buf_put(at_buf *b, const void *p, size_t n)
{
    if (n == 0 || !grow(b, n))
        return;
    memcpy(b->ptr + b->len, p, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

void at_buf_puts(at_buf *b, const char *s) { at_buf_put(b, s, strlen(s)); }

void at_buf_putc(at_buf *b, char c) { at_buf_put(b, &c, 1); }

void at_buf_printf(at_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->err = AT_EINVAL;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        at_buf_put(b, tmp, (size_t)n);
        return;
    }
    if (!grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void at_buf_json_str(at_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    at_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        at_buf_put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': at_buf_put(b, "\\\"", 2); break;
        case '\\': at_buf_put(b, "\\\\", 2); break;
        case '\n': at_buf_put(b, "\\n", 2); break;
        case '\r': at_buf_put(b, "\\r", 2); break;
        case '\t': at_buf_put(b, "\\t", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            at_buf_put(b, u, 6);
        }
        }
    }
    at_buf_put(b, s + run, n - run);
    at_buf_putc(b, '"');
}

void at_buf_reset(at_buf *b)
{
    b->len = 0;
    b->err = AT_OK;
    if (b->ptr)
        b->ptr[0] = '\0';
}

void at_buf_free(at_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->err = AT_OK;
}
