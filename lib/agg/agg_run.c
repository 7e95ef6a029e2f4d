/* agg_run.c - ni-summarize's reading loop, on one core or on several.
 *
 * With threads, the batched line runner (batch.c) hands batches of lines
 * to the workers, and each worker validates and counts its lines into
 * its own table (an ni_agg of the same options; the first worker's is
 * the caller's); at the end every other worker's table is written as a
 * partial state and merged into the caller's table by ni_agg_merge, the
 * same code that --partial/--merge use.  Merging does not depend on the
 * order or the split of the input, so the rows are byte-identical to a
 * run on one core.  Bad lines are reported by the runner in input order. */
#define _GNU_SOURCE
#include "agg/agg.h"

#include <malloc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* A worker: its table, and what the run shares.  Each on its own cache
 * line: the counters are written for every record, and two workers'
 * counters in one line made the line bounce between the cores (the
 * load of w->full took 3% of -b tags). */
typedef struct rwork {
	_Alignas(64) ni_agg *agg;
	int full;          /* this table refused a group: the run ends */
	size_t counted;    /* records counted into agg */
	atomic_int *many;  /* shared: some table has about a group per record */
	ni_lines *in;      /* for the file names of notes */
} rwork;

/* A line's result: counted, or the table was full at it. */
enum { RL_OK = 0, RL_FULL = 1 };

/* A key of high cardinality (about one group per record, e.g. -b id):
 * combining the tables would cost as much as counting, so the rest of
 * the input is counted on one core (the merge does not mind).  Judged
 * after 32Ki records of a worker, not sooner: a key of a few thousand
 * values (tags, weeks) has as many groups as records at first. */
static int many_groups(const rwork *w)
{
	return w->counted >= 32768 && ni_agg_groups(w->agg) * 4 > w->counted;
}

/* On a worker (or, once serial, the reading thread): count valid line i
 * of b into this worker's table. */
static void count_work(void *wctx, ni_batch *b, size_t i, ni_jidx *idx)
{
	rwork *w = wctx;
	const ni_bline *l = &b->l[i];
	int *st = ni_batch_res(b, i);
	*st = RL_OK;
	if (w->full) {
		*st = RL_FULL;
		return;
	}
	const char *name = w->in->nfiles ? w->in->files[l->fi] : "-";
	if (ni_agg_add(w->agg, ni_json_record(b->text.s + l->off, l->len), idx,
		       name, l->lineno)) {
		*st = RL_FULL;
		w->full = 1;
		return;
	}
	if ((++w->counted & 1023) == 0 && many_groups(w))
		atomic_store(w->many, 1);
}

typedef struct rrun {
	const ni_agg_opts *o;
	ni_diag *d;
	atomic_int many;
	int full;
	ni_agg *a;         /* the result: worker 0 counts into it */
	ni_lines *in;
	ni_agg **tables;   /* workers 1.. hand theirs over here (wfree) */
} rrun;

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

/* In input order: a line the table was full at ends the run. */
static int count_emit(void *ctx, ni_batch *b, size_t i, const char *name)
{
	rrun *R = ctx;
	if (*(int *)ni_batch_res(b, i) != RL_FULL)
		return 0;
	full(R->d, R->o, name, b->l[i].lineno);
	R->full = 1;
	return 1;
}

/* Polled by the runner: the rest on one core? */
static int count_serial(void *ctx)
{
	rrun *R = ctx;
	return atomic_load(&R->many);
}

/* Worker i (batch.c's winit).  The first counts into the result
 * itself: so does the reading thread once the run is serial, and a key
 * of one group per record is then not merged a second time. */
static int count_winit(void *ctx, void *wp, int i)
{
	rrun *R = ctx;
	*(rwork *)wp = (rwork){ .agg = i ? ni_agg_new(R->o, R->d) : R->a,
				.many = &R->many, .in = R->in };
	return 0;
}

/* Worker i done (batch.c's wfree): its table handed over, merged into
 * the result after the run's own messages. */
