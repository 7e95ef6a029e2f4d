/* render.c - item and summary records -> terminal text, Markdown, HTML,
 * Atom, RSS, email, CSV/TSV, JSON, SVG.
 *
 * The driver sorts records into items and runs of summary rows (rows with
 * the same _by make one table) and calls the format's functions.  Every
 * value from a record goes through escape.c for its format.  Output is
 * built in a buffer flushed to the ni_out as it grows, so streaming
 * formats stay in flat memory; --group-by and email keep the records (or
 * the rendered parts) until the end. */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The formats, one row each in NI_F_* order (render/render.h).  A row names the
 * format (what -f takes), the escaper of every value from a record
 * (built-in parts and templates alike), how summary rows are shown, and
 * the hooks the driver calls (render.h says when).  The driver does what
 * all formats share: templates (-F, -T), counting, --limit, --group-by,
 * the date range, flushing.
 *
 * To add a format: write lib/render/render_NAME.c with its hooks and a
 * "const nr_format nr_fmt_NAME" (see render_json.c for a small one),
 * declare it in render_int.h, add NI_F_NAME to the enum in render.h and its row
 * here; then the -f list in ni-render's --help, man/ni-render.1 and the
 * completions. */
static const nr_format *const formats[] = {
	[NI_F_TEXT] = &nr_fmt_text,
	[NI_F_MD] = &nr_fmt_md,
	[NI_F_HTML] = &nr_fmt_html,
	[NI_F_ATOM] = &nr_fmt_atom,
	[NI_F_RSS] = &nr_fmt_rss,
	[NI_F_EMAIL] = &nr_fmt_email,
	[NI_F_CSV] = &nr_fmt_csv,
	[NI_F_TSV] = &nr_fmt_tsv,
	[NI_F_JSON] = &nr_fmt_json,
	[NI_F_SVG] = &nr_fmt_svg,
	[NI_F_SFEED] = &nr_fmt_sfeed,
};

/* Contract: see render_int.h. */
int ni_render_format(const char *name)
{
	for (int i = 0; i < (int)(sizeof formats / sizeof *formats); i++)
		if (!strcmp(name, formats[i]->name))
			return i;
	if (!strcmp(name, "markdown"))
		return NI_F_MD;
	return -1;
}

static void flush(ni_render *r)
{
	if (r->mem || !r->b.len)
		return;
	ni_out_write(r->out, r->b.s, r->b.len);
	ni_buf_reset(&r->b);
}

static void maybe_flush(ni_render *r)
{
	if (r->b.len > (64u << 10))
		flush(r);
}

/* ---- record helpers ---- */

/* Field f (a dotted path) of the record in v. */
ni_jval nr_get(const view *v, const char *f)
{
	return ni_json_ipath(v->rec, v->idx, f);
}

/* Text of field f (localized for lang when lang is set) into b. */
int nr_text_of(const ni_render *r, const view *v, const char *f,
		   int localize, ni_buf *b)
{
	ni_buf_reset(b);
	ni_jval x = localize ? ni_loc(v->rec, v->idx, f, r->o.lang) : nr_get(v, f);
	ni_val_text(x, ", ", b);
	return b->len > 0;
}

/* The SOURCE rule (ni_itemview's comment in render_int.h): the source's
 * text into out, the field by_id ? source_id : source_name first, the
 * other when it is missing or empty.  Returns out->len > 0. */
static int nr_source(const view *v, int by_id, ni_buf *out)
{
	const char *first = by_id ? NI_FIELD_SOURCE_ID : NI_FIELD_SOURCE_NAME;
	const char *other = by_id ? NI_FIELD_SOURCE_NAME : NI_FIELD_SOURCE_ID;
	ni_buf_reset(out);
	ni_val_text(nr_get(v, first), ", ", out);
	if (!out->len)
		ni_val_text(nr_get(v, other), ", ", out);
	return out->len > 0;
}

/* Text of field f of v (no language fallback) into b, replacing it;
 * only emptied when on is 0. */
static void field_text(const view *v, const char *f, int on, ni_buf *b)
{
	ni_buf_reset(b);
	if (on)
		ni_val_text(nr_get(v, f), ", ", b);
}

/* Localized text of field f of v for lang into b, replacing it; only
 * emptied when on is 0. */
static void loc_text(const view *v, const char *f, const char *lang, int on,
		     ni_buf *b)
{
	ni_buf_reset(b);
	if (on)
		ni_val_text(ni_loc(v->rec, v->idx, f, lang), ", ", b);
}

