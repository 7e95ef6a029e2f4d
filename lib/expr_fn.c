/* expr_fn.c - the functions of the expression language (man/ni-expr.7).
 * Text is counted in characters = grapheme clusters (utf8proc), so a cut
 * never splits a Hangul syllable, an emoji sequence or a combining mark
 * from its base. */
#include "expr_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

const fninfo ni_fntab[F_NFN] = {
	[F_LOWER] = { "lower", 1, 1 },   [F_UPPER] = { "upper", 1, 1 },
	[F_TRIM] = { "trim", 1, 1 },     [F_LEN] = { "len", 1, 1 },
	[F_SUBSTR] = { "substr", 2, 3 }, [F_TRUNC] = { "trunc", 2, 3 },
	[F_STRIP_MARKUP] = { "strip_markup", 1, 1 },
	[F_SLUG] = { "slug", 1, 2 },     [F_REPLACE] = { "replace", 3, 3 },
	[F_SPLIT] = { "split", 2, 2 },   [F_JOIN] = { "join", 2, 2 },
	[F_UNIQ] = { "uniq", 1, 1 },     [F_FIRST] = { "first", 1, 1 },
	[F_LAST] = { "last", 1, 1 },     [F_COALESCE] = { "coalesce", 1, -1 },
	[F_DATE] = { "date", 1, 2 },     [F_NOW] = { "now", 0, 0 },
	[F_URL] = { "url", 1, 1 },       [F_HASH] = { "hash", 1, 2 },
	[F_NR] = { "nr", 0, 0 },         [F_SEQ] = { "seq", 1, 1 },
	[F_NUMBER] = { "number", 1, 1 }, [F_STRING] = { "string", 1, 1 },
	[F_PAD] = { "pad", 2, 3 },       [F_CASE] = { "case", 3, -1 },
	[F_IF] = { "if", 3, 3 },
	[F_HTML_UNESCAPE] = { "html_unescape", 1, 1 },
};

/* Contract: expr_int.h: the function id of name, or -1. */
int ni_fn_find(const char *name, size_t n)
{
	for (int i = 0; i < F_NFN; i++)
		if (strlen(ni_fntab[i].name) == n && !memcmp(ni_fntab[i].name, name, n))
			return i;
	return -1;
}

static int ferr(ni_eval *ev, const ni_expr *e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int ferr(ni_eval *ev, const ni_expr *e, const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(ev->err, sizeof ev->err, "%.80s: %.160s", e->text, msg);
	return -1;
}

static val vstr(ni_eval *ev, const char *s, size_t n)
{
	return (val){ .t = V_STR, .s = ni_ar_dup(ev, s, n), .n = n };
}

/* ---- characters ---- */

/* End of the grapheme cluster that starts at i. */
static size_t gnext(const char *s, size_t n, size_t i)
{
	utf8proc_int32_t prev = -1, state = 0;
	while (i < n) {
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)s + i, n - i, &k);
		if (c < 0)
			c = 0xFFFD;
		if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, c, &state))
			return i;
		prev = c;
		i += (size_t)k;
	}
	return n;
}

static size_t nchars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i = gnext(s, n, i))
		c++;
	return c;
}

/* Byte offset of character k (k <= nchars). */
static size_t char_off(const char *s, size_t n, size_t k)
{
	size_t i = 0;
	while (k-- && i < n)
		i = gnext(s, n, i);
	return i;
}

