/* gather.c - sorting regular files by where their records are: the
 * sorter holds each record's key and location (input, offset, length),
 * not its bytes, and the output reads the records back in order.
 *
 * Why: a full sort of a file that does not fit the buffer wrote every
 * record to temporary runs and read it back (2 GB through the kernel
 * twice more for 2 GB of input); by location, the runs hold 16 bytes a
 * record, and usually there are none.  Each input is opened once,
 * before it is read, and read back through the same descriptor (a
 * rename or a rotation does not matter), and every record read back must
 * have the checksum (ni_checksum) it had when it was read: the output is
 * the records as they were read, as by record, or an error (a record
 * changed or gone meanwhile), never a silently different output.  A
 * file that grows meanwhile (a log) is fine: its records stay where they
 * were.
 *
 * The reads are the cost (a pread a record: 3 s of 3.6 for 1M records
 * of 2 KB, mostly the page cache lookup and the system call), so blocks
 * of about 1 MiB of output are read by the worker threads and written
 * in order by the caller, and a worker hands a block's reads to the
 * kernel together, through its own io_uring (liburing): 1M reads of 2 KB
 * took 3.75 s one pread at a time and 1.05-1.9 s 256 at a time on this
 * machine, where a system call costs more than the copy.  A read the
 * ring did not do whole (or a kernel without io_uring, or
 * NI_SORT_PREAD=1) is done with pread, so the result and the errors are
 * the same either way. */
#define _GNU_SOURCE
#include "sort/sort_int.h"

#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK (1u << 20)
/* Reads in flight on a worker's ring (each a record or a run of them). */
#define DEPTH 256
/* Inputs read back at most: all are open at once at the end. */
#define MAXFILES 256

typedef struct gfile {
	const char *name;     /* for messages; "-" is stdin */
	struct stat st;
	int fd;               /* open while gathering, else -1 */
} gfile;

/* One read of a block: lines that follow each other in their input
 * (the next starts one byte - its newline - after the last). */
typedef struct gspan {
	uint32_t fi;          /* the input */
	uint64_t at;          /* where in it */
	size_t len, o;        /* its bytes, and where in the block's buf */
	size_t first, n;      /* its lines: loc[first .. first + n) */
	int r;                /* readat's result (the ring: set when whole) */
} gspan;

/* A block of output: the locations of its lines, then (read by a
 * worker) their bytes, each line with its newline. */
typedef struct gjob {
	char *loc;
	size_t nloc, caploc;
	char *buf;
	size_t len, cap;      /* len: the bytes the lines will take */
	gspan *sp;            /* the worker's reads of it */
	size_t capsp;
	int efi, eno;         /* the first read error: input, errno (0:
			       * the input is shorter now), efi -1: none */
} gjob;

/* A worker's context: its ring, set up by its first block. */
typedef struct gworker {
	const struct ni_gather *g;
	struct io_uring ring;
	int state;            /* ring: 1 set up, -1 none (pread), 0 not yet */
} gworker;

struct ni_gather {
	ni_diag *d;
	gfile *f;
	int *fds;             /* the inputs, open from the start */
	int nf;
	int threads;
	int pread_only;       /* NI_SORT_PREAD=1: no ring */
	ni_pool *pool;
	gworker *w;           /* the workers' contexts */
	void **wctx;          /* the pool's pointers to them */
	gjob *jobs, **freej;
	size_t njobs, nfree;
	gjob *cur;
	int failed;
};

/* Can this process still open a few files (temporary runs, --rejects)
 * with the inputs open? */
static int headroom(void)
{
	int fd[8], n = 0, ok = 1;
	while (n < 8 && (fd[n] = fcntl(2, F_DUPFD_CLOEXEC, 3)) >= 0)
		n++;
	ok = n == 8;
	while (n > 0)
		close(fd[--n]);
	return ok;
}

