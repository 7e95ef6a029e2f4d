/* num.c - the one number comparison of ni: numbers as written in decimal
 * (JSON numbers and expression literals), compared exactly: 64-bit
 * integers as integers, anything else on its decimal digits, so that
 * 1234567890123456788 and ...789 stay apart and 1, 1.0 and 1e0 are one
 * number. */
#include "record/record.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A decimal number read from text: value = sign * 0.DIGITS * 10^exp,
 * DIGITS without leading or trailing zeros (none for zero). */
typedef struct dec {
	int sign;             /* -1, 0, 1 */
	int64_t exp;
	const char *s;        /* the text the digits are read from */
	size_t i0, i1;        /* first and last+1 significant digit in s */
	size_t dot;           /* index of '.' in s, or SIZE_MAX */
} dec;

#define EXP_MAX ((int64_t)1 << 40)

/* Read [+-]D[.D][(e|E)[+-]D] from s (n bytes), all of it.  Returns 0, or
 * -1 when s is not such a number. */
static int dec_read(const char *s, size_t n, dec *d)
{
	size_t i = 0;
	int neg = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	size_t m0 = i, nd = 0;
	d->dot = SIZE_MAX;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			nd++;
		else if (s[i] == '.' && d->dot == SIZE_MAX)
			d->dot = i;
		else
			break;
	}
	size_t m1 = i;
	if (!nd)
		return -1;
	int64_t e = 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		int eneg = 0;
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		if (i == n)
			return -1;
		for (; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			if (e < EXP_MAX)
				e = e * 10 + (s[i] - '0');
		}
		if (eneg)
			e = -e;
	}
	if (i != n)
		return -1;
	/* significant digits: skip leading and trailing zeros (and the dot) */
	size_t a = m0, b = m1;
	while (a < b && (s[a] == '0' || s[a] == '.'))
		a++;
	while (b > a && (s[b - 1] == '0' || s[b - 1] == '.'))
		b--;
	d->s = s;
	d->i0 = a;
	d->i1 = b;
	if (a == b) {
		d->sign = 0;
		d->exp = 0;
		return 0;
	}
	d->sign = neg ? -1 : 1;
	/* the digits before the point, counted from the first significant one */
	size_t point = d->dot == SIZE_MAX ? m1 : d->dot;
	int64_t lead;
	if (a < point) {
		lead = (int64_t)(point - a);
	} else {
		/* a after the point: minus the zeros between point and a */
		lead = -(int64_t)(a - point - 1);
	}
	d->exp = lead + e;
	return 0;
}

/* The next significant digit of d at *i (skipping the point), or 0 past
 * the end. */
static int dec_next(const dec *d, size_t *i)
{
	if (*i < d->i1 && *i == d->dot)
		(*i)++;
	if (*i >= d->i1)
		return 0;
	return d->s[(*i)++];
}

/* A 64-bit integer written as [-]digits (at most 18 digits): 1 and *v,
 * else 0. */
static int small_int(const char *s, size_t n, int64_t *v)
{
	size_t i = 0;
	int neg = 0;
	if (n && s[0] == '-')
		neg = 1, i = 1;
	if (i == n || n - i > 18)
		return 0;
	int64_t x = 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		x = x * 10 + (s[i] - '0');
	}
	*v = neg ? -x : x;
	return 1;
}

/* Contract: see record.h. */
int ni_num_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int64_t x, y;
	if (small_int(a, an, &x) && small_int(b, bn, &y))
		return x < y ? -1 : x > y;
	dec p, q;
	if (dec_read(a, an, &p) || dec_read(b, bn, &q))
		return 2;
	if (p.sign != q.sign)
		return p.sign < q.sign ? -1 : 1;
	if (!p.sign)
		return 0;
	int c = 0;
	if (p.exp != q.exp) {
		c = p.exp < q.exp ? -1 : 1;
	} else {
		size_t i = p.i0, j = q.i0;
		for (;;) {
			int u = dec_next(&p, &i), w = dec_next(&q, &j);
			if (u != w) {
				c = u < w ? -1 : 1;
				break;
			}
			if (!u)
				break;
		}
	}
	return p.sign < 0 ? -c : c;
}

/* Contract: see record.h. */
int ni_num_key(const char *s, size_t n, ni_buf *out)
{
	dec d;
	if (dec_read(s, n, &d))
		return 0;
	if (!d.sign) {
		ni_buf_addc(out, 0x02);
		return 1;
	}
	size_t at = out->len;
	ni_buf_addc(out, d.sign < 0 ? 0x01 : 0x03);
	uint64_t e = (uint64_t)(d.exp + ((int64_t)1 << 62));
	for (int k = 7; k >= 0; k--)
		ni_buf_addc(out, (char)(unsigned char)(e >> (k * 8)));
	size_t i = d.i0;
	int c;
	while ((c = dec_next(&d, &i)))
		ni_buf_addc(out, (char)c);
	ni_buf_addc(out, 0);
	if (d.sign < 0)   /* the more negative, the smaller */
		for (size_t k = at + 1; k < out->len; k++)
			out->s[k] = (char)~out->s[k];
	return 1;
}

/* Contract: see record.h. */
int ni_num_text(const char *s, size_t n, ni_buf *out)
{
	dec d;
	if (dec_read(s, n, &d))
		return 0;
	if (!d.sign) {
		ni_buf_addc(out, '0');
		return 1;
	}
	if (d.sign < 0)
		ni_buf_addc(out, '-');
	/* the significant digits, without the point */
	size_t at = out->len, i = d.i0;
	int c;
	while ((c = dec_next(&d, &i)))
		ni_buf_addc(out, (char)c);
	size_t k = out->len - at;      /* value = 0.DIGITS * 10^exp */
	char *dig = ni_xstrndup(out->s + at, k);
	out->len = at;
	if (d.exp > 0 && d.exp <= 21) {
		size_t e = (size_t)d.exp;
		ni_buf_add(out, dig, e < k ? e : k);
		for (size_t z = k; z < e; z++)
			ni_buf_addc(out, '0');
		if (e < k) {
			ni_buf_addc(out, '.');
			ni_buf_add(out, dig + e, k - e);
		}
	} else if (d.exp <= 0 && d.exp > -6) {
		ni_buf_adds(out, "0.");
		for (int64_t z = d.exp; z < 0; z++)
			ni_buf_addc(out, '0');
		ni_buf_add(out, dig, k);
	} else {
		ni_buf_addc(out, dig[0]);
		if (k > 1) {
			ni_buf_addc(out, '.');
			ni_buf_add(out, dig + 1, k - 1);
		}
		ni_buf_printf(out, "e%lld", (long long)(d.exp - 1));
	}
	if (out->s)
		out->s[out->len] = 0;
	free(dig);
	return 1;
}