static int is_space_cp(utf8proc_int32_t c)
{
	if (c == ' ' || (c >= 9 && c <= 13))
		return 1;
	if (c < 0x80)
		return 0;
	utf8proc_category_t cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_ZS || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Append s with each code point mapped by f (NFC first). */
static void map_cp(const char *s, size_t n, utf8proc_int32_t (*f)(utf8proc_int32_t),
		   ni_buf *out)
{
	size_t a = 0;
	while (a < n && (unsigned char)s[a] < 0x80)
		a++;
	if (a == n) {          /* ASCII: no normalization to do */
		ni_buf_grow(out, n);
		for (size_t i = 0; i < n; i++)
			out->s[out->len + i] = (char)f((unsigned char)s[i]);
		out->len += n;
		out->s[out->len] = 0;
		return;
	}
	ni_buf t = {0};
	ni_nfc(s, n, 0, &t);
	for (size_t i = 0; i < t.len;) {
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)t.s + i, t.len - i, &k);
		if (c < 0) {
			ni_buf_addc(out, t.s[i]);
			i++;
			continue;
		}
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t m = utf8proc_encode_char(f(c), enc);
		ni_buf_add(out, enc, (size_t)m);
		i += (size_t)k;
	}
	ni_buf_free(&t);
}

static utf8proc_int32_t cp_lower(utf8proc_int32_t c) { return utf8proc_tolower(c); }
static utf8proc_int32_t cp_upper(utf8proc_int32_t c) { return utf8proc_toupper(c); }

static void trim(const char **s, size_t *n)
{
	const char *p = *s, *e = *s + *n;
	while (p < e) {
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)p, (size_t)(e - p), &k);
		if (c < 0 || !is_space_cp(c))
			break;
		p += k;
	}
	while (e > p) {
		const char *q = e - 1;
		while (q > p && ((unsigned char)*q & 0xC0) == 0x80)
			q--;
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)q, (size_t)(e - q), &k);
		if (c < 0 || !is_space_cp(c))
			break;
		e = q;
	}
	*s = p;
	*n = (size_t)(e - p);
}

/* ---- strip_markup ---- */

static const struct { const char *name; const char *text; } entities[] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
	{ "apos", "'" }, { "nbsp", " " }, { "mdash", "\xe2\x80\x94" },
	{ "ndash", "\xe2\x80\x93" }, { "hellip", "\xe2\x80\xa6" },
	{ "lsquo", "\xe2\x80\x98" }, { "rsquo", "\xe2\x80\x99" },
	{ "ldquo", "\xe2\x80\x9c" }, { "rdquo", "\xe2\x80\x9d" },
	{ "middot", "\xc2\xb7" }, { "copy", "\xc2\xa9" }, { "reg", "\xc2\xae" },
	{ "trade", "\xe2\x84\xa2" },
};

/* An entity at s ('&'...): appends its text and returns its length, or 0. */
static size_t entity(const char *s, size_t n, ni_buf *out)
{
	const char *semi = memchr(s, ';', n < 12 ? n : 12);
	if (!semi || semi == s + 1)
		return 0;
	size_t len = (size_t)(semi - s) + 1;
	if (s[1] == '#') {
		long cp;
		char *end;
		char tmp[12];
		size_t dl = (size_t)(semi - s) - 2;
		if (!dl || dl >= sizeof tmp)
			return 0;
		memcpy(tmp, s + 2, dl);
		tmp[dl] = 0;
		if (tmp[0] == 'x' || tmp[0] == 'X')
			cp = strtol(tmp + 1, &end, 16);
		else
			cp = strtol(tmp, &end, 10);
		if (*end || !utf8proc_codepoint_valid((utf8proc_int32_t)cp) || cp == 0)
			return 0;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t m = utf8proc_encode_char((utf8proc_int32_t)cp, enc);
		ni_buf_add(out, enc, (size_t)m);
		return len;
	}
	for (size_t i = 0; i < sizeof entities / sizeof *entities; i++) {
		size_t en = strlen(entities[i].name);
		if (en == len - 2 && !memcmp(s + 1, entities[i].name, en)) {
			ni_buf_adds(out, entities[i].text);
			return len;
		}
	}
	return 0;
}

static int alnum_at(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	unsigned char c = (unsigned char)s[i];
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Is s[0..n) (a line from its first non-blank, without the line break) a
 * thematic break (---, * * *, ___) or a table's delimiter row
 * (|---|:--:|)?  Neither holds text. */
static int rule_line(const char *s, size_t n)
{
	size_t marks = 0, dashes = 0;
	int thematic = s[0] && strchr("-*_", s[0]) != NULL, delim = s[0] == '|';
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\r')
			continue;
		if (c == s[0])
			marks++;
		else
			thematic = 0;
		if (c == '-')
			dashes++;
		else if (c != '|' && c != ':')
			delim = 0;
	}
	return (thematic && marks >= 3) || (delim && dashes > 0);
}