/* Contract: see render_int.h. */
void nr_itemloc_fill(const view *v, const char *lang, unsigned want,
		     nr_itemloc *l)
{
	static const ni_jval none;
	l->lang = lang;
	loc_text(v, NI_FIELD_TITLE, lang, want & NR_IV_TITLE, &l->title);
	loc_text(v, NI_FIELD_SUMMARY, lang, want & NR_IV_SUMMARY, &l->summary);
	loc_text(v, NR_FIELD_SO_WHAT, lang, want & NR_IV_SO_WHAT, &l->so_what);
	loc_text(v, NI_KEY_BODY, lang, want & NR_IV_BODY, &l->body);
	l->key_points = want & NR_IV_KEY_POINTS
		? ni_loc(v->rec, v->idx, NI_FIELD_KEY_POINTS, lang) : none;
}

/* Free the buffers of l (its texts; the lists are borrowed). */
static void nr_itemloc_free(nr_itemloc *l)
{
	ni_buf_free(&l->title);
	ni_buf_free(&l->summary);
	ni_buf_free(&l->so_what);
	ni_buf_free(&l->body);
}

/* Contract: see render_int.h. */
const ni_itemview *nr_itemview(ni_render *r, const view *v, unsigned want)
{
	static const ni_jval none;
	ni_itemview *iv = &r->iv;
	ni_buf_reset(&iv->source);
	ni_buf_reset(&iv->source_id);
	if (want & NR_IV_SOURCE)
		nr_source(v, 0, &iv->source);
	if (want & NR_IV_SOURCE_ID)
		nr_source(v, 1, &iv->source_id);
	field_text(v, NI_FIELD_DATE, want & NR_IV_DATE, &iv->date);
	ni_jval u = want & (NR_IV_URL | NR_IV_LINK) ? nr_get(v, NI_FIELD_URL) : none;
	iv->url_str = u.t == NI_J_STR;
	ni_buf_reset(&iv->url);
	ni_val_text(u, "", &iv->url);
	ni_buf_reset(&iv->link);
	iv->has_link = want & NR_IV_LINK &&
		ni_url_ok(iv->url.s ? iv->url.s : "", iv->url.len, &iv->link);
	field_text(v, NI_FIELD_TAGS, want & NR_IV_TAGS, &iv->tags);
	iv->tags_list = want & NR_IV_TAG_LIST ? nr_get(v, NI_FIELD_TAGS) : none;
	field_text(v, NI_FIELD_CONFIDENCE, want & NR_IV_CONFIDENCE, &iv->confidence);
	nr_itemloc_fill(v, r->o.lang, want, &iv->loc);
	return iv;
}

/* Append s escaped for r's output format. */
void nr_esc(ni_render *r, ni_buf *out, const char *s, size_t n)
{
	ni_esc_as(out, r->f->esc, s, n);
}

/* nr_esc of a buffer. */
void nr_escs(ni_render *r, ni_buf *out, const ni_buf *s)
{
	nr_esc(r, out, s->s ? s->s : "", s->len);
}

/* date_published of v: its text in txt, 0 and *ms when it is a date. */
int nr_date_of(ni_render *r, const view *v, int64_t *ms, ni_buf *txt)
{
	ni_buf_reset(txt);
	ni_jval d = nr_get(v, NI_FIELD_DATE);
	if (d.t != NI_J_STR)
		return -1;
	ni_json_str(d, txt);
	return txt->s ? ni_date_parse_field(r->o.dc, txt->s, txt->len, ms) : -1;
}

/* An item dated ms (its date text d, n bytes, the day kept) widens the
 * document's date range. */
static void range_add(ni_render *r, int64_t ms, const char *d, size_t n)
{
	if (n > 10)
		n = 10;
	if (!r->first || ms < r->first_ms) {
		free(r->first);
		r->first = ni_xstrndup(d, n);
		r->first_ms = ms;
	}
	if (!r->last || ms > r->last_ms) {
		free(r->last);
		r->last = ni_xstrndup(d, n);
		r->last_ms = ms;
	}
}

static void note_range(ni_render *r, const view *v)
{
	int64_t ms;
	ni_buf t = {0};
	if (!nr_date_of(r, v, &ms, &t))
		range_add(r, ms, t.s, t.len);
	ni_buf_free(&t);
}

/* The document title: --title, else "News digest". */
const char *nr_dflt_title(const ni_render *r)
{
	return r->o.title ? r->o.title : "News digest";
}

