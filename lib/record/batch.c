/* batch.c - the batched line runner shared by ni-filter, ni-map,
 * ni-sort and ni-render: NDJSON lines are read in batches of about
 * 1 MiB (a batch is one read buffer of the line reader, taken whole
 * with ni_lines_swap, so lines are not copied), each line
 * is validated and handed to the tool's work() on the pool's threads
 * (pool.c: threads start only once a second batch is queued), and the
 * batches come back in input order, where invalid lines are reported as
 * FILE:LINE:COL (and kept in the rejects) and the valid ones go to the
 * tool's emit().  Output therefore never depends on -j. */
#define _GNU_SOURCE
#include "record/record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Contract: see record.h. */
int ni_batch_threads(int jobs)
{
	int n = jobs;
	if (n <= 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		n = c < 1 ? 1 : c > 4 ? 4 : (int)c;
	}
	return n == 1 ? 0 : n;
}

/* A worker: the tool's context, its own JSON member index, and the
 * names of c->names it has found (looked up while unseen). */
typedef struct bworker {
	const ni_batch_cfg *c;
	void *wctx;
	ni_jidx idx;
	unsigned char *seen;
	size_t unseen;
} bworker;

/* Line i of b (valid, its members in idx): the names w has not found,
 * looked up; the batch keeps the first line that held each. */
static void bnames(bworker *w, ni_batch *b, size_t i, const ni_jidx *idx)
{
	const ni_names *t = w->c->names;
	const ni_bline *l = &b->l[i];
	ni_jval rec = ni_json_record(b->text.s + l->off, l->len);
	for (size_t k = 0; k < t->n; k++)
		if (!w->seen[k] && ni_names_has(t, k, rec, idx)) {
			w->seen[k] = 1;
			w->unseen--;
			b->nfirst[k] = i;
		}
}

static void bwork(void *wp, void *jp)
{
	bworker *w = wp;
	ni_batch *b = jp;
	ni_buf_reset(&b->out);
	ni_buf_reset(&b->msg);
	ni_buf_reset(&b->aux);
	ni_buf_grow(&b->out, 64);       /* never NULL, even when nothing is added */
	size_t nn = w->c->names ? w->c->names->n : 0;
	if (nn && !b->nfirst)
		b->nfirst = ni_xmalloc(nn * sizeof *b->nfirst);
	for (size_t k = 0; k < nn; k++)
		b->nfirst[k] = SIZE_MAX;
	for (size_t i = 0; i < b->n; i++) {
		ni_bline *l = &b->l[i];
		if (l->toolong)
			continue;
		l->bad = NULL;
		if (ni_json_check(b->text.s + l->off, l->len, NI_MAX_DEPTH, &w->idx,
				  &l->bad, &l->col))
			continue;
		/* names first: work() may take the index's table (ni-render
		 * keeps a big index with the line) */
		if (w->unseen)
			bnames(w, b, i, &w->idx);
		w->c->work(w->wctx, b, i, &w->idx);
	}
}

typedef struct brun {
	const ni_batch_cfg *c;
	ni_lines *in;
	int done;
} brun;

/* Has the tool's output or its rejects failed (a write error, reported
 * by ni_out)?  Then nothing more is read or emitted. */
static int out_failed(const ni_batch_cfg *c)
{
	return (c->out && c->out->failed) || (c->rej && c->rej->failed);
}

/* The lines of a finished batch, in order: the invalid ones reported
 * (and kept), the valid ones emitted, until emit() says stop. */
static void consume(brun *R, ni_batch *b)
{
	ni_diag *d = R->in->d;
	ni_names *t = R->c->names;
	size_t upto = 0;        /* the lines emitted: b->l[0 .. upto) */
	for (size_t i = 0; i < b->n && !R->done; i++) {
		if (out_failed(R->c)) {
			R->done = 1;     /* reported where it failed */
			break;
		}
		const ni_bline *l = &b->l[i];
		const char *name = R->in->nfiles ? R->in->files[l->fi] : "-";
		if (l->bad) {
			ni_error_at(d, name, l->lineno, l->col, "%s", l->bad);
			if (!l->toolong)
				ni_batch_reject(R->c, b->text.s + l->off, l->len);
			continue;
		}
		if (t && t->n) {
			if (t->nrec < NI_NAMES_SAMPLE)
				ni_names_sample(t, b->text.s + l->off, l->len);
			else
				t->nrec++;
		}
		R->done = R->c->emit(R->c->ctx, b, i, name);
		upto = i + 1;
	}
	/* a name counts as found when a line that holds it was emitted */
	for (size_t k = 0; t && t->unseen && k < t->n; k++)
		if (!t->found[k] && b->nfirst[k] < upto)
			ni_names_found(t, k);
	b->n = 0;
	ni_buf_reset(&b->text);
}

static void grow(ni_batch *b, size_t rsz)
{
	if (b->n < b->cap)
		return;
	b->cap = b->cap ? b->cap * 2 : 1024;
	b->l = ni_xrealloc(b->l, b->cap * sizeof *b->l);
	b->res = ni_xrealloc(b->res, b->cap * (rsz ? rsz : 1));
	b->rsz = rsz;
}

/* The tool's worker contexts, made by the runner (c->winit). */
typedef struct wset {
	char *mem;               /* n contexts of stride bytes, cache-aligned */
	size_t stride;
	void **ctx;
	int n;                   /* set up so far */
} wset;

/* Release the first ws->n contexts (c->wfree, in order) and ws itself. */
static void wset_free(const ni_batch_cfg *c, wset *ws)
{
	for (int i = 0; i < ws->n; i++)
		if (c->wfree)
			c->wfree(c->ctx, ws->ctx[i], i);
	free(ws->mem);
	free(ws->ctx);
	memset(ws, 0, sizeof *ws);
}

