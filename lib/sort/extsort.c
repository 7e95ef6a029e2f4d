/* extsort.c - sorting records by binary keys in bounded memory: sorted
 * runs in an unlinked temporary file, a stable k-way merge, and a
 * bounded heap for "the first N". */
#define _GNU_SOURCE
#include "sort/sort_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* One record in memory: key then line, contiguous at p; pre is the
 * key's first 8 bytes (big-endian, zero-padded) for fast comparisons. */
typedef struct ent {
	uint64_t pre;
	char *p;
	uint32_t kn, n;
} ent;

#define CHUNK (1u << 20)         /* write buffer */
#define ARENA (8u << 20)         /* record memory comes in blocks of this */
#define RBUF_MIN (64u << 10)

/* A block of record memory, mapped with transparent huge pages when the
 * system offers them (sorting touches every byte once: 4 KiB page faults
 * would cost more than the copy). */
typedef struct chunk {
	size_t used, cap, map;
	char data[];
} chunk;

static chunk *chunk_new(size_t need, size_t blk)
{
	size_t map = sizeof(chunk) + (need > blk ? need : blk);
	size_t align = map >= (2u << 20) ? (2u << 20) : 4096;
	map = (map + align - 1) & ~(align - 1);
	void *p = mmap(NULL, map, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		ni_oom();
#ifdef MADV_HUGEPAGE
	if (align > 4096)
		madvise(p, map, MADV_HUGEPAGE);
#endif
	chunk *c = p;
	c->used = 0;
	c->map = map;
	c->cap = map - sizeof(chunk);
	return c;
}

typedef struct run {
	off_t off, len;
} run;

/* A reader of one run (or an in-memory array) during the merge. */
typedef struct reader {
	int fd;
	off_t pos, end;
	char *buf;
	size_t cap, bpos, blen;
	const char *k, *l;
	size_t kn, n;
	int live;
} reader;

struct ni_sorter {
	ni_diag *d;
	size_t buffer;
	const char *tmpdir;
	int jobs;
	chunk **chunks;         /* [0..cur] hold records; the rest are free */
	size_t nchunks, cur, blk;
	ent *e, *tmp;
	size_t n, cap;
	int fd;                 /* temporary file of the runs, or -1 */
	off_t fend;
	run *runs;
	size_t nruns, capruns, spilled;
	char *wbuf;
	size_t wlen;
	/* output */
	int phase;              /* 0 adding, 1 memory, 2 merging, 3 done */
	size_t mi;              /* memory: next entry */
	reader *rd;
	ni_kmerge heap;
	int last;               /* reader returned last, to advance */
	int failed;             /* a temporary file error was reported: the
				 * sort gives no more records */
};

static uint64_t prefix(const char *k, size_t kn)
{
	uint64_t u = 0;
	for (size_t i = 0; i < 8; i++)
		u = (u << 8) | (i < kn ? (unsigned char)k[i] : 0);
	return u;
}

static int ent_cmp(const ent *a, const ent *b)
{
	if (a->pre != b->pre)
		return a->pre < b->pre ? -1 : 1;
	if (a->kn <= 8 && b->kn <= 8)
		return a->kn < b->kn ? -1 : a->kn > b->kn;
	return ni_sort_keycmp(a->p, a->kn, b->p, b->kn);
}

/* Merge the sorted halves a[0..h) and a[h..n) (stable). */
static void merge_halves(ent *a, ent *t, size_t h, size_t n)
{
	if (!h || h == n || ent_cmp(&a[h - 1], &a[h]) <= 0)
		return;
	memcpy(t, a, n * sizeof *a);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		a[k++] = ent_cmp(&t[j], &t[i]) < 0 ? t[j++] : t[i++];
	while (i < h)
		a[k++] = t[i++];
	while (j < n)
		a[k++] = t[j++];
}

/* Stable merge sort of a[0..n) using t as scratch. */
static void msort(ent *a, ent *t, size_t n)
{
	if (n < 16) {
		for (size_t i = 1; i < n; i++) {
			ent x = a[i];
			size_t j = i;
			while (j > 0 && ent_cmp(&a[j - 1], &x) > 0) {
				a[j] = a[j - 1];
				j--;
			}
			a[j] = x;
		}
		return;
	}
	size_t h = n / 2;
	msort(a, t, h);
	msort(a + h, t + h, n - h);
	merge_halves(a, t, h, n);
}

typedef struct sortjob {
	ent *a, *t;
	size_t n;
} sortjob;

static void *sort_thread(void *arg)
{
	sortjob *j = arg;
	msort(j->a, j->t, j->n);
	return NULL;
}

/* Sort with up to jobs threads: parts sorted in parallel, then merged
 * pairwise.  The result is the same stable order whatever jobs is. */
static void psort(ent *a, ent *t, size_t n, int jobs)
{
	if (jobs < 2 || n < 8192) {
		msort(a, t, n);
		return;
	}
	size_t h = n / 2;
	sortjob j = { a + h, t + h, n - h };
	pthread_t th;
	int threaded = jobs > 1 && pthread_create(&th, NULL, sort_thread, &j) == 0;
	psort(a, t, h, jobs / 2);
	if (threaded)
		pthread_join(th, NULL);
	else
		msort(a + h, t + h, n - h);
	merge_halves(a, t, h, n);
}

/* Contract: see sort.h.  buffer is clamped to at least 1 MiB; tmpdir NULL
 * means $TMPDIR, else /tmp.  Free with ni_sorter_free. */
ni_sorter *ni_sorter_new(ni_diag *d, size_t buffer, const char *tmpdir,
			 int jobs)
{
	ni_sorter *s = ni_xcalloc(1, sizeof *s);
	s->d = d;
	s->buffer = buffer < (1u << 20) ? (1u << 20) : buffer;
	if (!tmpdir || !*tmpdir)
		tmpdir = getenv("TMPDIR");
	s->tmpdir = tmpdir && *tmpdir ? tmpdir : "/tmp";
	s->jobs = jobs < 1 ? 1 : jobs;
	s->blk = s->buffer / 4 > ARENA ? ARENA : s->buffer / 4;
	s->fd = -1;
	s->last = -1;
	return s;
}

/* Memory holding records now: the blocks in use and both arrays. */
static size_t mem_used(const ni_sorter *s)
{
	size_t b = 0;
	for (size_t i = 0; s->nchunks && i <= s->cur; i++)
		b += s->chunks[i]->map;
	return b + s->cap * 2 * sizeof(ent);
}

/* The first temporary file error: reported (counted), and s fails:
 * nothing more is written or read, ni_sorter_next ends. */
__attribute__((format(printf, 2, 3)))
static void tmp_fail(ni_sorter *s, const char *fmt, ...)
{
	if (s->failed)
		return;
	s->failed = 1;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ni_error(s->d, "%s", msg);
}

/* An unlinked temporary file in tmpdir, or -1 (s failed). */
static int tmp_open(ni_sorter *s)
{
	size_t n = strlen(s->tmpdir) + 32;
	char *path = ni_xmalloc(n);
	snprintf(path, n, "%s/ni-sort.XXXXXX", s->tmpdir);
	int fd = mkstemp(path);
	if (fd < 0)
		tmp_fail(s, "cannot create a temporary file in %s: %s",
			 s->tmpdir, strerror(errno));
	else
		unlink(path);
	free(path);
	return fd;
}

/* Write the buffered bytes at *end of fd (dropped once s failed). */
static void wflush(ni_sorter *s, int fd, off_t *end)
{
	size_t off = 0;
	while (off < s->wlen && !s->failed) {
		ssize_t w = pwrite(fd, s->wbuf + off, s->wlen - off, *end);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			tmp_fail(s, "temporary file in %s: %s", s->tmpdir,
				 strerror(w < 0 ? errno : ENOSPC));
			break;
		}
		off += (size_t)w;
		*end += w;
	}
	s->wlen = 0;
}

