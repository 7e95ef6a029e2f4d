/* agg.c - ni-summarize's streaming group-by.
 *
 * Every aggregate is kept exactly and in a mergeable form, so partial
 * states from any number of shards merge into the same bytes a single run
 * writes: counts are integers, percentiles and means come from value
 * counts (a multiset, summed in sorted order at the end), distinct counts
 * from value sets, leading items from a total order that ends in the
 * item's own text.  Memory grows with the groups and their distinct
 * values, never with the number of items. */
#define _GNU_SOURCE
#include "agg/agg.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KSEP '\x1e'     /* between the JSON texts of a key's parts */
#define NDIMS NI_OVERVIEW_NDIMS

/* Records of a --partial state (_partial is the kind), written and read
 * here only. */
#define NI_PART_VERSION  "ni-summarize/2"  /* the header record's kind */
#define NI_PART_GROUP    "group"
#define NI_PART_PARENT   "parent"
#define NI_PART_OPTIONS  "options"    /* header: the options fingerprint */
#define NI_PART_TOTAL    "total"      /* header: items read */
#define NI_PART_KEY      "key"
#define NI_PART_COUNT    "count"
#define NI_PART_STATS    "stats"
#define NI_PART_HIST     "hist"
#define NI_PART_DISTINCT "distinct"
#define NI_PART_TREND    "trend"
#define NI_PART_ITEMS    "items"
#define NI_PART_RANK     "rank"
#define NI_PART_ITEM     "item"
#define NI_PART_DIMS     "dims"
#define NI_PART_BANDS    "bands"
#define NI_PART_FIRST    "first"
#define NI_PART_LAST     "last"

/* Contract: see agg.h. */
const char *const ni_overview_dims[NI_OVERVIEW_NDIMS] = {
	NI_FIELD_TAGS, NI_FIELD_SOURCE_ID, NI_FIELD_CATEGORIES, NI_FIELD_REGIONS
};
static const double ov_edges[] = { 0.5, 0.85 };

typedef struct rv {      /* one rank value */
	int t;           /* 0 missing, 1 number, 2 string */
	double num;
	char *s;
	size_t n;
} rv;

typedef struct item {
	rv *r;
	char *json;      /* the item summary object */
	size_t jn;
} item;

typedef struct group {
	char *key;
	size_t keyn;
	uint64_t count;
	ni_strmap *stats;     /* per --stats: number text -> count */
	uint64_t *hist;       /* per --hist: n+1 band counts, concatenated */
	ni_strmap *distinct;  /* per --distinct: value text -> present */
	item *items;
	int nitems;
	uint64_t tlast, tprev;
	ni_strmap *dims;      /* overview: value text -> count */
	uint64_t ovband[3];
	char *first, *last;   /* overview: earliest and latest dates */
	int64_t first_ms, last_ms;
} group;

struct ni_agg {
	ni_agg_opts o;
	ni_diag *d;
	ni_strmap groups;     /* key text -> group* */
	ni_strmap parents;    /* with 2+ keys: all keys but the last -> items */
	uint64_t total;
	int overview;
	size_t nhistbins;
	char *fp;
	ni_buf tmp;
	/* scratch kept from record to record (no allocation per record):
	 * the key values of each -b key, a combination's key text, a
	 * value's text */
	struct vlist *kv, *stats;
	ni_buf key, val;
	/* -b FIELD alone (fast): counts of short plain strings (add_fast) */
	int fast;
	size_t fast_kn;        /* ni_json_keylen(FIELD) */
	struct ftab *ft;
};

/* ---- options ---- */

/* Contract: see agg.h. */
int ni_keyspec_parse(const char *s, ni_keyspec *k)
{
	static const struct { const char *name; int kind; } fns[] = {
		{ "day", NI_K_DAY }, { "week", NI_K_WEEK }, { "month", NI_K_MONTH },
		{ "year", NI_K_YEAR }, { "domain", NI_K_DOMAIN },
		{ "lower", NI_K_LOWER },
	};
	memset(k, 0, sizeof *k);
	k->spec = ni_xstrdup(s);
	const char *lp = strchr(s, '(');
	if (!lp) {
		for (size_t i = 0; i < 4; i++)
			if (!strcmp(s, fns[i].name)) {
				k->kind = fns[i].kind;
				k->field = ni_xstrdup(NI_FIELD_DATE);
				k->name = ni_xstrdup(s);
				return 0;
			}
		if (!*s)
			return -1;
		k->kind = NI_K_FIELD;
		k->field = ni_xstrdup(s);
		k->name = ni_xstrdup(s);
		return 0;
	}
	size_t n = strlen(s);
	if (s[n - 1] != ')' || lp + 1 >= s + n - 1)
		return -1;
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
		size_t fl = strlen(fns[i].name);
		if ((size_t)(lp - s) == fl && !strncmp(s, fns[i].name, fl)) {
			k->kind = fns[i].kind;
			k->field = ni_xstrndup(lp + 1, (size_t)(s + n - 1 - lp - 1));
			/* fn(F) is named fn_F, so two keys never share a
			 * name; a period of date_published keeps its word */
			if (k->kind != NI_K_LOWER && k->kind != NI_K_DOMAIN &&
			    !strcmp(k->field, NI_FIELD_DATE))
				k->name = ni_xstrndup(s, fl);
			else {
				ni_buf b = {0};
				ni_buf_printf(&b, "%s_%s", fns[i].name, k->field);
				k->name = b.s;
			}
			return 0;
		}
	}
	return -1;
}

/* A text that identifies the options a partial state depends on. */
static char *ni_agg_fingerprint(const ni_agg_opts *o)
{
	ni_buf b = {0};
	ni_buf_adds(&b, "by=");
	for (int i = 0; i < o->nby; i++)
		ni_buf_printf(&b, "%s%s", i ? "," : "", o->by[i].spec);
	ni_buf_adds(&b, ";stats=");
	for (int i = 0; i < o->nstats; i++)
		ni_buf_printf(&b, "%s%s", i ? "," : "", o->stats[i]);
	ni_buf_adds(&b, ";hist=");
	for (int i = 0; i < o->nhist; i++) {
		ni_buf_printf(&b, "%s%s:", i ? "," : "", o->hist[i].field);
		for (int j = 0; j < o->hist[i].n; j++) {
			char t[32];
			ni_fmt_double(o->hist[i].edges[j], t);
			ni_buf_printf(&b, "%s%s", j ? "/" : "", t);
		}
	}
	ni_buf_adds(&b, ";distinct=");
	for (int i = 0; i < o->ndistinct; i++)
		ni_buf_printf(&b, "%s%s", i ? "," : "", o->distinct[i]);
	ni_buf_printf(&b, ";items=%d;rank=", o->items);
	for (int i = 0; i < o->nrank; i++)
		ni_buf_printf(&b, "%s%s%s", i ? "," : "", o->rank[i],
			      o->rank_asc[i] ? ":asc" : "");
	/* not the clock: each shard counts its trend against its own now
	 * (NI_NOW pins it), so shards made a moment apart still merge */
	ni_buf_printf(&b, ";trend=%s", o->trend_ms ? o->trend_spec : "");
	ni_buf_printf(&b, ";date=%s;tz=%s;week=%s", o->date_field,
		      o->dc->tz.name, o->dc->week_start ? "mon" : "sun");
	return b.s;
}

/* ---- values ---- */

/* Append the canonical JSON text of v: strings re-quoted from their
 * decoded bytes, everything else as written.  A validated string with
 * no backslash holds no byte that ni_json_quote escapes, so its text
 * is already canonical. */
static void canon(ni_buf *out, ni_jval v, ni_buf *tmp)
{
	if (v.t == NI_J_STR && !memchr(v.p, '\\', v.n)) {
		ni_buf_add(out, v.p, v.n);
	} else if (v.t == NI_J_STR) {
		ni_buf_reset(tmp);
		ni_json_str(v, tmp);
		ni_json_quote(out, tmp->s ? tmp->s : "", tmp->len);
	} else if (v.t == NI_J_NONE) {
		ni_buf_adds(out, "null");
	} else {
		ni_buf_add(out, v.p, v.n);
	}
}

/* Append the text of v as a group key or a distinct value: canon's,
 * except that a number is its canonical text (ni_num_text), so that 1,
 * 1.0 and 1e0 are one key as the expressions' = says. */
static void key_text(ni_buf *out, ni_jval v, ni_buf *tmp)
{
	if (v.t != NI_J_NUM || !ni_num_text(v.p, v.n, out))
		canon(out, v, tmp);
}

/* A list of value texts, NUL-separated, with duplicates removed by
 * vl_add (a hash set once the list is longer than a few values, so a
 * record with 40k tags costs linear time).  vl_at is O(1). */
