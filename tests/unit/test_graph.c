/* test_graph.c: the views over events: escaping for XML, DOT and CSV
 * (quotes, ampersands, angle brackets, control characters, UTF-8), the
 * four graph formats (well-formed, right node and edge counts, values
 * that survive the round trip) and the register's cells and rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "views.h"

/* MARK: - Helpers */

static char *xml(const char *s)
{
    at_buf b = {0};
    view_xml_text(&b, s, strlen(s));
    assert_int_equal(b.err, AT_OK);
    return b.ptr ? b.ptr : strdup("");
}

static char *dot(const char *s)
{
    at_buf b = {0};
    view_dot_str(&b, s, strlen(s));
    assert_int_equal(b.err, AT_OK);
    return b.ptr;
}

static char *csv(const char *s)
{
    at_buf b = {0};
    view_csv_field(&b, s, strlen(s));
    assert_int_equal(b.err, AT_OK);
    return b.ptr ? b.ptr : strdup("");
}

static at_event make_event(const char *id, const char *sup, const char *rec, at_category cat,
                           int stage, const char *systems, double conf)
{
    at_event e;
    memset(&e, 0, sizeof e);
    e.id = id;
    snprintf(e.supplier, sizeof e.supplier, "%s", sup);
    snprintf(e.recipient, sizeof e.recipient, "%s", rec);
    e.category = cat;
    e.stage = stage;
    e.systems = systems;
    e.reports = 2;
    e.origins = 1;
    e.confidence = conf;
    return e;
}

/* Hostile names: every character the formats must escape, and UTF-8. */
static const char NASTY_PARTY[] = "A&\"<b>'\\";
static const char NASTY_SYSTEMS[] = "Z\xc3\xbcrich \"Mk<2>\" & co; \xe2\x9c\x93 back\\slash";

static at_event *sample(size_t *n)
{
    static at_event ev[5];
    ev[0] = make_event("ev-0000000000000001", "IRN", "RUS", AT_CAT_DRONE, AT_STAGE_DELIVERED,
                       "Shahed-136", 0.8);
    strcpy(ev[0].date_start, "2023-08");
    ev[0].contradictions = 1;
    ev[1] = make_event("ev-0000000000000002", "IRN", "RUS", AT_CAT_BALLISTIC_MISSILE,
                       AT_STAGE_INTENT, "", 0.4);
    strcpy(ev[1].first_report, "2024-01-05");
    strcpy(ev[1].last_report, "2024-03-01");
    ev[2] = make_event("ev-0000000000000003", "PRK", "RUS", AT_CAT_AMMUNITION, -1, "", 0.2);
    ev[3] = make_event("ev-0000000000000004", NASTY_PARTY, "RUS", AT_CAT_AIRCRAFT,
                       AT_STAGE_AGREED, NASTY_SYSTEMS, 0.5);
    ev[4] = make_event("ev-0000000000000005", "", "RUS", AT_CAT_WEAPONS, AT_STAGE_DELIVERED,
                       "", 0.9); /* no supplier: left out */
    *n = 5;
    return ev;
}

static char *graph(at_graph_format fmt, bool per_event)
{
    size_t n;
    at_event *ev = sample(&n);
    at_buf b = {0};
    at_graph_write(&b, fmt, ev, n, per_event);
    assert_int_equal(b.err, AT_OK);
    assert_non_null(b.ptr);
    return b.ptr;
}

static size_t count(const char *hay, const char *needle)
{
    size_t k = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        k++;
    return k;
}

/* A small XML well-formedness check: tags nest and close, attribute
 * values are quoted and hold no '<', every '&' starts a known entity or a
 * character reference, and no raw control character appears. Returns
 * NULL or what is wrong. */
static const char *entity_ok(const char *p)
{
    static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (size_t i = 0; i < 5; i++)
        if (!strncmp(p, ents[i], strlen(ents[i])))
            return NULL;
    if (p[1] == '#') {
        const char *q = p + 2;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q > p + 2 && *q == ';')
            return NULL;
    }
    return "bad entity";
}

