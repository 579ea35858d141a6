/* cmd_claims.c: placeholder until the command is written. */
#include "cli.h"
int cmd_claims(int argc, char **argv) { (void)argc; (void)argv; cli_err("claims: not implemented yet"); return EXIT_FATAL; }
