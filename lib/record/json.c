/* json.c - a validating JSON scanner over record text, lazy lookups, and
 * the JSON string writer.
 *
 * Records stay text: ni_json_check validates a line once, then values are
 * located by scanning spans of the original bytes.  This is what lets
 * ni-filter write selected lines byte for byte and skip building trees. */
#include "record/record.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* byte classes inside strings: 0 = plain, 1 = '"', 2 = '\\', 3 = control,
 * 4 = non-ASCII lead/continuation */
static const unsigned char strcls[256] = {
	3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3, 3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,
	0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
	0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,2,0,0,0,
	0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
	4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4, 4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
	4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4, 4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
	4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4, 4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
	4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4, 4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
};

typedef struct chk {
	const char *start, *end;  /* the line */
	const char *p;      /* check_string's string (its opening quote) */
	ni_jidx *idx;       /* top-level members, filled when not NULL */
	int max_depth;
	int level;          /* NI_SCAN_*: how string text is searched */
	int utf8ok;         /* the whole line is valid UTF-8 (checked first) */
	const uint64_t *bits; /* NULL, or the special bytes of the line from
			       * start (ni_scan_marks), when utf8ok */
	const char *err;
	const char *errp;
} chk;

static int fail(chk *c, const char *at, const char *msg)
{
	c->err = msg;
	c->errp = at;
	return -1;
}

/* The first special byte ('"', '\\', control) at or after q, found in
 * c->bits; the end of the line is marked, so the search stops there. */
static inline const char *next_special(const chk *c, const char *q)
{
	size_t i = (size_t)(q - c->start);
	const uint64_t *w = c->bits + i / 64;
	uint64_t m = *w >> (i % 64);
	if (m)
		return q + __builtin_ctzll(m);
	while (!*++w)
		;
	return c->start + (size_t)(w - c->bits) * 64 + __builtin_ctzll(*w);
}

static int hex4(const char *p, unsigned *v)
{
	unsigned r = 0;
	for (int i = 0; i < 4; i++) {
		char ch = p[i];
		r <<= 4;
		if (ch >= '0' && ch <= '9') r |= (unsigned)(ch - '0');
		else if (ch >= 'a' && ch <= 'f') r |= (unsigned)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F') r |= (unsigned)(ch - 'A' + 10);
		else return -1;
	}
	*v = r;
	return 0;
}

static void put_utf8(ni_buf *b, unsigned cp)
{
	char t[4];
	size_t n;
	if (cp < 0x80) { t[0] = (char)cp; n = 1; }
	else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6)); t[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12)); t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18)); t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); t[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
	}
	ni_buf_add(b, t, n);
}

/* Check a string at c->p (on the opening quote); the text before from
 * (c->p + 1 or later) is known to hold no special byte ('"', '\\',
 * control, or non-ASCII when the line is not known to be valid UTF-8).
 * With dec, append its decoded bytes.  Sets *nul when it decodes a NUL.
 * Returns 0, 1 when the string has an escape, or -1 (c->err set).
 *
 * When the line is known to be valid UTF-8 (c->utf8ok), the text between
 * special bytes is found in the line's bitmap (c->bits) or by a vector
 * search (ni_scan_special), both passing non-ASCII bytes; otherwise (the
 * scalar reference, and any line with bad UTF-8, so that its message and
 * column come from here) each character is decoded in turn. */
