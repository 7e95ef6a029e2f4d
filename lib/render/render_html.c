/* render_html.c - the html format: one page (inline CSS, a CSS-only
 * English/Korean switch, tables with inline SVG charts). */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

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
"caption{text-align:left;font-weight:600;padding:.8em 0 .3em}section.summary{overflow-x:auto}"
"dt{font-weight:600}dd{margin:0 0 .4em 1em}.so b{font-style:normal}"
".lang{position:sticky;top:0;background:#fafafa;padding:.4em 1em;border-bottom:1px solid #ddd}"
"#lang-en:checked~main .l-ko,#lang-ko:checked~main .l-en{display:none}"
"footer{color:#666;font-size:.85em;margin:2em 0}"
"@media (max-width:600px){body{font-size:15px}main{padding:.5em}}";

static void html_begin(ni_render *r)
{
	ni_buf *b = &r->b;
	const char *title = nr_dflt_title(r);
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
}

static void html_lang_block(ni_render *r, const view *v, const nr_itemloc *l,
			    ni_buf *o)
{
	const char *lang = l->lang;
	ni_buf t = {0};
	ni_buf_adds(o, "<div class=\"l-");
	ni_buf_adds(o, lang);
	ni_buf_adds(o, "\" lang=\"");
	ni_buf_adds(o, lang);
	ni_buf_adds(o, "\">");
	if (l->summary.len) {
		ni_buf_adds(o, "<p>");
		ni_esc_html(o, l->summary.s, l->summary.len);
		ni_buf_adds(o, "</p>");
	}
	if (l->so_what.len) {
		/* "So what:" in the block's language */
		ni_buf_adds(o, strcmp(lang, "ko") ? "<p class=\"so\"><b>So what:</b> "
			    : "<p class=\"so\"><b>\xEC\x8B\x9C\xEC\x82\xAC\xEC\xA0\x90:</b> ");
		ni_esc_html(o, l->so_what.s, l->so_what.len);
		ni_buf_adds(o, "</p>");
	}
	nr_key_points(r, l->key_points, o, 1);
	/* a body in this language (_body_en, _body_ko) */
	char bf[16];
	snprintf(bf, sizeof bf, "%s%s", NI_KEY_BODY_PFX, lang);
	ni_jval body = nr_get(v, bf);
	if (body.t == NI_J_STR) {
		ni_buf_reset(&t);
		ni_json_str(body, &t);
		ni_buf_adds(o, "<div class=\"body\">");
		ni_md_html(t.s ? t.s : "", t.len, o);
		ni_buf_adds(o, "</div>");
	}
	ni_buf_adds(o, "</div>");
	ni_buf_free(&t);
}

/* A digest (type weekly or monthly, or a record with a week or month
 * label): a badge and its period, "Weekly digest · 2026-W33 ·
 * 2026-08-09 – 2026-08-15" (the days when it has period_start/_end or
 * date_published). */
static void html_period(ni_render *r, const view *v, ni_buf *o)
{
	ni_buf t = {0}, w = {0};
	nr_text_of(r, v, NI_FIELD_TYPE, 0, &t);
	int weekly = (t.len == 6 && !memcmp(t.s, "weekly", 6)) ||
		     (!t.len && nr_get(v, "week").t == NI_J_STR);
	int monthly = (t.len == 7 && !memcmp(t.s, "monthly", 7)) ||
		      (!t.len && !weekly && nr_get(v, "month").t == NI_J_STR);
	if (weekly || monthly) {
		ni_buf_adds(o, "<p class=\"meta period\"><b class=\"badge\">");
		ni_buf_adds(o, weekly ? "Weekly digest" : "Monthly report");
		ni_buf_adds(o, "</b>");
		if (nr_text_of(r, v, weekly ? "week" : "month", 0, &w)) {
			ni_buf_adds(o, " ");
			ni_esc_html(o, w.s, w.len);
		}
		if (nr_text_of(r, v, "period_start", 0, &t)) {
			ni_buf_adds(o, " \xC2\xB7 ");
			ni_esc_html(o, t.s, t.len);
			if (nr_text_of(r, v, "period_end", 0, &t)) {
				ni_buf_adds(o, " \xE2\x80\x93 ");
				ni_esc_html(o, t.s, t.len);
			}
		}
		ni_buf_adds(o, "</p>");
	}
	ni_buf_free(&t);
	ni_buf_free(&w);
}

