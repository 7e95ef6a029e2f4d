/* expr.c - the expression language of ni-filter and ni-map: lexer and
 * parser (evaluation: expr_eval.c, functions: expr_fn.c, statements:
 * map.c).  One grammar; a predicate is an expression with a truth value.
 *
 *   or      := and { ("or" | "||") and }
 *   and     := not { ("and" | "&&") not }
 *   not     := ("not" | "!") not | cmp
 *   cmp     := "exists" PATH | sum [ OP VALUE | "in" LIST | "has" VALUE ]
 *   sum     := prod { ("+" | "-") prod }
 *   prod    := unary { ("*" | "/") unary }
 *   unary   := "-" unary | atom
 *   atom    := "(" or ")" | number | "str" | 'str' | true | false | null
 *            | "[" [ or { "," or } ] "]" | NAME "(" args ")" | nr
 *            | /regex/flags (a function argument) | PATH
 *   PATH    := NAME { "." (NAME | digits | `key`) } | `key` | "*"
 *   OP      := "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "~" | "=~" | "!~"
 *   VALUE   := "str" | 'str' | /regex/flags | number | bare-word | date
 *   LIST    := "[" VALUE { "," VALUE } "]"
 *
 * The right side of a comparison is a literal (a bare word is a string);
 * everywhere else a bare name is a field.  Records are not decoded into
 * trees: fields are found lazily in the validated line (json.c). */
#include "expr/expr_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct lexer {
	const char *src, *p, *end;
	char err[256];
	const char *errat;
	const ni_expr_opts *o;
	int prog;               /* ni-map program: '#' starts a comment */
	ni_exprsrc *sh;         /* the copy of the source the nodes share */
	const char *cat;        /* colof's last place and its column */
	size_t ccol;
} lexer;

/* The 1-based column (characters) of at in the source.  Counted from the
 * last place asked for, forward or back, so a parse that asks in
 * (nearly) increasing order is linear, not quadratic. */
static size_t colof(lexer *lx, const char *at)
{
	const char *q = lx->cat ? lx->cat : lx->src;
	size_t c = lx->cat ? lx->ccol : 1;
	for (; q < at; q++)
		c += ((unsigned char)*q & 0xC0) != 0x80;
	for (; q > at; q--)
		c -= ((unsigned char)q[-1] & 0xC0) != 0x80;
	lx->cat = at;
	lx->ccol = c;
	return c;
}

/* Start a lexer on a shared copy of src (n bytes). */
static void lex_init(lexer *lx, const char *src, size_t n,
		     const ni_expr_opts *o, int prog)
{
	memset(lx, 0, sizeof *lx);
	lx->sh = ni_xmalloc(sizeof *lx->sh + n + 1);
	lx->sh->refs = 1;
	memcpy(lx->sh->s, src, n);
	lx->sh->s[n] = 0;
	lx->src = lx->p = lx->sh->s;
	lx->end = lx->src + n;
	lx->o = o;
	lx->prog = prog;
}

static void src_unref(ni_exprsrc *sh)
{
	if (sh && !--sh->refs)
		free(sh);
}

/* Room for one more element in an array of n (capacity: the next power
 * of two), so a list of n elements costs O(n), not n reallocations. */
static void *grow(void *p, size_t n, size_t size)
{
	if (n & (n - 1))
		return p;
	return ni_xrealloc(p, (n ? 2 * n : 1) * size);
}

static int perr(lexer *lx, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int perr(lexer *lx, const char *at, const char *fmt, ...)
{
	if (lx->err[0])
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(lx->err, sizeof lx->err, fmt, ap);
	va_end(ap);
	lx->errat = at;
	return -1;
}

static void skipws(lexer *lx)
{
	for (;;) {
		while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' ||
					   *lx->p == '\n' || *lx->p == '\r'))
			lx->p++;
		if (lx->prog && lx->p < lx->end && *lx->p == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
			continue;
		}
		return;
	}
}

static int is_word_end(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' ||
	       c == ')' || c == 0 || c == ';';
}

/* Does the text at p start with keyword w as a whole word? */
static int kw(lexer *lx, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(lx->end - lx->p) >= n && memcmp(lx->p, w, n) == 0 &&
	       (lx->p + n == lx->end || is_word_end(lx->p[n]) ||
		lx->p[n] == ',' || lx->p[n] == ']');
}

static int is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '$' || c == '@' || c >= 0x80;
}

static int is_name_char(unsigned char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static ni_expr *node(int k, const char *at, lexer *lx)
{
	ni_expr *e = ni_xcalloc(1, sizeof *e);
	e->k = k;
	if (lx) {
		e->col = colof(lx, at);
		e->src = lx->sh;
		lx->sh->refs++;
	}
	return e;
}

/* The node's text: a..b of the shared source, without trailing blanks. */
static void set_text(ni_expr *e, const char *a, const char *b)
{
	while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n' ||
			 b[-1] == '\r'))
		b--;
	e->text = a;
	e->textn = (size_t)(b - a);
}

/* Contract: see expr.h. */
ni_expr *ni_expr_bin(int kind, ni_expr *a, ni_expr *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	ni_expr *e = node(kind, NULL, NULL);
	e->a = a;
	e->b = b;
	return e;
}

/* Contract: see expr.h. */
const char *ni_expr_text(const ni_expr *e, size_t *n)
{
	*n = e->text ? e->textn : 0;
	return e->text;
}

/* Contract: see expr.h. */
const char *ni_expr_field(const ni_expr *e)
{
	return e->field;
}

static void lit_free(ni_lit *l)
{
	free(l->s);
	free(l->fold);
}

