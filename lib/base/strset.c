/* strset.c - a string-keyed hash map with a per-process random seed. */
#include "base/base.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

static uint64_t hash(uint64_t seed, const char *s, size_t n)
{
	/* seeded, 8 bytes a step (a multiply and a shift each), then a
	 * final avalanche; byte-at-a-time FNV-1a was 8% of ni-summarize
	 * -b tags.  The seed is random per process: no order or output
	 * depends on the hash. */
	uint64_t h = seed ^ (n * 0x9E3779B97F4A7C15ULL);
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	uint64_t t = 0;
	memcpy(&t, s + i, n - i);
	h = (h ^ t) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* Contract: see base.h.  XXH3 (libxxhash), its low 32 bits: it mixes
 * every 8 bytes with a multiply, so no simple edit cancels out.  The
 * Fletcher-like sums this replaced (per lane, a sum of the words and a
 * sum of those sums) missed two case changes 256 bytes apart, or +1 and
 * -1 8 KiB apart.  Over 1 GiB of 2,100-byte records: 0.069 s, where the
 * sums took 0.039 s (ni-sort checksums every record twice). */
uint32_t ni_checksum(const void *p, size_t n)
{
	return (uint32_t)XXH3_64bits(p, n);
}

/* n bytes of a and b equal?  Inline, 8 bytes a step: the keys are short
 * and a call to memcmp cost more than the comparison. */
static int same(const char *a, const char *b, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return 0;
	}
	for (; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* Contract: see base.h. */
void ni_strmap_init(ni_strmap *m)
{
	memset(m, 0, sizeof *m);
	if (getrandom(&m->seed, sizeof m->seed, GRND_NONBLOCK) != sizeof m->seed)
		m->seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
}

/* Contract: see base.h. */
ni_strmap_ent *ni_strmap_get(const ni_strmap *m, const char *k, size_t n)
{
	if (!m->cap)
		return NULL;
	uint64_t h = hash(m->seed, k, n);
	for (size_t j = h & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
		ni_strmap_ent *e = &m->t[j];
		if (!e->k)
			return NULL;
		if (e->h == h && e->n == n && same(e->k, k, n))
			return e;
	}
}

/* Contract: see base.h. */
ni_strmap_ent *ni_strmap_put(ni_strmap *m, const char *k, size_t n,
			     int *isnew)
{
	if ((m->len + 1) * 2 > m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 64;
		ni_strmap_ent *nt = ni_xcalloc(nc, sizeof *nt);
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->t[i].k)
				continue;
			size_t j = m->t[i].h & (nc - 1);
			while (nt[j].k)
				j = (j + 1) & (nc - 1);
			nt[j] = m->t[i];
		}
		free(m->t);
		m->t = nt;
		m->cap = nc;
	}
	uint64_t h = hash(m->seed, k, n);
	size_t j = h & (m->cap - 1);
	for (;; j = (j + 1) & (m->cap - 1)) {
		ni_strmap_ent *e = &m->t[j];
		if (!e->k)
			break;
		if (e->h == h && e->n == n && same(e->k, k, n)) {
			*isnew = 0;
			return e;
		}
	}
	m->t[j] = (ni_strmap_ent){ ni_xstrndup(k, n), n, h, NULL };
	m->len++;
	*isnew = 1;
	return &m->t[j];
}

/* Contract: see base.h. */
void ni_strmap_free(ni_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->t[i].k);
	free(m->t);
	memset(m, 0, sizeof *m);
}

/* Contract: see base.h. */
void ni_hashset_init(ni_hashset *s)
{
	ni_strmap tmp;
	ni_strmap_init(&tmp);      /* for its random seed */
	memset(s, 0, sizeof *s);
	s->seed = tmp.seed ^ 0x5bd1e995ULL;
}

/* Contract: see base.h. */
int ni_hashset_add(ni_hashset *s, const char *k, size_t n, uint32_t *tag)
{
	uint64_t h = hash(s->seed, k, n) | 1;   /* 0 marks a free slot */
	if ((s->len + 1) * 2 > s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 1024;
		uint64_t *nh = ni_xcalloc(nc, sizeof *nh);
		uint32_t *nt = ni_xcalloc(nc, sizeof *nt);
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->h[i])
				continue;
			size_t j = s->h[i] & (nc - 1);
			while (nh[j])
				j = (j + 1) & (nc - 1);
			nh[j] = s->h[i];
			nt[j] = s->tag[i];
		}
		free(s->h);
		free(s->tag);
		s->h = nh;
		s->tag = nt;
		s->cap = nc;
	}
	size_t j = h & (s->cap - 1);
	for (; s->h[j]; j = (j + 1) & (s->cap - 1))
		if (s->h[j] == h) {
			*tag = s->tag[j];
			return 1;
		}
	s->h[j] = h;
	s->tag[j] = *tag;
	s->len++;
	return 0;
}

/* Contract: see base.h. */
void ni_hashset_free(ni_hashset *s)
{
	free(s->h);
	free(s->tag);
	memset(s, 0, sizeof *s);
}
