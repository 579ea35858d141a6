/* cmd_search.c: `armstrace search`: full-text search over the stored
 * documents (FTS5, best first by bm25), printing each hit's id, date,
 * title and a snippet with the matches marked. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fputs(
        "usage: armstrace search [OPTIONS] QUERY...\n"
        "\n"
        "Search the titles and texts of stored documents; best matches\n"
        "first. Several QUERY arguments are joined with spaces. The query\n"
        "is SQLite FTS5 syntax: words (all must occur), \"a phrase\",\n"
        "OR, NOT, prefix*, NEAR(a b, 5), title:word.\n"
        "\n"
        "options:\n"
        "      --db PATH      the database (default: armstrace.db)\n"
        "  -n, --limit N      at most N hits (default 20)\n"
        "  -f, --format FMT   table (default: id, date, title, then the\n"
        "                     snippet with [matches] marked) or jsonl (one\n"
        "                     object per hit: id, date, title, outlet, url,\n"
        "                     score, snippet with [matches])\n"
        "  -h, --help         show this help\n"
        "\n"
        "exit codes:\n"
        "  0  success (also when nothing matched)\n"
        "  2  usage error, or a malformed query\n"
        "  3  the database is missing or unreadable\n",
        f);
}

typedef struct {
    bool jsonl;
    at_buf out;
    size_t n;
} sink;

/* Snippets keep the text's hard line breaks; a table row wants one line. */
static void put_flat(at_buf *b, const char *s)
{
    for (; *s; s++)
        at_buf_putc(b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

static void put_json_field(at_buf *b, const char *key, const char *v, bool comma)
{
    at_buf_printf(b, "%s\"%s\":", comma ? "," : "", key);
    if (*v)
        at_buf_json_str(b, v, strlen(v));
    else
        at_buf_puts(b, "null");
}

static int on_hit(const at_search_hit *h, void *user)
{
    sink *k = user;
    at_buf *b = &k->out;
    k->n++;
    if (k->jsonl) {
        at_buf_putc(b, '{');
        put_json_field(b, "id", h->id, false);
        put_json_field(b, "date", h->date, true);
        put_json_field(b, "title", h->title, true);
        put_json_field(b, "outlet", h->outlet, true);
        put_json_field(b, "url", h->url, true);
        at_buf_printf(b, ",\"score\":%.4f", h->score);
        put_json_field(b, "snippet", h->snippet, true);
        at_buf_puts(b, "}\n");
    } else {
        const char *title = *h->title ? h->title : *h->url ? h->url : "(no title)";
        at_buf_printf(b, "%s  %s  ", h->id, *h->date ? h->date : "----------");
        put_flat(b, title);
        if (*h->outlet) {
            at_buf_puts(b, " (");
            put_flat(b, h->outlet);
            at_buf_putc(b, ')');
        }
        at_buf_puts(b, "\n    ");
        put_flat(b, h->snippet);
        at_buf_putc(b, '\n');
    }
    if (b->len >= (1u << 16)) {
        fwrite(b->ptr, 1, b->len, stdout);
        at_buf_reset(b);
    }
    return b->err != AT_OK;
}

int cmd_search(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"limit", required_argument, NULL, 'n'},
        {NULL, 0, NULL, 0}};
    const char *db = "armstrace.db";
    long limit = 20;
    bool jsonl = false;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":f:hn:", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f':
            if (!strcmp(optarg, "table"))
                jsonl = false;
            else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json"))
                jsonl = true;
            else {
                cli_err("search: option --format: expected table or jsonl, got '%s'",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 'n': {
            char *end;
            errno = 0;
            limit = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || limit < 1) {
                cli_err("search: option --limit: expected a positive number, got '%s'",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case 'h': usage(stdout); return EXIT_OK;
        default:
            return cli_bad_option("search", c, argv);
        }
    }
    at_buf q = {0};
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            at_buf_putc(&q, ' ');
        at_buf_puts(&q, argv[i]);
    }
    if (q.err || q.len == 0 || strspn(q.ptr, " \t\n") == q.len) {
        cli_err("search: no query given (try: armstrace search --help)");
        at_buf_free(&q);
        return EXIT_USAGE;
    }
    at_error err = {0};
    at_store *s = at_store_open(db, false, &err);
    if (!s) {
        cli_report(&err);
        at_buf_free(&q);
        return EXIT_FATAL;
    }
    sink k = {.jsonl = jsonl};
    at_status rc = at_store_search(s, q.ptr, (size_t)limit, "[", "]", on_hit, &k, &err);
    int code = EXIT_OK;
    if (rc == AT_EPARSE) {
        cli_err("search: %s (query: %s)", err.msg, q.ptr);
        code = EXIT_USAGE;
    } else if (rc != AT_OK || k.out.err) {
        if (rc == AT_OK || rc == AT_ESTOP)
            cli_err("search: out of memory");
        else
            cli_report(&err);
        code = EXIT_FATAL;
    }
    if (code == EXIT_OK && k.out.len)
        fwrite(k.out.ptr, 1, k.out.len, stdout);
    if (fflush(stdout) != 0 && code == EXIT_OK) {
        cli_err("search: write error: %s", strerror(errno));
        code = EXIT_FATAL;
    }
    at_buf_free(&k.out);
    at_buf_free(&q);
    at_store_close(s);
    return code;
}
