/* fuzz_map - ni-map programs: parse, then run on fixed records; the output
 * of a run must itself be one valid JSON object. */
#define _GNU_SOURCE
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const char *recs[] = {
	"{\"id\":\"a\",\"tags\":[\"llm\",\"ai\"],\"confidence\":0.70,\"date_published\":\"2026-08-12\",\"title\":\"NVIDIA \\ud55c\\uad6d\uc5b4 <b>x</b> &amp;\",\"regions\":[\"apac\"]}",
	"{\"a\":{\"b\":[1,{\"c\":null}]},\"a.b\":2,\"t\":\"x\\u0000y\",\"n\":-0,\"d\":\"2026-03-16T07:17:40.451Z\"}",
	"{}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *src = ni_xstrndup((const char *)data, size);
	char err[300];
	size_t off;
	ni_expr_opts o = { &dc, 0 };
	ni_map *m = ni_map_parse(src, &o, err, sizeof err, &off);
	if (m) {
		ni_eval ev = { .dc = &dc };
		ni_jidx idx = {0};
		ni_buf out = {0};
		for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
			const char *e;
			size_t col;
			if (ni_json_check(recs[i], strlen(recs[i]), NI_MAX_DEPTH, &idx, &e, &col))
				abort();
			ev.nr = i + 1;
			ni_buf_reset(&out);
			if (ni_map_run(m, &ev, recs[i], strlen(recs[i]), &idx, &out) == NI_MAP_OUT &&
			    ni_json_check(out.s, out.len, 1000, NULL, &e, &col))
				abort();   /* ni-map wrote an invalid record */
		}
		ni_buf_free(&out);
		ni_jidx_free(&idx);
		ni_eval_free(&ev);
		ni_map_free(m);
	} else if (off > size) {
		abort();           /* an error offset outside the program */
	}
	free(src);
	return 0;
}
