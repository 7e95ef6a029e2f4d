/* render_table.c - what the formats share about summary rows: their key
 * columns, labels, numbers and shares, the overview lines, the leading
 * items of rows; and an item's key points. */
#define _GNU_SOURCE
#include "render.h"

#include <stdlib.h>
#include <string.h>

/* Is a key column a period (day, week, month, year)? */
int nr_is_time_key(const char *by)
{
	return !strncmp(by, "day", 3) || !strncmp(by, "week", 4) ||
	       !strncmp(by, "month", 5) || !strncmp(by, "year", 4);
}

/* ---- summary rows ---- */

/* The key columns of a summary row. */
void nr_row_cols(ni_jval row, cols *c)
{
	const char *it = NULL;
	ni_jval k, v;
	c->n = 0;
	while (ni_json_next(row, &it, &k, &v)) {
		ni_buf b = {0};
		ni_json_str(k, &b);
		const char *s = b.s ? b.s : "";
		if (!strcmp(s, NI_ROW_COUNT)) {
			ni_buf_free(&b);
			break;
		}
		if (s[0] != '_' && c->n < 16)
			snprintf(c->name[c->n++], sizeof c->name[0], "%s", s);
		ni_buf_free(&b);
	}
}

/* The key values of a row joined with " / " (null as "(none)"). */
void nr_row_label(ni_jval row, const cols *c, ni_buf *out)
{
	for (int i = 0; i < c->n; i++) {
		if (i)
			ni_buf_adds(out, " / ");
		ni_jval v = ni_json_get(row, c->name[i], strlen(c->name[i]));
		if (v.t == NI_J_NULL || v.t == NI_J_NONE)
			ni_buf_adds(out, "(none)");
		else
			ni_val_text(v, ", ", out);
	}
}

/* A numeric member of a row (0 when missing). */
double nr_row_num(ni_jval row, const char *k)
{
	ni_jval v = ni_json_get(row, k, strlen(k));
	return v.t == NI_J_NUM ? ni_json_num(v) : 0;
}

/* Contract: see render.h. */
void nr_put_share(ni_buf *o, double share)
{
	ni_buf_printf(o, "%.1f%%", share * 100);
}

/* Contract: see render.h. */
double nr_rows_total(rec *rows, size_t n)
{
	double total = 0;
	for (size_t i = 0; i < n && !(total > 0); i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		if (nr_row_num(row, NI_ROW_SHARE) > 0)
			total = nr_row_num(row, NI_ROW_COUNT) / nr_row_num(row, NI_ROW_SHARE);
	}
	return total;
}