static int check_string(chk *c, const char *from, ni_buf *dec, int *nul)
{
	const char *q = from;
	const char *runs = c->p + 1;
	int esc = 0;
	for (;;) {
		if (c->bits)
			q = next_special(c, q);
		else if (c->utf8ok)
			q = ni_scan_special(q, c->end, c->level);
		else
			while (q < c->end && strcls[(unsigned char)*q] == 0)
				q++;
		if (q >= c->end)
			return fail(c, q, "premature end of input in string");
		unsigned char ch = (unsigned char)*q;
		switch (strcls[ch]) {
		case 1:
			if (dec)
				ni_buf_add(dec, runs, (size_t)(q - runs));
			c->p = q + 1;
			return esc;
		case 3:
			return fail(c, q, "control character in string");
		case 4: {
			size_t k;
			if (ni_utf8_decode((const unsigned char *)q,
					   (size_t)(c->end - q), &k) < 0)
				return fail(c, q, "invalid UTF-8 in string");
			q += k;
			break;
		}
		case 2: {
			esc = 1;
			if (dec)
				ni_buf_add(dec, runs, (size_t)(q - runs));
			if (q + 1 >= c->end)
				return fail(c, q, "premature end of input in string");
			char e = q[1];
			unsigned cp;
			const char *at = q;
			q += 2;
			switch (e) {
			case '"': cp = '"'; break;
			case '\\': cp = '\\'; break;
			case '/': cp = '/'; break;
			case 'b': cp = '\b'; break;
			case 'f': cp = '\f'; break;
			case 'n': cp = '\n'; break;
			case 'r': cp = '\r'; break;
			case 't': cp = '\t'; break;
			case 'u':
				if (c->end - q < 4 || hex4(q, &cp))
					return fail(c, at, "invalid \\u escape");
				q += 4;
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					unsigned lo;
					if (c->end - q < 6 || q[0] != '\\' ||
					    q[1] != 'u' || hex4(q + 2, &lo) ||
					    lo < 0xDC00 || lo > 0xDFFF)
						return fail(c, at, "invalid Unicode surrogate");
					q += 6;
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					     (lo - 0xDC00);
				} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
					return fail(c, at, "invalid Unicode surrogate");
				}
				if (cp == 0 && nul)
					*nul = 1;
				break;
			default:
				return fail(c, at, "invalid escape");
			}
			if (dec)
				put_utf8(dec, cp);
			runs = q;
			break;
		}
		}
	}
}

/* fail, for the functions that return a position: NULL. */
static const char *failp(chk *c, const char *at, const char *msg)
{
	fail(c, at, msg);
	return NULL;
}

/* Whitespace from p: the first byte after it.  Records have none or one
 * space between tokens (", " and ": " from most writers): those take a
 * test or two. */
