/* write.c: the claim writers. One claim becomes one JSON line (the record
 * of spec/claims.md section 1), one RFC 4180 CSV record, or two lines of a
 * fixed-width table meant for a terminal. Writers only append to an
 * at_buf; the caller checks the buffer's sticky error once. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "armstrace.h"

int at_format_parse(const char *name)
{
    if (!name)
        return -1;
    if (!strcmp(name, "jsonl") || !strcmp(name, "json"))
        return AT_FMT_JSONL;
    if (!strcmp(name, "csv"))
        return AT_FMT_CSV;
    if (!strcmp(name, "table"))
        return AT_FMT_TABLE;
    return -1;
}

typedef struct {
    size_t start, end;
    at_slice text;
} span;

/* The evidence span, clamped to the text so that a bad offset from the
 * extractor can never read outside the document. */
static span evidence(const at_doc *doc, const at_claim *c)
{
    size_t len = doc->text.ptr ? doc->text.len : 0;
    size_t start = c->start < len ? c->start : len;
    size_t end = c->end < len ? c->end : len;
    if (end < start)
        end = start;
    return (span){start, end,
                  {doc->text.ptr ? doc->text.ptr + start : "", end - start}};
}

/* MARK: - JSON lines */

static void json_slice(at_buf *b, at_slice s)
{
    at_buf_json_str(b, s.ptr ? s.ptr : "", s.ptr ? s.len : 0);
}

/* A string, or null when it is empty (parties, unit, actor). */
static void json_str_or_null(at_buf *b, const char *s)
{
    if (s && s[0])
        at_buf_json_str(b, s, strlen(s));
    else
        at_buf_puts(b, "null");
}

static void json_int_or_null(at_buf *b, bool has, int64_t v)
{
    if (has)
        at_buf_printf(b, "%" PRId64, v);
    else
        at_buf_puts(b, "null");
}

static void write_jsonl(at_buf *b, const at_doc *doc, const at_claim *c)
{
    at_buf_puts(b, "{\"doc\":");
    json_slice(b, doc->id);
    at_buf_puts(b, ",\"supplier\":");
    json_str_or_null(b, c->supplier);
    at_buf_puts(b, ",\"recipient\":");
    json_str_or_null(b, c->recipient);
    at_buf_printf(b, ",\"category\":\"%s\",\"stage\":\"%s\","
                     "\"factuality\":\"%s\",\"certainty\":\"%s\",\"system\":",
                  at_category_name(c->category), at_stage_name(c->stage),
                  at_factuality_name(c->factuality),
                  at_certainty_name(c->certainty));
    json_str_or_null(b, c->system);

    at_buf_puts(b, ",\"quantity\":");
    if (c->has_quantity) {
        const at_quantity *q = &c->quantity;
        at_buf_puts(b, "{\"min\":");
        json_int_or_null(b, q->has_min, q->min);
        at_buf_puts(b, ",\"max\":");
        json_int_or_null(b, q->has_max, q->max);
        at_buf_puts(b, q->approx ? ",\"approx\":true,\"unit\":"
                                 : ",\"approx\":false,\"unit\":");
        json_str_or_null(b, q->unit);
        at_buf_puts(b, ",\"text\":");
        json_slice(b, q->text);
        at_buf_putc(b, '}');
    } else {
        at_buf_puts(b, "null");
    }

    at_buf_puts(b, ",\"date\":");
    if (c->has_date) {
        at_buf_puts(b, "{\"start\":");
        json_str_or_null(b, c->date_start);
        at_buf_puts(b, ",\"end\":");
        json_str_or_null(b, c->date_end);
        at_buf_puts(b, ",\"text\":");
        json_slice(b, c->date_text);
        at_buf_putc(b, '}');
    } else {
        at_buf_puts(b, "null");
    }

    at_buf_puts(b, ",\"source\":");
    if (c->has_source) {
        at_buf_puts(b, "{\"name\":");
        json_slice(b, c->source_name);
        at_buf_puts(b, ",\"actor\":");
        json_str_or_null(b, c->source_actor);
        /* The spec's "text" is the phrase as written; we keep the name. */
        at_buf_puts(b, ",\"text\":");
        json_slice(b, c->source_name);
        at_buf_putc(b, '}');
    } else {
        at_buf_puts(b, "null");
    }

    span ev = evidence(doc, c);
    at_buf_printf(b, ",\"evidence\":{\"sentence\":%" PRIu32 ",\"start\":%zu,"
                     "\"end\":%zu,\"text\":",
                  c->sentence, ev.start, ev.end);
    json_slice(b, ev.text);
    at_buf_printf(b, "},\"mentions\":%" PRIu32 "}\n", c->mentions);
}

/* MARK: - CSV (RFC 4180: CRLF records, quotes doubled inside quotes) */