/* HTML tags and comments out (as spaces), Markdown markers out (headings,
 * quotes, list markers, rules, table pipes and delimiter rows, emphasis,
 * code marks, link targets), then entities decoded and whitespace
 * collapsed. */
static void strip_markup(const char *s, size_t n, ni_buf *out)
{
	ni_buf a = {0};
	int bol = 1, table = 0;
	for (size_t i = 0; i < n;) {
		char c = s[i];
		if (bol) {
			size_t j = i;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			const char *nl = memchr(s + j, '\n', n - j);
			size_t e = nl ? (size_t)(nl - s) : n;
			if (e > j && rule_line(s + j, e - j)) {
				ni_buf_addc(&a, ' ');
				i = e;
				bol = 0;
				continue;
			}
			table = j < n && s[j] == '|';
			size_t k = j;
			while (k < n && s[k] == '#' && k - j < 6)
				k++;
			if (k > j && k < n && s[k] == ' ')
				j = k + 1;
			else if (j < n && s[j] == '>')
				j += 1 + (j + 1 < n && s[j + 1] == ' ');
			else if (j + 1 < n && strchr("-*+", s[j]) && s[j] && s[j + 1] == ' ')
				j += 2;
			else {
				k = j;
				while (k < n && s[k] >= '0' && s[k] <= '9')
					k++;
				if (k > j && k + 1 < n && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ')
					j = k + 2;
			}
			if (j > i)
				ni_buf_addc(&a, ' ');
			i = j;
			bol = 0;
			continue;
		}
		if (c == '\n') {
			ni_buf_addc(&a, ' ');
			i++;
			bol = 1;
			continue;
		}
		if (c == '|' && table) {
			ni_buf_addc(&a, ' ');
			i++;
			continue;
		}
		if (c == '<' && i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '!' ||
					      ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))) {
			const char *end;
			if (i + 3 < n && !memcmp(s + i, "<!--", 4)) {
				const char *q = NULL;
				for (size_t k = i + 4; k + 2 < n; k++)
					if (!memcmp(s + k, "-->", 3)) {
						q = s + k + 2;
						break;
					}
				end = q;
			} else {
				end = memchr(s + i, '>', n - i);
			}
			if (end) {
				ni_buf_addc(&a, ' ');
				i = (size_t)(end - s) + 1;
				continue;
			}
		}
		if (c == '!' && i + 1 < n && s[i + 1] == '[') {
			i++;
			continue;
		}
		if (c == '[') {
			/* [text](url) -> text */
			const char *cl = memchr(s + i, ']', n - i);
			if (cl && cl + 1 < s + n && cl[1] == '(') {
				const char *cp = memchr(cl, ')', (size_t)(s + n - cl));
				if (cp) {
					strip_markup(s + i + 1, (size_t)(cl - s - i - 1), &a);
					i = (size_t)(cp - s) + 1;
					continue;
				}
			}
		}
		if (c == '*' || c == '`' || (c == '~' && i + 1 < n && s[i + 1] == '~')) {
			while (i < n && s[i] == c)
				i++;
			continue;
		}
		if (c == '_' && !(alnum_at(s, n, i + 1) && i > 0 && alnum_at(s, n, i - 1))) {
			size_t j = i;
			while (j < n && s[j] == '_')
				j++;
			if (!(alnum_at(s, n, j) && i > 0 && alnum_at(s, n, i - 1))) {
				i = j;
				continue;
			}
		}
		ni_buf_addc(&a, c);
		i++;
	}
	/* entities, then whitespace collapsed */
	ni_buf b = {0};
	for (size_t i = 0; i < a.len;) {
		if (a.s[i] == '&') {
			size_t k = entity(a.s + i, a.len - i, &b);
			if (k) {
				i += k;
				continue;
			}
		}
		ni_buf_addc(&b, a.s[i]);
		i++;
	}
	int space = 0;
	size_t start = out->len;
	for (size_t i = 0; i < b.len;) {
		size_t k;
		long cp = ni_utf8_decode((const unsigned char *)b.s + i, b.len - i, &k);
		if (cp < 0) {
			ni_buf_addc(out, b.s[i++]);
			space = 0;
			continue;
		}
		if (is_space_cp(cp)) {
			space = 1;
		} else {
			if (space && out->len > start)
				ni_buf_addc(out, ' ');
			space = 0;
			ni_buf_add(out, b.s + i, (size_t)k);
		}
		i += (size_t)k;
	}
	ni_buf_free(&a);
	ni_buf_free(&b);
}

