/* strset.c - a string-keyed hash map with a per-process random seed. */
#include "ni.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static uint64_t hash(uint64_t seed, const char *s, size_t n)
{
	/* FNV-1a over 64 bits, seeded, with a final avalanche */
	uint64_t h = 1469598103934665603ULL ^ seed;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* Contract: see ni.h. */
void ni_strmap_init(ni_strmap *m)
{
	memset(m, 0, sizeof *m);
	if (getrandom(&m->seed, sizeof m->seed, GRND_NONBLOCK) != sizeof m->seed)
		m->seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
}

/* Contract: see ni.h. */
ni_strmap_ent *ni_strmap_get(const ni_strmap *m, const char *k, size_t n)
{
	if (!m->cap)
		return NULL;
	uint64_t h = hash(m->seed, k, n);
	for (size_t j = h & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
		ni_strmap_ent *e = &m->t[j];
		if (!e->k)
			return NULL;
		if (e->h == h && e->n == n && memcmp(e->k, k, n) == 0)
			return e;
	}
}

/* Contract: see ni.h. */
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
		if (e->h == h && e->n == n && memcmp(e->k, k, n) == 0) {
			*isnew = 0;
			return e;
		}
	}
	m->t[j] = (ni_strmap_ent){ ni_xstrndup(k, n), n, h, NULL };
	m->len++;
	*isnew = 1;
	return &m->t[j];
}

/* Contract: see ni.h. */
void ni_strmap_free(ni_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->t[i].k);
	free(m->t);
	memset(m, 0, sizeof *m);
}
