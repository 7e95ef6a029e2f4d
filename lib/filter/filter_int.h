/* filter_int.h - internal to lib/filter (filter.c, state.c, dedup.c):
 * the cron state files of --unseen/--mark and the near-duplicate index
 * of --near-dup.  Nothing outside lib/filter includes it. */
#ifndef NI_FILTER_INT_H
#define NI_FILTER_INT_H

#include "filter/filter.h"

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

#endif
