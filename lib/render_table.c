/* render_table.c - summary rows as tables and charts: terminal bars,
 * Markdown tables, HTML tables with inline SVG, the leading items of rows. */
#define _GNU_SOURCE
#include "render.h"

#include <stdlib.h>
#include <string.h>

/* ---- charts (SVG, for html and svg) ---- */

/* Is a key column a period (day, week, month, year)? */
int nr_is_time_key(const char *by)
{
	return !strncmp(by, "day", 3) || !strncmp(by, "week", 4) ||
	       !strncmp(by, "month", 5) || !strncmp(by, "year", 4);
}

/* An SVG bar chart: horizontal bars, or columns over time. */
void nr_svg_chart(ni_render *r, ni_buf *o, const bar *bars, size_t n,
		      int time_axis, const char *title)
{
	double max = 0;
	for (size_t i = 0; i < n; i++)
		if (bars[i].v > max)
			max = bars[i].v;
	if (max <= 0)
		max = 1;
	(void)r;
	if (time_axis) {
		/* counts over time: columns left to right */
		size_t cw = n > 60 ? 8 : n > 20 ? 14 : 28, h = 160;
		size_t w = 40 + n * cw + 20;
		ni_buf_printf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
			      "width=\"%zu\" height=\"%zu\" viewBox=\"0 0 %zu %zu\" "
			      "font-family=\"sans-serif\" font-size=\"11\">", w, h + 60, w, h + 60);
		ni_buf_adds(o, "<title>");
		ni_esc_xml(o, title, strlen(title));
		ni_buf_adds(o, "</title>");
		for (size_t i = 0; i < n; i++) {
			double bh = bars[i].v > 0 ? bars[i].v / max * (double)(h - 20) : 0;
			size_t x = 40 + i * cw;
			ni_buf_printf(o, "<rect x=\"%zu\" y=\"%.1f\" width=\"%zu\" height=\"%.1f\" "
				      "fill=\"#3b6ea5\"><title>", x, (double)h - bh, cw - 2, bh);
			ni_esc_xml(o, bars[i].label, bars[i].ln);
			ni_buf_printf(o, ": %.0f</title></rect>", bars[i].v);
			if (n <= 20 || i % (n / 10 + 1) == 0) {
				ni_buf_printf(o, "<text x=\"%zu\" y=\"%zu\" transform=\"rotate(60 %zu %zu)\">",
					      x, h + 12, x, h + 12);
				ni_esc_xml(o, bars[i].label, bars[i].ln);
				ni_buf_adds(o, "</text>");
			}
		}
		ni_buf_printf(o, "<text x=\"2\" y=\"14\">%.0f</text>"
			      "<line x1=\"38\" y1=\"%zu\" x2=\"%zu\" y2=\"%zu\" stroke=\"#888\"/></svg>",
			      max, h, w - 10, h);
		return;
	}
	size_t rowh = 22, w = 640, lw = 200, h = n * rowh + 10;
	ni_buf_printf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%zu\" "
		      "height=\"%zu\" viewBox=\"0 0 %zu %zu\" font-family=\"sans-serif\" "
		      "font-size=\"12\">", w, h, w, h);
	ni_buf_adds(o, "<title>");
	ni_esc_xml(o, title, strlen(title));
	ni_buf_adds(o, "</title>");
	for (size_t i = 0; i < n; i++) {
		double bw = bars[i].v > 0 ? bars[i].v / max * (double)(w - lw - 60) : 0;
		size_t y = 5 + i * rowh;
		ni_buf printable = {0};
		ni_fit(&printable, bars[i].label, bars[i].ln, 28, 0, 1);
		ni_buf_printf(o, "<text x=\"%zu\" y=\"%zu\" text-anchor=\"end\">", lw - 6, y + 15);
		ni_esc_xml(o, printable.s ? printable.s : "", printable.len);
		ni_buf_printf(o, "</text><rect x=\"%zu\" y=\"%zu\" width=\"%.1f\" height=\"%zu\" "
			      "fill=\"#3b6ea5\"/><text x=\"%.1f\" y=\"%zu\">%.0f</text>",
			      lw, y + 3, bw, rowh - 6, (double)lw + bw + 4, y + 15, bars[i].v);
		ni_buf_free(&printable);
	}
	ni_buf_adds(o, "</svg>");
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

static void put_share(ni_buf *o, double share)
{
	ni_buf_printf(o, "%.1f%%", share * 100);
}

