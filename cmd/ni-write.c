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
"      --tz ZONE        time zone for {F|date:FMT} (default UTC or $TZ)\n"
"  -v, --verbose        note skipped files; tally written/unchanged/skipped\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"Each file is written atomically; two records with one name are an error.\n"
"Exit status: 0 ok, 2 error (bad line, refused name, write error).\n"
"Example: ni-parse content/daily | ni-filter --since 7d | ni-write -o out\n";

int main(int argc, char **argv)
{
	enum { O_NOCLOBBER = 256, O_TZ, O_MAXLINE };
	static const struct option lopts[] = {
		{ "output", required_argument, 0, 'o' },
		{ "name", required_argument, 0, 'N' },
		{ "body", required_argument, 0, 'b' },
		{ "no-clobber", no_argument, 0, O_NOCLOBBER },
		{ "update", no_argument, 0, 'u' },
		{ "force", no_argument, 0, 'f' },
		{ "dry-run", no_argument, 0, 'n' },
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
	const char *name = DEFAULT_NAME, *tz = NULL;
	size_t max_line = NI_MAX_LINE;
	int dry = 0, c;

	memset(&o, 0, sizeof o);
	o.body = NI_BODY_RECORD;
	o.mode = NI_DW_NOCLOBBER;
	while ((c = getopt_long(argc, argv, "o:N:b:ufnvhV", lopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.dir = optarg; break;
		case 'N': name = optarg; break;
		case 'b':
			if (!strcmp(optarg, "none"))
				o.body = NI_BODY_NONE;
			else if (!strcmp(optarg, "record"))
				o.body = NI_BODY_RECORD;
			else if (!strcmp(optarg, "generate"))
				o.body = NI_BODY_GENERATE;
			else
				ni_usage_error(&d, "invalid --body '%s' (none, record, generate)", optarg);
			break;
		case O_NOCLOBBER: o.mode = NI_DW_NOCLOBBER; break;
		case 'u': o.mode = NI_DW_UPDATE; break;
		case 'f': o.mode = NI_DW_FORCE; break;
		case 'n': dry = 1; break;
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
	if (ni_date_init(&dc, tz))
		ni_usage_error(&d, "NI_NOW is not an ISO 8601 timestamp: '%s'", getenv("NI_NOW"));
	char err[200];
	size_t col;
	ni_tpl *tpl = ni_tpl_parse(name, err, sizeof err, &col);
	if (!tpl) {
		ni_error(&d, "--name:%zu: %s", col, err);
		fprintf(stderr, "  %s\n  %*s^\n", name, (int)(col > 0 ? col - 1 : 0), "");
		return NI_EXIT_ERR;
	}
	o.name = tpl;
	o.dc = &dc;
	o.d = &d;

	ni_out out;
	ni_out_open(&out, &d, NULL);
	ni_writer *w = ni_writer_new(&o, dry ? &out : NULL);
	if (!w) {
		ni_tpl_free(tpl);
		return NI_EXIT_ERR;
	}
	ni_lines in;
	ni_lines_init(&in, &d, argv + optind, argc - optind);
	in.max_line = max_line;
	static ni_jidx idx;
	const char *ln;
	long n;
	unsigned long records = 0, bad = 0;
	while ((n = ni_lines_next(&in, &ln)) >= 0) {
		const char *jerr;
		records++;
		if (ni_json_check(ln, (size_t)n, NI_MAX_DEPTH, &idx, &jerr, &col)) {
			ni_error_at(&d, in.name, in.lineno, col, "%s", jerr);
			bad++;
			continue;
		}
		if (ni_writer_record(w, ln, (size_t)n, &idx, in.name, in.lineno) == -2) {
			ni_error(&d, "stopped at %s:%lu: nothing more can be written",
				 in.name, in.lineno);
			break;
		}
	}
	ni_lines_free(&in);
	unsigned long t[NI_DW_NTALLY];
	ni_writer_end(w, t);
	if (d.verbose)
		fprintf(stderr, "ni-write: %lu records: %lu %s, %lu unchanged, "
			"%lu skipped, %lu refused\n", records, t[NI_DW_WRITTEN],
			dry ? "would be written" : "written", t[NI_DW_UNCHANGED],
			t[NI_DW_SKIPPED], t[NI_DW_ERRORS] + bad);
	ni_out_close(&out);
	ni_tpl_free(tpl);
	return d.errors ? NI_EXIT_ERR : NI_EXIT_OK;
}