/* ---- slug ---- */

/* Lower case; letters and digits kept (any script); apostrophes dropped;
 * every other run becomes one '-'; no '-' at either end; at most max
 * characters, cut at a character and without a trailing '-'. */
static void slug(const char *s, size_t n, size_t max, ni_buf *out)
{
	ni_buf t = {0};
	map_cp(s, n, cp_lower, &t);
	size_t start = out->len, chars = 0;
	int dash = 0;
	for (size_t i = 0; i < t.len && chars < max;) {
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)t.s + i, t.len - i, &k);
		if (c < 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (c == '\'' || c == 0x2019 || c == 0x2018)
			continue;
		utf8proc_category_t cat = utf8proc_category(c);
		int keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
			   cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_MN ||
			   cat == UTF8PROC_CATEGORY_MC;
		if (!keep) {
			dash = 1;
			continue;
		}
		if (dash && out->len > start) {
			if (chars + 1 >= max)
				break;
			ni_buf_addc(out, '-');
			chars++;
		}
		dash = 0;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t m = utf8proc_encode_char(c, enc);
		ni_buf_add(out, enc, (size_t)m);
		if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC)
			chars++;
	}
	while (out->len > start && out->s[out->len - 1] == '-')
		out->s[--out->len] = 0;
	ni_buf_free(&t);
}

/* ---- helpers for arguments ---- */

static int arg(ni_eval *ev, const ni_expr *e, size_t i, ni_jval rec, val *v)
{
	return ni_xval(ev, e->args[i], rec, v);
}

static int want_num(ni_eval *ev, const ni_expr *e, size_t i, ni_jval rec,
		    double *d)
{
	val v;
	if (arg(ev, e, i, rec, &v))
		return -1;
	if (v.t != V_NUM)
		return ferr(ev, e, "argument %zu must be a number, not %s", i + 1,
			    ni_val_kind(&v));
	*d = v.num;
	return 0;
}

static int want_str(ni_eval *ev, const ni_expr *e, size_t i, ni_jval rec,
		    val *v)
{
	if (arg(ev, e, i, rec, v))
		return -1;
	if (v->t != V_STR)
		return ferr(ev, e, "argument %zu must be a string, not %s", i + 1,
			    ni_val_kind(v));
	return 0;
}

/* Element-wise functions: fn applied to one scalar. */
typedef struct ectx {
	const ni_expr *e;
	ni_jval rec;
	double n1, n2;
	int has2, has3;
	val a1, a2;
	ni_buf *tmp;
} ectx;

static int one(ni_eval *ev, ectx *c, const val *in, val *out);

static int each(ni_eval *ev, ectx *c, const val *in, val *out, int depth)
{
	if (in->t == V_LIST && depth < 8) {
		out->t = V_LIST;
		out->v = ni_ar(ev, (in->nv ? in->nv : 1) * sizeof *out->v);
		out->nv = 0;
		for (size_t i = 0; i < in->nv; i++) {
			val r;
			if (each(ev, c, &in->v[i], &r, depth + 1))
				return -1;
			if (r.t != V_NONE)   /* case() without a default drops */
				out->v[out->nv++] = r;
		}
		return 0;
	}
	if (in->t == V_NONE || in->t == V_NULL) {
		*out = *in;
		return 0;
	}
	return one(ev, c, in, out);
}

