/* cmd_graph.c: `armstrace graph`: the transfer network of the stored
 * events (parties as nodes, supplier -> recipient edges) as Graphviz DOT,
 * GraphML, GEXF or node-link JSON, for Graphviz, Gephi, Cytoscape or d3
 * to open as it is. The writing itself is the library's at_graph_write. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "evopts.h"

static void usage(FILE *f)
{
    fputs("usage: armstrace graph [OPTIONS]\n"
          "\n"
          "Write the network of the stored transfer events: parties are nodes\n"
          "(with their number of events as supplier and as recipient), and each\n"
          "supplier -> recipient pair is one directed edge carrying its categories,\n"
          "systems, furthest stage, events, reports, contradictions, confidence\n"
          "(max and mean) and first and last date.\n"
          "\n"
          "options:\n"
          "      --db PATH              the database (default: armstrace.db)\n"
          "  -f, --format FMT           dot (default; Graphviz), graphml (Cytoscape,\n"
          "                             yEd, Gephi), gexf (Gephi) or json (node-link:\n"
          "                             {\"nodes\":[...],\"edges\":[...]})\n"
          "      --per-event            one edge per event instead of one per pair\n" EVOPTS_HELP
          "  -h, --help                 show this help\n"
          "\n"
          "example:\n"
          "  armstrace graph --db arms.db | dot -Tsvg > transfers.svg\n"
          "\n"
          "exit codes:\n"
          "  0  success (an empty graph when no event matched)\n"
          "  2  usage error (unknown option, bad value)\n"
          "  3  the database is missing or unreadable, or output failed\n",
          f);
}

int cmd_graph(int argc, char **argv)
{
    enum { OPT_DB = 256, OPT_PER_EVENT };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"per-event", no_argument, NULL, OPT_PER_EVENT},
        EVOPTS_LONGOPTS,
        {NULL, 0, NULL, 0}};
    const char *db = "armstrace.db";
    at_graph_format fmt = AT_GRAPH_DOT;
    bool per_event = false;
    at_event_filter f;
    at_event_filter_init(&f);
    opterr = 0;
    optind = 1;
    int c, v;
    while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_PER_EVENT: per_event = true; break;
        case 'f':
            if ((v = at_graph_format_parse(optarg)) < 0) {
                cli_err("graph: option --format: expected dot, graphml, gexf or json, "
                        "got '%s'", optarg);
                return EXIT_USAGE;
            }
            fmt = (at_graph_format)v;
            break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
        case '?':
            return cli_bad_option("graph", c, argv);
        default:
            if ((v = evopts_apply(&f, c, optarg, "graph")) != EXIT_OK)
                return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_unexpected("graph", argv[optind]);
    at_error err = {0};
    at_store *s = cli_open_view(db, "graph");
    if (!s)
        return EXIT_FATAL;
    at_event_list l = {0};
    at_buf out = {0};
    int code = EXIT_OK;
    if (at_event_list_load(s, &f, &l, &err) != AT_OK) {
        cli_report(&err);
        code = EXIT_FATAL;
    } else {
        at_graph_write(&out, fmt, l.ev, l.n, per_event);
        if (out.err) {
            cli_err("graph: %s", at_strerror(out.err));
            code = EXIT_FATAL;
        } else if ((out.len && fwrite(out.ptr, 1, out.len, stdout) != out.len) ||
                   fflush(stdout) != 0) {
            if (errno != EPIPE)
                cli_err("graph: write error: %s", strerror(errno));
            code = EXIT_FATAL;
        }
    }
    at_buf_free(&out);
    at_event_list_free(&l);
    at_store_close(s);
    return code;
}
