/* yamlout.c - records -> YAML front matter that reads back as the same
 * JSON value under both schemas people load it with: the YAML 1.2 core
 * schema (ni-parse, libyaml) and YAML 1.1 (PyYAML's safe loader, where
 * yes/no/on/off are booleans, 1:20 is sexagesimal, 2024-01-01 a date,
 * 0o17/0x1F/012 integers, `=` and `<<` special, and `1e5` a string).
 *
 * Style: a string is plain only when no reader could take it for
 * anything else; otherwise it is double-quoted with escapes, on one
 * line.  Lists of a few short scalars are flow lists, other lists block
 * lists; maps are block maps.  Numbers keep their JSON spelling, except
 * that an exponent gets a '.' in its mantissa and a sign ("1e5" ->
 * "1.0e+5"), since YAML 1.1 reads "1e5" as a string. */
#include "write/write_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* flow list limits: each element's YAML text, and the whole list */
#define FLOW_ELEM_COLS 40
#define FLOW_ELEM_SPACES 2
#define FLOW_LIST_COLS 200
/* libyaml and PyYAML refuse implicit keys of 1024 characters or more */
#define MAX_IMPLICIT_KEY 1000

typedef struct yctx {
	ni_buf *o;
	ni_buf tmp;        /* a decoded string */
	ni_buf flow;       /* a flow list or a key being measured */
	char *err;
	size_t errsz;
} yctx;

/* The words YAML 1.1 or 1.2 read as null or a boolean, in any case
 * (quoting "yEs" is harmless; missing one that a reader knows is not). */
static int reserved(const char *s, size_t n)
{
	static const char *w[] = { "null", "true", "false", "yes", "no", "on",
				   "off", "y", "n", NULL };
	for (int i = 0; w[i]; i++)
		if (strlen(w[i]) == n && !strncasecmp(s, w[i], n))
			return 1;
	return 0;
}

/* Could a string that starts with a digit be a number, date, time or
 * sexagesimal in either schema?  Conservatively: yes when it holds only
 * characters such forms use. */
static int numberish(const char *s, size_t n)
{
	static const char set[] = "0123456789abcdefABCDEFxXoObB_.:+-tTzZiInN ";
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))
			return 0;
	return 1;
}

/* Is s (n bytes of UTF-8) safe as a plain YAML scalar, read back as the
 * same string under the YAML 1.2 core schema and YAML 1.1 (PyYAML)?  flow:
 * inside a flow list, where , [ ] { } : # end a plain scalar.  man/ni-write.1
 * lists the rules (QUOTING). */
static int ni_yaml_plain_ok(const char *s, size_t n, int flow)
{
	if (!n)
		return 0;
	unsigned char c0 = (unsigned char)s[0];
	if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') ||
	      (c0 >= '0' && c0 <= '9') || c0 == '(' || c0 == '/' ||
	      c0 == '$' || c0 == '_' || c0 >= 0x80))
		return 0;
	if (s[n - 1] == ' ' || s[n - 1] == ':')
		return 0;
	if (c0 >= '0' && c0 <= '9' && numberish(s, n))
		return 0;
	if (reserved(s, n))
		return 0;
	/* records are valid UTF-8 (checked on input), so the characters to
	 * refuse can be told by their bytes, without decoding */
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if (c >= 0x80) {
			if (c >= 0xF0)                           /* beyond the BMP */
				return 0;
			if (c == 0xC2 && i + 1 < n && p[i + 1] < 0xA0)
				return 0;                        /* C1, NEL */
			if (c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 &&
			    (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
				return 0;                        /* LS, PS */
			if (c == 0xEF && i + 2 < n &&
			    ((p[i + 1] == 0xBB && p[i + 2] == 0xBF) ||
			     (p[i + 1] == 0xBF && p[i + 2] >= 0xBE)))
				return 0;                        /* BOM, FFFE/F */
			continue;                                /* continuation bytes too */
		}
		if (c < 0x20 || c == 0x7F || c == '"' || c == '\'' || c == '\\')
			return 0;
		if (flow && strchr(",[]{}#:?", c))   /* c != 0 here */
			return 0;
		if (c == ':' && i + 1 < n && s[i + 1] == ' ')
			return 0;
		if (c == '#' && i > 0 && s[i - 1] == ' ')
			return 0;
	}
	return 1;
}

/* Append s (n bytes of UTF-8, NUL allowed) as a double-quoted YAML scalar
 * on one line: " and \ escaped, controls, NEL, LS, PS, BOM, U+FFFE/FFFF
 * as escapes, everything else (Korean, emoji) as it is. */
