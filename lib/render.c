/* render.c - item and summary records -> terminal text, Markdown, HTML,
 * Atom, RSS, email, CSV/TSV, JSON, SVG.
 *
 * The driver sorts records into items and runs of summary rows (rows with
 * the same _by make one table) and calls the format's functions.  Every
 * value from a record goes through escape.c for its format.  Output is
 * built in a buffer flushed to the ni_out as it grows, so streaming
 * formats stay in flat memory; --group-by and email keep the records (or
 * the rendered parts) until the end. */
#define _GNU_SOURCE
#include "ni.h"

#include <stdlib.h>
#include <string.h>

typedef struct rec {       /* a kept record (for tables and --group-by) */
	char *line;
	size_t n;
	char *file;
	unsigned long lineno;
} rec;

struct ni_render {
	ni_render_opts o;
	ni_out *out;
	ni_buf b;              /* pending output */
	int mem;               /* render into b only (email parts) */
	long items, errors;
	char *first, *last;    /* date range of the items */
	int64_t first_ms, last_ms;
	int started;
	rec *tab;              /* the current run of summary rows */
	size_t ntab, captab;
	char *tab_by;          /* its _by text */
	rec *all;              /* --group-by: every record */
	size_t nall, capall;
	int csv_header;
	int json_first;
	ni_render *text, *html; /* email: the two parts */
	ni_hashset ids;        /* feeds: entry ids already written */
	ni_buf tmp, tmp2;
	uint64_t hash;         /* email Message-ID: hash of the item ids */
};

static const char *fmt_names[] = { "text", "md", "html", "atom", "rss",
				   "email", "csv", "tsv", "json", "svg", NULL };

/* Contract: see ni.h. */
int ni_render_format(const char *name)
{
	for (int i = 0; fmt_names[i]; i++)
		if (!strcmp(name, fmt_names[i]))
			return i;
	if (!strcmp(name, "markdown"))
		return NI_F_MD;
	return -1;
}

static void flush(ni_render *r)
{
	if (r->mem || !r->b.len)
		return;
	ni_out_write(r->out, r->b.s, r->b.len);
	ni_buf_reset(&r->b);
}

static void maybe_flush(ni_render *r)
{
	if (r->b.len > (64u << 10))
		flush(r);
}

/* ---- record helpers ---- */

typedef struct view {
	ni_jval rec;
	const ni_jidx *idx;
} view;

static ni_jval get(const view *v, const char *f)
{
	return ni_json_ipath(v->rec, v->idx, f);
}

/* Text of field f (localized for lang when lang is set) into b. */
static int text_of(const ni_render *r, const view *v, const char *f,
		   int localize, ni_buf *b)
{
	ni_buf_reset(b);
	ni_jval x = localize ? ni_loc(v->rec, v->idx, f, r->o.lang) : get(v, f);
	ni_val_text(x, ", ", b);
	return b->len > 0;
}

static void esc(ni_render *r, ni_buf *out, const char *s, size_t n)
{
	switch (r->o.format) {
	case NI_F_HTML: case NI_F_EMAIL: ni_esc_html(out, s, n); break;
	case NI_F_ATOM: case NI_F_RSS: case NI_F_SVG: ni_esc_xml(out, s, n); break;
	case NI_F_MD: ni_esc_md(out, s, n); break;
	default: ni_esc_term(out, s, n); break;
	}
}

static void escs(ni_render *r, ni_buf *out, const ni_buf *s)
{
	esc(r, out, s->s ? s->s : "", s->len);
}

static int date_of(ni_render *r, const view *v, int64_t *ms, ni_buf *txt)
{
	ni_buf_reset(txt);
	ni_jval d = get(v, "date_published");
	if (d.t != NI_J_STR)
		return -1;
	ni_json_str(d, txt);
	return txt->s ? ni_date_parse_field(r->o.dc, txt->s, txt->len, ms) : -1;
}

static void note_range(ni_render *r, const view *v)
{
	int64_t ms;
	ni_buf t = {0};
	if (!date_of(r, v, &ms, &t)) {
		if (!r->first || ms < r->first_ms) {
			free(r->first);
			r->first = ni_xstrndup(t.s, t.len > 10 ? 10 : t.len);
			r->first_ms = ms;
		}
		if (!r->last || ms > r->last_ms) {
			free(r->last);
			r->last = ni_xstrndup(t.s, t.len > 10 ? 10 : t.len);
			r->last_ms = ms;
		}
	}
	ni_buf_free(&t);
}

static const char *dflt_title(const ni_render *r)
{
	return r->o.title ? r->o.title : "News digest";
}

/* ---- template documents (-F, -T) ---- */

static int doc_var(void *arg, const char *name, ni_buf *out)
{
	ni_render *r = arg;
	if (!strcmp(name, "title")) ni_buf_adds(out, dflt_title(r));
	else if (!strcmp(name, "count")) ni_buf_printf(out, "%ld", r->items);
	else if (!strcmp(name, "first")) ni_buf_adds(out, r->first ? r->first : "");
	else if (!strcmp(name, "last")) ni_buf_adds(out, r->last ? r->last : "");
	else if (!strcmp(name, "lang")) ni_buf_adds(out, r->o.lang);
	else if (!strcmp(name, "now")) {
		char t[40];
		ni_date_rfc3339(r->o.dc->now, t);
		ni_buf_adds(out, t);
	} else
		return 0;
	return 1;
}

static ni_esc tpl_esc(const ni_render *r)
{
	switch (r->o.format) {
	case NI_F_HTML: case NI_F_EMAIL: return NI_ESC_HTML;
	case NI_F_ATOM: case NI_F_RSS: case NI_F_SVG: return NI_ESC_XML;
	case NI_F_MD: return NI_ESC_MD;
	case NI_F_CSV: return NI_ESC_CSV;
	case NI_F_TSV: return NI_ESC_TSV;
	case NI_F_JSON: return NI_ESC_NONE;
	default: return NI_ESC_TERM;
	}
}

static void tpl(ni_render *r, const ni_tpl *t, const view *v)
{
	ni_tplctx c = { r->o.lang, tpl_esc(r), r->o.dc, doc_var, r };
	ni_jval none = { NI_J_OBJ, "{}", 2 };
	ni_tpl_render(t, v ? v->rec : none, v ? v->idx : NULL, &c, &r->b);
}

/* ---- charts (SVG, for html and svg) ---- */

typedef struct bar {
	const char *label;
	size_t ln;
	double v;
} bar;

static int is_time_key(const char *by)
{
	return !strncmp(by, "day", 3) || !strncmp(by, "week", 4) ||
	       !strncmp(by, "month", 5) || !strncmp(by, "year", 4);
}

