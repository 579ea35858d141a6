/* test_quantity.c: quantity_parse over the spec's table (section 6) and
 * quantity_find over invented wire-style sentences, including the
 * numbers that must not be read as counts (years, money, distances). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "quantity.h"

#define NUL INT64_MIN /* a null bound in the tables */

typedef struct {
    const char *text;
    int64_t min, max;
    bool approx;
} parse_case;

/* Every row of spec/claims.md section 6, then the other forms. */
static const parse_case parse_cases[] = {
    {"200", 200, 200, false},
    {"more than 200", 200, NUL, false},
    {"over 200", 200, NUL, false},
    {"at least 200", 200, NUL, false},
    {"fewer than 200", NUL, 200, false},
    {"up to 200", NUL, 200, false},
    {"around 400", 400, 400, true},
    {"about 400", 400, 400, true},
    {"some 400", 400, 400, true},
    {"nearly 400", 400, 400, true},
    {"100 to 200", 100, 200, false},
    {"between 100 and 200", 100, 200, false},
    {"dozens", 24, 99, true},
    {"hundreds", 100, 999, true},
    {"thousands", 1000, 9999, true},
    {"millions", 1000000, 9999999, true},
    {"half a dozen", 6, 6, true},
    {"hundreds of thousands", 100000, 999999, true},
    {"10,000-12,000", 10000, 12000, false},
    {"several", NUL, NUL, true},
    {"multiple", NUL, NUL, true},
    {"a number of", NUL, NUL, true},
    {"huge quantities", NUL, NUL, true},
    /* beyond the table */
    {"1,000", 1000, 1000, false},
    {"1.5 million", 1500000, 1500000, false},
    {"2 million", 2000000, 2000000, false},
    {"three", 3, 3, false},
    {"twenty-five", 25, 25, false},
    {"ninety nine", 99, 99, false},
    {"three hundred", 300, 300, false},
    {"two thousand five hundred", 2500, 2500, false},
    {"a hundred", 100, 100, false},
    {"a thousand", 1000, 1000, false},
    {"a dozen", 12, 12, true},
    {"two dozen", 24, 24, true},
    {"one", 1, 1, false},
    {"upwards of 50", 50, NUL, false},
    {"in excess of 50", 50, NUL, false},
    {"less than 50", NUL, 50, false},
    {"as many as 50", NUL, 50, false},
    {"no more than 50", NUL, 50, false},
    {"approximately 50", 50, 50, true},
    {"roughly 50", 50, 50, true},
    {"almost 50", 50, 50, true},
    {"an estimated 50", 50, 50, true},
    {"close to 50", 50, 50, true},
    {"nearly a dozen", 12, 12, true},
    {"more than a dozen", 12, NUL, true},
    {"around 1.5 million", 1500000, 1500000, true},
    {"tens of thousands", 10000, 99999, true},
    {"dozens of", 24, 99, true},
    {"numerous", NUL, NUL, true},
    {"a batch of", NUL, NUL, true},
    {"a large number of", NUL, NUL, true},
    {"large numbers of", NUL, NUL, true},
    {"vast quantities of", NUL, NUL, true},
    {"a large quantity of", NUL, NUL, true},
    {"20-30", 20, 30, false},
    {"five to ten", 5, 10, false},
};

/* Spans that are not quantities. */
static const char *const not_quantities[] = {
    "3.5", "drones", "some", "more than", "between 200 and 100",
    "the 200", "200 drones", "half", "a", "155mm", "200-300 drones",
};

static void analyze(at_textview *tv, const char *s)
{
    memset(tv, 0, sizeof *tv);
    assert_int_equal(text_analyze(tv, s, strlen(s)), AT_OK);
}

static void check_bounds(const at_quantity *q, int64_t min, int64_t max,
                         bool approx, const char *what)
{
    if (min == NUL) {
        if (q->has_min)
            fail_msg("%s: min %lld, want null", what, (long long)q->min);
    } else {
        if (!q->has_min)
            fail_msg("%s: min null, want %lld", what, (long long)min);
        assert_int_equal(q->min, min);
    }
    if (max == NUL) {
        if (q->has_max)
            fail_msg("%s: max %lld, want null", what, (long long)q->max);
    } else {
        if (!q->has_max)
            fail_msg("%s: max null, want %lld", what, (long long)max);
        assert_int_equal(q->max, max);
    }
    if (q->approx != approx)
        fail_msg("%s: approx %d, want %d", what, q->approx, approx);
}