static void ni_yaml_quote(ni_buf *b, const char *s, size_t n)
{
	ni_buf_addc(b, '"');
	size_t run = 0;   /* start of bytes copied as they are */
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char hex[12];
		size_t k = 1;
		if (c < 0x80) {
			switch (c) {
			case '"': esc = "\\\""; break;
			case '\\': esc = "\\\\"; break;
			case 0: esc = "\\0"; break;
			case '\a': esc = "\\a"; break;
			case '\b': esc = "\\b"; break;
			case '\t': esc = "\\t"; break;
			case '\n': esc = "\\n"; break;
			case '\v': esc = "\\v"; break;
			case '\f': esc = "\\f"; break;
			case '\r': esc = "\\r"; break;
			case 0x1B: esc = "\\e"; break;
			default:
				if (c < 0x20 || c == 0x7F) {
					snprintf(hex, sizeof hex, "\\x%02X", c);
					esc = hex;
				}
			}
		} else {
			long cp = ni_utf8_decode((const unsigned char *)s + i, n - i, &k);
			if (cp < 0) {
				esc = "\\uFFFD";   /* not reached: records are UTF-8 */
			} else if (cp == 0x85) {
				esc = "\\N";
			} else if (cp < 0xA0) {
				snprintf(hex, sizeof hex, "\\x%02lX", cp);
				esc = hex;
			} else if (cp == 0x2028) {
				esc = "\\L";
			} else if (cp == 0x2029) {
				esc = "\\P";
			} else if (cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
				snprintf(hex, sizeof hex, "\\u%04lX", cp);
				esc = hex;
			}
		}
		if (esc) {
			ni_buf_add(b, s + run, i - run);
			ni_buf_adds(b, esc);
			run = i + k;
		}
		i += k;
	}
	ni_buf_add(b, s + run, n - run);
	ni_buf_addc(b, '"');
}

/* A JSON number as YAML both schemas read as the same number. */
static int number(yctx *c, ni_buf *o, const char *p, size_t n)
{
	const char *e = NULL;
	int frac = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '.')
			frac = 1;
		else if (p[i] == 'e' || p[i] == 'E')
			e = p + i;
	}
	if (!frac && !e) {
		const char *d = p;
		size_t dn = n;
		int neg = *d == '-';
		if (neg)
			d++, dn--;
		if (dn > 19 || (dn == 19 && memcmp(d, neg ? "9223372036854775808"
						   : "9223372036854775807", 19) > 0)) {
			snprintf(c->err, c->errsz, "integer %.*s does not fit in 64 "
				 "bits: YAML readers would change it", (int)(n > 40 ? 40 : n), p);
			return -1;
		}
		ni_buf_add(o, p, n);
		return 0;
	}
	if (!e) {
		ni_buf_add(o, p, n);
		return 0;
	}
	/* YAML 1.1 floats need a '.' and a signed exponent */
	ni_buf_add(o, p, (size_t)(e - p));
	if (!frac)
		ni_buf_adds(o, ".0");
	ni_buf_addc(o, *e);
	if (e + 1 < p + n && e[1] != '+' && e[1] != '-')
		ni_buf_addc(o, '+');
	ni_buf_add(o, e + 1, (size_t)(p + n - e - 1));
	return 0;
}

static int is_scalar(ni_jval v)
{
	return v.t == NI_J_NULL || v.t == NI_J_TRUE || v.t == NI_J_FALSE ||
	       v.t == NI_J_NUM || v.t == NI_J_STR;
}

static void string(yctx *c, ni_buf *o, const char *s, size_t n, int flow)
{
	if (ni_yaml_plain_ok(s, n, flow))
		ni_buf_add(o, s, n);
	else
		ni_yaml_quote(o, s, n);
}

static int scalar(yctx *c, ni_buf *o, ni_jval v, int flow)
{
	switch (v.t) {
	case NI_J_NULL: ni_buf_adds(o, "null"); return 0;
	case NI_J_TRUE: ni_buf_adds(o, "true"); return 0;
	case NI_J_FALSE: ni_buf_adds(o, "false"); return 0;
	case NI_J_NUM: return number(c, o, v.p, v.n);
	case NI_J_STR:
		if (!memchr(v.p + 1, '\\', v.n - 2)) {   /* no escapes */
			string(c, o, v.p + 1, v.n - 2, flow);
		} else {
			ni_buf_reset(&c->tmp);
			ni_json_str(v, &c->tmp);
			string(c, o, c->tmp.s ? c->tmp.s : "", c->tmp.len, flow);
		}
		return 0;
	default:
		return 0;
	}
}

static void pad(ni_buf *o, int col)
{
	for (int i = 0; i < col; i++)
		ni_buf_addc(o, ' ');
}

static int spaces(const char *s, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == ' ';
	return k;
}

/* Build arr as a flow list in c->flow when it is a short list of short
 * scalars: 1 yes, 0 no, -1 error. */
static int flow_list(yctx *c, ni_jval arr)
{
	ni_buf_reset(&c->flow);
	ni_buf_addc(&c->flow, '[');
	const char *it = NULL;
	ni_jval e;
	size_t total = 1;
	int first = 1;
	while (ni_json_next(arr, &it, NULL, &e)) {
		if (!is_scalar(e))
			return 0;
		if (!first)
			ni_buf_adds(&c->flow, ", ");
		first = 0;
		size_t st = c->flow.len;
		if (scalar(c, &c->flow, e, 1))
			return -1;
		size_t w = ni_width(c->flow.s + st, c->flow.len - st);
		if (w > FLOW_ELEM_COLS ||
		    spaces(c->flow.s + st, c->flow.len - st) > FLOW_ELEM_SPACES)
			return 0;
		total += w + 2;
		if (total > FLOW_LIST_COLS)
			return 0;
	}
	ni_buf_addc(&c->flow, ']');
	return 1;
}

