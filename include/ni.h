/*
 * ni.h - the one header of libni, the library behind ni-parse, ni-filter,
 * ni-summarize and ni-render.
 *
 * Sections map the files in lib/:
 *   1. constants, record keys  (keys.c)      6. front matter      (frontmatter.c)
 *   2. diagnostics, memory     (util.c)      7. YAML -> JSON      (yaml2json.c)
 *   3. output                  (out.c)       8. directory walk    (walk.c)
 *   4. input: files and lines  (input.c)     9. Unicode           (unicode.c)
 *   5. JSON scanner and writer (json.c)     10. dates             (date.c)
 *  11. regex (regex.c)  12. expressions (expr.c)  13. aggregation (agg.c)
 *  14. escaping (escape.c)  15. templates (template.c)  16. state files (state.c)
 *
 * Ownership rule (after jq's jv.h): a function that returns a pointer says
 * in its contract who frees it.  "borrowed" pointers point into a buffer
 * owned by the caller or by an object and stay valid until that changes.
 * No function in lib/ keeps mutable global state: everything it needs is
 * passed in (a ni_diag for messages, a context struct for the rest).
 */
#ifndef NI_H
#define NI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdarg.h>
#include <time.h>

/* ---------------------------------------------------------------------
 * 1. Constants and record keys
 * ------------------------------------------------------------------- */

#ifndef NI_VERSION
#define NI_VERSION "0.1.0"
#endif

enum {
	NI_EXIT_OK = 0,      /* success; something selected */
	NI_EXIT_NONE = 1,    /* nothing selected (ni-filter) */
	NI_EXIT_ERR = 2,     /* any error, even when output was written */
	NI_EXIT_LOCKED = 75  /* state file locked by another run (EX_TEMPFAIL) */
};

/* Keys that ni itself adds to records.  They start with '_' so they never
 * collide with front matter.  Every tool spells them through these macros;
 * man/ni.7 documents them. */
#define NI_KEY_PATH     "_path"     /* file the item came from */
#define NI_KEY_BODY     "_body"     /* Markdown body (--body) */
#define NI_KEY_BODY_PFX "_body_"    /* _body_ko, _body_en: lang blocks */
#define NI_KEY_SUMMARY  "_summary"  /* summary row marker: "group"|"overview" */
#define NI_KEY_BY       "_by"       /* array of group key names */
#define NI_KEY_KEY      "_key"      /* object: group key name -> value */
#define NI_KEY_PARTIAL  "_partial"  /* ni-summarize --partial state */
#define NI_KEY_ERROR    "_error"    /* --rejects: the message */
#define NI_KEY_LINE     "_line"     /* --rejects: line */
#define NI_KEY_COL      "_col"      /* --rejects: column */
#define NI_KEY_RAW      "_raw"      /* --rejects: the rejected line */

/* Default limits; every tool lets the user change the ones it uses. */
#define NI_MAX_DEPTH       64                  /* nesting of YAML and JSON */
#define NI_MAX_ALIASES     100                 /* YAML alias events per doc */
#define NI_MAX_FM_SIZE     (1u << 20)          /* front matter bytes */
#define NI_MAX_DOC_SIZE    (64u << 20)         /* whole document bytes */
#define NI_MAX_LINE        (16u << 20)         /* NDJSON record bytes */

/* ---------------------------------------------------------------------
 * 2. Diagnostics and memory
 * ------------------------------------------------------------------- */

/* The message context of one tool run.  prog is the tool's name; errors
 * counts error() calls so main can turn them into exit status 2. */
typedef struct ni_diag {
	const char *prog;
	unsigned long errors;
	int verbose;
} ni_diag;