/* Contract: see expr.h. */
void ni_expr_free(ni_expr *e)
{
	if (!e)
		return;
	ni_expr_free(e->a);
	ni_expr_free(e->b);
	ni_expr_free(e->lhs);
	free(e->field);
	src_unref(e->src);
	free(e->s);
	for (size_t i = 0; i < e->nvals; i++)
		lit_free(&e->vals[i]);
	free(e->vals);
	for (size_t i = 0; i < e->nargs; i++)
		ni_expr_free(e->args[i]);
	free(e->args);
	for (size_t i = 0; i < e->ncomp; i++)
		free(e->comp[i]);
	free(e->comp);
	if (e->re) {
		ni_regex_free(e->re);
		free(e->re);
	}
	free(e);
}

/* Contract: see expr.h. */
int ni_expr_sequential(const ni_expr *e)
{
	if (!e)
		return 0;
	if (e->k == NI_E_CALL && (ni_fn_flags(e->fn) & FN_SEQ))
		return 1;
	if (ni_expr_sequential(e->a) || ni_expr_sequential(e->b) ||
	    ni_expr_sequential(e->lhs))
		return 1;
	for (size_t i = 0; i < e->nargs; i++)
		if (ni_expr_sequential(e->args[i]))
			return 1;
	return 0;
}

static int is_number(const char *s, size_t n, double *v)
{
	if (!n || n > 64)
		return 0;
	char tmp[72];
	memcpy(tmp, s, n);
	tmp[n] = 0;
	char *end;
	/* only plain decimal forms: no hex, inf, nan */
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr("0123456789+-.eE", s[i]))
			return 0;
	*v = strtod(tmp, &end);
	return *end == 0;
}

/* Prepare a literal: NFC form, folded form, number and date readings. */
static void lit_init(lexer *lx, ni_lit *l, const char *s, size_t n, int quoted)
{
	ni_buf b = {0};
	ni_nfc(s, n, 0, &b);
	l->s = b.s ? b.s : ni_xstrdup("");
	l->n = b.len;
	ni_buf f = {0};
	ni_nfc(s, n, 1, &f);
	l->fold = f.s ? f.s : ni_xstrdup("");
	l->nfold = f.len;
	l->isnum = !quoted && is_number(l->s, l->n, &l->num);
	l->isdate = lx->o->dc &&
		    ni_date_parse(lx->o->dc, l->s, l->n, &l->span) == 0;
}

