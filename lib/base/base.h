/*
 * base/base.h - diagnostics, memory, buffers, string maps, output, the worker pool, the directory walk, Unicode, byte kernels.
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or a *_int.h here.
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_BASE_H
#define NI_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/uio.h>
#include <stdarg.h>
#include <time.h>

/* ---------------------------------------------------------------------
 * Constants and record keys
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
 * table in item/schema.c, documented in man/ni.7. */
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
#define NI_FIELD_SUMMARY       "summary"     /* summary_LANG's base name; sfeed's summary */
#define NI_FIELD_TYPE          "type"        /* daily, weekly, monthly */
#define NI_FIELD_GUID          "guid"        /* a feed entry's own id (--sfeed) */
#define NI_FIELD_AUTHOR        "author"      /* --sfeed */
/* The length of a string literal, for lookups by a NI_FIELD_* name:
 * ni_json_iget(rec, idx, NI_FIELD_TITLE, NI_LEN(NI_FIELD_TITLE)). */
#define NI_LEN(lit) (sizeof(lit "") - 1)

/* Members of ni-summarize's summary rows: written by agg.c, read by the
 * renderer (render_table.c, render_FORMAT.c); man/ni-summarize.1 has them. */
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

/* Default limits; every tool lets the user change the ones it uses. */
#define NI_MAX_DEPTH       64                  /* nesting of YAML and JSON */
#define NI_MAX_ALIASES     100                 /* YAML alias events per doc */
#define NI_MAX_FM_SIZE     (1u << 20)          /* front matter bytes */
#define NI_MAX_DOC_SIZE    (64u << 20)         /* whole document bytes */
#define NI_MAX_LINE        (16u << 20)         /* NDJSON record bytes */

/* ---------------------------------------------------------------------
 * Diagnostics and memory
 * ------------------------------------------------------------------- */

/* The message context of one tool run.  prog is the tool's name; errors
 * counts error() calls so main can turn them into exit status 2. */
