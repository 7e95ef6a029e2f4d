/* ni-filter - select NDJSON records by field expressions (grep for digests). */
#define _GNU_SOURCE
#include "ni.h"

#include <getopt.h>
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

int main(int argc, char **argv)
{
	ni_diag d = { .prog = "ni-filter" };
	ni_datectx dc;
	ni_filter_opts o = { .dc = &dc, .explain = -1, .max_count = -1,
			     .near_t = 0.8, .max_line = NI_MAX_LINE };
	ni_fsel s;
	ni_fsel_init(&s, argc);
	const char *tz = NULL;
	int selecting = 0, week_start = 1, c;
	while ((c = getopt_long(argc, argv, "e:f:t:s:g:ivcqm:Hj:hV", lopts, NULL)) != -1) {
		switch (c) {
		case 'e': ni_fsel_expr(&s, "-e:1", optarg); selecting = 1; break;
		case 'f': s.efiles[s.nefiles++] = optarg; selecting = 1; break;
		case 't': s.tags[s.ntags++] = optarg; selecting = 1; break;
		case 's': s.srcs[s.nsrcs++] = optarg; selecting = 1; break;
		case 'g': s.greps[s.ngreps++] = optarg; selecting = 1; break;
		case O_SINCE: s.since = optarg; selecting = 1; break;
		case O_UNTIL: s.until = optarg; selecting = 1; break;
		case O_DATEFIELD: s.datefield = optarg; break;
		case O_MINCONF: s.minconf = optarg; selecting = 1; break;
		case 'i': o.icase = 1; break;
		case 'v': o.invert = 1; break;
		case 'c': o.count = 1; break;
		case 'q': o.quiet = 1; break;
		case 'm': o.max_count = ni_opt_num(&d, "max-count", optarg, 0, LLONG_MAX); break;
		case 'H': o.with_path = 1; break;
		case O_EXPLAIN:
			if (!optarg)
				o.explain = 0;
			else if ((o.explain = ni_parse_size(optarg)) < 1)
				ni_usage_error(&d, "invalid --explain '%s'", optarg);
			break;
		case O_UNIQ: o.uniq = optarg; selecting = 1; break;
		case O_NEAR: ni_filter_near_opt(&d, optarg, &o); selecting = 1; break;
		case O_UNSEEN: o.unseen = optarg; selecting = 1; break;
		case O_MARK: o.mark = optarg; selecting = 1; break;
		case O_KEY: o.key = optarg; break;
		case O_EXPIRE:
			if (ni_duration_parse(optarg, &o.expire))
				ni_usage_error(&d, "invalid --expire '%s' (e.g. 90d)", optarg);
			break;
		case O_REJECTS: o.rejects = optarg; break;
		case O_MAXLINE:
			o.max_line = (size_t)ni_opt_num(&d, "max-line", optarg, 1, 1LL << 40);
			break;
		case O_TZ: tz = optarg; break;
		case O_WEEKSTART: week_start = ni_opt_week_start(&d, optarg); break;
		case 'j': o.jobs = (int)ni_opt_num(&d, "jobs", optarg, 1, 64); break;
		default: ni_opt_common(&d, c, usage); break;
		}
	}
	ni_opt_dates(&d, &dc, tz, week_start);
	if (!selecting) {
		if (optind >= argc) {
			if (isatty(0))
				ni_usage_error(&d, "no expression given");
		} else {
			ni_fsel_expr(&s, "expression:1", argv[optind++]);
		}
	}
	ni_opt_need_input(&d, argc - optind);
	ni_fspec sp = {0};
	ni_fsel_spec(&d, &dc, &s, &sp);
	int rc = ni_filter_run(&o, &d, &sp, argv + optind, argc - optind);
	ni_fspec_free(&sp);
	ni_fsel_free(&s);
	return rc;
}
