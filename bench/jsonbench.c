/* jsonbench.c - jansson's json_loadb against ni's validating scanner on
 * the same NDJSON records (bench/json.sh).  Each mode reads every line of
 * the file (loaded once into memory) R times and prints
 *   MODE seconds MB/s records-accepted
 * Modes: ni-check (ni_json_check with the member index, what every tool
 * does per line), ni-check-scalar (the scalar reference level), ni-get
 * (check + the tags/source_id/date_published lookups a filter or summary
 * makes), jansson-load (json_loadb with the same strictness: duplicates
 * rejected, NUL allowed; then json_decref), jansson-get (load + the same
 * lookups).  Times are CPU seconds of this (single-threaded) process. */
#define _GNU_SOURCE
#include "ni.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	/* CPU time: the machine may be shared; one thread does all work */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *keys[] = { "tags", "source_id", "date_published" };

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: jsonbench FILE [REPEAT]\n");
		return 2;
	}
	int rep = argc > 2 ? atoi(argv[2]) : 1;
	char *text;
	size_t len;
	if (ni_read_file(argv[1], (size_t)1 << 34, &text, &len)) {
		perror(argv[1]);
		return 2;
	}
	static const char *modes[] = { "ni-check", "ni-check-scalar", "ni-get",
				       "jansson-load", "jansson-get" };
	static ni_jidx idx;
	/* warm-up: fault in the text and the caches */
	for (size_t a = 0; a < len;) {
		const char *e = memchr(text + a, '\n', len - a), *err;
		size_t n = e ? (size_t)(e - text - a) : len - a, col;
		(void)ni_json_check(text + a, n, NI_MAX_DEPTH, &idx, &err, &col);
		a += n + 1;
	}
	for (int m = 0; m < 5; m++) {
		unsigned long ok = 0, sink = 0;
		double t0 = now();
		for (int r = 0; r < rep; r++) {
			for (size_t a = 0; a < len;) {
				const char *e = memchr(text + a, '\n', len - a);
				size_t n = e ? (size_t)(e - text - a) : len - a;
				const char *p = text + a, *err;
				size_t col;
				a += n + 1;
				if (m <= 2) {
					int lv = m == 1 ? NI_SCAN_SCALAR : ni_scan_level();
					if (ni_json_check_at(p, n, NI_MAX_DEPTH, &idx, &err, &col, lv))
						continue;
					ok++;
					if (m == 2) {
						ni_jval rec = ni_json_record(p, n);
						for (int k = 0; k < 3; k++)
							sink += ni_json_iget(rec, &idx, keys[k], strlen(keys[k])).n;
					}
				} else {
					json_error_t je;
					json_t *j = json_loadb(p, n, JSON_REJECT_DUPLICATES |
							       JSON_ALLOW_NUL, &je);
					if (!j)
						continue;
					ok++;
					if (m == 4)
						for (int k = 0; k < 3; k++)
							sink += json_object_get(j, keys[k]) != NULL;
					json_decref(j);
				}
			}
		}
		double dt = now() - t0;
		printf("%-16s %7.3f s %8.1f MB/s %lu records%s\n", modes[m], dt,
		       (double)len * rep / dt / 1e6, ok / (unsigned long)rep,
		       sink == 1 ? " " : "");
	}
	free(text);
	return 0;
}
