/* render_sfeed.c - the sfeed format: sfeed(5) TSV, one line per item,
 * read by sfeed_plain, sfeed_curses, sfeed_html... and by ni-parse
 * --sfeed.  The nine fields, in order: the UNIX time of date_published
 * (empty when it is no date), the title, the link (canonical_url when it
 * is a usable link), the content (the summary, as plain text, with \n,
 * \t and \\ escaped), its type ("plain", or empty with no content), the
 * id (the item's identity, as the feeds use it), the author (the SOURCE
 * rule: source_name, else source_id), no enclosure, and the categories
 * (tags, joined by '|').  A field other than the content cannot hold a
 * TAB or a line break: as sfeed itself writes them, white space is one
 * space, other control characters are left out, and the ends are
 * trimmed.  Summary rows are not items: not shown. */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <string.h>

/* Field text s (n bytes) as sfeed writes a field: trimmed, each white
 * space character a space, other C0 controls and DEL left out; a '|'
 * too when nobar (a category holds none: it separates them). */
static void field(ni_buf *o, const char *s, size_t n, int nobar)
{
	while (n && (*s == ' ' || (unsigned char)*s < 0x20 || *s == 0x7f)) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || (unsigned char)s[n - 1] < 0x20 ||
		     s[n - 1] == 0x7f))
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
			ni_buf_addc(o, ' ');
		else if (c >= 0x20 && c != 0x7f && !(nobar && c == '|'))
			ni_buf_addc(o, (char)c);
	}
}

/* The content field: s with \ , TAB and line feed escaped as sfeed(5)
 * says (\\, \t, \n); a carriage return and other controls left out. */
static void content(ni_buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\')
			ni_buf_adds(o, "\\\\");
		else if (c == '\t')
			ni_buf_adds(o, "\\t");
		else if (c == '\n')
			ni_buf_adds(o, "\\n");
		else if (c >= 0x20 && c != 0x7f)
			ni_buf_addc(o, (char)c);
	}
}

/* The categories field: each tag (a field, no '|'), joined by '|';
 * a tag that is empty as a field is no category. */
static void categories(ni_buf *o, ni_jval tags, ni_buf *t)
{
	const char *it = NULL;
	ni_jval e;
	int n = 0;
	ni_buf one = {0};
	while (tags.t == NI_J_ARR && ni_json_next(tags, &it, NULL, &e)) {
		ni_buf_reset(t);
		ni_val_text(e, "", t);
		ni_buf_reset(&one);
		field(&one, t->s ? t->s : "", t->len, 1);
		if (!one.len)
			continue;
		if (n++)
			ni_buf_addc(o, '|');
		ni_buf_add(o, one.s, one.len);
	}
	ni_buf_free(&one);
}

/* One item: its line.  Always written (a field it lacks is empty); a
 * date_published that is no date is reported (the time left empty). */
static int sfeed_item(ni_render *r, const view *v, const nr_src *s, int summary)
{
	ni_buf *b = &r->b, *t = &r->tmp;
	const ni_itemview *iv = nr_itemview(r, v, r->f->view);
	int64_t ms;
	if (!nr_date_of(r, v, &ms, t)) {
		ni_buf_printf(b, "%lld", (long long)(ms >= 0 ? ms / 1000
						    : -((-ms + 999) / 1000)));
	} else if (t->len) {
		/* no date is an empty time; a wrong one is said */
		ni_error_at(r->o.d, s->file, s->lineno, 0, "date_published is not "
			    "a date: written with an empty time");
		r->errors++;
	}
	ni_buf_addc(b, '\t');
	field(b, iv->loc.title.s ? iv->loc.title.s : "", iv->loc.title.len, 0);
	ni_buf_addc(b, '\t');
	if (iv->has_link)
		field(b, iv->link.s, iv->link.len, 0);
	ni_buf_addc(b, '\t');
	content(b, iv->loc.summary.s ? iv->loc.summary.s : "", iv->loc.summary.len);
	ni_buf_adds(b, iv->loc.summary.len ? "\tplain\t" : "\t\t");
	ni_buf_reset(t);
	if (ni_identity(v->rec, v->idx, r->o.key, t) != NI_ID_NONE)
		field(b, t->s, t->len, 0);
	ni_buf_addc(b, '\t');
	field(b, iv->source.s ? iv->source.s : "", iv->source.len, 0);
	ni_buf_adds(b, "\t\t");
	categories(b, iv->tags_list, t);
	ni_buf_addc(b, '\n');
	(void)summary;
	return 1;
}

/* Contract: see render_int.h (the sfeed row of the format table). */
const nr_format nr_fmt_sfeed = {
	.name = "sfeed", .esc = NI_ESC_NONE, .rows = NR_ROWS_SKIP,
	.opts = NR_OPT_KEY,
	.view = NR_IV_SOURCE | NR_IV_LINK | NR_IV_TITLE | NR_IV_SUMMARY |
		NR_IV_TAG_LIST,
	.item = sfeed_item,
};
