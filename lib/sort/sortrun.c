/* sortrun.c - the ni-sort pipeline: lines are validated and given their
 * sort keys in worker threads (in order, as ni-filter does), then
 * sorted externally, selected with bounded heaps (-n, -g), merged (-m)
 * or checked (-c), and written unchanged. */
#define _GNU_SOURCE
#include "sort/sort_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- group keys ---- */

/* Append to out the group keys of rec, each as [u32 length][bytes]
 * (several with --explode over arrays: every combination, no cap);
 * returns how many. */
static size_t group_keys(const ni_sort_cfg *c, ni_jval rec, const ni_jidx *idx,
			 ni_buf *tmp, ni_buf *out)
{
	ni_buf cur = {0}, next = {0}, one = {0};
	size_t ncur = 1;
	uint32_t z = 0;
	ni_buf_add(&cur, &z, 4);        /* one empty partial key */
	for (int g = 0; g < c->ngroup; g++) {
		ni_jval v = ni_json_ipath(rec, idx, c->group[g]);
		/* the values of this field: one, or each element */
		ni_buf vals = {0};
		size_t nv = 0;
		if (c->explode && v.t == NI_J_ARR) {
			const char *it = NULL;
			ni_jval el;
			while (ni_json_next(v, &it, NULL, &el)) {
				ni_buf_reset(&one);
				if (!ni_sort_valkey(c->spec, el, tmp, &one))
					ni_buf_add(&one, "\xFF\xFF", 2);
				uint32_t n = (uint32_t)one.len;
				ni_buf_add(&vals, &n, 4);
				ni_buf_add(&vals, one.s, one.len);
				nv++;
			}
		}
		if (!nv) {
			ni_buf_reset(&one);
			if (!ni_sort_valkey(c->spec, v, tmp, &one))
				ni_buf_add(&one, "\xFF\xFF", 2);
			uint32_t n = (uint32_t)one.len;
			ni_buf_add(&vals, &n, 4);
			ni_buf_add(&vals, one.s, one.len);
			nv = 1;
		}
		ni_buf_reset(&next);
		size_t nnext = 0;
		for (size_t po = 0, i = 0; i < ncur; i++) {
			uint32_t pn;
			memcpy(&pn, cur.s + po, 4);
			const char *pk = cur.s + po + 4;
			po += 4 + pn;
			for (size_t vo = 0, j = 0; j < nv; j++) {
				uint32_t vn;
				memcpy(&vn, vals.s + vo, 4);
				uint32_t n = pn + vn;
				ni_buf_add(&next, &n, 4);
				ni_buf_add(&next, pk, pn);
				ni_buf_add(&next, vals.s + vo + 4, vn);
				vo += 4 + vn;
				nnext++;
			}
		}
		ni_buf tt = cur;
		cur = next;
		next = tt;
		ncur = nnext;
		ni_buf_free(&vals);
	}
	ni_buf_add(out, cur.s, cur.len);
	ni_buf_free(&cur);
	ni_buf_free(&next);
	ni_buf_free(&one);
	return ncur;
}

/* ---- keys, on the runner's threads (batch.c) ---- */

/* A line's keys: the sort key and gn group keys, in b->out. */
typedef struct lres {
	size_t koff, kn;
	size_t goff, gn;
	uint32_t sum;          /* by location: the line's ni_checksum */
} lres;

typedef struct wctx {
	const ni_sort_cfg *c;
	ni_buf tmp;
	int groups;            /* compute group keys */
	int sums;              /* by location: checksum the lines */
} wctx;

static void work(void *wp, ni_batch *b, size_t i, ni_jidx *idx)
{
	wctx *w = wp;
	lres *r = ni_batch_res(b, i);
	const ni_bline *l = &b->l[i];
	ni_jval rec = ni_json_record(b->text.s + l->off, l->len);
	r->koff = b->out.len;
	ni_sort_key(w->c->spec, rec, idx, &w->tmp, &b->out);
	r->kn = b->out.len - r->koff;
	r->goff = b->out.len;
	r->gn = w->groups ? group_keys(w->c, rec, idx, &w->tmp, &b->out) : 0;
	if (w->sums)
		r->sum = ni_checksum(b->text.s + l->off, l->len);
}

/* ---- selection and output ---- */

typedef struct group {
	ni_topn top;          /* heap mode */
	long long count;      /* stream mode: records kept */
	ni_buf kept;          /* stream mode, --group-order: the lines */
	size_t order;         /* creation order */
} group;

