/* test_date.c: ISO parsing and formatting, time expressions resolved
 * against a document date (weekdays across month and year ends, leap
 * days, months without a year, relative words), the NULL document date,
 * and the dateline finder. Sentences are invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"

static void analyze(at_textview *tv, const char *s)
{
    memset(tv, 0, sizeof *tv);
    assert_int_equal(text_analyze(tv, s, strlen(s)), AT_OK);
}

static void test_iso(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out; /* out NULL: rejected */
    } cases[] = {
        {"2024", "2024"},
        {"2024-02", "2024-02"},
        {"2024-02-29", "2024-02-29"},
        {"2000-02-29", "2000-02-29"},
        {"2023-12-31", "2023-12-31"},
        {"2023-02-29", NULL},
        {"1900-02-29", NULL},
        {"2024-04-31", NULL},
        {"2024-13", NULL},
        {"2024-00", NULL},
        {"2024-1-02", NULL},
        {"20240104", NULL},
        {"2024/01/02", NULL},
        {"", NULL},
        {"0000", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        at_ymd d;
        bool ok = date_parse_iso(cases[i].in, strlen(cases[i].in), &d);
        if (!cases[i].out) {
            if (ok)
                fail_msg("'%s' accepted", cases[i].in);
            continue;
        }
        if (!ok)
            fail_msg("'%s' rejected", cases[i].in);
        char buf[AT_DATE_MAX];
        date_format(&d, buf);
        assert_string_equal(buf, cases[i].out);
    }
    /* the length decides, not a NUL */
    at_ymd d;
    assert_true(date_parse_iso("2024-01-02T10:00", 10, &d));
    assert_int_equal(d.d, 2);
    assert_false(date_parse_iso(NULL, 4, &d));
}

static void test_format(void **state)
{
    (void)state;
    char buf[AT_DATE_MAX];
    at_ymd a = {2024, 0, 0}, b = {2024, 1, 0}, c = {2024, 1, 2}, e = {987, 3, 9};
    date_format(&a, buf);
    assert_string_equal(buf, "2024");
    date_format(&b, buf);
    assert_string_equal(buf, "2024-01");
    date_format(&c, buf);
    assert_string_equal(buf, "2024-01-02");
    date_format(&e, buf);
    assert_string_equal(buf, "0987-03-09");
}

typedef struct {
    const char *sentence;
    const char *doc;  /* document date, NULL = none */
    const char *date; /* first expression's start, NULL = none found */
    const char *text; /* its span as written */
} find_case;

