/* yaml2json.c - libyaml events -> compact JSON text, YAML 1.2 core schema.
 *
 * The converter never builds a node graph (yaml_parser_load accepts
 * self-referencing aliases): it walks events and writes JSON directly.
 * An anchored node is remembered as the byte range of its JSON text; an
 * alias copies that range.  Limits: nesting depth, alias count, output
 * size (so "billion laughs" ends in an error, not in memory exhaustion). */
#include "item/item.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct frame {
	int map;            /* 1 mapping, 0 sequence */
	int want_key;       /* mapping: next scalar is a key */
	size_t count;       /* members written */
	int anchor;         /* index of the anchor it opens, or -1 */
	unsigned serial;    /* identifies this mapping in the key table */
} frame;

typedef struct anchor {
	char *name;
	size_t start, end;  /* JSON text range in out */
	int open;           /* still being written (an ancestor) */
	int scalar_str;     /* the node was a scalar; its text is usable as key */
} anchor;

/* A front matter's first FEW keys (of at most FEW_KEY bytes) are checked
 * for duplicates by comparing them one by one, in the context itself: no
 * hash map, no allocation and no random seed per document.  More keys,
 * or a longer one, move them all into the seeded hash map, so crafted
 * input still costs linear time. */
#define FEW 32
#define FEW_KEY 48

typedef struct ctx {
	const ni_yaml_opts *o;
	ni_buf *out;
	ni_yaml_result *res;
	frame *st;
	int depth, cap;
	anchor *an;
	int nan, capan;
	ni_strmap amap;     /* anchor name -> index + 1 (constant-time lookup) */
	int aliases;
	unsigned serial;
	ni_buf keys;        /* scratch for one "serial|key" */
	ni_strmap kset;     /* keys seen, per mapping, once past `few` */
	int kset_on, amap_on;
	int nfew;           /* keys seen while few: compared one by one */
	struct { unsigned serial; unsigned char n; char k[FEW_KEY]; } few[FEW];
	size_t keycap;
	int root_done;
} ctx;

static int err_at(ctx *c, const yaml_mark_t *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int err_at(ctx *c, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->res->err, sizeof c->res->err, fmt, ap);
	va_end(ap);
	c->res->line = (unsigned long)m->line + 1;
	c->res->col = (unsigned long)m->column + 1;
	return -1;
}

/* Insert key into the key set of mapping `serial`; 1 if already there.
 * The set is a seeded hash map of "serial|key". */
static int key_dup_map(ctx *c, unsigned serial, const char *k, size_t n);

static int key_dup(ctx *c, unsigned serial, const char *k, size_t n)
{
	if (!c->kset_on && c->nfew < FEW && n <= FEW_KEY) {
		for (int i = 0; i < c->nfew; i++)
			if (c->few[i].serial == serial && c->few[i].n == n &&
			    memcmp(c->few[i].k, k, n) == 0)
				return 1;
		c->few[c->nfew].serial = serial;
		c->few[c->nfew].n = (unsigned char)n;
		memcpy(c->few[c->nfew].k, k, n);
		c->nfew++;
		return 0;
	}
	if (!c->kset_on) {
		ni_strmap_init(&c->kset);
		c->kset_on = 1;
		for (int i = 0; i < c->nfew; i++)
			key_dup_map(c, c->few[i].serial, c->few[i].k, c->few[i].n);
	}
	return key_dup_map(c, serial, k, n);
}

static int key_dup_map(ctx *c, unsigned serial, const char *k, size_t n)
{
	ni_buf_reset(&c->keys);
	ni_buf_add(&c->keys, &serial, sizeof serial);
	ni_buf_add(&c->keys, k, n);
	int isnew;
	ni_strmap_put(&c->kset, c->keys.s, c->keys.len, &isnew);
	return !isnew;
}

static int all(const char *s, size_t n, const char *set)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))   /* strchr finds NUL too */
			return 0;
	return 1;
}

static int is_null(const char *s, size_t n)
{
	return n == 0 || (n == 1 && *s == '~') ||
	       (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
			   !memcmp(s, "NULL", 4)));
}

