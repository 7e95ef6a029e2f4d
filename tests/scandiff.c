/* scandiff - differential test of the scanner levels (lib/base/scan.c): every
 * line of the given files, and with -m N also N mutated copies of them,
 * is checked at each level this CPU has; the SSE2 and AVX2 results must
 * equal the scalar reference:
 *   ni_scan_utf8           valid or not
 *   ni_scan_special        every stop, walking the line stop by stop
 *   ni_scan_marks          valid or not, and every word of the bitmap
 *                          (the scalar one: the stops of ni_scan_special)
 *   ni_scan_printable      every stop, from each byte after a stop
 *   ni_scan_plain          every stop, from each byte after a stop
 *   ni_json_check_at       rc, message, column and the top-level index
 * Prints "scandiff: L lines (J valid JSON, U bad UTF-8), M mutated (J valid
 * JSON, U bad UTF-8, K duplicate keys), D differences" and exits 1 when
 * D > 0, writing the first differing input to -o FILE when given.
 * Usage: scandiff [-m N] [-s SEED] [-o FILE] FILE... */
#define _GNU_SOURCE
#define HARNESS_NO_CLOCK
#include "fuzz/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct stats {
	unsigned long long lines, json, badutf8, dupkeys, diffs;
} stats;

static const char *save_path;

static void report(const char *what, const char *p, size_t n, int level)
{
	fprintf(stderr, "scandiff: %s differs at level %d on a %zu-byte line\n",
		what, level, n);
	if (save_path) {
		FILE *f = fopen(save_path, "wb");
		if (f) {
			fwrite(p, 1, n, f);
			fclose(f);
		}
		save_path = NULL;   /* keep the first */
	}
}

/* Are the marked bytes of [p, p+n) exactly the stops of the scalar
 * ni_scan_special, and the end? */
static int marks_are_stops(const char *p, size_t n, const uint64_t *bits)
{
	const char *s = ni_scan_special(p, p + n, NI_SCAN_SCALAR);
	for (size_t i = 0; i <= n; i++) {
		int marked = (int)(bits[i / 64] >> (i % 64) & 1);
		if (marked != (p + i == s))
			return 0;
		if (p + i == s && i < n)
			s = ni_scan_special(s + 1, p + n, NI_SCAN_SCALAR);
	}
	return 1;
}

/* returns 1 when the line is valid JSON (by the reference) */
static int one(stats *st, const char *p, size_t n)
{
	static ni_jidx ref_idx, idx;
	int top = ni_scan_level();
	st->lines++;
	int ref_utf8 = ni_scan_utf8(p, n, NI_SCAN_SCALAR);
	st->badutf8 += !ref_utf8;
	size_t nw = n / 64 + 1;
	uint64_t *ref_bits = ni_xmalloc(nw * sizeof *ref_bits);
	uint64_t *bits = ni_xmalloc(nw * sizeof *bits);
	int ref_marks = ni_scan_marks(p, n, ref_bits, NI_SCAN_SCALAR);
	if (ref_marks != ref_utf8 || !marks_are_stops(p, n, ref_bits)) {
		report("ni_scan_marks", p, n, NI_SCAN_SCALAR);
		st->diffs++;
	}
	const char *ref_err = NULL, *err;
	size_t ref_col = 0, col;
	int ref_rc = ni_json_check_at(p, n, NI_MAX_DEPTH, &ref_idx, &ref_err,
				      &ref_col, NI_SCAN_SCALAR);
	st->json += ref_rc == 0;
	st->dupkeys += ref_rc && !strcmp(ref_err, "duplicate object key");
	for (int lv = NI_SCAN_SCALAR + 1; lv <= top; lv++) {
		int bad = 0;
		if (ni_scan_utf8(p, n, lv) != ref_utf8) {
			report("ni_scan_utf8", p, n, lv);
			bad = 1;
		}
		/* every stop of the special-byte search, from each stop on */
		const char *a = p, *b = p, *end = p + n;
		for (;;) {
			a = ni_scan_special(a, end, NI_SCAN_SCALAR);
			b = ni_scan_special(b, end, lv);
			if (a != b) {
				report("ni_scan_special", p, n, lv);
				bad = 1;
				break;
			}
			if (a == end)
				break;
			a++;
			b++;
		}
		/* every run of printable ASCII, and of plain bytes, from
		 * each stop on */
		if (!same_runs(ni_scan_printable, p, n, lv)) {
			report("ni_scan_printable", p, n, lv);
			bad = 1;
		}
		if (!same_runs(ni_scan_plain, p, n, lv)) {
			report("ni_scan_plain", p, n, lv);
			bad = 1;
		}
		if (ni_scan_marks(p, n, bits, lv) != ref_marks ||
		    memcmp(bits, ref_bits, nw * sizeof *bits)) {
			report("ni_scan_marks", p, n, lv);
			bad = 1;
		}
		err = NULL;
		col = 0;
		int rc = ni_json_check_at(p, n, NI_MAX_DEPTH, &idx, &err, &col, lv);
		if (rc != ref_rc || (rc && (strcmp(err, ref_err) || col != ref_col)) ||
		    (!rc && !same_idx(&idx, &ref_idx))) {
			report("ni_json_check_at", p, n, lv);
			bad = 1;
		}
		st->diffs += bad;
	}
	free(ref_bits);
	free(bits);
	return ref_rc == 0;
}

