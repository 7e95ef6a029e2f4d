/*
 * filter/filter.h - cron state files, dedup, the ni-filter run.
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
 * Cron state files (state.c) and dedup (dedup.c)
 * ------------------------------------------------------------------- */

typedef struct ni_state {
	char *path;
	ni_strmap keys;      /* key -> marked time (ms, stored in v) */
	int lockfd;
} ni_state;

/* Load STATE (a missing file is an empty state).  A file that is empty,
 * not a state file, or has an incomplete last line is an error (-1, and
 * reported; s is left freed): ni never treats a damaged state as
 * "nothing seen yet". */
int ni_state_load(ni_state *s, ni_diag *d, const char *path);
int ni_state_has(const ni_state *s, const char *k, size_t n);
void ni_state_add(ni_state *s, const char *k, size_t n, int64_t ms);
/* Load STATE for --mark and hold its lock, reading it again once locked
 * (another run may have saved meanwhile).  0 ok; 1 locked by another run
 * (reported); -1 error (reported). */
int ni_state_open_locked(ni_state *s, ni_diag *d, const char *path);
/* Write the keys marked at or after expire_before, atomically; the old
 * file becomes STATE.bak.  Dies on error (the old state stays). */
void ni_state_save(ni_state *s, ni_diag *d, int64_t expire_before);
void ni_state_free(ni_state *s);


/* Near-duplicate texts: MinHash signatures (64 hashes of character
 * 3-grams of the NFC, case-folded text) in 16 LSH bands, so a check costs
 * the same whatever the number of texts kept.  Similarity is the
 * estimated Jaccard index of the 3-gram sets. */
typedef struct ni_neardup {
	double threshold;
	uint32_t *sigs;
	uint64_t *tags;
	size_t n, cap;
	uint64_t *tkey;
	uint32_t *tval;
	size_t tn, tcap;
} ni_neardup;

void ni_neardup_init(ni_neardup *nd, double threshold);
/* 1 when s is near an earlier kept text (*dup_tag = its tag, *sim its
 * similarity); otherwise keeps s under tag and returns 0. */
int ni_neardup_check(ni_neardup *nd, const char *s, size_t n,
		     uint64_t tag, uint64_t *dup_tag, double *sim);
void ni_neardup_free(ni_neardup *nd);

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
