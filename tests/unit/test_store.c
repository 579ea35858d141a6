/* test_store.c: the SQLite store: creating and reopening, storing a
 * document with its claims and reading them back field by field,
 * idempotent re-puts, replacement, each claim filter, full-text search,
 * batches, and the refusals (missing file, foreign schema version). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "armstrace.h"

static char dir[64], path[128];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/at_store_XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[160];
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
    return 0;
}

static at_slice S(const char *s) { return (at_slice){s, s ? strlen(s) : 0}; }

static const char text1[] =
    "Moscow received hundreds of Iranian drones in March, officials said. "
    "Tehran denied sending any missiles to Russia.";

static at_doc doc1(void)
{
    return (at_doc){.id = S("wire-001"), .text = S(text1), .date = S("2024-05-02"),
                    .outlet = S("Example Wire"), .url = S("https://example.org/1"),
                    .title = S("Drones for Moscow")};
}

/* Two claims on text1: a delivery with every optional group, and a bare
 * negated one. */
static void claims1(at_claim c[2])
{
    memset(c, 0, 2 * sizeof *c);
    const char *drones = strstr(text1, "hundreds");
    strcpy(c[0].supplier, "IRN");
    strcpy(c[0].recipient, "RUS");
    c[0].category = AT_CAT_DRONE;
    c[0].stage = AT_STAGE_DELIVERED;
    c[0].factuality = AT_FACT_CLAIMED;
    c[0].certainty = AT_CERT_REPORTED;
    c[0].system = "Shahed-136";
    c[0].has_quantity = true;
    c[0].quantity = (at_quantity){.has_min = true, .has_max = true, .min = 100,
                                  .max = 999, .approx = true,
                                  .text = {drones, strlen("hundreds")}};
    c[0].has_date = true;
    strcpy(c[0].date_start, "2024-03");
    strcpy(c[0].date_end, "2024-03");
    c[0].date_text = (at_slice){strstr(text1, "in March"), 8};
    c[0].has_source = true;
    c[0].source_name = (at_slice){strstr(text1, "officials"), 9};
    c[0].sentence = 0;
    c[0].start = 0;
    c[0].end = (uint32_t)(strchr(text1, '.') - text1 + 1);
    c[0].mentions = 1;

    strcpy(c[1].supplier, "IRN");
    strcpy(c[1].recipient, "RUS");
    c[1].category = AT_CAT_MISSILE;
    c[1].stage = AT_STAGE_DELIVERED;
    c[1].factuality = AT_FACT_NEGATED;
    c[1].certainty = AT_CERT_ASSERTED;
    c[1].sentence = 1;
    c[1].start = (uint32_t)(strstr(text1, "Tehran") - text1);
    c[1].end = (uint32_t)strlen(text1);
    c[1].mentions = 2;
}

typedef struct {
    size_t n;
    at_claim last;
    char last_doc[64], evidence[256], date_text[32], source[32], qty[32];
} collect;

static int on_claim(const at_doc *d, const at_claim *c, void *user)
{
    collect *k = user;
    k->n++;
    k->last = *c;
    snprintf(k->last_doc, sizeof k->last_doc, "%.*s", (int)d->id.len, d->id.ptr);
    snprintf(k->evidence, sizeof k->evidence, "%.*s", (int)(c->end - c->start),
             d->text.ptr + c->start);
    snprintf(k->date_text, sizeof k->date_text, "%.*s", (int)c->date_text.len,
             c->date_text.ptr ? c->date_text.ptr : "");
    snprintf(k->source, sizeof k->source, "%.*s", (int)c->source_name.len,
             c->source_name.ptr ? c->source_name.ptr : "");
    snprintf(k->qty, sizeof k->qty, "%.*s", (int)c->quantity.text.len,
             c->quantity.text.ptr ? c->quantity.text.ptr : "");
    /* SYSTEM points into the row: copy it out while it is valid */
    static char sys[64];
    if (c->system) {
        snprintf(sys, sizeof sys, "%s", c->system);
        k->last.system = sys;
    }
    return 0;
}

static size_t count_claims(at_store *s, const at_claim_filter *f)
{
    collect k = {0};
    at_error err = {0};
    assert_int_equal(at_store_claims(s, f, on_claim, &k, &err), AT_OK);
    return k.n;
}

static at_store *open_with_doc1(void)
{
    at_error err = {0};
    at_store *s = at_store_open(path, true, &err);
    assert_non_null(s);
    at_doc d = doc1();
    at_claim c[2];
    claims1(c);
    at_put_result r;
    assert_int_equal(at_store_put(s, &d, c, 2, "test", &r, &err), AT_OK);
    assert_int_equal(r, AT_PUT_ADDED);
    return s;
}