static inline const char *skip_ws_in(const char *p, const char *end)
{
	if (p < end && (unsigned char)*p > ' ')
		return p;
	if (end - p >= 2 && *p == ' ' && (unsigned char)p[1] > ' ')
		return p + 1;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* The string at p (on its opening quote), as check_string without
 * decoding: returns the byte after it, or NULL (c->err set); *esc = 1
 * when it has an escape.  The common case (a marked line, no escape
 * before the closing quote) is inline. */
static inline const char *str(chk *c, const char *p, int *nul, int *esc)
{
	const char *q = p + 1;
	if (c->bits) {
		q = next_special(c, q);
		if (q < c->end && *q == '"') {
			*esc = 0;
			return q + 1;
		}
	}
	c->p = p;
	int r = check_string(c, q, NULL, nul);
	if (r < 0)
		return NULL;
	*esc = r;
	return c->p;
}

/* The number at s: the byte after it, or NULL. */
static const char *check_number(chk *c, const char *s)
{
	const char *q = s, *end = c->end;
	int real = 0, expo = 0;
	if (q < end && *q == '-')
		q++;
	if (q >= end)
		return failp(c, s, "invalid number");
	if (*q == '0') {
		q++;
	} else if (*q >= '1' && *q <= '9') {
		while (q < end && *q >= '0' && *q <= '9')
			q++;
	} else {
		return failp(c, s, "invalid number");
	}
	if (q < end && *q == '.') {
		real = 1;
		q++;
		if (q >= end || *q < '0' || *q > '9')
			return failp(c, s, "invalid number");
		while (q < end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < end && (*q == 'e' || *q == 'E')) {
		real = expo = 1;
		q++;
		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (q >= end || *q < '0' || *q > '9')
			return failp(c, s, "invalid number");
		while (q < end && *q >= '0' && *q <= '9')
			q++;
	}
	size_t len = (size_t)(q - s);
	if (!real) {
		/* an integer of any size passes through as written, and
		 * compares exactly (ni_num_cmp) */
		if (len >= 512)
			return failp(c, s, "number too long");
	} else if (len > 16 || expo) {
		char tmp[512];
		if (len >= sizeof tmp)
			return failp(c, s, "number too long");
		memcpy(tmp, s, len);
		tmp[len] = 0;
		errno = 0;
		double v = strtod(tmp, NULL);
		if (errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL))
			return failp(c, s, "real number overflow");
	}
	return q;
}

/* The literal w (n bytes) at p: the byte after it, or NULL. */
static const char *lit(chk *c, const char *p, const char *w, size_t n)
{
	if ((size_t)(c->end - p) < n || memcmp(p, w, n) != 0)
		return failp(c, p, "invalid token");
	return p + n;
}

static const char *check_value(chk *c, const char *p, int depth);

/* A value at p (after whitespace): strings inline, the rest by
 * check_value.  The byte after it, or NULL. */
static inline const char *member_value(chk *c, const char *p, int depth)
{
	if (p < c->end && *p == '"') {
		int esc;
		return str(c, p, NULL, &esc);
	}
	return check_value(c, p, depth);
}

/* The keys of one object, for duplicate detection.  Keys without escapes
 * are spans of the line; escaped ones are decoded copies (rare).  Above
 * the scalar level, the first 32 keys are found by their hash (key_hash)
 * in a 256-slot table, so a key is compared only with keys of its hash
 * (or next to it); the scalar level (the reference) compares each key
 * with every key before it.  From 32 keys on, a seeded hash set at every
 * level. */
typedef struct kspan {
	const char *p;
	size_t n;
	char *own;
	unsigned h;         /* key_hash */
} kspan;

/* A hash of a key in 0..255, its bit in check_object's mask: its first
 * and last 8 bytes (4 when shorter, or the first, middle and last byte)
 * and its length, multiplied.  Keys that share a prefix (source_id,
 * source_url) or a suffix differ in one of the two words.  Equal keys
 * have equal hashes. */
static inline unsigned key_hash(const char *p, size_t n)
{
	uint64_t a, z;
	if (n >= 8) {
		memcpy(&a, p, 8);
		memcpy(&z, p + n - 8, 8);
	} else if (n >= 4) {
		uint32_t a4, z4;
		memcpy(&a4, p, 4);
		memcpy(&z4, p + n - 4, 4);
		a = a4;
		z = z4;
	} else if (n) {
		a = (uint64_t)(unsigned char)p[0] |
		    (uint64_t)(unsigned char)p[n / 2] << 8;
		z = (unsigned char)p[n - 1];
	} else {
		a = z = 0;
	}
	uint64_t x = a ^ (z << 32 | z >> 32) ^ n;
	return (unsigned)((x * 0x9E3779B97F4A7C15ULL) >> 56);
}

/* The type of a valid value by its first byte; 0: a number. */
static const unsigned char vtype[256] = {
	['"'] = NI_J_STR, ['{'] = NI_J_OBJ, ['['] = NI_J_ARR,
	['t'] = NI_J_TRUE, ['f'] = NI_J_FALSE, ['n'] = NI_J_NULL,
};

/* The decoded text of the escaped key [kstart, kend) (quotes included,
 * valid): an allocated copy, its length in *n. */
static char *decode_key(const chk *c, const char *kstart, const char *kend,
			size_t *n)
{
	chk sub = { .p = kstart, .end = kend, .level = c->level,
		    .utf8ok = c->utf8ok };
	ni_buf tmp = {0};
	check_string(&sub, sub.p + 1, &tmp, NULL);
	char *own = ni_xstrndup(tmp.s ? tmp.s : "", tmp.len);
	*n = tmp.len;
	ni_buf_free(&tmp);
	return own;
}

/* ---- the index of a record with more than NI_JIDX_MAX members ---- */

struct ni_jbig {
	ni_jidx_ent *e;        /* every member */
	size_t n, cap;
	uint32_t *tab;         /* 1 + index into e, by key hash; 0: free */
	size_t tcap;           /* a power of 2, >= 2n */
	uint64_t seed;         /* per index: colliding keys cannot be made */
};

/* A seeded hash of key k (n bytes), 8 bytes a step (as strset.c's). */
static uint64_t big_hash(uint64_t seed, const char *k, size_t n)
{
	uint64_t h = seed ^ (n * 0x9E3779B97F4A7C15ULL);
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, k + i, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	uint64_t t = 0;
	memcpy(&t, k + i, n - i);
	h = (h ^ t) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* Member ent goes into idx->big; the first one there brings e[] along
 * and makes the index NI_JIDX_BIG. */
__attribute__((noinline))
static void big_add(ni_jidx *idx, const ni_jidx_ent *ent)
{
	struct ni_jbig *b = idx->big;
	if (!b) {
		b = idx->big = ni_xcalloc(1, sizeof *b);
		ni_strmap m;
		ni_strmap_init(&m);     /* for its random seed */
		b->seed = m.seed;
	}
	if (idx->partial != NI_JIDX_BIG) {
		b->n = 0;
		idx->partial = NI_JIDX_BIG;
		for (size_t i = 0; i < idx->n; i++)
			big_add(idx, &idx->e[i]);
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->e = ni_xrealloc(b->e, b->cap * sizeof *b->e);
	}
	b->e[b->n++] = *ent;
}

/* A member past e[] (key NULL: an escaped key, not indexed), value
 * [v, end): into big, or the index becomes NI_JIDX_SCAN. */
__attribute__((noinline))
static void index_more(ni_jidx *idx, const char *key, size_t kn,
		       const char *v, const char *end)
{
	if (!key) {
		idx->partial = NI_JIDX_SCAN;
		return;
	}
	if (idx->partial == NI_JIDX_SCAN)
		return;
	ni_jidx_ent ent;
	ent.k = key;
	ent.kn = kn;
	ent.v.p = v;
	ent.v.n = (size_t)(end - v);
	unsigned t = vtype[(unsigned char)*v];
	ent.v.t = t ? (ni_jtype)t : NI_J_NUM;
	big_add(idx, &ent);
}

/* The hash table over b->e (keys are unique: the check saw to it). */
__attribute__((noinline))
static void big_table(struct ni_jbig *b)
{
	size_t cap = 256;
	while (cap < b->n * 2)
		cap *= 2;
	if (cap != b->tcap) {
		free(b->tab);
		b->tab = ni_xmalloc(cap * sizeof *b->tab);
		b->tcap = cap;
	}
	memset(b->tab, 0, cap * sizeof *b->tab);
	for (size_t i = 0; i < b->n; i++) {
		size_t j = big_hash(b->seed, b->e[i].k, b->e[i].kn) & (cap - 1);
		while (b->tab[j])
			j = (j + 1) & (cap - 1);
		b->tab[j] = (uint32_t)(i + 1);
	}
}

static ni_jval big_get(const struct ni_jbig *b, const char *key, size_t klen)
{
	size_t j = big_hash(b->seed, key, klen) & (b->tcap - 1);
	for (; b->tab[j]; j = (j + 1) & (b->tcap - 1)) {
		const ni_jidx_ent *e = &b->e[b->tab[j] - 1];
		if (e->kn == klen && memcmp(e->k, key, klen) == 0)
			return e->v;
	}
	return (ni_jval){0};
}

/* Contract: see record.h. */
void ni_jidx_free(ni_jidx *idx)
{
	if (idx->big) {
		free(idx->big->e);
		free(idx->big->tab);
		free(idx->big);
	}
	idx->big = NULL;
	idx->n = 0;
	idx->partial = 0;
}

/* The object at p (on '{'), depth deep: the byte after it, or NULL.
 * With c->idx and depth 1, its members go into the index. */
static const char *check_object(chk *c, const char *p, int depth)
{
	const char *end = c->end;
	kspan local[48], *ks = local;
	size_t nk = 0, capk = 48;
	int owned = 0;      /* some key in ks is a decoded copy */
	/* the first 32 keys: 1 + their index in ks, at their hash or the
	 * next free slot after it (not at the scalar level) */
	unsigned char slot[256];
	int scan_all = c->level == NI_SCAN_SCALAR;
	if (!scan_all)
		memset(slot, 0, sizeof slot);
	ni_strmap *set = NULL;
	ni_jidx *idx = depth == 1 ? c->idx : NULL;
	const char *ret = NULL;
	p = skip_ws_in(p + 1, end);
	if (p < end && *p == '}')
		return p + 1;
	for (;;) {
		p = skip_ws_in(p, end);
		if (p >= end || *p != '"') {
			fail(c, p, p >= end ? "premature end of input"
			     : "string or '}' expected");
			goto out;
		}
	key:;
		const char *kstart = p;
		int nul = 0, esc;
		p = str(c, p, &nul, &esc);
		if (!p)
			goto out;
		if (nul) {
			fail(c, kstart, "NUL byte in object key not supported");
			goto out;
		}
		kspan k = { kstart + 1, (size_t)(p - kstart - 2), NULL, 0 };
		if (esc) {
			k.own = decode_key(c, kstart, p, &k.n);
			k.p = k.own;
			owned = 1;
		}
		unsigned h = k.h = key_hash(k.p, k.n), at = h;
		int dup = 0;
		if (nk >= 32) {
			/* many keys: a seeded hash set, so that crafted keys
			 * cannot make this quadratic */
			if (!set) {
				set = ni_xmalloc(sizeof *set);
				ni_strmap_init(set);
				for (size_t i = 0; i < nk; i++) {
					int isnew;
					ni_strmap_put(set, ks[i].p, ks[i].n, &isnew);
				}
			}
			int isnew;
			ni_strmap_put(set, k.p, k.n, &isnew);
			dup = !isnew;
		} else if (scan_all) {
			for (size_t i = 0; i < nk && !dup; i++)
				dup = ks[i].n == k.n && memcmp(ks[i].p, k.p, k.n) == 0;
		} else {
			/* at most 31 slots taken: a free one comes */
			for (; slot[at] && !dup; at = (at + 1) & 255) {
				const kspan *o = &ks[slot[at] - 1];
				dup = o->h == h && o->n == k.n &&
				      memcmp(o->p, k.p, k.n) == 0;
			}
		}
		if (dup) {
			free(k.own);
			fail(c, kstart, "duplicate object key");
			goto out;
		}
		if (nk < 32 && !scan_all)
			slot[at] = (unsigned char)(nk + 1);
		if (nk == capk) {
			capk *= 2;
			if (ks == local) {
				ks = ni_xmalloc(capk * sizeof *ks);
				memcpy(ks, local, sizeof local);
			} else {
				ks = ni_xrealloc(ks, capk * sizeof *ks);
			}
		}
		ks[nk++] = k;
		if (end - p >= 3 && memcmp(p, ": ", 2) == 0 &&
		    (unsigned char)p[2] > ' ') {
			p += 2;     /* the usual ": " */
		} else {
			p = skip_ws_in(p, end);
			if (p >= end || *p != ':') {
				fail(c, p, p >= end ? "premature end of input"
				     : "':' expected");
				goto out;
			}
			p = skip_ws_in(p + 1, end);
		}
		const char *vstart = p;
		p = member_value(c, p, depth);
		if (!p)
			goto out;
		if (idx) {
			if (idx->n < NI_JIDX_MAX && !k.own) {
				ni_jidx_ent *e = &idx->e[idx->n++];
				e->k = k.p;
				e->kn = k.n;
				e->v.p = vstart;
				e->v.n = (size_t)(p - vstart);
				unsigned t = vtype[(unsigned char)*vstart];
				e->v.t = t ? (ni_jtype)t : NI_J_NUM;
			} else {
				index_more(idx, k.own ? NULL : k.p, k.n, vstart, p);
			}
		}
		if (end - p >= 3 && memcmp(p, ", \"", 3) == 0) {
			p += 2;     /* the usual ", " and the next key */
			goto key;
		}
		p = skip_ws_in(p, end);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == '}') {
			ret = p + 1;
			goto out;
		}
		fail(c, p, p >= end ? "premature end of input"
		     : "',' or '}' expected");
		goto out;
	}
out:
	if (idx && idx->partial == NI_JIDX_BIG && ret)
		big_table(idx->big);
	if (owned)
		for (size_t i = 0; i < nk; i++)
			free(ks[i].own);
	if (ks != local)
		free(ks);
	if (set) {
		ni_strmap_free(set);
		free(set);
	}
	return ret;
}

/* The array at p (on '['), depth deep: the byte after it, or NULL. */
static const char *check_array(chk *c, const char *p, int depth)
{
	const char *end = c->end;
	p = skip_ws_in(p + 1, end);
	if (p < end && *p == ']')
		return p + 1;
	for (;;) {
		p = skip_ws_in(p, end);
		p = member_value(c, p, depth);
		if (!p)
			return NULL;
		if (end - p >= 3 && memcmp(p, ", ", 2) == 0 &&
		    (unsigned char)p[2] > ' ') {
			p += 2;     /* the usual ", " */
			continue;
		}
		p = skip_ws_in(p, end);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == ']')
			return p + 1;
		return failp(c, p, p >= end ? "premature end of input"
			     : "',' or ']' expected");
	}
}

