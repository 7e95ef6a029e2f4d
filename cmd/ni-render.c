/* ni-render - NDJSON records -> documents people read. */
#define _GNU_SOURCE
#include "ni.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char usage[] =
"Usage: ni-render [OPTIONS] [FILE...]\n"
"Render item and summary records (NDJSON) as one document.\n"
"\n"
"  -f, --format FMT     text (default), md, html, atom, rss, email, csv, tsv,\n"
"                       json, svg\n"
"  -l, --lang ko|en     localized fields: F_ko/F_en when present, else F\n"
"  -F, --fmt TEMPLATE   one line per record: '{date_published} {title:~60}'\n"
"  -T, --template FILE  a document template (header, {#item}...{/item}, footer)\n"
"  -o, --output FILE    write FILE atomically (temporary file, fsync, rename)\n"
"      --title TEXT     the document's title\n"
"      --limit N        at most N items\n"
"      --group-by KEY   sections by a field, or day, week, month, year\n"
"      --width N        text width (default: the terminal's, else 80)\n"
"      --color WHEN     auto (default), always, never\n"
"      --from ADDR, --to ADDR, --subject TEMPLATE   email headers\n"
"      --link URL       the site a feed belongs to\n"
"      --key FIELD      identity of items (default: canonical URL, else id)\n"
"      --fields A,B,..  csv/tsv columns\n"
"      --allow-empty    with -o, write a document even with no items\n"
"      --tz ZONE        time zone for dates (default UTC or $TZ)\n"
"  -v, --verbose        note records a format skips\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"Exit status: 0 ok, 1 nothing to render with -o (file kept), 2 error.\n"
"Example: ni-parse items | ni-filter --since 7d | ni-render -f html -o digest.html\n";

static ni_tpl *tpl_or_die(ni_diag *d, const char *what, const char *src)
{
	char err[200];
	size_t col;
	ni_tpl *t = ni_tpl_parse(src, err, sizeof err, &col);
	if (!t) {
		ni_error(d, "%s:%zu: %s", what, col, err);
		fprintf(stderr, "  %s\n  %*s^\n", src, (int)(col > 0 ? col - 1 : 0), "");
		exit(NI_EXIT_ERR);
	}
	return t;
}

static size_t term_width(void)
{
	struct winsize ws;
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	const char *c = getenv("COLUMNS");
	long n = c ? strtol(c, NULL, 10) : 0;
	return n > 20 ? (size_t)n : 80;
}