static void test_open_missing_fails(void **state)
{
    (void)state;
    at_error err = {0};
    assert_null(at_store_open(path, false, &err));
    assert_int_equal(err.code, AT_EIO);
    assert_int_not_equal(access(path, F_OK), 0); /* not created */
    at_store *s = at_store_open(path, true, &err);
    assert_non_null(s);
    int64_t docs = -1, claims = -1;
    assert_int_equal(at_store_count(s, &docs, &claims, &err), AT_OK);
    assert_int_equal(docs, 0);
    assert_int_equal(claims, 0);
    at_store_close(s);
    s = at_store_open(path, false, &err);
    assert_non_null(s);
    at_store_close(s);
    at_store_close(NULL);
}

static void test_round_trip(void **state)
{
    (void)state;
    at_store *s = open_with_doc1();
    at_error err = {0};
    int64_t docs, claims;
    assert_int_equal(at_store_count(s, &docs, &claims, &err), AT_OK);
    assert_int_equal(docs, 1);
    assert_int_equal(claims, 2);

    at_claim_filter f;
    at_claim_filter_init(&f);
    f.category = AT_CAT_DRONE;
    collect k = {0};
    assert_int_equal(at_store_claims(s, &f, on_claim, &k, &err), AT_OK);
    assert_int_equal(k.n, 1);
    at_claim want[2];
    claims1(want);
    const at_claim *c = &k.last;
    assert_string_equal(k.last_doc, "wire-001");
    assert_string_equal(c->supplier, "IRN");
    assert_string_equal(c->recipient, "RUS");
    assert_int_equal(c->category, AT_CAT_DRONE);
    assert_int_equal(c->stage, AT_STAGE_DELIVERED);
    assert_int_equal(c->factuality, AT_FACT_CLAIMED);
    assert_int_equal(c->certainty, AT_CERT_REPORTED);
    assert_string_equal(c->system, "Shahed-136");
    assert_true(c->has_quantity);
    assert_true(c->quantity.has_min && c->quantity.has_max && c->quantity.approx);
    assert_int_equal(c->quantity.min, 100);
    assert_int_equal(c->quantity.max, 999);
    assert_string_equal(c->quantity.unit, "");
    assert_string_equal(k.qty, "hundreds");
    assert_true(c->has_date);
    assert_string_equal(c->date_start, "2024-03");
    assert_string_equal(k.date_text, "in March");
    assert_true(c->has_source);
    assert_string_equal(k.source, "officials");
    assert_string_equal(c->source_actor, "");
    assert_int_equal(c->start, want[0].start);
    assert_int_equal(c->end, want[0].end);
    assert_int_equal(c->mentions, 1);
    assert_string_equal(k.evidence,
                        "Moscow received hundreds of Iranian drones in March, officials said.");

    /* the bare claim keeps its absent groups absent */
    f.category = AT_CAT_MISSILE;
    memset(&k, 0, sizeof k);
    assert_int_equal(at_store_claims(s, &f, on_claim, &k, &err), AT_OK);
    assert_int_equal(k.n, 1);
    assert_null(k.last.system);
    assert_false(k.last.has_quantity || k.last.has_date || k.last.has_source);
    assert_int_equal(k.last.factuality, AT_FACT_NEGATED);
    assert_int_equal(k.last.mentions, 2);
    assert_string_equal(k.evidence, "Tehran denied sending any missiles to Russia.");
    at_store_close(s);
}

static void test_reput_unchanged_and_replace(void **state)
{
    (void)state;
    at_store *s = open_with_doc1();
    at_error err = {0};
    at_doc d = doc1();
    at_claim c[2];
    claims1(c);
    bool found = false;
    assert_int_equal(at_store_has(s, &d, &found, &err), AT_OK);
    assert_true(found);
    at_put_result r;
    /* the same content again: nothing written, even with other claims */
    assert_int_equal(at_store_put(s, &d, c, 1, "test", &r, &err), AT_OK);
    assert_int_equal(r, AT_PUT_UNCHANGED);
    assert_int_equal(count_claims(s, NULL), 2);

    /* other text under the same id replaces document and claims */
    static const char text2[] = "Pyongyang shipped artillery shells to Russia.";
    d.text = S(text2);
    assert_int_equal(at_store_has(s, &d, &found, &err), AT_OK);
    assert_false(found);
    at_claim n = {0};
    strcpy(n.supplier, "PRK");
    strcpy(n.recipient, "RUS");
    n.category = AT_CAT_AMMUNITION;
    n.stage = AT_STAGE_DELIVERED;
    n.end = (uint32_t)strlen(text2);
    n.mentions = 1;
    assert_int_equal(at_store_put(s, &d, &n, 1, "test", &r, &err), AT_OK);
    assert_int_equal(r, AT_PUT_REPLACED);
    int64_t docs, claims;
    assert_int_equal(at_store_count(s, &docs, &claims, &err), AT_OK);
    assert_int_equal(docs, 1);
    assert_int_equal(claims, 1);
    at_claim_filter f;
    at_claim_filter_init(&f);
    f.supplier = "prk";
    assert_int_equal(count_claims(s, &f), 1);
    at_store_close(s);
}

