/*
 * item/item.h - front matter, YAML to JSON, the item schema, items, identity, sfeed input.
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or a *_int.h here.
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_ITEM_H
#define NI_ITEM_H

#include "record/record.h"

/* ---------------------------------------------------------------------
 * Front matter
 * ------------------------------------------------------------------- */

/* Where the front matter and body of a document are.  Offsets index the
 * document buffer. */
typedef struct ni_doc {
	const char *text;      /* whole document (borrowed) */
	size_t len;
	size_t fm_off, fm_len; /* YAML text between the fences */
	unsigned long fm_line; /* 1-based file line of the first YAML line */
	size_t body_off;       /* first byte after the closing fence line */
} ni_doc;

enum { NI_FM_OK = 0, NI_FM_NONE = 1, NI_FM_ERR = -1 };

/* Split a document.  Front matter must start at byte 0 (after an optional
 * UTF-8 BOM) with a line of exactly "---" and end at a line "---" or
 * "...".  CRLF is accepted.  Returns NI_FM_OK, NI_FM_NONE (no front
 * matter: not an item), or NI_FM_ERR with *err and *line set. */
int ni_fm_split(const char *text, size_t len, ni_doc *doc,
		const char **err, unsigned long *line);


/* Turn a byte offset in text into a 1-based line and column (columns
 * count characters). */
void ni_offset_pos(const char *text, size_t off, unsigned long *line,
		   unsigned long *col);

/* Extract the bilingual blocks of a body: for each <div class="lang-XX">
 * (nesting of other divs respected) call fn with the language and the
 * trimmed block text. */
void ni_body_langs(const char *body, size_t n,
		   void (*fn)(void *arg, const char *lang, size_t langlen,
			      const char *text, size_t textlen),
		   void *arg);

/* ---------------------------------------------------------------------
 * YAML -> JSON
 * ------------------------------------------------------------------- */

typedef struct ni_yaml_opts {
	int max_depth;      /* NI_MAX_DEPTH */
	int max_aliases;    /* NI_MAX_ALIASES */
	size_t max_out;     /* cap on JSON bytes produced (alias blow-up) */
} ni_yaml_opts;

/* Position of one top-level key, for messages about its value. */
typedef struct ni_keypos {
	size_t koff, klen;     /* key text inside the output buffer (quoted) */
	unsigned long line, col;
} ni_keypos;

typedef struct ni_yaml_result {
	/* on error: */
	char err[256];
	unsigned long line, col;  /* 1-based, relative to the YAML text */
	/* top-level keys in order (for --check messages); caller frees */
	ni_keypos *keys;
	size_t nkeys;
} ni_yaml_result;

/* Convert the YAML text [p, p+n) (one mapping document) to compact JSON
 * appended to out, without the closing '}' so the caller can add keys.
 * Scalars are typed by the YAML 1.2 core schema (man/ni.7).  Returns 0, or
 * -1 with res->err, res->line, res->col set (out then holds garbage).
 * res->keys is allocated in both cases; free it with free(). */
int ni_yaml_to_json(const char *p, size_t n, const ni_yaml_opts *o,
		    ni_buf *out, ni_yaml_result *res);

/* ---------------------------------------------------------------------
 * The item schema (schema.c): fields, types, --check rules
 * ------------------------------------------------------------------- */

enum { NI_FT_ANY, NI_FT_STRING, NI_FT_DATE, NI_FT_URL, NI_FT_LIST,
       NI_FT_NUMBER };
#define NI_FF_REQUIRED 1u  /* absent, null, false or "": an error */
#define NI_FF_WARN     2u  /* a value of the wrong type: a warning */
#define NI_FF_UNIQUE   4u  /* a value seen in an earlier record: a warning */

/* One field.  Types: string; date (YYYY-MM-DD naming a real day); url
 * (an absolute http(s) URL, ni_url_is_web; "" is its own error); list (of
 * strings); number; any (not checked).  A wrong type is an error unless
 * NI_FF_WARN; more than max_chars characters (0: no limit) and a number
 * outside lo..hi (has_range) are warnings. */
typedef struct ni_field {
	const char *name;
	int type;            /* NI_FT_* */
	unsigned flags;      /* NI_FF_* */
	size_t max_chars;
	int has_range;
	double lo, hi;
	const char *meaning;
} ni_field;

/* A schema: the built-in news-item one (static, borrowed), or one read
 * by ni_schema_load (owned: free with ni_schema_free). */
typedef struct ni_schema {
	const ni_field *f;
	size_t n;
	ni_field *own;
	char *text;
} ni_schema;

/* The built-in news-item schema (nothing to free). */
void ni_schema_items(ni_schema *s);
/* Release what ni_schema_load made (nothing for ni_schema_items). */
void ni_schema_free(ni_schema *s);
/* --schema FILE: read and parse it into s: 0, or NI_EXIT_ERR after
 * reporting FILE[:LINE]: what is wrong (s then holds nothing to free). */
int ni_schema_load(ni_diag *d, const char *path, ni_schema *s);
/* ni-parse --fields: the record keys ni adds (_path, _body, _body_ko,
 * _body_en), then s's field names, a line each, to stdout.  Returns the
 * exit status (2 after a write error). */
