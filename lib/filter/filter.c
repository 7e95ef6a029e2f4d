/* filter.c - the run of ni-filter: expression sources, batches checked
 * and matched by worker threads (pool.c), then, in input order, the
 * sequential phase: selection (match, --uniq, --near-dup, --unseen),
 * explanation (--explain) and output (lines, --count, --mark). */
#define _GNU_SOURCE
#include "filter/filter_int.h"

#include <stdlib.h>
#include <string.h>

/* One source of sp parsed; NULL after reporting its error with a caret
 * under where:COL. */
static ni_expr *parse_one(const ni_expr_opts *eo, ni_diag *d,
			  const char *where, const char *src)
{
	ni_perr pe = {0};
	ni_expr *e = ni_expr_parse(src, eo, &pe);
	if (!e)
		ni_perr_print(d, where, src, &pe);
	return e;
}

/* The tree of sp into *out (NULL: no source, every record matches): the
 * sources of a group ORed, the groups ANDed.  0, or -1 after reporting
 * every source that does not parse (*out NULL). */
static int build(const ni_expr_opts *eo, ni_diag *d, const ni_fspec *sp,
		 ni_expr **out)
{
	ni_expr *all = NULL;
	int bad = 0;
	for (int g = 0; g < sp->groups; g++) {
		ni_expr *any = NULL;
		for (size_t i = 0; i < sp->n; i++) {
			if (sp->v[i].group != g)
				continue;
			ni_expr *e = parse_one(eo, d, sp->v[i].where, sp->v[i].text);
			if (!e)
				bad = 1;
			else
				any = ni_expr_bin(NI_E_OR, any, e);
		}
		all = ni_expr_bin(NI_E_AND, all, any);
	}
	if (bad) {
		ni_expr_free(all);
		all = NULL;
	}
	*out = all;
	return bad ? -1 : 0;
}

/* ---- matching, on the runner's threads (batch.c) ---- */

enum { L_NO = 0, L_YES = 1, L_EVERR = -2 };

/* A line's result: the match, or an error message at b->msg + eoff. */
typedef struct lres {
	int st;
	size_t eoff;
	const ni_expr *why;
	ni_jval whyval;
} lres;

typedef struct wctx {
	ni_expr *expr;
	ni_eval ev;
} wctx;

static void work(void *wp, ni_batch *b, size_t i, ni_jidx *idx)
{
	wctx *w = wp;
	lres *r = ni_batch_res(b, i);
	const ni_bline *l = &b->l[i];
	ni_jval rec = ni_json_record(b->text.s + l->off, l->len);
	w->ev.idx = idx;
	w->ev.nr = l->nr;
	int m = w->expr ? ni_expr_eval(w->expr, rec, &w->ev) : 1;
	r->why = NULL;
	if (m < 0) {
		r->st = L_EVERR;
		r->eoff = ni_batch_msg(b, w->ev.err);
		return;
	}
	r->st = m ? L_YES : L_NO;
	r->why = w->ev.why;
	r->whyval = w->ev.whyval;
}

/* The state of the sequential phase: dedup, state, explain, output. */
typedef struct run {
	const ni_filter_opts *o;
	ni_diag *d;
	ni_lines *in;
	ni_batch_cfg c;
	ni_out out, rejout;
	ni_state unseen, mark;
	int have_unseen, have_mark;
	ni_strmap seen;         /* --uniq values */
	ni_strmap passed;       /* --unseen keys passed in this run */
	ni_neardup nd;
	ni_buf kb, msg;
	ni_names names;         /* the fields named, checked (record.h) */
	unsigned long long selected, explained;
	int done;               /* -m reached or -q selected */
	int sequential;         /* seq() in the expressions: one thread */
	const ni_fspec *sp;     /* the sources, for each worker's tree */
} run;

/* What the sequential phase decided for one valid line. */
typedef struct verdict {
	int r;                  /* selected */
	const char *dropped;    /* the dedup option that dropped it, or NULL */
	int keyed;              /* R->kb holds its state key */
} verdict;

static const char *fname(run *R, int fi)
{
	return R->in->nfiles ? R->in->files[fi] : "-";
}

/* 1 when v is a list without elements. */
static int empty_list(ni_jval v)
{
	const char *it = NULL;
	ni_jval e;
	return v.t == NI_J_ARR && !ni_json_next(v, &it, NULL, &e);
}

/* The identity key of rec (--key's field, else ni_identity's) into
 * R->kb (reset first), as --uniq @, --unseen and --mark use it: a number
 * (a --key, id or guid that is one) as its canonical text, so 1, 1.0
 * and 1e0 are one key as the expressions' = says.  Returns 0 when rec
 * has none. */
