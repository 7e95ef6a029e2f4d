/* render_feed.c - Atom and RSS entries; CSV, TSV and pretty JSON. */
#define _GNU_SOURCE
#include "render.h"

#include <stdlib.h>
#include <string.h>

/* ---- feeds ---- */

/* Append s percent-encoded (all but unreserved characters). */
void nr_pct(ni_buf *o, const char *s, size_t n)
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
int nr_item_feed(ni_render *r, const view *v, const char *file,
		     unsigned long lineno)
{
	int64_t ms;
	ni_buf *t = &r->tmp, u = {0}, id = {0}, raw = {0};
	if (nr_date_of(r, v, &ms, t)) {
		ni_error_at(r->o.d, file, lineno, 0, "cannot date this record "
			    "(date_published %s); not in the feed",
			    t->len ? "is not a date" : "is missing");
		r->errors++;
		return 0;
	}
	if (!entry_id(r, v, &id)) {
		if (r->o.key)
			ni_error_at(r->o.d, file, lineno, 0, "no usable %s (--key); "
				    "not in the feed", r->o.key);
		else
			ni_error_at(r->o.d, file, lineno, 0, "record without identity "
				    "(canonical_url, id or any field); not in the feed");
		r->errors++;
		ni_buf_free(&id);
		return 0;
	}
	uint32_t first = (uint32_t)lineno;
	if (ni_hashset_add(&r->ids, id.s, id.len, &first)) {
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
	ni_val_text(nr_get(v, "canonical_url"), "", &raw);
	int link = ni_url_ok(raw.s ? raw.s : "", raw.len, &u);
	int atom = r->o.format == NI_F_ATOM;
	nr_text_of(r, v, "title", 1, t);
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
		if (nr_text_of(r, v, "source_name", 0, t) || nr_text_of(r, v, "source_id", 0, t))
			xml_el(&r->b, "<author><name>", t->s, t->len, "</name></author>");
		if (nr_text_of(r, v, "summary", 1, t))
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
		if (nr_text_of(r, v, "summary", 1, t)) {
			/* RSS readers take <description> as HTML: escape the
			 * text for HTML, then that for XML, so a reader shows
			 * "<img ...>" as text, never as an element */
			ni_buf h = {0};
			ni_esc_html(&h, t->s, t->len);
			xml_el(&r->b, "<description>", h.s ? h.s : "", h.len, "</description>");
			ni_buf_free(&h);
		}
	}
	ni_jval tags = nr_get(v, "tags");
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

/* One CSV/TSV row (the header row first); summary rows take their keys,
 * count and share as columns unless --fields says otherwise.  Returns
 * -1 (nothing written) for a record whose columns are not the header's
 * (a summary row after items, another table): one header per file. */
int nr_item_csv(ni_render *r, const view *v, int summary)
{
	int sep = r->o.format == NI_F_TSV ? '\t' : ',';
	const char *eol = sep == ',' ? "\r\n" : "\n";
	const char **names = (const char **)r->o.fields;
	int n = r->o.nfields;
	cols c;
	const char *tmpn[20];
	if (!n && summary) {
		nr_row_cols(v->rec, &c);
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
	/* one table, one header: the first record fixes the columns */
	ni_buf *sig = &r->tmp2;
	size_t siglen = 0;
	for (int i = 0; i < n; i++)
		siglen += strlen(names[i]) + 1;
	if (!r->csv_header) {
		ni_buf_reset(&r->csv_cols);
		for (int i = 0; i < n; i++) {
			if (i)
				ni_buf_addc(&r->b, (char)sep);
			ni_esc_csv(&r->b, names[i], strlen(names[i]), sep);
			ni_buf_add(&r->csv_cols, names[i], strlen(names[i]) + 1);
		}
		ni_buf_adds(&r->b, eol);
		r->csv_header = 1;
	} else if (siglen != r->csv_cols.len || !r->o.nfields) {
		ni_buf_reset(sig);
		for (int i = 0; i < n; i++)
			ni_buf_add(sig, names[i], strlen(names[i]) + 1);
		if (sig->len != r->csv_cols.len || memcmp(sig->s, r->csv_cols.s, sig->len))
			return -1;
	}
	for (int i = 0; i < n; i++) {
		if (i)
			ni_buf_addc(&r->b, (char)sep);
		ni_buf_reset(&r->tmp);
		/* a column the user named is that field; the default
		 * columns are localized (title_ko with -l ko) */
		ni_jval x = r->o.nfields ? ni_named(v->rec, v->idx, names[i], r->o.lang)
					 : ni_loc(v->rec, v->idx, names[i], r->o.lang);
		ni_val_text(x, "; ", &r->tmp);
		ni_esc_csv(&r->b, r->tmp.s ? r->tmp.s : "", r->tmp.len, sep);
	}
	ni_buf_adds(&r->b, eol);
	return 0;
}

/* Pretty-print validated JSON text, keeping strings and numbers as
 * written. */
void nr_pretty(ni_buf *o, const char *s, size_t n, int base)
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
