/* main.c: placeholder. */
#include <stdio.h>
#include "armstrace.h"
int main(void) { puts(AT_VERSION); return 0; }
