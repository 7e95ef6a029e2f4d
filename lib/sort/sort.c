/* sort.c - sort keys: one binary string per record whose memcmp order is
 * the order ni-sort writes, following ni-filter's comparison rules
 * (numbers numerically, dates as points in time, strings byte-wise
 * after NFC, -i case folding). */
#include "sort/sort.h"

#include <stdlib.h>
#include <string.h>

/* Rank bytes, ascending: the documented order of mixed types. */
enum {
	R_MISS_FIRST = 0x00,
	R_FALSE = 0x10, R_TRUE = 0x11,
	R_NUM = 0x20, R_DATE = 0x30, R_STR = 0x40, R_OBJ = 0x50, R_ARR = 0x60,
	R_MISS_LAST = 0xFF
};

static int set_desc(const char *o, size_t n)
{
	if (n == 3 && !memcmp(o, "asc", 3))
		return 0;
	if (n == 4 && !memcmp(o, "desc", 4))
		return 1;
	return -1;
}

/* Contract: see sort.h.  The fields are copied; on error s keeps the
 * fields added before the bad one. */
int ni_sortspec_add(ni_sortspec *s, const char *arg, char *err, size_t errsz)
{
	const char *p = arg;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		int desc = 0;
		const char *f = p;
		size_t fn = n;
		if (fn && f[0] == '-') {        /* -date_published */
			desc = 1;
			f++;
			fn--;
		} else if (fn && f[0] == '+') {
			f++;
			fn--;
		}
		const char *colon = memchr(f, ':', fn);
		if (colon) {
			size_t on = fn - (size_t)(colon - f) - 1;
			int d = set_desc(colon + 1, on);
			if (d < 0 || f[0] == '-' || p[0] == '-' || p[0] == '+') {
				snprintf(err, errsz, "invalid order in '%.*s' (asc or desc)",
					 (int)n, p);
				return -1;
			}
			desc = d;
			fn = (size_t)(colon - f);
		}
		if (!fn || memchr(f, 0, fn)) {
			snprintf(err, errsz, "empty field name in '%s'", arg);
			return -1;
		}
		s->f = ni_xrealloc(s->f, (size_t)(s->nf + 1) * sizeof *s->f);
		s->f[s->nf].path = ni_xstrndup(f, fn);
		s->f[s->nf].desc = desc;
		s->nf++;
		if (!end)
			return 0;
		p = end + 1;
	}
}

/* Contract: frees the field names; s can be reused (zeroed). */
void ni_sortspec_free(ni_sortspec *s)
{
	for (int i = 0; i < s->nf; i++)
		free(s->f[i].path);
	free(s->f);
	s->f = NULL;
	s->nf = 0;
}

static void put_u64(ni_buf *out, uint64_t u)
{
	unsigned char b[8];
	for (int i = 7; i >= 0; i--, u >>= 8)
		b[i] = (unsigned char)u;
	ni_buf_add(out, b, 8);
}

/* Text bytes with 0x00 escaped as 00 01 and the end marked 00 00, so a
 * shorter string sorts first and fields stay self-delimiting. */
static void put_text(ni_buf *out, const char *s, size_t n)
{
	ni_buf_grow(out, n + 2);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == 0) {
			ni_buf_addc(out, 0);
			ni_buf_addc(out, 1);
		} else {
			ni_buf_addc(out, s[i]);
		}
	}
	ni_buf_addc(out, 0);
	ni_buf_addc(out, 0);
}

static uint64_t num_bits(double d)
{
	if (d == 0)
		d = 0;          /* -0 sorts as 0 */
	uint64_t u;
	memcpy(&u, &d, 8);
	return (u >> 63) ? ~u : u | (1ULL << 63);
}

/* A string value: date when it reads as one (as ni-filter does), else
 * its NFC (folded with -i) text. */
