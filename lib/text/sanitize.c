/* sanitize.c - HTML from a record (a digest body's raw HTML, as the
 * Markdown renderer passes it on) -> HTML a page can carry: an allowlist
 * of elements, of attributes per element and of URL schemes.  Whatever
 * is not on a list is dropped: script, style, iframe, form and their
 * kind with their content, any other unknown element as a tag (its text
 * stays, as text), every on* handler, style attribute and id, and every
 * URL whose scheme is not http, https or mailto (javascript:, data:,
 * vbscript: ...).  Text and attribute values are decoded once and
 * escaped again, and the elements are closed in order, so the result is
 * well formed whatever came in. */
#define _GNU_SOURCE
#include "text/text.h"

#include <string.h>

/* Elements kept.  void: no end tag; block: closes an open <p> (as an
 * HTML parser would, so the output has no <p> holding a block). */
static const struct {
	const char *name;
	unsigned char is_void, block;
} keep[] = {
	{ "a", 0, 0 }, { "abbr", 0, 0 }, { "b", 0, 0 }, { "blockquote", 0, 1 },
	{ "br", 1, 0 }, { "code", 0, 0 }, { "dd", 0, 1 }, { "del", 0, 0 },
	{ "details", 0, 1 }, { "div", 0, 1 }, { "dl", 0, 1 }, { "dt", 0, 1 },
	{ "em", 0, 0 }, { "figcaption", 0, 1 }, { "figure", 0, 1 },
	{ "h1", 0, 1 }, { "h2", 0, 1 }, { "h3", 0, 1 }, { "h4", 0, 1 },
	{ "h5", 0, 1 }, { "h6", 0, 1 }, { "hr", 1, 1 }, { "i", 0, 0 },
	{ "img", 1, 0 }, { "ins", 0, 0 }, { "kbd", 0, 0 }, { "li", 0, 1 },
	{ "mark", 0, 0 }, { "ol", 0, 1 }, { "p", 0, 1 }, { "pre", 0, 1 },
	{ "q", 0, 0 }, { "s", 0, 0 }, { "small", 0, 0 }, { "span", 0, 0 },
	{ "strong", 0, 0 }, { "sub", 0, 0 }, { "summary", 0, 1 },
	{ "sup", 0, 0 }, { "table", 0, 1 }, { "tbody", 0, 1 }, { "td", 0, 1 },
	{ "tfoot", 0, 1 }, { "th", 0, 1 }, { "thead", 0, 1 }, { "tr", 0, 1 },
	{ "u", 0, 0 }, { "ul", 0, 1 },
};

/* Elements dropped with everything inside them. */
static const char *const drop[] = {
	"script", "style", "iframe", "object", "embed", "applet", "form",
	"textarea", "select", "button", "template", "noscript", "noembed",
	"noframes", "frameset", "frame", "svg", "math", "title", "head",
	"xmp", "plaintext", "canvas", "audio", "video", "dialog", NULL
};

/* Attributes kept (el "*": on every kept element); url: a link whose
 * scheme is checked. */
static const struct {
	const char *el, *attr;
	int url;
} attrs[] = {
	{ "*", "class", 0 }, { "*", "lang", 0 }, { "*", "title", 0 },
	{ "*", "dir", 0 }, { "a", "href", 1 }, { "img", "src", 1 },
	{ "img", "alt", 0 }, { "img", "width", 0 }, { "img", "height", 0 },
	{ "ol", "start", 0 }, { "td", "colspan", 0 }, { "td", "rowspan", 0 },
	{ "th", "colspan", 0 }, { "th", "rowspan", 0 }, { "th", "scope", 0 },
	{ "abbr", "title", 0 },
};

enum { MAXDEPTH = 64 };

typedef struct san {
	ni_buf *out;
	const char *stack[MAXDEPTH];   /* open kept elements (keep[] names) */
	int depth;
	ni_buf tmp, val;
} san;

