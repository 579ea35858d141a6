/* pyval.c: Python's semantics for jansson values (see pyval.h). The
 * evaluator must agree with score.py figure for figure, so every place
 * where Python's rules differ from C's (1 == 1.0, str(None), repr of
 * floats, str.lower, slicing by code points) is answered here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyval.h"

/* MARK: - Truth and equality */

bool py_truthy(const json_t *v)
{
    if (!v)
        return false;
    switch (json_typeof(v)) {
    case JSON_OBJECT: return json_object_size(v) > 0;
    case JSON_ARRAY: return json_array_size(v) > 0;
    case JSON_STRING: return json_string_length(v) > 0;
    case JSON_INTEGER: return json_integer_value(v) != 0;
    case JSON_REAL: return json_real_value(v) != 0.0;
    case JSON_TRUE: return true;
    default: return false;
    }
}

/* A number as Python holds it: bool and int are exact integers. */
typedef struct {
    bool is_int;
    json_int_t i;
    double d;
} pynum;

static bool as_num(const json_t *v, pynum *n)
{
    if (!v)
        return false;
    switch (json_typeof(v)) {
    case JSON_INTEGER: *n = (pynum){true, json_integer_value(v), 0}; return true;
    case JSON_TRUE: *n = (pynum){true, 1, 0}; return true;
    case JSON_FALSE: *n = (pynum){true, 0, 0}; return true;
    case JSON_REAL: *n = (pynum){false, 0, json_real_value(v)}; return true;
    default: return false;
    }
}

/* Python compares int with float exactly, not by converting the int. */
static bool int_eq_double(json_int_t i, double d)
{
    if (d != floor(d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return false;
    return (json_int_t)d == i;
}

bool py_eq(const json_t *a, const json_t *b)
{
    bool an = !a || json_is_null(a), bn = !b || json_is_null(b);
    if (an || bn)
        return an && bn;
    pynum x, y;
    if (as_num(a, &x) && as_num(b, &y)) {
        if (x.is_int && y.is_int)
            return x.i == y.i;
        if (!x.is_int && !y.is_int)
            return x.d == y.d;
        return x.is_int ? int_eq_double(x.i, y.d) : int_eq_double(y.i, x.d);
    }
    if (json_typeof(a) != json_typeof(b))
        return false;
    switch (json_typeof(a)) {
    case JSON_STRING:
        return json_string_length(a) == json_string_length(b) &&
               !memcmp(json_string_value(a), json_string_value(b), json_string_length(a));
    case JSON_ARRAY:
        if (json_array_size(a) != json_array_size(b))
            return false;
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!py_eq(json_array_get(a, i), json_array_get(b, i)))
                return false;
        return true;
    case JSON_OBJECT: {
        if (json_object_size(a) != json_object_size(b))
            return false;
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)a, k, v) {
            json_t *w = json_object_get(b, k);
            if (!w || !py_eq(v, w))
                return false;
        }
        return true;
    }
    default: return false;
    }
}

/* MARK: - str() and repr() */

void py_float_repr(at_buf *b, double d)
{
    if (isnan(d)) {
        at_buf_puts(b, "nan");
        return;
    }
    if (isinf(d)) {
        at_buf_puts(b, d < 0 ? "-inf" : "inf");
        return;
    }
    if (d == 0.0) {
        at_buf_puts(b, signbit(d) ? "-0.0" : "0.0");
        return;
    }
    /* The shortest %e precision that reads back is Python's 'r' digits. */
    char tmp[48];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    const char *p = tmp;
    if (*p == '-') {
        at_buf_putc(b, '-');
        p++;
    }
    char digits[24];
    size_t nd = 0;
    for (; *p && *p != 'e'; p++)
        if (*p != '.' && nd < sizeof digits)
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    int decpt = (*p == 'e' ? atoi(p + 1) : 0) + 1;
    if (decpt <= -4 || decpt > 16) {
        at_buf_putc(b, digits[0]);
        if (nd > 1) {
            at_buf_putc(b, '.');
            at_buf_put(b, digits + 1, nd - 1);
        }
        int ex = decpt - 1;
        at_buf_printf(b, "e%c%02d", ex < 0 ? '-' : '+', ex < 0 ? -ex : ex);
    } else if (decpt <= 0) {
        at_buf_puts(b, "0.");
        for (int i = 0; i < -decpt; i++)
            at_buf_putc(b, '0');
        at_buf_put(b, digits, nd);
    } else if ((size_t)decpt >= nd) {
        at_buf_put(b, digits, nd);
        for (size_t i = nd; i < (size_t)decpt; i++)
            at_buf_putc(b, '0');
        at_buf_puts(b, ".0");
    } else {
        at_buf_put(b, digits, (size_t)decpt);
        at_buf_putc(b, '.');
        at_buf_put(b, digits + decpt, nd - (size_t)decpt);
    }
}

