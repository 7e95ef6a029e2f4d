/* template.c - the template language of ni-render -F and -T, and the
 * column helpers (fit, wrap) every text format uses.
 *
 *   {FIELD}                    a field or dotted path (localized: F_lang
 *                              when present, else F)
 *   {A|B|"text"}               the first of A, B that is present and not
 *                              empty, else "text"
 *   {F@ko}                     F in that language
 *   {F:-16} {F:16} {F:~60}     left-aligned / right-aligned in 16
 *                              terminal columns; cut to 60 with "…"
 *   {F|upper} |lower |trunc:N |date:FMT |join:SEP |count |json |raw
 *                              (after |, a filter's name is the filter;
 *                              any other word a fallback field)
 *   {`count`}                  a field, even one spelled like a filter
 *   {F|md}                     Markdown: sanitised HTML under -f html
 *                              (not escaped again), else plain text
 *   {{ and }}                  literal braces
 *
 * Values are escaped for the output format unless |raw is given. */
#include "render/render.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { F_UPPER, F_LOWER, F_TRUNC, F_DATE, F_JOIN, F_COUNT, F_JSON, F_RAW, F_MD };

typedef struct alt {
	int lit;          /* a "literal" */
	char *s;          /* field path or literal text */
	char *lang;       /* @lang */
	char *derived;    /* s is "fn(F)": the summary-row key it names */
	size_t slot;      /* index among the template's field slots */
	size_t keylen;    /* ni_json_keylen(s) (set by seg_add_alt) */
} alt;

typedef struct filt {
	int kind;
	char *arg;
	long n;
} filt;

typedef struct seg {
	char *text;       /* literal segment when alts == NULL */
	alt *alts;
	int nalts;
	long width;       /* 0 none */
	int align, cut;   /* align -1 left, 1 right; cut: ~ */
	filt *f;
	int nf;
} seg;

struct ni_tpl {
	seg *s;
	int n;
	size_t nslots;
};

static const char *filter_names[] = { "upper", "lower", "trunc", "date",
				      "join", "count", "json", "raw", "md", NULL };

static int filter_kind(const char *s, size_t n)
{
	for (int i = 0; filter_names[i]; i++)
		if (strlen(filter_names[i]) == n && !strncmp(s, filter_names[i], n))
			return i;
	return -1;
}

static void add_seg(ni_tpl *t, seg *s)
{
	t->s = ni_xrealloc(t->s, (size_t)(t->n + 1) * sizeof *t->s);
	t->s[t->n++] = *s;
}

/* Read a quoted string at *p (on the quote) into out; returns 0. */
static int quoted(const char **p, const char *end, ni_buf *out)
{
	char q = **p;
	const char *s = *p + 1;
	while (s < end && *s != q) {
		if (*s == '\\' && s + 1 < end)
			s++;
		ni_buf_addc(out, *s++);
	}
	if (s >= end)
		return -1;
	*p = s + 1;
	return 0;
}

/* The width after a field, *p on its ':': -16, 16 or ~60 into g.
 * Returns 0, or -1 with err and *col set. */
static int width(seg *g, const char **pp, const char *end, const char *src,
		 char *err, size_t errsz, size_t *col)
{
	const char *p = *pp;
	const char *w = ++p;
	if (p < end && *p == '~')
		g->cut = 1, p++;
	else if (p < end && *p == '-')
		g->align = -1, p++;
	else
		g->align = 1;
	const char *digits = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p == digits || (p < end && *p != '|')) {
		snprintf(err, errsz, "bad width '%.*s' (use -16, 16 or ~60)",
			 (int)(strcspn(w, "|}")), w);
		*col = (size_t)(w - src) + 1;
		return -1;
	}
	g->width = strtol(digits, NULL, 10);
	if (p - digits > 4 || g->width > 1000) {
		snprintf(err, errsz, "width larger than 1000");
		*col = (size_t)(w - src) + 1;
		return -1;
	}
	*pp = p;
	return 0;
}

/* The filters, for messages. */
#define FILTER_LIST "upper, lower, trunc, date, join, count, json, raw, md"

/* What the parts of one placeholder's parser share: the template (for
 * its slot count), the whole source and the placeholder's end (for
 * columns and bounds), the error's message and column. */
typedef struct phctx {
	ni_tpl *t;
	const char *src, *end;
	char *err;
	size_t errsz;
	size_t *col;
} phctx;

/* Set c's message to msg and its column to the 1-based offset of at in
 * the source.  Returns -1, to return in turn. */
static int ph_error(const phctx *c, const char *at, const char *msg)
{
	snprintf(c->err, c->errsz, "%s", msg);
	*c->col = (size_t)(at - c->src) + 1;
	return -1;
}