static const char *xml_check(const char *s)
{
    char stack[32][32];
    int depth = 0, roots = 0;
    const char *p = s;
    if (!strncmp(p, "<?xml", 5)) {
        p = strstr(p, "?>");
        if (!p)
            return "unterminated declaration";
        p += 2;
    }
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
            return "control character";
        if (c == '&') {
            if (entity_ok(p))
                return "bad entity in text";
            p++;
            continue;
        }
        if (c != '<') {
            if (depth == 0 && c != ' ' && c != '\n')
                return "text outside the root";
            p++;
            continue;
        }
        bool closing = p[1] == '/';
        p += closing ? 2 : 1;
        char name[32];
        size_t n = 0;
        while (*p && *p != ' ' && *p != '>' && *p != '/' && *p != '\n' && n < 31)
            name[n++] = *p++;
        name[n] = '\0';
        if (!n)
            return "empty tag name";
        if (closing) {
            if (!depth || strcmp(stack[depth - 1], name))
                return "mismatched closing tag";
            depth--;
            if (*p != '>')
                return "junk in closing tag";
            p++;
            continue;
        }
        /* attributes */
        for (;;) {
            while (*p == ' ' || *p == '\n')
                p++;
            if (*p == '>' || (*p == '/' && p[1] == '>'))
                break;
            while (*p && *p != '=' && *p != '>' && *p != ' ')
                p++;
            if (*p != '=' || p[1] != '"')
                return "unquoted attribute";
            p += 2;
            while (*p && *p != '"') {
                if (*p == '<' || (unsigned char)*p < 0x20)
                    return "'<' or control character in an attribute";
                if (*p == '&' && entity_ok(p))
                    return "bad entity in an attribute";
                p++;
            }
            if (!*p)
                return "unterminated attribute";
            p++;
        }
        if (*p == '/') {
            p += 2;
            if (!depth)
                roots++;
        } else {
            p++;
            if (depth == 32)
                return "too deep";
            if (!depth)
                roots++;
            strcpy(stack[depth++], name);
        }
    }
    if (depth)
        return "unclosed element";
    return roots == 1 ? NULL : "not exactly one root";
}

/* DOT: quoted strings end at an unescaped quote and hold no newline;
 * braces and brackets balance outside strings. */
static const char *dot_check(const char *s)
{
    int braces = 0, brackets = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\n')
                    return "newline in a string";
                if (*p == '\\' && !*++p)
                    return "dangling backslash";
            }
            if (!*p)
                return "unterminated string";
            continue;
        }
        braces += (*p == '{') - (*p == '}');
        brackets += (*p == '[') - (*p == ']');
        if (braces < 0 || brackets < 0)
            return "unbalanced";
    }
    return braces || brackets ? "unbalanced" : NULL;
}

/* The checkers themselves must catch what they are for. */
static void test_checkers(void **state)
{
    (void)state;
    assert_null(xml_check("<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>t&amp;</a>\n"));
    assert_non_null(xml_check("<a><b></a></b>"));
    assert_non_null(xml_check("<a x=\"<\"/>"));
    assert_non_null(xml_check("<a>&bogus;</a>"));
    assert_non_null(xml_check("<a>x & y</a>"));
    assert_non_null(xml_check("<a x=1/>"));
    assert_non_null(xml_check("<a/><b/>"));
    assert_null(dot_check("digraph g { \"a\\\"b\" -> \"c\" [x=\"}\"]; }"));
    assert_non_null(dot_check("digraph g { \"a\"b\" }"));
    assert_non_null(dot_check("digraph g { \"a\n\" }"));
}

/* MARK: - Escaping */

static void test_xml_escape(void **state)
{
    (void)state;
    char *s = xml("a&b<c>\"d'e");
    assert_string_equal(s, "a&amp;b&lt;c&gt;&quot;d&apos;e");
    free(s);
    s = xml("tab\there\nnl");
    assert_string_equal(s, "tab&#9;here&#10;nl");
    free(s);
    s = xml("bell\x07" "end\x1f");
    assert_string_equal(s, "bell\xef\xbf\xbd" "end\xef\xbf\xbd");
    free(s);
    s = xml("Z\xc3\xbcrich \xe2\x80\x94 \xe2\x9c\x93"); /* UTF-8 passes */
    assert_string_equal(s, "Z\xc3\xbcrich \xe2\x80\x94 \xe2\x9c\x93");
    free(s);
    s = xml("bad \xff byte"); /* repaired, not passed on */
    assert_string_equal(s, "bad \xef\xbf\xbd byte");
    free(s);
    s = xml("nonchar \xef\xbf\xbe");
    assert_string_equal(s, "nonchar \xef\xbf\xbd");
    free(s);
    s = xml("");
    assert_string_equal(s, "");
    free(s);
}