static void svg_chart(ni_render *r, ni_buf *o, const bar *bars, size_t n,
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
			double bh = bars[i].v / max * (double)(h - 20);
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
		double bw = bars[i].v / max * (double)(w - lw - 60);
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

/* The key columns of a summary row: members between _by and count. */
typedef struct cols {
	char name[16][64];
	int n;
} cols;

static void row_cols(ni_jval row, cols *c)
{
	const char *it = NULL;
	ni_jval k, v;
	c->n = 0;
	while (ni_json_next(row, &it, &k, &v)) {
		ni_buf b = {0};
		ni_json_str(k, &b);
		const char *s = b.s ? b.s : "";
		if (!strcmp(s, "count")) {
			ni_buf_free(&b);
			break;
		}
		if (s[0] != '_' && c->n < 16)
			snprintf(c->name[c->n++], sizeof c->name[0], "%s", s);
		ni_buf_free(&b);
	}
}

static void row_label(ni_jval row, const cols *c, ni_buf *out)
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

static double row_num(ni_jval row, const char *k)
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
	size_t eighths = (size_t)(frac * (double)width * 8 + 0.5);
	for (size_t i = 0; i < eighths / 8; i++)
		ni_buf_adds(o, "\xE2\x96\x88");
	ni_buf_adds(o, part[eighths % 8]);
}

static void table_text(ni_render *r, rec *rows, size_t n)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	row_cols(first, &c);
	size_t kw = 4;
	double max = 1;
	ni_buf lab = {0}, e = {0};
	for (size_t i = 0; i < n; i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		ni_buf_reset(&lab);
		row_label(row, &c, &lab);
		ni_buf_reset(&e);
		ni_esc_term(&e, lab.s ? lab.s : "", lab.len);
		size_t w = ni_width(e.s ? e.s : "", e.len);
		if (w > kw)
			kw = w;
		if (row_num(row, "count") > max)
			max = row_num(row, "count");
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
		ni_buf_reset(&lab);
		row_label(row, &c, &lab);
		ni_buf_reset(&e);
		ni_esc_term(&e, lab.s ? lab.s : "", lab.len);
		ni_fit(&r->b, e.s ? e.s : "", e.len, kw, -1, 0);
		double cnt = row_num(row, "count");
		ni_buf_printf(&r->b, "  %6.0f  ", cnt);
		ni_buf t = {0};
		put_share(&t, row_num(row, "share"));
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

static void table_md(ni_render *r, rec *rows, size_t n)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	row_cols(first, &c);
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
		ni_buf_printf(&r->b, " %.0f | ", row_num(row, "count"));
		put_share(&r->b, row_num(row, "share"));
		ni_buf_adds(&r->b, " |\n");
	}
	ni_buf_addc(&r->b, '\n');
	ni_buf_free(&lab);
}

static void table_html(ni_render *r, rec *rows, size_t n, ni_buf *o)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	row_cols(first, &c);
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
	ni_buf_adds(o, "<th class=\"n\">count</th><th class=\"n\">share</th></tr></thead><tbody>");
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
		ni_buf_printf(o, "<td class=\"n\">%.0f</td><td class=\"n\">", row_num(row, "count"));
		put_share(o, row_num(row, "share"));
		ni_buf_adds(o, "</td></tr>");
		row_label(row, &c, &labs[i]);
		bars[i] = (bar){ labs[i].s ? labs[i].s : "", labs[i].len, row_num(row, "count") };
	}
	ni_buf_adds(o, "</tbody></table>");
	int time_axis = c.n == 1 && is_time_key(c.name[0]);
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
	svg_chart(r, o, bars, n > 40 && !time_axis ? 40 : n, time_axis,
		  head.s ? head.s : "counts");
	ni_buf_adds(o, "</figure></section>\n");
	for (size_t i = 0; i < n; i++)
		ni_buf_free(&labs[i]);
	free(labs);
	free(bars);
	ni_buf_free(&head);
}

static void overview_lines(ni_render *r, ni_jval ov, ni_buf *o, int html)
{
	static const char *dims[] = { "tags", "source_id", "categories", "regions" };
	ni_buf t = {0};
	ni_buf_printf(&t, "%.0f items", row_num(ov, "count"));
	ni_jval f = ni_json_get(ov, "first", 5), l = ni_json_get(ov, "last", 4);
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
		esc(r, o, t.s, t.len);
		ni_buf_adds(o, "\n");
	}
	for (int i = 0; i < 4; i++) {
		ni_jval arr = ni_json_get(ov, dims[i], strlen(dims[i]));
		const char *it = NULL;
		ni_jval e;
		ni_buf_reset(&t);
		int k = 0;
		while (ni_json_next(arr, &it, NULL, &e)) {
			ni_jval key = ni_json_get(e, "key", 3);
			if (k++)
				ni_buf_adds(&t, ", ");
			if (key.t == NI_J_NULL)
				ni_buf_adds(&t, "(none)");
			else
				ni_val_text(key, ", ", &t);
			ni_buf_printf(&t, " %.0f", row_num(e, "count"));
		}
		if (html) {
			ni_buf_adds(o, "<dt>");
			ni_esc_html(o, dims[i], strlen(dims[i]));
			ni_buf_adds(o, "</dt><dd>");
			ni_esc_html(o, t.s ? t.s : "", t.len);
			ni_buf_adds(o, "</dd>");
		} else {
			ni_buf_printf(o, "%s%s: ", r->o.format == NI_F_MD ? "- " : "  ", dims[i]);
			esc(r, o, t.s ? t.s : "", t.len);
			ni_buf_addc(o, '\n');
		}
	}
	if (html)
		ni_buf_adds(o, "</dl></section>\n");
	else
		ni_buf_addc(o, '\n');
	ni_buf_free(&t);
}

/* ---- items, per format ---- */

