/* cmd_extract.c: placeholder until the command is written. */
#include "cli.h"
int cmd_extract(int argc, char **argv) { (void)argc; (void)argv; cli_err("extract: not implemented yet"); return EXIT_FATAL; }
