/* ni-map - compute, set, rename and project fields of NDJSON records, one
 * record in, one changed record out (the language: man/ni-expr.7). */
#define _GNU_SOURCE
#include "ni.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
"Usage: ni-map [OPTIONS] PROGRAM [FILE...]\n"
"Change each NDJSON record by PROGRAM: statements separated by ; or lines.\n"
"  FIELD = EXPR   FIELD ?= EXPR (when missing or null)   del F, ...\n"
"  rename OLD NEW   keep F, ...   if PRED then ... [else ...] end   skip\n"
"Untouched fields pass byte for byte; a changed field keeps its place, a\n"
"new one comes last.  Language and functions: man ni-expr.\n"
"\n"
"  -e STMT, -f FILE     program text (joined in order); then every argument\n"
"                       is a file\n"
"      --strict         drop a record whose program fails (default: pass it\n"
"                       through unchanged); either way it is reported, exit 2\n"
"      --rejects FILE   keep invalid lines and failed records\n"
"  -i, --ignore-case    Unicode case folding for = and ~\n"
"      --tz ZONE        for date() and dates;  --week-start mon|sun\n"
"  -j, --jobs N         threads (default: cores, at most 4; seq() runs in one)\n"
"      --max-line N     longest record (default 16M)\n"
"  -v, --verbose        notes (threads, skipped records)\n"
"  -h, --help, -V, --version\n"
"\n"
"Exit status: 0 written, 1 nothing written, 2 error (records still flow).\n"
"Example: ni-map 'regions = upper(regions); business_impact ?= \"MEDIUM\"' items.ndjson\n";

typedef struct src {
	const char *name;   /* "program", "-e", FILE */
	char *text;
	size_t off;         /* in the joined program */
} src;

/* Report a program error at byte off of the joined text: place, message,
 * the line and a caret under the character (terminal columns). */
static void prog_error(ni_diag *d, const src *s, size_t ns, const char *all,
		       size_t off, const char *msg)
{
	size_t i = 0;
	while (i + 1 < ns && s[i + 1].off <= off)
		i++;
	const char *t = all + s[i].off;
	size_t rel = off - s[i].off, ls = 0;
	size_t tl = strlen(s[i].text);
	if (rel > tl)   /* at the end: the line break joining the sources */
		rel = tl;
	unsigned long line = 1;
	for (size_t k = 0; k < rel; k++)
		if (t[k] == '\n') {
			line++;
			ls = k + 1;
		}
	unsigned long col = 1;
	for (size_t k = ls; k < rel; k++)
		if (((unsigned char)t[k] & 0xC0) != 0x80)
			col++;
	ni_error(d, "%s:%lu:%lu: %s", s[i].name, line, col, msg);
	size_t le = ls;
	while (t[le] && t[le] != '\n')
		le++;
	fprintf(stderr, "  %.*s\n  %*s^\n", (int)(le - ls), t + ls,
		(int)ni_width(t + ls, rel - ls), "");
}

/* ---- batches: lines are mapped in workers, written in order ---- */

enum { L_OUT = 0, L_SKIP = 1, L_ERR = -1, L_BAD = -2 };

typedef struct lres {
	size_t off, len;          /* the input line in text */
	size_t ooff, olen;        /* L_OUT: the output in out */
	unsigned long lineno;
	unsigned long long nr;
	int fi, st;
	const char *err;          /* L_BAD: validator message (static) */
	size_t col, eoff;         /* L_ERR: message at errs + eoff */
} lres;

typedef struct batch {
	ni_buf text, out, errs;
	lres *l;
	size_t n, cap;
} batch;

typedef struct wctx {
	ni_jidx idx;
	ni_map *prog;
	ni_eval ev;
} wctx;

#define BATCH_BYTES (256u << 10)

