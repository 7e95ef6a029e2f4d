/* render_json.c - the json format: one JSON array of the records,
 * pretty-printed, strings and numbers kept as written. */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

/* Pretty-print validated JSON text, keeping strings and numbers as
 * written. */
static void pretty(ni_buf *o, const char *s, size_t n, int base)
{
	int depth = base;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			size_t j = i + 1;
			while (j < n && s[j] != '"')
				j += s[j] == '\\' ? 2 : 1;
			ni_buf_add(o, s + i, j + 1 - i);
			i = j;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if ((c == '{' || c == '[') && i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']')) {
			ni_buf_addc(o, c);
			ni_buf_addc(o, s[++i]);
			continue;
		}
		if (c == '{' || c == '[') {
			ni_buf_addc(o, c);
			depth++;
			ni_buf_addc(o, '\n');
			for (int k = 0; k < depth; k++)
				ni_buf_adds(o, "  ");
		} else if (c == '}' || c == ']') {
			depth--;
			ni_buf_addc(o, '\n');
			for (int k = 0; k < depth; k++)
				ni_buf_adds(o, "  ");
			ni_buf_addc(o, c);
		} else if (c == ',') {
			ni_buf_adds(o, ",\n");
			for (int k = 0; k < depth; k++)
				ni_buf_adds(o, "  ");
		} else if (c == ':') {
			ni_buf_adds(o, ": ");
		} else {
			ni_buf_addc(o, c);
		}
	}
}

static void json_begin(ni_render *r)
{
	ni_buf_adds(&r->b, "[");
	r->json.first = 1;
}

static int json_item(ni_render *r, const view *v, const nr_src *s, int summary)
{
	ni_buf_adds(&r->b, r->json.first ? "\n  " : ",\n  ");
	pretty(&r->b, s->line, s->n, 1);
	r->json.first = 0;
	return 1;
}

static void json_end(ni_render *r, const ni_buf *range)
{
	ni_buf_adds(&r->b, r->json.first ? "]\n" : "\n]\n");
	(void)range;
}

/* Contract: see render.h (the json row of the format table). */
const nr_format nr_fmt_json = {
	.name = "json", .esc = NI_ESC_NONE, .rows = NR_ROWS_RECORD,
	.begin = json_begin, .item = json_item, .end = json_end,
};