static void item_text(ni_render *r, const view *v)
{
	ni_buf *t = &r->tmp, e = {0};
	size_t width = r->o.width ? r->o.width : 80;
	text_of(r, v, "date_published", 0, t);
	ni_esc_term(&e, t->s ? t->s : "", t->len > 10 ? 10 : t->len);
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[2m");
	ni_fit(&r->b, e.s ? e.s : "", e.len, 10, -1, 0);
	ni_buf_adds(&r->b, "  ");
	if (!text_of(r, v, "source_id", 0, t))
		text_of(r, v, "source_name", 0, t);
	ni_buf_reset(&e);
	ni_esc_term(&e, t->s ? t->s : "", t->len);
	ni_fit(&r->b, e.s ? e.s : "", e.len, 16, -1, 0);
	ni_buf_adds(&r->b, "  ");
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[0m\033[1m");
	text_of(r, v, "title", 1, t);
	ni_buf_reset(&e);
	ni_esc_term(&e, t->s ? t->s : "", t->len);
	ni_wrap(&r->b, e.s ? e.s : "", e.len, width, 30, 30);
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[0m");
	ni_buf_addc(&r->b, '\n');
	if (text_of(r, v, "summary", 1, t)) {
		ni_buf_reset(&e);
		ni_esc_term(&e, t->s, t->len);
		ni_buf_adds(&r->b, "            ");
		ni_wrap(&r->b, e.s ? e.s : "", e.len, width, 12, 12);
		ni_buf_addc(&r->b, '\n');
	}
	ni_buf_reset(&e);
	ni_jval u = get(v, "canonical_url");
	if (u.t == NI_J_STR) {
		ni_buf_reset(t);
		ni_json_str(u, t);
		ni_esc_term(&e, t->s ? t->s : "", t->len);
		ni_buf_adds(&r->b, "            ");
		if (r->o.color)
			ni_buf_adds(&r->b, "\033[2m");
		ni_buf_add(&r->b, e.s, e.len);
		if (r->o.color)
			ni_buf_adds(&r->b, "\033[0m");
		ni_buf_addc(&r->b, '\n');
	}
	ni_buf_addc(&r->b, '\n');
	ni_buf_free(&e);
}

/* A Markdown link destination: characters that would end it encoded. */
static void md_url(ni_buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == '(' || c == ')' || c == '<' || c == '>' ||
		    c == '\\' || c == '`' || c == '"' || c == '\'' || c == '[' || c == ']')
			ni_buf_printf(o, "%%%02X", c);
		else
			ni_buf_addc(o, (char)c);
	}
}

/* The leading items that ni-summarize --items attached to rows. */
static void row_items(ni_render *r, rec *rows, size_t n, ni_buf *o)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	row_cols(first, &c);
	int any = 0;
	ni_buf lab = {0}, t = {0}, u = {0};
	for (size_t i = 0; i < n; i++) {
		ni_jval row = ni_json_record(rows[i].line, rows[i].n);
		ni_jval items = ni_json_get(row, "items", 5);
		if (items.t != NI_J_ARR || items.n <= 2)
			continue;
		ni_buf_reset(&lab);
		row_label(row, &c, &lab);
		int html = r->o.format == NI_F_HTML;
		if (html) {
			if (!any)
				ni_buf_adds(o, "<section class=\"leading\">");
			ni_buf_adds(o, "<h2>");
			ni_esc_html(o, lab.s ? lab.s : "", lab.len);
			ni_buf_adds(o, "</h2><ul>");
		} else if (r->o.format == NI_F_MD) {
			ni_buf_adds(o, "**");
			ni_esc_md(o, lab.s ? lab.s : "", lab.len);
			ni_buf_adds(o, "**\n\n");
		} else {
			if (r->o.color)
				ni_buf_adds(o, "\033[1m");
			ni_esc_term(o, lab.s ? lab.s : "", lab.len);
			if (r->o.color)
				ni_buf_adds(o, "\033[0m");
			ni_buf_addc(o, '\n');
		}
		any = 1;
		const char *it = NULL;
		ni_jval e;
		while (ni_json_next(items, &it, NULL, &e)) {
			view v = { e, NULL };
			text_of(r, &v, "title", 1, &t);
			ni_buf_reset(&u);
			ni_buf raw = {0};
			ni_val_text(ni_json_get(e, "canonical_url", 13), "", &raw);
			int link = ni_url_ok(raw.s ? raw.s : "", raw.len, &u);
			ni_buf_free(&raw);
			if (html) {
				ni_buf_adds(o, "<li>");
				if (link) {
					ni_buf_adds(o, "<a href=\"");
					ni_esc_html(o, u.s, u.len);
					ni_buf_adds(o, "\">");
				}
				ni_esc_html(o, t.s ? t.s : "", t.len);
				ni_buf_adds(o, link ? "</a></li>" : "</li>");
			} else if (r->o.format == NI_F_MD) {
				ni_buf_adds(o, "- ");
				if (link) {
					ni_buf_addc(o, '[');
					ni_esc_md(o, t.s ? t.s : "", t.len);
					ni_buf_adds(o, "](");
					md_url(o, u.s, u.len);
					ni_buf_addc(o, ')');
				} else {
					ni_esc_md(o, t.s ? t.s : "", t.len);
				}
				ni_buf_addc(o, '\n');
			} else {
				ni_buf_adds(o, "  - ");
				ni_buf e2 = {0};
				ni_esc_term(&e2, t.s ? t.s : "", t.len);
				ni_wrap(o, e2.s ? e2.s : "", e2.len, r->o.width ? r->o.width : 80, 4, 4);
				ni_buf_free(&e2);
				ni_buf_addc(o, '\n');
			}
		}
		if (html)
			ni_buf_adds(o, "</ul>");
		else
			ni_buf_addc(o, '\n');
	}
	if (any && r->o.format == NI_F_HTML)
		ni_buf_adds(o, "</section>\n");
	ni_buf_free(&lab);
	ni_buf_free(&t);
	ni_buf_free(&u);
}

static void key_points(ni_render *r, const view *v, ni_buf *o, int html)
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
		esc(r, o, t.s, t.len);
		ni_buf_adds(o, html ? "</li>" : "\n");
	}
	if (html)
		ni_buf_adds(o, "</ul>");
	ni_buf_free(&t);
}

static void item_md(ni_render *r, const view *v)
{
	ni_buf *t = &r->tmp, u = {0};
	text_of(r, v, "title", 1, t);
	ni_buf_adds(&r->b, "### ");
	ni_jval url = get(v, "canonical_url");
	ni_buf raw = {0};
	ni_val_text(url, "", &raw);
	if (ni_url_ok(raw.s ? raw.s : "", raw.len, &u)) {
		ni_buf_addc(&r->b, '[');
		escs(r, &r->b, t);
		ni_buf_adds(&r->b, "](");
		md_url(&r->b, u.s, u.len);
		ni_buf_addc(&r->b, ')');
	} else {
		escs(r, &r->b, t);
	}
	ni_buf_adds(&r->b, "\n\n*");
	int any = 0;
	if (text_of(r, v, "source_name", 0, t) || text_of(r, v, "source_id", 0, t)) {
		escs(r, &r->b, t);
		any = 1;
	}
	if (text_of(r, v, "date_published", 0, t)) {
		ni_buf_adds(&r->b, any ? " \xC2\xB7 " : "");
		escs(r, &r->b, t);
		any = 1;
	}
	if (text_of(r, v, "confidence", 0, t)) {
		ni_buf_adds(&r->b, any ? " \xC2\xB7 confidence " : "confidence ");
		escs(r, &r->b, t);
	}
	ni_buf_adds(&r->b, "*\n\n");
	if (text_of(r, v, "summary", 1, t)) {
		escs(r, &r->b, t);
		ni_buf_adds(&r->b, "\n\n");
	}
	size_t before = r->b.len;
	key_points(r, v, &r->b, 0);
	if (r->b.len > before)
		ni_buf_addc(&r->b, '\n');
	ni_buf_free(&u);
	ni_buf_free(&raw);
}