/* The value at p, inside depth containers: the byte after it, or NULL. */
static const char *check_value(chk *c, const char *p, int depth)
{
	if (p >= c->end)
		return failp(c, p, "premature end of input");
	switch (*p) {
	case '{':
		if (depth >= c->max_depth)
			return failp(c, p, "nested too deep");
		return check_object(c, p, depth + 1);
	case '[':
		if (depth >= c->max_depth)
			return failp(c, p, "nested too deep");
		return check_array(c, p, depth + 1);
	case '"': {
		int esc;
		return str(c, p, NULL, &esc);
	}
	case 't': return lit(c, p, "true", 4);
	case 'f': return lit(c, p, "false", 5);
	case 'n': return lit(c, p, "null", 4);
	default:
		if (*p == '-' || (*p >= '0' && *p <= '9'))
			return check_number(c, p);
		return failp(c, p, "invalid token");
	}
}

/* Contract: see record.h. */
int ni_json_check(const char *p, size_t n, int max_depth, ni_jidx *idx,
		  const char **err, size_t *col)
{
	return ni_json_check_at(p, n, max_depth, idx, err, col, ni_scan_level());
}

/* Contract: see record.h.  Above the scalar level the line's UTF-8 is checked
 * first, in one vector pass that also marks the bytes where string text
 * stops (ni_scan_marks); a line that fails it is checked again by the
 * scalar reference, which finds the first error in reading order. */
