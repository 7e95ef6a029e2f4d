/* expr_int.h - internal to the expression language (expr.c, expr_eval.c,
 * expr_fn.c, map.c): computed values, the per-record arena, the function
 * table.  Nothing outside these files includes it. */
#ifndef NI_EXPR_INT_H
#define NI_EXPR_INT_H

#include "ni.h"

#include <string.h>

/* A computed value.  Strings and lists live in the evaluation's arena
 * (or are borrowed from the record line), valid until the next record. */
enum { V_NONE = 0, V_NULL, V_BOOL, V_NUM, V_STR, V_LIST, V_RAW };

typedef struct val {
	int t;
	int b;                 /* BOOL */
	double num;            /* NUM */
	const char *s;         /* STR: bytes; NUM: spelling in the record */
	size_t n;
	struct val *v;         /* LIST elements */
	size_t nv;
	ni_jval j;             /* RAW: an object, kept as its JSON text */
} val;

/* One top-level member of the record ni-map is changing. */
typedef struct member {
	const char *k;         /* decoded key (arena or line) */
	size_t kn;
	const char *raw;       /* '"key":value' bytes of the input, or NULL */
	size_t rawn;
	ni_jval jv;            /* the input value (when raw) */
	int changed, dead;
	val v;                 /* the new value (when changed) */
} member;

typedef struct ablock {
	struct ablock *next;
	size_t used, cap;
	char d[];
} ablock;

typedef struct evpriv {
	ablock *blocks;        /* arena: freed at each record */
	int mapmode;           /* fields come from m[] */
	member *m;
	size_t nm, cap;
	ni_strmap seq;         /* seq(): key -> count */
	int seq_init;
	ni_buf tmp;
} evpriv;

evpriv *ni_ev_priv(ni_eval *ev);
void *ni_ar(ni_eval *ev, size_t n);
char *ni_ar_dup(ni_eval *ev, const char *s, size_t n);
void ni_ar_reset(ni_eval *ev);

/* Evaluate a value node.  0, or -1 with ev->err set. */
int ni_xval(ni_eval *ev, const ni_expr *e, ni_jval rec, val *out);
/* Is the string value free of escapes (its bytes are p+1 .. p+n-1)? */
static inline int ni_jstr_plain(ni_jval v)
{
	return v.t == NI_J_STR && !memchr(v.p + 1, '\\', v.n - 2);
}
/* A record value as a computed value (strings decoded into the arena). */
val ni_jv2val(ni_eval *ev, ni_jval j);
/* Append v as JSON. */
void ni_val_json(const val *v, ni_buf *b);
/* Append the text of v: strings as they are, numbers as written, lists
 * and objects as JSON, null "null".  (Missing: nothing.) */
void ni_val_text2(const val *v, ni_buf *b);
const char *ni_val_kind(const val *v);
int ni_val_truth(const val *v);

/* Functions. */
enum { F_LOWER, F_UPPER, F_TRIM, F_LEN, F_SUBSTR, F_TRUNC, F_STRIP_MARKUP,
       F_SLUG, F_REPLACE, F_SPLIT, F_JOIN, F_UNIQ, F_FIRST, F_LAST,
       F_COALESCE, F_DATE, F_NOW, F_URL, F_HASH, F_NR, F_SEQ, F_NUMBER,
       F_STRING, F_PAD, F_CASE, F_IF, F_HTML_UNESCAPE, F_NFN };
typedef struct fninfo {
	const char *name;
	int min, max;          /* arguments; max -1: any */
} fninfo;
extern const fninfo ni_fntab[F_NFN];
int ni_fn_find(const char *name, size_t n);
int ni_fn_call(ni_eval *ev, const ni_expr *e, ni_jval rec, val *out);

/* ni-map statements. */
enum { S_SET, S_SETDEF, S_DEL, S_RENAME, S_KEEP, S_SKIP, S_IF };
typedef struct stmt {
	int k;
	char **names;          /* SET/SETDEF: the field; DEL/KEEP: fields;
				* RENAME: old, new */
	size_t nnames;
	ni_expr *e;            /* SET/SETDEF: the value; IF: the condition */
	struct stmt *body, *els;
	size_t nbody, nels;
	char *text;            /* as written, for messages */
} stmt;

struct ni_map {
	stmt *s;
	size_t n;
	int seq;
};

#endif
