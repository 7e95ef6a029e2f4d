/* fuzz_template - the template parser, then rendering with every escaper.
 * Invariant: with HTML escaping, a template without '<' writes none. */
#define _GNU_SOURCE
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const char *rec =
	"{\"title\":\"<b>x</b>&\",\"title_ko\":\"한국어 제목\",\"tags\":[\"a\",\"<i>\"],"
	"\"date_published\":\"2026-08-12\",\"n\":3,\"o\":{\"k\":\"v\"},\"z\":\"x\\u0000\\u001b\"}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 2048)
		return 0;
	char *src = ni_xstrndup((const char *)data, size);
	ni_perr pe;
	ni_tpl *t = ni_tpl_parse(src, &pe);
	if (t) {
		/* markup only from the template's own text, |raw, or |md
		 * (Markdown through the sanitiser) */
		int has_lt = memchr(src, '<', size) != NULL || strstr(src, "raw") ||
			     strstr(src, "md");
		for (int e = NI_ESC_NONE; e <= NI_ESC_TSV; e++) {
			ni_tplctx c = { .lang = e % 2 ? "ko" : "en", .esc = (ni_esc)e, .dc = &dc };
			ni_buf out = {0};
			ni_tpl_render(t, ni_json_record(rec, strlen(rec)), NULL, &c, &out);
			if (e == NI_ESC_HTML && !has_lt && out.len && memchr(out.s, '<', out.len))
				abort();
			ni_buf_free(&out);
		}
		ni_tpl_free(t);
	}
	free(src);
	return 0;
}
