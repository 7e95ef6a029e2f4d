/* out.c - checked output to stdout or an atomically replaced file. */
#define _GNU_SOURCE
#include "base/base.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sys/uio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The first write error of o: reported (counted in o->d), the temporary
 * file removed; o->failed from then on, and later writes are dropped
 * (the run stops at its next check of o->failed).  Returns -1. */
static int out_fail(ni_out *o, int err)
{
	if (o->failed)
		return -1;
	o->failed = 1;
	ni_out_abort(o);
	ni_error(o->d, "write error%s%s: %s", o->path ? " on " : "",
		 o->path ? o->path : "", strerror(err));
	return -1;
}

/* Output goes out in blocks of this size (stdio's default is the file's
 * st_blksize, 4 KiB for a pipe: one write(2) per 4 KiB).  A terminal
 * keeps stdio's line buffering. */
#define OUT_BLOCK (256u << 10)

/* d->flush of stdout's ni_out (ni_out_open): ni_out_flush. */
static void out_flush(void *o)
{
	ni_out_flush(o);
}

static void big_buffer(ni_out *o)
{
	if (isatty(fileno(o->fp)))
		return;
	o->vbuf = malloc(OUT_BLOCK);
	if (o->vbuf && setvbuf(o->fp, o->vbuf, _IOFBF, OUT_BLOCK) != 0) {
		free(o->vbuf);
		o->vbuf = NULL;
	}
}

/* Contract: see base.h. */
char *ni_path_target(const char *path)
{
	char *cur = ni_xstrdup(path);
	for (int hops = 0; hops < 40; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		size_t cap = (size_t)st.st_size + 2 > 256 ? (size_t)st.st_size + 2 : 256;
		char *to = ni_xmalloc(cap);
		ssize_t k = readlink(cur, to, cap - 1);
		if (k < 0 || (size_t)k >= cap - 1) {
			free(to);
			break;
		}
		to[k] = 0;
		if (to[0] != '/') {
			/* relative to the folder holding the link */
			char *slash = strrchr(cur, '/');
			if (slash) {
				ni_buf b = {0};
				ni_buf_add(&b, cur, (size_t)(slash - cur + 1));
				ni_buf_adds(&b, to);
				free(to);
				to = b.s;
			}
		}
		free(cur);
		cur = to;
	}
	return cur;
}

/* Contract: see base.h.  -1 (reported) when the temporary file cannot
 * be made. */
int ni_out_open(ni_out *o, ni_diag *d, const char *path)
{
	memset(o, 0, sizeof *o);
	o->d = d;
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		big_buffer(o);
		ni_pipe_grow(1);
		if (d && !d->flush) {   /* flushed before each message */
			d->flush = out_flush;
			d->flush_ctx = o;
		}
		return 0;
	}
	/* a symlink is written through: its target is replaced, in the
	 * target's folder, and the link stays */
	o->path = ni_path_target(path);
	path = o->path;
	size_t n = strlen(path);
	o->tmp = ni_xmalloc(n + 16);
	/* An unnamed file (O_TMPFILE) in the target's folder: a kill -9
	 * before the rename leaves nothing behind.  It gets a name only
	 * when complete (ni_out_close).  Else a named mkstemp file. */
	int fd = -1;
#ifdef O_TMPFILE
	char *dcopy = ni_xstrdup(path);
	fd = open(dirname(dcopy), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
	free(dcopy);
	if (fd >= 0) {
		o->unnamed = 1;
		snprintf(o->tmp, n + 16, "%s.tmpXXXXXX", path);
	}
#endif
	if (fd < 0) {
		snprintf(o->tmp, n + 16, "%s.tmpXXXXXX", path);
		fd = mkstemp(o->tmp);
		if (fd < 0) {
			int e = errno;
			free(o->tmp);
			o->tmp = NULL;
			o->failed = 1;
			ni_error(d, "%s: cannot create temporary file: %s", path,
				 strerror(e));
			return -1;
		}
		/* new files get the usual 0666 & ~umask, not mkstemp's 0600 */
		mode_t um = umask(0);
		umask(um);
		if (fchmod(fd, 0666 & ~um)) {}
	}
	/* replacing a file keeps its mode (a 0600 state stays 0600) and,
	 * where allowed, its owner */
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		if (fchown(fd, st.st_uid, st.st_gid)) {}
		if (fchmod(fd, st.st_mode & 07777)) {}
	}
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		int e = errno;
		close(fd);
		return out_fail(o, e);
	}
	big_buffer(o);
	return 0;
}