/* ---- template documents (-F, -T) ---- */

/* Template variables of document templates (title, count, first, last,
 * lang, now): appends the value of name and returns 1, else 0. */
static int nr_doc_var(void *arg, const char *name, ni_buf *out)
{
	ni_render *r = arg;
	if (!strcmp(name, "title")) /* a document value */ ni_buf_adds(out, nr_dflt_title(r));
	else if (!strcmp(name, "count")) ni_buf_printf(out, "%ld", r->items);
	else if (!strcmp(name, "first")) ni_buf_adds(out, r->first ? r->first : "");
	else if (!strcmp(name, "last")) ni_buf_adds(out, r->last ? r->last : "");
	else if (!strcmp(name, "lang")) ni_buf_adds(out, r->o.lang);
	else if (!strcmp(name, "now")) {
		char t[40];
		ni_date_rfc3339(r->o.dc->now, t);
		ni_buf_adds(out, t);
	} else
		return 0;
	return 1;
}

/* The templates of a document, in the order of r->seen. */
static const ni_tpl *tpl_at(const ni_render *r, int i)
{
	const ni_tpl *t[5] = { r->o.line, r->o.head, r->o.item, r->o.foot, r->o.subject };
	return t[i];
}

/* Expand template t for v (NULL: no record) into out. */
void nr_tpl(ni_render *r, const ni_tpl *t, const view *v, ni_buf *out)
{
	unsigned char *seen = NULL;
	for (int i = 0; i < 5; i++)
		if (t == tpl_at(r, i))
			seen = r->seen[i];
	ni_tplctx c = { r->o.lang, t == r->o.subject ? NI_ESC_NONE : r->f->esc,
			r->o.dc, nr_doc_var, r, t == r->o.line || t == r->o.subject, seen,
			r->tpl_scratch, t == r->o.head || t == r->o.foot, 0 };
	ni_jval none = { NI_J_OBJ, "{}", 2 };
	ni_tpl_render(t, v ? v->rec : none, v ? v->idx : NULL, &c, out);
}

static void tpl(ni_render *r, const ni_tpl *t, const view *v)
{
	nr_tpl(r, t, v, &r->b);
}

/* Does document template t (header, footer) name a record's field
 * (anything but the document's own values)?  Then it sees the first
 * item, and the header waits for it. */
static int tpl_wants_rec(const ni_tpl *t)
{
	static const char *doc[] = { /* document values */ "title", "count", "first", "last", "lang",
				     "now", NULL };
	if (!t)
		return 0;
	for (size_t k = 0; k < ni_tpl_nslots(t); k++) {
		const char *s = ni_tpl_slot(t, k);
		int is_doc = 0;
		for (int i = 0; doc[i]; i++)
			is_doc |= !strcmp(s, doc[i]);
		if (!is_doc && s[0] != '"')
			return 1;
	}
	return 0;
}

/* The view of the first item kept for the header and footer, or NULL. */
static const view *head_view(ni_render *r, view *v)
{
	if (!r->head_rec.len)
		return NULL;
	if (!r->head_idx) {
		const char *err;
		size_t col;
		r->head_idx = ni_xcalloc(1, sizeof *r->head_idx);
		ni_json_check(r->head_rec.s, r->head_rec.len, NI_MAX_DEPTH,
			      r->head_idx, &err, &col);   /* checked when read */
	}
	*v = (view){ ni_json_record(r->head_rec.s, r->head_rec.len), r->head_idx };
	return v;
}

/* -v: name the template fields that no record had (printed empty). */
static void report_unseen(ni_render *r)
{
	static const char *what[4] = { "--fmt", "--template", "--template",
				       "--template" };
	for (int i = 0; i < 4; i++) {
		const ni_tpl *t = tpl_at(r, i);
		if (!t || !r->seen[i] || ((i == 0 || i == 2) && !r->items && !r->rows))
			continue;
		for (size_t k = 0; k < ni_tpl_nslots(t); k++)
			if (!r->seen[i][k])
				ni_note_at(r->o.d, what[i], 0, 0, "no record has "
					   "'%s': printed empty", ni_tpl_slot(t, k));
	}
}

/* ---- document start and end ---- */