static int map_block(yctx *c, ni_jval obj, int col, int inline_first, int top);
static int seq_block(yctx *c, ni_jval arr, int col, int inline_first);

static int empty(ni_jval v)
{
	const char *it = NULL;
	ni_jval e;
	return !ni_json_next(v, &it, NULL, &e);
}

/* The value after "key:" (block children at col). */
static int value(yctx *c, ni_jval v, int col)
{
	ni_buf *o = c->o;
	if (is_scalar(v)) {
		ni_buf_addc(o, ' ');
		if (scalar(c, o, v, 0))
			return -1;
		ni_buf_addc(o, '\n');
		return 0;
	}
	if (empty(v)) {
		ni_buf_adds(o, v.t == NI_J_ARR ? " []\n" : " {}\n");
		return 0;
	}
	if (v.t == NI_J_ARR) {
		int f = flow_list(c, v);
		if (f < 0)
			return -1;
		if (f) {
			ni_buf_addc(o, ' ');
			ni_buf_add(o, c->flow.s, c->flow.len);
			ni_buf_addc(o, '\n');
			return 0;
		}
		ni_buf_addc(o, '\n');
		return seq_block(c, v, col, 0);
	}
	ni_buf_addc(o, '\n');
	return map_block(c, v, col, 0, 0) < 0 ? -1 : 0;
}

/* The value after "-" (its content starts at col). */
static int item(yctx *c, ni_jval v, int col)
{
	ni_buf *o = c->o;
	if (is_scalar(v) || empty(v))
		return value(c, v, col);
	if (v.t == NI_J_ARR) {
		int f = flow_list(c, v);
		if (f < 0)
			return -1;
		if (f)
			return value(c, v, col);
		ni_buf_addc(o, ' ');
		return seq_block(c, v, col, 1);
	}
	ni_buf_addc(o, ' ');
	return map_block(c, v, col, 1, 0) < 0 ? -1 : 0;
}

static int seq_block(yctx *c, ni_jval arr, int col, int inline_first)
{
	const char *it = NULL;
	ni_jval e;
	int first = 1;
	while (ni_json_next(arr, &it, NULL, &e)) {
		if (!first || !inline_first)
			pad(c->o, col);
		first = 0;
		ni_buf_addc(c->o, '-');
		if (item(c, e, col + 2))
			return -1;
	}
	return 0;
}

/* Write the key k at the current position (padded already), then ':'. */
static int key(yctx *c, ni_jval k, int col)
{
	ni_buf_reset(&c->tmp);
	ni_json_str(k, &c->tmp);
	const char *s = c->tmp.s ? c->tmp.s : "";
	if (memchr(s, 0, c->tmp.len)) {
		snprintf(c->err, c->errsz, "a key holds a NUL character, which "
			 "YAML keys cannot carry");
		return -1;
	}
	ni_buf_reset(&c->flow);
	string(c, &c->flow, s, c->tmp.len, 0);
	if (c->flow.len > MAX_IMPLICIT_KEY) {
		/* an explicit key: "? KEY" then ":" on the next line */
		ni_buf_adds(c->o, "? ");
		ni_buf_add(c->o, c->flow.s, c->flow.len);
		ni_buf_addc(c->o, '\n');
		pad(c->o, col);
	} else {
		ni_buf_add(c->o, c->flow.s, c->flow.len);
	}
	ni_buf_addc(c->o, ':');
	return 0;
}

/* Is k one of ni's own keys ("_path", "_body"...), escaped or not? */
static int is_own_key(yctx *c, ni_jval k)
{
	if (k.n > 2 && k.p[1] == '_')
		return 1;
	if (k.n < 8 || k.p[1] != '\\')
		return 0;
	ni_buf_reset(&c->tmp);
	ni_json_str(k, &c->tmp);
	return c->tmp.len && c->tmp.s[0] == '_';
}

static int map_block(yctx *c, ni_jval obj, int col, int inline_first, int top)
{
	const char *it = NULL;
	ni_jval k, v;
	int first = 1, n = 0;
	while (ni_json_next(obj, &it, &k, &v)) {
		if (top && is_own_key(c, k))
			continue;
		if (!first || !inline_first)
			pad(c->o, col);
		first = 0;
		if (key(c, k, col) || value(c, v, col + 2))
			return -1;
		n++;
	}
	return n;
}

/* Contract: see write_int.h. */
int ni_yaml_record(ni_jval rec, ni_buf *out, char *err, size_t errsz)
{
	yctx c;
	memset(&c, 0, sizeof c);
	c.o = out;
	c.err = err;
	c.errsz = errsz;
	int n = rec.t == NI_J_OBJ ? map_block(&c, rec, 0, 0, 1) : 0;
	if (n == 0)
		ni_buf_adds(out, "{}\n");   /* an empty mapping, not a null */
	ni_buf_free(&c.tmp);
	ni_buf_free(&c.flow);
	return n;
}