static int lower_eq(const char *s, size_t n, const char *name)
{
	size_t k = strlen(name);
	if (k != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != name[i])
			return 0;
	}
	return 1;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Index in keep[] of element name s (n bytes, any case), or -1. */
static int kept(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
		if (lower_eq(s, n, keep[i].name))
			return (int)i;
	return -1;
}

static int dropped(const char *s, size_t n)
{
	for (int i = 0; drop[i]; i++)
		if (lower_eq(s, n, drop[i]))
			return 1;
	return 0;
}

/* 1 when attribute a (n bytes) of element el is kept; *url: it is a link. */
static int attr_ok(const char *el, const char *a, size_t n, int *url)
{
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
		if ((!strcmp(attrs[i].el, "*") || !strcmp(attrs[i].el, el)) &&
		    lower_eq(a, n, attrs[i].attr)) {
			*url = attrs[i].url;
			return 1;
		}
	return 0;
}

/* Is URL s a link a page may carry: http, https, mailto, or no scheme
 * (relative)?  Leading spaces and controls, and TAB/LF/CR inside, are
 * skipped as a browser does. */
static int ni_link_ok(const char *s, size_t n)
{
	/* as a browser reads it: leading controls and spaces, and TAB, LF,
	 * CR anywhere, do not count */
	size_t i = 0;
	while (i < n && (unsigned char)s[i] <= 0x20)
		i++;
	char scheme[16];
	size_t k = 0;
	for (; i < n; i++) {
		char c = s[i];
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#')
			return 1;    /* no scheme: a link within the site */
		if ((unsigned char)c < 0x20 || k + 1 >= sizeof scheme)
			return 0;
		scheme[k++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	if (i >= n)
		return 1;            /* no ':' at all: relative */
	scheme[k] = 0;
	return !strcmp(scheme, "http") || !strcmp(scheme, "https") ||
	       !strcmp(scheme, "mailto");
}

/* A class value: only the characters of class names (letters, digits,
 * '-', '_', spaces); anything else drops the attribute. */
static int class_ok(const ni_buf *v)
{
	for (size_t i = 0; i < v->len; i++) {
		char c = v->s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ' '))
			return 0;
	}
	return 1;
}

static void close_top(san *z)
{
	ni_buf_adds(z->out, "</");
	ni_buf_adds(z->out, z->stack[--z->depth]);
	ni_buf_adds(z->out, ">");
}

/* Close open elements down to and including the innermost name; 0 when
 * name is not open (the end tag is then dropped). */
static int close_to(san *z, const char *name)
{
	int at = -1;
	for (int i = z->depth - 1; i >= 0; i--)
		if (!strcmp(z->stack[i], name)) {
			at = i;
			break;
		}
	if (at < 0)
		return 0;
	while (z->depth > at)
		close_top(z);
	return 1;
}

/* Parse the attributes of a start tag from s[*i] to its '>' (or n) and
 * write the kept ones of element el.  Sets *selfclose on "/>". */