static int state_key(run *R, ni_jval rec)
{
	const char *key = R->o->key;
	ni_buf_reset(&R->kb);
	int kind = ni_identity(rec, NULL, key, &R->kb);
	const char *f = kind == NI_ID_KEY ? key : kind == NI_ID_ID ? NI_FIELD_ID :
			kind == NI_ID_GUID ? NI_FIELD_GUID : NULL;
	ni_jval v = f ? ni_json_path(rec, f) : (ni_jval){ 0 };
	if (v.t == NI_J_NUM) {
		ni_buf t = {0};
		if (ni_num_text(v.p, v.n, &t)) {   /* else as written */
			ni_buf_reset(&R->kb);
			ni_buf_add(&R->kb, t.s, t.len);
		}
		ni_buf_free(&t);
	}
	return kind != NI_ID_NONE;
}

/* --uniq FIELD / --uniq @: 1 when rec repeats an earlier value; a
 * record without a value (missing, null, "" or []) never does. */
static int uniq_drop(run *R, ni_jval rec, const ni_bline *l)
{
	const ni_filter_opts *o = R->o;
	ni_buf_reset(&R->kb);
	int have, by_id = !strcmp(o->uniq, "@");
	if (by_id) {
		have = state_key(R, rec);
	} else {
		ni_jval u = ni_json_path(rec, o->uniq);
		/* missing, null, "" and [] are no value (as ni-sort -u) */
		have = u.t != NI_J_NONE && u.t != NI_J_NULL &&
		       !(u.t == NI_J_STR && u.n == 2) && !empty_list(u);
		if (u.t == NI_J_STR) {
			ni_buf t = {0};
			ni_json_str(u, &t);
			/* only URL-valued strings are canonicalised */
			if (ni_url_is_web(t.s ? t.s : "", t.len))
				ni_url_canon(t.s, t.len, &R->kb);
			else
				ni_buf_add(&R->kb, t.s ? t.s : "", t.len);
			ni_buf_free(&t);
		} else if (have && (u.t != NI_J_NUM || !ni_num_text(u.p, u.n, &R->kb))) {
			ni_buf_add(&R->kb, u.p, u.n);   /* a number: its canonical text */
		}
	}
	if (!have)
		return 0;   /* no value never equals another */
	int isnew;
	ni_strmap_ent *e = ni_strmap_put(&R->seen, R->kb.s, R->kb.len, &isnew);
	if (isnew) {
		e->v = (void *)(uintptr_t)l->lineno;
		return 0;
	}
	ni_buf_printf(&R->msg, "same %s as line %lu", by_id ? "identity" : o->uniq,
		      (unsigned long)(uintptr_t)e->v);
	return 1;
}

/* --near-dup FIELD: 1 when rec's text is near an earlier kept one. */
static int near_drop(run *R, ni_jval rec, const ni_bline *l)
{
	ni_jval u = ni_json_path(rec, R->o->near);
	if (u.t != NI_J_STR)
		return 0;
	ni_buf t = {0};
	ni_json_str(u, &t);
	uint64_t tag = ((uint64_t)l->fi << 40) | l->lineno, dup;
	double sim;
	int drop = ni_neardup_check(&R->nd, t.s ? t.s : "", t.len, tag, &dup, &sim);
	if (drop)
		ni_buf_printf(&R->msg, "%s near %s:%llu (similarity %.2f)", R->o->near,
			      fname(R, (int)(dup >> 40)),
			      (unsigned long long)(dup & ((1ULL << 40) - 1)), sim);
	ni_buf_free(&t);
	return drop;
}

/* --unseen: 1 when the key is in the state or passed earlier in this
 * run.  The key is left in R->kb. */
static int unseen_drop(run *R, const ni_bline *l)
{
	int isnew;
	ni_strmap_ent *e;
	if (ni_state_has(&R->unseen, R->kb.s, R->kb.len)) {
		ni_buf_printf(&R->msg, "key \"%s\" is in %s", R->kb.s, R->o->unseen);
		return 1;
	}
	e = ni_strmap_put(&R->passed, R->kb.s, R->kb.len, &isnew);
	if (!isnew) {
		ni_buf_printf(&R->msg, "key \"%s\" passed at line %lu", R->kb.s,
			      (unsigned long)(uintptr_t)e->v);
		return 1;
	}
	e->v = (void *)(uintptr_t)l->lineno;
	return 0;
}

