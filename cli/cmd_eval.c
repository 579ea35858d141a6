/* cmd_eval.c: placeholder until the command is written. */
#include "cli.h"
int cmd_eval(int argc, char **argv) { (void)argc; (void)argv; cli_err("eval: not implemented yet"); return EXIT_FATAL; }