/* Contract: see base.h. */
void ni_out_write(ni_out *o, const void *p, size_t n)
{
	if (n && !o->failed && fwrite(p, 1, n, o->fp) != n)
		out_fail(o, errno ? errno : EIO);
}

/* Contract: see base.h. */
void ni_out_writev(ni_out *o, struct iovec *v, int n)
{
	if (o->failed || n <= 0)
		return;
	ni_out_flush(o);
	if (o->failed)
		return;
	int fd = fileno(o->fp);
	while (n > 0) {
		ssize_t w = writev(fd, v, n > IOV_MAX ? IOV_MAX : n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 || (w == 0 && v->iov_len)) {
			out_fail(o, w < 0 ? errno : EIO);
			return;
		}
		for (; n > 0 && (size_t)w >= v->iov_len; v++, n--)
			w -= (ssize_t)v->iov_len;
		if (n > 0) {
			v->iov_base = (char *)v->iov_base + w;
			v->iov_len -= (size_t)w;
		}
	}
}

/* Contract: see base.h. */
void ni_out_flush(ni_out *o)
{
	if (o && o->fp && !o->failed && fflush(o->fp) != 0)
		out_fail(o, errno ? errno : EIO);
}

/* Contract: see base.h. */
void ni_out_puts(ni_out *o, const char *s)
{
	ni_out_write(o, s, strlen(s));
}

/* Contract: see base.h. */
void ni_out_printf(ni_out *o, const char *fmt, ...)
{
	if (o->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(o->fp, fmt, ap);
	va_end(ap);
	if (r < 0)
		out_fail(o, errno ? errno : EIO);
}

/* Does the flushed temporary file of o hold the same bytes as the file
 * it replaces?  0 when that file is missing, unreadable or differs. */
static int same_as_target(ni_out *o)
{
	struct stat a, b;
	int fd = fileno(o->fp);
	if (fstat(fd, &a) || stat(o->path, &b) || !S_ISREG(b.st_mode) ||
	    a.st_size != b.st_size)
		return 0;
	int tfd = open(o->path, O_RDONLY | O_CLOEXEC);
	if (tfd < 0)
		return 0;
	char x[16384], y[16384];
	off_t off = 0;
	int same = 1;
	while (same && off < a.st_size) {
		ssize_t n = pread(fd, x, sizeof x, off);
		if (n <= 0 || read(tfd, y, (size_t)n) != n || memcmp(x, y, (size_t)n))
			same = 0;
		else
			off += n;
	}
	close(tfd);
	return same;
}

/* Close stdout: closing reports EBADF and a late ENOSPC.  0 or -1. */
static int close_stdout(ni_out *o)
{
	int rc = 0;
	if (o->d && o->d->flush_ctx == o) {
		o->d->flush = NULL;
		o->d->flush_ctx = NULL;
	}
	errno = 0;
	if (fclose(o->fp) != 0 || errno == EBADF)
		rc = out_fail(o, errno ? errno : EIO);
	o->fp = NULL;
	free(o->vbuf);
	o->vbuf = NULL;
	return rc;
}

/* Give o's complete unnamed file (O_TMPFILE) a fresh temporary name, for
 * the rename over the target.  0, or -1 after out_fail. */
static int name_tmpfile(ni_out *o)
{
	char proc[64];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fileno(o->fp));
	for (int tries = 0;; tries++) {
		int fd2 = mkstemp(o->tmp);   /* reserve a fresh name */
		if (fd2 < 0)
			return out_fail(o, errno);
		close(fd2);
		unlink(o->tmp);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp,
			   AT_SYMLINK_FOLLOW) == 0)
			break;
		if (errno != EEXIST || tries > 10)
			return out_fail(o, errno);
		snprintf(o->tmp + strlen(o->path), 16, ".tmpXXXXXX");
	}
	o->unnamed = 0;
	return 0;
}