/* Selection: the match (-v applied), then each dedup stage in turn. */
static verdict select_line(run *R, ni_jval rec, const ni_bline *l,
			   const lres *r, const char *name)
{
	const ni_filter_opts *o = R->o;
	verdict v = { r->st == L_YES, NULL, 0 };
	if (o->invert)
		v.r = !v.r;
	ni_buf_reset(&R->msg);
	if (v.r && o->uniq && uniq_drop(R, rec, l))
		v.r = 0, v.dropped = "--uniq";
	if (v.r && o->near && near_drop(R, rec, l))
		v.r = 0, v.dropped = "--near-dup";
	if (v.r && (R->have_unseen || R->have_mark)) {
		v.keyed = state_key(R, rec);
		if (!v.keyed)   /* an error for this record; --unseen passes it */
			ni_error_at(R->d, name, l->lineno, 0, "no state key: \"%s\" "
				    "%s%s", o->key ? o->key : "identity",
				    o->key ? ni_identity_why(ni_json_path(rec, o->key))
					   : "is missing or empty",
				    R->have_mark ? " (not marked)" : "");
	}
	if (v.r && v.keyed && R->have_unseen && unseen_drop(R, l))
		v.r = 0, v.dropped = "--unseen";
	return v;
}

static void show_value(ni_buf *b, ni_jval v)
{
	if (v.t == NI_J_NONE) {
		ni_buf_adds(b, "missing");
		return;
	}
	size_t n = v.n > 120 ? 120 : v.n;
	ni_buf_add(b, v.p, n);
	if (n < v.n)
		ni_buf_adds(b, "...");
}

/* Explanation (--explain): why the line was or was not selected. */
static void explain(run *R, const ni_bline *l, const lres *r, const verdict *v,
		    const char *name)
{
	const ni_filter_opts *o = R->o;
	if (o->explain < 0 || (o->explain > 0 &&
			       R->explained >= (unsigned long long)o->explain))
		return;
	R->explained++;
	ni_buf e = {0};
	if (v->dropped) {
		ni_buf_printf(&e, "dropped by %s: %s", v->dropped, R->msg.s);
	} else if (!r->why) {
		ni_buf_adds(&e, v->r ? "selected: no expression" : "not selected");
	} else {
		size_t tn;
		const char *text = ni_expr_text(r->why, &tn);
		const char *field = ni_expr_field(r->why);
		ni_buf_printf(&e, "%s%s: %.*s is %s", v->r ? "selected" : "not selected",
			      o->invert ? " (-v)" : "",
			      text ? (int)tn : 1, text ? text : "?",
			      (v->r ^ o->invert) ? "true" : "false");
		if (field && !(field[0] == '*' && !field[1])) {
			ni_buf_printf(&e, " (%s: ", field);
			show_value(&e, r->whyval);
			ni_buf_adds(&e, ")");
		}
	}
	ni_note_at(R->d, name, l->lineno, 0, "%s", e.s);
	ni_buf_free(&e);
}

/* Output: the line (or only the count), its mark, -q and -m. */
static void output(run *R, const char *line, const ni_bline *l, const verdict *v,
		   const char *name)
{
	const ni_filter_opts *o = R->o;
	R->selected++;
	if (o->quiet) {
		R->done = 1;
		return;
	}
	if (!o->count) {
		if (o->with_path) {
			ni_out_puts(&R->out, name);
			ni_out_write(&R->out, ":", 1);
		}
		ni_out_write(&R->out, line, l->len);
		ni_out_write(&R->out, "\n", 1);
	}
	if (R->have_mark && v->keyed)
		ni_state_add(&R->mark, R->kb.s, R->kb.len, o->dc->now);
	if (o->max_count >= 0 && R->selected >= (unsigned long long)o->max_count)
		R->done = 1;
}

/* Everything after matching, for one line, in input order; 1 when the
 * run is done (-m reached, -q selected). */
static int emit(void *ctx, ni_batch *b, size_t i, const char *name)
{
	run *R = ctx;
	const ni_bline *l = &b->l[i];
	const lres *r = ni_batch_res(b, i);
	const char *line = b->text.s + l->off;
	if (r->st == L_EVERR) {
		ni_error_at(R->d, name, l->lineno, 0, "%s", b->msg.s + r->eoff);
		ni_batch_reject(&R->c, line, l->len);
		return 0;
	}
	verdict v = select_line(R, ni_json_record(line, l->len), l, r, name);
	explain(R, l, r, &v, name);
	if (v.r)
		output(R, line, l, &v, name);
	return R->done;
}

/* Worker i (batch.c's winit): its own tree of the run's sources. */
static int winit(void *ctx, void *wp, int i)
{
	run *R = ctx;
	wctx *w = wp;
	const ni_filter_opts *o = R->o;
	ni_expr_opts eo = { o->dc, o->icase };
	if (build(&eo, R->d, R->sp, &w->expr))
		return -1;
	w->ev.dc = o->dc;
	w->ev.icase = o->icase;
	w->ev.explain = o->explain >= 0;
	return 0;
}

