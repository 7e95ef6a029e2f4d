/*
 * expr/expr.h - the expression language of ni-filter and ni-map, ni-map programs, expression sources.
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or a *_int.h here.
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_EXPR_H
#define NI_EXPR_H

#include "record/record.h"

/* ---------------------------------------------------------------------
 * Expressions (expr.c, expr_eval.c, expr_fn.c): the language of
 * ni-filter and ni-map, man/ni-expr.7.  One lexer, parser and
 * evaluator: a predicate is an expression whose value is a truth.
 * ------------------------------------------------------------------- */

enum { NI_E_CMP, NI_E_EXISTS, NI_E_AND, NI_E_OR, NI_E_NOT, NI_E_TRUE,
       NI_E_FALSE,
       /* value nodes (computed values; ni_expr_eval takes their truth:
	* false for false, null and missing, true otherwise) */
       NI_E_NUM, NI_E_STR, NI_E_NULL, NI_E_LIST, NI_E_PATH, NI_E_NR,
       NI_E_ADD, NI_E_SUB, NI_E_MUL, NI_E_DIV, NI_E_NEG, NI_E_CALL,
       NI_E_REGEX };
/* A parsed expression: a tree of nodes of the kinds NI_E_* above,
 * made by ni_expr_parse (or ni_expr_bin), read through the functions
 * below; its members are the folder's own (expr_int.h). */
typedef struct ni_expr ni_expr;

/* The source text of node e: *n bytes, not NUL-terminated ("%.*s"), as
 * --explain and runtime messages quote it; NULL (*n 0) for a node made
 * by ni_expr_bin. */
const char *ni_expr_text(const ni_expr *e, size_t *n);
/* The field path node e compares or tests, as written ("a.b", "*"), or
 * NULL when it reads no field (a computed left side, an operator). */
const char *ni_expr_field(const ni_expr *e);

typedef struct ni_expr_opts {
	const ni_datectx *dc;   /* dates: now, zone, week start */
	int icase;              /* -i: = and ~ fold case */
} ni_expr_opts;

/* Parse src as a predicate (ni-filter).  Returns the tree (free with
 * ni_expr_free), or NULL with e filled (ni_perr: the message, line 0,
 * the 1-based column in characters of the offending token), for
 * ni_perr_print. */
ni_expr *ni_expr_parse(const char *src, const ni_expr_opts *o, ni_perr *e);
/* Join two trees with NI_E_AND or NI_E_OR (either may be NULL); takes
 * ownership of both. */
ni_expr *ni_expr_bin(int kind, ni_expr *a, ni_expr *b);
void ni_expr_free(ni_expr *e);
/* Add the field paths e reads to t (record.h; not nr, "*" or names ni
 * adds itself). */
void ni_expr_names(const ni_expr *e, ni_names *t);
/* Does the tree call a function that counts across records (seq()), so
 * that its records must be evaluated in input order, in one thread? */
int ni_expr_sequential(const ni_expr *e);
/* Append s quoted for the expression language ("..." with escapes). */
void ni_expr_quote(ni_buf *b, const char *s);

/* Evaluation state: scratch buffers, a date cache, and what decided the
 * last result when explain is set.  Zero-initialise; ni_eval_free. */
typedef struct ni_eval {
	const ni_datectx *dc;
	int icase, explain;
	ni_buf t1, t2;
	char err[256];          /* set when eval returns -1 */
	const ni_jidx *idx;     /* top-level index of the record, or NULL */
	const ni_expr *why;     /* explain: the deciding leaf */
	ni_jval whyval;         /* explain: the value it saw */
	char cache_s[48];
	size_t cache_n;
	int cache_ok;
	int64_t cache_ms;
	unsigned long long nr;  /* the record's number (nr), set by the caller */
	void *priv;             /* computed values, ni-map's record: owned,
				 * released by ni_eval_free */
} ni_eval;

/* 1 selected, 0 not, -1 error (ev->err).  A missing or null field makes
 * every comparison false; != and !~ are "present and not".  A computed
 * value that fails (number("abc"), "a" * 2) is an error, never false. */
int ni_expr_eval(const ni_expr *e, ni_jval rec, ni_eval *ev);
void ni_eval_free(ni_eval *ev);

/* ---------------------------------------------------------------------
 * ni-map programs (map.c): statements over one record
 * ------------------------------------------------------------------- */

typedef struct ni_map ni_map;

/* Parse a program (statements separated by ';' or line breaks).  Returns
 * it (free with ni_map_free), or NULL with a message in err and the byte
 * offset of the offending token in *off. */
ni_map *ni_map_parse(const char *src, const ni_expr_opts *o, char *err,
		     size_t errsz, size_t *off);