/* A quoted string at lx->p ("..." or '...', \n \t \\ \" \'), into b. */
static int read_quoted(lexer *lx, ni_buf *b)
{
	const char *start = lx->p;
	char q = *lx->p++;
	for (;;) {
		if (lx->p >= lx->end)
			return perr(lx, start, "unterminated string");
		char c = *lx->p++;
		if (c == q)
			break;
		if (c == '\\' && lx->p < lx->end) {
			char e = *lx->p++;
			switch (e) {
			case 'n': ni_buf_addc(b, '\n'); break;
			case 't': ni_buf_addc(b, '\t'); break;
			default: ni_buf_addc(b, e); break;
			}
			continue;
		}
		ni_buf_addc(b, c);
	}
	return 0;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t digits_at(const char *s, size_t n, size_t i)
{
	size_t k = i;
	while (k < n && s[k] >= '0' && s[k] <= '9')
		k++;
	return k - i;
}

/* Is s (n bytes) a unit of time as people write it (d, days, wk, mo...)? */
static int unit_word(const char *s, size_t n)
{
	static const char *const units[] = {
		"d", "day", "days", "w", "wk", "wks", "week", "weeks", "m", "mo",
		"mos", "mon", "month", "months", "y", "yr", "yrs", "year", "years",
		"h", "hr", "hrs", "hour", "hours", "min", "mins", "minute",
		"minutes", "s", "sec", "secs", "second", "seconds",
	};
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (strlen(units[i]) == n && !strncasecmp(s, units[i], n))
			return 1;
	return 0;
}

/* Does the bare word s (n bytes, not a date) look like a date or a
 * duration: a signed number run into a word (-7days), a number and a
 * unit (7days), or a year with a month and day that are not a date
 * (2026-8-15, 2026-02-30, 2026-W7, 2026/08/15)? */
static int date_like(const char *s, size_t n)
{
	size_t i = s[0] == '-' || s[0] == '+', nd = digits_at(s, n, i);
	int sign = i == 1;
	i += nd;
	if (!nd)
		return 0;
	if (i < n && is_alpha(s[i])) {
		size_t w = i;
		while (i < n && is_alpha(s[i]))
			i++;
		return i == n && (sign || unit_word(s + w, n - w));
	}
	if (sign || nd != 4 || i >= n || (s[i] != '-' && s[i] != '/'))
		return 0;
	char sep = s[i++];
	if (sep == '-' && i < n && s[i] == 'W')
		return digits_at(s, n, i + 1) == n - i - 1;
	size_t m = digits_at(s, n, i);
	if (m < 1 || m > 2)
		return 0;
	if ((i += m) == n)
		return 1;
	if (s[i++] != sep || (m = digits_at(s, n, i)) < 1 || m > 2)
		return 0;
	return i + m == n || s[i + m] == 'T' || s[i + m] == ' ';
}

/* A bare word that looks like a date or a duration but is not one (or a
 * number followed by a unit: "-7 d") is an error with a caret: it would
 * compare as text and match nothing, or everything. */
static int check_date_word(lexer *lx, const ni_lit *l, const char *s,
			   size_t n)
{
	if (!lx->o->dc || l->isdate)
		return 0;
	size_t shown = n;
	if (l->isnum) {
		const char *p = s + n, *w;
		while (p < lx->end && (*p == ' ' || *p == '\t'))
			p++;
		for (w = p; p < lx->end && is_alpha(*p); p++)
			;
		if (p == w || !(p == lx->end || is_word_end(*p) || *p == ',' ||
				*p == ']') || !unit_word(w, (size_t)(p - w)))
			return 0;
		shown = (size_t)(p - s);
	} else if (!date_like(s, n)) {
		return 0;
	}
	return perr(lx, s, "'%.*s' is not a date or a duration (dates: 2026-08-15, "
		    "2026-08, 2026-W33, 2026, today, yesterday, 2026-08-15T10:00:00Z; "
		    "durations: -7d, -2w, -3m, -1y, -12h; quote text to compare it "
		    "as text)", (int)shown, s);
}

/* Read one literal value at lx->p into l (strings, numbers, bare words);
 * with dates, a bare word that looks like a date and is not one is an
 * error (check_date_word). */
static int read_value(lexer *lx, ni_lit *l, int dates)
{
	skipws(lx);
	if (lx->p >= lx->end)
		return perr(lx, lx->p, "expected a value");
	char q = *lx->p;
	if (q == '"' || q == '\'') {
		ni_buf b = {0};
		if (read_quoted(lx, &b)) {
			ni_buf_free(&b);
			return -1;
		}
		lit_init(lx, l, b.s ? b.s : "", b.len, 1);
		ni_buf_free(&b);
		return 0;
	}
	const char *p = lx->p;
	while (p < lx->end && !is_word_end(*p) && *p != ',' && *p != ']' &&
	       *p != '[')
		p++;
	if (p == lx->p)
		return perr(lx, lx->p, "expected a value");
	lit_init(lx, l, lx->p, (size_t)(p - lx->p), 0);
	if (dates && check_date_word(lx, l, lx->p, (size_t)(p - lx->p))) {
		lit_free(l);
		return -1;
	}
	lx->p = p;
	return 0;
}

static void add_val(ni_expr *e, ni_lit *l)
{
	e->vals = grow(e->vals, e->nvals, sizeof *e->vals);
	e->vals[e->nvals++] = *l;
}

static void add_arg(ni_expr *e, ni_expr *a)
{
	e->args = grow(e->args, e->nargs, sizeof *e->args);
	e->args[e->nargs++] = a;
}

/* /regex/flags at lx->p, compiled into e->re. */
static int read_regex(lexer *lx, ni_expr *e)
{
	const char *start = lx->p;
	ni_buf pat = {0};
	lx->p++;
	for (;;) {
		if (lx->p >= lx->end) {
			ni_buf_free(&pat);
			return perr(lx, start, "unterminated regex (missing '/')");
		}
		char c = *lx->p++;
		if (c == '/')
			break;
		if (c == '\\' && lx->p < lx->end && *lx->p == '/') {
			ni_buf_addc(&pat, '/');
			lx->p++;
			continue;
		}
		ni_buf_addc(&pat, c);
	}
	const char *fl = lx->p;
	while (lx->p < lx->end && !is_word_end(*lx->p) && *lx->p != ',' &&
	       *lx->p != ']')
		lx->p++;
	char flags[16];
	size_t fn = (size_t)(lx->p - fl);
	if (fn >= sizeof flags) {
		ni_buf_free(&pat);
		return perr(lx, fl, "too many regex flags");
	}
	memcpy(flags, fl, fn);
	flags[fn] = 0;
	char err[200];
	size_t off;
	e->re = ni_xcalloc(1, sizeof *e->re);
	if (ni_regex_compile(e->re, pat.s ? pat.s : "", pat.len, flags,
			     lx->o->icase, err, sizeof err, &off)) {
		free(e->re);
		e->re = NULL;
		/* the offset is in the pattern without its escaped slashes */
		const char *at = start + 1;
		for (size_t k = 0; k < off && at < fl; k++, at++)
			if (*at == '\\' && at + 1 < fl && at[1] == '/')
				at++;
		ni_buf_free(&pat);
		return perr(lx, fn && strspn(flags, "ixsm") != fn ? fl : at,
			    "%s", err);
	}
	ni_buf_free(&pat);
	return 0;
}

static ni_expr *parse_or(lexer *lx, int depth);

/* Terms one chain of 'or', 'and', '+ -' or '* /' may join: the tree of a
 * chain is as deep as it is long, and evaluating and freeing it recurse,
 * so a longer one is an error, not a crash (use 'in [...]' for long
 * alternatives). */
#define MAX_CHAIN 10000

static int chain_ok(lexer *lx, size_t *terms, const char *at)
{
	if (++*terms <= MAX_CHAIN)
		return 1;
	perr(lx, at, "more than %d terms in one chain (use 'in [...]' for many "
	     "values, or split the expression)", MAX_CHAIN);
	return 0;
}

/* A path: NAME { . part } | `key`.  lx->p is at its start. */
static ni_expr *parse_path(lexer *lx)
{
	const char *start = lx->p;
	ni_expr *e = node(NI_E_PATH, start, lx);
	for (;;) {
		const char *s = lx->p;
		if (lx->p < lx->end && *lx->p == '`') {
			const char *cl = memchr(lx->p + 1, '`', (size_t)(lx->end - lx->p - 1));
			if (!cl) {
				perr(lx, s, "unterminated `quoted field name`");
				ni_expr_free(e);
				return NULL;
			}
			e->comp = grow(e->comp, e->ncomp, sizeof *e->comp);
			e->comp[e->ncomp++] = ni_xstrndup(s + 1, (size_t)(cl - s - 1));
			lx->p = cl + 1;
			if (e->ncomp == 1)
				e->quoted = 1;
		} else {
			while (lx->p < lx->end && is_name_char((unsigned char)*lx->p))
				lx->p++;
			if (lx->p == s) {
				perr(lx, s, lx->p < lx->end ? "expected a field name, found '%c'"
				     : "expected a field name%c", lx->p < lx->end ? *lx->p : ' ');
				ni_expr_free(e);
				return NULL;
			}
			e->comp = grow(e->comp, e->ncomp, sizeof *e->comp);
			e->comp[e->ncomp++] = ni_xstrndup(s, (size_t)(lx->p - s));
		}
		if (lx->p < lx->end && *lx->p == '.' && lx->p + 1 < lx->end &&
		    (is_name_char((unsigned char)lx->p[1]) || lx->p[1] == '`')) {
			lx->p++;
			e->quoted = 0;
			continue;
		}
		break;
	}
	e->field = ni_xstrndup(start, (size_t)(lx->p - start));
	set_text(e, start, lx->p);
	return e;
}

/* The items of a list or an argument list, after its opening bracket:
 * expressions separated by ',' up to close (consumed), each added to e.
 * 0, or -1 with the error reported ("expected ',' or CLOSE in WHAT"). */
static int parse_items(lexer *lx, int depth, ni_expr *e, char close,
		       const char *what)
{
	skipws(lx);
	if (lx->p < lx->end && *lx->p == close) {
		lx->p++;
		return 0;
	}
	for (;;) {
		ni_expr *a = parse_or(lx, depth + 1);
		if (!a)
			return -1;
		add_arg(e, a);
		skipws(lx);
		if (lx->p < lx->end && (*lx->p == ',' || *lx->p == close)) {
			if (*lx->p++ == close)
				return 0;
			continue;
		}
		perr(lx, lx->p, "expected ',' or '%c' in %s", close, what);
		return -1;
	}
}

/* A quoted string at lx->p as a value node (its NFC form). */
static ni_expr *parse_string(lexer *lx)
{
	const char *start = lx->p;
	ni_buf b = {0};
	if (read_quoted(lx, &b)) {
		ni_buf_free(&b);
		return NULL;
	}
	ni_expr *e = node(NI_E_STR, start, lx);
	ni_buf nb = {0};
	ni_nfc(b.s ? b.s : "", b.len, 0, &nb);
	e->s = nb.s ? nb.s : ni_xstrdup("");
	e->n = nb.len;
	ni_buf_free(&b);
	set_text(e, start, lx->p);
	return e;
}

/* A number at lx->p (digits, '.', an exponent) as a value node; a
 * number run into a name ("7days") is an error. */
static ni_expr *parse_number(lexer *lx)
{
	const char *start = lx->p, *p = lx->p;
	while (p < lx->end && (strchr("0123456789.", *p) && *p))
		p++;
	if (p < lx->end && (*p == 'e' || *p == 'E')) {
		const char *q = p + 1;
		if (q < lx->end && (*q == '+' || *q == '-'))
			q++;
		if (q < lx->end && *q >= '0' && *q <= '9') {
			while (q < lx->end && *q >= '0' && *q <= '9')
				q++;
			p = q;
		}
	}
	ni_expr *e = node(NI_E_NUM, start, lx);
	if (!is_number(start, (size_t)(p - start), &e->num) ||
	    (p < lx->end && is_name_char((unsigned char)*p))) {
		while (p < lx->end && is_name_char((unsigned char)*p))
			p++;
		perr(lx, start, "'%.*s' is not a number (quote a string: \"%.*s\")",
		     (int)(p - start), start, (int)(p - start), start);
		ni_expr_free(e);
		return NULL;
	}
	lx->p = p;
	set_text(e, start, p);
	return e;
}

/* A call NAME(args) (lx->p at its '(' + 1), checked against the
 * function's row: arity, /regex/ places, constant arguments. */
static ni_expr *parse_call(lexer *lx, int depth, const char *start, size_t n)
{
	int fn = ni_fn_find(start, n);
	if (fn < 0) {
		perr(lx, start, "unknown function '%.*s'", (int)n, start);
		return NULL;
	}
	ni_expr *e = node(NI_E_CALL, start, lx);
	e->fn = fn;
	char what[64], msg[200];
	size_t bad;
	snprintf(what, sizeof what, "the arguments of %s()", ni_fn_name(fn));
	if (parse_items(lx, depth, e, ')', what)) {
		ni_expr_free(e);
		return NULL;
	}
	if (ni_fn_check(e, msg, sizeof msg, &bad)) {
		perr(lx, bad < e->nargs ? e->args[bad]->text : start, "%s%s%s",
		     bad < e->nargs ? ni_fn_name(fn) : "", bad < e->nargs ? "(): " : "",
		     msg);
		ni_expr_free(e);
		return NULL;
	}
	set_text(e, start, lx->p);
	return e;
}

/* A word at lx->p: a call, true, false, null, nr, or a path. */
static ni_expr *parse_word(lexer *lx, int depth)
{
	static const struct { const char *w; int k; } words[] = {
		{ "true", NI_E_TRUE }, { "false", NI_E_FALSE }, { "null", NI_E_NULL },
		{ "nr", NI_E_NR },
	};
	const char *start = lx->p, *p = lx->p;
	while (p < lx->end && is_name_char((unsigned char)*p))
		p++;
	size_t n = (size_t)(p - start);
	const char *after = p;
	while (after < lx->end && (*after == ' ' || *after == '\t'))
		after++;
	if (after < lx->end && *after == '(') {
		lx->p = after + 1;
		return parse_call(lx, depth, start, n);
	}
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i].w) == n && !memcmp(start, words[i].w, n) &&
		    !(words[i].k == NI_E_NR && p < lx->end && *p == '.')) {
			lx->p = p;
			ni_expr *e = node(words[i].k, start, lx);
			set_text(e, start, p);
			return e;
		}
	return parse_path(lx);
}

