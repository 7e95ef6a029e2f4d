/* agg_run.c - ni-summarize's reading loop, on one core or on several.
 *
 * With threads, each worker validates and counts whole batches of lines
 * into its own table (an ni_agg of the same options); at the end every
 * worker's table is written as a partial state and merged into the
 * caller's table by ni_agg_merge, the same code that --partial/--merge
 * use.  Merging does not depend on the order or the split of the input,
 * so the rows are byte-identical to a run on one core.  Bad lines are
 * reported by the reading thread in input order (the pool hands batches
 * back in order). */
#define _GNU_SOURCE
#include "ni.h"

#include <stdatomic.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

enum { RL_OK = 0, RL_BAD = 1, RL_FULL = 2, RL_LONG = 3 };

typedef struct rline {
	size_t off, len;
	unsigned long lineno;
	int fi, st;
	const char *err;   /* RL_BAD: validator message (static) */
	size_t col;
} rline;

typedef struct rbatch {
	ni_buf text;
	rline *l;
	size_t n, cap;
	size_t groups, counted;   /* the worker's table after this batch */
	char **files;      /* names for notes (borrowed) */
	int nfiles;
} rbatch;

typedef struct rwork {
	ni_agg *agg;
	ni_jidx idx;
	int full;
	size_t counted;    /* records counted into agg */
	atomic_int *many;  /* shared: some table has about a group per record */
} rwork;

static const char *rname(const rbatch *b, int fi)
{
	return b->nfiles ? b->files[fi] : "-";
}

/* A key of high cardinality (about one group per record, e.g. -b id):
 * combining the tables would cost as much as counting, so the rest of
 * the input is counted on one core (the merge does not mind).  Judged
 * after 32Ki records of a worker, not sooner: a key of a few thousand
 * values (tags, weeks) has as many groups as records at first. */
static int many_groups(const rbatch *b)
{
	return b->counted >= 32768 && b->groups * 4 > b->counted;
}

static void rwork_run(void *wp, void *jp)
{
	rwork *w = wp;
	rbatch *b = jp;
	for (size_t i = 0; i < b->n; i++) {
		rline *r = &b->l[i];
		const char *line = b->text.s + r->off;
		if (r->st == RL_LONG)     /* reported in order by the reader */
			continue;
		r->st = RL_OK;
		if (w->full) {         /* this table is full: the run ends */
			r->st = RL_FULL;
			continue;
		}
		if (ni_json_check(line, r->len, NI_MAX_DEPTH, &w->idx, &r->err, &r->col)) {
			r->st = RL_BAD;
			continue;
		}
		if (ni_agg_add(w->agg, ni_json_record(line, r->len), &w->idx,
			       rname(b, r->fi), r->lineno)) {
			r->st = RL_FULL;
			w->full = 1;
		}
		w->counted++;
	}
	b->groups = ni_agg_groups(w->agg);
	b->counted = w->counted;
	if (many_groups(b))
		atomic_store(w->many, 1);
}

/* Merge the table of w into a through its partial-state text.  Returns
 * 0, or -1 when a refuses it (more than --max-groups). */
static int absorb(ni_agg *a, ni_agg *w, ni_diag *d)
{
	char *text = NULL;
	size_t len = 0;
	ni_out o = { .d = d };
	o.fp = open_memstream(&text, &len);
	if (!o.fp)
		ni_oom();
	ni_agg_write_partial(w, &o);
	if (fclose(o.fp))
		ni_oom();
	int rc = 0;
	for (size_t at = 0; at < len && !rc;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - text - at) : len - at;
		char msg[600];
		rc = ni_agg_merge(a, text + at, n, msg, sizeof msg);
		at += n + 1;
	}
	free(text);
	return rc;
}

/* --max-groups was reached at name:lineno (name NULL: in the merge of
 * the workers' tables). */