/* Append alternative a to g (g owns its strings from here). */
static void seg_add_alt(seg *g, alt a)
{
	a.keylen = a.lit ? 0 : ni_json_keylen(a.s);
	g->alts = ni_xrealloc(g->alts, (size_t)(g->nalts + 1) * sizeof *g->alts);
	g->alts[g->nalts++] = a;
}

/* Free what a placeholder's seg owns (its alternatives and filters). */
static void seg_free_parts(seg *g)
{
	for (int i = 0; i < g->nalts; i++) {
		free(g->alts[i].s);
		free(g->alts[i].lang);
		free(g->alts[i].derived);
	}
	free(g->alts);
	for (int i = 0; i < g->nf; i++)
		free(g->f[i].arg);
	free(g->f);
}

/* A "literal" alternative at *p (on its quote) into g; *p moves past
 * the closing quote.  Returns 0, or -1 with c's error set. */
static int ph_literal(const phctx *c, seg *g, const char **p)
{
	const char *tok = *p;
	ni_buf b = {0};
	if (quoted(p, c->end, &b)) {
		ni_buf_free(&b);
		return ph_error(c, tok, "unterminated string");
	}
	seg_add_alt(g, (alt){ 1, b.s ? b.s : ni_xstrdup(""), NULL, NULL, 0, 0 });
	return 0;
}

/* A `field`[@LANG] alternative at *p (on its backquote) into g, a field
 * whatever it is spelled like, with a width after it if one follows
 * (then *filters is set: only filters may come next); *p moves past it.
 * Returns 0, or -1 with c's error set. */
static int ph_quoted_field(const phctx *c, seg *g, const char **p, int *filters)
{
	const char *tok = *p, *end = c->end;
	const char *cl = memchr(tok + 1, '`', (size_t)(end - tok - 1));
	if (!cl || cl == tok + 1)
		return ph_error(c, tok, cl ? "empty field name" :
				"unterminated `field name`");
	const char *q = cl + 1, *lang = NULL;
	if (q < end && *q == '@') {
		lang = ++q;
		while (q < end && *q != '|' && *q != ':')
			q++;
	}
	seg_add_alt(g, (alt){ 0, ni_xstrndup(tok + 1, (size_t)(cl - tok - 1)),
			      lang ? ni_xstrndup(lang, (size_t)(q - lang)) : NULL,
			      NULL, c->t->nslots++, 0 });
	*p = q;
	if (q < end && *q == ':') {
		if (width(g, p, end, c->src, c->err, c->errsz, c->col))
			return -1;
		*filters = 1;
	}
	return 0;
}

/* Filter fk, named at tok, with its ":ARG" if *p is on one (a quoted
 * string or the text up to the next '|'), into g; *p moves past the
 * argument.  Returns 0, or -1 with c's error set (trunc without a
 * width from 1 to 100000). */
static int ph_filter(const phctx *c, seg *g, int fk, const char *tok,
		     const char **p)
{
	const char *end = c->end;
	filt f = { fk, NULL, 0 };
	if (*p < end && **p == ':') {
		(*p)++;
		ni_buf b = {0};
		if (**p == '"' || **p == '\'') {
			const char *q0 = *p;
			if (quoted(p, end, &b)) {
				ni_buf_free(&b);
				return ph_error(c, q0, "unterminated string");
			}
		} else {
			while (*p < end && **p != '|')
				ni_buf_addc(&b, *(*p)++);
		}
		f.arg = b.s ? b.s : ni_xstrdup("");
		f.n = strtol(f.arg, NULL, 10);
	}
	if (fk == F_TRUNC && (f.n <= 0 || f.n > 100000)) {
		free(f.arg);
		return ph_error(c, tok,
				"trunc needs a width from 1 to 100000, as trunc:80");
	}
	g->f = ni_xrealloc(g->f, (size_t)(g->nf + 1) * sizeof *g->f);
	g->f[g->nf++] = f;
	return 0;
}

/* A bare FIELD[@LANG] alternative, the n bytes at tok, into g; a field
 * spelled "fn(F)" also names the summary-row key ni-summarize -b
 * wrote for it ({lower(tags)}).  With a width at *p (on ':'), reads it
 * and sets *filters.  Returns 0, or -1 with c's error set. */
static int ph_bare_field(const phctx *c, seg *g, const char *tok, size_t n,
			 const char **p, int *filters)
{
	if (!n)
		return ph_error(c, tok, "empty field name");
	const char *at = memchr(tok, '@', n);
	alt a = { 0, ni_xstrndup(tok, at ? (size_t)(at - tok) : n),
		  at ? ni_xstrndup(at + 1, (size_t)(tok + n - at - 1)) : NULL,
		  NULL, c->t->nslots++, 0 };
	if (strchr(a.s, '(')) {
		ni_keyspec k;
		if (!ni_keyspec_parse(a.s, &k)) {
			a.derived = k.name;
			k.name = NULL;
		}
		free(k.field);
		free(k.name);
		free(k.spec);
	}
	seg_add_alt(g, a);
	if (*p < c->end && **p == ':') {
		if (width(g, p, c->end, c->src, c->err, c->errsz, c->col))
			return -1;
		*filters = 1;   /* only filters may follow */
	}
	return 0;
}

