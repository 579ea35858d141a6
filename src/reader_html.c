/* reader_html.c: the readable text of an HTML page, parsed with gumbo.
 * Block elements become paragraphs separated by blank lines, inline text
 * is joined with single spaces, and page furniture (scripts, navigation,
 * footers, forms) is dropped; the longest <article> wins when there is
 * one. Gumbo allocates through a budgeted heap so a hostile page fails
 * with AT_ELIMIT instead of exhausting memory. */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "reader_int.h"

#define AT_STR2(x) #x
#define AT_STR(x) AT_STR2(x)

/* MARK: - A budgeted heap for gumbo */

/* Every block is linked so the whole tree can be freed at once, without
 * gumbo's recursive destroy (deep nesting would exhaust the stack) and
 * after a longjmp out of the parser. 32 bytes keep 16-byte alignment. */
typedef struct blk {
    struct blk *prev, *next;
    size_t size, pad;
} blk;

typedef struct {
    blk head;
    size_t used, limit;
    jmp_buf jb;
    at_status rc;
} heap;

static void *heap_alloc(void *ud, size_t n)
{
    heap *h = ud;
    /* count our header and malloc's own (about 16 bytes): gumbo makes
     * many small blocks, and RSS is what the budget is for */
    size_t cost = n + sizeof(blk) + 16;
    if (n > h->limit || cost > h->limit - h->used)
        longjmp(h->jb, 1);
    blk *b = malloc(sizeof *b + n);
    if (!b)
        longjmp(h->jb, 2);
    b->size = cost;
    b->prev = &h->head;
    b->next = h->head.next;
    h->head.next->prev = b;
    h->head.next = b;
    h->used += cost;
    return b + 1;
}

static void heap_free(void *ud, void *p)
{
    if (!p)
        return;
    heap *h = ud;
    blk *b = (blk *)p - 1;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    h->used -= b->size;
    free(b);
}

static void heap_release(heap *h)
{
    blk *b = h->head.next;
    while (b != &h->head) {
        blk *next = b->next;
        free(b);
        b = next;
    }
    h->head.next = h->head.prev = &h->head;
    h->used = 0;
}

/* MARK: - Walking the tree without recursion */

static const GumboVector *kids(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_DOCUMENT)
        return &n->v.document.children;
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return &n->v.element.children;
    return NULL;
}

/* The node after N in document order below ROOT, skipping N's children
 * unless DESCEND; NULL at the end. LEAVE (when set) sees every element
 * whose subtree is finished. */
static const GumboNode *next_node(const GumboNode *root, const GumboNode *n,
                                  bool descend,
                                  void (*leave)(void *, const GumboNode *),
                                  void *ctx)
{
    const GumboVector *k = kids(n);
    if (descend && k && k->length)
        return k->data[0];
    for (;;) {
        if (leave)
            leave(ctx, n);
        if (n == root || !n->parent)
            return NULL;
        const GumboNode *p = n->parent;
        const GumboVector *pk = kids(p);
        if (!pk)
            return NULL;
        size_t i = n->index_within_parent;
        if (i >= pk->length || pk->data[i] != n) /* should not happen */
            for (i = 0; i < pk->length && pk->data[i] != n; i++)
                ;
        if (i + 1 < pk->length)
            return pk->data[i + 1];
        n = p;
    }
}

static bool is_html(const GumboNode *n, GumboTag tag)
{
    return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag &&
           n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

static bool skipped(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_TEMPLATE || n->type == GUMBO_NODE_COMMENT)
        return true;
    if (n->type != GUMBO_NODE_ELEMENT)
        return false;
    switch (n->v.element.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED:
        return true;
    default:
        return false;
    }
}

static bool is_block(const GumboNode *n)
{
    if (n->type != GUMBO_NODE_ELEMENT)
        return false;
    switch (n->v.element.tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
    case GUMBO_TAG_BR: case GUMBO_TAG_TR: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_HEADER: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_PRE: case GUMBO_TAG_HR: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_BODY: case GUMBO_TAG_LISTING:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_XMP: case GUMBO_TAG_MENU:
    case GUMBO_TAG_FIELDSET:
        return true;
    default:
        return false;
    }
}

