/* walk.c - documents under a path, in a stable order. */
#define _GNU_SOURCE
#include "base/base.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int by_name(const void *a, const void *b)
{
	/* the name is the first member of walk_dir's struct ent */
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_doc(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && strcmp(name + n - 3, ".md") == 0) ||
	       (n > 9 && strcmp(name + n - 9, ".markdown") == 0);
}

static int walk_dir(ni_diag *d, const char *path,
		    int (*fn)(void *, const char *), void *arg, int depth)
{
	if (depth > 64) {
		ni_error(d, "%s: folders nested too deep", path);
		return 0;
	}
	DIR *dir = opendir(path);
	if (!dir) {
		ni_error(d, "%s: %s", path, strerror(errno));
		return 0;
	}
	/* the folder's entry type saves a stat per document; links and
	 * unknown types are stat()ed (a link is followed, as before) */
	struct ent { char *name; unsigned char type; } *names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = ni_xrealloc(names, cap * sizeof *names);
		}
		names[n].name = ni_xstrdup(e->d_name);
		names[n++].type = e->d_type;
	}
	closedir(dir);
	if (n)   /* an empty folder: names is NULL, which qsort may not take */
		qsort(names, n, sizeof *names, by_name);
	int stop = 0;
	size_t plen = strlen(path);
	int slash = plen && path[plen - 1] == '/';
	for (size_t i = 0; i < n; i++) {
		unsigned char type = names[i].type;
		if (!stop && (type != DT_REG || is_doc(names[i].name))) {
			size_t len = plen + strlen(names[i].name) + 2;
			char *full = ni_xmalloc(len);
			snprintf(full, len, "%s%s%s", path, slash ? "" : "/",
				 names[i].name);
			struct stat st;
			if (type == DT_REG) {
				stop = fn(arg, full);
			} else if (type == DT_DIR) {
				stop = walk_dir(d, full, fn, arg, depth + 1);
			} else if (stat(full, &st) != 0) {
				ni_error(d, "%s: %s", full, strerror(errno));
			} else if (S_ISDIR(st.st_mode)) {
				struct stat lst;
				/* do not follow links to folders (loops) */
				if (lstat(full, &lst) == 0 && !S_ISLNK(lst.st_mode))
					stop = walk_dir(d, full, fn, arg, depth + 1);
			} else if (is_doc(names[i].name)) {
				stop = fn(arg, full);
			}
			free(full);
		}
		free(names[i].name);
	}
	free(names);
	return stop;
}

/* Contract: see base.h. */
int ni_walk(ni_diag *d, const char *path,
	    int (*fn)(void *arg, const char *path), void *arg)
{
	struct stat st;
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return walk_dir(d, path, fn, arg, 0);
	return fn(arg, path);
}