static int is_bool(const char *s, size_t n, int *v)
{
	if (n == 4 && (!memcmp(s, "true", 4) || !memcmp(s, "True", 4) ||
		       !memcmp(s, "TRUE", 4))) {
		*v = 1;
		return 1;
	}
	if (n == 5 && (!memcmp(s, "false", 5) || !memcmp(s, "False", 5) ||
		       !memcmp(s, "FALSE", 5))) {
		*v = 0;
		return 1;
	}
	return 0;
}

/* Core schema int: [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ */
static int int_base(const char *s, size_t n)
{
	if (n > 2 && s[0] == '0' && s[1] == 'o' && all(s + 2, n - 2, "01234567"))
		return 8;
	if (n > 2 && s[0] == '0' && s[1] == 'x' &&
	    all(s + 2, n - 2, "0123456789abcdefABCDEF"))
		return 16;
	if (n && (s[0] == '-' || s[0] == '+'))
		s++, n--;
	return all(s, n, "0123456789") ? 10 : 0;
}

/* The end of an optional exponent [eE][-+]?[0-9]+ at s[i], or 0 (never
 * a valid end, as a number is not empty) when it has no digits. */
static size_t exp_end(const char *s, size_t n, size_t i)
{
	if (i >= n || (s[i] != 'e' && s[i] != 'E'))
		return i;
	if (++i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	size_t d = i;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > d ? i : 0;
}

/* Core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static int is_float(const char *s, size_t n)
{
	size_t i = 0, d1 = 0, d2 = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, d1++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, d2++;
		if (!d1 && !d2)
			return 0;
	} else if (!d1) {
		return 0;
	}
	return exp_end(s, n, i) == n;
}

/* Is s already a JSON number (so it can be copied byte for byte)? */
static int json_number(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i >= n)
		return 0;
	if (s[i] == '0') {
		i++;
	} else if (s[i] >= '1' && s[i] <= '9') {
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	} else {
		return 0;
	}
	if (i < n && s[i] == '.') {
		i++;
		size_t d = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, d++;
		if (!d)
			return 0;
	}
	return exp_end(s, n, i) == n;
}

static void put_real(ni_buf *b, double v)
{
	char t[32];
	ni_fmt_double(v, t);
	ni_buf_adds(b, t);
	if (!strpbrk(t, ".eEn"))
		ni_buf_adds(b, ".0");
}

/* Write an integer scalar: as a JSON integer, exactly (beyond 64 bits
 * too); 0x/0o beyond 64 bits and decimals of 500 digits or more as the
 * text written. */
static void put_int(ni_buf *b, const char *s, size_t n, int base)
{
	char tmp[128];
	if (base == 10 && json_number(s, n) && n < 19) {
		ni_buf_add(b, s, n);
		return;
	}
	int neg = 0;
	const char *d = s;
	size_t dn = n;
	if (base == 10 && (d[0] == '-' || d[0] == '+')) {
		neg = d[0] == '-';
		d++, dn--;
	} else if (base != 10) {
		d += 2, dn -= 2;
	}
	while (dn > 1 && *d == '0')
		d++, dn--;
	if (dn >= sizeof tmp - 2) {
		/* huge: a real (which may be inf -> string) */
		goto real;
	}
	memcpy(tmp, d, dn);
	tmp[dn] = 0;
	errno = 0;
	unsigned long long u = strtoull(tmp, NULL, base);
	if (errno == ERANGE || u > (neg ? (unsigned long long)INT64_MAX + 1
				   : (unsigned long long)INT64_MAX))
		goto real;
	if (neg && u)
		ni_buf_printf(b, "-%llu", u);
	else
		ni_buf_printf(b, "%llu", u);
	return;
real:;
	if (base != 10) {
		/* 0x/0o wider than 64 bits: the text as written, as for other
		 * numbers a double cannot hold (a real would lose the digits) */
		ni_json_quote(b, s, n);
		return;
	}
	if (dn < 500) {
		/* beyond 64 bits: the exact integer, which every ni tool reads
		 * and compares exactly (ni_num_cmp) */
		if (neg && !(dn == 1 && d[0] == '0'))
			ni_buf_addc(b, '-');
		ni_buf_add(b, d, dn);
		return;
	}
	ni_json_quote(b, s, n);   /* longer than a record's number may be */
}