int ni_json_check_at(const char *p, size_t n, int max_depth, ni_jidx *idx,
		     const char **err, size_t *col, int level)
{
	chk c = { .start = p, .p = p, .end = p + n, .max_depth = max_depth,
		  .idx = idx, .level = level };
	/* the marks: on the stack for lines up to 32 KiB */
	uint64_t local[512], *bits = NULL;
	if (level > NI_SCAN_SCALAR) {
		bits = n / 64 < 512 ? local : ni_xmalloc((n / 64 + 1) * sizeof *bits);
		c.utf8ok = ni_scan_marks(p, n, bits, level);
		if (c.utf8ok)
			c.bits = bits;
	}
	if (idx) {
		idx->n = 0;
		idx->partial = 0;
	}
	int rc = 0;
	const char *q = skip_ws_in(p, c.end);
	if (q >= c.end || *q != '{') {
		rc = fail(&c, q, q >= c.end ? "empty record"
			  : "a record must be a JSON object");
	} else {
		q = check_object(&c, q, 1);
		if (!q)
			rc = -1;
		else if ((q = skip_ws_in(q, c.end)) != c.end)
			rc = fail(&c, q, "end of record expected");
	}
	if (rc) {
		*err = c.err;
		/* column in characters, 1-based */
		size_t k = 1;
		for (const char *e = p; e < c.errp && e < c.end; e++)
			if (((unsigned char)*e & 0xC0) != 0x80)
				k++;
		*col = k;
	}
	if (bits != local)
		free(bits);
	return rc;
}

