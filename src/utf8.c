/* utf8.c: UTF-8 validation and repair (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF). Validation runs on every document,
 * so runs of ASCII are skipped eight bytes at a time. Repair replaces each
 * invalid byte with U+FFFD and each NUL with a space. */
#include <stdlib.h>
#include <string.h>

#include "armstrace.h"
#include "reader_int.h"

#define HIGH8 0x8080808080808080ULL
#define LOW8 0x0101010101010101ULL

/* true when the 8 bytes at P are ASCII and none is NUL. */
static inline bool plain8(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    /* (v - LOW8) & ~v sets a high bit for every zero byte (and can only
     * err for bytes >= 0x80, which v's own high bits already reject). */
    return ((v | ((v - LOW8) & ~v)) & HIGH8) == 0;
}

/* Length of the valid multibyte sequence at P (N bytes available), or 0.
 * P[0] >= 0x80. */
static size_t seq_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[2] & 0xC0) != 0x80)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
        return (p[1] >= lo && p[1] <= hi) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
        return (p[1] >= lo && p[1] <= hi) ? 4 : 0;
    }
    return 0; /* continuation byte, C0/C1 overlong lead, F5..FF */
}

bool at_utf8_valid(const char *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        if (i + 16 <= len && plain8(p + i) && plain8(p + i + 8)) {
            i += 16;
            continue;
        }
        unsigned c = p[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n = seq_len(p + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

void utf8_scan(const char *buf, size_t len, size_t stop, utf8_stats *st)
{
    const unsigned char *p = (const unsigned char *)buf;
    memset(st, 0, sizeof *st);
    st->first_bad = len;
    size_t i = 0;
    while (i < stop) {
        if (i + 8 <= stop && plain8(p + i)) {
            for (size_t k = 0; k < 8; k++)
                if (p[i + k] < 0x20 && p[i + k] != '\t' && p[i + k] != '\n' &&
                    p[i + k] != '\r' && p[i + k] != '\f')
                    st->ctrl++;
            i += 8;
            continue;
        }
        unsigned c = p[i];
        if (c == 0) {
            st->nul++;
        } else if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
                st->ctrl++;
            i++;
            continue;
        } else {
            size_t n = seq_len(p + i, len - i);
            if (n) {
                i += n;
                continue;
            }
            st->invalid++;
        }
        if (st->first_bad == len)
            st->first_bad = i;
        i++;
    }
}

long at_utf8_repair(const char *buf, size_t len, char **out, size_t *outlen)
{
    const unsigned char *p = (const unsigned char *)buf;
    /* Pass 1 sizes the output exactly, so a mostly invalid input costs
     * 3x its size once rather than a series of reallocs. */
    size_t need = 0, i = 0;
    long repairs = 0;
    while (i < len) {
        if (i + 8 <= len && plain8(p + i)) {
            i += 8;
            need += 8;
            continue;
        }
        if (p[i] < 0x80) {
            repairs += p[i] == 0;
            need++, i++;
            continue;
        }
        size_t n = seq_len(p + i, len - i);
        if (n) {
            need += n, i += n;
        } else {
            need += 3, i++;
            repairs++;
        }
    }
    char *o = malloc(need + 1);
    if (!o)
        return -1;
    size_t j = 0;
    i = 0;
    while (i < len) {
        if (i + 8 <= len && plain8(p + i)) {
            memcpy(o + j, p + i, 8);
            i += 8, j += 8;
            continue;
        }
        if (p[i] < 0x80) {
            o[j++] = p[i] ? (char)p[i] : ' ';
            i++;
            continue;
        }
        size_t n = seq_len(p + i, len - i);
        if (n) {
            memcpy(o + j, p + i, n);
            i += n, j += n;
        } else {
            memcpy(o + j, "\xEF\xBF\xBD", 3);
            i++, j += 3;
        }
    }
    o[j] = '\0';
    *out = o;
    *outlen = j;
    return repairs;
}
