/* ni-write - NDJSON records -> one Markdown item file per record. */
#define _GNU_SOURCE
#include "ni.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_NAME "{date_published}__{source_id}__{slug}.md"

static const char usage[] =
"Usage: ni-write [OPTIONS] -o DIR [FILE...]\n"
"Write each record (NDJSON) as an item file: YAML front matter and body.\n"
"\n"
"  -o, --output DIR     the folder (created when missing)\n"
"  -N, --name TEMPLATE  file names, in ni-render's template language\n"
"                       (default " DEFAULT_NAME ")\n"
"  -b, --body MODE      record: the record's _body, else generated (default)\n"
"                       generate: from summary_ko, summary_en, key_points\n"
"                       none: front matter only\n"
"      --no-clobber     leave existing files alone (default)\n"
"  -u, --update         replace existing files whose content differs\n"
"  -f, --force          replace existing files\n"
"  -n, --dry-run        print the paths that would be written\n"
"  -c, --check          refuse a record that ni-parse --check would reject\n"
"                       (a required field missing or empty, a bad date\n"
"                       or link...): reported, not written, exit 2;\n"
"                       warnings are noted and the record written\n"
"      --schema FILE    check against FILE's rules instead (implies -c)\n"
"      --tz ZONE        time zone for {F|date:FMT} (default UTC or $TZ)\n"
"  -v, --verbose        note skipped files; tally written/unchanged/skipped\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"Each file is written atomically; two records with one name are an error.\n"
"Exit status: 0 ok, 2 error (bad line, refused name or record, write error).\n"
"Example: ni-parse content/daily | ni-filter --since 7d | ni-write -o out\n";

/* --body words, in the order of NI_BODY_* */
static const char *const bodies[] = { "none", "record", "generate", NULL };

int main(int argc, char **argv)
{
	enum { O_NOCLOBBER = 256, O_TZ, O_MAXLINE, O_SCHEMA };
	static const struct option lopts[] = {
		{ "output", required_argument, 0, 'o' },
		{ "name", required_argument, 0, 'N' },
		{ "body", required_argument, 0, 'b' },
		{ "no-clobber", no_argument, 0, O_NOCLOBBER },
		{ "update", no_argument, 0, 'u' },
		{ "force", no_argument, 0, 'f' },
		{ "dry-run", no_argument, 0, 'n' },
		{ "check", no_argument, 0, 'c' },
		{ "schema", required_argument, 0, O_SCHEMA },
		{ "tz", required_argument, 0, O_TZ },
		{ "max-line", required_argument, 0, O_MAXLINE },
		{ "verbose", no_argument, 0, 'v' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 }
	};
	ni_diag d = { "ni-write", 0, 0 };
	ni_write_opts o;
	ni_datectx dc;
	const char *name = DEFAULT_NAME, *tz = NULL, *schema = NULL;
	size_t max_line = NI_MAX_LINE;
	int dry = 0, check = 0, c;
	ni_schema sch;

	memset(&o, 0, sizeof o);
	o.body = NI_BODY_RECORD;
	o.mode = NI_DW_NOCLOBBER;
	while ((c = getopt_long(argc, argv, "o:N:b:ufncvhV", lopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.dir = optarg; break;
		case 'N': name = optarg; break;
		case 'b': o.body = ni_opt_word(&d, "body", optarg, bodies); break;
		case O_NOCLOBBER: o.mode = NI_DW_NOCLOBBER; break;
		case 'u': o.mode = NI_DW_UPDATE; break;
		case 'f': o.mode = NI_DW_FORCE; break;
		case 'n': dry = 1; break;
		case 'c': check = 1; break;
		case O_SCHEMA: schema = optarg; check = 1; break;
		case O_TZ: tz = optarg; break;
		case O_MAXLINE:
			max_line = (size_t)ni_opt_num(&d, "max-line", optarg, 1, 1LL << 40);
			break;
		case 'v': d.verbose = 1; break;
		default: ni_opt_common(&d, c, usage); break;
		}
	}
	if (!o.dir || !*o.dir)
		ni_usage_error(&d, "no output folder: give -o DIR");
	ni_opt_need_input(&d, argc - optind);
	ni_opt_dates(&d, &dc, tz, 1);
	ni_tpl *tpl = ni_tpl_need(&d, "--name", name);
	o.name = tpl;
	if (schema)
		ni_schema_load(&d, schema, &sch);
	else
		ni_schema_items(&sch);
	o.check = check ? &sch : NULL;
	o.dc = &dc;
	o.d = &d;

	int rc = ni_write_main(&o, dry, max_line, argv + optind, argc - optind);
	ni_tpl_free(tpl);
	ni_schema_free(&sch);
	return rc;
}
