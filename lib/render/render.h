/*
 * render/render.h - templates and the ni-render driver.
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or a *_int.h here.
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_RENDER_H
#define NI_RENDER_H

#include "item/item.h"
#include "agg/agg.h"
#include "opt/opt.h"

/* ---------------------------------------------------------------------
 * Templates (template.c): "{date_published} {title:~60}"
 * ------------------------------------------------------------------- */

typedef struct ni_tpl ni_tpl;

typedef struct ni_tplctx {
	const char *lang;          /* "en", "ko": for F@lang and localized F */
	ni_esc esc;                /* escaping of every value (|raw: none) */
	const ni_datectx *dc;
	/* extra values for document templates (title, count...): a
	 * callback that appends the value of name, or returns 0 */
	int (*var)(void *arg, const char *name, ni_buf *out);
	void *var_arg;
	int oneline;               /* one line per record: line breaks and
				    * TABs in values print as one space */
	unsigned char *seen;       /* NULL, or ni_tpl_nslots() flags: slot i
				    * is set when its field had a value */
	ni_buf *scratch;           /* NULL, or 2 buffers of the caller's the
				    * render may use (kept between calls, so
				    * a line costs no allocation) */
	int vars_first;            /* var before the record's fields (a
				    * document's header and footer) */
	int general;               /* every value through the general steps:
				    * no plain-string copy (for the tests
				    * that compare the two) */
} ni_tplctx;

/* Compile a template.  NULL on error, with e filled: the column in
 * characters (and the line, when src has several), for ni_perr_print. */
ni_tpl *ni_tpl_parse(const char *src, ni_perr *e);
/* For a tool's options: ni_tpl_parse, or NULL after reporting the error
 * with a caret under its place (where: the option or file). */
ni_tpl *ni_tpl_need(ni_diag *d, const char *where, const char *src);
/* Append the template expanded for record rec (idx may be NULL). */
void ni_tpl_render(const ni_tpl *t, ni_jval rec, const ni_jidx *idx,
		   const ni_tplctx *c, ni_buf *out);
/* Free a template (NULL: nothing). */
void ni_tpl_free(ni_tpl *t);
/* Add the fields t names to nm (record.h), read with the language
 * fallback for lang: not literals, derived keys ({lower(tags)}), the
 * document's values (count, first, last, lang, now; with doc, a header,
 * footer or subject, also title) or the members of ni-summarize's rows
 * (share, stats ...).  In {A|B}, A may be absent when B is found; a
 * fallback B that no record has is said to be no filter either. */
void ni_tpl_names(const ni_tpl *t, ni_names *nm, const char *lang, int doc);

/* The value of field f for language lang: f_lang when present, else f,
 * else f_en or f_ko (another language rather than nothing).  For the
 * fields a format chooses itself (an item's title, summary) and F@lang. */
ni_jval ni_loc(ni_jval rec, const ni_jidx *idx, const char *f,
	       const char *lang);
/* A field the user named (templates, --fields, --group-by): f itself
 * when the record has it, else ni_loc's language fallback. */
ni_jval ni_named(ni_jval rec, const ni_jidx *idx, const char *f,
		 const char *lang);
/* The same, with keylen = ni_json_keylen(f) computed once. */
ni_jval ni_named_k(ni_jval rec, const ni_jidx *idx, const char *f,
		   size_t keylen, const char *lang);
/* Append the text of a value: strings decoded, lists joined with sep,
 * numbers and booleans as written, null and missing as nothing. */
void ni_val_text(ni_jval v, const char *sep, ni_buf *out);

/* ---------------------------------------------------------------------
 * Rendering (render.c): records -> documents people read
 * ------------------------------------------------------------------- */

/* The formats (-f), in the order of render.c's table. */
enum { NI_F_TEXT, NI_F_MD, NI_F_HTML, NI_F_ATOM, NI_F_RSS, NI_F_EMAIL,
       NI_F_CSV, NI_F_TSV, NI_F_JSON, NI_F_SVG, NI_F_SFEED };

