/* test_eval.c: the evaluator on tiny in-memory gold and prediction sets:
 * key counts, optional lines, null parties and economic, the corpus and
 * the id filter, attribute accuracy, the exact report text, input errors,
 * and the Python semantics it relies on (str(), repr of floats, lower). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "armstrace.h"
#include "pyval.h"

/* A gold line of doc D, RUS <- IRN drone delivered claimed unless given. */
#define KEY(d, s, r, c) "\"doc\":" d ",\"supplier\":" s ",\"recipient\":" r ",\"category\":" c
#define DRONE(d) KEY(d, "\"IRN\"", "\"RUS\"", "\"drone\"") ",\"stage\":\"delivered\",\"factuality\":\"claimed\""

static at_eval *load(const char *gold, const char *pred, const char *corpus)
{
    at_eval *e = at_eval_new();
    assert_non_null(e);
    at_error err = {0};
    assert_int_equal(at_eval_add_gold(e, "gold", gold, strlen(gold), &err), AT_OK);
    assert_int_equal(at_eval_add_pred(e, "pred", pred, strlen(pred), &err), AT_OK);
    if (corpus)
        assert_int_equal(at_eval_add_corpus(e, "corpus", corpus, strlen(corpus), &err), AT_OK);
    return e;
}

static at_eval_score score(at_eval *e)
{
    at_eval_score s;
    at_error err = {0};
    assert_int_equal(at_eval_run(e, &s, &err), AT_OK);
    return s;
}

static void assert_counts(const at_eval_score *s, size_t tp, size_t fp, size_t fn)
{
    assert_int_equal(s->tp, tp);
    assert_int_equal(s->fp, fp);
    assert_int_equal(s->fn, fn);
}

/* The text report, as a string the caller frees. */
static char *report(const at_eval *e, unsigned flags)
{
    at_buf b = {0};
    at_eval_report(e, &b, flags);
    assert_int_equal(b.err, AT_OK);
    return b.ptr;
}

static void test_counts(void **state)
{
    (void)state;
    const char *gold = "{" DRONE("\"a\"") "}\n"
                       "{" KEY("\"a\"", "\"PRK\"", "\"RUS\"", "\"ammunition\"")
                       ",\"stage\":\"delivered\",\"factuality\":\"claimed\"}\n";
    const char *pred = "{" DRONE("\"a\"") "}\n{" DRONE("\"a\"") "}\n" /* duplicate: one key */
                       "{" KEY("\"a\"", "\"CHN\"", "\"RUS\"", "\"drone\"")
                       ",\"stage\":\"delivered\",\"factuality\":\"claimed\",\"extra\":[1]}\n";
    at_eval *e = load(gold, pred, NULL);
    at_eval_score s = score(e);
    assert_counts(&s, 1, 1, 1);
    assert_true(s.precision == 0.5 && s.recall == 0.5 && s.f1 == 0.5);
    char *r = report(e, 0);
    assert_string_equal(r, "keys: P=0.500 R=0.500 F1=0.500 tp=1 fp=1 fn=1 | "
                           "system 0/0 quantity 0/0 date 0/0\n");
    free(r);
    at_eval_free(e);
}

static void test_optional(void **state)
{
    (void)state;
    /* b: optional only (predicting it is no FP, missing it no FN);
     * a: optional and required lines for one key: required wins. */
    const char *gold = "{" DRONE("\"b\"") ",\"optional\":true}\n"
                       "{" DRONE("\"a\"") ",\"optional\":true}\n"
                       "{" DRONE("\"a\"") ",\"optional\":false}\n"
                       "{" DRONE("\"c\"") ",\"optional\":1}\n";
    at_eval *e = load(gold, "{" DRONE("\"b\"") "}\n", NULL);
    at_eval_score s = score(e);
    assert_counts(&s, 0, 0, 1);
    at_eval_free(e);
    e = load(gold, "{" DRONE("\"a\"") "}\n", NULL);
    s = score(e);
    assert_counts(&s, 1, 0, 0);
    at_eval_free(e);
}