static void html_lang_block(ni_render *r, const view *v, const char *lang,
			    ni_buf *o)
{
	const char *save = r->o.lang;
	r->o.lang = lang;
	ni_buf t = {0};
	ni_buf_printf(o, "<div class=\"l-%s\" lang=\"%s\">", lang, lang);
	if (text_of(r, v, "summary", 1, &t)) {
		ni_buf_adds(o, "<p>");
		ni_esc_html(o, t.s, t.len);
		ni_buf_adds(o, "</p>");
	}
	if (text_of(r, v, "so_what", 1, &t)) {
		ni_buf_adds(o, "<p class=\"so\">");
		ni_esc_html(o, t.s, t.len);
		ni_buf_adds(o, "</p>");
	}
	key_points(r, v, o, 1);
	ni_buf_adds(o, "</div>");
	r->o.lang = save;
	ni_buf_free(&t);
}

static void item_html(ni_render *r, const view *v, ni_buf *o)
{
	ni_buf *t = &r->tmp, u = {0}, raw = {0};
	ni_buf_adds(o, "<article>");
	const char *langs[2] = { "en", "ko" };
	for (int i = 0; i < 2; i++) {
		const char *save = r->o.lang;
		r->o.lang = langs[i];
		text_of(r, v, "title", 1, t);
		r->o.lang = save;
		ni_buf_printf(o, "<h%d class=\"l-%s\" lang=\"%s\">", r->o.group_by ? 3 : 2,
			      langs[i], langs[i]);
		ni_buf_reset(&raw);
		ni_buf_reset(&u);
		ni_val_text(get(v, "canonical_url"), "", &raw);
		if (ni_url_ok(raw.s ? raw.s : "", raw.len, &u)) {
			ni_buf_adds(o, "<a href=\"");
			ni_esc_html(o, u.s, u.len);
			ni_buf_adds(o, "\">");
			ni_esc_html(o, t->s ? t->s : "", t->len);
			ni_buf_adds(o, "</a>");
		} else {
			ni_esc_html(o, t->s ? t->s : "", t->len);
		}
		ni_buf_printf(o, "</h%d>", r->o.group_by ? 3 : 2);
	}
	ni_buf_adds(o, "<p class=\"meta\">");
	int any = 0;
	if (text_of(r, v, "source_name", 0, t) || text_of(r, v, "source_id", 0, t)) {
		ni_esc_html(o, t->s, t->len);
		any = 1;
	}
	if (text_of(r, v, "date_published", 0, t)) {
		ni_buf_adds(o, any ? " \xC2\xB7 " : "");
		ni_buf_adds(o, "<time>");
		ni_esc_html(o, t->s, t->len);
		ni_buf_adds(o, "</time>");
		any = 1;
	}
	if (text_of(r, v, "tags", 0, t)) {
		ni_buf_adds(o, any ? " \xC2\xB7 " : "");
		ni_esc_html(o, t->s, t->len);
	}
	ni_buf_adds(o, "</p>");
	html_lang_block(r, v, "en", o);
	html_lang_block(r, v, "ko", o);
	ni_buf_adds(o, "</article>\n");
	ni_buf_free(&u);
	ni_buf_free(&raw);
}

static const char html_css[] =
"body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fafafa;color:#222}"
"main{max-width:46em;margin:0 auto;padding:1em}"
"h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;border-bottom:1px solid #ddd}"
"article h2,h3{font-size:1.05em;margin:.2em 0;border:0}a{color:#1a4f8b}"
"article{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.6em .9em;margin:.8em 0}"
".meta{color:#666;font-size:.85em;margin:.1em 0}.so{font-style:italic}"
"table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border-bottom:1px solid #e3e3e3;"
"padding:.2em .4em;text-align:left}.n{text-align:right}"
"figure{margin:.5em 0;overflow-x:auto}svg{max-width:100%;height:auto}"
".lang{position:sticky;top:0;background:#fafafa;padding:.4em 1em;border-bottom:1px solid #ddd}"
"#lang-en:checked~main .l-ko,#lang-ko:checked~main .l-en{display:none}"
"footer{color:#666;font-size:.85em;margin:2em 0}"
"@media (max-width:600px){body{font-size:15px}main{padding:.5em}}";

/* ---- feeds ---- */

static void pct(ni_buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c))
			ni_buf_addc(o, (char)c);
		else
			ni_buf_printf(o, "%%%02X", c);
	}
}

/* A stable entry id: the record's id as a tag: URI, else its URL. */
static int entry_id(ni_render *r, const view *v, ni_buf *o)
{
	ni_buf t = {0};
	int ok = 1;
	if (text_of(r, v, "id", 0, &t)) {
		ni_buf_adds(o, "tag:ni-render.invalid,2026:item/");
		pct(o, t.s, t.len);
	} else if (text_of(r, v, "canonical_url", 0, &t)) {
		ni_buf u = {0};
		ni_url_canon(t.s, t.len, &u);
		ni_esc_xml(o, u.s ? u.s : "", u.len);
		ni_buf_free(&u);
	} else {
		ok = 0;
	}
	ni_buf_free(&t);
	return ok;
}

/* <open>escaped text</close> and a newline. */
static void xml_el(ni_buf *b, const char *open, const char *s, size_t n,
		   const char *close)
{
	ni_buf_adds(b, open);
	ni_esc_xml(b, s, n);
	ni_buf_adds(b, close);
	ni_buf_addc(b, '\n');
}