/* One bare word at *p into g: after the first alternative a filter's
 * name is that filter, any other word one more field, or, once filters
 * have begun (*filters), an unknown filter.  *p moves past the word and
 * its argument or width.  Returns 0, or -1 with c's error set. */
static int ph_word(const phctx *c, seg *g, const char **p, int *filters)
{
	const char *tok = *p;
	while (*p < c->end && **p != '|' && **p != ':')
		(*p)++;
	size_t n = (size_t)(*p - tok);
	int fk = filter_kind(tok, n);
	if (fk >= 0 && (g->nalts > 0 || *filters)) {
		*filters = 1;
		return ph_filter(c, g, fk, tok, p);
	}
	if (*filters) {
		snprintf(c->err, c->errsz, "unknown filter '%.*s' (filters: "
			 FILTER_LIST "; a filter comes after the fields)",
			 (int)n, tok);
		*c->col = (size_t)(tok - c->src) + 1;
		return -1;
	}
	return ph_bare_field(c, g, tok, n, p, filters);
}

/* One placeholder, src[p, end) without its braces:
 *   ALT { "|" ALT } [ ":" WIDTH ] { "|" FILTER [ ":" ARG ] }
 * ALT is a "literal", a `field` in backquotes, or a bare FIELD[@LANG];
 * after the first ALT a bare word that is a filter's name is that
 * filter, any other bare word one more field (a field spelled like a
 * filter is written `count`); after a filter or a width only filters
 * may come, and any other word is an unknown filter (an error here).
 * Appends the placeholder's segment to t and returns 0, or returns -1
 * with a message in err and the 1-based column in *col. */
static int parse_ph(ni_tpl *t, const char *src, const char *p, const char *end,
		    char *err, size_t errsz, size_t *col)
{
	phctx c = { t, src, end, err, errsz, col };
	seg g;
	memset(&g, 0, sizeof g);
	int filters = 0;
	while (p < end) {
		int rc;
		if (!filters && (*p == '"' || *p == '\''))
			rc = ph_literal(&c, &g, &p);
		else if (!filters && *p == '`')
			rc = ph_quoted_field(&c, &g, &p, &filters);
		else
			rc = ph_word(&c, &g, &p, &filters);
		if (rc)
			goto fail;
		if (p < end && *p == '|') {
			p++;
			continue;
		}
		if (p < end) {
			ph_error(&c, p, "expected '|' or '}'");
			goto fail;
		}
	}
	if (!g.nalts) {
		snprintf(err, errsz, "empty placeholder");
		*col = (size_t)(end - src);
		goto fail;
	}
	add_seg(t, &g);
	return 0;
fail:
	seg_free_parts(&g);
	return -1;
}

/* Compile src; on error NULL with a message and the 1-based byte
 * offset of the fault in *col. */
static ni_tpl *parse_bytes(const char *src, char *err, size_t errsz, size_t *col)
{
	ni_tpl *t = ni_xcalloc(1, sizeof *t);
	ni_buf lit = {0};
	const char *p = src;
	while (*p) {
		if (p[0] == '{' && p[1] == '{') {
			ni_buf_addc(&lit, '{');
			p += 2;
			continue;
		}
		if (p[0] == '}' && p[1] == '}') {
			ni_buf_addc(&lit, '}');
			p += 2;
			continue;
		}
		if (*p != '{') {
			ni_buf_addc(&lit, *p++);
			continue;
		}
		/* find the closing brace, skipping quoted strings */
		const char *q = p + 1;
		while (*q && *q != '}') {
			if (*q == '"' || *q == '\'') {
				char c = *q++;
				while (*q && *q != c) {
					if (*q == '\\' && q[1])
						q++;
					q++;
				}
				if (*q)
					q++;
				continue;
			}
			q++;
		}
		if (!*q) {
			snprintf(err, errsz, "unclosed '{'");
			*col = (size_t)(p - src) + 1;
			ni_buf_free(&lit);
			ni_tpl_free(t);
			return NULL;
		}
		if (lit.len) {
			seg s;
			memset(&s, 0, sizeof s);
			s.text = ni_xstrndup(lit.s, lit.len);
			add_seg(t, &s);
			ni_buf_reset(&lit);
		}
		if (parse_ph(t, src, p + 1, q, err, errsz, col)) {
			ni_buf_free(&lit);
			ni_tpl_free(t);
			return NULL;
		}
		p = q + 1;
	}
	if (lit.len) {
		seg s;
		memset(&s, 0, sizeof s);
		s.text = ni_xstrndup(lit.s, lit.len);
		add_seg(t, &s);
	}
	ni_buf_free(&lit);
	return t;
}

