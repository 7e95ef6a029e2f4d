/*
 * write/write.h - records to item files (ni-write).
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or a *_int.h here.
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_WRITE_H
#define NI_WRITE_H

#include "render/render.h"
#include "item/item.h"

/* ---------------------------------------------------------------------
 * Writing item files (yamlout.c, write.c, dirwrite.c): ni-write
 * ------------------------------------------------------------------- */

/* The length of {slug} in file names: the source generator's slug of a
 * title (ni_slug with NI_SLUG_ASCII, text.h). */
#define NI_SLUG_MAX 50

/* --body: none; record (the record's _body verbatim, else the generated
 * body); generate (always the generator's body from summary_ko,
 * summary_en and key_points). */
enum { NI_BODY_NONE, NI_BODY_RECORD, NI_BODY_GENERATE };

/* The folder writer: one file per call, each atomic (see dirwrite.c). */
enum { NI_DW_NOCLOBBER, NI_DW_UPDATE, NI_DW_FORCE };
enum { NI_DW_WRITTEN, NI_DW_UNCHANGED, NI_DW_SKIPPED, NI_DW_ERRORS,
       NI_DW_NTALLY };

/* ni-write's per-record step: file name from a template, document,
 * folder writer. */
typedef struct ni_write_opts {
	const char *dir;
	const ni_tpl *name;      /* file names; {slug} is computed */
	int body;                /* NI_BODY_* */
	int mode;                /* NI_DW_* */
	const ni_datectx *dc;
	ni_diag *d;
	const ni_schema *check;  /* --check: refuse a record with an error of
				  * these rules (ni-parse's); NULL: none */
} ni_write_opts;
/* The run of ni-write (writerun.c): each record of files (none: stdin)
 * through one writer (dry: the paths to stdout instead), a bad line
 * reported as FILE:LINE:COL; with o->check, each record checked first
 * (errors reported as FILE:LINE and the record not written, warnings
 * noted, a repeated unique field (id) a warning); with o->d->verbose,
 * the tally on stderr.
 * Returns the exit status: 0 ok, 2 any error. */
int ni_write_main(const ni_write_opts *o, int dry, size_t max_line,
		  char **files, int nfiles);

#endif
