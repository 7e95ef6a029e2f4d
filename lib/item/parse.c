/* parse.c - the run of ni-parse: walk the paths, parse documents in the
 * ordered worker pool (pool.c), and report and write each one in input
 * order: records to stdout, failures to --rejects, --check warnings and
 * duplicate ids, progress and the -v tally on stderr. */
#define _GNU_SOURCE
#include "item/item_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A job: up to PJOB_FILES documents, parsed in order by one thread
 * (one hand-over per file cost a third more CPU than the parsing saved
 * on two cores). */
#define PJOB_FILES 32
typedef struct pjob {
	int n;
	char *path[PJOB_FILES];
	ni_item it[PJOB_FILES];
} pjob;

typedef struct prun {
	const ni_parse_opts *o;
	ni_diag *d;
	ni_out out;
	ni_rejects rej;
	ni_strmap ids;          /* --check: unique value -> "path:line" */
	ni_strmap wkinds;       /* warning kind -> count (in v) */
	ni_parse_stats st;
	unsigned long long bytes;
	int progress, stopped;
	struct timespec t0, tlast;
	ni_pool *pool;
	pjob *jobs, **freej, *cur;
	size_t nfree;
} prun;

static double elapsed(const struct timespec *a)
{
	struct timespec b;
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

static void progress(prun *r, int final)
{
	if (!r->progress || (!final && elapsed(&r->tlast) < 0.5))
		return;
	clock_gettime(CLOCK_MONOTONIC, &r->tlast);
	double t = elapsed(&r->t0);
	ni_progress(r->d, final, "%lu files, %.1f MB/s", r->st.ndocs,
		    t > 0 ? (double)r->bytes / 1e6 / t : 0.0);
}

/* A --check warning: with --strict an error; else counted by kind (the
 * field a message begins with, or kind when not NULL) for the summary
 * line, and noted with -v. */
static void warn_at(prun *r, const char *path, unsigned long line,
		    unsigned long col, const char *msg, const char *kind)
{
	r->st.nwarn++;
	if (r->o->strict) {
		ni_error_at(r->d, path, line, col, "%s", msg);
		return;
	}
	if (r->d->verbose)
		ni_note_at(r->d, path, line, col, "warning: %s", msg);
	size_t kn;
	const char *q;
	if (kind) {
		kn = strlen(kind);
	} else if (msg[0] == '"' && (q = strchr(msg + 1, '"'))) {
		kind = msg + 1;
		kn = (size_t)(q - kind);
	} else {
		kind = "other";
		kn = 5;
	}
	int isnew;
	ni_strmap_ent *e = ni_strmap_put(&r->wkinds, kind, kn, &isnew);
	e->v = (void *)((uintptr_t)e->v + 1);
}

typedef struct wkind {
	const char *k;
	size_t n;
	uintptr_t count;
} wkind;

/* Most frequent first, then by name. */
static int wkind_cmp(const void *a, const void *b)
{
	const wkind *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	size_t m = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->k, y->k, m);
	return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* The end of a run: "N warnings: duplicate id 817, tags 2" on stderr. */
static void warn_summary(prun *r)
{
	if (!r->st.nwarn || r->o->strict || r->o->quiet)
		return;
	wkind *w = ni_xcalloc(r->wkinds.len ? r->wkinds.len : 1, sizeof *w);
	size_t n = 0;
	for (size_t i = 0; i < r->wkinds.cap; i++)
		if (r->wkinds.t[i].k)
			w[n++] = (wkind){ r->wkinds.t[i].k, r->wkinds.t[i].n,
					  (uintptr_t)r->wkinds.t[i].v };
	qsort(w, n, sizeof *w, wkind_cmp);
	ni_buf b = {0};
	ni_buf_printf(&b, "%lu warning%s:", r->st.nwarn, r->st.nwarn == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++)
		ni_buf_printf(&b, "%s %.*s %lu", i ? "," : "", (int)w[i].n, w[i].k,
			      (unsigned long)w[i].count);
	ni_note(r->d, "%s%s", b.s, r->d->verbose ? "" : "; -v lists them");
	ni_buf_free(&b);
	free(w);
}

/* --check: a value of the schema's unique field (id) seen before is a
 * warning naming both places. */
static int check_unique(prun *r, const char *path, ni_item *it)
{
	if (!r->o->io.check || !it->id)
		return 0;
	int isnew;
	ni_strmap_ent *e = ni_strmap_put(&r->ids, it->id, strlen(it->id), &isnew);
	if (isnew) {
		ni_buf b = {0};
		ni_buf_printf(&b, "%s:%lu", path, it->id_line);
		e->v = b.s;
		return 0;
	}
	ni_buf m = {0}, k = {0};
	ni_buf_printf(&m, "duplicate %s \"%s\" (first in %s)", it->id_field,
		      it->id, (char *)e->v);
	ni_buf_printf(&k, "duplicate %s", it->id_field);
	warn_at(r, path, it->id_line, it->id_col, m.s, k.s);
	ni_buf_free(&m);
	ni_buf_free(&k);
	return 1;
}

/* Report and write one finished document, in input order. */
static void emit(prun *r, const char *path, ni_item *it)
{
	r->st.ndocs++;
	r->bytes += it->bytes;
	if (it->status == NI_ITEM_SKIP) {
		r->st.nskip++;
		if (r->d->verbose)
			ni_note_at(r->d, path, 0, 0, "no front matter, skipped");
		return;
	}
	int warned = check_unique(r, path, it);
	ni_buf all = {0};
	for (size_t i = 0; i < it->nerrs; i++) {
		ni_item_err *e = &it->errs[i];
		if (e->warn) {
			warn_at(r, path, e->line, e->col, e->msg, NULL);
			warned = 1;
		} else {
			ni_error_at(r->d, path, e->line, e->col, "%s", e->msg);
		}
		ni_buf_printf(&all, "%s%s", all.len ? "; " : "", e->msg);
	}
	if (it->status == NI_ITEM_ERR || (r->o->strict && warned)) {
		r->st.nbad++;
		/* one reject line per document, at its first message */
		ni_rejects_add(&r->rej, path, it->nerrs ? it->errs[0].line : it->id_line,
			       it->nerrs ? it->errs[0].col : it->id_col,
			       all.len ? all.s : "duplicate id");
		ni_buf_free(&all);
		if (r->o->strict)
			r->stopped = 1;
		return;
	}
	ni_buf_free(&all);
	r->st.nitems++;
	ni_out_write(&r->out, it->rec.s, it->rec.len);
	progress(r, 0);
}

static void parse_work(void *wctx, void *job)
{
	const ni_item_opts *io = wctx;
	pjob *j = job;
	for (int i = 0; i < j->n; i++)
		ni_item_parse(io, j->path[i], &j->it[i]);
}

/* A job came back from the pool: report it (unless stopped: --strict
 * after a bad document, or a write error), recycle. */
static void finish(prun *r, pjob *j)
{
	for (int i = 0; i < j->n; i++) {
		/* a write error (reported) stops the run */
		if (r->out.failed || (r->rej.open && r->rej.out.failed))
			r->stopped = 1;
		if (!r->stopped)
			emit(r, j->path[i], &j->it[i]);
		free(j->path[i]);
		j->path[i] = NULL;
	}
	j->n = 0;
	r->freej[r->nfree++] = j;
}

/* Hand the current job (when it has files) to the pool. */
static void submit(prun *r)
{
	pjob *j = r->cur;
	if (!j || !j->n)
		return;
	r->cur = NULL;
	pjob *done = ni_pool_submit(r->pool, j);
	if (done)
		finish(r, done);
}

static int one(void *arg, const char *path)
{
	prun *r = arg;
	if (!r->cur)
		r->cur = r->freej[--r->nfree];
	r->cur->path[r->cur->n++] = ni_xstrdup(path);
	if (r->cur->n == PJOB_FILES)
		submit(r);
	return r->stopped;
}

/* The paths, then the --files-from list. */
static void walk_all(prun *r, char **paths, int npaths)
{
	int stop = 0;
	for (int i = 0; i < npaths && !stop; i++)
		stop = ni_walk(r->d, paths[i], one, r);
	const char *ff = r->o->files_from;
	if (!ff || stop)
		return;
	int nul = r->o->nul;
	FILE *fp = strcmp(ff, "-") == 0 ? stdin : fopen(ff, "re");
	if (!fp) {
		ni_error(r->d, "%s: %s", ff, strerror(errno));
		return;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while (!stop && (n = getdelim(&line, &cap, nul ? '\0' : '\n', fp)) > 0) {
		if (line[n - 1] == (nul ? '\0' : '\n'))
			line[--n] = 0;
		if (!nul && n && line[n - 1] == '\r')
			line[--n] = 0;
		if (n)
			stop = ni_walk(r->d, line, one, r);
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
}

/* Progress: asked (1), never (0), or on a terminal once the run has
 * taken a second (-1). */
static void progress_start(prun *r)
{
	clock_gettime(CLOCK_MONOTONIC, &r->t0);
	r->tlast = r->t0;
	r->progress = r->o->progress > 0;
	if (r->o->progress < 0 && isatty(2)) {
		r->tlast.tv_sec += 1;
		r->progress = 1;
	}
}

/* Contract: see item.h. */
int ni_parse_run(const ni_parse_opts *o, ni_diag *d, char **paths,
		 int npaths, ni_parse_stats *st)
{
	static char *dash[] = { "-" };
	prun r;
	memset(&r, 0, sizeof r);
	r.o = o;
	r.d = d;
	if (npaths == 0 && !o->files_from) {
		paths = dash;
		npaths = 1;
	}
	progress_start(&r);
	ni_strmap_init(&r.ids);
	ni_strmap_init(&r.wkinds);
	ni_out_open(&r.out, d, NULL);
	ni_rejects_open(&r.rej, d, o->rejects);
	int nth = ni_batch_threads(o->jobs);
	size_t nslots = nth ? (size_t)nth * 8 : 1;
	void **wctx = ni_xcalloc(nth ? (size_t)nth : 1, sizeof *wctx);
	for (int i = 0; i < (nth ? nth : 1); i++)
		wctx[i] = (void *)&o->io;
	r.pool = ni_pool_new(nth, nslots, parse_work, wctx);
	r.jobs = ni_xcalloc(nslots + 1, sizeof *r.jobs);
	r.freej = ni_xcalloc(nslots + 1, sizeof *r.freej);
	for (size_t i = 0; i < nslots + 1; i++)
		r.freej[r.nfree++] = &r.jobs[i];
	walk_all(&r, paths, npaths);
	submit(&r);
	if (r.cur)        /* stopped with an empty job taken */
		r.freej[r.nfree++] = r.cur;
	pjob *j;
	while ((j = ni_pool_next(r.pool)))
		finish(&r, j);
	ni_pool_free(r.pool);
	if (r.progress && r.st.ndocs && (o->progress > 0 || elapsed(&r.t0) > 1.0))
		progress(&r, 1);
	ni_out_close(&r.out);
	ni_rejects_close(&r.rej);
	warn_summary(&r);
	if (d->verbose)
		ni_note(d, "%lu documents, %lu items, %lu errors", r.st.ndocs,
			r.st.nitems, r.st.nbad);
	for (size_t i = 0; i < nslots + 1; i++)
		for (int k = 0; k < PJOB_FILES; k++)
			ni_item_free(&r.jobs[i].it[k]);
	free(r.jobs);
	free(r.freej);
	free(wctx);
	for (size_t i = 0; i < r.ids.cap; i++)
		free(r.ids.t[i].v);
	ni_strmap_free(&r.ids);
	ni_strmap_free(&r.wkinds);
	if (st)
		*st = r.st;
	return d->errors ? NI_EXIT_ERR : NI_EXIT_OK;
}
