/* fsel.c - ni-filter's selection options as expressions: -e, -f and
 * EXPR, and the shorthand options (--tag, --source, --since, --until,
 * --min-confidence, --grep), each mapped to FIELD OP VALUE here, the one
 * place that says which field a shorthand means (schema.c names). */
#define _GNU_SOURCE
#include "filter/filter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Contract: see filter.h. */
void ni_fsel_init(ni_fsel *s, int argc)
{
	size_t n = (size_t)argc + 1;
	memset(s, 0, sizeof *s);
	s->exprs = ni_xcalloc(n, sizeof *s->exprs);
	s->ewhere = ni_xcalloc(n, sizeof *s->ewhere);
	s->tags = ni_xcalloc(n, sizeof *s->tags);
	s->srcs = ni_xcalloc(n, sizeof *s->srcs);
	s->greps = ni_xcalloc(n, sizeof *s->greps);
	s->efiles = ni_xcalloc(n, sizeof *s->efiles);
	s->datefield = NI_FIELD_DATE;
}

/* Contract: see filter.h. */
void ni_fsel_free(ni_fsel *s)
{
	free(s->exprs);
	free(s->ewhere);
	free(s->tags);
	free(s->srcs);
	free(s->greps);
	free(s->efiles);
	memset(s, 0, sizeof *s);
}

/* Contract: see filter.h. */
void ni_fsel_expr(ni_fsel *s, const char *where, const char *text)
{
	s->exprs[s->nexpr] = text;
	s->ewhere[s->nexpr++] = where;
}

/* Contract: see filter.h. */
int ni_fsel_spec(ni_diag *d, const ni_datectx *dc, const ni_fsel *s,
		 ni_fspec *sp)
{
	int g = 1;
	ni_span span;
	for (int i = 0; i < s->nexpr; i++)
		ni_fspec_add(sp, 0, s->ewhere[i], s->exprs[i]);
	for (int i = 0; i < s->nefiles; i++)
		if (ni_fspec_file(sp, 0, s->efiles[i])) {
			ni_error(d, "%s: %s", s->efiles[i], strerror(errno));
			return NI_EXIT_ERR;
		}
	for (int i = 0; i < s->ntags; i++)
		ni_fspec_short(sp, g, "--tag", NI_FIELD_TAGS, "=", s->tags[i]);
	g += s->ntags > 0;
	for (int i = 0; i < s->nsrcs; i++) {
		ni_fspec_short(sp, g, "--source", NI_FIELD_SOURCE_ID, "=", s->srcs[i]);
		ni_fspec_short(sp, g, "--source", NI_FIELD_SOURCE_NAME, "=", s->srcs[i]);
	}
	g += s->nsrcs > 0;
	if (s->since) {
		if (ni_date_parse(dc, s->since, strlen(s->since), &span))
			return ni_usage(d, "invalid --since '%s' (a date, -7d, 7d, today...)", s->since);
		ni_fspec_short(sp, g++, "--since", s->datefield, ">=", s->since);
	}
	if (s->until) {
		if (ni_date_parse(dc, s->until, strlen(s->until), &span))
			return ni_usage(d, "invalid --until '%s'", s->until);
		ni_fspec_short(sp, g++, "--until", s->datefield, "<=", s->until);
	}
	if (s->minconf) {
		char *end;
		(void)strtod(s->minconf, &end);
		if (*end || end == s->minconf)
			return ni_usage(d, "invalid --min-confidence '%s'", s->minconf);
		ni_buf b = {0};
		ni_buf_printf(&b, NI_FIELD_CONFIDENCE " >= %s", s->minconf);
		ni_fspec_add(sp, g++, "--min-confidence", b.s);
		ni_buf_free(&b);
	}
	for (int i = 0; i < s->ngreps; i++)
		ni_fspec_short(sp, g, "--grep", "*", "~", s->greps[i]);
	return 0;
}

/* Contract: see filter.h. */
int ni_filter_near_opt(ni_diag *d, char *arg, ni_filter_opts *o)
{
	o->near = arg;
	char *colon = strrchr(arg, ':');
	if (!colon)
		return 0;
	char *end;
	o->near_t = strtod(colon + 1, &end);
	if (*end || end == colon + 1 || o->near_t <= 0 || o->near_t > 1)
		return ni_usage(d, "invalid --near-dup threshold '%s' (0..1)", colon + 1);
	*colon = 0;
	return 0;
}
