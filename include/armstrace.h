/* armstrace.h: the public interface of libarmstrace.
 *
 * armstrace reads news text and extracts arms-transfer claims (who moved
 * what to whom, at what stage, how sure, said by whom), stores them in
 * SQLite and scores them against gold files. This header is the only one
 * a program needs; everything not declared here is internal.
 *
 * Conventions: text is UTF-8 and passed as (pointer, length) slices that
 * need not be NUL-terminated. Offsets are byte offsets into the document
 * text as armstrace holds it (after invalid UTF-8 was replaced). Functions
 * that can fail return at_status and, when given one, fill an at_error.
 * The library never prints and never exits. */
#ifndef ARMSTRACE_H
#define ARMSTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AT_VERSION "0.1.0"

/* MARK: - Status and errors */

typedef enum {
    AT_OK = 0,
    AT_ENOMEM,   /* out of memory */
    AT_EIO,      /* a file could not be opened, read or written */
    AT_EPARSE,   /* malformed input (JSON, TSV, UTF-8 beyond repair) */
    AT_ELIMIT,   /* input over a documented size limit */
    AT_EINVAL,   /* bad argument */
    AT_EDB,      /* SQLite reported an error */
    AT_ESTOP     /* a callback asked to stop */
} at_status;

/* A static English description of CODE. */
const char *at_strerror(at_status code);

/* An error with its place. FILE is the input's name as given (or "-"),
 * LINE its 1-based line (0 when the error has no line). */
typedef struct {
    at_status code;
    char file[256];
    size_t line;
    char msg[512];
} at_error;

/* MARK: - Slices */

typedef struct {
    const char *ptr;
    size_t len;
} at_slice;

/* MARK: - The claim record (spec/claims.md) */

typedef enum {
    AT_CAT_NONE = 0,
    AT_CAT_WEAPONS,
    AT_CAT_MISSILE,
    AT_CAT_BALLISTIC_MISSILE,
    AT_CAT_CRUISE_MISSILE,
    AT_CAT_ANTI_TANK_MISSILE,
    AT_CAT_AIR_DEFENSE,
    AT_CAT_DRONE,
    AT_CAT_AMMUNITION,
    AT_CAT_ROCKET,
    AT_CAT_LAUNCHER,
    AT_CAT_ARTILLERY,
    AT_CAT_ARMORED_VEHICLE,
    AT_CAT_AIRCRAFT,
    AT_CAT_NAVAL,
    AT_CAT_SMALL_ARMS,
    AT_CAT_COMPONENTS,
    AT_CAT_TECHNOLOGY,
    AT_CAT_PRODUCTION,
    AT_CAT_NUCLEAR,
    AT_CAT_PERSONNEL,
    AT_CAT_ECONOMIC,
    AT_CAT_COUNT
} at_category;

typedef enum {
    AT_STAGE_INTENT = 0,
    AT_STAGE_NEGOTIATING,
    AT_STAGE_AGREED,
    AT_STAGE_DELIVERED,
    AT_STAGE_USED,
    AT_STAGE_COUNT
} at_stage;

typedef enum {
    AT_FACT_CLAIMED = 0,
    AT_FACT_HYPOTHETICAL,
    AT_FACT_NEGATED,
    AT_FACT_COUNT
} at_factuality;

typedef enum {
    AT_CERT_ASSERTED = 0,
    AT_CERT_REPORTED,
    AT_CERT_ASSESSED,
    AT_CERT_COUNT
} at_certainty;

/* Names as the spec writes them ("ballistic_missile", "delivered", ...);
 * the parsers return -1 for an unknown name. */
const char *at_category_name(at_category c);
const char *at_stage_name(at_stage s);
const char *at_factuality_name(at_factuality f);
const char *at_certainty_name(at_certainty c);
int at_category_parse(const char *name, size_t len);
int at_stage_parse(const char *name, size_t len);
int at_factuality_parse(const char *name, size_t len);
int at_certainty_parse(const char *name, size_t len);

#define AT_PARTY_MAX 24 /* party codes: "RUS", "houthis", ... */
#define AT_DATE_MAX 11  /* "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
#define AT_UNIT_MAX 24

typedef struct {
    bool has_min, has_max;
    int64_t min, max;
    bool approx;
    char unit[AT_UNIT_MAX]; /* "" when the count is of the items */
    at_slice text;          /* into the document text */
} at_quantity;

