/* ni - the front command: lists the tools, runs one, opens its manual. */
#define _GNU_SOURCE
#include "ni.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *tools[][2] = {
	{ "parse", "Markdown items with YAML front matter -> NDJSON records" },
	{ "filter", "select records by field expressions, dates, regexes (grep for digests)" },
	{ "summarize", "group and aggregate: counts, stats, top items, trends" },
	{ "render", "terminal text, Markdown, HTML, Atom/RSS, email, CSV, templates" },
	{ "sort", "order records by fields; first N overall or per group; merge, check" },
	{ "map", "compute, set, rename and project fields: one record in, one out" },
	{ "write", "records -> item files (YAML front matter, body), atomically" },
};

static void list(FILE *fp)
{
	fputs("ni " NI_VERSION " - small Unix filters for news-item digests\n\n", fp);
	for (size_t i = 0; i < sizeof tools / sizeof *tools; i++)
		fprintf(fp, "  ni-%-10s %s\n", tools[i][0], tools[i][1]);
	fputs("\nUsage: ni TOOL [ARGS...]    run ni-TOOL\n"
	      "       ni help [TOOL]       its manual (man ni-TOOL; man 7 ni)\n"
	      "\nExample:\n"
	      "  ni-parse content/daily | ni-filter 'tags = agentic-commerce and date_published >= -7d' |\n"
	      "      ni-summarize -b week,tags --top 5 --items 3 | ni-sort -k week:desc |\n"
	      "      ni-render -f html -o digest.html\n", fp);
}

/* The manual page NAME.SEC of the ni running, from the folder its binary
 * is in: DIR/../man/NAME.SEC (a build tree) or DIR/../share/man/manSEC/
 * NAME.SEC (an installation).  Returns 1 with the path in file, else 0. */
static int page_beside(const char *name, int sec, char *file, size_t n)
{
	char self[PATH_MAX];
	ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
	if (k <= 0)
		return 0;
	self[k] = 0;
	const char *dir = dirname(self);
	snprintf(file, n, "%s/../man/%s.%d", dir, name, sec);
	if (access(file, R_OK) == 0)
		return 1;
	snprintf(file, n, "%s/../share/man/man%d/%s.%d", dir, sec, name, sec);
	return access(file, R_OK) == 0;
}

static int known(const char *t)
{
	for (size_t i = 0; i < sizeof tools / sizeof *tools; i++)
		if (!strcmp(t, tools[i][0]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	ni_diag d = { .prog = "ni" };
	if (argc < 2) {
		list(stdout);
		return 0;
	}
	const char *t = argv[1];
	if (!strcmp(t, "-h") || !strcmp(t, "--help")) {
		list(stdout);
		return 0;
	}
	if (!strcmp(t, "-V") || !strcmp(t, "--version")) {
		puts("ni " NI_VERSION);
		return 0;
	}
	if (!strcmp(t, "help")) {
		char page[64];
		if (argc > 2 && !known(argv[2]))
			return ni_usage(&d, "no tool '%s' (parse, filter, summarize, render, sort, map, write)", argv[2]);
		if (argc > 2)
			snprintf(page, sizeof page, "ni-%s", argv[2]);
		/* the page beside this ni first: a build tree (bin/../man)
		 * or an installation man does not search (bin/../share/man) */
		char file[PATH_MAX];
		if (page_beside(argc > 2 ? page : "ni", argc > 2 ? 1 : 7, file, sizeof file))
			execlp("man", "man", "-l", file, (char *)NULL);
		else
			execlp("man", "man", argc > 2 ? page : "7", argc > 2 ? NULL : "ni",
			       (char *)NULL);
		ni_error(&d, "man: %s", strerror(errno));
		return NI_EXIT_ERR;
	}
	if (!known(t))
		return ni_usage(&d, "no tool '%s' (parse, filter, summarize, render, sort, map, write)", t);
	char name[64];
	snprintf(name, sizeof name, "ni-%s", t);
	argv[1] = name;
	/* the tool installed beside this ni first, then PATH */
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = 0;
		char path[PATH_MAX + 64];
		snprintf(path, sizeof path, "%s/%s", dirname(self), name);
		if (access(path, X_OK) == 0)
			execv(path, argv + 1);
	}
	execvp(name, argv + 1);
	ni_error(&d, "%s: %s", name, strerror(errno));
	return NI_EXIT_ERR;
}
