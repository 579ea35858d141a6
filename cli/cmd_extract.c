/* cmd_extract.c: `armstrace extract`: read documents, write their claims
 * as JSON lines, CSV or a table. With --threads N the main thread reads
 * and writes while N workers extract; a bounded ring of in-flight
 * documents keeps the output in input order and the memory flat. */
#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

enum { MAX_THREADS = 256, SLOTS_PER_THREAD = 4 };

/* A slot keeps its buffers between documents; one that grew past this
 * for a huge document is given back so that peak memory stays bounded
 * by the documents in flight, not by the largest ever seen. */
#define SLOT_KEEP (1u << 20)

/* Documents in flight hold at most this much text between them (beyond
 * a single document, which may be up to the reader's 8 MiB), so that a
 * run of large documents cannot multiply the memory by 4 * threads. */
#define INFLIGHT_BYTES (24u << 20)

/* MARK: - Options */

typedef struct {
    at_format fmt;
    const char *data;
    int threads;
    const char *output;
    bool quiet;
    int progress; /* -1 when stderr is a terminal, else 0/1 as given */
} options;

static void usage(FILE *f)
{
    fputs(
        "usage: armstrace extract [OPTIONS] [FILE|DIR|-]...\n"
        "\n"
        "Read news documents and write the arms-transfer claims they state,\n"
        "in input order. With no FILE, or when FILE is -, read standard input.\n"
        "\n"
        "options:\n"
        "  -f, --format FMT   output format: jsonl (default; one JSON object\n"
        "                     per claim, as spec/claims.md defines), csv\n"
        "                     (RFC 4180, with a header line) or table\n"
        "      --data DIR     dictionary directory (default: $ARMSTRACE_DATA,\n"
        "                     else the data directory built in)\n"
        "  -j, --threads N    extract with N worker threads (default 1);\n"
        "                     the output is the same whatever N is\n"
        "  -o, --output FILE  write to FILE instead of standard output\n"
        "  -q, --quiet        do not print warnings (repaired input)\n"
        "      --progress     show progress on stderr (default: only when\n"
        "      --no-progress  stderr is a terminal)\n"
        "  -h, --help         show this help\n"
        "\n"
        "inputs:\n"
        "  a directory        every regular file under it, sorted, hidden\n"
        "                     files skipped\n"
        "  FILE.jsonl         JSON lines (also .ndjson, or content starting\n"
        "                     with '{'): one document per line, with \"text\"\n"
        "                     and optional \"id\", \"date\", \"outlet\",\n"
        "                     \"url\", \"title\"\n"
        "  FILE.html, .htm    one document, its text taken from the HTML\n"
        "  any other FILE     plain text, one document, id = the file stem\n"
        "  -                  standard input: JSON lines when it starts with\n"
        "                     '{', else one text document with id \"stdin\"\n"
        "\n"
        "exit codes:\n"
        "  0  success\n"
        "  1  finished, but some input failed (missing file, bad record);\n"
        "     each failure is named on stderr\n"
        "  2  usage error (unknown option, bad option value)\n"
        "  3  fatal: the dictionary did not load, or the output could not\n"
        "     be written (full disk, closed pipe)\n",
        f);
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, options *o)
{
    enum { OPT_DATA = 256, OPT_PROGRESS, OPT_NO_PROGRESS };
    static const struct option longopts[] = {
        {"data", required_argument, NULL, OPT_DATA},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
        {"output", required_argument, NULL, 'o'},
        {"progress", no_argument, NULL, OPT_PROGRESS},
        {"quiet", no_argument, NULL, 'q'},
        {"threads", required_argument, NULL, 'j'},
        {NULL, 0, NULL, 0}};
    *o = (options){.fmt = AT_FMT_JSONL, .threads = 1, .progress = -1};
    opterr = 0; /* our messages name the command */
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":f:hj:o:q", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': {
            int f = at_format_parse(optarg);
            if (f < 0) {
                cli_err("extract: option --format: expected jsonl, csv or "
                        "table, got '%s'", optarg);
                return EXIT_USAGE;
            }
            o->fmt = (at_format)f;
            break;
        }
        case 'j': {
            char *end;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || n < 1 || n > MAX_THREADS) {
                cli_err("extract: option --threads: expected a number from "
                        "1 to %d, got '%s'", MAX_THREADS, optarg);
                return EXIT_USAGE;
            }
            o->threads = (int)n;
            break;
        }
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = true; break;
        case 'h': usage(stdout); return EXIT_OK;
        case OPT_DATA: o->data = optarg; break;
        case OPT_PROGRESS: o->progress = 1; break;
        case OPT_NO_PROGRESS: o->progress = 0; break;
        default:
            return cli_bad_option("extract", c, argv);
        }
    }
    return -1;
}

