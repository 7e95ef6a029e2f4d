/* unit.c - unit tests of libni.  Prints "pass NAME" / "fail NAME" lines
 * (collected by tests/run.sh). */

#define _GNU_SOURCE
#include "ni.h"
#include "sort/sort_int.h"   /* ni_gather: private to sort/, tested here */

#include <math.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <utf8proc.h>

static int failures;

static void check(int cond, const char *name, const char *detail)
{
	if (cond) {
		printf("pass unit/%s\n", name);
	} else {
		printf("fail unit/%s: %s\n", name, detail ? detail : "");
		failures++;
	}
}

static void t_json_check(void)
{
	static const struct { const char *in; int ok; const char *err; size_t col; } cases[] = {
		{ "{}", 1, NULL, 0 },
		{ "{\"a\":[1,2.5e3,-0,true,false,null,\"x\\u00e9\\ud83d\\ude00\"]}", 1, NULL, 0 },
		{ "{\"a\":1,\"a\":2}", 0, "duplicate object key", 8 },
		{ "{\"a\":1,\"\\u0061\":2}", 0, "duplicate object key", 8 },
		{ "{\"a\":2", 0, "premature end of input", 7 },
		{ "[1]", 0, "a record must be a JSON object", 1 },
		{ "{\"a\":1} x", 0, "end of record expected", 9 },
		{ "{\"a\":99999999999999999999}", 1, NULL, 0 },
		{ "{\"a\":1e400}", 0, "real number overflow", 6 },
		{ "{\"a\":NaN}", 0, "invalid token", 6 },
		{ "{\"a\":\"\xff\"}", 0, "invalid UTF-8 in string", 7 },
		{ "{\"a\":\"\xc0\xaf\"}", 0, "invalid UTF-8 in string", 7 },
		{ "{\"a\":\"\\ud800\"}", 0, "invalid Unicode surrogate", 7 },
		{ "{\"a\\u0000\":1}", 0, "NUL byte in object key not supported", 2 },
		{ "{\"a\":\"x\\u0000y\"}", 1, NULL, 0 },
		{ "{\"a\":\"tab\there\"}", 0, "control character in string", 10 },
		{ "{\"a\":01}", 0, "',' or '}' expected", 7 },
		{ "{\"k\":\"한국어\"}", 1, NULL, 0 },
		{ "{\"k\":\"한국어\",}", 0, "string or '}' expected", 12 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *err = NULL;
		size_t col = 0;
		int rc = ni_json_check(cases[i].in, strlen(cases[i].in), 64, NULL, &err, &col);
		char name[64], det[256];
		snprintf(name, sizeof name, "json_check_%zu", i);
		snprintf(det, sizeof det, "%s: rc %d err %s col %zu", cases[i].in,
			 rc, err ? err : "-", col);
		if (cases[i].ok)
			check(rc == 0, name, det);
		else
			check(rc == -1 && strcmp(err, cases[i].err) == 0 &&
			      col == cases[i].col, name, det);
	}
	/* depth limit */
	char deep[300];
	memset(deep, 0, sizeof deep);
	strcpy(deep, "{\"a\":");
	for (int i = 0; i < 70; i++)
		strcat(deep, "[");
	const char *err;
	size_t col;
	check(ni_json_check(deep, strlen(deep), 64, NULL, &err, &col) == -1 &&
	      strcmp(err, "nested too deep") == 0, "json_depth", err);
}

static void t_json_access(void)
{
	const char *s = "{\"id\":\"x1\",\"a\":{\"b\":[10,{\"c\":\"q\\\"uote\"}]},"
			"\"tags\":[\"ai\",\"llm\"],\"n\":0.85,\"a.b\":7}";
	ni_jval r = ni_json_value(s, s + strlen(s));
	ni_buf b = {0};
	ni_jval v = ni_json_path(r, "a.b.1.c");
	ni_json_str(v, &b);
	check(v.t == NI_J_STR && strcmp(b.s, "q\"uote") == 0, "json_path_nested", b.s);
	v = ni_json_path(r, "a.b.0");
	check(v.t == NI_J_NUM && ni_json_num(v) == 10, "json_path_index", NULL);
	v = ni_json_path(r, "a.b.2");
	check(v.t == NI_J_NONE, "json_path_index_out", NULL);
	v = ni_json_path(r, "a.b");
	check(v.t == NI_J_ARR, "json_path_dots_prefer_nesting", NULL);
	v = ni_json_path(r, "missing.x");
	check(v.t == NI_J_NONE, "json_path_missing", NULL);
	v = ni_json_get(r, "n", 1);
	check(v.t == NI_J_NUM && fabs(ni_json_num(v) - 0.85) < 1e-12, "json_get_num", NULL);
	v = ni_json_get(r, "tags", 4);
	const char *it = NULL;
	ni_jval e;
	int cnt = 0;
	while (ni_json_next(v, &it, NULL, &e))
		cnt++;
	check(cnt == 2, "json_next_array", NULL);
	ni_buf_reset(&b);
	ni_json_quote(&b, "a\"b\\c\n\x01한", strlen("a\"b\\c\n\x01한"));
	check(strcmp(b.s, "\"a\\\"b\\\\c\\n\\u0001한\"") == 0, "json_quote", b.s);
	ni_buf_free(&b);
}

static void t_fm(void)
{
	ni_doc d;
	const char *err;
	unsigned long line;
	const char *doc = "---\r\na: 1\r\n...\r\nbody";
	int r = ni_fm_split(doc, strlen(doc), &d, &err, &line);
	check(r == NI_FM_OK && d.fm_len == 6 && strcmp(doc + d.body_off, "body") == 0,
	      "fm_crlf_dots", NULL);
	r = ni_fm_split("# title\n", 8, &d, &err, &line);
	check(r == NI_FM_NONE, "fm_none", NULL);
	r = ni_fm_split("---\na: 1\n", 9, &d, &err, &line);
	check(r == NI_FM_ERR && line == 1, "fm_unterminated", NULL);
	r = ni_fm_split("----\n", 5, &d, &err, &line);
	check(r == NI_FM_NONE, "fm_four_dashes", NULL);
	size_t off;
	check(ni_utf8_check("ok한국\xed\xa0\x80", 11, &off, &err) == -1 && off == 8,
	      "utf8_surrogate", NULL);
	check(ni_utf8_check("abcdefghij\0x", 12, &off, &err) == -1 && off == 10 &&
	      strcmp(err, "NUL byte") == 0, "utf8_nul", NULL);
	unsigned long l, c;
	ni_offset_pos("ab\n한국x", 9, &l, &c);
	check(l == 2 && c == 3, "offset_pos_chars", NULL);
}

static void t_unicode(void)
{
	ni_buf b = {0};
	/* decomposed Hangul (as macOS sends it) becomes the precomposed form */
	ni_nfc("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", 9, 0, &b);
	check(strcmp(b.s, "한") == 0, "nfc_hangul", b.s);
	ni_buf_reset(&b);
	ni_nfc("ÉCOLE Straße", strlen("ÉCOLE Straße"), 1, &b);
	check(strcmp(b.s, "école strasse") == 0, "casefold", b.s);
	ni_buf_free(&b);
	check(ni_width("한국어", strlen("한국어")) == 6, "width_hangul", NULL);
	check(ni_width("e\xcc\x81", 3) == 1, "width_combining", NULL);
	size_t w;
	size_t n = ni_width_prefix("한국어", strlen("한국어"), 5, &w);
	check(n == 6 && w == 4, "width_prefix_no_split", NULL);
	n = ni_width_prefix("e\xcc\x81x", 4, 1, &w);
	check(n == 3 && w == 1, "width_prefix_grapheme", NULL);
}

/* The escapers' rules one code point at a time: the references for
 * their fast paths (runs of ASCII, whole 2- and 3-byte characters).  A
 * rule gives a code point's replacement, or NULL to keep it. */
static void ref_by_cp(ni_buf *b, const char *s, size_t n,
		      const char *(*rule)(long c, size_t k))
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t k;
		long c = ni_utf8_decode(p + i, n - i, &k);
		const char *rep = rule(c < 0 ? 0xFFFD : c, k);
		if (rep)
			ni_buf_adds(b, rep);
		else
			ni_buf_add(b, s + i, k);
		i += k;
	}
}

