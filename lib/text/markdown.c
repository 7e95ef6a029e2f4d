/* markdown.c - a record's Markdown body (ni-parse --body: _body,
 * _body_ko, _body_en) as HTML a page can carry, or as plain text for the
 * terminal and Markdown formats.  md4c (CommonMark with GitHub's tables,
 * strikethrough and autolinks) renders it; its raw HTML goes through the
 * allowlist of sanitize.c. */
#include "text/text.h"

#include <md4c-html.h>
#include <string.h>

/* md4c's output callback: append to the buffer. */
static void md_out(const MD_CHAR *t, MD_SIZE n, void *arg)
{
	ni_buf_add(arg, t, n);
}

/* Contract: see ni.h. */
int ni_md_html(const char *md, size_t n, ni_buf *out)
{
	ni_buf raw = {0};
	int rc = md_html(md, (MD_SIZE)n, md_out, &raw,
			 MD_DIALECT_GITHUB, 0);
	ni_html_sanitize(raw.s ? raw.s : "", raw.len, out);
	ni_buf_free(&raw);
	return rc ? -1 : 0;
}

/* Does tag name s (n bytes, after '<' or '</') end a line of text? */
static int breaks(const char *s, size_t n)
{
	static const char *const b[] = { "p", "div", "h1", "h2", "h3", "h4", "h5",
		"h6", "li", "tr", "br", "hr", "blockquote", "pre", "ul", "ol",
		"table", "dt", "dd", "details", "summary", "figure", NULL };
	for (int i = 0; b[i]; i++)
		if (strlen(b[i]) == n && !memcmp(s, b[i], n))
			return 1;
	return 0;
}

/* Contract: see ni.h. */
void ni_md_text(const char *md, size_t n, ni_buf *out)
{
	ni_buf h = {0};
	ni_md_html(md, n, &h);
	const char *s = h.s ? h.s : "";
	size_t start = out->len;
	int nl = 2, sp = 1;   /* newlines and a space just written */
	for (size_t i = 0; i < h.len;) {
		if (s[i] == '<') {
			/* the sanitiser's output: every '<' starts a tag */
			const char *gt = memchr(s + i, '>', h.len - i);
			size_t e = gt ? (size_t)(gt - s) + 1 : h.len;
			int end = s[i + 1] == '/';
			size_t a = i + 1 + (size_t)end, z = a;
			while (z < e && s[z] != ' ' && s[z] != '>')
				z++;
			if (breaks(s + a, z - a)) {
				/* a paragraph's end: a blank line; a list
				 * item, row, <br>, a block's start: a line */
				int one = (z - a == 2 && (!memcmp(s + a, "li", 2) ||
							  !memcmp(s + a, "tr", 2) ||
							  !memcmp(s + a, "br", 2) ||
							  !memcmp(s + a, "dt", 2) ||
							  !memcmp(s + a, "dd", 2)));
				int want = end && !one ? 2 : 1;
				while (out->len > start && out->s[out->len - 1] == ' ')
					out->len--;
				while (out->len > start && nl < want) {
					ni_buf_addc(out, '\n');
					nl++;
				}
				sp = 1;
				if (!end && z - a == 2 && !memcmp(s + a, "li", 2)) {
					ni_buf_adds(out, "- ");
					nl = 0;
				}
			} else if (!end && z - a == 2 && (!memcmp(s + a, "td", 2) ||
							  !memcmp(s + a, "th", 2)) && !nl) {
				while (out->len > start && out->s[out->len - 1] == ' ')
					out->len--;
				ni_buf_adds(out, " | ");
				sp = 1;
			}
			i = e;
			continue;
		}
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			if (!sp && !nl) {
				ni_buf_addc(out, ' ');
				sp = 1;
			}
			i++;
			continue;
		}
		size_t k = s[i] == '&' ? ni_html_entity(s + i, h.len - i, out) : 0;
		if (!k) {
			ni_buf_addc(out, s[i]);
			k = 1;
		}
		i += k;
		nl = 0;
		sp = 0;
	}
	/* no trailing blank lines or spaces */
	while (out->len > start && (out->s[out->len - 1] == '\n' || out->s[out->len - 1] == ' '))
		out->len--;
	ni_buf_free(&h);
}
