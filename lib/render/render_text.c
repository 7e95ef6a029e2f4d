/* render_text.c - the text format: a document for a terminal (columns
 * measured in display width, optional ANSI colour, bars of eighths). */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

/* s in bold when colour is on (s escaped for the terminal). */
static void bold(ni_render *r, ni_buf *o, const char *s, size_t n)
{
	if (r->o.color)
		ni_buf_adds(o, "\033[1m");
	ni_esc_term(o, s, n);
	if (r->o.color)
		ni_buf_adds(o, "\033[0m");
}

/* The title underlined, when --title gave one. */
static void text_begin(ni_render *r)
{
	if (!r->o.title)
		return;
	const char *title = nr_dflt_title(r);
	bold(r, &r->b, title, strlen(title));
	ni_buf_addc(&r->b, '\n');
	size_t w = ni_width(title, strlen(title));
	for (size_t i = 0; i < w; i++)
		ni_buf_adds(&r->b, "\xE2\x94\x80");
	ni_buf_adds(&r->b, "\n\n");
}

/* An item for a terminal: date, source and title in columns measured in
 * display width, summary and link below, wrapped to the width. */
static int text_item(ni_render *r, const view *v, const nr_src *s, int summary)
{
	const ni_itemview *iv = nr_itemview(r, v, r->f->view);
	const ni_buf *t;
	ni_buf e = {0};
	size_t width = r->o.width ? r->o.width : 80;
	t = &iv->date;
	ni_esc_term(&e, t->s ? t->s : "", t->len > 10 ? 10 : t->len);
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[2m");
	ni_fit(&r->b, e.s ? e.s : "", e.len, 10, -1, 0);
	ni_buf_adds(&r->b, "  ");
	t = &iv->source_id;     /* the SOURCE rule: a terminal shows the id */
	ni_buf_reset(&e);
	ni_esc_term(&e, t->s ? t->s : "", t->len);
	ni_fit(&r->b, e.s ? e.s : "", e.len, 16, -1, 0);
	ni_buf_adds(&r->b, "  ");
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[0m\033[1m");
	t = &iv->loc.title;
	ni_buf_reset(&e);
	ni_esc_term(&e, t->s ? t->s : "", t->len);
	ni_wrap(&r->b, e.s ? e.s : "", e.len, width, 30, 30);
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[0m");
	ni_buf_addc(&r->b, '\n');
	t = &iv->loc.summary;
	if (t->len) {
		ni_buf_reset(&e);
		ni_esc_term(&e, t->s, t->len);
		ni_buf_adds(&r->b, "            ");
		ni_wrap(&r->b, e.s ? e.s : "", e.len, width, 12, 12);
		ni_buf_addc(&r->b, '\n');
	}
	t = &iv->loc.body;
	if (t->len) {
		/* the Markdown body as text: each line wrapped, indented */
		ni_buf txt = {0};
		ni_md_text(t->s, t->len, &txt);
		const char *p = txt.s ? txt.s : "";
		for (size_t i = 0; i < txt.len;) {
			const char *nl = memchr(p + i, '\n', txt.len - i);
			size_t k = nl ? (size_t)(nl - p) - i : txt.len - i;
			if (k) {
				ni_buf_reset(&e);
				ni_esc_term(&e, p + i, k);
				ni_buf_adds(&r->b, "            ");
				ni_wrap(&r->b, e.s ? e.s : "", e.len, width, 12, 12);
			}
			ni_buf_addc(&r->b, '\n');
			i += k + 1;
		}
		ni_buf_free(&txt);
	}
	ni_buf_reset(&e);
	if (iv->url_str) {
		t = &iv->url;
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
	return 1;
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

/* A leading item of a row: "  - title", wrapped. */
static void text_lead(ni_render *r, ni_buf *o, enum nr_lead what,
		      const ni_buf *t, const ni_buf *u)
{
	switch (what) {
	case NR_LEAD_GROUP:
		bold(r, o, t->s ? t->s : "", t->len);
		ni_buf_addc(o, '\n');
		break;
	case NR_LEAD_ITEM: {
		ni_buf e = {0};
		ni_buf_adds(o, "  - ");
		ni_esc_term(&e, t->s ? t->s : "", t->len);
		ni_wrap(o, e.s ? e.s : "", e.len, r->o.width ? r->o.width : 80, 4, 4);
		ni_buf_free(&e);
		ni_buf_addc(o, '\n');
		break;
	}
	case NR_LEAD_GROUP_END:
		ni_buf_addc(o, '\n');
		break;
	default:
		break;
	}
	(void)u;
}

/* Rows as a terminal table with bars sized to the width, then their
 * leading items. */
static void text_table(ni_render *r, rec *rows, size_t n)
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
		nr_put_share(&t, nr_row_num(row, NI_ROW_SHARE));
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
	nr_row_items(r, rows, n, &r->b, text_lead);
}

static void text_overview(ni_render *r, const view *v)
{
	nr_overview_lines(r, v->rec, &r->b, "  ");
}

static void text_section(ni_render *r, const char *name, size_t n)
{
	bold(r, &r->b, name, n);
	ni_buf_adds(&r->b, "\n\n");
}

/* Contract: see render.h (the text row of the format table). */
const nr_format nr_fmt_text = {
	.name = "text", .esc = NI_ESC_TERM, .rows = NR_ROWS_TABLE,
	.view = NR_IV_DATE | NR_IV_SOURCE_ID | NR_IV_TITLE | NR_IV_SUMMARY |
		NR_IV_BODY | NR_IV_URL,
	.begin = text_begin, .item = text_item, .table = text_table,
	.overview = text_overview, .section = text_section,
};
