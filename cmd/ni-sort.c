/* ni-sort - order NDJSON records by fields; the first N overall or per
 * group; merge sorted inputs; check order. */
#define _GNU_SOURCE
#include "ni.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

enum { O_MISSING = 256, O_EXPLODE, O_GORDER };
static const ni_optdef own[] = {
	{ "key", 'k', NI_ARG_REQUIRED },
	{ "reverse", 'r', NI_ARG_NONE },
	{ "ignore-case", 'i', NI_ARG_NONE },
	{ "missing", O_MISSING, NI_ARG_REQUIRED },
	{ "head", 'n', NI_ARG_REQUIRED },
	{ "group", 'g', NI_ARG_REQUIRED },
	{ "explode", O_EXPLODE, NI_ARG_NONE },
	{ "group-order", O_GORDER, NI_ARG_NONE },
	{ "unique", 'u', NI_ARG_REQUIRED },
	{ "merge", 'm', NI_ARG_NONE },
	{ "check", 'c', NI_ARG_NONE },
	{ "buffer-size", 'S', NI_ARG_REQUIRED },
	{ "temporary-directory", 'T', NI_ARG_REQUIRED },
	{ 0, 0, 0 }
};

typedef struct cli {
	ni_sortspec spec;
	ni_sort_cfg c;
	int sized;
} cli;

/* ni-sort's own options (ni_opt_fn). */
static int option(void *ctx, ni_diag *d, int key, const char *arg)
{
	cli *C = ctx;
	ni_sort_cfg *c = &C->c;
	char err[300];
	long long v = 0;
	int rc = 0, w = 0;
	switch (key) {
	case 'k':
		if (ni_sortspec_add(&C->spec, arg, err, sizeof err))
			rc = ni_usage(d, "-k %s: %s", arg, err);
		break;
	case 'r': C->spec.reverse = 1; break;
	case 'i': C->spec.icase = 1; break;
	case O_MISSING:
		rc = ni_opt_choice(d, "missing", arg, missing, &w);
		C->spec.missing_first = !w;
		break;
	case 'n':
		rc = ni_opt_number(d, "head", arg, 0, LLONG_MAX / 8, &v);
		c->head = v;
		break;
	case 'g': ni_opt_words(&c->group, &c->ngroup, arg, 1); break;
	case O_EXPLODE: c->explode = 1; break;
	case O_GORDER: c->group_order = 1; break;
	case 'u': c->unique = arg; break;
	case 'm': c->merge = 1; break;
	case 'c': c->check = 1; break;
	case 'S':
		rc = ni_opt_number(d, "buffer-size", arg, 1LL << 20, 1LL << 50, &v);
		c->buffer = (size_t)v;
		C->sized = 1;
		break;
	case 'T': c->tmpdir = arg; C->sized = 1; break;
	}
	return rc;
}

int main(int argc, char **argv)
{
	ni_diag d = { .prog = "ni-sort" };
	ni_common com;
	cli C = { .c = { .head = -1, .buffer = 256u << 20 } };
	ni_sort_cfg *c = &C.c;
	c->d = &d;
	c->spec = &C.spec;
	/* --tz: where a date-only value's day begins (no --week-start) */
	const ni_cli spec = { usage, NI_OPT_JOBS | NI_OPT_TZ | NI_OPT_MAXLINE |
			      NI_OPT_REJECTS | NI_OPT_VERBOSE, own, option, &C };
	int rc = ni_opts_parse(&spec, &d, &com, argc, argv, &optind);
	if (rc < 0) {
		c->jobs = com.jobs;
		c->rejects = com.rejects;
		c->max_line = com.max_line;   /* run files store lengths in 32 bits */
		C.spec.dc = &com.dc;
		rc = ni_sort_cfg_check(c, C.sized);
		if (rc == 0)
			rc = ni_opt_need_input(&d, argc - optind);
		if (rc == 0)
			rc = ni_sort_main(c, argv + optind, argc - optind);
	}
	ni_sortspec_free(&C.spec);
	for (int i = 0; i < c->ngroup; i++)
		free(c->group[i]);
	free(c->group);
	return rc;
}
