/* render_int.h - internal to the files of lib/render/: the renderer's state and the
 * functions its parts share (prefix nr_).  Not installed; the public API
 * is render/render.h. */
#ifndef NI_RENDER_INT_H
#define NI_RENDER_INT_H

#include "render/render.h"

typedef struct rec {       /* a kept record (for tables and --group-by) */
	char *line;
	size_t n;
	char *file;
	unsigned long lineno;
} rec;

/* Where a record came from (its text, file and line). */
typedef struct nr_src {
	const char *line;
	size_t n;
	const char *file;
	unsigned long lineno;
} nr_src;

typedef struct view {
	ni_jval rec;
	const ni_jidx *idx;
} view;

/* The base name of so_what_en and so_what_ko (NI_FIELD_SO_WHAT_*), read
 * with the language fallback of ni_loc. */
#define NR_FIELD_SO_WHAT "so_what"

/* What an item shows in one language: each field read with ni_loc's
 * fallback for lang (F_lang, F, F_en or F_ko), as text (ni_val_text,
 * lists joined ", "; empty when missing). */
typedef struct nr_itemloc {
	const char *lang;      /* "en", "ko" (borrowed) */
	ni_buf title;
	ni_buf summary;
	ni_buf so_what;        /* NR_FIELD_SO_WHAT */
	ni_buf body;           /* _body: the Markdown body (NI_KEY_BODY) */
	ni_jval key_points;    /* the list itself (NI_FIELD_KEY_POINTS) */
} nr_itemloc;

/* ni_itemview: an item record as the item renderers (text, md, html,
 * atom, rss, email) read it, filled once per record by nr_itemview (the
 * one place that names the item's fields).  Texts are ni_val_text of the
 * field (strings decoded, lists joined ", "); a missing field is empty.
 *
 * SOURCE, the one rule: an item's source is shown as source_name, or
 * source_id when the record has no (or an empty) source_name -- this is
 * .source, for pages and messages people read (md, html, atom <author>,
 * email).  A terminal listing (text) is for finding items to filter by,
 * so it shows the id: .source_id is source_id, or source_name when
 * there is no (or an empty) source_id.  Both come from nr_source
 * (render.c), the one function that spells the rule.
 * (csv and tsv write their source_id column as the field itself.)
 *
 * A format fills the fields it shows (NR_IV_* bits, the want of
 * nr_itemview: its row's .view); the others are left empty.
 * The buffers belong to the ni_render (reused from record to record);
 * a view is valid until the next nr_itemview on the same renderer. */
enum {
	NR_IV_SOURCE = 1 << 0,     /* .source */
	NR_IV_SOURCE_ID = 1 << 1,  /* .source_id */
	NR_IV_DATE = 1 << 2,       /* .date */
	NR_IV_URL = 1 << 3,        /* .url, .url_str */
	NR_IV_LINK = 1 << 4,       /* .url, .url_str, .link, .has_link */
	NR_IV_TAGS = 1 << 5,       /* .tags */
	NR_IV_CONFIDENCE = 1 << 6, /* .confidence */
	NR_IV_TITLE = 1 << 7,      /* .loc.title */
	NR_IV_SUMMARY = 1 << 8,    /* .loc.summary */
	NR_IV_SO_WHAT = 1 << 9,    /* .loc.so_what */
	NR_IV_BODY = 1 << 10,      /* .loc.body */
	NR_IV_KEY_POINTS = 1 << 11, /* .loc.key_points */
	NR_IV_TAG_LIST = 1 << 12   /* .tags_list */
};
typedef struct ni_itemview {
	ni_buf source;         /* source_name, else source_id */
	ni_buf source_id;      /* source_id, else source_name (terminal) */
	ni_buf date;           /* date_published as written */
	ni_buf url;            /* canonical_url's text, unchecked */
	int url_str;           /* canonical_url is a string */
	ni_buf link;           /* url made safe by ni_url_ok, when has_link */
	int has_link;          /* url is a usable link (http, https...) */
	ni_buf tags;           /* tags, joined ", " */
	ni_jval tags_list;     /* tags itself, one category each (feeds) */
	ni_buf confidence;
	nr_itemloc loc;        /* the localized fields for the run's -l */
} ni_itemview;