/* xorshift64*: a fixed sequence for a seed */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Bytes that matter to the scanner: string and escape syntax, control
 * bytes, UTF-8 leads at each class boundary, continuations, bytes that
 * are never UTF-8. */
static const unsigned char hot[] = {
	'"', '\\', 'u', '{', '}', '[', ']', ',', ':', ' ', '0', 'e', '-',
	0x00, 0x01, 0x09, 0x0A, 0x1F, 0x20, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
	0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
	0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF,
};
static const char *const frag[] = {
	"\xed\x95\x9c", "\xea\xb5\xad", "\xf0\x9f\x98\x80", "\xc3\xa9",
	"\xed\xa0\x80", "\xe0\x80\xaf", "\xf4\x90\x80\x80", "\xc0\xaf",
	"\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\u0000", "\\\"", "\"",
	"\xe2\x82", "\xf0\x9f\x98",
};

/* Insert n bytes at b->s + at. */
static void insert(ni_buf *b, size_t at, const char *p, size_t n)
{
	ni_buf_grow(b, n);
	memmove(b->s + at + n, b->s + at, b->len - at);
	memcpy(b->s + at, p, n);
	b->len += n;
}

/* Key games for the duplicate check (json.c check_object): take the
 * first key ('"' ... '":') at or after at, and put a member with that
 * key, or a variant, first in the line's object: the same bytes (a
 * duplicate when the key is a top-level one), the same with the last
 * byte changed (not one), with a character written as a \u escape
 * (equal after unescaping), each after 0 to 40 filler keys (32 and more
 * take the hash set). */
static void key_games(ni_buf *b, size_t at, uint64_t *s)
{
	size_t ke = at;
	while (ke + 1 < b->len && !(b->s[ke] == '"' && b->s[ke + 1] == ':'))
		ke++;
	if (ke + 1 >= b->len || b->len < 2 || b->s[0] != '{')
		return;
	size_t ks = ke;
	while (ks > 1 && !(b->s[ks - 1] == '"' && b->s[ks - 2] != '\\'))
		ks--;
	if (ks <= 1)
		return;
	/* the key's text is [ks, ke) */
	ni_buf m = {0};
	size_t fill = rnd(s) % 4 == 0 ? 0 : rnd(s) % 41;
	for (size_t i = 0; i < fill; i++) {
		char t[32];
		int tn = snprintf(t, sizeof t, "\"k%zu\": %zu, ", i, i);
		ni_buf_add(&m, t, (size_t)tn);
	}
	ni_buf_addc(&m, '"');
	size_t kat = m.len, kn = ke - ks;
	ni_buf_add(&m, b->s + ks, kn);
	switch (rnd(s) % 4) {
	case 0:   /* the same bytes */
		break;
	case 1:   /* the last byte changed */
		if (kn)
			m.s[kat + kn - 1] ^= (char)(1u << (rnd(s) % 7));
		break;
	default: { /* an ASCII character as \u00XX, the first, the last or any */
		size_t i = kn ? rnd(s) % kn : 0;
		unsigned r = (unsigned)(rnd(s) % 3);
		if (r == 0)
			i = 0;
		else if (r == 1 && kn)
			i = kn - 1;
		if (i < kn && (unsigned char)m.s[kat + i] >= 0x20 &&
		    (unsigned char)m.s[kat + i] < 0x80 && m.s[kat + i] != '\\' &&
		    m.s[kat + i] != '"') {
			char u[7];
			snprintf(u, sizeof u, "\\u%04x", (unsigned char)m.s[kat + i]);
			m.len = kat + i;
			ni_buf_add(&m, u, 6);
			ni_buf_add(&m, b->s + ks + i + 1, kn - i - 1);
		}
		break;
	}
	}
	ni_buf_add(&m, "\": 0, ", 5);
	insert(b, 1, m.s, m.len);
	ni_buf_free(&m);
}

