/* opt.c - the option layer: the shared options as rows of one table
 * (name, key, argument, validator), merged with a tool's own into one
 * getopt_long pass. */
#define _GNU_SOURCE
#include "opt/opt.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* keys of the long-only shared options (a tool's own keys stay below) */
enum { K_TZ = 0x7f00, K_WEEK, K_MAXLINE, K_REJECTS };

/* The languages ni has words for, in the order the messages list them. */
static const char *const langs[] = { "ko", "en", NULL };

/* Is lang a language ni has words for (its headings and fixed words in
 * pages and mail): "ko" or "en"? */
static int ni_lang_known(const char *lang)
{
	for (size_t i = 0; langs[i]; i++)
		if (!strcmp(lang, langs[i]))
			return 1;
	return 0;
}

/* Contract: see opt.h. */
int ni_opt_number(ni_diag *d, const char *name, const char *arg,
		  long long min, long long max, long long *v)
{
	*v = ni_parse_size(arg);
	if (*v < min || *v > max)
		return ni_usage(d, "invalid --%s '%s' (%lld..%lld)", name, arg, min, max);
	return 0;
}

static int set_jobs(ni_diag *d, ni_common *c, const char *arg)
{
	long long v;
	int rc = ni_opt_number(d, "jobs", arg, 1, 64, &v);
	c->jobs = (int)v;
	return rc;
}

static int set_tz(ni_diag *d, ni_common *c, const char *arg)
{
	if (!ni_tz_valid(arg))
		return ni_usage(d, "unknown time zone '%s' (UTC, Asia/Seoul...)", arg);
	c->tz = arg;
	return 0;
}

static int set_week(ni_diag *d, ni_common *c, const char *arg)
{
	if (!strcmp(arg, "mon") || !strcmp(arg, "monday"))
		c->week_start = 1;
	else if (!strcmp(arg, "sun") || !strcmp(arg, "sunday"))
		c->week_start = 0;
	else
		return ni_usage(d, "invalid --week-start '%s' (mon or sun)", arg);
	return 0;
}

static int set_maxline(ni_diag *d, ni_common *c, const char *arg)
{
	long long v;
	int rc = ni_opt_number(d, "max-line", arg, 1, 1LL << 31, &v);
	c->max_line = (size_t)v;
	return rc;
}

static int set_rejects(ni_diag *d, ni_common *c, const char *arg)
{
	if (!*arg)
		return ni_usage(d, "invalid --rejects '' (a file name)");
	c->rejects = arg;
	return 0;
}

/* Contract: see opt.h. */
int ni_opt_choice(ni_diag *d, const char *name, const char *arg,
		  const char *const *words, int *v)
{
	size_t n = 0;
	for (; words[n]; n++)
		if (!strcmp(arg, words[n])) {
			*v = (int)n;
			return 0;
		}
	ni_buf b = {0};
	for (size_t i = 0; i < n; i++)
		ni_buf_printf(&b, "%s%s", i ? (i + 1 < n ? ", " : " or ") : "", words[i]);
	int rc = ni_usage(d, "invalid --%s '%s' (%s)", name, arg, b.s ? b.s : "");
	ni_buf_free(&b);
	return rc;
}

/* The language check of -l and $NI_LANG ("--lang" or "NI_LANG"). */
static int check_lang(ni_diag *d, const char *what, const char *arg)
{
	if (ni_lang_known(arg))
		return 0;
	const char *near = !strcmp(arg, "kr") || !strcmp(arg, "kor") ||
			   !strncmp(arg, "ko-", 3) || !strncmp(arg, "ko_", 3) ? "ko" :
			   !strncmp(arg, "en-", 3) || !strncmp(arg, "en_", 3) ||
			   !strcmp(arg, "eng") ? "en" : NULL;
	if (near)
		return ni_usage(d, "invalid %s '%s' (ko or en; did you mean '%s'?)",
				what, arg, near);
	return ni_usage(d, "invalid %s '%s' (ko or en)", what, arg);
}

static int set_lang(ni_diag *d, ni_common *c, const char *arg)
{
	c->lang = arg;
	return check_lang(d, "--lang", arg);
}

static int set_verbose(ni_diag *d, ni_common *c, const char *arg)
{
	d->verbose = 1;
	return 0;
}

static int set_quiet(ni_diag *d, ni_common *c, const char *arg)
{
	c->quiet = 1;
	return 0;
}