/* How a format shows summary rows (ni-summarize output). */
enum nr_rows {
	NR_ROWS_TABLE,   /* a run of rows with the same _by is one table */
	NR_ROWS_RECORD,  /* each row is a record like an item (csv, json) */
	NR_ROWS_SKIP     /* not shown (feeds: a row is not an entry) */
};

/* A format: one row of the table in render.c.  Every hook may be NULL
 * (nothing to write at that point); the driver does what is common to
 * all formats (templates, counting, --limit, --group-by, flushing).
 *   begin     the document's start (title, head); called once
 *   item      one record: an item, or a summary row when rows is
 *             NR_ROWS_RECORD; returns 1 when it was written (counted),
 *             0 when it was refused (and reported).  NULL: items are not
 *             shown (svg).  For a format made of parts (email), called
 *             after the parts took an item
 *   table     a run of summary rows with the same _by
 *   overview  the overview row (ni-summarize without -b); NULL: not
 *             shown and not counted
 *   section   a --group-by heading
 *   end       the document's end; range is "N items, FIRST – LAST"
 *   init      at ni_render_new: make the parts of a format built from
 *             other formats (email: a text and an HTML part) */
enum {
	NR_OPT_KEY = 1,        /* --key applies (entry ids, Message-ID) */
	NR_OPT_FIELDS = 2      /* --fields applies (columns) */
};

typedef struct nr_format {
	const char *name;      /* what -f takes */
	ni_esc esc;            /* the escaper of every value from a record */
	enum nr_rows rows;
	unsigned opts;         /* NR_OPT_*: options that apply */
	unsigned view;         /* NR_IV_*: the item view's fields it shows */
	void (*begin)(ni_render *r);
	int (*item)(ni_render *r, const view *v, const nr_src *s, int summary);
	void (*table)(ni_render *r, rec *rows, size_t n);
	void (*overview)(ni_render *r, const view *v);
	void (*section)(ni_render *r, const char *name, size_t n);
	void (*end)(ni_render *r, const ni_buf *range);
	void (*init)(ni_render *r);
} nr_format;

struct ni_render {
	ni_render_opts o;
	const nr_format *f;    /* the format's row */
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
	ni_render *part[2];    /* a format made of parts: their documents */
	int nparts;
	ni_buf tmp, tmp2;
	ni_itemview iv;        /* the current item (nr_itemview) */
	nr_itemloc iv_alt[2];  /* html: the fields in en and ko, when the
				* run's -l is the other (or neither) */
	ni_buf tpl_scratch[2];  /* ni_tplctx.scratch of nr_tpl */
	unsigned char *seen[5]; /* -F, -T head/item/foot, --subject: the
				 * template slots that found a value */
	int defer_head;        /* -T head uses {count}/{first}/{last}: the
				* body is kept and the head written last */
	int mem_saved;
	ni_buf head_rec;       /* -T header or footer naming record fields:
				* the document's first item, which they see */
	ni_jidx *head_idx;     /* its member index, built when first read
				* (a header of many fields looks each up) */
	/* per-format state */
	struct {
		int header;    /* the header row is written */
		ni_buf cols;   /* its column names, NUL-terminated each */
	} csv;                 /* csv, tsv */
	struct {
		int drawn;     /* the chart is written */
	} svg;
	struct {
		int first;     /* no record written yet */
	} json;
	struct {
		ni_hashset ids; /* entry ids already written */
	} feed;                /* atom, rss */
	struct {
		uint64_t hash; /* Message-ID: hash of the identities */
	} mail;
};

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