/* ---- lazy access on validated text ---- */

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* End of the string starting at p (on '"'); text is valid. */
static const char *skip_string(const char *p, const char *end)
{
	p++;
	for (;;) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			return end;
		/* count backslashes before the quote */
		const char *b = q;
		while (b > p && b[-1] == '\\')
			b--;
		if (((q - b) & 1) == 0)
			return q + 1;
		p = q + 1;
	}
}

static const char *skip_value(const char *p, const char *end)
{
	if (p >= end)
		return end;
	switch (*p) {
	case '"':
		return skip_string(p, end);
	case '{':
	case '[': {
		int depth = 0;
		while (p < end) {
			char ch = *p;
			if (ch == '"') {
				p = skip_string(p, end);
				continue;
			}
			if (ch == '{' || ch == '[')
				depth++;
			else if (ch == '}' || ch == ']') {
				if (--depth == 0)
					return p + 1;
			}
			p++;
		}
		return end;
	}
	default:
		while (p < end && *p != ',' && *p != '}' && *p != ']' &&
		       *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
		return p;
	}
}

/* Contract: see record.h.  The line passed ni_json_check. */
ni_jval ni_json_record(const char *line, size_t n)
{
	const char *p = skip_ws(line, line + n), *e = line + n;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
			 e[-1] == '\n'))
		e--;
	return (ni_jval){ NI_J_OBJ, p, (size_t)(e - p) };
}

