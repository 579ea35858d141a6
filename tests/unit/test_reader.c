/* test_reader.c: at_reader_* and at_path_list on fixtures written at run
 * time into a temp dir: text, JSON lines (metadata, numeric ids, blank,
 * truncated and oversized lines, bad UTF-8, NUL), binary and empty files,
 * HTML extraction, WARC records, and directory listing order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <cmocka.h>

#include "armstrace.h"

#define MAXDOCS 8

/* What reading one input gave. */
typedef struct {
    bool opened;
    at_error open_err;
    int ndoc, nerr, nwarn;
    char id[MAXDOCS][64];
    char *text[MAXDOCS];
    size_t textlen[MAXDOCS];
    char title[MAXDOCS][128], date[MAXDOCS][16], outlet[MAXDOCS][64],
        url[MAXDOCS][128];
    at_error err[MAXDOCS];
    at_error warn[MAXDOCS];
    int warn_doc[MAXDOCS]; /* which document each warning came with */
} result;

static char tmpdir[256];

static void copy_slice(char *dst, size_t cap, at_slice s)
{
    size_t n = s.len < cap - 1 ? s.len : cap - 1;
    memcpy(dst, s.ptr, n);
    dst[n] = '\0';
}

static void read_input(const char *path, result *res)
{
    memset(res, 0, sizeof *res);
    at_reader *r = at_reader_open(path, &res->open_err);
    if (!r)
        return;
    res->opened = true;
    at_doc doc;
    at_error err, warn;
    int rc, guard = 0;
    while ((rc = at_reader_next(r, &doc, &err, &warn)) != 0) {
        assert_true(++guard < 100);
        if (rc < 0) {
            assert_true(res->nerr < MAXDOCS);
            assert_int_not_equal(err.code, AT_OK);
            res->err[res->nerr++] = err;
            continue;
        }
        int i = res->ndoc++;
        assert_true(i < MAXDOCS);
        /* documents handed out are valid UTF-8 */
        assert_true(at_utf8_valid(doc.text.ptr, doc.text.len));
        copy_slice(res->id[i], sizeof res->id[i], doc.id);
        copy_slice(res->title[i], sizeof res->title[i], doc.title);
        copy_slice(res->date[i], sizeof res->date[i], doc.date);
        copy_slice(res->outlet[i], sizeof res->outlet[i], doc.outlet);
        copy_slice(res->url[i], sizeof res->url[i], doc.url);
        res->text[i] = malloc(doc.text.len + 1);
        memcpy(res->text[i], doc.text.ptr, doc.text.len);
        res->text[i][doc.text.len] = '\0';
        res->textlen[i] = doc.text.len;
        if (warn.code != AT_OK) {
            res->warn_doc[res->nwarn] = i;
            res->warn[res->nwarn++] = warn;
        }
    }
    at_reader_close(r);
}

static void free_result(result *res)
{
    for (int i = 0; i < res->ndoc; i++)
        free(res->text[i]);
}

static char *fixture(const char *name, const void *data, size_t len)
{
    static char path[8][512];
    static int next;
    char *p = path[next++ % 8];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    char *slash = strrchr(p, '/');
    *slash = '\0';
    mkdir(p, 0700); /* for names with one subdirectory */
    *slash = '/';
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return p;
}

#define FIX(name, lit) fixture(name, lit, sizeof(lit) - 1)

/* MARK: - Plain text */

static void test_text_file(void **state)
{
    (void)state;
    result res;
    const char body[] = "MOSCOW, March 3 (Wire) - Iran has supplied Russia "
                        "with hundreds of Shahed drones.\n\nOfficials said "
                        "more would follow.\n";
    read_input(FIX("wire-report.2024.txt", body), &res);
    assert_true(res.opened);
    assert_int_equal(res.nerr, 0);
    assert_int_equal(res.ndoc, 1);
    assert_string_equal(res.id[0], "wire-report.2024");
    assert_string_equal(res.text[0], body);
    assert_int_equal(res.nwarn, 0);
    free_result(&res);
}

