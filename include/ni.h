/*
 * ni.h - the one header of libni, the library behind ni-parse, ni-filter,
 * ni-summarize and ni-render.
 *
 * Sections map the files in lib/:
 *   1. constants, record keys, item fields (no .c file; their rules:
 *      schema.c, 16c)                        6. front matter      (frontmatter.c)
 *   2. diagnostics, memory     (util.c)      7. YAML -> JSON      (yaml2json.c)
 *   3. output                  (out.c)       8. directory walk    (walk.c)
 *   4. input: files and lines  (input.c)     9. Unicode           (unicode.c)
 *   5. JSON scanner and writer (json.c)     10. dates             (date.c)
 *  11. regex (regex.c)  12. expressions (expr*.c), 12b. ni-map (map.c)
 *  13. aggregation (agg.c)
 *  14. escaping (escape.c)  15. templates (template.c)  16. state files (state.c)
 *  16b. URLs (url.c)  16c. item schema (schema.c)  17. items (item.c) and
 *  the ni-parse run (parse.c)  17b. identity (identity.c)  18. the
 *  ni-filter run (filter.c)
 *  19. sorting (sort.c, extsort.c, sortrun.c)
 *  20. writing item files (yamlout.c, write.c, dirwrite.c)
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
#define NI_KEY_PARTIAL  "_partial"  /* ni-summarize --partial state */
#define NI_KEY_ERROR    "_error"    /* --rejects: the message */
#define NI_KEY_LINE     "_line"     /* --rejects: line */
#define NI_KEY_COL      "_col"      /* --rejects: column */

/* Fields of the news item, as the pipeline writes them.  Code spells
 * them through these macros; their types, rules and meanings are the
 * table in schema.c (section 17b), documented in man/ni.7. */
#define NI_FIELD_ID            "id"
#define NI_FIELD_DATE          "date_published"
#define NI_FIELD_DATE_INGESTED "date_ingested"
#define NI_FIELD_SOURCE_NAME   "source_name"
#define NI_FIELD_SOURCE_ID     "source_id"
#define NI_FIELD_SOURCE_TYPE   "source_type"
#define NI_FIELD_SOURCE_URL    "source_url"
#define NI_FIELD_TITLE         "title"
#define NI_FIELD_URL           "canonical_url"
#define NI_FIELD_LANGUAGE      "language_original"
#define NI_FIELD_CATEGORIES    "categories"
#define NI_FIELD_TAGS          "tags"
#define NI_FIELD_REGIONS       "regions"
#define NI_FIELD_SUMMARY_KO    "summary_ko"
#define NI_FIELD_SUMMARY_EN    "summary_en"
#define NI_FIELD_SO_WHAT_KO    "so_what_ko"
#define NI_FIELD_SO_WHAT_EN    "so_what_en"
#define NI_FIELD_KEY_POINTS    "key_points"
#define NI_FIELD_CONFIDENCE    "confidence"
#define NI_FIELD_THEME         "strategic_theme"
#define NI_FIELD_SENTIMENT     "sentiment"
#define NI_FIELD_ENTITIES      "key_entities"
#define NI_FIELD_RELEVANCE     "relevance_score"
#define NI_FIELD_IMPACT        "business_impact"
#define NI_FIELD_INSIGHT_KO    "one_line_insight_ko"
#define NI_FIELD_INSIGHT_EN    "one_line_insight_en"

/* Members of ni-summarize's summary rows: written by agg.c, read by the
 * renderer (render_table.c and the render_FORMAT.c files); man/ni-summarize.1
 * documents them. */
#define NI_ROW_GROUP     "group"      /* _summary of a group row */
#define NI_ROW_OVERVIEW  "overview"   /* _summary of the overview row */
#define NI_ROW_COUNT     "count"      /* items in the group */
#define NI_ROW_SHARE     "share"      /* count / items of the parent group */
#define NI_ROW_STATS     "stats"
#define NI_ROW_HIST      "hist"
#define NI_ROW_DISTINCT  "distinct"
#define NI_ROW_TREND     "trend"
#define NI_ROW_ITEMS     "items"      /* --items: the leading items */
#define NI_ROW_FIRST     "first"      /* overview: earliest date */
#define NI_ROW_LAST      "last"       /* overview: latest date */
#define NI_ROW_KEY       "key"        /* overview lists: {"key":..,"count":..} */

/* Records of a --partial state (_partial is the kind), written and read
 * by agg.c only. */