int main(int argc, char **argv)
{
	enum { O_TITLE = 256, O_LIMIT, O_GROUP, O_WIDTH, O_COLOR, O_FROM, O_TO,
	       O_SUBJECT, O_LINK, O_FIELDS, O_EMPTY, O_TZ, O_MAXLINE, O_KEY };
	static const struct option lopts[] = {
		{ "format", required_argument, 0, 'f' },
		{ "lang", required_argument, 0, 'l' },
		{ "fmt", required_argument, 0, 'F' },
		{ "template", required_argument, 0, 'T' },
		{ "output", required_argument, 0, 'o' },
		{ "title", required_argument, 0, O_TITLE },
		{ "limit", required_argument, 0, O_LIMIT },
		{ "group-by", required_argument, 0, O_GROUP },
		{ "width", required_argument, 0, O_WIDTH },
		{ "color", required_argument, 0, O_COLOR },
		{ "colour", required_argument, 0, O_COLOR },
		{ "from", required_argument, 0, O_FROM },
		{ "to", required_argument, 0, O_TO },
		{ "subject", required_argument, 0, O_SUBJECT },
		{ "link", required_argument, 0, O_LINK },
		{ "fields", required_argument, 0, O_FIELDS },
		{ "allow-empty", no_argument, 0, O_EMPTY },
		{ "tz", required_argument, 0, O_TZ },
		{ "max-line", required_argument, 0, O_MAXLINE },
		{ "key", required_argument, 0, O_KEY },
		{ "verbose", no_argument, 0, 'v' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 }
	};
	ni_diag d = { "ni-render", 0, 0 };
	ni_render_opts o;
	ni_datectx dc;
	const char *output = NULL, *fmt = NULL, *tplfile = NULL, *subject = NULL;
	const char *tz = NULL, *color = "auto";
	char *fields = NULL;
	size_t max_line = NI_MAX_LINE;
	int c;

	memset(&o, 0, sizeof o);
	o.format = NI_F_TEXT;
	o.limit = -1;
	o.lang = getenv("NI_LANG");
	if (!o.lang || !*o.lang)
		o.lang = "en";
	else if (!ni_lang_ok(o.lang))
		ni_usage_error(&d, "invalid NI_LANG '%s' (ko, en...)", o.lang);
	while ((c = getopt_long(argc, argv, "f:l:F:T:o:vhV", lopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((o.format = ni_render_format(optarg)) < 0)
				ni_usage_error(&d, "unknown format '%s' (text, md, html, atom, "
					       "rss, email, csv, tsv, json, svg)", optarg);
			break;
		case 'l':
			if (!ni_lang_ok(optarg))
				ni_usage_error(&d, "invalid language '%s' (ko, en...)", optarg);
			o.lang = optarg;
			break;
		case 'F': fmt = optarg; break;
		case 'T': tplfile = optarg; break;
		case 'o': output = optarg; break;
		case O_TITLE: o.title = optarg; break;
		case O_LIMIT: o.limit = (long)ni_opt_num(&d, "limit", optarg, 0, LONG_MAX); break;
		case O_GROUP: o.group_by = optarg; break;
		case O_WIDTH: o.width = (size_t)ni_opt_num(&d, "width", optarg, 20, 1000); break;
		case O_COLOR:
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
				ni_usage_error(&d, "invalid --color '%s' (auto, always, never)", optarg);
			color = optarg;
			break;
		case O_FROM: o.from = optarg; break;
		case O_TO: o.to = optarg; break;
		case O_SUBJECT: subject = optarg; break;
		case O_LINK: o.link = optarg; break;
		case O_FIELDS: fields = optarg; break;
		case O_EMPTY: o.allow_empty = 1; break;
		case O_TZ: tz = optarg; break;
		case O_KEY: o.key = optarg; break;
		case O_MAXLINE:
			max_line = (size_t)ni_opt_num(&d, "max-line", optarg, 1, 1LL << 40);
			break;
		case 'v': d.verbose = 1; break;
		default: ni_opt_common(&d, c, usage); break;
		}
	}
	ni_opt_need_input(&d, argc - optind);
	if (tz && !ni_tz_valid(tz))
		ni_usage_error(&d, "unknown time zone '%s' (UTC, Asia/Seoul...)", tz);
	if (o.key && o.format != NI_F_ATOM && o.format != NI_F_RSS && o.format != NI_F_EMAIL)
		ni_usage_error(&d, "--key names the identity of feed entries and mail: "
			       "-f atom, rss or email");
	if (fields && o.format != NI_F_CSV && o.format != NI_F_TSV)
		ni_usage_error(&d, "--fields chooses csv and tsv columns; with other "
			       "formats use -F '{a} {b}'");
	if (ni_date_init(&dc, tz))
		ni_usage_error(&d, "NI_NOW is not an ISO 8601 timestamp: '%s'", getenv("NI_NOW"));
	o.dc = &dc;
	o.d = &d;
	if (!o.width)
		o.width = term_width();
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	o.color = o.format == NI_F_TEXT && !output &&
		  (!strcmp(color, "always") ||
		   (!strcmp(color, "auto") && isatty(1) && !(nc && *nc) &&
		    !(term && !strcmp(term, "dumb"))));
	ni_tpl *line = NULL, *head = NULL, *item = NULL, *foot = NULL, *subj = NULL;
	if (fmt)
		o.line = line = tpl_or_die(&d, "--fmt", fmt);
	if (subject)
		o.subject = subj = tpl_or_die(&d, "--subject", subject);
	char *tsrc = NULL;
	if (tplfile) {
		size_t n;
		if (ni_read_file(tplfile, 1 << 24, &tsrc, &n))
			ni_die(&d, "%s: %s", tplfile, strerror(errno));
		char *open = strstr(tsrc, "{#item}"), *close = strstr(tsrc, "{/item}");
		if (open && close && close > open) {
			*open = 0;
			*close = 0;
			char *ib = open + 7, *fb = close + 7;
			if (*ib == '\n')
				ib++;
			if (*fb == '\n')
				fb++;
			o.head = head = tpl_or_die(&d, tplfile, tsrc);
			o.item = item = tpl_or_die(&d, tplfile, ib);
			o.foot = foot = tpl_or_die(&d, tplfile, fb);
		} else {
			o.item = item = tpl_or_die(&d, tplfile, tsrc);
		}
	}
	char **fv = NULL;
	if (fields) {
		char *save = NULL;
		for (char *t = strtok_r(fields, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			fv = ni_xrealloc(fv, (size_t)(o.nfields + 1) * sizeof *fv);
			fv[o.nfields++] = t;
		}
		o.fields = fv;
	}

	ni_out out;
	ni_out_open(&out, &d, output);
	ni_render *r = ni_render_new(&o, &out);
	ni_lines in;
	ni_lines_init(&in, &d, argv + optind, argc - optind);
	in.max_line = max_line;
	static ni_jidx idx;
	const char *ln;
	long n;
	while ((n = ni_lines_next(&in, &ln)) >= 0) {
		const char *err;
		size_t col;
		if (ni_json_check(ln, (size_t)n, NI_MAX_DEPTH, &idx, &err, &col)) {
			ni_error_at(&d, in.name, in.lineno, col, "%s", err);
			continue;
		}
		ni_render_record(r, ln, (size_t)n, &idx, in.name, in.lineno);
	}
	ni_lines_free(&in);
	long rendered = ni_render_end(r);
	int rc = d.errors ? NI_EXIT_ERR : NI_EXIT_OK;
	if (output && rendered == 0 && !o.allow_empty) {
		/* a failed fetch upstream must not blank a good page or feed */
		ni_out_abort(&out);
		ni_note_at(&d, output, 0, 0, "no items or summary rows: left as it "
			   "was (--allow-empty writes it anyway)");
		rc = d.errors ? NI_EXIT_ERR : NI_EXIT_NONE;
	} else {
		ni_out_close(&out);
	}
	ni_render_free(r);
	ni_tpl_free(line);
	ni_tpl_free(head);
	ni_tpl_free(item);
	ni_tpl_free(foot);
	ni_tpl_free(subj);
	free(tsrc);
	free(fv);
	free(out.path);
	return rc;
}
