/* fuzz_extract.c: libFuzzer harness for the extractor. The dictionary is
 * loaded once from AT_DATA_DIR (or $ARMSTRACE_DATA); each input, repaired
 * to valid UTF-8 as the readers do, is extracted as one document, and
 * every claim's evidence span must lie inside the text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armstrace.h"

static at_dict *dict;

static int check_claim(const at_doc *doc, const at_claim *c, void *user)
{
    (void)user;
    if (c->start > c->end || c->end > doc->text.len)
        abort();
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *dir = getenv("ARMSTRACE_DATA");
    at_error err;
    dict = at_dict_load(dir ? dir : AT_DATA_DIR, &err);
    if (!dict) {
        fprintf(stderr, "fuzz_extract: %s:%zu: %s\n", err.file, err.line,
                err.msg);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text;
    size_t len;
    if (at_utf8_repair((const char *)data, size, &text, &len) < 0)
        return 0;
    at_doc doc = {
        .id = {"fuzz", 4},
        .text = {text, len},
        .date = {"2024-09-07", 10},
        .outlet = {"", 0},
        .url = {"", 0},
        .title = {"", 0},
    };
    at_error err;
    at_extract(dict, &doc, check_claim, NULL, &err);
    free(text);
    return 0;
}
