/* cmd_eval.c: `armstrace eval`: score predicted claims against a gold
 * file with the figures of tools/score.py, or extract the claims of a
 * document set first and score those (--docs FILE). The scoring itself is
 * at_eval in the library; this file parses options and does the I/O. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static void usage(FILE *f)
{
    fputs("usage: armstrace eval GOLD.jsonl PRED.jsonl [--corpus DOCS.jsonl]\n"
          "                      [--docs ID,ID,...] [--show] [--detail] [--format text|json]\n"
          "       armstrace eval GOLD.jsonl --docs DOCS.jsonl [--data DIR] [--save-pred FILE]\n"
          "\n"
          "Score predicted claims (JSON lines, as `armstrace extract` writes them)\n"
          "against a gold file, with exactly the figures of tools/score.py: keys\n"
          "(doc, supplier, recipient, category, stage, factuality) are true\n"
          "positives, false positives or misses; system, quantity and date are\n"
          "checked on the true positives. The documents scored are those of the\n"
          "corpus, else those with a gold line.\n"
          "\n"
          "options:\n"
          "  --corpus FILE     JSONL documents (an \"id\" each) that make up the corpus,\n"
          "                    so claims on documents without gold count as false\n"
          "  --docs ARG        when ARG names an existing file or directory: extract\n"
          "                    its documents, score their claims (no PRED then), and\n"
          "                    use them as the corpus; otherwise a comma-separated\n"
          "                    list of document ids to score alone (score.py --docs=)\n"
          "  --docs-file FILE  always the first meaning of --docs\n"
          "  --ids LIST        always the second meaning of --docs\n"
          "  --data DIR        dictionaries for the extraction (default: the built-in\n"
          "                    data directory, or $ARMSTRACE_DATA)\n"
          "  --save-pred FILE  also write the extracted claims (JSON lines) to FILE\n"
          "  --show            list misses (MISS) and false positives (FALSE) first\n"
          "  --detail          after the summary, one line per category and per stage\n"
          "  --format FMT      text (default; score.py's output) or json\n"
          "  -h, --help        this help\n"
          "\n"
          "GOLD, PRED and --corpus may be - for standard input (one of them).\n"
          "exit codes: 0 scored; 1 scored, but some documents could not be read;\n"
          "            2 usage error; 3 unreadable or malformed input (FILE:LINE given)\n",
          f);
}

/* MARK: - Extract and score */

typedef struct {
    at_eval *ev;
    const at_dict *dict;
    at_buf *pred;
    int bad;   /* documents or files that failed */
    bool fatal;
} extract_ctx;

static int emit(const at_doc *doc, const at_claim *claim, void *user)
{
    at_buf *b = user;
    at_claim_write(b, AT_FMT_JSONL, doc, claim);
    if (b->len && b->ptr[b->len - 1] != '\n')
        at_buf_putc(b, '\n');
    return b->err != AT_OK;
}

static int extract_file(const char *file, void *user)
{
    extract_ctx *x = user;
    at_error err = {0}, warn = {0};
    at_reader *r = at_reader_open(file, &err);
    if (!r) {
        cli_report(&err);
        x->bad++;
        return 0;
    }
    at_doc doc;
    int got;
    while ((got = at_reader_next(r, &doc, &err, &warn)) != 0) {
        if (warn.msg[0]) {
            cli_report(&warn);
            warn = (at_error){0};
        }
        if (got < 0) {
            cli_report(&err);
            x->bad++;
            continue;
        }
        /* Every document read is in the corpus, claims or not. */
        if (at_eval_add_doc(x->ev, doc.id.ptr ? doc.id.ptr : "", doc.id.len) != AT_OK ||
            x->pred->err) {
            cli_err("out of memory");
            x->fatal = true;
            break;
        }
        at_status rc = at_extract(x->dict, &doc, emit, x->pred, &err);
        if (x->pred->err) {
            cli_err("out of memory");
            x->fatal = true;
            break;
        }
        if (rc != AT_OK) {
            cli_report(&err);
            x->bad++;
        }
    }
    at_reader_close(r);
    return x->fatal;
}