static void test_dropped_keys(void **state)
{
    (void)state;
    /* Predictions with a null, empty or missing party, or economic, are
     * not scored; a gold line with a null party is still a miss, as in
     * score.py. */
    const char *gold = "{" DRONE("\"a\"") "}\n"
                       "{" KEY("\"a\"", "null", "\"RUS\"", "\"drone\"")
                       ",\"stage\":\"used\",\"factuality\":\"claimed\"}\n";
    const char *pred = "{" KEY("\"a\"", "null", "\"RUS\"", "\"drone\"")
                       ",\"stage\":\"used\",\"factuality\":\"claimed\"}\n"
                       "{" KEY("\"a\"", "\"\"", "\"RUS\"", "\"drone\"")
                       ",\"stage\":\"used\",\"factuality\":\"claimed\"}\n"
                       "{\"doc\":\"a\",\"recipient\":\"RUS\",\"category\":\"drone\","
                       "\"stage\":\"used\",\"factuality\":\"claimed\"}\n"
                       "{" KEY("\"a\"", "\"IRN\"", "\"RUS\"", "\"economic\"")
                       ",\"stage\":\"delivered\",\"factuality\":\"claimed\"}\n";
    at_eval *e = load(gold, pred, NULL);
    at_eval_score s = score(e);
    assert_counts(&s, 0, 0, 2);
    at_eval_free(e);
}

static void test_corpus(void **state)
{
    (void)state;
    const char *gold = "{" DRONE("\"a\"") "}\n";
    /* z has no gold line: without a corpus it is not scored, with one its
     * keys are false positives. Doc 12 (a number) is "12". */
    const char *pred = "{" DRONE("\"a\"") "}\n{" DRONE("\"z\"") "}\n{" DRONE("12") "}\n";
    at_eval *e = load(gold, pred, NULL);
    at_eval_score s = score(e);
    assert_counts(&s, 1, 0, 0);
    at_eval_free(e);
    e = load(gold, pred, "{\"id\":\"a\"}\n{\"id\":\"z\"}\n{\"id\":12}\n");
    s = score(e);
    assert_counts(&s, 1, 2, 0);
    at_eval_free(e);
    /* An empty corpus scores nothing. */
    e = load(gold, pred, "");
    s = score(e);
    assert_counts(&s, 0, 0, 1);
    at_eval_free(e);
    /* A corpus given document by document. */
    e = load(gold, pred, NULL);
    assert_int_equal(at_eval_add_doc(e, "z", 1), AT_OK);
    s = score(e);
    assert_counts(&s, 0, 1, 1);
    at_eval_free(e);
}

static void test_only(void **state)
{
    (void)state;
    const char *gold = "{" DRONE("\"a\"") "}\n{" DRONE("\"b\"") "}\n";
    const char *pred = "{" DRONE("\"a\"") "}\n{" DRONE("\"z\"") "}\n";
    at_eval *e = load(gold, pred, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"z\"}\n");
    assert_int_equal(at_eval_set_only(e, "z,b", 3), AT_OK);
    at_eval_score s = score(e);
    assert_counts(&s, 0, 1, 1);
    at_eval_free(e);
}

static void test_attributes(void **state)
{
    (void)state;
    const char *gold =
        "{" DRONE("\"a\"") ",\"systems\":[\"Shahed-136\",\"\\u0428\\u0410\\u0425\\u0415\\u0414\"],"
        "\"quantities\":[[200,null],[400,400]],\"dates\":[\"2024-09\"]}\n"
        "{" DRONE("\"b\"") ",\"systems\":[\"KN-23\"],\"quantities\":[[24,99]],"
        "\"dates\":[\"2024\"]}\n"
        "{" DRONE("\"c\"") ",\"systems\":[],\"quantities\":[],\"dates\":[]}\n";
    /* a: system in other case (Cyrillic too), 200.0 == 200, max missing =
     * null, date start in the list. b: only the second prediction of the
     * key is right, which is enough. c: nothing to check. */
    const char *pred =
        "{" DRONE("\"a\"") ",\"system\":\"\\u0448\\u0430\\u0445\\u0435\\u0434\","
        "\"quantity\":{\"min\":200.0},\"date\":{\"start\":\"2024-09\"}}\n"
        "{" DRONE("\"b\"") ",\"system\":\"KN-24\",\"quantity\":{\"min\":24,\"max\":100},"
        "\"date\":null}\n"
        "{" DRONE("\"b\"") ",\"system\":\"kn-23\",\"quantity\":{\"min\":24,\"max\":99.0},"
        "\"date\":{\"start\":\"2024\"}}\n"
        "{" DRONE("\"c\"") ",\"system\":\"X\"}\n";
    at_eval *e = load(gold, pred, NULL);
    at_eval_score s = score(e);
    assert_counts(&s, 3, 0, 0);
    assert_int_equal(s.system_ok, 2);
    assert_int_equal(s.system_n, 2);
    assert_int_equal(s.quantity_ok, 2);
    assert_int_equal(s.quantity_n, 2);
    assert_int_equal(s.date_ok, 2);
    assert_int_equal(s.date_n, 2);
    at_eval_free(e);

    /* Wrong values, and a null system that is not "". */
    pred = "{" DRONE("\"a\"") ",\"system\":null,\"quantity\":{\"min\":200,\"max\":200},"
           "\"date\":{\"start\":\"2024\"}}\n";
    e = load(gold, pred, NULL);
    s = score(e);
    assert_counts(&s, 1, 0, 2);
    assert_int_equal(s.system_ok + s.quantity_ok + s.date_ok, 0);
    assert_int_equal(s.system_n + s.quantity_n + s.date_n, 3);
    at_eval_free(e);
}