typedef struct vlist {
	ni_buf b;
	size_t n, cap;
	size_t *off;      /* start of each value in b */
	ni_strmap seen;   /* used once n > VL_LINEAR */
	int hashed;
} vlist;

#define VL_LINEAR 16

/* Append a value without the duplicate check. */
static void vl_push(vlist *l, const char *s, size_t n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->off = ni_xrealloc(l->off, l->cap * sizeof *l->off);
	}
	l->off[l->n++] = l->b.len;
	ni_buf_add(&l->b, s, n);
	ni_buf_addc(&l->b, 0);
}

/* Append a value unless the list holds it already. */
static void vl_add(vlist *l, const char *s, size_t n)
{
	if (!l->hashed && l->n >= VL_LINEAR) {
		ni_strmap_init(&l->seen);
		for (size_t i = 0; i < l->n; i++) {
			int isnew;
			const char *v = l->b.s + l->off[i];
			ni_strmap_put(&l->seen, v, strlen(v), &isnew);
		}
		l->hashed = 1;
	}
	if (l->hashed) {
		int isnew;
		ni_strmap_put(&l->seen, s, n, &isnew);
		if (!isnew)
			return;
	} else {
		for (size_t i = 0; i < l->n; i++) {
			const char *v = l->b.s + l->off[i];
			if (strlen(v) == n && !memcmp(v, s, n))
				return;
		}
	}
	vl_push(l, s, n);
}

static const char *vl_at(const vlist *l, size_t i)
{
	return l->b.s + l->off[i];
}

/* Empty l, keeping its memory for the next record. */
static void vl_reset(vlist *l)
{
	if (l->hashed)
		ni_strmap_free(&l->seen);
	l->hashed = 0;
	l->n = 0;
	ni_buf_reset(&l->b);
}

static void vl_free(vlist *l)
{
	ni_buf_free(&l->b);
	free(l->off);
	if (l->hashed)
		ni_strmap_free(&l->seen);
	memset(l, 0, sizeof *l);
}

static void note_invalid(ni_agg *a, ni_keyspec *k, const char *file,
			 unsigned long line, ni_jval v)
{
	if (k->warned || !a->d->verbose)
		return;
	k->warned = 1;
	ni_note_at(a->d, file, line, 0, "%s: %.*s is not %s; counted under _invalid",
		   k->spec, (int)(v.n > 60 ? 60 : v.n), v.p,
		   k->kind == NI_K_DOMAIN ? "a URL" :
		   k->kind == NI_K_LOWER ? "a string" : "a date");
}

/* The key values of one record for key spec k. */
static void key_values(ni_agg *a, ni_keyspec *k, ni_jval rec,
		       const ni_jidx *idx, vlist *out, const char *file,
		       unsigned long line)
{
	ni_jval v = ni_json_ipath(rec, idx, k->field);
	ni_jval one[1];
	const char *it = NULL;
	ni_jval el;
	ni_buf *t = &a->val;     /* one value's text */
	if (v.t == NI_J_NONE || v.t == NI_J_NULL) {
		vl_add(out, "null", 4);
		return;
	}
	int arr = v.t == NI_J_ARR;
	one[0] = v;
	size_t before = out->n;
	for (;;) {
		if (arr) {
			if (!ni_json_next(v, &it, NULL, &el))
				break;
		} else {
			if (it)
				break;
			el = one[0];
			it = "";
		}
		ni_buf_reset(t);
		if (el.t == NI_J_NULL) {
			continue;
		} else if (k->kind == NI_K_FIELD) {
			key_text(t, el, &a->tmp);
		} else if (el.t != NI_J_STR) {
			note_invalid(a, k, file, line, el);
			ni_buf_adds(t, "\"_invalid\"");
		} else {
			ni_buf *s = &a->tmp;
			ni_buf_reset(s);
			ni_json_str(el, s);
			const char *str = s->s ? s->s : "";
			if (k->kind == NI_K_LOWER) {
				ni_buf f = {0};
				ni_nfc(str, s->len, 1, &f);
				ni_json_quote(t, f.s ? f.s : "", f.len);
				ni_buf_free(&f);
			} else if (k->kind == NI_K_DOMAIN) {
				ni_buf h = {0};
				if (!ni_url_host(str, s->len, &h)) {
					note_invalid(a, k, file, line, el);
					ni_buf_adds(t, "\"_invalid\"");
				} else {
					ni_json_quote(t, h.s, h.len);
				}
				ni_buf_free(&h);
			} else {
				int64_t ms;
				if (ni_date_parse_field(a->o.dc, str, s->len, &ms)) {
					note_invalid(a, k, file, line, el);
					ni_buf_adds(t, "\"_invalid\"");
				} else {
					char per[32];
					int kind = k->kind == NI_K_DAY ? 'd' :
						   k->kind == NI_K_WEEK ? 'w' :
						   k->kind == NI_K_MONTH ? 'm' : 'y';
					ni_date_period(a->o.dc, ms, kind, per);
					ni_json_quote(t, per, strlen(per));
				}
			}
		}
		vl_add(out, t->s, t->len);
	}
	if (out->n == before)     /* empty list: the item has no such key */
		vl_add(out, "null", 4);
}

/* Numbers of field f in rec (a number, or the numbers of a list), as
 * canonical texts. */
/* The canonical text of number value v into t (at least 32 bytes);
 * returns it (v's own text when that is canonical already). */
static const char *num_text(ni_jval v, char *t, size_t *n)
{
	if (v.n < 32 && ni_num_canonical(v.p, v.n)) {
		*n = v.n;
		return v.p;
	}
	ni_fmt_double(ni_json_num(v), t);
	*n = strlen(t);
	return t;
}

static void numbers(ni_agg *a, ni_jval rec, const ni_jidx *idx,
		    const char *f, vlist *out, int dedup)
{
	ni_jval v = ni_json_ipath(rec, idx, f);
	const char *it = NULL;
	ni_jval el;
	char t[32];
	size_t n;
	if (v.t == NI_J_NUM) {
		const char *s = num_text(v, t, &n);
		vl_push(out, s, n);
		return;
	}
	if (v.t != NI_J_ARR)
		return;
	while (ni_json_next(v, &it, NULL, &el)) {
		if (el.t != NI_J_NUM)
			continue;
		const char *s = num_text(el, t, &n);
		if (dedup)
			vl_add(out, s, n);
		else
			vl_push(out, s, n);
	}
	(void)a;
}

static void map_inc(ni_strmap *m, const char *k, size_t n, uint64_t by)
{
	int isnew;
	ni_strmap_ent *e = ni_strmap_put(m, k, n, &isnew);
	e->v = (void *)(uintptr_t)((uint64_t)(uintptr_t)e->v + by);
}

/* ---- items ---- */

static int rv_cmp(const rv *x, const rv *y, int asc)
{
	if (x->t != y->t) {
		if (!x->t) return 1;     /* missing last, always */
		if (!y->t) return -1;
		return x->t < y->t ? -1 : 1;   /* numbers before strings */
	}
	int c = 0;
	if (x->t == 1)
		c = x->num < y->num ? -1 : x->num > y->num;
	else if (x->t == 2) {
		size_t m = x->n < y->n ? x->n : y->n;
		c = memcmp(x->s, y->s, m);
		if (!c)
			c = x->n < y->n ? -1 : x->n > y->n;
	}
	return asc ? c : -c;
}

/* <0 when x leads y. */
static int item_cmp(const ni_agg *a, const item *x, const item *y)
{
	for (int i = 0; i < a->o.nrank; i++) {
		int c = rv_cmp(&x->r[i], &y->r[i], a->o.rank_asc[i]);
		if (c)
			return c;
	}
	size_t m = x->jn < y->jn ? x->jn : y->jn;
	int c = memcmp(x->json, y->json, m);
	return c ? c : (x->jn > y->jn) - (x->jn < y->jn);
}

static void item_free(const ni_agg *a, item *it)
{
	for (int i = 0; i < a->o.nrank; i++)
		free(it->r[i].s);
	free(it->r);
	free(it->json);
}

static item item_copy(const ni_agg *a, const item *src)
{
	item it;
	it.r = ni_xcalloc((size_t)a->o.nrank + 1, sizeof *it.r);
	for (int i = 0; i < a->o.nrank; i++) {
		it.r[i] = src->r[i];
		if (src->r[i].s)
			it.r[i].s = ni_xstrndup(src->r[i].s, src->r[i].n);
	}
	it.json = ni_xstrndup(src->json, src->jn);
	it.jn = src->jn;
	return it;
}