/* Write a float scalar (already matched is_float). */
static void put_float(ni_buf *b, const char *s, size_t n)
{
	char *t = ni_xstrndup(s, n);
	double v = strtod(t, NULL);
	free(t);
	if (v != v || v > 1.7976931348623157e308 || v < -1.7976931348623157e308) {
		ni_json_quote(b, s, n);   /* beyond a double (1e400): the text */
		return;
	}
	if (json_number(s, n)) {
		ni_buf_add(b, s, n);
		return;
	}
	if (s[0] == '+' && json_number(s + 1, n - 1)) {
		ni_buf_add(b, s + 1, n - 1);
		return;
	}
	put_real(b, v);
}

#define TAG(x) "tag:yaml.org,2002:" x

/* Write a value scalar per the core schema and explicit tags. */
static int put_scalar(ctx *c, yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	int bv, base;
	ni_buf *b = c->out;

	if (tag && strcmp(tag, "!") != 0) {
		if (!strcmp(tag, TAG("str")))
			goto str;
		if (!strcmp(tag, TAG("null"))) {
			if (!is_null(s, n))
				return err_at(c, &ev->start_mark, "invalid !!null value");
			ni_buf_adds(b, "null");
			return 0;
		}
		if (!strcmp(tag, TAG("bool"))) {
			if (!is_bool(s, n, &bv))
				return err_at(c, &ev->start_mark, "invalid !!bool value");
			ni_buf_adds(b, bv ? "true" : "false");
			return 0;
		}
		if (!strcmp(tag, TAG("int"))) {
			if (!(base = int_base(s, n)))
				return err_at(c, &ev->start_mark, "invalid !!int value");
			put_int(b, s, n, base);
			return 0;
		}
		if (!strcmp(tag, TAG("float"))) {
			if ((base = int_base(s, n)) == 10) {
				char *t = ni_xstrndup(s, n);
				put_real(b, strtod(t, NULL));
				free(t);
				return 0;
			}
			if (is_float(s, n)) {
				put_float(b, s, n);
				return 0;
			}
			if (base) {
				put_int(b, s, n, base);
				return 0;
			}
			/* .inf, .nan: JSON has no such numbers */
			goto str;
		}
		goto str;  /* other tags: the text as a string */
	}
	if (!plain || tag)
		goto str;
	if (is_null(s, n)) {
		ni_buf_adds(b, "null");
		return 0;
	}
	if (is_bool(s, n, &bv)) {
		ni_buf_adds(b, bv ? "true" : "false");
		return 0;
	}
	if ((base = int_base(s, n))) {
		put_int(b, s, n, base);
		return 0;
	}
	if (is_float(s, n)) {
		put_float(b, s, n);
		return 0;
	}
str:
	ni_json_quote(b, s, n);
	return 0;
}

static int push(ctx *c, int map, yaml_event_t *ev, int ai)
{
	if (c->depth >= c->o->max_depth)
		return err_at(c, &ev->start_mark,
			      "front matter nested deeper than %d",
			      c->o->max_depth);
	if (c->depth == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->st = ni_xrealloc(c->st, (size_t)c->cap * sizeof *c->st);
	}
	c->st[c->depth++] = (frame){ map, map, 0, ai, ++c->serial };
	return 0;
}

static int find_anchor(ctx *c, const char *name)
{
	ni_strmap_ent *e = ni_strmap_get(&c->amap, name, strlen(name));
	return e ? (int)((uintptr_t)e->v - 1) : -1;
}