/* MARK: - Run state */

/* Documents go to the workers in batches: one hand-over (a lock, a
 * signal) per batch rather than per document, which is what lets two
 * threads run nearly twice as fast as one on short news items. */
#define BATCH_DOCS 64
#define BATCH_BYTES (256u << 10)

/* Where one document's fields (id, text, date, outlet, url, title, and the
 * input's name) lie in its batch's store: offsets, because the store may
 * move while the batch fills. */
enum { NFIELD = 7 };
typedef struct {
    size_t off[NFIELD], len[NFIELD];
} docref;

/* A batch in flight: copies of its documents (the reader reuses its
 * buffers), their claims formatted for output, and how extraction went
 * (the first failure, if any). */
typedef struct {
    bool done;
    char *store;
    size_t storecap, size; /* size: bytes stored, for the budget */
    docref *refs;
    size_t ndocs, capdocs;
    at_doc doc; /* the failed document, for its message */
    at_buf out;
    at_status rc;
    at_error err;
} slot;

typedef struct run run;

typedef struct {
    run *r;
    pthread_mutex_t mu;
    pthread_cond_t work; /* a slot was queued, or closing */
    pthread_cond_t done; /* a slot was finished */
    slot *slots;
    size_t cap;
    /* Sequence numbers, slot = seq % cap: [head, next) are taken by
     * workers or done, [next, tail) wait for a worker. */
    size_t head, next, tail;
    size_t bytes; /* the sizes of the slots in [head, tail) */
    bool closing;
    bool filling; /* the main thread is filling the tail slot */
    bool cancel; /* a fatal error: finish queued slots without work */
    /* Who sleeps: signals (system calls) are sent only to sleepers. */
    int idle;
    bool main_waits;
    pthread_t *tids;
    int nthreads;
} pool;

struct run {
    const options *o;
    at_dict *dict;
    FILE *out;
    const char *outname;
    progress prog;
    bool input_failed;
    bool fatal;
    slot inline_slot; /* --threads 1: extract in the main thread */
    pool *pool;
};

/* MARK: - Extracting one document */

typedef struct {
    at_buf *out;
    at_format fmt;
} sink;

static int emit_claim(const at_doc *doc, const at_claim *claim, void *user)
{
    sink *s = user;
    at_claim_write(s->out, s->fmt, doc, claim);
    return s->out->err != AT_OK; /* out of memory: stop */
}

/* Each thread keeps one extractor, whose buffers then serve document
 * after document; freed by the thread when it is done (extractor_done). */
static _Thread_local at_extractor *thread_ex;

static void extractor_done(void)
{
    at_extractor_free(thread_ex);
    thread_ex = NULL;
}

/* Extract DOC (from input FILE) into S->out; the first failure of the
 * slot is kept in S->rc and S->err. */
static void extract_one(const run *r, slot *s, const at_doc *doc, const char *file)
{
    sink k = {&s->out, r->o->fmt};
    at_error e = {0};
    snprintf(e.file, sizeof e.file, "%s", file);
    if (!thread_ex)
        thread_ex = at_extractor_new(r->dict);
    at_status rc = thread_ex ? at_extractor_run(thread_ex, doc, emit_claim, &k, &e)
                             : at_extract(r->dict, doc, emit_claim, &k, &e);
    if (s->out.err != AT_OK) /* emit_claim stopped it (AT_ESTOP) */
        rc = s->out.err;
    if (rc != AT_OK && s->rc == AT_OK) {
        s->rc = rc;
        s->err = e;
        s->doc = *doc; /* for the message, written before S is reused */
    }
}

/* Extract every document of the batch in S, in order. */
static void extract_slot(const run *r, slot *s)
{
    s->rc = AT_OK;
    for (size_t i = 0; i < s->ndocs && s->out.err == AT_OK; i++) {
        const docref *d = &s->refs[i];
        at_slice f[NFIELD];
        for (int k = 0; k < NFIELD; k++)
            f[k] = (at_slice){s->store + d->off[k], d->len[k]};
        at_doc doc = {.id = f[0], .text = f[1], .date = f[2], .outlet = f[3],
                      .url = f[4], .title = f[5]};
        extract_one(r, s, &doc, f[6].ptr);
    }
}

/* The bytes copy_doc needs for DOC. */
static size_t doc_size(const at_doc *doc)
{
    const at_slice *f[] = {&doc->id, &doc->text, &doc->date,
                           &doc->outlet, &doc->url, &doc->title};
    size_t need = 1;
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        need += (f[i]->ptr ? f[i]->len : 0) + 1;
    return need;
}

