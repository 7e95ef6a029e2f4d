/* expr_eval.c - evaluation of the expression language: fields, computed
 * values, comparisons.  A field that is compared only is read straight
 * from the record line (no decoding); computed values live in a
 * per-record arena. */
#include "expr/expr_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the arena and the private state ---- */

/* Contract: expr_int.h.  Created on first use, owned by ev. */
evpriv *ni_ev_priv(ni_eval *ev)
{
	if (!ev->priv)
		ev->priv = ni_xcalloc(1, sizeof(evpriv));
	return ev->priv;
}

/* Contract: n bytes from ev's arena, 16-byte aligned, valid until
 * ni_ar_reset. */
void *ni_ar(ni_eval *ev, size_t n)
{
	evpriv *P = ni_ev_priv(ev);
	n = (n + 15) & ~(size_t)15;
	ablock *b = P->blocks;
	if (!b || b->used > b->cap || b->cap - b->used < n) {  /* used may pass cap by the alignment */
		size_t cap = n > 65536 ? n : 65536;
		ablock *nb = ni_xcalloc(1, sizeof *nb + cap + 16);
		nb->cap = cap;
		nb->next = b;
		P->blocks = nb;
		b = nb;
	}
	char *base = b->d;
	uintptr_t a = ((uintptr_t)(base + b->used) + 15) & ~(uintptr_t)15;
	size_t used = (size_t)((char *)a - base);
	if (used + n > b->cap + 16)  /* cannot happen: cap has 16 spare bytes */
		ni_oom();
	b->used = used + n;
	return (void *)a;
}

/* Contract: a NUL-terminated copy of s in the arena. */
char *ni_ar_dup(ni_eval *ev, const char *s, size_t n)
{
	char *d = ni_ar(ev, n + 1);
	if (n)
		memcpy(d, s, n);
	d[n] = 0;
	return d;
}

/* Contract: forget everything allocated since the last reset (keeps the
 * newest block for reuse). */
void ni_ar_reset(ni_eval *ev)
{
	evpriv *P = ev->priv;
	if (!P || !P->blocks)
		return;
	ablock *b = P->blocks->next;
	while (b) {
		ablock *nx = b->next;
		free(b);
		b = nx;
	}
	P->blocks->next = NULL;
	P->blocks->used = 0;
}

/* Contract: see expr.h. */
void ni_eval_free(ni_eval *ev)
{
	ni_buf_free(&ev->t1);
	ni_buf_free(&ev->t2);
	evpriv *P = ev->priv;
	if (!P)
		return;
	ablock *b = P->blocks;
	while (b) {
		ablock *nx = b->next;
		free(b);
		b = nx;
	}
	free(P->m);
	free(P->ht);
	if (P->seq_init)
		ni_strmap_free(&P->seq);
	ni_buf_free(&P->tmp);
	free(P);
	ev->priv = NULL;
}

/* ---- values ---- */

/* Contract: expr_int.h. */
static val ni_jv2val(ni_eval *ev, ni_jval j)
{
	val v = {0};
	switch (j.t) {
	case NI_J_NONE: break;
	case NI_J_NULL: v.t = V_NULL; break;
	case NI_J_TRUE: v.t = V_BOOL; v.b = 1; break;
	case NI_J_FALSE: v.t = V_BOOL; break;
	case NI_J_NUM:
		v.t = V_NUM;
		v.num = ni_json_num(j);
		v.s = j.p;
		v.n = j.n;
		break;
	case NI_J_STR:
		v.t = V_STR;
		if (ni_jstr_plain(j)) {
			v.s = j.p + 1;
			v.n = j.n - 2;
		} else {
			evpriv *P = ni_ev_priv(ev);
			ni_buf_reset(&P->tmp);
			ni_json_str(j, &P->tmp);
			v.n = P->tmp.len;
			v.s = ni_ar_dup(ev, P->tmp.s ? P->tmp.s : "", v.n);
		}
		break;
	case NI_J_ARR: {
		size_t n = 0;
		const char *it = NULL;
		ni_jval e;
		while (ni_json_next(j, &it, NULL, &e))
			n++;
		v.t = V_LIST;
		v.v = ni_ar(ev, (n ? n : 1) * sizeof *v.v);
		it = NULL;
		while (ni_json_next(j, &it, NULL, &e))
			v.v[v.nv++] = ni_jv2val(ev, e);
		break;
	}
	case NI_J_OBJ:
		v.t = V_RAW;
		v.j = j;
		break;
	}
	return v;
}

