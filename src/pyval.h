/* pyval.h: Python's view of JSON values, for the evaluator. score.py
 * (the reference scorer) compares and prints json.loads() results with
 * Python semantics; these helpers give the same answers on jansson
 * values: truthiness, ==, str(), str.lower(), slicing by code points. */
#ifndef AT_PYVAL_H
#define AT_PYVAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "armstrace.h"

/* bool(v). NULL (a missing field) is false. */
bool py_truthy(const json_t *v);

/* v1 == v2: numbers by exact value (1 == 1.0 == true), strings by bytes,
 * lists and dicts member by member. NULL counts as None. */
bool py_eq(const json_t *a, const json_t *b);

/* Append str(v): strings as they are, None/True/False, ints in decimal,
 * floats as repr() writes them; lists and dicts as repr() would, close
 * enough for messages (non-ASCII is not checked for printability). */
void py_str(at_buf *b, const json_t *v);

/* Append repr(d) of a finite double: the shortest digits that read back,
 * fixed between 1e-4 and 1e16, else d.ddde+XX; "1.0" never "1". */
void py_float_repr(at_buf *b, double d);

/* Append s.lower() for S (valid UTF-8). Exact for Latin (to U+017F),
 * Greek and Cyrillic, including U+0130 and the final sigma; other
 * scripts are copied as they are. */
void py_lower(at_buf *b, const char *s, size_t n);

/* Bytes taken by the first NCP code points of S (valid UTF-8): s[:NCP]. */
size_t py_prefix(const char *s, size_t n, size_t ncp);

/* true when line.strip() would be empty (Python's whitespace set). */
bool py_blank(const char *s, size_t n);

/* true when S decodes as strict UTF-8 (no surrogates, no overlongs), as
 * Python's codec requires; NUL bytes are allowed. *BAD gets the offset of
 * the first bad byte. */
bool py_utf8_ok(const char *s, size_t n, size_t *bad);

/* Decode the code point at S[*I] (valid UTF-8) and advance *I. */
uint32_t py_utf8_next(const char *s, size_t n, size_t *i);

#endif