/* Append a copy of DOC (read from FILE) to the batch in S. */
static bool copy_doc(slot *s, const at_doc *doc, const char *file)
{
    at_slice name = {file, strlen(file)};
    const at_slice *f[NFIELD] = {&doc->id, &doc->text, &doc->date, &doc->outlet,
                                 &doc->url, &doc->title, &name};
    size_t need = doc_size(doc) + name.len + 1;
    if (s->size + need > s->storecap) {
        size_t cap = s->storecap ? s->storecap : 4096;
        while (cap < s->size + need)
            cap *= 2;
        char *p = realloc(s->store, cap);
        if (!p)
            return false;
        s->store = p;
        s->storecap = cap;
    }
    if (s->ndocs == s->capdocs) {
        size_t cap = s->capdocs ? s->capdocs * 2 : BATCH_DOCS;
        docref *p = realloc(s->refs, cap * sizeof *p);
        if (!p)
            return false;
        s->refs = p;
        s->capdocs = cap;
    }
    docref *d = &s->refs[s->ndocs++];
    for (int i = 0; i < NFIELD; i++) {
        size_t n = f[i]->ptr ? f[i]->len : 0;
        if (n)
            memcpy(s->store + s->size, f[i]->ptr, n);
        s->store[s->size + n] = '\0'; /* file names are used as C strings */
        d->off[i] = s->size;
        d->len[i] = n;
        s->size += n + 1;
    }
    return true;
}

/* MARK: - Output */

static void report_warning(const run *r, const at_error *w)
{
    if (r->o->quiet)
        return;
    if (w->file[0] && w->line)
        cli_err("warning: %s:%zu: %s", w->file, w->line, w->msg);
    else if (w->file[0])
        cli_err("warning: %s: %s", w->file, w->msg);
    else
        cli_err("warning: %s", w->msg);
}

static void write_bytes(run *r, const char *p, size_t n)
{
    if (r->fatal || n == 0)
        return;
    if (fwrite(p, 1, n, r->out) != n) {
        int e = errno;
        r->fatal = true;
        if (e != EPIPE) { /* a closed pipe is the reader's choice: quiet */
            progress_clear(&r->prog);
            cli_err("extract: %s: write error: %s", r->outname, strerror(e));
        }
    }
}

/* Write a finished slot: its claims, then its error if any. */
static void finish_slot(run *r, slot *s)
{
    if (s->out.err == AT_OK)
        write_bytes(r, s->out.ptr, s->out.len);
    if (s->rc != AT_OK && s->rc != AT_ESTOP) {
        at_error *e = &s->err;
        if (!e->msg[0])
            snprintf(e->msg, sizeof e->msg, "document '%.*s': %s",
                     (int)(s->doc.id.len < 200 ? s->doc.id.len : 200),
                     s->doc.id.ptr ? s->doc.id.ptr : "", at_strerror(s->rc));
        progress_clear(&r->prog);
        cli_report(e);
        if (s->rc == AT_ENOMEM)
            r->fatal = true;
        else
            r->input_failed = true;
    }
    at_buf_reset(&s->out);
    s->ndocs = 0;
    s->size = 0;
    s->rc = AT_OK;
    memset(&s->err, 0, sizeof s->err);
    if (s->out.cap > SLOT_KEEP)
        at_buf_free(&s->out);
    if (s->storecap > SLOT_KEEP) {
        free(s->store);
        s->store = NULL;
        s->storecap = 0;
    }
}

static void slot_free(slot *s)
{
    free(s->store);
    free(s->refs);
    at_buf_free(&s->out);
}

/* MARK: - The worker pool */

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next == p->tail && !p->closing) {
            p->idle++;
            pthread_cond_wait(&p->work, &p->mu);
            p->idle--;
        }
        if (p->next == p->tail)
            break; /* closing and nothing queued */
        slot *s = &p->slots[p->next % p->cap];
        p->next++;
        bool skip = p->cancel;
        pthread_mutex_unlock(&p->mu);
        if (!skip)
            extract_slot(p->r, s);
        else
            s->rc = AT_OK;
        pthread_mutex_lock(&p->mu);
        s->done = true;
        if (p->main_waits)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    extractor_done();
    return NULL;
}

/* Whether the ring must shrink to LIMIT documents, or make room for ADD
 * more bytes, before the main thread may go on. */