static int item_feed(ni_render *r, const view *v, const char *file,
		     unsigned long lineno)
{
	int64_t ms;
	ni_buf *t = &r->tmp, u = {0}, id = {0}, raw = {0};
	if (date_of(r, v, &ms, t)) {
		ni_error_at(r->o.d, file, lineno, 0, "cannot date this record "
			    "(date_published %s); not in the feed",
			    t->len ? "is not a date" : "is missing");
		r->errors++;
		return 0;
	}
	if (!entry_id(r, v, &id)) {
		ni_error_at(r->o.d, file, lineno, 0, "record without id or "
			    "canonical_url; not in the feed");
		r->errors++;
		ni_buf_free(&id);
		return 0;
	}
	uint32_t first = (uint32_t)lineno;
	if (ni_hashset_add(&r->ids, id.s, id.len, &first)) {
		ni_error_at(r->o.d, file, lineno, 0, "same entry id as line %lu; "
			    "not in the feed again", (unsigned long)first);
		r->errors++;
		ni_buf_free(&id);
		return 0;
	}
	char ts[40];
	ni_val_text(get(v, "canonical_url"), "", &raw);
	int link = ni_url_ok(raw.s ? raw.s : "", raw.len, &u);
	int atom = r->o.format == NI_F_ATOM;
	text_of(r, v, "title", 1, t);
	if (!t->len)
		ni_buf_adds(t, "(untitled)");
	if (atom) {
		ni_date_rfc3339(ms, ts);
		ni_buf_adds(&r->b, "<entry>\n<id>");
		ni_buf_add(&r->b, id.s, id.len);
		ni_buf_adds(&r->b, "</id>\n");
		xml_el(&r->b, "<title type=\"text\">", t->s, t->len, "</title>");
		if (link)
			xml_el(&r->b, "<link rel=\"alternate\" href=\"", u.s, u.len, "\"/>");
		ni_buf_printf(&r->b, "<updated>%s</updated>\n<published>%s</published>\n", ts, ts);
		if (text_of(r, v, "source_name", 0, t) || text_of(r, v, "source_id", 0, t))
			xml_el(&r->b, "<author><name>", t->s, t->len, "</name></author>");
		if (text_of(r, v, "summary", 1, t))
			xml_el(&r->b, "<summary type=\"text\">", t->s, t->len, "</summary>");
	} else {
		ni_date_rfc822(ms, ts);
		ni_buf_adds(&r->b, "<item>\n");
		xml_el(&r->b, "<title>", t->s, t->len, "</title>");
		if (link)
			xml_el(&r->b, "<link>", u.s, u.len, "</link>");
		ni_buf_adds(&r->b, "<guid isPermaLink=\"false\">");
		ni_buf_add(&r->b, id.s, id.len);
		ni_buf_printf(&r->b, "</guid>\n<pubDate>%s</pubDate>\n", ts);
		if (text_of(r, v, "summary", 1, t))
			xml_el(&r->b, "<description>", t->s, t->len, "</description>");
	}
	ni_jval tags = get(v, "tags");
	const char *it = NULL;
	ni_jval e;
	while (tags.t == NI_J_ARR && ni_json_next(tags, &it, NULL, &e)) {
		ni_buf_reset(t);
		ni_val_text(e, "", t);
		if (!t->len)
			continue;
		if (atom)
			xml_el(&r->b, "<category term=\"", t->s, t->len, "\"/>");
		else
			xml_el(&r->b, "<category>", t->s, t->len, "</category>");
	}
	ni_buf_adds(&r->b, atom ? "</entry>\n" : "</item>\n");
	ni_buf_free(&u);
	ni_buf_free(&id);
	ni_buf_free(&raw);
	return 1;
}

/* ---- csv, tsv, json ---- */

static const char *item_cols[] = { "date_published", "source_id", "title",
				   "canonical_url", "confidence", "tags" };

static void item_csv(ni_render *r, const view *v, int summary)
{
	int sep = r->o.format == NI_F_TSV ? '\t' : ',';
	const char *eol = sep == ',' ? "\r\n" : "\n";
	const char **names = (const char **)r->o.fields;
	int n = r->o.nfields;
	cols c;
	const char *tmpn[20];
	if (!n && summary) {
		row_cols(v->rec, &c);
		for (int i = 0; i < c.n; i++)
			tmpn[i] = c.name[i];
		tmpn[c.n] = "count";
		tmpn[c.n + 1] = "share";
		names = tmpn;
		n = c.n + 2;
	} else if (!n) {
		names = item_cols;
		n = 6;
	}
	if (!r->csv_header) {
		for (int i = 0; i < n; i++) {
			if (i)
				ni_buf_addc(&r->b, (char)sep);
			ni_esc_csv(&r->b, names[i], strlen(names[i]), sep);
		}
		ni_buf_adds(&r->b, eol);
		r->csv_header = 1;
	}
	for (int i = 0; i < n; i++) {
		if (i)
			ni_buf_addc(&r->b, (char)sep);
		ni_buf_reset(&r->tmp);
		ni_val_text(ni_loc(v->rec, v->idx, names[i], r->o.lang), "; ", &r->tmp);
		ni_esc_csv(&r->b, r->tmp.s ? r->tmp.s : "", r->tmp.len, sep);
	}
	ni_buf_adds(&r->b, eol);
}

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

/* ---- document start and end ---- */

static void begin(ni_render *r)
{
	if (r->started)
		return;
	r->started = 1;
	char ts[40];
	ni_buf *b = &r->b;
	const char *title = dflt_title(r);
	if (r->o.head) {
		tpl(r, r->o.head, NULL);
		return;
	}
	if (r->o.line)
		return;
	switch (r->o.format) {
	case NI_F_TEXT:
		if (r->o.title) {
			if (r->o.color)
				ni_buf_adds(b, "\033[1m");
			ni_esc_term(b, title, strlen(title));
			if (r->o.color)
				ni_buf_adds(b, "\033[0m");
			ni_buf_addc(b, '\n');
			size_t w = ni_width(title, strlen(title));
			for (size_t i = 0; i < w; i++)
				ni_buf_adds(b, "\xE2\x94\x80");
			ni_buf_adds(b, "\n\n");
		}
		break;
	case NI_F_MD:
		ni_buf_adds(b, "# ");
		ni_esc_md(b, title, strlen(title));
		ni_buf_adds(b, "\n\n");
		break;
	case NI_F_HTML:
		ni_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			      "<title>", r->o.lang);
		ni_esc_html(b, title, strlen(title));
		ni_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n", html_css);
		ni_buf_printf(b, "<input type=\"radio\" name=\"lang\" id=\"lang-en\"%s hidden>"
			      "<input type=\"radio\" name=\"lang\" id=\"lang-ko\"%s hidden>\n"
			      "<nav class=\"lang\"><label for=\"lang-en\">English</label> \xC2\xB7 "
			      "<label for=\"lang-ko\" lang=\"ko\">\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4</label></nav>\n"
			      "<main>\n<h1>", strcmp(r->o.lang, "ko") ? " checked" : "",
			      strcmp(r->o.lang, "ko") ? "" : " checked");
		ni_esc_html(b, title, strlen(title));
		ni_buf_adds(b, "</h1>\n");
		break;
	case NI_F_ATOM:
		ni_date_rfc3339(r->o.dc->now, ts);
		ni_buf_adds(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title type=\"text\">");
		ni_esc_xml(b, title, strlen(title));
		ni_buf_adds(b, "</title>\n<id>tag:ni-render.invalid,2026:feed/");
		pct(b, title, strlen(title));
		ni_buf_printf(b, "</id>\n<updated>%s</updated>\n", ts);
		if (r->o.link) {
			ni_buf u = {0};
			if (ni_url_ok(r->o.link, strlen(r->o.link), &u)) {
				ni_buf_adds(b, "<link rel=\"alternate\" href=\"");
				ni_esc_xml(b, u.s, u.len);
				ni_buf_adds(b, "\"/>\n");
			}
			ni_buf_free(&u);
		}
		ni_buf_adds(b, "<generator>ni-render</generator>\n");
		break;
	case NI_F_RSS: {
		ni_date_rfc822(r->o.dc->now, ts);
		ni_buf_adds(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			    "<rss version=\"2.0\">\n<channel>\n<title>");
		ni_esc_xml(b, title, strlen(title));
		ni_buf_adds(b, "</title>\n<link>");
		ni_buf u = {0};
		if (r->o.link && ni_url_ok(r->o.link, strlen(r->o.link), &u))
			ni_esc_xml(b, u.s, u.len);
		else
			ni_buf_adds(b, "http://localhost/");
		ni_buf_free(&u);
		ni_buf_adds(b, "</link>\n<description>");
		ni_esc_xml(b, title, strlen(title));
		ni_buf_printf(b, "</description>\n<lastBuildDate>%s</lastBuildDate>\n"
			      "<generator>ni-render</generator>\n", ts);
		break;
	}
	case NI_F_JSON:
		ni_buf_adds(b, "[");
		r->json_first = 1;
		break;
	case NI_F_SVG:
		break;
	default:
		break;
	}
}

