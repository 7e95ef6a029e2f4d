/* ni-parse - Markdown documents with YAML front matter -> NDJSON records. */
#define _GNU_SOURCE
#include "ni.h"

#include <getopt.h>
#include <stdlib.h>

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

int main(int argc, char **argv)
{
	enum { O_STRICT = 256, O_REJECTS, O_FILES_FROM, O_MAXSIZE, O_MAXDEPTH,
	       O_MAXALIAS, O_FIELDS, O_PROGRESS, O_SCHEMA, O_SFEED, O_SOURCE };
	static const struct option lopts[] = {
		{ "body", no_argument, 0, 'b' },
		{ "check", no_argument, 0, 'c' },
		{ "strict", no_argument, 0, O_STRICT },
		{ "rejects", required_argument, 0, O_REJECTS },
		{ "files-from", required_argument, 0, O_FILES_FROM },
		{ "null", no_argument, 0, '0' },
		{ "jobs", required_argument, 0, 'j' },
		{ "max-size", required_argument, 0, O_MAXSIZE },
		{ "max-depth", required_argument, 0, O_MAXDEPTH },
		{ "max-aliases", required_argument, 0, O_MAXALIAS },
		{ "fields", no_argument, 0, O_FIELDS },
		{ "schema", required_argument, 0, O_SCHEMA },
		{ "verbose", no_argument, 0, 'v' },
		{ "quiet", no_argument, 0, 'q' },
		{ "progress", no_argument, 0, O_PROGRESS },
		{ "sfeed", no_argument, 0, O_SFEED },
		{ "source", required_argument, 0, O_SOURCE },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 }
	};
	ni_diag d = { .prog = "ni-parse" };
	ni_parse_opts po = { .jobs = 0, .progress = -1,
		.io = { .max_doc = NI_MAX_DOC_SIZE, .max_fm = NI_MAX_FM_SIZE,
			.yaml = { .max_depth = NI_MAX_DEPTH,
				  .max_aliases = NI_MAX_ALIASES } } };
	const char *schema = NULL;
	int fields = 0, c, sfeed = 0;
	ni_sfeed_opts so = {0};
	while ((c = getopt_long(argc, argv, "bc0j:qvhV", lopts, NULL)) != -1) {
		switch (c) {
		case 'b': po.io.body = 1; break;
		case 'c': po.io.check = 1; break;
		case O_STRICT: po.strict = 1; break;
		case O_REJECTS: po.rejects = optarg; break;
		case O_FILES_FROM: po.files_from = optarg; break;
		case '0': po.nul = 1; break;
		case 'j': po.jobs = (int)ni_opt_num(&d, "jobs", optarg, 1, 256); break;
		case O_MAXSIZE:
			po.io.max_fm = (size_t)ni_opt_num(&d, "max-size", optarg, 1, NI_MAX_DOC_SIZE);
			break;
		case O_MAXDEPTH:
			po.io.yaml.max_depth = (int)ni_opt_num(&d, "max-depth", optarg, 1, 1000);
			break;
		case O_MAXALIAS:
			po.io.yaml.max_aliases = (int)ni_opt_num(&d, "max-aliases", optarg, 0, 1000000);
			break;
		case O_FIELDS: fields = 1; break;
		case O_SCHEMA: schema = optarg; po.io.check = 1; break;
		case 'v': d.verbose = 1; break;
		case 'q': po.quiet = 1; break;
		case O_PROGRESS: po.progress = 1; break;
		case O_SFEED: sfeed = 1; break;
		case O_SOURCE: so.source = optarg; break;
		default: ni_opt_common(&d, c, usage); break;
		}
	}
	ni_schema sch;
	if (schema)
		ni_schema_load(&d, schema, &sch);
	else
		ni_schema_items(&sch);
	po.io.schema = &sch;
	if (so.source && !sfeed)
		ni_usage_error(&d, "--source applies only to --sfeed");
	if (!fields && !sfeed && !po.files_from)
		ni_opt_need_input(&d, argc - optind);
	int rc = NI_EXIT_OK;
	if (fields)
		rc = ni_schema_print_fields(&d, &sch);
	else if (sfeed)
		rc = ni_sfeed_main(&so, &po, &d, argv + optind, argc - optind);
	else
		rc = ni_parse_run(&po, &d, argv + optind, argc - optind, NULL);
	if (schema)
		ni_schema_free(&sch);
	return rc;
}
