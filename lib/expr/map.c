/* map.c - run an ni-map program on one record.  The record is a list of
 * its top-level members, each still the bytes of the input line until a
 * statement changes it; the output copies untouched members byte for
 * byte (a number keeps its spelling), serialises the changed ones in
 * their place, and appends the new ones.  The members are the spans the
 * scanner found while validating the line (its index), so a record is
 * not parsed twice; only a record the index does not hold whole (an
 * escaped key, more than NI_JIDX_MAX members) is walked again. */
#include "expr/expr_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t khash(const char *k, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

/* Forget P's index of members by key (members were moved, renamed, or
 * a new record). */
static void ni_mfind_reset(evpriv *P)
{
	P->nidx = 0;
	P->htdirty = 1;
}

/* Index members [nidx, nm): a table at most half full, cleared (or made
 * smaller) when it holds an earlier record's members. */
static void mindex(evpriv *P)
{
	size_t want = 64;
	while (want < 4 * P->nm)
		want *= 2;
	if (want > P->htcap || (P->htdirty && P->htcap > 8 * want)) {
		free(P->ht);
		P->ht = ni_xcalloc(want, sizeof *P->ht);
		P->htcap = want;
		P->nidx = 0;
	} else if (P->htdirty) {
		memset(P->ht, 0, P->htcap * sizeof *P->ht);
		P->nidx = 0;
	}
	P->htdirty = 0;
	size_t mask = P->htcap - 1;
	for (; P->nidx < P->nm; P->nidx++) {
		const member *m = &P->m[P->nidx];
		size_t h = (size_t)khash(m->k, m->kn) & mask;
		while (P->ht[h])
			h = (h + 1) & mask;
		P->ht[h] = P->nidx + 1;
	}
}

/* Contract: expr_int.h. */
member *ni_mfind(evpriv *P, const char *k, size_t n)
{
	/* up to the scanner's index size a scan (lengths first) beats
	 * building the table for each record: the program looks up a few
	 * names per record, the table hashes every member */
	if (P->nm <= NI_JIDX_MAX) {
		for (size_t i = 0; i < P->nm; i++)
			if (!P->m[i].dead && P->m[i].kn == n && !memcmp(P->m[i].k, k, n))
				return &P->m[i];
		return NULL;
	}
	mindex(P);
	size_t mask = P->htcap - 1, best = SIZE_MAX;
	for (size_t h = (size_t)khash(k, n) & mask; P->ht[h]; h = (h + 1) & mask) {
		size_t i = P->ht[h] - 1;
		const member *m = &P->m[i];
		if (i < best && !m->dead && m->kn == n && !memcmp(m->k, k, n))
			best = i;
	}
	return best == SIZE_MAX ? NULL : &P->m[best];
}

static member *madd(evpriv *P)
{
	if (P->nm == P->cap) {
		P->cap = P->cap ? P->cap * 2 : 32;
		P->m = ni_xrealloc(P->m, P->cap * sizeof *P->m);
	}
	member *m = &P->m[P->nm++];
	memset(m, 0, sizeof *m);
	return m;
}

