/* expr_fn.c - the functions of the expression language (man/ni-expr.7),
 * as a table: one row per function (its name, the least and most
 * arguments, flags, the kinds of its other arguments, a check of their
 * values) and one small handler each.  The parser checks the arity, a
 * /regex/ argument and constant arguments against the row (ni_fn_check),
 * so a wrong constant is an error with a caret, not on every record.
 * Text is counted in characters = grapheme clusters (utf8proc), so a cut
 * never splits a Hangul syllable, an emoji sequence or a combining mark
 * from its base. */
#include "expr/expr_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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

/* Append s in upper (upper != 0) or lower case, NFC first: the one
 * case mapping (ni_case_map), shared with the template filters. */
static void case_nfc(const char *s, size_t n, int upper, ni_buf *out)
{
	size_t a = 0;
	while (a < n && (unsigned char)s[a] < 0x80)
		a++;
	if (a == n) {          /* ASCII: no normalization to do */
		ni_case_map(s, n, upper, out);
		return;
	}
	ni_buf t = {0};
	ni_nfc(s, n, 0, &t);
	ni_case_map(t.s ? t.s : "", t.len, upper, out);
	ni_buf_free(&t);
}

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

/* The Markdown marks at the start of the line at s[i] (i at its first
 * byte): a rule or table delimiter row is skipped whole, a heading's #s,
 * a quote's '>' and a list marker are dropped (each as one space in a).
 * Returns where the line's text begins; *table: the line is a table row. */
static size_t line_start(const char *s, size_t n, size_t i, ni_buf *a,
			 int *table)
{
	size_t j = i;
	while (j < n && (s[j] == ' ' || s[j] == '\t'))
		j++;
	const char *nl = memchr(s + j, '\n', n - j);
	size_t e = nl ? (size_t)(nl - s) : n;
	if (e > j && rule_line(s + j, e - j)) {
		ni_buf_addc(a, ' ');
		return e;
	}
	*table = j < n && s[j] == '|';
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
		ni_buf_addc(a, ' ');
	return j;
}

/* An emphasis or code run waiting for its closing pair: where it was
 * copied into the output, and its length (0: none). */
typedef struct emph {
	size_t at, len;
} emph;

/* A run of c (len bytes) at an emphasis place: the closing pair of an
 * open run of the same char and length removes both; else it is copied
 * and waits.  ("5*3 = 15" keeps its '*'.) */
static void emph_run(emph open[4], int slot, const char *run, size_t len,
		     ni_buf *a)
{
	emph *o = &open[slot];
	if (o->len != len) {
		o->at = a->len;
		o->len = len;
		ni_buf_add(a, run, len);
		return;
	}
	memmove(a->s + o->at, a->s + o->at + len, a->len - o->at - len);
	a->len -= len;
	a->s[a->len] = 0;
	for (int k = 0; k < 4; k++)
		if (k != slot && open[k].len && open[k].at > o->at)
			open[k].at -= len;
	o->len = 0;
}

/* The emphasis slot of a run at s[i] ('*', '_', '`', "~~") and its
 * length, or -1; a run of '_' inside a word is text: -2 (and its length). */
static int emph_slot(const char *s, size_t n, size_t i, size_t *len)
{
	char c = s[i];
	int slot = c == '*' ? 0 : c == '_' ? 1 : c == '`' ? 2 :
		   c == '~' && i + 1 < n && s[i + 1] == '~' ? 3 : -1;
	if (slot < 0)
		return -1;
	size_t j = i;
	while (j < n && s[j] == c)
		j++;
	*len = j - i;
	if (c == '_' && alnum_at(s, n, j) && i > 0 && alnum_at(s, n, i - 1))
		return -2;
	return slot;
}

/* Entities decoded, then white space collapsed to single spaces with
 * none at either end, a[0..n) appended to out. */