static ni_expr *parse_atom(lexer *lx, int depth)
{
	skipws(lx);
	if (depth > 200) {
		perr(lx, lx->p, "expression nested too deep");
		return NULL;
	}
	if (lx->p >= lx->end) {
		perr(lx, lx->p, "expected a field, 'not', 'exists' or '('");
		return NULL;
	}
	const char *start = lx->p;
	unsigned char c = (unsigned char)*lx->p;
	ni_expr *e;
	if (c == '(') {
		lx->p++;
		if (!(e = parse_or(lx, depth + 1)))
			return NULL;
		skipws(lx);
		if (lx->p >= lx->end || *lx->p != ')') {
			perr(lx, lx->p, "expected ')'");
			ni_expr_free(e);
			return NULL;
		}
		lx->p++;
		return e;
	}
	if (c == '"' || c == '\'')
		return parse_string(lx);
	if ((c >= '0' && c <= '9') || (c == '.' && lx->p + 1 < lx->end &&
					lx->p[1] >= '0' && lx->p[1] <= '9'))
		return parse_number(lx);
	if (c == '[' || c == '/') {
		e = node(c == '[' ? NI_E_LIST : NI_E_REGEX, start, lx);
		lx->p += c == '[';
		if (c == '[' ? parse_items(lx, depth, e, ']', "list") : read_regex(lx, e)) {
			ni_expr_free(e);
			return NULL;
		}
		set_text(e, start, lx->p);
		return e;
	}
	if (c == '*') {
		lx->p++;
		e = node(NI_E_PATH, start, lx);
		e->field = ni_xstrdup("*");
		set_text(e, start, lx->p);
		return e;
	}
	if (c == '`')
		return parse_path(lx);
	if (!is_name_start(c)) {
		perr(lx, start, "expected a field name or a value, found '%c'", c);
		return NULL;
	}
	return parse_word(lx, depth);
}

