/* prog.c - what lib/ leaves to the program: ending the process.  Linked
 * into every tool (and the unit and differential tests).  lib/ never
 * calls exit(); it returns errors and counts them in its ni_diag, and
 * calls ni_oom() for the one condition it cannot return from. */
#include "ni.h"

#include <stdio.h>
#include <stdlib.h>

/* Contract: see base.h.  Flushes what stdout holds (the records written
 * so far stay whole up to the last flush), says so, exits 2. */
void ni_oom(void)
{
	static const char m[] = "ni: out of memory\n";
	fflush(stdout);
	if (fwrite(m, 1, sizeof m - 1, stderr)) {}
	exit(NI_EXIT_ERR);
}