/* One claim: one key (supplier, recipient, category, stage, factuality) in
 * one document. The slices point into the document text (or, for SYSTEM,
 * into the dictionary) and live as long as those do. */
typedef struct {
    char supplier[AT_PARTY_MAX]; /* "" = not stated */
    char recipient[AT_PARTY_MAX];
    at_category category;
    at_stage stage;
    at_factuality factuality;
    at_certainty certainty;
    const char *system; /* canonical name, or NULL */
    bool has_quantity;
    at_quantity quantity;
    bool has_date;
    char date_start[AT_DATE_MAX], date_end[AT_DATE_MAX];
    at_slice date_text;
    bool has_source;
    at_slice source_name;                /* as written */
    char source_actor[AT_PARTY_MAX];     /* the source's party, or "" */
    uint32_t sentence;                   /* 0-based sentence index */
    uint32_t start, end;                 /* evidence byte offsets */
    uint32_t mentions;                   /* sentences that state this key */
} at_claim;

/* MARK: - Documents */

/* A document: borrowed slices. DATE is "YYYY-MM-DD" or empty; when empty
 * the extractor looks for a dateline in the text. */
typedef struct {
    at_slice id, text, date, outlet, url, title;
} at_doc;

/* MARK: - Dictionaries */

typedef struct at_dict at_dict;

/* The data directory compiled in, overridden by $ARMSTRACE_DATA. */
const char *at_dict_default_dir(void);

/* Load every dictionary under DIR (parties/, weapons/, cues.tsv, ...).
 * NULL on failure with *ERR naming the file and line. Free with
 * at_dict_free(); the dictionary is read-only after loading and may be
 * shared by threads. */
at_dict *at_dict_load(const char *dir, at_error *err);
void at_dict_free(at_dict *d);

/* Look a party up by surface form ("the Kremlin", "Iranian"); returns its
 * code or NULL. For tests and tools. */
const char *at_dict_party(const at_dict *d, const char *surface);

/* MARK: - Extraction */

/* Called once per claim; a nonzero return stops extraction (AT_ESTOP). */
typedef int (*at_emit_fn)(const at_doc *doc, const at_claim *claim,
                          void *user);

/* Extract the claims of DOC, one per key, in order of first evidence.
 * DOC->text must be valid UTF-8 (see at_utf8_repair). Thread-safe for
 * distinct documents with a shared dictionary. */
at_status at_extract(const at_dict *d, const at_doc *doc, at_emit_fn emit,
                     void *user, at_error *err);

/* An extractor keeps its working buffers from one document to the next,
 * which saves the allocations at_extract makes per document. One per
 * thread; free with at_extractor_free() (NULL is a no-op). */
typedef struct at_extractor at_extractor;
at_extractor *at_extractor_new(const at_dict *d);
at_status at_extractor_run(at_extractor *ex, const at_doc *doc, at_emit_fn emit,
                           void *user, at_error *err);
void at_extractor_free(at_extractor *ex);

/* The date the extractor resolves relative dates against: DOC->date if
 * set, else a dateline found in the text. Writes "YYYY-MM-DD" to OUT and
 * returns true, or returns false. */
bool at_doc_date(const at_doc *doc, char out[AT_DATE_MAX]);

/* MARK: - Text */

/* Replace invalid UTF-8 sequences and NUL bytes in BUF (LEN bytes) so the
 * result is valid UTF-8. Invalid bytes become U+FFFD, NUL becomes a space.
 * The result is written to *OUT (malloc'd, caller frees) with its length
 * in *OUTLEN. Returns the number of repairs made, or -1 on ENOMEM. */
long at_utf8_repair(const char *buf, size_t len, char **out, size_t *outlen);

/* true when BUF is valid UTF-8 without NUL bytes. */
bool at_utf8_valid(const char *buf, size_t len);

/* MARK: - Growable buffer (writers append; check err once at the end) */

typedef struct {
    char *ptr;
    size_t len, cap;
    at_status err; /* sticky: once set, appends are no-ops */
} at_buf;