static int new_anchor(ctx *c, yaml_event_t *ev, const char *name)
{
	if (!name)
		return -1;
	if (find_anchor(c, name) >= 0) {
		err_at(c, &ev->start_mark, "anchor &%s defined twice", name);
		return -2;
	}
	if (c->nan == c->capan) {
		c->capan = c->capan ? c->capan * 2 : 8;
		c->an = ni_xrealloc(c->an, (size_t)c->capan * sizeof *c->an);
	}
	c->an[c->nan] = (anchor){ ni_xstrdup(name), c->out->len, 0, 1, 0 };
	int isnew;
	if (!c->amap_on) {
		ni_strmap_init(&c->amap);
		c->amap_on = 1;
	}
	ni_strmap_put(&c->amap, name, strlen(name), &isnew)->v =
		(void *)(uintptr_t)(c->nan + 1);
	return c->nan++;
}

/* Before writing a node: separators, key checks.  key_text is the
 * scalar's text when the node is a scalar (for use as a key). */
static int before_node(ctx *c, yaml_event_t *ev, const char *ktext,
		       size_t klen, int is_scalar, int *as_key)
{
	*as_key = 0;
	if (c->depth == 0) {
		if (c->root_done)
			return err_at(c, &ev->start_mark,
				      "more than one document in front matter");
		if (ev->type != YAML_MAPPING_START_EVENT)
			return err_at(c, &ev->start_mark,
				      "front matter is not a mapping");
		return 0;
	}
	frame *f = &c->st[c->depth - 1];
	if (f->map && f->want_key) {
		if (!is_scalar)
			return err_at(c, &ev->start_mark,
				      "mapping key is not a scalar");
		if (memchr(ktext, 0, klen))
			return err_at(c, &ev->start_mark,
				      "mapping key contains a NUL character");
		if (key_dup(c, f->serial, ktext, klen))
			return err_at(c, &ev->start_mark,
				      "duplicate key \"%.*s\"",
				      (int)(klen > 80 ? 80 : klen), ktext);
		if (f->count)
			ni_buf_addc(c->out, ',');
		if (c->depth == 1) {
			if (c->res->nkeys == c->keycap) {
				c->keycap = c->keycap ? c->keycap * 2 : 32;
				c->res->keys = ni_xrealloc(c->res->keys,
					c->keycap * sizeof *c->res->keys);
			}
			c->res->keys[c->res->nkeys++] = (ni_keypos){
				c->out->len, 0,
				(unsigned long)ev->start_mark.line + 1,
				(unsigned long)ev->start_mark.column + 1 };
		}
		*as_key = 1;
		return 0;
	}
	if (!f->map && f->count)
		ni_buf_addc(c->out, ',');
	return 0;
}

static void after_node(ctx *c, int as_key)
{
	if (c->depth == 0) {
		c->root_done = 1;
		return;
	}
	frame *f = &c->st[c->depth - 1];
	if (f->map) {
		if (as_key) {
			if (c->depth == 1)
				c->res->keys[c->res->nkeys - 1].klen =
					c->out->len - c->res->keys[c->res->nkeys - 1].koff;
			ni_buf_addc(c->out, ':');
			f->want_key = 0;
		} else {
			f->want_key = 1;
			f->count++;
		}
	} else {
		f->count++;
	}
}

