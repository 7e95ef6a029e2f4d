/* names.c - the field names a run's options and programs read, checked
 * against the records read: one bit per name, set by a lookup that finds
 * it (only while the name is unseen, so a run whose names all turn up in
 * the first records pays nothing after them), the keys of the first
 * records kept for suggestions, and one warning per name that no record
 * had, with the closest keys seen (case-insensitive edit distance). */
#define _GNU_SOURCE
#include "record/record.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* Names ni adds to records itself (NI_KEY_* in base.h): not checked. */
static int builtin(const char *s)
{
	static const char *const keys[] = {
		NI_KEY_PATH, NI_KEY_BODY, NI_KEY_SUMMARY, NI_KEY_BY,
		NI_KEY_PARTIAL, NI_KEY_ERROR, NI_KEY_LINE, NI_KEY_COL, NULL
	};
	for (int i = 0; keys[i]; i++)
		if (!strcmp(s, keys[i]))
			return 1;
	return !strncmp(s, NI_KEY_BODY_PFX, strlen(NI_KEY_BODY_PFX));
}

/* The index + 1 of the name path of kind nested, or 0; with add, its
 * entry is made (holding 0) when missing. */
static ni_strmap_ent *byname(ni_names *t, const char *path, int nested, int add)
{
	if (!t->byname_init) {
		if (!add)
			return NULL;
		ni_strmap_init(&t->byname);
		t->byname_init = 1;
	}
	ni_buf k = {0};
	ni_buf_printf(&k, "%s%c%c", path, 0, nested ? 'n' : 'l');
	int isnew;
	ni_strmap_ent *e = add ? ni_strmap_put(&t->byname, k.s, k.len, &isnew)
			       : ni_strmap_get(&t->byname, k.s, k.len);
	ni_buf_free(&k);
	return e;
}

/* Call fn on each name spelled path (either kind). */
static void each_path(ni_names *t, const char *path,
		      void (*fn)(ni_name *nm, const void *arg), const void *arg)
{
	for (int nested = 0; nested < 2; nested++) {
		ni_strmap_ent *e = byname(t, path, nested, 0);
		if (e && e->v)
			fn(&t->v[(size_t)(uintptr_t)e->v - 1], arg);
	}
}

/* Contract: see record.h. */
void ni_names_add(ni_names *t, const char *path, int literal)
{
	if (!path || !*path || !strcmp(path, "*") || builtin(path))
		return;
	int nested = !literal && strchr(path, '.');
	ni_strmap_ent *e = byname(t, path, nested, 1);
	if (e->v)
		return;
	e->v = (void *)(uintptr_t)(t->n + 1);
	t->v = ni_xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	t->found = ni_xrealloc(t->found, t->n + 1);
	ni_name *nm = &t->v[t->n];
	const char *dot = literal ? NULL : strchr(path, '.');
	nm->path = ni_xstrdup(path);
	nm->kn = dot ? (size_t)(dot - path) : strlen(path);
	nm->key = ni_xstrndup(path, nm->kn);
	nm->alt = dot ? nm->path : NULL;
	nm->an = dot ? strlen(path) : 0;
	memset(nm->loc, 0, sizeof nm->loc);
	memset(nm->locn, 0, sizeof nm->locn);
	nm->hint = NULL;
	nm->by = NULL;
	nm->nby = 0;
	nm->alone = 0;
	t->found[t->n] = 0;
	t->n++;
	t->unseen++;
}

/* Contract: see record.h. */
void ni_names_add_loc(ni_names *t, const char *path, const char *lang)
{
	size_t before = t->n;
	ni_names_add(t, path, 0);
	if (t->n == before)
		return;
	static const char *const dflt[2] = { "en", "ko" };
	ni_name *nm = &t->v[t->n - 1];
	const char *langs[3] = { lang, dflt[0], dflt[1] };
	for (int i = 0; i < 3; i++) {
		if (!langs[i] || !*langs[i])
			continue;
		ni_buf b = {0};
		ni_buf_printf(&b, "%s_%s", path, langs[i]);
		nm->loc[i] = b.s;
		nm->locn[i] = b.len;
	}
}