static void test_parse_table(void **state)
{
    (void)state;
    at_textview tv;
    for (size_t i = 0; i < sizeof parse_cases / sizeof *parse_cases; i++) {
        const parse_case *c = &parse_cases[i];
        at_quantity q;
        analyze(&tv, c->text);
        if (!quantity_parse(&tv, 0, tv.ntok, &q))
            fail_msg("'%s' not parsed", c->text);
        check_bounds(&q, c->min, c->max, c->approx, c->text);
        assert_string_equal(q.unit, "");
        assert_int_equal(q.text.len, strlen(c->text));
        assert_ptr_equal(q.text.ptr, tv.text);
        text_free(&tv);
    }
}

static void test_parse_rejects(void **state)
{
    (void)state;
    at_textview tv;
    for (size_t i = 0; i < sizeof not_quantities / sizeof *not_quantities; i++) {
        at_quantity q;
        analyze(&tv, not_quantities[i]);
        if (quantity_parse(&tv, 0, tv.ntok, &q))
            fail_msg("'%s' parsed as a quantity", not_quantities[i]);
        text_free(&tv);
    }
    /* empty and out-of-range spans */
    at_quantity q;
    analyze(&tv, "200 drones");
    assert_false(quantity_parse(&tv, 1, 1, &q));
    assert_false(quantity_parse(&tv, 0, tv.ntok + 1, &q));
    assert_true(quantity_parse(&tv, 0, 1, &q));
    text_free(&tv);
}

typedef struct {
    const char *sentence;
    const char *head;  /* first token of the weapon phrase (its norm) */
    const char *text;  /* the quantity as written, NULL = none found */
    int64_t min, max;
    bool approx;
    const char *unit;
} find_case;