static void full(ni_diag *d, const ni_agg_opts *o, const char *name,
		 unsigned long lineno)
{
	if (name)
		ni_error_at(d, name, lineno, 0, "more than %zu groups "
			    "(--max-groups); is the key right?", o->max_groups);
	else
		ni_error(d, "more than %zu groups (--max-groups); is the key right?",
			 o->max_groups);
}

/* Validate one line and count it into a, on this thread.  Returns -1
 * at --max-groups (reported), else 0 (a bad line is reported). */
static int count_line(ni_agg *a, const ni_agg_opts *o, ni_diag *d, ni_jidx *idx,
		      const char *line, size_t n, const char *name,
		      unsigned long lineno)
{
	const char *err;
	size_t col;
	if (ni_json_check(line, n, NI_MAX_DEPTH, idx, &err, &col)) {
		ni_error_at(d, name, lineno, col, "%s", err);
		return 0;
	}
	if (ni_agg_add(a, ni_json_record(line, n), idx, name, lineno)) {
		full(d, o, name, lineno);
		return -1;
	}
	return 0;
}

/* One core: the loop as it always was (also for --merge and -v, whose
 * notes must come in input order). */
static int run_one(ni_agg *a, const ni_agg_opts *o, ni_diag *d, ni_lines *in,
		   int merge)
{
	ni_jidx idx;
	const char *line;
	long n;
	while ((n = ni_lines_next(in, &line)) >= 0) {
		if (!merge) {
			if (count_line(a, o, d, &idx, line, (size_t)n, in->name, in->lineno))
				return -1;
			continue;
		}
		const char *err;
		size_t col;
		if (ni_json_check(line, (size_t)n, NI_MAX_DEPTH, &idx, &err, &col)) {
			ni_error_at(d, in->name, in->lineno, col, "%s", err);
			continue;
		}
		char msg[600];
		ni_merge_rc r = ni_agg_merge(a, line, (size_t)n, msg, sizeof msg);
		if (r != NI_MERGE_OK) {
			ni_error_at(d, in->name, in->lineno, 0, "%s", msg);
			if (r == NI_MERGE_OPTIONS || r == NI_MERGE_FULL)
				return -1;
		}
	}
	return 0;
}

/* Report a batch's bad lines in order; returns -1 at a full table. */
static int consume(const ni_agg_opts *o, ni_diag *d, rbatch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		rline *r = &b->l[i];
		if (r->st == RL_BAD || r->st == RL_LONG) {
			ni_error_at(d, rname(b, r->fi), r->lineno, r->col, "%s", r->err);
		} else if (r->st == RL_FULL) {
			full(d, o, rname(b, r->fi), r->lineno);
			return -1;
		}
	}
	b->n = 0;
	ni_buf_reset(&b->text);
	return 0;
}

/* Count the lines of b into a on this thread, in order.  Returns -1 at
 * --max-groups. */
static int count_here(ni_agg *a, const ni_agg_opts *o, ni_diag *d, rbatch *b)
{
	ni_jidx idx;
	for (size_t i = 0; i < b->n; i++) {
		rline *r = &b->l[i];
		if (r->st == RL_LONG)
			ni_error_at(d, rname(b, r->fi), r->lineno, 0, "%s", r->err);
		else if (count_line(a, o, d, &idx, b->text.s + r->off, r->len,
				    rname(b, r->fi), r->lineno))
			return -1;
	}
	b->n = 0;
	ni_buf_reset(&b->text);
	return 0;
}