static void test_text_invalid_utf8(void **state)
{
    (void)state;
    result res;
    read_input(FIX("latin1.txt", "First line is fine.\nSecond: Bogot\xE1 and "
                                 "M\xE9xico.\nThird \xFF.\n"),
               &res);
    assert_int_equal(res.ndoc, 1);
    assert_int_equal(res.nerr, 0);
    assert_int_equal(res.nwarn, 1);
    assert_int_equal(res.warn[0].line, 2);
    assert_string_equal(res.warn[0].msg, "invalid UTF-8 (3 bytes replaced)");
    assert_non_null(strstr(res.warn[0].file, "latin1.txt"));
    assert_non_null(strstr(res.text[0], "Bogot\xEF\xBF\xBD and"));
    free_result(&res);
}

static void test_text_nul_after_head(void **state)
{
    (void)state;
    /* NUL bytes past the first 8 KiB: repaired with a warning */
    size_t n = 9000;
    char *buf = malloc(n);
    for (size_t i = 0; i < n; i++)
        buf[i] = i % 80 == 79 ? '\n' : 'w';
    buf[8500] = buf[8501] = '\0';
    result res;
    read_input(fixture("nul.txt", buf, n), &res);
    free(buf);
    assert_int_equal(res.ndoc, 1);
    assert_int_equal(res.nwarn, 1);
    assert_string_equal(res.warn[0].msg, "2 NUL bytes replaced by spaces");
    assert_int_equal(res.warn[0].line, 8500 / 80 + 1);
    assert_int_equal(res.textlen[0], 9000);
    assert_int_equal(res.text[0][8500], ' ');
    free_result(&res);
}

static void test_binary(void **state)
{
    (void)state;
    unsigned char bin[4096];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)(i * 7 + 3);
    result res;
    read_input(fixture("image.png", bin, sizeof bin), &res);
    assert_true(res.opened);
    assert_int_equal(res.ndoc, 0);
    assert_int_equal(res.nerr, 1);
    assert_string_equal(res.err[0].msg, "binary file, skipped");
    free_result(&res);
    /* no NUL, but mostly invalid bytes */
    memset(bin, 0xFE, sizeof bin);
    memcpy(bin, "text", 4);
    read_input(fixture("garbage.dat", bin, sizeof bin), &res);
    assert_int_equal(res.ndoc, 0);
    assert_string_equal(res.err[0].msg, "binary file, skipped");
    free_result(&res);
    /* a NUL early on */
    read_input(FIX("early-nul.txt", "Some text\0 and more text.\n"), &res);
    assert_int_equal(res.ndoc, 0);
    assert_string_equal(res.err[0].msg, "binary file, skipped");
    free_result(&res);
}

static void test_empty(void **state)
{
    (void)state;
    result res;
    read_input(FIX("empty.txt", ""), &res);
    assert_true(res.opened);
    assert_int_equal(res.ndoc, 0);
    assert_int_equal(res.nerr, 1);
    assert_string_equal(res.err[0].msg, "empty file, no document");
    free_result(&res);
    read_input(FIX("blank.txt", "  \n\t\n\r\n"), &res);
    assert_int_equal(res.ndoc, 0);
    assert_string_equal(res.err[0].msg, "empty file, no document");
    free_result(&res);
    read_input(FIX("empty.jsonl", "\n\n"), &res);
    assert_int_equal(res.ndoc, 0);
    assert_int_equal(res.nerr, 1);
    assert_string_equal(res.err[0].msg, "empty file, no document");
    free_result(&res);
}

static void test_missing_and_directory(void **state)
{
    (void)state;
    at_error err;
    char path[512];
    snprintf(path, sizeof path, "%s/no-such-file.txt", tmpdir);
    assert_null(at_reader_open(path, &err));
    assert_int_equal(err.code, AT_EIO);
    assert_string_equal(err.file, path);
    assert_string_equal(err.msg, "No such file or directory");
    assert_null(at_reader_open(tmpdir, &err));
    assert_string_equal(err.msg, "is a directory");
    assert_string_equal(err.file, tmpdir);
}