static const find_case find_cases[] = {
    {"Iran sent more than 200 short-range ballistic missiles to Russia.",
     "ballistic", "more than 200", 200, NUL, false, ""},
    {"Officials said around 400 such munitions had arrived by rail.",
     "munitions", "around 400", 400, 400, true, ""},
    {"The convoy carried more than 1,000 containers of munitions east.",
     "munitions", "more than 1,000", 1000, NUL, false, "container"},
    {"Moscow has fired at least one of those missiles at the port.",
     "missiles", "at least one", 1, NUL, false, ""},
    {"The army fired one of these missiles at a field.", "missiles", "one",
     1, 1, false, ""},
    {"Russia launched dozens of drones at the capital overnight.", "drones",
     "dozens", 24, 99, true, ""},
    {"Pyongyang shipped hundreds of thousands of artillery shells.",
     "artillery", "hundreds of thousands", 100000, 999999, true, ""},
    {"Analysts say Moscow received 10,000-12,000 shells a day.", "shells",
     "10,000-12,000", 10000, 12000, false, ""},
    {"The depot held between 100 and 200 Iranian drones last spring.",
     "drones", "between 100 and 200", 100, 200, false, ""},
    {"The plan covers 100 to 200 attack drones.", "attack", "100 to 200",
     100, 200, false, ""},
    {"The freighter unloaded 1.5 million rounds of ammunition.", "rounds",
     "1.5 million", 1500000, 1500000, false, ""},
    {"Tehran delivered half a dozen Mohajer-6 drones to the front.",
     "mohajer", "half a dozen", 6, 6, true, ""},
    {"The regime transferred huge quantities of killer drones.", "killer",
     "huge quantities", NUL, NUL, true, ""},
    {"Russia used multiple North Korean ballistic missiles in the raid.",
     "ballistic", "multiple", NUL, NUL, true, ""},
    {"Iran supplied a number of Shahed drones to the militia.", "shahed",
     "a number", NUL, NUL, true, ""},
    {"He said fewer than 50 tanks would be sent.", "tanks", "fewer than 50",
     NUL, 50, false, ""},
    {"Berlin pledged up to 30 air-defence systems.", "air", "up to 30", NUL,
     30, false, ""},
    {"Kyiv will get twenty-five F-16 jets next year.", "f", "twenty-five",
     25, 25, false, ""},
    {"North Korea sent two dozen launchers across the border.", "launchers",
     "two dozen", 24, 24, true, ""},
    {"The brigade received a dozen howitzers in May.", "howitzers",
     "a dozen", 12, 12, true, ""},
    {"Seoul says three hundred missiles were shipped.", "missiles",
     "three hundred", 300, 300, false, ""},
    {"Moscow ordered tens of thousands of rounds from the plant.", "rounds",
     "tens of thousands", 10000, 99999, true, ""},
    {"Pyongyang could send millions of shells.", "shells", "millions",
     1000000, 9999999, true, ""},
    {"Russia has several Iranian-made drones in stock.", "iranian",
     "several", NUL, NUL, true, ""},
    {"The army fired 200 drones at the city.", "drones", "200", 200, 200,
     false, ""},
    {"Iran shipped three batches of drones by sea.", "drones", "three", 3, 3,
     false, "batch"},
    {"Belarus sent 20 trainloads of ammunition.", "ammunition", "20", 20, 20,
     false, "trainload"},
    {"The plant produced 100 tonnes of explosives.", "explosives", "100", 100,
     100, false, "tonne"},
    {"Iran delivered a batch of drones in the autumn.", "drones", "a batch",
     NUL, NUL, true, ""},
    {"Tehran sent 300 small, cheap drones.", "drones", "300", 300, 300,
     false, ""},
    {"Officials counted some 400 drones.", "drones", "some 400", 400, 400,
     true, ""},
    {"Russia bought 1,000 more Iranian drones.", "iranian", "1,000", 1000,
     1000, false, ""},
    {"Iran supplied more than 200 short-range, Fatah-360 missiles.",
     "fatah", "more than 200", 200, NUL, false, ""},
    {"The north shipped more than 1,000 containers of equipment and "
     "munitions.", "munitions", "more than 1,000", 1000, NUL, false,
     "container"},
    {"Pyongyang may provide millions of artillery shells and rockets.",
     "rockets", "millions", 1000000, 9999999, true, ""},
    {"Iran sent hundreds of drones, missiles and rockets.", "rockets",
     "hundreds", 100, 999, true, ""},
    {"Iran sent 50 drones and two missiles.", "missiles", "two", 2, 2,
     false, ""},
    /* not counts of the weapons */
    {"Iran sent 200 drones and missiles.", "missiles", NULL, 0, 0, false,
     ""},
    {"In March, Iranian drones hit the port.", "iranian", NULL, 0, 0, false,
     ""},
    {"Iran sent 200, Russia said, drones.", "drones", NULL, 0, 0, false, ""},
    {"In 2023 drones hit the city.", "drones", NULL, 0, 0, false, ""},
    {"The $2 billion package of drones was approved.", "drones", NULL, 0, 0,
     false, ""},
    {"Iran sold 500 million dollars of drones.", "drones", NULL, 0, 0, false,
     ""},
    {"Iran sold $500 million drones.", "drones", NULL, 0, 0, false, ""},
    {"Russia fired 550-mile missiles at the port.", "missiles", NULL, 0, 0,
     false, ""},
    {"Russia moved 40 miles of missile launchers.", "missile", NULL, 0, 0,
     false, ""},
    {"One of the reasons Russia wants Iranian missiles is cost.", "iranian",
     NULL, 0, 0, false, ""},
    {"Some 40 percent of the drones failed.", "drones", NULL, 0, 0, false,
     ""},
    {"Some 40% of the drones failed.", "drones", NULL, 0, 0, false, ""},
    {"Russia launched 155mm shells.", "shells", NULL, 0, 0, false, ""},
    {"The 2 countries discussed drones.", "drones", NULL, 0, 0, false, ""},
    {"Russia fired Fatah-360 missiles.", "missiles", NULL, 0, 0, false, ""},
    {"Russia fired the drones.", "drones", NULL, 0, 0, false, ""},
    {"Iran sent 5 tanks and drones.", "drones", NULL, 0, 0, false, ""},
    {"Iran sent an Iranian drone.", "iranian", NULL, 0, 0, false, ""},
};

static size_t find_head(const at_textview *tv, const char *head)
{
    for (size_t i = 0; i < tv->ntok; i++)
        if (text_is(tv, i, head))
            return i;
    fail_msg("head '%s' not in sentence", head);
    return 0;
}

