/* util.c - diagnostics, memory, buffers, number formatting. */
#include "base/base.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "prog: [place: ]message\n" on stderr, after what stdout holds (so that
 * in `2>&1` a message follows the records written before it). */
__attribute__((format(printf, 3, 0)))
static void vmsg(ni_diag *d, const char *place, const char *fmt, va_list ap)
{
	if (d->flush)
		d->flush(d->flush_ctx);
	if (place)
		fprintf(stderr, "%s: %s: ", d->prog, place);
	else
		fprintf(stderr, "%s: ", d->prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* "FILE:LINE:COL", with control characters in FILE shown as '?' so a
 * crafted file name cannot forge or split a message line. */
static void place_of(char *out, size_t n, const char *file,
		     unsigned long line, unsigned long col)
{
	char safe[4096];
	size_t i = 0;
	for (; file[i] && i < sizeof safe - 1; i++)
		safe[i] = (unsigned char)file[i] < 0x20 || file[i] == 0x7f ? '?' : file[i];
	safe[i] = 0;
	if (line && col)
		snprintf(out, n, "%s:%lu:%lu", safe, line, col);
	else if (line)
		snprintf(out, n, "%s:%lu", safe, line);
	else
		snprintf(out, n, "%s", safe);
}

/* Contract: see base.h.  Counts the error in d->errors. */
void ni_error(ni_diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(d, NULL, fmt, ap);
	va_end(ap);
	d->errors++;
}

/* A message at FILE:LINE[:COL] (the error and the note). */
static void vmsg_at(ni_diag *d, const char *file, unsigned long line,
		    unsigned long col, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
static void vmsg_at(ni_diag *d, const char *file, unsigned long line,
		    unsigned long col, const char *fmt, va_list ap)
{
	char place[4200];
	place_of(place, sizeof place, file, line, col);
	vmsg(d, place, fmt, ap);
}

/* Contract: see base.h.  Counts the error in d->errors. */
void ni_error_at(ni_diag *d, const char *file, unsigned long line,
		 unsigned long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg_at(d, file, line, col, fmt, ap);
	va_end(ap);
	d->errors++;
}

/* Contract: see base.h.  Not counted. */
void ni_note_at(ni_diag *d, const char *file, unsigned long line,
		unsigned long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg_at(d, file, line, col, fmt, ap);
	va_end(ap);
}

/* Contract: see base.h.  Not counted. */
void ni_note(ni_diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(d, NULL, fmt, ap);
	va_end(ap);
}

/* Contract: see base.h.  Not counted. */
void ni_progress(ni_diag *d, int final, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (d->flush)
		d->flush(d->flush_ctx);
	fprintf(stderr, "\r%s: ", d->prog);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (final)
		fputc('\n', stderr);
}

/* Contract: see base.h.  Counted; returns NI_EXIT_ERR. */
int ni_usage(ni_diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(d, NULL, fmt, ap);
	va_end(ap);
	return ni_usage_hint(d);
}

/* Contract: see base.h.  Counted; returns NI_EXIT_ERR. */
int ni_usage_hint(ni_diag *d)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", d->prog);
	d->errors++;
	return NI_EXIT_ERR;
}

/* Contract: see base.h.  Counts the error in d->errors. */
void ni_perr_set(ni_perr *e, unsigned long line, unsigned long col,
		 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->line = line;
	e->col = col;
}

/* Contract: see base.h.  Counts the error in d->errors. */
void ni_perr_print(ni_diag *d, const char *where, const char *src,
		   const ni_perr *e)
{
	char place[4200];
	if (e->line)
		place_of(place, sizeof place, where, e->line, e->col);
	else
		place_of(place, sizeof place, where, e->col, 0);
	ni_error(d, "%s: %s", place, e->msg);
	if (!src)
		return;
	/* the line of the error */
	for (unsigned long l = 1; l < e->line && *src; l++) {
		const char *nl = strchr(src, '\n');
		src = nl ? nl + 1 : src + strlen(src);
	}
	size_t n = strcspn(src, "\n");
	/* shown as printed: controls (TAB too) as spaces, so the caret
	 * lines up; its column is the display width of the characters
	 * before col (wide Korean = 2, combining = 0) */
	ni_buf line = {0};
	size_t before = 0, chars = 0;
	for (size_t i = 0; i < n; ) {
		if (chars + 1 == e->col)
			before = line.len;
		size_t k;
		long cp = ni_utf8_decode((const unsigned char *)src + i, n - i, &k);
		if (cp < 0x20 || cp == 0x7f)
			ni_buf_addc(&line, cp < 0 ? '?' : ' ');
		else
			ni_buf_add(&line, src + i, k);
		i += k;
		chars++;
	}
	if (e->col > chars)
		before = line.len;
	fprintf(stderr, "  %s\n  %*s^\n", line.s ? line.s : "",
		(int)ni_width(line.s ? line.s : "", before), "");
	ni_buf_free(&line);
}

/* Contract: never NULL; dies on exhaustion. */
void *ni_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		ni_oom();
	return p;
}

/* Contract: never NULL; zeroed; dies on exhaustion or overflow. */
void *ni_xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		ni_oom();
	return p;
}