/* Fill e for the fault at byte off of text: line and column in
 * characters, as ni_perr_print shows them. */
static void perr_at(ni_perr *e, const char *text, size_t off, const char *msg)
{
	unsigned long line = 1, col = 1;
	size_t len = strlen(text);
	for (size_t i = 0; i < off && i < len; ) {
		size_t k;
		if (text[i] == '\n') {
			line++;
			col = 1;
			i++;
			continue;
		}
		ni_utf8_decode((const unsigned char *)text + i, len - i, &k);
		col++;
		i += k;
	}
	ni_perr_set(e, strchr(text, '\n') ? line : 0, col, "%s", msg);
}

/* Contract: see render.h. */
ni_tpl *ni_tpl_parse(const char *src, ni_perr *e)
{
	char err[200];
	size_t col = 0;
	ni_tpl *t = parse_bytes(src, err, sizeof err, &col);
	if (!t)
		perr_at(e, src, col ? col - 1 : 0, err);
	return t;
}

/* Compile a document template (-T): the text before {#item} is the
 * header, up to {/item} the item, the rest the footer (a newline right
 * after a marker is dropped); without the markers, all of it is the
 * item and *head, *foot are NULL.  Returns 0, or -1 with e placed in
 * src (nothing to free then). */
static int ni_tpl_doc(const char *src, ni_tpl **head, ni_tpl **item, ni_tpl **foot,
	       ni_perr *e)
{
	char *copy = ni_xstrdup(src);
	char *open = strstr(copy, "{#item}");
	char *close = open ? strstr(open, "{/item}") : NULL;
	char *part[3] = { NULL, copy, NULL };
	ni_tpl **out[3] = { head, item, foot };
	*head = *item = *foot = NULL;
	if (open && close) {
		*open = 0;
		*close = 0;
		part[0] = copy;
		part[1] = open + 7;
		part[2] = close + 7;
		/* the marker lines themselves print nothing */
		if (*part[1] == '\n')
			part[1]++;
		if (*part[2] == '\n')
			part[2]++;
	}
	for (int i = 0; i < 3; i++) {
		if (!part[i])
			continue;
		char err[200];
		size_t col = 0;
		*out[i] = parse_bytes(part[i], err, sizeof err, &col);
		if (!*out[i]) {
			perr_at(e, src, (size_t)(part[i] - copy) + (col ? col - 1 : 0), err);
			for (int j = 0; j < i; j++) {
				ni_tpl_free(*out[j]);
				*out[j] = NULL;
			}
			free(copy);
			return -1;
		}
	}
	free(copy);
	return 0;
}

/* Contract: see render.h. */
ni_tpl *ni_tpl_need(ni_diag *d, const char *where, const char *src)
{
	ni_perr e;
	ni_tpl *t = ni_tpl_parse(src, &e);
	if (!t)
		ni_perr_print(d, where, src, &e);
	return t;
}

/* Contract: see render_int.h. */
int ni_tpl_need_doc(ni_diag *d, const char *path, ni_tpl **head,
		    ni_tpl **item, ni_tpl **foot)
{
	char *src;
	size_t n;
	ni_perr e;
	if (ni_read_file(path, 1 << 24, &src, &n)) {
		ni_error(d, "%s: %s", path, strerror(errno));
		return NI_EXIT_ERR;
	}
	int rc = 0;
	if (ni_tpl_doc(src, head, item, foot, &e)) {
		ni_perr_print(d, path, src, &e);
		rc = NI_EXIT_ERR;
	}
	free(src);
	return rc;
}

/* Contract: see render.h. */
void ni_tpl_free(ni_tpl *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->n; i++) {
		free(t->s[i].text);
		seg_free_parts(&t->s[i]);
	}
	free(t->s);
	free(t);
}

/* Contract: see render_int.h. */
size_t ni_tpl_nslots(const ni_tpl *t)
{
	return t->nslots;
}

/* Contract: see render_int.h. */
const char *ni_tpl_slot(const ni_tpl *t, size_t i)
{
	for (int k = 0; k < t->n; k++)
		for (int j = 0; j < t->s[k].nalts; j++)
			if (!t->s[k].alts[j].lit && t->s[k].alts[j].slot == i)
				return t->s[k].alts[j].s;
	return NULL;
}

/* Contract: see render_int.h. */
int ni_tpl_uses(const ni_tpl *t, const char *name)
{
	for (int k = 0; k < t->n; k++)
		for (int j = 0; j < t->s[k].nalts; j++)
			if (!t->s[k].alts[j].lit && !strcmp(t->s[k].alts[j].s, name))
				return 1;
	return 0;
}

