/* maprun.c - the run of ni-map: the program's sources joined, one parsed
 * program per worker, and the records through the batched line runner
 * (batch.c): mapped on the threads, written in input order. */
#define _GNU_SOURCE
#include "expr/expr.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

/* Contract: see expr.h. */
int ni_mapsrc_file(ni_diag *d, ni_fspec *sp, const char *path)
{
	char *text;
	size_t len;
	if (ni_read_file(path, 1 << 24, &text, &len)) {
		ni_error(d, "%s: %s", path, strerror(errno));
		return NI_EXIT_ERR;
	}
	int rc = 0;
	if (memchr(text, 0, len)) {
		ni_error(d, "%s: the program holds a NUL byte", path);
		rc = NI_EXIT_ERR;
	} else {
		ni_fspec_add(sp, 0, path, text);
	}
	free(text);
	return rc;
}

/* Report a program error at byte off of the joined text (the sources
 * each followed by a line break): the source it is in, its line and
 * column there, and a caret (ni_perr_print). */
static void prog_error(ni_diag *d, const ni_fspec *sp, size_t off,
		       const char *msg)
{
	size_t i = 0, start = 0;
	while (i + 1 < sp->n && start + strlen(sp->v[i].text) + 1 <= off)
		start += strlen(sp->v[i++].text) + 1;
	const char *t = sp->v[i].text;
	size_t rel = off - start, tl = strlen(t);
	if (rel > tl)   /* at the end: the line break joining the sources */
		rel = tl;
	ni_perr pe = {0};
	pe.line = 1;
	size_t ls = 0;
	for (size_t k = 0; k < rel; k++)
		if (t[k] == '\n') {
			pe.line++;
			ls = k + 1;
		}
	pe.col = 1;
	for (size_t k = ls; k < rel; k++)
		if (((unsigned char)t[k] & 0xC0) != 0x80)
			pe.col++;
	snprintf(pe.msg, sizeof pe.msg, "%s", msg);
	ni_perr_print(d, sp->v[i].where, t, &pe);
}

/* A line's result: its output (with its line break), pieces off .. off
 * + len of the batch's aux (ni_mseg entries: spans of the line and of
 * b->out) or, when not pieces, bytes off .. off + len of b->out; or its
 * error at off of b->msg. */
typedef struct mres {
	int st;                 /* NI_MAP_OUT, NI_MAP_SKIP, NI_MAP_ERR */
	int pieces;
	size_t off, len;
} mres;

typedef struct mworker {
	ni_map *prog;
	ni_eval ev;
} mworker;

static void map_line(void *wp, ni_batch *b, size_t i, ni_jidx *idx)
{
	mworker *w = wp;
	mres *r = ni_batch_res(b, i);
	const ni_bline *l = &b->l[i];
	w->ev.nr = l->nr;
	size_t o0 = b->out.len, s0 = b->aux.len;
	r->st = ni_map_run_segs(w->prog, &w->ev, b->text.s + l->off, l->len,
				idx, &b->out, &b->aux, "\n");
	r->pieces = b->aux.len > s0;
	r->off = r->pieces ? s0 / sizeof (ni_mseg) : o0;
	r->len = r->pieces ? (b->aux.len - s0) / sizeof (ni_mseg) : b->out.len - o0;
	if (r->st == NI_MAP_ERR)
		r->off = ni_batch_msg(b, w->ev.err);
}

typedef struct mrun {
	const ni_mapopts *o;
	ni_diag *d;
	ni_out out, rej;
	ni_batch_cfg c;
	unsigned long long written, skipped;
	const char *text;       /* the program's sources, joined */
	int sequential;         /* seq() in the program: one thread */
	struct iovec *iov;      /* records of the batch not yet written: */
	int niov, iovcap;       /* their pieces */
} mrun;

/* Write the records held back by hold_run, so that what follows lands
 * after them. */
static void flush_run(mrun *R)
{
	ni_out_writev(&R->out, R->iov, R->niov);
	R->niov = 0;
}

/* Hold n bytes at p (in the batch's lines or out) for flush_run; one
 * that continues the last piece held lengthens it. */
static void hold(mrun *R, const char *p, size_t n)
{
	struct iovec *last = R->niov ? &R->iov[R->niov - 1] : NULL;
	if (last && (const char *)last->iov_base + last->iov_len == p) {
		last->iov_len += n;
		return;
	}
	if (R->niov == IOV_MAX)
		flush_run(R);
	if (R->niov == R->iovcap) {
		R->iovcap = R->iovcap ? 2 * R->iovcap : 64;
		R->iov = ni_xrealloc(R->iov, (size_t)R->iovcap * sizeof *R->iov);
	}
	R->iov[R->niov++] = (struct iovec){ (void *)p, n };
}

/* Record i's output (r: its pieces or its bytes in b->out, with its line
 * break; a record passed through unchanged is its line and a line
 * break): held back, so that a batch's records go out in few writev
 * calls straight from the input lines and the batch's out, not copied
 * once more in user memory (2 GB of records copied by the kernel only).
 * map_emit writes them at the batch's last line (its buffers are reused
 * after that), and before anything else is written or reported (an
 * invalid line next, an error), so stdout and stderr keep their order. */