static void put_attrs(san *z, const char *el, const char *s, size_t n,
		      size_t *pi, int *selfclose)
{
	size_t i = *pi;
	ni_buf cls = {0}, align = {0};
	int have_cls = 0, have_alt = 0;
	while (i < n && s[i] != '>') {
		if (is_ws(s[i]) || s[i] == '/') {
			if (s[i] == '/' && i + 1 < n && s[i + 1] == '>')
				*selfclose = 1;
			i++;
			continue;
		}
		size_t a = i;
		while (i < n && !is_ws(s[i]) && s[i] != '=' && s[i] != '>' &&
		       (s[i] != '/' || i == a))
			i++;
		size_t an = i - a;
		while (i < n && is_ws(s[i]))
			i++;
		ni_buf_reset(&z->val);
		int has_val = 0;
		if (i < n && s[i] == '=') {
			i++;
			while (i < n && is_ws(s[i]))
				i++;
			size_t v = i, vn;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];
				v = i;
				while (i < n && s[i] != q)
					i++;
				vn = i - v;
				if (i < n)
					i++;
			} else {
				while (i < n && !is_ws(s[i]) && s[i] != '>')
					i++;
				vn = i - v;
			}
			ni_html_unescape(s + v, vn, &z->val);
			has_val = 1;
		}
		int url = 0;
		if ((!strcmp(el, "td") || !strcmp(el, "th")) && lower_eq(s + a, an, "align") &&
		    has_val && (lower_eq(z->val.s, z->val.len, "left") ||
				lower_eq(z->val.s, z->val.len, "center") ||
				lower_eq(z->val.s, z->val.len, "right"))) {
			/* a table column's alignment (md4c writes align=,
			 * which HTML no longer has): the class al-left ... */
			ni_buf_adds(&align, "al-");
			for (size_t k = 0; k < z->val.len; k++)
				ni_buf_addc(&align, (char)(z->val.s[k] | 0x20));
			continue;
		}
		if (!an || !attr_ok(el, s + a, an, &url))
			continue;
		if (lower_eq(s + a, an, "class")) {
			/* one class attribute, the first */
			if (!have_cls && has_val && class_ok(&z->val)) {
				ni_buf_add(&cls, z->val.s ? z->val.s : "", z->val.len);
				have_cls = 1;
			}
			continue;
		}
		if (url && (!has_val || !ni_link_ok(z->val.s ? z->val.s : "", z->val.len)))
			continue;
		have_alt |= lower_eq(s + a, an, "alt");
		ni_buf_addc(z->out, ' ');
		for (size_t k = 0; k < an; k++) {
			char c = s[a + k];
			ni_buf_addc(z->out, (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c);
		}
		ni_buf_adds(z->out, "=\"");
		ni_esc_html(z->out, z->val.s ? z->val.s : "", z->val.len);
		ni_buf_addc(z->out, '"');
	}
	if (have_cls || align.len) {
		ni_buf_adds(z->out, " class=\"");
		ni_esc_html(z->out, cls.s ? cls.s : "", cls.len);
		if (have_cls && cls.len && align.len)
			ni_buf_addc(z->out, ' ');
		ni_buf_add(z->out, align.s ? align.s : "", align.len);
		ni_buf_addc(z->out, '"');
	}
	ni_buf_free(&align);
	if (!have_alt && !strcmp(el, "img"))
		ni_buf_adds(z->out, " alt=\"\"");   /* HTML requires one */
	ni_buf_free(&cls);
	*pi = i < n ? i + 1 : n;
}

/* Skip past the end tag of raw or dropped element name (s[i] is after
 * its start tag); returns the index after it, or n. */
static size_t skip_past_end(const char *s, size_t n, size_t i, const char *name)
{
	size_t k = strlen(name);
	for (; i + 2 + k <= n; i++)
		if (s[i] == '<' && s[i + 1] == '/' && lower_eq(s + i + 2, k, name) &&
		    (i + 2 + k == n || s[i + 2 + k] == '>' || is_ws(s[i + 2 + k]) ||
		     s[i + 2 + k] == '/')) {
			const char *gt = memchr(s + i, '>', n - i);
			return gt ? (size_t)(gt - s) + 1 : n;
		}
	return n;
}

/* One tag at s[i] == '<': written, dropped, or (not a tag) "&lt;".
 * Returns the index after what was consumed. */
