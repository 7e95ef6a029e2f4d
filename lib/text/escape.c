/* escape.c - text from untrusted records into HTML, XML, terminals,
 * Markdown and CSV.  One function per format; every renderer uses them. */
#include "text/text.h"

#include <string.h>

/* One code point at p; an invalid sequence reads as U+FFFD of 1 byte. */
static unsigned cp_at(const unsigned char *p, size_t n, size_t *len)
{
	long c = ni_utf8_decode(p, n, len);
	return c < 0 ? 0xFFFD : (unsigned)c;
}

static const char fffd[] = "\xEF\xBF\xBD";

/* Contract: see text.h. */
void ni_utf8_clean(ni_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		size_t k;
		unsigned c = cp_at(p + i, n - i, &k);
		if (c == 0xFFFD && k == 1 && p[i] >= 0x80) {
			ni_buf_add(b, s + run, i - run);
			ni_buf_adds(b, fffd);
			run = i + 1;
		}
		i += k;
	}
	ni_buf_add(b, s + run, n - run);
}

/* HTML and XML text: the five markup characters as entities; controls
 * and noncharacters (which both forbid) dropped.  Text that is kept is
 * appended in runs; printable ASCII is passed without decoding. */
static void markup(ni_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		unsigned char ch = p[i];
		if (ch >= 0x20 && ch < 0x7F && ch != '&' && ch != '<' && ch != '>' &&
		    ch != '"' && ch != '\'') {
			i++;
			continue;
		}
		/* the common kept characters without a decoder call: U+00A0 to
		 * U+07FF, and U+1000 to U+D7FF (Hangul: EA-ED), whole and
		 * valid, none of them forbidden */
		if (ch >= 0xC2 && ch <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80 &&
		    (ch > 0xC2 || p[i + 1] >= 0xA0)) {
			i += 2;
			continue;
		}
		if (ch >= 0xE1 && ch <= 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
		    (p[i + 2] & 0xC0) == 0x80 && (ch < 0xED || p[i + 1] < 0xA0)) {
			i += 3;
			continue;
		}
		size_t k;
		unsigned c = cp_at(p + i, n - i, &k);
		const char *rep = NULL;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    c == 0x7F || (c >= 0x80 && c < 0xA0) ||
			    (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
				break;    /* forbidden: dropped */
			if (c == 0xFFFD && k == 1)
				rep = fffd;
			else {
				i += k;   /* kept: part of the run */
				continue;
			}
		}
		ni_buf_add(b, s + run, i - run);
		if (rep)
			ni_buf_adds(b, rep);
		i += k;
		run = i;
	}
	ni_buf_add(b, s + run, n - run);
}

/* Contract: see text.h. */
void ni_esc_html(ni_buf *b, const char *s, size_t n)
{
	markup(b, s, n);
}

/* Contract: see text.h. */
void ni_esc_xml(ni_buf *b, const char *s, size_t n)
{
	markup(b, s, n);
}

/* Contract: see text.h.  Kept text is appended in runs; printable ASCII
 * and the common 2- and 3-byte characters are passed without decoding. */
void ni_esc_term(ni_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		unsigned char ch = p[i];
		if (ch >= 0x20 && ch < 0x7F) {
			i++;
			/* a run of two or more: 16 bytes at a time (SSE2 is
			 * the x86-64 baseline; elsewhere the scalar loop runs) */
			if (i < n && p[i] >= 0x20 && p[i] < 0x7F)
				i += ni_scan_printable(s + i, n - i, NI_SCAN_SSE2);
			continue;
		}
		/* kept without a decoder call, whole and valid: U+00A0 to
		 * U+07FF, U+1000 to U+1FFF and U+3000 to U+D7FF (Hangul: EA-ED;
		 * not E2, where the bidi controls are) */
		if (ch >= 0xC2 && ch <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80 &&
		    (ch > 0xC2 || p[i + 1] >= 0xA0)) {
			i += 2;
			continue;
		}
		if (ch >= 0xE1 && ch <= 0xED && ch != 0xE2 && i + 2 < n &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80 &&
		    (ch < 0xED || p[i + 1] < 0xA0)) {
			i += 3;
			continue;
		}
		size_t k;
		unsigned c = cp_at(p + i, n - i, &k);
		const char *rep;
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ||
		    (c >= 0x80 && c < 0xA0) || (c == 0xFFFD && k == 1))
			rep = fffd;
		else if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
			rep = "";   /* bidi overrides: dropped (Trojan Source) */
		else {
			i += k;
			continue;
		}
		ni_buf_add(b, s + run, i - run);
		ni_buf_adds(b, rep);
		i += k;
		run = i;
	}
	ni_buf_add(b, s + run, n - run);
}

/* Contract: see text.h.  Inline metacharacters are escaped everywhere;
 * block markers (#, -, +, =, "1." ...) only where a line could start. */