/* ni_esc_html: the five entities; controls and noncharacters dropped */
static const char *markup_rule(long c, size_t k)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	}
	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ||
	    (c >= 0x80 && c < 0xA0) || (c >= 0xFDD0 && c <= 0xFDEF) ||
	    (c & 0xFFFE) == 0xFFFE)
		return "";
	return c == 0xFFFD && k == 1 ? "\xEF\xBF\xBD" : NULL;
}

/* ni_esc_term: controls as U+FFFD, bidi overrides dropped */
static const char *term_rule(long c, size_t k)
{
	if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ||
	    (c >= 0x80 && c < 0xA0) || (c == 0xFFFD && k == 1))
		return "\xEF\xBF\xBD";
	if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return "";
	return NULL;
}

/* Does esc agree with its rule on s?  If not, why gets s's bytes. */
static int esc_agrees(void (*esc)(ni_buf *, const char *, size_t),
		      const char *(*rule)(long, size_t), const char *s, size_t n,
		      char *why)
{
	ni_buf a = {0}, b = {0};
	esc(&a, s, n);
	ref_by_cp(&b, s, n, rule);
	int same = a.len == b.len && (!a.len || memcmp(a.s, b.s, a.len) == 0);
	for (size_t i = 0; !same && i < n && i < 12; i++)
		snprintf(why + 3 * i, 4, "%02x ", (unsigned char)s[i]);
	ni_buf_free(&a);
	ni_buf_free(&b);
	return same;
}

/* One code point c as UTF-8 into o; its length. */
static size_t put_cp(char *o, long c)
{
	if (c < 0x80) { o[0] = (char)c; return 1; }
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6); o[1] = (char)(0x80 | (c & 63));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | c >> 12); o[1] = (char)(0x80 | (c >> 6 & 63));
		o[2] = (char)(0x80 | (c & 63));
		return 3;
	}
	o[0] = (char)(0xF0 | c >> 18); o[1] = (char)(0x80 | (c >> 12 & 63));
	o[2] = (char)(0x80 | (c >> 6 & 63)); o[3] = (char)(0x80 | (c & 63));
	return 4;
}

/* Does ni_nfc give what utf8proc_map gives (the reference: the same
 * options, called here directly) for s, n bytes, with fold? */
static int nfc_agrees(const char *s, size_t n, int fold, ni_buf *b)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s,
					  (utf8proc_ssize_t)n, &r,
					  UTF8PROC_COMPOSE | UTF8PROC_STABLE |
					  (fold ? UTF8PROC_CASEFOLD : 0));
	ni_buf_reset(b);
	ni_nfc(s, n, fold, b);
	int ok = m >= 0 && b->len == (size_t)m && !memcmp(b->s, r, (size_t)m);
	free(r);
	return ok;
}

/* ni_nfc's fast path (text that NFC and case folding leave alone is
 * copied, not given to utf8proc) against utf8proc itself: every code
 * point between two letters that may compose, folded and not; then
 * random strings drawn from the hard cases (combining marks, Hangul
 * jamo and syllables, vowel signs that compose, letters that fold). */