/* MARK: - Text with collapsed whitespace */

enum { GAP_NONE, GAP_SPACE, GAP_PARA };

typedef struct {
    at_buf *b;
    int gap; /* the widest break seen since the last word */
} sink;

static void sink_text(sink *s, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        size_t ws = 0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
            c == '\v')
            ws = 1;
        else if (c == 0xC2 && i + 1 < n && (unsigned char)p[i + 1] == 0xA0)
            ws = 2; /* no-break space, as &nbsp; decodes */
        if (ws) {
            if (s->gap < GAP_SPACE)
                s->gap = GAP_SPACE;
            i += ws;
            continue;
        }
        size_t j = i + 1;
        while (j < n) {
            unsigned char d = (unsigned char)p[j];
            if (d == ' ' || d == '\t' || d == '\n' || d == '\r' ||
                d == '\f' || d == '\v' ||
                (d == 0xC2 && j + 1 < n && (unsigned char)p[j + 1] == 0xA0))
                break;
            j++;
        }
        if (s->b->len > 0 && s->gap == GAP_PARA)
            at_buf_put(s->b, "\n\n", 2);
        else if (s->b->len > 0 && s->gap == GAP_SPACE)
            at_buf_putc(s->b, ' ');
        s->gap = GAP_NONE;
        at_buf_put(s->b, p + i, j - i);
        i = j;
    }
}

static void sink_leave(void *ctx, const GumboNode *n)
{
    sink *s = ctx;
    if (is_block(n) && !skipped(n))
        s->gap = GAP_PARA;
    else if (n->type == GUMBO_NODE_ELEMENT &&
             (n->v.element.tag == GUMBO_TAG_TD ||
              n->v.element.tag == GUMBO_TAG_TH) && s->gap < GAP_SPACE)
        s->gap = GAP_SPACE;
}

/* Append the text below ROOT to B. */
static void extract_text(const GumboNode *root, at_buf *b)
{
    sink s = {b, GAP_NONE};
    const GumboNode *n = root;
    while (n) {
        bool descend = false;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
            n->type == GUMBO_NODE_WHITESPACE) {
            sink_text(&s, n->v.text.text, strlen(n->v.text.text));
        } else if (!skipped(n)) {
            if (is_block(n))
                s.gap = GAP_PARA;
            descend = true;
        }
        n = next_node(root, n, descend, descend ? sink_leave : NULL, &s);
    }
}

/* MARK: - A pre-scan for deep nesting */

/* Gumbo scans its stack of open elements for most tags, so a page nested
 * N deep costs O(N^2): 100,000 unclosed <div>s take minutes. Real pages
 * are a few dozen levels deep, so estimate the depth first and refuse
 * pages beyond RD_HTML_DEPTH. Elements that close themselves (void ones,
 * and p, li, td... which the next sibling closes) do not count. */
static bool nests(const char *name, size_t n)
{
    static const char *const flat[] = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr", "keygen", "image",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
        "thead", "tbody", "tfoot", "rb", "rt", "rp", "rtc", "colgroup",
        "html", "head", "body", "basefont", "bgsound", "frame", "isindex",
        "menuitem",
    };
    for (size_t i = 0; i < sizeof flat / sizeof flat[0]; i++)
        if (strlen(flat[i]) == n && strncasecmp(flat[i], name, n) == 0)
            return false;
    return true;
}

static bool too_deep(const char *p, size_t len)
{
    size_t depth = 0;
    const char *end = p + len;
    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        p++;
        if (end - p >= 3 && memcmp(p, "!--", 3) == 0) {
            const char *c = p + 3;
            while (c + 2 < end && !(c[0] == '-' && c[1] == '-' && c[2] == '>'))
                c++;
            p = c;
            continue;
        }
        bool close = p < end && *p == '/';
        const char *name = p + close;
        const char *q = name;
        while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')
                           || (*q >= '0' && *q <= '9')))
            q++;
        if (q == name || (name[0] >= '0' && name[0] <= '9'))
            continue;
        size_t n = (size_t)(q - name);
        if (!nests(name, n))
            continue;
        if (close) {
            if (depth > 0)
                depth--;
            continue;
        }
        const char *gt = memchr(q, '>', (size_t)(end - q));
        if (gt && gt[-1] == '/')
            continue; /* <x/> */
        if (++depth > RD_HTML_DEPTH)
            return true;
    }
    return false;
}