static void test_dot_escape(void **state)
{
    (void)state;
    char *s = dot("say \"hi\" \\ back\nline\ttab");
    assert_string_equal(s, "\"say \\\"hi\\\" \\\\ back\\nline tab\"");
    free(s);
    s = dot("");
    assert_string_equal(s, "\"\"");
    free(s);
    s = dot("<&> \xc3\xbc"); /* nothing else needs escaping in a quoted id */
    assert_string_equal(s, "\"<&> \xc3\xbc\"");
    free(s);
}

static void test_csv_field(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"", ""},
        {"a,b", "\"a,b\""},
        {"say \"x\"", "\"say \"\"x\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {" padded", "\" padded\""},
        {"\xc3\xbc; ok", "\xc3\xbc; ok"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = csv(cases[i].in);
        assert_string_equal(s, cases[i].out);
        free(s);
    }
}

/* MARK: - Graphs */

static void test_dot_graph(void **state)
{
    (void)state;
    char *s = graph(AT_GRAPH_DOT, false);
    const char *why = dot_check(s);
    if (why)
        fail_msg("%s in:\n%s", why, s);
    assert_true(!strncmp(s, "digraph armstrace {\n", 20));
    assert_int_equal(count(s, " -> "), 3); /* IRN->RUS (2 events), PRK, nasty */
    assert_non_null(strstr(s, "\"A&\\\"<b>'\\\\\" -> \"RUS\""));
    assert_non_null(strstr(s, "categories=\"drone; ballistic_missile\"") ||
                    strstr(s, "categories=\"ballistic_missile; drone\""));
    assert_non_null(strstr(s, "events=\"2\""));
    assert_non_null(strstr(s, "style=dotted")); /* PRK: no claimed stage */
    assert_null(strstr(s, "ev-0000000000000005"));
    free(s);
    s = graph(AT_GRAPH_DOT, true);
    assert_null(dot_check(s));
    assert_int_equal(count(s, " -> "), 4);
    assert_non_null(strstr(s, "event=\"ev-0000000000000002\""));
    free(s);
}

static void test_graphml(void **state)
{
    (void)state;
    char *s = graph(AT_GRAPH_GRAPHML, false);
    const char *why = xml_check(s);
    if (why)
        fail_msg("%s in:\n%s", why, s);
    assert_int_equal(count(s, "<node "), 4); /* A&.., IRN, PRK, RUS */
    assert_int_equal(count(s, "<edge "), 3);
    assert_int_equal(count(s, "<key "), 3 + 10);
    assert_non_null(strstr(s, "edgedefault=\"directed\""));
    assert_non_null(strstr(s, "attr.name=\"confidence_max\" attr.type=\"double\""));
    assert_non_null(strstr(s, "attr.name=\"events\" attr.type=\"long\""));
    assert_non_null(strstr(s, "<node id=\"A&amp;&quot;&lt;b&gt;&apos;\\\">"));
    assert_non_null(strstr(s, "Z\xc3\xbcrich &quot;Mk&lt;2&gt;&quot; &amp; co"));
    free(s);
    s = graph(AT_GRAPH_GRAPHML, true);
    assert_null(xml_check(s));
    assert_int_equal(count(s, "<edge "), 4);
    assert_int_equal(count(s, "<key "), 3 + 11);
    free(s);
}