static const find_case find_cases[] = {
    /* weekdays: on or before the document date */
    {"Russia fired the missiles on Tuesday (January 2) in an attack.",
     "2024-01-04", "2024-01-02", "on Tuesday (January 2)"},
    {"The strike came on Tuesday, officials said.", "2024-01-04",
     "2024-01-02", "on Tuesday"},
    {"Officials spoke on Thursday about the shipment.", "2024-01-04",
     "2024-01-04", "on Thursday"},
    {"Drones hit the port last Thursday.", "2024-01-04", "2023-12-28",
     "last Thursday"},
    {"The attack on Saturday killed four.", "2024-01-02", "2023-12-30",
     "on Saturday"},
    {"Sunday saw more launches.", "2024-01-02", "2023-12-31", "Sunday"},
    {"The shipment left on Friday.", "2024-03-02", "2024-03-01", "on Friday"},
    {"The shipment left on Thursday.", "2024-03-02", "2024-02-29",
     "on Thursday"},
    {"The shipment left on Wednesday.", "2023-03-02", "2023-03-01",
     "on Wednesday"},
    {"The shipment left on Tuesday.", "2023-03-02", "2023-02-28",
     "on Tuesday"},
    {"Talks resume next Monday.", "2024-01-04", "2024-01-08", "next Monday"},
    {"Russia used the drones Friday, Jan. 5, 2024, in Kharkiv.",
     "2024-01-09", "2024-01-05", "Friday, Jan. 5, 2024"},
    /* month and day without a year: the year closest to the document */
    {"Moscow launched one on Dec. 30 near the river.", "2024-01-04",
     "2023-12-30", "on Dec. 30"},
    {"The missile landed December 30 in a field.", "2024-01-04",
     "2023-12-30", "December 30"},
    {"The missile landed on 30 December in a field.", "2024-01-04",
     "2023-12-30", "on 30 December"},
    {"Delivery is due on Jan. 3 at the port.", "2023-12-30", "2024-01-03",
     "on Jan. 3"},
    {"The deal was signed on March 1 in Tehran.", "2023-08-31",
     "2023-03-01", "on March 1"},
    {"The convoy crossed on Feb. 29 at night.", "2024-03-10", "2024-02-29",
     "on Feb. 29"},
    {"The convoy crossed on 29th February at night.", "2024-03-10",
     "2024-02-29", "on 29th February"},
    /* months */
    {"Iran sent drones in March.", "2024-09-08", "2024-03", "in March"},
    {"Iran sent drones in March.", "2024-02-10", "2023-03", "in March"},
    {"Iran sent drones in March.", "2024-03-15", "2024-03", "in March"},
    {"Iran sent drones in early March.", "2024-09-08", "2024-03",
     "in early March"},
    {"Iran sent drones last October.", "2024-09-08", "2023-10",
     "last October"},
    {"Iran sent drones last October.", "2024-11-02", "2024-10",
     "last October"},
    {"Iran sent drones last October.", "2024-10-15", "2023-10",
     "last October"},
    {"Iran sent drones in September last year.", "2024-09-08", "2023-09",
     "in September last year"},
    {"Iran sent drones in January 2024.", "2024-09-08", "2024-01",
     "in January 2024"},
    /* years */
    {"Iran sent drones in 2023.", "2024-09-08", "2023", "in 2023"},
    {"Iran has sent drones since 2022.", "2024-09-08", "2022", "2022"},
    {"Iran sent drones in late 2023.", "2024-09-08", "2023", "in late 2023"},
    {"Deliveries resumed mid-2023.", "2024-09-08", "2023", "mid-2023"},
    /* relative words */
    {"Iran sent drones last year.", "2024-01-04", "2023", "last year"},
    {"Iran sent drones this year.", "2024-01-04", "2024", "this year"},
    {"Iran sent drones last month.", "2024-01-04", "2023-12", "last month"},
    {"Iran sent drones this month.", "2024-01-04", "2024-01", "this month"},
    {"Iran sent drones yesterday.", "2024-01-01", "2023-12-31", "yesterday"},
    {"Iran sent drones yesterday.", "2024-03-01", "2024-02-29", "yesterday"},
    {"Iran sends drones today.", "2024-01-04", "2024-01-04", "today"},
    /* full dates */
    {"It happened on January 2, 2024.", NULL, "2024-01-02",
     "on January 2, 2024"},
    {"It happened Jan. 2, 2024, at dawn.", NULL, "2024-01-02",
     "Jan. 2, 2024"},
    {"It happened on 2 January 2024.", NULL, "2024-01-02",
     "on 2 January 2024"},
    {"Filed 2024-01-02 by the desk.", NULL, "2024-01-02", "2024-01-02"},
    {"It began in January 2024.", NULL, "2024-01", "in January 2024"},
    {"Report 2024-01 covers it.", NULL, "2024-01", "2024-01"},
    {"It happened in 2023.", NULL, "2023", "in 2023"},
    {"It happened on February 29, 2024.", NULL, "2024-02-29",
     "on February 29, 2024"},
    /* nothing to resolve without a document date */
    {"The strike came on Tuesday.", NULL, NULL, NULL},
    {"Iran sent drones in March.", NULL, NULL, NULL},
    {"The missile landed on Dec. 30.", NULL, NULL, NULL},
    {"Iran sent drones yesterday.", NULL, NULL, NULL},
    {"Iran sent drones last year.", NULL, NULL, NULL},
    /* not dates */
    {"Russia bought 2000 drones.", "2024-01-04", NULL, NULL},
    {"Russia bought 2,024 drones.", "2024-01-04", NULL, NULL},
    {"Officials may meet soon.", "2024-01-04", NULL, NULL},
    {"May officials meet soon?", "2024-01-04", NULL, NULL},
    {"Jan Novak said the drones arrived.", "2024-01-04", NULL, NULL},
    {"The March of the regiment went on.", "2024-01-04", NULL, NULL},
    {"It happened on February 29, 2023.", NULL, NULL, NULL},
    {"Photo 20240104130140-6596fbc4 shows it.", NULL, NULL, NULL},
    {"The 2022-23 winter was hard.", NULL, NULL, NULL},
};

