/* test_utf8.c: at_utf8_valid and at_utf8_repair on valid text, overlongs,
 * surrogates, sequences cut off at the end, 4-byte characters and NUL,
 * including every position around the 8/16-byte ASCII fast path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "armstrace.h"

#define S(lit) lit, sizeof(lit) - 1

static const struct {
    const char *in;
    size_t len;
    bool valid;
    const char *fixed; /* expected repair */
    size_t fixedlen;
    long repairs;
} cases[] = {
    {S(""), true, S(""), 0},
    {S("Kyiv said on Monday"), true, S("Kyiv said on Monday"), 0},
    {S("caf\xC3\xA9 \xE2\x80\x99"), true, S("caf\xC3\xA9 \xE2\x80\x99"), 0},
    /* 4-byte: U+1F680 and the highest code point U+10FFFF */
    {S("\xF0\x9F\x9A\x80"), true, S("\xF0\x9F\x9A\x80"), 0},
    {S("\xF4\x8F\xBF\xBF"), true, S("\xF4\x8F\xBF\xBF"), 0},
    /* above U+10FFFF */
    {S("\xF4\x90\x80\x80"), false,
     S("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"), 4},
    {S("\xF5\x80"), false, S("\xEF\xBF\xBD\xEF\xBF\xBD"), 2},
    /* overlongs */
    {S("\xC0\x80"), false, S("\xEF\xBF\xBD\xEF\xBF\xBD"), 2},
    {S("a\xC1\xBF"), false, S("a\xEF\xBF\xBD\xEF\xBF\xBD"), 2},
    {S("\xE0\x80\xAF"), false,
     S("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"), 3},
    {S("\xE0\xA0\x80"), true, S("\xE0\xA0\x80"), 0},
    {S("\xF0\x80\x80\x80"), false,
     S("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"), 4},
    /* surrogates U+D800, U+DFFF; U+D7FF is fine */
    {S("\xED\xA0\x80"), false,
     S("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"), 3},
    {S("\xED\xBF\xBF"), false,
     S("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"), 3},
    {S("\xED\x9F\xBF"), true, S("\xED\x9F\xBF"), 0},
    /* sequences cut off at the end */
    {S("drones\xE2\x82"), false, S("drones\xEF\xBF\xBD\xEF\xBF\xBD"), 2},
    {S("x\xF0\x9F\x9A"), false,
     S("x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"), 3},
    {S("\xC3"), false, S("\xEF\xBF\xBD"), 1},
    /* a lone continuation byte, then good text */
    {S("\x80ok"), false, S("\xEF\xBF\xBDok"), 1},
    /* Latin-1 text */
    {S("Bogot\xE1 y M\xE9xico"), false,
     S("Bogot\xEF\xBF\xBD y M\xEF\xBF\xBDxico"), 2},
    /* NUL */
    {S("a\0b"), false, S("a b"), 1},
    {S("\0\0"), false, S("  "), 2},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *in = cases[i].in;
        size_t len = cases[i].len;
        if (at_utf8_valid(in, len) != cases[i].valid)
            fail_msg("case %zu: valid should be %d", i, cases[i].valid);
        char *out = NULL;
        size_t outlen = 99;
        long k = at_utf8_repair(in, len, &out, &outlen);
        assert_non_null(out);
        if (k != cases[i].repairs)
            fail_msg("case %zu: %ld repairs, want %ld", i, k,
                     cases[i].repairs);
        assert_int_equal(outlen, cases[i].fixedlen);
        assert_memory_equal(out, cases[i].fixed, outlen);
        assert_int_equal(out[outlen], '\0');
        assert_true(at_utf8_valid(out, outlen));
        free(out);
    }
}

/* A bad byte or NUL at every offset of a long ASCII run: the 8- and
 * 16-byte fast paths must not skip it, whatever the alignment. */
static void test_every_position(void **state)
{
    (void)state;
    char buf[67];
    for (size_t n = 1; n <= sizeof buf; n++) {
        for (size_t pos = 0; pos < n; pos++) {
            memset(buf, 'a', n);
            assert_true(at_utf8_valid(buf, n));
            buf[pos] = (char)0xFF;
            if (at_utf8_valid(buf, n))
                fail_msg("0xFF at %zu of %zu passed", pos, n);
            buf[pos] = '\0';
            if (at_utf8_valid(buf, n))
                fail_msg("NUL at %zu of %zu passed", pos, n);
            char *out;
            size_t outlen;
            assert_int_equal(at_utf8_repair(buf, n, &out, &outlen), 1);
            assert_int_equal(outlen, n);
            assert_int_equal(out[pos], ' ');
            free(out);
            /* a 2-byte lead before ASCII, or at the end */
            buf[pos] = (char)0xC3;
            assert_false(at_utf8_valid(buf, n));
        }
    }
}

/* Multibyte characters straddling the fast-path block boundaries. */
static void test_multibyte_alignment(void **state)
{
    (void)state;
    for (size_t pre = 0; pre < 20; pre++) {
        char buf[64];
        memset(buf, 'x', pre);
        memcpy(buf + pre, "\xF0\x9F\x9A\x80\xE2\x80\x99\xC3\xA9", 9);
        memset(buf + pre + 9, 'y', 20);
        assert_true(at_utf8_valid(buf, pre + 29));
        /* cut the 4-byte character at each point */
        for (size_t cut = 1; cut < 4; cut++)
            assert_false(at_utf8_valid(buf, pre + cut));
    }
}

static void test_large(void **state)
{
    (void)state;
    size_t n = 3 * 1024 * 1024;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('a' + i % 26);
    memcpy(big + n / 2, "\xE2\x80\x94", 3);
    assert_true(at_utf8_valid(big, n));
    big[n - 1] = (char)0xE2;
    assert_false(at_utf8_valid(big, n));
    char *out;
    size_t outlen;
    assert_int_equal(at_utf8_repair(big, n, &out, &outlen), 1);
    assert_int_equal(outlen, n + 2);
    assert_memory_equal(out + n - 1, "\xEF\xBF\xBD", 3);
    free(out);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_every_position),
        cmocka_unit_test(test_multibyte_alignment),
        cmocka_unit_test(test_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
