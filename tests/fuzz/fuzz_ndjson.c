/* fuzz_ndjson - a record line: validation, field lookups and evaluation of
 * a fixed set of expressions.  Invariants: evaluation never crashes, and
 * an expression and its negation never both select a record. */
#define _GNU_SOURCE
#define HARNESS_OWN_INIT
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const char *srcs[] = {
	"tags = llm and confidence >= 0.8", "title ~ /nvidia|openai/i",
	"date_published >= 2026-01-01", "date_published = 2026-W07",
	"* ~ /x/", "a.b.0 = 1", "exists id", "tags in [a, b, \"c d\"]",
	"not (x != y) or z < -7d", "k has v", "t !~ /^a+$/",
};
#define N (sizeof srcs / sizeof *srcs)
static ni_expr *ex[N], *neg[N];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_now();
	ni_expr_opts o = { &dc, 0 };
	for (size_t i = 0; i < N; i++) {
		char nb[300];
		ni_perr pe;
		ex[i] = ni_expr_parse(srcs[i], &o, &pe);
		snprintf(nb, sizeof nb, "not (%s)", srcs[i]);
		neg[i] = ni_expr_parse(nb, &o, &pe);
		if (!ex[i] || !neg[i])
			abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ni_jidx idx;
	const char *err;
	size_t col;
	if (ni_json_check((const char *)data, size, NI_MAX_DEPTH, &idx, &err, &col))
		return 0;
	ni_jval rec = ni_json_record((const char *)data, size);
	ni_eval ev = { .dc = &dc, .idx = &idx };
	for (size_t i = 0; i < N; i++) {
		int a = ni_expr_eval(ex[i], rec, &ev);
		int b = ni_expr_eval(neg[i], rec, &ev);
		if (a >= 0 && b >= 0 && a == b)
			abort();
	}
	ni_buf s = {0};
	const char *it = NULL;
	ni_jval k, v;
	while (ni_json_next(rec, &it, &k, &v)) {
		ni_json_str(k, &s);
		ni_json_str(v, &s);
	}
	ni_buf_free(&s);
	ni_eval_free(&ev);
	return 0;
}