/* What a document is to be: ni_render_new copies it (the strings and
 * templates it points to are borrowed for the render's life). */
typedef struct ni_render_opts {
	int format;              /* NI_F_* */
	const char *lang;        /* "en", "ko" */
	const char *title;
	long limit;              /* items, -1 none */
	const char *group_by;    /* sections: a field, or day/week/month */
	int group_order;         /* sections in the order of their first item */
	size_t width;            /* text columns */
	int color;               /* text: ANSI colours */
	const ni_tpl *line;      /* -F: one line per record */
	const ni_tpl *head, *item, *foot;  /* -T: a document template */
	const char *from, *to;   /* email */
	const ni_tpl *subject;
	const char *link;        /* feeds: the site's link */
	const char *key;         /* --key: the identity field (NULL: ni_identity's) */
	char **fields;           /* csv/tsv columns */
	int nfields;
	int allow_empty;         /* write a document with no items */
	int jobs;                /* threads that check records (0: the cores,
				  * at most 4); rendering stays in order */
	const ni_datectx *dc;
	ni_diag *d;
	int bom;                 /* csv/tsv: a UTF-8 byte-order mark first */
	ni_names *names;         /* NULL, or the fields named, checked against
				  * the records ni_render_lines reads */
} ni_render_opts;

/* A document being rendered (opaque: render_int.h). */
typedef struct ni_render ni_render;

/* Start a document written to out. */
ni_render *ni_render_new(const ni_render_opts *o, ni_out *out);
/* Render one validated record (idx: its top-level index, or NULL). */
void ni_render_record(ni_render *r, const char *line, size_t n,
		      const ni_jidx *idx, const char *file, unsigned long lineno);
/* Finish the document.  Returns the number of records rendered: items
 * and summary rows (a table of counts is content too). */
long ni_render_end(ni_render *r);
/* Free r (NULL: nothing); the ni_out stays the caller's. */
void ni_render_free(ni_render *r);

/* ni-render's command line (render_cli.c).  cmd/ni-render.c makes an
 * ni_render_cli, gives each option to ni_render_cli_opt through
 * ni_opts_parse (short options by their letter -f -F -T -o, long-only
 * ones by these codes: its option table names them), then calls
 * ni_render_cli_common and ni_render_cli_run. */
enum { NI_RO_TITLE = 256, NI_RO_LIMIT, NI_RO_GROUP, NI_RO_WIDTH, NI_RO_COLOR,
       NI_RO_FROM, NI_RO_TO, NI_RO_SUBJECT, NI_RO_LINK, NI_RO_FIELDS,
       NI_RO_EMPTY, NI_RO_KEY, NI_RO_GORDER, NI_RO_BOM };

/* The options read so far (opaque: render_int.h). */
typedef struct ni_render_cli ni_render_cli;

/* A command line with the defaults (format text, language en), owned by
 * the caller: ni_render_cli_free. */
ni_render_cli *ni_render_cli_new(void);
/* The diag of c's messages ("ni-render: ..."), for ni_opts_parse;
 * borrowed from c. */
ni_diag *ni_render_cli_diag(ni_render_cli *c);
/* Free c (NULL: nothing); the strings it was given stay the caller's. */
void ni_render_cli_free(ni_render_cli *c);
/* Take the shared options' values (opt/opt.h: --tz and the date
 * context, --max-line, -j, -l) from com. */
void ni_render_cli_common(ni_render_cli *c, const ni_common *com);
/* Take one of ni-render's own options (an ni_opt_fn; ctx is the
 * ni_render_cli): 0, or the exit status after a usage error. */
int ni_render_cli_opt(void *ctx, ni_diag *d, int opt, const char *arg);
/* Check the options together (usage errors), render files (none:
 * stdin) to stdout or -o, free what c holds (templates, --fields; c
 * itself: ni_render_cli_free); returns the exit status. */
int ni_render_cli_run(ni_render_cli *c, char **files, int nfiles);

#endif
