/* reader_int.h: what the input readers share (reader.c opens and sniffs,
 * reader_jsonl.c, reader_html.c and reader_warc.c read one format each):
 * the size limits, the reader state, its bounded input buffer, and the
 * UTF-8 scan used to tell text from binary. Internal to src/. */
#ifndef AT_READER_INT_H
#define AT_READER_INT_H

#include <stdio.h>

#include "armstrace.h"

/* One document (or one JSONL line) may hold at most this many bytes. */
#define RD_DOC_MAX ((size_t)8 * 1024 * 1024)
/* Bytes read per fread; also the size of the sniffed prefix. */
#define RD_CHUNK ((size_t)64 * 1024)
#define RD_SNIFF ((size_t)8 * 1024)
/* Heap the HTML parser may use for one page before we give up on it:
 * gumbo's tree is about five times the size of its input (so pages up to
 * ~5 MiB parse), and pathological markup (thousands of reopened
 * formatting elements) grows quadratically. Input + tree + text must
 * stay well under the program's 64 MiB. */
#define RD_HTML_HEAP_MIB 32
#define RD_HTML_HEAP ((size_t)RD_HTML_HEAP_MIB * 1024 * 1024)
/* Deepest element nesting we let the HTML parser see (see too_deep). */
#define RD_HTML_DEPTH 512

enum rd_kind { RD_TEXT, RD_JSONL, RD_HTML, RD_WARC };

struct at_reader {
    char *path;          /* as given, for messages */
    char *stem;          /* id of a whole-file document */
    enum rd_kind kind;
    FILE *fp;            /* NULL for WARC (libarchive owns the file) */
    bool own_fp;
    long long fsize;     /* size of a regular file, else -1 */
    /* Input buffer: in[pos, end) are unread bytes. Grows up to
     * RD_DOC_MAX + RD_CHUNK and never beyond. */
    char *in;
    size_t pos, end, cap;
    bool eof;
    int ioerr;           /* errno of a failed read, or 0 */
    bool done;           /* whole-file formats: the document was returned */
    size_t line;         /* JSONL: number of the last line read */
    size_t ndocs, nbad;  /* returned so far, to report an empty input */
    /* Storage for the current document, freed or reused by the next call. */
    char *fixed;         /* a repaired copy of the input */
    char *owned[4];      /* (unused by JSONL; kept for other formats) */
    at_buf jf[6];        /* JSONL fields of the current line: id, text,
                            title, outlet, url, date (reused line to line) */
    unsigned jset;       /* which jf[] the line set (bit per field) */
    unsigned jstr;       /* which of them were strings */
    size_t jnuls;        /* NUL characters replaced in them */
    at_buf text, title;  /* extracted HTML text and title */
    at_buf id;           /* WARC record id */
    struct archive *ar;  /* WARC */
    size_t nrec;         /* WARC records seen */
};

/* Fill ERR (when not NULL) for R's file. */
void rd_error(at_error *err, const at_reader *r, at_status code, size_t line,
              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Read more input into r->in, keeping the unread bytes. Returns false at
 * end of input or on a read error (r->ioerr). */
bool rd_fill(at_reader *r);

/* The next line of a JSONL input: 1 with *LINE and *LEN set (valid until the
 * next call, without the newline), 0 at the end, -1 for a line longer
 * than RD_DOC_MAX (skipped; *LEN is its length) or a read error. */
int rd_line(at_reader *r, const char **line, size_t *len);

/* Per-format document readers: the at_reader_next contract. */
int jsonl_next(at_reader *r, at_doc *doc, at_error *err, at_error *warn);
int warc_open(at_reader *r, at_error *err);
int warc_next(at_reader *r, at_doc *doc, at_error *err, at_error *warn);
void warc_close(at_reader *r);

/* Extract the readable text of an HTML page into TEXT (paragraphs
 * separated by blank lines) and its <title> into TITLE; both are valid
 * UTF-8. AT_ELIMIT when the page nests deeper than RD_HTML_DEPTH or the
 * parser would need more than RD_HTML_HEAP; *WHY then says which. */
at_status html_extract(const char *html, size_t len, at_buf *text,
                       at_buf *title, const char **why);

/* What a UTF-8 scan found. */
typedef struct {
    size_t invalid;   /* bytes that are not part of a valid sequence */
    size_t nul;       /* NUL bytes */
    size_t ctrl;      /* C0 controls other than NUL, \t \n \r \f */
    size_t first_bad; /* offset of the first invalid or NUL byte, or len */
} utf8_stats;

/* Scan the sequences of BUF that start before STOP (STOP <= LEN; a
 * sequence may run past STOP up to LEN). */
void utf8_scan(const char *buf, size_t len, size_t stop, utf8_stats *st);

/* "invalid UTF-8 (3 bytes replaced); 2 NUL bytes replaced by spaces" */
void rd_repair_note(char *out, size_t cap, const utf8_stats *st);

#endif
