/* render_md.c - the md format: a Markdown document (every value
 * escaped, so data cannot make links or HTML). */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

static void md_begin(ni_render *r)
{
	const char *title = nr_dflt_title(r);
	ni_buf_adds(&r->b, "# ");
	ni_esc_md(&r->b, title, strlen(title));
	ni_buf_adds(&r->b, "\n\n");
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

/* An item in Markdown: linked title, source · date · confidence,
 * summary, key points; every value escaped. */
static int md_item(ni_render *r, const view *v, const nr_src *s, int summary)
{
	const ni_itemview *iv = nr_itemview(r, v, r->f->view);
	const ni_buf *t = &iv->loc.title;
	ni_buf_adds(&r->b, "### ");
	if (iv->has_link) {
		ni_buf_addc(&r->b, '[');
		nr_escs(r, &r->b, t);
		ni_buf_adds(&r->b, "](");
		md_url(&r->b, iv->link.s, iv->link.len);
		ni_buf_addc(&r->b, ')');
	} else {
		nr_escs(r, &r->b, t);
	}
	ni_buf_adds(&r->b, "\n\n*");
	int any = 0;
	if (iv->source.len) {   /* the SOURCE rule: a page shows the name */
		nr_escs(r, &r->b, &iv->source);
		any = 1;
	}
	if (iv->date.len) {
		ni_buf_adds(&r->b, any ? " \xC2\xB7 " : "");
		nr_escs(r, &r->b, &iv->date);
		any = 1;
	}
	if (iv->confidence.len) {
		ni_buf_adds(&r->b, any ? " \xC2\xB7 confidence " : "confidence ");
		nr_escs(r, &r->b, &iv->confidence);
	}
	ni_buf_adds(&r->b, "*\n\n");
	if (iv->loc.summary.len) {
		nr_escs(r, &r->b, &iv->loc.summary);
		ni_buf_adds(&r->b, "\n\n");
	}
	size_t before = r->b.len;
	nr_key_points(r, iv->loc.key_points, &r->b, 0);
	if (r->b.len > before)
		ni_buf_addc(&r->b, '\n');
	t = &iv->loc.body;
	if (t->len) {
		/* the body as readable text, its lines escaped as text */
		ni_buf txt = {0};
		ni_md_text(t->s, t->len, &txt);
		const char *p = txt.s ? txt.s : "";
		for (size_t i = 0; i < txt.len;) {
			const char *nl = memchr(p + i, '\n', txt.len - i);
			size_t k = nl ? (size_t)(nl - p) - i : txt.len - i;
			nr_esc(r, &r->b, p + i, k);
			/* a line followed by another: a hard break, so rows
			 * and lines do not run together */
			if (k && i + k + 1 < txt.len && p[i + k + 1] != '\n')
				ni_buf_adds(&r->b, "  ");
			ni_buf_addc(&r->b, '\n');
			i += k + 1;
		}
		ni_buf_adds(&r->b, "\n");
		ni_buf_free(&txt);
	}
	return 1;
}

/* A leading item of a row: "- [title](url)". */
static void md_lead(ni_render *r, ni_buf *o, enum nr_lead what,
		    const ni_buf *t, const ni_buf *u)
{
	switch (what) {
	case NR_LEAD_GROUP:
		ni_buf_adds(o, "**");
		ni_esc_md(o, t->s ? t->s : "", t->len);
		ni_buf_adds(o, "**\n\n");
		break;
	case NR_LEAD_ITEM:
		ni_buf_adds(o, "- ");
		if (u) {
			ni_buf_addc(o, '[');
			ni_esc_md(o, t->s ? t->s : "", t->len);
			ni_buf_adds(o, "](");
			md_url(o, u->s, u->len);
			ni_buf_addc(o, ')');
		} else {
			ni_esc_md(o, t->s ? t->s : "", t->len);
		}
		ni_buf_addc(o, '\n');
		break;
	case NR_LEAD_GROUP_END:
		ni_buf_addc(o, '\n');
		break;
	default:
		break;
	}
	(void)r;
}

/* Rows as a Markdown table, then their leading items. */
static void md_table(ni_render *r, rec *rows, size_t n)
{
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	nr_row_cols(first, &c);
	ni_buf lab = {0};
	nr_table_caption(first, &c, &lab);
	ni_buf_adds(&r->b, "**");
	ni_esc_md(&r->b, lab.s ? lab.s : "", lab.len);
	ni_buf_adds(&r->b, "**\n\n|");
	for (int i = 0; i < c.n; i++) {
		ni_buf_addc(&r->b, ' ');
		ni_esc_md(&r->b, c.name[i], strlen(c.name[i]));
		ni_buf_adds(&r->b, " |");
	}
	/* a share says what it is a share of; trend rows add their periods */
	double total = nr_rows_total(rows, n);
	ni_buf per = {0};
	ni_jval tr = ni_json_get(first, NI_ROW_TREND, strlen(NI_ROW_TREND));
	if (tr.t == NI_J_OBJ)
		ni_json_str(ni_json_get(tr, "period", 6), &per);
	if (total != 0) {
		ni_buf sh = {0};
		nr_share_head(rows, n, &c, &sh);
		ni_buf_adds(&r->b, " count | ");
		ni_esc_md(&r->b, sh.s, sh.len);
		ni_buf_printf(&r->b, "%s |", per.len ? " in both periods" : "");
		ni_buf_free(&sh);
	} else {
		ni_buf_adds(&r->b, " count | share |");
	}
	if (per.len) {
		ni_buf_adds(&r->b, " last ");
		ni_esc_md(&r->b, per.s, per.len);
		ni_buf_adds(&r->b, " | the ");
		ni_esc_md(&r->b, per.s, per.len);
		ni_buf_adds(&r->b, " before | change |");
	}
	ni_buf_adds(&r->b, "\n|");
	for (int i = 0; i < c.n; i++)
		ni_buf_adds(&r->b, "---|");
	ni_buf_adds(&r->b, per.len ? "---:|---:|---:|---:|---:|\n" : "---:|---:|\n");
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
		nr_put_share(&r->b, nr_row_num(row, NI_ROW_SHARE));
		if (per.len) {
			ni_jval t = ni_json_get(row, NI_ROW_TREND, strlen(NI_ROW_TREND));
			ni_buf_printf(&r->b, " | %.0f | %.0f | %+.0f", nr_row_num(t, "last"),
				      nr_row_num(t, "previous"), nr_row_num(t, "change"));
		}
		ni_buf_adds(&r->b, " |\n");
	}
	ni_buf_addc(&r->b, '\n');
	ni_buf_free(&lab);
	ni_buf_free(&per);
	nr_row_items(r, rows, n, &r->b, md_lead);
}

static void md_overview(ni_render *r, const view *v)
{
	nr_overview_lines(r, v->rec, &r->b, "- ");
}

static void md_section(ni_render *r, const char *name, size_t n)
{
	ni_buf_adds(&r->b, "## ");
	ni_esc_md(&r->b, name, n);
	ni_buf_adds(&r->b, "\n\n");
}

/* "---" and the item count and date range in italics. */
static void md_end(ni_render *r, const ni_buf *range)
{
	ni_buf_adds(&r->b, "---\n\n*");
	ni_esc_md(&r->b, range->s, range->len);
	ni_buf_adds(&r->b, "*\n");
}

/* Contract: see render.h (the md row of the format table). */
const nr_format nr_fmt_md = {
	.name = "md", .esc = NI_ESC_MD, .rows = NR_ROWS_TABLE,
	.view = NR_IV_TITLE | NR_IV_LINK | NR_IV_SOURCE | NR_IV_DATE |
		NR_IV_CONFIDENCE | NR_IV_SUMMARY | NR_IV_KEY_POINTS | NR_IV_BODY,
	.begin = md_begin, .item = md_item, .table = md_table,
	.overview = md_overview, .section = md_section, .end = md_end,
};