static void test_find_table(void **state)
{
    (void)state;
    at_textview tv;
    for (size_t i = 0; i < sizeof find_cases / sizeof *find_cases; i++) {
        const find_case *c = &find_cases[i];
        at_quantity q;
        analyze(&tv, c->sentence);
        size_t w = find_head(&tv, c->head);
        bool got = quantity_find(&tv, 0, w, &q);
        if (!c->text) {
            if (got)
                fail_msg("'%s': found '%.*s', want none", c->sentence,
                         (int)q.text.len, q.text.ptr);
            text_free(&tv);
            continue;
        }
        if (!got)
            fail_msg("'%s': no quantity, want '%s'", c->sentence, c->text);
        if (q.text.len != strlen(c->text) ||
            memcmp(q.text.ptr, c->text, q.text.len) != 0)
            fail_msg("'%s': text '%.*s', want '%s'", c->sentence,
                     (int)q.text.len, q.text.ptr, c->text);
        check_bounds(&q, c->min, c->max, c->approx, c->sentence);
        assert_string_equal(q.unit, c->unit);
        text_free(&tv);
    }
}

/* LO bounds the scan (inclusive): tokens left of it are not seen. */
static void test_find_lo(void **state)
{
    (void)state;
    at_textview tv;
    at_quantity q;
    analyze(&tv, "Iran sent more than 200 drones.");
    size_t w = find_head(&tv, "drones");
    assert_true(quantity_find(&tv, 0, w, &q));
    assert_false(q.has_max);
    assert_true(quantity_find(&tv, w - 1, w, &q));
    assert_true(q.has_max); /* "more than" is left of LO */
    assert_int_equal(q.max, 200);
    assert_int_equal(q.text.len, 3);
    assert_false(quantity_find(&tv, w, w, &q));
    assert_false(quantity_find(&tv, 0, tv.ntok + 1, &q));
    assert_false(quantity_find(NULL, 0, 1, &q));
    text_free(&tv);
}

/* Random word salad from the words the parser cares about: never a
 * crash, an overflow (UBSan) or a span outside the text; min <= max. */
static void test_word_salad(void **state)
{
    (void)state;
    static const char *const words[] = {
        "more", "than", "200", "1,000", "1.5", "million", "billion",
        "dozen", "dozens", "a", "half", "of", "the", "those", "one", "two",
        "twenty", "hundred", "thousand", "hundreds", "thousands", "tens",
        "between", "and", "to", "-", ",", "$", "%", "drones", "missiles",
        "containers", "Iranian", "short-range", "up", "at", "least",
        "around", "several", "number", "10,000-12,000", "2023", "miles",
        "999999999999999", "9.99", "or", "such", "in", "excess"};
    const size_t nw = sizeof words / sizeof *words;
    uint32_t seed = 12345;
    char buf[512];
    at_textview tv;
    memset(&tv, 0, sizeof tv);
    for (int round = 0; round < 3000; round++) {
        size_t len = 0, n = 1 + (seed >> 8) % 16;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *w = words[(seed >> 16) % nw];
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s ", w);
        }
        assert_int_equal(text_analyze(&tv, buf, len), AT_OK);
        for (size_t i = 0; i < tv.ntok; i++) {
            at_quantity q;
            for (size_t j = i + 1; j <= tv.ntok; j++)
                if (quantity_parse(&tv, i, j, &q) && q.has_min && q.has_max)
                    assert_true(q.min <= q.max);
            if (quantity_find(&tv, 0, i + 1, &q)) {
                assert_true(q.text.ptr >= buf && q.text.ptr + q.text.len <= buf + len);
                if (q.has_min && q.has_max)
                    assert_true(q.min <= q.max);
            }
        }
    }
    /* "dozen" repeated must not overflow */
    memset(buf, 0, sizeof buf);
    for (int i = 0; i < 40; i++)
        strcat(buf, "dozen ");
    assert_int_equal(text_analyze(&tv, buf, strlen(buf)), AT_OK);
    at_quantity q;
    (void)quantity_parse(&tv, 0, tv.ntok, &q);
    text_free(&tv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_find_table),
        cmocka_unit_test(test_find_lo),
        cmocka_unit_test(test_word_salad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
