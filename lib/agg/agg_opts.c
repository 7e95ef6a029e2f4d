/* agg_opts.c - ni-summarize's option words (--by, --hist, --trend,
 * --rank, --sort) into an ni_agg_opts, and the read loop that feeds an
 * aggregation from NDJSON lines.  ni-summarize's main only parses argv. */
#define _GNU_SOURCE
#include "agg/agg.h"

#include <stdlib.h>
#include <string.h>

/* Contract: see agg.h. */
void ni_agg_opts_init(ni_agg_opts *o)
{
	memset(o, 0, sizeof *o);
	o->date_field = NI_FIELD_DATE;
	o->max_groups = 1000000;
}

/* Contract: see agg.h.  A key may hold commas inside parentheses. */
int ni_agg_opt_by(ni_agg_opts *o, const char *s, char *err, size_t errsz)
{
	int depth = 0;
	const char *start = s;
	for (const char *p = s;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		if ((*p != ',' || depth != 0) && *p)
			continue;
		char *one = ni_xstrndup(start, (size_t)(p - start));
		ni_keyspec k;
		if (ni_keyspec_parse(one, &k)) {
			snprintf(err, errsz, "invalid --by key '%s'", one);
			free(one);
			return -1;
		}
		for (int j = 0; j < o->nby; j++)
			if (!strcmp(o->by[j].name, k.name)) {
				snprintf(err, errsz, "--by keys '%s' and '%s' would both be "
					 "named '%s'", o->by[j].spec, one, k.name);
				free(one);
				free(k.field);
				free(k.name);
				free(k.spec);
				return -1;
			}
		free(one);
		o->by = ni_xrealloc(o->by, (size_t)(o->nby + 1) * sizeof *o->by);
		o->by[o->nby++] = k;
		start = p + 1;
		if (!*p)
			break;
	}
	return 0;
}

/* Contract: see agg.h. */
int ni_agg_opt_hist(ni_agg_opts *o, const char *arg, char *err, size_t errsz)
{
	const char *colon = strrchr(arg, ':');
	if (!colon || colon == arg || !colon[1]) {
		snprintf(err, errsz, "invalid --hist '%s' (FIELD:EDGE,EDGE...)", arg);
		return -1;
	}
	char **edges = NULL;
	int ne = 0, bad = 0;
	ni_opt_words(&edges, &ne, colon + 1, 0);
	ni_hist h = { ni_xstrndup(arg, (size_t)(colon - arg)),
		      ni_xcalloc((size_t)ne + 1, sizeof *h.edges), ne };
	for (int i = 0; i < ne; i++) {
		char *end;
		h.edges[i] = strtod(edges[i], &end);
		bad |= *end || end == edges[i] || (i && h.edges[i] <= h.edges[i - 1]);
		free(edges[i]);
	}
	free(edges);
	if (bad || !ne) {
		snprintf(err, errsz, "invalid --hist edges '%s' (increasing numbers)", colon + 1);
		free(h.field);
		free(h.edges);
		return -1;
	}
	o->hist = ni_xrealloc(o->hist, (size_t)(o->nhist + 1) * sizeof *o->hist);
	o->hist[o->nhist++] = h;
	return 0;
}

/* Contract: see agg.h.  The words are durations of date.c. */
int ni_agg_opt_trend(ni_agg_opts *o, const char *arg, char *err, size_t errsz)
{
	static const struct { const char *word, *dur; } words[] = {
		{ "day", "1d" }, { "week", "1w" }, { "month", "1m" },
	};
	const char *dur = arg;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(arg, words[i].word))
			dur = words[i].dur;
	if (ni_duration_parse(dur, &o->trend_ms) || o->trend_ms <= 0) {
		snprintf(err, errsz, "invalid --trend '%s' (7d, 12h, week, month)", arg);
		return -1;
	}
	o->trend_spec = arg;
	return 0;
}

/* Contract: see agg.h. */
int ni_agg_opt_sort(ni_agg_opts *o, const char *arg, char *err, size_t errsz)
{
	static const char *names[] = { "count", "key", "change" };
	for (int i = 0; i < 3; i++)
		if (!strcmp(arg, names[i])) {
			o->sort = i;
			return 0;
		}
	snprintf(err, errsz, "invalid --sort '%s' (count, key or change)", arg);
	return -1;
}

/* Contract: see agg.h. */
int ni_agg_opts_done(ni_agg_opts *o, char *err, size_t errsz)
{
	if (o->sort == 2 && !o->trend_ms) {
		snprintf(err, errsz, "--sort change needs --trend");
		return -1;
	}
	if (!o->nby && o->items) {
		snprintf(err, errsz, "--items attaches items to groups: it needs -b");
		return -1;
	}
	if (!o->nby && o->top) {
		snprintf(err, errsz, "--top keeps the largest groups: it needs -b");
		return -1;
	}
	if (!o->nrank) {
		ni_opt_words(&o->rank, &o->nrank, NI_FIELD_CONFIDENCE, 0);
		ni_opt_words(&o->rank, &o->nrank, NI_FIELD_DATE, 0);
	}
	o->rank_asc = ni_xcalloc((size_t)o->nrank + 1, sizeof *o->rank_asc);
	for (int i = 0; i < o->nrank; i++) {
		char *colon = strrchr(o->rank[i], ':');
		if (colon && (!strcmp(colon, ":asc") || !strcmp(colon, ":desc"))) {
			o->rank_asc[i] = !strcmp(colon, ":asc");
			*colon = 0;
		}
	}
	return 0;
}

/* Contract: see agg.h. */
void ni_agg_opts_free(ni_agg_opts *o)
{
	for (int i = 0; i < o->nby; i++) {
		free(o->by[i].field);
		free(o->by[i].name);
		free(o->by[i].spec);
	}
	free(o->by);
	for (int i = 0; i < o->nstats; i++)
		free(o->stats[i]);
	free(o->stats);
	for (int i = 0; i < o->ndistinct; i++)
		free(o->distinct[i]);
	free(o->distinct);
	for (int i = 0; i < o->nhist; i++) {
		free(o->hist[i].field);
		free(o->hist[i].edges);
	}
	free(o->hist);
	for (int i = 0; i < o->nrank; i++)
		free(o->rank[i]);
	free(o->rank);
	free(o->rank_asc);
	memset(o, 0, sizeof *o);
}
