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

/* A worker: the tool's context and its own JSON member index. */
typedef struct bworker {
	const ni_batch_cfg *c;
	void *wctx;
	ni_jidx idx;
} bworker;

static void bwork(void *wp, void *jp)
{
	bworker *w = wp;
	ni_batch *b = jp;
	ni_buf_reset(&b->out);
	ni_buf_reset(&b->msg);
	ni_buf_grow(&b->out, 64);       /* never NULL, even when nothing is added */
	for (size_t i = 0; i < b->n; i++) {
		ni_bline *l = &b->l[i];
		if (l->toolong)
			continue;
		l->bad = NULL;
		if (ni_json_check(b->text.s + l->off, l->len, NI_MAX_DEPTH, &w->idx,
				  &l->bad, &l->col))
			continue;
		w->c->work(w->wctx, b, i, &w->idx);
	}
}

typedef struct brun {
	const ni_batch_cfg *c;
	ni_lines *in;
	int done;
} brun;

/* The lines of a finished batch, in order: the invalid ones reported
 * (and kept), the valid ones emitted, until emit() says stop. */
static void consume(brun *R, ni_batch *b)
{
	ni_diag *d = R->in->d;
	for (size_t i = 0; i < b->n && !R->done; i++) {
		const ni_bline *l = &b->l[i];
		const char *name = R->in->nfiles ? R->in->files[l->fi] : "-";
		if (l->bad) {
			ni_error_at(d, name, l->lineno, l->col, "%s", l->bad);
			if (!l->toolong)
				ni_batch_reject(R->c, b->text.s + l->off, l->len);
			continue;
		}
		R->done = R->c->emit(R->c->ctx, b, i, name);
	}
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

/* Contract: see record.h. */
void ni_batch_run(const ni_batch_cfg *c, ni_lines *in)
{
	int nth = c->threads, nw = nth ? nth : 1;
	bworker *w = ni_xcalloc((size_t)nw, sizeof *w);
	void **wp = ni_xcalloc((size_t)nw, sizeof *wp);
	for (int i = 0; i < nw; i++) {
		w[i] = (bworker){ .c = c, .wctx = c->wctx[i] };
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
		free(slots[i].l);
		free(slots[i].res);
	}
	free(slots);
	free(freeb);
	for (int i = 0; i < nw; i++)
		ni_jidx_free(&w[i].idx);
	free(w);
	free(wp);
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
