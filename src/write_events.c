/* write_events.c: events as JSON lines, CSV or a table, for `armstrace
 * events` and whoever else lists events. The JSON object has at_event's
 * fields (armstrace.h); "stages" maps each stage reported to its first
 * report date. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "armstrace.h"

static void json_opt(at_buf *b, const char *s)
{
    if (s && *s)
        at_buf_json_str(b, s, strlen(s));
    else
        at_buf_puts(b, "null");
}

/* "a; b" -> ["a","b"] */
static void json_systems(at_buf *b, const char *s)
{
    at_buf_putc(b, '[');
    for (const char *p = s; p && *p;) {
        const char *e = strstr(p, "; ");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (p != s)
            at_buf_putc(b, ',');
        at_buf_json_str(b, p, n);
        p = e ? e + 2 : p + n;
    }
    at_buf_putc(b, ']');
}

static void write_jsonl(at_buf *b, const at_event *ev)
{
    at_buf_puts(b, "{\"id\":");
    json_opt(b, ev->id);
    at_buf_puts(b, ",\"supplier\":");
    json_opt(b, ev->supplier);
    at_buf_puts(b, ",\"recipient\":");
    json_opt(b, ev->recipient);
    at_buf_puts(b, ",\"category\":");
    json_opt(b, at_category_name(ev->category));
    at_buf_puts(b, ",\"systems\":");
    json_systems(b, ev->systems);
    at_buf_puts(b, ",\"stage\":");
    json_opt(b, ev->stage >= 0 ? at_stage_name((at_stage)ev->stage) : NULL);
    at_buf_puts(b, ",\"stages\":{");
    bool first = true;
    for (int k = 0; k < AT_STAGE_COUNT; k++)
        if (ev->stage_first[k][0]) {
            at_buf_printf(b, "%s\"%s\":", first ? "" : ",", at_stage_name((at_stage)k));
            json_opt(b, ev->stage_first[k]);
            first = false;
        }
    at_buf_puts(b, "},\"quantity\":");
    if (ev->has_qty_min || ev->has_qty_max) {
        at_buf_puts(b, "{\"min\":");
        if (ev->has_qty_min)
            at_buf_printf(b, "%" PRId64, ev->qty_min);
        else
            at_buf_puts(b, "null");
        at_buf_puts(b, ",\"max\":");
        if (ev->has_qty_max)
            at_buf_printf(b, "%" PRId64, ev->qty_max);
        else
            at_buf_puts(b, "null");
        at_buf_putc(b, '}');
    } else {
        at_buf_puts(b, "null");
    }
    at_buf_puts(b, ",\"date_start\":");
    json_opt(b, ev->date_start);
    at_buf_puts(b, ",\"date_end\":");
    json_opt(b, ev->date_end);
    at_buf_puts(b, ",\"first_report\":");
    json_opt(b, ev->first_report);
    at_buf_puts(b, ",\"last_report\":");
    json_opt(b, ev->last_report);
    at_buf_printf(b, ",\"reports\":%d,\"documents\":%d,\"origins\":%d,\"sources\":%d,"
                  "\"contradictions\":%d,\"hypothetical\":%d,\"confidence\":%.3f}\n",
                  ev->reports, ev->documents, ev->origins, ev->sources,
                  ev->contradictions, ev->hypothetical, ev->confidence);
}

static void csv_str(at_buf *b, const char *s)
{
    if (!s || !strpbrk(s, ",\"\r\n")) {
        at_buf_puts(b, s ? s : "");
        return;
    }
    at_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            at_buf_putc(b, '"');
        at_buf_putc(b, *s);
    }
    at_buf_putc(b, '"');
}

static const char csv_heading[] =
    "id,supplier,recipient,category,systems,stage,intent_first,"
    "negotiating_first,agreed_first,delivered_first,used_first,quantity_min,"
    "quantity_max,date_start,date_end,first_report,last_report,reports,"
    "documents,origins,sources,contradictions,hypothetical,confidence\r\n";

