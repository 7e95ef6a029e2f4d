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
#include "render.h"

#include <stdlib.h>
#include <string.h>

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

/* Field f (a dotted path) of the record in v. */
ni_jval nr_get(const view *v, const char *f)
{
	return ni_json_ipath(v->rec, v->idx, f);
}

/* Text of field f (localized for lang when lang is set) into b. */
int nr_text_of(const ni_render *r, const view *v, const char *f,
		   int localize, ni_buf *b)
{
	ni_buf_reset(b);
	ni_jval x = localize ? ni_loc(v->rec, v->idx, f, r->o.lang) : nr_get(v, f);
	ni_val_text(x, ", ", b);
	return b->len > 0;
}

/* Append s escaped for r's output format. */
void nr_esc(ni_render *r, ni_buf *out, const char *s, size_t n)
{
	switch (r->o.format) {
	case NI_F_HTML: case NI_F_EMAIL: ni_esc_html(out, s, n); break;
	case NI_F_ATOM: case NI_F_RSS: case NI_F_SVG: ni_esc_xml(out, s, n); break;
	case NI_F_MD: ni_esc_md(out, s, n); break;
	default: ni_esc_term(out, s, n); break;
	}
}

/* nr_esc of a buffer. */
void nr_escs(ni_render *r, ni_buf *out, const ni_buf *s)
{
	nr_esc(r, out, s->s ? s->s : "", s->len);
}

/* date_published of v: its text in txt, 0 and *ms when it is a date. */
int nr_date_of(ni_render *r, const view *v, int64_t *ms, ni_buf *txt)
{
	ni_buf_reset(txt);
	ni_jval d = nr_get(v, "date_published");
	if (d.t != NI_J_STR)
		return -1;
	ni_json_str(d, txt);
	return txt->s ? ni_date_parse_field(r->o.dc, txt->s, txt->len, ms) : -1;
}

