/* ni-filter - select NDJSON records by field expressions (grep for digests). */
#define _GNU_SOURCE
#include "ni.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
"Usage: ni-filter [OPTIONS] [EXPR] [FILE...]\n"
"Write the NDJSON records that match EXPR, unchanged.  EXPR: FIELD OP VALUE\n"
"joined by and/or/not; OP: = != < <= > >= ~ !~ in has; exists FIELD.\n"
"\n"
"  -e EXPR, -f FILE     expressions (any of them); then every argument is a file\n"
"  -t, --tag TAG        tags = TAG          -s, --source ID   source_id/_name\n"
"      --since WHEN     date >= WHEN (2026-08-01, -7d, 7d, today, 2026-W33)\n"
"      --until WHEN     date <= WHEN        --date-field F    instead of date_published\n"
"      --min-confidence X                   -g, --grep REGEX  any string field\n"
"  -i, --ignore-case    Unicode case folding for = and ~\n"
"  -v, --invert-match   -c, --count   -q, --quiet   -m, --max-count N\n"
"  -H, --with-path      prefix lines with FILE:\n"
"      --explain[=N]    why each record was (not) selected, on stderr\n"
"      --uniq FIELD     drop repeated values (URLs in canonical form);\n"
"                       --uniq @: repeated items (identity, man ni(7))\n"
"      --near-dup FIELD[:T]  drop near-identical texts (default T 0.8)\n"
"      --unseen STATE   only keys not in STATE; --mark STATE adds them at the end\n"
"      --key FIELD      key of --unseen/--mark/--uniq @ (default: the item's\n"
"                       identity: URL, else id, else a digest); --expire 90d\n"
"      --rejects FILE   keep invalid lines;  --max-line N (default 16M)\n"
"      --tz ZONE        where days begin;    --week-start mon|sun\n"
"  -j, --jobs N         threads (default: cores, at most 4)\n"
"  -h, --help, -V, --version\n"
"\n"
"Exit status: 0 selected, 1 none selected, 2 error (even if some selected).\n"
"Example: ni-parse content/daily | ni-filter 'tags = llm and date_published >= -7d'\n";

typedef struct opts {
	ni_diag d;
	ni_datectx dc;
	ni_expr_opts eo;
	int invert, count, quiet, with_path, icase;
	long long max_count;
	long long explain;     /* -1 none, 0 all, N first N */
	const char *rejects, *uniq, *near, *unseen, *mark, *key;
	double near_t;
	int64_t expire;
	size_t max_line;
	int jobs;
} opts;

static ni_expr *parse_or_die(opts *o, const char *where, const char *src)
{
	ni_perr pe = {0};
	size_t col;
	ni_expr *e = ni_expr_parse(src, &o->eo, pe.msg, sizeof pe.msg, &col);
	if (!e) {
		pe.col = col;
		ni_perr_print(&o->d, where, src, &pe);
		exit(NI_EXIT_ERR);
	}
	return e;
}

/* The expression as sources: group 0 holds the expressions (-e, -f,
 * EXPR: any of them); each other group is one shorthand option (any of
 * its values); groups are ANDed.  Each worker builds its own tree from
 * it, so compiled regexes are never shared between threads. */
typedef struct src {
	int group;
	char *where, *text;
} src;

typedef struct spec {
	src *v;
	size_t n;
	int groups;
} spec;

static void spec_add(spec *sp, int group, const char *where, const char *text)
{
	sp->v = ni_xrealloc(sp->v, (sp->n + 1) * sizeof *sp->v);
	sp->v[sp->n++] = (src){ group, ni_xstrdup(where), ni_xstrdup(text) };
	if (group >= sp->groups)
		sp->groups = group + 1;
}

/* Add FIELD OP "value" to group. */
static void spec_short(spec *sp, int group, const char *opt, const char *field,
		       const char *op, const char *value)
{
	ni_buf b = {0};
	ni_buf_printf(&b, "%s %s ", field, op);
	ni_expr_quote(&b, value);
	spec_add(sp, group, opt, b.s);
	ni_buf_free(&b);
}