static void wput(ni_sorter *s, int fd, off_t *end, const void *p, size_t n)
{
	if (!s->wbuf)
		s->wbuf = ni_xmalloc(CHUNK);
	while (n) {
		size_t m = CHUNK - s->wlen;
		if (m > n)
			m = n;
		memcpy(s->wbuf + s->wlen, p, m);
		s->wlen += m;
		p = (const char *)p + m;
		n -= m;
		if (s->wlen == CHUNK)
			wflush(s, fd, end);
	}
}

static void wrec(ni_sorter *s, int fd, off_t *end, const char *k, size_t kn,
		 const char *l, size_t n)
{
	uint32_t h[2] = { (uint32_t)kn, (uint32_t)n };
	wput(s, fd, end, h, sizeof h);
	wput(s, fd, end, k, kn);
	wput(s, fd, end, l, n);
}

/* Empty the blocks for the next run; with all, unmap them.  Blocks
 * larger than usual (a huge record) are always unmapped. */
static void free_chunks(ni_sorter *s, int all)
{
	size_t k = 0;
	for (size_t i = 0; i < s->nchunks; i++) {
		chunk *c = s->chunks[i];
		if (all || c->cap > s->blk) {
			munmap(c, c->map);
			continue;
		}
		c->used = 0;
		s->chunks[k++] = c;
	}
	s->nchunks = k;
	s->cur = 0;
	if (all) {
		free(s->chunks);
		s->chunks = NULL;
	}
}