static void flush_table(ni_render *r)
{
	if (!r->ntab)
		return;
	begin(r);
	switch (r->o.format) {
	case NI_F_TEXT:
		table_text(r, r->tab, r->ntab);
		row_items(r, r->tab, r->ntab, &r->b);
		break;
	case NI_F_MD:
		table_md(r, r->tab, r->ntab);
		row_items(r, r->tab, r->ntab, &r->b);
		break;
	case NI_F_HTML:
		table_html(r, r->tab, r->ntab, &r->b);
		row_items(r, r->tab, r->ntab, &r->b);
		break;
	case NI_F_SVG: {
		/* one chart per run of rows; several become one document */
		ni_jval first = ni_json_record(r->tab[0].line, r->tab[0].n);
		cols c;
		row_cols(first, &c);
		bar *bars = ni_xcalloc(r->ntab + 1, sizeof *bars);
		ni_buf *labs = ni_xcalloc(r->ntab + 1, sizeof *labs);
		for (size_t i = 0; i < r->ntab; i++) {
			ni_jval row = ni_json_record(r->tab[i].line, r->tab[i].n);
			row_label(row, &c, &labs[i]);
			bars[i] = (bar){ labs[i].s ? labs[i].s : "", labs[i].len,
					 row_num(row, "count") };
		}
		if (r->items || r->csv_header)
			ni_error(r->o.d, "svg: only the first table is drawn");
		else
			svg_chart(r, &r->b, bars, r->ntab > 60 ? 60 : r->ntab,
				  c.n == 1 && is_time_key(c.name[0]), c.n ? c.name[0] : "counts");
		r->csv_header = 1;
		for (size_t i = 0; i < r->ntab; i++)
			ni_buf_free(&labs[i]);
		free(labs);
		free(bars);
		break;
	}
	default: break;
	}
	for (size_t i = 0; i < r->ntab; i++) {
		free(r->tab[i].line);
		free(r->tab[i].file);
	}
	r->ntab = 0;
	free(r->tab_by);
	r->tab_by = NULL;
	maybe_flush(r);
}

static void end_doc(ni_render *r)
{
	begin(r);
	ni_buf *b = &r->b;
	ni_buf range = {0};
	if (r->first && r->last)
		ni_buf_printf(&range, "%ld items, %s \xE2\x80\x93 %s", r->items, r->first, r->last);
	else
		ni_buf_printf(&range, "%ld items", r->items);
	if (r->o.foot) {
		tpl(r, r->o.foot, NULL);
		ni_buf_free(&range);
		return;
	}
	if (r->o.line || r->o.item) {
		ni_buf_free(&range);
		return;
	}
	switch (r->o.format) {
	case NI_F_MD:
		ni_buf_adds(b, "---\n\n*");
		ni_esc_md(b, range.s, range.len);
		ni_buf_adds(b, "*\n");
		break;
	case NI_F_HTML:
		ni_buf_adds(b, "<footer>");
		ni_esc_html(b, range.s, range.len);
		ni_buf_adds(b, ". Made with ni-render.</footer>\n</main>\n</body>\n</html>\n");
		break;
	case NI_F_ATOM:
		ni_buf_adds(b, "</feed>\n");
		break;
	case NI_F_RSS:
		ni_buf_adds(b, "</channel>\n</rss>\n");
		break;
	case NI_F_JSON:
		ni_buf_adds(b, r->json_first ? "]\n" : "\n]\n");
		break;
	case NI_F_SVG:
		if (!r->csv_header)
			ni_buf_adds(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"40\">"
				    "<text x=\"10\" y=\"24\" font-family=\"sans-serif\">no summary rows</text></svg>");
		ni_buf_addc(b, '\n');
		break;
	default:
		break;
	}
	ni_buf_free(&range);
}

/* ---- one record ---- */

static void section(ni_render *r, const char *name, size_t n)
{
	begin(r);
	switch (r->o.format) {
	case NI_F_TEXT:
		if (r->o.color)
			ni_buf_adds(&r->b, "\033[1m");
		ni_esc_term(&r->b, name, n);
		if (r->o.color)
			ni_buf_adds(&r->b, "\033[0m");
		ni_buf_adds(&r->b, "\n\n");
		break;
	case NI_F_MD:
		ni_buf_adds(&r->b, "## ");
		ni_esc_md(&r->b, name, n);
		ni_buf_adds(&r->b, "\n\n");
		break;
	case NI_F_HTML:
		ni_buf_adds(&r->b, "<h2>");
		ni_esc_html(&r->b, name, n);
		ni_buf_adds(&r->b, "</h2>\n");
		break;
	default:
		break;
	}
}

static void one(ni_render *r, const char *line, size_t n, const ni_jidx *idx,
		const char *file, unsigned long lineno)
{
	view v = { ni_json_record(line, n), idx };
	ni_jval kind = get(&v, NI_KEY_SUMMARY);
	int summary = kind.t == NI_J_STR;
	if (summary && !r->o.line && !r->o.item && r->o.format != NI_F_CSV &&
	    r->o.format != NI_F_TSV && r->o.format != NI_F_JSON) {
		ni_jval by = get(&v, NI_KEY_BY);
		int overview = by.t == NI_J_NONE;
		if (!overview && (!r->tab_by || strlen(r->tab_by) != by.n ||
				  memcmp(r->tab_by, by.p, by.n)))
			flush_table(r);
		if (overview) {
			flush_table(r);
			begin(r);
			if (r->o.format == NI_F_TEXT || r->o.format == NI_F_MD)
				overview_lines(r, v.rec, &r->b, 0);
			else if (r->o.format == NI_F_HTML)
				overview_lines(r, v.rec, &r->b, 1);
			maybe_flush(r);
			return;
		}
		if (r->o.format == NI_F_ATOM || r->o.format == NI_F_RSS) {
			if (r->o.d->verbose)
				ni_note_at(r->o.d, file, lineno, 0, "summary row: not a feed entry");
			return;
		}
		if (!r->tab_by)
			r->tab_by = ni_xstrndup(by.p, by.n);
		if (r->ntab == r->captab) {
			r->captab = r->captab ? r->captab * 2 : 64;
			r->tab = ni_xrealloc(r->tab, r->captab * sizeof *r->tab);
		}
		r->tab[r->ntab++] = (rec){ ni_xstrndup(line, n), n, ni_xstrdup(file), lineno };
		return;
	}
	flush_table(r);
	if (!summary) {
		if (r->o.limit >= 0 && r->items >= r->o.limit)
			return;
		if (r->o.format == NI_F_SVG)
			return;   /* charts are of summary rows */
	}
	begin(r);
	if (r->o.line || r->o.item) {
		tpl(r, r->o.line ? r->o.line : r->o.item, &v);
		if (r->o.line)
			ni_buf_addc(&r->b, '\n');
		if (!summary) {
			r->items++;
			note_range(r, &v);
		}
		maybe_flush(r);
		return;
	}
	int counted = 1;
	switch (r->o.format) {
	case NI_F_TEXT: item_text(r, &v); break;
	case NI_F_MD: item_md(r, &v); break;
	case NI_F_HTML: item_html(r, &v, &r->b); break;
	case NI_F_ATOM: case NI_F_RSS: counted = item_feed(r, &v, file, lineno); break;
	case NI_F_CSV: case NI_F_TSV: item_csv(r, &v, summary); break;
	case NI_F_JSON:
		ni_buf_adds(&r->b, r->json_first ? "\n  " : ",\n  ");
		pretty(&r->b, line, n, 1);
		r->json_first = 0;
		break;
	default: break;
	}
	if (counted && !summary) {
		r->items++;
		note_range(r, &v);
	}
	maybe_flush(r);
}

