/* cmd_search.c: placeholder until the command is written. */
#include "cli.h"
int cmd_search(int argc, char **argv) { (void)argc; (void)argv; cli_err("search: not implemented yet"); return EXIT_FATAL; }