static void t_nfc_fast(void)
{
	ni_buf b = {0};
	char s[64], bad[80] = "";
	size_t nbad = 0;
	for (long c = 0x80; c <= 0x10FFFF; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		size_t n = 0;
		s[n++] = 'e';
		n += put_cp(s + n, c);
		s[n++] = 'A';
		n += put_cp(s + n, c);
		for (int fold = 0; fold < 2; fold++)
			if (!nfc_agrees(s, n, fold, &b) && !nbad++)
				snprintf(bad, sizeof bad, "U+%04lX fold %d", c, fold);
	}
	static const long pool[] = {
		'a', 'e', 'A', 'E', 'K', 's', 0xE9, 0xC9, 0xDF, 0x1E9E, 0x212A,
		0x301, 0x327, 0x308, 0x31B, 0x2019, 0x2014, 0x1100, 0x1161,
		0x11A8, 0xAC00, 0xAC01, 0xD55C, 0x0B47, 0x0B3E, 0x0B57, 0x09C7,
		0x09BE, 0x3099, 0x304B, 0x304C, 0x0915, 0x093C, 0x0958, 0x1F600,
		0x2126, 0x212B, 0xF900, 0x0340, 0x0344, 0x0F73, 0xFB01, 0x4E00,
	};
	size_t np = sizeof pool / sizeof pool[0];
	unsigned long long x = 88172645463325252ULL;
	for (int t = 0; t < 300000; t++) {
		size_t n = 0, len = 1 + t % 7;
		for (size_t k = 0; k < len; k++) {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			long c = (x >> 40) % 5 ? pool[(x >> 8) % np]
				 : (long)((x >> 20) % 0x2FFFF);
			if (c >= 0xD800 && c <= 0xDFFF)
				c = 0x301;
			n += put_cp(s + n, c ? c : 'x');
		}
		for (int fold = 0; fold < 2; fold++)
			if (!nfc_agrees(s, n, fold, &b) && !nbad++)
				snprintf(bad, sizeof bad, "random string %d fold %d", t, fold);
	}
	ni_buf_free(&b);
	check(nbad == 0, "nfc_fast_vs_utf8proc", bad);
}

/* xorshift: the next pseudo-random number of *x. */
static unsigned long long rnd(unsigned long long *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Some whitespace (often none) onto b. */
static void rnd_ws(unsigned long long *x, ni_buf *b)
{
	static const char *ws[] = { "", "", "", " ", "  ", "\t", " \r\n " };
	ni_buf_adds(b, ws[rnd(x) % 7]);
}

/* A random record line onto b: keys from a small set (an escaped one,
 * sometimes 70 more, past the scanner's index), values of every kind
 * and spelling, whitespace between tokens or none. */
static void rnd_record(unsigned long long *x, ni_buf *b)
{
	static const char *keys[] = { "a", "b", "c", "id", "k\\u0065y", "t", "x" };
	static const char *vals[] = {
		"1", "1.0", "1e3", "-0", "2E+2", "0.70", "\"s\"", "\"\\u00e9\"",
		"\"e\\u0301\"", "\"café\"", "\"a\\nb\\\"\"", "true", "false", "null",
		"[1, \"x\", {\"y\": 2}]", "{\"n\": {\"m\": [ ]}}", "[]", "{}",
		"\"AI and LLM\"",
	};
	rnd_ws(x, b);
	ni_buf_addc(b, '{');
	int first = 1;
	unsigned long long used = rnd(x);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (!(used >> i & 1))
			continue;
		rnd_ws(x, b);
		if (!first)
			ni_buf_addc(b, ',');
		first = 0;
		rnd_ws(x, b);
		ni_buf_addc(b, '"');
		ni_buf_adds(b, keys[i]);
		ni_buf_addc(b, '"');
		rnd_ws(x, b);
		ni_buf_addc(b, ':');
		rnd_ws(x, b);
		ni_buf_adds(b, vals[rnd(x) % (sizeof vals / sizeof vals[0])]);
	}
	if (rnd(x) % 8 == 0)
		for (int i = 0; i < 70; i++) {
			char m[32];
			snprintf(m, sizeof m, "%s\"f%d\": %d", first ? "" : ", ", i, i);
			first = 0;
			ni_buf_adds(b, m);
		}
	rnd_ws(x, b);
	ni_buf_addc(b, '}');
}

/* ni-map's two ways to a record's members (the scanner's index, and
 * walking the line when there is no index or it is partial) give the
 * same output, valid JSON, for random records and programs that set,
 * delete, rename, keep, test and skip. */