#define NI_PART_VERSION  "ni-summarize/2"  /* the header record's kind */
#define NI_PART_GROUP    "group"
#define NI_PART_PARENT   "parent"
#define NI_PART_OPTIONS  "options"    /* header: the options fingerprint */
#define NI_PART_TOTAL    "total"      /* header: items read */
#define NI_PART_KEY      "key"
#define NI_PART_COUNT    "count"
#define NI_PART_STATS    "stats"
#define NI_PART_HIST     "hist"
#define NI_PART_DISTINCT "distinct"
#define NI_PART_TREND    "trend"
#define NI_PART_ITEMS    "items"
#define NI_PART_RANK     "rank"
#define NI_PART_ITEM     "item"
#define NI_PART_DIMS     "dims"
#define NI_PART_BANDS    "bands"
#define NI_PART_FIRST    "first"
#define NI_PART_LAST     "last"

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
/* Print "prog: message\n": a note, not counted (-v tallies...). */
void ni_note(ni_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Progress on stderr: "\rprog: message", and a newline when final. */
void ni_progress(ni_diag *d, int final, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Print "prog: message\n" and exit with status 2. */
void ni_die(ni_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* Print "prog: message\nTry 'prog --help' for more information.\n", exit 2. */
void ni_usage_error(ni_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* One parse error, the same for every parser of ni (expressions,
 * templates, schema files...): a message, the 1-based line (0: the
 * source is one line) and the 1-based column counted in characters
 * (code points), not bytes. */
typedef struct ni_perr {
	char msg[300];
	unsigned long line, col;
} ni_perr;

/* Fill e. */
void ni_perr_set(ni_perr *e, unsigned long line, unsigned long col,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Report e as "prog: WHERE[:LINE]:COL: msg" (counted as an error) and,
 * when src is not NULL, the source line and a caret under the column,
 * placed by display width (after Korean text too; TAB and controls are
 * shown as spaces so it lines up). */
void ni_perr_print(ni_diag *d, const char *where, const char *src,
		   const ni_perr *e);

/* Allocation that never returns NULL: on failure it prints
 * "out of memory" and exits 2.  Free with free(). */
void *ni_xmalloc(size_t n);
/* Print "out of memory" and exit 2 (for libraries that return NULL). */
void ni_oom(void) __attribute__((noreturn));
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
/* Append one byte (inline: it is called per character by escapers). */
static inline void ni_buf_addc(ni_buf *b, int c)
{
	if (b->len + 2 > b->cap)
		ni_buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = 0;
}
void ni_buf_adds(ni_buf *b, const char *s);
void ni_buf_printf(ni_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ni_buf_reset(ni_buf *b);
void ni_buf_free(ni_buf *b);

/* Parse a decimal size/count argument ("100", "16M", "1k"); returns -1 on
 * a malformed value. */
long long ni_parse_size(const char *s);

/* Options every tool shares.  ni_opt_common handles -h/--help (usage on
 * stdout, exit 0), -V/--version (exit 0) and an unknown option (the
 * --help hint, exit 2); it returns 0 for any other option. */
int ni_opt_common(ni_diag *d, int c, const char *usage);
/* A number argument of --NAME in [min, max], else a usage error. */
long long ni_opt_num(ni_diag *d, const char *name, const char *arg,
		     long long min, long long max);
/* --week-start mon|sun: 1 Monday, 0 Sunday, else a usage error. */
int ni_opt_week_start(ni_diag *d, const char *arg);
/* With no FILE arguments and a terminal on stdin, say how to use the
 * tool instead of waiting for input (a usage error). */
void ni_opt_need_input(ni_diag *d, int nfiles);
/* The index of arg in the NULL-terminated words of --NAME, else a
 * usage error naming them ("invalid --missing 'x' (first or last)"). */
int ni_opt_word(ni_diag *d, const char *name, const char *arg,
		const char *const *words);
/* Append the comma-separated words of arg to *v (*n of them; copies,
 * the caller frees each and *v); empty words are kept only if empty. */
void ni_opt_words(char ***v, int *n, const char *arg, int empty);

/* Decode one UTF-8 character at p (n bytes left): its code point and
 * *len; an invalid, overlong or surrogate sequence gives -1, *len 1. */
long ni_utf8_decode(const unsigned char *p, size_t n, size_t *len);

/* Format a double for machine output: shortest form that reads back
 * exactly, '.' as decimal point whatever the locale, integers without a
 * fraction.  Writes at most 32 bytes into out (NUL-terminated). */
void ni_fmt_double(double v, char out[32]);
/* 1 when the JSON number text s (n bytes, valid) is already what
 * ni_fmt_double prints for its value (so it need not be formatted): no
 * exponent, at most 15 significant digits, no trailing fraction zero,
 * not below 0.0001 in size, not -0.  0 means "format it". */
int ni_num_canonical(const char *s, size_t n);

/* ---------------------------------------------------------------------
 * 2b. String maps (strset.c)
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

/* A set of strings kept only as seeded 64-bit hashes (16 bytes each): for
 * "seen before?" over many keys where a 1-in-2^64 false "seen" is
 * acceptable.  Each entry keeps a 32-bit tag (a line number). */
typedef struct ni_hashset {
	uint64_t *h;
	uint32_t *tag;
	size_t cap, len;
	uint64_t seed;
} ni_hashset;

void ni_hashset_init(ni_hashset *s);
/* Add s; returns 1 and sets *tag to the first one's tag when already
 * there, else records tag and returns 0. */
int ni_hashset_add(ni_hashset *s, const char *k, size_t n, uint32_t *tag);
void ni_hashset_free(ni_hashset *s);

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
	int unnamed;     /* the temporary file has no name yet (O_TMPFILE) */
	char *vbuf;      /* the stream's large buffer (not for a terminal) */
} ni_out;

/* The file a path names after following symlinks (a dangling link's
 * target too; relative targets read from the link's folder); path itself
 * when it is no symlink.  Caller frees. */
char *ni_path_target(const char *path);
/* Open stdout (path NULL or "-") or an atomic temp file next to path.
 * A symlink is written through: its target is replaced (in the target's
 * folder) and the link stays; an existing file's mode and, where
 * allowed, owner are kept. */
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
/* Make folder dir and its parents (like mkdir -p): 0, or -1 with the
 * failing folder reported through d. */
int ni_mkdirs(ni_diag *d, const char *dir);

/* ---------------------------------------------------------------------
 * 4. Input: whole files and NDJSON lines
 * ------------------------------------------------------------------- */

/* Read a whole file ("-" = stdin) into *out (caller frees *out).  Fails
 * (returns -1 and sets errno; EFBIG when larger than max) without
 * reading more than max+1 bytes. */
int ni_read_file(const char *path, size_t max, char **out, size_t *len);
/* The same into b, replacing its contents and reusing its memory (a
 * reader of many files allocates once); b->s is NUL-terminated. */
int ni_read_file_buf(const char *path, size_t max, ni_buf *b);

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
	int hold;            /* the caller keeps lines: see NI_LINES_SWAP */
	unsigned long long nread; /* records returned */
	char toolong[48];    /* the message for an over-long line */
} ni_lines;

void ni_lines_init(ni_lines *l, ni_diag *d, char **files, int nfiles);
/* Next record line: returns its length and sets *line, or -1 at the end
 * of all inputs.  Unreadable files are reported and skipped.
 *
 * With l->hold set, the lines returned stay valid (and in place in
 * l->buf) after the next call: instead of moving or overwriting bytes
 * the caller may still hold, ni_lines_next returns NI_LINES_SWAP, and the
 * caller takes the buffer with ni_lines_swap before calling again.  Reads
 * are then of 1 MiB, and a line longer than max_line is not reported
 * here but returned as NI_LINES_LONG (l->lineno is its line), so that
 * the caller reports it in order with the others. */
#define NI_LINES_SWAP (-2)
#define NI_LINES_LONG (-3)
long ni_lines_next(ni_lines *l, const char **line);
/* Give the reader b's memory and take its buffer into b: b->s holds the
 * lines returned since the last swap at their offsets from l->buf (as
 * it was), b->len the bytes read up to the end of the last of them; the
 * bytes not yet returned move to the start of the new buffer. */
void ni_lines_swap(ni_lines *l, ni_buf *b);
/* The message for a line longer than l->max_line ("record longer than
 * N bytes"), held in l: every reporter of one says the same. */
const char *ni_lines_toolong(ni_lines *l);
void ni_lines_free(ni_lines *l);

/* When fd is a pipe, ask for a 1 MiB pipe buffer (best effort, up to
 * /proc/sys/fs/pipe-max-size): the tools of a pipeline then hand each
 * other 256 KiB blocks, not 64 KiB ones with a wake-up each. */
void ni_pipe_grow(int fd);

/* Rejects: a file receiving one NDJSON object per rejected input
 * ({"_path","_line","_col","_error"}).  A NULL path disables it. */
typedef struct ni_rejects {
	ni_out out;
	int open;
} ni_rejects;
void ni_rejects_open(ni_rejects *r, ni_diag *d, const char *path);
void ni_rejects_add(ni_rejects *r, const char *file, unsigned long line,
		    unsigned long col, const char *msg);
void ni_rejects_close(ni_rejects *r);

/* ---------------------------------------------------------------------
 * 4b. Ordered worker pool (pool.c)
 * ------------------------------------------------------------------- */

/* nthreads workers run work(wctx[i], job) on submitted jobs; finished
 * jobs come back in submission order.  The caller is one of the workers:
 * nthreads - 1 threads are started (with wctx[0..nthreads-2]), and the
 * caller, rather than wait for the oldest job, runs a queued one itself
 * (with wctx[nthreads-1]).  With nthreads 0 or 1, work runs in the caller
 * (with wctx[0]) and submit returns the job at once.  Threads start when
 * a second job is queued; a lone job runs in the caller. */
typedef struct ni_pool ni_pool;

ni_pool *ni_pool_new(int nthreads, size_t slots,
		     void (*work)(void *wctx, void *job), void **wctx);
/* Queue job.  When all slots are busy it first waits for the oldest job
 * and returns it (the caller consumes it); otherwise returns NULL.  With
 * 0 threads it runs job and returns it. */
void *ni_pool_submit(ni_pool *p, void *job);
/* The oldest unreturned job, waiting for it; NULL when none is left. */
void *ni_pool_next(ni_pool *p);
/* Stop and join the threads (all jobs must have been taken back). */
void ni_pool_free(ni_pool *p);

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

/* The top-level members of a record, found while validating it, so
 * lookups need no second scan.  partial: not every member is in it (too
 * many, or escaped keys): lookups then scan. */
#define NI_JIDX_MAX 64
typedef struct ni_jidx_ent {
	const char *k;
	size_t kn;
	ni_jval v;
} ni_jidx_ent;
typedef struct ni_jidx {
	size_t n;
	int partial;
	ni_jidx_ent e[NI_JIDX_MAX];
} ni_jidx;

/* Validate that [p, p+n) is exactly one JSON object: RFC 8259 syntax,
 * valid UTF-8, no duplicate keys, no NUL in keys, numbers in range,
 * depth <= max_depth.  Returns 0, or -1 with a message in err (static
 * text, borrowed) and the 1-based character column in *col.  With idx,
 * it also records the top-level members. */
int ni_json_check(const char *p, size_t n, int max_depth, ni_jidx *idx,
		  const char **err, size_t *col);

/* The same check at a given scanner level (NI_SCAN_*, below): results
 * (rc, err, col, idx) are the same at every level; NI_SCAN_SCALAR is the
 * reference that the vector levels are tested against. */
int ni_json_check_at(const char *p, size_t n, int max_depth, ni_jidx *idx,
		     const char **err, size_t *col, int level);

/* The object value of a validated record line, without scanning it. */
ni_jval ni_json_record(const char *line, size_t n);
/* Classify the value starting at p (validated text). */
ni_jval ni_json_value(const char *p, const char *end);
/* Look up key (klen bytes) in an object value; t = NI_J_NONE if absent. */
ni_jval ni_json_get(ni_jval obj, const char *key, size_t klen);
/* Look up a dotted path ("a.b", "list.0") in an object value.  A path
 * component that is all digits indexes an array; a key containing dots
 * is found when the nested reading finds nothing. */
ni_jval ni_json_path(ni_jval obj, const char *path);
/* The same, with the top-level index of obj (may be NULL). */
ni_jval ni_json_ipath(ni_jval obj, const ni_jidx *idx, const char *path);
ni_jval ni_json_iget(ni_jval obj, const ni_jidx *idx, const char *key,
		     size_t klen);
/* Iterate: *it starts NULL; returns 1 and sets *elem (and *key for
 * objects, a string value) for each member, 0 at the end. */
int ni_json_next(ni_jval container, const char **it, ni_jval *key,
		 ni_jval *elem);
/* Decode a string value into b (appended; escapes resolved, may contain
 * NUL).  Returns the number of bytes appended. */
size_t ni_json_str(ni_jval v, ni_buf *b);
/* The numeric value of a number value. */
double ni_json_num(ni_jval v);
/* Append s (n bytes) as a JSON string literal with quotes; UTF-8 is kept
 * as is; control characters, '"' and '\\' are escaped. */
void ni_json_quote(ni_buf *b, const char *s, size_t n);

/* Scanner kernels (scan.c), at a level: NI_SCAN_SCALAR (the reference),
 * NI_SCAN_SSE2, NI_SCAN_AVX2 (levels above what the CPU has are not
 * allowed).  ni_scan_level: the best level of this CPU. */
enum { NI_SCAN_SCALAR = 0, NI_SCAN_SSE2 = 1, NI_SCAN_AVX2 = 2 };
int ni_scan_level(void);
/* 1 when [p, p+n) is valid UTF-8 (no overlongs, surrogates, code points
 * above U+10FFFF or cut sequences; NUL is allowed), else 0. */
int ni_scan_utf8(const char *p, size_t n, int level);
/* The first byte in [p, end) that is '"', '\\' or below 0x20, or end. */
const char *ni_scan_special(const char *p, const char *end, int level);
/* Both in one pass over [p, p+n): returns ni_scan_utf8, and marks the
 * bytes that ni_scan_special stops at in bits (bit i % 64 of word i / 64
 * for byte i), and the end (bit n).  bits has n / 64 + 1 words; all are
 * written, whatever the UTF-8. */
int ni_scan_marks(const char *p, size_t n, uint64_t *bits, int level);
/* The length of the longest prefix of [p, p+n) that is printable ASCII
 * (0x20 to 0x7E): the run escapers and one-line filters keep whole. */
size_t ni_scan_printable(const char *p, size_t n, int level);

/* ---------------------------------------------------------------------
 * 5b. Batched line runner (batch.c): NDJSON lines in batches, each line
 *     validated and worked on by the pool's threads, then emitted in
 *     input order (ni-filter, ni-map, ni-sort, ni-summarize, ni-render)
 * ------------------------------------------------------------------- */

/* One input line of a batch. */
typedef struct ni_bline {
	size_t off, len;          /* the line: text.s + off, len bytes */
	unsigned long lineno;     /* its line in its input */
	unsigned long long nr;    /* its number over all inputs, from 1 */
	int fi;                   /* its input (ni_lines.fi) */
	const char *bad;          /* not valid JSON: the message (static) */
	size_t col;               /* with bad: the column */
	int toolong;              /* over --max-line: bad, and no text */
} ni_bline;

/* A batch: the lines, one result of rsz bytes per line for the tool
 * (ni_batch_res), and two buffers the tool's work() may append to (out,
 * msg: emptied before each batch is worked on).  Owned by the runner. */
typedef struct ni_batch {
	ni_buf text;
	ni_bline *l;
	unsigned char *res;
	size_t n, cap, rsz;
	ni_buf out, msg;
} ni_batch;

/* Line i's result (rsz bytes, uninitialised until work() sets it). */
static inline void *ni_batch_res(const ni_batch *b, size_t i)
{
	return b->res + i * b->rsz;
}

typedef struct ni_batch_cfg {
	int threads;          /* ni_batch_threads(jobs): 0 runs in the caller */
	void **wctx;          /* one context per thread (one when threads 0) */
	size_t res_size;      /* bytes of a line's result (0: none) */
	/* On a worker thread: line i of b, valid JSON, its members in idx. */
	void (*work)(void *wctx, ni_batch *b, size_t i, ni_jidx *idx);
	/* In input order: valid line i of b from input name; nonzero stops
	 * the run (nothing more is read, reported or emitted). */
	int (*emit)(void *ctx, ni_batch *b, size_t i, const char *name);
	void *ctx;
	ni_out *rej;          /* invalid lines are copied here when non-NULL */
	/* Optional, polled on the reading thread after each batch is handed
	 * to the threads: nonzero moves the rest of the run to the reading
	 * thread (the batches in flight finish first; work() then runs there
	 * with wctx[0]).  For work that threads make dearer, not cheaper. */
	int (*serial)(void *ctx);
} ni_batch_cfg;

/* The threads for -j jobs (0: the cores, at most 4); 0 when one. */
int ni_batch_threads(int jobs);
/* Run every line of in through c: an invalid line is reported as
 * FILE:LINE:COL on in->d (and copied to c->rej), a valid one is worked
 * on and then emitted, all in input order whatever the threads. */
void ni_batch_run(const ni_batch_cfg *c, ni_lines *in);
/* From work(): keep a copy of msg in b->msg; returns its offset there
 * (the message is b->msg.s + offset until the batch is emitted). */
size_t ni_batch_msg(ni_batch *b, const char *msg);
/* Copy line (n bytes, plus a newline) to c->rej, when there is one. */
void ni_batch_reject(const ni_batch_cfg *c, const char *line, size_t n);

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

/* A time zone, by name (TZ rules). */
typedef struct ni_tz {
	char name[64];
} ni_tz;

typedef struct ni_datectx {
	int64_t now;       /* Unix ms (NI_NOW or the clock) */
	ni_tz tz;          /* where days begin */
	int utc;           /* the zone is UTC (fast path) */
	int week_start;    /* 1 = Monday (ISO), 0 = Sunday */
} ni_datectx;

/* Fill c from the environment: NI_NOW (ISO timestamp) or the clock; zone
 * from zone (NULL: $TZ, else UTC), which it sets as the process TZ.
 * Call once, first thing in main.  Returns -1 on a bad NI_NOW. */
int ni_date_init(ni_datectx *c, const char *zone);
/* ni_date_init for a tool's options (--tz zone, --week-start: 1 Monday,
 * 0 Sunday): a bad NI_NOW is a usage error (util.c). */
void ni_opt_dates(ni_diag *d, ni_datectx *dc, const char *tz, int week_start);
/* Is zone a time zone the C library knows: UTC/GMT/Z, a zoneinfo name
 * ("Asia/Seoul", found as a TZif file under $TZDIR or
 * /usr/share/zoneinfo), an absolute TZif path, or a POSIX TZ rule
 * ("KST-9")?  The C library silently treats any other name as UTC. */
int ni_tz_valid(const char *zone);

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
 * "2026-W33", 'm' month "2026-08", 'y' year "2026".  out >= 32 bytes. */
void ni_date_period(const ni_datectx *c, int64_t ms, int kind, char *out);
/* Format ms as RFC 3339 in UTC ("2026-08-12T07:00:00Z") or RFC 822 in
 * UTC ("Wed, 12 Aug 2026 07:00:00 +0000"), whatever TZ and --tz say;
 * out >= 40 bytes. */
void ni_date_rfc3339(int64_t ms, char *out);
void ni_date_rfc822(int64_t ms, char *out);
/* strftime of ms in the run's zone (see ni_date_init) into out. */
size_t ni_date_strftime(int64_t ms, const char *fmt, char *out, size_t n);
/* Days in month m (1-12) of year y in the proleptic Gregorian calendar
 * (the one leap-year rule of ni); 0 for a month out of range. */
int ni_days_in_month(int y, int m);
/* Parse a duration "7d", "12h", "2w", "3m" (months), "90d"; returns 0 and
 * sets *ms (months count 30 days) or -1. */
int ni_duration_parse(const char *s, int64_t *ms);


/* ---------------------------------------------------------------------
 * 11. Regular expressions (regex.c, PCRE2)
 * ------------------------------------------------------------------- */

/* A compiled pattern with its match data and limits (match 1e6 steps,
 * depth 1e4, heap 20 MiB, JIT stack 1 MiB).  Not shared between threads.
 * The pattern is NFC-normalised before it is compiled; a caseless
 * pattern (flag i or icase) is also case-folded in full (ß = ss), and so
 * is every subject it is matched against. */
typedef struct ni_regex {
	void *code, *md, *mc, *js;
	int jit;
	int fold;               /* subjects are NFC + case-folded */
	ni_buf subj;            /* scratch: the normalised subject */
} ni_regex;

/* Compile pat (n bytes; UTF-8, Unicode properties, invalid UTF-8 in
 * subjects tolerated) with flags from "ixsm"; icase adds case folding.
 * Returns 0, or -1 with a message in err and the offset in *erroff (a
 * byte offset into pat as given). */
int ni_regex_compile(ni_regex *r, const char *pat, size_t n,
		     const char *flags, int icase, char *err, size_t errsz,
		     size_t *erroff);
/* 1 match, 0 no match, -1 error (limit exceeded...) with err set: an
 * error is never reported as "no match".  s is normalised first (NFC,
 * folded for a caseless pattern). */
int ni_regex_match(ni_regex *r, const char *s, size_t n, char *err,
		   size_t errsz);
/* Append s with every match replaced by rep ($1, ${name}, $$ as in
 * PCRE2's substitute; the subject is normalised first as for matching).
 * Returns 0, or -1 with err set (bad reference, limits). */
int ni_regex_replace(ni_regex *r, const char *s, size_t n, const char *rep,
		     size_t repn, ni_buf *out, char *err, size_t errsz);
void ni_regex_free(ni_regex *r);

/* ---------------------------------------------------------------------
 * 12. Expressions (expr.c, expr_eval.c, expr_fn.c): the language of
 * ni-filter and ni-map, man/ni-expr.7.  One lexer, parser and
 * evaluator: a predicate is an expression whose value is a truth.
 * ------------------------------------------------------------------- */

enum { NI_E_CMP, NI_E_EXISTS, NI_E_AND, NI_E_OR, NI_E_NOT, NI_E_TRUE,
       NI_E_FALSE,
       /* value nodes (computed values; ni_expr_eval takes their truth:
	* false for false, null and missing, true otherwise) */
       NI_E_NUM, NI_E_STR, NI_E_NULL, NI_E_LIST, NI_E_PATH, NI_E_NR,
       NI_E_ADD, NI_E_SUB, NI_E_MUL, NI_E_DIV, NI_E_NEG, NI_E_CALL,
       NI_E_REGEX };
enum { NI_OP_EQ, NI_OP_NE, NI_OP_LT, NI_OP_LE, NI_OP_GT, NI_OP_GE,
       NI_OP_RE, NI_OP_NRE, NI_OP_IN, NI_OP_HAS };

/* A literal as typed: its NFC text, case-folded text, and its readings as
 * a number and as a date span, when it has them. */
typedef struct ni_lit {
	char *s, *fold;
	size_t n, nfold;
	int isnum, isdate;
	double num;
	ni_span span;
} ni_lit;

typedef struct ni_expr {
	int k;                  /* NI_E_* */
	struct ni_expr *a, *b;  /* operands of AND, OR, NOT, + - * /, NEG */
	char *field;            /* CMP/EXISTS on a field, PATH: the path as
				 * written ("a.b", "*"); NULL for a computed
				 * left side */
	struct ni_expr *lhs;    /* CMP: the left side (a PATH or a value) */
	int op;                 /* NI_OP_* */
	ni_lit *vals;           /* one, or the list of 'in' */
	size_t nvals;
	ni_regex *re;           /* ~ and !~, REGEX */
	char *text;             /* the node's source text, for --explain and
				 * runtime messages */
	size_t col;
	/* value nodes */
	double num;             /* NUM */
	char *s;                /* STR (NFC), REGEX: replacement flags */
	size_t n;
	int fn;                 /* CALL: the function */
	struct ni_expr **args;  /* CALL arguments, LIST elements */
	size_t nargs;
	char **comp;            /* PATH: components ("a", "b", "0") */
	size_t ncomp;
	int quoted;             /* PATH: `a.b`, one literal key */
} ni_expr;

typedef struct ni_expr_opts {
	const ni_datectx *dc;   /* dates: now, zone, week start */
	int icase;              /* -i: = and ~ fold case */
} ni_expr_opts;

/* Parse src as a predicate (ni-filter).  Returns the tree (free with
 * ni_expr_free), or NULL with a message in err and the 1-based column
 * (characters) of the offending token in *col. */
ni_expr *ni_expr_parse(const char *src, const ni_expr_opts *o,
		       char *err, size_t errsz, size_t *col);
/* Join two trees with NI_E_AND or NI_E_OR (either may be NULL); takes
 * ownership of both. */
ni_expr *ni_expr_bin(int kind, ni_expr *a, ni_expr *b);
void ni_expr_free(ni_expr *e);
/* Append s quoted for the expression language ("..." with escapes). */
void ni_expr_quote(ni_buf *b, const char *s);
/* Does the tree call seq() (state shared across records, so one thread)? */
int ni_expr_uses_seq(const ni_expr *e);

/* Evaluation state: scratch buffers, a date cache, and what decided the
 * last result when explain is set.  Zero-initialise; ni_eval_free. */
typedef struct ni_eval {
	const ni_datectx *dc;
	int icase, explain;
	ni_buf t1, t2;
	char err[256];          /* set when eval returns -1 */
	const ni_jidx *idx;     /* top-level index of the record, or NULL */
	const ni_expr *why;     /* explain: the deciding leaf */
	ni_jval whyval;         /* explain: the value it saw */
	char cache_s[48];
	size_t cache_n;
	int cache_ok;
	int64_t cache_ms;
	unsigned long long nr;  /* the record's number (nr), set by the caller */
	void *priv;             /* computed values, ni-map's record: owned,
				 * released by ni_eval_free */
} ni_eval;

/* 1 selected, 0 not, -1 error (ev->err).  A missing or null field makes
 * every comparison false; != and !~ are "present and not".  A computed
 * value that fails (number("abc"), "a" * 2) is an error, never false. */
int ni_expr_eval(const ni_expr *e, ni_jval rec, ni_eval *ev);
void ni_eval_free(ni_eval *ev);

/* ---------------------------------------------------------------------
 * 12b. ni-map programs (map.c): statements over one record
 * ------------------------------------------------------------------- */

typedef struct ni_map ni_map;

/* Parse a program (statements separated by ';' or line breaks).  Returns
 * it (free with ni_map_free), or NULL with a message in err and the byte
 * offset of the offending token in *off. */
ni_map *ni_map_parse(const char *src, const ni_expr_opts *o, char *err,
		     size_t errsz, size_t *off);
/* Does the program need one thread (seq())? */
int ni_map_sequential(const ni_map *m);
void ni_map_free(ni_map *m);

enum { NI_MAP_OUT = 0, NI_MAP_SKIP = 1, NI_MAP_ERR = -1 };

/* Run m on one validated record line (idx from ni_json_check, may be
 * NULL; ev->nr set by the caller).  NI_MAP_OUT: the changed record is
 * appended to out (no newline): untouched members are copied byte for
 * byte, changed ones keep their place, new ones come last.  NI_MAP_SKIP:
 * the program said skip, nothing appended.  NI_MAP_ERR: ev->err says
 * what failed (nothing appended). */
int ni_map_run(const ni_map *m, ni_eval *ev, const char *line, size_t n,
	       const ni_jidx *idx, ni_buf *out);

/* ---------------------------------------------------------------------
 * 13. Aggregation (agg.c): ni-summarize's groups, exact and mergeable
 * ------------------------------------------------------------------- */

/* A group key: a field, or a key derived from one. */
enum { NI_K_FIELD, NI_K_DAY, NI_K_WEEK, NI_K_MONTH, NI_K_YEAR, NI_K_DOMAIN,
       NI_K_LOWER };

typedef struct ni_keyspec {
	int kind;           /* NI_K_* */
	char *field;        /* dotted path */
	char *name;         /* output key name ("week", "tags", ...) */
	char *spec;         /* as written ("week", "lower(regions)") */
	int warned;         /* -v: an _invalid value was reported */
} ni_keyspec;

typedef struct ni_hist {
	char *field;
	double *edges;
	int n;
} ni_hist;

typedef struct ni_agg_opts {
	ni_keyspec *by;     /* none: the overview record */
	int nby;
	char **stats;
	int nstats;
	ni_hist *hist;
	int nhist;
	char **distinct;
	int ndistinct;
	int items;          /* leading items per group */
	char **rank;        /* rank fields; rank_asc[i] for ascending */
	int *rank_asc;
	int nrank;
	int64_t trend_ms;   /* 0: no trend */
	const char *trend_spec;  /* borrowed */
	const char *date_field;
	const ni_datectx *dc;
	size_t max_groups;
	int top;            /* output: keep the N largest (per first key) */
	int sort;           /* output: 0 count, 1 key, 2 change */
} ni_agg_opts;

typedef struct ni_agg ni_agg;

/* The list fields the overview row counts (its leading values). */
#define NI_OVERVIEW_NDIMS 4
extern const char *const ni_overview_dims[NI_OVERVIEW_NDIMS];

/* Parse one --by key ("tags", "week", "week(date_ingested)",
 * "domain(canonical_url)", "lower(regions)").  Returns 0 or -1. */
int ni_keyspec_parse(const char *s, ni_keyspec *k);
/* A text that identifies the options a partial state depends on. */
char *ni_agg_fingerprint(const ni_agg_opts *o);

ni_agg *ni_agg_new(const ni_agg_opts *o, ni_diag *d);
/* Count one item record (validated; idx may be NULL).  Returns 0, or -1
 * when --max-groups would be exceeded (nothing counted). */
int ni_agg_add(ni_agg *a, ni_jval rec, const ni_jidx *idx,
	       const char *file, unsigned long line);
/* Merge one line of a partial state (from --partial).  Returns
 * NI_MERGE_OK, or another value with a message in err. */
typedef enum {
	NI_MERGE_OK = 0,
	NI_MERGE_BAD,       /* not a valid partial record: skip it */
	NI_MERGE_OPTIONS,   /* a state made with other options: stop */
	NI_MERGE_FULL       /* more groups than --max-groups: stop */
} ni_merge_rc;
ni_merge_rc ni_agg_merge(ni_agg *a, const char *line, size_t n, char *err,
			 size_t errsz);

/* Options (agg_opts.c): ni-summarize's words into o.  Each returns 0,
 * or -1 with a message in err (a usage error).  Strings are copied
 * except trend_spec, which borrows arg. */
void ni_agg_opts_init(ni_agg_opts *o);
/* -b KEY[,KEY...]: keys may hold commas in parentheses; two keys of one
 * output name are refused. */
int ni_agg_opt_by(ni_agg_opts *o, const char *arg, char *err, size_t errsz);
/* --hist FIELD:EDGE,EDGE... (increasing). */
int ni_agg_opt_hist(ni_agg_opts *o, const char *arg, char *err, size_t errsz);
/* --trend PERIOD: a duration (7d, 12h) or day, week, month. */
int ni_agg_opt_trend(ni_agg_opts *o, const char *arg, char *err, size_t errsz);
/* --sort count|key|change. */
int ni_agg_opt_sort(ni_agg_opts *o, const char *arg, char *err, size_t errsz);
/* After all options: cross-checks (--items and --top need -b, --sort
 * change needs --trend), default --rank, ":asc" suffixes. */
int ni_agg_opts_done(ni_agg_opts *o, char *err, size_t errsz);
/* Free what the ni_agg_opt_* functions allocated. */
void ni_agg_opts_free(ni_agg_opts *o);
/* Write the partial state / the final rows (NDJSON). */
void ni_agg_write_partial(ni_agg *a, ni_out *out);
void ni_agg_write(ni_agg *a, ni_out *out);
void ni_agg_free(ni_agg *a);
/* The number of groups in a (agg_run.c: is the key of high cardinality?). */
size_t ni_agg_groups(const ni_agg *a);
/* ni-summarize's input loop (agg_run.c): read the records of files (none:
 * stdin; lines longer than max_line are reported) and count them into a,
 * or with merge read partial states into it.  Bad lines are reported on d
 * in input order.  jobs: threads (0 or 1: one);
 * with more than one, each thread counts into its own table and the
 * tables are combined by ni_agg_merge, so the result is the same as on
 * one core.  --merge and -v (notes in input order) use one core.
 * Returns 0, or -1 when --max-groups was exceeded or a merge was refused
 * (reported; a holds an incomplete count: write nothing). */
int ni_agg_run(ni_agg *a, const ni_agg_opts *o, ni_diag *d, char **files,
	       int nfiles, size_t max_line, int merge, int jobs);

/* ---------------------------------------------------------------------
 * 14. Escaping (escape.c): text from records into each output format
 * ------------------------------------------------------------------- */

/* Each appends s (n bytes of UTF-8; invalid bytes become U+FFFD) to b. */
/* HTML text and quoted attribute values: & < > " ' as entities; control
 * characters other than TAB/LF/CR and noncharacters removed. */
void ni_esc_html(ni_buf *b, const char *s, size_t n);
/* XML 1.0 text: the same; characters XML forbids (C0 but TAB/LF/CR,
 * U+FFFE, U+FFFF) are removed, as escaping is not enough for those. */
void ni_esc_xml(ni_buf *b, const char *s, size_t n);
/* A terminal: C0/C1 controls and DEL (but TAB, LF) as U+FFFD, bidi
 * overrides and isolates (U+202A-202E, U+2066-2069) removed. */
void ni_esc_term(ni_buf *b, const char *s, size_t n);
/* Markdown inline text: ASCII punctuation that Markdown reads is
 * backslash-escaped; line breaks become spaces. */
void ni_esc_md(ni_buf *b, const char *s, size_t n);
/* One CSV/TSV field (sep ',' or '\t'): quoted when it holds sep, '"',
 * CR or LF (RFC 4180); for TSV, TAB/LF/CR become spaces instead. */
void ni_esc_csv(ni_buf *b, const char *s, size_t n, int sep);
/* Is s a link ni may write: after dropping leading/trailing controls and
 * spaces and any TAB/LF/CR (as a browser does), is its scheme http,
 * https or mailto?  The cleaned URL is appended to b when it is, with
 * spaces, controls and < > " ` { } | \\ ^ percent-encoded. */
int ni_url_ok(const char *s, size_t n, ni_buf *b);
/* Replace invalid UTF-8 in s by U+FFFD (appended to b). */
void ni_utf8_clean(ni_buf *b, const char *s, size_t n);

/* The escapers by name, for code that picks one per output format. */
typedef enum { NI_ESC_NONE, NI_ESC_TERM, NI_ESC_HTML, NI_ESC_XML,
	       NI_ESC_MD, NI_ESC_CSV, NI_ESC_TSV } ni_esc;
/* Append s escaped with e (NI_ESC_NONE: as is). */
void ni_esc_as(ni_buf *b, ni_esc e, const char *s, size_t n);

/* ---------------------------------------------------------------------
 * 15. Templates (template.c): "{date_published} {title:~60}"
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
} ni_tplctx;

/* Compile a template.  NULL on error, with e filled: the column in
 * characters (and the line, when src has several), for ni_perr_print. */
ni_tpl *ni_tpl_parse(const char *src, ni_perr *e);
/* Compile a document template (-T): the text before {#item} is the
 * header, up to {/item} the item, the rest the footer (a newline right
 * after a marker is dropped); without the markers, all of it is the
 * item and *head, *foot are NULL.  Returns 0, or -1 with e placed in
 * src (nothing to free then). */
int ni_tpl_doc(const char *src, ni_tpl **head, ni_tpl **item, ni_tpl **foot,
	       ni_perr *e);
/* For a tool's options: ni_tpl_parse, or report the error with a caret
 * under its place (where: the option or file) and exit 2. */
ni_tpl *ni_tpl_need(ni_diag *d, const char *where, const char *src);
/* The same for the document template in file path (ni_tpl_doc). */
void ni_tpl_need_doc(ni_diag *d, const char *path, ni_tpl **head,
		     ni_tpl **item, ni_tpl **foot);
/* Append the template expanded for record rec (idx may be NULL). */
void ni_tpl_render(const ni_tpl *t, ni_jval rec, const ni_jidx *idx,
		   const ni_tplctx *c, ni_buf *out);
void ni_tpl_free(ni_tpl *t);
/* The field placeholders of t ({a|b} has two slots), for reports: the
 * number of slots, the name of slot i (borrowed from t). */
size_t ni_tpl_nslots(const ni_tpl *t);
const char *ni_tpl_slot(const ni_tpl *t, size_t i);
/* Does t use field or variable name (e.g. "count")? */
int ni_tpl_uses(const ni_tpl *t, const char *name);
/* Is s a language tag ni accepts for -l and NI_LANG: 2 to 8 of a-z and
 * '-' ("ko", "en", "pt-br")? */
int ni_lang_ok(const char *s);

/* The value of field f for language lang: f_lang when present, else f,
 * else f_en or f_ko (another language rather than nothing).  For the
 * fields a format chooses itself (an item's title, summary) and F@lang. */
ni_jval ni_loc(ni_jval rec, const ni_jidx *idx, const char *f,
	       const char *lang);
/* A field the user named (templates, --fields, --group-by): f itself
 * when the record has it, else ni_loc's language fallback. */
ni_jval ni_named(ni_jval rec, const ni_jidx *idx, const char *f,
		 const char *lang);
/* Append the text of a value: strings decoded, lists joined with sep,
 * numbers and booleans as written, null and missing as nothing. */
void ni_val_text(ni_jval v, const char *sep, ni_buf *out);
/* Append s padded or cut to cols terminal columns: align -1 left, 1
 * right, 0 only cut; cut adds "…" and never splits a character. */
void ni_fit(ni_buf *out, const char *s, size_t n, size_t cols, int align,
	    int cut);
/* Append s wrapped at width columns; lines after the first start with
 * indent spaces (first line: first_used columns are already taken). */
void ni_wrap(ni_buf *out, const char *s, size_t n, size_t width,
	     size_t indent, size_t first_used);

/* ---------------------------------------------------------------------
 * 15b. Rendering (render.c): records -> documents people read
 * ------------------------------------------------------------------- */

enum { NI_F_TEXT, NI_F_MD, NI_F_HTML, NI_F_ATOM, NI_F_RSS, NI_F_EMAIL,
       NI_F_CSV, NI_F_TSV, NI_F_JSON, NI_F_SVG };

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
} ni_render_opts;

typedef struct ni_render ni_render;

/* Start a document written to out. */
ni_render *ni_render_new(const ni_render_opts *o, ni_out *out);
/* Render one validated record (idx: its top-level index, or NULL). */
void ni_render_record(ni_render *r, const char *line, size_t n,
		      const ni_jidx *idx, const char *file, unsigned long lineno);
/* Render every record of in (bad lines reported on the options' diag
 * and skipped), then finish the document (ni_render_end).  With
 * o.jobs threads the records are checked on the pool's threads and
 * rendered on this one, in input order: the output does not depend on
 * the threads. */
long ni_render_lines(ni_render *r, ni_lines *in);
/* An option combination that cannot apply (--key outside feeds and
 * mail, --fields outside csv/tsv): -1 with a message in err. */
int ni_render_opts_check(const ni_render_opts *o, char *err, size_t errsz);
/* Finish the document.  Returns the number of records rendered: items
 * and summary rows (a table of counts is content too). */
long ni_render_end(ni_render *r);
void ni_render_free(ni_render *r);
/* "text", "md", ... -> NI_F_*, or -1. */
int ni_render_format(const char *name);

/* ni-render's command line (render_cli.c).  cmd/ni-render.c gives each
 * option from getopt_long to ni_render_cli_opt (short options by their
 * letter -f -l -F -T -o -v, long-only ones by these codes), then calls
 * ni_render_cli_run. */
enum { NI_RO_TITLE = 256, NI_RO_LIMIT, NI_RO_GROUP, NI_RO_WIDTH, NI_RO_COLOR,
       NI_RO_FROM, NI_RO_TO, NI_RO_SUBJECT, NI_RO_LINK, NI_RO_FIELDS,
       NI_RO_EMPTY, NI_RO_TZ, NI_RO_MAXLINE, NI_RO_KEY, NI_RO_GORDER };

typedef struct ni_render_cli {
	ni_diag d;
	ni_render_opts o;
	ni_datectx dc;
	const char *output, *fmt, *tplfile, *subject, *tz, *color, *fields;
	size_t max_line;
	ni_tpl *tpl[5];          /* -F, --subject, -T head/item/foot (owned) */
	char *fields_copy;       /* --fields split in place (owned) */
} ni_render_cli;

/* Defaults, and NI_LANG (a usage error when invalid). */
void ni_render_cli_init(ni_render_cli *c);
/* Take option opt with its argument: 0, or a usage error (exit 2) for a
 * bad value; -1 when opt is not one of ni-render's own (-h, -V and
 * unknown options are ni_opt_common's). */
int ni_render_cli_opt(ni_render_cli *c, int opt, const char *arg);
/* Check the options together (usage errors), render files (none:
 * stdin) to stdout or -o, free what c owns; returns the exit status. */
int ni_render_cli_run(ni_render_cli *c, char **files, int nfiles);

/* ---------------------------------------------------------------------
 * 16. Cron state files (state.c) and dedup (dedup.c)
 * ------------------------------------------------------------------- */

typedef struct ni_state {
	char *path;
	ni_strmap keys;      /* key -> marked time (ms, stored in v) */
	int lockfd;
} ni_state;

/* Load STATE (a missing file is an empty state).  A file that is empty,
 * not a state file, or has an incomplete last line is an error (-1, and
 * reported; s is left freed): ni never treats a damaged state as
 * "nothing seen yet". */
int ni_state_load(ni_state *s, ni_diag *d, const char *path);
int ni_state_has(const ni_state *s, const char *k, size_t n);
void ni_state_add(ni_state *s, const char *k, size_t n, int64_t ms);
/* Take the lock STATE.lock: 0 taken, 1 held by another run, -1 error. */
int ni_state_lock(ni_state *s, ni_diag *d);
/* Load STATE for --mark and hold its lock, reading it again once locked
 * (another run may have saved meanwhile).  0 ok; 1 locked by another run
 * (reported); -1 error (reported). */
int ni_state_open_locked(ni_state *s, ni_diag *d, const char *path);
/* Write the keys marked at or after expire_before, atomically; the old
 * file becomes STATE.bak.  Dies on error (the old state stays). */
void ni_state_save(ni_state *s, ni_diag *d, int64_t expire_before);
void ni_state_free(ni_state *s);


/* Near-duplicate texts: MinHash signatures (64 hashes of character
 * 3-grams of the NFC, case-folded text) in 16 LSH bands, so a check costs
 * the same whatever the number of texts kept.  Similarity is the
 * estimated Jaccard index of the 3-gram sets. */
typedef struct ni_neardup {
	double threshold;
	uint32_t *sigs;
	uint64_t *tags;
	size_t n, cap;
	uint64_t *tkey;
	uint32_t *tval;
	size_t tn, tcap;
} ni_neardup;

void ni_neardup_init(ni_neardup *nd, double threshold);
/* 1 when s is near an earlier kept text (*dup_tag = its tag, *sim its
 * similarity); otherwise keeps s under tag and returns 0. */
int ni_neardup_check(ni_neardup *nd, const char *s, size_t n,
		     uint64_t tag, uint64_t *dup_tag, double *sim);
void ni_neardup_free(ni_neardup *nd);

/* ---------------------------------------------------------------------
 * 16b. URLs (url.c): the one URL parser, and what is built on it
 * ------------------------------------------------------------------- */

/* A part of a string: borrowed bytes [p, p+n).  p NULL: absent. */
typedef struct ni_str {
	const char *p;
	size_t n;
} ni_str;

/* A URL split by RFC 3986's generic syntax:
 *   scheme ":" ["//" [userinfo "@"] host [":" port]] path ["?" query]
 *   ["#" fragment]
 * Parts borrow from the parsed text; an absent part has p NULL, a
 * present but empty one p set and n 0.  userinfo is everything before
 * the last '@' of the authority; an IPv6 host keeps its brackets
 * ("[2001:db8::1]").  Nothing is decoded or lower-cased. */
typedef struct ni_url {
	ni_str scheme, userinfo, host, port, path, query, fragment;
	int has_authority;   /* "//" follows the scheme */
} ni_url;

/* Split s (n bytes).  Returns 0, or -1 when s does not start with a
 * scheme (a letter, then letters, digits, '+', '-', '.', then ':'). */
int ni_url_parse(const char *s, size_t n, ni_url *u);
/* Is s an absolute web URL: scheme http or https (any case), "//", a
 * non-empty host, no spaces or controls?  This is how ni decides that a
 * value is "URL-valued" (--uniq, identity). */
int ni_url_is_web(const char *s, size_t n);
/* Append the host of URL s lower-cased, without a leading "www." and
 * without userinfo and port; returns 0 (nothing appended) when s has no
 * authority or an empty host. */
int ni_url_host(const char *s, size_t n, ni_buf *out);
/* Append the canonical form of URL s: scheme and host lower-cased,
 * utm_*, fbclid and gclid parameters, the fragment and trailing '/'
 * of the path dropped.  Text without a scheme and "//" (not a URL with
 * an authority) is appended unchanged, '#' and all. */
void ni_url_canon(const char *s, size_t n, ni_buf *out);
/* Lower-case the ASCII letters of s in place (the one ASCII
 * lower-casing helper; Unicode case folding is ni_nfc's). */
void ni_ascii_lower(char *s, size_t n);

/* ---------------------------------------------------------------------
 * 16c. The item schema (schema.c): fields, types, --check rules
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
 * by ni_schema_parse (owned: free with ni_schema_free). */
typedef struct ni_schema {
	const ni_field *f;
	size_t n;
	ni_field *own;
	char *text;
} ni_schema;

/* The built-in news-item schema (nothing to free). */
void ni_schema_items(ni_schema *s);
/* Read a schema file: one field per line, "FIELD TYPE [required] [warn]
 * [unique] [max=N] [range=LO..HI]", '#' starts a comment.  Returns 0, or
 * -1 with a message in err and the line in *line. */
int ni_schema_parse(ni_schema *s, const char *text, size_t len, char *err,
		    size_t errsz, unsigned long *line);
void ni_schema_free(ni_schema *s);
/* --schema FILE: read and parse it into s, or end the process (status
 * 2) after reporting FILE[:LINE]: what is wrong. */
void ni_schema_load(ni_diag *d, const char *path, ni_schema *s);
/* ni-parse --fields: the record keys ni adds (_path, _body, _body_ko,
 * _body_en), then s's field names, a line each, to stdout.  Returns the
 * exit status (2 after a write error). */
int ni_schema_print_fields(ni_diag *d, const ni_schema *s);
/* The first NI_FF_UNIQUE field, or NULL. */
const ni_field *ni_schema_unique(const ni_schema *s);
/* "string", "date", ... for NI_FT_*. */
const char *ni_schema_type_name(int type);
/* Check one record (idx may be NULL): fn is called once per violation
 * with warn 0 (an error) or 1 (a warning), the field and a message
 * (borrowed for the call).  NI_FF_UNIQUE is the caller's: it spans
 * records. */
void ni_schema_check(const ni_schema *s, ni_jval rec, const ni_jidx *idx,
		     void (*fn)(void *arg, int warn, const char *field,
				const char *msg),
		     void *arg);

/* ---------------------------------------------------------------------
 * 17. Items: one Markdown document -> one record (item.c)
 * ------------------------------------------------------------------- */

typedef struct ni_item_opts {
	int body;            /* add _body and _body_XX */
	int check;           /* validate against schema */
	const ni_schema *schema;  /* NULL: the built-in item schema */
	size_t max_doc;      /* NI_MAX_DOC_SIZE */
	size_t max_fm;       /* NI_MAX_FM_SIZE */
	ni_yaml_opts yaml;   /* max_out 0 = 10x the front matter + 64 KiB */
} ni_item_opts;

enum { NI_ITEM_OK = 0, NI_ITEM_SKIP = 1, NI_ITEM_ERR = 2 };

typedef struct ni_item_err {
	unsigned long line, col;   /* in the file; 0 when unknown */
	int warn;                  /* a warning: the item is still OK */
	char msg[300];
} ni_item_err;

/* The result of parsing one document.  Zero-initialise; reuse across
 * documents; release with ni_item_free. */
typedef struct ni_item {
	int status;          /* NI_ITEM_OK, _SKIP (no front matter), _ERR */
	ni_buf rec;          /* OK: the record line, with '\n' */
	ni_item_err *errs;   /* errors (ERR) and warnings (also when OK) */
	size_t nerrs, caperrs;
	char *id;            /* the schema's unique field (id) when it is a
			      * non-empty string or a number; else NULL */
	const char *id_field;  /* its name (borrowed from the schema) */
	unsigned long id_line, id_col;
	size_t bytes;        /* size of the document read */
	ni_buf text;         /* the document's bytes (reused, see ni_item_free) */
} ni_item;

/* Read and convert the document at path ("-" = stdin).  Thread-safe: it
 * touches only its arguments. */
void ni_item_parse(const ni_item_opts *o, const char *path, ni_item *it);
void ni_item_free(ni_item *it);

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
 * 17b. Item identity (identity.c): "the same article" (man/ni.7)
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

/* ---------------------------------------------------------------------
 * 18. Feeds: sfeed(5) TSV -> records (sfeed.c), for ni-parse --sfeed
 * ------------------------------------------------------------------- */

typedef struct ni_sfeed_opts {
	const char *source;  /* source_id for every record; NULL: the input's
				file name (as sfeed_update names its files) */
	int64_t now;         /* date_ingested, Unix ms (NI_NOW or the clock) */
} ni_sfeed_opts;

/* Undo sfeed's escaping of the content field: backslash-n is a newline,
 * backslash-t a TAB, two backslashes one; any other backslash is kept.
 * Appends to out. */
void ni_sfeed_unescape(const char *s, size_t n, ni_buf *out);
/* Append the text of HTML s: tags removed (script and style with their
 * content), the common entities and numeric references decoded, runs of
 * white space collapsed to one space, no space at either end. */
void ni_sfeed_html_text(const char *s, size_t n, ni_buf *out);
/* Turn one sfeed(5) line (without its newline) from file path ("-" =
 * stdin) into a record line with '\n' in rec (reset first): _path,
 * source_id, date_published (UTC day of the timestamp; left out when
 * sfeed had no date), date_ingested (o->now), title, canonical_url (the
 * link as written), summary (plain text of the content), content (as
 * sfeed had it, unescaped), content_type, guid, author, enclosure,
 * feed_categories (the '|'-separated list); empty fields are left out.
 * Returns 0, or -1 with a borrowed static message in *err and the
 * 1-based column (0: the whole line) in *errcol. */
int ni_sfeed_record(const ni_sfeed_opts *o, const char *line, size_t n,
		    const char *path, ni_buf *rec, const char **err,
		    size_t *errcol);
/* Read sfeed(5) files (NULL/0: stdin) and write their records to out in
 * input order.  A bad line is reported as FILE:LINE[:COL], counted in d,
 * added to rej (may be a disabled ni_rejects) and skipped.  Returns the
 * number of records written. */
unsigned long ni_sfeed_read(const ni_sfeed_opts *o, ni_diag *d, char **files,
			    int nfiles, ni_out *out, ni_rejects *rej);
/* ni-parse --sfeed: the records of files to stdout, bad lines to
 * po->rejects; the ni-parse options that do not apply to TSV (-b, -c,
 * --strict, --files-from, -j) are a usage error.  Sets o->now from
 * NI_NOW or the clock.  Returns the exit status: 0 ok, 2 any error. */
int ni_sfeed_main(ni_sfeed_opts *o, const ni_parse_opts *po, ni_diag *d,
		  char **files, int nfiles);

/* ---------------------------------------------------------------------
 * 18. The ni-filter run (filter.c)
 * ------------------------------------------------------------------- */

/* The expression as sources: group 0 holds the expressions (-e, -f,
 * EXPR: any of them); each other group is one shorthand option (any of
 * its values); groups are ANDed.  Each worker builds its own tree from
 * it, so compiled regexes are never shared between threads.  Zero-
 * initialise; ni_fspec_free. */
typedef struct ni_fsrc {
	int group;
	char *where, *text;   /* "FILE:LINE" or "expression:1"; the source */
} ni_fsrc;
typedef struct ni_fspec {
	ni_fsrc *v;
	size_t n;
	int groups;
} ni_fspec;

/* Add one expression to group (both strings are copied). */
void ni_fspec_add(ni_fspec *sp, int group, const char *where,
		  const char *text);
/* Add FIELD OP "value" (value quoted for the language) to group. */
void ni_fspec_short(ni_fspec *sp, int group, const char *where,
		    const char *field, const char *op, const char *value);
/* Add each line of an expression file (blank and '#' lines skipped) to
 * group; a file of none adds "false", as grep -f.  -1 with errno when
 * the file cannot be read. */
int ni_fspec_file(ni_fspec *sp, int group, const char *path);
void ni_fspec_free(ni_fspec *sp);

typedef struct ni_filter_opts {
	const ni_datectx *dc;
	int invert, count, quiet, with_path, icase;
	long long max_count;     /* -1: no limit */
	long long explain;       /* -1 none, 0 all, N the first N */
	const char *rejects, *uniq, *near, *unseen, *mark, *key;
	double near_t;
	int64_t expire;          /* --mark: drop keys older (0: keep all) */
	size_t max_line;
	int jobs;                /* 0: the cores, at most 4 */
} ni_filter_opts;

/* Select the records of files (none: stdin) that match sp and pass the
 * dedup options, write them (or their count) to stdout, invalid lines to
 * rejects, --explain notes to stderr; mark the state after the output
 * was written in full.  An expression that does not parse is reported
 * (with a caret) and ends the process with status 2.  Returns the exit
 * status: 0 selected, 1 none, 2 error, 75 state locked. */
int ni_filter_run(const ni_filter_opts *o, ni_diag *d, const ni_fspec *sp,
		  char **files, int nfiles);

/* ni-filter's selection options, collected while the options are read
 * (--tz and -i change how expressions read, so the expression is built
 * after) (fsel.c).  The strings are borrowed (argv). */
typedef struct ni_fsel {
	const char **exprs, **ewhere, **tags, **srcs, **greps, **efiles;
	int nexpr, ntags, nsrcs, ngreps, nefiles;
	const char *since, *until, *datefield, *minconf;
} ni_fsel;

/* Room for argc values of each option; datefield date_published. */
void ni_fsel_init(ni_fsel *s, int argc);
void ni_fsel_free(ni_fsel *s);
/* Add an expression (-e, EXPR) named where ("-e:1") in errors. */
void ni_fsel_expr(ni_fsel *s, const char *where, const char *text);
/* The sources of s into sp: the expressions and -f files in group 0,
 * each shorthand option its own group (--tag T: tags = T; --source S:
 * source_id = S or source_name = S; --since/--until W: datefield >= /
 * <= W; --min-confidence X: confidence >= X; --grep RE: * ~ RE).  An
 * invalid value is a usage error, an unreadable -f file ends the
 * process (status 2). */
void ni_fsel_spec(ni_diag *d, const ni_datectx *dc, const ni_fsel *s,
		  ni_fspec *sp);
/* --near-dup FIELD[:T]: sets o->near (arg, cut at the colon) and
 * o->near_t; a threshold outside (0, 1] is a usage error. */
void ni_filter_near_opt(ni_diag *d, char *arg, ni_filter_opts *o);

/* The run of ni-map (maprun.c). */
typedef struct ni_mapopts {
	const ni_datectx *dc;
	int icase, strict;       /* --strict: a failed record is dropped */
	int jobs;                /* 0: the cores, at most 4 */
	const char *rejects;     /* invalid lines and failed records, or NULL */
	size_t max_line;
} ni_mapopts;

/* Add the whole of file path as one program source (group 0) to sp; an
 * unreadable file or one holding a NUL byte ends the process (status 2). */
void ni_mapsrc_file(ni_diag *d, ni_fspec *sp, const char *path);
/* Run the program made of sp's sources (joined by line breaks, in
 * order; each source's "where" names it in errors) over the records of
 * files (none: stdin): changed records to stdout in input order, a bad
 * line or failed record reported as FILE:LINE and kept in o->rejects, a
 * failed record passed through unchanged unless o->strict.  A program
 * that does not parse is reported with a caret and ends the process
 * (status 2).  Returns the exit status: 0 written, 1 none, 2 error. */
int ni_map_main(const ni_mapopts *o, ni_diag *d, const ni_fspec *sp,
		char **files, int nfiles);

/* ---------------------------------------------------------------------
 * 19. Sorting (sort.c: keys; extsort.c: runs, merge, heaps; sortrun.c:
 *     the ni-sort pipeline)
 *
 * Every record gets a binary sort key once; memcmp of two keys is the
 * order (ties: input order).  Per field: a rank byte (false, true,
 * number, date, string, object; missing/null last, or first), then an
 * order-preserving payload; desc fields are bit-inverted except the
 * missing rank; -r inverts the whole key.
 * ------------------------------------------------------------------- */

typedef struct ni_sortfield {
	char *path;          /* dotted path, as in ni-filter */
	int desc;
} ni_sortfield;

typedef struct ni_sortspec {
	ni_sortfield *f;
	int nf;
	int icase;           /* -i: strings compared after case folding */
	int missing_first;   /* --missing first */
	int reverse;         /* -r: the whole order reversed */
	const ni_datectx *dc;/* date-only values start at midnight here */
} ni_sortspec;

/* Add the fields of one -k argument ("a:desc,b", "-a" for a:desc) to s.
 * Returns 0, or -1 with a message in err. */
int ni_sortspec_add(ni_sortspec *s, const char *arg, char *err, size_t errsz);
void ni_sortspec_free(ni_sortspec *s);
/* Append the sort key of a validated record (idx may be NULL) to out;
 * tmp is scratch. */
void ni_sort_key(const ni_sortspec *s, ni_jval rec, const ni_jidx *idx,
		 ni_buf *tmp, ni_buf *out);
/* Append the identity of value v for grouping and -u: equal keys for
 * values that sort equal (NFC, -i folding, numbers numerically), arrays
 * element by element.  Returns 0 when v is missing, null, "" or []. */
int ni_sort_valkey(const ni_sortspec *s, ni_jval v, ni_buf *tmp,
		   ni_buf *out);

/* An external sorter: records (key + line) are kept until about
 * buffer bytes, then sorted (jobs threads) into a run in an unlinked
 * temporary file in tmpdir; at the end the runs are merged (k-way,
 * stable).  Temporary files have no name from creation on, so nothing
 * is left behind on any exit, signals and kill -9 included.  A write
 * error on them (full disk) is fatal: message, exit 2. */
typedef struct ni_sorter ni_sorter;
ni_sorter *ni_sorter_new(ni_diag *d, size_t buffer, const char *tmpdir,
			 int jobs);
/* Add one record; key and line are copied. */
void ni_sorter_add(ni_sorter *s, const char *key, size_t kn,
		   const char *line, size_t n);
/* The next record in order (after the last add); 0 at the end.  The
 * pointers are borrowed until the next call. */
int ni_sorter_next(ni_sorter *s, const char **key, size_t *kn,
		   const char **line, size_t *n);
/* Runs written to temporary files so far (0: all in memory). */
size_t ni_sorter_runs(const ni_sorter *s);
void ni_sorter_free(ni_sorter *s);

/* The first n records by (key, sequence) in one pass, in O(n) memory: a
 * bounded max-heap.  Entries are owned copies. */
typedef struct ni_topent {
	char *p;             /* key then line */
	size_t kn, n;
	uint64_t seq;
} ni_topent;
typedef struct ni_topn {
	ni_topent *e;
	size_t len, max;
} ni_topn;
void ni_topn_init(ni_topn *t, size_t max);
/* Offer one record (seq grows with input order).  Returns 1 if kept. */
int ni_topn_add(ni_topn *t, const char *key, size_t kn, const char *line,
		size_t n, uint64_t seq);
/* Sort the kept entries into order (t->e[0..len)). */
void ni_topn_sort(ni_topn *t);
void ni_topn_free(ni_topn *t);
/* memcmp order of two keys, shorter first on a common prefix. */
int ni_sort_keycmp(const char *a, size_t an, const char *b, size_t bn);

/* The ni-sort pipeline: what to do with which inputs. */
typedef struct ni_sort_cfg {
	ni_diag *d;
	ni_sortspec *spec;
	char **group;        /* -g fields */
	int ngroup;
	int explode;         /* --explode: an array is one group per element */
	int group_order;     /* --group-order: groups kept together */
	const char *unique;  /* -u FIELD */
	long long head;      /* -n, -1 none */
	int merge, check;    /* -m, -c */
	size_t buffer;       /* -S */
	const char *tmpdir;  /* -T */
	int jobs;            /* -j, 0 = cores (at most 4) */
	const char *rejects; /* --rejects FILE */
	size_t max_line;
} ni_sort_cfg;

/* The option combinations of c that cannot apply are usage errors (on
 * c->d: -g without -n, -c with -n/-g/-u/-m, no key...); sized: -S or -T
 * was given (a -v note under -m, where they do not apply). */
void ni_sort_cfg_check(const ni_sort_cfg *c, int sized);
/* A k-way merge (extsort.c): a min-heap of stream numbers 0..streams-1
 * ordered by each stream's current key (ni_sort_keycmp; ties: the lower
 * stream first, so merging is stable).  The keys are borrowed: each must
 * stay valid until its stream advances. */
typedef struct ni_kmerge {
	int *h;
	const char **k;
	size_t *kn;
	int n;
} ni_kmerge;
void ni_kmerge_init(ni_kmerge *m, int streams);
/* Add stream i with its first key (before ni_kmerge_build). */
void ni_kmerge_add(ni_kmerge *m, int i, const char *k, size_t kn);
void ni_kmerge_build(ni_kmerge *m);
/* The stream with the smallest key, or -1 when all have ended. */
static inline int ni_kmerge_top(const ni_kmerge *m)
{
	return m->n ? m->h[0] : -1;
}
/* The top stream moved on to key k (NULL: it ended). */
void ni_kmerge_advance(ni_kmerge *m, const char *k, size_t kn);
void ni_kmerge_free(ni_kmerge *m);

/* Read files (none: stdin), write the records in order to stdout.
 * Returns the exit status (0; 1 for -c on disorder; 2 after errors). */
int ni_sort_main(const ni_sort_cfg *c, char **files, int nfiles);

/* ---------------------------------------------------------------------
 * 20. Writing item files (yamlout.c, write.c, dirwrite.c): ni-write
 * ------------------------------------------------------------------- */

/* Is s (n bytes of UTF-8) safe as a plain YAML scalar, read back as the
 * same string under the YAML 1.2 core schema and YAML 1.1 (PyYAML)?  flow:
 * inside a flow list, where , [ ] { } : # end a plain scalar.  man/ni-write.1
 * lists the rules (QUOTING). */
int ni_yaml_plain_ok(const char *s, size_t n, int flow);
/* Append s (n bytes of UTF-8, NUL allowed) as a double-quoted YAML scalar
 * on one line: " and \ escaped, controls, NEL, LS, PS, BOM, U+FFFE/FFFF
 * as escapes, everything else (Korean, emoji) as it is. */
void ni_yaml_quote(ni_buf *b, const char *s, size_t n);
/* Append the members of the record object rec, except top-level keys
 * that start with '_', as a block YAML mapping ("{}" when none is left),
 * in the record's key order.  Returns the number of members written, or
 * -1 with a message in err when a value has no YAML form both readers
 * read back the same (an integer beyond 64 bits; a key with a NUL); out
 * then holds a partial text. */
int ni_yaml_record(ni_jval rec, ni_buf *out, char *err, size_t errsz);

/* The source generator's slug of a title: lower-case (Unicode simple
 * mapping), keep a-z 0-9, runs of spaces and '-' become one '-' between
 * kept characters, at most max characters (the cut may end in '-').
 * Appended to out. */
#define NI_SLUG_MAX 50
void ni_slug(const char *s, size_t n, size_t max, ni_buf *out);
/* Can name (n bytes) be a file in the output folder?  NULL when it can,
 * else why not (static text): empty, longer than 255 bytes, '/', "." or
 * "..", a leading '.', a control character, invalid UTF-8. */
const char *ni_name_check(const char *name, size_t n);

/* --body: none; record (the record's _body verbatim, else the generated
 * body); generate (always the generator's body from summary_ko,
 * summary_en and key_points). */
enum { NI_BODY_NONE, NI_BODY_RECORD, NI_BODY_GENERATE };
/* Append the item document of rec: "---", its front matter
 * (ni_yaml_record), "---", the body.  Returns 0, or -1 with a message in
 * err (the record cannot be written so that it reads back the same). */
int ni_item_file(ni_jval rec, const ni_jidx *idx, int body, ni_buf *out,
		 char *err, size_t errsz);

/* The folder writer: one file per call, each atomic (see dirwrite.c). */
enum { NI_DW_NOCLOBBER, NI_DW_UPDATE, NI_DW_FORCE };
enum { NI_DW_WRITTEN, NI_DW_UNCHANGED, NI_DW_SKIPPED, NI_DW_ERRORS,
       NI_DW_NTALLY };
typedef struct ni_dirw ni_dirw;
/* Open folder dir (created like mkdir -p unless dry-running) and remove
 * the hidden temporary files of killed runs (".ni-write.PID.N.tmp" whose
 * process is gone).  With dry set nothing is written: the paths that
 * would be are printed to dry.
 * NULL when the folder cannot be opened (reported through d). */
ni_dirw *ni_dirw_open(ni_diag *d, const char *dir, int mode, ni_out *dry);
/* Write data as file name (checked by ni_name_check; a name already
 * given in this run is an error), according to mode.  Problems are
 * reported as "FILE:LINE: ..." (the record's place).  Returns 0, -1 for
 * an error about this record, -2 when nothing more can be written (disk
 * full, read-only...).  The file may get its name only at the next call
 * or at ni_dirw_close (files are made durable in batches). */
int ni_dirw_put(ni_dirw *w, const char *name, const void *data, size_t n,
		const char *file, unsigned long line);
/* Finish every file, fsync the folder, fill tally (NI_DW_*), free w.
 * Returns 0, or -1 after an error that stopped writing. */
int ni_dirw_close(ni_dirw *w, unsigned long tally[NI_DW_NTALLY]);

/* ni-write's per-record step: file name from a template, document,
 * folder writer. */
typedef struct ni_write_opts {
	const char *dir;
	const ni_tpl *name;      /* file names; {slug} is computed */
	int body;                /* NI_BODY_* */
	int mode;                /* NI_DW_* */
	const ni_datectx *dc;
	ni_diag *d;
	const ni_schema *check;  /* --check: refuse a record with an error of
				  * these rules (ni-parse's); NULL: none */
} ni_write_opts;
typedef struct ni_writer ni_writer;
/* NULL when the folder cannot be opened (reported). */
ni_writer *ni_writer_new(const ni_write_opts *o, ni_out *dry);
/* Write one validated record (idx: its top-level index or NULL).  Returns
 * as ni_dirw_put. */
int ni_writer_record(ni_writer *w, const char *line, size_t n,
		     const ni_jidx *idx, const char *file, unsigned long lineno);
/* Finish (ni_dirw_close) and free w; tally as there. */
int ni_writer_end(ni_writer *w, unsigned long tally[NI_DW_NTALLY]);
/* The run of ni-write (writerun.c): each record of files (none: stdin)
 * through one writer (dry: the paths to stdout instead), a bad line
 * reported as FILE:LINE:COL; with o->check, each record checked first
 * (errors reported as FILE:LINE and the record not written, warnings
 * noted, a repeated unique field (id) a warning); with o->d->verbose,
 * the tally on stderr.
 * Returns the exit status: 0 ok, 2 any error. */
int ni_write_main(const ni_write_opts *o, int dry, size_t max_line,
		  char **files, int nfiles);

#endif /* NI_H */