/* Contract: expr_int.h. */
void ni_val_json(const val *v, ni_buf *b)
{
	char num[32];
	switch (v->t) {
	case V_NONE:
	case V_NULL: ni_buf_adds(b, "null"); break;
	case V_BOOL: ni_buf_adds(b, v->b ? "true" : "false"); break;
	case V_NUM:
		if (v->s) {
			ni_buf_add(b, v->s, v->n);
		} else {
			ni_fmt_double(v->num, num);
			ni_buf_adds(b, num);
		}
		break;
	case V_STR: ni_json_quote(b, v->s, v->n); break;
	case V_LIST:
		ni_buf_addc(b, '[');
		for (size_t i = 0; i < v->nv; i++) {
			if (i)
				ni_buf_addc(b, ',');
			ni_val_json(&v->v[i], b);
		}
		ni_buf_addc(b, ']');
		break;
	case V_RAW: ni_buf_add(b, v->j.p, v->j.n); break;
	}
}

/* Contract: expr_int.h. */
void ni_val_text2(const val *v, ni_buf *b)
{
	if (v->t == V_STR)
		ni_buf_add(b, v->s, v->n);
	else if (v->t != V_NONE)
		ni_val_json(v, b);
}

/* Contract: expr_int.h: "a string", "a number"... for messages. */
const char *ni_val_kind(const val *v)
{
	switch (v->t) {
	case V_NULL: return "null";
	case V_BOOL: return "a boolean";
	case V_NUM: return "a number";
	case V_STR: return "a string";
	case V_LIST: return "a list";
	case V_RAW: return "an object";
	default: return "missing";
	}
}

/* Contract: expr_int.h: false, null and missing are false. */
int ni_val_truth(const val *v)
{
	return !(v->t == V_NONE || v->t == V_NULL || (v->t == V_BOOL && !v->b));
}

/* ---- fields ---- */

/* Index into an array value. */
static ni_jval jarr_at(ni_jval arr, unsigned long want)
{
	const char *it = NULL;
	ni_jval e, none = {0};
	unsigned long i = 0;
	while (ni_json_next(arr, &it, NULL, &e))
		if (i++ == want)
			return e;
	return none;
}

static int all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

/* Follow comp[from..] inside a record value. */
static ni_jval jdescend(ni_jval v, char *const *comp, size_t from, size_t n)
{
	ni_jval none = {0};
	for (size_t i = from; i < n; i++) {
		if (v.t == NI_J_OBJ)
			v = ni_json_get(v, comp[i], strlen(comp[i]));
		else if (v.t == NI_J_ARR && all_digits(comp[i]))
			v = jarr_at(v, strtoul(comp[i], NULL, 10));
		else
			return none;
		if (v.t == NI_J_NONE)
			return v;
	}
	return v;
}

/* A path in a record line: nested reading first; when it finds nothing
 * (some level missing or not a container), a top-level key spelled as
 * the whole dotted path.  `key` is always the literal key. */
static ni_jval jpath(ni_jval rec, const ni_jidx *idx, const ni_expr *p)
{
	if (p->quoted || p->ncomp == 1) {
		const char *k = p->comp[0];
		return ni_json_iget(rec, idx, k, strlen(k));
	}
	ni_jval v = ni_json_iget(rec, idx, p->comp[0], strlen(p->comp[0]));
	v = jdescend(v, p->comp, 1, p->ncomp);
	if (v.t == NI_J_NONE)
		v = ni_json_iget(rec, idx, p->field, strlen(p->field));
	return v;
}

