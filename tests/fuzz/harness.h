/* harness.h - what the fuzz harnesses (tests/fuzz) and tests/scandiff.c
 * share: a fixed clock and zone (NI_NOW, UTC) in dc, set up by
 * LLVMFuzzerInitialize (define HARNESS_OWN_INIT to write your own that
 * calls fuzz_now(), HARNESS_NO_CLOCK for none), same_idx and same_runs. */
#ifndef NI_HARNESS_H
#define NI_HARNESS_H

#include "ni.h"

#include <stdlib.h>

/* Do two top-level indexes of one line (ni_json_check) agree exactly? */
static inline int same_idx(const ni_jidx *a, const ni_jidx *b)
{
	if (a->n != b->n || a->partial != b->partial)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->e[i].k != b->e[i].k || a->e[i].kn != b->e[i].kn ||
		    a->e[i].v.t != b->e[i].v.t || a->e[i].v.p != b->e[i].v.p ||
		    a->e[i].v.n != b->e[i].v.n)
			return 0;
	return 1;
}

/* Does the run scanner f (ni_scan_printable, ni_scan_plain) stop at the
 * same bytes of [p, p+n) at level lv as at NI_SCAN_SCALAR, walked from
 * each stop on? */
static inline int same_runs(size_t (*f)(const char *, size_t, int),
			    const char *p, size_t n, int lv)
{
	for (size_t i = 0; i <= n;) {
		size_t ra = f(p + i, n - i, NI_SCAN_SCALAR);
		if (f(p + i, n - i, lv) != ra)
			return 0;
		i += ra + 1;
	}
	return 1;
}

#ifndef HARNESS_NO_CLOCK
static ni_datectx dc;

/* The clock every harness runs at: NI_NOW fixed, zone UTC. */
static void fuzz_now(void)
{
	setenv("NI_NOW", "2026-11-28T09:00:00Z", 1);
	ni_date_init(&dc, "UTC");
}

#ifndef HARNESS_OWN_INIT
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_now();
	return 0;
}
#endif
#endif

#endif /* NI_HARNESS_H */