static void repr_str(at_buf *b, const char *s, size_t n)
{
    /* Python picks double quotes only when the text has ' and no ". */
    char q = memchr(s, '\'', n) && !memchr(s, '"', n) ? '"' : '\'';
    at_buf_putc(b, q);
    for (size_t i = 0; i < n;) {
        size_t at = i;
        uint32_t c = py_utf8_next(s, n, &i);
        if (c == (uint32_t)q || c == '\\')
            at_buf_printf(b, "\\%c", (char)c);
        else if (c == '\n')
            at_buf_puts(b, "\\n");
        else if (c == '\r')
            at_buf_puts(b, "\\r");
        else if (c == '\t')
            at_buf_puts(b, "\\t");
        else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0xad)
            at_buf_printf(b, "\\x%02x", (unsigned)c);
        else
            at_buf_put(b, s + at, i - at);
    }
    at_buf_putc(b, q);
}

static void repr(at_buf *b, const json_t *v)
{
    if (json_is_string(v))
        repr_str(b, json_string_value(v), json_string_length(v));
    else
        py_str(b, v);
}

void py_str(at_buf *b, const json_t *v)
{
    if (!v || json_is_null(v)) {
        at_buf_puts(b, "None");
        return;
    }
    switch (json_typeof(v)) {
    case JSON_STRING: at_buf_put(b, json_string_value(v), json_string_length(v)); break;
    case JSON_INTEGER: at_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
    case JSON_REAL: py_float_repr(b, json_real_value(v)); break;
    case JSON_TRUE: at_buf_puts(b, "True"); break;
    case JSON_FALSE: at_buf_puts(b, "False"); break;
    case JSON_ARRAY:
        at_buf_putc(b, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i)
                at_buf_puts(b, ", ");
            repr(b, json_array_get(v, i));
        }
        at_buf_putc(b, ']');
        break;
    case JSON_OBJECT: {
        at_buf_putc(b, '{');
        const char *k;
        json_t *x;
        bool first = true;
        json_object_foreach((json_t *)v, k, x) {
            if (!first)
                at_buf_puts(b, ", ");
            first = false;
            repr_str(b, k, strlen(k));
            at_buf_puts(b, ": ");
            repr(b, x);
        }
        at_buf_putc(b, '}');
        break;
    }
    default: break;
    }
}

/* MARK: - UTF-8 */

uint32_t py_utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[*i];
    size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    if (*i + len > n)
        len = n - *i;
    if (len > 1)
        c &= 0x3fu >> (len - 1);
    for (size_t k = 1; k < len; k++)
        c = (c << 6) | (u[*i + k] & 0x3fu);
    *i += len;
    return c;
}

bool py_utf8_ok(const char *s, size_t n, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t len;
        unsigned lo = 0x80, hi = 0xbf; /* range of the second byte */
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            if (c == 0xe0)
                lo = 0xa0; /* overlong */
            if (c == 0xed)
                hi = 0x9f; /* surrogates */
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            if (c == 0xf0)
                lo = 0x90;
            if (c == 0xf4)
                hi = 0x8f;
        } else {
            *bad = i;
            return false;
        }
        if (i + len > n || u[i + 1] < lo || u[i + 1] > hi) {
            *bad = i;
            return false;
        }
        for (size_t k = 2; k < len; k++)
            if ((u[i + k] & 0xc0) != 0x80) {
                *bad = i;
                return false;
            }
        i += len;
    }
    return true;
}

size_t py_prefix(const char *s, size_t n, size_t ncp)
{
    size_t i = 0;
    for (size_t k = 0; k < ncp && i < n; k++)
        py_utf8_next(s, n, &i);
    return i;
}

