/* test_write.c: the claim writers: the exact JSON line of the spec's
 * record (with and without quantity, date and source; null parties;
 * escaping), CSV quoting, and a table that survives long UTF-8 text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "armstrace.h"

static const char TEXT[] =
    "Officials said on Monday that Iran had shipped more than 200 "
    "Fatah-360 missiles to Russia, according to Sky News.";

static at_slice find(const char *text, const char *what)
{
    const char *p = strstr(text, what);
    assert_non_null(p);
    return (at_slice){p, strlen(what)};
}

static at_doc make_doc(const char *id, const char *text)
{
    at_doc d = {0};
    d.id = (at_slice){id, strlen(id)};
    d.text = (at_slice){text, strlen(text)};
    return d;
}

/* A claim with every field filled. */
static at_claim full_claim(const char *text)
{
    at_claim c = {0};
    strcpy(c.supplier, "IRN");
    strcpy(c.recipient, "RUS");
    c.category = AT_CAT_BALLISTIC_MISSILE;
    c.stage = AT_STAGE_DELIVERED;
    c.factuality = AT_FACT_CLAIMED;
    c.certainty = AT_CERT_REPORTED;
    c.system = "Fatah-360";
    c.has_quantity = true;
    c.quantity.has_min = true;
    c.quantity.min = 200;
    c.quantity.text = find(text, "more than 200");
    c.has_date = true;
    strcpy(c.date_start, "2024-09-09");
    strcpy(c.date_end, "2024-09-09");
    c.date_text = find(text, "on Monday");
    c.has_source = true;
    c.source_name = find(text, "Sky News");
    strcpy(c.source_actor, "GBR");
    c.sentence = 0;
    c.start = 0;
    c.end = (uint32_t)strlen(text);
    c.mentions = 2;
    return c;
}

static void test_format_parse(void **state)
{
    (void)state;
    assert_int_equal(at_format_parse("jsonl"), AT_FMT_JSONL);
    assert_int_equal(at_format_parse("json"), AT_FMT_JSONL);
    assert_int_equal(at_format_parse("csv"), AT_FMT_CSV);
    assert_int_equal(at_format_parse("table"), AT_FMT_TABLE);
    assert_int_equal(at_format_parse("xml"), -1);
    assert_int_equal(at_format_parse(""), -1);
    assert_int_equal(at_format_parse("CSV"), -1);
    assert_int_equal(at_format_parse(NULL), -1);
}

static void test_jsonl_full(void **state)
{
    (void)state;
    at_doc d = make_doc("000_test", TEXT);
    at_claim c = full_claim(TEXT);
    at_buf b = {0};
    at_claim_header(&b, AT_FMT_JSONL);
    assert_int_equal(b.len, 0);
    at_claim_write(&b, AT_FMT_JSONL, &d, &c);
    assert_int_equal(b.err, AT_OK);
    assert_string_equal(
        b.ptr,
        "{\"doc\":\"000_test\",\"supplier\":\"IRN\",\"recipient\":\"RUS\","
        "\"category\":\"ballistic_missile\",\"stage\":\"delivered\","
        "\"factuality\":\"claimed\",\"certainty\":\"reported\","
        "\"system\":\"Fatah-360\","
        "\"quantity\":{\"min\":200,\"max\":null,\"approx\":false,"
        "\"unit\":null,\"text\":\"more than 200\"},"
        "\"date\":{\"start\":\"2024-09-09\",\"end\":\"2024-09-09\","
        "\"text\":\"on Monday\"},"
        "\"source\":{\"name\":\"Sky News\",\"actor\":\"GBR\","
        "\"text\":\"Sky News\"},"
        "\"evidence\":{\"sentence\":0,\"start\":0,\"end\":113,"
        "\"text\":\"Officials said on Monday that Iran had shipped more than "
        "200 Fatah-360 missiles to Russia, according to Sky News.\"},"
        "\"mentions\":2}\n");
    at_buf_free(&b);
}

static void test_jsonl_nulls(void **state)
{
    (void)state;
    at_doc d = make_doc("d2", TEXT);
    at_claim c = {0};
    c.category = AT_CAT_DRONE;
    c.stage = AT_STAGE_INTENT;
    c.factuality = AT_FACT_HYPOTHETICAL;
    c.certainty = AT_CERT_ASSESSED;
    c.sentence = 3;
    c.start = 10;
    c.end = 14;
    c.mentions = 1;
    at_buf b = {0};
    at_claim_write(&b, AT_FMT_JSONL, &d, &c);
    assert_string_equal(
        b.ptr,
        "{\"doc\":\"d2\",\"supplier\":null,\"recipient\":null,"
        "\"category\":\"drone\",\"stage\":\"intent\","
        "\"factuality\":\"hypothetical\",\"certainty\":\"assessed\","
        "\"system\":null,\"quantity\":null,\"date\":null,\"source\":null,"
        "\"evidence\":{\"sentence\":3,\"start\":10,\"end\":14,"
        "\"text\":\"said\"},\"mentions\":1}\n");
    at_buf_free(&b);
}