/* Make the tool's contexts through c->winit, worker 0 first; when
 * c->serial says so after it, *nth becomes 0 (one context, the reading
 * thread).  0, or -1 when winit failed (reported; all freed). */
static int wset_make(const ni_batch_cfg *c, int *nth, wset *ws)
{
	int nw = *nth ? *nth : 1;
	ws->stride = (c->wsize + 63) & ~(size_t)63;
	ws->mem = aligned_alloc(64, ws->stride * (size_t)nw);
	if (!ws->mem)
		ni_oom();
	memset(ws->mem, 0, ws->stride * (size_t)nw);
	ws->ctx = ni_xcalloc((size_t)nw, sizeof *ws->ctx);
	for (int i = 0; i < nw; i++) {
		void *w = ws->mem + ws->stride * (size_t)i;
		if (c->winit(c->ctx, w, i)) {
			wset_free(c, ws);
			return -1;
		}
		ws->ctx[ws->n++] = w;
		if (i == 0 && *nth && c->serial && c->serial(c->ctx)) {
			*nth = 0;
			nw = 1;
		}
	}
	return 0;
}

/* Contract: see record.h. */
int ni_batch_run(const ni_batch_cfg *c, ni_lines *in)
{
	int nth = c->threads;
	wset ws = {0};
	if (wset_make(c, &nth, &ws))
		return -1;
	void *const *wctx = ws.ctx;
	int nw = nth ? nth : 1;
	bworker *w = ni_xcalloc((size_t)nw, sizeof *w);
	void **wp = ni_xcalloc((size_t)nw, sizeof *wp);
	for (int i = 0; i < nw; i++) {
		w[i] = (bworker){ .c = c, .wctx = wctx[i] };
		if (c->names && c->names->n) {
			w[i].seen = ni_xmalloc(c->names->n);
			memcpy(w[i].seen, c->names->found, c->names->n);
			w[i].unseen = c->names->unseen;
		}
		wp[i] = &w[i];
	}
	/* two batches a worker (one worked on, one waiting): with 1 MiB
	 * batches a third made no difference but 5 MB more memory */
	size_t nslots = nth ? (size_t)nth * 2 : 1;
	ni_pool *pool = ni_pool_new(nth, nslots, bwork, wp);
	ni_batch *slots = ni_xcalloc(nslots + 1, sizeof *slots);
	ni_batch **freeb = ni_xcalloc(nslots + 1, sizeof *freeb);
	size_t nfree = 0;
	for (size_t i = 0; i < nslots + 1; i++)
		freeb[nfree++] = &slots[i];
	brun R = { c, in, 0 };
	ni_batch *cur = freeb[--nfree], *done;
	unsigned long long nr = 0;
	const char *line;
	long n;
	int serial = 0;          /* c->serial said so: no more threads */
	const char *toolong = ni_lines_toolong(in);
	in->hold = 1;
	while (!R.done && (n = ni_lines_next(in, &line)) != -1) {
		if (n >= 0 || n == NI_LINES_LONG) {
			/* an over-long line is reported in its place, not here */
			int lng = n == NI_LINES_LONG;
			grow(cur, c->res_size);
			cur->l[cur->n++] = (ni_bline){ .off = lng ? 0 : (size_t)(line - in->buf),
						       .len = lng ? 0 : (size_t)n,
						       .lineno = in->lineno,
						       .fi = in->fi, .nr = lng ? nr : ++nr,
						       .fpos = lng ? 0 : in->foff + (size_t)(line - in->buf),
						       .toolong = lng,
						       .bad = lng ? toolong : NULL };
			continue;
		}
		/* NI_LINES_SWAP: the batch takes the buffer its lines are in */
		ni_lines_swap(in, &cur->text);
		if (!cur->n)
			continue;
		if (serial) {
			bwork(&w[0], cur);
			consume(&R, cur);
			continue;
		}
		if ((done = ni_pool_submit(pool, cur))) {
			consume(&R, done);
			freeb[nfree++] = done;
		}
		cur = freeb[--nfree];
		if (nth && c->serial && c->serial(c->ctx)) {
			while ((done = ni_pool_next(pool))) {
				consume(&R, done);
				freeb[nfree++] = done;
			}
			serial = 1;
		}
	}
	if (cur->n && !R.done) {
		ni_lines_swap(in, &cur->text);
		if (serial) {
			bwork(&w[0], cur);
			consume(&R, cur);
		} else if ((done = ni_pool_submit(pool, cur))) {
			consume(&R, done);
		}
	}
	while ((done = ni_pool_next(pool)))
		consume(&R, done);
	ni_pool_free(pool);
	in->hold = 0;            /* the reader is an ordinary one again */
	for (size_t i = 0; i < nslots + 1; i++) {
		ni_buf_free(&slots[i].text);
		ni_buf_free(&slots[i].out);
		ni_buf_free(&slots[i].msg);
		ni_buf_free(&slots[i].aux);
		free(slots[i].l);
		free(slots[i].res);
		free(slots[i].nfirst);
	}
	free(slots);
	free(freeb);
	for (int i = 0; i < nw; i++) {
		free(w[i].seen);
		ni_jidx_free(&w[i].idx);
	}
	free(w);
	free(wp);
	wset_free(c, &ws);
	return 0;
}

/* Contract: see record.h. */
void ni_batch_reject(const ni_batch_cfg *c, const char *line, size_t n)
{
	if (!c->rej)
		return;
	ni_out_write(c->rej, line, n);
	ni_out_write(c->rej, "\n", 1);
}

/* Contract: see record.h. */
size_t ni_batch_msg(ni_batch *b, const char *msg)
{
	size_t off = b->msg.len;
	ni_buf_add(&b->msg, msg, strlen(msg) + 1);
	return off;
}