static int rerr(ni_eval *ev, const stmt *s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int rerr(ni_eval *ev, const stmt *s, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* the statement is quoted only when the message does not start
	 * with it already (errors of the expression name their part) */
	size_t tl = strlen(s->text);
	if (!strncmp(msg, s->text, tl))
		snprintf(ev->err, sizeof ev->err, "%.250s", msg);
	else
		snprintf(ev->err, sizeof ev->err, "%.60s: %.190s", s->text, msg);
	return NI_MAP_ERR;
}

/* The first field e reads that is missing (for "X is missing"). */
static const ni_expr *missing_field(ni_eval *ev, const ni_expr *e, ni_jval rec)
{
	if (!e)
		return NULL;
	if (e->k == NI_E_PATH) {
		val v;
		if (ni_xval(ev, e, rec, &v) == 0 && v.t == V_NONE)
			return e;
		return NULL;
	}
	const ni_expr *r;
	if ((r = missing_field(ev, e->a, rec)) || (r = missing_field(ev, e->b, rec)) ||
	    (r = missing_field(ev, e->lhs, rec)))
		return r;
	for (size_t i = 0; i < e->nargs; i++)
		if ((r = missing_field(ev, e->args[i], rec)))
			return r;
	return NULL;
}

static int run(const stmt *s, size_t n, ni_eval *ev, ni_jval rec)
{
	evpriv *P = ev->priv;
	for (size_t i = 0; i < n; i++, s++) {
		switch (s->k) {
		case S_SKIP:
			return NI_MAP_SKIP;
		case S_SET:
		case S_SETDEF: {
			const char *k = s->names[0];
			size_t kn = strlen(k);
			member *m = ni_mfind(P, k, kn);
			if (s->k == S_SETDEF && m) {
				if (m->changed ? m->v.t != V_NULL : m->jv.t != NI_J_NULL)
					break;
			}
			val v;
			if (ni_xval(ev, s->e, rec, &v)) {
				char msg[256];
				memcpy(msg, ev->err, sizeof msg);
				return rerr(ev, s, "%s", msg);
			}
			if (v.t == V_NONE) {
				const ni_expr *f = missing_field(ev, s->e, rec);
				if (f)
					return rerr(ev, s, "%.*s is missing", (int)f->textn,
						    f->text);
				return rerr(ev, s, "the value is missing");
			}
			m = ni_mfind(P, k, kn);   /* ni_xval may not move m[], but be safe */
			if (!m) {
				m = madd(P);
				m->k = k;
				m->kn = kn;
			}
			m->changed = 1;
			m->v = v;
			break;
		}
		case S_DEL:
			for (size_t j = 0; j < s->nnames; j++) {
				member *m = ni_mfind(P, s->names[j], strlen(s->names[j]));
				if (m)
					m->dead = 1;
			}
			break;
		case S_RENAME: {
			const char *a = s->names[0], *b = s->names[1];
			member *m = ni_mfind(P, a, strlen(a));
			if (!m || !strcmp(a, b))
				break;
			if (ni_mfind(P, b, strlen(b)))
				return rerr(ev, s, "the record has a field '%s' already "
					    "(del it first to replace it)", b);
			m->k = b;
			m->kn = strlen(b);
			m->raw = NULL;   /* the key changed; the value stays */
			ni_mfind_reset(P);
			break;
		}
		case S_KEEP: {
			member *nm = ni_ar(ev, (s->nnames + 1) * sizeof *nm);
			size_t k = 0;
			for (size_t j = 0; j < s->nnames; j++) {
				member *m = ni_mfind(P, s->names[j], strlen(s->names[j]));
				if (m) {
					nm[k++] = *m;
					m->dead = 1;   /* a name listed twice is kept once */
				}
			}
			if (k)          /* P->m is NULL for a record of no members */
				memcpy(P->m, nm, k * sizeof *nm);
			P->nm = k;
			ni_mfind_reset(P);
			break;
		}
		case S_IF: {
			int r = ni_expr_eval(s->e, rec, ev);
			if (r < 0) {
				char msg[256];
				memcpy(msg, ev->err, sizeof msg);
				return rerr(ev, s, "%s", msg);
			}
			int rr = r ? run(s->body, s->nbody, ev, rec)
				   : run(s->els, s->nels, ev, rec);
			if (rr != NI_MAP_OUT)
				return rr;
			break;
		}
		}
	}
	return NI_MAP_OUT;
}

/* The members of a record from the scanner's index (every member in
 * it, keys without escapes): its spans, nothing read again.  The
 * same members as from_line, without walking the line. */
static void from_index(evpriv *P, const ni_jidx *idx)
{
	if (P->cap < idx->n) {
		P->cap = NI_JIDX_MAX;
		P->m = ni_xrealloc(P->m, P->cap * sizeof *P->m);
	}
	for (size_t i = 0; i < idx->n; i++) {
		const ni_jidx_ent *e = &idx->e[i];
		member *m = &P->m[i];
		m->k = e->k;
		m->kn = e->kn;
		m->raw = e->k - 1;     /* the key's opening quote */
		m->rawn = (size_t)(e->v.p + e->v.n - m->raw);
		m->jv = e->v;
		m->changed = m->dead = 0;   /* m->v is read only when changed */
	}
	P->nm = idx->n;
}

/* The members of record rec read from its line (escaped keys decoded
 * into the arena). */
static void from_line(evpriv *P, ni_eval *ev, ni_jval rec)
{
	const char *it = NULL;
	ni_jval k, v;
	while (ni_json_next(rec, &it, &k, &v)) {
		member *m = madd(P);
		if (ni_jstr_plain(k)) {
			m->k = k.p + 1;
			m->kn = k.n - 2;
		} else {
			ni_buf_reset(&P->tmp);
			ni_json_str(k, &P->tmp);
			m->kn = P->tmp.len;
			m->k = ni_ar_dup(ev, P->tmp.s ? P->tmp.s : "", m->kn);
		}
		m->raw = k.p;
		m->rawn = (size_t)(v.p + v.n - k.p);
		m->jv = v;
	}
}

/* A changed value onto out as ni_val_json writes it.  An integer below
 * 1e15 without a spelling of its own (a constant, a count) is written
 * here, as ni_fmt_double would ("%.0f", -0 as 0): no printf per
 * record. */
static void put_val(const val *v, ni_buf *out)
{
	if (v->t == V_NUM && !v->s && fabs(v->num) < 1e15 &&
	    v->num == (double)(long long)v->num) {
		char d[24], *e = d + sizeof d, *q = e;
		long long x = (long long)v->num;
		unsigned long long u = x < 0 ? 0ULL - (unsigned long long)x
			: (unsigned long long)x;
		do
			*--q = (char)('0' + u % 10);
		while (u /= 10);
		if (x < 0)
			*--q = '-';
		ni_buf_add(out, q, (size_t)(e - q));
		return;
	}
	ni_val_json(v, out);
}

/* The shortest run of untouched members given as a piece (below it a
 * copy is cheaper than an iovec's round through writev). */
#define NI_MSEG_MIN 256

/* Pieces of a record's output (write_record): bytes written to out
 * since the last piece are one piece; a span of the line is another. */
typedef struct segs {
	ni_buf *v;              /* ni_mseg entries, or NULL: copy the spans */
	const char *line;
	size_t mark;            /* out bytes before this are in pieces */
	size_t base;            /* the record's pieces start here in v */
} segs;

/* Append a piece to S->v: len bytes at p, or (p NULL) at offset off of
 * out; one that continues the record's last piece lengthens it. */
static void seg_add(segs *S, const char *p, size_t off, size_t len)
{
	ni_buf *v = S->v;
	ni_mseg *last = v->len > S->base ? (ni_mseg *)(void *)(v->s + v->len) - 1 : NULL;
	if (last && (p ? last->p && last->p + last->len == p
		     : !last->p && last->off + last->len == off)) {
		last->len += len;
		return;
	}
	ni_mseg m = { p, off, len };
	ni_buf_add(v, &m, sizeof m);
}

/* The out bytes since the last piece, as a piece. */
static void seg_out(segs *S, const ni_buf *out)
{
	if (out->len > S->mark)
		seg_add(S, NULL, S->mark, out->len - S->mark);
	S->mark = out->len;
}

/* The record as changed, one line of JSON (no line break) onto out:
 * '{', the live members joined by ',', '}'.  An untouched member is its
 * input bytes ('"key": value' as written, a number keeps its spelling),
 * copied here without a call (a run of them at once where the input
 * joins them with a bare ','); with S->v a run of at least NI_MSEG_MIN
 * bytes is a piece of the line instead, not copied at all (from the
 * line's '{' when the run is the first member and follows it).  A
 * changed or renamed member is its key quoted, ':' and its value. */
static void write_record(const evpriv *P, ni_buf *out, segs *S)
{
	int first = 1;
	for (size_t i = 0; i < P->nm; i++) {
		const member *m = &P->m[i];
		if (m->dead)
			continue;
		if (!m->changed && m->raw) {
			/* with the untouched members after it that follow it in
			 * the input with a bare ',' between (compact JSON, as
			 * ni-parse writes): one copy, or one piece */
			size_t span = m->rawn;
			while (i + 1 < P->nm) {
				const member *x = &P->m[i + 1];
				if (x->dead || x->changed || !x->raw ||
				    x->raw != m->raw + span + 1 || m->raw[span] != ',')
					break;
				span += 1 + x->rawn;
				i++;
			}
			if (S->v && span >= NI_MSEG_MIN) {
				const char *from = m->raw;
				if (first && m->raw == S->line + 1 && S->line[0] == '{')
					from = S->line, span++;   /* '{' and the run */
				else
					ni_buf_addc(out, first ? '{' : ',');
				seg_out(S, out);
				seg_add(S, from, 0, span);
				first = 0;
				continue;
			}
			if (out->len + span + 2 > out->cap)
				ni_buf_grow(out, span + 2);
			out->s[out->len++] = first ? '{' : ',';
			memcpy(out->s + out->len, m->raw, span);
			out->len += span;
			first = 0;
			continue;
		}
		ni_buf_addc(out, first ? '{' : ',');
		first = 0;
		ni_json_quote(out, m->k, m->kn);
		ni_buf_addc(out, ':');
		if (m->changed)
			put_val(&m->v, out);
		else
			ni_buf_add(out, m->jv.p, m->jv.n);
	}
	if (first)
		ni_buf_addc(out, '{');
	ni_buf_addc(out, '}');
}

/* ni_map_run, the output as write_record gives it with S (pieces when
 * S->v is set). */
static int map_run(const ni_map *mp, ni_eval *ev, const char *line, size_t n,
		   const ni_jidx *idx, ni_buf *out, segs *S)
{
	evpriv *P = ni_ev_priv(ev);
	ni_ar_reset(ev);
	P->mapmode = 1;
	P->nm = 0;
	ni_mfind_reset(P);
	ev->idx = idx;
	ni_jval rec = ni_json_record(line, n);
	if (idx && !idx->partial)
		from_index(P, idx);
	else
		from_line(P, ev, rec);
	int r = run(mp->s, mp->n, ev, rec);
	if (r != NI_MAP_OUT)
		return r;
	write_record(P, out, S);
	return NI_MAP_OUT;
}

/* Contract: see expr.h. */
int ni_map_run(const ni_map *mp, ni_eval *ev, const char *line, size_t n,
	       const ni_jidx *idx, ni_buf *out)
{
	segs S = { NULL, line, 0, 0 };
	return map_run(mp, ev, line, n, idx, out, &S);
}

/* Contract: see expr.h. */
int ni_map_run_segs(const ni_map *mp, ni_eval *ev, const char *line,
		    size_t n, const ni_jidx *idx, ni_buf *out, ni_buf *segv,
		    const char *eol)
{
	segs S = { segv, line, out->len, segv->len };
	int r = map_run(mp, ev, line, n, idx, out, &S);
	if (r != NI_MAP_OUT)
		return r;       /* nothing added to out or segv */
	ni_buf_adds(out, eol);
	if (segv->len > S.base)    /* else all of it is in out */
		seg_out(&S, out);
	return r;
}