static char *big_line(size_t n, const char *head, const char *tail)
{
    size_t h = strlen(head), t = strlen(tail);
    char *p = malloc(n + 1);
    memcpy(p, head, h);
    for (size_t i = h; i < n - t; i++)
        p[i] = i % 7 ? 'a' : ' ';
    memcpy(p + n - t, tail, t);
    p[n] = '\0';
    return p;
}

static void test_text_over_limit(void **state)
{
    (void)state;
    size_t n = 10 * 1000 * 1000;
    char *p = big_line(n, "start", "end");
    result res;
    const char *path = fixture("huge.txt", p, n);
    free(p);
    read_input(path, &res);
    assert_int_equal(res.ndoc, 0);
    assert_int_equal(res.nerr, 1);
    assert_int_equal(res.err[0].code, AT_ELIMIT);
    assert_string_equal(res.err[0].file, path);
    assert_non_null(strstr(res.err[0].msg, "over the 8 MiB limit"));
    free_result(&res);
}

/* MARK: - JSON lines */

static void test_jsonl_metadata(void **state)
{
    (void)state;
    result res;
    read_input(FIX("batch.jsonl",
                   "{\"id\":\"a1\",\"text\":\"Iran has supplied Russia with "
                   "drones.\",\"date\":\"2024-09-07\",\"outlet\":\"Wire\","
                   "\"url\":\"https://example.org/a1\",\"title\":\"Drones\"}\n"
                   "{\"id\":42,\"text\":\"Second \\u00e9 story.\","
                   "\"date\":\"2024-09-08T10:00:00Z\"}\r\n"
                   "\n   \n"
                   "{\"text\":\"no id here\"}\n"
                   "{\"id\":\"x\"}\n"
                   "[1,2]\n"
                   "{\"id\":\"last\",\"text\":\"No newline at the end.\"}"),
               &res);
    assert_int_equal(res.ndoc, 3);
    assert_string_equal(res.id[0], "a1");
    assert_string_equal(res.text[0], "Iran has supplied Russia with drones.");
    assert_string_equal(res.date[0], "2024-09-07");
    assert_string_equal(res.outlet[0], "Wire");
    assert_string_equal(res.url[0], "https://example.org/a1");
    assert_string_equal(res.title[0], "Drones");
    assert_string_equal(res.id[1], "42");
    assert_string_equal(res.text[1], "Second \xC3\xA9 story.");
    assert_string_equal(res.date[1], "2024-09-08");
    assert_string_equal(res.title[1], "");
    assert_string_equal(res.id[2], "last");
    assert_int_equal(res.nerr, 3);
    assert_int_equal(res.err[0].line, 5);
    assert_string_equal(res.err[0].msg, "no \"id\"");
    assert_int_equal(res.err[1].line, 6);
    assert_string_equal(res.err[1].msg, "no \"text\"");
    assert_int_equal(res.err[2].line, 7);
    assert_string_equal(res.err[2].msg, "not a JSON object");
    assert_int_equal(res.nwarn, 0);
    free_result(&res);
}

static void test_jsonl_truncated_middle(void **state)
{
    (void)state;
    result res;
    read_input(FIX("cut.ndjson", "{\"id\":\"one\",\"text\":\"First.\"}\n"
                                 "{\"id\":\"two\",\"text\":\"Cut off in the mi\n"
                                 "{\"id\":\"three\",\"text\":\"Third.\"}\n"
                                 "{\"id\":\"four\" \"text\":\"x\"}\n"),
               &res);
    assert_int_equal(res.ndoc, 2);
    assert_string_equal(res.id[0], "one");
    assert_string_equal(res.id[1], "three");
    assert_int_equal(res.nerr, 2);
    assert_int_equal(res.err[0].line, 2);
    assert_int_equal(res.err[0].code, AT_EPARSE);
    assert_non_null(strstr(res.err[0].msg, "truncated JSON: "));
    assert_int_equal(res.err[1].line, 4);
    assert_non_null(strstr(res.err[1].msg, "invalid JSON at column"));
    free_result(&res);
}

