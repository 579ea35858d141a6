/* extract.c: placeholder while the extractor is written. */
#include "armstrace.h"
at_status at_extract(const at_dict *d, const at_doc *doc, at_emit_fn emit, void *user, at_error *err)
{
    (void)d; (void)doc; (void)emit; (void)user; (void)err;
    return AT_OK;
}
bool at_doc_date(const at_doc *doc, char out[AT_DATE_MAX]) { (void)doc; out[0] = 0; return false; }