static void test_filters(void **state)
{
    (void)state;
    at_store *s = open_with_doc1();
    at_error err = {0};
    /* a second document, undated claim, dated document */
    static const char text2[] = "Kyiv received Storm Shadow missiles from London.";
    at_doc d = {.id = S("wire-002"), .text = S(text2), .date = S("2023-06-10")};
    at_claim c = {0};
    strcpy(c.supplier, "GBR");
    strcpy(c.recipient, "UKR");
    c.category = AT_CAT_CRUISE_MISSILE;
    c.stage = AT_STAGE_DELIVERED;
    c.end = (uint32_t)strlen(text2);
    assert_int_equal(at_store_put(s, &d, &c, 1, "test", NULL, &err), AT_OK);

    at_claim_filter f;
    at_claim_filter_init(&f);
    assert_int_equal(count_claims(s, &f), 3);
    f.supplier = "irn";
    assert_int_equal(count_claims(s, &f), 2);
    f.supplier = "GBR";
    assert_int_equal(count_claims(s, &f), 1);
    at_claim_filter_init(&f);
    f.recipient = "Rus";
    assert_int_equal(count_claims(s, &f), 2);
    f.recipient = "CHN";
    assert_int_equal(count_claims(s, &f), 0);
    at_claim_filter_init(&f);
    f.category = AT_CAT_CRUISE_MISSILE;
    assert_int_equal(count_claims(s, &f), 1);
    at_claim_filter_init(&f);
    f.stage = AT_STAGE_DELIVERED;
    assert_int_equal(count_claims(s, &f), 3);
    f.stage = AT_STAGE_AGREED;
    assert_int_equal(count_claims(s, &f), 0);
    at_claim_filter_init(&f);
    f.factuality = AT_FACT_NEGATED;
    assert_int_equal(count_claims(s, &f), 1);
    at_claim_filter_init(&f);
    f.doc = "wire-002";
    assert_int_equal(count_claims(s, &f), 1);
    f.doc = "nope";
    assert_int_equal(count_claims(s, &f), 0);
    at_claim_filter_init(&f);
    f.limit = 2;
    assert_int_equal(count_claims(s, &f), 2);

    /* dates: claim 1 has "2024-03", claim 2 falls back to the document
     * date 2024-05-02, claim 3 to 2023-06-10 */
    at_claim_filter_init(&f);
    f.since = "2024";
    assert_int_equal(count_claims(s, &f), 2);
    f.since = "2024-04-01";
    assert_int_equal(count_claims(s, &f), 1);
    f.since = "2024-03-15"; /* "2024-03" overlaps it */
    assert_int_equal(count_claims(s, &f), 2);
    at_claim_filter_init(&f);
    f.until = "2023-12-31";
    assert_int_equal(count_claims(s, &f), 1);
    f.until = "2024-03";
    assert_int_equal(count_claims(s, &f), 2);
    f.since = "2024-01";
    assert_int_equal(count_claims(s, &f), 1);
    at_store_close(s);
}

typedef struct {
    size_t n;
    char id[32], snippet[256];
} hits;

static int on_hit(const at_search_hit *h, void *user)
{
    hits *k = user;
    if (k->n++ == 0) {
        snprintf(k->id, sizeof k->id, "%s", h->id);
        snprintf(k->snippet, sizeof k->snippet, "%s", h->snippet);
    }
    return 0;
}