static ni_expr *parse_unary(lexer *lx, int depth)
{
	skipws(lx);
	if (lx->p < lx->end && *lx->p == '-') {
		const char *start = lx->p;
		lx->p++;
		ni_expr *a = parse_unary(lx, depth + 1);
		if (!a)
			return NULL;
		if (a->k == NI_E_NUM) {
			a->num = -a->num;
			set_text(a, start, lx->p);
			return a;
		}
		ni_expr *e = node(NI_E_NEG, start, lx);
		e->a = a;
		set_text(e, start, lx->p);
		return e;
	}
	return parse_atom(lx, depth);
}

/* One left-associative level of arithmetic: sum (+ -) over products, or
 * product (* /) over unary terms.  NULL after an error (reported in lx). */
static ni_expr *parse_arith(lexer *lx, int depth, int sum)
{
	static const int kinds[2][2] = { { NI_E_MUL, NI_E_DIV }, { NI_E_ADD, NI_E_SUB } };
	const char *ops = sum ? "+-" : "*/";
	if (sum)
		skipws(lx);
	const char *start = lx->p;
	ni_expr *e = sum ? parse_arith(lx, depth, 0) : parse_unary(lx, depth);
	size_t terms = 1;
	while (e) {
		skipws(lx);
		if (lx->p >= lx->end || (*lx->p != ops[0] && *lx->p != ops[1]))
			break;
		if (!chain_ok(lx, &terms, lx->p)) {
			ni_expr_free(e);
			return NULL;
		}
		int k = kinds[sum][*lx->p == ops[1]];
		const char *opat = lx->p++;
		ni_expr *b = sum ? parse_arith(lx, depth, 0) : parse_unary(lx, depth);
		if (!b) {
			ni_expr_free(e);
			return NULL;
		}
		ni_expr *x = node(k, opat, lx);
		x->a = e;
		x->b = b;
		set_text(x, start, lx->p);
		e = x;
	}
	return e;
}

/* The comparison operator at lx->p, consumed; -1 when there is none. */
static int read_op(lexer *lx)
{
	const char *op = lx->p;
	size_t left = (size_t)(lx->end - lx->p);
	int r = -1;
	size_t len = 0;
	if (left >= 2 && !memcmp(op, "==", 2)) r = NI_OP_EQ, len = 2;
	else if (left >= 2 && !memcmp(op, "!=", 2)) r = NI_OP_NE, len = 2;
	else if (left >= 2 && !memcmp(op, "<=", 2)) r = NI_OP_LE, len = 2;
	else if (left >= 2 && !memcmp(op, ">=", 2)) r = NI_OP_GE, len = 2;
	else if (left >= 2 && !memcmp(op, "=~", 2)) r = NI_OP_RE, len = 2;
	else if (left >= 2 && !memcmp(op, "!~", 2)) r = NI_OP_NRE, len = 2;
	else if (left >= 1 && *op == '=') r = NI_OP_EQ, len = 1;
	else if (left >= 1 && *op == '<') r = NI_OP_LT, len = 1;
	else if (left >= 1 && *op == '>') r = NI_OP_GT, len = 1;
	else if (left >= 1 && *op == '~') r = NI_OP_RE, len = 1;
	else if (kw(lx, "in")) r = NI_OP_IN, len = 2;
	else if (kw(lx, "has")) r = NI_OP_HAS, len = 3;
	lx->p += len;
	return r;
}

static ni_expr *parse_cmp(lexer *lx, int depth)
{
	skipws(lx);
	const char *start = lx->p;
	if (kw(lx, "exists")) {
		lx->p += 6;
		skipws(lx);
		if (lx->p >= lx->end || !(is_name_start((unsigned char)*lx->p) ||
					  *lx->p == '`')) {
			perr(lx, lx->p, "expected a field name after 'exists'");
			return NULL;
		}
		ni_expr *p = parse_path(lx);
		if (!p)
			return NULL;
		ni_expr *e = node(NI_E_EXISTS, start, lx);
		e->field = ni_xstrdup(p->field);
		e->lhs = p;
		set_text(e, start, lx->p);
		return e;
	}
	ni_expr *l = parse_arith(lx, depth, 1);
	if (!l)
		return NULL;
	const char *before = lx->p;
	skipws(lx);
	const char *opat = lx->p;
	int op = read_op(lx);
	if (op < 0) {
		if (l->k == NI_E_PATH)   /* where its operator was expected */
			l->n = (size_t)(opat - lx->src) + 1;
		lx->p = before;
		return l;
	}
	if (l->k == NI_E_REGEX) {
		perr(lx, start, "a /regex/ goes on the right of ~");
		ni_expr_free(l);
		return NULL;
	}
	ni_expr *e = node(NI_E_CMP, start, lx);
	e->op = op;
	e->lhs = l;
	if (l->k == NI_E_PATH) {
		e->field = ni_xstrdup(l->field);
		e->col = l->col;
	}
	skipws(lx);
	ni_lit lit;
	if (op == NI_OP_IN) {
		if (lx->p >= lx->end || *lx->p != '[') {
			perr(lx, lx->p, "expected '[' after 'in'");
			ni_expr_free(e);
			return NULL;
		}
		lx->p++;
		for (;;) {
			if (read_value(lx, &lit, 1)) {
				ni_expr_free(e);
				return NULL;
			}
			add_val(e, &lit);
			skipws(lx);
			if (lx->p < lx->end && *lx->p == ',') {
				lx->p++;
				continue;
			}
			if (lx->p < lx->end && *lx->p == ']') {
				lx->p++;
				break;
			}
			perr(lx, lx->p, "expected ',' or ']' in list");
			ni_expr_free(e);
			return NULL;
		}
	} else if (op == NI_OP_RE || op == NI_OP_NRE) {
		if (lx->p < lx->end && *lx->p == '/') {
			if (read_regex(lx, e)) {
				ni_expr_free(e);
				return NULL;
			}
		} else {
			const char *vs = lx->p;
			if (read_value(lx, &lit, 0)) {
				ni_expr_free(e);
				return NULL;
			}
			char err[200];
			size_t off;
			e->re = ni_xcalloc(1, sizeof *e->re);
			if (ni_regex_compile(e->re, lit.s, lit.n, "", lx->o->icase, err,
					     sizeof err, &off)) {
				free(e->re);
				e->re = NULL;
				lit_free(&lit);
				perr(lx, vs, "%s", err);
				ni_expr_free(e);
				return NULL;
			}
			lit_free(&lit);
		}
	} else {
		if (read_value(lx, &lit, 1)) {
			ni_expr_free(e);
			return NULL;
		}
		add_val(e, &lit);
	}
	set_text(e, start, lx->p);
	return e;
}