static int extract_all(at_eval *ev, const char *docs, const char *data, const char *save,
                       int *bad)
{
    at_error err = {0};
    at_dict *dict = at_dict_load(data ? data : at_dict_default_dir(), &err);
    if (!dict) {
        cli_report(&err);
        return EXIT_FATAL;
    }
    at_buf pred = {0};
    extract_ctx x = {ev, dict, &pred, 0, false};
    at_status rc = at_path_list(docs, extract_file, &x, &err);
    at_dict_free(dict);
    int code = EXIT_OK;
    if (x.fatal) {
        code = EXIT_FATAL;
    } else if (rc != AT_OK && rc != AT_ESTOP) {
        cli_report(&err);
        code = EXIT_FATAL;
    }
    if (code == EXIT_OK && save) {
        FILE *f = fopen(save, "wb");
        if (!f || fwrite(pred.ptr ? pred.ptr : "", 1, pred.len, f) != pred.len) {
            cli_err("%s: cannot write", save);
            code = EXIT_FATAL;
        }
        if (f && fclose(f) != 0 && code == EXIT_OK) {
            cli_err("%s: cannot write", save);
            code = EXIT_FATAL;
        }
    }
    /* Read back exactly as a predictions file would be. */
    if (code == EXIT_OK &&
        at_eval_add_pred(ev, "(extracted claims)", pred.ptr ? pred.ptr : "", pred.len, &err)) {
        cli_report(&err);
        code = EXIT_FATAL;
    }
    at_buf_free(&pred);
    *bad = x.bad;
    return code;
}

/* MARK: - Command */

int cmd_eval(int argc, char **argv)
{
    enum { O_CORPUS = 256, O_DATA, O_DETAIL, O_DOCS, O_DOCS_FILE, O_FORMAT, O_IDS, O_SAVE, O_SHOW };
    static const struct option opts[] = {
        /* sorted by name */
        {"corpus", required_argument, NULL, O_CORPUS},
        {"data", required_argument, NULL, O_DATA},
        {"detail", no_argument, NULL, O_DETAIL},
        {"docs", required_argument, NULL, O_DOCS},
        {"docs-file", required_argument, NULL, O_DOCS_FILE},
        {"format", required_argument, NULL, O_FORMAT},
        {"help", no_argument, NULL, 'h'},
        {"ids", required_argument, NULL, O_IDS},
        {"save-pred", required_argument, NULL, O_SAVE},
        {"show", no_argument, NULL, O_SHOW},
        {NULL, 0, NULL, 0},
    };
    const char *corpus = NULL, *data = NULL, *ids = NULL, *docs_file = NULL, *save = NULL;
    unsigned flags = 0;
    bool json = false;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        struct stat st;
        switch (c) {
        case O_CORPUS: corpus = optarg; break;
        case O_DATA: data = optarg; break;
        case O_DETAIL: flags |= AT_EVAL_DETAIL; break;
        case O_DOCS:
            if (stat(optarg, &st) == 0)
                docs_file = optarg;
            else
                ids = optarg;
            break;
        case O_DOCS_FILE: docs_file = optarg; break;
        case O_FORMAT:
            if (!strcmp(optarg, "json")) {
                json = true;
            } else if (!strcmp(optarg, "text")) {
                json = false;
            } else {
                cli_err("eval: option --format: expected text or json, got '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_IDS: ids = optarg; break;
        case O_SAVE: save = optarg; break;
        case O_SHOW: flags |= AT_EVAL_SHOW; break;
        case 'h': usage(stdout); return EXIT_OK;
        default:
            return cli_bad_option("eval", c, argv);
        }
    }
    int npos = argc - optind;
    if (npos != (docs_file ? 1 : 2)) {
        cli_err(docs_file ? "eval: with --docs FILE give GOLD only (try: armstrace eval --help)"
                          : "eval: expected GOLD and PRED (try: armstrace eval --help)");
        return EXIT_USAGE;
    }
    if (save && !docs_file) {
        cli_err("eval: --save-pred needs --docs FILE");
        return EXIT_USAGE;
    }
    at_eval *ev = at_eval_new();
    if (!ev) {
        cli_err("out of memory");
        return EXIT_FATAL;
    }
    at_error err = {0};
    int code = EXIT_OK, bad = 0;
    if (at_eval_load_gold(ev, argv[optind], &err) ||
        (!docs_file && at_eval_load_pred(ev, argv[optind + 1], &err)) ||
        (corpus && at_eval_load_corpus(ev, corpus, &err)) ||
        (ids && at_eval_set_only(ev, ids, strlen(ids)))) {
        cli_report(&err);
        code = EXIT_FATAL;
    }
    if (code == EXIT_OK && docs_file)
        code = extract_all(ev, docs_file, data, save, &bad);
    at_eval_score score;
    if (code == EXIT_OK && at_eval_run(ev, &score, &err)) {
        cli_report(&err);
        code = EXIT_FATAL;
    }
    if (code == EXIT_OK) {
        at_buf out = {0};
        if (json)
            at_eval_report_json(ev, &out, flags);
        else
            at_eval_report(ev, &out, flags);
        if (out.err || fwrite(out.ptr ? out.ptr : "", 1, out.len, stdout) != out.len ||
            fflush(stdout) != 0) {
            cli_err("eval: cannot write the report");
            code = EXIT_FATAL;
        } else if (bad) {
            code = EXIT_INPUT;
        }
        at_buf_free(&out);
    }
    at_eval_free(ev);
    return code;
}
