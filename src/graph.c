/* graph.c: the transfer graph of a set of events (parties as nodes,
 * supplier -> recipient edges) written as Graphviz DOT, GraphML, GEXF 1.3
 * or node-link JSON. One model (nodes and edges with typed attributes) is
 * built first, and each format is a small serializer over it, so the four
 * outputs always carry the same figures. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "views.h"

/* MARK: - Escaping */

void view_xml_text(at_buf *b, const char *s, size_t n)
{
    char *fixed = NULL;
    size_t fixed_len = 0;
    /* an XML parser rejects the whole file for one bad byte */
    if (!at_utf8_valid(s, n)) {
        if (at_utf8_repair(s, n, &fixed, &fixed_len) < 0) {
            b->err = AT_ENOMEM;
            return;
        }
        s = fixed;
        n = fixed_len;
    }
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t skip = 1;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        /* references, so that attribute values keep them (a literal one
         * would be normalized to a space) */
        case '\t': rep = "&#9;"; break;
        case '\n': rep = "&#10;"; break;
        case '\r': rep = "&#13;"; break;
        case 0xEF:
            /* U+FFFE and U+FFFF are not XML characters either */
            if (i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
                ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
                rep = "\xEF\xBF\xBD";
                skip = 3;
            }
            break;
        default:
            if (c < 0x20 || c == 0x7F)
                rep = "\xEF\xBF\xBD";
        }
        if (!rep)
            continue;
        at_buf_put(b, s + run, i - run);
        at_buf_puts(b, rep);
        i += skip - 1;
        run = i + 1;
    }
    at_buf_put(b, s + run, n - run);
    free(fixed);
}

void view_dot_str(at_buf *b, const char *s, size_t n)
{
    at_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep;
        if (c == '"')
            rep = "\\\"";
        else if (c == '\\')
            rep = "\\\\";
        else if (c == '\n')
            rep = "\\n";
        else if (c < 0x20 || c == 0x7F)
            rep = " ";
        else
            continue;
        at_buf_put(b, s + run, i - run);
        at_buf_puts(b, rep);
        run = i + 1;
    }
    at_buf_put(b, s + run, n - run);
    at_buf_putc(b, '"');
}

/* MARK: - The model */

typedef enum { V_STR, V_LIST, V_INT, V_DBL } vtype; /* LIST: "; "-joined */

typedef struct {
    const char *name;
    vtype type;
} decl;

static const decl node_decls[] = {
    {"label", V_STR}, {"as_supplier", V_INT}, {"as_recipient", V_INT}};
enum { N_LABEL, N_SUPPLIER, N_RECIPIENT, N_NATTR };

static const decl edge_decls[] = {
    {"categories", V_LIST},     {"systems", V_LIST},         {"stage", V_STR},
    {"events", V_INT},          {"reports", V_INT},          {"contradictions", V_INT},
    {"confidence_max", V_DBL},  {"confidence_mean", V_DBL},  {"first_date", V_STR},
    {"last_date", V_STR},       {"event", V_STR}};
enum { E_CATEGORIES, E_SYSTEMS, E_STAGE, E_EVENTS, E_REPORTS, E_CONTRA, E_CONF_MAX,
       E_CONF_MEAN, E_FIRST, E_LAST, E_EVENT, E_NATTR };

typedef struct {
    const char *s; /* V_STR, V_LIST: into the graph's string pool or events */
    int64_t i;
    double d;
} val;

typedef struct {
    const char *id;
    val v[N_NATTR];
} gnode;

typedef struct {
    const char *src, *dst;
    val v[E_NATTR];
} gedge;

typedef struct {
    gnode *nodes;
    size_t nn;
    gedge *edges;
    size_t ne;
    size_t nedge_attr; /* E_EVENT is declared only per event */
    char **pool;       /* strings the edges own */
    size_t npool;
} graph;