/* ---- the email message ---- */

/* A header value: CR/LF can never start a new header; non-ASCII as
 * RFC 2047 encoded words; folded below 78 columns. */
static void header(ni_buf *o, const char *name, const char *val, int addr)
{
	ni_buf v = {0};
	ni_utf8_clean(&v, val, strlen(val));
	for (size_t i = 0; i < v.len; i++)
		if (v.s[i] == '\r' || v.s[i] == '\n' || v.s[i] == '\t' || v.s[i] == 0)
			v.s[i] = ' ';
	/* encoded words also for ASCII that cannot be folded (a word too
	 * long for a line), so no line goes past the limits */
	int ascii = 1;
	size_t run = 0;
	for (size_t i = 0; i < v.len; i++) {
		if ((unsigned char)v.s[i] >= 0x80)
			ascii = 0;
		run = v.s[i] == ' ' ? 0 : run + 1;
		if (run > 70)
			ascii = 0;
	}
	size_t col = strlen(name) + 2;
	ni_buf_printf(o, "%s: ", name);
	if (ascii) {
		/* fold at spaces */
		size_t i = 0;
		while (i < v.len) {
			size_t j = i;
			while (j < v.len && v.s[j] != ' ')
				j++;
			if (col + (j - i) > 76 && col > strlen(name) + 2) {
				ni_buf_adds(o, "\n ");
				col = 1;
			}
			ni_buf_add(o, v.s + i, j - i);
			col += j - i;
			if (j < v.len) {
				ni_buf_addc(o, ' ');
				col++;
			}
			i = j + 1;
		}
		ni_buf_addc(o, '\n');
		ni_buf_free(&v);
		return;
	}
	/* addresses: encode the display name only */
	const char *lt = addr ? strrchr(v.s, '<') : NULL;
	size_t enc_n = lt ? (size_t)(lt - v.s) : v.len;
	while (enc_n && v.s[enc_n - 1] == ' ')
		enc_n--;
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i = 0;
	int firstw = 1;
	while (i < enc_n) {
		/* up to 45 bytes per word (60 base64 chars), whole characters */
		size_t k = i, lim = i + 45 > enc_n ? enc_n : i + 45;
		while (k < lim) {
			unsigned char c = (unsigned char)v.s[k];
			size_t cl = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (k + cl > lim)
				break;
			k += cl;
		}
		if (k == i)
			k = lim;
		if (!firstw)
			ni_buf_adds(o, "\n ");
		ni_buf_adds(o, "=?UTF-8?B?");
		for (size_t p = i; p < k; p += 3) {
			unsigned a = (unsigned char)v.s[p];
			unsigned b1 = p + 1 < k ? (unsigned char)v.s[p + 1] : 0;
			unsigned c2 = p + 2 < k ? (unsigned char)v.s[p + 2] : 0;
			ni_buf_addc(o, b64[a >> 2]);
			ni_buf_addc(o, b64[((a & 3) << 4) | (b1 >> 4)]);
			ni_buf_addc(o, p + 1 < k ? b64[((b1 & 15) << 2) | (c2 >> 6)] : '=');
			ni_buf_addc(o, p + 2 < k ? b64[c2 & 63] : '=');
		}
		ni_buf_adds(o, "?=");
		firstw = 0;
		i = k;
	}
	if (lt) {
		ni_buf_adds(o, firstw ? "" : " ");
		ni_buf_adds(o, lt);
	}
	ni_buf_addc(o, '\n');
	ni_buf_free(&v);
}

/* Quoted-printable (RFC 2045): lines of at most 76 characters; '=',
 * 8-bit bytes, trailing blanks and a leading '.' encoded. */
static void qp(ni_buf *o, const char *s, size_t n)
{
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			ni_buf_addc(o, '\n');
			col = 0;
			continue;
		}
		int trailing = (c == ' ' || c == '\t') && (i + 1 == n || s[i + 1] == '\n');
		int enc = c == '=' || c >= 0x7F || (c < 0x20 && c != '\t') || trailing ||
			  (c == '.' && col == 0);
		size_t w = enc ? 3 : 1;
		if (col + w > 75) {
			ni_buf_adds(o, "=\n");
			col = 0;
		}
		if (enc)
			ni_buf_printf(o, "=%02X", c);
		else
			ni_buf_addc(o, (char)c);
		col += w;
	}
}

static void email(ni_render *r)
{
	ni_buf *b = &r->b;
	char date[40];
	ni_date_rfc822(r->o.dc->now, date);
	ni_buf subj = {0};
	if (r->o.subject) {
		ni_tplctx c = { r->o.lang, NI_ESC_NONE, r->o.dc, doc_var, r };
		ni_jval none = { NI_J_OBJ, "{}", 2 };
		ni_tpl_render(r->o.subject, none, NULL, &c, &subj);
	} else {
		ni_buf_printf(&subj, "%s (%ld items)", dflt_title(r), r->items);
	}
	header(b, "From", r->o.from ? r->o.from : "ni <ni@localhost>", 1);
	header(b, "To", r->o.to ? r->o.to : "root@localhost", 1);
	header(b, "Subject", subj.s ? subj.s : "", 0);
	ni_buf_printf(b, "Date: %s\n", date);
	ni_buf_printf(b, "Message-ID: <digest-%016llx@ni-render.invalid>\n",
		      (unsigned long long)r->hash);
	ni_buf_adds(b, "MIME-Version: 1.0\n");
	char bound[64];
	snprintf(bound, sizeof bound, "=_ni_%016llx", (unsigned long long)r->hash);
	ni_buf_printf(b, "Content-Type: multipart/alternative; boundary=\"%s\"\n\n", bound);
	ni_buf_adds(b, "This is a MIME message.\n");
	ni_buf_printf(b, "\n--%s\nContent-Type: text/plain; charset=utf-8\n"
		      "Content-Transfer-Encoding: quoted-printable\n\n", bound);
	qp(b, r->text->b.s ? r->text->b.s : "", r->text->b.len);
	ni_buf_printf(b, "\n--%s\nContent-Type: text/html; charset=utf-8\n"
		      "Content-Transfer-Encoding: quoted-printable\n\n", bound);
	qp(b, r->html->b.s ? r->html->b.s : "", r->html->b.len);
	ni_buf_printf(b, "\n--%s--\n", bound);
	ni_buf_free(&subj);
}