/* Contract: see render.h. */
ni_jval ni_loc(ni_jval rec, const ni_jidx *idx, const char *f, const char *lang)
{
	if (lang && *lang) {
		char key[256];
		int n = snprintf(key, sizeof key, "%s_%s", f, lang);
		if (n > 0 && (size_t)n < sizeof key) {
			ni_jval v = ni_json_ipath(rec, idx, key);
			if (v.t != NI_J_NONE && v.t != NI_J_NULL &&
			    !(v.t == NI_J_STR && v.n == 2))
				return v;
		}
	}
	ni_jval v = ni_json_ipath(rec, idx, f);
	if (v.t != NI_J_NONE)
		return v;
	/* no F at all: any language is better than nothing */
	static const char *langs[] = { "en", "ko" };
	for (int i = 0; i < 2; i++) {
		char key[256];
		int n = snprintf(key, sizeof key, "%s_%s", f, langs[i]);
		if (n > 0 && (size_t)n < sizeof key && (!lang || strcmp(lang, langs[i]))) {
			ni_jval w = ni_json_ipath(rec, idx, key);
			if (w.t != NI_J_NONE && w.t != NI_J_NULL)
				return w;
		}
	}
	return v;
}

/* Contract: see render.h. */
ni_jval ni_named(ni_jval rec, const ni_jidx *idx, const char *f,
		 const char *lang)
{
	return ni_named_k(rec, idx, f, 0, lang);
}

/* Contract: see render.h. */
ni_jval ni_named_k(ni_jval rec, const ni_jidx *idx, const char *f,
		   size_t keylen, const char *lang)
{
	ni_jval v = ni_json_kpath(rec, idx, f, keylen);
	return v.t != NI_J_NONE ? v : ni_loc(rec, idx, f, lang);
}

/* Contract: see render.h. */
void ni_val_text(ni_jval v, const char *sep, ni_buf *out)
{
	switch (v.t) {
	case NI_J_STR:
		ni_json_str(v, out);
		break;
	case NI_J_NUM: case NI_J_TRUE: case NI_J_FALSE: case NI_J_OBJ:
		ni_buf_add(out, v.p, v.n);
		break;
	case NI_J_ARR: {
		const char *it = NULL;
		ni_jval e;
		int first = 1;
		while (ni_json_next(v, &it, NULL, &e)) {
			if (e.t == NI_J_NULL)
				continue;
			if (!first)
				ni_buf_adds(out, sep);
			ni_val_text(e, sep, out);
			first = 0;
		}
		break;
	}
	default:
		break;
	}
}

/* Contract: see render_int.h. */
void ni_fit(ni_buf *out, const char *s, size_t n, size_t cols, int align,
	    int cut)
{
	size_t w = ni_width(s, n);
	if (w > cols && (cut || align)) {
		if (!cut) {
			/* a column: cut to fit, with an ellipsis */
		}
		size_t used;
		size_t k = ni_width_prefix(s, n, cols ? cols - 1 : 0, &used);
		ni_buf_add(out, s, k);
		if (cols)
			ni_buf_adds(out, "\xE2\x80\xA6");
		w = used + (cols ? 1 : 0);
		for (; w < cols && align; w++)
			ni_buf_addc(out, ' ');
		return;
	}
	if (align > 0)
		for (size_t i = w; i < cols; i++)
			ni_buf_addc(out, ' ');
	ni_buf_add(out, s, n);
	if (align < 0)
		for (size_t i = w; i < cols; i++)
			ni_buf_addc(out, ' ');
}

/* Contract: see render_int.h. */
void ni_wrap(ni_buf *out, const char *s, size_t n, size_t width,
	     size_t indent, size_t first_used)
{
	size_t col = first_used, i = 0;
	int first_word = 1;
	if (width <= indent + 4)
		width = indent + 4;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
			i++;
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t')
			j++;
		if (j == i)
			break;
		size_t w = ni_width(s + i, j - i);
		if (!first_word && col + 1 + w > width) {
			ni_buf_addc(out, '\n');
			for (size_t k = 0; k < indent; k++)
				ni_buf_addc(out, ' ');
			col = indent;
		} else if (!first_word) {
			ni_buf_addc(out, ' ');
			col++;
		}
		/* a word longer than a line is split at grapheme boundaries */
		while (col + w > width && w > width - indent) {
			size_t used;
			size_t k = ni_width_prefix(s + i, j - i, width - col, &used);
			if (!k)
				break;
			ni_buf_add(out, s + i, k);
			ni_buf_addc(out, '\n');
			for (size_t m = 0; m < indent; m++)
				ni_buf_addc(out, ' ');
			col = indent;
			i += k;
			w -= used;   /* not re-measured: linear in the word */
		}
		ni_buf_add(out, s + i, j - i);
		col += w;
		first_word = 0;
		i = j;
	}
}

