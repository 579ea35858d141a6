/* cmd_ingest.c: `armstrace ingest`: read documents, extract their claims
 * and store both in the database. Documents already stored with the same
 * content are skipped before extraction; writes go in batches (one
 * transaction per BATCH_DOCS documents or BATCH_BYTES of text), so a
 * killed run leaves whole documents and a rerun completes it. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

enum { BATCH_DOCS = 256 };
#define BATCH_BYTES (8u << 20)

typedef struct {
    const char *db, *data;
    bool quiet, no_events;
    int progress; /* -1: when stderr is a terminal */
} options;

static void usage(FILE *f)
{
    fputs(
        "usage: armstrace ingest [OPTIONS] [FILE|DIR|-]...\n"
        "\n"
        "Read news documents, extract their claims and store documents and\n"
        "claims in a SQLite database (created when missing). A document\n"
        "stored before with the same id and content is left as it is; the\n"
        "same id with other content replaces the document and its claims.\n"
        "With no FILE, or when FILE is -, read standard input.\n"
        "\n"
        "options:\n"
        "      --db PATH      the database (default: armstrace.db)\n"
        "      --data DIR     dictionary directory (default: $ARMSTRACE_DATA,\n"
        "                     else the data directory built in)\n"
        "      --no-events    store documents and claims only: no shared\n"
        "                     passages, no events (faster bulk loads; run\n"
        "                     `armstrace events --rebuild` afterwards)\n"
        "  -q, --quiet        no summary and no warnings on stderr\n"
        "      --progress     show progress on stderr (default: only when\n"
        "      --no-progress  stderr is a terminal)\n"
        "  -h, --help         show this help\n"
        "\n"
        "Inputs are read as by `armstrace extract` (see its --help).\n"
        "Documents are committed in batches of 256 (or 8 MB of text); an\n"
        "interrupted run keeps whole documents only, and running it again\n"
        "completes it.\n"
        "\n"
        "exit codes:\n"
        "  0  success\n"
        "  1  finished, but some input failed (named on stderr)\n"
        "  2  usage error\n"
        "  3  fatal: dictionary or database error\n",
        f);
}

static int parse_args(int argc, char **argv, options *o)
{
    enum { OPT_DB = 256, OPT_DATA, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_NO_EVENTS };
    static const struct option longopts[] = {
        {"data", required_argument, NULL, OPT_DATA},
        {"db", required_argument, NULL, OPT_DB},
        {"help", no_argument, NULL, 'h'},
        {"no-events", no_argument, NULL, OPT_NO_EVENTS},
        {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
        {"progress", no_argument, NULL, OPT_PROGRESS},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}};
    *o = (options){.db = "armstrace.db", .progress = -1};
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":hq", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: o->db = optarg; break;
        case OPT_DATA: o->data = optarg; break;
        case OPT_PROGRESS: o->progress = 1; break;
        case OPT_NO_PROGRESS: o->progress = 0; break;
        case OPT_NO_EVENTS: o->no_events = true; break;
        case 'q': o->quiet = true; break;
        case 'h': usage(stdout); return EXIT_OK;
        default:
            return cli_bad_option("ingest", c, argv);
        }
    }
    return -1;
}

/* MARK: - Run state */

typedef struct {
    const options *o;
    at_dict *dict;
    at_store *store;
    progress prog;
    at_claim *claims; /* the current document's, copied from the emitter */
    size_t nclaims, capclaims;
    bool nomem;
    size_t batch_docs, batch_bytes;
    size_t added, replaced, unchanged, stored_claims;
    bool input_failed, fatal;
} run;

static int collect(const at_doc *doc, const at_claim *claim, void *user)
{
    (void)doc;
    run *r = user;
    if (r->nclaims == r->capclaims) {
        size_t cap = r->capclaims ? r->capclaims * 2 : 64;
        at_claim *p = realloc(r->claims, cap * sizeof *p);
        if (!p) {
            r->nomem = true;
            return 1;
        }
        r->claims = p;
        r->capclaims = cap;
    }
    /* the slices stay valid: they point into the document until the
     * reader's next call, and the put comes before that */
    r->claims[r->nclaims++] = *claim;
    return 0;
}

static void fail_db(run *r, const at_error *e)
{
    progress_clear(&r->prog);
    cli_report(e);
    r->fatal = true;
}

static void commit(run *r)
{
    at_error err = {0};
    if (r->batch_docs && at_store_commit(r->store, &err) != AT_OK)
        fail_db(r, &err);
    r->batch_docs = r->batch_bytes = 0;
}

static void doc_error(run *r, const at_doc *doc, const char *file, at_error *e,
                      at_status rc)
{
    if (!e->file[0])
        snprintf(e->file, sizeof e->file, "%s", file);
    if (!e->msg[0])
        snprintf(e->msg, sizeof e->msg, "document '%.*s': %s",
                 (int)(doc->id.len < 200 ? doc->id.len : 200),
                 doc->id.ptr ? doc->id.ptr : "", at_strerror(rc));
    progress_clear(&r->prog);
    cli_report(e);
    r->input_failed = true;
}

