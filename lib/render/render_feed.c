/* render_feed.c - the atom and rss formats: feeds (stable entry ids,
 * one entry per article, summary rows are not entries). */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- feeds ---- */

/* Append s percent-encoded (all but unreserved characters). */
static void nr_pct(ni_buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c && strchr("-._~", c)))
			ni_buf_addc(o, (char)c);
		else
			ni_buf_printf(o, "%%%02X", c);
	}
}

/* A stable entry id from the item's identity (ni_identity, or the
 * --key field): a canonical URL as itself (an IRI), anything else as a
 * tag: URI.  0 when the record has no identity. */
static int entry_id(ni_render *r, const view *v, ni_buf *o)
{
	ni_buf t = {0};
	int kind = ni_identity(v->rec, v->idx, r->o.key, &t);
	if (kind == NI_ID_URL) {
		ni_esc_xml(o, t.s, t.len);
	} else if (kind != NI_ID_NONE) {
		ni_buf_adds(o, "tag:ni-render.invalid,2026:item/");
		nr_pct(o, t.s, t.len);
	}
	ni_buf_free(&t);
	return kind != NI_ID_NONE;
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

/* One Atom or RSS entry; 0 (reported) when it cannot be dated, has no
 * id or URL, or repeats an earlier id. */
static int feed_item(ni_render *r, const view *v, const char *file,
		     unsigned long lineno, int atom)
{
	int64_t ms;
	ni_buf *t = &r->tmp, id = {0};
	if (nr_date_of(r, v, &ms, t)) {
		ni_error_at(r->o.d, file, lineno, 0, "cannot date this record "
			    "(date_published %s); not in the feed",
			    t->len ? "is not a date" : "is missing");
		r->errors++;
		return 0;
	}
	if (!entry_id(r, v, &id)) {
		if (r->o.key)
			ni_error_at(r->o.d, file, lineno, 0, "no usable %s (--key): "
				    "it %s; not in the feed", r->o.key,
				    ni_identity_why(ni_json_ipath(v->rec, v->idx,
								  r->o.key)));
		else
			ni_error_at(r->o.d, file, lineno, 0, "record without identity "
				    "(canonical_url, id or any field); not in the feed");
		r->errors++;
		ni_buf_free(&id);
		return 0;
	}
	uint32_t first = (uint32_t)lineno;
	if (ni_hashset_add(&r->feed.ids, id.s, id.len, &first)) {
		/* one article, written once (RFC 4287 allows repeated ids;
		 * a repeat is a data note, not a failure) */
		if (r->o.d->verbose)
			ni_note_at(r->o.d, file, lineno, 0, "same article as line %lu "
				   "(%.*s); kept the first", (unsigned long)first,
				   (int)(id.len > 200 ? 200 : id.len), id.s);
		ni_buf_free(&id);
		return 0;
	}
	char ts[40];
	const ni_itemview *iv = nr_itemview(r, v, r->f->view);
	const ni_buf *u = &iv->link;
	int link = iv->has_link;
	ni_buf_reset(t);
	if (iv->loc.title.len)
		ni_buf_add(t, iv->loc.title.s, iv->loc.title.len);
	else
		ni_buf_adds(t, "(untitled)");
	if (atom) {
		ni_date_rfc3339(ms, ts);
		ni_buf_adds(&r->b, "<entry>\n<id>");
		ni_buf_add(&r->b, id.s, id.len);
		ni_buf_adds(&r->b, "</id>\n");
		xml_el(&r->b, "<title type=\"text\">", t->s, t->len, "</title>");
		if (link)
			xml_el(&r->b, "<link rel=\"alternate\" href=\"", u->s, u->len, "\"/>");
		ni_buf_printf(&r->b, "<updated>%s</updated>\n<published>%s</published>\n", ts, ts);
		if (iv->source.len)   /* the SOURCE rule: the name */
			xml_el(&r->b, "<author><name>", iv->source.s, iv->source.len,
			       "</name></author>");
		if (iv->loc.summary.len)
			xml_el(&r->b, "<summary type=\"text\">", iv->loc.summary.s,
			       iv->loc.summary.len, "</summary>");
	} else {
		ni_date_rfc822(ms, ts);
		ni_buf_adds(&r->b, "<item>\n");
		xml_el(&r->b, "<title>", t->s, t->len, "</title>");
		if (link)
			xml_el(&r->b, "<link>", u->s, u->len, "</link>");
		ni_buf_adds(&r->b, "<guid isPermaLink=\"false\">");
		ni_buf_add(&r->b, id.s, id.len);
		ni_buf_printf(&r->b, "</guid>\n<pubDate>%s</pubDate>\n", ts);
		if (iv->loc.summary.len) {
			/* RSS readers take <description> as HTML: escape the
			 * text for HTML, then that for XML, so a reader shows
			 * "<img ...>" as text, never as an element */
			ni_buf h = {0};
			ni_esc_html(&h, iv->loc.summary.s, iv->loc.summary.len);
			xml_el(&r->b, "<description>", h.s ? h.s : "", h.len, "</description>");
			ni_buf_free(&h);
		}
	}
	ni_jval tags = iv->tags_list;
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
	ni_buf_free(&id);
	return 1;
}

static int atom_item(ni_render *r, const view *v, const nr_src *s, int summary)
{
	return feed_item(r, v, s->file, s->lineno, 1);
}

static int rss_item(ni_render *r, const view *v, const nr_src *s, int summary)
{
	return feed_item(r, v, s->file, s->lineno, 0);
}

/* The feed element: title, a tag: id from the title, updated (now), the
 * site's link when --link is a usable URL. */
static void atom_begin(ni_render *r)
{
	ni_buf *b = &r->b;
	const char *title = nr_dflt_title(r);
	char ts[40];
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
}

/* The channel: title, link (--link, else http://localhost/: RSS needs
 * one), description, lastBuildDate (now). */
static void rss_begin(ni_render *r)
{
	ni_buf *b = &r->b;
	const char *title = nr_dflt_title(r);
	char ts[40];
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
}

static void atom_end(ni_render *r, const ni_buf *range)
{
	ni_buf_adds(&r->b, "</feed>\n");
	(void)range;
}

static void rss_end(ni_render *r, const ni_buf *range)
{
	ni_buf_adds(&r->b, "</channel>\n</rss>\n");
	(void)range;
}

/* Contract: see render.h (the atom and rss rows of the format table). */
const nr_format nr_fmt_atom = {
	.name = "atom", .esc = NI_ESC_XML, .rows = NR_ROWS_SKIP, .opts = NR_OPT_KEY,
	.view = NR_IV_LINK | NR_IV_TITLE | NR_IV_SOURCE | NR_IV_SUMMARY | NR_IV_TAG_LIST,
	.begin = atom_begin, .item = atom_item, .end = atom_end,
};
const nr_format nr_fmt_rss = {
	.name = "rss", .esc = NI_ESC_XML, .rows = NR_ROWS_SKIP, .opts = NR_OPT_KEY,
	.view = NR_IV_LINK | NR_IV_TITLE | NR_IV_SUMMARY | NR_IV_TAG_LIST,
	.begin = rss_begin, .item = rss_item, .end = rss_end,
};