static void set_hint(ni_name *nm, const void *hint)
{
	nm->hint = hint;
}

/* Contract: see record.h. */
void ni_names_hint(ni_names *t, const char *path, const char *hint)
{
	each_path(t, path, set_hint, hint);
}

static void add_excuse(ni_name *nm, const void *other)
{
	if (!other) {
		nm->alone = 1;
		return;
	}
	nm->by = ni_xrealloc(nm->by, (nm->nby + 1) * sizeof *nm->by);
	nm->by[nm->nby++] = ni_xstrdup(other);
}

/* Contract: see record.h. */
void ni_names_excuse(ni_names *t, const char *path, const char *other)
{
	each_path(t, path, add_excuse, other);
}

/* Is name k excused: absent, but a name that excuses it found? */
static int excused(const ni_names *t, size_t k)
{
	const ni_name *nm = &t->v[k];
	if (nm->alone)
		return 0;
	for (size_t j = 0; j < nm->nby; j++)
		for (int nested = 0; nested < 2; nested++) {
			ni_strmap_ent *e = byname((ni_names *)t, nm->by[j], nested, 0);
			if (e && e->v && t->found[(size_t)(uintptr_t)e->v - 1])
				return 1;
		}
	return 0;
}

/* Contract: see record.h. */
int ni_names_has(const ni_names *t, size_t k, ni_jval rec, const ni_jidx *idx)
{
	const ni_name *nm = &t->v[k];
	if (ni_json_iget(rec, idx, nm->key, nm->kn).t != NI_J_NONE)
		return 1;
	if (nm->alt && ni_json_iget(rec, idx, nm->alt, nm->an).t != NI_J_NONE)
		return 1;
	for (int i = 0; i < 3; i++)
		if (nm->loc[i] && ni_json_iget(rec, idx, nm->loc[i], nm->locn[i]).t != NI_J_NONE)
			return 1;
	return 0;
}

/* Contract: see record.h. */
void ni_names_sample(ni_names *t, const char *line, size_t n)
{
	if (!t->n)
		return;
	if (++t->nrec > NI_NAMES_SAMPLE)
		return;
	if (!t->keys_init) {
		ni_strmap_init(&t->keys);
		t->keys_init = 1;
	}
	ni_jval rec = ni_json_record(line, n), key, val;
	const char *it = NULL;
	ni_buf b = {0};
	while (ni_json_next(rec, &it, &key, &val)) {
		ni_buf_reset(&b);
		ni_json_str(key, &b);
		if (b.len && t->keys.len < NI_NAMES_KEYS && !memchr(b.s, 0, b.len)) {
			int isnew;
			ni_strmap_put(&t->keys, b.s, b.len, &isnew);
		}
	}
	ni_buf_free(&b);
}

/* Contract: see record.h. */
void ni_names_see(ni_names *t, const char *line, size_t n, const ni_jidx *idx)
{
	if (!t->n)
		return;
	ni_names_sample(t, line, n);
	if (!t->unseen)
		return;
	ni_jval rec = ni_json_record(line, n);
	for (size_t k = 0; k < t->n; k++)
		if (!t->found[k] && ni_names_has(t, k, rec, idx)) {
			t->found[k] = 1;
			t->unseen--;
		}
}

/* Contract: see record.h. */
void ni_names_found(ni_names *t, size_t k)
{
	if (k < t->n && !t->found[k]) {
		t->found[k] = 1;
		t->unseen--;
	}
}

/* s as code points, ASCII letters folded to lower case, into a (at most
 * max); returns the count. */
static size_t folded(const char *s, size_t n, long *a, size_t max)
{
	size_t m = 0, i = 0;
	while (i < n && m < max) {
		size_t len;
		long c = ni_utf8_decode((const unsigned char *)s + i, n - i, &len);
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		a[m++] = c;
		i += len;
	}
	return m;
}