static void test_find_table(void **state)
{
    (void)state;
    at_textview tv;
    for (size_t i = 0; i < sizeof find_cases / sizeof *find_cases; i++) {
        const find_case *c = &find_cases[i];
        at_ymd doc, *dp = NULL;
        at_timex tx[4];
        if (c->doc) {
            assert_true(date_parse_iso(c->doc, strlen(c->doc), &doc));
            dp = &doc;
        }
        analyze(&tv, c->sentence);
        size_t n = date_find(&tv, 0, tv.ntok, dp, tx, 4);
        if (!c->date) {
            if (n)
                fail_msg("'%s' (%s): found a date, want none", c->sentence,
                         c->doc ? c->doc : "no doc date");
            text_free(&tv);
            continue;
        }
        if (n == 0)
            fail_msg("'%s' (%s): no date, want %s", c->sentence,
                     c->doc ? c->doc : "no doc date", c->date);
        char buf[AT_DATE_MAX], buf2[AT_DATE_MAX];
        date_format(&tx[0].start, buf);
        date_format(&tx[0].end, buf2);
        if (strcmp(buf, c->date) != 0)
            fail_msg("'%s' (%s): %s, want %s", c->sentence,
                     c->doc ? c->doc : "no doc date", buf, c->date);
        assert_string_equal(buf2, c->date);
        assert_true(tx[0].first < tx[0].last);
        const char *s = tv.text + tv.toks[tx[0].first].start;
        size_t len = tv.toks[tx[0].last - 1].end - tv.toks[tx[0].first].start;
        if (len != strlen(c->text) || memcmp(s, c->text, len) != 0)
            fail_msg("'%s': span '%.*s', want '%s'", c->sentence, (int)len,
                     s, c->text);
        text_free(&tv);
    }
}

/* Several expressions come back in text order; MAX and the token range
 * are honoured. */
static void test_find_many(void **state)
{
    (void)state;
    at_textview tv;
    at_ymd doc = {2024, 9, 8};
    at_timex tx[4];
    char buf[AT_DATE_MAX];
    analyze(&tv, "Iran sent drones in March and missiles on Tuesday, then "
                 "more in 2023.");
    assert_int_equal(date_find(&tv, 0, tv.ntok, &doc, tx, 4), 3);
    date_format(&tx[0].start, buf);
    assert_string_equal(buf, "2024-03");
    date_format(&tx[1].start, buf);
    assert_string_equal(buf, "2024-09-03");
    date_format(&tx[2].start, buf);
    assert_string_equal(buf, "2023");
    assert_int_equal(date_find(&tv, 0, tv.ntok, &doc, tx, 1), 1);
    assert_int_equal(date_find(&tv, 0, tv.ntok, &doc, tx, 0), 0);
    /* a range that stops before "Tuesday" sees only March */
    size_t mid = tx[0].last;
    assert_int_equal(date_find(&tv, 0, mid, &doc, tx, 4), 1);
    /* a range that starts at "March" leaves out its cue "in", and a bare
     * month without a cue is not taken */
    assert_int_equal(date_find(&tv, mid - 1, tv.ntok, &doc, tx, 4), 2);
    date_format(&tx[0].start, buf);
    assert_string_equal(buf, "2024-09-03");
    /* a partial document date counts as none */
    at_ymd partial = {2024, 9, 0};
    assert_int_equal(date_find(&tv, 0, tv.ntok, &partial, tx, 4), 1);
    assert_int_equal(date_find(NULL, 0, 4, &doc, tx, 4), 0);
    text_free(&tv);
}

