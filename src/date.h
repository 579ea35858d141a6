/* date.h: time expressions, resolved against the document's date. */
#ifndef AT_DATE_H
#define AT_DATE_H

#include "text.h"

/* A calendar date at some precision: m == 0 means year only, d == 0 means
 * year and month. */
typedef struct {
    int y, m, d;
} at_ymd;

/* A time expression found in a sentence: tokens [first, last) and its
 * resolved span at the precision the text gives. */
typedef struct {
    uint32_t first, last;
    at_ymd start, end;
} at_timex;

/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
bool date_parse_iso(const char *s, size_t n, at_ymd *out);

/* Format D at its precision ("2024", "2024-01", "2024-01-02") into OUT. */
void date_format(const at_ymd *d, char out[AT_DATE_MAX]);

/* Find the time expressions in tokens [LO, HI) of TV and resolve them
 * against DOCDATE (which may be NULL: then only expressions that carry
 * their own year resolve). Writes at most MAX to OUT in text order and
 * returns how many. Recognizes: ISO dates; "January 2, 2024", "2 January
 * 2024", "Jan. 2"; "on Tuesday", "Tuesday (January 2)"; "in March", "last
 * October", "September last year"; "in 2023", "last year", "this year";
 * "yesterday", "today", "last month". */
size_t date_find(const at_textview *tv, size_t lo, size_t hi,
                 const at_ymd *docdate, at_timex *out, size_t max);

/* Find a dateline (a full date: day, month and year) near the start of a
 * document's text, in its first 600 bytes: "8 September 2024, 09:36",
 * "Jan. 4, 2024", "2024-01-05". Returns true with *OUT filled. */
bool date_dateline(const char *text, size_t len, at_ymd *out);

#endif
