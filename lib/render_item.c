/* render_item.c - item records as terminal text, Markdown and HTML. */
#define _GNU_SOURCE
#include "render.h"

#include <stdlib.h>
#include <string.h>

/* ---- items, per format ---- */

/* An item for a terminal: date, source and title in columns measured in
 * display width, summary and link below, wrapped to the width. */
void nr_item_text(ni_render *r, const view *v)
{
	ni_buf *t = &r->tmp, e = {0};
	size_t width = r->o.width ? r->o.width : 80;
	nr_text_of(r, v, "date_published", 0, t);
	ni_esc_term(&e, t->s ? t->s : "", t->len > 10 ? 10 : t->len);
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[2m");
	ni_fit(&r->b, e.s ? e.s : "", e.len, 10, -1, 0);
	ni_buf_adds(&r->b, "  ");
	if (!nr_text_of(r, v, "source_id", 0, t))
		nr_text_of(r, v, "source_name", 0, t);
	ni_buf_reset(&e);
	ni_esc_term(&e, t->s ? t->s : "", t->len);
	ni_fit(&r->b, e.s ? e.s : "", e.len, 16, -1, 0);
	ni_buf_adds(&r->b, "  ");
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[0m\033[1m");
	nr_text_of(r, v, "title", 1, t);
	ni_buf_reset(&e);
	ni_esc_term(&e, t->s ? t->s : "", t->len);
	ni_wrap(&r->b, e.s ? e.s : "", e.len, width, 30, 30);
	if (r->o.color)
		ni_buf_adds(&r->b, "\033[0m");
	ni_buf_addc(&r->b, '\n');
	if (nr_text_of(r, v, "summary", 1, t)) {
		ni_buf_reset(&e);
		ni_esc_term(&e, t->s, t->len);
		ni_buf_adds(&r->b, "            ");
		ni_wrap(&r->b, e.s ? e.s : "", e.len, width, 12, 12);
		ni_buf_addc(&r->b, '\n');
	}
	ni_buf_reset(&e);
	ni_jval u = nr_get(v, "canonical_url");
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
void nr_row_items(ni_render *r, rec *rows, size_t n, ni_buf *o)
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
			nr_text_of(r, &v, "title", 1, &t);
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
		nr_esc(r, o, t.s, t.len);
		ni_buf_adds(o, html ? "</li>" : "\n");
	}
	if (html)
		ni_buf_adds(o, "</ul>");
	ni_buf_free(&t);
}

/* An item in Markdown: linked title, source · date · confidence,
 * summary, key points; every value escaped. */
void nr_item_md(ni_render *r, const view *v)
{
	ni_buf *t = &r->tmp, u = {0};
	nr_text_of(r, v, "title", 1, t);
	ni_buf_adds(&r->b, "### ");
	ni_jval url = nr_get(v, "canonical_url");
	ni_buf raw = {0};
	ni_val_text(url, "", &raw);
	if (ni_url_ok(raw.s ? raw.s : "", raw.len, &u)) {
		ni_buf_addc(&r->b, '[');
		nr_escs(r, &r->b, t);
		ni_buf_adds(&r->b, "](");
		md_url(&r->b, u.s, u.len);
		ni_buf_addc(&r->b, ')');
	} else {
		nr_escs(r, &r->b, t);
	}
	ni_buf_adds(&r->b, "\n\n*");
	int any = 0;
	if (nr_text_of(r, v, "source_name", 0, t) || nr_text_of(r, v, "source_id", 0, t)) {
		nr_escs(r, &r->b, t);
		any = 1;
	}
	if (nr_text_of(r, v, "date_published", 0, t)) {
		ni_buf_adds(&r->b, any ? " \xC2\xB7 " : "");
		nr_escs(r, &r->b, t);
		any = 1;
	}
	if (nr_text_of(r, v, "confidence", 0, t)) {
		ni_buf_adds(&r->b, any ? " \xC2\xB7 confidence " : "confidence ");
		nr_escs(r, &r->b, t);
	}
	ni_buf_adds(&r->b, "*\n\n");
	if (nr_text_of(r, v, "summary", 1, t)) {
		nr_escs(r, &r->b, t);
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
	if (nr_text_of(r, v, "summary", 1, &t)) {
		ni_buf_adds(o, "<p>");
		ni_esc_html(o, t.s, t.len);
		ni_buf_adds(o, "</p>");
	}
	if (nr_text_of(r, v, "so_what", 1, &t)) {
		ni_buf_adds(o, "<p class=\"so\">");
		ni_esc_html(o, t.s, t.len);
		ni_buf_adds(o, "</p>");
	}
	key_points(r, v, o, 1);
	ni_buf_adds(o, "</div>");
	r->o.lang = save;
	ni_buf_free(&t);
}

/* An item in HTML: titles and texts in English and Korean blocks (the
 * CSS language switch shows one), links only for safe URLs. */
void nr_item_html(ni_render *r, const view *v, ni_buf *o)
{
	ni_buf *t = &r->tmp, u = {0}, raw = {0};
	ni_buf_adds(o, "<article>");
	const char *langs[2] = { "en", "ko" };
	for (int i = 0; i < 2; i++) {
		const char *save = r->o.lang;
		r->o.lang = langs[i];
		nr_text_of(r, v, "title", 1, t);
		r->o.lang = save;
		ni_buf_printf(o, "<h%d class=\"l-%s\" lang=\"%s\">", r->o.group_by ? 3 : 2,
			      langs[i], langs[i]);
		ni_buf_reset(&raw);
		ni_buf_reset(&u);
		ni_val_text(nr_get(v, "canonical_url"), "", &raw);
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
	if (nr_text_of(r, v, "source_name", 0, t) || nr_text_of(r, v, "source_id", 0, t)) {
		ni_esc_html(o, t->s, t->len);
		any = 1;
	}
	if (nr_text_of(r, v, "date_published", 0, t)) {
		ni_buf_adds(o, any ? " \xC2\xB7 " : "");
		ni_buf_adds(o, "<time>");
		ni_esc_html(o, t->s, t->len);
		ni_buf_adds(o, "</time>");
		any = 1;
	}
	if (nr_text_of(r, v, "tags", 0, t)) {
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