static void csv_field(at_buf *b, const char *s, size_t n)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        at_buf_put(b, s, n);
        return;
    }
    at_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '"') {
            at_buf_put(b, s + run, i + 1 - run); /* through the quote */
            at_buf_putc(b, '"');                 /* and its double */
            run = i + 1;
        }
    at_buf_put(b, s + run, n - run);
    at_buf_putc(b, '"');
}

static void csv_str(at_buf *b, const char *s)
{
    if (s)
        csv_field(b, s, strlen(s));
}

static void csv_slice(at_buf *b, at_slice s)
{
    if (s.ptr)
        csv_field(b, s.ptr, s.len);
}

static const char csv_heading[] =
    "doc,supplier,recipient,category,stage,factuality,certainty,system,"
    "quantity_min,quantity_max,quantity_approx,quantity_unit,date_start,"
    "date_end,source,source_actor,sentence,start,end,evidence\r\n";

static void write_csv(at_buf *b, const at_doc *doc, const at_claim *c)
{
    csv_slice(b, doc->id);
    at_buf_putc(b, ',');
    csv_str(b, c->supplier);
    at_buf_putc(b, ',');
    csv_str(b, c->recipient);
    at_buf_printf(b, ",%s,%s,%s,%s,", at_category_name(c->category),
                  at_stage_name(c->stage), at_factuality_name(c->factuality),
                  at_certainty_name(c->certainty));
    csv_str(b, c->system);
    at_buf_putc(b, ',');
    if (c->has_quantity) {
        const at_quantity *q = &c->quantity;
        if (q->has_min)
            at_buf_printf(b, "%" PRId64, q->min);
        at_buf_putc(b, ',');
        if (q->has_max)
            at_buf_printf(b, "%" PRId64, q->max);
        at_buf_puts(b, q->approx ? ",true," : ",false,");
        csv_str(b, q->unit);
    } else {
        at_buf_puts(b, ",,,"); /* four empty cells */
    }
    at_buf_putc(b, ',');
    if (c->has_date) {
        csv_str(b, c->date_start);
        at_buf_putc(b, ',');
        csv_str(b, c->date_end);
    } else {
        at_buf_putc(b, ',');
    }
    at_buf_putc(b, ',');
    if (c->has_source) {
        csv_slice(b, c->source_name);
        at_buf_putc(b, ',');
        csv_str(b, c->source_actor);
    } else {
        at_buf_putc(b, ',');
    }
    span ev = evidence(doc, c);
    at_buf_printf(b, ",%" PRIu32 ",%zu,%zu,", c->sentence, ev.start, ev.end);
    csv_slice(b, ev.text);
    at_buf_puts(b, "\r\n");
}

/* MARK: - Table */

enum { W_DOC = 20, W_PARTIES = 21, W_CAT = 17, W_STAGE = 11, W_FACT = 12,
       W_SYSTEM = 14, W_QTY = 12, W_DATE = 22, W_EVIDENCE = 96,
       EVIDENCE_LINES = 3 };

/* Length of the UTF-8 sequence led by byte C (1 for stray bytes, so that
 * a walk always advances). */
static size_t seqlen(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Terminal columns of S, counted as one per code point: good enough for
 * a readable table, and never splits a character. */
static size_t columns(const char *s, size_t n)
{
    size_t cols = 0;
    for (size_t i = 0; i < n; i += seqlen((unsigned char)s[i]))
        cols++;
    return cols;
}

/* Append at most COLS code points of S; control characters (C0, DEL,
 * C1) become spaces so that no text can drive the terminal. Returns the
 * columns written. */
static size_t put_clean(at_buf *b, const char *s, size_t n, size_t cols)
{
    size_t i = 0, done = 0;
    while (i < n && done < cols) {
        unsigned char c = (unsigned char)s[i];
        size_t k = seqlen(c);
        if (k > n - i)
            k = n - i;
        bool ctl = c < 0x20 || c == 0x7F ||
                   (c == 0xC2 && k == 2 && (unsigned char)s[i + 1] < 0xA0);
        if (ctl)
            at_buf_putc(b, ' ');
        else
            at_buf_put(b, s + i, k);
        i += k;
        done++;
    }
    return done;
}

/* One cell of WIDTH columns: truncated with an ellipsis, padded unless it
 * is the last of the row. */
static void put_cell(at_buf *b, const char *s, size_t n, size_t width,
                     bool pad)
{
    size_t cols = columns(s, n);
    if (cols > width) {
        put_clean(b, s, n, width - 1);
        at_buf_puts(b, "\xE2\x80\xA6"); /* … */
        cols = width;
    } else {
        put_clean(b, s, n, cols);
    }
    if (pad)
        for (size_t i = cols; i < width + 1; i++)
            at_buf_putc(b, ' ');
}

static void put_cell_str(at_buf *b, const char *s, size_t width, bool pad)
{
    put_cell(b, s, strlen(s), width, pad);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* The evidence sentence, whitespace collapsed, wrapped at word breaks to
 * lines of WIDTH columns after an indent, at most MAXLINES lines. */
static void put_wrapped(at_buf *b, const char *s, size_t n, size_t width,
                        int maxlines)
{
    static const char indent[] = "    ";
    int lines = 1;
    size_t linecols = 0, i = 0;
    at_buf_puts(b, indent);
    while (i < n) {
        while (i < n && is_space(s[i]))
            i++;
        size_t w = i;
        while (i < n && !is_space(s[i]))
            i++;
        if (i == w)
            break;
        size_t cols = columns(s + w, i - w);
        if (linecols && linecols + 1 + cols > width) {
            if (lines == maxlines) {
                at_buf_puts(b, " \xE2\x80\xA6");
                break;
            }
            at_buf_putc(b, '\n');
            at_buf_puts(b, indent);
            lines++;
            linecols = 0;
        }
        if (linecols) {
            at_buf_putc(b, ' ');
            linecols++;
        }
        if (cols > width - linecols) { /* a word wider than the line */
            put_cell(b, s + w, i - w, width - linecols, false);
            linecols = width;
        } else {
            linecols += put_clean(b, s + w, i - w, cols);
        }
    }
    at_buf_putc(b, '\n');
}

static void qty_text(char *out, size_t size, const at_quantity *q)
{
    const char *ap = q->approx ? "~" : "";
    if (q->has_min && q->has_max && q->min == q->max)
        snprintf(out, size, "%s%" PRId64, ap, q->min);
    else if (q->has_min && q->has_max)
        snprintf(out, size, "%s%" PRId64 "-%" PRId64, ap, q->min, q->max);
    else if (q->has_min)
        snprintf(out, size, "%s>=%" PRId64, ap, q->min);
    else if (q->has_max)
        snprintf(out, size, "%s<=%" PRId64, ap, q->max);
    else
        snprintf(out, size, "%ssome", ap);
    if (q->unit[0]) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, " %s", q->unit);
    }
}