static void t_map_index(void)
{
	static const char *progs[] = {
		"x = 1", "a = 2", "id = \"z\"; t = upper(t)", "del a; b = a",
		"del a, b, c, id, t, x", "rename a z; z = 3", "keep t, a, x",
		"a ?= 5; c = if(t ~ /ai|llm/i, 2, 0)", "key = 1; del b",
		"if a = 1 then skip else a = a end", "del a; a = 7; f3 = 0",
		"x = a; y = b; del x",
	};
	ni_expr_opts eo = {0};
	ni_buf line = {0}, o1 = {0}, o2 = {0};
	ni_jidx idx = {0};
	char bad[200] = "";
	size_t nbad = 0, nrun = 0;
	unsigned long long x = 0x9E3779B97F4A7C15ULL;
	for (size_t p = 0; p < sizeof progs / sizeof progs[0]; p++) {
		char err[200];
		size_t off;
		ni_map *m = ni_map_parse(progs[p], &eo, err, sizeof err, &off);
		if (!m) {
			check(0, "map_index_parse", err);
			continue;
		}
		ni_eval e1 = {0}, e2 = {0};
		for (int t = 0; t < 3000; t++) {
			ni_buf_reset(&line);
			rnd_record(&x, &line);
			const char *msg;
			size_t col;
			if (ni_json_check(line.s, line.len, 64, &idx, &msg, &col))
				continue;
			ni_buf_reset(&o1);
			ni_buf_reset(&o2);
			int r1 = ni_map_run(m, &e1, line.s, line.len, &idx, &o1);
			int r2 = ni_map_run(m, &e2, line.s, line.len, NULL, &o2);
			nrun++;
			int ok = r1 == r2 && o1.len == o2.len &&
				 (!o1.len || !memcmp(o1.s, o2.s, o1.len));
			if (ok && r1 == NI_MAP_OUT)
				ok = ni_json_check(o1.s, o1.len, 64, NULL, &msg, &col) == 0;
			if (!ok && !nbad++)
				snprintf(bad, sizeof bad, "%s on %.60s: %.50s | %.50s",
					 progs[p], line.s, o1.s ? o1.s : "", o2.s ? o2.s : "");
		}
		ni_eval_free(&e1);
		ni_eval_free(&e2);
		ni_map_free(m);
	}
	ni_jidx_free(&idx);
	ni_buf_free(&line);
	ni_buf_free(&o1);
	check(nbad == 0 && nrun > 20000, "map_index_vs_line", bad);

	/* computed numbers are written as ni_fmt_double writes them (ni-map
	 * writes integers below 1e15 itself) */
	static const char *nums[] = {
		"0", "-0.0", "1", "-1", "2.5", "1e15", "-1e15", "999999999999999",
		"-999999999999999", "1e14", "9007199254740993", "0.1", "1e-7",
		"123456789012345.5", "4503599627370496", "-4503599627370497",
	};
	ni_eval ev = {0};
	nbad = 0;
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		for (int neg = 0; neg < 2; neg++) {
			char src[80], want[64], f[32], err[200];
			size_t off;
			snprintf(src, sizeof src, "x = %s%s * 1", neg ? "-" : "", nums[i]);
			ni_map *m = ni_map_parse(src, &eo, err, sizeof err, &off);
			ni_jidx ix = {0};
			const char *msg;
			size_t col;
			ni_json_check("{}", 2, 64, &ix, &msg, &col);
			ni_buf_reset(&o2);
			int r = m ? ni_map_run(m, &ev, "{}", 2, &ix, &o2) : -1;
			ni_fmt_double((neg ? -1 : 1) * strtod(nums[i], NULL), f);
			snprintf(want, sizeof want, "{\"x\":%s}", f);
			if ((r != NI_MAP_OUT || strcmp(o2.s, want)) && !nbad++)
				snprintf(bad, sizeof bad, "%s: %s, not %s", src,
					 o2.s ? o2.s : "", want);
			ni_map_free(m);
		}
	ni_eval_free(&ev);
	ni_buf_free(&o2);
	check(nbad == 0, "map_numbers_as_fmt_double", bad);
}

static void t_esc(void)
{
	static const unsigned char pick[] = { 'a', '<', '&', '"', '\'', 0x01, 0x7F,
		0xC2, 0x80, 0x9F, 0xA0, 0xBF, 0xC3, 0xDF, 0xE0, 0xE1, 0xEA, 0xEC,
		0xED, 0x9F, 0xEE, 0xEF, 0xB7, 0x90, 0xBE, 0xF0, 0xF4, 0x8F, 0xFF,
		0xE2, 0x80, 0xAA, 0x81, 0xA6, 0x0A, 0x09 };
	unsigned long long x = 0x9E3779B97F4A7C15ULL;
	int agree = 1;
	char why[64] = "";
	static const char *const fixed[] = { "\xEF\xB7\x90", "\xEF\xB7\xAF",
		"\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xED\xA0\x80", "\xED\x9F\xBF",
		"\xC2\x85", "\xC2\xA0", "\xE0\xA0\x80", "\xE0\x80\x80", "\xEA\xB0",
		"\xF0\x9F\xBF\xBE", "a\xEA\xB0\x80<b", "\xE2\x80\xAE", "\xE2\x81\xA6",
		"\xE1\x80\x80", "\xED\xA0\x80x" };
	int tagree = 1;
	char twhy[64] = "";
	for (int t = 0; t < 300000 && (agree || tagree); t++) {
		char s[12];
		size_t n = (size_t)(t % 7);
		if (t < (int)(sizeof fixed / sizeof *fixed)) {
			n = strlen(fixed[t]);
			memcpy(s, fixed[t], n);
		}
		for (size_t i = 0; i < n && t >= (int)(sizeof fixed / sizeof *fixed); i++) {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			s[i] = (char)((x >> 40) % 5 ? pick[x % sizeof pick] : (unsigned char)(x >> 8));
		}
		agree = agree && esc_agrees(ni_esc_html, markup_rule, s, n, why);
		tagree = tagree && esc_agrees(ni_esc_term, term_rule, s, n, twhy);
	}
	check(agree, "esc_html_fast_paths_match_reference", why);
	check(tagree, "esc_term_fast_paths_match_reference", twhy);
}