static void test_show_report(void **state)
{
    (void)state;
    /* 170 characters of evidence, two bytes each, with a newline. */
    char pred[2048] = "{" DRONE("\"b\"") ",\"evidence\":{\"text\":\"line\\none ";
    for (int i = 0; i < 170; i++)
        strcat(pred, "\xc3\xa9");
    strcat(pred, "\"}}\n{" DRONE("\"a\"") ",\"evidence\":null}\n");
    const char *gold = "{" DRONE("\"m\"") ",\"note\":\"said so\"}\n"
                       "{" KEY("\"m\"", "\"IRN\"", "\"RUS\"", "\"ammunition\"")
                       ",\"stage\":\"delivered\",\"factuality\":\"claimed\",\"note\":null}\n"
                       "{" KEY("\"m\"", "\"IRN\"", "\"RUS\"", "\"weapons\"")
                       ",\"stage\":\"delivered\",\"factuality\":\"claimed\"}\n";
    at_eval *e = load(gold, pred, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"m\"}\n");
    score(e);
    char *r = report(e, AT_EVAL_SHOW);
    char want[2048] = "MISS m IRN RUS ammunition delivered claimed | None\n"
                      "MISS m IRN RUS drone delivered claimed | said so\n"
                      "MISS m IRN RUS weapons delivered claimed | \n"
                      "FALSE a IRN RUS drone delivered claimed | \n"
                      "FALSE b IRN RUS drone delivered claimed | line one ";
    for (int i = 0; i < 160 - 9; i++)
        strcat(want, "\xc3\xa9");
    strcat(want, "\nkeys: P=0.000 R=0.000 F1=0.000 tp=0 fp=2 fn=3 | "
                 "system 0/0 quantity 0/0 date 0/0\n");
    assert_string_equal(r, want);
    free(r);

    r = report(e, AT_EVAL_DETAIL);
    assert_non_null(strstr(r, "\ncategory drone: P=0.000 R=0.000 F1=0.000 tp=0 fp=2 fn=1\n"));
    assert_non_null(strstr(r, "\nstage delivered: P=0.000 R=0.000 F1=0.000 tp=0 fp=2 fn=3\n"));
    free(r);

    at_buf b = {0};
    at_eval_report_json(e, &b, AT_EVAL_SHOW | AT_EVAL_DETAIL);
    json_error_t jerr;
    json_t *o = json_loads(b.ptr, 0, &jerr);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "fn")), 3);
    assert_int_equal(json_array_size(json_object_get(o, "miss")), 3);
    assert_int_equal(json_array_size(json_object_get(o, "false")), 2);
    json_decref(o);
    at_buf_free(&b);
    at_eval_free(e);
}

static void test_rounding(void **state)
{
    (void)state;
    /* P = 1/16 = 0.0625 exactly: Python rounds half to even, "0.062". */
    char pred[4096] = "";
    const char *cats[] = {"weapons", "missile", "drone", "ammunition", "rocket", "launcher",
                          "artillery", "aircraft", "naval", "small_arms", "components",
                          "technology", "production", "nuclear", "personnel", "air_defense"};
    for (int i = 0; i < 16; i++) {
        strcat(pred, "{\"doc\":\"a\",\"supplier\":\"IRN\",\"recipient\":\"RUS\",\"category\":\"");
        strcat(pred, cats[i]);
        strcat(pred, "\",\"stage\":\"delivered\",\"factuality\":\"claimed\"}\n");
    }
    at_eval *e = load("{\"doc\":\"a\",\"supplier\":\"IRN\",\"recipient\":\"RUS\","
                      "\"category\":\"drone\",\"stage\":\"delivered\",\"factuality\":\"claimed\"}",
                      pred, NULL);
    score(e);
    char *r = report(e, 0);
    assert_string_equal(r, "keys: P=0.062 R=1.000 F1=0.118 tp=1 fp=15 fn=0 | "
                           "system 0/0 quantity 0/0 date 0/0\n");
    free(r);
    at_eval_free(e);
}

static void test_lines(void **state)
{
    (void)state;
    /* CRLF, a lone CR, and lines Python strips to nothing. */
    const char *gold = "{" DRONE("\"a\"") "}\r\n\r\n \t\r\xe3\x80\x80\n{" DRONE("\"b\"") "}\r";
    at_eval *e = load(gold, "{" DRONE("\"b\"") "}", NULL);
    at_eval_score s = score(e);
    assert_counts(&s, 1, 0, 1);
    at_eval_free(e);
}

