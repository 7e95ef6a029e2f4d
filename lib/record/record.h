/*
 * record/record.h - input files and NDJSON lines, the JSON scanner and writer, the batched line runner.
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or a *_int.h here.
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_RECORD_H
#define NI_RECORD_H

#include "text/text.h"

/* ---------------------------------------------------------------------
 * Input: whole files and NDJSON lines
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
	const int *fds;      /* NULL, or input i already open as fds[i] (the
			      * caller's: read from where it stands, never
			      * closed here); set before the first read */
	int fd;
	const char *name;    /* current file name for messages ("-" = stdin) */
	unsigned long lineno;
	char *buf;           /* block buffer: lines are returned in place */
	size_t cap, pos, end;
	size_t max_line;
	int eof, skipping;
	int hold;            /* the caller keeps lines: see NI_LINES_SWAP */
	unsigned long long nread; /* records returned */
	unsigned long long foff;  /* the offset in the current input of
				   * buf[0] (its start offset for a
				   * seekable stdin, else 0) */
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
 * JSON: a validating scanner over record text, and a writer
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
 * lookups need no second scan.  The first NI_JIDX_MAX are in e[]; a
 * record with more has all of them in big, with a hash table of their
 * keys built once per record (so many lookups in a record of many keys
 * stay near-linear).  partial: 0 all members in e[]; NI_JIDX_BIG all in
 * big; NI_JIDX_SCAN not every member is indexed (escaped keys): lookups
 * scan.  An ni_jidx starts zeroed (= {0}, calloc, static) and is freed
 * with ni_jidx_free; a copy of its first bytes (up to e[n]) is valid only
 * with partial 0 or NI_JIDX_SCAN (big belongs to the original). */
#define NI_JIDX_MAX 64
enum { NI_JIDX_SCAN = 1, NI_JIDX_BIG = 2 };
typedef struct ni_jidx_ent {
	const char *k;
	size_t kn;
	ni_jval v;
} ni_jidx_ent;
typedef struct ni_jidx {
	size_t n;
	int partial;
	struct ni_jbig *big;
	ni_jidx_ent e[NI_JIDX_MAX];
} ni_jidx;
/* Free what idx holds beyond itself (big); idx is zeroed again. */
void ni_jidx_free(ni_jidx *idx);

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
/* For a path looked up once a record (a template's field, -b FIELD):
 * its length when it is one key (no dot), else 0, computed once; then
 * ni_json_kpath is ni_json_ipath without scanning the path again. */
size_t ni_json_keylen(const char *path);
ni_jval ni_json_kpath(ni_jval obj, const ni_jidx *idx, const char *path,
		      size_t keylen);
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
/* The one number comparison (num.c): numbers written in decimal (a JSON
 * number, or [+-]D[.D][(e|E)[+-]D] as expressions write them) compared
 * exactly, 64-bit integers as integers and anything else on its decimal
 * digits: 1, 1.0 and 1e0 are equal, 2^63+1 and 2^63+2 are not.
 * Returns -1, 0 or 1 (a < b, equal, a > b), or 2 when either text is not
 * such a number. */
int ni_num_cmp(const char *a, size_t an, const char *b, size_t bn);
/* Append to out a key for number text s (n bytes) whose memcmp order is
 * the numeric order of ni_num_cmp, equal keys for equal numbers, and no
 * key a prefix of another.  Returns 1, or 0 (nothing appended) when s is
 * not a decimal number. */
int ni_num_key(const char *s, size_t n, ni_buf *out);
/* Append to out the canonical text of number text s (n bytes): one
 * spelling for each number of ni_num_cmp (1, 1.0, 10e-1 and 1e0 are all
 * "1"), exact (no rounding through a double), and a JSON number: the
 * digits without a needless zero, as an integer up to 21 digits, "0.000D"
 * down to 10^-6, else D.DDDe[-]X.  Returns 1, or 0 (nothing appended)
 * when s is not a decimal number. */
int ni_num_text(const char *s, size_t n, ni_buf *out);
/* Append s (n bytes) as a JSON string literal with quotes; UTF-8 is kept
 * as is; control characters, '"' and '\\' are escaped. */
void ni_json_quote(ni_buf *b, const char *s, size_t n);