static void mutate(ni_buf *b, uint64_t *s)
{
	int k = 1 + (int)(rnd(s) % 4);
	for (int j = 0; j < k; j++) {
		size_t at = b->len ? rnd(s) % b->len : 0;
		switch (rnd(s) % 7) {
		case 0:   /* set a byte to a hot value */
			if (b->len)
				b->s[at] = (char)hot[rnd(s) % sizeof hot];
			break;
		case 1:   /* flip a bit */
			if (b->len)
				b->s[at] ^= (char)(1u << (rnd(s) % 8));
			break;
		case 2: { /* insert a fragment */
			const char *f = frag[rnd(s) % (sizeof frag / sizeof *frag)];
			insert(b, at, f, strlen(f));
			break;
		}
		case 3:   /* delete a byte */
			if (b->len) {
				memmove(b->s + at, b->s + at + 1, b->len - at - 1);
				b->len--;
			}
			break;
		case 4:   /* cut the line: sequences end at the end of input */
			b->len = at;
			break;
		case 5:   /* a key again, or one nearly the same */
			key_games(b, at, s);
			break;
		default:  /* a byte near a 16/32-byte boundary */
			if (b->len) {
				size_t q = (at & ~(size_t)31) + 31 - rnd(s) % 3;
				if (q < b->len)
					b->s[q] = (char)hot[rnd(s) % sizeof hot];
			}
			break;
		}
	}
}

int main(int argc, char **argv)
{
	unsigned long long nmut = 0;
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	int c;
	while ((c = getopt(argc, argv, "m:s:o:")) != -1) {
		switch (c) {
		case 'm': nmut = strtoull(optarg, NULL, 10); break;
		case 's': seed = strtoull(optarg, NULL, 10) | 1; break;
		case 'o': save_path = optarg; break;
		default:
			fprintf(stderr, "usage: scandiff [-m N] [-s SEED] [-o FILE] FILE...\n");
			return 2;
		}
	}
	stats st = {0}, mt = {0};
	/* the lines, kept for mutation (offsets into one buffer) */
	ni_buf all = {0};
	size_t *off = NULL, nl = 0, capl = 0;
	size_t *jl = NULL, nj = 0;   /* the lines that are valid JSON */
	for (int i = optind; i < argc; i++) {
		char *text;
		size_t len;
		if (ni_read_file(argv[i], (size_t)1 << 32, &text, &len)) {
			perror(argv[i]);
			return 2;
		}
		for (size_t a = 0; a < len;) {
			const char *e = memchr(text + a, '\n', len - a);
			size_t n = e ? (size_t)(e - text - a) : len - a;
			int isjson = one(&st, text + a, n);
			if (nl == capl) {
				capl = capl ? capl * 2 : 1024;
				off = ni_xrealloc(off, (capl + 1) * sizeof *off);
				jl = ni_xrealloc(jl, (capl + 1) * sizeof *jl);
			}
			if (isjson)
				jl[nj++] = nl;
			off[nl++] = all.len;
			ni_buf_add(&all, text + a, n);
			a += n + 1;
		}
		free(text);
	}
	if (nl)
		off[nl] = all.len;
	ni_buf m = {0};
	for (unsigned long long i = 0; i < nmut && nl; i++) {
		/* half of them from records, the rest from any line */
		size_t li = nj && (i & 1) ? jl[rnd(&seed) % nj] : rnd(&seed) % nl;
		ni_buf_reset(&m);
		ni_buf_add(&m, all.s + off[li], off[li + 1] - off[li]);
		mutate(&m, &seed);
		/* an exact-size copy, so reads past the end are caught by ASan */
		char *exact = ni_xmalloc(m.len ? m.len : 1);
		memcpy(exact, m.s ? m.s : "", m.len);
		one(&mt, exact, m.len);
		free(exact);
	}
	printf("scandiff: %llu lines (%llu valid JSON, %llu bad UTF-8), "
	       "%llu mutated (%llu valid JSON, %llu bad UTF-8, %llu duplicate keys), "
	       "%llu differences, top level %d\n",
	       st.lines, st.json, st.badutf8, mt.lines, mt.json, mt.badutf8, mt.dupkeys,
	       st.diffs + mt.diffs, ni_scan_level());
	ni_buf_free(&m);
	ni_buf_free(&all);
	free(off);
	free(jl);
	return st.diffs + mt.diffs ? 1 : 0;
}
