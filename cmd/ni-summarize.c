/* ni-summarize - group and aggregate item records in one streaming pass. */
#define _GNU_SOURCE
#include "ni.h"

#include <errno.h>
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
"  -j, --jobs N           threads (default: cores, at most 4; same output)\n"
"  -v, --verbose          report keys that were not dates/URLs (_invalid)\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"Exit status: 0 ok, 2 error (bad lines are reported and skipped).\n"
"Example: ni-parse content/daily | ni-summarize -b week,tags --top 5 --items 3\n";

static void split_add(char ***v, int *n, const char *s)
{
	char *copy = ni_xstrdup(s), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		*v = ni_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
		(*v)[(*n)++] = ni_xstrdup(t);
	}
	free(copy);
}

/* Split KEY,KEY... where a key may contain a comma inside parentheses. */
static void split_keys(char ***v, int *n, const char *s)
{
	int depth = 0;
	const char *start = s;
	for (const char *p = s;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		if ((*p == ',' && depth == 0) || !*p) {
			*v = ni_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
			(*v)[(*n)++] = ni_xstrndup(start, (size_t)(p - start));
			start = p + 1;
			if (!*p)
				break;
		}
	}
}

int main(int argc, char **argv)
{
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
		{ "verbose", no_argument, 0, 'v' },
		{ "jobs", required_argument, 0, 'j' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 }
	};
	ni_diag d = { "ni-summarize", 0, 0 };
	ni_agg_opts o;
	ni_datectx dc;
	char **by = NULL, **ranks = NULL;
	int nby = 0, nranks = 0, partial = 0, merge = 0, week_start = 1, jobs = 0, c;
	const char *tz = NULL;
	size_t max_line = NI_MAX_LINE;

	memset(&o, 0, sizeof o);
	o.date_field = "date_published";
	o.max_groups = 1000000;
	while ((c = getopt_long(argc, argv, "b:vj:hV", lopts, NULL)) != -1) {
		switch (c) {
		case 'b': split_keys(&by, &nby, optarg); break;
		case O_STATS: split_add(&o.stats, &o.nstats, optarg); break;
		case O_DISTINCT: split_add(&o.distinct, &o.ndistinct, optarg); break;
		case O_HIST: {
			const char *colon = strrchr(optarg, ':');
			if (!colon || colon == optarg || !colon[1])
				ni_usage_error(&d, "invalid --hist '%s' (FIELD:EDGE,EDGE...)", optarg);
			ni_hist h = { ni_xstrndup(optarg, (size_t)(colon - optarg)), NULL, 0 };
			char **edges = NULL;
			int ne = 0;
			split_add(&edges, &ne, colon + 1);
			h.edges = ni_xcalloc((size_t)ne + 1, sizeof *h.edges);
			for (int i = 0; i < ne; i++) {
				char *end;
				h.edges[i] = strtod(edges[i], &end);
				if (*end || end == edges[i] || (i && h.edges[i] <= h.edges[i - 1]))
					ni_usage_error(&d, "invalid --hist edges '%s' (increasing numbers)", colon + 1);
				free(edges[i]);
			}
			free(edges);
			h.n = ne;
			o.hist = ni_xrealloc(o.hist, (size_t)(o.nhist + 1) * sizeof *o.hist);
			o.hist[o.nhist++] = h;
			break;
		}
		case O_TOP: o.top = (int)ni_opt_num(&d, "top", optarg, 1, 1000000000); break;
		case O_ITEMS: o.items = (int)ni_opt_num(&d, "items", optarg, 0, 10000); break;
		case O_RANK: split_add(&ranks, &nranks, optarg); break;
		case O_TREND:
			if (!strcmp(optarg, "day"))
				o.trend_ms = 86400000LL;
			else if (!strcmp(optarg, "week"))
				o.trend_ms = 7 * 86400000LL;
			else if (!strcmp(optarg, "month"))
				o.trend_ms = 30 * 86400000LL;
			else if (ni_duration_parse(optarg, &o.trend_ms))
				ni_usage_error(&d, "invalid --trend '%s' (7d, 12h, week, month)", optarg);
			o.trend_spec = optarg;
			break;
		case O_SORT:
			if (!strcmp(optarg, "count")) o.sort = 0;
			else if (!strcmp(optarg, "key")) o.sort = 1;
			else if (!strcmp(optarg, "change")) o.sort = 2;
			else ni_usage_error(&d, "invalid --sort '%s' (count, key or change)", optarg);
			break;
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
	if (o.sort == 2 && !o.trend_ms)
		ni_usage_error(&d, "--sort change needs --trend");
	if (!nby && o.items)
		ni_usage_error(&d, "--items attaches items to groups: it needs -b");
	if (!nby && o.top)
		ni_usage_error(&d, "--top keeps the largest groups: it needs -b");
	if (tz && !ni_tz_valid(tz))
		ni_usage_error(&d, "unknown time zone '%s' (UTC, Asia/Seoul...)", tz);
	if (ni_date_init(&dc, tz))
		ni_usage_error(&d, "NI_NOW is not an ISO 8601 timestamp: '%s'", getenv("NI_NOW"));
	dc.week_start = week_start;
	o.dc = &dc;
	o.by = ni_xcalloc((size_t)nby + 1, sizeof *o.by);
	for (int i = 0; i < nby; i++) {
		if (ni_keyspec_parse(by[i], &o.by[i]))
			ni_usage_error(&d, "invalid --by key '%s'", by[i]);
		for (int j = 0; j < i; j++)
			if (!strcmp(o.by[j].name, o.by[i].name))
				ni_usage_error(&d, "--by keys '%s' and '%s' would both be "
					       "named '%s'", o.by[j].spec, by[i], o.by[i].name);
		free(by[i]);
	}
	free(by);
	o.nby = nby;
	if (!nranks) {
		split_add(&ranks, &nranks, "confidence");
		split_add(&ranks, &nranks, "date_published");
	}
	o.rank = ranks;
	o.rank_asc = ni_xcalloc((size_t)nranks + 1, sizeof *o.rank_asc);
	for (int i = 0; i < nranks; i++) {
		char *colon = strrchr(ranks[i], ':');
		if (colon && (!strcmp(colon, ":asc") || !strcmp(colon, ":desc"))) {
			o.rank_asc[i] = !strcmp(colon, ":asc");
			*colon = 0;
		}
	}
	o.nrank = nranks;

	ni_agg *a = ni_agg_new(&o, &d);
	int full = ni_agg_run(a, &o, &d, argv + optind, argc - optind, max_line,
			      merge, jobs) != 0;
	if (full) {
		/* no partial result: a summary missing groups would mislead */
		ni_agg_free(a);
		exit(NI_EXIT_ERR);
	}
	ni_out out;
	ni_out_open(&out, &d, NULL);
	if (partial)
		ni_agg_write_partial(a, &out);
	else
		ni_agg_write(a, &out);
	ni_out_close(&out);
	ni_agg_free(a);
	for (int i = 0; i < nby; i++) {
		free(o.by[i].field);
		free(o.by[i].name);
		free(o.by[i].spec);
	}
	free(o.by);
	for (int i = 0; i < o.nstats; i++)
		free(o.stats[i]);
	free(o.stats);
	for (int i = 0; i < o.ndistinct; i++)
		free(o.distinct[i]);
	free(o.distinct);
	for (int i = 0; i < o.nhist; i++) {
		free(o.hist[i].field);
		free(o.hist[i].edges);
	}
	free(o.hist);
	for (int i = 0; i < nranks; i++)
		free(ranks[i]);
	free(ranks);
	free(o.rank_asc);
	return d.errors ? NI_EXIT_ERR : NI_EXIT_OK;
}