/* Contract: see record.h.  p points at the value's first byte (whitespace is
 * skipped); end bounds the text. */
ni_jval ni_json_value(const char *p, const char *end)
{
	ni_jval v = {0};
	p = skip_ws(p, end);
	if (p >= end)
		return v;
	switch (*p) {
	case '"': v.t = NI_J_STR; break;
	case '{': v.t = NI_J_OBJ; break;
	case '[': v.t = NI_J_ARR; break;
	case 't': v.t = NI_J_TRUE; break;
	case 'f': v.t = NI_J_FALSE; break;
	case 'n': v.t = NI_J_NULL; break;
	default: v.t = NI_J_NUM; break;
	}
	v.p = p;
	v.n = (size_t)(skip_value(p, end) - p);
	return v;
}

/* Contract: see record.h. */
int ni_json_next(ni_jval c, const char **it, ni_jval *key, ni_jval *elem)
{
	if (c.t != NI_J_ARR && c.t != NI_J_OBJ)
		return 0;   /* missing or scalar: nothing to iterate */
	const char *end = c.p + c.n;
	const char *p = *it ? *it : c.p + 1;
	p = skip_ws(p, end);
	if (p < end && *p == ',')
		p = skip_ws(p + 1, end);
	if (p >= end || *p == '}' || *p == ']')
		return 0;
	if (c.t == NI_J_OBJ) {
		ni_jval k = ni_json_value(p, end);
		if (key)
			*key = k;
		p = skip_ws(k.p + k.n, end);
		if (p < end && *p == ':')
			p++;
	}
	ni_jval v = ni_json_value(p, end);
	if (elem)
		*elem = v;
	*it = v.p + v.n;
	return v.t != NI_J_NONE;
}

static int key_eq(ni_jval k, const char *key, size_t klen)
{
	if (k.n - 2 == klen && memcmp(k.p + 1, key, klen) == 0)
		return 1;
	if (!memchr(k.p + 1, '\\', k.n - 2))
		return 0;
	ni_buf b = {0};
	ni_json_str(k, &b);
	int eq = b.len == klen && memcmp(b.s, key, klen) == 0;
	ni_buf_free(&b);
	return eq;
}

/* Contract: see record.h. */
ni_jval ni_json_get(ni_jval obj, const char *key, size_t klen)
{
	ni_jval none = {0}, k, v;
	if (obj.t != NI_J_OBJ)
		return none;
	const char *it = NULL;
	while (ni_json_next(obj, &it, &k, &v))
		if (key_eq(k, key, klen))
			return v;
	return none;
}

/* Contract: see record.h. */
ni_jval ni_json_iget(ni_jval obj, const ni_jidx *idx, const char *key,
		     size_t klen)
{
	if (!idx || idx->partial == NI_JIDX_SCAN)
		return ni_json_get(obj, key, klen);
	if (idx->partial == NI_JIDX_BIG)
		return big_get(idx->big, key, klen);
	for (size_t i = 0; i < idx->n; i++)
		if (idx->e[i].kn == klen && memcmp(idx->e[i].k, key, klen) == 0)
			return idx->e[i].v;
	return (ni_jval){0};
}

/* Contract: see record.h. */
size_t ni_json_keylen(const char *path)
{
	return strchr(path, '.') ? 0 : strlen(path);
}

