/* entity.c - HTML character references -> text, decoded once: what
 * ni-parse --sfeed does to titles, ni-map's html_unescape(), and what the
 * sanitiser reads attribute values with before it checks a URL. */
#include "text/text.h"

#include <string.h>

/* The named references that news feeds and CMSs write (HTML's full list
 * has 2231; these are the ones seen in feeds, and Latin-1's letters). */
static const struct { const char *name; unsigned cp; } named[] = {
	{ "AElig", 0xC6 }, { "Aacute", 0xC1 }, { "Agrave", 0xC0 },
	{ "Auml", 0xC4 }, { "Ccedil", 0xC7 }, { "Eacute", 0xC9 },
	{ "Ntilde", 0xD1 }, { "Oacute", 0xD3 }, { "Ouml", 0xD6 },
	{ "Uuml", 0xDC }, { "aacute", 0xE1 }, { "acirc", 0xE2 },
	{ "aelig", 0xE6 }, { "agrave", 0xE0 }, { "amp", '&' }, { "apos", '\'' },
	{ "aring", 0xE5 }, { "atilde", 0xE3 }, { "auml", 0xE4 },
	{ "bdquo", 0x201E }, { "bull", 0x2022 }, { "ccedil", 0xE7 },
	{ "cent", 0xA2 }, { "copy", 0xA9 }, { "dagger", 0x2020 },
	{ "deg", 0xB0 }, { "eacute", 0xE9 }, { "ecirc", 0xEA },
	{ "egrave", 0xE8 }, { "euml", 0xEB }, { "euro", 0x20AC },
	{ "frac12", 0xBD }, { "gt", '>' }, { "hellip", 0x2026 },
	{ "iacute", 0xED }, { "iexcl", 0xA1 }, { "iquest", 0xBF },
	{ "iuml", 0xEF }, { "laquo", 0xAB }, { "ldquo", 0x201C },
	{ "lsaquo", 0x2039 }, { "lsquo", 0x2018 }, { "lt", '<' },
	{ "mdash", 0x2014 }, { "middot", 0xB7 }, { "nbsp", 0xA0 },
	{ "ndash", 0x2013 }, { "ntilde", 0xF1 }, { "oacute", 0xF3 },
	{ "ocirc", 0xF4 }, { "ouml", 0xF6 }, { "para", 0xB6 },
	{ "plusmn", 0xB1 }, { "pound", 0xA3 }, { "prime", 0x2032 },
	{ "quot", '"' }, { "raquo", 0xBB }, { "rdquo", 0x201D },
	{ "reg", 0xAE }, { "rsaquo", 0x203A }, { "rsquo", 0x2019 },
	{ "sbquo", 0x201A }, { "sect", 0xA7 }, { "shy", 0xAD },
	{ "szlig", 0xDF }, { "times", 0xD7 }, { "trade", 0x2122 },
	{ "uacute", 0xFA }, { "uuml", 0xFC }, { "yen", 0xA5 },
};

/* What HTML makes of &#128; to &#159;: the Windows-1252 characters
 * (0: the code point itself, an unassigned one). */
static const unsigned short cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Append code point cp as UTF-8; NUL, surrogates and code points past
 * U+10FFFF become U+FFFD, as HTML decodes them. */
static void put_cp(ni_buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp >= 0x80 && cp <= 0x9F && cp1252[cp - 0x80])
		cp = cp1252[cp - 0x80];
	char u[4];
	size_t k;
	if (cp < 0x80) {
		u[0] = (char)cp;
		k = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		k = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		k = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		k = 4;
	}
	ni_buf_add(b, u, k);
}

/* Contract: see ni.h. */
size_t ni_html_entity(const char *s, size_t n, ni_buf *out)
{
	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t i = hex ? 3 : 2, start = i;
		unsigned long cp = 0;
		for (; i < n; i++) {
			int c = (unsigned char)s[i], v;
			if (c >= '0' && c <= '9') v = c - '0';
			else if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
			else break;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
			if (cp > 0x10FFFF)
				cp = 0x110000;   /* stays out of range */
		}
		if (i == start || i >= n || s[i] != ';')
			return 0;
		put_cp(out, cp);
		return i + 1;
	}
	size_t i = 1;
	while (i < n && i < 10 && ((s[i] >= 'a' && s[i] <= 'z') ||
				   (s[i] >= 'A' && s[i] <= 'Z') ||
				   (s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i == 1 || i >= n || s[i] != ';')
		return 0;
	for (size_t k = 0; k < sizeof named / sizeof *named; k++)
		if (strlen(named[k].name) == i - 1 && !memcmp(s + 1, named[k].name, i - 1)) {
			put_cp(out, named[k].cp);
			return i + 1;
		}
	return 0;
}

/* Contract: see ni.h. */
void ni_html_unescape(const char *s, size_t n, ni_buf *out)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '&')
			continue;
		ni_buf_add(out, s + run, i - run);
		size_t k = ni_html_entity(s + i, n - i, out);
		if (!k) {
			ni_buf_addc(out, '&');
			k = 1;
		}
		i += k - 1;
		run = i + 1;
	}
	ni_buf_add(out, s + run, n - run);
}