static void hold_run(mrun *R, const ni_batch *b, const mres *r)
{
	if (!r->pieces) {
		hold(R, b->out.s + r->off, r->len);
		return;
	}
	const ni_mseg *s = (const ni_mseg *)(void *)b->aux.s + r->off;
	for (size_t k = 0; k < r->len; k++)
		hold(R, s[k].p ? s[k].p : b->out.s + s[k].off, s[k].len);
}

static int map_emit(void *ctx, ni_batch *b, size_t i, const char *name)
{
	mrun *R = ctx;
	const mres *r = ni_batch_res(b, i);
	const ni_bline *l = &b->l[i];
	const char *line = b->text.s + l->off;
	switch (r->st) {
	case NI_MAP_OUT:
		hold_run(R, b, r);
		R->written++;
		break;
	case NI_MAP_SKIP:
		R->skipped++;
		break;
	default:
		flush_run(R);
		if (R->out.failed)
			return 1;       /* reported: the run stops here */
		ni_error_at(R->d, name, l->lineno, 0, "%s%s", b->msg.s + r->off,
			    R->o->strict ? " (record dropped: --strict)"
			    : " (record passed through unchanged)");
		ni_batch_reject(&R->c, line, l->len);
		if (!R->o->strict) {
			hold(R, line, l->len);
			hold(R, "\n", 1);
			R->written++;
		}
		break;
	}
	if (i + 1 == b->n || b->l[i + 1].bad)
		flush_run(R);
	return 0;
}

/* Worker i (batch.c's winit): its own copy of the program. */
static int winit(void *ctx, void *wp, int i)
{
	mrun *R = ctx;
	mworker *w = wp;
	ni_expr_opts eo = { R->o->dc, R->o->icase };
	char err[300];
	size_t off;
	w->prog = ni_map_parse(R->text, &eo, err, sizeof err, &off);
	if (!w->prog)
		return -1;      /* parsed once before: cannot happen */
	w->ev.dc = R->o->dc;
	w->ev.icase = R->o->icase;
	return 0;
}

/* Worker i done (batch.c's wfree). */
static void wfree(void *ctx, void *wp, int i)
{
	mworker *w = wp;
	ni_map_free(w->prog);
	ni_eval_free(&w->ev);
}

/* seq() counts in input order: one thread (batch.c). */
static int serial(void *ctx)
{
	return ((mrun *)ctx)->sequential;
}

/* Contract: see expr.h. */
int ni_map_main(const ni_mapopts *o, ni_diag *d, const ni_fspec *sp,
		char **files, int nfiles)
{
	ni_buf all = {0};
	for (size_t i = 0; i < sp->n; i++) {
		ni_buf_adds(&all, sp->v[i].text);
		ni_buf_addc(&all, '\n');
	}
	/* parsed once here, for its errors and the names it reads; each
	 * worker parses its own copy */
	ni_expr_opts eo = { o->dc, o->icase };
	char err[300];
	size_t off;
	ni_map *prog = ni_map_parse(all.s, &eo, err, sizeof err, &off);
	if (!prog) {
		prog_error(d, sp, off, err);
		ni_buf_free(&all);
		return NI_EXIT_ERR;
	}
	int nth = ni_batch_threads(o->jobs);
	mrun R = { .o = o, .d = d, .text = all.s };
	if (nth && ni_map_sequential(prog)) {
		if (d->verbose)
			ni_note(d, "note: seq() counts across records: one thread");
		R.sequential = 1;
	}
	ni_names names = {0};
	ni_map_names(prog, &names);
	ni_map_free(prog);
	R.c = (ni_batch_cfg){ .threads = nth, .wsize = sizeof (mworker),
			      .winit = winit, .wfree = wfree, .serial = serial,
			      .res_size = sizeof (mres),
			      .work = map_line, .emit = map_emit, .ctx = &R,
			      .rej = o->rejects ? &R.rej : NULL, .out = &R.out,
			      .names = &names };
	ni_lines in;
	ni_lines_init(&in, d, files, nfiles);
	in.max_line = o->max_line;
	ni_out_open(&R.out, d, NULL);
	if (!o->rejects || ni_out_open(&R.rej, d, o->rejects) == 0)
		ni_batch_run(&R.c, &in);
	flush_run(&R);
	free(R.iov);
	ni_out_close(&R.out);
	if (o->rejects)
		ni_out_close(&R.rej);
	ni_names_report(&names, d);
	ni_names_free(&names);
	if (d->verbose && R.skipped)
		ni_note(d, "note: %llu record%s skipped by the program", R.skipped,
			R.skipped == 1 ? "" : "s");
	ni_buf_free(&all);
	ni_lines_free(&in);
	if (d->errors)
		return NI_EXIT_ERR;
	return R.written ? NI_EXIT_OK : NI_EXIT_NONE;
}