static void write_csv(at_buf *b, const at_event *ev)
{
    const char *f[] = {ev->id, ev->supplier, ev->recipient, at_category_name(ev->category),
                       ev->systems,
                       ev->stage >= 0 ? at_stage_name((at_stage)ev->stage) : ""};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        csv_str(b, f[i]);
        at_buf_putc(b, ',');
    }
    for (int k = 0; k < AT_STAGE_COUNT; k++)
        at_buf_printf(b, "%s,", ev->stage_first[k]);
    if (ev->has_qty_min)
        at_buf_printf(b, "%" PRId64, ev->qty_min);
    at_buf_putc(b, ',');
    if (ev->has_qty_max)
        at_buf_printf(b, "%" PRId64, ev->qty_max);
    at_buf_printf(b, ",%s,%s,%s,%s,%d,%d,%d,%d,%d,%d,%.3f\r\n", ev->date_start,
                  ev->date_end, ev->first_report, ev->last_report, ev->reports,
                  ev->documents, ev->origins, ev->sources, ev->contradictions,
                  ev->hypothetical, ev->confidence);
}

/* Pad S to WIDTH columns (UTF-8 continuation bytes take none). */
static void cell(at_buf *b, const char *s, int width)
{
    int cols = 0;
    for (const char *p = s; *p; p++)
        cols += ((unsigned char)*p & 0xC0) != 0x80;
    at_buf_puts(b, s);
    for (; cols < width; cols++)
        at_buf_putc(b, ' ');
    at_buf_putc(b, ' ');
}

static void write_table(at_buf *b, const at_event *ev)
{
    char tmp[2 * AT_PARTY_MAX + 8];
    cell(b, ev->id, 19);
    snprintf(tmp, sizeof tmp, "%s -> %s", ev->supplier, ev->recipient);
    cell(b, tmp, 22);
    cell(b, at_category_name(ev->category), 17);
    cell(b, ev->stage >= 0 ? at_stage_name((at_stage)ev->stage) : "-", 11);
    at_buf_printf(b, "%7d %4d %7d %7d %6d %5.3f  %s\n", ev->reports, ev->documents,
                  ev->origins, ev->sources, ev->contradictions, ev->confidence,
                  ev->systems[0] ? ev->systems : "-");
    /* the second line: how it moved, how much, when */
    at_buf_puts(b, "    ");
    bool any = false;
    for (int k = 0; k < AT_STAGE_COUNT; k++)
        if (ev->stage_first[k][0]) {
            at_buf_printf(b, "%s%s %s", any ? ", " : "", at_stage_name((at_stage)k),
                          ev->stage_first[k]);
            any = true;
        }
    if (!any)
        at_buf_puts(b, "no claimed stage");
    if (ev->has_qty_min || ev->has_qty_max) {
        at_buf_puts(b, "; quantity ");
        bool one = ev->has_qty_min && ev->has_qty_max && ev->qty_min == ev->qty_max;
        if (ev->has_qty_min)
            at_buf_printf(b, "%" PRId64, ev->qty_min);
        if (!one)
            at_buf_puts(b, "..");
        if (ev->has_qty_max && !one)
            at_buf_printf(b, "%" PRId64, ev->qty_max);
    }
    if (ev->date_start[0])
        at_buf_printf(b, "; dated %s..%s", ev->date_start, ev->date_end);
    if (ev->first_report[0])
        at_buf_printf(b, "; reported %s..%s", ev->first_report, ev->last_report);
    if (ev->hypothetical)
        at_buf_printf(b, "; %d hypothetical", ev->hypothetical);
    at_buf_putc(b, '\n');
}

static void table_heading(at_buf *b)
{
    cell(b, "EVENT", 19);
    cell(b, "SUPPLIER -> RECIPIENT", 22);
    cell(b, "CATEGORY", 17);
    cell(b, "STAGE", 11);
    at_buf_puts(b, "REPORTS DOCS ORIGINS SOURCES CONTRA CONF   SYSTEMS\n"
                   "    STAGES FIRST REPORTED; QUANTITY; DATES; REPORTS\n");
}

void at_event_write(at_buf *b, at_format fmt, const at_event *ev)
{
    switch (fmt) {
    case AT_FMT_JSONL: write_jsonl(b, ev); break;
    case AT_FMT_CSV: write_csv(b, ev); break;
    case AT_FMT_TABLE: write_table(b, ev); break;
    default: b->err = AT_EINVAL; break;
    }
}

void at_event_header(at_buf *b, at_format fmt)
{
    switch (fmt) {
    case AT_FMT_JSONL: break;
    case AT_FMT_CSV: at_buf_puts(b, csv_heading); break;
    case AT_FMT_TABLE: table_heading(b); break;
    default: b->err = AT_EINVAL; break;
    }
}
