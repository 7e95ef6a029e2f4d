/* writerun.c - the run of ni-write: every record of the inputs through
 * one ni_writer (write.c), in input order, and the -v tally. */
#define _GNU_SOURCE
#include "write/write.h"

#include <stdio.h>
#include <string.h>

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
	static ni_jidx idx;      /* large: not on the stack (one run a process) */
	const char *ln;
	long n;
	unsigned long records = 0, bad = 0;
	/* the fields --name names ({slug} is computed when absent) */
	ni_names names = {0};
	ni_tpl_names(o->name, &names, NULL, 0);
	for (size_t k = 0; k < names.n; k++)
		if (!strcmp(names.v[k].path, "slug"))
			ni_names_found(&names, k);
	while ((n = ni_lines_next(&in, &ln)) >= 0) {
		const char *jerr;
		size_t col;
		records++;
		if (ni_json_check(ln, (size_t)n, NI_MAX_DEPTH, &idx, &jerr, &col)) {
			ni_error_at(d, in.name, in.lineno, col, "%s", jerr);
			bad++;
			continue;
		}
		ni_names_see(&names, ln, (size_t)n, &idx);
		if (ni_writer_record(w, ln, (size_t)n, &idx, in.name, in.lineno) == -2) {
			ni_error(d, "stopped at %s:%lu: nothing more can be written",
				 in.name, in.lineno);
			break;
		}
	}
	ni_lines_free(&in);
	ni_names_report(&names, d);
	ni_names_free(&names);
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