/* A field where a truth is needed ("tags and x = 1", a filter of just
 * "tags"): an error that asks for the operator, as before computed
 * values existed (use "exists F" for presence). */
static int need_pred(lexer *lx, const ni_expr *e)
{
	if (!e || e->k != NI_E_PATH)
		return 0;
	const char *at = e->n ? lx->src + e->n - 1 : lx->p;
	skipws(lx);
	return perr(lx, at, at < lx->end ?
		    "expected an operator (= != < <= > >= ~ !~ in has) after '%s'"
		    : "expected an operator after '%s'", e->field);
}

static ni_expr *parse_not(lexer *lx, int depth)
{
	skipws(lx);
	if (depth > 200) {
		perr(lx, lx->p, "expression nested too deep");
		return NULL;
	}
	const char *start = lx->p;
	if (kw(lx, "not") || (lx->p < lx->end && *lx->p == '!' &&
			      (lx->p + 1 >= lx->end ||
			       (lx->p[1] != '=' && lx->p[1] != '~')))) {
		lx->p += *lx->p == '!' ? 1 : 3;
		ni_expr *a = parse_not(lx, depth + 1);
		if (!a)
			return NULL;
		if (need_pred(lx, a)) {
			ni_expr_free(a);
			return NULL;
		}
		ni_expr *e = node(NI_E_NOT, start, lx);
		e->a = a;
		set_text(e, start, lx->p);
		return e;
	}
	return parse_cmp(lx, depth);
}

static ni_expr *parse_and(lexer *lx, int depth)
{
	ni_expr *e = parse_not(lx, depth);
	size_t terms = 1;
	while (e) {
		skipws(lx);
		if ((kw(lx, "and") || (lx->end - lx->p >= 2 && !memcmp(lx->p, "&&", 2))) &&
		    !chain_ok(lx, &terms, lx->p)) {
			ni_expr_free(e);
			return NULL;
		}
		if (kw(lx, "and"))
			lx->p += 3;
		else if (lx->end - lx->p >= 2 && !memcmp(lx->p, "&&", 2))
			lx->p += 2;
		else
			break;
		ni_expr *b = parse_not(lx, depth);
		if (!b || need_pred(lx, e) || need_pred(lx, b)) {
			ni_expr_free(e);
			ni_expr_free(b);
			return NULL;
		}
		e = ni_expr_bin(NI_E_AND, e, b);
	}
	return e;
}

static ni_expr *parse_or(lexer *lx, int depth)
{
	ni_expr *e = parse_and(lx, depth);
	size_t terms = 1;
	while (e) {
		skipws(lx);
		if ((kw(lx, "or") || (lx->end - lx->p >= 2 && !memcmp(lx->p, "||", 2))) &&
		    !chain_ok(lx, &terms, lx->p)) {
			ni_expr_free(e);
			return NULL;
		}
		if (kw(lx, "or"))
			lx->p += 2;
		else if (lx->end - lx->p >= 2 && !memcmp(lx->p, "||", 2))
			lx->p += 2;
		else
			break;
		ni_expr *b = parse_and(lx, depth);
		if (!b || need_pred(lx, e) || need_pred(lx, b)) {
			ni_expr_free(e);
			ni_expr_free(b);
			return NULL;
		}
		e = ni_expr_bin(NI_E_OR, e, b);
	}
	return e;
}

/* Contract: see expr.h. */
ni_expr *ni_expr_parse(const char *src, const ni_expr_opts *o, ni_perr *pe)
{
	lexer lx;
	lex_init(&lx, src, strlen(src), o, 0);
	ni_expr *e = parse_or(&lx, 0);
	if (e && need_pred(&lx, e)) {
		ni_expr_free(e);
		e = NULL;
	}
	if (e) {
		skipws(&lx);
		if (lx.p < lx.end) {
			perr(&lx, lx.p, *lx.p == ')' ? "unbalanced ')'"
			     : "expected 'and', 'or' or the end of the expression");
			ni_expr_free(e);
			e = NULL;
		}
	}
	if (!e)
		ni_perr_set(pe, 0, lx.errat ? colof(&lx, lx.errat) : 1, "%s",
			    lx.err[0] ? lx.err : "invalid expression");
	src_unref(lx.sh);
	return e;
}

/* Contract: see expr.h. */
void ni_expr_quote(ni_buf *b, const char *s)
{
	ni_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			ni_buf_addc(b, '\\');
		ni_buf_addc(b, *s);
	}
	ni_buf_addc(b, '"');
}

