/*
 * agg/agg.h - aggregation: ni-summarize's exact, mergeable groups.
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or a *_int.h here.
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_AGG_H
#define NI_AGG_H

#include "record/record.h"

/* ---------------------------------------------------------------------
 * Aggregation (agg.c): ni-summarize's groups, exact and mergeable
 * ------------------------------------------------------------------- */

/* A group key: a field, or a key derived from one. */
enum { NI_K_FIELD, NI_K_DAY, NI_K_WEEK, NI_K_MONTH, NI_K_YEAR, NI_K_DOMAIN,
       NI_K_LOWER };

typedef struct ni_keyspec {
	int kind;           /* NI_K_* */
	char *field;        /* dotted path */
	char *name;         /* output key name ("week", "tags", ...) */
	char *spec;         /* as written ("week", "lower(regions)") */
	int warned;         /* -v: an _invalid value was reported */
} ni_keyspec;

typedef struct ni_hist {
	char *field;
	double *edges;
	int n;
} ni_hist;

typedef struct ni_agg_opts {
	ni_keyspec *by;     /* none: the overview record */
	int nby;
	char **stats;
	int nstats;
	ni_hist *hist;
	int nhist;
	char **distinct;
	int ndistinct;
	int items;          /* leading items per group */
	char **rank;        /* rank fields; rank_asc[i] for ascending */
	int *rank_asc;
	int nrank;
	int64_t trend_ms;   /* 0: no trend */
	const char *trend_spec;  /* borrowed */
	const char *date_field;
	const ni_datectx *dc;
	size_t max_groups;
	int top;            /* output: keep the N largest (per first key) */
	int sort;           /* output: 0 count, 1 key, 2 change */
	int general;        /* never the fast path of -b FIELD alone (the
			     * differential fuzzer, fuzz_agg, compares) */
} ni_agg_opts;

typedef struct ni_agg ni_agg;

/* The list fields the overview row counts (its leading values). */
#define NI_OVERVIEW_NDIMS 4
extern const char *const ni_overview_dims[NI_OVERVIEW_NDIMS];

/* Parse one --by key ("tags", "week", "week(date_ingested)",
 * "domain(canonical_url)", "lower(regions)").  Returns 0 or -1. */
int ni_keyspec_parse(const char *s, ni_keyspec *k);

ni_agg *ni_agg_new(const ni_agg_opts *o, ni_diag *d);
/* Count one item record (validated; idx may be NULL).  Returns 0, or -1
 * when --max-groups would be exceeded (nothing counted). */
int ni_agg_add(ni_agg *a, ni_jval rec, const ni_jidx *idx,
	       const char *file, unsigned long line);
/* Merge one line of a partial state (from --partial).  Returns
 * NI_MERGE_OK, or another value with a message in err. */
typedef enum {
	NI_MERGE_OK = 0,
	NI_MERGE_BAD,       /* not a valid partial record: skip it */
	NI_MERGE_OPTIONS,   /* a state made with other options: stop */
	NI_MERGE_FULL       /* more groups than --max-groups: stop */
} ni_merge_rc;
ni_merge_rc ni_agg_merge(ni_agg *a, const char *line, size_t n, char *err,
			 size_t errsz);

/* Options (agg_opts.c): ni-summarize's words into o.  Each returns 0,
 * or -1 with a message in err (a usage error).  Strings are copied
 * except trend_spec, which borrows arg. */
void ni_agg_opts_init(ni_agg_opts *o);
/* -b KEY[,KEY...]: keys may hold commas in parentheses; two keys of one
 * output name are refused. */
int ni_agg_opt_by(ni_agg_opts *o, const char *arg, char *err, size_t errsz);
/* --hist FIELD:EDGE,EDGE... (increasing). */
int ni_agg_opt_hist(ni_agg_opts *o, const char *arg, char *err, size_t errsz);
/* --trend PERIOD: a duration (7d, 12h) or day, week, month. */
int ni_agg_opt_trend(ni_agg_opts *o, const char *arg, char *err, size_t errsz);
/* --sort count|key|change. */
int ni_agg_opt_sort(ni_agg_opts *o, const char *arg, char *err, size_t errsz);
/* After all options: cross-checks (--items and --top need -b, --sort
 * change needs --trend), default --rank, ":asc" suffixes. */
int ni_agg_opts_done(ni_agg_opts *o, char *err, size_t errsz);
/* Free what the ni_agg_opt_* functions allocated. */
void ni_agg_opts_free(ni_agg_opts *o);
/* Write the partial state / the final rows (NDJSON). */
void ni_agg_write_partial(ni_agg *a, ni_out *out);
void ni_agg_write(ni_agg *a, ni_out *out);
void ni_agg_free(ni_agg *a);
/* The number of groups in a (agg_run.c: is the key of high cardinality?). */
size_t ni_agg_groups(const ni_agg *a);
/* ni-summarize's input loop (agg_run.c): read the records of files (none:
 * stdin; lines longer than max_line are reported) and count them into a,
 * or with merge read partial states into it.  Bad lines are reported on d
 * in input order.  jobs: threads (0 or 1: one);
 * with more than one, each thread counts into its own table and the
 * tables are combined by ni_agg_merge, so the result is the same as on
 * one core.  --merge and -v (notes in input order) use one core.
 * Returns 0, or -1 when --max-groups was exceeded or a merge was refused
 * (reported; a holds an incomplete count: write nothing). */
int ni_agg_run(ni_agg *a, const ni_agg_opts *o, ni_diag *d, char **files,
	       int nfiles, size_t max_line, int merge, int jobs);

#endif