/* Offer an item to a group's leading list (kept sorted, at most N). */
static void offer(ni_agg *a, group *g, const item *it)
{
	int n = g->nitems, N = a->o.items;
	if (n == N && item_cmp(a, it, &g->items[n - 1]) >= 0)
		return;
	/* the same item twice (a merge of overlapping shards) stays once */
	for (int i = 0; i < n; i++)
		if (g->items[i].jn == it->jn && !memcmp(g->items[i].json, it->json, it->jn) &&
		    item_cmp(a, it, &g->items[i]) == 0)
			return;
	if (!g->items)
		g->items = ni_xcalloc((size_t)N + 1, sizeof *g->items);
	int pos = n;
	while (pos > 0 && item_cmp(a, it, &g->items[pos - 1]) < 0)
		pos--;
	if (n == N) {
		item_free(a, &g->items[N - 1]);
		n--;
	}
	memmove(&g->items[pos + 1], &g->items[pos], (size_t)(n - pos) * sizeof *g->items);
	g->items[pos] = item_copy(a, it);
	g->nitems = n + 1;
}

static void make_item(ni_agg *a, ni_jval rec, const ni_jidx *idx, item *it)
{
	static const char *keep[] = { NI_FIELD_ID, NI_FIELD_TITLE, NI_FIELD_TITLE "_ko", NI_FIELD_URL,
				      NI_FIELD_SOURCE_ID, NI_FIELD_CONFIDENCE, NI_FIELD_DATE };
	ni_buf b = {0};
	ni_buf_addc(&b, '{');
	int first = 1;
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
		ni_jval v = ni_json_iget(rec, idx, keep[i], strlen(keep[i]));
		if (v.t == NI_J_NONE)
			continue;
		ni_buf_printf(&b, "%s\"%s\":", first ? "" : ",", keep[i]);
		canon(&b, v, &a->tmp);
		first = 0;
	}
	ni_buf_addc(&b, '}');
	it->json = b.s;
	it->jn = b.len;
	it->r = ni_xcalloc((size_t)a->o.nrank + 1, sizeof *it->r);
	for (int i = 0; i < a->o.nrank; i++) {
		ni_jval v = ni_json_ipath(rec, idx, a->o.rank[i]);
		if (v.t == NI_J_NUM) {
			it->r[i].t = 1;
			it->r[i].num = ni_json_num(v);
		} else if (v.t == NI_J_STR) {
			ni_buf s = {0};
			ni_json_str(v, &s);
			it->r[i].t = 2;
			it->r[i].s = s.s ? s.s : ni_xstrdup("");
			it->r[i].n = s.len;
		}
	}
}

/* ---- groups ---- */

static group *group_get(ni_agg *a, const char *key, size_t n, int *isnew)
{
	ni_strmap_ent *e = ni_strmap_get(&a->groups, key, n);
	if (e) {
		*isnew = 0;
		return e->v;
	}
	if (a->groups.len >= a->o.max_groups)
		return NULL;
	e = ni_strmap_put(&a->groups, key, n, isnew);
	group *g = ni_xcalloc(1, sizeof *g);
	g->key = e->k;
	g->keyn = n;
	if (a->o.nstats) {
		g->stats = ni_xcalloc((size_t)a->o.nstats, sizeof *g->stats);
		for (int i = 0; i < a->o.nstats; i++)
			ni_strmap_init(&g->stats[i]);
	}
	if (a->nhistbins)
		g->hist = ni_xcalloc(a->nhistbins, sizeof *g->hist);
	if (a->o.ndistinct) {
		g->distinct = ni_xcalloc((size_t)a->o.ndistinct, sizeof *g->distinct);
		for (int i = 0; i < a->o.ndistinct; i++)
			ni_strmap_init(&g->distinct[i]);
	}
	if (a->overview) {
		g->dims = ni_xcalloc(NDIMS, sizeof *g->dims);
		for (int i = 0; i < NDIMS; i++)
			ni_strmap_init(&g->dims[i]);
	}
	e->v = g;
	return g;
}

/* Contract: see agg.h. */
ni_agg *ni_agg_new(const ni_agg_opts *o, ni_diag *d)
{
	ni_agg *a = ni_xcalloc(1, sizeof *a);
	a->o = *o;
	a->d = d;
	a->overview = o->nby == 0;
	for (int i = 0; i < o->nhist; i++)
		a->nhistbins += (size_t)o->hist[i].n + 1;
	if (!a->o.max_groups)
		a->o.max_groups = 1000000;
	ni_strmap_init(&a->groups);
	ni_strmap_init(&a->parents);
	a->fp = ni_agg_fingerprint(o);
	/* one key of a field and nothing else per record: add_fast */
	a->fast = !o->general && o->nby == 1 && o->by[0].kind == NI_K_FIELD && !o->nstats &&
		  !a->nhistbins && !o->ndistinct && o->items <= 0 && !o->trend_ms;
	if (a->fast)
		a->fast_kn = ni_json_keylen(o->by[0].field);
	return a;
}

static int band(const double *edges, int n, double v)
{
	int b = 0;
	while (b < n && v >= edges[b])
		b++;
	return b;
}

/* Per-record facts, computed once and applied to each of its groups. */
typedef struct facts {
	vlist *stats, *distinct;
	int *histb;     /* per --hist value: bin index into g->hist, -1 end */
	size_t nhistb;
	item it;
	int has_item;
	int trend;      /* 1 last period, 2 the one before, 0 neither */
	vlist dims[NDIMS];
	int ovband;     /* -1 none */
	char *date;
	int64_t date_ms;
} facts;

/* Keep the earliest (first) or latest date of an overview; ties go to
 * the smaller (first) or larger text, so merges are order-independent. */
static void take_date(group *g, const char *s, int64_t ms, int first)
{
	char **cur = first ? &g->first : &g->last;
	int64_t *cms = first ? &g->first_ms : &g->last_ms;
	int better = !*cur || (first ? ms < *cms : ms > *cms) ||
		     (ms == *cms && (first ? strcmp(s, *cur) < 0 : strcmp(s, *cur) > 0));
	if (!better)
		return;
	free(*cur);
	*cur = ni_xstrdup(s);
	*cms = ms;
}

/* Count each value of a list once more in m. */
static void count_values(ni_strmap *m, const vlist *v)
{
	for (size_t j = 0; j < v->n; j++) {
		const char *s = vl_at(v, j);
		map_inc(m, s, strlen(s), 1);
	}
}

static void apply(ni_agg *a, group *g, facts *f)
{
	g->count++;
	for (int i = 0; i < a->o.nstats; i++)
		count_values(&g->stats[i], &f->stats[i]);
	for (size_t j = 0; j < f->nhistb; j++)
		g->hist[f->histb[j]]++;
	for (int i = 0; i < a->o.ndistinct; i++)
		count_values(&g->distinct[i], &f->distinct[i]);
	if (f->has_item)
		offer(a, g, &f->it);
	if (f->trend == 1)
		g->tlast++;
	else if (f->trend == 2)
		g->tprev++;
	if (a->overview) {
		for (int i = 0; i < NDIMS; i++)
			count_values(&g->dims[i], &f->dims[i]);
		if (f->ovband >= 0)
			g->ovband[f->ovband]++;
		if (f->date) {
			take_date(g, f->date, f->date_ms, 1);
			take_date(g, f->date, f->date_ms, 0);
		}
	}
}

/* The key text of combination c of the records' key values (one value of
 * each key: an item with 3 tags in 2 weeks has 6 combinations). */
static void combo_key(ni_buf *key, const vlist *kv, int nk, size_t c)
{
	ni_buf_reset(key);
	for (int i = 0; i < nk; i++) {
		if (i)
			ni_buf_addc(key, KSEP);
		ni_buf_adds(key, vl_at(&kv[i], c % kv[i].n));
		c /= kv[i].n;
	}
}

/* Would the record's combos key combinations of kv (nk keys) make
 * more groups than --max-groups?  Counts only the combinations that
 * are not groups yet, and only when the bound is in reach. */
static int too_many_groups(const ni_agg *a, const vlist *kv, int nk,
			   size_t combos)
{
	if (a->groups.len + combos <= a->o.max_groups)
		return 0;
	size_t fresh = 0;
	ni_buf key = {0};
	for (size_t c = 0; c < combos; c++) {
		combo_key(&key, kv, nk, c);
		if (!ni_strmap_get(&a->groups, key.s ? key.s : "", key.len))
			fresh++;
	}
	ni_buf_free(&key);
	return a->groups.len + fresh > a->o.max_groups;
}

/* With 2+ keys, count the item once in each of its parent groups (all
 * keys but the last): the base of a row's share. */
static void count_parents(ni_agg *a, const vlist *kv, int nk, size_t combos)
{
	if (nk <= 1)
		return;
	size_t pc = combos / kv[nk - 1].n;
	ni_buf key = {0};
	for (size_t c = 0; c < pc; c++) {
		combo_key(&key, kv, nk - 1, c);
		map_inc(&a->parents, key.s ? key.s : "", key.len, 1);
	}
	ni_buf_free(&key);
}