static void test_dateline(void **state)
{
    (void)state;
    static const struct {
        const char *text, *date; /* date NULL: none */
    } cases[] = {
        {"Ties between two capitals grow - analysis\n\n8 September 2024, "
         "09:36 | Updated: 8 September 2024, 11:52\n\nThe body starts.",
         "2024-09-08"},
        {"KYIV (Wire) — Jan. 4, 2024 — Drones hit the city.", "2024-01-04"},
        {" date 2024-01-05 Share on email\n\nBody text.", "2024-01-05"},
        {"51\n\nSkip to content\n20240104130140-6596fbc4ab0e jpeg\n"
         "Published January 4, 2024\n", "2024-01-04"},
        {"Updated: March 3, 2024 at 10:00 GMT\nText.", "2024-03-03"},
        {"Drones were sent in March 2024 and again in 2023.", NULL},
        {"On Tuesday drones arrived.", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        at_ymd d = {0, 0, 0};
        bool ok = date_dateline(cases[i].text, strlen(cases[i].text), &d);
        if (!cases[i].date) {
            if (ok)
                fail_msg("case %zu: found a dateline", i);
            continue;
        }
        if (!ok)
            fail_msg("case %zu: no dateline, want %s", i, cases[i].date);
        char buf[AT_DATE_MAX];
        date_format(&d, buf);
        assert_string_equal(buf, cases[i].date);
    }
    assert_false(date_dateline(NULL, 0, NULL));
}

/* Only the first 600 bytes count; a cut inside a UTF-8 character is safe. */
static void test_dateline_limit(void **state)
{
    (void)state;
    char text[800];
    at_ymd d;
    for (size_t i = 0; i < sizeof text; i += 2) {
        text[i] = 'x';
        text[i + 1] = ' ';
    }
    memcpy(text + 560, "2 January 2024 ", 15);
    assert_true(date_dateline(text, 580, &d));
    assert_int_equal(d.y, 2024);
    assert_int_equal(d.m, 1);
    assert_int_equal(d.d, 2);
    memcpy(text + 560, "x x x x x x x x", 15);
    memcpy(text + 598, "\xE2\x80\x94", 3); /* an em dash over byte 600 */
    memcpy(text + 640, "2 January 2024 ", 15);
    assert_false(date_dateline(text, 700, &d));
    /* the same date inside the limit is found */
    memcpy(text + 580, "2 January 2024 ", 15);
    assert_true(date_dateline(text, 700, &d));
}

/* Random word salad of date words: valid dates, spans in range, in text
 * order and not overlapping; no crash or UB. */
static void test_word_salad(void **state)
{
    (void)state;
    static const char *const words[] = {
        "on", "in", "last", "this", "next", "year", "month", "Tuesday",
        "Sunday", "(", ")", ",", ".", "Dec", "December", "February", "Feb",
        "29", "30", "31", "2", "2023", "2024", "1900", "2100", "-", "01",
        "2024-02-29", "2023-02-29", "yesterday", "today", "early", "mid",
        "since", "May", "30th", "of"};
    const size_t nw = sizeof words / sizeof *words;
    static const at_ymd docs[] = {{2024, 1, 1}, {2024, 2, 29}, {2023, 12, 31},
                                  {1900, 1, 1}, {9999, 12, 31}};
    uint32_t seed = 777;
    char buf[512];
    at_textview tv;
    memset(&tv, 0, sizeof tv);
    for (int round = 0; round < 3000; round++) {
        size_t len = 0, n = 1 + (seed >> 8) % 14;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s ",
                                    words[(seed >> 16) % nw]);
        }
        assert_int_equal(text_analyze(&tv, buf, len), AT_OK);
        const at_ymd *doc = round % 6 == 5 ? NULL : &docs[round % 5];
        at_timex tx[8];
        size_t lo = tv.ntok > 2 ? 1 : 0;
        size_t k = date_find(&tv, lo, tv.ntok, doc, tx, 8);
        uint32_t prev = (uint32_t)lo;
        for (size_t i = 0; i < k; i++) {
            assert_true(tx[i].first >= prev && tx[i].first < tx[i].last);
            assert_true(tx[i].last <= tv.ntok);
            prev = tx[i].last;
            at_ymd d = tx[i].start;
            assert_true(d.m >= 0 && d.m <= 12);
            if (d.d) {
                char iso[AT_DATE_MAX];
                at_ymd back;
                date_format(&d, iso);
                assert_true(date_parse_iso(iso, strlen(iso), &back));
            }
        }
        at_ymd dl;
        (void)date_dateline(buf, len, &dl);
    }
    text_free(&tv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_find_table),
        cmocka_unit_test(test_find_many),
        cmocka_unit_test(test_dateline),
        cmocka_unit_test(test_dateline_limit),
        cmocka_unit_test(test_word_salad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