static val vdescend(ni_eval *ev, val v, char *const *comp, size_t from,
		    size_t n)
{
	val none = {0};
	for (size_t i = from; i < n; i++) {
		if (v.t == V_RAW) {
			return ni_jv2val(ev, jdescend(v.j, comp, i, n));
		} else if (v.t == V_LIST && all_digits(comp[i])) {
			unsigned long k = strtoul(comp[i], NULL, 10);
			if (k >= v.nv)
				return none;
			v = v.v[k];
		} else {
			return none;
		}
	}
	return v;
}

static val mtop(ni_eval *ev, evpriv *P, const char *k, size_t n)
{
	val none = {0};
	member *m = ni_mfind(P, k, n);
	if (!m)
		return none;
	return m->changed ? m->v : ni_jv2val(ev, m->jv);
}

/* The value of a path (in ni-map: in the record as changed so far). */
static val vpath(ni_eval *ev, const ni_expr *p, ni_jval rec)
{
	evpriv *P = ev->priv;
	if (!P || !P->mapmode)
		return ni_jv2val(ev, jpath(rec, ev->idx, p));
	if (p->quoted || p->ncomp == 1)
		return mtop(ev, P, p->comp[0], strlen(p->comp[0]));
	val v = mtop(ev, P, p->comp[0], strlen(p->comp[0]));
	v = vdescend(ev, v, p->comp, 1, p->ncomp);
	if (v.t == V_NONE)
		v = mtop(ev, P, p->field, strlen(p->field));
	return v;
}

/* ---- computed values ---- */

static int everr(ni_eval *ev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int everr(ni_eval *ev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ev->err, sizeof ev->err, fmt, ap);
	va_end(ap);
	return -1;
}

/* A short quotation of v for messages. */
static void show(ni_eval *ev, const val *v, char *out, size_t n)
{
	ni_buf b = {0};
	if (v->t == V_NONE)
		ni_buf_adds(&b, "missing");
	else
		ni_val_json(v, &b);
	if (b.len > 40)
		snprintf(out, n, "%.37s...", b.s);
	else
		snprintf(out, n, "%s", b.s ? b.s : "");
	ni_buf_free(&b);
	(void)ev;
}

static int arith(ni_eval *ev, const ni_expr *e, val a, val b, val *out)
{
	char sa[48], sb[48];
	if (a.t == V_NONE || b.t == V_NONE) {
		/* a missing field: the result is missing (a comparison on it
		 * is false; ni-map names the field when it would be stored) */
		memset(out, 0, sizeof *out);
		return 0;
	}
	if (e->k == NI_E_ADD && a.t == V_STR && b.t == V_STR) {
		char *d = ni_ar(ev, a.n + b.n + 1);
		memcpy(d, a.s, a.n);
		memcpy(d + a.n, b.s, b.n);
		d[a.n + b.n] = 0;
		*out = (val){ .t = V_STR, .s = d, .n = a.n + b.n };
		return 0;
	}
	if (e->k == NI_E_ADD && a.t == V_LIST && b.t == V_LIST) {
		out->t = V_LIST;
		out->nv = a.nv + b.nv;
		out->v = ni_ar(ev, (out->nv ? out->nv : 1) * sizeof *out->v);
		if (a.nv)
			memcpy(out->v, a.v, a.nv * sizeof *a.v);
		if (b.nv)
			memcpy(out->v + a.nv, b.v, b.nv * sizeof *b.v);
		return 0;
	}
	if (a.t != V_NUM || b.t != V_NUM) {
		show(ev, &a, sa, sizeof sa);
		show(ev, &b, sb, sizeof sb);
		const char *op = e->k == NI_E_ADD ? "+" : e->k == NI_E_SUB ? "-"
			       : e->k == NI_E_MUL ? "*" : "/";
		if (e->k == NI_E_ADD)
			return everr(ev, "%.*s: '+' needs two numbers, two strings or two lists, "
				     "not %s (%s) and %s (%s)%s", (int)e->textn, e->text, ni_val_kind(&a), sa,
				     ni_val_kind(&b), sb,
				     (a.t == V_STR || b.t == V_STR) && (a.t == V_NUM || b.t == V_NUM)
				     ? "; use string() or number()" : "");
		return everr(ev, "%.*s: '%s' needs two numbers, not %s (%s) and %s (%s)",
			     (int)e->textn, e->text, op, ni_val_kind(&a), sa, ni_val_kind(&b), sb);
	}
	double r;
	switch (e->k) {
	case NI_E_ADD: r = a.num + b.num; break;
	case NI_E_SUB: r = a.num - b.num; break;
	case NI_E_MUL: r = a.num * b.num; break;
	default:
		if (b.num == 0)
			return everr(ev, "%.*s: division by zero", (int)e->textn, e->text);
		r = a.num / b.num;
		break;
	}
	if (!isfinite(r))
		return everr(ev, "%.*s: the result is out of range", (int)e->textn, e->text);
	*out = (val){ .t = V_NUM, .num = r };
	return 0;
}