/* The record's number facts into f: the values of each --stats field
 * (in a's scratch lists, which f borrows) and the bin of each value of
 * each --hist field (f->histb, f owns it). */
static void numeric_facts(ni_agg *a, ni_jval rec, const ni_jidx *idx, facts *f)
{
	const ni_agg_opts *o = &a->o;
	if (o->nstats) {
		if (!a->stats)
			a->stats = ni_xcalloc((size_t)o->nstats, sizeof *a->stats);
		f->stats = a->stats;
		for (int i = 0; i < o->nstats; i++)
			numbers(a, rec, idx, o->stats[i], &f->stats[i], 0);
	}
	if (!a->nhistbins)
		return;
	size_t base = 0;
	for (int i = 0; i < o->nhist; i++) {
		vlist nums = {0};
		numbers(a, rec, idx, o->hist[i].field, &nums, 0);
		for (size_t j = 0; j < nums.n; j++) {
			f->histb = ni_xrealloc(f->histb, (f->nhistb + 1) * sizeof *f->histb);
			f->histb[f->nhistb++] = (int)(base + (size_t)band(o->hist[i].edges,
						o->hist[i].n, strtod(vl_at(&nums, j), NULL)));
		}
		vl_free(&nums);
		base += (size_t)o->hist[i].n + 1;
	}
}

/* The record's date facts into f, when --trend or the overview needs
 * them and the date field parses: the period it falls in (f->trend)
 * and the date's text and time (f->date, f owns it; f->date_ms). */
static void date_facts(ni_agg *a, ni_jval rec, const ni_jidx *idx, facts *f)
{
	const ni_agg_opts *o = &a->o;
	if (!o->trend_ms && !a->overview)
		return;
	ni_jval dv = ni_json_ipath(rec, idx, o->date_field);
	if (dv.t != NI_J_STR)
		return;
	int64_t ms;
	ni_buf s = {0};
	ni_json_str(dv, &s);
	if (s.s && !ni_date_parse_field(o->dc, s.s, s.len, &ms)) {
		if (o->trend_ms) {
			int64_t now = o->dc->now;
			if (ms >= now - o->trend_ms && ms < now)
				f->trend = 1;
			else if (ms >= now - 2 * o->trend_ms && ms < now - o->trend_ms)
				f->trend = 2;
		}
		f->date = s.s;
		f->date_ms = ms;
		s.s = NULL;
	}
	ni_buf_free(&s);
}

/* The record's overview facts into f: the values of each overview
 * dimension (f->dims, f owns them) and its confidence band (f->ovband,
 * -1 without a number).  Messages name file and line. */
static void overview_facts(ni_agg *a, ni_jval rec, const ni_jidx *idx, facts *f,
			   const char *file, unsigned long line)
{
	for (int i = 0; i < NDIMS; i++) {
		ni_keyspec k = { NI_K_FIELD, (char *)ni_overview_dims[i],
				 (char *)ni_overview_dims[i], (char *)ni_overview_dims[i], 1 };
		key_values(a, &k, rec, idx, &f->dims[i], file, line);
	}
	ni_jval c = ni_json_iget(rec, idx, NI_FIELD_CONFIDENCE, NI_LEN(NI_FIELD_CONFIDENCE));
	if (c.t == NI_J_NUM)
		f->ovband = band(ov_edges, 2, ni_json_num(c));
}

/* All of the record's facts into f (zeroed by the caller, ovband -1):
 * numbers, distinct values, its item, date and overview facts. */
static void record_facts(ni_agg *a, ni_jval rec, const ni_jidx *idx, facts *f,
			 const char *file, unsigned long line)
{
	const ni_agg_opts *o = &a->o;
	numeric_facts(a, rec, idx, f);
	if (o->ndistinct) {
		f->distinct = ni_xcalloc((size_t)o->ndistinct, sizeof *f->distinct);
		for (int i = 0; i < o->ndistinct; i++) {
			ni_keyspec k = { NI_K_FIELD, o->distinct[i], o->distinct[i],
					 o->distinct[i], 1 };
			key_values(a, &k, rec, idx, &f->distinct[i], file, line);
		}
	}
	if (o->items > 0) {
		make_item(a, rec, idx, &f->it);
		f->has_item = 1;
	}
	date_facts(a, rec, idx, f);
	if (a->overview)
		overview_facts(a, rec, idx, f, file, line);
}

/* Free what f owns and empty the scratch lists it borrows from a (the
 * stats lists; a's key lists are emptied by the caller). */
static void facts_done(ni_agg *a, facts *f)
{
	for (int i = 0; f->stats && i < a->o.nstats; i++)
		vl_reset(&f->stats[i]);
	for (int i = 0; f->distinct && i < a->o.ndistinct; i++)
		vl_free(&f->distinct[i]);
	free(f->distinct);
	free(f->histb);
	if (f->has_item)
		item_free(a, &f->it);
	for (int i = 0; i < NDIMS; i++)
		vl_free(&f->dims[i]);
	free(f->date);
}

/* ---- the fast path: -b FIELD alone ----
 *
 * With one key of a field and nothing else to gather (no --stats,
 * --hist, --distinct, --items, --trend), a record whose values are all
 * strings with no backslash is counted from its own bytes: such a
 * string's JSON text is its canonical key text already (canon), so
 * key_values, the value lists and combo_key have nothing to add.  The
 * counts of the short ones (up to FT_KEY bytes between the quotes) go
 * to a table of their own whose 32-byte slots hold the key bytes and
 * the count inline: one cache line a value, where the groups' table
 * costs three (its slot, the key, the group), which made ni_strmap_get
 * 21% of -b tags.  Every key of the table has its group (created when
 * the key enters it, so --max-groups and ni_agg_groups see it); the
 * counts are added to the groups by ft_flush before anything reads
 * them (ni_agg_write, ni_agg_write_partial). */

#define FT_KEY 24        /* bytes of a key held inline */
#define FT_VALS 16       /* more values than this: the general path */

typedef struct fent {
	uint64_t w[FT_KEY / 8];  /* the string's bytes (no quotes), zero-padded */
	uint32_t cnt;            /* counted here, not yet in the group */
	uint8_t n;               /* its length + 1; 0 a free slot */
	uint8_t pad[3];
} fent;

typedef struct ftab {
	fent *t;
	size_t cap, len;         /* cap a power of two, len <= cap / 2 */
	uint64_t seed;
} ftab;