/* Approximate ranges with a unit, no minimum, and a source without actor. */
static void test_jsonl_quantity_variants(void **state)
{
    (void)state;
    static const char text[] = "up to 1,000 containers, said a source.";
    at_doc d = make_doc("q", text);
    at_claim c = {0};
    strcpy(c.supplier, "houthis");
    c.category = AT_CAT_AMMUNITION;
    c.stage = AT_STAGE_DELIVERED;
    c.has_quantity = true;
    c.quantity.has_max = true;
    c.quantity.max = 1000;
    c.quantity.approx = true;
    strcpy(c.quantity.unit, "container");
    c.quantity.text = find(text, "up to 1,000");
    c.has_source = true;
    c.source_name = find(text, "a source");
    c.end = 4;
    at_buf b = {0};
    at_claim_write(&b, AT_FMT_JSONL, &d, &c);
    assert_non_null(strstr(b.ptr, "\"supplier\":\"houthis\",\"recipient\":null,"));
    assert_non_null(strstr(b.ptr, "\"quantity\":{\"min\":null,\"max\":1000,"
                                  "\"approx\":true,\"unit\":\"container\","
                                  "\"text\":\"up to 1,000\"}"));
    assert_non_null(strstr(b.ptr, "\"source\":{\"name\":\"a source\","
                                  "\"actor\":null,\"text\":\"a source\"}"));
    at_buf_free(&b);
}

/* Quotes, backslashes, newlines, tabs, control characters and UTF-8 in the
 * id and the evidence: exact escapes, and jansson reads back the input. */
static void test_jsonl_escaping(void **state)
{
    (void)state;
    static const char id[] = "a\"b\\c";
    static const char text[] = "He said \"no\"\nthen\t\x01left \xE2\x80\x94 "
                               "Kyiv\xE2\x80\x99s view\x1f.";
    at_doc d = make_doc(id, text);
    at_claim c = {0};
    c.category = AT_CAT_WEAPONS;
    c.end = (uint32_t)strlen(text);
    at_buf b = {0};
    at_claim_write(&b, AT_FMT_JSONL, &d, &c);
    assert_int_equal(b.err, AT_OK);
    assert_non_null(strstr(b.ptr, "{\"doc\":\"a\\\"b\\\\c\","));
    assert_non_null(strstr(b.ptr, "\"text\":\"He said \\\"no\\\"\\nthen\\t"
                                  "\\u0001left \xE2\x80\x94 Kyiv\xE2\x80\x99s "
                                  "view\\u001f.\"}"));
    /* One line: the only newline is the last byte. */
    assert_ptr_equal(strchr(b.ptr, '\n'), b.ptr + b.len - 1);

    json_error_t je;
    json_t *o = json_loads(b.ptr, 0, &je);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "doc")), id);
    json_t *ev = json_object_get(o, "evidence");
    assert_string_equal(json_string_value(json_object_get(ev, "text")), text);
    /* Keys in the spec's order. */
    static const char *const keys[] = {
        "doc", "supplier", "recipient", "category", "stage", "factuality",
        "certainty", "system", "quantity", "date", "source", "evidence",
        "mentions"};
    const char *p = b.ptr;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        char k[32];
        snprintf(k, sizeof k, ",\"%s\":", keys[i]);
        const char *q = strstr(p, i ? k : k + 1);
        assert_non_null(q);
        p = q;
    }
    json_decref(o);
    at_buf_free(&b);
}

/* Offsets past the text are clamped, never read outside it. */
static void test_evidence_clamped(void **state)
{
    (void)state;
    at_doc d = make_doc("x", "short");
    at_claim c = {0};
    c.start = 3;
    c.end = 4000;
    at_buf b = {0};
    at_claim_write(&b, AT_FMT_JSONL, &d, &c);
    assert_non_null(strstr(b.ptr, "\"start\":3,\"end\":5,\"text\":\"rt\""));
    at_buf_reset(&b);
    c.start = 9;
    c.end = 2;
    at_claim_write(&b, AT_FMT_CSV, &d, &c);
    assert_non_null(strstr(b.ptr, ",5,5,\r\n"));
    at_buf_free(&b);
}