/* MARK: - The page */

#define MAX_ARTICLES 64

static void parse_and_extract(heap *h, const char *html, size_t len,
                              at_buf *text, at_buf *title)
{
    GumboOptions opt = kGumboDefaultOptions;
    opt.allocator = heap_alloc;
    opt.deallocator = heap_free;
    opt.userdata = h;
    opt.max_errors = 0; /* we do not read parse errors: keep none */
    GumboOutput *out = gumbo_parse_with_options(&opt, html, len);

    const GumboNode *body = NULL, *titlenode = NULL;
    const GumboNode *articles[MAX_ARTICLES];
    size_t narticles = 0;
    const GumboNode *n = out->document;
    while (n) {
        bool descend = !skipped(n) || is_html(n, GUMBO_TAG_HEAD);
        if (!titlenode && is_html(n, GUMBO_TAG_TITLE))
            titlenode = n;
        if (!body && is_html(n, GUMBO_TAG_BODY))
            body = n;
        if (is_html(n, GUMBO_TAG_ARTICLE)) {
            if (narticles < MAX_ARTICLES)
                articles[narticles++] = n;
            descend = false; /* outermost articles only */
        }
        n = next_node(out->document, n, descend, NULL, NULL);
    }
    if (titlenode) {
        at_buf raw = {0};
        extract_text(titlenode, &raw);
        if (raw.len)
            at_buf_put(title, raw.ptr, raw.len);
        at_buf_free(&raw);
    }
    if (narticles <= 1) {
        extract_text(narticles ? articles[0] : body ? body : out->document,
                     text);
    } else {
        /* Related-story teasers are articles too: keep the longest. */
        at_buf cand = {0};
        for (size_t i = 0; i < narticles; i++) {
            at_buf_reset(&cand);
            extract_text(articles[i], &cand);
            if (cand.err) {
                text->err = cand.err;
                break;
            }
            if (cand.len > text->len) {
                at_buf tmp = *text;
                *text = cand;
                cand = tmp;
            }
        }
        at_buf_free(&cand);
    }
    h->rc = text->err ? text->err : title->err;
}

/* Make B valid UTF-8 in place (gumbo decodes entities such as &#0; or
 * lone surrogates into U+FFFD, but stay safe). */
static void ensure_utf8(at_buf *b)
{
    if (!b->len || at_utf8_valid(b->ptr, b->len))
        return;
    char *fixed;
    size_t n;
    if (at_utf8_repair(b->ptr, b->len, &fixed, &n) < 0) {
        b->err = AT_ENOMEM;
        return;
    }
    at_buf_reset(b);
    at_buf_put(b, fixed, n);
    free(fixed);
}

at_status html_extract(const char *html, size_t len, at_buf *text,
                       at_buf *title, const char **why)
{
    *why = NULL;
    at_buf_reset(text);
    at_buf_reset(title);
    text->err = title->err = AT_OK;
    if (too_deep(html, len)) {
        *why = "HTML nested over " AT_STR(RD_HTML_DEPTH) " elements deep";
        return AT_ELIMIT;
    }
    heap *h = calloc(1, sizeof *h);
    if (!h)
        return AT_ENOMEM;
    h->head.next = h->head.prev = &h->head;
    h->limit = RD_HTML_HEAP;
    at_status rc;
    int jumped = setjmp(h->jb);
    if (jumped == 0) {
        parse_and_extract(h, html, len, text, title);
        rc = h->rc;
    } else {
        rc = jumped == 1 ? AT_ELIMIT : AT_ENOMEM;
        if (rc == AT_ELIMIT)
            *why = "HTML parse tree over " AT_STR(RD_HTML_HEAP_MIB)
                   " MiB (page too large or too complex)";
    }
    heap_release(h);
    free(h);
    if (rc == AT_OK) {
        ensure_utf8(text);
        ensure_utf8(title);
        rc = text->err ? text->err : title->err;
    }
    return rc;
}