static void test_jsonl_bad_bytes(void **state)
{
    (void)state;
    result res;
    read_input(FIX("bytes.jsonl",
                   "{\"id\":\"ok\",\"text\":\"Fine.\"}\n"
                   "{\"id\":\"latin\",\"text\":\"Bogot\xE1 said.\"}\n"
                   "{\"id\":\"nul\",\"text\":\"raw\0nul\"}\n"
                   "{\"id\":\"esc\",\"text\":\"escaped\\u0000nul\"}\n"),
               &res);
    assert_int_equal(res.nerr, 0);
    assert_int_equal(res.ndoc, 4);
    assert_string_equal(res.text[1], "Bogot\xEF\xBF\xBD said.");
    assert_string_equal(res.text[2], "raw nul");
    assert_string_equal(res.text[3], "escaped nul");
    assert_int_equal(res.nwarn, 3);
    assert_int_equal(res.warn_doc[0], 1);
    assert_int_equal(res.warn[0].line, 2);
    assert_string_equal(res.warn[0].msg, "invalid UTF-8 (1 byte replaced)");
    assert_int_equal(res.warn[1].line, 3);
    assert_string_equal(res.warn[1].msg, "1 NUL byte replaced by a space");
    assert_int_equal(res.warn[2].line, 4);
    assert_non_null(strstr(res.warn[2].msg, "\\u0000"));
    free_result(&res);
}

static void test_jsonl_line_over_limit(void **state)
{
    (void)state;
    size_t n = 10 * 1000 * 1000;
    char *big = big_line(n, "{\"id\":\"big\",\"text\":\"", "\"}");
    const char *first = "{\"id\":\"before\",\"text\":\"Before.\"}\n";
    const char *last = "{\"id\":\"after\",\"text\":\"After the big one.\"}\n";
    size_t total = strlen(first) + n + 1 + strlen(last);
    char *all = malloc(total);
    memcpy(all, first, strlen(first));
    memcpy(all + strlen(first), big, n);
    all[strlen(first) + n] = '\n';
    memcpy(all + strlen(first) + n + 1, last, strlen(last));
    free(big);
    const char *path = fixture("big.jsonl", all, total);
    free(all);
    result res;
    read_input(path, &res);
    assert_int_equal(res.ndoc, 2);
    assert_string_equal(res.id[0], "before");
    assert_string_equal(res.id[1], "after");
    assert_int_equal(res.nerr, 1);
    assert_int_equal(res.err[0].code, AT_ELIMIT);
    assert_int_equal(res.err[0].line, 2);
    assert_string_equal(res.err[0].msg,
                        "line of at least 10000000 bytes is over the 8 MiB "
                        "limit");
    free_result(&res);
    /* the same line last, without a newline */
    big = big_line(n, "{\"id\":\"big\",\"text\":\"", "\"}");
    path = fixture("big-last.jsonl", big, n);
    free(big);
    read_input(path, &res);
    assert_int_equal(res.ndoc, 0);
    assert_int_equal(res.nerr, 1);
    assert_int_equal(res.err[0].line, 1);
    free_result(&res);
}

static void test_sniffing(void **state)
{
    (void)state;
    result res;
    read_input(FIX("feed", "\xEF\xBB\xBF  {\"id\":\"s1\",\"text\":\"Sniffed.\"}\n"),
               &res);
    assert_int_equal(res.ndoc, 1);
    assert_string_equal(res.id[0], "s1");
    free_result(&res);
    read_input(FIX("page", "<!DOCTYPE html><title>T</title><p>Para one.</p>"),
               &res);
    assert_int_equal(res.ndoc, 1);
    assert_string_equal(res.id[0], "page");
    assert_string_equal(res.title[0], "T");
    assert_string_equal(res.text[0], "Para one.");
    free_result(&res);
}

/* MARK: - HTML */