/* A horizontal bar of frac * width columns, in eighths of a column. */
static void term_bar(ni_buf *o, double frac, size_t width)
{
	static const char *part[] = { "", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D",
		"\xE2\x96\x8C", "\xE2\x96\x8B", "\xE2\x96\x8A", "\xE2\x96\x89" };
	if (!(frac > 0))
		frac = 0;      /* a negative or NaN count draws nothing */
	if (frac > 1)
		frac = 1;
	size_t eighths = (size_t)(frac * (double)width * 8 + 0.5);
	for (size_t i = 0; i < eighths / 8; i++)
		ni_buf_adds(o, "\xE2\x96\x88");
	ni_buf_adds(o, part[eighths % 8]);
}

/* A row's label, escaped for the terminal, into e (lab: scratch). */
static void term_label(ni_jval row, const cols *c, ni_buf *lab, ni_buf *e)
{
	ni_buf_reset(lab);
	nr_row_label(row, c, lab);
	ni_buf_reset(e);
	ni_esc_term(e, lab->s ? lab->s : "", lab->len);
}

/* Rows as a terminal table with bars sized to the width. */
void nr_table_text(ni_render *r, rec *rows, size_t n)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	nr_row_cols(first, &c);
	size_t kw = 4;
	double max = 1;
	ni_buf lab = {0}, e = {0};
	for (size_t i = 0; i < n; i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		term_label(row, &c, &lab, &e);
		size_t w = ni_width(e.s ? e.s : "", e.len);
		if (w > kw)
			kw = w;
		if (nr_row_num(row, NI_ROW_COUNT) > max)
			max = nr_row_num(row, NI_ROW_COUNT);
	}
	if (kw > 40)
		kw = 40;
	size_t barw = r->o.width > kw + 22 ? r->o.width - kw - 22 : 10;
	ni_buf head = {0};
	for (int i = 0; i < c.n; i++)
		ni_buf_printf(&head, "%s%s", i ? " / " : "", c.name[i]);
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[1m");
	ni_fit(&r->b, head.s ? head.s : "", head.len, kw, -1, 0);
	ni_buf_adds(&r->b, "   count  share");
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[0m");
	ni_buf_addc(&r->b, '\n');
	for (size_t i = 0; i < n; i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		term_label(row, &c, &lab, &e);
		ni_fit(&r->b, e.s ? e.s : "", e.len, kw, -1, 0);
		double cnt = nr_row_num(row, NI_ROW_COUNT);
		ni_buf_printf(&r->b, "  %6.0f  ", cnt);
		ni_buf t = {0};
		put_share(&t, nr_row_num(row, NI_ROW_SHARE));
		ni_fit(&r->b, t.s, t.len, 6, 1, 0);
		ni_buf_free(&t);
		ni_buf_adds(&r->b, "  ");
		if (r->o.color)
			ni_buf_adds(&r->b, "\033[34m");
		term_bar(&r->b, cnt / max, barw);
		if (r->o.color)
			ni_buf_adds(&r->b, "\033[0m");
		ni_buf_addc(&r->b, '\n');
	}
	ni_buf_addc(&r->b, '\n');
	ni_buf_free(&lab);
	ni_buf_free(&e);
	ni_buf_free(&head);
}

/* Rows as a Markdown table. */
void nr_table_md(ni_render *r, rec *rows, size_t n)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	nr_row_cols(first, &c);
	ni_buf lab = {0};
	ni_buf_adds(&r->b, "|");
	for (int i = 0; i < c.n; i++) {
		ni_buf_addc(&r->b, ' ');
		ni_esc_md(&r->b, c.name[i], strlen(c.name[i]));
		ni_buf_adds(&r->b, " |");
	}
	ni_buf_adds(&r->b, " count | share |\n|");
	for (int i = 0; i < c.n; i++)
		ni_buf_adds(&r->b, "---|");
	ni_buf_adds(&r->b, "---:|---:|\n");
	for (size_t i = 0; i < n; i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		ni_buf_adds(&r->b, "|");
		for (int k = 0; k < c.n; k++) {
			ni_buf_reset(&lab);
			ni_jval v = ni_json_get(row, c.name[k], strlen(c.name[k]));
			if (v.t == NI_J_NULL)
				ni_buf_adds(&lab, "(none)");
			else
				ni_val_text(v, ", ", &lab);
			ni_buf_addc(&r->b, ' ');
			ni_esc_md(&r->b, lab.s ? lab.s : "", lab.len);
			ni_buf_adds(&r->b, " |");
		}
		ni_buf_printf(&r->b, " %.0f | ", nr_row_num(row, NI_ROW_COUNT));
		put_share(&r->b, nr_row_num(row, NI_ROW_SHARE));
		ni_buf_adds(&r->b, " |\n");
	}
	ni_buf_addc(&r->b, '\n');
	ni_buf_free(&lab);
}