/* Contract: never NULL; dies on exhaustion. */
void *ni_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		ni_oom();
	return p;
}

/* Contract: caller frees the copy. */
char *ni_xstrdup(const char *s)
{
	return ni_xstrndup(s, strlen(s));
}

/* Contract: caller frees the copy; the copy is NUL-terminated. */
char *ni_xstrndup(const char *s, size_t n)
{
	char *p = ni_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

/* Contract: after it, b has room for `more` bytes plus a NUL. */
void ni_buf_grow(ni_buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	if (more > SIZE_MAX / 2 - b->len)
		ni_oom();
	size_t c = b->cap ? b->cap : 256;
	while (c < b->len + more + 1)
		c *= 2;
	b->s = ni_xrealloc(b->s, c);
	b->cap = c;
}

/* Contract: appends n bytes (may include NUL). */
void ni_buf_add(ni_buf *b, const void *p, size_t n)
{
	ni_buf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = 0;
}

/* Contract: appends a C string. */
void ni_buf_adds(ni_buf *b, const char *s)
{
	ni_buf_add(b, s, strlen(s));
}

/* Contract: appends formatted text (C locale numbers: ni never calls
 * setlocale for LC_NUMERIC). */
void ni_buf_printf(ni_buf *b, const char *fmt, ...)
{
	/* formatted once into the room there is (128 bytes at least);
	 * a second time only when it did not fit */
	ni_buf_grow(b, 128);
	size_t room = b->cap - b->len;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->s + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->s[b->len] = 0;
		return;
	}
	if ((size_t)n >= room) {
		ni_buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

/* Contract: empties b, keeps its memory. */
void ni_buf_reset(ni_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = 0;
}

/* Contract: releases b's memory; b is empty and reusable afterwards. */
void ni_buf_free(ni_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Contract: see base.h. */
long long ni_parse_size(const char *s)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || v < 0)
		return -1;
	long long mul = 1;
	switch (*end) {
	case 'k': case 'K': mul = 1LL << 10; end++; break;
	case 'm': case 'M': mul = 1LL << 20; end++; break;
	case 'g': case 'G': mul = 1LL << 30; end++; break;
	default: break;
	}
	if (*end || v > LLONG_MAX / mul)
		return -1;
	return v * mul;
}

/* Contract: see base.h. */
void ni_fmt_double(double v, char out[32])
{
	if (isnan(v) || isinf(v)) {
		strcpy(out, "null");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(out, 32, "%.0f", v);
		if (strcmp(out, "-0") == 0)
			strcpy(out, "0");
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
	/* a locale with a decimal comma must never leak into records */
	for (char *p = out; *p; p++)
		if (*p == ',')
			*p = '.';
}

/* Contract: see base.h.  Why these rules: ni_fmt_double prints an
 * integer below 1e15 with %.0f, and anything else with the first of
 * %.15g..%.17g that reads back; a decimal of at most 15 significant
 * digits reads back from %.15g, which drops trailing zeros and uses an
 * exponent only below 1e-4 (or at 1e15 and above: more than 15 digits). */
int ni_num_canonical(const char *s, size_t n)
{
	size_t i = 0, sig = 0, lead0 = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i >= n)
		return 0;
	int zero_int = s[i] == '0';
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		sig += !zero_int;
		i++;
	}
	if (i == n)                   /* an integer */
		return sig <= 15 && !(zero_int && s[0] == '-');
	if (s[i] != '.')
		return 0;                 /* an exponent */
	size_t f = ++i;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		if (zero_int && sig == 0 && s[i] == '0')
			lead0++;
		else
			sig++;
		i++;
	}
	return i == n && i > f && s[n - 1] != '0' && sig <= 15 && lead0 <= 3;
}

/* Contract: see base.h. */
int ni_opt_need_input(ni_diag *d, int nfiles)
{
	if (nfiles == 0 && isatty(0))
		return ni_usage(d, "no input: give FILE arguments or pipe records in");
	return 0;
}

/* Contract: see base.h. */
void ni_opt_words(char ***v, int *n, const char *arg, int empty)
{
	for (const char *p = arg;;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len || empty) {
			*v = ni_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
			(*v)[(*n)++] = ni_xstrndup(p, len);
		}
		if (!e)
			break;
		p = e + 1;
	}
}

/* Contract: see base.h. */
long ni_utf8_decode(const unsigned char *p, size_t n, size_t *len)
{
	unsigned c = p[0];
	size_t k;
	unsigned min, cp;
	*len = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xC2 && c <= 0xDF) { k = 2; min = 0x80; cp = c & 0x1F; }
	else if (c >= 0xE0 && c <= 0xEF) { k = 3; min = 0x800; cp = c & 0x0F; }
	else if (c >= 0xF0 && c <= 0xF4) { k = 4; min = 0x10000; cp = c & 0x07; }
	else return -1;
	if (n < k)
		return -1;
	for (size_t i = 1; i < k; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*len = k;
	return (long)cp;
}