static bool pool_full(const pool *p, size_t limit, size_t add)
{
    size_t n = p->tail - p->head;
    return n > limit || (n > 0 && p->bytes + add > INFLIGHT_BYTES);
}

/* Write the finished documents at the head of the ring, in order, and
 * wait for more while pool_full(LIMIT, ADD). Called with the lock held;
 * drops it while writing. */
static void pool_drain(pool *p, size_t limit, size_t add)
{
    while (p->head < p->tail) {
        slot *s = &p->slots[p->head % p->cap];
        if (!s->done) {
            if (!pool_full(p, limit, add))
                return;
            p->main_waits = true;
            pthread_cond_wait(&p->done, &p->mu);
            p->main_waits = false;
            continue;
        }
        /* Workers only touch slots in [next, tail), so this one is ours.
         * Its size is taken before finish_slot empties it. */
        size_t size = s->size;
        pthread_mutex_unlock(&p->mu);
        finish_slot(p->r, s);
        pthread_mutex_lock(&p->mu);
        s->done = false;
        p->bytes -= size;
        p->head++;
        p->cancel = p->r->fatal;
    }
}

static pool *pool_new(run *r, int nthreads)
{
    pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->r = r;
    p->cap = (size_t)nthreads * SLOTS_PER_THREAD;
    p->slots = calloc(p->cap, sizeof *p->slots);
    p->tids = calloc((size_t)nthreads, sizeof *p->tids);
    if (!p->slots || !p->tids) {
        free(p->slots);
        free(p->tids);
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    for (; p->nthreads < nthreads; p->nthreads++)
        if (pthread_create(&p->tids[p->nthreads], NULL, worker, p))
            break;
    if (p->nthreads == 0) {
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->work);
        pthread_cond_destroy(&p->done);
        free(p->slots);
        free(p->tids);
        free(p);
        return NULL;
    }
    return p;
}

/* Hand the filling batch (the tail slot) to the workers. */
static void pool_seal(pool *p)
{
    slot *s = &p->slots[p->tail % p->cap];
    if (!p->filling || s->ndocs == 0)
        return;
    pthread_mutex_lock(&p->mu);
    p->bytes += s->size;
    p->tail++;
    p->filling = false;
    if (p->idle)
        pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
}

/* Add DOC to the filling batch; blocks while the ring is full, writing
 * what is finished. */
static void pool_submit(pool *p, const at_doc *doc, const char *file)
{
    if (!p->filling) {
        size_t size = doc_size(doc);
        pthread_mutex_lock(&p->mu);
        pool_drain(p, p->cap - 1, size); /* room for one more batch */
        pthread_mutex_unlock(&p->mu);
        p->filling = true;
    }
    /* The tail slot is free and no worker looks at it until tail moves. */
    slot *s = &p->slots[p->tail % p->cap];
    if (!copy_doc(s, doc, file)) {
        progress_clear(&p->r->prog);
        cli_err("extract: out of memory");
        p->r->fatal = true;
        return;
    }
    if (s->ndocs >= BATCH_DOCS || s->size >= BATCH_BYTES)
        pool_seal(p);
}

/* Finish everything queued, stop the workers and free the pool. */
static void pool_close(pool *p)
{
    pool_seal(p);
    pthread_mutex_lock(&p->mu);
    p->closing = true;
    pthread_cond_broadcast(&p->work);
    pool_drain(p, 0, 0);
    /* every byte sealed was given back: a leak here would shrink the
     * ring to one batch for the rest of a run (checked in sanitizer
     * builds, which keep asserts) */
    assert(p->bytes == 0 && p->head == p->tail);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->tids[i], NULL);
    for (size_t i = 0; i < p->cap; i++)
        slot_free(&p->slots[i]);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p->slots);
    free(p->tids);
    free(p);
}

/* MARK: - Reading inputs */

static void process_doc(run *r, const at_doc *doc, const char *file)
{
    progress_add(&r->prog, doc->text.ptr ? doc->text.len : 0);
    if (r->pool) {
        pool_submit(r->pool, doc, file);
        return;
    }
    slot *s = &r->inline_slot;
    s->rc = AT_OK;
    extract_one(r, s, doc, file); /* no copy: written before the reader moves on */
    finish_slot(r, s);
}

