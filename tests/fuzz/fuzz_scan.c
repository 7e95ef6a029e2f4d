/* fuzz_scan - the scanner levels against the scalar reference (lib/scan.c):
 * for any input, ni_scan_utf8, every stop of ni_scan_special and
 * ni_json_check_at (rc, message, column, top-level index) give the same
 * answer at the SSE2 and AVX2 levels as at NI_SCAN_SCALAR.  Any
 * difference aborts. */
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
	return 0;
}
