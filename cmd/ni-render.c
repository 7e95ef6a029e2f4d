/* ni-render - NDJSON records -> documents people read. */
#define _GNU_SOURCE
#include "ni.h"

#include <getopt.h>

static const char usage[] =
"Usage: ni-render [OPTIONS] [FILE...]\n"
"Render item and summary records (NDJSON) as one document.\n"
"\n"
"  -f, --format FMT     text (default), md, html, atom, rss, email, csv, tsv,\n"
"                       json, svg\n"
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

static const struct option lopts[] = {
	{ "format", required_argument, 0, 'f' },
	{ "lang", required_argument, 0, 'l' },
	{ "fmt", required_argument, 0, 'F' },
	{ "template", required_argument, 0, 'T' },
	{ "output", required_argument, 0, 'o' },
	{ "title", required_argument, 0, NI_RO_TITLE },
	{ "limit", required_argument, 0, NI_RO_LIMIT },
	{ "group-by", required_argument, 0, NI_RO_GROUP },
	{ "group-order", no_argument, 0, NI_RO_GORDER },
	{ "width", required_argument, 0, NI_RO_WIDTH },
	{ "color", required_argument, 0, NI_RO_COLOR },
	{ "colour", required_argument, 0, NI_RO_COLOR },
	{ "from", required_argument, 0, NI_RO_FROM },
	{ "to", required_argument, 0, NI_RO_TO },
	{ "subject", required_argument, 0, NI_RO_SUBJECT },
	{ "link", required_argument, 0, NI_RO_LINK },
	{ "fields", required_argument, 0, NI_RO_FIELDS },
	{ "allow-empty", no_argument, 0, NI_RO_EMPTY },
	{ "bom", no_argument, 0, NI_RO_BOM },
	{ "tz", required_argument, 0, NI_RO_TZ },
	{ "max-line", required_argument, 0, NI_RO_MAXLINE },
	{ "key", required_argument, 0, NI_RO_KEY },
	{ "jobs", required_argument, 0, 'j' },
	{ "verbose", no_argument, 0, 'v' },
	{ "help", no_argument, 0, 'h' },
	{ "version", no_argument, 0, 'V' },
	{ 0, 0, 0, 0 }
};

int main(int argc, char **argv)
{
	ni_render_cli c;
	int opt;
	ni_render_cli_init(&c);
	while ((opt = getopt_long(argc, argv, "f:l:F:T:o:j:vhV", lopts, NULL)) != -1)
		if (ni_render_cli_opt(&c, opt, optarg))
			ni_opt_common(&c.d, opt, usage);
	return ni_render_cli_run(&c, argv + optind, argc - optind);
}