/* The slot hash of a key (its padded words w, n bytes). */
static inline uint64_t ft_hash(uint64_t seed, const uint64_t *w, size_t n)
{
	uint64_t h = seed ^ (n * 0x9E3779B97F4A7C15ULL);
	for (int i = 0; i < FT_KEY / 8; i++) {
		h = (h ^ w[i]) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* A zeroed table of cap slots, each 32 bytes on a 32-byte boundary. */
static fent *ft_slots(size_t cap)
{
	fent *t = aligned_alloc(64, cap * sizeof *t);
	if (!t)
		ni_oom();
	memset(t, 0, cap * sizeof *t);
	return t;
}

/* The group of slot e (it has one: made when the key came in). */
static group *ft_group(ni_agg *a, const fent *e)
{
	ni_buf_reset(&a->key);
	ni_buf_addc(&a->key, '"');
	ni_buf_add(&a->key, (const char *)e->w, (size_t)e->n - 1);
	ni_buf_addc(&a->key, '"');
	int isnew;
	return group_get(a, a->key.s, a->key.len, &isnew);
}

/* Add the table's counts to their groups, and zero them. */
static void ft_flush(ni_agg *a)
{
	ftab *f = a->ft;
	for (size_t i = 0; f && i < f->cap; i++)
		if (f->t[i].n && f->t[i].cnt) {
			ft_group(a, &f->t[i])->count += f->t[i].cnt;
			f->t[i].cnt = 0;
		}
}

/* Twice the slots, every key moved to its place in them. */
static void ft_grow(ftab *f)
{
	size_t nc = f->cap ? f->cap * 2 : 1024;
	fent *nt = ft_slots(nc);
	for (size_t i = 0; i < f->cap; i++) {
		const fent *e = &f->t[i];
		if (!e->n)
			continue;
		size_t j = ft_hash(f->seed, e->w, e->n - 1u) & (nc - 1);
		while (nt[j].n)
			j = (j + 1) & (nc - 1);
		nt[j] = *e;
	}
	free(f->t);
	f->t = nt;
	f->cap = nc;
}

/* Count one item under the plain string of words w (n <= FT_KEY bytes,
 * slot hash h; s its text, between quotes, which s[-1] and s[n] are).
 * The caller has made sure a new group fits under --max-groups. */
static void ft_count(ni_agg *a, const char *s, size_t n, const uint64_t *w,
		     uint64_t h)
{
	ftab *f = a->ft;
	size_t j = h & (f->cap - 1);
	for (;; j = (j + 1) & (f->cap - 1)) {
		fent *e = &f->t[j];
		if (e->n == n + 1 && e->w[0] == w[0] && e->w[1] == w[1] &&
		    e->w[2] == w[2]) {
			if (++e->cnt == UINT32_MAX) {
				ft_group(a, e)->count += e->cnt;
				e->cnt = 0;
			}
			return;
		}
		if (!e->n)
			break;
	}
	int isnew;
	group *g = group_get(a, s - 1, n + 2, &isnew);
	g->count++;
	if ((f->len + 1) * 2 > f->cap) {
		ft_grow(f);
		j = h & (f->cap - 1);
		while (f->t[j].n)
			j = (j + 1) & (f->cap - 1);
	}
	fent *e = &f->t[j];
	memcpy(e->w, w, sizeof e->w);
	e->n = (uint8_t)(n + 1);
	e->cnt = 0;
	f->len++;
}

/* The values of rec's key (a's one key) into el (at most FT_VALS),
 * when each is a string with no backslash: the string, or the strings
 * of a list, or none for null, missing or [].  Returns the number, or
 * -1 for anything else (the general path's).  The list is read here,
 * not by ni_json_next: the text is validated, so a string that holds
 * no backslash ends at the next quote, and any other byte where a
 * string or a comma may be sends the item to the general path (a
 * spelling not foreseen costs time, never a key).  callgrind, 20k
 * records of -b tags: 8M fewer instructions of 229M. */
static int fast_values(ni_agg *a, ni_jval rec, const ni_jidx *idx, ni_jval *el)
{
	ni_jval v = ni_json_kpath(rec, idx, a->o.by[0].field, a->fast_kn);
	if (v.t == NI_J_STR) {
		el[0] = v;
		return memchr(v.p, '\\', v.n) ? -1 : 1;
	}
	if (v.t == NI_J_NONE || v.t == NI_J_NULL)
		return 0;
	if (v.t != NI_J_ARR)
		return -1;
	const char *p = v.p + 1, *end = v.p + v.n - 1;   /* end: the ']' */
	int n = 0;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		if (p == end)
			return n;
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p != '"' || n == FT_VALS)
			return -1;
		/* the string's end: its quote, or a backslash first (in
		 * validated text no control byte is inside a string); up
		 * to the record's end, so a last item is read 16 bytes at
		 * a time too (a third of -b tags' counting went to a loop
		 * a byte at a time) */
		const char *q = ni_scan_special(p + 1, rec.p + rec.n, NI_SCAN_SSE2);
		if (q >= end || *q != '"')
			return -1;
		el[n++] = (ni_jval){ NI_J_STR, p, (size_t)(q + 1 - p) };
		p = q + 1;
	}
}

/* Count rec by a's one key when its value is a string with no
 * backslash, or a list of at most FT_VALS of them (a value twice counts
 * once), or null, missing or [] (the key null): the same groups and
 * counts as the general path.  Returns 1 when counted, 0 when the
 * general path must count it (then nothing was done).  The slots of
 * the short values are hashed and fetched before any is counted, so
 * their cache misses overlap. */
static int add_fast(ni_agg *a, ni_jval rec, const ni_jidx *idx)
{
	ni_jval el[FT_VALS];
	uint64_t w[FT_VALS][FT_KEY / 8], h[FT_VALS];
	int n = fast_values(a, rec, idx, el);
	if (n < 0 || a->groups.len + (size_t)(n ? n : 1) > a->o.max_groups)
		return 0;   /* too_many_groups counts the new ones */
	if (!a->ft) {
		a->ft = ni_xcalloc(1, sizeof *a->ft);
		a->ft->seed = a->groups.seed;
		ft_grow(a->ft);
	}
	for (int i = 0; i < n; i++) {
		size_t len = el[i].n - 2;
		if (len > FT_KEY)
			continue;
		memset(w[i], 0, sizeof w[i]);
		memcpy(w[i], el[i].p + 1, len);
		h[i] = ft_hash(a->ft->seed, w[i], len);
		__builtin_prefetch(&a->ft->t[h[i] & (a->ft->cap - 1)]);
	}
	a->total++;
	if (!n) {
		int isnew;
		group_get(a, "null", 4, &isnew)->count++;
		return 1;
	}
	for (int i = 0; i < n; i++) {
		int k = 0;
		while (k < i && (el[k].n != el[i].n || memcmp(el[k].p, el[i].p, el[i].n)))
			k++;
		if (k < i)
			continue;      /* counted once per item */
		if (el[i].n - 2 <= FT_KEY) {
			ft_count(a, el[i].p + 1, el[i].n - 2, w[i], h[i]);
		} else {
			int isnew;
			group_get(a, el[i].p, el[i].n, &isnew)->count++;
		}
	}
	return 1;
}

/* Contract: see agg.h. */
int ni_agg_add(ni_agg *a, ni_jval rec, const ni_jidx *idx,
	       const char *file, unsigned long line)
{
	const ni_agg_opts *o = &a->o;
	int nk = o->nby;
	if (a->fast && add_fast(a, rec, idx))
		return 0;
	if (!a->kv)
		a->kv = ni_xcalloc((size_t)nk + 1, sizeof *a->kv);
	vlist *kv = a->kv;
	facts f;
	memset(&f, 0, sizeof f);
	f.ovband = -1;
	int rc = 0;

	for (int i = 0; i < nk; i++)
		key_values(a, &o->by[i], rec, idx, &kv[i], file, line);
	/* the groups first, so --max-groups can refuse before counting */
	size_t combos = 1;
	for (int i = 0; i < nk; i++)
		combos *= kv[i].n;
	if (too_many_groups(a, kv, nk, combos)) {
		rc = -1;
		goto out;
	}
	a->total++;
	count_parents(a, kv, nk, combos);
	record_facts(a, rec, idx, &f, file, line);
	for (size_t c = 0; c < combos; c++) {
		combo_key(&a->key, kv, nk, c);
		int isnew;
		group *g = group_get(a, a->key.s ? a->key.s : "", a->key.len, &isnew);
		apply(a, g, &f);
	}
out:
	for (int i = 0; i < nk; i++)
		vl_reset(&kv[i]);
	facts_done(a, &f);
	return rc;
}

/* ---- merge ---- */

static const char *jstr(json_t *v, size_t *n)
{
	if (!json_is_string(v))
		return NULL;
	*n = json_string_length(v);
	return json_string_value(v);
}

static int merge_map(ni_strmap *m, json_t *arr)
{
	size_t i, n;
	json_t *p;
	if (!json_is_array(arr))
		return -1;
	json_array_foreach(arr, i, p) {
		const char *s = jstr(json_array_get(p, 0), &n);
		json_t *c = json_array_get(p, 1);
		if (!s || !json_is_integer(c))
			return -1;
		map_inc(m, s, n, (uint64_t)json_integer_value(c));
	}
	return 0;
}

/* Merge a partial state's header record j: the options' fingerprint
 * must be a's; its item total is added.  Returns NI_MERGE_OK, or
 * NI_MERGE_OPTIONS with a message in err. */
static ni_merge_rc merge_header(ni_agg *a, json_t *j, char *err, size_t errsz)
{
	const char *fp = json_string_value(json_object_get(j, NI_PART_OPTIONS));
	if (!fp || strcmp(fp, a->fp) != 0) {
		snprintf(err, errsz, "partial state made with other options "
			 "(%s; these are %s)", fp ? fp : "?", a->fp);
		return NI_MERGE_OPTIONS;
	}
	a->total += (uint64_t)json_integer_value(json_object_get(j, NI_PART_TOTAL));
	return NI_MERGE_OK;
}

/* Merge a partial state's parent record j (a parent key's count).
 * Returns NI_MERGE_OK, or NI_MERGE_BAD with a message in err. */
static ni_merge_rc merge_parent(ni_agg *a, json_t *j, char *err, size_t errsz)
{
	size_t n;
	const char *pk = jstr(json_object_get(j, NI_PART_KEY), &n);
	json_t *pc = json_object_get(j, NI_PART_COUNT);
	if (!pk || !json_is_integer(pc)) {
		snprintf(err, errsz, "malformed partial parent");
		return NI_MERGE_BAD;
	}
	map_inc(&a->parents, pk, n, (uint64_t)json_integer_value(pc));
	return NI_MERGE_OK;
}

/* Offer each leading item of the array x (objects of an item's text
 * and its rank values) to g.  Returns 0, or -1 when an entry is
 * malformed (the ones before it are offered). */
