/* writerun.c - the run of ni-write: every record of the inputs through
 * one ni_writer (write.c), in input order, and the -v tally. */
#define _GNU_SOURCE
#include "write/write_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --check: where the messages of one record go. */
typedef struct wcheck {
	ni_diag *d;
	const char *file;
	unsigned long line;
	int errors;
} wcheck;

/* ni_schema_check's callback: an error counts (the record is refused), a
 * warning is noted. */
static void on_violation(void *arg, int warn, const char *field,
			 const char *msg)
{
	wcheck *c = arg;
	if (warn) {
		ni_note_at(c->d, c->file, c->line, 0, "warning: %s", msg);
	} else {
		ni_error_at(c->d, c->file, c->line, 0, "%s; not written", msg);
		c->errors++;
	}
}

/* --check of one record: 0 to write it, -1 (reported) to refuse it.  A
 * value of the schema's unique field seen before (ids: the key of the
 * map, "FILE:LINE" its value) is a warning naming both places. */
static int check_record(const ni_write_opts *o, ni_strmap *ids,
			const char *line, size_t n, const ni_jidx *idx,
			const char *file, unsigned long lineno)
{
	wcheck c = { o->d, file, lineno, 0 };
	ni_jval rec = ni_json_record(line, n);
	ni_schema_check(o->check, rec, idx, on_violation, &c);
	if (c.errors)
		return -1;
	const ni_field *uf = ni_schema_unique(o->check);
	ni_jval v = uf ? ni_json_iget(rec, idx, uf->name, strlen(uf->name))
		       : (ni_jval){ 0 };
	if (!((v.t == NI_J_STR && v.n > 2) || v.t == NI_J_NUM))
		return 0;
	ni_buf k = {0};
	if (v.t == NI_J_STR)
		ni_json_str(v, &k);
	else
		ni_buf_add(&k, v.p, v.n);
	int isnew;
	ni_strmap_ent *e = ni_strmap_put(ids, k.s, k.len, &isnew);
	if (isnew) {
		ni_buf at = {0};
		ni_buf_printf(&at, "%s:%lu", file, lineno);
		e->v = at.s;
	} else {
		ni_note_at(o->d, file, lineno, 0, "warning: duplicate %s \"%s\" "
			   "(first at %s)", uf->name, k.s, (char *)e->v);
	}
	ni_buf_free(&k);
	return 0;
}

/* Contract: see write.h. */
int ni_write_main(const ni_write_opts *o, int dry, size_t max_line,
		  char **files, int nfiles)
{
	ni_diag *d = o->d;
	ni_out out;
	ni_out_open(&out, d, NULL);
	ni_writer *w = ni_writer_new(o, dry ? &out : NULL);
	if (!w)
		return NI_EXIT_ERR;
	ni_lines in;
	ni_lines_init(&in, d, files, nfiles);
	in.max_line = max_line;
	ni_jidx *idx = ni_xcalloc(1, sizeof *idx);   /* large: not on the stack */
	const char *ln;
	long n;
	unsigned long records = 0, bad = 0;
	/* the fields --name names ({slug} is computed when absent) */
	ni_names names = {0};
	ni_tpl_names(o->name, &names, NULL, 0);
	for (size_t k = 0; k < names.n; k++)
		if (!strcmp(names.v[k].path, "slug"))
			ni_names_found(&names, k);
	ni_strmap ids;
	ni_strmap_init(&ids);
	while (!out.failed && (n = ni_lines_next(&in, &ln)) >= 0) {
		const char *jerr;
		size_t col;
		records++;
		if (ni_json_check(ln, (size_t)n, NI_MAX_DEPTH, idx, &jerr, &col)) {
			ni_error_at(d, in.name, in.lineno, col, "%s", jerr);
			bad++;
			continue;
		}
		ni_names_see(&names, ln, (size_t)n, idx);
		if (o->check && check_record(o, &ids, ln, (size_t)n, idx,
					     in.name, in.lineno)) {
			bad++;
			continue;
		}
		if (ni_writer_record(w, ln, (size_t)n, idx, in.name, in.lineno) == -2) {
			ni_error(d, "stopped at %s:%lu: nothing more can be written",
				 in.name, in.lineno);
			break;
		}
	}
	ni_lines_free(&in);
	ni_jidx_free(idx);
	free(idx);
	ni_names_report(&names, d);
	ni_names_free(&names);
	for (size_t i = 0; i < ids.cap; i++)
		if (ids.t[i].k)
			free(ids.t[i].v);
	ni_strmap_free(&ids);
	unsigned long t[NI_DW_NTALLY];
	ni_writer_end(w, t);
	if (d->verbose)
		ni_note(d, "%lu records: %lu %s, %lu unchanged, %lu skipped, "
			"%lu refused", records, t[NI_DW_WRITTEN],
			dry ? "would be written" : "written", t[NI_DW_UNCHANGED],
			t[NI_DW_SKIPPED], t[NI_DW_ERRORS] + bad);
	ni_out_close(&out);
	return d->errors ? NI_EXIT_ERR : NI_EXIT_OK;
}
