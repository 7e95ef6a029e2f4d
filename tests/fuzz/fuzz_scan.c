/* fuzz_scan - the scanner levels against the scalar reference (lib/base/scan.c):
 * for any input, ni_scan_utf8, every stop of ni_scan_special and of
 * ni_scan_printable and ni_scan_plain, ni_scan_marks (result and bitmap) and ni_json_check_at (rc, message,
 * column, top-level index) give the same answer at the SSE2 and AVX2
 * levels as at NI_SCAN_SCALAR.  Any difference aborts. */
#define _GNU_SOURCE
#define HARNESS_NO_CLOCK
#include "harness.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ni_jidx ri, li;
	const char *p = (const char *)data, *end = p + size;
	const char *rerr = NULL, *err;
	size_t rcol = 0, col;
	int ru = ni_scan_utf8(p, size, NI_SCAN_SCALAR);
	size_t nw = size / 64 + 1;
	uint64_t *rb = malloc(nw * sizeof *rb), *lb = malloc(nw * sizeof *lb);
	if (!rb || !lb)
		abort();
	if (ni_scan_marks(p, size, rb, NI_SCAN_SCALAR) != ru)
		abort();
	int rrc = ni_json_check_at(p, size, NI_MAX_DEPTH, &ri, &rerr, &rcol,
				   NI_SCAN_SCALAR);
	for (int lv = NI_SCAN_SCALAR + 1; lv <= ni_scan_level(); lv++) {
		if (ni_scan_utf8(p, size, lv) != ru)
			abort();
		for (const char *a = p, *b = p;; a++, b++) {
			a = ni_scan_special(a, end, NI_SCAN_SCALAR);
			b = ni_scan_special(b, end, lv);
			if (a != b)
				abort();
			if (a == end)
				break;
		}
		if (!same_runs(ni_scan_printable, p, size, lv) ||
		    !same_runs(ni_scan_plain, p, size, lv))
			abort();
		if (ni_scan_marks(p, size, lb, lv) != ru ||
		    memcmp(lb, rb, nw * sizeof *lb))
			abort();
		err = NULL;
		col = 0;
		int rc = ni_json_check_at(p, size, NI_MAX_DEPTH, &li, &err, &col, lv);
		if (rc != rrc)
			abort();
		if (rc && (strcmp(err, rerr) || col != rcol))
			abort();
		if (!rc && !same_idx(&li, &ri))
			abort();
	}
	free(rb);
	free(lb);
	return 0;
}