/* ---------------------------------------------------------------------
 * Named fields (names.c): the fields a run's options and programs name,
 *     checked against the records it reads, so that a typo gets a word
 *     ("no record has a field "titel" (did you mean "title"?)") instead
 *     of an empty or unsorted result
 * ------------------------------------------------------------------- */

/* One name as written, and the top-level keys that hold it: key (the
 * part before the first dot) or alt (the whole dotted path as one key). */
typedef struct ni_name {
	char *path, *key;
	const char *alt;       /* path when it has a dot, else NULL */
	size_t kn, an;
	char *loc[3];          /* ni_names_add_loc: path_LANG, path_en, path_ko */
	size_t locn[3];
	const char *hint;      /* ni_names_hint: said after the warning */
	char **by;             /* ni_names_excuse: the names whose finding
				* excuses this one's absence */
	size_t nby;
	int alone;             /* also named on its own: never excused */
} ni_name;

/* The names of a run, one bit each (found), and the keys of the first
 * NI_NAMES_SAMPLE records (at most NI_NAMES_KEYS of them) for the
 * suggestions.  Zero-initialise; ni_names_free.  Not shared between
 * threads: the batch runner keeps one bit array per worker and merges
 * them in input order (so the warnings are the same for every -j). */
#define NI_NAMES_SAMPLE 1000
#define NI_NAMES_KEYS   10000
#define NI_NAMES_REPORT 50      /* warnings one by one; then a count */
typedef struct ni_names {
	ni_name *v;
	size_t n;
	unsigned char *found;  /* per name: some record read has it */
	size_t unseen;         /* names not found yet */
	unsigned long long nrec; /* records seen (ni_names_sample calls) */
	ni_strmap keys;        /* the sample's top-level keys */
	int keys_init;
	ni_strmap byname;      /* path and kind -> index + 1 (each once) */
	int byname_init;
} ni_names;

/* Add a field name to check: path as written ("a.b": the key "a", or the
 * top-level key "a.b"; literal: path is one top-level key).  Names ni
 * adds itself (NI_KEY_*: _path, _body, _body_LANG, _summary ...), "*"
 * and the empty name are not added, nor a name twice. */
void ni_names_add(ni_names *t, const char *path, int literal);
/* The same for a name read with ni-render's language fallback (render.h
 * ni_named): path_LANG, path_en and path_ko count as the field too. */
void ni_names_add_loc(ni_names *t, const char *path, const char *lang);
/* Say hint (static text) after the warning for path, if it has one. */
void ni_names_hint(ni_names *t, const char *path, const char *hint);
/* Name path (added before) may be absent when name other is found: the
 * first field of a template's {A|B}.  other NULL: path is also named on
 * its own, and never excused. */
void ni_names_excuse(ni_names *t, const char *path, const char *other);
/* Does record rec (its top-level index idx, may be NULL) hold name k? */
int ni_names_has(const ni_names *t, size_t k, ni_jval rec, const ni_jidx *idx);
/* Count one record read (line, n bytes, valid JSON) and, while it is one
 * of the first NI_NAMES_SAMPLE, keep its keys.  No-op without names. */
void ni_names_sample(ni_names *t, const char *line, size_t n);
/* For a tool reading records itself, in input order: ni_names_sample
 * and the lookup of each name still unseen (nothing more once every
 * name was found). */
void ni_names_see(ni_names *t, const char *line, size_t n, const ni_jidx *idx);
/* Mark name k found (by a lookup of the tool's own). */
void ni_names_found(ni_names *t, size_t k);
/* The keys of the sample closest to name (case-insensitive edit
 * distance, at most a quarter of its length, at least 1), closest first, at most max
 * of them into out (borrowed from t); returns how many. */
size_t ni_names_suggest(const ni_names *t, const char *name,
			const char **out, size_t max);
/* When at least one record was read, print one warning per name no
 * record had, with up to three suggestions: "prog: warning: no record
 * has a field "x" (did you mean "y"?)"; past NI_NAMES_REPORT of them,
 * one line counts the rest.  A note: the exit status does not change.
 * Returns the number of names no record had. */
size_t ni_names_report(const ni_names *t, ni_diag *d);
void ni_names_free(ni_names *t);