/* fsync the folder of o->path after the rename, so the new name lasts.
 * 0, or -1 (reported; the file is in place, its name may not last). */
static int sync_folder(ni_out *o)
{
	char *dcopy = ni_xstrdup(o->path);
	int dfd = open(dirname(dcopy), O_RDONLY | O_DIRECTORY);
	free(dcopy);
	if (dfd < 0)
		return 0;
	int rc = 0;
	if (fsync(dfd) != 0 && errno != EINVAL) {
		ni_error(o->d, "%s: fsync of folder: %s", o->path,
			 strerror(errno));
		rc = -1;
	}
	close(dfd);
	return rc;
}

/* Contract: see base.h. */
int ni_out_close(ni_out *o)
{
	if (o->failed) {
		ni_out_abort(o);
		if (!o->path && o->fp) {
			fclose(o->fp);   /* stdout: nothing more goes out */
			o->fp = NULL;
		}
		free(o->vbuf);
		o->vbuf = NULL;
		free(o->path);
		o->path = NULL;
		return -1;
	}
	errno = 0;
	if (fflush(o->fp) != 0 || ferror(o->fp))
		return out_fail(o, errno ? errno : EIO);
	if (!o->path)
		return close_stdout(o);
	if (same_as_target(o)) {
		/* the file already holds exactly this: left as it was
		 * (its mtime too), so a rerun on unchanged input changes
		 * no file */
		ni_out_abort(o);
		free(o->path);
		o->path = NULL;
		return 0;
	}
	if (fsync(fileno(o->fp)) != 0)
		return out_fail(o, errno);
	if (o->unnamed && name_tmpfile(o) != 0)
		return -1;
	if (fclose(o->fp) != 0) {
		o->fp = NULL;
		return out_fail(o, errno);
	}
	o->fp = NULL;
	free(o->vbuf);
	o->vbuf = NULL;
	if (rename(o->tmp, o->path) != 0)
		return out_fail(o, errno);
	int rc = sync_folder(o);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return rc;
}

/* Contract: removes the temporary file, if any; safe to call twice. */
void ni_out_abort(ni_out *o)
{
	if (o->tmp) {
		if (o->fp)
			fclose(o->fp);
		o->fp = NULL;
		free(o->vbuf);
		o->vbuf = NULL;
		if (!o->unnamed)
			unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
}

/* Contract: see base.h. */
int ni_mkdirs(ni_diag *d, const char *dir)
{
	if (!*dir)
		return 0;
	char *p = ni_xstrdup(dir);
	for (char *s = p + 1; ; s++) {
		if (*s && *s != '/')
			continue;
		char c = *s;
		*s = 0;
		if (mkdir(p, 0777) && errno != EEXIST) {
			ni_error(d, "%s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		if (!c)
			break;
		*s = c;
	}
	free(p);
	return 0;
}

/* Contract: see base.h. */
void ni_pipe_grow(int fd)
{
#ifdef F_SETPIPE_SZ
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) &&
	    fcntl(fd, F_GETPIPE_SZ) < (1 << 20))
		(void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#else
	(void)fd;
#endif
}

/* Contract: see base.h. */
const char *ni_name_check(const char *name, size_t n)
{
	if (!n)
		return "is empty";
	if (n > 255)
		return "is longer than 255 bytes";
	if (memchr(name, '/', n))
		return "holds '/' (it would not be a file in the folder)";
	if ((n == 1 && name[0] == '.') || (n == 2 && !memcmp(name, "..", 2)))
		return "is '.' or '..'";
	if (name[0] == '.')
		return "starts with '.' (a hidden file, which ni-parse never reads)";
	for (size_t i = 0; i < n;) {
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)name + i, n - i, &k);
		if (c < 0)
			return "is not valid UTF-8";
		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			return "holds a control character";
		i += k;
	}
	return NULL;
}
