/* fuzz_reader.c: libFuzzer harness for the input readers. The first byte
 * picks the file name (so every format path runs: text, JSONL, HTML,
 * WARC, sniffed), the rest is written to a temp file and read to the end;
 * every document handed out must be valid UTF-8. Also round-trips the
 * input through at_utf8_repair. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "armstrace.h"

static char dir[64];

static void cleanup(void)
{
    static const char *const names[] = {"in.txt", "in.jsonl", "in.html",
                                        "in.warc", "in"};
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    snprintf(dir, sizeof dir, "/tmp/fuzz_reader.XXXXXX");
    if (!mkdtemp(dir))
        abort();
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"in.txt", "in.jsonl", "in.html",
                                        "in.warc", "in"};
    char *fixed;
    size_t fixedlen;
    if (at_utf8_repair((const char *)data, size, &fixed, &fixedlen) >= 0) {
        if (!at_utf8_valid(fixed, fixedlen))
            abort();
        free(fixed);
    }
    if (size == 0)
        return 0;
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, names[data[0] % 5]);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    at_error err, warn;
    at_reader *r = at_reader_open(path, &err);
    if (!r)
        return 0;
    at_doc doc;
    int rc, n = 0;
    while ((rc = at_reader_next(r, &doc, &err, &warn)) != 0) {
        if (++n > 1000000)
            abort(); /* the reader must make progress */
        if (rc == 1 && !at_utf8_valid(doc.text.ptr, doc.text.len))
            abort();
        if (rc == 1 && (!doc.id.ptr || !doc.title.ptr || !doc.date.ptr))
            abort();
    }
    at_reader_close(r);
    return 0;
}