/* ---------------------------------------------------------------------
 * Batched line runner (batch.c): NDJSON lines in batches, each line
 *     validated and worked on by the pool's threads, then emitted in
 *     input order (ni-filter, ni-map, ni-sort, ni-summarize, ni-render)
 * ------------------------------------------------------------------- */

/* One input line of a batch. */
typedef struct ni_bline {
	size_t off, len;          /* the line: text.s + off, len bytes */
	unsigned long lineno;     /* its line in its input */
	unsigned long long nr;    /* its number over all inputs, from 1 */
	int fi;                   /* its input (ni_lines.fi) */
	unsigned long long fpos;  /* its offset in that input: pread of len
				   * bytes there gives the line (CR and BOM
				   * are outside it) */
	const char *bad;          /* not valid JSON: the message (static) */
	size_t col;               /* with bad: the column */
	int toolong;              /* over --max-line: bad, and no text */
} ni_bline;

/* A batch: the lines, one result of rsz bytes per line for the tool
 * (ni_batch_res), and three buffers the tool's work() may append to
 * (out, msg, aux: emptied before each batch is worked on).  Owned by the
 * runner. */
typedef struct ni_batch {
	ni_buf text;
	ni_bline *l;
	unsigned char *res;
	size_t n, cap, rsz;
	ni_buf out, msg, aux;
	size_t *nfirst;        /* cfg names: per name, the first line of the
				* batch found to hold it (SIZE_MAX: none) */
} ni_batch;

/* Line i's result (rsz bytes, uninitialised until work() sets it). */
static inline void *ni_batch_res(const ni_batch *b, size_t i)
{
	return b->res + i * b->rsz;
}

typedef struct ni_batch_cfg {
	int threads;          /* ni_batch_threads(jobs): 0 runs in the caller */
	/* The worker setup, written once here: wsize bytes per worker,
	 * zeroed and cache-line aligned, made by the runner; winit(ctx, w, i)
	 * fills worker i (0, or -1 after reporting why: the run does not
	 * start), worker 0 first, and when serial(ctx) then says so the run
	 * is on the reading thread with that one; wfree(ctx, w, i), optional,
	 * releases each after the run, in order (the tool may take what its
	 * workers gathered there). */
	size_t wsize;
	int (*winit)(void *ctx, void *w, int i);
	void (*wfree)(void *ctx, void *w, int i);
	size_t res_size;      /* bytes of a line's result (0: none) */
	/* On a worker thread: line i of b, valid JSON, its members in idx;
	 * wctx is the worker's context (winit). */
	void (*work)(void *wctx, ni_batch *b, size_t i, ni_jidx *idx);
	/* In input order: valid line i of b from input name; nonzero stops
	 * the run (nothing more is read, reported or emitted). */
	int (*emit)(void *ctx, ni_batch *b, size_t i, const char *name);
	void *ctx;
	ni_out *rej;          /* invalid lines are copied here when non-NULL */
	ni_out *out;          /* optional: the tool's output; once it or rej
			       * failed (a write error, reported), the run
			       * stops: nothing more is read or emitted */
	/* Optional, polled on the reading thread after each batch is handed
	 * to the threads: nonzero moves the rest of the run to the reading
	 * thread (the batches in flight finish first; work() then runs there
	 * with wctx[0]).  For work that threads make dearer, not cheaper. */
	int (*serial)(void *ctx);
	/* Optional: the names to check (ni_names_report after the run).
	 * The runner looks each up, on the threads, only while it is
	 * unseen, and counts a line as read once emit() was called on it. */
	ni_names *names;
} ni_batch_cfg;

/* The threads for -j jobs (0: the cores, at most 4); 0 when one. */
int ni_batch_threads(int jobs);
/* Run every line of in through c: an invalid line is reported as
 * FILE:LINE:COL on in->d (and copied to c->rej), a valid one is worked
 * on and then emitted, all in input order whatever the threads.  0, or
 * -1 when c->winit failed (nothing was read). */
int ni_batch_run(const ni_batch_cfg *c, ni_lines *in);
/* From work(): keep a copy of msg in b->msg; returns its offset there
 * (the message is b->msg.s + offset until the batch is emitted). */
size_t ni_batch_msg(ni_batch *b, const char *msg);
/* Copy line (n bytes, plus a newline) to c->rej, when there is one. */
void ni_batch_reject(const ni_batch_cfg *c, const char *line, size_t n);

#endif