void ni_esc_md(ni_buf *b, const char *s, size_t n)
{
	static const char meta[] = "\\`*_{}[]<>|!~&";
	ni_buf t = {0};
	ni_esc_term(&t, s, n);
	int at_start = 1;
	for (size_t i = 0; i < t.len; i++) {
		char c = t.s[i];
		if (c == '\n' || c == '\r' || c == '\t') {
			ni_buf_addc(b, ' ');
			continue;
		}
		if (at_start && c == ' ')
			continue;   /* leading blanks could make a code block */
		if (c && strchr(meta, c))
			ni_buf_addc(b, '\\');
		else if (at_start && c && strchr("#+-=", c))
			ni_buf_addc(b, '\\');
		else if (at_start && c >= '0' && c <= '9') {
			size_t j = i;
			while (j < t.len && t.s[j] >= '0' && t.s[j] <= '9')
				j++;
			if (j < t.len && (t.s[j] == '.' || t.s[j] == ')')) {
				ni_buf_add(b, t.s + i, j - i);
				ni_buf_addc(b, '\\');
				i = j - 1;
				at_start = 0;
				continue;
			}
		}
		ni_buf_addc(b, c);
		at_start = 0;
	}
	ni_buf_free(&t);
}

/* Contract: see text.h. */
void ni_esc_csv(ni_buf *b, const char *s, size_t n, int sep)
{
	ni_buf t = {0};
	ni_utf8_clean(&t, s, n);
	if (sep == '\t') {
		for (size_t i = 0; i < t.len; i++) {
			char c = t.s[i];
			ni_buf_addc(b, c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
		}
	} else if (t.len && (memchr(t.s, sep, t.len) || memchr(t.s, '"', t.len) ||
			     memchr(t.s, '\n', t.len) || memchr(t.s, '\r', t.len))) {
		ni_buf_addc(b, '"');
		for (size_t i = 0; i < t.len; i++) {
			if (t.s[i] == '"')
				ni_buf_addc(b, '"');
			ni_buf_addc(b, t.s[i]);
		}
		ni_buf_addc(b, '"');
	} else {
		ni_buf_add(b, t.s, t.len);
	}
	ni_buf_free(&t);
}

/* Contract: see text.h. */
int ni_url_ok(const char *s, size_t n, ni_buf *b)
{
	/* as a browser reads it: outer C0 controls and spaces dropped,
	 * TAB/LF/CR anywhere removed */
	while (n && (unsigned char)s[0] <= 0x20)
		s++, n--;
	while (n && (unsigned char)s[n - 1] <= 0x20)
		n--;
	ni_buf u = {0};
	ni_buf_grow(&u, n);
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			u.s[u.len++] = s[i];
	u.s[u.len] = 0;
	ni_url pu;
	int ok = u.len && !ni_url_parse(u.s, u.len, &pu) && pu.scheme.n <= 6;
	if (ok) {
		char scheme[8];
		memcpy(scheme, pu.scheme.p, pu.scheme.n);
		scheme[pu.scheme.n] = 0;
		ni_ascii_lower(scheme, pu.scheme.n);
		ok = !strcmp(scheme, "http") || !strcmp(scheme, "https") ||
		     !strcmp(scheme, "mailto");
	}
	if (ok) {
		/* characters a URL may not hold are percent-encoded (a '#'
		 * after the one that starts the fragment too) */
		static const char hex[] = "0123456789ABCDEF";
		int frag = 0;
		size_t run = 0;
		for (size_t i = 0; i < u.len; i++) {
			unsigned char c = (unsigned char)u.s[i];
			if (c > 0x20 && c != 0x7F && c != '<' && c != '>' && c != '"' &&
			    c != '`' && c != '{' && c != '}' && c != '|' && c != '\\' &&
			    c != '^' && (c != '#' || !frag++))
				continue;
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			ni_buf_add(b, u.s + run, i - run);
			ni_buf_add(b, e, 3);
			run = i + 1;
		}
		ni_buf_add(b, u.s + run, u.len - run);
	}
	ni_buf_free(&u);
	return ok;
}

/* Contract: see text.h. */
void ni_esc_as(ni_buf *b, ni_esc e, const char *s, size_t n)
{
	switch (e) {
	case NI_ESC_HTML: ni_esc_html(b, s, n); break;
	case NI_ESC_XML: ni_esc_xml(b, s, n); break;
	case NI_ESC_TERM: ni_esc_term(b, s, n); break;
	case NI_ESC_MD: ni_esc_md(b, s, n); break;
	case NI_ESC_CSV: ni_esc_csv(b, s, n, ','); break;
	case NI_ESC_TSV: ni_esc_csv(b, s, n, '\t'); break;
	default: ni_buf_add(b, s, n); break;
	}
}