#define NAME_MAX_CP 64

/* The optimal string alignment distance of a and b (insertions,
 * deletions, substitutions and transpositions of neighbours). */
static size_t osa(const long *a, size_t na, const long *b, size_t nb)
{
	size_t d[NAME_MAX_CP + 1][NAME_MAX_CP + 1];
	for (size_t i = 0; i <= na; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			size_t c = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + c < v)
				v = d[i - 1][j - 1] + c;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[na][nb];
}

typedef struct cand {
	const char *k;
	size_t n, dist;
} cand;

/* Closest first, then in byte order. */
static int cand_cmp(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	size_t m = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->k, b->k, m);
	return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* Contract: see record.h. */
size_t ni_names_suggest(const ni_names *t, const char *name,
			const char **out, size_t max)
{
	if (!t->keys_init || !max)
		return 0;
	long a[NAME_MAX_CP], b[NAME_MAX_CP];
	size_t na = folded(name, strlen(name), a, NAME_MAX_CP);
	if (strlen(name) > NAME_MAX_CP * 4)
		return 0;
	/* close: at most a quarter of the name's length away (at least 1) */
	size_t lim = na / 4 ? na / 4 : 1;
	cand *c = ni_xcalloc(t->keys.len + 1, sizeof *c);
	size_t nc = 0;
	for (size_t i = 0; i < t->keys.cap; i++) {
		const ni_strmap_ent *e = &t->keys.t[i];
		if (!e->k || e->n > NAME_MAX_CP * 4)
			continue;
		size_t nb = folded(e->k, e->n, b, NAME_MAX_CP);
		size_t df = na > nb ? na - nb : nb - na;
		if (df > lim)
			continue;
		size_t dist = osa(a, na, b, nb);
		if (dist <= lim && !(e->n == strlen(name) && !memcmp(e->k, name, e->n)))
			c[nc++] = (cand){ e->k, e->n, dist };
	}
	qsort(c, nc, sizeof *c, cand_cmp);
	size_t m = nc < max ? nc : max;
	for (size_t i = 0; i < m; i++)
		out[i] = c[i].k;
	free(c);
	return m;
}

/* Contract: see record.h. */
size_t ni_names_report(const ni_names *t, ni_diag *d)
{
	if (!t->nrec || !t->unseen)
		return 0;
	size_t n = 0;
	ni_buf b = {0};
	for (size_t k = 0; k < t->n; k++) {
		if (t->found[k] || excused(t, k))
			continue;
		if (++n > NI_NAMES_REPORT)
			continue;   /* counted, said in one line below */
		const char *s[3];
		size_t m = ni_names_suggest(t, t->v[k].path, s, 3);
		ni_buf_reset(&b);
		ni_buf_printf(&b, "warning: no record has a field \"%s\"", t->v[k].path);
		for (size_t i = 0; i < m; i++)
			ni_buf_printf(&b, "%s\"%s\"", i == 0 ? " (did you mean " :
				      i + 1 == m ? " or " : ", ", s[i]);
		if (m)
			ni_buf_adds(&b, "?)");
		if (t->v[k].hint)
			ni_buf_printf(&b, " %s", t->v[k].hint);
		ni_note(d, "%s", b.s);
	}
	if (n > NI_NAMES_REPORT)
		ni_note(d, "warning: and %zu more fields that no record has", n - NI_NAMES_REPORT);
	ni_buf_free(&b);
	return n;
}

/* Contract: see record.h. */
void ni_names_free(ni_names *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].path);
		free(t->v[i].key);
		for (int j = 0; j < 3; j++)
			free(t->v[i].loc[j]);
		for (size_t j = 0; j < t->v[i].nby; j++)
			free(t->v[i].by[j]);
		free(t->v[i].by);
	}
	free(t->v);
	free(t->found);
	if (t->keys_init)
		ni_strmap_free(&t->keys);
	if (t->byname_init)
		ni_strmap_free(&t->byname);
	memset(t, 0, sizeof *t);
}
