/* write_int.h - internal to lib/write (yamlout.c, write.c, dirwrite.c,
 * writerun.c): records as YAML, the folder writer and the per-record
 * writer the ni-write run is made of.  Nothing outside lib/write
 * includes it. */
#ifndef NI_WRITE_INT_H
#define NI_WRITE_INT_H

#include "write/write.h"

/* Append the members of the record object rec, except top-level keys
 * that start with '_', as a block YAML mapping ("{}" when none is left),
 * in the record's key order.  Returns the number of members written, or
 * -1 with a message in err when a value has no YAML form both readers
 * read back the same (an integer beyond 64 bits; a key with a NUL); out
 * then holds a partial text. */
int ni_yaml_record(ni_jval rec, ni_buf *out, char *err, size_t errsz);

/* The folder writer: one file per call, each atomic (see dirwrite.c);
 * modes and tallies are write.h's NI_DW_*. */
typedef struct ni_dirw ni_dirw;
/* Open folder dir (created like mkdir -p unless dry-running) and remove
 * the hidden temporary files of killed runs (".ni-write.PID.N.tmp" whose
 * process is gone).  With dry set nothing is written: the paths that
 * would be are printed to dry.
 * NULL when the folder cannot be opened (reported through d). */
ni_dirw *ni_dirw_open(ni_diag *d, const char *dir, int mode, ni_out *dry);
/* Write data as file name (checked by ni_name_check; a name already
 * given in this run is an error), according to mode.  Problems are
 * reported as "FILE:LINE: ..." (the record's place).  Returns 0, -1 for
 * an error about this record, -2 when nothing more can be written (disk
 * full, read-only...).  The file may get its name only at the next call
 * or at ni_dirw_close (files are made durable in batches). */
int ni_dirw_put(ni_dirw *w, const char *name, const void *data, size_t n,
		const char *file, unsigned long line);
/* Finish every file, fsync the folder, fill tally (NI_DW_*), free w.
 * Returns 0, or -1 after an error that stopped writing. */
int ni_dirw_close(ni_dirw *w, unsigned long tally[NI_DW_NTALLY]);

/* ni-write's per-record step: file name from a template, document,
 * folder writer. */
typedef struct ni_writer ni_writer;
/* NULL when the folder cannot be opened (reported). */
ni_writer *ni_writer_new(const ni_write_opts *o, ni_out *dry);
/* Write one validated record (idx: its top-level index or NULL).  Returns
 * as ni_dirw_put. */
int ni_writer_record(ni_writer *w, const char *line, size_t n,
		     const ni_jidx *idx, const char *file, unsigned long lineno);
/* Finish (ni_dirw_close) and free w; tally as there. */
int ni_writer_end(ni_writer *w, unsigned long tally[NI_DW_NTALLY]);

#endif
