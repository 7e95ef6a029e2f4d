/* expr.c - the ni-filter expression language: lexer, parser, evaluator.
 *
 *   expr    := or
 *   or      := and { ("or" | "||") and }
 *   and     := unary { ("and" | "&&") unary }
 *   unary   := ("not" | "!") unary | primary
 *   primary := "(" expr ")" | "exists" FIELD | "true" | "false"
 *            | FIELD OP VALUE | FIELD "in" LIST | FIELD "has" VALUE
 *   OP      := "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "~" | "=~" | "!~"
 *   VALUE   := "str" | 'str' | /regex/flags | number | bare-word | date
 *   LIST    := "[" VALUE { "," VALUE } "]"
 *
 * Records are not decoded into trees: fields are found lazily in the
 * validated line (json.c). */
#include "ni.h"

#include <stdlib.h>
#include <string.h>

typedef struct lexer {
	const char *src, *p, *end;
	char err[256];
	size_t errcol;
	const ni_expr_opts *o;
} lexer;

static size_t colof(lexer *lx, const char *at)
{
	size_t c = 1;
	for (const char *q = lx->src; q < at && q < lx->end; q++)
		if (((unsigned char)*q & 0xC0) != 0x80)
			c++;
	return c;
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
	lx->errcol = colof(lx, at);
	return -1;
}

static void skipws(lexer *lx)
{
	while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' ||
				   *lx->p == '\n' || *lx->p == '\r'))
		lx->p++;
}

static int is_word_end(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' ||
	       c == ')' || c == 0;
}

/* Does the text at p start with keyword w as a whole word? */
static int kw(lexer *lx, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(lx->end - lx->p) >= n && memcmp(lx->p, w, n) == 0 &&
	       (lx->p + n == lx->end || is_word_end(lx->p[n]));
}

static ni_expr *node(int k)
{
	ni_expr *e = ni_xcalloc(1, sizeof *e);
	e->k = k;
	return e;
}

/* Contract: see ni.h. */
ni_expr *ni_expr_bin(int kind, ni_expr *a, ni_expr *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	ni_expr *e = node(kind);
	e->a = a;
	e->b = b;
	return e;
}

static void lit_free(ni_lit *l)
{
	free(l->s);
	free(l->fold);
}

