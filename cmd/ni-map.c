/* ni-map - compute, set, rename and project fields of NDJSON records, one
 * record in, one changed record out (the language: man/ni-expr.7). */
#define _GNU_SOURCE
#include "ni.h"

#include <stdlib.h>
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

enum { O_STRICT = 256 };
static const ni_optdef own[] = {
	{ "expression", 'e', NI_ARG_REQUIRED },
	{ "file", 'f', NI_ARG_REQUIRED },
	{ "strict", O_STRICT, NI_ARG_NONE },
	{ "ignore-case", 'i', NI_ARG_NONE },
	{ 0, 0, 0 }
};

typedef struct cli {
	ni_mapopts o;
	ni_fspec sp;
} cli;

/* ni-map's own options (ni_opt_fn). */
static int option(void *ctx, ni_diag *d, int key, const char *arg)
{
	cli *C = ctx;
	switch (key) {
	case 'e': ni_fspec_add(&C->sp, 0, "-e", arg); break;
	case 'f': return ni_mapsrc_file(d, &C->sp, arg);
	case O_STRICT: C->o.strict = 1; break;
	case 'i': C->o.icase = 1; break;
	}
	return 0;
}

int main(int argc, char **argv)
{
	ni_diag d = { .prog = "ni-map" };
	ni_common c;
	cli C = { .o = { 0 } };
	const ni_cli spec = { usage, NI_OPT_JOBS | NI_OPT_TZ | NI_OPT_WEEK |
			      NI_OPT_MAXLINE | NI_OPT_REJECTS | NI_OPT_VERBOSE,
			      own, option, &C };
	int rc = ni_opts_parse(&spec, &d, &c, argc, argv, &optind);
	if (rc >= 0) {
		ni_fspec_free(&C.sp);
		return rc;
	}
	C.o.dc = &c.dc;
	C.o.jobs = c.jobs;
	C.o.rejects = c.rejects;
	C.o.max_line = c.max_line;
	if (!C.sp.n && optind >= argc) {
		rc = ni_usage(&d, "no program given");
	} else {
		if (!C.sp.n)
			ni_fspec_add(&C.sp, 0, "program", argv[optind++]);
		rc = ni_opt_need_input(&d, argc - optind);
		if (rc == 0)
			rc = ni_map_main(&C.o, &d, &C.sp, argv + optind,
					 argc - optind);
	}
	ni_fspec_free(&C.sp);
	return rc;
}
