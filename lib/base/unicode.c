/* unicode.c - NFC, case folding, display width and grapheme clusters,
 * all from utf8proc (no hand-written tables, no locale). */
#include "base/base.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Is code point c left alone by utf8proc_map with COMPOSE | STABLE (and
 * CASEFOLD with fold), whatever surrounds it?  When it has no
 * decomposition, combining class 0 and takes part in no composition
 * (comb_index: neither a first nor a second of a pair), and folds to
 * itself.  Hangul is composed by rule, not by table: the syllables
 * come back as they were (only a trailing jamo after one would join
 * it), the jamo are never passed.  Conservative: a "no" sends the text
 * to utf8proc. */
static int nfc_keeps(long c, int fold)
{
	if (c >= 0xAC00 && c <= 0xD7A3)
		return 1;               /* Hangul syllables */
	if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
	    (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF))
		return 0;               /* Hangul jamo */
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)c);
	return p->decomp_seqindex == UINT16_MAX && p->combining_class == 0 &&
	       p->comb_index == UINT16_MAX &&
	       !(fold && p->casefold_seqindex != UINT16_MAX);
}

/* ni_nfc's fast path: s (n bytes) appended to b as utf8proc would give
 * it, when each code point is ASCII (lower-cased when folding; no
 * ASCII character is the second of a composition) or one that
 * nfc_keeps.  Returns 0 when done, -1 (b as it was) when some code
 * point needs utf8proc, or on invalid UTF-8 or NUL. */
static int nfc_fast(const char *s, size_t n, int fold, ni_buf *b)
{
	size_t at = b->len, i = 0;
	ni_buf_grow(b, n);
	char *o = b->s + at;
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80) {
			if (!ch)
				return -1;
			o[i++] = (char)(fold && ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
			continue;
		}
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)s + i, n - i, &k);
		if (c < 0 || !nfc_keeps(c, fold))
			return -1;
		memcpy(o + i, s + i, k);
		i += k;
	}
	b->len = at + n;
	b->s[b->len] = 0;
	return 0;
}

/* Contract: see base.h. */
int ni_nfc(const char *s, size_t n, int fold, ni_buf *b)
{
	size_t i = 0;
	while (i < n && (unsigned char)s[i] < 0x80 &&
	       !(fold && s[i] >= 'A' && s[i] <= 'Z'))
		i++;
	if (i == n) {           /* ASCII (lower case when folding) */
		ni_buf_add(b, s, n);
		return 0;
	}
	if (nfc_fast(s, n, fold, b) == 0)
		return 0;
	if (i == n || !memchr(s, 0, n)) {
		utf8proc_uint8_t *r = NULL;
		utf8proc_option_t opt = UTF8PROC_COMPOSE | UTF8PROC_STABLE |
			(fold ? UTF8PROC_CASEFOLD : 0);
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s,
						  (utf8proc_ssize_t)n, &r, opt);
		if (m >= 0) {
			ni_buf_add(b, r, (size_t)m);
			free(r);
			return 0;
		}
		free(r);
	}
	ni_buf_add(b, s, n);  /* invalid UTF-8 or NUL: unchanged */
	return 0;
}

static int cp_width(utf8proc_int32_t c)
{
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return 0;
	int w = utf8proc_charwidth(c);
	return w < 0 ? 0 : w;
}

/* Display width is counted per grapheme cluster, as terminals draw
 * them: the width of its first code point, and 2 for an emoji cluster
 * (a flag's two regional indicators, a ZWJ sequence, or a character
 * with the emoji presentation selector U+FE0F). */
typedef struct gstep {
	utf8proc_int32_t prev, state;
	size_t cw;      /* width of the current cluster so far */
} gstep;

/* Feed code point c; returns 1 when c starts a new cluster.  g->cw is
 * then the new cluster's width; otherwise it is updated in place and
 * *grew says by how much. */
static int gstep_feed(gstep *g, utf8proc_int32_t c, size_t *grew)
{
	int brk = g->prev < 0 || utf8proc_grapheme_break_stateful(g->prev, c, &g->state);
	g->prev = c;
	*grew = 0;
	if (brk) {
		g->cw = (size_t)cp_width(c);
		if (c >= 0x1F1E6 && c <= 0x1F1FF)
			g->cw = 2;   /* regional indicator: a flag */
		*grew = g->cw;
		return 1;
	}
	if ((c == 0xFE0F || c == 0x200D) && g->cw == 1) {
		g->cw = 2;
		*grew = 1;
	}
	return 0;
}

/* Contract: see base.h. */
size_t ni_width(const char *s, size_t n)
{
	size_t w = 0, i = 0;
	gstep g = { -1, 0, 0 };
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80 && (i + 1 == n || (unsigned char)s[i + 1] < 0x80) &&
		    ch != '\r') {
			/* ASCII followed by ASCII: a cluster of its own */
			w += ch >= 0x20 && ch != 0x7f;
			g.prev = ch;
			g.state = 0;
			g.cw = ch >= 0x20 && ch != 0x7f;
			i++;
			continue;
		}
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)s + i, n - i, &k);
		if (c < 0)
			c = 0xFFFD;
		size_t grew;
		gstep_feed(&g, c, &grew);
		w += grew;
		i += (size_t)k;
	}
	return w;
}

/* Contract: see base.h. */
size_t ni_width_prefix(const char *s, size_t n, size_t cols, size_t *wout)
{
	size_t w = 0, i = 0, last = 0, lastw = 0;
	gstep g = { -1, 0, 0 };
	while (i < n) {
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)s + i, n - i, &k);
		if (c < 0)
			c = 0xFFFD;
		size_t grew;
		if (gstep_feed(&g, c, &grew)) {
			/* a cluster ends before i */
			last = i;
			lastw = w;
		}
		if (w + grew > cols) {
			*wout = lastw;
			return last;
		}
		w += grew;
		i += (size_t)k;
	}
	*wout = w;
	return n;
}

/* Contract: see base.h. */
int ni_utf8_check(const char *s, size_t n, size_t *off, const char **err)
{
	/* the vector kernel says whether all is well; the loop below finds
	 * the place and the reason when it is not */
	if (n == 0 || (ni_scan_utf8(s, n, ni_scan_level()) && !memchr(s, 0, n)))
		return 0;
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		/* ASCII fast path, 8 bytes at a time */
		while (e - p >= 8) {
			uint64_t w;
			memcpy(&w, p, 8);
			if ((w & 0x8080808080808080ULL) ||
			    ((w - 0x0101010101010101ULL) & ~w &
			     0x8080808080808080ULL))
				break;
			p += 8;
		}
		if (p >= e)
			break;
		unsigned c = *p;
		if (c == 0) {
			*off = (size_t)(p - (const unsigned char *)s);
			*err = "NUL byte";
			return -1;
		}
		if (c < 0x80) {
			p++;
			continue;
		}
		size_t k;
		if (ni_utf8_decode(p, (size_t)(e - p), &k) < 0)
			goto bad;
		p += k;
	}
	return 0;
bad:
	*off = (size_t)(p - (const unsigned char *)s);
	*err = "invalid UTF-8";
	return -1;
}