static void test_search(void **state)
{
    (void)state;
    at_store *s = open_with_doc1();
    at_error err = {0};
    hits k = {0};
    assert_int_equal(at_store_search(s, "drones", 10, "[", "]", on_hit, &k, &err), AT_OK);
    assert_int_equal(k.n, 1);
    assert_string_equal(k.id, "wire-001");
    assert_non_null(strstr(k.snippet, "[drones]"));
    memset(&k, 0, sizeof k);
    assert_int_equal(at_store_search(s, "submarines", 10, "[", "]", on_hit, &k, &err), AT_OK);
    assert_int_equal(k.n, 0);
    memset(&k, 0, sizeof k);
    err = (at_error){0};
    assert_int_equal(at_store_search(s, "drones AND", 10, "[", "]", on_hit, &k, &err),
                     AT_EPARSE);
    assert_non_null(strstr(err.msg, "syntax"));

    /* replacing the text takes the old words out of the index */
    at_doc d = doc1();
    d.text = S("A quiet day at the harbour.");
    assert_int_equal(at_store_put(s, &d, NULL, 0, "test", NULL, &err), AT_OK);
    memset(&k, 0, sizeof k);
    assert_int_equal(at_store_search(s, "drones", 10, "[", "]", on_hit, &k, &err), AT_OK);
    assert_int_equal(k.n, 1); /* still in the title */
    memset(&k, 0, sizeof k);
    assert_int_equal(at_store_search(s, "tehran", 10, "[", "]", on_hit, &k, &err), AT_OK);
    assert_int_equal(k.n, 0);
    memset(&k, 0, sizeof k);
    assert_int_equal(at_store_search(s, "harbour", 10, "[", "]", on_hit, &k, &err), AT_OK);
    assert_int_equal(k.n, 1);
    at_store_close(s);
}

static void test_batches(void **state)
{
    (void)state;
    at_error err = {0};
    at_store *s = at_store_open(path, true, &err);
    assert_non_null(s);
    char ids[3][8];
    assert_int_equal(at_store_begin(s, &err), AT_OK);
    for (int i = 0; i < 3; i++) {
        snprintf(ids[i], sizeof ids[i], "d%d", i);
        at_doc d = {.id = S(ids[i]), .text = S("Some text.")};
        assert_int_equal(at_store_put(s, &d, NULL, 0, "test", NULL, &err), AT_OK);
    }
    at_store_rollback(s);
    int64_t docs;
    assert_int_equal(at_store_count(s, &docs, NULL, &err), AT_OK);
    assert_int_equal(docs, 0);

    assert_int_equal(at_store_begin(s, &err), AT_OK);
    assert_int_equal(at_store_begin(s, &err), AT_EINVAL);
    at_doc d = {.id = S("good"), .text = S("Fine text.")};
    assert_int_equal(at_store_put(s, &d, NULL, 0, "test", NULL, &err), AT_OK);
    /* a claim past the text fails the document, not the batch */
    at_claim bad = {0};
    bad.end = 500;
    at_doc d2 = {.id = S("bad"), .text = S("Short.")};
    assert_int_equal(at_store_put(s, &d2, &bad, 1, "test", NULL, &err), AT_EINVAL);
    assert_int_equal(at_store_commit(s, &err), AT_OK);
    int64_t claims;
    assert_int_equal(at_store_count(s, &docs, &claims, &err), AT_OK);
    assert_int_equal(docs, 1);
    assert_int_equal(claims, 0);
    bool found = true;
    assert_int_equal(at_store_has(s, &d2, &found, &err), AT_OK);
    assert_false(found);
    at_store_close(s);
}

/* user_version is the big-endian 32-bit word at byte 60 of the file
 * header (SQLite file format); patch it to a version from the future. */
static void test_schema_version(void **state)
{
    (void)state;
    at_store *s = open_with_doc1();
    at_store_close(s); /* the last close checkpoints the WAL into the file */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    unsigned char v[4] = {0, 0, 0, 99};
    assert_int_equal(fseek(f, 60, SEEK_SET), 0);
    assert_int_equal(fwrite(v, 1, 4, f), 4);
    fclose(f);
    at_error err = {0};
    assert_null(at_store_open(path, true, &err));
    assert_int_equal(err.code, AT_EDB);
    assert_non_null(strstr(err.msg, "newer"));
}

static void test_not_a_database(void **state)
{
    (void)state;
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int i = 0; i < 200; i++)
        fputs("this is not a database. ", f);
    fclose(f);
    at_error err = {0};
    assert_null(at_store_open(path, false, &err));
    assert_int_equal(err.code, AT_EDB);
    /* an empty file is not ours either, for reading */
    f = fopen(path, "wb");
    fclose(f);
    assert_null(at_store_open(path, false, &err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_missing_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reput_unchanged_and_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