static void write_table(at_buf *b, const at_doc *doc, const at_claim *c)
{
    char tmp[2 * AT_PARTY_MAX + 8];
    put_cell(b, doc->id.ptr ? doc->id.ptr : "", doc->id.ptr ? doc->id.len : 0,
             W_DOC, true);
    snprintf(tmp, sizeof tmp, "%s -> %s", c->supplier[0] ? c->supplier : "?",
             c->recipient[0] ? c->recipient : "?");
    put_cell_str(b, tmp, W_PARTIES, true);
    put_cell_str(b, at_category_name(c->category), W_CAT, true);
    put_cell_str(b, at_stage_name(c->stage), W_STAGE, true);
    put_cell_str(b, at_factuality_name(c->factuality), W_FACT, true);
    put_cell_str(b, c->system ? c->system : "-", W_SYSTEM, true);
    char qty[64] = "-";
    if (c->has_quantity)
        qty_text(qty, sizeof qty, &c->quantity);
    put_cell_str(b, qty, W_QTY, true);
    char date[2 * AT_DATE_MAX + 4] = "-";
    if (c->has_date && c->date_end[0] && strcmp(c->date_start, c->date_end))
        snprintf(date, sizeof date, "%s..%s", c->date_start, c->date_end);
    else if (c->has_date)
        snprintf(date, sizeof date, "%s", c->date_start);
    put_cell_str(b, date, W_DATE, false);
    at_buf_putc(b, '\n');
    span ev = evidence(doc, c);
    put_wrapped(b, ev.text.ptr, ev.text.len, W_EVIDENCE, EVIDENCE_LINES);
}

static void table_heading(at_buf *b)
{
    put_cell_str(b, "DOC", W_DOC, true);
    put_cell_str(b, "SUPPLIER -> RECIPIENT", W_PARTIES, true);
    put_cell_str(b, "CATEGORY", W_CAT, true);
    put_cell_str(b, "STAGE", W_STAGE, true);
    put_cell_str(b, "FACTUALITY", W_FACT, true);
    put_cell_str(b, "SYSTEM", W_SYSTEM, true);
    put_cell_str(b, "QUANTITY", W_QTY, true);
    put_cell_str(b, "DATE", W_DATE, false);
    at_buf_puts(b, "\n    EVIDENCE\n");
}

/* MARK: - Public */

void at_claim_write(at_buf *b, at_format fmt, const at_doc *doc,
                    const at_claim *claim)
{
    switch (fmt) {
    case AT_FMT_JSONL: write_jsonl(b, doc, claim); break;
    case AT_FMT_CSV: write_csv(b, doc, claim); break;
    case AT_FMT_TABLE: write_table(b, doc, claim); break;
    default: b->err = AT_EINVAL; break;
    }
}

void at_claim_header(at_buf *b, at_format fmt)
{
    switch (fmt) {
    case AT_FMT_JSONL: break;
    case AT_FMT_CSV: at_buf_puts(b, csv_heading); break;
    case AT_FMT_TABLE: table_heading(b); break;
    default: b->err = AT_EINVAL; break;
    }
}
