/* input.c - whole-file reads, the NDJSON line reader, rejects files. */
#define _GNU_SOURCE
#include "record/record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Contract: see record.h.  b's old contents are dropped, its memory reused;
 * b->s is NUL-terminated (not counted in b->len). */
int ni_read_file_buf(const char *path, size_t max, ni_buf *b)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	int reg = 0;
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			if (fd)
				close(fd);
			errno = EISDIR;
			return -1;
		}
		if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
			if (fd)
				close(fd);
			errno = EFBIG;
			return -1;
		}
		reg = S_ISREG(st.st_mode);
	}
	/* a regular file: its size + 1, so one read() normally gets it all
	 * and the short count says end of file (no second read) */
	size_t want = reg ? (size_t)st.st_size + 1 : 65536;
	if (want > max + 1)
		want = max + 1;
	b->len = 0;
	ni_buf_grow(b, want);
	for (;;) {
		if (b->len + 1 >= b->cap) {
			if (b->len > max)
				break;
			ni_buf_grow(b, b->cap);   /* doubles */
		}
		size_t room = b->cap - 1 - b->len;
		if (room > max + 1 - b->len)
			room = max + 1 - b->len;
		ssize_t r = read(fd, b->s + b->len, room);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			if (fd)
				close(fd);
			errno = e;
			return -1;
		}
		b->len += (size_t)r;
		if (r == 0 || b->len > max || (reg && (size_t)r < room))
			break;
	}
	if (fd)
		close(fd);
	if (b->len > max) {
		errno = EFBIG;
		return -1;
	}
	b->s[b->len] = 0;
	return 0;
}

/* Contract: see record.h.  *out is NUL-terminated (not counted in *len). */
int ni_read_file(const char *path, size_t max, char **out, size_t *len)
{
	ni_buf b = {0};
	if (ni_read_file_buf(path, max, &b) != 0) {
		int e = errno;
		ni_buf_free(&b);
		errno = e;
		return -1;
	}
	*out = b.s;
	*len = b.len;
	return 0;
}

/* Contract: see record.h.  files are borrowed for the reader's lifetime. */
void ni_lines_init(ni_lines *l, ni_diag *d, char **files, int nfiles)
{
	memset(l, 0, sizeof *l);
	l->d = d;
	l->files = files;
	l->nfiles = nfiles;
	l->max_line = NI_MAX_LINE;
	l->fi = -1;
	l->fd = -1;
}

static void close_cur(ni_lines *l)
{
	if (l->fd > 0 && !l->fds)
		close(l->fd);
	l->fd = -1;
}

