/* render_split.c - ni-render -o PATTERN: one document per distinct path.
 *
 * The pattern is a template (template.c) expanded for each record:
 * -o 'archive/{date_published|date:%Y/%m}/index.html'.  Consecutive
 * records with the same path make one document (like uniq), rendered by
 * a fresh renderer into its own atomic ni_out, so every format works and
 * memory stays that of one document (plus the set of paths written).  A
 * path that comes back after its document was closed is an error (the
 * input is not grouped): its records are skipped and the documents
 * already written stay.  Every folder and file name the expansion makes
 * below the pattern's literal folder is checked like ni-write's file
 * names (ni_name_check: not empty, not '.' or '..', no '/', no control
 * character...), so no record can send a document outside that folder;
 * a record whose path fails is reported and skipped.
 *
 * --title is a template too here, expanded with the document's first
 * record; {count} in it is the number of records of the document (then
 * the document's records are kept until it is complete). */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct split {
	ni_render_cli *c;
	ni_diag *d;
	ni_tpl *path, *title;
	int keep;              /* the title uses {count}: keep the records */
	size_t dirlen;         /* the pattern's literal folder, with its '/' */
	ni_hashset seen;       /* every path a document was started for */
	char *cur;             /* the open document's path, or NULL */
	ni_out out;
	ni_render *r;          /* the open document (not keeping) */
	rec *kept;             /* its records (keeping) */
	size_t nkept, capkept;
	ni_buf first;          /* its first record (for the title) */
	ni_buf title_buf;      /* its title (the renderer borrows it) */
	long written;          /* documents written */
	unsigned long back_runs, back_recs;  /* records of closed paths */
	char *back;            /* the returning path being skipped */
	int stop;              /* a folder or a document could not be
				* written (reported): nothing more is read */
} split;

/* The first '{' of s that opens a placeholder ("{{" is a brace), or the
 * end of s. */
static size_t first_open(const char *s)
{
	size_t i = 0;
	for (; s[i]; i++) {
		if (s[i] == '{' && s[i + 1] == '{')
			i++;
		else if (s[i] == '{')
			break;
	}
	return i;
}

/* {count} in the title: the records of the document. */
static int count_var(void *arg, const char *name, ni_buf *out)
{
	if (strcmp(name, "count"))
		return 0;
	ni_buf_printf(out, "%zu", *(size_t *)arg);
	return 1;
}

/* Expand t for the record in line (NUL-free validated JSON). */
static void expand(split *s, const ni_tpl *t, const char *line, size_t n,
		   const ni_jidx *idx, size_t *count, ni_buf *out)
{
	/* a title is one line; a path keeps what would make it unsafe */
	ni_tplctx tc = { s->c->o.lang, NI_ESC_NONE, &s->c->dc,
			 count ? count_var : NULL, count, t == s->title, NULL, NULL, 0, 0 };
	ni_tpl_render(t, ni_json_record(line, n), idx, &tc, out);
}

/* Why path p (the expansion of the pattern) must not be written, or
 * NULL.  Each name after the pattern's literal folder is checked. */
static const char *unsafe(const split *s, const ni_buf *p)
{
	if (!p->len)
		return "is empty";
	if (memchr(p->s, 0, p->len))
		return "holds a NUL byte";
	if (p->len < s->dirlen)
		return "is outside the pattern's folder";
	for (size_t a = s->dirlen, b; a <= p->len; a = b + 1) {
		const char *e = memchr(p->s + a, '/', p->len - a);
		b = e ? (size_t)(e - p->s) : p->len;
		const char *why = ni_name_check(p->s + a, b - a);
		if (why)
			return why;
	}
	return NULL;
}

/* Open the document of path (its folders made first); when a folder
 * cannot be made, report it and stop the run (s->stop). */
static void doc_open(split *s, const char *path, const char *line, size_t n,
		     const ni_jidx *idx)
{
	s->cur = ni_xstrdup(path);
	ni_buf_reset(&s->first);
	ni_buf_add(&s->first, line, n);
	char *slash = strrchr(s->cur, '/');
	if (slash && slash != s->cur) {
		char *dir = ni_xstrndup(s->cur, (size_t)(slash - s->cur));
		int bad = ni_mkdirs(s->d, dir);
		free(dir);
		if (bad) {
			ni_error(s->d, "%s: cannot make its folder (%ld documents "
				 "written before)", s->cur, s->written);
			free(s->cur);
			s->cur = NULL;
			s->stop = 1;
			return;
		}
	}
	if (s->keep)
		return;
	ni_render_opts o = s->c->o;
	if (s->title) {
		ni_buf_reset(&s->title_buf);
		expand(s, s->title, line, n, idx, NULL, &s->title_buf);
		o.title = s->title_buf.s ? s->title_buf.s : "";
	}
	ni_out_open(&s->out, s->d, s->cur);
	s->r = ni_render_new(&o, &s->out);
}

/* Finish the open document: written, or left as it was when nothing in
 * it rendered (like -o without --allow-empty). */
static void doc_close(split *s)
{
	if (!s->cur)
		return;
	if (s->keep) {
		ni_render_opts o = s->c->o;
		if (s->title) {
			ni_buf_reset(&s->title_buf);
			expand(s, s->title, s->first.s, s->first.len, NULL, &s->nkept,
			       &s->title_buf);
			o.title = s->title_buf.s ? s->title_buf.s : "";
		}
		ni_out_open(&s->out, s->d, s->cur);
		s->r = ni_render_new(&o, &s->out);
		for (size_t i = 0; i < s->nkept; i++) {
			rec *e = &s->kept[i];
			ni_render_record(s->r, e->line, e->n, NULL, e->file, e->lineno);
			free(e->line);
			free(e->file);
		}
		s->nkept = 0;
	}
	long rendered = ni_render_end(s->r);
	if (rendered == 0 && !s->c->o.allow_empty) {
		ni_out_abort(&s->out);
		ni_note_at(s->d, s->cur, 0, 0, "no items or summary rows: left as "
			   "it was (--allow-empty writes it anyway)");
	} else if (ni_out_close(&s->out) == 0) {
		s->written++;
	} else {
		s->stop = 1;   /* a write error, reported */
	}
	ni_render_free(s->r);
	s->r = NULL;
	free(s->out.path);
	free(s->cur);
	s->cur = NULL;
}

