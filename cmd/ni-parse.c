/* ni-parse - Markdown documents with YAML front matter -> NDJSON records. */
#define _GNU_SOURCE
#include "ni.h"

#include <stdlib.h>
#include <unistd.h>

static const char usage[] =
"Usage: ni-parse [OPTIONS] [PATH...]\n"
"Turn Markdown news items with YAML front matter into NDJSON, one record\n"
"per line.  PATH is a file, a folder (searched for *.md, *.markdown) or -\n"
"for one document on standard input.\n"
"\n"
"  -b, --body            add the body (_body) and its lang blocks (_body_XX)\n"
"  -c, --check           check the news-item schema: errors drop the item,\n"
"                        warnings (tags, long summary_ko, confidence, id) do not\n"
"      --schema FILE     check against FILE's rules instead (implies -c)\n"
"      --strict          warnings are errors; stop at the first bad document\n"
"  -q, --quiet           no warning summary (errors are still printed)\n"
"      --rejects FILE    write one NDJSON line per failed document to FILE\n"
"      --files-from FILE read paths from FILE (- = stdin), one per line\n"
"  -0, --null            --files-from paths are NUL-separated\n"
"  -j, --jobs N          parse with N threads (default: processors, at most 4;\n"
"                        output order unchanged)\n"
"      --max-size BYTES  front matter size limit (default 1M)\n"
"      --max-depth N     nesting limit (default 64)\n"
"      --max-aliases N   YAML alias limit (default 100)\n"
"      --fields          list the record keys ni adds and the item keys\n"
"      --sfeed           read sfeed(5) TSV feeds instead (--source ID)\n"
"  -v, --verbose         each warning; a tally; files without front matter\n"
"      --progress        progress on stderr even when it is not a terminal\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"Exit status: 0 all documents parsed, 2 any error.\n"
"Example: ni-parse content/daily | ni-filter 'tags = llm' | ni-render\n";

enum { O_STRICT = 256, O_FILES_FROM, O_MAXSIZE, O_MAXDEPTH, O_MAXALIAS,
       O_FIELDS, O_PROGRESS, O_SCHEMA, O_SFEED, O_SOURCE };
static const ni_optdef own[] = {
	{ "body", 'b', NI_ARG_NONE },
	{ "check", 'c', NI_ARG_NONE },
	{ "strict", O_STRICT, NI_ARG_NONE },
	{ "files-from", O_FILES_FROM, NI_ARG_REQUIRED },
	{ "null", '0', NI_ARG_NONE },
	{ "max-size", O_MAXSIZE, NI_ARG_REQUIRED },
	{ "max-depth", O_MAXDEPTH, NI_ARG_REQUIRED },
	{ "max-aliases", O_MAXALIAS, NI_ARG_REQUIRED },
	{ "fields", O_FIELDS, NI_ARG_NONE },
	{ "schema", O_SCHEMA, NI_ARG_REQUIRED },
	{ "progress", O_PROGRESS, NI_ARG_NONE },
	{ "sfeed", O_SFEED, NI_ARG_NONE },
	{ "source", O_SOURCE, NI_ARG_REQUIRED },
	{ 0, 0, 0 }
};

typedef struct cli {
	ni_parse_opts po;
	ni_sfeed_opts so;
	const char *schema;
	int fields, sfeed;
} cli;

/* ni-parse's own options (ni_opt_fn). */
static int option(void *ctx, ni_diag *d, int key, const char *arg)
{
	cli *C = ctx;
	ni_parse_opts *po = &C->po;
	long long v = 0;
	int rc = 0;
	switch (key) {
	case 'b': po->io.body = 1; break;
	case 'c': po->io.check = 1; break;
	case O_STRICT: po->strict = 1; break;
	case O_FILES_FROM: po->files_from = arg; break;
	case '0': po->nul = 1; break;
	case O_MAXSIZE:
		rc = ni_opt_number(d, "max-size", arg, 1, NI_MAX_DOC_SIZE, &v);
		po->io.max_fm = (size_t)v;
		break;
	case O_MAXDEPTH:
		rc = ni_opt_number(d, "max-depth", arg, 1, 1000, &v);
		po->io.yaml.max_depth = (int)v;
		break;
	case O_MAXALIAS:
		rc = ni_opt_number(d, "max-aliases", arg, 0, 1000000, &v);
		po->io.yaml.max_aliases = (int)v;
		break;
	case O_FIELDS: C->fields = 1; break;
	case O_SCHEMA: C->schema = arg; po->io.check = 1; break;
	case O_PROGRESS: po->progress = 1; break;
	case O_SFEED: C->sfeed = 1; break;
	case O_SOURCE: C->so.source = arg; break;
	}
	return rc;
}

int main(int argc, char **argv)
{
	ni_diag d = { .prog = "ni-parse" };
	ni_common c;
	cli C = { .po = { .jobs = 0, .progress = -1,
		.io = { .max_doc = NI_MAX_DOC_SIZE, .max_fm = NI_MAX_FM_SIZE,
			.yaml = { .max_depth = NI_MAX_DEPTH,
				  .max_aliases = NI_MAX_ALIASES } } } };
	const ni_cli spec = { usage, NI_OPT_JOBS | NI_OPT_REJECTS | NI_OPT_VERBOSE |
			      NI_OPT_QUIET,
			      own, option, &C };
	int rc = ni_opts_parse(&spec, &d, &c, argc, argv, &optind);
	if (rc >= 0)
		return rc;
	ni_parse_opts *po = &C.po;
	po->jobs = c.jobs;
	po->rejects = c.rejects;
	po->quiet = c.quiet;
	if (C.so.source && !C.sfeed)
		return ni_usage(&d, "--source applies only to --sfeed");
	if (!C.fields && !C.sfeed && !po->files_from &&
	    (rc = ni_opt_need_input(&d, argc - optind)) != 0)
		return rc;
	ni_schema sch;
	if (!C.schema)
		ni_schema_items(&sch);
	else if (ni_schema_load(&d, C.schema, &sch))
		return NI_EXIT_ERR;
	po->io.schema = &sch;
	if (C.fields)
		rc = ni_schema_print_fields(&d, &sch);
	else if (C.sfeed)
		rc = ni_sfeed_main(&C.so, po, &d, argv + optind, argc - optind);
	else
		rc = ni_parse_run(po, &d, argv + optind, argc - optind, NULL);
	if (C.schema)
		ni_schema_free(&sch);
	return rc;
}