static int open_next(ni_lines *l)
{
	for (;;) {
		close_cur(l);
		l->fi++;
		if (l->nfiles == 0) {
			if (l->fi > 0)
				return 0;
			l->name = "-";
		} else {
			if (l->fi >= l->nfiles)
				return 0;
			l->name = l->files[l->fi];
		}
		l->lineno = 0;
		l->foff = 0;
		l->pos = l->end = 0;
		l->eof = 0;
		l->skipping = 0;
		if (l->fds) {
			l->fd = l->fds[l->fi];
			off_t at = lseek(l->fd, 0, SEEK_CUR);
			l->foff = at > 0 ? (unsigned long long)at : 0;
			return 1;
		}
		if (strcmp(l->name, "-") == 0) {
			l->fd = 0;
			ni_pipe_grow(0);
			off_t at = lseek(0, 0, SEEK_CUR);
			l->foff = at > 0 ? (unsigned long long)at : 0;
			return 1;
		}
		l->fd = open(l->name, O_RDONLY | O_CLOEXEC);
		if (l->fd < 0) {
			ni_error(l->d, "%s: %s", l->name, strerror(errno));
			continue;
		}
		struct stat st;
		if (fstat(l->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			ni_error(l->d, "%s: %s", l->name, strerror(EISDIR));
			continue;
		}
		posix_fadvise(l->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
		return 1;
	}
}

/* Read more bytes after l->end; returns 0 at end of file.
 *
 * Why read() into one reused 1 MiB buffer and not mmap: measured on the
 * bench machine (a 2-core KVM/PVM guest, Linux 6.18, ext4, file in the
 * page cache), finding the newlines of a 211 MB file took 0.035-0.040 s
 * with read() + memchr but 0.12-0.14 s with mmap + memchr (0.094 s with
 * MADV_POPULATE_READ, 0.11 s with MAP_POPULATE): the first touch of each
 * 4 KiB user mapping costs more than the kernel's copy through its huge
 * page direct map, and the copied block is then hot in the cache for the
 * validator.  A trial mmap reader (windows populated ahead, pages given
 * back behind, SIGBUS on a shrinking file answered with a zero page)
 * made ni-filter -j 1 0.128 -> 0.236 s user on 100k records, so it was
 * not kept. */
static int fill(ni_lines *l)
{
	/* held lines are before pos: they must not move or be overwritten */
	if (l->hold && l->pos > 0 && (l->pos == l->end || l->end == l->cap))
		return NI_LINES_SWAP;
	if (l->pos > 0 && l->pos == l->end) {
		l->foff += l->end;
		l->pos = l->end = 0;
	} else if (l->pos > 0 && l->end == l->cap) {
		l->foff += l->pos;
		memmove(l->buf, l->buf + l->pos, l->end - l->pos);
		l->end -= l->pos;
		l->pos = 0;
	}
	if (l->end == l->cap) {
		l->cap *= 2;
		l->buf = ni_xrealloc(l->buf, l->cap + 1);
	}
	for (;;) {
		ssize_t r = read(l->fd, l->buf + l->end, l->cap - l->end);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ni_error(l->d, "%s: read error: %s", l->name,
				 strerror(errno));
			return 0;
		}
		l->end += (size_t)r;
		return r > 0;
	}
}

/* Contract: see record.h. */
long ni_lines_next(ni_lines *l, const char **line)
{
	if (!l->buf) {
		/* held (batches): 1 MiB, measured against 256 KiB to 4 MiB
		 * on 1M records - a quarter of the hand-overs of 256 KiB
		 * (futex wake-ups, 4% of -b tags), 5-8% less CPU; 2 MiB and
		 * more lost the batch from the L2 cache */
		l->cap = 1u << 20;
		l->buf = ni_xmalloc(l->cap + 1);
	}
	for (;;) {
		if (l->fd < 0 && !open_next(l))
			return -1;
		char *s = l->buf + l->pos;
		char *nl = l->pos < l->end ?
			memchr(s, '\n', l->end - l->pos) : NULL;
		size_t n;
		if (nl) {
			n = (size_t)(nl - s);
			l->pos += n + 1;
		} else if (!l->eof) {
			size_t have = l->end - l->pos;
			if (have > l->max_line + 1) {
				/* over-long: drop what we have, remember */
				l->skipping = 1;
				l->pos = l->end;
			}
			int f = fill(l);
			if (f == NI_LINES_SWAP)
				return NI_LINES_SWAP;
			if (!f)
				l->eof = 1;
			continue;
		} else if (l->pos < l->end) {
			/* last line without a newline */
			n = l->end - l->pos;
			l->pos = l->end;
		} else {
			if (l->skipping) {
				l->skipping = 0;
				l->lineno++;
				if (l->hold)
					return NI_LINES_LONG;
				ni_error_at(l->d, l->name, l->lineno, 0,
					    "%s", ni_lines_toolong(l));
			}
			if (l->hold && l->pos > 0)
				return NI_LINES_SWAP;   /* the next file reads at 0 */
			close_cur(l);
			continue;
		}
		l->lineno++;
		if (l->skipping || n > l->max_line) {
			l->skipping = 0;
			if (l->hold)
				return NI_LINES_LONG;
			ni_error_at(l->d, l->name, l->lineno, 0,
				    "%s", ni_lines_toolong(l));
			continue;
		}
		if (n && s[n - 1] == '\r')
			n--;
		s[n] = 0;
		if (l->lineno == 1 && n >= 3 &&
		    memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		size_t i = 0;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i == n)
			continue;
		*line = s;
		l->nread++;
		return (long)n;
	}
}

/* Contract: see record.h. */
const char *ni_lines_toolong(ni_lines *l)
{
	snprintf(l->toolong, sizeof l->toolong, "record longer than %zu bytes",
		 l->max_line);
	return l->toolong;
}

/* Contract: see record.h. */
void ni_lines_swap(ni_lines *l, ni_buf *b)
{
	if (!l->buf) {          /* nothing read yet: nothing to take */
		ni_buf_reset(b);
		return;
	}
	size_t rest = l->end - l->pos;
	if (b->cap < l->cap + 1) {
		free(b->s);
		b->s = ni_xmalloc(l->cap + 1);
		b->cap = l->cap + 1;
	}
	memcpy(b->s, l->buf + l->pos, rest);
	char *old = l->buf;
	size_t oldcap = l->cap + 1;
	l->buf = b->s;
	l->cap = b->cap - 1;
	b->s = old;
	b->cap = oldcap;
	b->len = l->pos;
	l->foff += l->pos;
	l->pos = 0;
	l->end = rest;
}

/* Contract: releases the reader's buffer and open file. */
void ni_lines_free(ni_lines *l)
{
	close_cur(l);
	free(l->buf);
	l->buf = NULL;
}

/* Contract: see record.h.  Dies if path cannot be created. */
void ni_rejects_open(ni_rejects *r, ni_diag *d, const char *path)
{
	r->open = 0;
	if (!path)
		return;
	ni_out_open(&r->out, d, path);
	r->open = 1;
}

/* Contract: see record.h.  A file name that is not UTF-8 is written with
 * U+FFFD for its bad bytes, so the reject line stays valid JSON. */
void ni_rejects_add(ni_rejects *r, const char *file, unsigned long line,
		    unsigned long col, const char *msg)
{
	if (!r->open)
		return;
	ni_buf b = {0}, f8 = {0};
	ni_buf_adds(&b, "{\"" NI_KEY_PATH "\":");
	ni_utf8_clean(&f8, file, strlen(file));
	ni_json_quote(&b, f8.s, f8.len);
	ni_buf_free(&f8);
	ni_buf_printf(&b, ",\"" NI_KEY_LINE "\":%lu,\"" NI_KEY_COL "\":%lu,\""
		      NI_KEY_ERROR "\":", line, col);
	ni_json_quote(&b, msg, strlen(msg));
	ni_buf_adds(&b, "}\n");
	ni_out_write(&r->out, b.s, b.len);
	ni_buf_free(&b);
}

/* Contract: commits the rejects file (atomic rename). */
void ni_rejects_close(ni_rejects *r)
{
	if (r->open)
		ni_out_close(&r->out);
	r->open = 0;
}
