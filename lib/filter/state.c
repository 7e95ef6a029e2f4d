/* state.c - the two-phase cron state file of ni-filter --unseen/--mark.
 *
 * Format: a first line "# ni-state 1", then one "KEY<TAB>RFC3339" line
 * per key, sorted, keys escaped (\\ \t \n).  Replaced atomically (temp
 * file, fsync, rename, fsync of the folder) under an flock on STATE.lock;
 * the previous version is kept as STATE.bak. */
#define _GNU_SOURCE
#include "filter/filter_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

static const char magic[] = "# ni-state 1\n";

/* Contract: see filter_int.h. */
int ni_state_load(ni_state *s, ni_diag *d, const char *path)
{
	memset(s, 0, sizeof *s);
	s->path = ni_xstrdup(path);
	s->lockfd = -1;
	ni_strmap_init(&s->keys);
	char *text;
	size_t n;
	if (ni_read_file(path, (size_t)1 << 34, &text, &n) != 0) {
		if (errno == ENOENT)
			return 0;   /* first run: nothing marked yet */
		ni_error(d, "%s: %s", path, strerror(errno));
		ni_state_free(s);
		return -1;
	}
	if (n < sizeof magic - 1 || memcmp(text, magic, sizeof magic - 1) != 0) {
		ni_error(d, "%s: not a ni state file%s; refusing to treat "
			 "everything as unseen (see %s.bak)", path,
			 n == 0 ? " (it is empty: truncated?)" : "", path);
		free(text);
		ni_state_free(s);
		return -1;
	}
	if (text[n - 1] != '\n') {
		ni_error(d, "%s: last line is incomplete (truncated?); see %s.bak",
			 path, path);
		free(text);
		ni_state_free(s);
		return -1;
	}
	unsigned long ln = 1;
	ni_buf k = {0};
	for (char *p = text + sizeof magic - 1; p < text + n; ln++) {
		char *nl = memchr(p, '\n', (size_t)(text + n - p));
		char *tab = memchr(p, '\t', (size_t)(nl - p));
		int64_t ms;
		if (!tab || ni_date_parse_field(&(ni_datectx){ .utc = 1 }, tab + 1,
						(size_t)(nl - tab - 1), &ms)) {
			ni_error_at(d, path, ln + 1, 0, "malformed state line");
			ni_buf_free(&k);
			free(text);
			ni_state_free(s);
			return -1;
		}
		ni_buf_reset(&k);
		for (char *q = p; q < tab; q++) {
			if (*q == '\\' && q + 1 < tab) {
				q++;
				ni_buf_addc(&k, *q == 't' ? '\t' : *q == 'n' ? '\n' : *q);
			} else {
				ni_buf_addc(&k, *q);
			}
		}
		ni_state_add(s, k.s ? k.s : "", k.len, ms);
		p = nl + 1;
	}
	ni_buf_free(&k);
	free(text);
	return 0;
}

/* Contract: see filter_int.h. */
int ni_state_has(const ni_state *s, const char *k, size_t n)
{
	return ni_strmap_get(&s->keys, k, n) != NULL;
}

/* Contract: see filter_int.h.  Keeps the earlier time of a key marked twice. */
void ni_state_add(ni_state *s, const char *k, size_t n, int64_t ms)
{
	int isnew;
	ni_strmap_ent *e = ni_strmap_put(&s->keys, k, n, &isnew);
	if (isnew)
		e->v = (void *)(uintptr_t)ms;
}

/* Take the lock STATE.lock: 0 taken, 1 held by another run, -1 error. */
static int ni_state_lock(ni_state *s, ni_diag *d)
{
	size_t n = strlen(s->path) + 8;
	char *lp = ni_xmalloc(n);
	snprintf(lp, n, "%s.lock", s->path);
	s->lockfd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (s->lockfd < 0) {
		ni_error(d, "%s: %s", lp, strerror(errno));
		free(lp);
		return -1;
	}
	free(lp);
	if (flock(s->lockfd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			return 1;
		ni_error(d, "%s: lock: %s", s->path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Contract: see filter_int.h. */
int ni_state_open_locked(ni_state *s, ni_diag *d, const char *path)
{
	if (ni_state_load(s, d, path))
		return -1;
	int r = ni_state_lock(s, d);
	if (r == 1) {
		ni_error(d, "%s: locked by another run", path);
		ni_state_free(s);
		return 1;
	}
	if (r < 0) {
		ni_state_free(s);
		return -1;
	}
	/* read again under the lock: another run may have just saved */
	int fd = s->lockfd;
	s->lockfd = -1;
	ni_state_free(s);
	if (ni_state_load(s, d, path)) {
		close(fd);
		return -1;
	}
	s->lockfd = fd;
	return 0;
}

static int by_key(const void *a, const void *b)
{
	const ni_strmap_ent *x = *(ni_strmap_ent *const *)a;
	const ni_strmap_ent *y = *(ni_strmap_ent *const *)b;
	size_t m = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->k, y->k, m);
	return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Contract: see filter_int.h.  Dies (exit 2, target untouched, temp removed) on
 * any write error. */
void ni_state_save(ni_state *s, ni_diag *d, int64_t expire_before)
{
	ni_strmap_ent **v = ni_xcalloc(s->keys.len + 1, sizeof *v);
	size_t m = 0;
	for (size_t i = 0; i < s->keys.cap; i++)
		if (s->keys.t[i].k &&
		    (int64_t)(uintptr_t)s->keys.t[i].v >= expire_before)
			v[m++] = &s->keys.t[i];
	qsort(v, m, sizeof *v, by_key);
	/* keep the previous version as STATE.bak (hard link, then rename) */
	char *target = ni_path_target(s->path);   /* through a symlink */
	size_t pn = strlen(target) + 16;
	char *bak = ni_xmalloc(pn), *baktmp = ni_xmalloc(pn);
	snprintf(bak, pn, "%s.bak", target);
	snprintf(baktmp, pn, "%s.bak.tmp", target);
	unlink(baktmp);
	if (link(target, baktmp) == 0 && rename(baktmp, bak) != 0)
		unlink(baktmp);
	free(bak);
	free(baktmp);
	free(target);
	ni_out o;
	ni_out_open(&o, d, s->path);
	ni_out_puts(&o, magic);
	ni_buf line = {0};
	for (size_t i = 0; i < m; i++) {
		ni_buf_reset(&line);
		for (size_t j = 0; j < v[i]->n; j++) {
			char c = v[i]->k[j];
			if (c == '\\' || c == '\t' || c == '\n') {
				ni_buf_addc(&line, '\\');
				c = c == '\t' ? 't' : c == '\n' ? 'n' : c;
			}
			ni_buf_addc(&line, c);
		}
		char ts[40];
		ni_date_rfc3339((int64_t)(uintptr_t)v[i]->v, ts);
		ni_buf_printf(&line, "\t%s\n", ts);
		ni_out_write(&o, line.s, line.len);
	}
	ni_buf_free(&line);
	free(v);
	ni_out_close(&o);
}

/* Contract: see filter_int.h.  Releases the lock. */
void ni_state_free(ni_state *s)
{
	if (s->lockfd >= 0)
		close(s->lockfd);
	s->lockfd = -1;
	ni_strmap_free(&s->keys);
	free(s->path);
	s->path = NULL;
}