static void put_string(const ni_sortspec *s, ni_jval v, ni_buf *tmp,
		       ni_buf *out)
{
	ni_buf_reset(tmp);
	ni_json_str(v, tmp);
	const char *t = tmp->s ? tmp->s : "";
	size_t n = tmp->len;
	int64_t ms;
	if (n >= 10 && n <= 40 && t[0] >= '0' && t[0] <= '9' && s->dc &&
	    ni_date_parse_field(s->dc, t, n, &ms) == 0) {
		ni_buf_addc(out, R_DATE);
		put_u64(out, (uint64_t)ms ^ (1ULL << 63));
		return;
	}
	ni_buf_addc(out, R_STR);
	/* NFC straight into out (t lives in tmp); NULs, rare, are then
	 * escaped through tmp */
	size_t at = out->len;
	ni_nfc(t, n, s->icase, out);
	if (memchr(out->s + at, 0, out->len - at)) {
		ni_buf_reset(tmp);
		ni_buf_add(tmp, out->s + at, out->len - at);
		out->len = at;
		put_text(out, tmp->s, tmp->len);
		return;
	}
	ni_buf_addc(out, 0);
	ni_buf_addc(out, 0);
}

/* One value's ascending encoding; returns 0 when it counts as missing.
 * whole: arrays as a whole (identity) instead of by first element. */
static int put_value(const ni_sortspec *s, ni_jval v, ni_buf *tmp,
		     ni_buf *out, int whole, int depth)
{
	const char *it = NULL;
	ni_jval el;
	switch (v.t) {
	case NI_J_FALSE: ni_buf_addc(out, R_FALSE); return 1;
	case NI_J_TRUE: ni_buf_addc(out, R_TRUE); return 1;
	case NI_J_NUM:
		ni_buf_addc(out, R_NUM);
		/* exact (ni_num_key): ids above 2^53 stay apart */
		if (!ni_num_key(v.p, v.n, out))
			put_u64(out, num_bits(ni_json_num(v)));
		return 1;
	case NI_J_STR:
		put_string(s, v, tmp, out);
		return 1;
	case NI_J_OBJ:
		ni_buf_addc(out, R_OBJ);
		put_text(out, v.p, v.n);
		return 1;
	case NI_J_ARR:
		if (depth >= 8)
			return 0;
		if (!whole) {
			if (!ni_json_next(v, &it, NULL, &el))
				return 0;
			return put_value(s, el, tmp, out, 0, depth + 1);
		}
		ni_buf_addc(out, R_ARR);
		while (ni_json_next(v, &it, NULL, &el))
			if (!put_value(s, el, tmp, out, 1, depth + 1))
				ni_buf_addc(out, R_MISS_LAST);
		ni_buf_addc(out, 0);
		return 1;
	default:
		return 0;
	}
}

/* Contract: see sort.h.  Missing, null and [] (no first element) sort
 * last in both directions, or first with --missing first. */
void ni_sort_key(const ni_sortspec *s, ni_jval rec, const ni_jidx *idx,
		 ni_buf *tmp, ni_buf *out)
{
	size_t start = out->len;
	for (int i = 0; i < s->nf; i++) {
		ni_jval v = ni_json_ipath(rec, idx, s->f[i].path);
		size_t at = out->len;
		if (!put_value(s, v, tmp, out, 0, 0)) {
			out->len = at;
			ni_buf_addc(out, s->missing_first ? R_MISS_FIRST : R_MISS_LAST);
			continue;
		}
		if (s->f[i].desc)
			for (size_t j = at; j < out->len; j++)
				out->s[j] = (char)~out->s[j];
	}
	if (s->reverse)
		for (size_t j = start; j < out->len; j++)
			out->s[j] = (char)~out->s[j];
}

/* Contract: see sort.h. */
int ni_sort_valkey(const ni_sortspec *s, ni_jval v, ni_buf *tmp, ni_buf *out)
{
	if (v.t == NI_J_STR && v.n == 2)
		return 0;       /* "" */
	size_t at = out->len;
	if (!put_value(s, v, tmp, out, 1, 0) ||
	    (v.t == NI_J_ARR && out->len == at + 2)) {
		out->len = at;
		return 0;
	}
	return 1;
}

/* Contract: see sort.h. */
int ni_sort_keycmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t m = an < bn ? an : bn;
	int c = m ? memcmp(a, b, m) : 0;
	if (c)
		return c;
	return an < bn ? -1 : an > bn;
}