static int pred(ni_eval *ev, const ni_expr *e, ni_jval rec);

/* Contract: expr_int.h. */
int ni_xval(ni_eval *ev, const ni_expr *e, ni_jval rec, val *out)
{
	val a, b;
	memset(out, 0, sizeof *out);
	switch (e->k) {
	case NI_E_NUM: out->t = V_NUM; out->num = e->num; return 0;
	case NI_E_STR: out->t = V_STR; out->s = e->s; out->n = e->n; return 0;
	case NI_E_NULL: out->t = V_NULL; return 0;
	case NI_E_TRUE: out->t = V_BOOL; out->b = 1; return 0;
	case NI_E_FALSE: out->t = V_BOOL; return 0;
	case NI_E_NR: out->t = V_NUM; out->num = (double)ev->nr; return 0;
	case NI_E_PATH:
		if (e->field && e->field[0] == '*' && !e->field[1])
			return everr(ev, "'*' (every string field) is only for comparisons");
		*out = vpath(ev, e, rec);
		return 0;
	case NI_E_LIST:
		out->t = V_LIST;
		out->v = ni_ar(ev, (e->nargs ? e->nargs : 1) * sizeof *out->v);
		for (size_t i = 0; i < e->nargs; i++) {
			if (ni_xval(ev, e->args[i], rec, &a))
				return -1;
			if (a.t == V_NONE)
				return everr(ev, "%.*s: %.*s is missing", (int)e->textn, e->text,
					     (int)e->args[i]->textn, e->args[i]->text);
			out->v[out->nv++] = a;
		}
		return 0;
	case NI_E_NEG:
		if (ni_xval(ev, e->a, rec, &a))
			return -1;
		if (a.t == V_NONE)
			return 0;
		if (a.t != V_NUM) {
			char sa[48];
			show(ev, &a, sa, sizeof sa);
			return everr(ev, "%.*s: '-' needs a number, not %s (%s)", (int)e->textn, e->text,
				     ni_val_kind(&a), sa);
		}
		out->t = V_NUM;
		out->num = -a.num;
		return 0;
	case NI_E_ADD: case NI_E_SUB: case NI_E_MUL: case NI_E_DIV:
		if (ni_xval(ev, e->a, rec, &a) || ni_xval(ev, e->b, rec, &b))
			return -1;
		return arith(ev, e, a, b, out);
	case NI_E_CALL:
		return ni_fn_call(ev, e, rec, out);
	case NI_E_REGEX:
		return everr(ev, "%.*s: a regex is not a value", (int)e->textn, e->text);
	default: {
		int r = pred(ev, e, rec);
		if (r < 0)
			return -1;
		out->t = V_BOOL;
		out->b = r;
		return 0;
	}
	}
}

