/* passages.h: shingled passages of a document, for finding documents that
 * copy or lightly rewrite one another (wire copy). Pure: no database. The
 * store keeps the samples and looks them up (store_passages.c). */
#ifndef AT_PASSAGES_H
#define AT_PASSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "armstrace.h"

#define PASSAGE_WORDS 8   /* words per shingle */
#define PASSAGE_KEEP 16   /* keep the shingles whose mixed hash is 0 mod 16 */
#define PASSAGE_MAX 256   /* and at most the 256 smallest of those */

/* A document's sample: sorted, distinct 64-bit shingle hashes (stored as
 * signed, as SQLite integers are); the array is reused from one call to
 * the next. */
typedef struct {
    int64_t *hash;
    size_t n, cap;
} passages;

/* Sample TEXT (UTF-8) into P, replacing what P held. Shingles are
 * PASSAGE_WORDS consecutive words (runs of letters and digits, ASCII
 * lowercased), so punctuation, curly or straight quotes, dashes, case and
 * line breaks do not matter.
 * The sample is a fixed function of the shingles (a hash residue, then the
 * smallest), so two documents sample a shared passage alike. */
at_status passages_compute(passages *p, const char *text, size_t len);
void passages_free(passages *p);

/* How many hashes two sorted samples share. */
size_t passages_shared(const int64_t *a, size_t na, const int64_t *b, size_t nb);

/* Whether two documents with samples of NA and NB hashes, SHARED of them in
 * common, copy one another: at least 3 and at least 10% of the smaller. */
bool passages_linked(size_t shared, size_t na, size_t nb);

#endif
