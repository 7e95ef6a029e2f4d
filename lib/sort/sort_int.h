/* sort_int.h - internal to sort/ (extsort.c, sortrun.c, gather.c): the
 * bounded heap of "the first N", the k-way merge heap and reading records
 * back by location.  Nothing outside this folder includes it (but
 * tests/unit.c, which tests ni_gather). */
#ifndef NI_SORT_INT_H
#define NI_SORT_INT_H

#include "sort/sort.h"

/* The first n records by (key, sequence) in one pass, in O(n) memory: a
 * bounded max-heap.  Entries hold references to counted copies. */
typedef struct ni_topent {
	char *p;             /* key then line */
	size_t kn, n;
	uint64_t seq;
} ni_topent;
typedef struct ni_topn {
	ni_topent *e;
	size_t len, max;
} ni_topn;
void ni_topn_init(ni_topn *t, size_t max);
/* Offer one record (seq grows with input order).  Returns 1 if kept. */
int ni_topn_add(ni_topn *t, const char *key, size_t kn, const char *line,
		size_t n, uint64_t seq);
/* One record offered to many heaps (ni-sort -g --explode) is kept once:
 * ni_topblob_new copies key (kn bytes) then line (n) with a reference
 * count of 1 and returns the key's address; ni_topn_add_shared offers it
 * and, when kept, holds a reference (the entry's p is the blob); the
 * caller drops its own with ni_topblob_drop, which frees the copy with
 * the last reference. */
char *ni_topblob_new(const char *key, size_t kn, const char *line, size_t n);
void ni_topblob_drop(char *p);
int ni_topn_add_shared(ni_topn *t, char *blob, size_t kn, size_t n,
		       uint64_t seq);
/* Sort the kept entries into order (t->e[0..len)). */
void ni_topn_sort(ni_topn *t);
void ni_topn_free(ni_topn *t);
/* A k-way merge (extsort.c): a min-heap of stream numbers 0..streams-1
 * ordered by each stream's current key (ni_sort_keycmp; ties: the lower
 * stream first, so merging is stable).  The keys are borrowed: each must
 * stay valid until its stream advances. */
typedef struct ni_kmerge {
	int *h;
	const char **k;
	size_t *kn;
	int n;
} ni_kmerge;
void ni_kmerge_init(ni_kmerge *m, int streams);
/* Add stream i with its first key (before ni_kmerge_build). */
void ni_kmerge_add(ni_kmerge *m, int i, const char *k, size_t kn);
void ni_kmerge_build(ni_kmerge *m);
/* The stream with the smallest key, or -1 when all have ended. */
static inline int ni_kmerge_top(const ni_kmerge *m)
{
	return m->n ? m->h[0] : -1;
}
/* The top stream moved on to key k (NULL: it ended). */
void ni_kmerge_advance(ni_kmerge *m, const char *k, size_t kn);
void ni_kmerge_free(ni_kmerge *m);

/* Sorting by location (gather.c): when every input is a regular file,
 * the sorter keeps a record's key and an NI_GATHER_LOC-byte location
 * (input, offset, length, checksum) in place of its line, and the output
 * reads the lines back from the inputs in order.  A record that is not
 * read back as it was read is an error (reported), never a silently
 * different output. */
#define NI_GATHER_LOC 20
typedef struct ni_gather ni_gather;
/* A gatherer for files (none: stdin): each opened now, to be read
 * through ni_gather_fds and read back through the same descriptor; or
 * NULL, when one is not a regular file, says it is empty (/proc), cannot
 * be opened (its reader will say why), is the standard output too, or
 * there are more than 256, or they leave fewer than 8 descriptors free -
 * then records are sorted by their bytes.  threads read back (ni_pool's
 * count: 0 or 1 is the caller alone). */
ni_gather *ni_gather_new(ni_diag *d, char **files, int nfiles, int threads);
/* The open inputs, for ni_lines.fds. */
const int *ni_gather_fds(const ni_gather *g);
/* The location of a line (ni_bline's fi, fpos, len; sum: ni_checksum of
 * its bytes) into loc. */
void ni_gather_loc(char loc[NI_GATHER_LOC], int fi, unsigned long long fpos,
		   size_t n, uint32_t sum);
/* Start reading back (the threads). */
void ni_gather_open(ni_gather *g);
/* Write the line at loc and a newline to out (in blocks read by the
 * threads; lines next to each other in their input are read at once;
 * each checked against its checksum).  0, or -1 after an error
 * (reported; also once out has failed): stop then. */
int ni_gather_put(ni_gather *g, const char *loc, ni_out *out);
/* Write what is left: 0, or -1 after an error (reported).  Call it
 * after ni_gather_open, whatever happened. */
int ni_gather_end(ni_gather *g, ni_out *out);
void ni_gather_free(ni_gather *g);

#endif
