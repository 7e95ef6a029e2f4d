/* frontmatter.c - split a Markdown document into YAML front matter and
 * body; UTF-8 checks with positions; bilingual body blocks. */
#define _GNU_SOURCE
#include "item/item.h"

#include <string.h>

/* Is [p, e) a fence line "---" or "..." (trailing blanks and CR allowed)?
 * e is the line end (at '\n' or the end of text). */
static int is_fence(const char *p, const char *e, char ch)
{
	if (e - p < 3 || p[0] != ch || p[1] != ch || p[2] != ch)
		return 0;
	for (p += 3; p < e; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

/* Contract: see item.h. */
int ni_fm_split(const char *text, size_t len, ni_doc *doc,
		const char **err, unsigned long *line)
{
	const char *p = text, *end = text + len;
	memset(doc, 0, sizeof *doc);
	doc->text = text;
	doc->len = len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *le = nl ? nl : end;
	if (!is_fence(p, le, '-'))
		return NI_FM_NONE;
	if (!nl) {
		*err = "unterminated front matter";
		*line = 1;
		return NI_FM_ERR;
	}
	const char *fm = nl + 1;
	unsigned long ln = 2;
	for (const char *q = fm; q < end; ln++) {
		nl = memchr(q, '\n', (size_t)(end - q));
		le = nl ? nl : end;
		if (is_fence(q, le, '-') || is_fence(q, le, '.')) {
			doc->fm_off = (size_t)(fm - text);
			doc->fm_len = (size_t)(q - fm);
			doc->fm_line = 2;
			doc->body_off = nl ? (size_t)(nl + 1 - text) : len;
			return NI_FM_OK;
		}
		if (!nl)
			break;
		q = nl + 1;
	}
	*err = "unterminated front matter (no closing '---')";
	*line = 1;
	return NI_FM_ERR;
}

/* Contract: see item.h. */
void ni_offset_pos(const char *text, size_t off, unsigned long *line,
		   unsigned long *col)
{
	unsigned long ln = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == '\n') {
			ln++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = ln;
	*col = c;
}

static const char *find_ci(const char *p, const char *e, const char *w)
{
	size_t n = strlen(w);
	while ((size_t)(e - p) >= n) {
		const char *q = memchr(p, w[0], (size_t)(e - p));
		if (!q || (size_t)(e - q) < n)
			return NULL;
		if (strncasecmp(q, w, n) == 0)
			return q;
		p = q + 1;
	}
	return NULL;
}

/* Contract: see item.h. */
void ni_body_langs(const char *body, size_t n,
		   void (*fn)(void *arg, const char *lang, size_t langlen,
			      const char *text, size_t textlen),
		   void *arg)
{
	const char *p = body, *e = body + n;
	static const char open[] = "<div class=\"lang-";
	for (;;) {
		const char *q = find_ci(p, e, open);
		if (!q)
			return;
		const char *lang = q + sizeof open - 1;
		const char *lend = lang;
		while (lend < e && ((*lend >= 'a' && *lend <= 'z') ||
				    (*lend >= 'A' && *lend <= 'Z') ||
				    *lend == '-' || (*lend >= '0' && *lend <= '9')))
			lend++;
		const char *gt = memchr(lend, '>', (size_t)(e - lend));
		if (!gt || lend == lang || *lend != '"')
			return;
		const char *t = gt + 1, *s = t;
		int depth = 1;
		const char *close = NULL;
		while (s < e) {
			const char *lt = memchr(s, '<', (size_t)(e - s));
			if (!lt)
				break;
			if ((size_t)(e - lt) >= 4 && strncasecmp(lt, "<div", 4) == 0 &&
			    (lt + 4 == e || lt[4] == '>' || lt[4] == ' ' ||
			     lt[4] == '\t' || lt[4] == '\n')) {
				depth++;
			} else if ((size_t)(e - lt) >= 6 &&
				   strncasecmp(lt, "</div>", 6) == 0) {
				if (--depth == 0) {
					close = lt;
					break;
				}
			}
			s = lt + 1;
		}
		const char *te = close ? close : e;
		while (t < te && (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r'))
			t++;
		while (te > t && (te[-1] == ' ' || te[-1] == '\t' ||
				  te[-1] == '\n' || te[-1] == '\r'))
			te--;
		fn(arg, lang, (size_t)(lend - lang), t, (size_t)(te - t));
		if (!close)
			return;
		p = close + 6;
	}
}