static void begin(ni_render *r)
{
	if (r->started)
		return;
	r->started = 1;
	if (r->o.head) {
		if (ni_tpl_uses(r->o.head, "count") || ni_tpl_uses(r->o.head, "first") ||
		    ni_tpl_uses(r->o.head, "last") || tpl_wants_rec(r->o.head)) {
			/* totals are known at the end: keep the body */
			r->defer_head = 1;
			r->mem_saved = r->mem;
			r->mem = 1;
		} else {
			tpl(r, r->o.head, NULL);
		}
		return;
	}
	if (r->o.line)
		return;
	if (r->f->begin)
		r->f->begin(r);
}

static void flush_table(ni_render *r)
{
	if (!r->ntab)
		return;
	begin(r);
	if (r->f->table)
		r->f->table(r, r->tab, r->ntab);
	for (size_t i = 0; i < r->ntab; i++) {
		free(r->tab[i].line);
		free(r->tab[i].file);
	}
	r->ntab = 0;
	free(r->tab_by);
	r->tab_by = NULL;
	maybe_flush(r);
}

static void end_doc(ni_render *r)
{
	begin(r);
	ni_buf range = {0};
	if (r->first && r->last)
		ni_buf_printf(&range, "%ld %s, %s \xE2\x80\x93 %s", r->items,
			      r->items == 1 ? "item" : "items", r->first, r->last);
	else
		ni_buf_printf(&range, "%ld %s", r->items, r->items == 1 ? "item" : "items");
	view hv;
	if (r->defer_head) {
		ni_buf whole = {0};
		nr_tpl(r, r->o.head, head_view(r, &hv), &whole);
		ni_buf_add(&whole, r->b.s ? r->b.s : "", r->b.len);
		ni_buf_free(&r->b);
		r->b = whole;
		r->mem = r->mem_saved;
		r->defer_head = 0;
	}
	if (r->o.foot) {
		tpl(r, r->o.foot, head_view(r, &hv));
		ni_buf_free(&range);
		return;
	}
	if (r->o.line || r->o.item) {
		ni_buf_free(&range);
		return;
	}
	if (r->f->end)
		r->f->end(r, &range);
	ni_buf_free(&range);
}

/* ---- one record ---- */

/* A --group-by heading (in each part of a format made of parts). */
static void section(ni_render *r, const char *name, size_t n)
{
	if (r->nparts) {
		for (int i = 0; i < r->nparts; i++)
			section(r->part[i], name, n);
		return;
	}
	begin(r);
	if (r->f->section)
		r->f->section(r, name, n);
}

static void one(ni_render *r, const nr_src *s, const ni_jidx *idx)
{
	const nr_format *f = r->f;
	view v = { ni_json_record(s->line, s->n), idx };
	ni_jval kind = nr_get(&v, NI_KEY_SUMMARY);
	int summary = kind.t == NI_J_STR;
	if (summary && !r->o.line && !r->o.item && f->rows != NR_ROWS_RECORD) {
		ni_jval by = nr_get(&v, NI_KEY_BY);
		int overview = by.t == NI_J_NONE;
		if (!overview && (!r->tab_by || strlen(r->tab_by) != by.n ||
				  memcmp(r->tab_by, by.p, by.n)))
			flush_table(r);
		if (overview) {
			flush_table(r);
			begin(r);
			if (f->rows == NR_ROWS_TABLE && f->overview) {
				f->overview(r, &v);
				r->rows++;
			}
			maybe_flush(r);
			return;
		}
		if (f->rows == NR_ROWS_SKIP) {
			if (r->o.d->verbose)
				ni_note_at(r->o.d, s->file, s->lineno, 0,
					   "summary row: not a feed entry");
			return;
		}
		if (!r->tab_by)
			r->tab_by = ni_xstrndup(by.p, by.n);
		if (r->ntab == r->captab) {
			r->captab = r->captab ? r->captab * 2 : 64;
			r->tab = ni_xrealloc(r->tab, r->captab * sizeof *r->tab);
		}
		r->tab[r->ntab++] = (rec){ ni_xstrndup(s->line, s->n), s->n,
					   ni_xstrdup(s->file), s->lineno };
		r->rows++;
		return;
	}
	flush_table(r);
	if (!summary) {
		if (r->o.limit >= 0 && r->items >= r->o.limit)
			return;
		if (!f->item)
			return;   /* e.g. svg: charts are of summary rows */
	}
	begin(r);
	if (!r->head_rec.len && (tpl_wants_rec(r->o.head) ||
					     tpl_wants_rec(r->o.foot)))
		ni_buf_add(&r->head_rec, s->line, s->n);
	int counted;
	if (r->o.line || r->o.item) {
		tpl(r, r->o.line ? r->o.line : r->o.item, &v);
		if (r->o.line)
			ni_buf_addc(&r->b, '\n');
		counted = 1;
	} else {
		counted = f->item(r, &v, s, summary);
	}
	if (counted && !summary) {
		r->items++;
		note_range(r, &v);
	} else if (counted && summary) {
		r->rows++;
	}
	maybe_flush(r);
}