static int empty(ni_jval v)
{
	return v.t == NI_J_NONE || v.t == NI_J_NULL ||
	       (v.t == NI_J_STR && v.n == 2) || (v.t == NI_J_ARR && v.n <= 2);
}

/* Line breaks (CR LF, CR, LF, VT, FF, NEL, U+2028/9) and TABs as one
 * space each: a value printed on one line. */
static int one_line(ni_buf *v, ni_buf *tmp)
{
	int changed = 0;
	ni_buf_reset(tmp);
	const char *s = v->s ? v->s : "";
	size_t run = 0;      /* start of the bytes not yet copied to tmp */
	for (size_t i = 0; i < v->len; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t skip = 0;
		if (c >= 0x20 && c != 0xC2 && c != 0xE2) {
			/* the common case: copied with its run; printable
			 * ASCII 16 bytes at a time (SSE2: see ni_esc_term) */
			if (c < 0x7F && i + 1 < v->len)
				i += ni_scan_printable(s + i + 1, v->len - i - 1,
						       NI_SCAN_SSE2);
			continue;
		}
		if (c == '\r' && i + 1 < v->len && s[i + 1] == '\n')
			skip = 1;   /* CRLF: one space */
		else if (c == '\r' || c == '\n' || c == '\t' || c == '\v' || c == '\f')
			skip = 0;
		else if (c == 0xC2 && i + 1 < v->len && (unsigned char)s[i + 1] == 0x85)
			skip = 1;
		else if (c == 0xE2 && i + 2 < v->len && (unsigned char)s[i + 1] == 0x80 &&
			 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
			skip = 2;
		else
			continue;
		ni_buf_add(tmp, s + run, i - run);
		ni_buf_addc(tmp, ' ');
		i += skip;
		run = i + 1;
		changed = 1;
	}
	if (changed) {
		ni_buf_add(tmp, s + run, v->len - run);
		ni_buf_reset(v);
		ni_buf_add(v, tmp->s ? tmp->s : "", tmp->len);
	}
	return changed;
}

/* The value of one alternative: 1 when it gives the placeholder's
 * value (into val, or *jv for a record value), 0 to try the next.  With
 * plain, 2 when the value is a JSON string whose text is plain
 * (ni_scan_plain): then only *jv is set, and that text is the value and
 * what escaping it for a terminal line gives. */
static int alt_value(const alt *al, int last, ni_jval rec, const ni_jidx *idx,
		     const ni_tplctx *c, int count, const char *sep, ni_buf *val,
		     ni_jval *jv, int plain)
{
	if (al->lit) {
		ni_buf_adds(val, al->s);
		return 1;
	}
	if (c->vars_first && !al->lang && c->var && c->var(c->var_arg, al->s, val)) {
		if (c->seen)
			c->seen[al->slot] = 1;
		return 1;
	}
	ni_jval v = al->lang ? ni_loc(rec, idx, al->s, al->lang)
			     : ni_named_k(rec, idx, al->s, al->keylen, c->lang);
	if (v.t == NI_J_NONE && al->derived)
		v = ni_json_ipath(rec, idx, al->derived);
	if (v.t == NI_J_NONE && c->var && c->var(c->var_arg, al->s, val)) {
		if (c->seen)
			c->seen[al->slot] = 1;
		return 1;
	}
	if (v.t != NI_J_NONE && c->seen)
		c->seen[al->slot] = 1;
	if (count) {
		if (v.t == NI_J_ARR) {
			const char *it = NULL;
			ni_jval e;
			long n = 0;
			while (ni_json_next(v, &it, NULL, &e))
				n++;
			ni_buf_printf(val, "%ld", n);
		} else {
			ni_buf_adds(val, empty(v) ? "0" : "1");
		}
		return 1;
	}
	if (empty(v) && !last)
		return 0;
	*jv = v;
	if (plain && v.t == NI_J_STR &&
	    ni_scan_plain(v.p + 1, v.n - 2, NI_SCAN_SSE2) == v.n - 2)
		return 2;
	ni_val_text(v, sep, val);
	return 1;
}

/* JSON text j (n bytes, valid JSON) into out for a document escaped with
 * esc, still valid JSON and never escaped again: for markup (HTML, XML,
 * Markdown) '<', '>', '&' and '\'' as \u003c \u003e \u0026 \u0027 (they
 * occur only inside strings), so no markup comes from a value; DEL, C1
 * and bidi controls and noncharacters (what the escapers drop) as
 * \uXXXX, so the value stays what it was; CSV and TSV quote it
 * as a cell (a CSV reader gives the JSON back). */
static void json_out(ni_buf *out, ni_esc esc, const char *j, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	if (esc == NI_ESC_CSV || esc == NI_ESC_TSV || esc == NI_ESC_NONE) {
		ni_esc_as(out, esc, j, n);
		return;
	}
	const unsigned char *p = (const unsigned char *)j;
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];
		size_t k = 1;
		if (c == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] < 0xA0)
			c = p[i + 1], k = 2;   /* C1 */
		else if (i + 2 < n && ((c == 0xE2 && ((p[i + 1] == 0x80 && p[i + 2] >= 0xAA &&
			  p[i + 2] <= 0xAE) || (p[i + 1] == 0x81 && p[i + 2] >= 0xA6 &&
			  p[i + 2] <= 0xA9))) || (c == 0xEF && ((p[i + 1] == 0xB7 &&
			  p[i + 2] >= 0x90 && p[i + 2] <= 0xAF) || (p[i + 1] == 0xBF &&
			  p[i + 2] >= 0xBE))))) /* bidi controls, noncharacters */
			c = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu), k = 3;
		else if (c != 0x7F && (esc == NI_ESC_TERM ||
				       (c != '<' && c != '>' && c != '&' && c != '\'')))
			continue;
		ni_buf_add(out, j + run, i - run);
		char u[6] = { '\\', 'u', hex[(c >> 12) & 15], hex[(c >> 8) & 15],
			      hex[(c >> 4) & 15], hex[c & 15] };
		ni_buf_add(out, u, 6);
		i += k - 1;
		run = i + 1;
	}
	ni_buf_add(out, j + run, n - run);
}