typedef struct ni_diag {
	const char *prog;
	unsigned long errors;
	int verbose;
	void (*flush)(void *), *flush_ctx;   /* before each message: ni_out */
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
/* Progress on stderr: "\rprog: message", a newline when final. */
void ni_progress(ni_diag *d, int final, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Report a usage error: "prog: message", then "Try 'prog --help' for
 * more information."; counted.  Returns NI_EXIT_ERR, so a caller can
 * return ni_usage(...) as its exit status.  Nothing in lib/ ends the
 * process: errors are returned and counted in d->errors. */
int ni_usage(ni_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The --help hint alone (after getopt's message); counted; NI_EXIT_ERR. */
int ni_usage_hint(ni_diag *d);

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

/* Allocation that never returns NULL (on failure: ni_oom()); free(). */
void *ni_xmalloc(size_t n);
/* Memory is exhausted (also called where a library returned NULL for
 * it): the one condition lib/ cannot return from.  lib/ does not define
 * it: the program does, and decides what ending means (each tool prints
 * "PROG: out of memory" and exits 2: cmd/prog.c; a fuzzer aborts).
 * Never returns. */
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

/* A decimal size/count argument ("100", "16M", "1k"), or -1 if malformed. */
long long ni_parse_size(const char *s);
/* With no FILE arguments and a terminal on stdin, say how to use the
 * tool instead of waiting for input: a usage error, and its exit status
 * returned; else 0. */
int ni_opt_need_input(ni_diag *d, int nfiles);
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
 * String maps (strset.c)
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

/* A fast 32-bit checksum of n bytes (not seeded: the same in every
 * process; not cryptographic: a changed text passes with odds of 2^-32).
 * For "are these still the same bytes?" (ni-sort reading records back
 * by location). */
uint32_t ni_checksum(const void *p, size_t n);

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
 * Output
 * ------------------------------------------------------------------- */

/* A checked output stream.  The first write error (ENOSPC, EPIPE with
 * SIGPIPE ignored, EBADF) is reported as "prog: write error[ on FILE]:
 * REASON" and counted in d; from then on o->failed is set, later writes
 * are dropped, and the run stops at its next check of o->failed (the
 * batch runner checks after every record).  With -o FILE the data goes
 * to a temporary file in the same folder that ni_out_close() fsyncs and
 * renames over FILE; on error it is removed and FILE is untouched.
 * Stdout's is flushed before each message of d (d->flush; ni-render's
 * flushes its buffer first), so a message follows the output before it. */
typedef struct ni_out {
	FILE *fp;
	ni_diag *d;
	char *path;      /* target for atomic output, or NULL for stdout */
	char *tmp;       /* temporary path while open */
	int unnamed;     /* the temporary file has no name yet (O_TMPFILE) */
	int failed;      /* a write error was reported: nothing more goes out */
	char *vbuf;      /* the stream's large buffer (not for a terminal) */
} ni_out;

/* The file a path names after following symlinks (a dangling link's
 * target too; relative targets read from the link's folder); path itself
 * when it is no symlink.  Caller frees. */
char *ni_path_target(const char *path);
/* Open stdout (path NULL or "-") or an atomic temp file next to path.
 * A symlink is written through: its target is replaced (in the target's
 * folder) and the link stays; an existing file's mode and, where
 * allowed, owner are kept.  0, or -1 when the temporary file cannot be
 * made (reported; o->failed set, so writes are dropped and
 * ni_out_close returns -1). */
int ni_out_open(ni_out *o, ni_diag *d, const char *path);
/* Write n bytes, the n pieces of v (writev(2), not copied; v is scratch),
 * s, or formatted text, or flush; a failure: as above. */
void ni_out_write(ni_out *o, const void *p, size_t n);
void ni_out_writev(ni_out *o, struct iovec *v, int n);
void ni_out_flush(ni_out *o);
void ni_out_puts(ni_out *o, const char *s);
void ni_out_printf(ni_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Flush, check, and (for a file) fsync + rename + fsync the folder;
 * a file that already holds exactly these bytes is left as it was (not
 * rewritten: its mtime stays).  0, or -1 after a write error (reported
 * now or before; the temporary file removed, the target untouched).
 * Call exactly once. */
int ni_out_close(ni_out *o);
/* Remove the temporary file of an unfinished atomic output (error paths). */
void ni_out_abort(ni_out *o);
/* Make folder dir and its parents (like mkdir -p): 0, or -1 with the
 * failing folder reported through d. */
int ni_mkdirs(ni_diag *d, const char *dir);

/* ---------------------------------------------------------------------
 * Ordered worker pool (pool.c)
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
 * Directory walk
 * ------------------------------------------------------------------- */

/* Call fn for every document path under path: a file is passed as is; a
 * folder is walked recursively in byte order of names, skipping entries
 * that start with '.', taking files ending in .md or .markdown.  Errors
 * (unreadable folder) are reported through d.  Returns nonzero when fn
 * returned nonzero (stops the walk). */
int ni_walk(ni_diag *d, const char *path,
	    int (*fn)(void *arg, const char *path), void *arg);

/* ---------------------------------------------------------------------
 * Unicode (utf8proc)
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
 * Byte kernels (scan.c): UTF-8 validation and string-text scans
 * ------------------------------------------------------------------- */

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
/* The longest prefix of [p, p+n) with no byte below 0x20, 0x7F, '\\',
 * 0xC2 or 0xE2: in a JSON string's valid UTF-8, text that unescaping, the
 * terminal escaper and the one-line filter all leave as it is (no escape,
 * control, C1, NEL, LS/PS or bidi control): ni_tpl_render copies it. */
size_t ni_scan_plain(const char *p, size_t n, int level);

/* When fd is a pipe, ask for a 1 MiB pipe buffer (best effort, up to
 * /proc/sys/fs/pipe-max-size): the tools of a pipeline then hand each
 * other 256 KiB blocks, not 64 KiB ones with a wake-up each. */
void ni_pipe_grow(int fd);

/* Check that [p, p+n) is valid UTF-8 without NUL bytes.  Returns 0, or -1
 * with the offending byte's offset in *off and a reason in *err. */
int ni_utf8_check(const char *p, size_t n, size_t *off, const char **err);

/* Can name (n bytes) be a file in the output folder?  NULL when it can,
 * else why not (static text): empty, longer than 255 bytes, '/', "." or
 * "..", a leading '.', a control character, invalid UTF-8. */
const char *ni_name_check(const char *name, size_t n);

#endif