static void count_wfree(void *ctx, void *wp, int i)
{
	rrun *R = ctx;
	if (i)
		R->tables[i] = ((rwork *)wp)->agg;
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

/* Validate one line and count it into a, on this thread.  Returns -1
 * at --max-groups (reported), else 0 (a bad line is reported). */
static int count_line(ni_agg *a, const ni_agg_opts *o, ni_diag *d, ni_jidx *idx,
		      const char *line, size_t n, const char *name,
		      unsigned long lineno, ni_names *t)
{
	const char *err;
	size_t col;
	if (ni_json_check(line, n, NI_MAX_DEPTH, idx, &err, &col)) {
		ni_error_at(d, name, lineno, col, "%s", err);
		return 0;
	}
	ni_names_see(t, line, n, idx);
	if (ni_agg_add(a, ni_json_record(line, n), idx, name, lineno)) {
		full(d, o, name, lineno);
		return -1;
	}
	return 0;
}

static int run_loop(ni_agg *a, const ni_agg_opts *o, ni_diag *d, ni_lines *in,
		    int merge, ni_jidx *idxp, ni_names *t);

/* One core: the loop as it always was (also for --merge and -v, whose
 * notes must come in input order). */
static int run_one(ni_agg *a, const ni_agg_opts *o, ni_diag *d, ni_lines *in,
		   int merge, ni_names *t)
{
	ni_jidx idx = {0};
	int rc = run_loop(a, o, d, in, merge, &idx, t);
	ni_jidx_free(&idx);
	return rc;
}

/* run_one's loop, with its member index. */
static int run_loop(ni_agg *a, const ni_agg_opts *o, ni_diag *d, ni_lines *in,
		    int merge, ni_jidx *idxp, ni_names *t)
{
	const char *line;
	long n;
	while ((n = ni_lines_next(in, &line)) >= 0) {
		if (!merge) {
			if (count_line(a, o, d, idxp, line, (size_t)n, in->name, in->lineno, t))
				return -1;
			continue;
		}
		const char *err;
		size_t col;
		if (ni_json_check(line, (size_t)n, NI_MAX_DEPTH, idxp, &err, &col)) {
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

/* The fields o names, into t: the fields of the keys (bare day, week,
 * month and year are computed from date_published, not named), --stats,
 * --hist, --distinct and the --rank fields of --items. */
static void agg_names(const ni_agg_opts *o, ni_names *t)
{
	for (int i = 0; i < o->nby; i++)
		if (o->by[i].kind == NI_K_FIELD || strchr(o->by[i].spec, '('))
			ni_names_add(t, o->by[i].field, 0);
	for (int i = 0; i < o->nstats; i++)
		ni_names_add(t, o->stats[i], 0);
	for (int i = 0; i < o->nhist; i++)
		ni_names_add(t, o->hist[i].field, 0);
	for (int i = 0; i < o->ndistinct; i++)
		ni_names_add(t, o->distinct[i], 0);
	/* --rank, when given: its default (confidence, date_published) is
	 * nobody's typo */
	int dflt = o->nrank == 2 && !strcmp(o->rank[0], NI_FIELD_CONFIDENCE) &&
		!strcmp(o->rank[1], NI_FIELD_DATE);
	for (int i = 0; o->items && !dflt && i < o->nrank; i++)
		ni_names_add(t, o->rank[i], 0);
}

/* Contract: see agg.h. */
int ni_agg_run(ni_agg *a, const ni_agg_opts *o, ni_diag *d, char **files,
	       int nfiles, size_t max_line, int merge, int jobs)
{
	ni_lines in;
	ni_lines_init(&in, d, files, nfiles);
	in.max_line = max_line;
	ni_names names = {0};
	if (!merge)
		agg_names(o, &names);
	int nth = ni_batch_threads(jobs);
	if (!nth || merge || d->verbose) {
		int rc = run_one(a, o, d, &in, merge, &names);
		ni_lines_free(&in);
		ni_names_report(&names, d);
		ni_names_free(&names);
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
	rrun R = { .o = o, .d = d, .a = a, .in = &in };
	atomic_init(&R.many, 0);
	R.tables = ni_xcalloc((size_t)nth, sizeof *R.tables);
	ni_batch_cfg c = { .threads = nth, .wsize = sizeof (rwork),
			   .winit = count_winit, .wfree = count_wfree,
			   .res_size = sizeof(int),
			   .work = count_work, .emit = count_emit, .ctx = &R,
			   .serial = count_serial, .names = &names };
	ni_batch_run(&c, &in);
	ni_lines_free(&in);
	ni_names_report(&names, d);
	ni_names_free(&names);
	int rc = R.full ? -1 : 0;
	for (int i = 1; i < nth; i++) {
		if (R.tables[i] && !rc && absorb(a, R.tables[i], d)) {
			full(d, o, NULL, 0);
			rc = -1;
		}
		ni_agg_free(R.tables[i]);
	}
	free(R.tables);
	return rc;
}
