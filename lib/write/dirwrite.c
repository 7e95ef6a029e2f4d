/* dirwrite.c - many small files into one folder, each replaced
 * atomically, none ever half-written.
 *
 * Each file is first written to an unnamed temporary file in the folder
 * (O_TMPFILE): a run killed at any moment leaves nothing behind.  The
 * temporary files of a batch (up to BATCH files or BATCH_BYTES) are made
 * durable together with one syncfs(2) - the cost of one journal commit
 * instead of one per file - and only then get their names: a new file by
 * linkat(2) (which never replaces anything), a replaced file by a link
 * under a hidden temporary name and rename(2).  The folder is fsynced at
 * the end.  Without O_TMPFILE (some file systems) the temporary files are
 * named ".ni-write.PID.N.tmp": hidden, so ni-parse never reads one. */
#define _GNU_SOURCE
#include "write/write_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#define BATCH 64
#define BATCH_BYTES (8u << 20)

typedef struct pending {
	int fd;
	char *name;
	char *tmp;          /* named temporary file, or NULL (O_TMPFILE) */
	int replace;        /* the target existed when the record came */
	char *where;        /* "FILE:LINE" of the record, for messages */
} pending;

struct ni_dirw {
	ni_diag *d;
	char *dir;
	int dfd;
	int mode;           /* NI_DW_* */
	ni_out *dry;        /* --dry-run: names go here, nothing is written */
	ni_hashset names;   /* names given this run, tagged with their line */
	pending p[BATCH];
	int np;
	size_t pbytes;
	unsigned long seq;  /* temporary name counter */
	int no_tmpfile;     /* O_TMPFILE failed once: use named files */
	int fatal;
	unsigned long tally[NI_DW_NTALLY];
	ni_buf path;        /* scratch: DIR/NAME for messages */
	mode_t umask;
};

static const char *path_of(ni_dirw *w, const char *name)
{
	ni_buf_reset(&w->path);
	ni_buf_adds(&w->path, w->dir);
	if (w->path.len && w->path.s[w->path.len - 1] != '/')
		ni_buf_addc(&w->path, '/');
	ni_buf_adds(&w->path, name);
	return w->path.s;
}

/* Errors after which no later file can be written either. */
static int fatal_errno(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EROFS || e == EIO ||
	       e == EFBIG || e == EMFILE || e == ENFILE;
}

static void fail(ni_dirw *w, const char *where, const char *name, int e)
{
	ni_error(w->d, "%s%s%s: %s", where ? where : "", where ? ": " : "",
		 path_of(w, name), strerror(e));
	w->tally[NI_DW_ERRORS]++;
	if (fatal_errno(e))
		w->fatal = 1;
}

/* Remove the hidden temporary files that runs killed between link and
 * rename left behind: ".ni-write.PID.N.tmp" whose process is gone. */
static void sweep(int dfd)
{
	int fd = dup(dfd);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(dir))) {
		long pid;
		unsigned long seq;
		char end[8];
		if (strncmp(e->d_name, ".ni-write.", 10) ||
		    sscanf(e->d_name, ".ni-write.%ld.%lu.%7s", &pid, &seq, end) != 3 ||
		    strcmp(end, "tmp") || pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
			unlinkat(dfd, e->d_name, 0);
	}
	closedir(dir);
}