static void t_misc(void)
{
	char t[32];
	ni_fmt_double(0.1 + 0.2, t);
	check(strcmp(t, "0.30000000000000004") == 0, "fmt_double_roundtrip", t);
	ni_fmt_double(3, t);
	check(strcmp(t, "3") == 0, "fmt_double_int", t);
	ni_fmt_double(NAN, t);
	check(strcmp(t, "null") == 0, "fmt_double_nan", t);
	/* ni_num_canonical says yes only where ni_fmt_double prints the
	 * text itself (and no to it only for forms of 16-17 digits):
	 * checked on fixed cases and 200k random decimals */
	static const char *const nums[] = { "0", "-0", "7", "-12", "0.5", "0.50",
		"1.0", "0.85", "-0.85", "0.0001", "0.00012", "0.00001",
		"123456789012345", "1234567890123456", "0.123456789012345",
		"0.1234567890123456", "1e5", "1E-2", "99.99", "100", "-0.0", "0.0" };
	int agree = 1;
	char why[128] = "";
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
		ni_fmt_double(strtod(nums[i], NULL), t);
		int c = ni_num_canonical(nums[i], strlen(nums[i]));
		/* yes must be right; no may only miss the rare long form */
		if ((c && strcmp(t, nums[i])) || (!c && !strcmp(t, nums[i]) &&
		    strspn(nums[i], "-0.") + 15 >= strlen(nums[i]))) {
			agree = 0;
			snprintf(why, sizeof why, "%s -> %s", nums[i], t);
		}
	}
	unsigned long long x = 88172645463325252ULL;
	int yes = 0;
	for (int i = 0; i < 200000 && agree; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		char lit[48];
		int id = (int)(x % 7), fd = (int)((x >> 8) % 19);
		unsigned long long ip = (x >> 16) % 10000000ULL;
		int k = snprintf(lit, sizeof lit, "%s%llu", (x >> 60) & 1 ? "-" : "",
				 id ? ip % (id == 6 ? 10000000ULL : 10ULL * id) : 0ULL);
		if (fd) {
			lit[k++] = '.';
			for (int j = 0; j < fd; j++)
				lit[k++] = (char)('0' + ((x >> (j * 3 % 50)) + (unsigned)j * 7) % 10);
		}
		lit[k] = 0;
		ni_fmt_double(strtod(lit, NULL), t);
		int c = ni_num_canonical(lit, (size_t)k);
		yes += c;
		if (c && strcmp(t, lit)) {
			agree = 0;
			snprintf(why, sizeof why, "%s -> %s", lit, t);
		}
	}
	check(agree && yes > 1000, "num_canonical_agrees_with_fmt_double", why);
	check(ni_parse_size("16M") == 16 << 20 && ni_parse_size("x") == -1,
	      "parse_size", NULL);
	ni_strmap m;
	ni_strmap_init(&m);
	int isnew, allnew = 1;
	char k[16];
	for (int i = 0; i < 1000; i++) {
		snprintf(k, sizeof k, "k%d", i);
		ni_strmap_put(&m, k, strlen(k), &isnew);
		allnew &= isnew;
	}
	ni_strmap_put(&m, "k500", 4, &isnew);
	check(allnew && !isnew && m.len == 1000 && ni_strmap_get(&m, "k999", 4) &&
	      !ni_strmap_get(&m, "k1000", 5), "strmap", NULL);
	ni_strmap_free(&m);
}

static void t_yaml(void)
{
	static const struct { const char *in; const char *out; } cases[] = {
		{ "a: 012", "{\"a\":12" },
		{ "a: 0x10", "{\"a\":16" },
		{ "a: -0", "{\"a\":-0" },
		{ "a: +.5", "{\"a\":0.5" },
		{ "a: 1_000", "{\"a\":\"1_000\"" },
		{ "a: Yes", "{\"a\":\"Yes\"" },
		{ "a: '012'", "{\"a\":\"012\"" },
		{ "1: x", "{\"1\":\"x\"" },
		{ "a: !!float 3", "{\"a\":3.0" },
		{ "a: \"\\0\\e\"", "{\"a\":\"\\u0000\\u001b\"" },
	};
	ni_yaml_opts o = { 64, 100, 1 << 20 };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ni_buf b = {0};
		ni_yaml_result r;
		int rc = ni_yaml_to_json(cases[i].in, strlen(cases[i].in), &o, &b, &r);
		char name[32];
		snprintf(name, sizeof name, "yaml_%zu", i);
		check(rc == 0 && b.s && strcmp(b.s, cases[i].out) == 0, name,
		      rc ? r.err : b.s);
		free(r.keys);
		ni_buf_free(&b);
	}
}

static void t_lines(void)
{
	char path[] = "/tmp/ni-unit-XXXXXX";
	int fd = mkstemp(path);
	const char data[] = "\xEF\xBB\xBF{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}";
	if (write(fd, data, sizeof data - 1)) {}
	close(fd);
	ni_diag d = { .prog = "unit" };
	char *files[] = { path };
	ni_lines l;
	ni_lines_init(&l, &d, files, 1);
	const char *s;
	long n;
	char got[100] = "";
	unsigned long lines[3] = {0};
	int k = 0;
	while ((n = ni_lines_next(&l, &s)) >= 0 && k < 3) {
		strncat(got, s, (size_t)n);
		strcat(got, "|");
		lines[k++] = l.lineno;
	}
	ni_lines_free(&l);
	unlink(path);
	check(strcmp(got, "{\"a\":1}|{\"b\":2}|{\"c\":3}|") == 0 && lines[1] == 4 &&
	      lines[2] == 5, "lines_bom_crlf_blank_nonl", got);
}