/* Worker i done (batch.c's wfree). */
static void wfree(void *ctx, void *wp, int i)
{
	wctx *w = wp;
	ni_expr_free(w->expr);
	ni_eval_free(&w->ev);
}

/* seq() counts in input order: one thread, as ni-map (batch.c). */
static int serial(void *ctx)
{
	return ((run *)ctx)->sequential;
}

/* Match on the threads, each worker with its own tree, and the rest in
 * emit(), in input order.  0, or -1 when the expressions do not parse
 * (each error reported with its caret; nothing is read and R->out is
 * not opened). */
static int run_lines(run *R, const ni_fspec *sp, ni_lines *in)
{
	const ni_filter_opts *o = R->o;
	ni_expr_opts eo = { o->dc, o->icase };
	int nth = ni_batch_threads(o->jobs);
	ni_expr *probe;
	if (build(&eo, R->d, sp, &probe))
		return -1;
	if (nth && ni_expr_sequential(probe)) {
		if (R->d->verbose)
			ni_note(R->d, "note: seq() counts across records: one thread");
		R->sequential = 1;
	}
	ni_expr_free(probe);
	R->sp = sp;
	ni_out_open(&R->out, R->d, NULL);
	if (o->rejects)
		ni_out_open(&R->rejout, R->d, o->rejects);   /* checked below */
	/* the names the user wrote: the expressions (not the shorthand
	 * options' own fields), --uniq, --near-dup, --key */
	for (size_t i = 0; i < sp->n; i++)
		if (sp->v[i].group == 0) {
			ni_expr_opts q = eo;
			ni_perr pe;
			ni_expr *e = ni_expr_parse(sp->v[i].text, &q, &pe);
			ni_expr_names(e, &R->names);
			ni_expr_free(e);
		}
	if (o->uniq && strcmp(o->uniq, "@"))
		ni_names_add(&R->names, o->uniq, 0);
	if (o->near)
		ni_names_add(&R->names, o->near, 0);
	if (o->key)
		ni_names_add(&R->names, o->key, 0);
	R->c = (ni_batch_cfg){ .threads = nth, .wsize = sizeof (wctx),
			       .winit = winit, .wfree = wfree, .serial = serial,
			       .res_size = sizeof (lres),
			       .work = work, .emit = emit, .ctx = R,
			       .rej = o->rejects ? &R->rejout : NULL,
			       .out = &R->out, .names = &R->names };
	if (!R->rejout.failed)
		ni_batch_run(&R->c, in);
	return 0;
}

/* Contract: see filter.h. */
int ni_filter_run(const ni_filter_opts *o, ni_diag *d, const ni_fspec *sp,
		  char **files, int nfiles)
{
	run R;
	memset(&R, 0, sizeof R);
	R.o = o;
	R.d = d;
	if (o->mark) {
		int r = ni_state_open_locked(&R.mark, d, o->mark);
		if (r)
			return r > 0 ? NI_EXIT_LOCKED : NI_EXIT_ERR;
		R.have_mark = 1;
	}
	if (o->unseen) {
		if (ni_state_load(&R.unseen, d, o->unseen))
			return NI_EXIT_ERR;
		R.have_unseen = 1;
	}
	ni_lines in;
	ni_lines_init(&in, d, files, nfiles);
	in.max_line = o->max_line;
	R.in = &in;
	ni_strmap_init(&R.seen);
	ni_strmap_init(&R.passed);
	ni_neardup_init(&R.nd, o->near_t);
	int parsed = run_lines(&R, sp, &in) == 0;
	if (parsed) {
		if (o->count)
			ni_out_printf(&R.out, "%llu\n", R.selected);
		ni_out_close(&R.out);
		if (o->rejects)
			ni_out_close(&R.rejout);
		ni_names_report(&R.names, d);
	}
	ni_names_free(&R.names);
	/* mark only once the output was written in full (not after a write
	 * error: the records marked would never have been seen) */
	if (R.have_mark) {
		if (parsed && !R.out.failed && !R.rejout.failed)
			ni_state_save(&R.mark, d, o->expire ? o->dc->now - o->expire : INT64_MIN);
		ni_state_free(&R.mark);
	}
	if (R.have_unseen)
		ni_state_free(&R.unseen);
	ni_buf_free(&R.kb);
	ni_buf_free(&R.msg);
	ni_neardup_free(&R.nd);
	ni_strmap_free(&R.seen);
	ni_strmap_free(&R.passed);
	ni_lines_free(&in);
	if (o->quiet && R.selected)
		return NI_EXIT_OK;
	if (d->errors)
		return NI_EXIT_ERR;
	return R.selected ? NI_EXIT_OK : NI_EXIT_NONE;
}