/* Sort what is in memory and append it to the temporary file as a run. */
static void spill(ni_sorter *s)
{
	if (!s->n)
		return;
	psort(s->e, s->tmp, s->n, s->jobs);
	if (s->fd < 0)
		s->fd = tmp_open(s);
	off_t start = s->fend;
	for (size_t i = 0; i < s->n; i++)
		wrec(s, s->fd, &s->fend, s->e[i].p, s->e[i].kn,
		     s->e[i].p + s->e[i].kn, s->e[i].n);
	wflush(s, s->fd, &s->fend);
	if (s->nruns == s->capruns) {
		s->capruns = s->capruns ? s->capruns * 2 : 16;
		s->runs = ni_xrealloc(s->runs, s->capruns * sizeof *s->runs);
	}
	s->runs[s->nruns++] = (run){ start, s->fend - start };
	s->spilled++;
	s->n = 0;
	free_chunks(s, 0);
	/* the next run starts as the first did: arrays kept at their size
	 * count against the buffer (mem_used) and, grown beside small
	 * records to most of it, left no room for a second record, so every
	 * record after the first run became a run of its own */
	free(s->e);
	free(s->tmp);
	s->e = s->tmp = NULL;
	s->cap = 0;
}

/* Contract: see sort.h.  May write a run (a temporary file error is
 * reported once, and s fails: ni_sorter_failed). */
void ni_sorter_add(ni_sorter *s, const char *key, size_t kn,
		   const char *line, size_t n)
{
	size_t need = kn + n;
	if (s->n && mem_used(s) + need > s->buffer)
		spill(s);
	chunk *c = s->nchunks ? s->chunks[s->cur] : NULL;
	if (!c || c->cap - c->used < need) {
		if (c)
			s->cur++;
		if (s->cur < s->nchunks && s->chunks[s->cur]->cap < need) {
			/* a free block too small for this record: drop it */
			munmap(s->chunks[s->cur], s->chunks[s->cur]->map);
			s->chunks[s->cur] = s->chunks[--s->nchunks];
		}
		if (s->cur >= s->nchunks) {
			s->chunks = ni_xrealloc(s->chunks, (s->nchunks + 1) * sizeof *s->chunks);
			s->chunks[s->nchunks++] = chunk_new(need, s->blk);
			s->cur = s->nchunks - 1;
		}
		c = s->chunks[s->cur];
	}
	if (s->n == s->cap) {
		size_t blocks = mem_used(s) - s->cap * 2 * sizeof(ent);
		s->cap = s->cap ? s->cap * 2 : 4096;
		/* the scratch array is the same size: count both */
		while (s->n && blocks + s->cap * 2 * sizeof(ent) > s->buffer &&
		       s->cap > s->n + 1024)
			s->cap = s->n + (s->cap - s->n) / 2;
		s->e = ni_xrealloc(s->e, s->cap * sizeof *s->e);
		s->tmp = ni_xrealloc(s->tmp, s->cap * sizeof *s->tmp);
	}
	char *p = c->data + c->used;
	memcpy(p, key, kn);
	memcpy(p + kn, line, n);
	c->used += need;
	s->e[s->n++] = (ent){ prefix(key, kn), p, (uint32_t)kn, (uint32_t)n };
}

/* ---- merging runs ---- */