bool py_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t c = py_utf8_next(s, n, &i);
        bool ws = (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 ||
                  c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
                  c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
        if (!ws)
            return false;
    }
    return true;
}

/* MARK: - str.lower() */

/* Unicode's simple lowercase mapping for the scripts weapon names are
 * written in; U+0130 and the final sigma are handled by py_lower. */
static uint32_t lower_cp(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c >= 0xc0 && c <= 0xde && c != 0xd7)
        return c + 32;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
        return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
        return c & 1 ? c + 1 : c;
    if (c == 0x178)
        return 0xff;
    if (c == 0x386)
        return 0x3ac;
    if (c >= 0x388 && c <= 0x38a)
        return c + 37;
    if (c == 0x38c)
        return 0x3cc;
    if (c == 0x38e || c == 0x38f)
        return c + 63;
    if ((c >= 0x391 && c <= 0x3a1) || (c >= 0x3a3 && c <= 0x3ab))
        return c + 32;
    if (c >= 0x400 && c <= 0x40f)
        return c + 80;
    if (c >= 0x410 && c <= 0x42f)
        return c + 32;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf) || (c >= 0x4d0 && c <= 0x52f))
        return c | 1;
    if (c == 0x4c0)
        return 0x4cf;
    if (c >= 0x4c1 && c <= 0x4ce)
        return c & 1 ? c + 1 : c;
    return c;
}

static bool is_cased(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == 0xaa || c == 0xb5 ||
           c == 0xba || (c >= 0xc0 && c <= 0x2af && c != 0xd7 && c != 0xf7) ||
           (c >= 0x370 && c <= 0x3ff && c != 0x374 && c != 0x375 && c != 0x37e &&
            c != 0x384 && c != 0x385 && c != 0x387 && c != 0x3f6) ||
           (c >= 0x400 && c <= 0x52f && !(c >= 0x482 && c <= 0x489));
}

static bool is_case_ignorable(uint32_t c)
{
    return c == '\'' || c == '.' || c == ':' || c == '^' || c == '`' || c == 0xa8 ||
           c == 0xad || c == 0xaf || c == 0xb4 || c == 0xb7 || c == 0xb8 ||
           (c >= 0x2b0 && c <= 0x36f) || c == 0x2018 || c == 0x2019 || c == 0x2024 ||
           c == 0x2027;
}

static void put_cp(at_buf *b, uint32_t c)
{
    char o[4];
    size_t k;
    if (c < 0x80) {
        o[0] = (char)c;
        k = 1;
    } else if (c < 0x800) {
        o[0] = (char)(0xc0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3f));
        k = 2;
    } else if (c < 0x10000) {
        o[0] = (char)(0xe0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        o[2] = (char)(0x80 | (c & 0x3f));
        k = 3;
    } else {
        o[0] = (char)(0xf0 | (c >> 18));
        o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
        o[3] = (char)(0x80 | (c & 0x3f));
        k = 4;
    }
    at_buf_put(b, o, k);
}

/* Python's Final_Sigma: a cased letter before (case-ignorables skipped)
 * and none after. Positions are byte offsets of code points in S. */
static bool final_sigma(const char *s, size_t n, size_t at, size_t after)
{
    uint32_t c = 0;
    bool found = false;
    size_t j = at;
    while (j > 0) {
        do
            j--;
        while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80);
        size_t k = j;
        c = py_utf8_next(s, n, &k);
        if (!is_case_ignorable(c)) {
            found = true;
            break;
        }
    }
    if (!found || !is_cased(c))
        return false;
    for (size_t k = after; k < n;) {
        c = py_utf8_next(s, n, &k);
        if (!is_case_ignorable(c))
            return !is_cased(c);
    }
    return true;
}

void py_lower(at_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t at = i;
        uint32_t c = py_utf8_next(s, n, &i);
        if (c == 0x130)
            at_buf_puts(b, "i\xcc\x87"); /* full mapping: i + U+0307 */
        else if (c == 0x3a3)
            put_cp(b, final_sigma(s, n, at, i) ? 0x3c2 : 0x3c3);
        else
            put_cp(b, lower_cp(c));
    }
}