/* The overview record: item count, date range, leading values. */
void nr_overview_lines(ni_render *r, ni_jval ov, ni_buf *o, const char *bullet)
{
	int html = !bullet;
	const char *const *dims = ni_overview_dims;
	ni_buf t = {0};
	double cnt = nr_row_num(ov, NI_ROW_COUNT);
	ni_buf_printf(&t, "%.0f %s", cnt, cnt == 1 ? "item" : "items");
	ni_jval f = ni_json_get(ov, NI_ROW_FIRST, strlen(NI_ROW_FIRST)),
	       l = ni_json_get(ov, NI_ROW_LAST, strlen(NI_ROW_LAST));
	if (f.t == NI_J_STR && l.t == NI_J_STR) {
		ni_buf_adds(&t, ", ");
		ni_json_str(f, &t);
		ni_buf_adds(&t, " \xE2\x80\x93 ");
		ni_json_str(l, &t);
	}
	if (html) {
		ni_buf_adds(o, "<section class=\"overview\"><p>");
		ni_esc_html(o, t.s, t.len);
		ni_buf_adds(o, "</p><dl>");
	} else {
		nr_esc(r, o, t.s, t.len);
		ni_buf_adds(o, "\n");
	}
	for (int i = 0; i < NI_OVERVIEW_NDIMS; i++) {
		ni_jval arr = ni_json_get(ov, dims[i], strlen(dims[i]));
		const char *it = NULL;
		ni_jval e;
		ni_buf_reset(&t);
		int k = 0;
		while (ni_json_next(arr, &it, NULL, &e)) {
			ni_jval key = ni_json_get(e, NI_ROW_KEY, strlen(NI_ROW_KEY));
			if (k++)
				ni_buf_adds(&t, ", ");
			if (key.t == NI_J_NULL)
				ni_buf_adds(&t, "(none)");
			else
				ni_val_text(key, ", ", &t);
			ni_buf_printf(&t, " %.0f", nr_row_num(e, NI_ROW_COUNT));
		}
		if (html) {
			ni_buf_adds(o, "<dt>");
			ni_esc_html(o, dims[i], strlen(dims[i]));
			ni_buf_adds(o, "</dt><dd>");
			ni_esc_html(o, t.s ? t.s : "", t.len);
			ni_buf_adds(o, "</dd>");
		} else {
			ni_buf_printf(o, "%s%s: ", bullet, dims[i]);
			nr_esc(r, o, t.s ? t.s : "", t.len);
			ni_buf_addc(o, '\n');
		}
	}
	if (html)
		ni_buf_adds(o, "</dl></section>\n");
	else
		ni_buf_addc(o, '\n');
	ni_buf_free(&t);
}

/* Contract: see render.h. */
void nr_row_items(ni_render *r, rec *rows, size_t n, ni_buf *o, nr_lead_fn put)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	nr_row_cols(first, &c);
	int any = 0;
	ni_buf lab = {0}, t = {0}, u = {0};
	for (size_t i = 0; i < n; i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		ni_jval items = ni_json_get(row, NI_ROW_ITEMS, strlen(NI_ROW_ITEMS));
		if (items.t != NI_J_ARR || items.n <= 2)
			continue;
		ni_buf_reset(&lab);
		nr_row_label(row, &c, &lab);
		if (!any)
			put(r, o, NR_LEAD_OPEN, &lab, NULL);
		put(r, o, NR_LEAD_GROUP, &lab, NULL);
		any = 1;
		const char *it = NULL;
		ni_jval e;
		while (ni_json_next(items, &it, NULL, &e)) {
			view v = { e, NULL };
			nr_text_of(r, &v, "title", 1, &t);
			ni_buf_reset(&u);
			ni_buf raw = {0};
			ni_val_text(ni_json_get(e, "canonical_url", 13), "", &raw);
			int link = ni_url_ok(raw.s ? raw.s : "", raw.len, &u);
			ni_buf_free(&raw);
			put(r, o, NR_LEAD_ITEM, &t, link ? &u : NULL);
		}
		put(r, o, NR_LEAD_GROUP_END, &lab, NULL);
	}
	if (any)
		put(r, o, NR_LEAD_CLOSE, &lab, NULL);
	ni_buf_free(&lab);
	ni_buf_free(&t);
	ni_buf_free(&u);
}

/* Contract: see render.h. */
void nr_key_points(ni_render *r, const view *v, ni_buf *o, int html)
{
	ni_jval kp = ni_loc(v->rec, v->idx, "key_points", r->o.lang);
	if (kp.t != NI_J_ARR || kp.n <= 2)
		return;
	const char *it = NULL;
	ni_jval e;
	ni_buf t = {0};
	if (html)
		ni_buf_adds(o, "<ul>");
	while (ni_json_next(kp, &it, NULL, &e)) {
		ni_buf_reset(&t);
		ni_val_text(e, ", ", &t);
		if (!t.len)
			continue;
		ni_buf_adds(o, html ? "<li>" : "- ");
		nr_esc(r, o, t.s, t.len);
		ni_buf_adds(o, html ? "</li>" : "\n");
	}
	if (html)
		ni_buf_adds(o, "</ul>");
	ni_buf_free(&t);
}