/* Rows as an HTML table and an inline SVG chart. */
void nr_table_html(ni_render *r, rec *rows, size_t n, ni_buf *o)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	nr_row_cols(first, &c);
	bar *bars = ni_xcalloc(n + 1, sizeof *bars);
	ni_buf *labs = ni_xcalloc(n + 1, sizeof *labs);
	ni_buf head = {0};
	for (int i = 0; i < c.n; i++)
		ni_buf_printf(&head, "%s%s", i ? " / " : "", c.name[i]);
	ni_buf_adds(o, "<section class=\"summary\"><table><thead><tr>");
	for (int i = 0; i < c.n; i++) {
		ni_buf_adds(o, "<th>");
		ni_esc_html(o, c.name[i], strlen(c.name[i]));
		ni_buf_adds(o, "</th>");
	}
	/* a share says what it is a share of: the items counted */
	double total = 0;
	for (size_t i = 0; i < n && !(total > 0); i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		if (nr_row_num(row, NI_ROW_SHARE) > 0)
			total = nr_row_num(row, NI_ROW_COUNT) / nr_row_num(row, NI_ROW_SHARE);
	}
	ni_jval tr = ni_json_get(first, NI_ROW_TREND, strlen(NI_ROW_TREND));
	char period[32] = "";
	if (tr.t == NI_J_OBJ) {
		ni_buf pb = {0};
		ni_json_str(ni_json_get(tr, "period", 6), &pb);
		snprintf(period, sizeof period, "%s", pb.s ? pb.s : "");
		ni_buf_free(&pb);
	}
	ni_buf_adds(o, "<th class=\"n\">count</th>");
	if (total > 0)
		ni_buf_printf(o, "<th class=\"n\">share of %.0f items</th>", total);
	else
		ni_buf_adds(o, "<th class=\"n\">share</th>");
	if (*period) {
		ni_buf_adds(o, "<th class=\"n\">last ");
		ni_esc_html(o, period, strlen(period));
		ni_buf_adds(o, "</th><th class=\"n\">the ");
		ni_esc_html(o, period, strlen(period));
		ni_buf_adds(o, " before</th><th class=\"n\">change</th>");
	}
	ni_buf_adds(o, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		ni_buf_adds(o, "<tr>");
		for (int k = 0; k < c.n; k++) {
			ni_buf t = {0};
			ni_jval v = ni_json_get(row, c.name[k], strlen(c.name[k]));
			if (v.t == NI_J_NULL)
				ni_buf_adds(&t, "(none)");
			else
				ni_val_text(v, ", ", &t);
			ni_buf_adds(o, "<td>");
			ni_esc_html(o, t.s ? t.s : "", t.len);
			ni_buf_adds(o, "</td>");
			ni_buf_free(&t);
		}
		ni_buf_printf(o, "<td class=\"n\">%.0f</td><td class=\"n\">", nr_row_num(row, NI_ROW_COUNT));
		put_share(o, nr_row_num(row, NI_ROW_SHARE));
		ni_buf_adds(o, "</td>");
		if (*period) {
			ni_jval t = ni_json_get(row, NI_ROW_TREND, strlen(NI_ROW_TREND));
			ni_buf_printf(o, "<td class=\"n\">%.0f</td><td class=\"n\">%.0f</td>"
				      "<td class=\"n\">%+.0f</td>",
				      nr_row_num(t, "last"), nr_row_num(t, "previous"),
				      nr_row_num(t, "change"));
		}
		ni_buf_adds(o, "</tr>");
		nr_row_label(row, &c, &labs[i]);
		bars[i] = (bar){ labs[i].s ? labs[i].s : "", labs[i].len, nr_row_num(row, NI_ROW_COUNT) };
	}
	ni_buf_adds(o, "</tbody></table>");
	int time_axis = c.n == 1 && nr_is_time_key(c.name[0]);
	if (time_axis) {
		/* over time: in key order */
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0; j--) {
				size_t m = bars[j].ln < bars[j - 1].ln ? bars[j].ln : bars[j - 1].ln;
				int cmp = memcmp(bars[j].label, bars[j - 1].label, m);
				if (cmp > 0 || (!cmp && bars[j].ln >= bars[j - 1].ln))
					break;
				bar t = bars[j];
				bars[j] = bars[j - 1];
				bars[j - 1] = t;
			}
	}
	ni_buf_adds(o, "<figure>");
	nr_svg_chart(r, o, bars, n > 40 && !time_axis ? 40 : n, time_axis,
		  head.s ? head.s : "counts");
	ni_buf_adds(o, "</figure></section>\n");
	for (size_t i = 0; i < n; i++)
		ni_buf_free(&labs[i]);
	free(labs);
	free(bars);
	ni_buf_free(&head);
}

/* The overview record: item count, date range, leading values. */
void nr_overview_lines(ni_render *r, ni_jval ov, ni_buf *o, int html)
{
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
			ni_buf_printf(o, "%s%s: ", r->o.format == NI_F_MD ? "- " : "  ", dims[i]);
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
