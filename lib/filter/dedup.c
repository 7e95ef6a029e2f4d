/* dedup.c - near-duplicate detection (MinHash + LSH).  Canonical URLs
 * are in url.c. */
#include "filter/filter_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NH 64        /* hash functions */
#define BANDS 16     /* LSH bands of NH/BANDS rows */
#define ROWS (NH / BANDS)
#define BUCKET_MAX 64 /* texts kept per LSH bucket */

static uint64_t mix(uint64_t x)
{
	x ^= x >> 31;
	x *= 0x7fb5d329728ea185ULL;
	x ^= x >> 27;
	x *= 0x81dadef4bc2dd44dULL;
	x ^= x >> 33;
	return x;
}

/* Contract: see filter_int.h. */
void ni_neardup_init(ni_neardup *nd, double threshold)
{
	memset(nd, 0, sizeof *nd);
	nd->threshold = threshold;
}

static void sig_of(const char *s, size_t n, uint32_t sig[NH])
{
	/* normalize: NFC + case fold; letters and digits kept, runs of
	 * anything else become one space */
	ni_buf b = {0};
	ni_nfc(s, n, 1, &b);
	int32_t cps[3] = { ' ', ' ', ' ' };
	int have = 0;
	for (int i = 0; i < NH; i++)
		sig[i] = UINT32_MAX;
	utf8proc_ssize_t i = 0, len = (utf8proc_ssize_t)b.len;
	int32_t prev = ' ';
	int shingles = 0;
	while (i < len) {
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)b.s + i, (size_t)(len - i), &k);
		if (c < 0) c = 0xFFFD;
		i += (utf8proc_ssize_t)k;
		utf8proc_category_t cat = utf8proc_category(c);
		int alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
			    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
		if (!alnum)
			c = ' ';
		if (c == ' ' && prev == ' ')
			continue;
		prev = c;
		cps[0] = cps[1];
		cps[1] = cps[2];
		cps[2] = c;
		if (++have < 3)
			continue;
		uint64_t x = ((uint64_t)(uint32_t)cps[0] << 42) ^
			     ((uint64_t)(uint32_t)cps[1] << 21) ^ (uint32_t)cps[2];
		shingles++;
		for (int h = 0; h < NH; h++) {
			uint32_t v = (uint32_t)mix(x ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(h + 1)));
			if (v < sig[h])
				sig[h] = v;
		}
	}
	if (!shingles) {  /* very short text: one shingle of all of it */
		uint64_t x = 1469598103934665603ULL;
		for (size_t j = 0; j < b.len; j++)
			x = (x ^ (unsigned char)b.s[j]) * 1099511628211ULL;
		for (int h = 0; h < NH; h++)
			sig[h] = (uint32_t)mix(x ^ (uint64_t)h);
	}
	ni_buf_free(&b);
}

static uint64_t band_key(const uint32_t *sig, int band)
{
	uint64_t x = (uint64_t)band * 0x100000001b3ULL;
	for (int r = 0; r < ROWS; r++)
		x = mix(x ^ sig[band * ROWS + r]);
	return x | 1;   /* 0 marks an empty slot */
}

static void tab_put(ni_neardup *nd, uint64_t key, uint32_t idx)
{
	if ((nd->tn + 1) * 2 > nd->tcap) {
		size_t nc = nd->tcap ? nd->tcap * 2 : 1024;
		uint64_t *nk = ni_xcalloc(nc, sizeof *nk);
		uint32_t *nv = ni_xcalloc(nc, sizeof *nv);
		for (size_t i = 0; i < nd->tcap; i++) {
			if (!nd->tkey[i])
				continue;
			size_t j = nd->tkey[i] & (nc - 1);
			while (nk[j])
				j = (j + 1) & (nc - 1);
			nk[j] = nd->tkey[i];
			nv[j] = nd->tval[i];
		}
		free(nd->tkey);
		free(nd->tval);
		nd->tkey = nk;
		nd->tval = nv;
		nd->tcap = nc;
	}
	/* a bucket keeps its first BUCKET_MAX texts: texts sharing one band
	 * (boilerplate) would otherwise make every check walk one long chain
	 * (quadratic time); a true near-duplicate shares most bands, so it
	 * is still found through another one */
	size_t j = key & (nd->tcap - 1);
	int same = 0;
	while (nd->tkey[j]) {
		if (nd->tkey[j] == key && ++same >= BUCKET_MAX)
			return;
		j = (j + 1) & (nd->tcap - 1);
	}
	nd->tkey[j] = key;
	nd->tval[j] = idx;
	nd->tn++;
}

/* Contract: see filter_int.h. */
int ni_neardup_check(ni_neardup *nd, const char *s, size_t n,
		     uint64_t tag, uint64_t *dup_tag, double *sim)
{
	uint32_t sig[NH];
	sig_of(s, n, sig);
	uint64_t keys[BANDS];
	for (int b = 0; b < BANDS; b++) {
		keys[b] = band_key(sig, b);
		if (!nd->tcap)
			continue;
		for (size_t j = keys[b] & (nd->tcap - 1); nd->tkey[j];
		     j = (j + 1) & (nd->tcap - 1)) {
			if (nd->tkey[j] != keys[b])
				continue;
			uint32_t idx = nd->tval[j];
			const uint32_t *o = nd->sigs + (size_t)idx * NH;
			int same = 0;
			for (int h = 0; h < NH; h++)
				same += o[h] == sig[h];
			double est = (double)same / NH;
			if (est >= nd->threshold) {
				*dup_tag = nd->tags[idx];
				*sim = est;
				return 1;
			}
		}
	}
	if (nd->n == nd->cap) {
		nd->cap = nd->cap ? nd->cap * 2 : 1024;
		nd->sigs = ni_xrealloc(nd->sigs, nd->cap * NH * sizeof *nd->sigs);
		nd->tags = ni_xrealloc(nd->tags, nd->cap * sizeof *nd->tags);
	}
	memcpy(nd->sigs + nd->n * NH, sig, sizeof sig);
	nd->tags[nd->n] = tag;
	for (int b = 0; b < BANDS; b++)
		tab_put(nd, keys[b], (uint32_t)nd->n);
	nd->n++;
	return 0;
}

/* Contract: see filter_int.h. */
void ni_neardup_free(ni_neardup *nd)
{
	free(nd->sigs);
	free(nd->tags);
	free(nd->tkey);
	free(nd->tval);
	memset(nd, 0, sizeof *nd);
}
