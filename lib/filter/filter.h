/*
 * filter/filter.h - the ni-filter run (cron state files and dedup are
 * private: filter_int.h).
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or a *_int.h here.
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_FILTER_H
#define NI_FILTER_H

#include "item/item.h"
#include "expr/expr.h"

/* ---------------------------------------------------------------------
 * The ni-filter run (filter.c)
 * ------------------------------------------------------------------- */


typedef struct ni_filter_opts {
	const ni_datectx *dc;
	int invert, count, quiet, with_path, icase;
	long long max_count;     /* -1: no limit */
	long long explain;       /* -1 none, 0 all, N the first N */
	const char *rejects, *uniq, *near, *unseen, *mark, *key;
	double near_t;
	int64_t expire;          /* --mark: drop keys older (0: keep all) */
	size_t max_line;
	int jobs;                /* 0: the cores, at most 4 */
} ni_filter_opts;

/* Select the records of files (none: stdin) that match sp and pass the
 * dedup options, write them (or their count) to stdout, invalid lines to
 * rejects, --explain notes to stderr; mark the state after the output
 * was written in full.  An expression that does not parse is reported
 * (with a caret) and ends the process with status 2.  Returns the exit
 * status: 0 selected, 1 none, 2 error, 75 state locked. */
int ni_filter_run(const ni_filter_opts *o, ni_diag *d, const ni_fspec *sp,
		  char **files, int nfiles);

/* ni-filter's selection options, collected while the options are read
 * (--tz and -i change how expressions read, so the expression is built
 * after) (fsel.c).  The strings are borrowed (argv). */
typedef struct ni_fsel {
	const char **exprs, **ewhere, **tags, **srcs, **greps, **efiles;
	int nexpr, ntags, nsrcs, ngreps, nefiles;
	const char *since, *until, *datefield, *minconf;
} ni_fsel;

/* Room for argc values of each option; datefield date_published. */
void ni_fsel_init(ni_fsel *s, int argc);
void ni_fsel_free(ni_fsel *s);
/* Add an expression (-e, EXPR) named where ("-e:1") in errors. */
void ni_fsel_expr(ni_fsel *s, const char *where, const char *text);
/* The sources of s into sp: the expressions and -f files in group 0,
 * each shorthand option its own group (--tag T: tags = T; --source S:
 * source_id = S or source_name = S; --since/--until W: datefield >= /
 * <= W; --min-confidence X: confidence >= X; --grep RE: * ~ RE).  0,
 * or the exit status after reporting the first invalid value (a usage
 * error) or unreadable -f file. */
int ni_fsel_spec(ni_diag *d, const ni_datectx *dc, const ni_fsel *s,
		 ni_fspec *sp);
/* --near-dup FIELD[:T]: sets o->near (arg, cut at the colon) and
 * o->near_t: 0, or the exit status after the usage error for a
 * threshold outside (0, 1]. */
int ni_filter_near_opt(ni_diag *d, char *arg, ni_filter_opts *o);

#endif