static void expect_error(const char *gold, const char *pred, size_t line, const char *file)
{
    at_eval *e = at_eval_new();
    at_error err = {0};
    at_status rc = at_eval_add_gold(e, "gold", gold, strlen(gold), &err);
    if (rc == AT_OK)
        rc = at_eval_add_pred(e, "pred", pred, strlen(pred), &err);
    if (rc == AT_OK)
        rc = at_eval_run(e, NULL, &err);
    assert_int_equal(rc, AT_EPARSE);
    assert_string_equal(err.file, file);
    assert_int_equal(err.line, line);
    at_eval_free(e);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("{" DRONE("\"a\"") "}\n\n{oops\n", "", 3, "gold");
    expect_error("", "{" DRONE("\"a\"") "}\r\n[1]\n", 2, "pred");
    expect_error("", "\n\n\"\xff\"\n", 3, "pred");
    /* Without a corpus the gold documents are needed. */
    expect_error("{\"supplier\":\"IRN\"}\n", "", 1, "gold");
    /* A system list that is no list. */
    expect_error("{" DRONE("\"a\"") ",\"systems\":\"KN-23\"}\n", "{" DRONE("\"a\"") "}\n", 1,
                 "gold");
    at_eval *e = at_eval_new();
    at_error err = {0};
    assert_int_equal(at_eval_add_corpus(e, "c", "{\"id\":1}\n{\"x\":1}\n", 17, &err), AT_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(at_eval_load_gold(e, "/nonexistent/gold.jsonl", &err), AT_EIO);
    at_eval_free(e);
}

static void test_doc_ids(void **state)
{
    (void)state;
    /* str() of doc values: None, True, 1.5, 12; the gold must say so. */
    const char *gold = "{" DRONE("\"None\"") "}\n{" DRONE("\"True\"") "}\n{" DRONE("\"1.5\"")
                       "}\n{" DRONE("\"12\"") "}\n";
    const char *pred = "{" DRONE("null") "}\n{" DRONE("true") "}\n{" DRONE("1.5") "}\n{" DRONE("12")
                       "}\n";
    at_eval *e = load(gold, pred, NULL);
    at_eval_score s = score(e);
    assert_counts(&s, 4, 0, 0);
    at_eval_free(e);
}

static void check_repr(double d, const char *want)
{
    at_buf b = {0};
    py_float_repr(&b, d);
    assert_string_equal(b.ptr, want);
    at_buf_free(&b);
}

static void check_lower(const char *in, const char *want)
{
    at_buf b = {0};
    py_lower(&b, in, strlen(in));
    assert_string_equal(b.ptr ? b.ptr : "", want);
    at_buf_free(&b);
}

static void test_python_semantics(void **state)
{
    (void)state;
    check_repr(1.5, "1.5");
    check_repr(200.0, "200.0");
    check_repr(0.1, "0.1");
    check_repr(-0.0, "-0.0");
    check_repr(1e16, "1e+16");
    check_repr(1e15, "1000000000000000.0");
    check_repr(0.0001, "0.0001");
    check_repr(0.00001, "1e-05");
    check_repr(123456789.125, "123456789.125");
    check_repr(1.0 / 3, "0.3333333333333333");
    check_repr(2.5e-300, "2.5e-300");
    check_lower("Shahed-136", "shahed-136");
    check_lower("\xc3\x89LAN", "\xc3\xa9lan");                          /* ÉLAN */
    check_lower("\xc4\xb0", "i\xcc\x87");                               /* İ */
    check_lower("\xce\xa3\xce\x91\xce\xa3", "\xcf\x83\xce\xb1\xcf\x82"); /* ΣΑΣ -> σας */
    check_lower("\xce\xa3", "\xcf\x83");                                /* Σ alone */
    check_lower("\xd0\x81\xd0\x96", "\xd1\x91\xd0\xb6");                /* ЁЖ */

    json_t *a = json_integer(200), *b = json_real(200.0), *t = json_true(), *one = json_integer(1);
    json_t *s = json_string("200"), *z = json_real(0.0);
    assert_true(py_eq(a, b));
    assert_true(py_eq(t, one));
    assert_true(py_eq(NULL, json_null()));
    assert_false(py_eq(a, s));
    assert_false(py_truthy(z));
    assert_true(py_truthy(b));
    json_t *all[] = {a, b, t, one, s, z};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        json_decref(all[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_optional),
        cmocka_unit_test(test_dropped_keys),
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_only),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_show_report),
        cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_doc_ids),
        cmocka_unit_test(test_python_semantics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