/* Contract: see ni.h. */
int ni_agg_run(ni_agg *a, const ni_agg_opts *o, ni_diag *d, char **files,
	       int nfiles, size_t max_line, int merge, int jobs)
{
	ni_lines in;
	ni_lines_init(&in, d, files, nfiles);
	in.max_line = max_line;
	int nth = ni_batch_threads(jobs);
	if (nth <= 1 || merge || d->verbose) {
		int rc = run_one(a, o, d, &in, merge);
		ni_lines_free(&in);
		return rc;
	}
#ifdef M_ARENA_MAX
	/* Under an address-space limit (ulimit -v), one malloc arena for
	 * all threads: each thread's own arena reserves 64 MiB, and near the
	 * limit every allocation retried that reservation (catalog L1 ran
	 * out of memory in 8 s instead of 1.3 s).  Without a limit, the
	 * arenas stay per thread: sharing one costs -b tags 40% in lock
	 * contention. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		mallopt(M_ARENA_MAX, 1);
#endif
	rwork *w = ni_xcalloc((size_t)nth, sizeof *w);
	void **wp = ni_xcalloc((size_t)nth, sizeof *wp);
	atomic_int many;
	atomic_init(&many, 0);
	for (int i = 0; i < nth; i++) {
		w[i].agg = ni_agg_new(o, d);
		w[i].many = &many;
		wp[i] = &w[i];
	}
	size_t nslots = (size_t)nth * 3;
	ni_pool *pool = ni_pool_new(nth, nslots, rwork_run, wp);
	rbatch *slots = ni_xcalloc(nslots + 1, sizeof *slots);
	rbatch **freeb = ni_xcalloc(nslots + 1, sizeof *freeb);
	size_t nfree = 0;
	for (size_t i = 0; i < nslots + 1; i++) {
		slots[i].files = files;
		slots[i].nfiles = nfiles;
		freeb[nfree++] = &slots[i];
	}
	rbatch *cur = freeb[--nfree], *done;
	int rc = 0, one = 0;
	const char *line;
	long n;
	/* the lines stay in the reader's buffers, which the batches take
	 * whole (ni_lines_swap); an over-long line keeps its place */
	char toolong[64];
	snprintf(toolong, sizeof toolong, "record longer than %zu bytes", in.max_line);
	in.hold = 1;
	while (!rc && !one && (n = ni_lines_next(&in, &line)) != -1) {
		if (n >= 0 || n == NI_LINES_LONG) {
			int lng = n == NI_LINES_LONG;
			if (cur->n == cur->cap) {
				cur->cap = cur->cap ? cur->cap * 2 : 1024;
				cur->l = ni_xrealloc(cur->l, cur->cap * sizeof *cur->l);
			}
			cur->l[cur->n++] = (rline){ .off = lng ? 0 : (size_t)(line - in.buf),
						    .len = lng ? 0 : (size_t)n,
						    .lineno = in.lineno, .fi = in.fi,
						    .st = lng ? RL_LONG : RL_OK,
						    .err = lng ? toolong : NULL };
			continue;
		}
		ni_lines_swap(&in, &cur->text);
		if (!cur->n)
			continue;
		if ((done = ni_pool_submit(pool, cur))) {
			rc = consume(o, d, done);
			freeb[nfree++] = done;
		}
		cur = freeb[--nfree];
		one = atomic_load(&many);
	}
	/* cur's lines are in the reader's buffer: take it */
	ni_lines_swap(&in, &cur->text);
	in.hold = 0;
	if (one) {
		/* the batches in flight first (their errors come first) */
		while ((done = ni_pool_next(pool)))
			if (!rc)
				rc = consume(o, d, done);
		if (!rc)
			rc = count_here(a, o, d, cur);
		if (!rc)
			rc = run_one(a, o, d, &in, 0);
	} else if (cur->n && !rc && (done = ni_pool_submit(pool, cur))) {
		rc = consume(o, d, done);
	}
	while ((done = ni_pool_next(pool)))
		if (!rc)
			rc = consume(o, d, done);
	ni_pool_free(pool);
	ni_lines_free(&in);
	for (int i = 0; i < nth; i++) {
		if (!rc && absorb(a, w[i].agg, d)) {
			full(d, o, NULL, 0);
			rc = -1;
		}
		ni_agg_free(w[i].agg);
	}
	for (size_t i = 0; i < nslots + 1; i++) {
		ni_buf_free(&slots[i].text);
		free(slots[i].l);
	}
	free(slots);
	free(freeb);
	free(w);
	free(wp);
	return rc;
}