static void test_csv(void **state)
{
    (void)state;
    at_buf b = {0};
    at_claim_header(&b, AT_FMT_CSV);
    assert_string_equal(
        b.ptr,
        "doc,supplier,recipient,category,stage,factuality,certainty,system,"
        "quantity_min,quantity_max,quantity_approx,quantity_unit,date_start,"
        "date_end,source,source_actor,sentence,start,end,evidence\r\n");
    at_buf_reset(&b);

    at_doc d = make_doc("000_test", TEXT);
    at_claim c = full_claim(TEXT);
    at_claim_write(&b, AT_FMT_CSV, &d, &c);
    assert_string_equal(
        b.ptr,
        "000_test,IRN,RUS,ballistic_missile,delivered,claimed,reported,"
        "Fatah-360,200,,false,,2024-09-09,2024-09-09,Sky News,GBR,0,0,113,"
        "\"Officials said on Monday that Iran had shipped more than 200 "
        "Fatah-360 missiles to Russia, according to Sky News.\"\r\n");
    at_buf_reset(&b);

    /* Nulls are empty cells; quotes doubled; newlines kept in quotes. */
    static const char text[] = "\"Drones\", he said,\nwere sent";
    at_doc d2 = make_doc("id,with\"quote", text);
    at_claim n = {0};
    n.category = AT_CAT_DRONE;
    n.end = (uint32_t)strlen(text);
    at_claim_write(&b, AT_FMT_CSV, &d2, &n);
    assert_string_equal(b.ptr,
                        "\"id,with\"\"quote\",,,drone,intent,claimed,asserted,"
                        ",,,,,,,,,0,0,28,"
                        "\"\"\"Drones\"\", he said,\nwere sent\"\r\n");
    at_buf_free(&b);
}

/* Columns of a line: code points, as the writer counts them. */
static size_t line_columns(const char *s, size_t n)
{
    size_t cols = 0;
    for (size_t i = 0; i < n; i++)
        cols += ((unsigned char)s[i] & 0xC0) != 0x80;
    return cols;
}

static void test_table(void **state)
{
    (void)state;
    at_buf text = {0};
    for (int i = 0; i < 200; i++)
        at_buf_puts(&text, "Die Lieferung \xC3\xBC" "ber Kyjiw \xE2\x80\x94 "
                           "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\t\x1b[31m ");
    at_buf_puts(&text, "Averyveryveryveryveryveryveryveryveryveryveryveryvery"
                       "veryveryveryveryveryveryveryveryveryveryveryveryvery"
                       "veryverylongword end");
    at_buf id = {0};
    for (int i = 0; i < 10; i++)
        at_buf_puts(&id, "\xE6\x96\x87\xE6\x9B\xB8");
    at_doc d = {.id = {id.ptr, id.len}, .text = {text.ptr, text.len}};
    at_claim c = full_claim(TEXT);
    c.quantity.text = (at_slice){0};
    c.date_text = (at_slice){0};
    c.source_name = (at_slice){0};
    strcpy(c.supplier, "hezbollah_long_name_xx");
    strcpy(c.recipient, "another_very_long_name");
    strcpy(c.date_end, "2024-09-30");
    c.system = "A system name far too long for its column";
    c.start = 0;
    c.end = (uint32_t)text.len;

    at_buf b = {0};
    at_claim_header(&b, AT_FMT_TABLE);
    at_claim_write(&b, AT_FMT_TABLE, &d, &c);
    /* The long word alone. */
    c.start = (uint32_t)(text.len - 100);
    at_claim_write(&b, AT_FMT_TABLE, &d, &c);
    c = (at_claim){0};
    at_claim_write(&b, AT_FMT_TABLE, &d, &c); /* empty evidence */
    assert_int_equal(b.err, AT_OK);
    assert_true(at_utf8_valid(b.ptr, b.len));
    assert_null(strchr(b.ptr, '\x1b'));
    assert_null(strchr(b.ptr, '\t'));
    assert_non_null(strstr(b.ptr, "2024-09-09..2024-09-30"));
    assert_non_null(strstr(b.ptr, ">=200"));
    size_t lines = 0;
    for (const char *p = b.ptr; *p;) {
        const char *e = strchr(p, '\n');
        assert_non_null(e);
        assert_true(line_columns(p, (size_t)(e - p)) <= 160);
        lines++;
        p = e + 1;
    }
    /* heading (2) + rows: 1 + 3 evidence, 1 + 2, 1 + 1 */
    assert_int_equal(lines, 11);
    at_buf_free(&b);
    at_buf_free(&text);
    at_buf_free(&id);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_parse),
        cmocka_unit_test(test_jsonl_full),
        cmocka_unit_test(test_jsonl_nulls),
        cmocka_unit_test(test_jsonl_quantity_variants),
        cmocka_unit_test(test_jsonl_escaping),
        cmocka_unit_test(test_evidence_clamped),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
