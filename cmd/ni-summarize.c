/* ni-summarize - group and aggregate item records in one streaming pass. */
#define _GNU_SOURCE
#include "ni.h"

#include <getopt.h>
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

/* A usage error when an option word was refused. */
static void check(ni_diag *d, int rc, const char *err)
{
	if (rc)
		ni_usage_error(d, "%s", err);
}

enum { O_STATS = 256, O_HIST, O_DISTINCT, O_TOP, O_ITEMS, O_RANK,
       O_TREND, O_SORT, O_PARTIAL, O_MERGE, O_MAXGROUPS, O_DATEFIELD,
       O_TZ, O_WEEKSTART, O_MAXLINE };

static const struct option lopts[] = {
	{ "by", required_argument, 0, 'b' },
	{ "stats", required_argument, 0, O_STATS },
	{ "hist", required_argument, 0, O_HIST },
	{ "distinct", required_argument, 0, O_DISTINCT },
	{ "top", required_argument, 0, O_TOP },
	{ "items", required_argument, 0, O_ITEMS },
	{ "rank", required_argument, 0, O_RANK },
	{ "trend", required_argument, 0, O_TREND },
	{ "sort", required_argument, 0, O_SORT },
	{ "partial", no_argument, 0, O_PARTIAL },
	{ "merge", no_argument, 0, O_MERGE },
	{ "max-groups", required_argument, 0, O_MAXGROUPS },
	{ "date-field", required_argument, 0, O_DATEFIELD },
	{ "tz", required_argument, 0, O_TZ },
	{ "week-start", required_argument, 0, O_WEEKSTART },
	{ "max-line", required_argument, 0, O_MAXLINE },
	{ "jobs", required_argument, 0, 'j' },
	{ "verbose", no_argument, 0, 'v' },
	{ "help", no_argument, 0, 'h' },
	{ "version", no_argument, 0, 'V' },
	{ 0, 0, 0, 0 }
};

int main(int argc, char **argv)
{
	ni_diag d = { "ni-summarize", 0, 0 };
	ni_agg_opts o;
	ni_datectx dc;
	int partial = 0, merge = 0, week_start = 1, jobs = 0, c;
	const char *tz = NULL;
	size_t max_line = NI_MAX_LINE;
	char err[300];

	ni_agg_opts_init(&o);
	while ((c = getopt_long(argc, argv, "b:vj:hV", lopts, NULL)) != -1) {
		switch (c) {
		case 'b': check(&d, ni_agg_opt_by(&o, optarg, err, sizeof err), err); break;
		case O_STATS: ni_opt_words(&o.stats, &o.nstats, optarg, 0); break;
		case O_DISTINCT: ni_opt_words(&o.distinct, &o.ndistinct, optarg, 0); break;
		case O_HIST: check(&d, ni_agg_opt_hist(&o, optarg, err, sizeof err), err); break;
		case O_TOP: o.top = (int)ni_opt_num(&d, "top", optarg, 1, 1000000000); break;
		case O_ITEMS: o.items = (int)ni_opt_num(&d, "items", optarg, 0, 10000); break;
		case O_RANK: ni_opt_words(&o.rank, &o.nrank, optarg, 0); break;
		case O_TREND: check(&d, ni_agg_opt_trend(&o, optarg, err, sizeof err), err); break;
		case O_SORT: check(&d, ni_agg_opt_sort(&o, optarg, err, sizeof err), err); break;
		case O_PARTIAL: partial = 1; break;
		case O_MERGE: merge = 1; break;
		case O_MAXGROUPS:
			o.max_groups = (size_t)ni_opt_num(&d, "max-groups", optarg, 1, 1LL << 40);
			break;
		case O_DATEFIELD: o.date_field = optarg; break;
		case O_TZ: tz = optarg; break;
		case O_WEEKSTART: week_start = ni_opt_week_start(&d, optarg); break;
		case O_MAXLINE:
			max_line = (size_t)ni_opt_num(&d, "max-line", optarg, 1, 1LL << 40);
			break;
		case 'v': d.verbose = 1; break;
		case 'j': jobs = (int)ni_opt_num(&d, "jobs", optarg, 1, 64); break;
		default: ni_opt_common(&d, c, usage); break;
		}
	}
	ni_opt_need_input(&d, argc - optind);
	check(&d, ni_agg_opts_done(&o, err, sizeof err), err);
	if (tz && !ni_tz_valid(tz))
		ni_usage_error(&d, "unknown time zone '%s' (UTC, Asia/Seoul...)", tz);
	ni_opt_dates(&d, &dc, tz, week_start);
	o.dc = &dc;

	ni_agg *a = ni_agg_new(&o, &d);
	int rc = ni_agg_run(a, &o, &d, argv + optind, argc - optind, max_line,
			    merge, jobs);
	if (rc == 0) {
		/* else no result: a summary missing groups would mislead */
		ni_out out;
		ni_out_open(&out, &d, NULL);
		if (partial)
			ni_agg_write_partial(a, &out);
		else
			ni_agg_write(a, &out);
		ni_out_close(&out);
	}
	ni_agg_free(a);
	ni_agg_opts_free(&o);
	return d.errors ? NI_EXIT_ERR : NI_EXIT_OK;
}