/* ---- the driver ---- */

/* Contract: see ni.h. */
ni_render *ni_render_new(const ni_render_opts *o, ni_out *out)
{
	ni_render *r = ni_xcalloc(1, sizeof *r);
	r->o = *o;
	r->out = out;
	r->hash = 1469598103934665603ULL;
	ni_hashset_init(&r->ids);
	if (!r->o.lang)
		r->o.lang = "en";
	if (o->format == NI_F_EMAIL) {
		ni_render_opts t = *o;
		t.format = NI_F_TEXT;
		t.color = 0;
		t.width = 72;
		r->text = ni_render_new(&t, NULL);
		r->text->mem = 1;
		t.format = NI_F_HTML;
		r->html = ni_render_new(&t, NULL);
		r->html->mem = 1;
	}
	return r;
}

static void dispatch(ni_render *r, const char *line, size_t n,
		     const ni_jidx *idx, const char *file, unsigned long lineno)
{
	if (r->o.format == NI_F_EMAIL) {
		long before = r->text->items;
		one(r->text, line, n, idx, file, lineno);
		one(r->html, line, n, idx, file, lineno);
		if (r->text->items > before) {
			r->items++;
			view v = { ni_json_record(line, n), idx };
			ni_buf t = {0};
			text_of(r, &v, "id", 0, &t);
			for (size_t i = 0; i < t.len; i++)
				r->hash = (r->hash ^ (unsigned char)t.s[i]) * 1099511628211ULL;
			r->hash = (r->hash ^ 0xff) * 1099511628211ULL;
			ni_buf_free(&t);
			note_range(r, &v);
		}
		return;
	}
	one(r, line, n, idx, file, lineno);
}

/* Contract: see ni.h. */
void ni_render_record(ni_render *r, const char *line, size_t n,
		      const ni_jidx *idx, const char *file, unsigned long lineno)
{
	if (r->o.group_by) {
		if (r->nall == r->capall) {
			r->capall = r->capall ? r->capall * 2 : 256;
			r->all = ni_xrealloc(r->all, r->capall * sizeof *r->all);
		}
		r->all[r->nall++] = (rec){ ni_xstrndup(line, n), n, ni_xstrdup(file), lineno };
		return;
	}
	dispatch(r, line, n, idx, file, lineno);
}

typedef struct keyed {
	char *key;
	size_t i;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Dates: newest section first, items still in input order. */
static int keyed_cmp_desc(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(y->key, x->key);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void group_key(ni_render *r, const rec *e, ni_buf *out)
{
	view v = { ni_json_record(e->line, e->n), NULL };
	const char *g = r->o.group_by;
	int kind = !strcmp(g, "day") ? 'd' : !strcmp(g, "week") ? 'w' :
		   !strcmp(g, "month") ? 'm' : !strcmp(g, "year") ? 'y' : 0;
	if (kind) {
		int64_t ms;
		ni_buf t = {0};
		if (!date_of(r, &v, &ms, &t)) {
			char per[32];
			ni_date_period(r->o.dc, ms, kind, per);
			ni_buf_adds(out, per);
		}
		ni_buf_free(&t);
		return;
	}
	ni_jval x = ni_loc(v.rec, NULL, g, r->o.lang);
	if (x.t == NI_J_ARR) {
		const char *it = NULL;
		ni_jval e1;
		if (ni_json_next(x, &it, NULL, &e1))
			ni_val_text(e1, ", ", out);
	} else {
		ni_val_text(x, ", ", out);
	}
}

/* Contract: see ni.h. */
long ni_render_end(ni_render *r)
{
	if (r->o.group_by && r->nall) {
		/* sections in key order (dates: newest first); items keep
		 * their input order within a section */
		const char *g = r->o.group_by;
		int newest = !strcmp(g, "day") || !strcmp(g, "week") ||
			     !strcmp(g, "month") || !strcmp(g, "year");
		keyed *k = ni_xcalloc(r->nall, sizeof *k);
		for (size_t i = 0; i < r->nall; i++) {
			ni_buf t = {0};
			group_key(r, &r->all[i], &t);
			k[i].key = t.s ? t.s : ni_xstrdup("");
			k[i].i = i;
		}
		qsort(k, r->nall, sizeof *k, newest ? keyed_cmp_desc : keyed_cmp);
		for (size_t j = 0; j < r->nall; j++) {
			if (j == 0 || strcmp(k[j].key, k[j - 1].key)) {
				const char *name = *k[j].key ? k[j].key : "(none)";
				if (r->o.format == NI_F_EMAIL) {
					section(r->text, name, strlen(name));
					section(r->html, name, strlen(name));
				} else {
					section(r, name, strlen(name));
				}
			}
			rec *e = &r->all[k[j].i];
			ni_jidx idx;
			const char *err;
			size_t col;
			ni_json_check(e->line, e->n, NI_MAX_DEPTH, &idx, &err, &col);
			dispatch(r, e->line, e->n, &idx, e->file, e->lineno);
		}
		for (size_t i = 0; i < r->nall; i++)
			free(k[i].key);
		free(k);
	}
	if (r->o.format == NI_F_EMAIL) {
		flush_table(r->text);
		flush_table(r->html);
		end_doc(r->text);
		end_doc(r->html);
		email(r);
	} else {
		flush_table(r);
		end_doc(r);
	}
	flush(r);
	return r->items;
}

/* Contract: see ni.h. */
void ni_render_free(ni_render *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ntab; i++) {
		free(r->tab[i].line);
		free(r->tab[i].file);
	}
	free(r->tab);
	free(r->tab_by);
	for (size_t i = 0; i < r->nall; i++) {
		free(r->all[i].line);
		free(r->all[i].file);
	}
	free(r->all);
	free(r->first);
	free(r->last);
	ni_buf_free(&r->b);
	ni_buf_free(&r->tmp);
	ni_buf_free(&r->tmp2);
	ni_hashset_free(&r->ids);
	ni_render_free(r->text);
	ni_render_free(r->html);
	free(r);
}