typedef struct run {
	const ni_sort_cfg *c;
	ni_diag *d;
	ni_out out, rej;
	int have_rej;
	int mode;             /* M_SORT, M_TOP, M_CHECK */
	ni_sorter *sorter;
	ni_gather *gather;    /* sorting by location (gather.c), or NULL */
	ni_topn top;
	ni_strmap groups;
	group **glist;
	size_t ngroups;
	uint64_t seq;
	/* stream selection */
	ni_hashset seen;
	long long emitted;
	int done;
	ni_buf tmp, kb, gk;
	/* -c */
	ni_buf prev;
	int have_prev, disorder;
	ni_names names;       /* -k, -g, -u fields, checked (record.h) */
} run;

enum { M_SORT, M_TOP, M_CHECK };

static group *get_group(run *R, const char *k, size_t n)
{
	int isnew;
	ni_strmap_ent *e = ni_strmap_put(&R->groups, k, n, &isnew);
	if (isnew) {
		group *g = ni_xcalloc(1, sizeof *g);
		ni_topn_init(&g->top, (size_t)R->c->head);
		g->order = R->ngroups;
		R->glist = ni_xrealloc(R->glist, (R->ngroups + 1) * sizeof *R->glist);
		R->glist[R->ngroups++] = g;
		e->v = g;
	}
	return e->v;
}

static void put_line(run *R, const char *line, size_t n)
{
	ni_out_write(&R->out, line, n);
	ni_out_write(&R->out, "\n", 1);
}

/* A record in final order (sorted or merged): -u, the group caps, -n;
 * writes it or keeps it for --group-order. */
static void stream_one(run *R, const char *line, size_t n)
{
	const ni_sort_cfg *c = R->c;
	if (R->done)
		return;
	ni_jval rec = {0};
	if (c->unique || c->ngroup)
		rec = ni_json_record(line, n);
	if (c->unique) {
		ni_buf_reset(&R->kb);
		ni_jval v = ni_json_path(rec, c->unique);
		uint32_t tag;
		if (ni_sort_valkey(c->spec, v, &R->tmp, &R->kb) &&
		    ni_hashset_add(&R->seen, R->kb.s, R->kb.len, &tag))
			return;
	}
	if (c->ngroup) {
		ni_buf_reset(&R->gk);
		size_t ng = group_keys(c, rec, NULL, &R->tmp, &R->gk);
		int kept = 0;
		for (size_t i = 0, o = 0; i < ng; i++) {
			uint32_t gn;
			memcpy(&gn, R->gk.s + o, 4);
			group *g = get_group(R, R->gk.s + o + 4, gn);
			o += 4 + gn;
			if (g->count >= c->head)
				continue;
			g->count++;
			kept = 1;
			if (c->group_order) {
				ni_buf_add(&g->kept, line, n);
				ni_buf_addc(&g->kept, '\n');
			}
		}
		if (!kept || c->group_order)
			return;
		put_line(R, line, n);
		return;
	}
	put_line(R, line, n);
	if (c->head >= 0 && ++R->emitted >= c->head)
		R->done = 1;
}

static void stream_end(run *R)
{
	if (!R->c->group_order)
		return;
	for (size_t i = 0; i < R->ngroups; i++)
		if (R->glist[i]->kept.len)
			ni_out_write(&R->out, R->glist[i]->kept.s, R->glist[i]->kept.len);
}