/* An item in HTML: titles and texts in English and Korean blocks (the
 * CSS language switch shows one), links only for safe URLs. */
static int html_item(ni_render *r, const view *v, const nr_src *s, int summary)
{
	ni_buf *o = &r->b;
	const ni_itemview *iv = nr_itemview(r, v, r->f->view);
	ni_buf_adds(o, "<article>");
	const char *langs[2] = { "en", "ko" };
	const nr_itemloc *loc[2];
	for (int i = 0; i < 2; i++) {
		if (!strcmp(iv->loc.lang, langs[i])) {
			loc[i] = &iv->loc;
		} else {
			nr_itemloc_fill(v, langs[i], r->f->view, &r->iv_alt[i]);
			loc[i] = &r->iv_alt[i];
		}
	}
	for (int i = 0; i < 2; i++) {
		const ni_buf *t = &loc[i]->title;
		ni_buf_adds(o, r->o.group_by ? "<h3 class=\"l-" : "<h2 class=\"l-");
		ni_buf_adds(o, langs[i]);
		ni_buf_adds(o, "\" lang=\"");
		ni_buf_adds(o, langs[i]);
		ni_buf_adds(o, "\">");
		if (iv->has_link) {
			ni_buf_adds(o, "<a href=\"");
			ni_esc_html(o, iv->link.s, iv->link.len);
			ni_buf_adds(o, "\">");
			ni_esc_html(o, t->s ? t->s : "", t->len);
			ni_buf_adds(o, "</a>");
		} else {
			ni_esc_html(o, t->s ? t->s : "", t->len);
		}
		ni_buf_adds(o, r->o.group_by ? "</h3>" : "</h2>");
	}
	ni_buf_adds(o, "<p class=\"meta\">");
	int any = 0;
	if (iv->source.len) {   /* the SOURCE rule: a page shows the name */
		ni_esc_html(o, iv->source.s, iv->source.len);
		any = 1;
	}
	if (iv->date.len) {
		ni_buf_adds(o, any ? " \xC2\xB7 " : "");
		ni_buf_adds(o, "<time>");
		ni_esc_html(o, iv->date.s, iv->date.len);
		ni_buf_adds(o, "</time>");
		any = 1;
	}
	if (iv->tags.len) {
		ni_buf_adds(o, any ? " \xC2\xB7 " : "");
		ni_esc_html(o, iv->tags.s, iv->tags.len);
	}
	ni_buf_adds(o, "</p>");
	html_period(r, v, o);
	html_lang_block(r, v, loc[0], o);
	html_lang_block(r, v, loc[1], o);
	/* a body not split by language (ni-parse --body makes _body_XX of
	 * its <div class="lang-XX"> blocks, shown in the blocks above), in
	 * both languages' view */
	ni_jval body = nr_get(v, NI_KEY_BODY);
	if (body.t == NI_J_STR && nr_get(v, NI_KEY_BODY_PFX "en").t != NI_J_STR &&
	    nr_get(v, NI_KEY_BODY_PFX "ko").t != NI_J_STR) {
		ni_buf *t = &r->tmp;
		ni_buf_reset(t);
		ni_json_str(body, t);
		ni_buf_adds(o, "<div class=\"body\">");
		ni_md_html(t->s ? t->s : "", t->len, o);
		ni_buf_adds(o, "</div>");
	}
	ni_buf_adds(o, "</article>\n");
	return 1;
}