static int one(ni_eval *ev, ectx *c, const val *in, val *out)
{
	const ni_expr *e = c->e;
	int fn = e->fn;
	ni_buf *t = c->tmp;
	ni_buf_reset(t);
	char num[32];
	const char *s = in->s;
	size_t n = in->n;
	if (in->t == V_NUM && (fn == F_PAD || fn == F_CASE || fn == F_NUMBER)) {
		if (fn == F_NUMBER) {
			*out = *in;
			return 0;
		}
		if (!s) {
			ni_fmt_double(in->num, num);
			s = num;
			n = strlen(num);
		}
	} else if (in->t != V_STR) {
		return ferr(ev, e, "needs a string, not %s", ni_val_kind(in));
	}
	switch (fn) {
	case F_LOWER: map_cp(s, n, cp_lower, t); break;
	case F_UPPER: map_cp(s, n, cp_upper, t); break;
	case F_TRIM: trim(&s, &n); ni_buf_add(t, s, n); break;
	case F_STRIP_MARKUP: strip_markup(s, n, t); break;
	case F_HTML_UNESCAPE: ni_html_unescape(s, n, t); break;
	case F_SLUG: slug(s, n, c->has2 ? (size_t)c->n1 : 50, t); break;
	case F_URL: ni_url_canon(s, n, t); break;
	case F_SUBSTR: {
		ni_buf_reset(t);
		ni_nfc(s, n, 0, t);
		size_t len = nchars(t->s, t->len);
		double st = c->n1;
		if (st < 0)
			st = (double)len + st < 0 ? 0 : (double)len + st;
		size_t a = st > (double)len ? len : (size_t)st;
		size_t cnt = len - a;
		if (c->has3)
			cnt = c->n2 <= 0 ? 0 : c->n2 < (double)cnt ? (size_t)c->n2 : cnt;
		size_t bo = char_off(t->s, t->len, a);
		size_t eo = bo + char_off(t->s + bo, t->len - bo, cnt);
		*out = vstr(ev, t->s + bo, eo - bo);
		return 0;
	}
	case F_TRUNC: {
		ni_buf_reset(t);
		ni_nfc(s, n, 0, t);
		size_t max = (size_t)c->n1;
		if (nchars(t->s, t->len) <= max) {
			*out = vstr(ev, t->s, t->len);
			return 0;
		}
		const char *ell = c->has3 ? c->a2.s : "\xe2\x80\xa6";
		size_t elln = c->has3 ? c->a2.n : 3;
		size_t ec = nchars(ell, elln);
		size_t keep = max > ec ? max - ec : 0;
		size_t bo = char_off(t->s, t->len, keep);
		/* no space before the ellipsis */
		const char *p = t->s, *q = t->s;
		size_t m = bo;
		trim(&q, &m);
		m = q == p + bo ? 0 : (size_t)(q - p) + m;
		char *d = ni_ar(ev, m + elln + 1);
		memcpy(d, p, m);
		memcpy(d + m, ell, elln);
		d[m + elln] = 0;
		*out = (val){ .t = V_STR, .s = d, .n = m + elln };
		return 0;
	}
	case F_REPLACE: {
		const ni_expr *re = e->args[1];
		if (re->k == NI_E_REGEX) {
			if (ni_regex_replace(re->re, s, n, c->a2.s, c->a2.n, t, ev->err,
					     sizeof ev->err))
				return ferr(ev, e, "%s", ev->err);
		} else {
			/* a string: every occurrence, literally */
			const char *f = c->a1.s;
			size_t fn2 = c->a1.n;
			if (!fn2)
				return ferr(ev, e, "the text to replace is empty");
			size_t i = 0;
			while (i < n) {
				if (i + fn2 <= n && !memcmp(s + i, f, fn2)) {
					ni_buf_add(t, c->a2.s, c->a2.n);
					i += fn2;
				} else {
					ni_buf_addc(t, s[i++]);
				}
			}
		}
		break;
	}
	case F_DATE: {
		int64_t ms;
		if (ni_date_parse_field(ev->dc, s, n, &ms)) {
			char q[60];
			snprintf(q, sizeof q, "%.*s", (int)(n > 40 ? 40 : n), s);
			return ferr(ev, e, "\"%s\" is not a date or timestamp", q);
		}
		const char *fmt = c->has2 ? c->a1.s : "%Y-%m-%d";
		char buf[512];
		size_t k = fmt[0] ? ni_date_strftime(ms, fmt, buf, sizeof buf) : 0;
		if (!k && fmt[0])
			return ferr(ev, e, "the format gives an empty or too long text");
		*out = vstr(ev, buf, k);
		return 0;
	}
	case F_NUMBER: {
		const char *p = s;
		size_t m = n;
		trim(&p, &m);
		char tmp[72];
		double d = 0;
		int ok = m && m < 64;
		if (ok) {
			memcpy(tmp, p, m);
			tmp[m] = 0;
			for (size_t i = 0; i < m && ok; i++)
				ok = strchr("0123456789+-.eE", tmp[i]) != NULL;
			char *end;
			if (ok) {
				d = strtod(tmp, &end);
				ok = *end == 0 && end != tmp && isfinite(d);
			}
		}
		if (!ok) {
			char q[60];
			snprintf(q, sizeof q, "%.*s", (int)(n > 40 ? 40 : n), s);
			return ferr(ev, e, "\"%s\" is not a number", q);
		}
		*out = (val){ .t = V_NUM, .num = d };
		return 0;
	}
	case F_PAD: {
		size_t w = (size_t)c->n1;
		const char *pc = c->has3 ? c->a2.s : "0";
		size_t pn = c->has3 ? c->a2.n : 1;
		size_t have = nchars(s, n);
		for (; have < w; have++)
			ni_buf_add(t, pc, pn);
		ni_buf_add(t, s, n);
		break;
	}
	case F_CASE: {
		/* case(v, k1, r1, k2, r2, ..., [default]) */
		size_t na = e->nargs;
		for (size_t i = 1; i + 1 < na; i += 2) {
			val k;
			if (arg(ev, e, i, c->rec, &k))
				return -1;
			ni_buf_reset(t);
			ni_val_text2(&k, t);
			if (t->len == n && !memcmp(t->s, s, n))
				return arg(ev, e, i + 1, c->rec, out);
		}
		if (na % 2 == 0)
			return arg(ev, e, na - 1, c->rec, out);
		memset(out, 0, sizeof *out);
		return 0;
	}
	default:
		return ferr(ev, e, "internal: not element-wise");
	}
	*out = vstr(ev, t->s ? t->s : "", t->len);
	return 0;
}

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int list_or_scalar(const val *v)
{
	return v->t == V_LIST;
}