static int merge_items(ni_agg *a, group *g, json_t *x)
{
	size_t i;
	json_t *p;
	json_array_foreach(x, i, p) {
		item it;
		size_t jn;
		const char *js = jstr(json_object_get(p, NI_PART_ITEM), &jn);
		json_t *r = json_object_get(p, NI_PART_RANK);
		if (!js || (int)json_array_size(r) != a->o.nrank)
			return -1;
		it.json = (char *)js;
		it.jn = jn;
		it.r = ni_xcalloc((size_t)a->o.nrank + 1, sizeof *it.r);
		for (int k = 0; k < a->o.nrank; k++) {
			json_t *rvj = json_array_get(r, (size_t)k);
			if (json_is_number(rvj)) {
				it.r[k].t = 1;
				it.r[k].num = json_number_value(rvj);
			} else if (json_is_string(rvj)) {
				it.r[k].t = 2;
				it.r[k].s = (char *)json_string_value(rvj);
				it.r[k].n = json_string_length(rvj);
			}
		}
		offer(a, g, &it);
		free(it.r);
	}
	return 0;
}

/* Merge the overview parts of partial group j into g: the dimensions'
 * value counts, the confidence bands, the first and last dates.
 * Returns 0, or -1 when a dimension is malformed. */
static int merge_overview(group *g, json_t *j)
{
	json_t *x = json_object_get(j, NI_PART_DIMS);
	for (int d = 0; d < NDIMS; d++)
		if (merge_map(&g->dims[d], json_array_get(x, (size_t)d)))
			return -1;
	x = json_object_get(j, NI_PART_BANDS);
	for (int b = 0; b < 3; b++)
		g->ovband[b] += (uint64_t)json_integer_value(json_array_get(x, (size_t)b));
	static const char *ends[2] = { NI_PART_LAST, NI_PART_FIRST };
	for (int first = 0; first < 2; first++) {
		json_t *e = json_object_get(j, ends[first]);
		const char *ds = json_string_value(json_array_get(e, 1));
		if (ds)
			take_date(g, ds, json_integer_value(json_array_get(e, 0)), first);
	}
	return 0;
}

/* Merge the aggregates of partial group j into g: count, stats, hist,
 * distinct, trend, items and (overview) the overview's parts.
 * Returns 0, or -1 when a part is malformed (g keeps what was merged
 * before it). */
static int merge_aggregates(ni_agg *a, group *g, json_t *j)
{
	g->count += (uint64_t)json_integer_value(json_object_get(j, NI_PART_COUNT));
	json_t *x = json_object_get(j, NI_PART_STATS);
	for (int i = 0; i < a->o.nstats; i++)
		if (merge_map(&g->stats[i], json_array_get(x, (size_t)i)))
			return -1;
	x = json_object_get(j, NI_PART_HIST);
	if (a->nhistbins) {
		if (json_array_size(x) != a->nhistbins)
			return -1;
		for (size_t i = 0; i < a->nhistbins; i++)
			g->hist[i] += (uint64_t)json_integer_value(json_array_get(x, i));
	}
	x = json_object_get(j, NI_PART_DISTINCT);
	for (int i = 0; i < a->o.ndistinct; i++)
		if (merge_map(&g->distinct[i], json_array_get(x, (size_t)i)))
			return -1;
	x = json_object_get(j, NI_PART_TREND);
	g->tlast += (uint64_t)json_integer_value(json_array_get(x, 0));
	g->tprev += (uint64_t)json_integer_value(json_array_get(x, 1));
	if (merge_items(a, g, json_object_get(j, NI_PART_ITEMS)))
		return -1;
	if (a->overview && merge_overview(g, j))
		return -1;
	return 0;
}

/* Merge a partial state's group record j into its group (made when
 * new).  Returns NI_MERGE_OK, NI_MERGE_FULL past --max-groups, or
 * NI_MERGE_BAD; both with a message in err. */
static ni_merge_rc merge_group(ni_agg *a, json_t *j, char *err, size_t errsz)
{
	size_t n;
	const char *key = jstr(json_object_get(j, NI_PART_KEY), &n);
	if (!key) {
		snprintf(err, errsz, "partial group without a key");
		return NI_MERGE_BAD;
	}
	int isnew;
	group *g = group_get(a, key, n, &isnew);
	if (!g) {
		snprintf(err, errsz, "more than %zu groups (--max-groups)", a->o.max_groups);
		return NI_MERGE_FULL;
	}
	if (merge_aggregates(a, g, j)) {
		snprintf(err, errsz, "malformed partial group");
		return NI_MERGE_BAD;
	}
	return NI_MERGE_OK;
}

/* Contract: see agg.h. */
ni_merge_rc ni_agg_merge(ni_agg *a, const char *line, size_t len, char *err,
			 size_t errsz)
{
	json_error_t je;
	json_t *j = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	ni_merge_rc rc = NI_MERGE_BAD;
	if (!j) {
		snprintf(err, errsz, "%s", je.text);
		return NI_MERGE_BAD;
	}
	const char *kind = json_string_value(json_object_get(j, NI_KEY_PARTIAL));
	if (!kind)
		snprintf(err, errsz, "not a partial state (made with --partial)");
	else if (!strcmp(kind, NI_PART_VERSION))
		rc = merge_header(a, j, err, errsz);
	else if (!strcmp(kind, NI_PART_PARENT))
		rc = merge_parent(a, j, err, errsz);
	else if (!strcmp(kind, NI_PART_GROUP))
		rc = merge_group(a, j, err, errsz);
	else
		snprintf(err, errsz, "unknown partial record \"%s\"", kind);
	json_decref(j);
	return rc;
}

/* ---- output ---- */

typedef struct kvc {
	const char *k;
	size_t n;
	uint64_t c;
	double num;
} kvc;

static int by_count_key(const void *x, const void *y)
{
	const kvc *a = x, *b = y;
	if (a->c != b->c)
		return a->c > b->c ? -1 : 1;
	size_t m = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->k, b->k, m);
	return c ? c : (a->n > b->n) - (a->n < b->n);
}

static int by_key(const void *x, const void *y)
{
	const kvc *a = x, *b = y;
	size_t m = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->k, b->k, m);
	return c ? c : (a->n > b->n) - (a->n < b->n);
}

static int by_num(const void *x, const void *y)
{
	const kvc *a = x, *b = y;
	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	return by_key(x, y);
}

static kvc *map_items(const ni_strmap *m, size_t *n)
{
	kvc *v = ni_xcalloc(m->len + 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->t[i].k)
			v[k++] = (kvc){ m->t[i].k, m->t[i].n,
					(uint64_t)(uintptr_t)m->t[i].v, 0 };
	*n = k;
	return v;
}

static void put_num(ni_buf *b, double v)
{
	char t[32];
	ni_fmt_double(v, t);
	ni_buf_adds(b, t);
}

static void put_stats(ni_buf *b, const ni_strmap *m)
{
	size_t n;
	kvc *v = map_items(m, &n);
	for (size_t i = 0; i < n; i++)
		v[i].num = strtod(v[i].k, NULL);
	qsort(v, n, sizeof *v, by_num);
	uint64_t cnt = 0;
	long double sum = 0;
	for (size_t i = 0; i < n; i++) {
		cnt += v[i].c;
		sum += (long double)v[i].num * (long double)v[i].c;
	}
	ni_buf_printf(b, "{\"count\":%llu", (unsigned long long)cnt);
	if (cnt) {
		ni_buf_adds(b, ",\"min\":");
		put_num(b, v[0].num);
		ni_buf_adds(b, ",\"max\":");
		put_num(b, v[n - 1].num);
		ni_buf_adds(b, ",\"mean\":");
		put_num(b, (double)(sum / (long double)cnt));
		static const double qs[] = { 0.5, 0.9 };
		static const char *qn[] = { "p50", "p90" };
		for (int q = 0; q < 2; q++) {
			/* nearest rank: the smallest value with ceil(q*n) at or below */
			uint64_t rank = (uint64_t)ceil(qs[q] * (double)cnt);
			if (rank < 1)
				rank = 1;
			uint64_t acc = 0;
			size_t i = 0;
			while (i < n && (acc += v[i].c) < rank)
				i++;
			ni_buf_printf(b, ",\"%s\":", qn[q]);
			put_num(b, v[i < n ? i : n - 1].num);
		}
	}
	ni_buf_addc(b, '}');
	free(v);
}

static void put_top(ni_buf *b, const ni_strmap *m, size_t top)
{
	size_t n;
	kvc *v = map_items(m, &n);
	qsort(v, n, sizeof *v, by_count_key);
	ni_buf_addc(b, '[');
	for (size_t i = 0; i < n && i < top; i++)
		ni_buf_printf(b, "%s{\"" NI_ROW_KEY "\":%.*s,\"" NI_ROW_COUNT "\":%llu}", i ? "," : "",
			      (int)v[i].n, v[i].k, (unsigned long long)v[i].c);
	ni_buf_addc(b, ']');
	free(v);
}

