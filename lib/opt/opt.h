/*
 * opt/opt.h - the option layer every tool's main uses, after git's
 * parse-options: the options several tools share are declared here once,
 * each with one validator and one bound; a tool names the ones it takes
 * and gives a table of its own options and a callback for them.
 *
 * The shared options (NI_OPT_* bits; the tool's usage text lists the
 * ones it takes):
 *
 *   -j, --jobs N          worker threads, 1..256 (0, unset: the tool's
 *                         default, the cores, at most 4)
 *       --tz ZONE         a zone ni_tz_valid knows (UTC, Asia/Seoul, a
 *                         TZif path, a POSIX rule); a name that is none
 *                         of these is a usage error, never UTC
 *       --week-start W    mon|monday|sun|sunday
 *       --max-line N      the longest record in bytes, 1..2^31 (16M, 1k)
 *       --rejects FILE    where bad input goes as NDJSON (not empty)
 *   -l, --lang L          a language ni has words for (ko, en);
 *                         $NI_LANG, when set, is checked the same way
 *   -v, --verbose         d->verbose
 *   -q, --quiet           c->quiet (--silent too)
 *   -h, --help, -V, --version   always: the usage text or the version
 *                         on stdout
 *
 * When the tool takes --tz or --week-start, the date context c->dc is
 * set up once all options are read (zone, week start, NI_NOW checked).
 *
 * Errors: a bad value is reported as "PROG: invalid --NAME 'VALUE'
 * (what is accepted)" and the --help hint; ni_opts_parse then returns
 * the exit status, and main returns it.  Nothing here ends the process.
 */
#ifndef NI_OPT_H
#define NI_OPT_H

#include "text/text.h"

enum {
	NI_OPT_JOBS = 1 << 0,
	NI_OPT_TZ = 1 << 1,
	NI_OPT_WEEK = 1 << 2,
	NI_OPT_MAXLINE = 1 << 3,
	NI_OPT_REJECTS = 1 << 4,
	NI_OPT_LANG = 1 << 5,
	NI_OPT_VERBOSE = 1 << 6,
	NI_OPT_QUIET = 1 << 7
};

/* The values of the shared options, after ni_opts_parse. */
typedef struct ni_common {
	int jobs;              /* 0: the tool's default */
	const char *tz;        /* NULL: $TZ, else UTC */
	int week_start;        /* 1 Monday (default), 0 Sunday */
	size_t max_line;       /* default NI_MAX_LINE */
	const char *rejects;   /* NULL: none */
	const char *lang;      /* NULL: none given (nor $NI_LANG) */
	int quiet;
	ni_datectx dc;         /* set when the tool takes --tz/--week-start */
} ni_common;

/* One option of the tool's own: its long name (or NULL), its key (the
 * short letter, or a number >= 256 for a long-only option) and whether
 * it takes an argument (ni_opt_arg). */
typedef struct ni_optdef {
	const char *name;
	int key;
	int arg;
} ni_optdef;
enum { NI_ARG_NONE = 0, NI_ARG_REQUIRED = 1, NI_ARG_OPTIONAL = 2 };

/* The tool's callback for one of its own options (key, its argument or
 * NULL).  Returns 0, or an exit status after reporting a usage error
 * (ni_usage does both). */
typedef int (*ni_opt_fn)(void *ctx, ni_diag *d, int key, const char *arg);

/* A tool's command line: its usage text, the shared options it takes
 * (NI_OPT_* bits), its own options (a table ending in a zero row) and the
 * callback that takes them. */
typedef struct ni_cli {
	const char *usage;
	unsigned shared;
	const ni_optdef *own;
	ni_opt_fn fn;
	void *ctx;
} ni_cli;

/* Read argv's options in order, the shared ones into *c (which it
 * initialises first), the others through cli->fn.  Returns -1 when the
 * run should go on, with *next the index of the first operand; else the
 * exit status main returns: 0 after --help or --version (2 when stdout
 * could not take them), 2 after a usage error (reported). */
int ni_opts_parse(const ni_cli *cli, ni_diag *d, ni_common *c, int argc,
		  char **argv, int *next);

/* A number argument of --name ("100", "16M") in [min, max] into *v:
 * 0, or the exit status after a usage error naming the bounds. */
int ni_opt_number(ni_diag *d, const char *name, const char *arg,
		  long long min, long long max, long long *v);
/* The index of arg among the NULL-terminated words of --name into *v:
 * 0, or the exit status after a usage error naming the words. */
int ni_opt_choice(ni_diag *d, const char *name, const char *arg,
		  const char *const *words, int *v);

#endif