/* The rows of the format table (render.c), each defined in its file. */
extern const nr_format nr_fmt_text;   /* render_text.c */
extern const nr_format nr_fmt_md;     /* render_md.c */
extern const nr_format nr_fmt_html;   /* render_html.c */
extern const nr_format nr_fmt_atom;   /* render_feed.c */
extern const nr_format nr_fmt_rss;    /* render_feed.c */
extern const nr_format nr_fmt_email;  /* render_mail.c */
extern const nr_format nr_fmt_csv;    /* render_csv.c */
extern const nr_format nr_fmt_tsv;    /* render_csv.c */
extern const nr_format nr_fmt_json;   /* render_json.c */
extern const nr_format nr_fmt_svg;    /* render_svg.c */
extern const nr_format nr_fmt_sfeed;  /* render_sfeed.c */

/* What nr_row_items asks a format to write: OPEN before the first row
 * with leading items, GROUP (text: the row's label), ITEM (text: the
 * title, url: the checked link or NULL) for each item, GROUP_END after
 * a row's items, CLOSE after the last. */
enum nr_lead { NR_LEAD_OPEN, NR_LEAD_GROUP, NR_LEAD_ITEM, NR_LEAD_GROUP_END,
	       NR_LEAD_CLOSE };
typedef void (*nr_lead_fn)(ni_render *r, ni_buf *o, enum nr_lead what,
			   const ni_buf *text, const ni_buf *url);

/* Shared by the parts of the renderer.  Each is defined, with its
 * contract comment, in the file named:
 *   render.c        nr_itemview, nr_itemloc_fill (the item view),
 *                   nr_get, nr_text_of (a field's text, localized),
 *                   nr_esc/nr_escs (escape for r's format), nr_date_of,
 *                   nr_dflt_title, nr_doc_var and nr_tpl (templates)
 *   render_table.c  nr_row_* (summary rows), nr_put_share,
 *                   nr_rows_total, nr_is_time_key, nr_overview_lines,
 *                   nr_key_points
 *   render_svg.c    nr_svg_chart
 *   render_feed.c   nr_pct */
/* Fill r->iv from the item record in v (localized for r's -l): the
 * fields of want (NR_IV_*), the others empty; return it (valid until
 * the next call on r). */
const ni_itemview *nr_itemview(ni_render *r, const view *v, unsigned want);
/* Fill l with the fields of v localized for lang (borrowed): those of
 * want (NR_IV_*), the others empty. */
void nr_itemloc_fill(const view *v, const char *lang, unsigned want,
		     nr_itemloc *l);
int nr_date_of(ni_render *r, const view *v, int64_t *ms, ni_buf *txt);
const char *nr_dflt_title(const ni_render *r);
void nr_esc(ni_render *r, ni_buf *out, const char *s, size_t n);
void nr_escs(ni_render *r, ni_buf *out, const ni_buf *s);
ni_jval nr_get(const view *v, const char *f);
int nr_is_time_key(const char *by);
/* The key points kp (a list, as nr_itemloc reads it) as "- " lines,
 * or an HTML list. */
void nr_key_points(ni_render *r, ni_jval kp, ni_buf *o, int html);
/* A caption for a table of summary rows (first row first, key columns
 * c): "Items by strategic theme", or with --trend "What is rising:
 * tags, the last 7d against the 7d before". */
void nr_table_caption(ni_jval first, const cols *c, ni_buf *out);
/* The k-th --hist field (0-based) of an overview row: its name in
 * field, its bands' labels ("below 0.5", "0.5 to under 0.85", "0.85 and
 * above") and counts in arrays the caller frees with nr_hist_free.
 * Returns the number of bands, 0 when there is no k-th field. */
size_t nr_hist(ni_jval ov, size_t k, ni_buf *field, ni_buf **labs, double **counts);
void nr_hist_free(ni_buf *labs, double *counts, size_t n);
/* The overview row as lines starting with bullet, escaped for r's
 * format; bullet NULL: as HTML. */