static void note_range(ni_render *r, const view *v)
{
	int64_t ms;
	ni_buf t = {0};
	if (!nr_date_of(r, v, &ms, &t)) {
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

/* The document title: --title, else "News digest". */
const char *nr_dflt_title(const ni_render *r)
{
	return r->o.title ? r->o.title : "News digest";
}

/* ---- template documents (-F, -T) ---- */

/* Template variables of document templates (title, count, first, last,
 * lang, now): appends the value of name and returns 1, else 0. */
int nr_doc_var(void *arg, const char *name, ni_buf *out)
{
	ni_render *r = arg;
	if (!strcmp(name, "title")) ni_buf_adds(out, nr_dflt_title(r));
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

/* The templates of a document, in the order of r->seen. */
static const ni_tpl *tpl_at(const ni_render *r, int i)
{
	const ni_tpl *t[5] = { r->o.line, r->o.head, r->o.item, r->o.foot, r->o.subject };
	return t[i];
}

/* Expand template t for v (NULL: no record) into out. */
void nr_tpl(ni_render *r, const ni_tpl *t, const view *v, ni_buf *out)
{
	unsigned char *seen = NULL;
	for (int i = 0; i < 5; i++)
		if (t == tpl_at(r, i))
			seen = r->seen[i];
	ni_tplctx c = { r->o.lang, t == r->o.subject ? NI_ESC_NONE : tpl_esc(r),
			r->o.dc, nr_doc_var, r, t == r->o.line || t == r->o.subject, seen };
	ni_jval none = { NI_J_OBJ, "{}", 2 };
	ni_tpl_render(t, v ? v->rec : none, v ? v->idx : NULL, &c, out);
}

static void tpl(ni_render *r, const ni_tpl *t, const view *v)
{
	nr_tpl(r, t, v, &r->b);
}

/* -v: name the template fields that no record had (printed empty). */
static void report_unseen(ni_render *r)
{
	static const char *what[4] = { "--fmt", "--template", "--template",
				       "--template" };
	for (int i = 0; i < 4; i++) {
		const ni_tpl *t = tpl_at(r, i);
		if (!t || !r->seen[i] || ((i == 0 || i == 2) && !r->items && !r->rows))
			continue;
		for (size_t k = 0; k < ni_tpl_nslots(t); k++)
			if (!r->seen[i][k])
				ni_note_at(r->o.d, what[i], 0, 0, "no record has "
					   "'%s': printed empty", ni_tpl_slot(t, k));
	}
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

/* ---- document start and end ---- */

static void begin(ni_render *r)
{
	if (r->started)
		return;
	r->started = 1;
	char ts[40];
	ni_buf *b = &r->b;
	const char *title = nr_dflt_title(r);
	if (r->o.head) {
		if (ni_tpl_uses(r->o.head, "count") || ni_tpl_uses(r->o.head, "first") ||
		    ni_tpl_uses(r->o.head, "last")) {
			/* totals are known at the end: keep the body */
			r->defer_head = 1;
			r->mem_saved = r->mem;
			r->mem = 1;
		} else {
			tpl(r, r->o.head, NULL);
		}
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
		nr_pct(b, title, strlen(title));
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
		nr_table_text(r, r->tab, r->ntab);
		nr_row_items(r, r->tab, r->ntab, &r->b);
		break;
	case NI_F_MD:
		nr_table_md(r, r->tab, r->ntab);
		nr_row_items(r, r->tab, r->ntab, &r->b);
		break;
	case NI_F_HTML:
		nr_table_html(r, r->tab, r->ntab, &r->b);
		nr_row_items(r, r->tab, r->ntab, &r->b);
		break;
	case NI_F_SVG: {
		/* one chart per run of rows; several become one document */
		ni_jval first = ni_json_record(r->tab[0].line, r->tab[0].n);
		cols c;
		nr_row_cols(first, &c);
		bar *bars = ni_xcalloc(r->ntab + 1, sizeof *bars);
		ni_buf *labs = ni_xcalloc(r->ntab + 1, sizeof *labs);
		for (size_t i = 0; i < r->ntab; i++) {
			ni_jval row = ni_json_record(r->tab[i].line, r->tab[i].n);
			nr_row_label(row, &c, &labs[i]);
			bars[i] = (bar){ labs[i].s ? labs[i].s : "", labs[i].len,
					 nr_row_num(row, "count") };
		}
		if (r->items || r->svg_drawn)
			ni_error(r->o.d, "svg: only the first table is drawn");
		else
			nr_svg_chart(r, &r->b, bars, r->ntab > 60 ? 60 : r->ntab,
				  c.n == 1 && nr_is_time_key(c.name[0]),
				  r->o.title ? r->o.title : c.n ? c.name[0] : "counts");
		r->svg_drawn = 1;
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
		ni_buf_printf(&range, "%ld %s, %s \xE2\x80\x93 %s", r->items,
			      r->items == 1 ? "item" : "items", r->first, r->last);
	else
		ni_buf_printf(&range, "%ld %s", r->items, r->items == 1 ? "item" : "items");
	if (r->defer_head) {
		ni_buf whole = {0};
		nr_tpl(r, r->o.head, NULL, &whole);
		ni_buf_add(&whole, r->b.s ? r->b.s : "", r->b.len);
		ni_buf_free(&r->b);
		r->b = whole;
		r->mem = r->mem_saved;
		r->defer_head = 0;
	}
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
		if (!r->svg_drawn)
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
	ni_jval kind = nr_get(&v, NI_KEY_SUMMARY);
	int summary = kind.t == NI_J_STR;
	if (summary && !r->o.line && !r->o.item && r->o.format != NI_F_CSV &&
	    r->o.format != NI_F_TSV && r->o.format != NI_F_JSON) {
		ni_jval by = nr_get(&v, NI_KEY_BY);
		int overview = by.t == NI_J_NONE;
		if (!overview && (!r->tab_by || strlen(r->tab_by) != by.n ||
				  memcmp(r->tab_by, by.p, by.n)))
			flush_table(r);
		if (overview) {
			flush_table(r);
			begin(r);
			if (r->o.format == NI_F_TEXT || r->o.format == NI_F_MD)
				nr_overview_lines(r, v.rec, &r->b, 0);
			else if (r->o.format == NI_F_HTML)
				nr_overview_lines(r, v.rec, &r->b, 1);
			if (r->o.format != NI_F_ATOM && r->o.format != NI_F_RSS &&
			    r->o.format != NI_F_SVG)
				r->rows++;
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
		r->rows++;
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
		} else {
			r->rows++;
		}
		maybe_flush(r);
		return;
	}
	int counted = 1;
	switch (r->o.format) {
	case NI_F_TEXT: nr_item_text(r, &v); break;
	case NI_F_MD: nr_item_md(r, &v); break;
	case NI_F_HTML: nr_item_html(r, &v, &r->b); break;
	case NI_F_ATOM: case NI_F_RSS: counted = nr_item_feed(r, &v, file, lineno); break;
	case NI_F_CSV: case NI_F_TSV:
		if (nr_item_csv(r, &v, summary)) {
			ni_error_at(r->o.d, file, lineno, 0, "%s: %s has other columns "
				    "than the header (one table per file: use --fields, "
				    "or render items and summary rows apart); not written",
				    r->o.format == NI_F_CSV ? "csv" : "tsv",
				    summary ? "this summary row" : "this item");
			r->errors++;
			counted = 0;
		}
		break;
	case NI_F_JSON:
		ni_buf_adds(&r->b, r->json_first ? "\n  " : ",\n  ");
		nr_pretty(&r->b, line, n, 1);
		r->json_first = 0;
		break;
	default: break;
	}
	if (counted && !summary) {
		r->items++;
		note_range(r, &v);
	} else if (counted && summary) {
		r->rows++;
	}
	maybe_flush(r);
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
	for (int i = 0; i < 5; i++)
		if (tpl_at(r, i))
			r->seen[i] = ni_xcalloc(ni_tpl_nslots(tpl_at(r, i)) + 1, 1);
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
		long before = r->text->items, rows = r->text->rows;
		one(r->text, line, n, idx, file, lineno);
		one(r->html, line, n, idx, file, lineno);
		r->rows += r->text->rows - rows;
		if (r->text->items > before) {
			r->items++;
			view v = { ni_json_record(line, n), idx };
			ni_buf t = {0};
			ni_identity(v.rec, idx, r->o.key, &t);
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

/* A summary row (ni-summarize output) rather than an item. */
static int is_row(const rec *e)
{
	ni_jval v = ni_json_get(ni_json_record(e->line, e->n), NI_KEY_SUMMARY,
				strlen(NI_KEY_SUMMARY));
	return v.t == NI_J_STR;
}

/* Render one kept record (--group-by keeps them until the end). */
static void replay(ni_render *r, const rec *e)
{
	ni_jidx idx;
	const char *err;
	size_t col;
	ni_json_check(e->line, e->n, NI_MAX_DEPTH, &idx, &err, &col);
	dispatch(r, e->line, e->n, &idx, e->file, e->lineno);
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
		if (!nr_date_of(r, &v, &ms, &t)) {
			char per[32];
			ni_date_period(r->o.dc, ms, kind, per);
			ni_buf_adds(out, per);
		}
		ni_buf_free(&t);
		return;
	}
	ni_jval x = ni_named(v.rec, NULL, g, r->o.lang);
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
		const ni_render *counter = r->o.format == NI_F_EMAIL ? r->text : r;
		/* summary rows are not items: those before the first item come
		 * first, the others after the sections, in input order */
		size_t first_item = r->nall;
		for (size_t i = 0; i < r->nall && first_item == r->nall; i++)
			if (!is_row(&r->all[i]))
				first_item = i;
		for (size_t i = 0; i < first_item; i++)
			replay(r, &r->all[i]);
		int headed = 0;
		const char *prev = NULL;
		for (size_t j = 0; j < r->nall; j++) {
			rec *e = &r->all[k[j].i];
			if (is_row(e))
				continue;
			if (prev && strcmp(k[j].key, prev))
				headed = 0;
			prev = k[j].key;
			if (r->o.limit >= 0 && counter->items >= r->o.limit)
				continue;   /* past --limit: no heading for it */
			if (!headed) {
				const char *name = *k[j].key ? k[j].key : "(none)";
				if (r->o.format == NI_F_EMAIL) {
					section(r->text, name, strlen(name));
					section(r->html, name, strlen(name));
				} else {
					section(r, name, strlen(name));
				}
				headed = 1;
			}
			replay(r, e);
		}
		int figures = 0;
		for (size_t i = first_item; i < r->nall; i++) {
			if (!is_row(&r->all[i]))
				continue;
			if (!figures && r->o.format != NI_F_EMAIL) {
				/* the tables do not belong to the last section */
				flush_table(r);
				section(r, "Figures", 7);
			}
			figures = 1;
			replay(r, &r->all[i]);
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
		nr_email(r);
	} else {
		flush_table(r);
		end_doc(r);
	}
	if (r->o.d->verbose) {
		report_unseen(r->o.format == NI_F_EMAIL ? r->text : r);
		if (r->o.format == NI_F_EMAIL && r->o.subject && r->seen[4]) {
			for (size_t k = 0; k < ni_tpl_nslots(r->o.subject); k++)
				if (!r->seen[4][k])
					ni_note_at(r->o.d, "--subject", 0, 0, "no value for "
						   "'%s': printed empty", ni_tpl_slot(r->o.subject, k));
		}
	}
	flush(r);
	return r->items + r->rows;
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
	ni_buf_free(&r->csv_cols);
	ni_hashset_free(&r->ids);
	for (int i = 0; i < 5; i++)
		free(r->seen[i]);
	ni_render_free(r->text);
	ni_render_free(r->html);
	free(r);
}
