/* ni-map - compute, set, rename and project fields of NDJSON records, one
 * record in, one changed record out (the language: man/ni-expr.7). */
#define _GNU_SOURCE
#include "ni.h"

#include <getopt.h>
#include <stdlib.h>

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

int main(int argc, char **argv)
{
	ni_diag d = { .prog = "ni-map" };
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
	ni_datectx dc;
	ni_mapopts o = { .dc = &dc, .max_line = NI_MAX_LINE };
	ni_fspec sp = {0};
	const char *tz = NULL;
	int week_start = 1, c;
	while ((c = getopt_long(argc, argv, "e:f:ij:vhV", lopts, NULL)) != -1) {
		switch (c) {
		case 'e': ni_fspec_add(&sp, 0, "-e", optarg); break;
		case 'f': ni_mapsrc_file(&d, &sp, optarg); break;
		case O_STRICT: o.strict = 1; break;
		case O_REJECTS: o.rejects = optarg; break;
		case 'i': o.icase = 1; break;
		case O_TZ: tz = optarg; break;
		case O_WEEKSTART: week_start = ni_opt_week_start(&d, optarg); break;
		case 'j': o.jobs = (int)ni_opt_num(&d, "jobs", optarg, 1, 64); break;
		case O_MAXLINE:
			o.max_line = (size_t)ni_opt_num(&d, "max-line", optarg, 1, 1LL << 40);
			break;
		case 'v': d.verbose = 1; break;
		default: ni_opt_common(&d, c, usage); break;
		}
	}
	ni_opt_dates(&d, &dc, tz, week_start);
	if (!sp.n) {
		if (optind >= argc)
			ni_usage_error(&d, "no program given");
		ni_fspec_add(&sp, 0, "program", argv[optind++]);
	}
	ni_opt_need_input(&d, argc - optind);
	int rc = ni_map_main(&o, &d, &sp, argv + optind, argc - optind);
	ni_fspec_free(&sp);
	return rc;
}
