/* render.h - internal to lib/render*.c: the renderer's state and the
 * functions its parts share (prefix nr_).  Not installed; the public API
 * is section 15b of include/ni.h. */
#ifndef NI_RENDER_H
#define NI_RENDER_H

#include "ni.h"

typedef struct rec {       /* a kept record (for tables and --group-by) */
	char *line;
	size_t n;
	char *file;
	unsigned long lineno;
} rec;

struct ni_render {
	ni_render_opts o;
	ni_out *out;
	ni_buf b;              /* pending output */
	int mem;               /* render into b only (email parts) */
	long items, errors;
	long rows;             /* summary rows rendered (content too) */
	char *first, *last;    /* date range of the items */
	int64_t first_ms, last_ms;
	int started;
	rec *tab;              /* the current run of summary rows */
	size_t ntab, captab;
	char *tab_by;          /* its _by text */
	rec *all;              /* --group-by: every record */
	size_t nall, capall;
	int csv_header;        /* csv/tsv: the header row is written */
	ni_buf csv_cols;       /* its column names, NUL-terminated each */
	int svg_drawn;         /* svg: the chart is written */
	int json_first;
	ni_render *text, *html; /* email: the two parts */
	ni_hashset ids;        /* feeds: entry ids already written */
	ni_buf tmp, tmp2;
	uint64_t hash;         /* email Message-ID: hash of the identities */
	unsigned char *seen[5]; /* -F, -T head/item/foot, --subject: the
				 * template slots that found a value */
	int defer_head;        /* -T head uses {count}/{first}/{last}: the
				* body is kept and the head written last */
	int mem_saved;
};

typedef struct view {
	ni_jval rec;
	const ni_jidx *idx;
} view;

typedef struct bar {
	const char *label;
	size_t ln;
	double v;
} bar;

/* The key columns of a summary row: members between _by and count. */
typedef struct cols {
	char name[16][64];
	int n;
} cols;

/* Shared by the parts of the renderer.  Each is defined, with its
 * contract comment, in the file named:
 *   render.c        nr_get, nr_text_of (a field's text, localized),
 *                   nr_esc/nr_escs (escape for r's format), nr_date_of,
 *                   nr_dflt_title, nr_doc_var (template variables)
 *   render_table.c  nr_row_* (summary rows), nr_table_*, nr_svg_chart,
 *                   nr_is_time_key, nr_overview_lines
 *   render_item.c   nr_item_text/md/html, nr_row_items
 *   render_feed.c   nr_item_feed, nr_item_csv, nr_pretty, nr_pct
 *   render_mail.c   nr_email */
int nr_date_of(ni_render *r, const view *v, int64_t *ms, ni_buf *txt);
const char *nr_dflt_title(const ni_render *r);
void nr_email(ni_render *r);
void nr_esc(ni_render *r, ni_buf *out, const char *s, size_t n);
void nr_escs(ni_render *r, ni_buf *out, const ni_buf *s);
ni_jval nr_get(const view *v, const char *f);
int nr_is_time_key(const char *by);
int nr_item_csv(ni_render *r, const view *v, int summary);
int nr_item_feed(ni_render *r, const view *v, const char *file,
		     unsigned long lineno);
void nr_item_html(ni_render *r, const view *v, ni_buf *o);
void nr_item_md(ni_render *r, const view *v);
void nr_item_text(ni_render *r, const view *v);
void nr_overview_lines(ni_render *r, ni_jval ov, ni_buf *o, int html);
void nr_pct(ni_buf *o, const char *s, size_t n);
void nr_pretty(ni_buf *o, const char *s, size_t n, int base);
void nr_row_cols(ni_jval row, cols *c);
void nr_row_items(ni_render *r, rec *rows, size_t n, ni_buf *o);
void nr_row_label(ni_jval row, const cols *c, ni_buf *out);
double nr_row_num(ni_jval row, const char *k);
void nr_svg_chart(ni_render *r, ni_buf *o, const bar *bars, size_t n,
		      int time_axis, const char *title);
void nr_table_html(ni_render *r, rec *rows, size_t n, ni_buf *o);
void nr_table_md(ni_render *r, rec *rows, size_t n);
void nr_table_text(ni_render *r, rec *rows, size_t n);
int nr_text_of(const ni_render *r, const view *v, const char *f,
		   int localize, ni_buf *b);
int nr_doc_var(void *arg, const char *name, ni_buf *out);
void nr_tpl(ni_render *r, const ni_tpl *t, const view *v, ni_buf *out);

#endif /* NI_RENDER_H */