/* ---- the driver ---- */

/* d->flush while r writes to stdout: what r's buffer holds, then the
 * stream, so that a message comes after the output before it. */
static void render_flush(void *rp)
{
	ni_render *r = rp;
	flush(r);
	ni_out_flush(r->out);
}

/* Contract: see render.h. */
ni_render *ni_render_new(const ni_render_opts *o, ni_out *out)
{
	ni_render *r = ni_xcalloc(1, sizeof *r);
	r->o = *o;
	r->f = formats[o->format];
	r->out = out;
	if (out && out->d && out->d->flush_ctx == out) {   /* stdout's (out.c) */
		out->d->flush = render_flush;
		out->d->flush_ctx = r;
	}
	ni_hashset_init(&r->feed.ids);
	if (!r->o.lang)
		r->o.lang = "en";
	for (int i = 0; i < 5; i++)
		if (tpl_at(r, i))
			r->seen[i] = ni_xcalloc(ni_tpl_nslots(tpl_at(r, i)) + 1, 1);
	if (r->f->init)
		r->f->init(r);
	return r;
}

/* One record to r, or to each part of a format made of parts (then an
 * item the first part took is the format's item too). */
static void dispatch(ni_render *r, const nr_src *s, const ni_jidx *idx)
{
	if (!r->nparts) {
		one(r, s, idx);
		return;
	}
	ni_render *p0 = r->part[0];
	long before = p0->items, rows = p0->rows;
	for (int i = 0; i < r->nparts; i++)
		one(r->part[i], s, idx);
	r->rows += p0->rows - rows;
	if (p0->items > before) {
		r->items++;
		view v = { ni_json_record(s->line, s->n), idx };
		if (r->f->item)
			r->f->item(r, &v, s, 0);
		note_range(r, &v);
	}
}

/* Contract: see render.h. */
void ni_render_record(ni_render *r, const char *line, size_t n,
		      const ni_jidx *idx, const char *file, unsigned long lineno)
{
	if (r->o.group_by) {
		if (r->nall == r->capall) {
			r->capall = r->capall ? r->capall * 2 : 256;
			r->all = ni_xrealloc(r->all, r->capall * sizeof *r->all);
		}
		r->all[r->nall++] = (rec){ ni_xstrndup(line, n), n, ni_xstrdup(file), lineno };
		return;
	}
	nr_src s = { line, n, file, lineno };
	dispatch(r, &s, idx);
}

typedef struct keyed {
	char *key;
	size_t i;
	size_t first;          /* --group-order: the section's first item */
} keyed;

