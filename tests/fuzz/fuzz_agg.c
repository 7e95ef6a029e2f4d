/* fuzz_agg - ni-summarize -b FIELD: the fast path (plain strings counted
 * from their bytes, lists walked by their own reader) against the general
 * one (opts.general), on any NDJSON input: every line that is a valid
 * record is counted by both, with and without the scanner's index, and
 * the written tables must be byte for byte the same.  Any difference
 * aborts. */
#define _GNU_SOURCE
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The table of agg, as ni-summarize writes it, in *buf. */
static void table(ni_agg *a, ni_diag *d, char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	if (!f)
		abort();
	ni_out o = { .fp = f, .d = d };
	ni_agg_write(a, &o);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *fields[] = { "tags", "t", "a.b" };
	ni_diag d = { .prog = "fuzz_agg" };
	const char *p = (const char *)data, *end = p + size;
	ni_jidx idx = {0};
	for (size_t fi = 0; fi < sizeof fields / sizeof *fields; fi++) {
		ni_agg_opts o;
		char err[200];
		ni_agg_opts_init(&o);
		o.dc = &dc;
		o.max_groups = 100000;
		if (ni_agg_opt_by(&o, fields[fi], err, sizeof err) ||
		    ni_agg_opts_done(&o, err, sizeof err))
			abort();
		ni_agg *fast = ni_agg_new(&o, &d), *noidx = ni_agg_new(&o, &d);
		o.general = 1;
		ni_agg *gen = ni_agg_new(&o, &d);
		for (const char *l = p; l < end;) {
			const char *nl = memchr(l, '\n', (size_t)(end - l));
			size_t n = (size_t)((nl ? nl : end) - l);
			const char *e;
			size_t col;
			if (!ni_json_check(l, n, NI_MAX_DEPTH, &idx, &e, &col)) {
				ni_jval rec = ni_json_record(l, n);
				int r1 = ni_agg_add(fast, rec, &idx, "-", 1);
				int r2 = ni_agg_add(gen, rec, &idx, "-", 1);
				int r3 = ni_agg_add(noidx, rec, NULL, "-", 1);
				if (r1 != r2 || r2 != r3)
					abort();
			}
			ni_jidx_free(&idx);
			l += n + 1;
		}
		char *t1, *t2, *t3;
		size_t n1, n2, n3;
		table(fast, &d, &t1, &n1);
		table(gen, &d, &t2, &n2);
		table(noidx, &d, &t3, &n3);
		if (n1 != n2 || memcmp(t1, t2, n1) || n1 != n3 || memcmp(t1, t3, n1))
			abort();   /* the fast path counted differently */
		free(t1);
		free(t2);
		free(t3);
		ni_agg_free(fast);
		ni_agg_free(gen);
		ni_agg_free(noidx);
		ni_agg_opts_free(&o);
	}
	return 0;
}