/* Contract: see render.h.  A value goes: text of the first alternative
 * present -> the filters in order -> one line (-F) -> width -> output
 * encoding.  |json and |raw are output encodings, applied last wherever
 * they are written: |json prints the record's JSON value when no filter
 * changed it, else the text as a JSON string, so it is always valid
 * JSON, in every format (json_out: never escaped again).  Width is measured on the text as the terminal prints it. */
void ni_tpl_render(const ni_tpl *t, ni_jval rec, const ni_jidx *idx,
		   const ni_tplctx *c, ni_buf *out)
{
	ni_buf own[2] = { {0}, {0} };
	ni_buf *sc = c->scratch ? c->scratch : own;
	ni_buf val = sc[0], tmp = sc[1];
	for (int i = 0; i < t->n; i++) {
		const seg *g = &t->s[i];
		if (!g->alts) {
			ni_buf_adds(out, g->text);
			continue;
		}
		const char *sep = ", ";
		int raw = 0, count = 0, json = 0, changed = 0;
		for (int k = 0; k < g->nf; k++) {
			if (g->f[k].kind == F_JOIN && g->f[k].arg)
				sep = g->f[k].arg;
			raw |= g->f[k].kind == F_RAW;
			count |= g->f[k].kind == F_COUNT;
			json |= g->f[k].kind == F_JSON;
			/* Markdown made HTML is markup: not escaped again */
			raw |= g->f[k].kind == F_MD && c->esc == NI_ESC_HTML;
		}
		ni_buf_reset(&val);
		ni_jval jv = { NI_J_NONE, NULL, 0 };
		/* the common case, a field printed as it is on a terminal
		 * line: a plain string is copied from the record once, not
		 * unescaped, folded and escaped (3 copies; 6% of -F) */
		int plain = !c->general && !g->nf && g->width <= 0 &&
			    c->esc == NI_ESC_TERM, got = 0;
		for (int a = 0; a < g->nalts; a++)
			if ((got = alt_value(&g->alts[a], a + 1 == g->nalts, rec, idx, c,
					     count, sep, &val, &jv, plain)))
				break;
		if (got == 2) {
			ni_buf_add(out, jv.p + 1, jv.n - 2);
			continue;
		}
		for (int k = 0; k < g->nf; k++) {
			const filt *f = &g->f[k];
			ni_buf_reset(&tmp);
			switch (f->kind) {
			case F_UPPER: case F_LOWER:
				ni_case_map(val.s ? val.s : "", val.len, f->kind == F_UPPER, &tmp);
				break;
			case F_TRUNC:
				ni_fit(&tmp, val.s ? val.s : "", val.len, (size_t)f->n, 0, 1);
				break;
			case F_DATE: {
				int64_t ms;
				char buf[128];
				if (val.len && !ni_date_parse_field(c->dc, val.s, val.len, &ms) &&
				    ni_date_strftime(ms, f->arg ? f->arg : "%Y-%m-%d", buf, sizeof buf))
					ni_buf_adds(&tmp, buf);
				else
					ni_buf_add(&tmp, val.s, val.len);
				break;
			}
			case F_MD:
				if (c->esc == NI_ESC_HTML)
					ni_md_html(val.s ? val.s : "", val.len, &tmp);
				else
					ni_md_text(val.s ? val.s : "", val.len, &tmp);
				break;
			default:
				continue;   /* join, count, json, raw: no text change */
			}
			changed |= tmp.len != val.len || (val.len && memcmp(tmp.s, val.s, val.len));
			ni_buf_reset(&val);
			ni_buf_add(&val, tmp.s, tmp.len);
		}
		if (c->oneline)
			changed |= one_line(&val, &tmp);
		ni_esc esc = raw ? NI_ESC_NONE : c->esc;
		int pre = !json && esc == NI_ESC_TERM;
		if (pre && g->width <= 0) {
			/* what the steps below come to: no second copy */
			ni_esc_as(out, esc, val.s ? val.s : "", val.len);
			continue;
		}
		if (pre) {
			/* escape first, so the width is that of what is printed */
			ni_buf_reset(&tmp);
			ni_esc_as(&tmp, esc, val.s ? val.s : "", val.len);
			ni_buf_reset(&val);
			ni_buf_add(&val, tmp.s, tmp.len);
		}
		if (g->width > 0) {
			ni_buf_reset(&tmp);
			ni_fit(&tmp, val.s ? val.s : "", val.len, (size_t)g->width,
			       g->cut ? 0 : g->align, g->cut);
			changed |= tmp.len != val.len || (val.len && memcmp(tmp.s, val.s, val.len));
			ni_buf_reset(&val);
			ni_buf_add(&val, tmp.s, tmp.len);
		}
		if (json) {
			ni_buf_reset(&tmp);
			if (count)
				ni_buf_add(&tmp, val.s ? val.s : "0", val.s ? val.len : 1);
			else if (!changed && jv.t != NI_J_NONE)
				ni_buf_add(&tmp, jv.p, jv.n);
			else if (!changed && jv.t == NI_J_NONE && !val.len)
				ni_buf_adds(&tmp, "null");
			else
				ni_json_quote(&tmp, val.s ? val.s : "", val.len);
			ni_buf_reset(&val);
			ni_buf_add(&val, tmp.s, tmp.len);
		}
		if (json)
			json_out(out, esc, val.s ? val.s : "", val.len);
		else
			ni_esc_as(out, pre ? NI_ESC_NONE : esc, val.s ? val.s : "", val.len);
	}
	if (c->scratch) {
		sc[0] = val;
		sc[1] = tmp;
	} else {
		ni_buf_free(&val);
		ni_buf_free(&tmp);
	}
}