static int rd_fill(reader *r, size_t need)
{
	if (r->blen - r->bpos >= need)
		return 1;
	if (r->bpos) {
		memmove(r->buf, r->buf + r->bpos, r->blen - r->bpos);
		r->blen -= r->bpos;
		r->bpos = 0;
	}
	if (need > r->cap) {
		r->cap = need;
		r->buf = ni_xrealloc(r->buf, r->cap);
	}
	while (r->blen < need && r->pos < r->end) {
		size_t want = r->cap - r->blen;
		if ((off_t)want > r->end - r->pos)
			want = (size_t)(r->end - r->pos);
		ssize_t got = pread(r->fd, r->buf + r->blen, want, r->pos);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		r->blen += (size_t)got;
		r->pos += got;
	}
	return r->blen >= need;
}

/* Read the next record of r: 1, or 0 at its end and after a read error
 * (reported: s failed). */
static int rd_next(ni_sorter *s, reader *r)
{
	uint32_t h[2];
	int f = s->failed ? 0 : rd_fill(r, sizeof h);
	if (f < 0)
		tmp_fail(s, "temporary file: read error: %s", strerror(errno));
	if (f <= 0) {
		r->live = 0;
		return 0;
	}
	memcpy(h, r->buf + r->bpos, sizeof h);
	size_t need = sizeof h + h[0] + h[1];
	if (rd_fill(r, need) != 1) {
		tmp_fail(s, "temporary file: short read");
		r->live = 0;
		return 0;
	}
	r->k = r->buf + r->bpos + sizeof h;
	r->kn = h[0];
	r->l = r->k + r->kn;
	r->n = h[1];
	r->bpos += need;
	r->live = 1;
	return 1;
}

/* ---- a k-way merge: a min-heap of stream numbers ---- */

static int km_less(const ni_kmerge *m, int a, int b)
{
	int c = ni_sort_keycmp(m->k[a], m->kn[a], m->k[b], m->kn[b]);
	return c < 0 || (c == 0 && a < b);    /* earlier stream first: stable */
}

static void km_down(ni_kmerge *m, int i)
{
	int *h = m->h, n = m->n;
	for (;;) {
		int l = 2 * i + 1, x = i;
		if (l < n && km_less(m, h[l], h[x]))
			x = l;
		if (l + 1 < n && km_less(m, h[l + 1], h[x]))
			x = l + 1;
		if (x == i)
			return;
		int t = h[i];
		h[i] = h[x];
		h[x] = t;
		i = x;
	}
}

/* Contract: see sort.h. */
void ni_kmerge_init(ni_kmerge *m, int streams)
{
	size_t n = (size_t)streams + 1;
	m->h = ni_xcalloc(n, sizeof *m->h);
	m->k = ni_xcalloc(n, sizeof *m->k);
	m->kn = ni_xcalloc(n, sizeof *m->kn);
	m->n = 0;
}

/* Contract: see sort.h. */
void ni_kmerge_add(ni_kmerge *m, int i, const char *k, size_t kn)
{
	m->k[i] = k;
	m->kn[i] = kn;
	m->h[m->n++] = i;
}

/* Contract: see sort.h. */
void ni_kmerge_build(ni_kmerge *m)
{
	for (int i = m->n / 2; i-- > 0;)
		km_down(m, i);
}

/* Contract: see sort.h. */
void ni_kmerge_advance(ni_kmerge *m, const char *k, size_t kn)
{
	int i = m->h[0];
	if (!k) {
		m->h[0] = m->h[--m->n];
	} else {
		m->k[i] = k;
		m->kn[i] = kn;
	}
	km_down(m, 0);
}

/* Contract: see sort.h. */
void ni_kmerge_free(ni_kmerge *m)
{
	free(m->h);
	free(m->k);
	free(m->kn);
	memset(m, 0, sizeof *m);
}

/* Open readers over runs[first..first+k) with per-reader buffers of
 * about rb bytes, and build the heap. */
static void open_merge(ni_sorter *s, size_t first, size_t k, size_t rb)
{
	s->rd = ni_xcalloc(k, sizeof *s->rd);
	ni_kmerge_init(&s->heap, (int)k);
	for (size_t i = 0; i < k; i++) {
		reader *r = &s->rd[i];
		r->fd = s->fd;
		r->pos = s->runs[first + i].off;
		r->end = r->pos + s->runs[first + i].len;
		r->cap = rb;
		r->buf = ni_xmalloc(rb);
		if (rd_next(s, r))
			ni_kmerge_add(&s->heap, (int)i, r->k, r->kn);
	}
	ni_kmerge_build(&s->heap);
	s->last = -1;
}