/* Contract: expr_int.h: evaluate the call e. */
int ni_fn_call(ni_eval *ev, const ni_expr *e, ni_jval rec, val *out)
{
	evpriv *P = ni_ev_priv(ev);
	val a, b;
	memset(out, 0, sizeof *out);
	ectx c = { .e = e, .rec = rec, .tmp = &P->tmp };
	switch (e->fn) {
	case F_IF: {
		val cond;
		if (arg(ev, e, 0, rec, &cond))
			return -1;
		return arg(ev, e, ni_val_truth(&cond) ? 1 : 2, rec, out);
	}
	case F_COALESCE:
		for (size_t i = 0; i < e->nargs; i++) {
			if (arg(ev, e, i, rec, out))
				return -1;
			if (out->t != V_NONE && out->t != V_NULL)
				return 0;
		}
		return 0;
	case F_NOW: {
		char buf[48];
		ni_date_rfc3339(ev->dc->now, buf);
		*out = vstr(ev, buf, strlen(buf));
		return 0;
	}
	case F_NR:
		*out = (val){ .t = V_NUM, .num = (double)ev->nr };
		return 0;
	case F_LEN:
		if (arg(ev, e, 0, rec, &a))
			return -1;
		switch (a.t) {
		case V_NONE: case V_NULL: *out = a; return 0;
		case V_STR: {
			ni_buf_reset(&P->tmp);
			ni_nfc(a.s, a.n, 0, &P->tmp);
			*out = (val){ .t = V_NUM, .num = (double)nchars(P->tmp.s, P->tmp.len) };
			return 0;
		}
		case V_LIST: *out = (val){ .t = V_NUM, .num = (double)a.nv }; return 0;
		case V_RAW: {
			size_t k = 0;
			const char *it = NULL;
			ni_jval kv, ev2;
			while (ni_json_next(a.j, &it, &kv, &ev2))
				k++;
			*out = (val){ .t = V_NUM, .num = (double)k };
			return 0;
		}
		default:
			return ferr(ev, e, "needs a string or a list, not %s", ni_val_kind(&a));
		}
	case F_SPLIT: {
		if (arg(ev, e, 0, rec, &a))
			return -1;
		if (a.t == V_NONE || a.t == V_NULL) {
			*out = a;
			return 0;
		}
		if (a.t != V_STR)
			return ferr(ev, e, "needs a string, not %s", ni_val_kind(&a));
		const ni_expr *sep = e->args[1];
		size_t cap = 8, nv = 0;
		val *v = ni_ar(ev, cap * sizeof *v);
		const char *s = a.s;
		size_t n = a.n;
		if (sep->k == NI_E_REGEX)
			return ferr(ev, e, "split by a regex: use a string separator");
		if (want_str(ev, e, 1, rec, &b))
			return -1;
		if (!b.n)
			return ferr(ev, e, "the separator is empty");
		size_t i = 0, st = 0;
		for (;;) {
			int end = i + b.n > n;
			if (end || !memcmp(s + i, b.s, b.n)) {
				size_t stop = end ? n : i;
				if (nv == cap) {
					val *nvv = ni_ar(ev, cap * 2 * sizeof *v);
					memcpy(nvv, v, cap * sizeof *v);
					v = nvv;
					cap *= 2;
				}
				v[nv++] = vstr(ev, s + st, stop - st);
				if (end)
					break;
				i += b.n;
				st = i;
				continue;
			}
			i++;
		}
		*out = (val){ .t = V_LIST, .v = v, .nv = nv };
		return 0;
	}
	case F_JOIN: {
		if (arg(ev, e, 0, rec, &a))
			return -1;
		if (want_str(ev, e, 1, rec, &b))
			return -1;
		if (a.t == V_NONE || a.t == V_NULL || a.t == V_STR) {
			*out = a;
			return 0;
		}
		if (a.t != V_LIST)
			return ferr(ev, e, "needs a list, not %s", ni_val_kind(&a));
		ni_buf_reset(&P->tmp);
		for (size_t i = 0; i < a.nv; i++) {
			if (i)
				ni_buf_add(&P->tmp, b.s, b.n);
			ni_val_text2(&a.v[i], &P->tmp);
		}
		*out = vstr(ev, P->tmp.s ? P->tmp.s : "", P->tmp.len);
		return 0;
	}
	case F_UNIQ: {
		if (arg(ev, e, 0, rec, &a))
			return -1;
		if (!list_or_scalar(&a)) {
			*out = a;
			return 0;
		}
		/* one pass, the elements' JSON text in a hash map */
		out->t = V_LIST;
		out->v = ni_ar(ev, (a.nv ? a.nv : 1) * sizeof *out->v);
		ni_strmap seen;
		ni_strmap_init(&seen);
		ni_buf x = {0};
		for (size_t i = 0; i < a.nv; i++) {
			int isnew;
			ni_buf_reset(&x);
			ni_val_json(&a.v[i], &x);
			ni_strmap_put(&seen, x.s, x.len, &isnew);
			if (isnew)
				out->v[out->nv++] = a.v[i];
		}
		ni_strmap_free(&seen);
		ni_buf_free(&x);
		return 0;
	}
	case F_FIRST:
	case F_LAST:
		if (arg(ev, e, 0, rec, &a))
			return -1;
		if (a.t != V_LIST) {
			*out = a;
			return 0;
		}
		if (a.nv)
			*out = a.v[e->fn == F_FIRST ? 0 : a.nv - 1];
		return 0;
	case F_STRING:
		if (arg(ev, e, 0, rec, &a))
			return -1;
		if (a.t == V_NONE || a.t == V_STR) {
			*out = a;
			return 0;
		}
		ni_buf_reset(&P->tmp);
		ni_val_json(&a, &P->tmp);
		*out = vstr(ev, P->tmp.s, P->tmp.len);
		return 0;
	case F_HASH: {
		if (arg(ev, e, 0, rec, &a))
			return -1;
		double w = 12;
		if (e->nargs > 1 && want_num(ev, e, 1, rec, &w))
			return -1;
		if (w < 1 || w > 16)
			return ferr(ev, e, "the length must be 1 to 16 hex digits");
		if (a.t == V_NONE)
			return 0;
		ni_buf_reset(&P->tmp);
		ni_val_text2(&a, &P->tmp);
		char hex[20];
		snprintf(hex, sizeof hex, "%016llx",
			 (unsigned long long)fnv(P->tmp.s ? P->tmp.s : "", P->tmp.len));
		*out = vstr(ev, hex, (size_t)w);
		return 0;
	}
	case F_SEQ: {
		if (arg(ev, e, 0, rec, &a))
			return -1;
		if (a.t == V_NONE)
			return ferr(ev, e, "%s is missing", e->args[0]->text);
		if (!P->seq_init) {
			ni_strmap_init(&P->seq);
			P->seq_init = 1;
		}
		ni_buf_reset(&P->tmp);
		ni_val_json(&a, &P->tmp);
		int isnew;
		ni_strmap_ent *en = ni_strmap_put(&P->seq, P->tmp.s, P->tmp.len, &isnew);
		en->v = (void *)((uintptr_t)en->v + 1);
		*out = (val){ .t = V_NUM, .num = (double)(uintptr_t)en->v };
		return 0;
	}
	default:
		break;
	}
	/* element-wise functions: the other arguments first */
	if (e->fn == F_SUBSTR || e->fn == F_TRUNC || e->fn == F_PAD ||
	    (e->fn == F_SLUG && e->nargs > 1)) {
		if (want_num(ev, e, 1, rec, &c.n1))
			return -1;
		if (c.n1 != floor(c.n1) || fabs(c.n1) > 1e9)
			return ferr(ev, e, "argument 2 must be a whole number");
		if ((e->fn != F_SUBSTR) && c.n1 < 0)
			return ferr(ev, e, "argument 2 must not be negative");
		c.has2 = 1;
	}
	if (e->fn == F_SUBSTR && e->nargs > 2) {
		if (want_num(ev, e, 2, rec, &c.n2))
			return -1;
		c.has3 = 1;
	}
	if ((e->fn == F_TRUNC || e->fn == F_PAD) && e->nargs > 2) {
		if (want_str(ev, e, 2, rec, &c.a2))
			return -1;
		c.has3 = 1;
		if (e->fn == F_PAD && nchars(c.a2.s, c.a2.n) != 1)
			return ferr(ev, e, "the padding must be one character");
	}
	if (e->fn == F_DATE && e->nargs > 1) {
		if (want_str(ev, e, 1, rec, &c.a1))
			return -1;
		c.a1.s = ni_ar_dup(ev, c.a1.s, c.a1.n);
		c.has2 = 1;
	}
	if (e->fn == F_REPLACE) {
		if (e->args[1]->k != NI_E_REGEX && want_str(ev, e, 1, rec, &c.a1))
			return -1;
		if (want_str(ev, e, 2, rec, &c.a2))
			return -1;
	}
	if (arg(ev, e, 0, rec, &a))
		return -1;
	return each(ev, &c, &a, out, 0);
}
