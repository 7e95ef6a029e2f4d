/* ni-render - NDJSON records -> documents people read. */
#define _GNU_SOURCE
#include "ni.h"

#include <unistd.h>

static const char usage[] =
"Usage: ni-render [OPTIONS] [FILE...]\n"
"Render item and summary records (NDJSON) as one document.\n"
"\n"
"  -f, --format FMT     text (default), md, html, atom, rss, email, csv, tsv,\n"
"                       json, svg, sfeed (sfeed(5) TSV)\n"
"  -l, --lang ko|en     localized fields: F_ko/F_en when present, else F\n"
"  -F, --fmt TEMPLATE   one line per record: '{date_published} {title:~60}'\n"
"  -T, --template FILE  a document template (header, {#item}...{/item}, footer)\n"
"  -o, --output FILE    write FILE atomically (temporary file, fsync, rename);\n"
"                       with {FIELD}s, one file per distinct path\n"
"      --title TEXT     the document's title\n"
"      --limit N        at most N items\n"
"      --group-by KEY   sections by a field, or day, week, month, year\n"
"      --group-order    sections in the order of their first item\n"
"      --width N        text width (default: the terminal's, else 80)\n"
"      --color WHEN     auto (default), always, never\n"
"      --from ADDR, --to ADDR, --subject TEMPLATE   email headers\n"
"      --link URL       the site a feed belongs to\n"
"      --key FIELD      identity of items (default: canonical URL, else id)\n"
"      --fields A,B,..  csv/tsv columns; --bom: UTF-8 byte-order mark first\n"
"      --allow-empty    with -o, write a document even with no items\n"
"      --tz ZONE        time zone for dates (default UTC or $TZ)\n"
"  -j, --jobs N         threads that check records (default: processors,\n"
"                       at most 4; the output is the same)\n"
"  -v, --verbose        note records a format skips\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"Exit status: 0 ok, 1 nothing to render with -o (file kept), 2 error.\n"
"Example: ni-parse items | ni-filter --since 7d | ni-render -f html -o digest.html\n";

static const ni_optdef own[] = {
	{ "format", 'f', NI_ARG_REQUIRED },
	{ "fmt", 'F', NI_ARG_REQUIRED },
	{ "template", 'T', NI_ARG_REQUIRED },
	{ "output", 'o', NI_ARG_REQUIRED },
	{ "title", NI_RO_TITLE, NI_ARG_REQUIRED },
	{ "limit", NI_RO_LIMIT, NI_ARG_REQUIRED },
	{ "group-by", NI_RO_GROUP, NI_ARG_REQUIRED },
	{ "group-order", NI_RO_GORDER, NI_ARG_NONE },
	{ "width", NI_RO_WIDTH, NI_ARG_REQUIRED },
	{ "color", NI_RO_COLOR, NI_ARG_REQUIRED },
	{ "colour", NI_RO_COLOR, NI_ARG_REQUIRED },
	{ "from", NI_RO_FROM, NI_ARG_REQUIRED },
	{ "to", NI_RO_TO, NI_ARG_REQUIRED },
	{ "subject", NI_RO_SUBJECT, NI_ARG_REQUIRED },
	{ "link", NI_RO_LINK, NI_ARG_REQUIRED },
	{ "fields", NI_RO_FIELDS, NI_ARG_REQUIRED },
	{ "allow-empty", NI_RO_EMPTY, NI_ARG_NONE },
	{ "bom", NI_RO_BOM, NI_ARG_NONE },
	{ "key", NI_RO_KEY, NI_ARG_REQUIRED },
	{ 0, 0, 0 }
};

int main(int argc, char **argv)
{
	ni_render_cli *c = ni_render_cli_new();
	ni_common com;
	const ni_cli spec = { usage, NI_OPT_JOBS | NI_OPT_TZ | NI_OPT_MAXLINE |
			      NI_OPT_LANG | NI_OPT_VERBOSE, own, ni_render_cli_opt, c };
	int rc = ni_opts_parse(&spec, ni_render_cli_diag(c), &com, argc, argv, &optind);
	if (rc < 0) {
		ni_render_cli_common(c, &com);
		rc = ni_render_cli_run(c, argv + optind, argc - optind);
	}
	ni_render_cli_free(c);
	return rc;
}