static void close_merge(ni_sorter *s, size_t k)
{
	for (size_t i = 0; s->rd && i < k; i++)
		free(s->rd[i].buf);
	free(s->rd);
	ni_kmerge_free(&s->heap);
	s->rd = NULL;
}

/* The next record of the merge, or NULL. */
static reader *merge_next(ni_sorter *s)
{
	if (s->last >= 0) {
		reader *r = &s->rd[s->last];
		if (rd_next(s, r))
			ni_kmerge_advance(&s->heap, r->k, r->kn);
		else
			ni_kmerge_advance(&s->heap, NULL, 0);
		s->last = -1;
	}
	s->last = ni_kmerge_top(&s->heap);
	if (s->last < 0)
		return NULL;
	return &s->rd[s->last];
}

static size_t reader_buf(const ni_sorter *s, size_t k)
{
	size_t rb = s->buffer / (k + 1);
	if (rb < RBUF_MIN)
		rb = RBUF_MIN;
	if (rb > (4u << 20))
		rb = 4u << 20;
	return rb;
}

/* Merge passes until at most fanin runs are left: groups of runs are
 * merged into a new temporary file, in order (stability kept). */
static void reduce_runs(ni_sorter *s)
{
	size_t fanin = s->buffer / (2 * RBUF_MIN);
	if (fanin < 2)
		fanin = 2;
	while (s->nruns > fanin && !s->failed) {
		int nfd = tmp_open(s);
		off_t nend = 0;
		size_t nn = 0;
		for (size_t first = 0; first < s->nruns; first += fanin) {
			size_t k = s->nruns - first < fanin ? s->nruns - first : fanin;
			off_t start = nend;
			open_merge(s, first, k, reader_buf(s, k));
			reader *r;
			while ((r = merge_next(s)))
				wrec(s, nfd, &nend, r->k, r->kn, r->l, r->n);
			wflush(s, nfd, &nend);
			close_merge(s, k);
			s->runs[nn++] = (run){ start, nend - start };
		}
		close(s->fd);
		s->fd = nfd;
		s->fend = nend;
		s->nruns = nn;
	}
}

/* Contract: see sort.h.  The first call ends adding: the records in
 * memory are sorted (or, when runs were written, written as the last
 * run and all runs merged). */
int ni_sorter_next(ni_sorter *s, const char **key, size_t *kn,
		   const char **line, size_t *n)
{
	if (s->phase == 0) {
		if (!s->nruns) {
			psort(s->e, s->tmp, s->n, s->jobs);
			s->phase = 1;
		} else {
			spill(s);
			free_chunks(s, 1);
			free(s->e);
			free(s->tmp);
			s->e = s->tmp = NULL;
			s->cap = 0;
			reduce_runs(s);
			open_merge(s, 0, s->nruns, reader_buf(s, s->nruns));
			s->phase = 2;
		}
	}
	if (s->failed)
		return 0;
	if (s->phase == 1) {
		if (s->mi >= s->n)
			return 0;
		ent *e = &s->e[s->mi++];
		*key = e->p;
		*kn = e->kn;
		*line = e->p + e->kn;
		*n = e->n;
		return 1;
	}
	if (s->phase == 2) {
		reader *r = merge_next(s);
		if (r) {
			*key = r->k;
			*kn = r->kn;
			*line = r->l;
			*n = r->n;
			return 1;
		}
		close_merge(s, s->nruns);
		s->phase = 3;
	}
	return 0;
}

/* Contract: see sort.h. */
size_t ni_sorter_runs(const ni_sorter *s)
{
	return s->spilled;
}

/* Contract: see sort.h. */
int ni_sorter_failed(const ni_sorter *s)
{
	return s->failed;
}

/* Contract: releases everything; the temporary file (already unlinked)
 * is closed. */
void ni_sorter_free(ni_sorter *s)
{
	if (!s)
		return;
	if (s->phase == 2)
		close_merge(s, s->nruns);
	free_chunks(s, 1);
	free(s->e);
	free(s->tmp);
	free(s->runs);
	free(s->wbuf);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
}

/* ---- the first N: a bounded max-heap ---- */

