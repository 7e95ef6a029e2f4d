/* render_cli.c - ni-render's command line: option words into an
 * ni_render_cli (checked as they come, so the first bad one is the one
 * reported), then the run: templates, dates, terminal width and colour,
 * the output file, the records.  cmd/ni-render.c only calls getopt. */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The defaults (format text, language en) into c. */
static void ni_render_cli_init(ni_render_cli *c)
{
	memset(c, 0, sizeof *c);
	c->d = (ni_diag){ .prog = "ni-render" };
	c->o.format = NI_F_TEXT;
	c->o.limit = -1;
	c->color = "auto";
	c->max_line = NI_MAX_LINE;
	c->o.lang = "en";
}

/* Contract: see render.h. */
ni_render_cli *ni_render_cli_new(void)
{
	ni_render_cli *c = ni_xcalloc(1, sizeof *c);
	ni_render_cli_init(c);
	return c;
}

/* Contract: see render.h. */
ni_diag *ni_render_cli_diag(ni_render_cli *c)
{
	return &c->d;
}

/* Contract: see render.h. */
void ni_render_cli_free(ni_render_cli *c)
{
	free(c);
}

/* Contract: see render.h. */
void ni_render_cli_common(ni_render_cli *c, const ni_common *com)
{
	c->dc = com->dc;
	c->tz = com->tz;
	c->max_line = com->max_line;
	c->o.jobs = com->jobs;
	if (com->lang)
		c->o.lang = com->lang;
}

/* Contract: see render.h. */
int ni_render_cli_opt(void *ctx, ni_diag *d, int opt, const char *arg)
{
	ni_render_cli *c = ctx;
	ni_render_opts *o = &c->o;
	long long v = 0;
	switch (opt) {
	case 'f':
		if ((o->format = ni_render_format(arg)) < 0)
			return ni_usage(d, "unknown format '%s' (text, md, html, atom, "
					"rss, email, csv, tsv, json, svg, sfeed)", arg);
		break;
	case 'F': c->fmt = arg; break;
	case 'T': c->tplfile = arg; break;
	case 'o': c->output = arg; break;
	case NI_RO_TITLE: o->title = arg; break;
	case NI_RO_LIMIT:
		if (ni_opt_number(d, "limit", arg, 0, LONG_MAX, &v))
			return NI_EXIT_ERR;
		o->limit = (long)v;
		break;
	case NI_RO_GROUP: o->group_by = arg; break;
	case NI_RO_GORDER: o->group_order = 1; break;
	case NI_RO_WIDTH:
		if (ni_opt_number(d, "width", arg, 20, 1000, &v))
			return NI_EXIT_ERR;
		o->width = (size_t)v;
		break;
	case NI_RO_COLOR:
		if (strcmp(arg, "auto") && strcmp(arg, "always") && strcmp(arg, "never"))
			return ni_usage(d, "invalid --color '%s' (auto, always, never)", arg);
		c->color = arg;
		break;
	case NI_RO_FROM: o->from = arg; break;
	case NI_RO_TO: o->to = arg; break;
	case NI_RO_SUBJECT: c->subject = arg; break;
	case NI_RO_LINK: o->link = arg; break;
	case NI_RO_FIELDS: c->fields = arg; break;
	case NI_RO_EMPTY: o->allow_empty = 1; break;
	case NI_RO_BOM: o->bom = 1; break;
	case NI_RO_KEY: o->key = arg; break;
	}
	return 0;
}

/* --color WHEN: always, or auto on a terminal without NO_COLOR. */
static int use_color(const char *when)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	return !strcmp(when, "always") ||
	       (!strcmp(when, "auto") && isatty(1) && !(nc && *nc) &&
		!(term && !strcmp(term, "dumb")));
}

/* The terminal's width, else $COLUMNS, else 80. */
static size_t term_width(void)
{
	struct winsize ws;
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	const char *c = getenv("COLUMNS");
	long n = c ? strtol(c, NULL, 10) : 0;
	return n > 20 ? (size_t)n : 80;
}

/* Everything the options decide once they are all read: a combination
 * that cannot apply, the time zone and "now", width and colour, the
 * templates.  0, or the exit status after the first error (a usage
 * error, or a template's with a caret). */
static int settle(ni_render_cli *c)
{
	ni_diag *d = &c->d;
	ni_render_opts *o = &c->o;
	char *save = NULL, *copy = c->fields ? ni_xstrdup(c->fields) : NULL;
	c->fields_copy = copy;
	for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t;
	     t = strtok_r(NULL, ",", &save)) {
		o->fields = ni_xrealloc(o->fields, (size_t)(o->nfields + 1) * sizeof *o->fields);
		o->fields[o->nfields++] = t;
	}
	char err[300];
	if (o->group_order && !o->group_by)
		return ni_usage(d, "--group-order needs --group-by");
	if (ni_render_opts_check(o, err, sizeof err))
		return ni_usage(d, "%s", err);
	o->dc = &c->dc;
	o->d = d;
	if (!o->width)
		o->width = term_width();
	o->color = o->format == NI_F_TEXT && !c->output && use_color(c->color);
	if (c->fmt && !(o->line = c->tpl[0] = ni_tpl_need(d, "--fmt", c->fmt)))
		return NI_EXIT_ERR;
	if (c->subject &&
	    !(o->subject = c->tpl[1] = ni_tpl_need(d, "--subject", c->subject)))
		return NI_EXIT_ERR;
	if (c->tplfile) {
		if (ni_tpl_need_doc(d, c->tplfile, &c->tpl[2], &c->tpl[3], &c->tpl[4]))
			return NI_EXIT_ERR;
		o->head = c->tpl[2], o->item = c->tpl[3], o->foot = c->tpl[4];
	}
	return 0;
}