static void put_hist(ni_buf *b, const double *edges, int n, const uint64_t *c)
{
	ni_buf_adds(b, "{\"edges\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			ni_buf_addc(b, ',');
		put_num(b, edges[i]);
	}
	ni_buf_adds(b, "],\"counts\":[");
	for (int i = 0; i <= n; i++)
		ni_buf_printf(b, "%s%llu", i ? "," : "", (unsigned long long)c[i]);
	ni_buf_adds(b, "]}");
}

static const char *reserved[] = { NI_ROW_COUNT, NI_ROW_SHARE, NI_ROW_STATS,
	NI_ROW_HIST, NI_ROW_DISTINCT, NI_ROW_ITEMS, NI_ROW_TREND, NI_KEY_SUMMARY,
	NI_KEY_BY, NULL };

static void key_name(ni_buf *b, const char *name)
{
	for (int i = 0; reserved[i]; i++)
		if (!strcmp(name, reserved[i])) {
			ni_buf_adds(b, "\"key_");
			ni_buf_adds(b, name);
			ni_buf_addc(b, '"');
			return;
		}
	ni_json_quote(b, name, strlen(name));
}

/* The i-th part of a group's key text. */
static void key_part(const group *g, int i, const char **p, size_t *n)
{
	const char *s = g->key, *e = g->key + g->keyn;
	while (i--) {
		const char *q = memchr(s, KSEP, (size_t)(e - s));
		s = q ? q + 1 : e;
	}
	const char *q = memchr(s, KSEP, (size_t)(e - s));
	*p = s;
	*n = (size_t)((q ? q : e) - s);
}

static void row(ni_agg *a, group *g, ni_buf *b)
{
	const ni_agg_opts *o = &a->o;
	ni_buf_reset(b);
	if (a->overview) {
		ni_buf_printf(b, "{\"" NI_KEY_SUMMARY "\":\"" NI_ROW_OVERVIEW "\",\"" NI_ROW_COUNT "\":%llu",
			      (unsigned long long)g->count);
		ni_buf_adds(b, ",\"" NI_ROW_FIRST "\":");
		if (g->first)
			ni_json_quote(b, g->first, strlen(g->first));
		else
			ni_buf_adds(b, "null");
		ni_buf_adds(b, ",\"" NI_ROW_LAST "\":");
		if (g->last)
			ni_json_quote(b, g->last, strlen(g->last));
		else
			ni_buf_adds(b, "null");
		for (int i = 0; i < NDIMS; i++) {
			ni_buf_printf(b, ",\"%s\":", ni_overview_dims[i]);
			put_top(b, &g->dims[i], 10);
		}
		ni_buf_adds(b, ",\"confidence\":");
		put_hist(b, ov_edges, 2, g->ovband);
	} else {
		ni_buf_adds(b, "{\"" NI_KEY_SUMMARY "\":\"" NI_ROW_GROUP "\",\"" NI_KEY_BY "\":[");
		for (int i = 0; i < o->nby; i++) {
			if (i)
				ni_buf_addc(b, ',');
			ni_json_quote(b, o->by[i].spec, strlen(o->by[i].spec));
		}
		ni_buf_addc(b, ']');
		for (int i = 0; i < o->nby; i++) {
			const char *p;
			size_t n;
			key_part(g, i, &p, &n);
			ni_buf_addc(b, ',');
			key_name(b, o->by[i].name);
			ni_buf_addc(b, ':');
			ni_buf_add(b, p, n);
		}
		ni_buf_printf(b, ",\"" NI_ROW_COUNT "\":%llu,\"" NI_ROW_SHARE "\":", (unsigned long long)g->count);
		uint64_t base = a->total;
		if (o->nby > 1) {
			/* share of the parent group: its items */
			const char *p;
			size_t n;
			key_part(g, o->nby - 1, &p, &n);
			ni_strmap_ent *e = ni_strmap_get(&a->parents, g->key,
							 (size_t)(p - 1 - g->key));
			base = e ? (uint64_t)(uintptr_t)e->v : 0;
		}
		put_num(b, base ? (double)g->count / (double)base : 0);
	}
	if (o->nstats) {
		ni_buf_adds(b, ",\"" NI_ROW_STATS "\":{");
		for (int i = 0; i < o->nstats; i++) {
			ni_buf_printf(b, "%s", i ? "," : "");
			ni_json_quote(b, o->stats[i], strlen(o->stats[i]));
			ni_buf_addc(b, ':');
			put_stats(b, &g->stats[i]);
		}
		ni_buf_addc(b, '}');
	}
	if (o->nhist) {
		ni_buf_adds(b, ",\"" NI_ROW_HIST "\":{");
		size_t base = 0;
		for (int i = 0; i < o->nhist; i++) {
			ni_buf_printf(b, "%s", i ? "," : "");
			ni_json_quote(b, o->hist[i].field, strlen(o->hist[i].field));
			ni_buf_addc(b, ':');
			put_hist(b, o->hist[i].edges, o->hist[i].n, g->hist + base);
			base += (size_t)o->hist[i].n + 1;
		}
		ni_buf_addc(b, '}');
	}
	if (o->ndistinct) {
		ni_buf_adds(b, ",\"" NI_ROW_DISTINCT "\":{");
		for (int i = 0; i < o->ndistinct; i++) {
			ni_buf_printf(b, "%s", i ? "," : "");
			ni_json_quote(b, o->distinct[i], strlen(o->distinct[i]));
			/* null (missing) is not a value */
			size_t d = g->distinct[i].len -
				   (ni_strmap_get(&g->distinct[i], "null", 4) != NULL);
			ni_buf_printf(b, ":%zu", d);
		}
		ni_buf_addc(b, '}');
	}
	if (o->trend_ms) {
		ni_buf_printf(b, ",\"" NI_ROW_TREND "\":{\"period\":\"%s\",\"" NI_ROW_LAST "\":%llu,"
			      "\"previous\":%llu,\"change\":%lld}", o->trend_spec,
			      (unsigned long long)g->tlast, (unsigned long long)g->tprev,
			      (long long)g->tlast - (long long)g->tprev);
	}
	if (o->items > 0) {
		ni_buf_adds(b, ",\"" NI_ROW_ITEMS "\":[");
		for (int i = 0; i < g->nitems; i++) {
			if (i)
				ni_buf_addc(b, ',');
			ni_buf_add(b, g->items[i].json, g->items[i].jn);
		}
		ni_buf_addc(b, ']');
	}
	ni_buf_adds(b, "}\n");
}

typedef struct gref {
	group *g;
	const char *k0;   /* first key part */
	size_t n0;
} gref;

static int cmp_key(const ni_agg *sort_agg, const group *x, const group *y)
{
	/* null sorts last, part by part */
	for (int i = 0; i < (sort_agg->overview ? 0 : sort_agg->o.nby); i++) {
		const char *p, *q;
		size_t n, m;
		key_part(x, i, &p, &n);
		key_part(y, i, &q, &m);
		int pn = n == 4 && !memcmp(p, "null", 4), qn = m == 4 && !memcmp(q, "null", 4);
		if (pn != qn)
			return pn - qn;
		size_t l = n < m ? n : m;
		int c = memcmp(p, q, l);
		if (c)
			return c;
		if (n != m)
			return n < m ? -1 : 1;
	}
	return 0;
}