static void test_html(void **state)
{
    (void)state;
    result res;
    read_input(FIX("story.html",
                   "<!doctype html><html><head><title>  Drones  &amp; "
                   "missiles\n</title><style>p{color:red}</style>"
                   "<script>var x = \"Iran supplied nothing\";</script></head>"
                   "<body><nav><a href=/>Home</a> <a>World</a></nav>"
                   "<h1>Drone deliveries</h1>"
                   "<p>Iran has   supplied <b>Russia</b> with\n hundreds of "
                   "Shahed drones, officials said.</p>"
                   "<p>Caf&eacute; talk&#8217;s over &lt;now&gt;.<br>Next "
                   "line.</p><div>Inline <span>spans</span> join<i>ed</i>."
                   "</div><script>document.write('no')</script>"
                   "<footer>Copyright</footer></body></html>"),
               &res);
    assert_int_equal(res.nerr, 0);
    assert_int_equal(res.ndoc, 1);
    assert_string_equal(res.id[0], "story");
    assert_string_equal(res.title[0], "Drones & missiles");
    assert_string_equal(res.text[0],
                        "Drone deliveries\n\n"
                        "Iran has supplied Russia with hundreds of Shahed "
                        "drones, officials said.\n\n"
                        "Caf\xC3\xA9 talk\xE2\x80\x99s over <now>.\n\n"
                        "Next line.\n\n"
                        "Inline spans joined.");
    free_result(&res);
}

static void test_html_article(void **state)
{
    (void)state;
    result res;
    read_input(FIX("art.htm",
                   "<html><body><div>Menu text</div>"
                   "<article><h2>Teaser</h2></article>"
                   "<article><h1>Main</h1><p>Pyongyang shipped shells to "
                   "Moscow, Seoul said.</p><aside>Related</aside></article>"
                   "<p>Outside text</p></body></html>"),
               &res);
    assert_int_equal(res.ndoc, 1);
    assert_string_equal(res.text[0], "Main\n\nPyongyang shipped shells to "
                                     "Moscow, Seoul said.");
    free_result(&res);
    read_input(FIX("notext.html", "<html><body><script>x</script></body>"),
               &res);
    assert_int_equal(res.ndoc, 0);
    assert_int_equal(res.nerr, 1);
    free_result(&res);
}

static void test_html_deep(void **state)
{
    (void)state;
    /* deep nesting: no recursion may overflow the stack */
    size_t depth = 100000;
    char *p = malloc(depth * 5 + 64);
    size_t n = 0;
    for (size_t i = 0; i < depth; i++)
        memcpy(p + n, "<div>", 5), n += 5;
    n += (size_t)sprintf(p + n, "deep text");
    result res;
    const char *path = fixture("deep.html", p, n);
    free(p);
    read_input(path, &res);
    assert_int_equal(res.ndoc, 0);
    assert_int_equal(res.nerr, 1);
    assert_int_equal(res.err[0].code, AT_ELIMIT);
    assert_string_equal(res.err[0].msg, "HTML nested over 512 elements deep");
    free_result(&res);
    /* 300 levels is fine */
    p = malloc(300 * 14 + 64);
    n = 0;
    for (size_t i = 0; i < 300; i++)
        memcpy(p + n, "<div><p>", 8), n += 8;
    n += (size_t)sprintf(p + n, "deep text");
    for (size_t i = 0; i < 300; i++)
        memcpy(p + n, "</div>", 6), n += 6;
    path = fixture("deep-ok.html", p, n);
    free(p);
    read_input(path, &res);
    assert_int_equal(res.ndoc, 1);
    assert_string_equal(res.text[0], "deep text");
    free_result(&res);
}

/* MARK: - WARC */

static void warc_record(FILE *f, const char *type, const char *uri,
                        const char *payload)
{
    fprintf(f, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
               "WARC-Date: 2024-09-07T10:00:00Z\r\nWARC-Record-ID: "
               "<urn:uuid:1>\r\nContent-Length: %zu\r\n\r\n%s\r\n\r\n",
            type, uri, strlen(payload), payload);
}

static void write_warc(const char *path)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    warc_record(f, "request", "http://news.example/world/drones.html",
                "GET /world/drones.html HTTP/1.1\r\nHost: news.example\r\n\r\n");
    warc_record(f, "response", "http://news.example/world/drones.html",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8"
                "\r\n\r\n<html><title>Drones</title><body><p>Iran has "
                "supplied Russia with drones.</p></body></html>");
    warc_record(f, "response", "http://news.example/logo.png",
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNGDATA");
    warc_record(f, "response", "http://news.example/chunked.html",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                "Transfer-Encoding: chunked\r\n\r\n"
                "9\r\n<p>Second\r\n8\r\n story.\r\n0\r\n\r\n");
    fclose(f);
}

