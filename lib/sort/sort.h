/*
 * sort/sort.h - sort keys, external sort, the ni-sort run.
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or sort_int.h (the
 * bounded heaps of -n and the k-way merge heap).
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_SORT_H
#define NI_SORT_H

#include "record/record.h"

/* ---------------------------------------------------------------------
 * Sorting (sort.c: keys; extsort.c: runs, merge, heaps; sortrun.c:
 *     the ni-sort pipeline)
 *
 * Every record gets a binary sort key once; memcmp of two keys is the
 * order (ties: input order).  Per field: a rank byte (false, true,
 * number, date, string, object; missing/null last, or first), then an
 * order-preserving payload; desc fields are bit-inverted except the
 * missing rank; -r inverts the whole key.
 * ------------------------------------------------------------------- */

typedef struct ni_sortfield {
	char *path;          /* dotted path, as in ni-filter */
	int desc;
} ni_sortfield;

typedef struct ni_sortspec {
	ni_sortfield *f;
	int nf;
	int icase;           /* -i: strings compared after case folding */
	int missing_first;   /* --missing first */
	int reverse;         /* -r: the whole order reversed */
	const ni_datectx *dc;/* date-only values start at midnight here */
} ni_sortspec;

/* Add the fields of one -k argument ("a:desc,b", "-a" for a:desc) to s.
 * Returns 0, or -1 with a message in err. */
int ni_sortspec_add(ni_sortspec *s, const char *arg, char *err, size_t errsz);
void ni_sortspec_free(ni_sortspec *s);
/* Append the sort key of a validated record (idx may be NULL) to out;
 * tmp is scratch. */
void ni_sort_key(const ni_sortspec *s, ni_jval rec, const ni_jidx *idx,
		 ni_buf *tmp, ni_buf *out);
/* Append the identity of value v for grouping and -u: equal keys for
 * values that sort equal (NFC, -i folding, numbers numerically), arrays
 * element by element.  Returns 0 when v is missing, null, "" or []. */
int ni_sort_valkey(const ni_sortspec *s, ni_jval v, ni_buf *tmp,
		   ni_buf *out);

/* An external sorter: records (key + line) are kept until about
 * buffer bytes, then sorted (jobs threads) into a run in an unlinked
 * temporary file in tmpdir; at the end the runs are merged (k-way,
 * stable).  Temporary files have no name from creation on, so nothing
 * is left behind on any exit, signals and kill -9 included.  A write
 * error on them (full disk) is fatal: message, exit 2. */
typedef struct ni_sorter ni_sorter;
ni_sorter *ni_sorter_new(ni_diag *d, size_t buffer, const char *tmpdir,
			 int jobs);
/* Add one record; key and line are copied.  A temporary file error
 * (writing a run) is reported on d, and s fails. */
void ni_sorter_add(ni_sorter *s, const char *key, size_t kn,
		   const char *line, size_t n);
/* Has s failed (a temporary file error, reported)?  Then nothing more
 * need be added, and ni_sorter_next gives nothing. */
int ni_sorter_failed(const ni_sorter *s);
/* The next record in order (after the last add); 0 at the end or once s
 * failed.  The pointers are borrowed until the next call. */
int ni_sorter_next(ni_sorter *s, const char **key, size_t *kn,
		   const char **line, size_t *n);
/* Runs written to temporary files so far (0: all in memory). */
size_t ni_sorter_runs(const ni_sorter *s);
void ni_sorter_free(ni_sorter *s);

/* memcmp order of two keys, shorter first on a common prefix. */
int ni_sort_keycmp(const char *a, size_t an, const char *b, size_t bn);

/* The ni-sort pipeline: what to do with which inputs. */
typedef struct ni_sort_cfg {
	ni_diag *d;
	ni_sortspec *spec;
	char **group;        /* -g fields */
	int ngroup;
	int explode;         /* --explode: an array is one group per element */
	int group_order;     /* --group-order: groups kept together */
	const char *unique;  /* -u FIELD */
	long long head;      /* -n, -1 none */
	int merge, check;    /* -m, -c */
	size_t buffer;       /* -S */
	const char *tmpdir;  /* -T */
	int jobs;            /* -j, 0 = cores (at most 4) */
	const char *rejects; /* --rejects FILE */
	size_t max_line;
} ni_sort_cfg;

/* The option combinations of c that cannot apply are usage errors (on
 * c->d: -g without -n, -c with -n/-g/-u/-m, no key...); sized: -S or -T
 * was given (a -v note under -m, where they do not apply).  0, or the
 * exit status after the first usage error. */
int ni_sort_cfg_check(const ni_sort_cfg *c, int sized);
/* Read files (none: stdin), write the records in order to stdout.
 * Returns the exit status (0; 1 for -c on disorder; 2 after errors). */
int ni_sort_main(const ni_sort_cfg *c, char **files, int nfiles);

#endif