/* ---- comparisons ---- */

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

/* A string s against literal l under op (EQ or an ordering). */
static int str_vs_lit(ni_eval *ev, int op, const char *s, size_t n,
		      const ni_lit *l, int computed)
{
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
	/* a computed string that is a number ("7" from date(d, "%u")) against
	 * a number compares as a number */
	double d;
	if (computed && l->isnum && op != NI_OP_EQ && n && n < 64) {
		char tmp[64];
		memcpy(tmp, s, n);
		tmp[n] = 0;
		char *end;
		d = strtod(tmp, &end);
		if (*end == 0 && end != tmp)
			return ord(op, d < l->num ? -1 : d > l->num);
	}
	if (op == NI_OP_EQ)
		return str_eq(ev, l, s, n);
	/* ordering a string that is not a date against a date: no */
	if (l->isdate && !l->isnum)
		return 0;
	return ord(op, str_cmp(ev, l, s, n));
}

/* Compare a scalar value with one literal under op (EQ or ordering; NE is
 * handled by the caller as not EQ). */
static int scalar_cmp(ni_eval *ev, int op, ni_jval v, const ni_lit *l)
{
	switch (v.t) {
	case NI_J_NUM:
		if (l->isnum) {
			/* exact on the text (ni_num_cmp): ids above 2^53 */
			int c = ni_num_cmp(v.p, v.n, l->s, l->n);
			if (c == 2) {
				double d = ni_json_num(v);
				c = d < l->num ? -1 : d > l->num;
			}
			return ord(op, c);
		}
		return 0;
	case NI_J_TRUE:
	case NI_J_FALSE: {
		const char *t = v.t == NI_J_TRUE ? "true" : "false";
		return op == NI_OP_EQ && l->n == strlen(t) && !memcmp(l->s, t, l->n);
	}
	case NI_J_STR: {
		if (ni_jstr_plain(v))
			return str_vs_lit(ev, op, v.p + 1, v.n - 2, l, 0);
		ni_buf_reset(&ev->t1);
		ni_json_str(v, &ev->t1);
		return str_vs_lit(ev, op, ev->t1.s ? ev->t1.s : "", ev->t1.len, l, 0);
	}
	default:
		return 0;
	}
}