static ni_expr *build(opts *o, const spec *sp)
{
	ni_expr *all = NULL;
	for (int g = 0; g < sp->groups; g++) {
		ni_expr *any = NULL;
		for (size_t i = 0; i < sp->n; i++)
			if (sp->v[i].group == g)
				any = ni_expr_bin(NI_E_OR, any,
						  parse_or_die(o, sp->v[i].where, sp->v[i].text));
		all = ni_expr_bin(NI_E_AND, all, any);
	}
	return all;
}

static void spec_free(spec *sp)
{
	for (size_t i = 0; i < sp->n; i++) {
		free(sp->v[i].where);
		free(sp->v[i].text);
	}
	free(sp->v);
}

/* ---- batches: lines are checked and matched in workers, in order ---- */

enum { L_NO = 0, L_YES = 1, L_BAD = -1, L_EVERR = -2 };

typedef struct lres {
	size_t off, len;
	unsigned long lineno;
	int fi, st;
	const char *err;       /* L_BAD: validator message (static) */
	size_t col, eoff;      /* L_EVERR: message at errs + eoff */
	const ni_expr *why;
	ni_jval whyval;
} lres;

typedef struct batch {
	ni_buf text, errs;
	lres *l;
	size_t n, cap;
} batch;

typedef struct wctx {
	ni_jidx idx;
	ni_expr *expr;
	ni_eval ev;
	int invert;
} wctx;

#define BATCH_BYTES (256u << 10)

