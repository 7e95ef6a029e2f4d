/* fuzz_map - ni-map programs: parse, then run on fixed records; the output
 * of a run must itself be one valid JSON object, and the same whether the
 * record's members come from the scanner's index or from its line. */
#define _GNU_SOURCE
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const char *recs[] = {
	"{\"id\":\"a\",\"tags\":[\"llm\",\"ai\"],\"confidence\":0.70,\"date_published\":\"2026-08-12\",\"title\":\"NVIDIA \\ud55c\\uad6d\uc5b4 <b>x</b> &amp;\",\"regions\":[\"apac\"]}",
	"{\"a\":{\"b\":[1,{\"c\":null}]},\"a.b\":2,\"t\":\"x\\u0000y\",\"n\":-0,\"d\":\"2026-03-16T07:17:40.451Z\"}",
	"{}",
	" { \"k\\u0065y\" : 1e3 ,\t\"title\":\"LLM \\u00e9\" , \"a\": {\"b\" : [ ]} } ",
	"{\"id\": \"b\", \"title\": \"AI\", \"n\": 1.0, \"tags\": [\"x\", \"y\"]}",
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
		ni_eval ev = { .dc = &dc }, ev2 = { .dc = &dc };
		ni_jidx idx = {0};
		ni_buf out = {0}, out2 = {0};
		for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
			const char *e;
			size_t col;
			if (ni_json_check(recs[i], strlen(recs[i]), NI_MAX_DEPTH, &idx, &e, &col))
				abort();
			ev.nr = ev2.nr = i + 1;
			ni_buf_reset(&out);
			ni_buf_reset(&out2);
			int r = ni_map_run(m, &ev, recs[i], strlen(recs[i]), &idx, &out);
			if (r == NI_MAP_OUT &&
			    ni_json_check(out.s, out.len, 1000, NULL, &e, &col))
				abort();   /* ni-map wrote an invalid record */
			/* without the index: the members walked from the line */
			int r2 = ni_map_run(m, &ev2, recs[i], strlen(recs[i]), NULL, &out2);
			if (r2 != r || out.len != out2.len ||
			    (out.len && memcmp(out.s, out2.s, out.len)))
				abort();   /* the two ways to the members differ */
		}
		ni_buf_free(&out);
		ni_buf_free(&out2);
		ni_jidx_free(&idx);
		ni_eval_free(&ev);
		ni_eval_free(&ev2);
		ni_map_free(m);
	} else if (off > size) {
		abort();           /* an error offset outside the program */
	}
	free(src);
	return 0;
}