static void decode_collapse(const char *s, size_t n, ni_buf *out)
{
	ni_buf b = {0};
	for (size_t i = 0; i < n;) {
		size_t k = s[i] == '&' ? entity(s + i, n - i, &b) : 0;
		if (!k)
			ni_buf_addc(&b, s[i]);
		i += k ? k : 1;
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
	ni_buf_free(&b);
}

/* HTML tags and comments out (as spaces; only real markup:
 * ni_markup_tag), Markdown markers out (headings, quotes, list markers,
 * rules, table pipes and delimiter rows, emphasis and code marks that
 * have their closing pair, link targets), then entities decoded and
 * whitespace collapsed. */
static void strip_markup(const char *s, size_t n, ni_buf *out)
{
	ni_buf a = {0};
	int bol = 1, table = 0;
	emph open[4] = {{0, 0}};
	for (size_t i = 0; i < n;) {
		char c = s[i];
		size_t k;
		int slot;
		if (bol) {
			i = line_start(s, n, i, &a, &table);
			bol = 0;
		} else if (c == '\n') {
			ni_buf_addc(&a, ' ');
			i++;
			bol = 1;
		} else if (c == '|' && table) {
			ni_buf_addc(&a, ' ');
			i++;
		} else if (c == '<' && (k = ni_markup_tag(s + i, n - i))) {
			ni_buf_addc(&a, ' ');
			i += k;
		} else if (c == '!' && i + 1 < n && s[i + 1] == '[') {
			i++;
		} else if ((slot = emph_slot(s, n, i, &k)) != -1) {
			if (slot >= 0)
				emph_run(open, slot, s + i, k, &a);
			else
				ni_buf_add(&a, s + i, k);
			i += k;
		} else {
			/* [text](url) -> text */
			const char *cl = c == '[' ? memchr(s + i, ']', n - i) : NULL;
			const char *cp = cl && cl + 1 < s + n && cl[1] == '(' ?
				memchr(cl, ')', (size_t)(s + n - cl)) : NULL;
			if (cp) {
				strip_markup(s + i + 1, (size_t)(cl - s - i - 1), &a);
				i = (size_t)(cp - s) + 1;
			} else {
				ni_buf_addc(&a, c);
				i++;
			}
		}
	}
	decode_collapse(a.s ? a.s : "", a.len, out);
	ni_buf_free(&a);
}

/* ---- arguments ---- */

/* The values of a call's other arguments (2 and 3), checked against its
 * row's kinds; known[i]: args[i] has its value here (when the program
 * is parsed, only a constant has). */
typedef struct fargs {
	double n[3];
	val a[3];
	int known[3];
} fargs;

/* A call being evaluated: the node, its row, the record, the checked
 * arguments and a scratch buffer. */
typedef struct fcall {
	const ni_expr *e;
	const struct fninfo *f;
	ni_jval rec;
	fargs x;
	ni_buf *tmp;
} fcall;

/* A function's row.  args: the kind of arguments 2 and 3 (n a number,
 * w a whole number, u a whole number >= 0, s a string, r a string or a
 * /regex/, v any: the handler's own); check: the values together
 * (0, or -1 with the message and *arg set to the index of the bad
 * argument); call: the handler of a whole call; elem: the handler of one
 * element (FN_EACH: applied to a string, to each string of a list). */
typedef struct fninfo {
	const char *name;
	int min, max;          /* arguments; max -1: any */
	unsigned flags;        /* FN_* */
	const char *args;
	int (*check)(const ni_expr *e, const fargs *x, char *msg, size_t msz,
		     size_t *arg);
	int (*call)(ni_eval *ev, fcall *c, val *out);
	int (*elem)(ni_eval *ev, fcall *c, const val *in, const char *s,
		    size_t n, val *out);
} fninfo;

static int ferr(ni_eval *ev, const ni_expr *e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int ferr(ni_eval *ev, const ni_expr *e, const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(ev->err, sizeof ev->err, "%.*s: %.160s",
		 (int)(e->textn < 80 ? e->textn : 80), e->text, msg);
	return -1;
}

static val vstr(ni_eval *ev, const char *s, size_t n)
{
	return (val){ .t = V_STR, .s = ni_ar_dup(ev, s, n), .n = n };
}

/* The call's scratch text as its value. */
static int tmpval(ni_eval *ev, fcall *c, val *out)
{
	*out = vstr(ev, c->tmp->s ? c->tmp->s : "", c->tmp->len);
	return 0;
}

static int arg(ni_eval *ev, const fcall *c, size_t i, val *v)
{
	return ni_xval(ev, c->e->args[i], c->rec, v);
}

/* Is v, argument i + 1, of kind k?  0 (its number in *num), or -1 with
 * the message in msg. */
static int kind_err(char k, size_t i, const val *v, double *num, char *msg,
		    size_t msz)
{
	if (strchr("nwu", k)) {
		if (v->t != V_NUM) {
			snprintf(msg, msz, "argument %zu must be a number, not %s", i + 1,
				 ni_val_kind(v));
			return -1;
		}
		*num = v->num;
		if (k != 'n' && (v->num != floor(v->num) || fabs(v->num) > 1e9)) {
			snprintf(msg, msz, "argument %zu must be a whole number", i + 1);
			return -1;
		}
		if (k == 'u' && v->num < 0) {
			snprintf(msg, msz, "argument %zu must not be negative", i + 1);
			return -1;
		}
	} else if (strchr("sr", k) && v->t != V_STR) {
		snprintf(msg, msz, "argument %zu must be a string, not %s", i + 1,
			 ni_val_kind(v));
		return -1;
	}
	return 0;
}

/* Evaluate and check the call's other arguments (its row's kinds, then
 * its check).  0, or -1 with ev->err set. */
static int prep(ni_eval *ev, fcall *c)
{
	const fninfo *f = c->f;
	const ni_expr *e = c->e;
	char msg[160];
	size_t bad;
	for (size_t i = 1; i < e->nargs && i < 3 && f->args[i - 1]; i++) {
		char k = f->args[i - 1];
		if (k == 'v' || (k == 'r' && e->args[i]->k == NI_E_REGEX))
			continue;
		val v;
		if (arg(ev, c, i, &v))
			return -1;
		if (kind_err(k, i, &v, &c->x.n[i], msg, sizeof msg))
			return ferr(ev, e, "%s", msg);
		c->x.a[i] = v;
		c->x.known[i] = 1;
	}
	if (f->check && f->check(e, &c->x, msg, sizeof msg, &bad))
		return ferr(ev, e, "%s", msg);
	return 0;
}

/* The value of a constant node (a literal), or 0 when e is not one. */
static int const_val(const ni_expr *e, val *v)
{
	memset(v, 0, sizeof *v);
	switch (e->k) {
	case NI_E_NUM: v->t = V_NUM; v->num = e->num; return 1;
	case NI_E_STR: v->t = V_STR; v->s = e->s; v->n = e->n; return 1;
	case NI_E_NULL: v->t = V_NULL; return 1;
	case NI_E_TRUE: v->t = V_BOOL; v->b = 1; return 1;
	case NI_E_FALSE: v->t = V_BOOL; return 1;
	default: return 0;
	}
}

/* ---- element-wise functions: applied to a string, each of a list ---- */

static int one(ni_eval *ev, fcall *c, const val *in, val *out)
{
	const fninfo *f = c->f;
	char num[32];
	const char *s = in->s;
	size_t n = in->n;
	if (in->t == V_NUM && (f->flags & FN_NUMOK)) {
		if (!s) {
			ni_fmt_double(in->num, num);
			s = num;
			n = strlen(num);
		}
	} else if (in->t != V_STR) {
		return ferr(ev, c->e, "needs a string, not %s", ni_val_kind(in));
	}
	ni_buf_reset(c->tmp);
	return f->elem(ev, c, in, s, n, out);
}

static int each(ni_eval *ev, fcall *c, const val *in, val *out, int depth)
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

static int h_lower(ni_eval *ev, fcall *c, const val *in, const char *s,
		   size_t n, val *out)
{
	case_nfc(s, n, 0, c->tmp);
	return tmpval(ev, c, out);
}

static int h_upper(ni_eval *ev, fcall *c, const val *in, const char *s,
		   size_t n, val *out)
{
	case_nfc(s, n, 1, c->tmp);
	return tmpval(ev, c, out);
}

static int h_trim(ni_eval *ev, fcall *c, const val *in, const char *s,
		  size_t n, val *out)
{
	trim(&s, &n);
	ni_buf_add(c->tmp, s, n);
	return tmpval(ev, c, out);
}

static int h_strip_markup(ni_eval *ev, fcall *c, const val *in,
			  const char *s, size_t n, val *out)
{
	strip_markup(s, n, c->tmp);
	return tmpval(ev, c, out);
}

static int h_html_unescape(ni_eval *ev, fcall *c, const val *in,
			   const char *s, size_t n, val *out)
{
	ni_html_unescape(s, n, c->tmp);
	return tmpval(ev, c, out);
}

static int h_slug(ni_eval *ev, fcall *c, const val *in, const char *s,
		  size_t n, val *out)
{
	ni_slug(s, n, c->x.known[1] ? (size_t)c->x.n[1] : 50, NI_SLUG_ANY_SCRIPT | NI_SLUG_TRIM,
		c->tmp);
	return tmpval(ev, c, out);
}

static int h_url(ni_eval *ev, fcall *c, const val *in, const char *s,
		 size_t n, val *out)
{
	ni_url_canon(s, n, c->tmp);
	return tmpval(ev, c, out);
}

static int h_substr(ni_eval *ev, fcall *c, const val *in, const char *s,
		    size_t n, val *out)
{
	ni_buf *t = c->tmp;
	ni_nfc(s, n, 0, t);
	size_t len = nchars(t->s, t->len);
	double st = c->x.n[1];
	if (st < 0)
		st = (double)len + st < 0 ? 0 : (double)len + st;
	size_t a = st > (double)len ? len : (size_t)st;
	size_t cnt = len - a;
	if (c->x.known[2])
		cnt = c->x.n[2] <= 0 ? 0 : c->x.n[2] < (double)cnt ? (size_t)c->x.n[2] : cnt;
	size_t bo = char_off(t->s, t->len, a);
	size_t eo = bo + char_off(t->s + bo, t->len - bo, cnt);
	*out = vstr(ev, t->s + bo, eo - bo);
	return 0;
}

/* At most n characters in all, the ellipsis included; when the
 * ellipsis alone is longer than n, the first n characters. */
static int h_trunc(ni_eval *ev, fcall *c, const val *in, const char *s,
		   size_t n, val *out)
{
	ni_buf *t = c->tmp;
	ni_nfc(s, n, 0, t);
	size_t max = (size_t)c->x.n[1];
	if (nchars(t->s, t->len) <= max) {
		*out = vstr(ev, t->s, t->len);
		return 0;
	}
	const char *ell = c->x.known[2] ? c->x.a[2].s : "\xe2\x80\xa6";
	size_t elln = c->x.known[2] ? c->x.a[2].n : 3;
	size_t ec = nchars(ell, elln);
	if (ec > max) {
		*out = vstr(ev, t->s, char_off(t->s, t->len, max));
		return 0;
	}
	size_t bo = char_off(t->s, t->len, max - ec);
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

static int h_replace(ni_eval *ev, fcall *c, const val *in, const char *s,
		     size_t n, val *out)
{
	const ni_expr *re = c->e->args[1];
	const val *with = &c->x.a[2];
	if (re->k == NI_E_REGEX) {
		if (ni_regex_replace(re->re, s, n, with->s, with->n, c->tmp, ev->err,
				     sizeof ev->err))
			return ferr(ev, c->e, "%s", ev->err);
		return tmpval(ev, c, out);
	}
	/* a string: every occurrence, literally */
	const char *f = c->x.a[1].s;
	size_t fl = c->x.a[1].n;
	for (size_t i = 0; i < n;) {
		if (i + fl <= n && !memcmp(s + i, f, fl)) {
			ni_buf_add(c->tmp, with->s, with->n);
			i += fl;
		} else {
			ni_buf_addc(c->tmp, s[i++]);
		}
	}
	return tmpval(ev, c, out);
}

static int h_date(ni_eval *ev, fcall *c, const val *in, const char *s,
		  size_t n, val *out)
{
	int64_t ms;
	if (ni_date_parse_field(ev->dc, s, n, &ms)) {
		char q[60];
		snprintf(q, sizeof q, "%.*s", (int)(n > 40 ? 40 : n), s);
		return ferr(ev, c->e, "\"%s\" is not a date or timestamp", q);
	}
	const val *fv = &c->x.a[1];
	const char *fmt = c->x.known[1] ? ni_ar_dup(ev, fv->s, fv->n) : "%Y-%m-%d";
	char buf[512];
	size_t k = fmt[0] ? ni_date_strftime(ms, fmt, buf, sizeof buf) : 0;
	if (!k && fmt[0])
		return ferr(ev, c->e, "the format gives an empty or too long text");
	*out = vstr(ev, buf, k);
	return 0;
}

static int h_number(ni_eval *ev, fcall *c, const val *in, const char *s,
		    size_t n, val *out)
{
	if (in->t == V_NUM) {
		*out = *in;
		return 0;
	}
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
		return ferr(ev, c->e, "\"%s\" is not a number", q);
	}
	*out = (val){ .t = V_NUM, .num = d };
	return 0;
}

static int h_pad(ni_eval *ev, fcall *c, const val *in, const char *s,
		 size_t n, val *out)
{
	size_t w = (size_t)c->x.n[1];
	const char *pc = c->x.known[2] ? c->x.a[2].s : "0";
	size_t pn = c->x.known[2] ? c->x.a[2].n : 1;
	for (size_t have = nchars(s, n); have < w; have++)
		ni_buf_add(c->tmp, pc, pn);
	ni_buf_add(c->tmp, s, n);
	return tmpval(ev, c, out);
}

/* case(v, k1, r1, k2, r2, ..., [default]) */
static int h_case(ni_eval *ev, fcall *c, const val *in, const char *s,
		  size_t n, val *out)
{
	size_t na = c->e->nargs;
	for (size_t i = 1; i + 1 < na; i += 2) {
		val k;
		if (arg(ev, c, i, &k))
			return -1;
		ni_buf_reset(c->tmp);
		ni_val_text2(&k, c->tmp);
		if (c->tmp->len == n && !memcmp(c->tmp->s, s, n))
			return arg(ev, c, i + 1, out);
	}
	if (na % 2 == 0)
		return arg(ev, c, na - 1, out);
	memset(out, 0, sizeof *out);
	return 0;
}

/* ---- checks of the other arguments, also on constants when parsed ---- */

static int fail(char *msg, size_t msz, size_t *arg, size_t i, const char *m)
{
	snprintf(msg, msz, "%s", m);
	*arg = i;
	return -1;
}

static int c_hash(const ni_expr *e, const fargs *x, char *msg, size_t msz,
		  size_t *arg)
{
	if (x->known[1] && (x->n[1] < 1 || x->n[1] > 16))
		return fail(msg, msz, arg, 1, "the length must be 1 to 16 hex digits");
	return 0;
}

static int c_pad(const ni_expr *e, const fargs *x, char *msg, size_t msz,
		 size_t *arg)
{
	if (x->known[2] && nchars(x->a[2].s, x->a[2].n) != 1)
		return fail(msg, msz, arg, 2, "the padding must be one character");
	return 0;
}

static int c_split(const ni_expr *e, const fargs *x, char *msg, size_t msz,
		   size_t *arg)
{
	if (x->known[1] && !x->a[1].n)
		return fail(msg, msz, arg, 1, "the separator is empty");
	return 0;
}

static int c_replace(const ni_expr *e, const fargs *x, char *msg, size_t msz,
		     size_t *arg)
{
	if (e->args[1]->k != NI_E_REGEX && x->known[1] && !x->a[1].n)
		return fail(msg, msz, arg, 1, "the text to replace is empty");
	if (e->args[1]->k == NI_E_REGEX && x->known[2] &&
	    ni_regex_check_rep(e->args[1]->re, x->a[2].s, x->a[2].n, msg, msz)) {
		*arg = 2;
		return -1;
	}
	return 0;
}

/* ---- whole calls ---- */

static int h_if(ni_eval *ev, fcall *c, val *out)
{
	val cond;
	if (arg(ev, c, 0, &cond))
		return -1;
	return arg(ev, c, ni_val_truth(&cond) ? 1 : 2, out);
}

static int h_coalesce(ni_eval *ev, fcall *c, val *out)
{
	for (size_t i = 0; i < c->e->nargs; i++) {
		if (arg(ev, c, i, out))
			return -1;
		if (out->t != V_NONE && out->t != V_NULL)
			return 0;
	}
	return 0;
}

static int h_now(ni_eval *ev, fcall *c, val *out)
{
	char buf[48];
	ni_date_rfc3339(ev->dc->now, buf);
	*out = vstr(ev, buf, strlen(buf));
	return 0;
}

static int h_nr(ni_eval *ev, fcall *c, val *out)
{
	*out = (val){ .t = V_NUM, .num = (double)ev->nr };
	return 0;
}

static int h_len(ni_eval *ev, fcall *c, val *out)
{
	val a;
	if (arg(ev, c, 0, &a))
		return -1;
	size_t k = 0;
	const char *it = NULL;
	ni_jval kv, jv;
	switch (a.t) {
	case V_NONE: case V_NULL: *out = a; return 0;
	case V_STR:
		ni_buf_reset(c->tmp);
		ni_nfc(a.s, a.n, 0, c->tmp);
		k = nchars(c->tmp->s, c->tmp->len);
		break;
	case V_LIST: k = a.nv; break;
	case V_RAW:
		while (ni_json_next(a.j, &it, &kv, &jv))
			k++;
		break;
	default:
		return ferr(ev, c->e, "needs a string or a list, not %s", ni_val_kind(&a));
	}
	*out = (val){ .t = V_NUM, .num = (double)k };
	return 0;
}

static int h_split(ni_eval *ev, fcall *c, val *out)
{
	val a;
	if (arg(ev, c, 0, &a))
		return -1;
	if (a.t == V_NONE || a.t == V_NULL) {
		*out = a;
		return 0;
	}
	if (a.t != V_STR)
		return ferr(ev, c->e, "needs a string, not %s", ni_val_kind(&a));
	if (c->e->args[1]->k == NI_E_REGEX)
		return ferr(ev, c->e, "split by a regex: use a string separator");
	if (prep(ev, c))
		return -1;
	const val *b = &c->x.a[1];
	size_t cap = 8, nv = 0;
	val *v = ni_ar(ev, cap * sizeof *v);
	for (size_t i = 0, st = 0;;) {
		int end = i + b->n > a.n;
		if (!end && memcmp(a.s + i, b->s, b->n)) {
			i++;
			continue;
		}
		if (nv == cap) {
			val *nvv = ni_ar(ev, cap * 2 * sizeof *v);
			memcpy(nvv, v, cap * sizeof *v);
			v = nvv;
			cap *= 2;
		}
		v[nv++] = vstr(ev, a.s + st, (end ? a.n : i) - st);
		if (end)
			break;
		i += b->n;
		st = i;
	}
	*out = (val){ .t = V_LIST, .v = v, .nv = nv };
	return 0;
}

static int h_join(ni_eval *ev, fcall *c, val *out)
{
	val a;
	if (arg(ev, c, 0, &a) || prep(ev, c))
		return -1;
	if (a.t == V_NONE || a.t == V_NULL || a.t == V_STR) {
		*out = a;
		return 0;
	}
	if (a.t != V_LIST)
		return ferr(ev, c->e, "needs a list, not %s", ni_val_kind(&a));
	ni_buf_reset(c->tmp);
	for (size_t i = 0; i < a.nv; i++) {
		if (i)
			ni_buf_add(c->tmp, c->x.a[1].s, c->x.a[1].n);
		ni_val_text2(&a.v[i], c->tmp);
	}
	return tmpval(ev, c, out);
}

static int h_uniq(ni_eval *ev, fcall *c, val *out)
{
	val a;
	if (arg(ev, c, 0, &a))
		return -1;
	if (a.t != V_LIST) {
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

/* first (end 0) or last (end 1) element of a list; a scalar is itself. */
static int ends(ni_eval *ev, fcall *c, val *out, int end)
{
	val a;
	if (arg(ev, c, 0, &a))
		return -1;
	if (a.t != V_LIST)
		*out = a;
	else if (a.nv)
		*out = a.v[end ? a.nv - 1 : 0];
	return 0;
}

static int h_first(ni_eval *ev, fcall *c, val *out)
{
	return ends(ev, c, out, 0);
}

static int h_last(ni_eval *ev, fcall *c, val *out)
{
	return ends(ev, c, out, 1);
}

static int h_string(ni_eval *ev, fcall *c, val *out)
{
	val a;
	if (arg(ev, c, 0, &a))
		return -1;
	if (a.t == V_NONE || a.t == V_STR) {
		*out = a;
		return 0;
	}
	ni_buf_reset(c->tmp);
	ni_val_json(&a, c->tmp);
	return tmpval(ev, c, out);
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

static int h_hash(ni_eval *ev, fcall *c, val *out)
{
	val a;
	if (arg(ev, c, 0, &a) || prep(ev, c))
		return -1;
	double w = c->x.known[1] ? c->x.n[1] : 12;
	if (a.t == V_NONE)
		return 0;
	ni_buf_reset(c->tmp);
	ni_val_text2(&a, c->tmp);
	char hex[20];
	snprintf(hex, sizeof hex, "%016llx",
		 (unsigned long long)fnv(c->tmp->s ? c->tmp->s : "", c->tmp->len));
	*out = vstr(ev, hex, (size_t)w);
	return 0;
}

static int h_seq(ni_eval *ev, fcall *c, val *out)
{
	evpriv *P = ni_ev_priv(ev);
	val a;
	if (arg(ev, c, 0, &a))
		return -1;
	if (a.t == V_NONE)
		return ferr(ev, c->e, "%.*s is missing", (int)c->e->args[0]->textn,
			    c->e->args[0]->text);
	if (!P->seq_init) {
		ni_strmap_init(&P->seq);
		P->seq_init = 1;
	}
	ni_buf_reset(c->tmp);
	ni_val_json(&a, c->tmp);
	int isnew;
	ni_strmap_ent *en = ni_strmap_put(&P->seq, c->tmp->s, c->tmp->len, &isnew);
	en->v = (void *)((uintptr_t)en->v + 1);
	*out = (val){ .t = V_NUM, .num = (double)(uintptr_t)en->v };
	return 0;
}

/* ---- the table ---- */

#define EACH(h) NULL, h
#define WHOLE(h) h, NULL
static const fninfo fntab[] = {
	{ "lower", 1, 1, FN_EACH, "", NULL, EACH(h_lower) },
	{ "upper", 1, 1, FN_EACH, "", NULL, EACH(h_upper) },
	{ "trim", 1, 1, FN_EACH, "", NULL, EACH(h_trim) },
	{ "len", 1, 1, 0, "", NULL, WHOLE(h_len) },
	{ "substr", 2, 3, FN_EACH, "wn", NULL, EACH(h_substr) },
	{ "trunc", 2, 3, FN_EACH, "us", NULL, EACH(h_trunc) },
	{ "strip_markup", 1, 1, FN_EACH, "", NULL, EACH(h_strip_markup) },
	{ "slug", 1, 2, FN_EACH, "u", NULL, EACH(h_slug) },
	{ "replace", 3, 3, FN_EACH | FN_REGEX, "rs", c_replace, EACH(h_replace) },
	{ "split", 2, 2, FN_REGEX, "s", c_split, WHOLE(h_split) },
	{ "join", 2, 2, 0, "s", NULL, WHOLE(h_join) },
	{ "uniq", 1, 1, 0, "", NULL, WHOLE(h_uniq) },
	{ "first", 1, 1, 0, "", NULL, WHOLE(h_first) },
	{ "last", 1, 1, 0, "", NULL, WHOLE(h_last) },
	{ "coalesce", 1, -1, 0, "vv", NULL, WHOLE(h_coalesce) },
	{ "date", 1, 2, FN_EACH, "s", NULL, EACH(h_date) },
	{ "now", 0, 0, 0, "", NULL, WHOLE(h_now) },
	{ "url", 1, 1, FN_EACH, "", NULL, EACH(h_url) },
	{ "hash", 1, 2, 0, "n", c_hash, WHOLE(h_hash) },
	{ "nr", 0, 0, 0, "", NULL, WHOLE(h_nr) },
	{ "seq", 1, 1, FN_SEQ, "", NULL, WHOLE(h_seq) },
	{ "number", 1, 1, FN_EACH | FN_NUMOK, "", NULL, EACH(h_number) },
	{ "string", 1, 1, 0, "", NULL, WHOLE(h_string) },
	{ "pad", 2, 3, FN_EACH | FN_NUMOK, "us", c_pad, EACH(h_pad) },
	{ "case", 3, -1, FN_EACH | FN_NUMOK, "vv", NULL, EACH(h_case) },
	{ "if", 3, 3, 0, "vv", NULL, WHOLE(h_if) },
	{ "html_unescape", 1, 1, FN_EACH, "", NULL, EACH(h_html_unescape) },
};
static const size_t nfntab = sizeof fntab / sizeof *fntab;

/* Contract: expr_int.h: the function id of name, or -1. */
int ni_fn_find(const char *name, size_t n)
{
	for (size_t i = 0; i < nfntab; i++)
		if (strlen(fntab[i].name) == n && !memcmp(fntab[i].name, name, n))
			return (int)i;
	return -1;
}

/* Contract: expr_int.h. */
const char *ni_fn_name(int fn)
{
	return fntab[fn].name;
}

/* Contract: expr_int.h. */
unsigned ni_fn_flags(int fn)
{
	return fntab[fn].flags;
}

/* Contract: expr_int.h: arity, /regex/ places and constant arguments. */
int ni_fn_check(const ni_expr *e, char *err, size_t errsz, size_t *bad)
{
	const fninfo *f = &fntab[e->fn];
	int n = (int)e->nargs;
	*bad = (size_t)-1;
	if (n < f->min || (f->max >= 0 && n > f->max)) {
		if (f->min == f->max)
			snprintf(err, errsz, "%s() takes %d argument%s, not %d", f->name,
				 f->min, f->min == 1 ? "" : "s", n);
		else if (f->max < 0)
			snprintf(err, errsz, "%s() takes at least %d arguments, not %d",
				 f->name, f->min, n);
		else
			snprintf(err, errsz, "%s() takes %d to %d arguments, not %d",
				 f->name, f->min, f->max, n);
		return -1;
	}
	for (size_t i = 0; i < e->nargs; i++)
		if (e->args[i]->k == NI_E_REGEX && !(i == 1 && (f->flags & FN_REGEX))) {
			snprintf(err, errsz, "a /regex/ is an argument of replace() and "
				 "split() only (or the right side of ~)");
			return -1;
		}
	fargs x;
	memset(&x, 0, sizeof x);
	for (size_t i = 1; i < e->nargs && i < 3 && f->args[i - 1]; i++) {
		char k = f->args[i - 1];
		val v;
		*bad = i;
		if (e->args[i]->k == NI_E_REGEX && k != 'r') {
			snprintf(err, errsz, "argument %zu must be a string, not a /regex/",
				 i + 1);
			return -1;
		}
		if (k == 'v' || !const_val(e->args[i], &v))
			continue;
		if (kind_err(k, i, &v, &x.n[i], err, errsz))
			return -1;
		x.a[i] = v;
		x.known[i] = 1;
	}
	*bad = (size_t)-1;
	return f->check ? f->check(e, &x, err, errsz, bad) : 0;
}

/* Contract: expr_int.h: evaluate the call e. */
int ni_fn_call(ni_eval *ev, const ni_expr *e, ni_jval rec, val *out)
{
	const fninfo *f = &fntab[e->fn];
	fcall c = { .e = e, .f = f, .rec = rec, .tmp = &ni_ev_priv(ev)->tmp };
	memset(out, 0, sizeof *out);
	if (!(f->flags & FN_EACH))
		return f->call(ev, &c, out);
	val a;
	if (prep(ev, &c) || arg(ev, &c, 0, &a))
		return -1;
	return each(ev, &c, &a, out, 0);
}