static void work(void *wp, void *jp)
{
	wctx *w = wp;
	batch *b = jp;
	ni_buf_reset(&b->out);
	ni_buf_reset(&b->errs);
	for (size_t i = 0; i < b->n; i++) {
		lres *r = &b->l[i];
		const char *line = b->text.s + r->off;
		const char *err;
		size_t col;
		if (ni_json_check(line, r->len, NI_MAX_DEPTH, &w->idx, &err, &col)) {
			r->st = L_BAD;
			r->err = err;
			r->col = col;
			continue;
		}
		w->ev.nr = r->nr;
		r->ooff = b->out.len;
		int st = ni_map_run(w->prog, &w->ev, line, r->len, &w->idx, &b->out);
		r->olen = b->out.len - r->ooff;
		if (st == NI_MAP_ERR) {
			r->st = L_ERR;
			r->eoff = b->errs.len;
			ni_buf_add(&b->errs, w->ev.err, strlen(w->ev.err) + 1);
		} else {
			r->st = st == NI_MAP_SKIP ? L_SKIP : L_OUT;
		}
	}
}

typedef struct run {
	ni_diag *d;
	ni_lines *in;
	ni_out out, rej;
	int strict, rejects;
	unsigned long long written, skipped, failed;
} run;

static void consume_batch(run *R, batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		lres *l = &b->l[i];
		const char *line = b->text.s + l->off;
		const char *name = R->in->nfiles ? R->in->files[l->fi] : "-";
		switch (l->st) {
		case L_OUT:
			ni_out_write(&R->out, b->out.s + l->ooff, l->olen);
			ni_out_write(&R->out, "\n", 1);
			R->written++;
			break;
		case L_SKIP:
			R->skipped++;
			break;
		case L_BAD:
			ni_error_at(R->d, name, l->lineno, l->col, "%s", l->err);
			if (R->rejects) {
				ni_out_write(&R->rej, line, l->len);
				ni_out_write(&R->rej, "\n", 1);
			}
			break;
		case L_ERR:
			R->failed++;
			ni_error_at(R->d, name, l->lineno, 0, "%s%s", b->errs.s + l->eoff,
				    R->strict ? " (record dropped: --strict)"
				    : " (record passed through unchanged)");
			if (R->rejects) {
				ni_out_write(&R->rej, line, l->len);
				ni_out_write(&R->rej, "\n", 1);
			}
			if (!R->strict) {
				ni_out_write(&R->out, line, l->len);
				ni_out_write(&R->out, "\n", 1);
				R->written++;
			}
			break;
		}
	}
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
	static ni_diag d = { .prog = "ni-map" };
	enum { O_STRICT = 256, O_REJECTS, O_TZ, O_WEEKSTART, O_MAXLINE };
	static const struct option lopts[] = {
		{ "expression", required_argument, 0, 'e' },
		{ "file", required_argument, 0, 'f' },
		{ "strict", no_argument, 0, O_STRICT },
		{ "rejects", required_argument, 0, O_REJECTS },
		{ "ignore-case", no_argument, 0, 'i' },
		{ "tz", required_argument, 0, O_TZ },
		{ "week-start", required_argument, 0, O_WEEKSTART },
		{ "jobs", required_argument, 0, 'j' },
		{ "max-line", required_argument, 0, O_MAXLINE },
		{ "verbose", no_argument, 0, 'v' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 }
	};
	src *srcs = ni_xcalloc((size_t)argc + 1, sizeof *srcs);
	size_t ns = 0;
	const char *tz = NULL, *rejects = NULL;
	int strict = 0, icase = 0, jobs = 0, week_start = 1, c;
	size_t max_line = NI_MAX_LINE;
	while ((c = getopt_long(argc, argv, "e:f:ij:vhV", lopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			srcs[ns++] = (src){ "-e", ni_xstrdup(optarg), 0 };
			break;
		case 'f': {
			char *text;
			size_t len;
			if (ni_read_file(optarg, 1 << 24, &text, &len))
				ni_die(&d, "%s: %s", optarg, strerror(errno));
			if (memchr(text, 0, len))
				ni_die(&d, "%s: the program holds a NUL byte", optarg);
			srcs[ns++] = (src){ optarg, text, 0 };
			break;
		}
		case O_STRICT: strict = 1; break;
		case O_REJECTS: rejects = optarg; break;
		case 'i': icase = 1; break;
		case O_TZ: tz = optarg; break;
		case O_WEEKSTART: week_start = ni_opt_week_start(&d, optarg); break;
		case 'j': jobs = (int)ni_opt_num(&d, "jobs", optarg, 1, 64); break;
		case O_MAXLINE:
			max_line = (size_t)ni_opt_num(&d, "max-line", optarg, 1, 1LL << 40);
			break;
		case 'v': d.verbose = 1; break;
		default: ni_opt_common(&d, c, usage); break;
		}
	}
	ni_datectx dc;
	if (ni_date_init(&dc, tz))
		ni_usage_error(&d, "NI_NOW is not an ISO 8601 timestamp: '%s'",
			       getenv("NI_NOW"));
	dc.week_start = week_start;
	if (!ns) {
		if (optind >= argc)
			ni_usage_error(&d, "no program given");
		srcs[ns++] = (src){ "program", ni_xstrdup(argv[optind++]), 0 };
	}
	ni_opt_need_input(&d, argc - optind);

	/* the program: the sources joined by line breaks */
	ni_buf all = {0};
	for (size_t i = 0; i < ns; i++) {
		srcs[i].off = all.len;
		ni_buf_adds(&all, srcs[i].text);
		ni_buf_addc(&all, '\n');
	}
	ni_expr_opts eo = { &dc, icase };
	int nth = jobs ? jobs : ncpus();
	if (nth == 1)
		nth = 0;
	int nw = nth ? nth : 1, nwalloc = nw;
	wctx *w = ni_xcalloc((size_t)nw, sizeof *w);
	void **wp = ni_xcalloc((size_t)nw, sizeof *wp);
	for (int i = 0; i < nw; i++) {
		char err[300];
		size_t off;
		w[i].prog = ni_map_parse(all.s, &eo, err, sizeof err, &off);
		if (!w[i].prog) {
			prog_error(&d, srcs, ns, all.s, off, err);
			exit(NI_EXIT_ERR);
		}
		if (i == 0 && nth && ni_map_sequential(w[0].prog)) {
			if (d.verbose)
				fprintf(stderr, "ni-map: note: seq() counts across records: one thread\n");
			nth = 0;
			nw = 1;
		}
		w[i].ev.dc = &dc;
		w[i].ev.icase = icase;
		wp[i] = &w[i];
	}

	ni_lines in;
	ni_lines_init(&in, &d, argv + optind, argc - optind);
	in.max_line = max_line;
	static run R;
	R.d = &d;
	R.in = &in;
	R.strict = strict;
	R.rejects = rejects != NULL;
	ni_out_open(&R.out, &d, NULL);
	if (rejects)
		ni_out_open(&R.rej, &d, rejects);

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
	unsigned long long nr = 0;
	while ((n = ni_lines_next(&in, &line)) >= 0) {
		if (cur->n == cur->cap) {
			cur->cap = cur->cap ? cur->cap * 2 : 1024;
			cur->l = ni_xrealloc(cur->l, cur->cap * sizeof *cur->l);
		}
		cur->l[cur->n++] = (lres){ .off = cur->text.len, .len = (size_t)n,
					   .lineno = in.lineno, .fi = in.fi,
					   .nr = ++nr };
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
	if (cur->n) {
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
	ni_out_close(&R.out);
	if (rejects)
		ni_out_close(&R.rej);
	if (d.verbose && R.skipped)
		fprintf(stderr, "ni-map: note: %llu record%s skipped by the program\n",
			R.skipped, R.skipped == 1 ? "" : "s");

	for (size_t i = 0; i < nslots + 1; i++) {
		ni_buf_free(&slots[i].text);
		ni_buf_free(&slots[i].out);
		ni_buf_free(&slots[i].errs);
		free(slots[i].l);
	}
	free(slots);
	free(freeb);
	for (int i = 0; i < nwalloc; i++) {
		ni_map_free(w[i].prog);
		ni_eval_free(&w[i].ev);
	}
	free(w);
	free(wp);
	for (size_t i = 0; i < ns; i++)
		free(srcs[i].text);
	free(srcs);
	ni_buf_free(&all);
	ni_lines_free(&in);
	if (d.errors)
		return NI_EXIT_ERR;
	return R.written ? NI_EXIT_OK : NI_EXIT_NONE;
}