/* Contract: see render.h. */
void ni_tpl_names(const ni_tpl *t, ni_names *nm, const char *lang, int doc)
{
	/* the document's values, and the members of ni-summarize's rows:
	 * computed, not fields (a template over items and rows names both) */
	static const char *const computed[] = {
		"count", "first", "last", "lang", "now",
		NI_ROW_GROUP, NI_ROW_OVERVIEW, NI_ROW_SHARE, NI_ROW_STATS,
		NI_ROW_HIST, NI_ROW_DISTINCT, NI_ROW_TREND, NI_ROW_ITEMS,
		NI_ROW_KEY, NULL
	};
	if (!t)
		return;
	for (int k = 0; k < t->n; k++) {
		int nf = 0, firstf = -1;
		for (int j = 0; j < t->s[k].nalts; j++)
			if (!t->s[k].alts[j].lit && !nf++)
				firstf = j;
		for (int j = 0; j < t->s[k].nalts; j++) {
			const alt *a = &t->s[k].alts[j];
			int skip = a->lit || a->derived || strchr(a->s, '(') ||
				   (doc && !strcmp(a->s, "title")); /* a document value */
			/* {A|""}: a text to fall back on says A may be absent */
			for (int i = j + 1; !skip && i < t->s[k].nalts; i++)
				skip = t->s[k].alts[i].lit;
			/* a fallback ({categories|first}) is a field, never a
			 * document value: checked whatever its name */
			for (int i = 0; !skip && j == 0 && computed[i]; i++)
				skip = !strcmp(a->s, computed[i]);
			if (skip)
				continue;
			ni_names_add_loc(nm, a->s, a->lang ? a->lang : lang);
			if (j > 0)
				ni_names_hint(nm, a->s, "(a fallback field: it is no filter "
					      "either; filters are " FILTER_LIST ")");
			/* {A|B}: A may be absent when B is found */
			if (nf < 2)
				ni_names_excuse(nm, a->s, NULL);
			for (int i = j + 1; j == firstf && nf > 1 && i < t->s[k].nalts; i++)
				if (!t->s[k].alts[i].lit)
					ni_names_excuse(nm, a->s, t->s[k].alts[i].s);
		}
	}
}