void nr_overview_lines(ni_render *r, ni_jval ov, ni_buf *o, const char *bullet);
/* A share (0..1) as a percentage with one decimal. */
void nr_put_share(ni_buf *o, double share);
void nr_row_cols(ni_jval row, cols *c);
/* The leading items (_items) of rows, written by put. */
void nr_row_items(ni_render *r, rec *rows, size_t n, ni_buf *o, nr_lead_fn put);
void nr_row_label(ni_jval row, const cols *c, ni_buf *out);
double nr_row_num(ni_jval row, const char *k);
/* What the shares of rows are shares of: count / share of the rows with
 * a share, 0 when none has one, -1 when they differ (each row a share of
 * its parent group, as with -b week,tags). */
double nr_rows_total(rec *rows, size_t n);
/* The heading of the share column of rows (key columns c): "share of 3
 * items", "share of its week" (shares of the parent groups), or "share". */
void nr_share_head(rec *rows, size_t n, const cols *c, ni_buf *out);
void nr_svg_chart(ni_buf *o, const bar *bars, size_t n, int time_axis,
		  const char *title);
int nr_text_of(const ni_render *r, const view *v, const char *f,
		   int localize, ni_buf *b);
void nr_tpl(ni_render *r, const ni_tpl *t, const view *v, ni_buf *out);

/* ---- declared here, not in render.h: only lib/render/ uses them ----
 * (template.c) */
/* ni_tpl_need for the document template in file path (ni_tpl_doc): 0,
 * or NI_EXIT_ERR after reporting an unreadable file or the error. */
int ni_tpl_need_doc(ni_diag *d, const char *path, ni_tpl **head,
		    ni_tpl **item, ni_tpl **foot);
/* The field placeholders of t ({a|b} has two slots), for reports: the
 * number of slots, the name of slot i (borrowed from t). */
size_t ni_tpl_nslots(const ni_tpl *t);
const char *ni_tpl_slot(const ni_tpl *t, size_t i);
/* Does t use field or variable name (e.g. "count")? */
int ni_tpl_uses(const ni_tpl *t, const char *name);
/* (template.c) */
/* Append s padded or cut to cols terminal columns: align -1 left, 1
 * right, 0 only cut; cut adds "…" and never splits a character. */
void ni_fit(ni_buf *out, const char *s, size_t n, size_t cols, int align,
	    int cut);
/* Append s wrapped at width columns; lines after the first start with
 * indent spaces (first line: first_used columns are already taken). */
void ni_wrap(ni_buf *out, const char *s, size_t n, size_t width,
	     size_t indent, size_t first_used);
/* (render.c) */
/* Render every record of in (bad lines reported on the options' diag
 * and skipped), then finish the document (ni_render_end).  With
 * o.jobs threads the records are checked on the pool's threads and
 * rendered on this one, in input order: the output does not depend on
 * the threads. */
long ni_render_lines(ni_render *r, ni_lines *in);
/* An option combination that cannot apply (--key outside feeds and
 * mail, --fields outside csv/tsv): -1 with a message in err. */
int ni_render_opts_check(const ni_render_opts *o, char *err, size_t errsz);
/* "text", "md", ... -> NI_F_*, or -1. */
int ni_render_format(const char *name);

/* ni-render's command line (render_cli.c): the options as read. */
struct ni_render_cli {
	ni_diag d;
	ni_render_opts o;
	ni_datectx dc;
	const char *output, *fmt, *tplfile, *subject, *tz, *color, *fields;
	size_t max_line;
	ni_tpl *tpl[5];          /* -F, --subject, -T head/item/foot (owned) */
	char *fields_copy;       /* --fields split in place (owned) */
};

/* ni-render -o PATTERN (render_split.c).  Is output a pattern (it
 * holds a '{')? */
int nr_split_pattern(const char *output);
/* Render files (none: stdin) into one document per distinct expansion
 * of path (c->output compiled; borrowed), consecutive records with the
 * same path making one document; c's options are settled.  Returns the
 * exit status. */
int nr_split_run(ni_render_cli *c, ni_tpl *path, char **files, int nfiles);

#endif /* NI_RENDER_H */