/* url.c: one parser for every URL use (issue 11.20) */
static void t_url(void)
{
	static const struct { const char *in; const char *scheme, *user, *host,
		*port, *path, *query, *frag; } cases[] = {
		{ "https://user:pw@Host.example:8080/a/b?x=1#f", "https", "user:pw",
		  "Host.example", "8080", "/a/b", "x=1", "f" },
		{ "https://[2001:db8::1]/", "https", NULL, "[2001:db8::1]", NULL, "/",
		  NULL, NULL },
		{ "http://[2001:db8::1]:81", "http", NULL, "[2001:db8::1]", "81", "",
		  NULL, NULL },
		{ "mailto:a@b.c", "mailto", NULL, NULL, NULL, "a@b.c", NULL, NULL },
		{ "https://a@b@c/p#x?y", "https", "a@b", "c", NULL, "/p", NULL, "x?y" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ni_url u;
		char name[64], got[512];
		int r = ni_url_parse(cases[i].in, strlen(cases[i].in), &u);
#define PART(f) (u.f.p ? (int)u.f.n : 4), (u.f.p ? u.f.p : "NULL")
		snprintf(got, sizeof got, "%.*s|%.*s|%.*s|%.*s|%.*s|%.*s|%.*s",
			 PART(scheme), PART(userinfo), PART(host), PART(port),
			 PART(path), PART(query), PART(fragment));
#undef PART
		char want[512];
#define W(s) ((s) ? (s) : "NULL")
		snprintf(want, sizeof want, "%s|%s|%s|%s|%s|%s|%s", W(cases[i].scheme),
			 W(cases[i].user), W(cases[i].host), W(cases[i].port),
			 W(cases[i].path), W(cases[i].query), W(cases[i].frag));
#undef W
		snprintf(name, sizeof name, "url_parse_%zu", i);
		check(r == 0 && !strcmp(got, want), name, got);
	}
	ni_url u;
	check(ni_url_parse("C# 12 ships", 11, &u) == -1, "url_parse_not_url", NULL);
	static const struct { const char *in, *host; } hosts[] = {
		{ "https://user:pw@host/", "host" },
		{ "https://[2001:db8::1]/", "[2001:db8::1]" },
		{ "https://WWW.Example.COM:443/x", "example.com" },
	};
	for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++) {
		ni_buf b = {0};
		int r = ni_url_host(hosts[i].in, strlen(hosts[i].in), &b);
		char name[64];
		snprintf(name, sizeof name, "url_host_%zu", i);
		check(r && b.s && !strcmp(b.s, hosts[i].host), name, b.s);
		ni_buf_free(&b);
	}
	static const struct { const char *in, *want; } canon[] = {
		{ "HTTPS://Example.COM/a/?utm_source=x&b=1&fbclid=2#frag",
		  "https://example.com/a?b=1" },
		{ "C# 12 ships", "C# 12 ships" },
		{ "C# tips", "C# tips" },
		{ "https://[2001:DB8::1]:8443/", "https://[2001:db8::1]:8443" },
	};
	for (size_t i = 0; i < sizeof canon / sizeof *canon; i++) {
		ni_buf b = {0};
		ni_url_canon(canon[i].in, strlen(canon[i].in), &b);
		char name[64];
		snprintf(name, sizeof name, "url_canon_%zu", i);
		check(b.s && !strcmp(b.s, canon[i].want), name, b.s);
		ni_buf_free(&b);
	}
	check(ni_url_is_web("https://a.b/c", 13) && !ni_url_is_web("C# tips", 7) &&
	      !ni_url_is_web("ftp://a.b/", 10) && !ni_url_is_web("https:///x", 10) &&
	      !ni_url_is_web("https://a b/", 12), "url_is_web", NULL);
}

/* ni_names: lookups of dotted paths and literal keys, and suggestions by
 * case-insensitive edit distance (at most a quarter of the name's
 * length, at least 1), closest first, at most the number asked. */
static void t_names(void)
{
	ni_names t = {0};
	ni_names_add(&t, "a.b", 0);       /* nested, or the key "a.b" */
	ni_names_add(&t, "x.y", 1);       /* the literal key "x.y" only */
	ni_names_add(&t, "_path", 0);     /* ni's own: not added */
	ni_names_add(&t, "a.b", 0);       /* twice: once */
	check(t.n == 2, "names/added", "want 2 names");
	const char *r1 = "{\"a\":{\"b\":1},\"x\":{\"y\":2}}";
	ni_jval rec = ni_json_record(r1, strlen(r1));
	check(ni_names_has(&t, 0, rec, NULL), "names/nested", NULL);
	check(!ni_names_has(&t, 1, rec, NULL), "names/literal-not-nested", NULL);
	const char *r2 = "{\"a.b\":1,\"x.y\":2}";
	rec = ni_json_record(r2, strlen(r2));
	check(ni_names_has(&t, 0, rec, NULL) && ni_names_has(&t, 1, rec, NULL),
	      "names/dotted-keys", NULL);
	ni_names_free(&t);

	ni_names_add(&t, "confidnce", 0);
	const char *r3 = "{\"confidence\":1,\"Title\":2,\"tags\":3,\"tag\":4,"
			 "\"stag\":5,\"tagss\":6,\"id\":7}";
	ni_names_see(&t, r3, strlen(r3), NULL);
	const char *s[3];
	size_t m = ni_names_suggest(&t, "confidnce", s, 3);
	check(m == 1 && !strcmp(s[0], "confidence"), "names/suggest-one", m ? s[0] : "none");
	m = ni_names_suggest(&t, "title", s, 3);
	check(m == 1 && !strcmp(s[0], "Title"), "names/suggest-case", m ? s[0] : "none");
	/* tag and tags are 1 away, stag and tagss 2 (over the limit of 1) */
	m = ni_names_suggest(&t, "tagz", s, 3);
	check(m == 2 && !strcmp(s[0], "tag") && !strcmp(s[1], "tags"),
	      "names/suggest-closest-in-order", m ? s[0] : "none");
	m = ni_names_suggest(&t, "tagz", s, 1);
	check(m == 1 && !strcmp(s[0], "tag"), "names/suggest-at-most-max", m ? s[0] : "none");
	m = ni_names_suggest(&t, "zzzzqq", s, 3);
	check(m == 0, "names/suggest-nothing-close", m ? s[0] : NULL);
	check(t.unseen == 1, "names/unseen", NULL);
	ni_names_free(&t);
}

/* The body sanitiser (sanitize.c) and entity decoder (entity.c): inputs
 * and the exact output, written by hand. */
