/* fspec.c - a program as sources: the expressions of ni-filter (-e, -f,
 * EXPR, the shorthand options) and the program texts of ni-map, each
 * with the place that names it in errors ("FILE:LINE", "expression:1"). */
#include "expr/expr.h"

#include <stdlib.h>
#include <string.h>

/* The expression as sources: group 0 holds the expressions (-e, -f,
 * EXPR: any of them); each other group is one shorthand option (any of
 * its values); groups are ANDed.  Each worker builds its own tree from
 * it, so compiled regexes are never shared between threads. */
/* Contract: see expr.h. */
void ni_fspec_add(ni_fspec *sp, int group, const char *where, const char *text)
{
	sp->v = ni_xrealloc(sp->v, (sp->n + 1) * sizeof *sp->v);
	sp->v[sp->n++] = (ni_fsrc){ group, ni_xstrdup(where), ni_xstrdup(text) };
	if (group >= sp->groups)
		sp->groups = group + 1;
}

/* Contract: see expr.h. */
void ni_fspec_short(ni_fspec *sp, int group, const char *opt, const char *field,
		    const char *op, const char *value)
{
	ni_buf b = {0};
	ni_buf_printf(&b, "%s %s ", field, op);
	ni_expr_quote(&b, value);
	ni_fspec_add(sp, group, opt, b.s);
	ni_buf_free(&b);
}

/* Contract: see expr.h. */
void ni_fspec_free(ni_fspec *sp)
{
	for (size_t i = 0; i < sp->n; i++) {
		free(sp->v[i].where);
		free(sp->v[i].text);
	}
	free(sp->v);
	memset(sp, 0, sizeof *sp);
}

/* Contract: see expr.h. */
int ni_fspec_file(ni_fspec *sp, int group, const char *path)
{
	char *text;
	size_t len;
	if (ni_read_file(path, 1 << 24, &text, &len))
		return -1;
	unsigned long ln = 0;
	int any = 0;
	for (char *p = text, *nl; p < text + len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(text + len - p));
		if (!nl)
			nl = text + len;
		*nl = 0;
		ln++;
		if (nl > p && nl[-1] == '\r')
			nl[-1] = 0;
		const char *s = p + strspn(p, " \t");
		if (!*s || *s == '#')
			continue;
		ni_buf where = {0};
		ni_buf_printf(&where, "%s:%lu", path, ln);
		ni_fspec_add(sp, group, where.s, s);
		ni_buf_free(&where);
		any = 1;
	}
	if (!any)   /* a file of no expressions selects nothing, as grep -f */
		ni_fspec_add(sp, group, path, "false");
	free(text);
	return 0;
}