/* Print "prog: message\n" on stderr and count an error. */
void ni_error(ni_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print "prog: place: message\n" (place = "FILE:LINE[:COL]") and count. */
void ni_error_at(ni_diag *d, const char *file, unsigned long line,
		 unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Like ni_error_at, but a note: printed, not counted. */
void ni_note_at(ni_diag *d, const char *file, unsigned long line,
		unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Print "prog: message\n" and exit with status 2. */
void ni_die(ni_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* Print "prog: message\nTry 'prog --help' for more information.\n", exit 2. */
void ni_usage_error(ni_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* Allocation that never returns NULL: on failure it prints
 * "out of memory" and exits 2.  Free with free(). */
void *ni_xmalloc(size_t n);
void *ni_xcalloc(size_t n, size_t m);
void *ni_xrealloc(void *p, size_t n);
char *ni_xstrdup(const char *s);
char *ni_xstrndup(const char *s, size_t n);

/* A growable byte buffer, always NUL-terminated after len bytes.
 * Zero-initialise ({0}) before use; ni_buf_free releases it. */
typedef struct ni_buf {
	char *s;
	size_t len, cap;
} ni_buf;

void ni_buf_grow(ni_buf *b, size_t more);
void ni_buf_add(ni_buf *b, const void *p, size_t n);
void ni_buf_addc(ni_buf *b, int c);
void ni_buf_adds(ni_buf *b, const char *s);
void ni_buf_printf(ni_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ni_buf_reset(ni_buf *b);
void ni_buf_free(ni_buf *b);

/* Parse a decimal size/count argument ("100", "16M", "1k"); returns -1 on
 * a malformed value. */
long long ni_parse_size(const char *s);

/* Format a double for machine output: shortest form that reads back
 * exactly, '.' as decimal point whatever the locale, integers without a
 * fraction.  Writes at most 32 bytes into out (NUL-terminated). */
void ni_fmt_double(double v, char out[32]);

/* ---------------------------------------------------------------------
 * 3. Output
 * ------------------------------------------------------------------- */

/* A checked output stream.  Every write error (ENOSPC, EPIPE with SIGPIPE
 * ignored, EBADF) ends the tool with "prog: write error: REASON", exit 2.
 * With -o FILE the data goes to a temporary file in the same folder that
 * ni_out_close() fsyncs and renames over FILE; on error it is removed and
 * FILE is untouched. */
typedef struct ni_out {
	FILE *fp;
	ni_diag *d;
	char *path;      /* target for atomic output, or NULL for stdout */
	char *tmp;       /* temporary path while open */
} ni_out;

/* Open stdout (path NULL or "-") or an atomic temp file next to path. */
void ni_out_open(ni_out *o, ni_diag *d, const char *path);
void ni_out_write(ni_out *o, const void *p, size_t n);
void ni_out_puts(ni_out *o, const char *s);
void ni_out_printf(ni_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Flush, check, and (for a file) fsync + rename + fsync the folder.
 * Dies on any error.  Call exactly once. */
void ni_out_close(ni_out *o);
/* Remove the temporary file of an unfinished atomic output (error paths). */
void ni_out_abort(ni_out *o);

/* ---------------------------------------------------------------------
 * 4. Input: whole files and NDJSON lines
 * ------------------------------------------------------------------- */

/* Read a whole file ("-" = stdin) into *out (caller frees *out).  Fails
 * (returns -1 and sets errno; EFBIG when larger than max) without
 * reading more than max+1 bytes. */
int ni_read_file(const char *path, size_t max, char **out, size_t *len);

/* A line reader over a list of NDJSON inputs.  Lines are returned without
 * the final "\n" (or "\r\n"); the bytes are borrowed until the next call.
 * A UTF-8 BOM at the start of each file is skipped.  Blank lines are
 * skipped.  A line longer than max_line is reported and skipped. */
typedef struct ni_lines {
	ni_diag *d;
	char **files;        /* borrowed; NULL or empty means stdin */
	int nfiles, fi;
	int fd;
	const char *name;    /* current file name for messages ("-" = stdin) */
	unsigned long lineno;
	char *buf;           /* block buffer: lines are returned in place */
	size_t cap, pos, end;
	size_t max_line;
	int eof, skipping;
	unsigned long long nread; /* records returned */
} ni_lines;

void ni_lines_init(ni_lines *l, ni_diag *d, char **files, int nfiles);
/* Next record line: returns its length and sets *line, or -1 at the end
 * of all inputs.  Unreadable files are reported and skipped. */
long ni_lines_next(ni_lines *l, const char **line);
void ni_lines_free(ni_lines *l);

/* Rejects: a file receiving one NDJSON object per rejected input
 * ({"_path","_line","_col","_error","_raw"?}).  A NULL path disables it. */
typedef struct ni_rejects {
	ni_out out;
	int open;
} ni_rejects;
void ni_rejects_open(ni_rejects *r, ni_diag *d, const char *path);
void ni_rejects_add(ni_rejects *r, const char *file, unsigned long line,
		    unsigned long col, const char *msg,
		    const char *raw, size_t rawlen);
void ni_rejects_close(ni_rejects *r);

/* ---------------------------------------------------------------------
 * 5. JSON: a validating scanner over record text, and a writer
 *
 * Records are not turned into trees: a line is validated once
 * (ni_json_check) and values are then found by lazily scanning spans of
 * the original bytes.  Spans are borrowed from the line.
 * ------------------------------------------------------------------- */

typedef enum {
	NI_J_NONE = 0,  /* missing */
	NI_J_NULL, NI_J_FALSE, NI_J_TRUE, NI_J_NUM, NI_J_STR, NI_J_ARR, NI_J_OBJ
} ni_jtype;

typedef struct ni_jval {
	ni_jtype t;
	const char *p;   /* first byte of the value ('"', '[', '{', digit, ...) */
	size_t n;        /* bytes of the value text */
} ni_jval;

/* Validate that [p, p+n) is exactly one JSON object: RFC 8259 syntax,
 * valid UTF-8, no duplicate keys, no NUL in keys, numbers in range,
 * depth <= max_depth.  Returns 0, or -1 with a message in err (static
 * text, borrowed) and the 1-based byte column in *col. */
int ni_json_check(const char *p, size_t n, int max_depth,
		  const char **err, size_t *col);

/* Classify the value starting at p (validated text). */
ni_jval ni_json_value(const char *p, const char *end);
/* Look up key (klen bytes) in an object value; t = NI_J_NONE if absent. */
ni_jval ni_json_get(ni_jval obj, const char *key, size_t klen);
/* Look up a dotted path ("a.b", "list.0") in an object value.  A path
 * component that is all digits indexes an array. */
ni_jval ni_json_path(ni_jval obj, const char *path);
/* Iterate: *it starts NULL; returns 1 and sets *elem (and *key for
 * objects, a string value) for each member, 0 at the end. */
int ni_json_next(ni_jval container, const char **it, ni_jval *key,
		 ni_jval *elem);
/* Decode a string value into b (appended; escapes resolved, may contain
 * NUL).  Returns the number of bytes appended. */
size_t ni_json_str(ni_jval v, ni_buf *b);
/* True when the string value has no escapes: its bytes are p+1..p+n-1. */
int ni_json_str_plain(ni_jval v);
/* The numeric value of a number value. */
double ni_json_num(ni_jval v);
/* Append s (n bytes) as a JSON string literal with quotes; UTF-8 is kept
 * as is; control characters, '"' and '\\' are escaped. */
void ni_json_quote(ni_buf *b, const char *s, size_t n);

/* ---------------------------------------------------------------------
 * 6. Front matter
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

/* Check that [p, p+n) is valid UTF-8 without NUL bytes.  Returns 0, or -1
 * with the offending byte's offset in *off and a reason in *err. */
int ni_utf8_check(const char *p, size_t n, size_t *off, const char **err);

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
 * 7. YAML -> JSON
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
 * 8. Directory walk
 * ------------------------------------------------------------------- */

/* Call fn for every document path under path: a file is passed as is; a
 * folder is walked recursively in byte order of names, skipping entries
 * that start with '.', taking files ending in .md or .markdown.  Errors
 * (unreadable folder) are reported through d.  Returns nonzero when fn
 * returned nonzero (stops the walk). */
int ni_walk(ni_diag *d, const char *path,
	    int (*fn)(void *arg, const char *path), void *arg);

/* ---------------------------------------------------------------------
 * 9. Unicode (utf8proc)
 * ------------------------------------------------------------------- */

/* Append NFC of s (n bytes, UTF-8) to b; with fold, also Unicode case
 * folding.  Invalid UTF-8 is copied unchanged.  Returns 0. */
int ni_nfc(const char *s, size_t n, int fold, ni_buf *b);
/* Display width in terminal columns of s (wide = 2, combining = 0,
 * controls = 0). */
size_t ni_width(const char *s, size_t n);
/* Length in bytes of the longest prefix of s that is whole grapheme
 * clusters and at most cols columns wide; *w gets its width. */
size_t ni_width_prefix(const char *s, size_t n, size_t cols, size_t *w);

/* ---------------------------------------------------------------------
 * 10. Dates
 * ------------------------------------------------------------------- */

/* A time zone: fixed UTC offset or a named zone (via TZ rules). */
typedef struct ni_tz {
	char name[64];   /* "" or "UTC" for UTC */
} ni_tz;

typedef struct ni_datectx {
	int64_t now;       /* seconds since the epoch (NI_NOW or the clock) */
	ni_tz tz;          /* where days begin */
	int week_start;    /* 1 = Monday (ISO), 0 = Sunday */
} ni_datectx;

/* Fill c from the environment: NI_NOW (ISO timestamp) or time(NULL); zone
 * from tzname (NULL = $TZ, else UTC).  Returns -1 on a bad NI_NOW. */
int ni_date_init(ni_datectx *c, const char *tzname);

/* A half-open time interval [lo, hi) in Unix milliseconds. */
typedef struct ni_span {
	int64_t lo, hi;
} ni_span;

/* Parse a date value as written by users or found in records:
 * YYYY-MM-DD, ISO-8601 timestamps (fraction, Z or +HH:MM), YYYY-MM,
 * YYYY-Www, YYYY, today, yesterday, -7d -12h -2w -3m (relative to now).
 * A date or period is a span of its whole length (a day, week...); a
 * timestamp or relative time is a point (hi = lo + 1).  Dates without
 * zone are taken in c->tz.  Returns 0, or -1 when s is not a date. */
int ni_date_parse(const ni_datectx *c, const char *s, size_t n, ni_span *out);
/* Same, but only the forms that appear in records (no relative forms and
 * no periods); faster.  Returns -1 when s is not a date/timestamp. */
int ni_date_parse_field(const ni_datectx *c, const char *s, size_t n,
			int64_t *ms);
/* Civil date of ms in c->tz: year, month (1-12), day, weekday (0=Sun). */
void ni_date_civil(const ni_datectx *c, int64_t ms, int *y, int *m, int *d,
		   int *wday);
/* Format the period containing ms: kind 'd' day "2026-08-12", 'w' week
 * "2026-W33", 'm' month "2026-08", 'y' year "2026".  out >= 16 bytes. */
void ni_date_period(const ni_datectx *c, int64_t ms, int kind, char *out);
/* Format ms as RFC 3339 UTC ("2026-08-12T07:00:00Z") or RFC 822 ("Wed, 12
 * Aug 2026 07:00:00 +0000"); out >= 40 bytes. */
void ni_date_rfc3339(int64_t ms, char *out);
void ni_date_rfc822(int64_t ms, char *out);
/* strftime of ms in UTC with fmt into out (size n). */
size_t ni_date_strftime(int64_t ms, const char *fmt, char *out, size_t n);
/* Parse a duration "7d", "12h", "2w", "3m" (months), "90d"; returns 0 and
 * sets *ms (months count 30 days) or -1. */
int ni_duration_parse(const char *s, int64_t *ms);


/* ---------------------------------------------------------------------
 * 17. Items: one Markdown document -> one record (item.c)
 * ------------------------------------------------------------------- */

typedef struct ni_item_opts {
	int body;            /* add _body and _body_XX */
	int check;           /* validate the news-item schema */
	size_t max_doc;      /* NI_MAX_DOC_SIZE */
	size_t max_fm;       /* NI_MAX_FM_SIZE */
	ni_yaml_opts yaml;   /* max_out 0 = 10x the front matter + 64 KiB */
} ni_item_opts;

enum { NI_ITEM_OK = 0, NI_ITEM_SKIP = 1, NI_ITEM_ERR = 2 };

typedef struct ni_item_err {
	unsigned long line, col;   /* in the file; 0 when unknown */
	char msg[300];
} ni_item_err;

/* The result of parsing one document.  Zero-initialise; reuse across
 * documents; release with ni_item_free. */
typedef struct ni_item {
	int status;          /* NI_ITEM_OK, _SKIP (no front matter), _ERR */
	ni_buf rec;          /* OK: the record line, with '\n' */
	ni_item_err *errs;   /* ERR: one or more messages */
	size_t nerrs, caperrs;
	char *id;            /* OK: the "id" value when it is a string */
	unsigned long id_line, id_col;
	size_t bytes;        /* size of the document read */
} ni_item;

/* Read and convert the document at path ("-" = stdin).  Thread-safe: it
 * touches only its arguments. */
void ni_item_parse(const ni_item_opts *o, const char *path, ni_item *it);
void ni_item_free(ni_item *it);

/* ---------------------------------------------------------------------
 * 18. String sets and maps (strset.c)
 * ------------------------------------------------------------------- */

/* A hash map from byte strings to a pointer-sized value, with a seed
 * chosen per process (so colliding keys cannot be precomputed). */
typedef struct ni_strmap_ent {
	char *k;
	size_t n;
	uint64_t h;
	void *v;
} ni_strmap_ent;

typedef struct ni_strmap {
	ni_strmap_ent *t;
	size_t cap, len;
	uint64_t seed;
} ni_strmap;

void ni_strmap_init(ni_strmap *m);
/* Find key; returns the entry or NULL. */
ni_strmap_ent *ni_strmap_get(const ni_strmap *m, const char *k, size_t n);
/* Find or insert key (the key is copied; v starts NULL).  *isnew tells
 * which.  The returned entry is valid until the next insert. */
ni_strmap_ent *ni_strmap_put(ni_strmap *m, const char *k, size_t n,
			     int *isnew);
/* Free the keys; values are the caller's (free them first if needed). */
void ni_strmap_free(ni_strmap *m);

#endif /* NI_H */
