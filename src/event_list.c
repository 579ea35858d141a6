/* event_list.c: an owned copy of the events at_store_events lists, for
 * the views (graph, register, timeline) that need them all at once. */
#include <stdlib.h>
#include <string.h>

#include "armstrace.h"

typedef struct {
    at_event_list *l;
    bool oom;
} loader;

static int on_event(const at_event *ev, void *user)
{
    loader *ld = user;
    at_event_list *l = ld->l;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        at_event *p = realloc(l->ev, cap * sizeof *p);
        if (!p)
            goto oom;
        l->ev = p;
        l->cap = cap;
    }
    at_event copy = *ev;
    char *id = strdup(ev->id ? ev->id : "");
    char *systems = strdup(ev->systems ? ev->systems : "");
    if (!id || !systems) {
        free(id);
        free(systems);
        goto oom;
    }
    copy.id = id;
    copy.systems = systems;
    l->ev[l->n++] = copy;
    return 0;
oom:
    ld->oom = true;
    return 1;
}

at_status at_event_list_load(at_store *s, const at_event_filter *f,
                             at_event_list *l, at_error *err)
{
    loader ld = {l, false};
    at_status rc = at_store_events(s, f, on_event, &ld, err);
    if (ld.oom) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = AT_ENOMEM;
            strcpy(err->msg, "out of memory while listing events");
        }
        return AT_ENOMEM;
    }
    return rc;
}

void at_event_list_free(at_event_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        /* the list's own copies, made in on_event */
        free((char *)l->ev[i].id);
        free((char *)l->ev[i].systems);
    }
    free(l->ev);
    l->ev = NULL;
    l->n = l->cap = 0;
}