static int re_text(ni_eval *ev, ni_regex *re, ni_jval v)
{
	switch (v.t) {
	case NI_J_STR:
		if (ni_jstr_plain(v))
			return ni_regex_match(re, v.p + 1, v.n - 2, ev->err, sizeof ev->err);
		ni_buf_reset(&ev->t1);
		ni_json_str(v, &ev->t1);
		return ni_regex_match(re, ev->t1.s ? ev->t1.s : "", ev->t1.len,
				      ev->err, sizeof ev->err);
	case NI_J_NUM: case NI_J_TRUE: case NI_J_FALSE:
		return ni_regex_match(re, v.p, v.n, ev->err, sizeof ev->err);
	default:
		return 0;
	}
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

/* A number value against a number literal: -1, 0, 1; exact on the
 * record's spelling when it has one (ni_num_cmp), else as doubles. */
static int num_vs_lit(const val *v, const ni_lit *l)
{
	int c = v->s ? ni_num_cmp(v->s, v->n, l->s, l->n) : 2;
	if (c == 2)
		c = v->num < l->num ? -1 : v->num > l->num;
	return c;
}

/* The same for a computed value. */
static int any_val(ni_eval *ev, const ni_expr *e, const val *v, int depth)
{
	if (v->t == V_LIST && depth < 8) {
		for (size_t i = 0; i < v->nv; i++) {
			int r = any_val(ev, e, &v->v[i], depth + 1);
			if (r)
				return r;
		}
		return 0;
	}
	if (v->t == V_RAW)
		return any(ev, e, v->j, depth);
	if (v->t == V_NULL || v->t == V_NONE || v->t == V_LIST)
		return 0;
	int op = e->op;
	char num[32];
	const char *s = v->s;
	size_t n = v->n;
	if (v->t == V_BOOL) {
		s = v->b ? "true" : "false";
		n = strlen(s);
	} else if (v->t == V_NUM && !v->s) {
		ni_fmt_double(v->num, num);
		s = num;
		n = strlen(num);
	}
	if (op == NI_OP_RE || op == NI_OP_NRE)
		return ni_regex_match(e->re, s, n, ev->err, sizeof ev->err);
	if (op == NI_OP_NE || op == NI_OP_IN || op == NI_OP_HAS)
		op = NI_OP_EQ;
	for (size_t i = 0; i < e->nvals; i++) {
		const ni_lit *l = &e->vals[i];
		int r;
		if (v->t == V_NUM)
			r = l->isnum ? ord(op, num_vs_lit(v, l)) : 0;
		else if (v->t == V_BOOL)
			r = op == NI_OP_EQ && l->n == n && !memcmp(l->s, s, n);
		else
			r = str_vs_lit(ev, op, s, n, l, 1);
		if (r)
			return 1;
	}
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
	const ni_expr *l = e->lhs;
	int neg = e->op == NI_OP_NE || e->op == NI_OP_NRE;
	evpriv *P = ev->priv;
	if (l->k != NI_E_PATH || (P && P->mapmode)) {
		/* a computed left side (or ni-map's changed record) */
		val v;
		if (l->k == NI_E_PATH && l->field[0] == '*' && !l->field[1])
			return everr(ev, "'*' is for ni-filter");
		if (ni_xval(ev, l, rec, &v))
			return -1;
		if (e->k == NI_E_EXISTS)
			return v.t != V_NONE;
		if (ev->explain) {
			ev->why = e;
			ev->whyval = (ni_jval){0};
		}
		if (v.t == V_NONE || v.t == V_NULL)
			return 0;
		int r = any_val(ev, e, &v, 0);
		if (r < 0)
			return -1;
		return neg ? !r : r;
	}
	int star = l->field[0] == '*' && !l->field[1];
	ni_jval v = star ? rec : jpath(rec, ev->idx, l);
	if (ev->explain) {
		ev->why = e;
		ev->whyval = star ? (ni_jval){0} : v;
	}
	if (e->k == NI_E_EXISTS)
		return v.t != NI_J_NONE;
	if (v.t == NI_J_NONE || v.t == NI_J_NULL)
		return 0;
	int r = star ? any_string(ev, e, v, 0) : any(ev, e, v, 0);
	if (r < 0)
		return -1;
	return neg ? !r : r;
}

static int pred(ni_eval *ev, const ni_expr *e, ni_jval rec)
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
		r = pred(ev, e->a, rec);
		return r < 0 ? r : !r;
	case NI_E_AND:
		r = pred(ev, e->a, rec);
		if (r <= 0)
			return r;
		return pred(ev, e->b, rec);
	case NI_E_OR:
		r = pred(ev, e->a, rec);
		if (r != 0)
			return r;
		return pred(ev, e->b, rec);
	case NI_E_CMP:
	case NI_E_EXISTS:
		return leaf(ev, e, rec);
	default: {
		/* a computed value used as a truth */
		val v;
		if (ni_xval(ev, e, rec, &v))
			return -1;
		if (ev->explain) { ev->why = e; ev->whyval = (ni_jval){0}; }
		return ni_val_truth(&v);
	}
	}
}

/* Contract: see expr.h. */
int ni_expr_eval(const ni_expr *e, ni_jval rec, ni_eval *ev)
{
	evpriv *P = ev->priv;
	if (!P || !P->mapmode)
		ni_ar_reset(ev);
	return pred(ev, e, rec);
}