void at_buf_put(at_buf *b, const void *p, size_t n);
void at_buf_puts(at_buf *b, const char *s);
void at_buf_putc(at_buf *b, char c);
void at_buf_printf(at_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Append S as a JSON string literal (with quotes), escaping as needed. */
void at_buf_json_str(at_buf *b, const char *s, size_t n);
void at_buf_reset(at_buf *b);
void at_buf_free(at_buf *b);

/* MARK: - Claim writers */

typedef enum { AT_FMT_JSONL = 0, AT_FMT_CSV, AT_FMT_TABLE } at_format;

/* Parse "jsonl", "json", "csv" or "table"; -1 when unknown. */
int at_format_parse(const char *name);

/* Append CLAIM of DOC as one line in FMT (the spec's JSON object for
 * jsonl). at_claim_header writes the CSV header or the table heading
 * (nothing for jsonl). */
void at_claim_write(at_buf *b, at_format fmt, const at_doc *doc,
                    const at_claim *claim);
void at_claim_header(at_buf *b, at_format fmt);

/* MARK: - Reading inputs */

typedef struct at_reader at_reader;

/* Open one input: a plain-text file (one document, id = file stem), a
 * JSON-lines file (.jsonl/.ndjson/.json, or content that starts with '{';
 * string "text" and "id" (or a numeric id) required), an HTML file
 * (.html/.htm, or content starting with <!doctype html or <html), a web
 * archive (.warc/.warc.gz: one document per HTML response record), or
 * "-" for standard input (JSON lines when the first non-blank byte is
 * '{', else one text document with id "stdin"). NULL with *ERR when the
 * file cannot be opened or is a directory; directories are expanded by
 * the caller (at_path_list). A document or JSON line over 8 MiB is
 * refused (AT_ELIMIT) without being held in memory. */
at_reader *at_reader_open(const char *path, at_error *err);

/* Read the next document into *DOC (valid until the next call; every
 * slice non-NULL, text valid UTF-8). Returns 1 with a document, 0 at the
 * end, -1 when a record was bad (binary or empty file, bad JSON line,
 * over the limit): *ERR then names the file and line, and the caller may
 * call again to go on; every -1 consumes its record. WARN, when not
 * NULL, is cleared (code AT_OK, msg "") or receives a message for
 * repaired input (invalid UTF-8 or NUL replaced) while the document is
 * still returned. */
int at_reader_next(at_reader *r, at_doc *doc, at_error *err,
                   at_error *warn);
void at_reader_close(at_reader *r);

/* Expand PATH: a directory yields its regular files (recursively, sorted,
 * hidden files skipped); anything else yields itself. Calls FN for each;
 * a nonzero return stops. */
at_status at_path_list(const char *path,
                       int (*fn)(const char *file, void *user), void *user,
                       at_error *err);

/* MARK: - Store (SQLite) */

/* A database of documents and their claims (schema: src/store.c). One
 * at_store is one SQLite connection: use it from one thread at a time. */
typedef struct at_store at_store;

/* The schema version this build writes (PRAGMA user_version). */
#define AT_STORE_SCHEMA 2

/* Open the database at PATH. With CREATE, a missing file is created with
 * the schema; without it, only an existing armstrace database opens (the
 * file is never created: reads of a missing path fail with AT_EIO). A
 * database of another schema version, or a file that is not an armstrace
 * database, fails with AT_EDB. NULL on failure with *ERR filled. Close
 * with at_store_close(); NULL is a no-op. */
at_store *at_store_open(const char *path, bool create, at_error *err);
void at_store_close(at_store *s);

/* A write transaction around a batch of at_store_put calls. Nothing is
 * durable before commit; rollback discards the whole batch. Puts outside
 * a batch commit one by one. */
at_status at_store_begin(at_store *s, at_error *err);
at_status at_store_commit(at_store *s, at_error *err);
void at_store_rollback(at_store *s);

/* The content hash of DOC: 16 hex digits of 64-bit FNV-1a over its text,
 * date, outlet, url and title (not its id). A change to any of them means
 * the claims may differ, so the document is replaced. */
#define AT_HASH_MAX 17
void at_store_hash(const at_doc *doc, char out[AT_HASH_MAX]);

/* Whether a document with DOC's id and the same content hash is stored
 * (*FOUND). Lets a caller skip extraction for unchanged documents. */
at_status at_store_has(at_store *s, const at_doc *doc, bool *found,
                       at_error *err);

typedef enum {
    AT_PUT_ADDED = 0, /* a new id */
    AT_PUT_REPLACED,  /* same id, other content: old claims dropped */
    AT_PUT_UNCHANGED  /* same id and hash: nothing written */
} at_put_result;

/* Store DOC with its N CLAIMS (their slices point into DOC's text, as
 * at_extract emits them) atomically: all or nothing, even inside a batch.
 * EXTRACTOR names the extractor that made the claims (e.g. "armstrace
 * 0.1.0"), so a later version can find documents to re-extract. *RESULT,
 * when not NULL, says what happened. */
at_status at_store_put(at_store *s, const at_doc *doc, const at_claim *claims,
                       size_t n, const char *extractor,
                       at_put_result *result, at_error *err);

/* What at_store_claims lists; zero/NULL fields match anything (set the
 * enum fields to -1 for "any": use at_claim_filter_init). Party codes
 * match case-insensitively. SINCE/UNTIL ("YYYY", "YYYY-MM" or
 * "YYYY-MM-DD") compare with the claim's date start, or the document's
 * date when the claim has none, at the coarser of the two precisions (a
 * claim dated "2024" is within --since 2024-06). */
typedef struct {
    const char *supplier, *recipient;
    int category, stage, factuality; /* -1 = any */
    const char *since, *until;
    const char *doc;                 /* a document id */
    size_t limit;                    /* 0 = no limit */
} at_claim_filter;

void at_claim_filter_init(at_claim_filter *f);

/* Call FN for each stored claim that passes F (NULL: all), by document
 * in ingest order, each document's claims in the order they were put.
 * The at_doc handed to FN
 * holds the stored document (its text too, so the claim's evidence
 * offsets resolve against doc->text as they did at extraction); the
 * claim's other slices and SYSTEM point into the row. Both are valid only
 * during the call. A nonzero return from FN stops with AT_ESTOP. */
at_status at_store_claims(at_store *s, const at_claim_filter *f,
                          at_emit_fn fn, void *user, at_error *err);

/* One full-text search result; strings valid during the callback only,
 * "" when the document has no such field. */
typedef struct {
    const char *id, *date, *outlet, *url, *title;
    const char *snippet; /* the best fragment, matches between markers */
    double score;        /* bm25: lower is better */
} at_search_hit;

typedef int (*at_search_fn)(const at_search_hit *hit, void *user);

/* Search document titles and texts with an FTS5 query (words, "phrases",
 * AND/OR/NOT, prefix*), best first, at most LIMIT hits (0 = 20). OPEN and
 * CLOSE surround each match in the snippet. A malformed query fails with
 * AT_EPARSE and SQLite's explanation in *ERR. */
at_status at_store_search(at_store *s, const char *query, size_t limit,
                          const char *open, const char *close,
                          at_search_fn fn, void *user, at_error *err);

/* How many documents and claims are stored (either pointer may be NULL). */
at_status at_store_count(at_store *s, int64_t *docs, int64_t *claims,
                         at_error *err);

/* MARK: - Events (claims reconciled across documents) */

/* An event: one transfer (supplier, recipient, category, and a compatible
 * system and time) as many reports tell it. Events are a function of the
 * stored claims alone: the same claims give the same events whatever the
 * order they were ingested in. Strings are valid during the callback. */
typedef struct {
    const char *id;          /* "ev-" + 16 hex digits, stable for the same claims */
    char supplier[AT_PARTY_MAX], recipient[AT_PARTY_MAX];
    at_category category;
    const char *systems;     /* named systems, "; "-separated, "" when none */
    int stage;               /* furthest at_stage that a claimed (not
                                hypothetical, not negated) report states;
                                -1 when there is none */
    char stage_first[AT_STAGE_COUNT][AT_DATE_MAX]; /* when each stage was
                                first reported (report date), "" never */
    bool has_qty_min, has_qty_max;
    int64_t qty_min, qty_max;  /* range across reports */
    char date_start[AT_DATE_MAX], date_end[AT_DATE_MAX]; /* event dates, "" */
    char first_report[AT_DATE_MAX], last_report[AT_DATE_MAX];
    int reports;             /* supporting claims */
    int documents;           /* documents among all attached claims */
    int origins;             /* independent origins (shared-passage clusters) */
    int sources;             /* distinct named sources */
    int contradictions;      /* negated claims attached to the event */
    int hypothetical;        /* hypothetical claims attached */
    double confidence;       /* 0..1: README, "Confidence" */
} at_event;

/* Which events at_store_events lists; NULL/zero fields match anything. */
typedef struct {
    const char *supplier, *recipient; /* party codes */
    const char *party;                /* either side */
    int category, stage;              /* -1 = any; STAGE = furthest stage */
    const char *since, *until;        /* on the event dates, else reports */
    double min_confidence;
    size_t limit;                     /* 0 = no limit */
    const char *id;                   /* one event by its id */
} at_event_filter;

void at_event_filter_init(at_event_filter *f);

typedef int (*at_event_fn)(const at_event *ev, void *user);

/* Call FN for each event passing F (NULL: all), by confidence, then id. */
at_status at_store_events(at_store *s, const at_event_filter *f,
                          at_event_fn fn, void *user, at_error *err);

/* How a claim stands to its event. */
typedef enum {
    AT_ROLE_SUPPORT = 0,  /* claimed */
    AT_ROLE_HYPOTHETICAL, /* possible, feared, conditional */
    AT_ROLE_CONTRADICT    /* negated: a denial, "no evidence" */
} at_event_role;

/* Call FN for every claim of event ID, in report order (document date,
 * document id, sentence), with its document (text included, so evidence
 * offsets resolve) and the id of the document's origin (the first
 * document id of its shared-passage cluster). AT_EINVAL when no such
 * event. */
typedef int (*at_event_claim_fn)(at_event_role role, const char *origin,
                                 const at_doc *doc, const at_claim *claim,
                                 void *user);
at_status at_store_event_claims(at_store *s, const char *id,
                                at_event_claim_fn fn, void *user,
                                at_error *err);

/* Keep shared passages and events up to date as documents are put
 * (default on). Off, puts store only documents and claims, and mark the
 * database's events out of date (*STALE from at_store_events_stale)
 * until at_store_rebuild_events recomputes passages, origins and every
 * event from what is stored. */
void at_store_set_events(at_store *s, bool on);
at_status at_store_events_stale(at_store *s, bool *stale, at_error *err);
at_status at_store_rebuild_events(at_store *s, at_error *err);

/* Append EV as one record in FMT: a JSON object per line (at_event's
 * fields; "stages" maps each reported stage to its first report date,
 * "systems" is a list, "quantity" {"min","max"} or null), a CSV row, or
 * two table lines; at_event_header writes the
 * CSV header or the table heading (nothing for jsonl). */
void at_event_write(at_buf *b, at_format fmt, const at_event *ev);
void at_event_header(at_buf *b, at_format fmt);

/* Two documents that share passages (wire copy, light rewrites): A's id,
 * B's id and the number of shared passage hashes. */
typedef int (*at_link_fn)(const char *a, const char *b, int shared, void *user);
at_status at_store_links(at_store *s, at_link_fn fn, void *user, at_error *err);

/* MARK: - Views over events (graph, register) */

/* An owned list of events: at_store_events hands out strings valid only
 * during its callback, and the views need all events at once. Each
 * event's ID and SYSTEMS are the list's own copies. */
typedef struct {
    at_event *ev;
    size_t n, cap;
} at_event_list;

/* Append the events passing F (NULL: all) to *L, in at_store_events
 * order. Free with at_event_list_free() (also after a failure). */
at_status at_event_list_load(at_store *s, const at_event_filter *f,
                             at_event_list *l, at_error *err);
void at_event_list_free(at_event_list *l);

typedef enum {
    AT_GRAPH_DOT = 0, /* Graphviz: digraph armstrace { ... } */
    AT_GRAPH_GRAPHML, /* GraphML with a <key> per attribute */
    AT_GRAPH_GEXF,    /* GEXF 1.3 (Gephi) with declared attributes */
    AT_GRAPH_JSON     /* node-link JSON: {"nodes":[...],"edges":[...]} */
} at_graph_format;

/* Parse "dot", "graphml", "gexf" or "json"; -1 when unknown. */
int at_graph_format_parse(const char *name);

/* Append to B the transfer graph of the N events EVS as one complete
 * document in FMT. Nodes are the parties (attributes: events as supplier,
 * as recipient); edges are directed supplier -> recipient, one per pair
 * aggregating its events (categories, systems, furthest stage, events,
 * reports, contradictions, max and mean confidence, first and last
 * date), or with PER_EVENT one per event (with its id). Events missing a
 * party are left out. Nodes sort by code, edges by supplier, recipient
 * (and event id). Every string is escaped for the format; failures set
 * B->err (check it once at the end). */
void at_graph_write(at_buf *b, at_graph_format fmt, const at_event *evs,
                    size_t n, bool per_event);

/* Append to B a SIPRI-style register of the events passing F (NULL:
 * all) as RFC 4180 CSV: the header line "supplier,recipient,designation,
 * category,number,stage,years,sources,comments", then one row per event
 * sorted by supplier, recipient and years. Designation is the named
 * systems or the category in words; number the quantity range ("200",
 * "200-400", "~400", ">200"); stage the furthest claimed stage ("" when
 * none); years those of the event dates, else of the reports ("2023",
 * "2023-2024"); sources the distinct outlets and source names of the
 * event's claims; comments contradictions, hypothetical reports,
 * confidence and independent origins. */
at_status at_store_register(at_store *s, const at_event_filter *f, at_buf *b,
                            at_error *err);

/* MARK: - Evaluation */

/* Scoring of predicted claims against a gold file, figure for figure as
 * the reference scorer tools/score.py does it (spec/claims.md section 8):
 * keys (doc, supplier, recipient, category, stage, factuality) are
 * compared exactly; a missing, null or empty field is ""; keys with an
 * empty field or category "economic" are not predicted; optional gold
 * lines neither count as misses nor make false positives. JSONL inputs
 * are read as Python reads them (universal newlines, blank lines
 * skipped); integers beyond 64 bits, NaN, Infinity and lone surrogate
 * escapes, which Python would take, are rejected as malformed. */
typedef struct at_eval at_eval;

typedef struct {
    size_t tp, fp, fn;
    double precision, recall, f1; /* 0.0 where score.py says 0.0 */
    size_t system_ok, system_n;   /* true positives with a right system, */
    size_t quantity_ok, quantity_n; /* ... out of those whose gold line */
    size_t date_ok, date_n;         /* gives one */
} at_eval_score;

/* A new, empty evaluation; NULL on ENOMEM. Free with at_eval_free(). */
at_eval *at_eval_new(void);
void at_eval_free(at_eval *e);

/* Add the JSONL records of PATH ("-" = standard input) or of BUF (LEN
 * bytes; NAME is used in errors) as gold lines, predictions, or corpus
 * documents (objects with an "id", score.py --corpus). Records add up
 * over calls. AT_EIO / AT_EPARSE with *ERR naming the file and line; on
 * error nothing of that input is kept. */
at_status at_eval_load_gold(at_eval *e, const char *path, at_error *err);
at_status at_eval_load_pred(at_eval *e, const char *path, at_error *err);
at_status at_eval_load_corpus(at_eval *e, const char *path, at_error *err);
at_status at_eval_add_gold(at_eval *e, const char *name, const char *buf,
                           size_t len, at_error *err);
at_status at_eval_add_pred(at_eval *e, const char *name, const char *buf,
                           size_t len, at_error *err);
at_status at_eval_add_corpus(at_eval *e, const char *name, const char *buf,
                             size_t len, at_error *err);
/* Add one document id to the corpus (for documents read some other way). */
at_status at_eval_add_doc(at_eval *e, const char *id, size_t len);

/* Score only the documents in LIST, comma-separated ids (score.py
 * --docs=LIST; "" is one empty id). May be called once. */
at_status at_eval_set_only(at_eval *e, const char *list, size_t len);

/* Score what was loaded; fills *OUT (may be NULL). AT_EPARSE when a gold
 * line lacks "doc" where score.py needs it, or a gold attribute list is
 * not a list. May be called again after more input was added. */
at_status at_eval_run(at_eval *e, at_eval_score *out, at_error *err);

enum {
    AT_EVAL_SHOW = 1,  /* MISS and FALSE lines (score.py --show) */
    AT_EVAL_DETAIL = 2 /* per-category and per-stage lines */
};

/* Append the report of the last at_eval_run to B: as text, byte for byte
 * what score.py prints (MISS lines, FALSE lines, the summary line; the
 * detail lines come after it), or as one JSON object and a newline. */
void at_eval_report(const at_eval *e, at_buf *b, unsigned flags);
void at_eval_report_json(const at_eval *e, at_buf *b, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif /* ARMSTRACE_H */