static void test_gexf(void **state)
{
    (void)state;
    char *s = graph(AT_GRAPH_GEXF, false);
    const char *why = xml_check(s);
    if (why)
        fail_msg("%s in:\n%s", why, s);
    assert_non_null(strstr(s, "<gexf xmlns=\"http://gexf.net/1.3\""));
    assert_non_null(strstr(s, "version=\"1.3\""));
    assert_non_null(strstr(s, "defaultedgetype=\"directed\""));
    assert_int_equal(count(s, "<node "), 4);
    assert_int_equal(count(s, "<edge "), 3);
    assert_int_equal(count(s, "<attribute "), 2 + 10);
    assert_non_null(strstr(s, "weight=\"2\""));
    free(s);
}

static void test_json_graph(void **state)
{
    (void)state;
    char *s = graph(AT_GRAPH_JSON, false);
    json_error_t jerr;
    json_t *root = json_loads(s, 0, &jerr);
    if (!root)
        fail_msg("JSON: %s at %d in:\n%s", jerr.text, jerr.line, s);
    json_t *nodes = json_object_get(root, "nodes"), *edges = json_object_get(root, "edges");
    assert_int_equal(json_array_size(nodes), 4);
    assert_int_equal(json_array_size(edges), 3);
    assert_true(json_is_true(json_object_get(root, "directed")));
    /* nodes sorted by code: the hostile one first, intact */
    assert_string_equal(json_string_value(json_object_get(json_array_get(nodes, 0), "id")),
                        NASTY_PARTY);
    json_t *irn = json_array_get(nodes, 1);
    assert_string_equal(json_string_value(json_object_get(irn, "id")), "IRN");
    assert_int_equal(json_integer_value(json_object_get(irn, "as_supplier")), 2);
    bool seen_nasty = false, seen_pair = false;
    for (size_t i = 0; i < json_array_size(edges); i++) {
        json_t *e = json_array_get(edges, i);
        const char *src = json_string_value(json_object_get(e, "source"));
        json_t *sys = json_object_get(e, "systems");
        assert_true(json_is_array(sys));
        if (!strcmp(src, NASTY_PARTY)) {
            /* "; " separates list items: two systems */
            assert_int_equal(json_array_size(sys), 2);
            assert_string_equal(json_string_value(json_array_get(sys, 0)),
                                "Z\xc3\xbcrich \"Mk<2>\" & co");
            assert_string_equal(json_string_value(json_array_get(sys, 1)),
                                "\xe2\x9c\x93 back\\slash");
            seen_nasty = true;
        }
        if (!strcmp(src, "IRN")) {
            assert_int_equal(json_integer_value(json_object_get(e, "events")), 2);
            assert_int_equal(json_integer_value(json_object_get(e, "reports")), 4);
            assert_int_equal(json_integer_value(json_object_get(e, "contradictions")), 1);
            assert_string_equal(json_string_value(json_object_get(e, "stage")), "delivered");
            assert_true(json_real_value(json_object_get(e, "confidence_max")) > 0.79);
            double mean = json_number_value(json_object_get(e, "confidence_mean"));
            assert_true(mean > 0.59 && mean < 0.61);
            assert_int_equal(json_array_size(json_object_get(e, "categories")), 2);
            assert_string_equal(json_string_value(json_object_get(e, "first_date")), "2023-08");
            assert_string_equal(json_string_value(json_object_get(e, "last_date")), "2024-03-01");
            seen_pair = true;
        }
    }
    assert_true(seen_nasty && seen_pair);
    json_decref(root);
    free(s);
}

static void test_empty_graph(void **state)
{
    (void)state;
    for (int f = AT_GRAPH_DOT; f <= AT_GRAPH_JSON; f++) {
        at_buf b = {0};
        at_graph_write(&b, (at_graph_format)f, NULL, 0, false);
        assert_int_equal(b.err, AT_OK);
        assert_non_null(b.ptr);
        if (f == AT_GRAPH_GRAPHML || f == AT_GRAPH_GEXF)
            assert_null(xml_check(b.ptr));
        else if (f == AT_GRAPH_DOT)
            assert_null(dot_check(b.ptr));
        else {
            json_t *j = json_loads(b.ptr, 0, NULL);
            assert_non_null(j);
            assert_int_equal(json_array_size(json_object_get(j, "nodes")), 0);
            json_decref(j);
        }
        at_buf_free(&b);
    }
    assert_int_equal(at_graph_format_parse("gexf"), AT_GRAPH_GEXF);
    assert_int_equal(at_graph_format_parse("svg"), -1);
}

