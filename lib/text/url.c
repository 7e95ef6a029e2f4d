/* url.c - the one URL parser of ni, and what is built on it: the
 * canonical form (--uniq, --unseen keys, item identity), the "is this an
 * http(s) URL" test, and the host of a URL (ni-summarize's domain()).
 *
 * The split follows RFC 3986's generic syntax as browsers read links:
 *   scheme ":" ["//" [userinfo "@"] host [":" port]] path ["?" query]
 *   ["#" fragment]
 * with an IPv6 literal host kept in its brackets. */
#include "text/text.h"

#include <string.h>
#include <strings.h>

/* Contract: see text.h. */
void ni_ascii_lower(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] - 'A' + 'a');
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static ni_str part(const char *p, size_t n)
{
	return (ni_str){ p, n };
}

/* Contract: see text.h. */
int ni_url_parse(const char *s, size_t n, ni_url *u)
{
	memset(u, 0, sizeof *u);
	if (!n || !is_alpha((unsigned char)s[0]))
		return -1;
	size_t i = 1;
	while (i < n && (is_alpha((unsigned char)s[i]) ||
			 (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
			 s[i] == '-' || s[i] == '.'))
		i++;
	if (i >= n || s[i] != ':')
		return -1;
	u->scheme = part(s, i);
	const char *p = s + i + 1, *end = s + n;
	const char *hash = memchr(p, '#', (size_t)(end - p));
	if (hash) {
		u->fragment = part(hash + 1, (size_t)(end - hash - 1));
		end = hash;
	}
	const char *q = memchr(p, '?', (size_t)(end - p));
	if (q) {
		u->query = part(q + 1, (size_t)(end - q - 1));
		end = q;
	}
	if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
		u->has_authority = 1;
		const char *a = p + 2, *ae = a;
		while (ae < end && *ae != '/')
			ae++;
		/* userinfo: up to the last '@' of the authority */
		const char *at = NULL;
		for (const char *c = a; c < ae; c++)
			if (*c == '@')
				at = c;
		if (at) {
			u->userinfo = part(a, (size_t)(at - a));
			a = at + 1;
		}
		const char *he;
		if (a < ae && *a == '[') {
			he = memchr(a, ']', (size_t)(ae - a));
			he = he ? he + 1 : ae;
		} else {
			he = memchr(a, ':', (size_t)(ae - a));
			if (!he)
				he = ae;
		}
		u->host = part(a, (size_t)(he - a));
		if (he < ae && *he == ':')
			u->port = part(he + 1, (size_t)(ae - he - 1));
		p = ae;
	}
	u->path = part(p, (size_t)(end - p));
	return 0;
}

static int scheme_is(const ni_url *u, const char *name)
{
	size_t k = strlen(name);
	if (u->scheme.n != k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		char c = u->scheme.p[i];
		if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != name[i])
			return 0;
	}
	return 1;
}

/* Contract: see text.h. */
int ni_url_is_web(const char *s, size_t n)
{
	ni_url u;
	if (ni_url_parse(s, n, &u) || !u.has_authority || !u.host.n)
		return 0;
	if (!scheme_is(&u, "http") && !scheme_is(&u, "https"))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* Contract: see text.h. */
int ni_url_host(const char *s, size_t n, ni_buf *out)
{
	ni_url u;
	if (ni_url_parse(s, n, &u) || !u.has_authority || !u.host.n)
		return 0;
	const char *h = u.host.p;
	size_t hn = u.host.n;
	if (hn > 4 && !strncasecmp(h, "www.", 4))
		h += 4, hn -= 4;
	size_t at = out->len;
	ni_buf_add(out, h, hn);
	ni_ascii_lower(out->s + at, hn);
	return 1;
}

static int drop_param(const char *p, size_t n)
{
	const char *eq = memchr(p, '=', n);
	size_t k = eq ? (size_t)(eq - p) : n;
	return (k > 4 && !strncmp(p, "utm_", 4)) ||
	       (k == 6 && !strncmp(p, "fbclid", 6)) ||
	       (k == 5 && !strncmp(p, "gclid", 5));
}

/* Contract: see text.h. */
void ni_url_canon(const char *s, size_t n, ni_buf *out)
{
	ni_url u;
	if (ni_url_parse(s, n, &u) || !u.has_authority) {
		ni_buf_add(out, s, n);   /* not a URL: unchanged */
		return;
	}
	size_t at = out->len;
	ni_buf_add(out, u.scheme.p, u.scheme.n);
	ni_ascii_lower(out->s + at, u.scheme.n);
	ni_buf_add(out, "://", 3);
	if (u.userinfo.p) {
		ni_buf_add(out, u.userinfo.p, u.userinfo.n);
		ni_buf_addc(out, '@');
	}
	at = out->len;
	ni_buf_add(out, u.host.p, u.host.n);
	ni_ascii_lower(out->s + at, u.host.n);
	if (u.port.p) {
		ni_buf_addc(out, ':');
		ni_buf_add(out, u.port.p, u.port.n);
	}
	size_t start = out->len;
	ni_buf_add(out, u.path.p, u.path.n);
	while (out->len > start && out->s[out->len - 1] == '/')
		out->s[--out->len] = 0;
	if (u.query.p) {
		int first = 1;
		const char *p = u.query.p, *end = p + u.query.n;
		while (p < end) {
			const char *amp = memchr(p, '&', (size_t)(end - p));
			const char *pe = amp ? amp : end;
			if (pe > p && !drop_param(p, (size_t)(pe - p))) {
				ni_buf_addc(out, first ? '?' : '&');
				ni_buf_add(out, p, (size_t)(pe - p));
				first = 0;
			}
			if (!amp)
				break;
			p = amp + 1;
		}
	}
}
