/* test_passages.c: shingled passage samples find copies: a wire story and
 * its light rewrite (new intro, a few words changed, "with inputs from")
 * link; a different story on the same subject in similar words does not;
 * case, punctuation and line breaks do not matter. Invented texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "passages.h"

static const char wire[] =
    "VALLORIA CITY (Northwind Wire) - The government of Estmark has shipped a "
    "first batch of long-range artillery rockets to neighbouring Valloria, two "
    "defence officials said on Tuesday, in a move that is likely to deepen the "
    "rift between the two countries and their northern rivals. The shipment, "
    "which left the port of Carrow late last month aboard a chartered cargo "
    "vessel, included launch vehicles as well as several hundred rockets, "
    "according to the officials, who spoke on condition of anonymity because "
    "they were not authorised to discuss the matter publicly. Estmark's foreign "
    "ministry declined to comment on the report. A spokesman for the Vallorian "
    "armed forces said the country had the right to acquire whatever it needed "
    "for its defence and would not discuss individual contracts. Analysts said "
    "the deal had been under discussion for more than a year and that further "
    "deliveries were expected before the end of the summer, when the two "
    "governments are due to hold talks on a broader security agreement. The "
    "rockets have a range of around three hundred kilometres, which would put "
    "most of the disputed border region within reach of Vallorian batteries.";

static const char rewrite[] =
    "Estmark sends rockets to Valloria, officials say\n\n"
    "Tensions in the region rose again this week as reports emerged of a new "
    "arms shipment. The government of Estmark has shipped a first batch of "
    "long-range artillery rockets to neighbouring Valloria, two defence "
    "officials said on Tuesday, in a move that is likely to deepen the rift "
    "between the two countries and their northern rivals.\n"
    "The shipment, which left the port of Carrow late last month aboard a "
    "chartered cargo ship, included launch vehicles as well as several hundred "
    "rockets, according to the officials, who spoke on condition of anonymity "
    "because they were not authorised to discuss the matter publicly. "
    "Estmark's foreign ministry declined to comment on the report. Analysts "
    "said the deal had been under discussion for more than a year and that "
    "further deliveries were expected before the end of the summer. "
    "(With inputs from Northwind Wire)";

static const char other[] =
    "CARROW (Harbour Daily) - Valloria has received artillery rockets from "
    "Estmark, according to a parliamentary report published on Friday, which "
    "said the weapons arrived by sea in the spring. The report, drawn up by "
    "the defence committee, said officials had discussed the purchase for "
    "more than a year before a contract was signed. Members of the committee "
    "said the rockets would strengthen the country's defence along the border, "
    "while opposition lawmakers asked why parliament had not been told sooner. "
    "The defence ministry said it would answer questions from the committee in "
    "writing, and that the deliveries had been carried out in line with the "
    "law. A second report on the training of rocket crews is expected later "
    "this year, the committee chairman told reporters outside the building.";

static size_t shared(const char *a, const char *b, size_t *na, size_t *nb)
{
    passages pa = {0}, pb = {0};
    assert_int_equal(passages_compute(&pa, a, strlen(a)), AT_OK);
    assert_int_equal(passages_compute(&pb, b, strlen(b)), AT_OK);
    size_t n = passages_shared(pa.hash, pa.n, pb.hash, pb.n);
    *na = pa.n;
    *nb = pb.n;
    for (size_t i = 1; i < pa.n; i++)
        assert_true(pa.hash[i - 1] < pa.hash[i]); /* sorted, distinct */
    passages_free(&pa);
    passages_free(&pb);
    return n;
}

static void test_copy_links(void **state)
{
    (void)state;
    size_t na, nb;
    size_t n = shared(wire, rewrite, &na, &nb);
    assert_true(na >= 5 && nb >= 5); /* a sample, not a hash or two */
    assert_true(passages_linked(n, na, nb));
}

static void test_same_topic_does_not_link(void **state)
{
    (void)state;
    size_t na, nb;
    size_t n = shared(wire, other, &na, &nb);
    assert_false(passages_linked(n, na, nb));
    n = shared(rewrite, other, &na, &nb);
    assert_false(passages_linked(n, na, nb));
}

/* Case, punctuation and line breaks are not part of a shingle. */
static void test_normalized(void **state)
{
    (void)state;
    static const char a[] = "The shipment left the port of Carrow late last month aboard "
                            "a chartered cargo vessel and several hundred rockets.";
    static const char b[] = "THE SHIPMENT left the port of Carrow -- late, last month;\n"
                            "aboard a \"chartered\" cargo vessel and several hundred rockets!";
    passages pa = {0}, pb = {0};
    assert_int_equal(passages_compute(&pa, a, strlen(a)), AT_OK);
    assert_int_equal(passages_compute(&pb, b, strlen(b)), AT_OK);
    assert_int_equal(pa.n, pb.n);
    assert_int_equal(passages_shared(pa.hash, pa.n, pb.hash, pb.n), pa.n);
    /* a text shorter than a shingle has none */
    assert_int_equal(passages_compute(&pa, "Too short to share.", 19), AT_OK);
    assert_int_equal(pa.n, 0);
    passages_free(&pa);
    passages_free(&pb);
}

static void test_threshold(void **state)
{
    (void)state;
    assert_false(passages_linked(2, 10, 10)); /* never fewer than 3 */
    assert_true(passages_linked(3, 10, 400));
    assert_false(passages_linked(9, 100, 400)); /* 10% of the smaller */
    assert_true(passages_linked(10, 100, 400));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_links),
        cmocka_unit_test(test_same_topic_does_not_link),
        cmocka_unit_test(test_normalized),
        cmocka_unit_test(test_threshold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
