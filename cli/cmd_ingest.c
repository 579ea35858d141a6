/* cmd_ingest.c: placeholder until the command is written. */
#include "cli.h"
int cmd_ingest(int argc, char **argv) { (void)argc; (void)argv; cli_err("ingest: not implemented yet"); return EXIT_FATAL; }
