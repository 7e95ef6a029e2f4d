/* fuzz_frontmatter - a document: front matter split, UTF-8 check, YAML
 * events -> JSON.  Invariant: what the converter accepts is one valid
 * JSON object (checked by ni's own validator). */
#define _GNU_SOURCE
#include "ni.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ni_doc doc;
	const char *err;
	unsigned long line;
	if (ni_fm_split((const char *)data, size, &doc, &err, &line) != NI_FM_OK)
		return 0;
	size_t off;
	const char *fm = (const char *)data + doc.fm_off;
	if (ni_utf8_check(fm, doc.fm_len, &off, &err))
		return 0;
	ni_yaml_opts o = { NI_MAX_DEPTH, NI_MAX_ALIASES, doc.fm_len * 10 + 65536 };
	ni_buf out = {0};
	ni_yaml_result r;
	if (ni_yaml_to_json(fm, doc.fm_len, &o, &out, &r) == 0) {
		ni_buf_adds(&out, "}");
		size_t col;
		/* nesting may reach the limit plus the closing object */
		if (ni_json_check(out.s, out.len, NI_MAX_DEPTH + 1, NULL, &err, &col) != 0)
			abort();
	}
	free(r.keys);
	ni_buf_free(&out);
	return 0;
}