static size_t tag(san *z, const char *s, size_t n, size_t i)
{
	if (i + 3 < n && !memcmp(s + i, "<!--", 4)) {
		/* a comment: dropped (an unclosed one: the rest) */
		for (size_t j = i + 4; j + 2 < n; j++)
			if (!memcmp(s + j, "-->", 3))
				return j + 3;
		return n;
	}
	if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
		/* doctype, CDATA, processing instruction: dropped */
		const char *gt = memchr(s + i, '>', n - i);
		return gt ? (size_t)(gt - s) + 1 : n;
	}
	int end = i + 1 < n && s[i + 1] == '/';
	size_t a = i + 1 + (size_t)end, e = a;
	while (e < n && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z') ||
			 (e > a && ((s[e] >= '0' && s[e] <= '9') || s[e] == '-'))))
		e++;
	if (e == a) {
		/* "<" that starts no tag is text */
		ni_buf_adds(z->out, "&lt;");
		return i + 1;
	}
	size_t en = e - a;
	const char *gt = memchr(s + e, '>', n - e);
	size_t after = gt ? (size_t)(gt - s) + 1 : n;
	if (dropped(s + a, en)) {
		if (end)
			return after;
		char name[16];
		size_t k = en < sizeof name - 1 ? en : sizeof name - 1;
		for (size_t j = 0; j < k; j++)
			name[j] = (s[a + j] >= 'A' && s[a + j] <= 'Z') ? (char)(s[a + j] - 'A' + 'a') : s[a + j];
		name[k] = 0;
		if (gt && gt > s + e && gt[-1] == '/' && strcmp(name, "script") &&
		    strcmp(name, "style"))
			return after;   /* <x/> of a foreign element: nothing inside */
		return skip_past_end(s, n, after, name);
	}
	int k = kept(s + a, en);
	if (k < 0)
		return after;          /* an unknown element: the tag goes, text stays */
	const char *name = keep[k].name;
	if (end) {
		if (!keep[k].is_void)
			close_to(z, name);
		return after;
	}
	/* what an HTML parser closes implicitly */
	if (keep[k].block && z->depth && !strcmp(z->stack[z->depth - 1], "p"))
		close_top(z);
	if ((!strcmp(name, "li") || !strcmp(name, "dt") || !strcmp(name, "dd")) &&
	    z->depth && (!strcmp(z->stack[z->depth - 1], "li") ||
			 !strcmp(z->stack[z->depth - 1], "dt") ||
			 !strcmp(z->stack[z->depth - 1], "dd")))
		close_top(z);
	if (!strcmp(name, "a"))
		close_to(z, "a");      /* no link inside a link */
	if (!keep[k].is_void && z->depth >= MAXDEPTH) {
		size_t j = e;
		int sc = 0;
		ni_buf skip = {0};
		ni_buf *o = z->out;
		z->out = &skip;        /* too deep: the tag goes, text stays */
		put_attrs(z, name, s, n, &j, &sc);
		z->out = o;
		ni_buf_free(&skip);
		return j;
	}
	ni_buf one = {0}, *o = z->out;
	z->out = &one;
	ni_buf_addc(z->out, '<');
	ni_buf_adds(z->out, name);
	size_t j = e;
	int sc = 0;
	put_attrs(z, name, s, n, &j, &sc);
	ni_buf_addc(z->out, '>');
	z->out = o;
	/* an image whose source was dropped is no image */
	if (strcmp(name, "img") || memmem(one.s, one.len, " src=\"", 6))
		ni_buf_add(o, one.s, one.len);
	ni_buf_free(&one);
	if (!keep[k].is_void)
		z->stack[z->depth++] = name;
	return j;
}

/* Contract: see ni.h. */
void ni_html_sanitize(const char *s, size_t n, ni_buf *out)
{
	san z = { .out = out };
	size_t i = 0, run = 0;
	while (i < n) {
		char c = s[i];
		if (c != '<' && c != '&' && c != '>' && c != '"' && c != '\'') {
			i++;
			continue;
		}
		/* text up to here: decoded once and escaped again */
		ni_esc_html(out, s + run, i - run);
		if (c == '<') {
			i = tag(&z, s, n, i);
		} else if (c == '&') {
			ni_buf_reset(&z.tmp);
			size_t k = ni_html_entity(s + i, n - i, &z.tmp);
			if (k)
				ni_esc_html(out, z.tmp.s, z.tmp.len);
			else
				ni_buf_adds(out, "&amp;");
			i += k ? k : 1;
		} else {
			ni_esc_html(out, s + i, 1);
			i++;
		}
		run = i;
	}
	ni_esc_html(out, s + run, n - run);
	while (z.depth)
		close_top(&z);
	ni_buf_free(&z.tmp);
	ni_buf_free(&z.val);
}
