/* fuzz_expr - the expression parser, then evaluation on fixed records. */
#define _GNU_SOURCE
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const char *recs[] = {
	"{\"id\":\"a\",\"tags\":[\"llm\",\"ai\"],\"confidence\":0.8,\"date_published\":\"2026-08-12\",\"title\":\"NVIDIA 한국어\"}",
	"{\"a\":{\"b\":[1,{\"c\":null}]},\"t\":\"x\\u0000y\",\"n\":-0,\"d\":\"2026-03-16T07:17:40.451Z\"}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *src = ni_xstrndup((const char *)data, size);
	ni_perr pe;
	for (int icase = 0; icase < 2; icase++) {
		ni_expr_opts o = { &dc, icase };
		ni_expr *e = ni_expr_parse(src, &o, &pe);
		if (!e) {
			if (pe.col < 1 || pe.col > size + 1)
				abort();   /* the caret must point into the text */
			continue;
		}
		ni_eval ev = { .dc = &dc, .icase = icase, .explain = 1 };
		for (size_t i = 0; i < 2; i++)
			ni_expr_eval(e, ni_json_record(recs[i], strlen(recs[i])), &ev);
		ni_eval_free(&ev);
		ni_expr_free(e);
	}
	free(src);
	return 0;
}