static const char *pool_take(graph *g, at_buf *s)
{
    char *p = s->ptr ? s->ptr : strdup("");
    s->ptr = NULL;
    s->len = s->cap = 0;
    if (!p)
        return NULL;
    g->pool[g->npool++] = p;
    return p;
}

static int cmp_events(const void *a, const void *b)
{
    const at_event *x = *(const at_event *const *)a, *y = *(const at_event *const *)b;
    int c = strcmp(x->supplier, y->supplier);
    if (!c)
        c = strcmp(x->recipient, y->recipient);
    if (!c)
        c = strcmp(x->id ? x->id : "", y->id ? y->id : "");
    return c;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static gnode *find_node(graph *g, const char *id)
{
    size_t lo = 0, hi = g->nn;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(g->nodes[mid].id, id);
        if (!c)
            return &g->nodes[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Whether the "; "-joined LIST already holds ITEM. */
static bool list_has(const at_buf *list, const char *item, size_t n)
{
    if (!list->ptr)
        return false;
    const char *p = list->ptr, *end = list->ptr + list->len;
    while (p && p < end) {
        const char *q = strstr(p, "; ");
        size_t len = q ? (size_t)(q - p) : (size_t)(end - p);
        if (len == n && !memcmp(p, item, n))
            return true;
        p = q ? q + 2 : NULL;
    }
    return false;
}

static void list_add(at_buf *list, const char *item, size_t n)
{
    if (n == 0 || list_has(list, item, n))
        return;
    if (list->len)
        at_buf_puts(list, "; ");
    at_buf_put(list, item, n);
}

/* The event's own time: its dates where known, else its reports'. */
static const char *ev_first(const at_event *e)
{
    return e->date_start[0] ? e->date_start : e->first_report;
}

static const char *ev_last(const at_event *e)
{
    if (e->date_end[0])
        return e->date_end;
    return e->date_start[0] ? e->date_start : e->last_report;
}

/* One edge from the K events EV[0..K) of one (supplier, recipient). */
static bool make_edge(graph *g, gedge *e, const at_event *const *ev, size_t k, bool per_event)
{
    bool cats[AT_CAT_COUNT] = {false};
    at_buf cat = {0}, sys = {0};
    int stage = -1;
    double sum = 0, max = 0;
    const char *first = "", *last = "";
    memset(e, 0, sizeof *e);
    e->src = ev[0]->supplier;
    e->dst = ev[0]->recipient;
    for (size_t i = 0; i < k; i++) {
        const at_event *x = ev[i];
        if ((int)x->category >= 0 && x->category < AT_CAT_COUNT)
            cats[x->category] = true;
        for (const char *p = x->systems ? x->systems : ""; *p;) {
            const char *q = strstr(p, "; ");
            size_t len = q ? (size_t)(q - p) : strlen(p);
            list_add(&sys, p, len);
            p += len + (q ? 2 : 0);
        }
        if (x->stage > stage)
            stage = x->stage;
        e->v[E_REPORTS].i += x->reports;
        e->v[E_CONTRA].i += x->contradictions;
        double c = isfinite(x->confidence) ? x->confidence : 0;
        sum += c;
        if (i == 0 || c > max)
            max = c;
        const char *f = ev_first(x), *l = ev_last(x);
        if (f[0] && (!first[0] || strcmp(f, first) < 0))
            first = f;
        if (l[0] && strcmp(l, last) > 0)
            last = l;
    }
    for (int c = 0; c < AT_CAT_COUNT; c++)
        if (cats[c])
            list_add(&cat, at_category_name((at_category)c),
                     strlen(at_category_name((at_category)c)));
    bool ok = !cat.err && !sys.err;
    e->v[E_CATEGORIES].s = ok ? pool_take(g, &cat) : NULL;
    e->v[E_SYSTEMS].s = ok ? pool_take(g, &sys) : NULL;
    at_buf_free(&cat);
    at_buf_free(&sys);
    if (!e->v[E_CATEGORIES].s || !e->v[E_SYSTEMS].s)
        return false;
    e->v[E_STAGE].s = stage >= 0 && stage < AT_STAGE_COUNT ? at_stage_name((at_stage)stage) : "";
    e->v[E_EVENTS].i = (int64_t)k;
    e->v[E_CONF_MAX].d = max;
    e->v[E_CONF_MEAN].d = sum / (double)k;
    e->v[E_FIRST].s = first;
    e->v[E_LAST].s = last;
    e->v[E_EVENT].s = per_event && ev[0]->id ? ev[0]->id : "";
    return true;
}

static void graph_free(graph *g)
{
    for (size_t i = 0; i < g->npool; i++)
        free(g->pool[i]);
    free(g->pool);
    free(g->nodes);
    free(g->edges);
}

static bool graph_build(graph *g, const at_event *evs, size_t n, bool per_event)
{
    memset(g, 0, sizeof *g);
    g->nedge_attr = per_event ? E_NATTR : E_EVENT;
    size_t m = 0;
    const at_event **ord = malloc((n ? n : 1) * sizeof *ord);
    const char **codes = malloc((2 * n + 1) * sizeof *codes);
    g->nodes = malloc((2 * n + 1) * sizeof *g->nodes);
    g->edges = malloc((n + 1) * sizeof *g->edges);
    g->pool = malloc((2 * n + 1) * sizeof *g->pool);
    bool ok = ord && codes && g->nodes && g->edges && g->pool;
    if (!ok)
        goto done;
    for (size_t i = 0; i < n; i++)
        if (evs[i].supplier[0] && evs[i].recipient[0])
            ord[m++] = &evs[i];
    qsort(ord, m, sizeof *ord, cmp_events);

    size_t nc = 0;
    for (size_t i = 0; i < m; i++) {
        codes[nc++] = ord[i]->supplier;
        codes[nc++] = ord[i]->recipient;
    }
    qsort(codes, nc, sizeof *codes, cmp_str);
    for (size_t i = 0; i < nc; i++) {
        if (g->nn && !strcmp(g->nodes[g->nn - 1].id, codes[i]))
            continue;
        gnode *nd = &g->nodes[g->nn++];
        memset(nd, 0, sizeof *nd);
        nd->id = codes[i];
        nd->v[N_LABEL].s = codes[i];
    }
    for (size_t i = 0; i < m; i++) {
        find_node(g, ord[i]->supplier)->v[N_SUPPLIER].i++;
        find_node(g, ord[i]->recipient)->v[N_RECIPIENT].i++;
    }

    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        if (!per_event)
            while (j < m && !strcmp(ord[j]->supplier, ord[i]->supplier) &&
                   !strcmp(ord[j]->recipient, ord[i]->recipient))
                j++;
        if (!(ok = make_edge(g, &g->edges[g->ne], ord + i, j - i, per_event)))
            goto done;
        g->ne++;
        i = j;
    }
done:
    free(ord);
    free(codes);
    return ok;
}

/* MARK: - Serializers */

static const char *num_fmt = "%.4g"; /* confidences: 0.72, 1 */

static void put_double(at_buf *b, double d)
{
    at_buf_printf(b, num_fmt, isfinite(d) ? d : 0.0);
}

/* A value as text: lists stay "; "-joined (DOT, GraphML, GEXF). */
static void put_value(at_buf *b, vtype t, const val *v, void (*esc)(at_buf *, const char *, size_t))
{
    switch (t) {
    case V_STR:
    case V_LIST: esc(b, v->s, strlen(v->s)); break;
    case V_INT: at_buf_printf(b, "%lld", (long long)v->i); break;
    case V_DBL: put_double(b, v->d); break;
    }
}

static void put_xml(at_buf *b, const char *s) { view_xml_text(b, s, strlen(s)); }
static void put_dot(at_buf *b, const char *s) { view_dot_str(b, s, strlen(s)); }

/* "drone, ballistic_missile\ndelivered, 2 events": what Graphviz draws. */
static void edge_label(at_buf *b, const gedge *e)
{
    for (const char *p = e->v[E_CATEGORIES].s; *p; p++)
        at_buf_putc(b, *p == ';' ? ',' : *p);
    at_buf_printf(b, "\n%s", e->v[E_STAGE].s[0] ? e->v[E_STAGE].s : "unconfirmed");
    if (e->v[E_EVENTS].i > 1)
        at_buf_printf(b, ", %lld events", (long long)e->v[E_EVENTS].i);
    if (e->v[E_CONTRA].i)
        at_buf_printf(b, ", %lld denied", (long long)e->v[E_CONTRA].i);
}

/* Every DOT attribute value quoted: numbers too, so none can misparse. */
static void dot_value(at_buf *b, vtype t, const val *v)
{
    if (t == V_STR || t == V_LIST) {
        put_dot(b, v->s);
        return;
    }
    at_buf_putc(b, '"');
    put_value(b, t, v, NULL);
    at_buf_putc(b, '"');
}

static void write_dot(at_buf *b, const graph *g)
{
    at_buf_puts(b, "digraph armstrace {\n"
                   "  graph [rankdir=LR];\n"
                   "  node [shape=box, style=rounded];\n");
    for (size_t i = 0; i < g->nn; i++) {
        const gnode *nd = &g->nodes[i];
        at_buf_puts(b, "  ");
        put_dot(b, nd->id);
        at_buf_puts(b, " [");
        for (size_t a = 0; a < N_NATTR; a++) {
            at_buf_printf(b, "%s%s=", a ? ", " : "", node_decls[a].name);
            dot_value(b, node_decls[a].type, &nd->v[a]);
        }
        at_buf_puts(b, "];\n");
    }
    for (size_t i = 0; i < g->ne; i++) {
        const gedge *e = &g->edges[i];
        at_buf label = {0};
        edge_label(&label, e);
        at_buf_puts(b, "  ");
        put_dot(b, e->src);
        at_buf_puts(b, " -> ");
        put_dot(b, e->dst);
        at_buf_puts(b, " [label=");
        put_dot(b, label.ptr ? label.ptr : "");
        if (label.err)
            b->err = label.err;
        at_buf_free(&label);
        int stage = at_stage_parse(e->v[E_STAGE].s, strlen(e->v[E_STAGE].s));
        /* dashed: not (yet) delivered; dotted: no claimed report at all */
        at_buf_printf(b, ", style=%s, penwidth=%lld",
                      stage < 0 ? "dotted" : stage < AT_STAGE_DELIVERED ? "dashed" : "solid",
                      (long long)(e->v[E_EVENTS].i < 5 ? e->v[E_EVENTS].i : 5));
        for (size_t a = 0; a < g->nedge_attr; a++) {
            at_buf_printf(b, ", %s=", edge_decls[a].name);
            dot_value(b, edge_decls[a].type, &e->v[a]);
        }
        at_buf_puts(b, "];\n");
    }
    at_buf_puts(b, "}\n");
}

static const char *graphml_type(vtype t)
{
    return t == V_INT ? "long" : t == V_DBL ? "double" : "string";
}

static void write_graphml(at_buf *b, const graph *g)
{
    at_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                   "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                   "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                   "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (size_t a = 0; a < N_NATTR; a++)
        at_buf_printf(b, "  <key id=\"n%zu\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                      a, node_decls[a].name, graphml_type(node_decls[a].type));
    for (size_t a = 0; a < g->nedge_attr; a++)
        at_buf_printf(b, "  <key id=\"e%zu\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                      a, edge_decls[a].name, graphml_type(edge_decls[a].type));
    at_buf_puts(b, "  <graph id=\"armstrace\" edgedefault=\"directed\">\n");
    for (size_t i = 0; i < g->nn; i++) {
        const gnode *nd = &g->nodes[i];
        at_buf_puts(b, "    <node id=\"");
        put_xml(b, nd->id);
        at_buf_puts(b, "\">");
        for (size_t a = 0; a < N_NATTR; a++) {
            at_buf_printf(b, "<data key=\"n%zu\">", a);
            put_value(b, node_decls[a].type, &nd->v[a], view_xml_text);
            at_buf_puts(b, "</data>");
        }
        at_buf_puts(b, "</node>\n");
    }
    for (size_t i = 0; i < g->ne; i++) {
        const gedge *e = &g->edges[i];
        at_buf_printf(b, "    <edge id=\"e%zu\" source=\"", i);
        put_xml(b, e->src);
        at_buf_puts(b, "\" target=\"");
        put_xml(b, e->dst);
        at_buf_puts(b, "\">");
        for (size_t a = 0; a < g->nedge_attr; a++) {
            at_buf_printf(b, "<data key=\"e%zu\">", a);
            put_value(b, edge_decls[a].type, &e->v[a], view_xml_text);
            at_buf_puts(b, "</data>");
        }
        at_buf_puts(b, "</edge>\n");
    }
    at_buf_puts(b, "  </graph>\n</graphml>\n");
}

static void write_gexf(at_buf *b, const graph *g)
{
    at_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<gexf xmlns=\"http://gexf.net/1.3\"\n"
                   "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                   "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"\n"
                   "    version=\"1.3\">\n"
                   "  <meta>\n    <creator>armstrace " AT_VERSION "</creator>\n"
                   "    <description>arms transfers reconciled from news reports</description>\n"
                   "  </meta>\n"
                   "  <graph mode=\"static\" defaultedgetype=\"directed\">\n"
                   "    <attributes class=\"node\">\n");
    /* the label is the node's own label attribute, not a declared one */
    for (size_t a = N_LABEL + 1; a < N_NATTR; a++)
        at_buf_printf(b, "      <attribute id=\"n%zu\" title=\"%s\" type=\"%s\"/>\n", a,
                      node_decls[a].name, graphml_type(node_decls[a].type));
    at_buf_puts(b, "    </attributes>\n    <attributes class=\"edge\">\n");
    for (size_t a = 0; a < g->nedge_attr; a++)
        at_buf_printf(b, "      <attribute id=\"e%zu\" title=\"%s\" type=\"%s\"/>\n", a,
                      edge_decls[a].name, graphml_type(edge_decls[a].type));
    at_buf_puts(b, "    </attributes>\n    <nodes>\n");
    for (size_t i = 0; i < g->nn; i++) {
        const gnode *nd = &g->nodes[i];
        at_buf_puts(b, "      <node id=\"");
        put_xml(b, nd->id);
        at_buf_puts(b, "\" label=\"");
        put_xml(b, nd->v[N_LABEL].s);
        at_buf_puts(b, "\"><attvalues>");
        for (size_t a = N_LABEL + 1; a < N_NATTR; a++) {
            at_buf_printf(b, "<attvalue for=\"n%zu\" value=\"", a);
            put_value(b, node_decls[a].type, &nd->v[a], view_xml_text);
            at_buf_puts(b, "\"/>");
        }
        at_buf_puts(b, "</attvalues></node>\n");
    }
    at_buf_puts(b, "    </nodes>\n    <edges>\n");
    for (size_t i = 0; i < g->ne; i++) {
        const gedge *e = &g->edges[i];
        at_buf label = {0};
        edge_label(&label, e);
        at_buf_printf(b, "      <edge id=\"e%zu\" source=\"", i);
        put_xml(b, e->src);
        at_buf_puts(b, "\" target=\"");
        put_xml(b, e->dst);
        at_buf_puts(b, "\" label=\"");
        view_xml_text(b, label.ptr ? label.ptr : "", label.len);
        if (label.err)
            b->err = label.err;
        at_buf_free(&label);
        at_buf_printf(b, "\" weight=\"%lld\"><attvalues>", (long long)e->v[E_EVENTS].i);
        for (size_t a = 0; a < g->nedge_attr; a++) {
            at_buf_printf(b, "<attvalue for=\"e%zu\" value=\"", a);
            put_value(b, edge_decls[a].type, &e->v[a], view_xml_text);
            at_buf_puts(b, "\"/>");
        }
        at_buf_puts(b, "</attvalues></edge>\n");
    }
    at_buf_puts(b, "    </edges>\n  </graph>\n</gexf>\n");
}

/* A JSON value: lists become arrays of strings. */
static void put_json(at_buf *b, vtype t, const val *v)
{
    if (t != V_LIST) {
        if (t == V_STR)
            at_buf_json_str(b, v->s, strlen(v->s));
        else
            put_value(b, t, v, NULL);
        return;
    }
    at_buf_putc(b, '[');
    for (const char *p = v->s; *p;) {
        const char *q = strstr(p, "; ");
        size_t len = q ? (size_t)(q - p) : strlen(p);
        if (p != v->s)
            at_buf_putc(b, ',');
        at_buf_json_str(b, p, len);
        p += len + (q ? 2 : 0);
    }
    at_buf_putc(b, ']');
}

static void write_json(at_buf *b, const graph *g)
{
    at_buf_printf(b, "{\"directed\":true,\"multigraph\":%s,\"graph\":{\"name\":\"armstrace\"},\n"
                     "\"nodes\":[",
                  g->nedge_attr == E_NATTR ? "true" : "false");
    for (size_t i = 0; i < g->nn; i++) {
        const gnode *nd = &g->nodes[i];
        at_buf_puts(b, i ? ",\n{\"id\":" : "\n{\"id\":");
        at_buf_json_str(b, nd->id, strlen(nd->id));
        for (size_t a = 0; a < N_NATTR; a++) {
            at_buf_printf(b, ",\"%s\":", node_decls[a].name);
            put_json(b, node_decls[a].type, &nd->v[a]);
        }
        at_buf_putc(b, '}');
    }
    at_buf_puts(b, "],\n\"edges\":[");
    for (size_t i = 0; i < g->ne; i++) {
        const gedge *e = &g->edges[i];
        at_buf_printf(b, "%s{\"id\":\"e%zu\",\"source\":", i ? ",\n" : "\n", i);
        at_buf_json_str(b, e->src, strlen(e->src));
        at_buf_puts(b, ",\"target\":");
        at_buf_json_str(b, e->dst, strlen(e->dst));
        for (size_t a = 0; a < g->nedge_attr; a++) {
            at_buf_printf(b, ",\"%s\":", edge_decls[a].name);
            put_json(b, edge_decls[a].type, &e->v[a]);
        }
        at_buf_putc(b, '}');
    }
    at_buf_puts(b, "]}\n");
}

int at_graph_format_parse(const char *name)
{
    static const char *const names[] = {"dot", "graphml", "gexf", "json"};
    for (int i = 0; i < 4; i++)
        if (name && !strcmp(name, names[i]))
            return i;
    return -1;
}

void at_graph_write(at_buf *b, at_graph_format fmt, const at_event *evs, size_t n,
                    bool per_event)
{
    graph g;
    if (!graph_build(&g, evs, n, per_event)) {
        graph_free(&g);
        b->err = AT_ENOMEM;
        return;
    }
    switch (fmt) {
    case AT_GRAPH_DOT: write_dot(b, &g); break;
    case AT_GRAPH_GRAPHML: write_graphml(b, &g); break;
    case AT_GRAPH_GEXF: write_gexf(b, &g); break;
    case AT_GRAPH_JSON: write_json(b, &g); break;
    default: b->err = AT_EINVAL;
    }
    graph_free(&g);
}