static void t_sanitize(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "<div class=\"lang-ko\"><p>a</p></div>", "<div class=\"lang-ko\"><p>a</p></div>" },
		{ "<script>alert(1)</script>x", "x" },
		{ "<SCRIPT src=//e/x>y</SCRIPT >z", "z" },
		{ "<a href=\"javascript:x\" onclick=\"y\">t</a>", "<a>t</a>" },
		{ "<a href=\"jav&#x61;script:x\">t</a>", "<a>t</a>" },
		{ "<a href=\" java\tscript:x\">t</a>", "<a>t</a>" },
		{ "<a href=\"https://e.x/?a=1&amp;b=2\">t</a>", "<a href=\"https://e.x/?a=1&amp;b=2\">t</a>" },
		{ "<a href=\"/rel#f\">t</a>", "<a href=\"/rel#f\">t</a>" },
		{ "<img src=\"data:image/png;base64,AA\" alt=a>", "" },
		{ "<img src=x.png>", "<img src=\"x.png\" alt=\"\">" },
		{ "<p style=\"color:red\" id=i class=\"a b\">t", "<p class=\"a b\">t</p>" },
		{ "<p class=\"a\\\" onx\">t</p>", "<p>t</p>" },
		{ "<b><i>t</b>", "<b><i>t</i></b>" },
		{ "</div>t<br>", "t<br>" },
		{ "<p>a<div>b</div>", "<p>a</p><div>b</div>" },
		{ "<!-- <script>x</script> -->t", "t" },
		{ "<iframe srcdoc=\"<b>\">x</iframe>t<form><input>f</form>", "t" },
		{ "<font color=red>t</font>", "t" },
		{ "1 < 2 & 3 > 2 &amp; &bogus; \"q\"", "1 &lt; 2 &amp; 3 &gt; 2 &amp; &amp;bogus; &quot;q&quot;" },
		{ "<th align=right>n</th>", "<th class=\"al-right\">n</th>" },
		{ "<svg/onload=alert(1)>", "" },
		{ "\xed\x95\x9c<b>\xea\xb8\x80</b>", "\xed\x95\x9c<b>\xea\xb8\x80</b>" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ni_buf b = {0};
		ni_html_sanitize(cases[i].in, strlen(cases[i].in), &b);
		char name[64];
		snprintf(name, sizeof name, "sanitize %zu", i);
		int okc = b.len == strlen(cases[i].want) && (!b.len || !memcmp(b.s, cases[i].want, b.len));
		char detail[512];
		snprintf(detail, sizeof detail, "got '%.*s' want '%s'", (int)b.len, b.s ? b.s : "",
			 cases[i].want);
		check(okc, name, detail);
		ni_buf_free(&b);
	}
	static const struct { const char *in, *want; } ent[] = {
		{ "Target&#8217;s", "Target\xe2\x80\x99s" },
		{ "&amp;amp; &lt;b&gt; &#x41;&#65;", "&amp; <b> AA" },
		{ "&#0; &#xD800; &#1114112;", "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd" },
		{ "&#150; &nbsp;", "\xe2\x80\x93 \xc2\xa0" },
		{ "& &; &#; &#x; &amp &unknown;", "& &; &#; &#x; &amp &unknown;" },
	};
	for (size_t i = 0; i < sizeof ent / sizeof *ent; i++) {
		ni_buf b = {0};
		ni_html_unescape(ent[i].in, strlen(ent[i].in), &b);
		char name[64];
		snprintf(name, sizeof name, "html_unescape %zu", i);
		check(b.len == strlen(ent[i].want) && (!b.len || !memcmp(b.s, ent[i].want, b.len)),
		      name, ent[i].in);
		ni_buf_free(&b);
	}
	ni_buf m = {0};
	const char *md = "# T\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n<div class=\"trend-box\">\n\n**k**\n\n</div>\n";
	ni_md_text(md, strlen(md), &m);
	const char *want = "T\n\n- a\n- b\n\nx | y\n1 | 2\n\nk";
	check(m.len == strlen(want) && !memcmp(m.s, want, m.len), "md_text", m.s);
	ni_buf_free(&m);
}

/* One read-back of lines (at, n) of files[0] by a gatherer made before
 * change() runs: 0 (the output in *got), 1 (no gatherer: by record), or
 * -1 (an error, reported on d). */
typedef struct gline {
	unsigned long long at;
	size_t n;
	uint32_t sum;
} gline;
static int gather_run(char **files, int th, const gline *L, size_t k,
		      void (*change)(const char *), const char *out,
		      ni_diag *d, ni_buf *got)
{
	ni_gather *g = ni_gather_new(d, files, 1, th);
	if (!g)
		return 1;
	if (change)
		change(files[0]);
	ni_out o;
	ni_out_open(&o, d, out);
	ni_gather_open(g);
	int r = 0;
	for (size_t i = 0; !r && i < k; i++) {
		char loc[NI_GATHER_LOC];
		ni_gather_loc(loc, 0, L[i].at, L[i].n, L[i].sum);
		r = ni_gather_put(g, loc, &o);
	}
	r |= ni_gather_end(g, &o);
	ni_gather_free(g);
	r |= ni_out_close(&o);
	ni_read_file_buf(out, 1 << 20, got);
	return r ? -1 : 0;
}

static void g_append(const char *path)
{
	FILE *f = fopen(path, "a");
	fputs("\n{\"e\":5}\n", f);
	fclose(f);
}

static void g_shorten(const char *path)
{
	if (truncate(path, 10) != 0)
		perror(path);
}

/* The newline between lines c and d (adjacent, read as one run)
 * becomes a space: two records on one line if it went unchecked. */
static void g_join(const char *path)
{
	FILE *f = fopen(path, "r+");
	if (!f || fseek(f, 27, SEEK_SET) || fputc(' ', f) == EOF)
		perror(path);
	if (f)
		fclose(f);
}

static void g_rename(const char *path)
{
	char moved[80];
	snprintf(moved, sizeof moved, "%s.1", path);
	if (rename(path, moved) != 0)
		perror(path);
}

/* ni_checksum tells a changed text from the one it was taken of, also
 * for edits that cancel in sums of words: a capital moved 256 bytes
 * (two case changes, one bit each), +1 and -1 8 KiB apart, two words
 * swapped, any one bit of 300 bytes flipped. */