/* ---- ni-map programs ---- */

static int at_end(lexer *lx)
{
	return lx->p >= lx->end;
}

/* A field name a statement changes: NAME or `key` (one top-level key). */
static char *read_target(lexer *lx)
{
	skipws(lx);
	const char *s = lx->p;
	if (at_end(lx)) {
		perr(lx, s, "expected a field name");
		return NULL;
	}
	if (*s == '`') {
		const char *cl = memchr(s + 1, '`', (size_t)(lx->end - s - 1));
		if (!cl) {
			perr(lx, s, "unterminated `quoted field name`");
			return NULL;
		}
		lx->p = cl + 1;
		return ni_xstrndup(s + 1, (size_t)(cl - s - 1));
	}
	if (!is_name_start((unsigned char)*s)) {
		perr(lx, s, "expected a field name, found '%c'", *s);
		return NULL;
	}
	while (lx->p < lx->end && is_name_char((unsigned char)*lx->p))
		lx->p++;
	if (lx->p < lx->end && *lx->p == '.') {
		perr(lx, lx->p, "a statement changes a top-level field: write a key "
		     "that holds a dot as `%.*s...`", (int)(lx->p - s), s);
		return NULL;
	}
	return ni_xstrndup(s, (size_t)(lx->p - s));
}

static int stmt_uses_seq(const stmt *s)
{
	int r = ni_expr_sequential(s->e);
	for (size_t i = 0; i < s->nbody; i++)
		r |= stmt_uses_seq(&s->body[i]);
	for (size_t i = 0; i < s->nels; i++)
		r |= stmt_uses_seq(&s->els[i]);
	return r;
}

static int kwp(lexer *lx, const char *w)
{
	skipws(lx);
	return kw(lx, w);
}

static void stmts_free(stmt *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < s[i].nnames; j++)
			free(s[i].names[j]);
		free(s[i].names);
		ni_expr_free(s[i].e);
		stmts_free(s[i].body, s[i].nbody);
		stmts_free(s[i].els, s[i].nels);
		free(s[i].text);
	}
	free(s);
}

static int parse_stmts(lexer *lx, stmt **out, size_t *nout, int depth,
		       int inblock);

static void add_name(stmt *st, char *nm)
{
	st->names = grow(st->names, st->nnames, sizeof *st->names);
	st->names[st->nnames++] = nm;
}

/* One statement at lx->p into st. */
static int parse_stmt(lexer *lx, stmt *st, int depth)
{
	skipws(lx);
	const char *start = lx->p;
	memset(st, 0, sizeof *st);
	if (depth > 50)
		return perr(lx, start, "statements nested too deep");
	if (kw(lx, "skip")) {
		lx->p += 4;
		st->k = S_SKIP;
	} else if (kw(lx, "del") || kw(lx, "keep")) {
		st->k = *lx->p == 'd' ? S_DEL : S_KEEP;
		lx->p += st->k == S_DEL ? 3 : 4;
		for (;;) {
			char *nm = read_target(lx);
			if (!nm)
				return -1;
			add_name(st, nm);
			const char *save = lx->p;
			while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t'))
				lx->p++;
			if (lx->p < lx->end && *lx->p == ',') {
				lx->p++;
				continue;
			}
			lx->p = save;
			break;
		}
	} else if (kw(lx, "rename")) {
		st->k = S_RENAME;
		lx->p += 6;
		char *a = read_target(lx);
		if (!a)
			return -1;
		add_name(st, a);
		char *b = read_target(lx);
		if (!b)
			return -1;
		add_name(st, b);
	} else if (kw(lx, "if")) {
		st->k = S_IF;
		lx->p += 2;
		st->e = parse_or(lx, 0);
		if (!st->e || need_pred(lx, st->e))
			return -1;
		if (!kwp(lx, "then"))
			return perr(lx, lx->p, "expected 'then' after the condition of 'if'");
		lx->p += 4;
		if (parse_stmts(lx, &st->body, &st->nbody, depth + 1, 1))
			return -1;
		if (kwp(lx, "else")) {
			lx->p += 4;
			if (parse_stmts(lx, &st->els, &st->nels, depth + 1, 1))
				return -1;
		}
		if (!kwp(lx, "end"))
			return perr(lx, lx->p, "expected 'end' to close the 'if' at column %zu",
				    colof(lx, start));
		lx->p += 3;
	} else {
		char *nm = read_target(lx);
		if (!nm)
			return -1;
		add_name(st, nm);
		skipws(lx);
		if (lx->end - lx->p >= 2 && !memcmp(lx->p, "?=", 2)) {
			st->k = S_SETDEF;
			lx->p += 2;
		} else if (lx->p < lx->end && *lx->p == '=' &&
			   !(lx->p + 1 < lx->end && (lx->p[1] == '=' || lx->p[1] == '~'))) {
			st->k = S_SET;
			lx->p++;
		} else {
			return perr(lx, lx->p, "expected '=' or '?=' after '%s' (statements: "
				    "FIELD = EXPR, FIELD ?= EXPR, del, rename, keep, if, skip)", nm);
		}
		st->e = parse_or(lx, 0);
		if (!st->e)
			return -1;
	}
	const char *end = lx->p;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' ||
			       end[-1] == '\n' || end[-1] == '\r'))
		end--;
	st->text = ni_xstrndup(start, (size_t)(end - start));
	return 0;
}

