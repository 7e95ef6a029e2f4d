/* expr_int.h - internal to the expression language (expr.c, expr_eval.c,
 * expr_fn.c, map.c, maprun.c, fspec.c): the expression tree's nodes,
 * computed values, the per-record arena, the function table.  Nothing
 * outside lib/expr includes it (expr.h's accessors read a node). */
#ifndef NI_EXPR_INT_H
#define NI_EXPR_INT_H

#include "expr/expr.h"

#include <string.h>

/* The comparison operators of an NI_E_CMP node. */
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

struct ni_expr {
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
	const char *text;       /* the node's source text (textn bytes, not
				 * NUL-terminated: "%.*s"), for --explain and
				 * runtime messages; NULL for a node made by
				 * ni_expr_bin */
	size_t textn;
	struct ni_exprsrc *src; /* the source text shares: counted, freed
				 * with its last node */
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
};

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
	size_t *ht;            /* index of m[] by key (slots: i + 1), for
				* records with many members (ni_mfind) */
	size_t htcap, nidx;    /* slots; members indexed so far */
	int htdirty;           /* the index is of an earlier record */
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
/* Append v as JSON. */
void ni_val_json(const val *v, ni_buf *b);
/* Append the text of v: strings as they are, numbers as written, lists
 * and objects as JSON, null "null".  (Missing: nothing.) */
void ni_val_text2(const val *v, ni_buf *b);
const char *ni_val_kind(const val *v);
int ni_val_truth(const val *v);

/* The live member of ni-map's record called k (n bytes), or NULL; the
 * first when the record repeats a key.  O(1) on average: a record of
 * many members is indexed by key as it is looked up. */
member *ni_mfind(evpriv *P, const char *k, size_t n);

/* The source text of a parsed program, shared by its nodes (their text
 * points into it) and freed with the last of them. */
typedef struct ni_exprsrc {
	size_t refs;
	char s[];
} ni_exprsrc;

/* Functions (expr_fn.c): a table, one row and one handler each.
 * FN_EACH: applied to a string, and to each string of a list;
 * FN_NUMOK: (with FN_EACH) a number is taken as its text; FN_REGEX:
 * argument 2 may be a /regex/; FN_SEQ: keeps state across records (the
 * run takes one thread). */
enum { FN_EACH = 1, FN_NUMOK = 2, FN_REGEX = 4, FN_SEQ = 8 };
/* The id of the function called name (n bytes), or -1. */
int ni_fn_find(const char *name, size_t n);
const char *ni_fn_name(int fn);
unsigned ni_fn_flags(int fn);
/* Check the call e as parsed: its number of arguments, where a /regex/
 * is, and its constant arguments (kinds and values: hash(x, 17),
 * pad(x, 3, "ab"), replace(x, /a/, "$2")).  0, or -1 with the message
 * in err and *arg the index of the bad argument ((size_t)-1: the call). */
int ni_fn_check(const ni_expr *e, char *err, size_t errsz, size_t *arg);
/* Evaluate the call e: 0, or -1 with ev->err set. */
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