static void test_warc(void **state)
{
    (void)state;
    char path[512], gz[512];
    snprintf(path, sizeof path, "%s/crawl.warc", tmpdir);
    write_warc(path);
    result res;
    read_input(path, &res);
    assert_int_equal(res.nerr, 0);
    assert_int_equal(res.ndoc, 2);
    assert_string_equal(res.id[0], "world/drones.html");
    assert_string_equal(res.title[0], "Drones");
    assert_string_equal(res.text[0], "Iran has supplied Russia with drones.");
    assert_string_equal(res.text[1], "Second story.");
    free_result(&res);

    /* the same, gzip-compressed, written with libarchive's raw writer */
    snprintf(gz, sizeof gz, "%s/crawl.warc.gz", tmpdir);
    FILE *f = fopen(path, "rb");
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    struct archive *a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_raw(a);
    assert_int_equal(archive_write_open_filename(a, gz), ARCHIVE_OK);
    struct archive_entry *e = archive_entry_new();
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_size(e, (la_int64_t)n);
    archive_write_header(a, e);
    archive_write_data(a, buf, n);
    archive_entry_free(e);
    archive_write_close(a);
    archive_write_free(a);
    read_input(gz, &res);
    assert_int_equal(res.nerr, 0);
    assert_int_equal(res.ndoc, 2);
    assert_string_equal(res.text[0], "Iran has supplied Russia with drones.");
    free_result(&res);
}

/* MARK: - Paths */

typedef struct {
    char names[16][512];
    int n;
} listing;

static int collect(const char *file, void *user)
{
    listing *l = user;
    if (l->n < 16)
        snprintf(l->names[l->n], sizeof l->names[0], "%s", file);
    l->n++;
    return 0;
}

static int stop_at_two(const char *file, void *user)
{
    (void)file;
    return ++*(int *)user == 2;
}

static void test_path_list(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tree", tmpdir);
    mkdir(dir, 0700);
    FIX("tree/b.txt", "b");
    FIX("tree/a.txt", "a");
    FIX("tree/B.txt", "B");
    FIX("tree/.hidden", "h");
    FIX("tree/sub/c.txt", "c");
    FIX("tree/.git/x.txt", "x");
    FIX("tree/a-sub/z.txt", "z");
    listing l = {0};
    at_error err;
    assert_int_equal(at_path_list(dir, collect, &l, &err), AT_OK);
    assert_int_equal(l.n, 5);
    const char *want[] = {"B.txt", "a-sub/z.txt", "a.txt", "b.txt",
                          "sub/c.txt"};
    for (int i = 0; i < 5; i++) {
        char full[600];
        snprintf(full, sizeof full, "%s/%s", dir, want[i]);
        assert_string_equal(l.names[i], full);
    }
    /* a file or "-" is itself, existing or not */
    l.n = 0;
    assert_int_equal(at_path_list("-", collect, &l, &err), AT_OK);
    assert_int_equal(at_path_list("/no/such/thing", collect, &l, &err), AT_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.names[0], "-");
    assert_string_equal(l.names[1], "/no/such/thing");
    int count = 0;
    assert_int_equal(at_path_list(dir, stop_at_two, &count, &err), AT_ESTOP);
    assert_int_equal(count, 2);
}

static int setup(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(tmpdir, sizeof tmpdir, "%s/test_reader.XXXXXX", base);
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_file),
        cmocka_unit_test(test_text_invalid_utf8),
        cmocka_unit_test(test_text_nul_after_head),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_missing_and_directory),
        cmocka_unit_test(test_text_over_limit),
        cmocka_unit_test(test_jsonl_metadata),
        cmocka_unit_test(test_jsonl_truncated_middle),
        cmocka_unit_test(test_jsonl_bad_bytes),
        cmocka_unit_test(test_jsonl_line_over_limit),
        cmocka_unit_test(test_sniffing),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_html_article),
        cmocka_unit_test(test_html_deep),
        cmocka_unit_test(test_warc),
        cmocka_unit_test(test_path_list),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