/* Contract: see record.h. */
ni_jval ni_json_kpath(ni_jval v, const ni_jidx *idx, const char *path,
		      size_t keylen)
{
	return keylen && v.t == NI_J_OBJ ? ni_json_iget(v, idx, path, keylen)
					 : ni_json_ipath(v, idx, path);
}

/* Contract: see record.h. */
ni_jval ni_json_path(ni_jval v, const char *path)
{
	return ni_json_ipath(v, NULL, path);
}

/* Contract: see record.h.  A path without dots on an object (most paths) is
 * one lookup, its result returned as is: copied through the loop below,
 * the value was read back whole before its fields were stored (a
 * store-forwarding stall, 6% of ni-render -F's cycles). */
ni_jval ni_json_ipath(ni_jval v, const ni_jidx *idx, const char *path)
{
	if (v.t == NI_J_OBJ && !strchr(path, '.'))
		return ni_json_iget(v, idx, path, strlen(path));
	ni_jval none = {0};
	const char *s = path;
	for (int top = 1;; top = 0) {
		const char *dot = strchr(s, '.');
		size_t n = dot ? (size_t)(dot - s) : strlen(s);
		if (v.t == NI_J_OBJ) {
			ni_jval r = top ? ni_json_iget(v, idx, s, n)
					: ni_json_get(v, s, n);
			/* a key may itself contain dots: try the rest whole */
			if (r.t == NI_J_NONE && dot)
				return top ? ni_json_iget(v, idx, s, strlen(s))
					   : ni_json_get(v, s, strlen(s));
			v = r;
		} else if (v.t == NI_J_ARR && n > 0 &&
			   strspn(s, "0123456789") >= n) {
			unsigned long want = strtoul(s, NULL, 10), i = 0;
			const char *it = NULL;
			ni_jval e, arr = v;
			v = none;
			while (ni_json_next(arr, &it, NULL, &e))
				if (i++ == want) {
					v = e;
					break;
				}
		} else {
			return none;
		}
		if (!dot || v.t == NI_J_NONE)
			return v;
		s = dot + 1;
	}
}

/* Contract: see record.h. */
size_t ni_json_str(ni_jval v, ni_buf *b)
{
	if (v.t != NI_J_STR)
		return 0;
	size_t before = b->len;
	if (!memchr(v.p + 1, '\\', v.n - 2)) {
		ni_buf_add(b, v.p + 1, v.n - 2);
		return v.n - 2;
	}
	chk c = { .p = v.p, .end = v.p + v.n, .level = ni_scan_level(),
		  .utf8ok = 1 };   /* validated text */
	check_string(&c, c.p + 1, b, NULL);
	return b->len - before;
}

/* Contract: see record.h. */
double ni_json_num(ni_jval v)
{
	char tmp[512];
	size_t n = v.n < sizeof tmp - 1 ? v.n : sizeof tmp - 1;
	memcpy(tmp, v.p, n);
	tmp[n] = 0;
	return strtod(tmp, NULL);
}

/* Contract: see record.h. */
void ni_json_quote(ni_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const char *p = s, *end = s + n;
	int lv = ni_scan_level();
	ni_buf_grow(b, n + 2);
	b->s[b->len++] = '"';
	for (;;) {
		/* the run up to the next byte to escape, found by the same
		 * kernel as the validator's (scan.c) */
		const char *q = ni_scan_special(p, end, lv);
		ni_buf_add(b, p, (size_t)(q - p));
		if (q == end)
			break;
		unsigned char ch = (unsigned char)*q;
		p = q + 1;
		switch (ch) {
		case '"': ni_buf_add(b, "\\\"", 2); break;
		case '\\': ni_buf_add(b, "\\\\", 2); break;
		case '\n': ni_buf_add(b, "\\n", 2); break;
		case '\t': ni_buf_add(b, "\\t", 2); break;
		case '\r': ni_buf_add(b, "\\r", 2); break;
		case '\b': ni_buf_add(b, "\\b", 2); break;
		case '\f': ni_buf_add(b, "\\f", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15] };
			ni_buf_add(b, u, 6);
		}
		}
	}
	ni_buf_addc(b, '"');
}