/* Contract: see sort_int.h. */
ni_gather *ni_gather_new(ni_diag *d, char **files, int nfiles, int threads)
{
	if (nfiles > MAXFILES)
		return NULL;
	ni_gather *g = ni_xcalloc(1, sizeof *g);
	g->d = d;
	g->threads = threads;
	const char *env = getenv("NI_SORT_PREAD");
	g->pread_only = env && strcmp(env, "1") == 0;
	g->nf = nfiles ? nfiles : 1;
	g->f = ni_xcalloc((size_t)g->nf, sizeof *g->f);
	g->fds = ni_xcalloc((size_t)g->nf, sizeof *g->fds);
	for (int i = 0; i < g->nf; i++)
		g->f[i].fd = -1;
	struct stat out;
	int have_out = fstat(1, &out) == 0;
	for (int i = 0; i < g->nf; i++) {
		gfile *f = &g->f[i];
		f->name = nfiles ? files[i] : "-";
		int std = strcmp(f->name, "-") == 0;
		struct stat pre;
		/* looked at before it is opened: opening a FIFO would wait
		 * for its writer */
		if (!std && (stat(f->name, &pre) != 0 || !S_ISREG(pre.st_mode))) {
			ni_gather_free(g);
			return NULL;
		}
		f->fd = std ? 0 : open(f->name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		/* not a regular file (or no longer the one looked at), or
		 * one that says it is empty (/proc), or cannot be opened
		 * (the reader will say why), or is the output too (sorted
		 * in place): by record */
		if (f->fd < 0 || fstat(f->fd, &f->st) != 0 ||
		    !S_ISREG(f->st.st_mode) || f->st.st_size == 0 ||
		    (!std && (pre.st_dev != f->st.st_dev ||
			      pre.st_ino != f->st.st_ino)) ||
		    (have_out && out.st_dev == f->st.st_dev &&
		     out.st_ino == f->st.st_ino)) {
			ni_gather_free(g);
			return NULL;
		}
		if (f->fd) {
			fcntl(f->fd, F_SETFL, 0);   /* O_NONBLOCK off */
			posix_fadvise(f->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
		}
		g->fds[i] = f->fd;
	}
	if (!headroom()) {
		ni_gather_free(g);
		return NULL;
	}
	return g;
}

/* Contract: see sort_int.h. */
const int *ni_gather_fds(const ni_gather *g)
{
	return g->fds;
}

/* Contract: see sort_int.h. */
void ni_gather_loc(char loc[NI_GATHER_LOC], int fi, unsigned long long fpos,
		   size_t n, uint32_t sum)
{
	uint32_t a = (uint32_t)fi, c = (uint32_t)n;
	uint64_t b = fpos;
	memcpy(loc, &a, 4);
	memcpy(loc + 4, &b, 8);
	memcpy(loc + 12, &c, 4);
	memcpy(loc + 16, &sum, 4);
}

static void loc_get(const char *loc, uint32_t *fi, uint64_t *at, uint32_t *n)
{
	memcpy(fi, loc, 4);
	memcpy(at, loc + 4, 8);
	memcpy(n, loc + 12, 4);
}

static uint32_t loc_sum(const char *loc)
{
	uint32_t sum;
	memcpy(&sum, loc + 16, 4);
	return sum;
}

/* Input fi failed to read back (eno, or 0: a record is not there, or
 * not as it was): reported once, and g fails. */
static void read_fail(ni_gather *g, int fi, int eno)
{
	if (g->failed)
		return;
	g->failed = 1;
	if (eno)
		ni_error(g->d, "%s: read error: %s", g->f[fi].name,
			 strerror(eno));
	else
		ni_error(g->d, "%s: a record changed or went away while it was "
			 "sorted (sort a copy, or read it from a pipe)",
			 g->f[fi].name);
}

/* Read len bytes of f at off into p: 0, or the errno (0 < r; -1 when f
 * is shorter now). */
static int readat(const gfile *f, char *p, size_t len, unsigned long long off)
{
	while (len) {
		ssize_t r = pread(f->fd, p, len, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return errno ? errno : EIO;
		if (r == 0)
			return -1;
		p += r;
		len -= (size_t)r;
		off += (unsigned long long)r;
	}
	return 0;
}

/* Are the lines of locs[0..k), read as one run into buf, what they were
 * when first read: each with its checksum, and each but the last still
 * followed by the newline that ended it then (it comes from the file
 * too: a byte changed there would join two records)? */
static int sums_ok(const char *locs, size_t k, const char *buf)
{
	for (size_t i = 0, o = 0; i < k; i++) {
		uint32_t fi, n;
		uint64_t at;
		const char *loc = locs + i * NI_GATHER_LOC;
		loc_get(loc, &fi, &at, &n);
		if (ni_checksum(buf + o, n) != loc_sum(loc) ||
		    (i + 1 < k && buf[o + n] != '\n'))
			return 0;
		o += (size_t)n + 1;
	}
	return 1;
}

/* The reads of job j: its lines, runs of adjacent ones merged, each
 * run's place in j->buf (the newline after each line set). */
static size_t spans(gjob *j)
{
	size_t ns = 0, o = 0;
	for (size_t i = 0; i < j->nloc;) {
		uint32_t fi, n, fj, m;
		uint64_t at, bt;
		size_t first = i;
		loc_get(j->loc + i * NI_GATHER_LOC, &fi, &at, &n);
		uint64_t span = n;
		for (i++; i < j->nloc; i++) {
			loc_get(j->loc + i * NI_GATHER_LOC, &fj, &bt, &m);
			if (fj != fi || bt != at + span + 1)
				break;
			span += 1 + m;     /* the newline between, the line */
		}
		if (ns == j->capsp) {
			j->capsp = j->capsp ? j->capsp * 2 : 256;
			j->sp = ni_xrealloc(j->sp, j->capsp * sizeof *j->sp);
		}
		j->sp[ns++] = (gspan){ fi, at, (size_t)span, o, first, i - first, 1 };
		o += (size_t)span;
		j->buf[o++] = '\n';
	}
	return ns;
}

/* Read the spans of j through w's ring, DEPTH at a time: a span read
 * whole gets r = 0; any other keeps r = 1, for pread.  -1 when the ring
 * itself failed (a kernel error, not seen here): the caller stops using
 * it, and preads what it did not read. */
static int ring_read(gworker *w, gjob *j, size_t ns)
{
	const ni_gather *g = w->g;
	struct io_uring *r = &w->ring;
	for (size_t s0 = 0; s0 < ns; s0 += DEPTH) {
		size_t k = ns - s0 < DEPTH ? ns - s0 : DEPTH, got = 0, queued = 0;
		for (size_t i = 0; i < k; i++) {
			gspan *sp = &j->sp[s0 + i];
			struct io_uring_sqe *q = io_uring_get_sqe(r);
			io_uring_prep_read(q, g->f[sp->fi].fd, j->buf + sp->o,
					   (unsigned)sp->len, sp->at);
			io_uring_sqe_set_data64(q, s0 + i);
		}
		while (queued < k) {
			int rc = io_uring_submit(r);
			if (rc < 0 && rc != -EINTR)
				return -1;
			queued += rc > 0 ? (size_t)rc : 0;
		}
		while (got < k) {
			struct io_uring_cqe *c;
			int rc = io_uring_wait_cqe(r, &c);
			if (rc == -EINTR)
				continue;
			if (rc < 0)
				return -1;
			gspan *sp = &j->sp[io_uring_cqe_get_data64(c)];
			if (c->res >= 0 && (size_t)c->res == sp->len)
				sp->r = 0;
			io_uring_cqe_seen(r, c);
			got++;
		}
	}
	return 0;
}

/* A worker: read the lines of job j, and check them, in order; the
 * first that is not as it was read (or cannot be read) is the job's
 * error. */
static void work(void *wctx, void *job)
{
	gworker *w = wctx;
	const ni_gather *g = w->g;
	gjob *j = job;
	if (j->cap < j->len) {
		free(j->buf);
		j->cap = j->len;
		j->buf = ni_xmalloc(j->cap);
	}
	size_t ns = spans(j);
	if (!w->state)
		w->state = !g->pread_only &&
			   io_uring_queue_init(DEPTH, &w->ring, 0) == 0 ? 1 : -1;
	int ring = w->state > 0;
	if (ring && ring_read(w, j, ns)) {
		/* the ring failed (not seen): reads it took may still land
		 * in j->buf, so that buffer is left to them (never freed
		 * or reused) and the block is read again, with pread, into
		 * a new one; this worker uses pread from now on */
		io_uring_queue_exit(&w->ring);
		w->state = -1;
		ring = 0;
		j->buf = ni_xmalloc(j->cap);
		ns = spans(j);
	}
	for (size_t i = 0; i < ns; i++) {
		gspan *sp = &j->sp[i];
		int r = ring && !sp->r ? 0 :
			readat(&g->f[sp->fi], j->buf + sp->o, sp->len, sp->at);
		if (!r && !sums_ok(j->loc + sp->first * NI_GATHER_LOC, sp->n,
				   j->buf + sp->o))
			r = -1;
		if (r) {
			j->efi = (int)sp->fi;
			j->eno = r < 0 ? 0 : r;
			return;
		}
	}
}

/* Contract: see sort_int.h. */
void ni_gather_open(ni_gather *g)
{
	int nw = g->threads ? g->threads : 1;
	g->w = ni_xcalloc((size_t)nw, sizeof *g->w);
	g->wctx = ni_xcalloc((size_t)nw, sizeof *g->wctx);
	for (int i = 0; i < nw; i++) {
		g->w[i].g = g;
		g->wctx[i] = &g->w[i];
	}
	/* two blocks a worker, one being filled */
	g->njobs = (size_t)nw * 2 + 1;
	g->pool = ni_pool_new(g->threads, g->njobs - 1, work, g->wctx);
	g->jobs = ni_xcalloc(g->njobs, sizeof *g->jobs);
	g->freej = ni_xcalloc(g->njobs, sizeof *g->freej);
	for (size_t i = 0; i < g->njobs; i++)
		g->freej[g->nfree++] = &g->jobs[i];
}

/* A block read back: written, or its error reported. */
static void consume(ni_gather *g, gjob *j, ni_out *out)
{
	if (j->efi >= 0)
		read_fail(g, j->efi, j->eno);
	else if (!g->failed)
		ni_out_write(out, j->buf, j->len);
	g->freej[g->nfree++] = j;
}

/* Hand the block being filled to the workers. */
static void submit(ni_gather *g, ni_out *out)
{
	gjob *j = g->cur, *done;
	g->cur = NULL;
	if (j && (done = ni_pool_submit(g->pool, j)))
		consume(g, done, out);
}

/* Contract: see sort_int.h. */
int ni_gather_put(ni_gather *g, const char *loc, ni_out *out)
{
	if (g->failed || out->failed)
		return -1;
	uint32_t fi, n;
	uint64_t at;
	loc_get(loc, &fi, &at, &n);
	if (g->cur && g->cur->len && g->cur->len + n + 1 > BLOCK)
		submit(g, out);
	if (!g->cur) {
		g->cur = g->freej[--g->nfree];
		g->cur->nloc = g->cur->len = 0;
		g->cur->efi = -1;
	}
	gjob *j = g->cur;
	if (j->nloc == j->caploc) {
		j->caploc = j->caploc ? j->caploc * 2 : 1024;
		j->loc = ni_xrealloc(j->loc, j->caploc * NI_GATHER_LOC);
	}
	memcpy(j->loc + j->nloc++ * NI_GATHER_LOC, loc, NI_GATHER_LOC);
	j->len += (size_t)n + 1;
	return g->failed ? -1 : 0;
}

/* Contract: see sort_int.h. */
int ni_gather_end(ni_gather *g, ni_out *out)
{
	gjob *done;
	if (g->pool) {
		submit(g, out);
		while ((done = ni_pool_next(g->pool)))
			consume(g, done, out);
	}
	return g->failed ? -1 : 0;
}

/* Contract: closes the inputs (not stdin); after ni_gather_end when
 * ni_gather_open was called. */
void ni_gather_free(ni_gather *g)
{
	if (!g)
		return;
	for (int i = 0; i < g->nf; i++)
		if (g->f[i].fd > 0)
			close(g->f[i].fd);
	free(g->fds);
	if (g->pool)
		ni_pool_free(g->pool);
	for (int i = 0; g->w && i < (g->threads ? g->threads : 1); i++)
		if (g->w[i].state > 0)
			io_uring_queue_exit(&g->w[i].ring);
	for (size_t i = 0; i < g->njobs; i++) {
		free(g->jobs[i].loc);
		free(g->jobs[i].buf);
		free(g->jobs[i].sp);
	}
	free(g->w);
	free(g->wctx);
	free(g->jobs);
	free(g->freej);
	free(g->f);
	free(g);
}