int ni_schema_print_fields(ni_diag *d, const ni_schema *s);
/* The first NI_FF_UNIQUE field, or NULL. */
const ni_field *ni_schema_unique(const ni_schema *s);
/* Check one record (idx may be NULL): fn is called once per violation
 * with warn 0 (an error) or 1 (a warning), the field and a message
 * (borrowed for the call).  NI_FF_UNIQUE is the caller's: it spans
 * records. */
void ni_schema_check(const ni_schema *s, ni_jval rec, const ni_jidx *idx,
		     void (*fn)(void *arg, int warn, const char *field,
				const char *msg),
		     void *arg);

/* ---------------------------------------------------------------------
 * Items: one Markdown document -> one record (item.c; the parser itself
 * is private to this folder: item_int.h)
 * ------------------------------------------------------------------- */

typedef struct ni_item_opts {
	int body;            /* add _body and _body_XX */
	int check;           /* validate against schema */
	const ni_schema *schema;  /* NULL: the built-in item schema */
	size_t max_doc;      /* NI_MAX_DOC_SIZE */
	size_t max_fm;       /* NI_MAX_FM_SIZE */
	ni_yaml_opts yaml;   /* max_out 0 = 10x the front matter + 64 KiB */
} ni_item_opts;

/* A run of ni-parse over documents. */
typedef struct ni_parse_opts {
	ni_item_opts io;
	int strict;              /* warnings are errors; stop at the first failure */
	int jobs;                /* threads (0: the cores, at most 4; 1: parse
				  * in the caller) */
	int progress;            /* 1 always, 0 never, -1 on a terminal after 1 s */
	const char *rejects;     /* NULL or the --rejects file */
	const char *files_from;  /* NULL or a file of paths ("-" stdin) */
	int nul;                 /* files_from is NUL-separated */
	int quiet;               /* warnings: 0 one summary line at the end
				  * (each one with the diag's verbose), 1 none */
} ni_parse_opts;

typedef struct ni_parse_stats {
	unsigned long ndocs, nitems, nbad, nskip, nwarn;
} ni_parse_stats;

/* Parse every document under paths (none and no files_from: stdin) and
 * the files_from list, in the ordered pool; write the records to stdout
 * in input order, each failed document to rejects and its messages to
 * stderr: every error; the warnings (duplicate unique values with both
 * places) each with d->verbose, and one line counting them by kind
 * unless o->quiet.
 * Fills st when not NULL.  Returns the exit status (0, or 2 after any
 * error). */
int ni_parse_run(const ni_parse_opts *o, ni_diag *d, char **paths,
		 int npaths, ni_parse_stats *st);

/* ---------------------------------------------------------------------
 * Item identity (identity.c): "the same article" (man/ni.7)
 * ------------------------------------------------------------------- */

enum { NI_ID_NONE = 0, NI_ID_URL, NI_ID_ID, NI_ID_DIGEST, NI_ID_KEY,
       NI_ID_GUID };

/* Append the identity of record rec (idx may be NULL) to out, and say
 * which kind it is.  With key NULL: the canonical URL (ni_url_canon) of a
 * non-empty canonical_url string; else a non-empty id (string or
 * number, as written); else a non-empty guid (a feed entry's id, from
 * ni-parse --sfeed); else "digest:" and 32 hex digits of a 128-bit
 * hash of every top-level member whose key does not start with '_' (so
 * _path, _body... of copies do not matter) other than date_ingested (the
 * time of the run that fetched it), in record order.  With key
 * (a dotted path, --key FIELD): that field's value only, a string
 * (canonicalised when URL-valued, ni_url_is_web) or a number.
 * Returns NI_ID_NONE (nothing appended) when the key field is missing,
 * null, empty or not a string/number: an item without identity never
 * equals another. */
int ni_identity(ni_jval rec, const ni_jidx *idx, const char *key,
		ni_buf *out);

/* Why a --key value v gave NI_ID_NONE, as the rest of a message after
 * the field's name: "is missing", "is null", "is an empty string", "is a
 * list, not a string or number"...  A static string. */
const char *ni_identity_why(ni_jval v);

/* ---------------------------------------------------------------------
 * Feeds: sfeed(5) TSV -> records (sfeed.c), for ni-parse --sfeed
 * ------------------------------------------------------------------- */

typedef struct ni_sfeed_opts {
	const char *source;  /* source_id for every record; NULL: the input's
				file name (as sfeed_update names its files) */
	int64_t now;         /* date_ingested, Unix ms (NI_NOW or the clock) */
} ni_sfeed_opts;

/* ni-parse --sfeed: the records of files to stdout, bad lines to
 * po->rejects; the ni-parse options that do not apply to TSV (-b, -c,
 * --strict, --files-from, -j) are a usage error.  Sets o->now from
 * NI_NOW or the clock.  Returns the exit status: 0 ok, 2 any error. */
int ni_sfeed_main(ni_sfeed_opts *o, const ni_parse_opts *po, ni_diag *d,
		  char **files, int nfiles);

#endif
