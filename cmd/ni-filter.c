/* ni-filter - select NDJSON records by field expressions (grep for digests). */
#define _GNU_SOURCE
#include "ni.h"

#include <limits.h>
#include <stdlib.h>
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

enum { O_SINCE = 256, O_UNTIL, O_DATEFIELD, O_MINCONF, O_EXPLAIN,
       O_UNIQ, O_NEAR, O_UNSEEN, O_MARK, O_KEY, O_EXPIRE };
static const ni_optdef own[] = {
	{ "regexp", 'e', NI_ARG_REQUIRED },
	{ "file", 'f', NI_ARG_REQUIRED },
	{ "tag", 't', NI_ARG_REQUIRED },
	{ "source", 's', NI_ARG_REQUIRED },
	{ "since", O_SINCE, NI_ARG_REQUIRED },
	{ "until", O_UNTIL, NI_ARG_REQUIRED },
	{ "date-field", O_DATEFIELD, NI_ARG_REQUIRED },
	{ "min-confidence", O_MINCONF, NI_ARG_REQUIRED },
	{ "grep", 'g', NI_ARG_REQUIRED },
	{ "ignore-case", 'i', NI_ARG_NONE },
	{ "invert-match", 'v', NI_ARG_NONE },
	{ "count", 'c', NI_ARG_NONE },
	{ "max-count", 'm', NI_ARG_REQUIRED },
	{ "with-path", 'H', NI_ARG_NONE },
	{ "explain", O_EXPLAIN, NI_ARG_OPTIONAL },
	{ "uniq", O_UNIQ, NI_ARG_REQUIRED },
	{ "near-dup", O_NEAR, NI_ARG_REQUIRED },
	{ "unseen", O_UNSEEN, NI_ARG_REQUIRED },
	{ "mark", O_MARK, NI_ARG_REQUIRED },
	{ "key", O_KEY, NI_ARG_REQUIRED },
	{ "expire", O_EXPIRE, NI_ARG_REQUIRED },
	{ 0, 0, 0 }
};

typedef struct cli {
	ni_filter_opts o;
	ni_fsel s;
	int selecting;
} cli;

/* ni-filter's own options (ni_opt_fn). */
static int option(void *ctx, ni_diag *d, int key, const char *arg)
{
	cli *C = ctx;
	ni_filter_opts *o = &C->o;
	ni_fsel *s = &C->s;
	int sel = 1;
	switch (key) {
	case 'e': ni_fsel_expr(s, "-e:1", arg); break;
	case 'f': s->efiles[s->nefiles++] = arg; break;
	case 't': s->tags[s->ntags++] = arg; break;
	case 's': s->srcs[s->nsrcs++] = arg; break;
	case 'g': s->greps[s->ngreps++] = arg; break;
	case O_SINCE: s->since = arg; break;
	case O_UNTIL: s->until = arg; break;
	case O_MINCONF: s->minconf = arg; break;
	case O_UNIQ: o->uniq = arg; break;
	case O_NEAR:
		if (ni_filter_near_opt(d, (char *)arg, o))
			return NI_EXIT_ERR;
		break;
	case O_UNSEEN: o->unseen = arg; break;
	case O_MARK: o->mark = arg; break;
	default: sel = 0; break;
	}
	C->selecting |= sel;
	switch (key) {
	case O_DATEFIELD: s->datefield = arg; break;
	case 'i': o->icase = 1; break;
	case 'v': o->invert = 1; break;
	case 'c': o->count = 1; break;
	case 'm':
		if ((o->max_count = ni_parse_size(arg)) < 0)
			return ni_usage(d, "invalid --max-count '%s' (0..%lld)", arg, LLONG_MAX);
		break;
	case 'H': o->with_path = 1; break;
	case O_EXPLAIN:
		if (!arg)
			o->explain = 0;
		else if ((o->explain = ni_parse_size(arg)) < 1)
			return ni_usage(d, "invalid --explain '%s'", arg);
		break;
	case O_KEY: o->key = arg; break;
	case O_EXPIRE:
		if (ni_duration_parse(arg, &o->expire))
			return ni_usage(d, "invalid --expire '%s' (e.g. 90d)", arg);
		break;
	}
	return 0;
}

int main(int argc, char **argv)
{
	ni_diag d = { .prog = "ni-filter" };
	ni_common c;
	cli C = { .o = { .explain = -1, .max_count = -1, .near_t = 0.8 } };
	ni_fsel_init(&C.s, argc);
	const ni_cli spec = { usage, NI_OPT_JOBS | NI_OPT_TZ | NI_OPT_WEEK |
			      NI_OPT_MAXLINE | NI_OPT_REJECTS | NI_OPT_QUIET,
			      own, option, &C };
	int rc = ni_opts_parse(&spec, &d, &c, argc, argv, &optind);
	if (rc >= 0) {
		ni_fsel_free(&C.s);
		return rc;
	}
	ni_filter_opts *o = &C.o;
	o->dc = &c.dc;
	o->jobs = c.jobs;
	o->quiet = c.quiet;
	o->rejects = c.rejects;
	o->max_line = c.max_line;
	if (!C.selecting) {
		if (optind >= argc) {
			if (isatty(0)) {
				ni_fsel_free(&C.s);
				return ni_usage(&d, "no expression given");
			}
		} else {
			ni_fsel_expr(&C.s, "expression:1", argv[optind++]);
		}
	}
	ni_fspec sp = {0};
	rc = ni_opt_need_input(&d, argc - optind);
	if (rc == 0)
		rc = ni_fsel_spec(&d, &c.dc, &C.s, &sp);
	if (rc == 0)
		rc = ni_filter_run(o, &d, &sp, argv + optind, argc - optind);
	ni_fspec_free(&sp);
	ni_fsel_free(&C.s);
	return rc;
}