static int ent_order(const void *a, const void *b)
{
	const ni_topent *x = *(ni_topent *const *)a, *y = *(ni_topent *const *)b;
	int c = ni_sort_keycmp(x->p, x->kn, y->p, y->kn);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int group_first(const void *a, const void *b)
{
	const group *x = *(group *const *)a, *y = *(group *const *)b;
	const ni_topent *ex = x->top.len ? &x->top.e[0] : NULL;
	const ni_topent *ey = y->top.len ? &y->top.e[0] : NULL;
	if (!ex || !ey)
		return !ex - !ey;
	int c = ent_order(&ex, &ey);
	if (c)
		return c;
	/* one record first in two groups (--explode): groups as created */
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Heap mode output: one heap (-n), or one per group (-g -n). */
static void top_end(run *R)
{
	const ni_sort_cfg *c = R->c;
	if (!c->ngroup) {
		ni_topn_sort(&R->top);
		for (size_t i = 0; i < R->top.len; i++)
			put_line(R, R->top.e[i].p + R->top.e[i].kn, R->top.e[i].n);
		return;
	}
	for (size_t i = 0; i < R->ngroups; i++)
		ni_topn_sort(&R->glist[i]->top);
	if (c->group_order) {
		group **gs = ni_xmalloc((R->ngroups + 1) * sizeof *gs);
		memcpy(gs, R->glist, R->ngroups * sizeof *gs);
		qsort(gs, R->ngroups, sizeof *gs, group_first);
		for (size_t i = 0; i < R->ngroups; i++)
			for (size_t j = 0; j < gs[i]->top.len; j++)
				put_line(R, gs[i]->top.e[j].p + gs[i]->top.e[j].kn,
					 gs[i]->top.e[j].n);
		free(gs);
		return;
	}
	/* all kept records in order; with --explode, each once */
	size_t total = 0;
	for (size_t i = 0; i < R->ngroups; i++)
		total += R->glist[i]->top.len;
	ni_topent **all = ni_xmalloc((total + 1) * sizeof *all);
	size_t k = 0;
	for (size_t i = 0; i < R->ngroups; i++)
		for (size_t j = 0; j < R->glist[i]->top.len; j++)
			all[k++] = &R->glist[i]->top.e[j];
	qsort(all, k, sizeof *all, ent_order);
	for (size_t i = 0; i < k; i++)
		if (!i || all[i]->seq != all[i - 1]->seq)
			put_line(R, all[i]->p + all[i]->kn, all[i]->n);
	free(all);
}

/* One valid record in input order. */
static void take(run *R, const char *line, size_t n, const char *key, size_t kn,
		 const char *gks, size_t ng, const char *name, unsigned long lineno)
{
	switch (R->mode) {
	case M_SORT:
		ni_sorter_add(R->sorter, key, kn, line, n);
		if (ni_sorter_failed(R->sorter))
			R->done = 1;    /* a temporary file error, reported */
		break;
	case M_TOP:
		if (!R->c->ngroup) {
			ni_topn_add(&R->top, key, kn, line, n, R->seq);
		} else {
			/* one copy of the record, however many groups keep it */
			char *blob = ng > 1 ? ni_topblob_new(key, kn, line, n) : NULL;
			for (size_t i = 0, o = 0; i < ng; i++) {
				uint32_t gn;
				memcpy(&gn, gks + o, 4);
				group *g = get_group(R, gks + o + 4, gn);
				o += 4 + gn;
				if (blob)
					ni_topn_add_shared(&g->top, blob, kn, n, R->seq);
				else
					ni_topn_add(&g->top, key, kn, line, n, R->seq);
			}
			ni_topblob_drop(blob);
		}
		break;
	case M_CHECK:
		if (R->have_prev &&
		    ni_sort_keycmp(R->prev.s, R->prev.len, key, kn) > 0) {
			ni_note_at(R->d, name, lineno, 0, "disorder: %.*s",
				   (int)(n > 200 ? 200 : n), line);
			R->disorder = 1;
			R->done = 1;
			break;
		}
		ni_buf_reset(&R->prev);
		ni_buf_add(&R->prev, key, kn);
		R->have_prev = 1;
		break;
	}
	R->seq++;
}

/* An invalid line of -m: reported and kept (the runner does this for
 * the others). */
static void bad_line(run *R, const char *name, unsigned long lineno, size_t col,
		     const char *msg, const char *line, size_t n)
{
	ni_error_at(R->d, name, lineno, col, "%s", msg);
	if (R->have_rej) {
		ni_out_write(&R->rej, line, n);
		ni_out_write(&R->rej, "\n", 1);
	}
}

/* A valid line in input order (batch.c); 1 when the run is done. */
static int emit(void *ctx, ni_batch *b, size_t i, const char *name)
{
	run *R = ctx;
	const ni_bline *l = &b->l[i];
	const lres *r = ni_batch_res(b, i);
	if (R->gather) {
		char loc[NI_GATHER_LOC];
		ni_gather_loc(loc, l->fi, l->fpos, l->len, r->sum);
		take(R, loc, sizeof loc, b->out.s + r->koff, r->kn, NULL, 0,
		     name, l->lineno);
		return R->done;
	}
	take(R, b->text.s + l->off, l->len, b->out.s + r->koff, r->kn,
	     b->out.s + r->goff, r->gn, name, l->lineno);
	return R->done;
}

/* Worker i (batch.c's winit): the keys to make. */
static int winit(void *ctx, void *wp, int i)
{
	run *R = ctx;
	wctx *w = wp;
	w->c = R->c;
	w->groups = R->mode == M_TOP && R->c->ngroup;
	w->sums = R->gather != NULL;
	return 0;
}

/* Worker i done (batch.c's wfree). */
static void wfree(void *ctx, void *wp, int i)
{
	ni_buf_free(&((wctx *)wp)->tmp);
}

/* Read all inputs through the batched runner into take(). */
static void read_all(run *R, char **files, int nfiles, int nth)
{
	const ni_sort_cfg *c = R->c;
	ni_lines in;
	ni_lines_init(&in, R->d, files, nfiles);
	in.max_line = c->max_line;
	if (R->gather)
		in.fds = ni_gather_fds(R->gather);
	ni_batch_cfg bc = { .threads = nth, .wsize = sizeof (wctx),
			    .winit = winit, .wfree = wfree,
			    .res_size = sizeof (lres),
			    .work = work, .emit = emit, .ctx = R,
			    .rej = R->have_rej ? &R->rej : NULL, .out = &R->out,
			    .names = &R->names };
	ni_batch_run(&bc, &in);
	ni_lines_free(&in);
}

/* ---- -m: merge inputs that are sorted already ---- */

typedef struct src {
	ni_lines in;
	const char *line;
	size_t n;
	ni_buf key, prev;
	int live;
	unsigned long disorder;  /* records out of order in this input */
} src;

static int src_next(run *R, src *s, ni_jidx *idx)
{
	const char *line;
	long n;
	while ((n = ni_lines_next(&s->in, &line)) >= 0) {
		const char *err;
		size_t col;
		if (ni_json_check(line, (size_t)n, NI_MAX_DEPTH, idx, &err, &col)) {
			bad_line(R, s->in.name, s->in.lineno, col, err, line, (size_t)n);
			continue;
		}
		ni_names_see(&R->names, line, (size_t)n, idx);
		ni_buf t = s->prev;
		s->prev = s->key;
		s->key = t;
		ni_buf_reset(&s->key);
		ni_sort_key(R->c->spec, ni_json_record(line, (size_t)n), idx,
			    &R->tmp, &s->key);
		if (s->live && ni_sort_keycmp(s->prev.s, s->prev.len, s->key.s,
					      s->key.len) > 0 && !s->disorder++)
			ni_error_at(R->d, s->in.name, s->in.lineno, 0,
				    "not in order (-m needs inputs sorted by the same "
				    "keys; the output is not sorted)");
		s->line = line;
		s->n = (size_t)n;
		s->live = 1;
		return 1;
	}
	s->live = 0;
	if (s->disorder > 1)
		ni_note(R->d, "%s: %lu records out of order in all",
			s->in.name, s->disorder);
	return 0;
}

static void merge_inputs(run *R, char **files, int nfiles)
{
	char dashname[] = "-";
	char *dash[] = { dashname };
	if (!nfiles) {
		files = dash;
		nfiles = 1;
	}
	src *s = ni_xcalloc((size_t)nfiles, sizeof *s);
	ni_kmerge h;
	ni_kmerge_init(&h, nfiles);
	ni_jidx *idx = ni_xcalloc(1, sizeof *idx);
	for (int i = 0; i < nfiles; i++) {
		ni_lines_init(&s[i].in, R->d, files + i, 1);
		s[i].in.max_line = R->c->max_line;
		if (src_next(R, &s[i], idx))
			ni_kmerge_add(&h, i, s[i].key.s, s[i].key.len);
	}
	ni_kmerge_build(&h);
	int top;
	while ((top = ni_kmerge_top(&h)) >= 0 && !R->done) {
		src *t = &s[top];
		stream_one(R, t->line, t->n);
		if (src_next(R, t, idx))
			ni_kmerge_advance(&h, t->key.s, t->key.len);
		else
			ni_kmerge_advance(&h, NULL, 0);
	}
	for (int i = 0; i < nfiles; i++) {
		ni_lines_free(&s[i].in);
		ni_buf_free(&s[i].key);
		ni_buf_free(&s[i].prev);
	}
	free(s);
	ni_kmerge_free(&h);
	ni_jidx_free(idx);
	free(idx);
}

/* Contract: see sort.h. */
int ni_sort_cfg_check(const ni_sort_cfg *c, int sized)
{
	for (int i = 0; i < c->ngroup; i++)
		if (!*c->group[i])
			return ni_usage(c->d, "empty field name in -g");
	if (c->unique && !*c->unique)
		return ni_usage(c->d, "empty field name in -u");
	if (c->ngroup && c->head < 0)
		return ni_usage(c->d, "-g needs -n N (the records kept per group)");
	if ((c->explode || c->group_order) && !c->ngroup)
		return ni_usage(c->d, "--%s needs -g", c->explode ? "explode" : "group-order");
	if (c->check && (c->head >= 0 || c->ngroup || c->unique || c->merge))
		return ni_usage(c->d, "-c cannot be combined with -n, -g, -u or -m");
	if (!c->spec->nf && (c->check || c->merge || (c->head < 0 && !c->unique)))
		return ni_usage(c->d, "no sort key given (-k FIELD)");
	if (c->merge && sized && c->d->verbose)
		ni_note(c->d, "note: -S and -T do not apply to -m (merging needs no buffer)");
	return 0;
}

/* The sorted records, written or selected (stream_one). */
static void sorted_out(run *R)
{
	const char *k, *l;
	size_t kn, n;
	while (!R->done && ni_sorter_next(R->sorter, &k, &kn, &l, &n))
		stream_one(R, l, n);
	stream_end(R);
}

/* The sorted records by location: read back from the inputs (no -u or
 * -g here: only -n applies). */
static void gather_out(run *R)
{
	const ni_sort_cfg *c = R->c;
	const char *k, *l;
	size_t kn, n;
	if (!ni_sorter_failed(R->sorter) && !R->out.failed) {
		ni_gather_open(R->gather);
		while (!R->done && ni_sorter_next(R->sorter, &k, &kn, &l, &n)) {
			if (ni_gather_put(R->gather, l, &R->out) != 0)
				break;
			if (c->head >= 0 && ++R->emitted >= c->head)
				R->done = 1;
		}
		ni_gather_end(R->gather, &R->out);
	}
	ni_gather_free(R->gather);
	R->gather = NULL;
}

/* Contract: see sort.h.  Output goes to stdout through ni_out (a write
 * error stops the run: exit 2); --rejects is replaced atomically. */
int ni_sort_main(const ni_sort_cfg *c, char **files, int nfiles)
{
	run *R = ni_xcalloc(1, sizeof *R);
	R->c = c;
	R->d = c->d;
	ni_strmap_init(&R->groups);
	ni_hashset_init(&R->seen);
	ni_out_open(&R->out, R->d, NULL);
	/* records are KiBs: write in large blocks, not 4 KiB ones */
	setvbuf(R->out.fp, NULL, _IOFBF, 1u << 18);
	if (c->rejects) {
		ni_out_open(&R->rej, R->d, c->rejects);
		R->have_rej = 1;
	}
	for (int i = 0; i < c->spec->nf; i++)
		ni_names_add(&R->names, c->spec->f[i].path, 0);
	for (int i = 0; i < c->ngroup; i++)
		ni_names_add(&R->names, c->group[i], 0);
	if (c->unique)
		ni_names_add(&R->names, c->unique, 0);
	int nth = ni_batch_threads(c->jobs);
	/* the bounded heap needs O(n) memory: past about the buffer, an
	 * external sort and the first n of it are the better plan */
	int heap_ok = c->head >= 0 && !c->unique && !c->merge &&
		(unsigned long long)c->head * 4096ULL <= c->buffer;
	if (R->rej.failed) {
		/* --rejects could not be opened (reported): nothing runs */
	} else if (c->check) {
		R->mode = M_CHECK;
		read_all(R, files, nfiles, nth);
	} else if (c->merge) {
		merge_inputs(R, files, nfiles);
		stream_end(R);
	} else if (heap_ok) {
		R->mode = M_TOP;
		ni_topn_init(&R->top, (size_t)c->head);
		read_all(R, files, nfiles, nth);
		top_end(R);
	} else {
		R->mode = M_SORT;
		R->sorter = ni_sorter_new(R->d, c->buffer, c->tmpdir, nth ? nth : 1);
		if (!c->unique && !c->ngroup)
			R->gather = ni_gather_new(R->d, files, nfiles, nth);
		read_all(R, files, nfiles, nth);
		if (R->gather)
			gather_out(R);
		else
			sorted_out(R);
		if (R->d->verbose)
			ni_note(R->d, "%zu temporary runs",
				ni_sorter_runs(R->sorter));
		ni_sorter_free(R->sorter);
	}
	ni_out_close(&R->out);
	if (R->have_rej)
		ni_out_close(&R->rej);
	ni_names_report(&R->names, R->d);
	ni_names_free(&R->names);
	for (size_t i = 0; i < R->ngroups; i++) {
		ni_topn_free(&R->glist[i]->top);
		ni_buf_free(&R->glist[i]->kept);
		free(R->glist[i]);
	}
	free(R->glist);
	ni_strmap_free(&R->groups);
	ni_hashset_free(&R->seen);
	ni_topn_free(&R->top);
	ni_buf_free(&R->tmp);
	ni_buf_free(&R->kb);
	ni_buf_free(&R->gk);
	ni_buf_free(&R->prev);
	int disorder = R->disorder;
	free(R);
	if (c->d->errors)
		return NI_EXIT_ERR;
	return disorder ? NI_EXIT_NONE : NI_EXIT_OK;
}