static void work(void *wp, void *jp)
{
	wctx *w = wp;
	batch *b = jp;
	ni_buf_reset(&b->errs);
	for (size_t i = 0; i < b->n; i++) {
		lres *r = &b->l[i];
		const char *line = b->text.s + r->off;
		const char *err;
		size_t col;
		r->why = NULL;
		if (ni_json_check(line, r->len, NI_MAX_DEPTH, &w->idx, &err, &col)) {
			r->st = L_BAD;
			r->err = err;
			r->col = col;
			continue;
		}
		ni_jval rec = ni_json_record(line, r->len);
		w->ev.idx = &w->idx;
		int m = w->expr ? ni_expr_eval(w->expr, rec, &w->ev) : 1;
		if (m < 0) {
			r->st = L_EVERR;
			r->eoff = b->errs.len;
			ni_buf_add(&b->errs, w->ev.err, strlen(w->ev.err) + 1);
			continue;
		}
		r->st = m ? L_YES : L_NO;
		r->why = w->ev.why;
		r->whyval = w->ev.whyval;
	}
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

/* The state of the sequential phase: dedup, state, explain, output. */
typedef struct run {
	opts *o;
	ni_lines *in;
	ni_out out, rejout;
	ni_state unseen, mark;
	int have_unseen, have_mark;
	ni_strmap seen;         /* --uniq values */
	ni_strmap passed;       /* --unseen keys passed in this run */
	ni_neardup nd;
	ni_buf kb, msg;
	unsigned long long selected, explained;
	int done;               /* -m reached or -q selected */
} run;

static void reject(run *R, const char *line, size_t n)
{
	if (R->o->rejects) {
		ni_out_write(&R->rejout, line, n);
		ni_out_write(&R->rejout, "\n", 1);
	}
}

static const char *fname(run *R, int fi)
{
	return R->in->nfiles ? R->in->files[fi] : "-";
}

/* Everything after matching, for one line, in input order. */
static void consume(run *R, batch *b, size_t i)
{
	opts *o = R->o;
	lres *l = &b->l[i];
	const char *line = b->text.s + l->off;
	const char *name = fname(R, l->fi);
	if (R->done)
		return;
	if (l->st == L_BAD) {
		ni_error_at(&o->d, name, l->lineno, l->col, "%s", l->err);
		reject(R, line, l->len);
		return;
	}
	if (l->st == L_EVERR) {
		ni_error_at(&o->d, name, l->lineno, 0, "%s", b->errs.s + l->eoff);
		reject(R, line, l->len);
		return;
	}
	ni_jval rec = ni_json_record(line, l->len);
	int r = l->st == L_YES;
	if (o->invert)
		r = !r;
	const char *dropped = NULL;
	ni_buf_reset(&R->msg);
	if (r && o->uniq) {
		ni_buf_reset(&R->kb);
		int have;
		if (!strcmp(o->uniq, "@")) {
			have = ni_identity(rec, NULL, o->key, &R->kb) != NI_ID_NONE;
		} else {
			ni_jval u = ni_json_path(rec, o->uniq);
			have = u.t != NI_J_NONE && u.t != NI_J_NULL;
			if (u.t == NI_J_STR) {
				ni_buf t2 = {0};
				ni_json_str(u, &t2);
				/* only URL-valued strings are canonicalised */
				if (ni_url_is_web(t2.s ? t2.s : "", t2.len))
					ni_url_canon(t2.s, t2.len, &R->kb);
				else
					ni_buf_add(&R->kb, t2.s ? t2.s : "", t2.len);
				ni_buf_free(&t2);
			} else if (have) {
				ni_buf_add(&R->kb, u.p, u.n);
			}
		}
		if (have) {
			int isnew;
			ni_strmap_ent *e = ni_strmap_put(&R->seen, R->kb.s, R->kb.len, &isnew);
			if (isnew) {
				e->v = (void *)(uintptr_t)l->lineno;
			} else {
				dropped = "--uniq";
				ni_buf_printf(&R->msg, "same %s as line %lu",
					      strcmp(o->uniq, "@") ? o->uniq : "identity",
					      (unsigned long)(uintptr_t)e->v);
				r = 0;
			}
		}
	}
	if (r && o->near) {
		ni_jval u = ni_json_path(rec, o->near);
		if (u.t == NI_J_STR) {
			ni_buf t2 = {0};
			ni_json_str(u, &t2);
			uint64_t tag = ((uint64_t)l->fi << 40) | l->lineno, dup;
			double sim;
			if (ni_neardup_check(&R->nd, t2.s ? t2.s : "", t2.len, tag, &dup, &sim)) {
				dropped = "--near-dup";
				ni_buf_printf(&R->msg, "%s near %s:%llu (similarity %.2f)",
					      o->near, fname(R, (int)(dup >> 40)),
					      (unsigned long long)(dup & ((1ULL << 40) - 1)), sim);
				r = 0;
			}
			ni_buf_free(&t2);
		}
	}
	int keyed = 0;          /* R->kb holds the state key */
	if (r && (R->have_unseen || R->have_mark)) {
		ni_buf_reset(&R->kb);
		keyed = ni_identity(rec, NULL, o->key, &R->kb) != NI_ID_NONE;
		if (!keyed)   /* an error for this record; --unseen passes it */
			ni_error_at(&o->d, name, l->lineno, 0, "no state key: \"%s\" "
				    "is missing or empty%s", o->key,
				    R->have_mark ? " (not marked)" : "");
	}
	if (r && keyed && R->have_unseen) {
		/* seen: in the state, or passed earlier in this run */
		int isnew;
		ni_strmap_ent *e;
		if (ni_state_has(&R->unseen, R->kb.s, R->kb.len)) {
			dropped = "--unseen";
			ni_buf_printf(&R->msg, "key \"%s\" is in %s", R->kb.s, o->unseen);
			r = 0;
		} else if (e = ni_strmap_put(&R->passed, R->kb.s, R->kb.len, &isnew),
			   !isnew) {
			dropped = "--unseen";
			ni_buf_printf(&R->msg, "key \"%s\" passed at line %lu", R->kb.s,
				      (unsigned long)(uintptr_t)e->v);
			r = 0;
		} else {
			e->v = (void *)(uintptr_t)l->lineno;
		}
	}
	if (o->explain == 0 || (o->explain > 0 &&
				R->explained < (unsigned long long)o->explain)) {
		R->explained++;
		ni_buf e = {0};
		if (dropped) {
			ni_buf_printf(&e, "dropped by %s: %s", dropped, R->msg.s);
		} else if (!l->why) {
			ni_buf_adds(&e, r ? "selected: no expression" : "not selected");
		} else {
			ni_buf_printf(&e, "%s%s: %s is %s", r ? "selected" : "not selected",
				      o->invert ? " (-v)" : "",
				      l->why->text ? l->why->text : "?",
				      (r ^ o->invert) ? "true" : "false");
			if (l->why->field && !(l->why->field[0] == '*' && !l->why->field[1])) {
				ni_buf_printf(&e, " (%s: ", l->why->field);
				show_value(&e, l->whyval);
				ni_buf_adds(&e, ")");
			}
		}
		ni_note_at(&o->d, name, l->lineno, 0, "%s", e.s);
		ni_buf_free(&e);
	}
	if (!r)
		return;
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
	if (R->have_mark && keyed)
		ni_state_add(&R->mark, R->kb.s, R->kb.len, o->dc.now);
	if (o->max_count >= 0 && R->selected >= (unsigned long long)o->max_count)
		R->done = 1;
}

static void consume_batch(run *R, batch *b)
{
	for (size_t i = 0; i < b->n && !R->done; i++)
		consume(R, b, i);
	b->n = 0;
	ni_buf_reset(&b->text);
}

static int ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

int main(int argc, char **argv)
{
	static opts o;
	enum { O_SINCE = 256, O_UNTIL, O_DATEFIELD, O_MINCONF, O_EXPLAIN,
	       O_UNIQ, O_NEAR, O_UNSEEN, O_MARK, O_KEY, O_EXPIRE, O_REJECTS,
	       O_MAXLINE, O_TZ, O_WEEKSTART };
	static const struct option lopts[] = {
		{ "regexp", required_argument, 0, 'e' },
		{ "file", required_argument, 0, 'f' },
		{ "tag", required_argument, 0, 't' },
		{ "source", required_argument, 0, 's' },
		{ "since", required_argument, 0, O_SINCE },
		{ "until", required_argument, 0, O_UNTIL },
		{ "date-field", required_argument, 0, O_DATEFIELD },
		{ "min-confidence", required_argument, 0, O_MINCONF },
		{ "grep", required_argument, 0, 'g' },
		{ "ignore-case", no_argument, 0, 'i' },
		{ "invert-match", no_argument, 0, 'v' },
		{ "count", no_argument, 0, 'c' },
		{ "quiet", no_argument, 0, 'q' },
		{ "silent", no_argument, 0, 'q' },
		{ "max-count", required_argument, 0, 'm' },
		{ "with-path", no_argument, 0, 'H' },
		{ "explain", optional_argument, 0, O_EXPLAIN },
		{ "uniq", required_argument, 0, O_UNIQ },
		{ "near-dup", required_argument, 0, O_NEAR },
		{ "unseen", required_argument, 0, O_UNSEEN },
		{ "mark", required_argument, 0, O_MARK },
		{ "key", required_argument, 0, O_KEY },
		{ "expire", required_argument, 0, O_EXPIRE },
		{ "rejects", required_argument, 0, O_REJECTS },
		{ "max-line", required_argument, 0, O_MAXLINE },
		{ "tz", required_argument, 0, O_TZ },
		{ "week-start", required_argument, 0, O_WEEKSTART },
		{ "jobs", required_argument, 0, 'j' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 }
	};
	/* options are collected first: --tz and -i change how expressions
	 * are read */
	const char **exprs = ni_xcalloc((size_t)argc + 1, sizeof *exprs);
	const char **ewhere = ni_xcalloc((size_t)argc + 1, sizeof *ewhere);
	const char **tags = ni_xcalloc((size_t)argc + 1, sizeof *tags);
	const char **srcs = ni_xcalloc((size_t)argc + 1, sizeof *srcs);
	const char **greps = ni_xcalloc((size_t)argc + 1, sizeof *greps);
	const char **efiles = ni_xcalloc((size_t)argc + 1, sizeof *efiles);
	int nexpr = 0, ntags = 0, nsrcs = 0, ngreps = 0, nefiles = 0;
	const char *since = NULL, *until = NULL, *datefield = "date_published";
	const char *minconf = NULL, *tz = NULL;
	int selecting = 0, week_start = 1, c;

	o.d.prog = "ni-filter";
	o.explain = -1;
	o.max_count = -1;
	o.near_t = 0.8;
	o.max_line = NI_MAX_LINE;
	while ((c = getopt_long(argc, argv, "e:f:t:s:g:ivcqm:Hj:hV", lopts, NULL)) != -1) {
		switch (c) {
		case 'e': exprs[nexpr] = optarg; ewhere[nexpr++] = "-e:1"; selecting = 1; break;
		case 'f': efiles[nefiles++] = optarg; selecting = 1; break;
		case 't': tags[ntags++] = optarg; selecting = 1; break;
		case 's': srcs[nsrcs++] = optarg; selecting = 1; break;
		case 'g': greps[ngreps++] = optarg; selecting = 1; break;
		case O_SINCE: since = optarg; selecting = 1; break;
		case O_UNTIL: until = optarg; selecting = 1; break;
		case O_DATEFIELD: datefield = optarg; break;
		case O_MINCONF: minconf = optarg; selecting = 1; break;
		case 'i': o.icase = 1; break;
		case 'v': o.invert = 1; break;
		case 'c': o.count = 1; break;
		case 'q': o.quiet = 1; break;
		case 'm': o.max_count = ni_opt_num(&o.d, "max-count", optarg, 0, LLONG_MAX); break;
		case 'H': o.with_path = 1; break;
		case O_EXPLAIN:
			if (!optarg)
				o.explain = 0;
			else if ((o.explain = ni_parse_size(optarg)) < 1)
				ni_usage_error(&o.d, "invalid --explain '%s'", optarg);
			break;
		case O_UNIQ: o.uniq = optarg; selecting = 1; break;
		case O_NEAR: {
			o.near = optarg;
			char *colon = strrchr(optarg, ':');
			if (colon) {
				char *end;
				o.near_t = strtod(colon + 1, &end);
				if (*end || end == colon + 1 || o.near_t <= 0 || o.near_t > 1)
					ni_usage_error(&o.d, "invalid --near-dup threshold '%s' (0..1)", colon + 1);
				*colon = 0;
			}
			selecting = 1;
			break;
		}
		case O_UNSEEN: o.unseen = optarg; selecting = 1; break;
		case O_MARK: o.mark = optarg; selecting = 1; break;
		case O_KEY: o.key = optarg; break;
		case O_EXPIRE:
			if (ni_duration_parse(optarg, &o.expire))
				ni_usage_error(&o.d, "invalid --expire '%s' (e.g. 90d)", optarg);
			break;
		case O_REJECTS: o.rejects = optarg; break;
		case O_MAXLINE:
			o.max_line = (size_t)ni_opt_num(&o.d, "max-line", optarg, 1, 1LL << 40);
			break;
		case O_TZ: tz = optarg; break;
		case O_WEEKSTART: week_start = ni_opt_week_start(&o.d, optarg); break;
		case 'j': o.jobs = (int)ni_opt_num(&o.d, "jobs", optarg, 1, 64); break;
		default: ni_opt_common(&o.d, c, usage); break;
		}
	}
	if (ni_date_init(&o.dc, tz))
		ni_usage_error(&o.d, "NI_NOW is not an ISO 8601 timestamp: '%s'",
			       getenv("NI_NOW"));
	o.dc.week_start = week_start;
	o.eo.dc = &o.dc;
	o.eo.icase = o.icase;
	if (!selecting) {
		if (optind >= argc) {
			if (isatty(0))
				ni_usage_error(&o.d, "no expression given");
		} else {
			exprs[nexpr] = argv[optind++];
			ewhere[nexpr++] = "expression:1";
		}
	}
	ni_opt_need_input(&o.d, argc - optind);

	/* the expression: (any of -e/-f/EXPR) and each shorthand group */
	spec sp = {0};
	int g = 1;
	for (int i = 0; i < nexpr; i++)
		spec_add(&sp, 0, ewhere[i], exprs[i]);
	for (int i = 0; i < nefiles; i++) {
		char *text;
		size_t len;
		if (ni_read_file(efiles[i], 1 << 24, &text, &len))
			ni_die(&o.d, "%s: %s", efiles[i], strerror(errno));
		unsigned long ln = 0;
		int any = 0;
		for (char *p = text, *nl; p < text + len; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(text + len - p));
			if (!nl)
				nl = text + len;
			*nl = 0;
			ln++;
			if (nl > p && nl[-1] == '\r')
				nl[-1] = 0;
			const char *s = p + strspn(p, " \t");
			if (!*s || *s == '#')
				continue;
			char where[4200];
			snprintf(where, sizeof where, "%s:%lu", efiles[i], ln);
			spec_add(&sp, 0, where, s);
			any = 1;
		}
		if (!any)   /* a file of no expressions selects nothing, as grep -f */
			spec_add(&sp, 0, efiles[i], "false");
		free(text);
	}
	for (int i = 0; i < ntags; i++)
		spec_short(&sp, g, "--tag", "tags", "=", tags[i]);
	g += ntags > 0;
	for (int i = 0; i < nsrcs; i++) {
		spec_short(&sp, g, "--source", "source_id", "=", srcs[i]);
		spec_short(&sp, g, "--source", "source_name", "=", srcs[i]);
	}
	g += nsrcs > 0;
	ni_span span;
	if (since) {
		if (ni_date_parse(&o.dc, since, strlen(since), &span))
			ni_usage_error(&o.d, "invalid --since '%s' (a date, -7d, 7d, today...)", since);
		spec_short(&sp, g++, "--since", datefield, ">=", since);
	}
	if (until) {
		if (ni_date_parse(&o.dc, until, strlen(until), &span))
			ni_usage_error(&o.d, "invalid --until '%s'", until);
		spec_short(&sp, g++, "--until", datefield, "<=", until);
	}
	if (minconf) {
		char *end;
		(void)strtod(minconf, &end);
		if (*end || end == minconf)
			ni_usage_error(&o.d, "invalid --min-confidence '%s'", minconf);
		ni_buf b = {0};
		ni_buf_printf(&b, "confidence >= %s", minconf);
		spec_add(&sp, g++, "--min-confidence", b.s);
		ni_buf_free(&b);
	}
	for (int i = 0; i < ngreps; i++)
		spec_short(&sp, g, "--grep", "*", "~", greps[i]);
	g += ngreps > 0;
	free(exprs); free(ewhere); free(tags); free(srcs); free(greps); free(efiles);

	static run R;
	R.o = &o;
	if (o.mark) {
		if (ni_state_load(&R.mark, &o.d, o.mark))
			exit(NI_EXIT_ERR);
		int r = ni_state_lock(&R.mark, &o.d);
		if (r == 1) {
			fprintf(stderr, "ni-filter: %s: locked by another run\n", o.mark);
			exit(NI_EXIT_LOCKED);
		}
		if (r < 0)
			exit(NI_EXIT_ERR);
		/* read again under the lock: another run may have just saved */
		int fd = R.mark.lockfd;
		R.mark.lockfd = -1;
		ni_state_free(&R.mark);
		if (ni_state_load(&R.mark, &o.d, o.mark))
			exit(NI_EXIT_ERR);
		R.mark.lockfd = fd;
		R.have_mark = 1;
	}
	if (o.unseen) {
		if (ni_state_load(&R.unseen, &o.d, o.unseen))
			exit(NI_EXIT_ERR);
		R.have_unseen = 1;
	}
	/* workers: each with its own tree (parse errors show up here once) */
	int nth = o.jobs ? o.jobs : ncpus();
	if (nth == 1)
		nth = 0;
	int nw = nth ? nth : 1;
	wctx *w = ni_xcalloc((size_t)nw, sizeof *w);
	void **wp = ni_xcalloc((size_t)nw, sizeof *wp);
	for (int i = 0; i < nw; i++) {
		w[i].expr = build(&o, &sp);
		w[i].ev.dc = &o.dc;
		w[i].ev.icase = o.icase;
		w[i].ev.explain = o.explain >= 0;
		wp[i] = &w[i];
	}

	ni_lines in;
	ni_lines_init(&in, &o.d, argv + optind, argc - optind);
	in.max_line = o.max_line;
	R.in = &in;
	ni_out_open(&R.out, &o.d, NULL);
	if (o.rejects)
		ni_out_open(&R.rejout, &o.d, o.rejects);
	ni_strmap_init(&R.seen);
	ni_strmap_init(&R.passed);
	ni_neardup_init(&R.nd, o.near_t);

	size_t nslots = nth ? (size_t)nth * 3 : 1;
	ni_pool *pool = ni_pool_new(nth, nslots, work, wp);
	batch *slots = ni_xcalloc(nslots + 1, sizeof *slots);
	size_t nfree = nslots + 1;
	batch **freeb = ni_xcalloc(nslots + 1, sizeof *freeb);
	for (size_t i = 0; i < nslots + 1; i++)
		freeb[i] = &slots[i];
	batch *cur = freeb[--nfree];
	const char *line;
	long n;
	while (!R.done && (n = ni_lines_next(&in, &line)) >= 0) {
		if (cur->n == cur->cap) {
			cur->cap = cur->cap ? cur->cap * 2 : 1024;
			cur->l = ni_xrealloc(cur->l, cur->cap * sizeof *cur->l);
		}
		cur->l[cur->n++] = (lres){ .off = cur->text.len, .len = (size_t)n,
					   .lineno = in.lineno, .fi = in.fi };
		ni_buf_add(&cur->text, line, (size_t)n);
		if (cur->text.len < BATCH_BYTES)
			continue;
		batch *done = ni_pool_submit(pool, cur);
		if (done) {
			consume_batch(&R, done);
			freeb[nfree++] = done;
		}
		cur = freeb[--nfree];
	}
	if (cur->n && !R.done) {
		batch *done = ni_pool_submit(pool, cur);
		if (done) {
			consume_batch(&R, done);
			freeb[nfree++] = done;
		}
	}
	batch *done;
	while ((done = ni_pool_next(pool)))
		consume_batch(&R, done);
	ni_pool_free(pool);

	if (o.count)
		ni_out_printf(&R.out, "%llu\n", R.selected);
	ni_out_close(&R.out);
	if (o.rejects)
		ni_out_close(&R.rejout);
	/* mark only once the output was written in full */
	if (R.have_mark) {
		ni_state_save(&R.mark, &o.d, o.expire ? o.dc.now - o.expire : INT64_MIN);
		ni_state_free(&R.mark);
	}
	if (R.have_unseen)
		ni_state_free(&R.unseen);
	for (size_t i = 0; i < nslots + 1; i++) {
		ni_buf_free(&slots[i].text);
		ni_buf_free(&slots[i].errs);
		free(slots[i].l);
	}
	free(slots);
	free(freeb);
	for (int i = 0; i < nw; i++) {
		ni_expr_free(w[i].expr);
		ni_eval_free(&w[i].ev);
	}
	free(w);
	free(wp);
	spec_free(&sp);
	ni_buf_free(&R.kb);
	ni_buf_free(&R.msg);
	ni_neardup_free(&R.nd);
	ni_strmap_free(&R.seen);
	ni_strmap_free(&R.passed);
	ni_lines_free(&in);
	if (o.quiet && R.selected)
		return NI_EXIT_OK;
	if (o.d.errors)
		return NI_EXIT_ERR;
	return R.selected ? NI_EXIT_OK : NI_EXIT_NONE;
}