static int cmp_rows(const void *xp, const void *yp, void *ctx)
{
	const ni_agg *sort_agg = ctx;
	const group *x = ((const gref *)xp)->g, *y = ((const gref *)yp)->g;
	int s = sort_agg->o.sort;
	if (s == 2) {
		long long cx = (long long)x->tlast - (long long)x->tprev;
		long long cy = (long long)y->tlast - (long long)y->tprev;
		if (cx != cy)
			return cx > cy ? -1 : 1;
	}
	if (s != 1 && x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return cmp_key(sort_agg, x, y);
}

static int cmp_first_then_rows(const void *xp, const void *yp, void *ctx)
{
	const gref *x = xp, *y = yp;
	int xn = x->n0 == 4 && !memcmp(x->k0, "null", 4);
	int yn = y->n0 == 4 && !memcmp(y->k0, "null", 4);
	if (xn != yn)
		return xn - yn;
	size_t l = x->n0 < y->n0 ? x->n0 : y->n0;
	int c = memcmp(x->k0, y->k0, l);
	if (c)
		return c;
	if (x->n0 != y->n0)
		return x->n0 < y->n0 ? -1 : 1;
	return cmp_rows(xp, yp, ctx);
}

static gref *sorted_groups(ni_agg *a, size_t *n, int by_key_only)
{
	gref *v = ni_xcalloc(a->groups.len + 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < a->groups.cap; i++)
		if (a->groups.t[i].k) {
			v[k].g = a->groups.t[i].v;
			key_part(v[k].g, 0, &v[k].k0, &v[k].n0);
			k++;
		}
	int save = a->o.sort;
	if (by_key_only)
		a->o.sort = 1;
	qsort_r(v, k, sizeof *v, (a->o.nby > 1 && a->o.top > 0 && !by_key_only)
		? cmp_first_then_rows : cmp_rows, a);
	a->o.sort = save;
	*n = k;
	return v;
}

/* Contract: see agg.h. */
void ni_agg_write(ni_agg *a, ni_out *out)
{
	ni_buf b = {0};
	ft_flush(a);
	if (a->overview && a->groups.len == 0) {
		int isnew;
		group_get(a, "", 0, &isnew);   /* an empty overview */
	}
	size_t n, k = 0;
	/* --top selects the N largest groups (per first key), whatever
	 * --sort says; --sort then orders the ones kept */
	int want = a->o.sort;
	if (a->o.top > 0)
		a->o.sort = 0;
	gref *v = sorted_groups(a, &n, 0);
	a->o.sort = want;
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (a->o.top > 0) {
			if (a->o.nby > 1) {
				if (i == 0 || v[i].n0 != v[i - 1].n0 ||
				    memcmp(v[i].k0, v[i - 1].k0, v[i].n0))
					kept = 0;
			}
			if (kept >= (size_t)a->o.top)
				continue;
			kept++;
		}
		v[k++] = v[i];
	}
	if (a->o.top > 0 && want != 0)
		qsort_r(v, k, sizeof *v, a->o.nby > 1 ? cmp_first_then_rows : cmp_rows, a);
	for (size_t i = 0; i < k; i++) {
		row(a, v[i].g, &b);
		ni_out_write(out, b.s, b.len);
	}
	free(v);
	ni_buf_free(&b);
}

static void put_map_state(ni_buf *b, const ni_strmap *m)
{
	size_t n;
	kvc *v = map_items(m, &n);
	qsort(v, n, sizeof *v, by_key);
	ni_buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		ni_buf_adds(b, i ? ",[" : "[");
		ni_json_quote(b, v[i].k, v[i].n);
		ni_buf_printf(b, ",%llu]", (unsigned long long)v[i].c);
	}
	ni_buf_addc(b, ']');
	free(v);
}

/* Contract: see agg.h. */
void ni_agg_write_partial(ni_agg *a, ni_out *out)
{
	ni_buf b = {0};
	ft_flush(a);
	ni_buf_adds(&b, "{\"" NI_KEY_PARTIAL "\":\"" NI_PART_VERSION "\",\"" NI_PART_OPTIONS "\":");
	ni_json_quote(&b, a->fp, strlen(a->fp));
	ni_buf_printf(&b, ",\"" NI_PART_TOTAL "\":%llu}\n", (unsigned long long)a->total);
	ni_out_write(out, b.s, b.len);
	size_t n;
	gref *v = sorted_groups(a, &n, 1);
	for (size_t i = 0; i < n; i++) {
		group *g = v[i].g;
		ni_buf_reset(&b);
		ni_buf_adds(&b, "{\"" NI_KEY_PARTIAL "\":\"" NI_PART_GROUP "\",\"" NI_PART_KEY "\":");
		ni_json_quote(&b, g->key, g->keyn);
		ni_buf_printf(&b, ",\"" NI_PART_COUNT "\":%llu,\"" NI_PART_STATS "\":[", (unsigned long long)g->count);
		for (int s = 0; s < a->o.nstats; s++) {
			if (s)
				ni_buf_addc(&b, ',');
			put_map_state(&b, &g->stats[s]);
		}
		ni_buf_adds(&b, "],\"" NI_PART_HIST "\":[");
		for (size_t h = 0; h < a->nhistbins; h++)
			ni_buf_printf(&b, "%s%llu", h ? "," : "", (unsigned long long)g->hist[h]);
		ni_buf_adds(&b, "],\"" NI_PART_DISTINCT "\":[");
		for (int s = 0; s < a->o.ndistinct; s++) {
			if (s)
				ni_buf_addc(&b, ',');
			put_map_state(&b, &g->distinct[s]);
		}
		ni_buf_printf(&b, "],\"" NI_PART_TREND "\":[%llu,%llu],\"" NI_PART_ITEMS "\":[",
			      (unsigned long long)g->tlast, (unsigned long long)g->tprev);
		for (int k = 0; k < g->nitems; k++) {
			item *it = &g->items[k];
			ni_buf_adds(&b, k ? ",{\"" NI_PART_RANK "\":[" : "{\"" NI_PART_RANK "\":[");
			for (int r = 0; r < a->o.nrank; r++) {
				if (r)
					ni_buf_addc(&b, ',');
				if (it->r[r].t == 1) {
					char t[32];
					/* 17 digits: the exact double, not its short form */
					snprintf(t, sizeof t, "%.17g", it->r[r].num);
					ni_buf_adds(&b, t);
				} else if (it->r[r].t == 2) {
					ni_json_quote(&b, it->r[r].s, it->r[r].n);
				} else {
					ni_buf_adds(&b, "null");
				}
			}
			ni_buf_adds(&b, "],\"" NI_PART_ITEM "\":");
			ni_json_quote(&b, it->json, it->jn);
			ni_buf_addc(&b, '}');
		}
		ni_buf_addc(&b, ']');
		if (a->overview) {
			ni_buf_adds(&b, ",\"" NI_PART_DIMS "\":[");
			for (int d = 0; d < NDIMS; d++) {
				if (d)
					ni_buf_addc(&b, ',');
				put_map_state(&b, &g->dims[d]);
			}
			ni_buf_printf(&b, "],\"" NI_PART_BANDS "\":[%llu,%llu,%llu]",
				      (unsigned long long)g->ovband[0],
				      (unsigned long long)g->ovband[1],
				      (unsigned long long)g->ovband[2]);
			if (g->first) {
				ni_buf_printf(&b, ",\"" NI_PART_FIRST "\":[%lld,", (long long)g->first_ms);
				ni_json_quote(&b, g->first, strlen(g->first));
				ni_buf_printf(&b, "],\"" NI_PART_LAST "\":[%lld,", (long long)g->last_ms);
				ni_json_quote(&b, g->last, strlen(g->last));
				ni_buf_addc(&b, ']');
			}
		}
		ni_buf_adds(&b, "}\n");
		ni_out_write(out, b.s, b.len);
	}
	free(v);
	size_t np;
	kvc *pv = map_items(&a->parents, &np);
	qsort(pv, np, sizeof *pv, by_key);
	for (size_t i = 0; i < np; i++) {
		ni_buf_reset(&b);
		ni_buf_adds(&b, "{\"" NI_KEY_PARTIAL "\":\"" NI_PART_PARENT "\",\"" NI_PART_KEY "\":");
		ni_json_quote(&b, pv[i].k, pv[i].n);
		ni_buf_printf(&b, ",\"" NI_PART_COUNT "\":%llu}\n", (unsigned long long)pv[i].c);
		ni_out_write(out, b.s, b.len);
	}
	free(pv);
	ni_buf_free(&b);
}

/* Contract: see agg.h. */
size_t ni_agg_groups(const ni_agg *a)
{
	return a->groups.len;
}

/* Contract: see agg.h. */
void ni_agg_free(ni_agg *a)
{
	for (int i = 0; a->kv && i < a->o.nby; i++)
		vl_free(&a->kv[i]);
	free(a->kv);
	for (int i = 0; a->stats && i < a->o.nstats; i++)
		vl_free(&a->stats[i]);
	free(a->stats);
	ni_buf_free(&a->key);
	ni_buf_free(&a->val);
	for (size_t i = 0; i < a->groups.cap; i++) {
		group *g = a->groups.t[i].v;
		if (!a->groups.t[i].k || !g)
			continue;
		for (int s = 0; s < a->o.nstats; s++)
			ni_strmap_free(&g->stats[s]);
		free(g->stats);
		for (int s = 0; s < a->o.ndistinct; s++)
			ni_strmap_free(&g->distinct[s]);
		free(g->distinct);
		free(g->hist);
		for (int k = 0; k < g->nitems; k++)
			item_free(a, &g->items[k]);
		free(g->items);
		if (g->dims) {
			for (int d = 0; d < NDIMS; d++)
				ni_strmap_free(&g->dims[d]);
			free(g->dims);
		}
		free(g->first);
		free(g->last);
		free(g);
	}
	if (a->ft)
		free(a->ft->t);
	free(a->ft);
	ni_strmap_free(&a->groups);
	ni_strmap_free(&a->parents);
	ni_buf_free(&a->tmp);
	free(a->fp);
	free(a);
}