/* MARK: - Register */

static char *cellof(void (*fn)(at_buf *, const at_event *), const at_event *ev)
{
    at_buf b = {0};
    fn(&b, ev);
    return b.ptr ? b.ptr : strdup("");
}

static void test_register_cells(void **state)
{
    (void)state;
    at_event e = make_event("ev-1", "IRN", "RUS", AT_CAT_BALLISTIC_MISSILE, AT_STAGE_DELIVERED,
                            "", 0.72);
    static const struct {
        bool hmin, hmax, approx;
        int64_t min, max;
        const char *want;
    } q[] = {
        {true, true, false, 200, 200, "200"},  {true, true, false, 200, 400, "200-400"},
        {true, true, true, 400, 400, "~400"},   {true, false, false, 200, 0, ">200"},
        {false, true, false, 0, 50, "up to 50"}, {false, false, false, 0, 0, ""},
    };
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        e.has_qty_min = q[i].hmin;
        e.has_qty_max = q[i].hmax;
        e.qty_min = q[i].min;
        e.qty_max = q[i].max;
        at_buf b = {0};
        register_number(&b, &e, q[i].approx);
        assert_string_equal(b.ptr ? b.ptr : "", q[i].want);
        at_buf_free(&b);
    }
    char *s = cellof(register_designation, &e);
    assert_string_equal(s, "ballistic missiles");
    free(s);
    e.systems = "Fatah-360; KN-23";
    s = cellof(register_designation, &e);
    assert_string_equal(s, "Fatah-360; KN-23");
    free(s);

    strcpy(e.first_report, "2023-05-01");
    strcpy(e.last_report, "2024-02-01");
    s = cellof(register_years, &e);
    assert_string_equal(s, "2023-2024"); /* no event dates: the reports' */
    free(s);
    strcpy(e.date_start, "2022-11");
    strcpy(e.date_end, "2022-12-24");
    s = cellof(register_years, &e);
    assert_string_equal(s, "2022");
    free(s);

    e.contradictions = 2;
    e.hypothetical = 1;
    e.origins = 3;
    s = cellof(register_comments, &e);
    assert_string_equal(s, "contradicted by 2 reports; 1 hypothetical report; "
                           "confidence 0.72; 3 independent origins");
    free(s);
    e.stage = -1;
    e.contradictions = e.hypothetical = 0;
    e.origins = 1;
    s = cellof(register_comments, &e);
    assert_string_equal(s, "no claimed report; confidence 0.72; 1 independent origin");
    free(s);
}

static void test_register_row(void **state)
{
    (void)state;
    at_event e = make_event("ev-1", "PRK", "RUS", AT_CAT_AMMUNITION, AT_STAGE_DELIVERED, "",
                            0.5);
    strcpy(e.date_start, "2023-09");
    e.has_qty_min = e.has_qty_max = true;
    e.qty_min = e.qty_max = 1000000;
    register_row r = {&e, "Wire \"A\", Inc.; Yonhap", true};
    at_buf b = {0};
    register_write_header(&b);
    register_write_row(&b, &r);
    assert_int_equal(b.err, AT_OK);
    assert_string_equal(b.ptr,
                        "supplier,recipient,designation,category,number,stage,years,sources,"
                        "comments\n"
                        "PRK,RUS,ammunition,ammunition,~1000000,delivered,2023,"
                        "\"Wire \"\"A\"\", Inc.; Yonhap\","
                        "confidence 0.50; 1 independent origin\n");
    at_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkers),       cmocka_unit_test(test_xml_escape),     cmocka_unit_test(test_dot_escape),
        cmocka_unit_test(test_csv_field),      cmocka_unit_test(test_dot_graph),
        cmocka_unit_test(test_graphml),        cmocka_unit_test(test_gexf),
        cmocka_unit_test(test_json_graph),     cmocka_unit_test(test_empty_graph),
        cmocka_unit_test(test_register_cells), cmocka_unit_test(test_register_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