/* Statements up to the end (or, in a block, up to else/end). */
static int parse_stmts(lexer *lx, stmt **out, size_t *nout, int depth,
		       int inblock)
{
	size_t cap = 0;
	for (;;) {
		skipws(lx);
		while (!at_end(lx) && *lx->p == ';') {
			lx->p++;
			skipws(lx);
		}
		if (at_end(lx))
			break;
		if (inblock && (kw(lx, "else") || kw(lx, "end")))
			break;
		if (*nout == cap) {
			cap = cap ? cap * 2 : 8;
			*out = ni_xrealloc(*out, cap * sizeof **out);
		}
		if (parse_stmt(lx, &(*out)[*nout], depth)) {
			stmt *s = &(*out)[*nout];
			/* free what the failed statement holds */
			for (size_t j = 0; j < s->nnames; j++)
				free(s->names[j]);
			free(s->names);
			ni_expr_free(s->e);
			stmts_free(s->body, s->nbody);
			stmts_free(s->els, s->nels);
			return -1;
		}
		(*nout)++;
		/* a statement ends at ';', a line break, else/end, or the end
		 * (the expression parser has skipped the blanks after it) */
		const char *q = lx->p;
		int nl = 0;
		while (q > lx->src && (q[-1] == ' ' || q[-1] == '\t' ||
				       q[-1] == '\r' || q[-1] == '\n'))
			nl |= *--q == '\n';
		q = lx->p;     /* after 'end' nothing has skipped the line break */
		skipws(lx);
		nl |= memchr(q, '\n', (size_t)(lx->p - q)) != NULL;
		q = lx->p;
		if (q >= lx->end || *q == ';' || nl)
			continue;
		if (inblock && (kw(lx, "else") || kw(lx, "end")))
			break;
		return perr(lx, q, "expected ';' or a line break before the next statement");
	}
	return 0;
}

/* Contract: see expr.h. */
ni_map *ni_map_parse(const char *src, const ni_expr_opts *o, char *err,
		     size_t errsz, size_t *off)
{
	size_t bad;
	const char *why;
	if (ni_utf8_check(src, strlen(src), &bad, &why)) {
		snprintf(err, errsz, "the program is not UTF-8: %s", why);
		*off = bad;
		return NULL;
	}
	lexer lx;
	lex_init(&lx, src, strlen(src), o, 1);
	ni_map *m = ni_xcalloc(1, sizeof *m);
	int r = parse_stmts(&lx, &m->s, &m->n, 0, 0);
	if (r == 0 && !at_end(&lx))
		r = perr(&lx, lx.p, "'%s' without an 'if'", kw(&lx, "end") ? "end" : "else");
	if (r) {
		snprintf(err, errsz, "%s", lx.err[0] ? lx.err : "invalid program");
		*off = lx.errat ? (size_t)(lx.errat - lx.src) : 0;
		stmts_free(m->s, m->n);
		free(m);
		src_unref(lx.sh);
		return NULL;
	}
	src_unref(lx.sh);
	for (size_t i = 0; i < m->n; i++)
		m->seq |= stmt_uses_seq(&m->s[i]);
	return m;
}

/* Contract: see expr.h. */
int ni_map_sequential(const ni_map *m)
{
	return m->seq;
}

/* Contract: see expr.h. */
void ni_map_free(ni_map *m)
{
	if (!m)
		return;
	stmts_free(m->s, m->n);
	free(m);
}

/* ---- named fields (record.h: ni_names) ---- */

/* Is key one of the n names of set? */
static int in_names(char *const *set, size_t n, const char *key, size_t kn)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(set[i]) == kn && !memcmp(set[i], key, kn))
			return 1;
	return 0;
}

/* The paths e reads into t, except those whose top-level key is one of
 * the nskip names of skip. */
static void expr_names(const ni_expr *e, ni_names *t, char *const *skip,
		       size_t nskip)
{
	if (!e)
		return;
	if (e->k == NI_E_PATH && e->ncomp) {
		const char *k = e->comp[0];
		int lit = e->quoted || strchr(e->field, '`');
		if (!in_names(skip, nskip, k, strlen(k)) &&
		    !(e->ncomp > 1 && in_names(skip, nskip, e->field, strlen(e->field))))
			ni_names_add(t, lit ? k : e->field, lit);
	}
	expr_names(e->a, t, skip, nskip);
	expr_names(e->b, t, skip, nskip);
	expr_names(e->lhs, t, skip, nskip);
	for (size_t i = 0; i < e->nargs; i++)
		expr_names(e->args[i], t, skip, nskip);
}

/* Contract: see expr.h. */
void ni_expr_names(const ni_expr *e, ni_names *t)
{
	expr_names(e, t, NULL, 0);
}

/* The fields statements s set (=, ?=, rename's new name) into *set. */
static void stmts_sets(const stmt *s, size_t n, char ***set, size_t *nset)
{
	for (size_t i = 0; i < n; i++) {
		char *nm = s[i].k == S_SET || s[i].k == S_SETDEF ? s[i].names[0]
			: s[i].k == S_RENAME ? s[i].names[1] : NULL;
		if (nm) {
			*set = ni_xrealloc(*set, (*nset + 1) * sizeof **set);
			(*set)[(*nset)++] = nm;
		}
		stmts_sets(s[i].body, s[i].nbody, set, nset);
		stmts_sets(s[i].els, s[i].nels, set, nset);
	}
}

/* The fields statements s read (expressions, del, keep, rename's old
 * name) into t, except the nset names of set. */
static void stmts_reads(const stmt *s, size_t n, ni_names *t, char *const *set,
			size_t nset)
{
	for (size_t i = 0; i < n; i++) {
		expr_names(s[i].e, t, set, nset);
		if (s[i].k == S_DEL || s[i].k == S_KEEP || s[i].k == S_RENAME)
			for (size_t j = 0; j < (s[i].k == S_RENAME ? 1 : s[i].nnames); j++)
				if (!in_names(set, nset, s[i].names[j], strlen(s[i].names[j])))
					ni_names_add(t, s[i].names[j], 1);
		stmts_reads(s[i].body, s[i].nbody, t, set, nset);
		stmts_reads(s[i].els, s[i].nels, t, set, nset);
	}
}

/* Contract: see expr.h. */
void ni_map_names(const ni_map *m, ni_names *t)
{
	char **set = NULL;
	size_t nset = 0;
	stmts_sets(m->s, m->n, &set, &nset);
	stmts_reads(m->s, m->n, t, set, nset);
	free(set);
}