/* Render files into one document, on stdout or -o; the exit status. */
static int one_document(ni_render_cli *c, char **files, int nfiles)
{
	ni_diag *d = &c->d;
	ni_out out;
	if (ni_out_open(&out, d, c->output)) {
		free(out.path);
		return NI_EXIT_ERR;
	}
	ni_render *r = ni_render_new(&c->o, &out);
	ni_lines in;
	ni_lines_init(&in, d, files, nfiles);
	in.max_line = c->max_line;
	long rendered = ni_render_lines(r, &in);
	ni_lines_free(&in);
	int rc;
	if (c->output && rendered == 0 && !c->o.allow_empty) {
		/* a failed fetch upstream must not blank a good page or feed */
		ni_out_abort(&out);
		ni_note_at(d, c->output, 0, 0, "no items or summary rows: left as it "
			   "was (--allow-empty writes it anyway)");
		rc = d->errors ? NI_EXIT_ERR : NI_EXIT_NONE;
	} else {
		ni_out_close(&out);
		rc = d->errors ? NI_EXIT_ERR : NI_EXIT_OK;
	}
	ni_render_free(r);
	free(out.path);
	return rc;
}


/* -o with a '{': the compiled pattern into *out, or NULL there after
 * replacing c->output with its expansion (*lit, owned) when it has no
 * field (only {{ and }}).  0, or the exit status after its error. */
static int pattern(ni_render_cli *c, char **lit, ni_tpl **out)
{
	ni_diag *d = &c->d;
	ni_tpl *t = *out = ni_tpl_need(d, "-o", c->output);
	if (!t)
		return NI_EXIT_ERR;
	if (!ni_tpl_nslots(t)) {
		ni_buf b = {0};
		ni_tplctx tc = { c->o.lang, NI_ESC_NONE, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 };
		ni_jval none = { NI_J_OBJ, "{}", 2 };
		ni_tpl_render(t, none, NULL, &tc, &b);
		ni_tpl_free(t);
		*out = NULL;
		c->output = *lit = b.s ? b.s : ni_xstrdup("");
		return 0;
	}
	size_t n = strlen(c->output);
	if (c->output[n - 1] == '/') {
		ni_tpl_free(t);
		*out = NULL;
		return ni_usage(d, "-o '%s': a pattern ends in a file name", c->output);
	}
	return 0;
}

/* What settle() and pattern() made for c (and lit), freed. */
static void cli_free(ni_render_cli *c, char *lit)
{
	for (int i = 0; i < 5; i++)
		ni_tpl_free(c->tpl[i]);
	free(c->o.fields);
	free(c->fields_copy);
	free(lit);
}

/* Contract: see render.h. */
int ni_render_cli_run(ni_render_cli *c, char **files, int nfiles)
{
	ni_diag *d = &c->d;
	char *lit = NULL;
	ni_tpl *pat = NULL;
	int rc = ni_opt_need_input(d, nfiles);
	if (rc == 0 && nr_split_pattern(c->output))
		rc = pattern(c, &lit, &pat);
	if (rc == 0)
		rc = settle(c);
	if (rc) {
		ni_tpl_free(pat);
		cli_free(c, lit);
		return rc;
	}
	/* the fields named: templates, --fields, --group-by, --key, -o */
	ni_names names = {0};
	ni_render_opts *o = &c->o;
	ni_tpl_names(o->line, &names, o->lang, 0);
	ni_tpl_names(o->item, &names, o->lang, 0);
	ni_tpl_names(o->head, &names, o->lang, 1);
	ni_tpl_names(o->foot, &names, o->lang, 1);
	ni_tpl_names(o->subject, &names, o->lang, 1);
	ni_tpl_names(pat, &names, o->lang, 0);
	for (int i = 0; i < o->nfields; i++)
		ni_names_add_loc(&names, o->fields[i], o->lang);
	if (o->group_by && strcmp(o->group_by, "day") && strcmp(o->group_by, "week") &&
	    strcmp(o->group_by, "month") && strcmp(o->group_by, "year"))
		ni_names_add_loc(&names, o->group_by, o->lang);
	if (o->key)
		ni_names_add(&names, o->key, 0);
	o->names = &names;
	if (pat) {
		rc = nr_split_run(c, pat, files, nfiles);
		ni_tpl_free(pat);
	} else {
		rc = one_document(c, files, nfiles);
	}
	ni_names_report(&names, d);
	ni_names_free(&names);
	o->names = NULL;
	cli_free(c, lit);
	return rc;
}