static int top_cmp(const ni_topent *a, const ni_topent *b)
{
	int c = ni_sort_keycmp(a->p, a->kn, b->p, b->kn);
	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Contract: see sort.h.  max 0 keeps nothing. */
void ni_topn_init(ni_topn *t, size_t max)
{
	t->e = NULL;
	t->len = 0;
	t->max = max;
}

static void top_down(ni_topn *t, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < t->len && top_cmp(&t->e[l], &t->e[m]) > 0)
			m = l;
		if (l + 1 < t->len && top_cmp(&t->e[l + 1], &t->e[m]) > 0)
			m = l + 1;
		if (m == i)
			return;
		ni_topent x = t->e[i];
		t->e[i] = t->e[m];
		t->e[m] = x;
		i = m;
	}
}

/* A kept copy: a reference count, then key and line (ni_topblob_new);
 * e->p points past the count. */
static size_t *blob_refs(char *p)
{
	return (size_t *)(void *)(p - sizeof(size_t));
}

/* Contract: see sort.h. */
char *ni_topblob_new(const char *key, size_t kn, const char *line, size_t n)
{
	char *b = ni_xmalloc(sizeof(size_t) + kn + n + 1);
	char *p = b + sizeof(size_t);
	*blob_refs(p) = 1;
	memcpy(p, key, kn);
	memcpy(p + kn, line, n);
	p[kn + n] = 0;
	return p;
}

/* Contract: see sort.h. */
void ni_topblob_drop(char *p)
{
	if (p && --*blob_refs(p) == 0)
		free(blob_refs(p));
}

/* Entry e takes a reference to blob p (its key kn bytes, then n). */
static void top_ref(ni_topent *e, char *p, size_t kn, size_t n, uint64_t seq)
{
	++*blob_refs(p);
	ni_topblob_drop(e->p);
	e->p = p;
	e->kn = kn;
	e->n = n;
	e->seq = seq;
}

/* Contract: see sort.h.  Records must come with growing seq: a record
 * equal to the largest kept one is later, so it is not kept. */
int ni_topn_add_shared(ni_topn *t, char *blob, size_t kn, size_t n,
		       uint64_t seq)
{
	if (!t->max)
		return 0;
	if (t->len < t->max) {
		if (!t->e)
			t->e = ni_xcalloc(t->max < 1024 ? t->max : 1024, sizeof *t->e);
		else if ((t->len & (t->len - 1)) == 0 && t->len >= 1024)
			t->e = ni_xrealloc(t->e, (t->len * 2 < t->max ? t->len * 2 : t->max) * sizeof *t->e);
		size_t i = t->len++;
		t->e[i].p = NULL;
		top_ref(&t->e[i], blob, kn, n, seq);
		while (i > 0) {
			size_t up = (i - 1) / 2;
			if (top_cmp(&t->e[i], &t->e[up]) <= 0)
				break;
			ni_topent x = t->e[i];
			t->e[i] = t->e[up];
			t->e[up] = x;
			i = up;
		}
		return 1;
	}
	if (ni_sort_keycmp(blob, kn, t->e[0].p, t->e[0].kn) >= 0)
		return 0;
	top_ref(&t->e[0], blob, kn, n, seq);
	top_down(t, 0);
	return 1;
}

/* Contract: see sort.h. */
int ni_topn_add(ni_topn *t, const char *key, size_t kn, const char *line,
		size_t n, uint64_t seq)
{
	if (!t->max)
		return 0;
	if (t->len == t->max && ni_sort_keycmp(key, kn, t->e[0].p, t->e[0].kn) >= 0)
		return 0;   /* no copy for a record not kept */
	char *b = ni_topblob_new(key, kn, line, n);
	int kept = ni_topn_add_shared(t, b, kn, n, seq);
	ni_topblob_drop(b);
	return kept;
}

static int top_qcmp(const void *a, const void *b)
{
	return top_cmp(a, b);
}

/* Contract: see sort.h. */
void ni_topn_sort(ni_topn *t)
{
	if (t->len > 1)
		qsort(t->e, t->len, sizeof *t->e, top_qcmp);
}

/* Contract: frees the kept copies. */
void ni_topn_free(ni_topn *t)
{
	for (size_t i = 0; i < t->len; i++)
		ni_topblob_drop(t->e[i].p);
	free(t->e);
	t->e = NULL;
	t->len = 0;
}
