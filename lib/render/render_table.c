/* render_table.c - what the formats share about summary rows: their key
 * columns, labels, numbers and shares, the overview lines, the leading
 * items of rows; and an item's key points. */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <math.h>
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
	for (size_t i = 0; i < n; i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		if (!(nr_row_num(row, NI_ROW_SHARE) > 0))
			continue;
		double t = nr_row_num(row, NI_ROW_COUNT) / nr_row_num(row, NI_ROW_SHARE);
		if (!(total > 0))
			total = t;
		else if (llround(t) != llround(total))
			return -1;   /* shares of different groups (-b week,tags) */
	}
	return total;
}

/* Contract: see render.h. */
void nr_share_head(rec *rows, size_t n, const cols *c, ni_buf *out)
{
	double total = nr_rows_total(rows, n);
	if (total > 0) {
		ni_buf_printf(out, "share of %.0f %s", total, llround(total) == 1 ? "item" : "items");
	} else if (total < 0 && c->n > 1) {
		ni_buf_adds(out, "share of its ");
		for (int i = 0; i + 1 < c->n; i++) {
			if (i)
				ni_buf_adds(out, i + 2 == c->n ? " and " : ", ");
			for (const char *p = c->name[i]; *p; p++)
				ni_buf_addc(out, *p == '_' ? ' ' : *p);
		}
	} else {
		ni_buf_adds(out, "share");
	}
}

/* Contract: see render.h. */
void nr_table_caption(ni_jval first, const cols *c, ni_buf *out)
{
	ni_buf keys = {0};
	for (int i = 0; i < c->n; i++) {
		if (i)
			ni_buf_adds(&keys, i + 1 == c->n ? " and " : ", ");
		for (const char *p = c->name[i]; *p; p++)
			ni_buf_addc(&keys, *p == '_' ? ' ' : *p);
	}
	ni_jval tr = ni_json_get(first, NI_ROW_TREND, strlen(NI_ROW_TREND));
	if (tr.t == NI_J_OBJ) {
		ni_buf per = {0};
		ni_json_str(ni_json_get(tr, "period", 6), &per);
		ni_buf_printf(out, "What is rising: %s, the last %s against the %s before",
			      keys.s ? keys.s : "", per.s ? per.s : "", per.s ? per.s : "");
		ni_buf_free(&per);
	} else {
		ni_buf_printf(out, "Items by %s", keys.s ? keys.s : "");
	}
	ni_buf_free(&keys);
}

/* Contract: see render.h. */
size_t nr_hist(ni_jval ov, size_t k, ni_buf *field, ni_buf **labs, double **counts)
{
	ni_jval h = ni_json_get(ov, "hist", 4), f;
	const char *it = NULL;
	ni_jval key;
	int found = 0;
	for (size_t i = 0; h.t == NI_J_OBJ && ni_json_next(h, &it, &key, &f); i++)
		if (i == k) {
			found = 1;
			break;
		}
	if (!found || f.t != NI_J_OBJ)
		return 0;
	ni_buf_reset(field);
	ni_json_str(key, field);
	ni_jval edges = ni_json_get(f, "edges", 5), cnt = ni_json_get(f, "counts", 6);
	size_t ne = 0, nc = 0;
	ni_jval e;
	for (it = NULL; ni_json_next(edges, &it, NULL, &e);)
		ne++;
	for (it = NULL; ni_json_next(cnt, &it, NULL, &e);)
		nc++;
	if (!nc || nc != ne + 1)
		return 0;
	*labs = ni_xcalloc(nc, sizeof **labs);
	*counts = ni_xcalloc(nc, sizeof **counts);
	ni_buf prev = {0}, cur = {0};
	const char *ie = NULL;
	it = NULL;
	for (size_t b = 0; b < nc; b++) {
		ni_json_next(cnt, &it, NULL, &e);
		(*counts)[b] = e.t == NI_J_NUM ? ni_json_num(e) : 0;
		ni_buf_reset(&cur);
		if (b < ne) {
			ni_json_next(edges, &ie, NULL, &e);
			ni_val_text(e, "", &cur);
		}
		if (b == 0)
			ni_buf_printf(&(*labs)[b], "below %s", cur.s ? cur.s : "");
		else if (b == ne)
			ni_buf_printf(&(*labs)[b], "%s and above", prev.s ? prev.s : "");
		else
			ni_buf_printf(&(*labs)[b], "%s to under %s", prev.s ? prev.s : "",
				      cur.s ? cur.s : "");
		ni_buf_reset(&prev);
		ni_buf_add(&prev, cur.s ? cur.s : "", cur.len);
	}
	ni_buf_free(&prev);
	ni_buf_free(&cur);
	return nc;
}

/* Free what nr_hist gave. */
void nr_hist_free(ni_buf *labs, double *counts, size_t n)
{
	for (size_t i = 0; labs && i < n; i++)
		ni_buf_free(&labs[i]);
	free(labs);
	free(counts);
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
	if (html) {
		ni_buf_adds(o, "</dl></section>\n");
		ni_buf_free(&t);
		return;
	}
	/* --hist bands as a line each: "confidence: below 0.5 1, ..." */
	ni_buf field = {0}, *labs;
	double *counts;
	size_t nb;
	for (size_t k = 0; (nb = nr_hist(ov, k, &field, &labs, &counts)); k++) {
		ni_buf_reset(&t);
		for (size_t b = 0; b < nb; b++)
			ni_buf_printf(&t, "%s%s %.0f", b ? ", " : "", labs[b].s, counts[b]);
		ni_buf_printf(o, "%s", bullet);
		nr_esc(r, o, field.s ? field.s : "", field.len);
		ni_buf_adds(o, ": ");
		nr_esc(r, o, t.s ? t.s : "", t.len);
		ni_buf_addc(o, '\n');
		nr_hist_free(labs, counts, nb);
	}
	ni_buf_free(&field);
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
	ni_buf lab = {0};
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
			const ni_itemview *iv = nr_itemview(r, &v, NR_IV_TITLE | NR_IV_LINK);
			put(r, o, NR_LEAD_ITEM, &iv->loc.title,
			    iv->has_link ? &iv->link : NULL);
		}
		put(r, o, NR_LEAD_GROUP_END, &lab, NULL);
	}
	if (any)
		put(r, o, NR_LEAD_CLOSE, &lab, NULL);
	ni_buf_free(&lab);
}

/* Contract: see render.h. */
void nr_key_points(ni_render *r, ni_jval kp, ni_buf *o, int html)
{
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
