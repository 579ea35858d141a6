/* views.h: internals of the views over events (graph.c, register.c,
 * event_list.c) that the unit tests reach: escaping for XML, DOT and CSV,
 * and the register's row. */
#ifndef AT_VIEWS_H
#define AT_VIEWS_H

#include "armstrace.h"

/* Append S (N bytes of UTF-8) escaped as XML character data that is also
 * safe inside a double-quoted attribute: & < > " ' become entities, tab,
 * newline and CR become character references, and the other control
 * characters, which XML 1.0 cannot carry at all, become U+FFFD. */
void view_xml_text(at_buf *b, const char *s, size_t n);

/* Append S as a double-quoted DOT string: quotes and backslashes are
 * escaped, a newline becomes Graphviz's \n, other control characters a
 * space. */
void view_dot_str(at_buf *b, const char *s, size_t n);

/* Append S as one RFC 4180 field: quoted (quotes doubled) when it holds a
 * comma, quote, CR or LF, or starts or ends with a space. */
void view_csv_field(at_buf *b, const char *s, size_t n);

/* One register row: the event and what its claims add to it. */
typedef struct {
    const at_event *ev;
    const char *sources; /* "; "-joined outlets and source names */
    bool approx;         /* a supporting report gives an approximate count */
} register_row;

/* The register's cells, each appended to B (no CSV quoting). */
void register_designation(at_buf *b, const at_event *ev);
void register_number(at_buf *b, const at_event *ev, bool approx);
void register_years(at_buf *b, const at_event *ev);
void register_comments(at_buf *b, const at_event *ev);

/* Append the CSV header line, or ROW as one CSV line (CRLF-free: "\n"). */
void register_write_header(at_buf *b);
void register_write_row(at_buf *b, const register_row *row);

#endif