/* One validated record. */
static void record(split *s, const char *line, size_t n, const ni_jidx *idx,
		   const char *file, unsigned long lineno, ni_buf *p)
{
	ni_buf_reset(p);
	expand(s, s->path, line, n, idx, NULL, p);
	const char *why = unsafe(s, p);
	if (why) {
		ni_buf q = {0};
		ni_json_quote(&q, p->s ? p->s : "", p->len);
		ni_error_at(s->d, file, lineno, 0, "the -o pattern gives %s, which "
			    "%s: record skipped", q.s, why);
		ni_buf_free(&q);
		return;
	}
	if (!s->cur || strcmp(s->cur, p->s)) {
		uint32_t tag = 0;
		if (ni_hashset_add(&s->seen, p->s, p->len, &tag)) {
			s->back_recs++;
			if (s->back && !strcmp(s->back, p->s))
				return;
			free(s->back);
			s->back = ni_xstrdup(p->s);
			if (s->back_runs++ == 0)
				ni_error_at(s->d, file, lineno, 0, "%s: written already "
					    "(input not grouped by the -o pattern: sort by "
					    "it first, e.g. ni-sort -k month); its records "
					    "here are skipped", p->s);
			return;
		}
		doc_close(s);
		if (s->stop)
			return;
		doc_open(s, p->s, line, n, idx);
		if (s->stop)
			return;
	}
	free(s->back);
	s->back = NULL;
	if (!s->keep) {
		ni_render_record(s->r, line, n, idx, file, lineno);
		if (s->out.failed)
			s->stop = 1;   /* a write error, reported */
		return;
	}
	if (s->nkept == s->capkept) {
		s->capkept = s->capkept ? s->capkept * 2 : 256;
		s->kept = ni_xrealloc(s->kept, s->capkept * sizeof *s->kept);
	}
	s->kept[s->nkept++] = (rec){ ni_xstrndup(line, n), n, ni_xstrdup(file), lineno };
}

/* Contract: see render.h. */
int nr_split_pattern(const char *output)
{
	return output && strchr(output, '{') != NULL;
}

/* Contract: see render.h. */
int nr_split_run(ni_render_cli *c, ni_tpl *path, char **files, int nfiles)
{
	split s = { .c = c, .d = &c->d, .path = path };
	if (c->o.title && strchr(c->o.title, '{')) {
		s.title = ni_tpl_need(s.d, "--title", c->o.title);
		if (!s.title)
			return NI_EXIT_ERR;
		s.keep = ni_tpl_uses(s.title, "count");
	}
	/* the literal folder: up to the last '/' before the first field */
	size_t lit = first_open(c->output);
	for (size_t i = 0; i < lit; i++)
		if (c->output[i] == '/')
			s.dirlen = i + 1;
	if (s.dirlen) {
		/* {{ and }} before it expand to one brace each */
		ni_buf pre = {0};
		char *src = ni_xstrndup(c->output, s.dirlen);
		ni_tpl *t = ni_tpl_need(s.d, "-o", src);
		free(src);
		if (!t) {
			ni_tpl_free(s.title);
			return NI_EXIT_ERR;
		}
		ni_tplctx tc = { c->o.lang, NI_ESC_NONE, &c->dc, NULL, NULL, 0, NULL, NULL, 0, 0 };
		ni_jval none = { NI_J_OBJ, "{}", 2 };
		ni_tpl_render(t, none, NULL, &tc, &pre);
		s.dirlen = pre.len;
		ni_tpl_free(t);
		ni_buf_free(&pre);
	}
	ni_hashset_init(&s.seen);
	ni_lines in;
	ni_lines_init(&in, s.d, files, nfiles);
	in.max_line = c->max_line;
	ni_jidx *idx = ni_xcalloc(1, sizeof *idx);
	ni_buf p = {0};
	const char *ln;
	long n;
	while (!s.stop && (n = ni_lines_next(&in, &ln)) >= 0) {
		const char *err;
		size_t col;
		if (ni_json_check(ln, (size_t)n, NI_MAX_DEPTH, idx, &err, &col)) {
			ni_error_at(s.d, in.name, in.lineno, col, "%s", err);
			continue;
		}
		if (c->o.names)
			ni_names_see(c->o.names, ln, (size_t)n, idx);
		record(&s, ln, (size_t)n, idx, in.name, in.lineno, &p);
	}
	doc_close(&s);
	if (s.back_runs > 1)
		ni_error(s.d, "%s: %lu records in %lu runs of paths written already "
			 "were skipped (input not grouped by it)", c->output,
			 s.back_recs, s.back_runs);
	if (!in.nread)
		ni_note_at(s.d, c->output, 0, 0, "no records: no document written");
	ni_lines_free(&in);
	ni_jidx_free(idx);
	free(idx);
	ni_buf_free(&p);
	ni_buf_free(&s.first);
	ni_buf_free(&s.title_buf);
	free(s.kept);
	free(s.back);
	ni_hashset_free(&s.seen);
	ni_tpl_free(s.title);
	return s.d->errors ? NI_EXIT_ERR : s.written ? NI_EXIT_OK : NI_EXIT_NONE;
}