/* --group-order: sections by their first item, items in input order. */
static int keyed_cmp_first(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int keyed_cmp(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Dates: newest section first, items still in input order. */
static int keyed_cmp_desc(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(y->key, x->key);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* A summary row (ni-summarize output) rather than an item. */
static int is_row(const rec *e)
{
	ni_jval v = ni_json_get(ni_json_record(e->line, e->n), NI_KEY_SUMMARY,
				strlen(NI_KEY_SUMMARY));
	return v.t == NI_J_STR;
}

/* Render one kept record (--group-by keeps them until the end). */
static void replay(ni_render *r, const rec *e)
{
	ni_jidx idx;
	const char *err;
	size_t col;
	idx.big = NULL;     /* the rest is set by the check */
	ni_json_check(e->line, e->n, NI_MAX_DEPTH, &idx, &err, &col);
	nr_src s = { e->line, e->n, e->file, e->lineno };
	dispatch(r, &s, &idx);
	ni_jidx_free(&idx);
}

static void group_key(ni_render *r, const rec *e, ni_buf *out)
{
	view v = { ni_json_record(e->line, e->n), NULL };
	const char *g = r->o.group_by;
	int kind = !strcmp(g, "day") ? 'd' : !strcmp(g, "week") ? 'w' :
		   !strcmp(g, "month") ? 'm' : !strcmp(g, "year") ? 'y' : 0;
	if (kind) {
		int64_t ms;
		ni_buf t = {0};
		if (!nr_date_of(r, &v, &ms, &t)) {
			char per[32];
			ni_date_period(r->o.dc, ms, kind, per);
			ni_buf_adds(out, per);
		}
		ni_buf_free(&t);
		return;
	}
	ni_jval x = ni_named(v.rec, NULL, g, r->o.lang);
	if (x.t == NI_J_ARR) {
		const char *it = NULL;
		ni_jval e1;
		if (ni_json_next(x, &it, NULL, &e1))
			ni_val_text(e1, ", ", out);
	} else {
		ni_val_text(x, ", ", out);
	}
}

/* Contract: see render.h. */
long ni_render_end(ni_render *r)
{
	if (r->o.group_by && r->nall) {
		/* sections in key order (dates: newest first), or in the
		 * order of their first item; items keep their input order
		 * within a section */
		const char *g = r->o.group_by;
		int newest = !strcmp(g, "day") || !strcmp(g, "week") ||
			     !strcmp(g, "month") || !strcmp(g, "year");
		keyed *k = ni_xcalloc(r->nall, sizeof *k);
		for (size_t i = 0; i < r->nall; i++) {
			ni_buf t = {0};
			group_key(r, &r->all[i], &t);
			k[i].key = t.s ? t.s : ni_xstrdup("");
			k[i].i = i;
		}
		qsort(k, r->nall, sizeof *k, newest ? keyed_cmp_desc : keyed_cmp);
		if (r->o.group_order) {
			/* each run of one key: the index of its first item */
			for (size_t a = 0, b; a < r->nall; a = b) {
				size_t first = SIZE_MAX;
				for (b = a; b < r->nall && !strcmp(k[b].key, k[a].key); b++)
					if (k[b].i < first && !is_row(&r->all[k[b].i]))
						first = k[b].i;
				for (size_t j = a; j < b; j++)
					k[j].first = first;
			}
			qsort(k, r->nall, sizeof *k, keyed_cmp_first);
		}
		const ni_render *counter = r->nparts ? r->part[0] : r;
		/* summary rows are not items: those before the first item come
		 * first, the others after the sections, in input order */
		size_t first_item = r->nall;
		for (size_t i = 0; i < r->nall && first_item == r->nall; i++)
			if (!is_row(&r->all[i]))
				first_item = i;
		for (size_t i = 0; i < first_item; i++)
			replay(r, &r->all[i]);
		int headed = 0;
		const char *prev = NULL;
		for (size_t j = 0; j < r->nall; j++) {
			rec *e = &r->all[k[j].i];
			if (is_row(e))
				continue;
			if (prev && strcmp(k[j].key, prev))
				headed = 0;
			prev = k[j].key;
			if (r->o.limit >= 0 && counter->items >= r->o.limit)
				continue;   /* past --limit: no heading for it */
			if (!headed) {
				const char *name = *k[j].key ? k[j].key : "(none)";
				section(r, name, strlen(name));
				headed = 1;
			}
			replay(r, e);
		}
		int figures = 0;
		for (size_t i = first_item; i < r->nall; i++) {
			if (!is_row(&r->all[i]))
				continue;
			if (!figures && !r->nparts) {
				/* the tables do not belong to the last section */
				flush_table(r);
				section(r, "Figures", 7);
			}
			figures = 1;
			replay(r, &r->all[i]);
		}
		for (size_t i = 0; i < r->nall; i++)
			free(k[i].key);
		free(k);
	}
	if (r->nparts) {
		for (int i = 0; i < r->nparts; i++) {
			flush_table(r->part[i]);
			end_doc(r->part[i]);
		}
		r->f->end(r, NULL);
	} else {
		flush_table(r);
		end_doc(r);
	}
	if (r->o.d->verbose) {
		report_unseen(r->nparts ? r->part[0] : r);
		if (r->nparts && r->o.subject && r->seen[4]) {
			for (size_t k = 0; k < ni_tpl_nslots(r->o.subject); k++)
				if (!r->seen[4][k])
					ni_note_at(r->o.d, "--subject", 0, 0, "no value for "
						   "'%s': printed empty", ni_tpl_slot(r->o.subject, k));
		}
	}
	flush(r);
	return r->items + r->rows;
}

/* On a worker: keep line i's member index (the entries in use) as its
 * result; the spans point into the batch's text, which stays until the
 * batch is emitted. */
/* A line's result on a worker: its member index for the reading thread,
 * or, with -F when the workers expand the line, the line (in b->out) and
 * what the document needs of the record: a summary row or an item, and
 * the item's date. */
typedef struct lres {
	int has_pre, summary, dated;
	size_t pre, npre;
	int64_t ms;
	char day[10];
	size_t nday;
	ni_jidx idx;           /* without has_pre; last: with pre_ok the
				* results are only the fields before it
				* (2.6 KB a line less to step over) */
} lres;

/* With -F, a worker also expands the line (pre_ok: nothing in it depends
 * on the records before, and no -v bookkeeping), so the reading thread
 * only copies it out. */
typedef struct lwork {
	ni_render *r;
	int pre_ok;
	int range;             /* the date range is shown (range_shown) */
	ni_buf date;           /* this worker's scratch */
	ni_buf tpl[2];         /* its ni_tplctx.scratch */
} lwork;

static void index_work(void *wctx, ni_batch *b, size_t i, ni_jidx *idx)
{
	lwork *w = wctx;
	lres *k = ni_batch_res(b, i);
	k->has_pre = w->pre_ok;
	if (!w->pre_ok) {
		memcpy(&k->idx, idx, offsetof(ni_jidx, e) + idx->n * sizeof idx->e[0]);
		if (k->idx.partial == NI_JIDX_BIG)   /* the line takes big */
			idx->big = NULL;     /* index_emit frees it */
		return;
	}
	ni_render *r = w->r;
	const ni_bline *l = &b->l[i];
	view v = { ni_json_record(b->text.s + l->off, l->len), idx };
	k->summary = nr_get(&v, NI_KEY_SUMMARY).t == NI_J_STR;
	k->dated = w->range && !k->summary && !nr_date_of(r, &v, &k->ms, &w->date);
	if (k->dated) {
		k->nday = w->date.len > 10 ? 10 : w->date.len;
		memcpy(k->day, w->date.s, k->nday);
	}
	ni_tplctx c = { r->o.lang, r->f->esc, r->o.dc, nr_doc_var, r, 1, NULL,
			w->tpl, 0, 0 };
	k->pre = b->out.len;
	ni_tpl_render(r->o.line, v.rec, v.idx, &c, &b->out);
	k->npre = b->out.len - k->pre;
}

/* One -F line a worker expanded: what one() does with a line, without
 * the record. */
static void one_pre(ni_render *r, const lres *k, const char *pre)
{
	flush_table(r);
	if (!k->summary && r->o.limit >= 0 && r->items >= r->o.limit)
		return;
	if (!k->summary && !r->f->item)
		return;
	begin(r);
	ni_buf_add(&r->b, pre, k->npre);
	ni_buf_addc(&r->b, '\n');
	if (k->summary) {
		r->rows++;
	} else {
		r->items++;
		if (k->dated)
			range_add(r, k->ms, k->day, k->nday);
	}
	maybe_flush(r);
}

/* In input order: render line i with what its worker kept. */
static int index_emit(void *ctx, ni_batch *b, size_t i, const char *name)
{
	const ni_bline *l = &b->l[i];
	lres *k = ni_batch_res(b, i);
	if (k->has_pre)
		one_pre(ctx, k, b->out.s + k->pre);
	else {
		ni_render_record(ctx, b->text.s + l->off, l->len, &k->idx, name,
				 l->lineno);
		if (k->idx.partial == NI_JIDX_BIG)
			ni_jidx_free(&k->idx);
	}
	return 0;
}

/* Can workers expand the -F line?  Not when it shows the count or the
 * date range so far, or when -v tracks the fields no record had. */
static int pre_ok(const ni_render *r)
{
	return r->o.line && !r->o.group_by && !r->nparts && !r->o.d->verbose &&
	       !ni_tpl_uses(r->o.line, "count") && !ni_tpl_uses(r->o.line, "first") &&
	       !ni_tpl_uses(r->o.line, "last");
}

/* Does t name the date range (first, last)? */
static int tpl_range(const ni_tpl *t)
{
	return t && (ni_tpl_uses(t, "first") || ni_tpl_uses(t, "last"));
}

/* With -F (pre_ok), is the date range of the items shown anywhere?  Only
 * a header, footer or subject template can show it (the format's own
 * end, which also does, is not called with -F); when none does, the
 * workers skip parsing each item's date (a sixth of index_work). */
static int range_shown(const ni_render *r)
{
	return !r->o.line || tpl_range(r->o.head) || tpl_range(r->o.foot) ||
	       tpl_range(r->o.subject);
}

/* Worker i (batch.c's winit). */
static int lwork_init(void *ctx, void *wp, int i)
{
	ni_render *r = ctx;
	*(lwork *)wp = (lwork){ r, pre_ok(r), range_shown(r), { 0 }, { { 0 }, { 0 } } };
	return 0;
}

/* Worker i done (batch.c's wfree). */
static void lwork_free(void *ctx, void *wp, int i)
{
	lwork *w = wp;
	ni_buf_free(&w->date);
	ni_buf_free(&w->tpl[0]);
	ni_buf_free(&w->tpl[1]);
}

/* Contract: see render_int.h. */
long ni_render_lines(ni_render *r, ni_lines *in)
{
	int nth = ni_batch_threads(r->o.jobs);
	if (nth) {
		ni_batch_cfg c = { .threads = nth, .wsize = sizeof (lwork),
				   .winit = lwork_init, .wfree = lwork_free,
				   .res_size = pre_ok(r) ? offsetof(lres, idx) :
					       sizeof(lres),
				   .work = index_work,
				   .emit = index_emit, .ctx = r, .names = r->o.names,
				   .out = r->out };
		ni_batch_run(&c, in);
		return ni_render_end(r);
	}
	ni_jidx *idx = ni_xcalloc(1, sizeof *idx);
	const char *ln;
	long n;
	while (!r->out->failed && (n = ni_lines_next(in, &ln)) >= 0) {
		const char *err;
		size_t col;
		if (ni_json_check(ln, (size_t)n, NI_MAX_DEPTH, idx, &err, &col)) {
			ni_error_at(r->o.d, in->name, in->lineno, col, "%s", err);
			continue;
		}
		if (r->o.names)
			ni_names_see(r->o.names, ln, (size_t)n, idx);
		ni_render_record(r, ln, (size_t)n, idx, in->name, in->lineno);
	}
	ni_jidx_free(idx);
	free(idx);
	return ni_render_end(r);
}

/* Contract: see render_int.h. */
int ni_render_opts_check(const ni_render_opts *o, char *err, size_t errsz)
{
	const nr_format *f = formats[o->format];
	if (o->key && !(f->opts & NR_OPT_KEY)) {
		snprintf(err, errsz, "--key names the identity of feed entries and "
			 "mail: -f atom, rss or email");
		return -1;
	}
	if (o->bom && !(f->opts & NR_OPT_FIELDS)) {
		snprintf(err, errsz, "--bom marks a csv or tsv file as UTF-8 for "
			 "spreadsheets: -f csv or tsv");
		return -1;
	}
	if (o->nfields && !(f->opts & NR_OPT_FIELDS)) {
		snprintf(err, errsz, "--fields chooses csv and tsv columns; with "
			 "other formats use -F '{a} {b}'");
		return -1;
	}
	return 0;
}

/* Contract: see render.h. */
void ni_render_free(ni_render *r)
{
	if (!r)
		return;
	if (r->out && r->out->d && r->out->d->flush_ctx == r) {
		r->out->d->flush = NULL;      /* stdout was closed before */
		r->out->d->flush_ctx = NULL;
	}
	for (size_t i = 0; i < r->ntab; i++) {
		free(r->tab[i].line);
		free(r->tab[i].file);
	}
	free(r->tab);
	free(r->tab_by);
	for (size_t i = 0; i < r->nall; i++) {
		free(r->all[i].line);
		free(r->all[i].file);
	}
	free(r->all);
	free(r->first);
	free(r->last);
	ni_buf_free(&r->b);
	ni_buf_free(&r->tmp);
	ni_buf_free(&r->tmp2);
	ni_buf_free(&r->iv.source);
	ni_buf_free(&r->iv.source_id);
	ni_buf_free(&r->iv.date);
	ni_buf_free(&r->iv.url);
	ni_buf_free(&r->iv.link);
	ni_buf_free(&r->iv.tags);
	ni_buf_free(&r->iv.confidence);
	nr_itemloc_free(&r->iv.loc);
	nr_itemloc_free(&r->iv_alt[0]);
	nr_itemloc_free(&r->iv_alt[1]);
	ni_buf_free(&r->head_rec);
	if (r->head_idx)
		ni_jidx_free(r->head_idx);
	free(r->head_idx);
	ni_buf_free(&r->tpl_scratch[0]);
	ni_buf_free(&r->tpl_scratch[1]);
	ni_buf_free(&r->csv.cols);
	ni_hashset_free(&r->feed.ids);
	for (int i = 0; i < 5; i++)
		free(r->seen[i]);
	for (int i = 0; i < r->nparts; i++)
		ni_render_free(r->part[i]);
	free(r);
}