static void ingest_doc(run *r, const at_doc *doc, const char *file)
{
    progress_add(&r->prog, doc->text.len);
    at_error err = {0};
    bool found = false;
    if (at_store_has(r->store, doc, &found, &err) != AT_OK) {
        fail_db(r, &err);
        return;
    }
    if (found) {
        r->unchanged++;
        return;
    }
    r->nclaims = 0;
    r->nomem = false;
    at_status rc = at_extract(r->dict, doc, collect, r, &err);
    if (r->nomem || rc == AT_ENOMEM) {
        progress_clear(&r->prog);
        cli_err("ingest: out of memory");
        r->fatal = true;
        return;
    }
    if (rc != AT_OK) {
        /* not stored: a rerun tries it again */
        doc_error(r, doc, file, &err, rc);
        return;
    }
    if (r->batch_docs == 0 && at_store_begin(r->store, &err) != AT_OK) {
        fail_db(r, &err);
        return;
    }
    r->batch_docs++; /* the batch is open: commit it even if this put fails */
    r->batch_bytes += doc->text.len;
    at_put_result res;
    rc = at_store_put(r->store, doc, r->claims, r->nclaims, "armstrace " AT_VERSION,
                      &res, &err);
    if (rc == AT_EINVAL) {
        doc_error(r, doc, file, &err, rc); /* a bad claim: the document only */
    } else if (rc != AT_OK) {
        fail_db(r, &err);
        return;
    } else {
        if (res == AT_PUT_ADDED)
            r->added++;
        else if (res == AT_PUT_REPLACED)
            r->replaced++;
        else
            r->unchanged++;
        if (res != AT_PUT_UNCHANGED)
            r->stored_claims += r->nclaims;
    }
    if (r->batch_docs >= BATCH_DOCS || r->batch_bytes >= BATCH_BYTES)
        commit(r);
}

/* MARK: - Reading inputs (as cmd_extract.c does) */

static int ingest_file(const char *file, void *user)
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
        if (warn.msg[0] && !r->o->quiet) {
            progress_clear(&r->prog);
            cli_err("warning: %s%s%s", warn.file, warn.file[0] ? ": " : "", warn.msg);
        }
        if (got == 0)
            break;
        if (got > 0) {
            ingest_doc(r, &doc, file);
            continue;
        }
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", file);
        progress_clear(&r->prog);
        cli_report(&err);
        r->input_failed = true;
        if (err.code == AT_ENOMEM)
            r->fatal = true;
        /* a read error, or the same line failing twice, would repeat */
        if (err.code == AT_EIO || err.line == last_bad)
            break;
        last_bad = err.line;
        memset(&err, 0, sizeof err);
    }
    at_reader_close(rd);
    return r->fatal;
}

static void ingest_path(run *r, const char *path)
{
    if (!strcmp(path, "-")) {
        ingest_file(path, r);
        return;
    }
    at_error err = {0};
    at_status st = at_path_list(path, ingest_file, r, &err);
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

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_ingest(int argc, char **argv)
{
    options o;
    int code = parse_args(argc, argv, &o);
    if (code >= 0)
        return code;
    double t0 = seconds();
    run r = {.o = &o};
    at_error err = {0};
    const char *dir = o.data ? o.data : at_dict_default_dir();
    if (!(r.dict = at_dict_load(dir, &err))) {
        if (!err.file[0] && !err.msg[0])
            snprintf(err.msg, sizeof err.msg, "%s: cannot load dictionaries", dir);
        cli_report(&err);
        return EXIT_FATAL;
    }
    if (!(r.store = at_store_open(o.db, true, &err))) {
        cli_report(&err);
        at_dict_free(r.dict);
        return EXIT_FATAL;
    }
    if (o.no_events)
        at_store_set_events(r.store, false);
    bool show = o.progress < 0 ? !o.quiet && isatty(STDERR_FILENO) : o.progress > 0;
    progress_init(&r.prog, "ingest", show);

    if (optind >= argc)
        ingest_path(&r, "-");
    for (int i = optind; i < argc && !r.fatal; i++)
        ingest_path(&r, argv[i]);
    if (r.fatal)
        at_store_rollback(r.store);
    else
        commit(&r);
    progress_clear(&r.prog);

    int64_t docs = 0, claims = 0;
    if (!r.fatal && !o.quiet && at_store_count(r.store, &docs, &claims, &err) == AT_OK)
        cli_err("ingest: %zu added, %zu replaced, %zu unchanged; %zu claims "
                "stored in %.2f s; %s holds %lld documents, %lld claims",
                r.added, r.replaced, r.unchanged, r.stored_claims,
                seconds() - t0, o.db, (long long)docs, (long long)claims);
    at_store_close(r.store);
    at_dict_free(r.dict);
    free(r.claims);
    if (r.fatal)
        return EXIT_FATAL;
    return r.input_failed ? EXIT_INPUT : EXIT_OK;
}