/* The shared options: one row, one validator, one bound each. */
static const struct shared {
	unsigned bit;
	const char *name;
	int key, arg;
	int (*set)(ni_diag *d, ni_common *c, const char *arg);
} shared[] = {
	{ NI_OPT_JOBS, "jobs", 'j', NI_ARG_REQUIRED, set_jobs },
	{ NI_OPT_TZ, "tz", K_TZ, NI_ARG_REQUIRED, set_tz },
	{ NI_OPT_WEEK, "week-start", K_WEEK, NI_ARG_REQUIRED, set_week },
	{ NI_OPT_MAXLINE, "max-line", K_MAXLINE, NI_ARG_REQUIRED, set_maxline },
	{ NI_OPT_REJECTS, "rejects", K_REJECTS, NI_ARG_REQUIRED, set_rejects },
	{ NI_OPT_LANG, "lang", 'l', NI_ARG_REQUIRED, set_lang },
	{ NI_OPT_VERBOSE, "verbose", 'v', NI_ARG_NONE, set_verbose },
	{ NI_OPT_QUIET, "quiet", 'q', NI_ARG_NONE, set_quiet },
	{ NI_OPT_QUIET, "silent", 'q', NI_ARG_NONE, set_quiet },
};
enum { NSHARED = sizeof shared / sizeof *shared };

/* Append one option to the getopt tables (long row; short letters once). */
static void add(struct option *lo, size_t *nl, ni_buf *so, const char *name,
		int key, int arg)
{
	if (name)
		lo[(*nl)++] = (struct option){ name, arg, 0, key };
	if (key > 0 && key < 128 && !(so->s && strchr(so->s, key))) {
		ni_buf_addc(so, (char)key);
		if (arg != NI_ARG_NONE)
			ni_buf_adds(so, arg == NI_ARG_OPTIONAL ? "::" : ":");
	}
}

/* The shared row for key, when the tool takes it, else NULL. */
static const struct shared *find_shared(unsigned bits, int key)
{
	for (size_t i = 0; i < NSHARED; i++)
		if ((shared[i].bit & bits) && shared[i].key == key)
			return &shared[i];
	return NULL;
}

/* --help / --version: the text on stdout; the status main returns. */
static int print_and_end(const char *text)
{
	fputs(text, stdout);
	return fflush(stdout) || ferror(stdout) ? NI_EXIT_ERR : NI_EXIT_OK;
}

/* The settings decided once all options are read: $NI_LANG when no -l,
 * the date context. */
static int settle(const ni_cli *cli, ni_diag *d, ni_common *c)
{
	if ((cli->shared & NI_OPT_LANG) && !c->lang) {
		const char *env = getenv("NI_LANG");
		if (env && *env) {
			if (check_lang(d, "NI_LANG", env))
				return NI_EXIT_ERR;
			c->lang = env;
		}
	}
	if (cli->shared & (NI_OPT_TZ | NI_OPT_WEEK)) {
		if (ni_date_init(&c->dc, c->tz))
			return ni_usage(d, "NI_NOW is not an ISO 8601 timestamp: '%s'",
					getenv("NI_NOW"));
		c->dc.week_start = c->week_start;
	}
	return -1;
}

/* Contract: see opt.h. */
int ni_opts_parse(const ni_cli *cli, ni_diag *d, ni_common *c, int argc,
		  char **argv, int *next)
{
	memset(c, 0, sizeof *c);
	c->week_start = 1;
	c->max_line = NI_MAX_LINE;
	size_t nown = 0;
	while (cli->own && (cli->own[nown].name || cli->own[nown].key))
		nown++;
	struct option *lo = ni_xcalloc(nown + NSHARED + 3, sizeof *lo);
	size_t nl = 0;
	ni_buf so = {0};
	for (size_t i = 0; i < nown; i++)
		add(lo, &nl, &so, cli->own[i].name, cli->own[i].key, cli->own[i].arg);
	for (size_t i = 0; i < NSHARED; i++)
		if (shared[i].bit & cli->shared)
			add(lo, &nl, &so, shared[i].name, shared[i].key, shared[i].arg);
	add(lo, &nl, &so, "help", 'h', NI_ARG_NONE);
	add(lo, &nl, &so, "version", 'V', NI_ARG_NONE);
	int rc = -1, k;
	while (rc < 0 && (k = getopt_long(argc, argv, so.s, lo, NULL)) != -1) {
		const struct shared *s = find_shared(cli->shared, k);
		if (k == '?' || k == ':') {
			rc = ni_usage_hint(d);
		} else if (s) {
			rc = s->set(d, c, optarg) ? NI_EXIT_ERR : -1;
		} else if (k == 'h') {
			rc = print_and_end(cli->usage);
		} else if (k == 'V') {
			printf("%s %s\n", d->prog, NI_VERSION);
			rc = print_and_end("");
		} else {
			int r = cli->fn(cli->ctx, d, k, optarg);
			rc = r ? r : -1;
		}
	}
	free(lo);
	ni_buf_free(&so);
	*next = optind;
	return rc < 0 ? settle(cli, d, c) : rc;
}