static void t_checksum(void)
{
	char *a = ni_xmalloc(9000), *b = ni_xmalloc(9000);
	for (int i = 0; i < 9000; i++)
		a[i] = (char)('a' + (i * 7 + i / 13) % 26);
	a[103] = 'Q';
	memcpy(b, a, 9000);
	b[103] = 'q';             /* the capital moved 256 bytes on */
	b[359] = (char)(a[359] - 0x20);
	check(ni_checksum(a, 600) != ni_checksum(b, 600),
	      "checksum: a capital moved 256 bytes", NULL);
	memcpy(b, a, 9000);
	b[35]++;
	b[35 + 8192]--;
	check(ni_checksum(a, 9000) != ni_checksum(b, 9000),
	      "checksum: +1 and -1 8 KiB apart", NULL);
	memcpy(b, a, 9000);
	memcpy(b + 64, a + 68, 4);
	memcpy(b + 68, a + 64, 4);
	check(memcmp(a, b, 100) == 0 || ni_checksum(a, 100) != ni_checksum(b, 100),
	      "checksum: two words swapped", NULL);
	int missed = 0;
	for (int i = 0; i < 300; i++)
		for (int bit = 0; bit < 8; bit++) {
			memcpy(b, a, 300);
			b[i] ^= (char)(1 << bit);
			missed += ni_checksum(a, 300) == ni_checksum(b, 300);
		}
	check(!missed, "checksum: every one-bit change of 300 bytes", NULL);
	free(a);
	free(b);
}

/* Read back lines by location (sort/gather.c): in order, adjacent ones
 * coalesced, on 0 and 2 threads; what was read, or an error. */
static void t_gather(void)
{
	char dir[] = "/tmp/ni-unit.XXXXXX";
	if (!mkdtemp(dir)) {
		check(0, "gather tmpdir", "mkdtemp");
		return;
	}
	char in[64], out[64], fifo[64], moved[70];
	snprintf(in, sizeof in, "%s/in", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	snprintf(moved, sizeof moved, "%s.1", in);
	const char *text = "{\"a\":1}\n{\"b\":22}\r\n{\"c\":333}\n{\"d\":4}";
	/* lines: a at 0 (7), b at 8 (8, CR outside), c at 18 (9), d at 28 (7) */
	static const struct { unsigned long long at; size_t n; } A[] = {
		{ 0, 7 }, { 8, 8 }, { 18, 9 }, { 28, 7 } };
	static const int order[] = { 3, 2, 3, 0, 1 };   /* 2 -> 3 adjacent */
	gline L[5];
	for (int i = 0; i < 5; i++)
		L[i] = (gline){ A[order[i]].at, A[order[i]].n,
				ni_checksum(text + A[order[i]].at, A[order[i]].n) };
	const char *want = "{\"d\":4}\n{\"c\":333}\n{\"d\":4}\n{\"a\":1}\n{\"b\":22}\n";
	static const struct {
		const char *name;
		void (*change)(const char *);
		int bad;          /* a checksum that is not the line's */
		int rc;
	} C[] = {
		{ "in order", NULL, 0, 0 },
		{ "a file that grows meanwhile (a log)", g_append, 0, 0 },
		{ "an input renamed once opened (rotated)", g_rename, 0, 0 },
		{ "an input shorter when read back: an error", g_shorten, 0, -1 },
		{ "a line read back with other bytes: an error", NULL, 1, -1 },
		{ "adjacent lines whose newline changed: an error", g_join, 0, -1 },
	};
	char *files[] = { in };
	/* read back through io_uring (where the kernel has it) and with
	 * pread (NI_SORT_PREAD=1): the same in every case */
	for (int pr = 0; pr < 2; pr++)
	for (size_t c = 0; c < sizeof C / sizeof *C; c++)
		for (int th = 0; th <= 2; th += 2) {
			setenv("NI_SORT_PREAD", pr ? "1" : "0", 1);
			FILE *f = fopen(in, "w");
			fputs(text, f);
			fclose(f);
			gline M[5];
			memcpy(M, L, sizeof M);
			M[2].sum ^= (uint32_t)C[c].bad;
			ni_diag d = { .prog = "unit" };
			ni_buf got = {0};
			int r = gather_run(files, th, M, 5, C[c].change, out, &d, &got);
			if (C[c].change == g_rename && rename(moved, in) != 0)
				perror(moved);
			char name[96];
			snprintf(name, sizeof name, "gather: %s (%d threads, %s)", C[c].name, th,
				 pr ? "pread" : "io_uring");
			check(C[c].rc ? r == -1 && d.errors == 1 && got.len == 0 :
			      r == 0 && !d.errors && got.len == strlen(want) &&
			      !memcmp(got.s, want, got.len), name, got.s);
			ni_buf_free(&got);
		}
	unsetenv("NI_SORT_PREAD");
	/* an empty file (as /proc's say they are), a FIFO (not waited
	 * for): by record */
	ni_diag d = { .prog = "unit" };
	ni_buf got = {0};
	FILE *f = fopen(in, "w");
	fclose(f);
	check(gather_run(files, 0, L, 0, NULL, out, &d, &got) == 1,
	      "gather: a file of size 0 is not read back", NULL);
	mkfifo(fifo, 0600);
	char *ff[] = { fifo };
	check(gather_run(ff, 0, L, 0, NULL, out, &d, &got) == 1,
	      "gather: a FIFO is not read back", NULL);
	ni_buf_free(&got);
	unlink(in);
	unlink(out);
	unlink(fifo);
	rmdir(dir);
}

int main(void)
{
	t_sanitize();
	t_json_check();
	t_json_access();
	t_fm();
	t_unicode();
	t_nfc_fast();
	t_map_index();
	t_misc();
	t_esc();
	t_yaml();
	t_lines();
	t_url();
	t_names();
	t_checksum();
	t_gather();
	return failures ? 1 : 0;
}