/* Does the program need one thread (seq())? */
int ni_map_sequential(const ni_map *m);
void ni_map_free(ni_map *m);
/* Add the fields m reads to t: the paths its expressions read and the
 * names of del, keep and rename, except the fields the program itself
 * sets (=, ?=, the new name of rename), which it may read afterwards. */
void ni_map_names(const ni_map *m, ni_names *t);

enum { NI_MAP_OUT = 0, NI_MAP_SKIP = 1, NI_MAP_ERR = -1 };

/* Run m on one validated record line (idx from ni_json_check, may be
 * NULL; ev->nr set by the caller).  NI_MAP_OUT: the changed record is
 * appended to out (no newline): untouched members are copied byte for
 * byte, changed ones keep their place, new ones come last.  NI_MAP_SKIP:
 * the program said skip, nothing appended.  NI_MAP_ERR: ev->err says
 * what failed (nothing appended). */
int ni_map_run(const ni_map *m, ni_eval *ev, const char *line, size_t n,
	       const ni_jidx *idx, ni_buf *out);

/* A piece of a mapped record's output: len bytes at p (in the record's
 * line), or, when p is NULL, at offset off of the output buffer. */
typedef struct ni_mseg {
	const char *p;
	size_t off, len;
} ni_mseg;

/* ni_map_run without copying what the record keeps: the same bytes as
 * ni_map_run's output followed by eol.  When untouched runs of members
 * are long enough to be worth it, the output is the pieces appended to
 * segv (ni_mseg entries, in order; never merged with an earlier
 * record's): those runs as pieces of line, which must stay where it is
 * until the pieces are written, and the rest written to out and given
 * as offsets there (valid when out grows).  Otherwise nothing is
 * appended to segv, and the output is all of out's bytes from where it
 * ended before the call. */
int ni_map_run_segs(const ni_map *m, ni_eval *ev, const char *line,
		    size_t n, const ni_jidx *idx, ni_buf *out, ni_buf *segv,
		    const char *eol);

/* ---------------------------------------------------------------------
 * Expression sources (fspec.c): ni-filter's and ni-map's programs as
 * a list of texts with their places
 * ------------------------------------------------------------------- */

/* The expression as sources: group 0 holds the expressions (-e, -f,
 * EXPR: any of them); each other group is one shorthand option (any of
 * its values); groups are ANDed.  Each worker builds its own tree from
 * it, so compiled regexes are never shared between threads.  Zero-
 * initialise; ni_fspec_free. */
typedef struct ni_fsrc {
	int group;
	char *where, *text;   /* "FILE:LINE" or "expression:1"; the source */
} ni_fsrc;
typedef struct ni_fspec {
	ni_fsrc *v;
	size_t n;
	int groups;
} ni_fspec;

/* Add one expression to group (both strings are copied). */
void ni_fspec_add(ni_fspec *sp, int group, const char *where,
		  const char *text);
/* Add FIELD OP "value" (value quoted for the language) to group. */
void ni_fspec_short(ni_fspec *sp, int group, const char *where,
		    const char *field, const char *op, const char *value);
/* Add each line of an expression file (blank and '#' lines skipped) to
 * group; a file of none adds "false", as grep -f.  -1 with errno when
 * the file cannot be read. */
int ni_fspec_file(ni_fspec *sp, int group, const char *path);
void ni_fspec_free(ni_fspec *sp);

/* The run of ni-map (maprun.c). */
typedef struct ni_mapopts {
	const ni_datectx *dc;
	int icase, strict;       /* --strict: a failed record is dropped */
	int jobs;                /* 0: the cores, at most 4 */
	const char *rejects;     /* invalid lines and failed records, or NULL */
	size_t max_line;
} ni_mapopts;

/* Add the whole of file path as one program source (group 0) to sp: 0,
 * or NI_EXIT_ERR after reporting an unreadable file or one holding a NUL
 * byte (sp unchanged). */
int ni_mapsrc_file(ni_diag *d, ni_fspec *sp, const char *path);
/* Run the program made of sp's sources (joined by line breaks, in
 * order; each source's "where" names it in errors) over the records of
 * files (none: stdin): changed records to stdout in input order, a bad
 * line or failed record reported as FILE:LINE and kept in o->rejects, a
 * failed record passed through unchanged unless o->strict.  A program
 * that does not parse is reported with a caret and ends the process
 * (status 2).  Returns the exit status: 0 written, 1 none, 2 error. */
int ni_map_main(const ni_mapopts *o, ni_diag *d, const ni_fspec *sp,
		char **files, int nfiles);

#endif