/* Contract: see write_int.h. */
ni_dirw *ni_dirw_open(ni_diag *d, const char *dir, int mode, ni_out *dry)
{
	if (!dry && ni_mkdirs(d, dir))
		return NULL;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 && !(dry && errno == ENOENT)) {
		ni_error(d, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	ni_dirw *w = ni_xcalloc(1, sizeof *w);
	w->d = d;
	w->dir = ni_xstrdup(dir);
	w->dfd = dfd;
	w->mode = mode;
	w->dry = dry;
	ni_hashset_init(&w->names);
	if (!dry)
		sweep(dfd);
	w->umask = umask(0);
	umask(w->umask);
	return w;
}

/* Is the file at name (a regular file) exactly data? */
static int same_content(ni_dirw *w, const char *name, const struct stat *st,
			const void *data, size_t n)
{
	if (!S_ISREG(st->st_mode) || (size_t)st->st_size != n)
		return 0;
	int fd = openat(w->dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char buf[65536];
	size_t off = 0;
	int same = 1;
	while (same && off <= n) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			same = r == 0 && off == n;
			break;
		}
		if (off + (size_t)r > n || memcmp((const char *)data + off, buf, (size_t)r))
			same = 0;
		off += (size_t)r;
	}
	close(fd);
	return same;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t r = write(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static char *tmp_name(ni_dirw *w)
{
	char t[64];
	snprintf(t, sizeof t, ".ni-write.%ld.%lu.tmp", (long)getpid(), w->seq++);
	return ni_xstrdup(t);
}

/* Give a complete, durable temporary file its name. */
static void finish(ni_dirw *w, pending *p)
{
	char proc[64];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", p->fd);
	if (!p->replace) {
		int r = p->tmp ? linkat(w->dfd, p->tmp, w->dfd, p->name, 0)
			       : linkat(AT_FDCWD, proc, w->dfd, p->name, AT_SYMLINK_FOLLOW);
		if (r == 0) {
			if (p->tmp)
				unlinkat(w->dfd, p->tmp, 0);
			w->tally[NI_DW_WRITTEN]++;
			return;
		}
		if (errno != EEXIST) {
			fail(w, p->where, p->name, errno);
			goto drop;
		}
		/* made by someone else since the record came */
		if (w->mode == NI_DW_NOCLOBBER) {
			if (w->d->verbose)
				ni_note_at(w->d, p->where, 0, 0, "%s: exists, skipped",
					   path_of(w, p->name));
			w->tally[NI_DW_SKIPPED]++;
			goto drop;
		}
	}
	if (!p->tmp) {
		for (int tries = 0;; tries++) {
			p->tmp = tmp_name(w);
			if (linkat(AT_FDCWD, proc, w->dfd, p->tmp, AT_SYMLINK_FOLLOW) == 0)
				break;
			int e = errno;
			free(p->tmp);
			p->tmp = NULL;
			if (e != EEXIST || tries > 10) {
				fail(w, p->where, p->name, e);
				return;
			}
		}
	}
	if (renameat(w->dfd, p->tmp, w->dfd, p->name) == 0) {
		w->tally[NI_DW_WRITTEN]++;
		return;
	}
	fail(w, p->where, p->name, errno);
drop:
	if (p->tmp)
		unlinkat(w->dfd, p->tmp, 0);
}

/* Make the batch durable, then name its files. */
static void flush(ni_dirw *w)
{
	int synced = w->np && syncfs(w->dfd) == 0;
	for (int i = 0; i < w->np; i++) {
		pending *p = &w->p[i];
		/* syncfs failed (or cannot say which file): fsync each */
		if (!synced && fsync(p->fd) != 0) {
			fail(w, p->where, p->name, errno);
			if (p->tmp)
				unlinkat(w->dfd, p->tmp, 0);
		} else {
			finish(w, p);
		}
		close(p->fd);
		free(p->name);
		free(p->tmp);
		free(p->where);
	}
	w->np = 0;
	w->pbytes = 0;
}

/* Contract: see write_int.h. */
int ni_dirw_put(ni_dirw *w, const char *name, const void *data, size_t n,
		const char *file, unsigned long line)
{
	char where[4200];
	snprintf(where, sizeof where, "%s:%lu", file, line);
	const char *why = ni_name_check(name, strlen(name));
	if (why) {
		ni_buf q = {0};
		ni_json_quote(&q, name, strlen(name));
		ni_error(w->d, "%s: file name %s %s", where, q.s, why);
		ni_buf_free(&q);
		w->tally[NI_DW_ERRORS]++;
		return -1;
	}
	uint32_t first = (uint32_t)line;
	if (ni_hashset_add(&w->names, name, strlen(name), &first)) {
		ni_error(w->d, "%s: %s: same file name as the record at line %lu "
			 "(--name can tell them apart)", where, path_of(w, name),
			 (unsigned long)first);
		w->tally[NI_DW_ERRORS]++;
		return -1;
	}
	struct stat st;
	int exists = w->dfd >= 0 &&
		     fstatat(w->dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (!exists && w->dfd >= 0 && errno != ENOENT) {
		fail(w, where, name, errno);
		return w->fatal ? -2 : -1;
	}
	if (exists && S_ISDIR(st.st_mode)) {
		fail(w, where, name, EISDIR);
		return -1;
	}
	if (exists && w->mode == NI_DW_NOCLOBBER) {
		if (w->d->verbose)
			ni_note_at(w->d, file, line, 0, "%s: exists, skipped "
				   "(--update or --force replace it)", path_of(w, name));
		w->tally[NI_DW_SKIPPED]++;
		return 0;
	}
	if (exists && w->mode == NI_DW_UPDATE &&
	    same_content(w, name, &st, data, n)) {
		w->tally[NI_DW_UNCHANGED]++;
		return 0;
	}
	if (w->dry) {
		ni_out_puts(w->dry, path_of(w, name));
		ni_out_write(w->dry, "\n", 1);
		w->tally[NI_DW_WRITTEN]++;
		return 0;
	}
	pending *p = &w->p[w->np];
	memset(p, 0, sizeof *p);
	p->fd = -1;
#ifdef O_TMPFILE
	if (!w->no_tmpfile) {
		p->fd = openat(w->dfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
		if (p->fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR ||
				  errno == EINVAL || errno == ENOENT))
			w->no_tmpfile = 1;
	}
#endif
	if (w->no_tmpfile) {
		for (int tries = 0; p->fd < 0 && tries < 10; tries++) {
			p->tmp = tmp_name(w);
			p->fd = openat(w->dfd, p->tmp, O_WRONLY | O_CREAT | O_EXCL |
				       O_CLOEXEC, 0666);
			if (p->fd < 0) {
				free(p->tmp);
				p->tmp = NULL;
				if (errno != EEXIST)
					break;
			}
		}
	}
	if (p->fd < 0) {
		fail(w, where, name, errno);
		return w->fatal ? -2 : -1;
	}
	/* a replaced file keeps its permissions */
	if (exists && S_ISREG(st.st_mode) && fchmod(p->fd, st.st_mode & 07777)) {}
	if (write_all(p->fd, data, n)) {
		int e = errno;
		close(p->fd);
		if (p->tmp)
			unlinkat(w->dfd, p->tmp, 0);
		free(p->tmp);
		fail(w, where, name, e);
		return w->fatal ? -2 : -1;
	}
	p->name = ni_xstrdup(name);
	p->where = ni_xstrdup(where);
	p->replace = exists;
	w->np++;
	w->pbytes += n;
	if (w->np == BATCH || w->pbytes >= BATCH_BYTES)
		flush(w);
	return w->fatal ? -2 : 0;
}

/* Contract: see write_int.h. */
int ni_dirw_close(ni_dirw *w, unsigned long tally[NI_DW_NTALLY])
{
	flush(w);
	int rc = w->fatal ? -1 : 0;
	if (w->dfd >= 0) {
		if (!w->dry && w->tally[NI_DW_WRITTEN] && fsync(w->dfd) != 0 &&
		    errno != EINVAL) {
			ni_error(w->d, "%s: fsync of folder: %s", w->dir, strerror(errno));
			rc = -1;
		}
		close(w->dfd);
	}
	memcpy(tally, w->tally, sizeof w->tally);
	ni_hashset_free(&w->names);
	ni_buf_free(&w->path);
	free(w->dir);
	free(w);
	return rc;
}
