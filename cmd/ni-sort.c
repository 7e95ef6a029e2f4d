/* ni-sort - order NDJSON records by fields; the first N overall or per
 * group; merge sorted inputs; check order. */
#define _GNU_SOURCE
#include "ni.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
"Usage: ni-sort [OPTIONS] [FILE...]\n"
"Write the NDJSON records, unchanged, in the order of their fields.\n"
"\n"
"  -k, --key F[:asc|desc][,...]  sort keys (also -F for F:desc); repeatable\n"
"  -r, --reverse          reverse the whole order\n"
"  -i, --ignore-case      compare strings after Unicode case folding\n"
"      --missing first|last  where missing/null values go (default last)\n"
"      --tz ZONE          where a date-only value's day begins (default UTC)\n"
"  -n, --head N           only the first N records (a bounded heap)\n"
"  -g, --group F[,F...]   with -n: the first N of each group\n"
"      --explode          an array group value is one group per element\n"
"      --group-order      write each group's records together\n"
"  -u, --unique F         keep the first record for each value of F\n"
"  -m, --merge            merge inputs that are each sorted already\n"
"  -c, --check            is the input sorted? (exit 1 at the first disorder)\n"
"  -S, --buffer-size SIZE memory for sorting (default 256M), then temp files\n"
"  -T, --temporary-directory DIR   for temp files (default $TMPDIR, /tmp)\n"
"  -j, --jobs N           threads (default: cores, at most 4)\n"
"      --rejects FILE     keep invalid lines;  --max-line N (default 16M)\n"
"  -v, --verbose          notes on stderr\n"
"  -h, --help, -V, --version\n"
"\n"
"Exit status: 0 ok, 1 not sorted (-c), 2 error (bad lines are reported).\n"
"Example: ni-sort -g source_id -k date_published:desc -n 5 items.ndjson\n";

static const char *const missing[] = { "first", "last", NULL };

int main(int argc, char **argv)
{
	ni_diag d = { "ni-sort", 0, 0 };
	ni_datectx dc;
	ni_sortspec spec = {0};
	ni_sort_cfg c = {0};
	enum { O_MISSING = 256, O_TZ, O_EXPLODE, O_GORDER, O_REJECTS, O_MAXLINE };
	static const struct option lopts[] = {
		{ "key", required_argument, 0, 'k' },
		{ "reverse", no_argument, 0, 'r' },
		{ "ignore-case", no_argument, 0, 'i' },
		{ "missing", required_argument, 0, O_MISSING },
		{ "tz", required_argument, 0, O_TZ },
		{ "head", required_argument, 0, 'n' },
		{ "group", required_argument, 0, 'g' },
		{ "explode", no_argument, 0, O_EXPLODE },
		{ "group-order", no_argument, 0, O_GORDER },
		{ "unique", required_argument, 0, 'u' },
		{ "merge", no_argument, 0, 'm' },
		{ "check", no_argument, 0, 'c' },
		{ "buffer-size", required_argument, 0, 'S' },
		{ "temporary-directory", required_argument, 0, 'T' },
		{ "jobs", required_argument, 0, 'j' },
		{ "rejects", required_argument, 0, O_REJECTS },
		{ "max-line", required_argument, 0, O_MAXLINE },
		{ "verbose", no_argument, 0, 'v' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 }
	};
	const char *tz = NULL;
	int opt, sized = 0;
	char err[300];
	c.d = &d;
	c.spec = &spec;
	c.head = -1;
	c.buffer = 256u << 20;
	c.max_line = NI_MAX_LINE;
	while ((opt = getopt_long(argc, argv, "k:rin:g:u:mcS:T:j:vhV", lopts, NULL)) != -1) {
		switch (opt) {
		case 'k':
			if (ni_sortspec_add(&spec, optarg, err, sizeof err))
				ni_usage_error(&d, "-k %s: %s", optarg, err);
			break;
		case 'r': spec.reverse = 1; break;
		case 'i': spec.icase = 1; break;
		case O_MISSING:
			spec.missing_first = !ni_opt_word(&d, "missing", optarg, missing);
			break;
		case O_TZ: tz = optarg; break;
		case 'n': c.head = ni_opt_num(&d, "head", optarg, 0, LLONG_MAX / 8); break;
		case 'g': ni_opt_words(&c.group, &c.ngroup, optarg, 1); break;
		case O_EXPLODE: c.explode = 1; break;
		case O_GORDER: c.group_order = 1; break;
		case 'u': c.unique = optarg; break;
		case 'm': c.merge = 1; break;
		case 'c': c.check = 1; break;
		case 'S':
			c.buffer = (size_t)ni_opt_num(&d, "buffer-size", optarg, 1LL << 20, 1LL << 50);
			sized = 1;
			break;
		case 'T': c.tmpdir = optarg; sized = 1; break;
		case 'j': c.jobs = (int)ni_opt_num(&d, "jobs", optarg, 1, 64); break;
		case O_REJECTS: c.rejects = optarg; break;
		case O_MAXLINE:
			/* run files store lengths in 32 bits */
			c.max_line = (size_t)ni_opt_num(&d, "max-line", optarg, 1, 1LL << 31);
			break;
		case 'v': d.verbose = 1; break;
		default: ni_opt_common(&d, opt, usage); break;
		}
	}
	ni_sort_cfg_check(&c, sized);
	ni_opt_dates(&d, &dc, tz, 1);
	spec.dc = &dc;
	ni_opt_need_input(&d, argc - optind);
	int rc = ni_sort_main(&c, argv + optind, argc - optind);
	ni_sortspec_free(&spec);
	for (int i = 0; i < c.ngroup; i++)
		free(c.group[i]);
	free(c.group);
	return rc;
}
