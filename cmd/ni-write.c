/* ni-write - NDJSON records -> one Markdown item file per record. */
#define _GNU_SOURCE
#include "ni.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

enum { O_NOCLOBBER = 256, O_SCHEMA };
static const ni_optdef own[] = {
	{ "output", 'o', NI_ARG_REQUIRED },
	{ "name", 'N', NI_ARG_REQUIRED },
	{ "body", 'b', NI_ARG_REQUIRED },
	{ "no-clobber", O_NOCLOBBER, NI_ARG_NONE },
	{ "update", 'u', NI_ARG_NONE },
	{ "force", 'f', NI_ARG_NONE },
	{ "dry-run", 'n', NI_ARG_NONE },
	{ "check", 'c', NI_ARG_NONE },
	{ "schema", O_SCHEMA, NI_ARG_REQUIRED },
	{ 0, 0, 0 }
};

typedef struct cli {
	ni_write_opts o;
	const char *name, *schema;
	int dry, check;
} cli;

/* ni-write's own options (ni_opt_fn). */
static int option(void *ctx, ni_diag *d, int key, const char *arg)
{
	cli *C = ctx;
	ni_write_opts *o = &C->o;
	int w = 0, rc = 0;
	switch (key) {
	case 'o': o->dir = arg; break;
	case 'N': C->name = arg; break;
	case 'b':
		rc = ni_opt_choice(d, "body", arg, bodies, &w);
		o->body = w;
		break;
	case O_NOCLOBBER: o->mode = NI_DW_NOCLOBBER; break;
	case 'u': o->mode = NI_DW_UPDATE; break;
	case 'f': o->mode = NI_DW_FORCE; break;
	case 'n': C->dry = 1; break;
	case 'c': C->check = 1; break;
	case O_SCHEMA: C->schema = arg; C->check = 1; break;
	}
	return rc;
}

int main(int argc, char **argv)
{
	ni_diag d = { .prog = "ni-write" };
	ni_common c;
	cli C;
	memset(&C, 0, sizeof C);
	C.name = DEFAULT_NAME;
	C.o.body = NI_BODY_RECORD;
	C.o.mode = NI_DW_NOCLOBBER;
	/* --tz: the zone of {F|date:FMT} in file names (no --week-start) */
	const ni_cli spec = { usage, NI_OPT_TZ | NI_OPT_MAXLINE | NI_OPT_VERBOSE,
			      own, option, &C };
	int rc = ni_opts_parse(&spec, &d, &c, argc, argv, &optind);
	if (rc >= 0)
		return rc;
	ni_write_opts *o = &C.o;
	if (!o->dir || !*o->dir)
		return ni_usage(&d, "no output folder: give -o DIR");
	if ((rc = ni_opt_need_input(&d, argc - optind)) != 0)
		return rc;
	ni_tpl *tpl = ni_tpl_need(&d, "--name", C.name);
	if (!tpl)
		return NI_EXIT_ERR;
	o->name = tpl;
	o->dc = &c.dc;
	o->d = &d;

	ni_schema sch;
	if (!C.schema)
		ni_schema_items(&sch);
	else if (ni_schema_load(&d, C.schema, &sch)) {
		ni_tpl_free(tpl);
		return NI_EXIT_ERR;
	}
	o->check = C.check ? &sch : NULL;
	rc = ni_write_main(o, C.dry, c.max_line, argv + optind, argc - optind);
	ni_tpl_free(tpl);
	ni_schema_free(&sch);
	return rc;
}
