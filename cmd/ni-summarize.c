/* ni-summarize - group and aggregate item records in one streaming pass. */
#define _GNU_SOURCE
#include "ni.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
"Usage: ni-summarize [OPTIONS] [FILE...]\n"
"Group item records (NDJSON) and write summary records (NDJSON).  Without\n"
"-b: one overview record (counts, dates, leading tags, sources, ...).\n"
"\n"
"  -b, --by KEY[,KEY...]  group by fields or derived keys: day week month year\n"
"                         day(F) week(F) month(F) year(F) domain(F) lower(F)\n"
"      --stats FIELD      count/min/max/mean/p50/p90 of a numeric field\n"
"      --hist FIELD:EDGES band counts, e.g. confidence:0.5,0.85\n"
"      --distinct FIELD   number of distinct values\n"
"      --top N            keep the N largest groups (per first key)\n"
"      --items N          attach the N leading items of each group\n"
"      --rank F[:asc],... how items lead (default confidence,date_published)\n"
"      --trend PERIOD     count in the last PERIOD vs the one before (7d, week)\n"
"      --sort count|key|change   row order (default count)\n"
"      --partial          write a mergeable partial state instead of rows\n"
"      --merge            read partial states and write the final rows\n"
"      --max-groups N     refuse more than N groups (default 1000000)\n"
"      --date-field F     date of items for --trend and the overview\n"
"      --tz ZONE          time zone where days begin (default UTC or $TZ)\n"
"      --week-start mon|sun\n"
"      --max-line N       longest record accepted (default 16M)\n"
"  -j, --jobs N           threads (default: processors, at most 4; same output)\n"
"  -v, --verbose          report keys that were not dates/URLs (_invalid)\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"Exit status: 0 ok, 2 error (bad lines are reported and skipped).\n"
"Example: ni-parse content/daily | ni-summarize -b week,tags --top 5 --items 3\n";

enum { O_STATS = 256, O_HIST, O_DISTINCT, O_TOP, O_ITEMS, O_RANK,
       O_TREND, O_SORT, O_PARTIAL, O_MERGE, O_MAXGROUPS, O_DATEFIELD };
static const ni_optdef own[] = {
	{ "by", 'b', NI_ARG_REQUIRED },
	{ "stats", O_STATS, NI_ARG_REQUIRED },
	{ "hist", O_HIST, NI_ARG_REQUIRED },
	{ "distinct", O_DISTINCT, NI_ARG_REQUIRED },
	{ "top", O_TOP, NI_ARG_REQUIRED },
	{ "items", O_ITEMS, NI_ARG_REQUIRED },
	{ "rank", O_RANK, NI_ARG_REQUIRED },
	{ "trend", O_TREND, NI_ARG_REQUIRED },
	{ "sort", O_SORT, NI_ARG_REQUIRED },
	{ "partial", O_PARTIAL, NI_ARG_NONE },
	{ "merge", O_MERGE, NI_ARG_NONE },
	{ "max-groups", O_MAXGROUPS, NI_ARG_REQUIRED },
	{ "date-field", O_DATEFIELD, NI_ARG_REQUIRED },
	{ 0, 0, 0 }
};

typedef struct cli {
	ni_agg_opts o;
	int partial, merge;
} cli;

/* ni-summarize's own options (ni_opt_fn). */
static int option(void *ctx, ni_diag *d, int key, const char *arg)
{
	cli *C = ctx;
	ni_agg_opts *o = &C->o;
	char err[300];
	long long v = 0;
	int rc = 0;
	switch (key) {
	case 'b': rc = ni_agg_opt_by(o, arg, err, sizeof err); break;
	case O_STATS: ni_opt_words(&o->stats, &o->nstats, arg, 0); break;
	case O_DISTINCT: ni_opt_words(&o->distinct, &o->ndistinct, arg, 0); break;
	case O_HIST: rc = ni_agg_opt_hist(o, arg, err, sizeof err); break;
	case O_TOP:
		if (ni_opt_number(d, "top", arg, 1, 1000000000, &v))
			return NI_EXIT_ERR;
		o->top = (int)v;
		break;
	case O_ITEMS:
		if (ni_opt_number(d, "items", arg, 0, 10000, &v))
			return NI_EXIT_ERR;
		o->items = (int)v;
		break;
	case O_RANK: ni_opt_words(&o->rank, &o->nrank, arg, 0); break;
	case O_TREND: rc = ni_agg_opt_trend(o, arg, err, sizeof err); break;
	case O_SORT: rc = ni_agg_opt_sort(o, arg, err, sizeof err); break;
	case O_PARTIAL: C->partial = 1; break;
	case O_MERGE: C->merge = 1; break;
	case O_MAXGROUPS:
		if (ni_opt_number(d, "max-groups", arg, 1, 1LL << 40, &v))
			return NI_EXIT_ERR;
		o->max_groups = (size_t)v;
		break;
	case O_DATEFIELD: o->date_field = arg; break;
	}
	return rc ? ni_usage(d, "%s", err) : 0;
}

int main(int argc, char **argv)
{
	ni_diag d = { .prog = "ni-summarize" };
	ni_common c;
	cli C;
	memset(&C, 0, sizeof C);
	ni_agg_opts_init(&C.o);
	ni_agg_opts *o = &C.o;
	const ni_cli spec = { usage, NI_OPT_JOBS | NI_OPT_TZ | NI_OPT_WEEK |
			      NI_OPT_MAXLINE | NI_OPT_VERBOSE, own, option, &C };
	int rc = ni_opts_parse(&spec, &d, &c, argc, argv, &optind);
	if (rc >= 0) {
		ni_agg_opts_free(o);
		return rc;
	}
	char err[300];
	rc = ni_opt_need_input(&d, argc - optind);
	if (rc == 0 && ni_agg_opts_done(o, err, sizeof err))
		rc = ni_usage(&d, "%s", err);
	if (rc) {
		ni_agg_opts_free(o);
		return rc;
	}
	o->dc = &c.dc;

	ni_agg *a = ni_agg_new(o, &d);
	rc = ni_agg_run(a, o, &d, argv + optind, argc - optind, c.max_line,
			C.merge, c.jobs);
	if (rc == 0) {
		/* else no result: a summary missing groups would mislead */
		ni_out out;
		ni_out_open(&out, &d, NULL);
		if (C.partial)
			ni_agg_write_partial(a, &out);
		else
			ni_agg_write(a, &out);
		ni_out_close(&out);
	}
	ni_agg_free(a);
	ni_agg_opts_free(o);
	return d.errors ? NI_EXIT_ERR : NI_EXIT_OK;
}