/* at_path_list callback: every document of one file. Nonzero stops. */
static int process_file(const char *file, void *user)
{
    run *r = user;
    at_error err = {0}, warn = {0};
    at_reader *rd = at_reader_open(file, &err);
    if (!rd) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", file);
        progress_clear(&r->prog);
        cli_report(&err);
        r->input_failed = true;
        if (err.code == AT_ENOMEM)
            r->fatal = true;
        return r->fatal;
    }
    size_t last_bad = (size_t)-1;
    while (!r->fatal) {
        at_doc doc = {0};
        memset(&warn, 0, sizeof warn);
        int got = at_reader_next(rd, &doc, &err, &warn);
        if (warn.msg[0]) {
            progress_clear(&r->prog);
            report_warning(r, &warn);
        }
        if (got == 0)
            break;
        if (got > 0) {
            process_doc(r, &doc, file);
            continue;
        }
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", file);
        progress_clear(&r->prog);
        cli_report(&err);
        r->input_failed = true;
        if (err.code == AT_ENOMEM)
            r->fatal = true;
        /* A read error, or the same line failing twice, would repeat
         * forever: give up on this file. */
        if (err.code == AT_EIO || err.line == last_bad)
            break;
        last_bad = err.line;
        memset(&err, 0, sizeof err);
    }
    at_reader_close(rd);
    return r->fatal;
}

static void process_path(run *r, const char *path)
{
    if (!strcmp(path, "-")) {
        process_file(path, r);
        return;
    }
    at_error err = {0};
    at_status st = at_path_list(path, process_file, r, &err);
    if (st != AT_OK && st != AT_ESTOP) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", path);
        progress_clear(&r->prog);
        cli_report(&err);
        r->input_failed = true;
        if (st == AT_ENOMEM)
            r->fatal = true;
    }
}

/* MARK: - The command */

static bool open_output(run *r)
{
    const char *path = r->o->output;
    if (!path || !strcmp(path, "-")) {
        r->out = stdout;
        r->outname = "standard output";
        return true;
    }
    r->outname = path;
    if (!(r->out = fopen(path, "wb"))) {
        cli_err("extract: %s: cannot open for writing: %s", path,
                strerror(errno));
        return false;
    }
    return true;
}

/* Flush and close the output; false (after a message, unless the pipe was
 * closed by its reader) when anything failed to be written. */
static bool close_output(run *r)
{
    bool ok = !r->fatal;
    errno = 0;
    if (fflush(r->out) != 0 || ferror(r->out)) {
        int e = errno;
        if (ok && e != EPIPE)
            cli_err("extract: %s: write error: %s", r->outname,
                    e ? strerror(e) : "unknown error");
        ok = false;
    }
    if (r->out != stdout && fclose(r->out) != 0) {
        if (ok)
            cli_err("extract: %s: write error: %s", r->outname,
                    strerror(errno));
        ok = false;
    }
    return ok;
}

int cmd_extract(int argc, char **argv)
{
    options o;
    int code = parse_args(argc, argv, &o);
    if (code >= 0)
        return code;

    /* A closed pipe shows as EPIPE on write and ends the run with exit 3,
     * instead of a kill by signal halfway through a line. */
    signal(SIGPIPE, SIG_IGN);

    run r = {.o = &o};
    at_error err = {0};
    const char *dir = o.data ? o.data : at_dict_default_dir();
    if (!(r.dict = at_dict_load(dir, &err))) {
        if (!err.file[0] && !err.msg[0])
            snprintf(err.msg, sizeof err.msg, "%s: cannot load dictionaries",
                     dir);
        cli_report(&err);
        return EXIT_FATAL;
    }
    if (!open_output(&r)) {
        at_dict_free(r.dict);
        return EXIT_FATAL;
    }
    /* Large blocks for files and pipes; a terminal keeps its lines. */
    static char obuf[1 << 16];
    if (!isatty(fileno(r.out)))
        setvbuf(r.out, obuf, _IOFBF, sizeof obuf);

    bool show = o.progress < 0 ? !o.quiet && isatty(STDERR_FILENO)
                               : o.progress > 0;
    progress_init(&r.prog, "extract", show);

    if (o.threads > 1 && !(r.pool = pool_new(&r, o.threads))) {
        cli_err("extract: cannot start %d threads", o.threads);
        r.fatal = true;
    }

    at_buf head = {0};
    at_claim_header(&head, o.fmt);
    write_bytes(&r, head.ptr, head.len);
    at_buf_free(&head);

    if (optind >= argc)
        process_path(&r, "-");
    for (int i = optind; i < argc && !r.fatal; i++)
        process_path(&r, argv[i]);

    if (r.pool)
        pool_close(r.pool);
    slot_free(&r.inline_slot);
    extractor_done();
    progress_clear(&r.prog);
    bool out_ok = close_output(&r);
    at_dict_free(r.dict);
    if (r.fatal || !out_ok)
        return EXIT_FATAL;
    return r.input_failed ? EXIT_INPUT : EXIT_OK;
}
