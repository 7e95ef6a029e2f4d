/* fuzz_map - ni-map programs: parse, then run on fixed records; the output
 * of a run must itself be one valid JSON object, the same whether the
 * record's members come from the scanner's index or from its line, and
 * the same as pieces (ni_map_run_segs, ni-map's output path). */
#define _GNU_SOURCE
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#define LONG10 "0123456789abcdefghijklmnopqrstuvwxyz "
#define LONG LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10
static const char *recs[] = {
	"{\"id\":\"a\",\"tags\":[\"llm\",\"ai\"],\"confidence\":0.70,\"date_published\":\"2026-08-12\",\"title\":\"NVIDIA \\ud55c\\uad6d\uc5b4 <b>x</b> &amp;\",\"regions\":[\"apac\"]}",
	"{\"a\":{\"b\":[1,{\"c\":null}]},\"a.b\":2,\"t\":\"x\\u0000y\",\"n\":-0,\"d\":\"2026-03-16T07:17:40.451Z\"}",
	"{}",
	" { \"k\\u0065y\" : 1e3 ,\t\"title\":\"LLM \\u00e9\" , \"a\": {\"b\" : [ ]} } ",
	"{\"id\": \"b\", \"title\": \"AI\", \"n\": 1.0, \"tags\": [\"x\", \"y\"]}",
	/* compact, with runs of members long enough to be pieces of the
	 * line in ni_map_run_segs (NI_MSEG_MIN) */
	"{\"id\":\"c\",\"summary\":\"" LONG "\",\"title\":\"t\",\"body\":\"" LONG "\"}",
	"{\"summary\":\"" LONG "\",\"n\":2,\"tags\":[\"a\"],\"x\":\"" LONG "\",\"y\":1}",
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
		ni_eval ev = { .dc = &dc }, ev2 = { .dc = &dc }, ev3 = { .dc = &dc };
		ni_jidx idx = {0};
		ni_buf out = {0}, out2 = {0}, out3 = {0}, segv = {0}, joined = {0};
		ni_buf_adds(&out3, "pre");   /* offsets are from out's start */
		for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
			const char *e;
			size_t col;
			if (ni_json_check(recs[i], strlen(recs[i]), NI_MAX_DEPTH, &idx, &e, &col))
				abort();
			ev.nr = ev2.nr = ev3.nr = i + 1;
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
			/* as pieces, after the earlier records' in the same
			 * buffers (as a batch): this record's pieces are the
			 * same bytes, then the end of line */
			size_t o0 = out3.len, s0 = segv.len;
			int r3 = ni_map_run_segs(m, &ev3, recs[i], strlen(recs[i]), &idx,
						 &out3, &segv, "\n");
			const ni_mseg *sg = segv.s ? (const ni_mseg *)(void *)(segv.s + s0) : NULL;
			ni_buf_reset(&joined);
			for (size_t k = 0; k < (segv.len - s0) / sizeof *sg; k++)
				ni_buf_add(&joined, sg[k].p ? sg[k].p : out3.s + sg[k].off,
					   sg[k].len);
			if (segv.len == s0)     /* no pieces: all of it in out */
				ni_buf_add(&joined, out3.s + o0, out3.len - o0);
			if (r3 != r || (r == NI_MAP_OUT &&
					(joined.len != out.len + 1 ||
					 memcmp(joined.s, out.s, out.len) ||
					 joined.s[out.len] != '\n')) ||
			    (r != NI_MAP_OUT && (segv.len != s0 || out3.len != o0)))
				abort();   /* the pieces are not the record */
		}
		ni_buf_free(&out);
		ni_buf_free(&out2);
		ni_buf_free(&segv);
		ni_buf_free(&out3);
		ni_buf_free(&joined);
		ni_eval_free(&ev3);
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