static int event(ctx *c, yaml_event_t *ev)
{
	int as_key, ai;
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		const char *s = (const char *)ev->data.scalar.value;
		size_t n = ev->data.scalar.length;
		if (before_node(c, ev, s, n, 1, &as_key))
			return -1;
		ai = new_anchor(c, ev, (const char *)ev->data.scalar.anchor);
		if (ai == -2)
			return -1;
		size_t start = c->out->len;
		if (as_key)
			ni_json_quote(c->out, s, n);
		else if (put_scalar(c, ev))
			return -1;
		if (ai >= 0) {
			/* an anchored scalar is stored as its value; as a key
			 * its text is reused */
			c->an[ai].start = start;
			c->an[ai].end = c->out->len;
			c->an[ai].open = 0;
			c->an[ai].scalar_str = 1;
			if (as_key) {
				/* the value form is the quoted text */
			}
		}
		after_node(c, as_key);
		return 0;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int map = ev->type == YAML_MAPPING_START_EVENT;
		if (before_node(c, ev, NULL, 0, 0, &as_key))
			return -1;
		const char *an = (const char *)(map ? ev->data.mapping_start.anchor
						   : ev->data.sequence_start.anchor);
		ai = new_anchor(c, ev, an);
		if (ai == -2)
			return -1;
		if (ai >= 0)
			c->an[ai].start = c->out->len;
		if (push(c, map, ev, ai))
			return -1;
		ni_buf_addc(c->out, map ? '{' : '[');
		return 0;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		frame f = c->st[--c->depth];
		if (c->depth > 0 || !f.map)
			ni_buf_addc(c->out, f.map ? '}' : ']');
		if (f.anchor >= 0) {
			anchor *a = &c->an[f.anchor];
			a->end = c->out->len;
			a->open = 0;
			if (c->depth == 0)
				a->end++;  /* root: '}' added by the caller */
		}
		after_node(c, 0);
		return 0;
	}
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		int i = find_anchor(c, name);
		if (i < 0)
			return err_at(c, &ev->start_mark,
				      "undefined alias *%s", name);
		anchor a = c->an[i];
		if (a.open)
			return err_at(c, &ev->start_mark,
				      "alias *%s refers to a node that contains it",
				      name);
		if (++c->aliases > c->o->max_aliases)
			return err_at(c, &ev->start_mark,
				      "more than %d aliases", c->o->max_aliases);
		if (c->out->len + (a.end - a.start) > c->o->max_out)
			return err_at(c, &ev->start_mark,
				      "aliases expand beyond %zu bytes",
				      c->o->max_out);
		const char *txt = c->out->s + a.start;
		size_t tl = a.end - a.start;
		int kstr = a.scalar_str && tl && txt[0] == '"';
		char *copy = ni_xstrndup(txt, tl);
		ni_buf dec = {0};
		if (kstr)
			ni_json_str(ni_json_value(copy, copy + tl), &dec);
		if (before_node(c, ev, dec.s ? dec.s : copy,
				dec.s ? dec.len : tl, a.scalar_str, &as_key)) {
			free(copy);
			ni_buf_free(&dec);
			return -1;
		}
		if (as_key && !kstr)
			ni_json_quote(c->out, copy, tl);
		else
			ni_buf_add(c->out, copy, tl);
		free(copy);
		ni_buf_free(&dec);
		after_node(c, as_key);
		return 0;
	}
	default:
		return 0;
	}
}

/* Contract: see item.h. */
int ni_yaml_to_json(const char *p, size_t n, const ni_yaml_opts *o,
		    ni_buf *out, ni_yaml_result *res)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	ctx c;
	int rc = 0, done = 0;

	memset(&c, 0, sizeof c);
	c.o = o;
	c.out = out;
	c.res = res;
	res->err[0] = 0;
	res->line = res->col = 0;
	res->keys = NULL;
	res->nkeys = 0;
	size_t base = out->len;

	if (!yaml_parser_initialize(&parser))
		ni_oom();
	yaml_parser_set_input_string(&parser, (const unsigned char *)p, n);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			const char *prob = parser.problem ? parser.problem
							  : "YAML error";
			if (parser.error == YAML_READER_ERROR) {
				/* reader marks stay 0:0; use the offset */
				ni_offset_pos(p, parser.problem_offset < n ?
					      parser.problem_offset : n,
					      &res->line, &res->col);
				snprintf(res->err, sizeof res->err, "%s", prob);
			} else if (parser.error == YAML_MEMORY_ERROR) {
				ni_oom();
			} else {
				res->line = (unsigned long)parser.problem_mark.line + 1;
				res->col = (unsigned long)parser.problem_mark.column + 1;
				if (parser.context)
					snprintf(res->err, sizeof res->err,
						 "%s %s", prob, parser.context);
				else
					snprintf(res->err, sizeof res->err,
						 "%s", prob);
			}
			rc = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (event(&c, &ev))
			rc = -1, done = 1;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (rc == 0 && out->len == base)
		ni_buf_addc(out, '{');   /* empty front matter */
	for (int i = 0; i < c.nan; i++)
		free(c.an[i].name);
	free(c.an);
	free(c.st);
	ni_strmap_free(&c.kset);
	ni_strmap_free(&c.amap);
	ni_buf_free(&c.keys);
	return rc;
}
