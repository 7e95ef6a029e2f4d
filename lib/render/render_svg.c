/* render_svg.c - the svg format: the first table of summary rows as a
 * bar chart (columns over time for a period key); the chart drawing that
 * the html format uses too. */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

/* An SVG bar chart: horizontal bars, or columns over time. */
void nr_svg_chart(ni_buf *o, const bar *bars, size_t n, int time_axis,
		  const char *title)
{
	double max = 0;
	for (size_t i = 0; i < n; i++)
		if (bars[i].v > max)
			max = bars[i].v;
	if (max <= 0)
		max = 1;
	if (time_axis) {
		/* counts over time: columns left to right */
		size_t cw = n > 60 ? 8 : n > 20 ? 14 : 28, h = 160;
		size_t w = 40 + n * cw + 20;
		ni_buf_printf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
			      "width=\"%zu\" height=\"%zu\" viewBox=\"0 0 %zu %zu\" "
			      "font-family=\"sans-serif\" font-size=\"11\">", w, h + 72, w, h + 72);
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

/* One chart per document: the first run of rows; a later one is an
 * error (reported), items are not drawn. */
static void svg_table(ni_render *r, rec *rows, size_t n)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	nr_row_cols(first, &c);
	bar *bars = ni_xcalloc(n + 1, sizeof *bars);
	ni_buf *labs = ni_xcalloc(n + 1, sizeof *labs);
	for (size_t i = 0; i < n; i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		nr_row_label(row, &c, &labs[i]);
		bars[i] = (bar){ labs[i].s ? labs[i].s : "", labs[i].len,
				 nr_row_num(row, NI_ROW_COUNT) };
	}
	if (r->items || r->svg.drawn)
		ni_error(r->o.d, "svg: only the first table is drawn");
	else
		nr_svg_chart(&r->b, bars, n > 60 ? 60 : n,
			     c.n == 1 && nr_is_time_key(c.name[0]),
			     r->o.title ? r->o.title : c.n ? c.name[0] : "counts");
	r->svg.drawn = 1;
	for (size_t i = 0; i < n; i++)
		ni_buf_free(&labs[i]);
	free(labs);
	free(bars);
}

/* A document without rows still is an SVG image. */
static void svg_end(ni_render *r, const ni_buf *range)
{
	if (!r->svg.drawn)
		ni_buf_adds(&r->b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"40\">"
			    "<text x=\"10\" y=\"24\" font-family=\"sans-serif\">no summary rows</text></svg>");
	ni_buf_addc(&r->b, '\n');
	(void)range;
}

/* Contract: see render.h (the svg row of the format table). */
const nr_format nr_fmt_svg = {
	.name = "svg", .esc = NI_ESC_XML, .rows = NR_ROWS_TABLE,
	.table = svg_table, .end = svg_end,
};