/* Contract: see ni.h. */
void ni_expr_free(ni_expr *e)
{
	if (!e)
		return;
	ni_expr_free(e->a);
	ni_expr_free(e->b);
	free(e->field);
	free(e->text);
	for (size_t i = 0; i < e->nvals; i++)
		lit_free(&e->vals[i]);
	free(e->vals);
	if (e->re) {
		ni_regex_free(e->re);
		free(e->re);
	}
	free(e);
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

/* Read one value at lx->p into l (strings, numbers, bare words). */
static int read_value(lexer *lx, ni_lit *l)
{
	skipws(lx);
	const char *start = lx->p;
	if (lx->p >= lx->end)
		return perr(lx, lx->p, "expected a value");
	char q = *lx->p;
	if (q == '"' || q == '\'') {
		ni_buf b = {0};
		lx->p++;
		for (;;) {
			if (lx->p >= lx->end) {
				ni_buf_free(&b);
				return perr(lx, start, "unterminated string");
			}
			char c = *lx->p++;
			if (c == q)
				break;
			if (c == '\\' && lx->p < lx->end) {
				char e = *lx->p++;
				switch (e) {
				case 'n': ni_buf_addc(&b, '\n'); break;
				case 't': ni_buf_addc(&b, '\t'); break;
				default: ni_buf_addc(&b, e); break;
				}
				continue;
			}
			ni_buf_addc(&b, c);
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
	lx->p = p;
	return 0;
}

static void add_val(ni_expr *e, ni_lit *l)
{
	e->vals = ni_xrealloc(e->vals, (e->nvals + 1) * sizeof *e->vals);
	e->vals[e->nvals++] = *l;
}

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
	while (lx->p < lx->end && !is_word_end(*lx->p))
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
		ni_buf_free(&pat);
		return perr(lx, fn && strspn(flags, "ixsm") != fn ? fl
			    : start + 1 + off, "%s", err);
	}
	ni_buf_free(&pat);
	return 0;
}

static ni_expr *parse_or(lexer *lx, int depth);

static ni_expr *parse_primary(lexer *lx, int depth)
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
	if (*lx->p == '(') {
		lx->p++;
		ni_expr *e = parse_or(lx, depth + 1);
		if (!e)
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
	if (kw(lx, "not") || (*lx->p == '!' && (lx->p + 1 >= lx->end ||
						(lx->p[1] != '=' && lx->p[1] != '~')))) {
		lx->p += *lx->p == '!' ? 1 : 3;
		ni_expr *a = parse_primary(lx, depth + 1);
		if (!a)
			return NULL;
		ni_expr *e = node(NI_E_NOT);
		e->a = a;
		return e;
	}
	if (kw(lx, "true") || kw(lx, "false")) {
		/* a bare truth value, unless used as a field name */
		const char *save = lx->p;
		int t = *lx->p == 't';
		lx->p += t ? 4 : 5;
		skipws(lx);
		if (lx->p >= lx->end || *lx->p == ')' || kw(lx, "and") ||
		    kw(lx, "or") || *lx->p == '&' || *lx->p == '|') {
			ni_expr *e = node(t ? NI_E_TRUE : NI_E_FALSE);
			e->text = ni_xstrndup(save, t ? 4 : 5);
			return e;
		}
		lx->p = save;
	}
	int exists = 0;
	if (kw(lx, "exists")) {
		exists = 1;
		lx->p += 6;
		skipws(lx);
	}
	const char *f = lx->p;
	while (lx->p < lx->end && !is_word_end(*lx->p) &&
	       *lx->p && !strchr("=!<>~[],'\"&|", *lx->p))
		lx->p++;
	if (lx->p == f) {
		if (lx->p < lx->end)
			perr(lx, f, "expected a field name, found '%c'", *lx->p);
		else
			perr(lx, f, "expected a field name");
		return NULL;
	}
	ni_expr *e = node(exists ? NI_E_EXISTS : NI_E_CMP);
	e->field = ni_xstrndup(f, (size_t)(lx->p - f));
	e->col = colof(lx, start);
	if (exists) {
		e->text = ni_xstrndup(start, (size_t)(lx->p - start));
		return e;
	}
	skipws(lx);
	const char *op = lx->p;
	size_t left = (size_t)(lx->end - lx->p);
	if (left >= 2 && !memcmp(op, "==", 2)) e->op = NI_OP_EQ, lx->p += 2;
	else if (left >= 2 && !memcmp(op, "!=", 2)) e->op = NI_OP_NE, lx->p += 2;
	else if (left >= 2 && !memcmp(op, "<=", 2)) e->op = NI_OP_LE, lx->p += 2;
	else if (left >= 2 && !memcmp(op, ">=", 2)) e->op = NI_OP_GE, lx->p += 2;
	else if (left >= 2 && !memcmp(op, "=~", 2)) e->op = NI_OP_RE, lx->p += 2;
	else if (left >= 2 && !memcmp(op, "!~", 2)) e->op = NI_OP_NRE, lx->p += 2;
	else if (left >= 1 && *op == '=') e->op = NI_OP_EQ, lx->p++;
	else if (left >= 1 && *op == '<') e->op = NI_OP_LT, lx->p++;
	else if (left >= 1 && *op == '>') e->op = NI_OP_GT, lx->p++;
	else if (left >= 1 && *op == '~') e->op = NI_OP_RE, lx->p++;
	else if (kw(lx, "in")) e->op = NI_OP_IN, lx->p += 2;
	else if (kw(lx, "has")) e->op = NI_OP_HAS, lx->p += 3;
	else {
		perr(lx, op, lx->p < lx->end ?
		     "expected an operator (= != < <= > >= ~ !~ in has) after '%s'"
		     : "expected an operator after '%s'", e->field);
		ni_expr_free(e);
		return NULL;
	}
	skipws(lx);
	ni_lit l;
	if (e->op == NI_OP_IN) {
		if (lx->p >= lx->end || *lx->p != '[') {
			perr(lx, lx->p, "expected '[' after 'in'");
			ni_expr_free(e);
			return NULL;
		}
		lx->p++;
		for (;;) {
			if (read_value(lx, &l)) {
				ni_expr_free(e);
				return NULL;
			}
			add_val(e, &l);
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
	} else if ((e->op == NI_OP_RE || e->op == NI_OP_NRE)) {
		if (lx->p < lx->end && *lx->p == '/') {
			if (read_regex(lx, e)) {
				ni_expr_free(e);
				return NULL;
			}
		} else {
			const char *vs = lx->p;
			if (read_value(lx, &l)) {
				ni_expr_free(e);
				return NULL;
			}
			char err[200];
			size_t off;
			e->re = ni_xcalloc(1, sizeof *e->re);
			if (ni_regex_compile(e->re, l.s, l.n, "", lx->o->icase, err,
					     sizeof err, &off)) {
				free(e->re);
				e->re = NULL;
				lit_free(&l);
				perr(lx, vs, "%s", err);
				ni_expr_free(e);
				return NULL;
			}
			lit_free(&l);
		}
	} else {
		if (read_value(lx, &l)) {
			ni_expr_free(e);
			return NULL;
		}
		add_val(e, &l);
	}
	e->text = ni_xstrndup(start, (size_t)(lx->p - start));
	return e;
}

static ni_expr *parse_and(lexer *lx, int depth)
{
	ni_expr *e = parse_primary(lx, depth);
	while (e) {
		skipws(lx);
		if (kw(lx, "and"))
			lx->p += 3;
		else if (lx->end - lx->p >= 2 && !memcmp(lx->p, "&&", 2))
			lx->p += 2;
		else
			break;
		ni_expr *b = parse_primary(lx, depth);
		if (!b) {
			ni_expr_free(e);
			return NULL;
		}
		e = ni_expr_bin(NI_E_AND, e, b);
	}
	return e;
}

static ni_expr *parse_or(lexer *lx, int depth)
{
	ni_expr *e = parse_and(lx, depth);
	while (e) {
		skipws(lx);
		if (kw(lx, "or"))
			lx->p += 2;
		else if (lx->end - lx->p >= 2 && !memcmp(lx->p, "||", 2))
			lx->p += 2;
		else
			break;
		ni_expr *b = parse_and(lx, depth);
		if (!b) {
			ni_expr_free(e);
			return NULL;
		}
		e = ni_expr_bin(NI_E_OR, e, b);
	}
	return e;
}

/* Contract: see ni.h. */
ni_expr *ni_expr_parse(const char *src, const ni_expr_opts *o,
		       char *err, size_t errsz, size_t *col)
{
	lexer lx = { .src = src, .p = src, .end = src + strlen(src), .o = o };
	lx.err[0] = 0;
	ni_expr *e = parse_or(&lx, 0);
	if (e) {
		skipws(&lx);
		if (lx.p < lx.end) {
			perr(&lx, lx.p, *lx.p == ')' ? "unbalanced ')'"
			     : "expected 'and', 'or' or the end of the expression");
			ni_expr_free(e);
			e = NULL;
		}
	}
	if (!e) {
		snprintf(err, errsz, "%s", lx.err[0] ? lx.err : "invalid expression");
		*col = lx.errcol ? lx.errcol : 1;
	}
	return e;
}

/* ---- evaluation ---- */

static int str_eq(ni_eval *ev, const ni_lit *l, const char *s, size_t n)
{
	ni_buf_reset(&ev->t2);
	ni_nfc(s, n, ev->icase, &ev->t2);
	if (ev->icase)
		return ev->t2.len == l->nfold && !memcmp(ev->t2.s, l->fold, l->nfold);
	return ev->t2.len == l->n && (l->n == 0 || !memcmp(ev->t2.s, l->s, l->n));
}

static int str_cmp(ni_eval *ev, const ni_lit *l, const char *s, size_t n)
{
	ni_buf_reset(&ev->t2);
	ni_nfc(s, n, 0, &ev->t2);
	size_t m = ev->t2.len < l->n ? ev->t2.len : l->n;
	int c = m ? memcmp(ev->t2.s, l->s, m) : 0;
	if (c)
		return c;
	return ev->t2.len < l->n ? -1 : ev->t2.len > l->n;
}

static int ord(int op, int c)
{
	switch (op) {
	case NI_OP_LT: return c < 0;
	case NI_OP_LE: return c <= 0;
	case NI_OP_GT: return c > 0;
	case NI_OP_GE: return c >= 0;
	case NI_OP_NE: return c != 0;
	default: return c == 0;
	}
}

/* Field time t (ms) against a literal span [lo, hi). */
static int date_ord(int op, int64_t t, ni_span s)
{
	switch (op) {
	case NI_OP_LT: return t < s.lo;
	case NI_OP_LE: return t < s.hi;
	case NI_OP_GT: return t >= s.hi;
	case NI_OP_GE: return t >= s.lo;
	case NI_OP_NE: return !(t >= s.lo && t < s.hi);
	default: return t >= s.lo && t < s.hi;
	}
}

/* Compare a scalar value with one literal under op (EQ or ordering; NE is
 * handled by the caller as not EQ). */
static int scalar_cmp(ni_eval *ev, int op, ni_jval v, const ni_lit *l)
{
	switch (v.t) {
	case NI_J_NUM:
		if (l->isnum) {
			double d = ni_json_num(v);
			return ord(op, d < l->num ? -1 : d > l->num);
		}
		return op == NI_OP_EQ ? 0 : 0;
	case NI_J_TRUE:
	case NI_J_FALSE: {
		const char *t = v.t == NI_J_TRUE ? "true" : "false";
		return op == NI_OP_EQ && l->n == strlen(t) && !memcmp(l->s, t, l->n);
	}
	case NI_J_STR: {
		ni_buf_reset(&ev->t1);
		ni_json_str(v, &ev->t1);
		const char *s = ev->t1.s ? ev->t1.s : "";
		size_t n = ev->t1.len;
		if (l->isdate && n >= 10 && n <= 40) {
			int64_t ms;
			int ok;
			if (ev->cache_n == n && !memcmp(ev->cache_s, s, n)) {
				ok = ev->cache_ok;
				ms = ev->cache_ms;
			} else {
				ok = ni_date_parse_field(ev->dc, s, n, &ms) == 0;
				memcpy(ev->cache_s, s, n);
				ev->cache_n = n;
				ev->cache_ok = ok;
				ev->cache_ms = ms;
			}
			if (ok)
				return date_ord(op, ms, l->span);
		}
		if (op == NI_OP_EQ)
			return str_eq(ev, l, s, n);
		/* ordering a string that is not a date against a date: no */
		if (l->isdate && !l->isnum)
			return 0;
		return ord(op, str_cmp(ev, l, s, n));
	}
	default:
		return 0;
	}
}

static int re_text(ni_eval *ev, ni_regex *re, ni_jval v)
{
	const char *s;
	size_t n;
	switch (v.t) {
	case NI_J_STR:
		ni_buf_reset(&ev->t1);
		ni_json_str(v, &ev->t1);
		ni_buf_reset(&ev->t2);
		ni_nfc(ev->t1.s ? ev->t1.s : "", ev->t1.len, 0, &ev->t2);
		s = ev->t2.s ? ev->t2.s : "";
		n = ev->t2.len;
		break;
	case NI_J_NUM: case NI_J_TRUE: case NI_J_FALSE:
		s = v.p;
		n = v.n;
		break;
	default:
		return 0;
	}
	int r = ni_regex_match(re, s, n, ev->err, sizeof ev->err);
	return r;
}

/* Does value v (scalar or array, any element) satisfy the positive form
 * of the leaf (EQ for NE, RE for NRE)?  -1 on a regex error. */
static int any(ni_eval *ev, const ni_expr *e, ni_jval v, int depth)
{
	if (v.t == NI_J_ARR && depth < 8) {
		const char *it = NULL;
		ni_jval el;
		while (ni_json_next(v, &it, NULL, &el)) {
			int r = any(ev, e, el, depth + 1);
			if (r)
				return r;
		}
		return 0;
	}
	if (v.t == NI_J_NULL || v.t == NI_J_NONE || v.t == NI_J_ARR)
		return 0;
	int op = e->op;
	if (op == NI_OP_RE || op == NI_OP_NRE)
		return re_text(ev, e->re, v);
	if (op == NI_OP_NE || op == NI_OP_IN || op == NI_OP_HAS)
		op = NI_OP_EQ;
	for (size_t i = 0; i < e->nvals; i++)
		if (scalar_cmp(ev, op, v, &e->vals[i]))
			return 1;
	return 0;
}

/* '*': every string value anywhere in the record. */
static int any_string(ni_eval *ev, const ni_expr *e, ni_jval v, int depth)
{
	if ((v.t == NI_J_ARR || v.t == NI_J_OBJ) && depth < NI_MAX_DEPTH) {
		const char *it = NULL;
		ni_jval el;
		while (ni_json_next(v, &it, NULL, &el)) {
			int r = any_string(ev, e, el, depth + 1);
			if (r)
				return r;
		}
		return 0;
	}
	if (v.t != NI_J_STR)
		return 0;
	return any(ev, e, v, 8);
}

static int leaf(ni_eval *ev, const ni_expr *e, ni_jval rec)
{
	int star = e->field[0] == '*' && !e->field[1];
	ni_jval v = star ? rec : ni_json_ipath(rec, ev->idx, e->field);
	if (ev->explain) {
		ev->why = e;
		ev->whyval = star ? (ni_jval){0} : v;
	}
	if (e->k == NI_E_EXISTS)
		return v.t != NI_J_NONE;
	if (v.t == NI_J_NONE || v.t == NI_J_NULL)
		return 0;
	int neg = e->op == NI_OP_NE || e->op == NI_OP_NRE;
	int r = star ? any_string(ev, e, v, 0) : any(ev, e, v, 0);
	if (r < 0)
		return -1;
	return neg ? !r : r;
}

/* Contract: see ni.h. */
int ni_expr_eval(const ni_expr *e, ni_jval rec, ni_eval *ev)
{
	int r;
	switch (e->k) {
	case NI_E_TRUE:
		if (ev->explain) { ev->why = e; ev->whyval = (ni_jval){0}; }
		return 1;
	case NI_E_FALSE:
		if (ev->explain) { ev->why = e; ev->whyval = (ni_jval){0}; }
		return 0;
	case NI_E_NOT:
		r = ni_expr_eval(e->a, rec, ev);
		return r < 0 ? r : !r;
	case NI_E_AND:
		r = ni_expr_eval(e->a, rec, ev);
		if (r <= 0)
			return r;
		return ni_expr_eval(e->b, rec, ev);
	case NI_E_OR:
		r = ni_expr_eval(e->a, rec, ev);
		if (r != 0)
			return r;
		return ni_expr_eval(e->b, rec, ev);
	default:
		return leaf(ev, e, rec);
	}
}

/* Contract: see ni.h. */
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

/* Contract: see ni.h. */
void ni_eval_free(ni_eval *ev)
{
	ni_buf_free(&ev->t1);
	ni_buf_free(&ev->t2);
}