/* The leading items of rows: a heading and a list of links per row. */
static void html_lead(ni_render *r, ni_buf *o, enum nr_lead what,
		      const ni_buf *t, const ni_buf *u)
{
	switch (what) {
	case NR_LEAD_OPEN:
		ni_buf_adds(o, "<section class=\"leading\">");
		break;
	case NR_LEAD_GROUP:
		ni_buf_adds(o, "<h2>");
		ni_esc_html(o, t->s ? t->s : "", t->len);
		ni_buf_adds(o, "</h2><ul>");
		break;
	case NR_LEAD_ITEM:
		ni_buf_adds(o, "<li>");
		if (u) {
			ni_buf_adds(o, "<a href=\"");
			ni_esc_html(o, u->s, u->len);
			ni_buf_adds(o, "\">");
		}
		ni_esc_html(o, t->s ? t->s : "", t->len);
		ni_buf_adds(o, u ? "</a></li>" : "</li>");
		break;
	case NR_LEAD_GROUP_END:
		ni_buf_adds(o, "</ul>");
		break;
	case NR_LEAD_CLOSE:
		ni_buf_adds(o, "</section>\n");
		break;
	}
	(void)r;
}

/* Rows as an HTML table and an inline SVG chart, then their leading
 * items. */
static void html_table(ni_render *r, rec *rows, size_t n)
{
	ni_buf *o = &r->b;
	ni_jval first = ni_json_record(rows[0].line, rows[0].n);
	cols c;
	nr_row_cols(first, &c);
	bar *bars = ni_xcalloc(n + 1, sizeof *bars);
	ni_buf *labs = ni_xcalloc(n + 1, sizeof *labs);
	ni_buf head = {0};
	for (int i = 0; i < c.n; i++)
		ni_buf_printf(&head, "%s%s", i ? " / " : "", c.name[i]);
	ni_buf cap = {0};
	nr_table_caption(first, &c, &cap);
	ni_buf_adds(o, "<section class=\"summary\"><table><caption>");
	ni_esc_html(o, cap.s ? cap.s : "", cap.len);
	ni_buf_adds(o, "</caption><thead><tr>");
	ni_buf_free(&cap);
	for (int i = 0; i < c.n; i++) {
		ni_buf_adds(o, "<th>");
		ni_esc_html(o, c.name[i], strlen(c.name[i]));
		ni_buf_adds(o, "</th>");
	}
	/* a share says what it is a share of: the items counted */
	ni_jval tr = ni_json_get(first, NI_ROW_TREND, strlen(NI_ROW_TREND));
	char period[32] = "";
	if (tr.t == NI_J_OBJ) {
		ni_buf pb = {0};
		ni_json_str(ni_json_get(tr, "period", 6), &pb);
		snprintf(period, sizeof period, "%s", pb.s ? pb.s : "");
		ni_buf_free(&pb);
	}
	/* a trend table shows the two periods and the change (the count
	 * and share over both periods would only crowd a phone's width) */
	if (!*period) {
		ni_buf sh = {0};
		nr_share_head(rows, n, &c, &sh);
		ni_buf_adds(o, "<th class=\"n\">count</th><th class=\"n\">");
		ni_esc_html(o, sh.s, sh.len);
		ni_buf_adds(o, "</th>");
		ni_buf_free(&sh);
	} else {
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
		if (!*period) {
			ni_buf_printf(o, "<td class=\"n\">%.0f</td><td class=\"n\">",
				      nr_row_num(row, NI_ROW_COUNT));
			nr_put_share(o, nr_row_num(row, NI_ROW_SHARE));
			ni_buf_adds(o, "</td>");
		} else {
			ni_jval t = ni_json_get(row, NI_ROW_TREND, strlen(NI_ROW_TREND));
			ni_buf_printf(o, "<td class=\"n\">%.0f</td><td class=\"n\">%.0f</td>"
				      "<td class=\"n\">%+.0f</td>",
				      nr_row_num(t, "last"), nr_row_num(t, "previous"),
				      nr_row_num(t, "change"));
		}
		ni_buf_adds(o, "</tr>");
		nr_row_label(row, &c, &labs[i]);
		/* rows of a trend: the chart shows the last period */
		bars[i] = (bar){ labs[i].s ? labs[i].s : "", labs[i].len,
				 *period ? nr_row_num(ni_json_get(row, NI_ROW_TREND,
						  strlen(NI_ROW_TREND)), "last")
					 : nr_row_num(row, NI_ROW_COUNT) };
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
	if (*period) {
		ni_buf_reset(&head);
		ni_buf_printf(&head, "last %s", period);
	}
	ni_buf_adds(o, "<figure>");
	nr_svg_chart(o, bars, n > 40 && !time_axis ? 40 : n, time_axis,
		     head.s ? head.s : "counts");
	ni_buf_adds(o, "</figure></section>\n");
	for (size_t i = 0; i < n; i++)
		ni_buf_free(&labs[i]);
	free(labs);
	free(bars);
	ni_buf_free(&head);
	nr_row_items(r, rows, n, o, html_lead);
}

/* The overview's figures, then each --hist field as a table of bands
 * with a chart. */
static void html_overview(ni_render *r, const view *v)
{
	ni_buf *o = &r->b, field = {0}, *labs;
	double *counts;
	size_t nb;
	nr_overview_lines(r, v->rec, o, NULL);
	for (size_t k = 0; (nb = nr_hist(v->rec, k, &field, &labs, &counts)); k++) {
		double total = 0;
		for (size_t b = 0; b < nb; b++)
			total += counts[b];
		ni_buf_adds(o, "<section class=\"summary\"><table><caption>Items by ");
		ni_esc_html(o, field.s, field.len);
		ni_buf_adds(o, "</caption><thead><tr><th>");
		ni_esc_html(o, field.s, field.len);
		/* of the items that have the field, when not all have it */
		ni_buf_printf(o, "</th><th class=\"n\">count</th><th class=\"n\">share of "
			      "%.0f items%s</th></tr></thead><tbody>", total,
			      total != nr_row_num(v->rec, NI_ROW_COUNT) ? " with it" : "");
		bar *bars = ni_xcalloc(nb, sizeof *bars);
		for (size_t b = 0; b < nb; b++) {
			ni_buf_adds(o, "<tr><td>");
			ni_esc_html(o, labs[b].s, labs[b].len);
			ni_buf_printf(o, "</td><td class=\"n\">%.0f</td><td class=\"n\">", counts[b]);
			nr_put_share(o, total > 0 ? counts[b] / total : 0);
			ni_buf_adds(o, "</td></tr>");
			bars[b] = (bar){ labs[b].s, labs[b].len, counts[b] };
		}
		ni_buf_adds(o, "</tbody></table><figure>");
		nr_svg_chart(o, bars, nb, 0, field.s);
		ni_buf_adds(o, "</figure></section>\n");
		free(bars);
		nr_hist_free(labs, counts, nb);
	}
	ni_buf_free(&field);
}

static void html_section(ni_render *r, const char *name, size_t n)
{
	ni_buf_adds(&r->b, "<h2>");
	ni_esc_html(&r->b, name, n);
	ni_buf_adds(&r->b, "</h2>\n");
}

static void html_end(ni_render *r, const ni_buf *range)
{
	ni_buf_adds(&r->b, "<footer>");
	ni_esc_html(&r->b, range->s, range->len);
	ni_buf_adds(&r->b, ". Made with ni-render.</footer>\n</main>\n</body>\n</html>\n");
}

/* Contract: see render.h (the html row of the format table). */
const nr_format nr_fmt_html = {
	.name = "html", .esc = NI_ESC_HTML, .rows = NR_ROWS_TABLE,
	.view = NR_IV_TITLE | NR_IV_LINK | NR_IV_SOURCE | NR_IV_DATE | NR_IV_TAGS |
		NR_IV_SUMMARY | NR_IV_SO_WHAT | NR_IV_KEY_POINTS,
	.begin = html_begin, .item = html_item, .table = html_table,
	.overview = html_overview, .section = html_section, .end = html_end,
};
