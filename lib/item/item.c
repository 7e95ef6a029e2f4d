/* item.c - one Markdown document -> one NDJSON record; the news-item
 * schema check. */
#include "item/item_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void add_err(ni_item *it, int warn, unsigned long line,
		    unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Record a violation: an error (the document fails) or a warning. */
static void add_err(ni_item *it, int warn, unsigned long line,
		    unsigned long col, const char *fmt, ...)
{
	if (it->nerrs == it->caperrs) {
		it->caperrs = it->caperrs ? it->caperrs * 2 : 4;
		it->errs = ni_xrealloc(it->errs, it->caperrs * sizeof *it->errs);
	}
	ni_item_err *e = &it->errs[it->nerrs++];
	e->line = line;
	e->col = col;
	e->warn = warn;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	if (!warn)
		it->status = NI_ITEM_ERR;
}

/* Bilingual blocks collected from the body: key "_body_XX" -> text, in
 * order of first appearance; repeated languages are joined. */
typedef struct langctx {
	char key[8][48];
	ni_buf text[8];
	int n;
} langctx;

static void lang_block(void *arg, const char *lang, size_t ln,
		       const char *text, size_t tn)
{
	langctx *lc = arg;
	char key[48];
	if (ln > 32)
		return;
	snprintf(key, sizeof key, NI_KEY_BODY_PFX "%.*s", (int)ln, lang);
	ni_ascii_lower(key, strlen(key));
	int i;
	for (i = 0; i < lc->n; i++)
		if (strcmp(lc->key[i], key) == 0)
			break;
	if (i == lc->n) {
		if (lc->n == 8)
			return;
		memcpy(lc->key[lc->n++], key, sizeof key);
	} else {
		ni_buf_add(&lc->text[i], "\n\n", 2);
	}
	ni_buf_add(&lc->text[i], text, tn);
}

static const ni_keypos *keypos(const ni_buf *rec, const ni_yaml_result *yr,
			       const char *key)
{
	size_t kl = strlen(key);
	for (size_t i = 0; i < yr->nkeys; i++) {
		const ni_keypos *k = &yr->keys[i];
		if (k->klen == kl + 2 && memcmp(rec->s + k->koff + 1, key, kl) == 0)
			return k;
	}
	return NULL;
}

typedef struct checkctx {
	ni_item *it;
	const ni_yaml_result *yr;
	unsigned long fm_line;
} checkctx;

static void on_violation(void *arg, int warn, const char *field,
			 const char *msg)
{
	checkctx *c = arg;
	const ni_keypos *kp = keypos(&c->it->rec, c->yr, field);
	unsigned long l = kp ? kp->line + c->fm_line - 1 : 1;
	unsigned long col = kp ? kp->col : 1;
	add_err(c->it, warn, l, col, "%s", msg);
}

/* A front-matter key that ni would add itself: the document is an error
 * (a record never holds a key twice; see man/ni.7, RECORDS). */
static int reserved_clash(ni_item *it, const ni_yaml_result *yr,
			  unsigned long fm_line, const char *key)
{
	const ni_keypos *kp = keypos(&it->rec, yr, key);
	if (!kp)
		return 0;
	add_err(it, 0, kp->line + fm_line - 1, kp->col, "front matter key "
		"\"%s\" is one ni adds itself; rename it", key);
	return 1;
}
/* A document's buffer is kept for the next one up to this size. */
#define KEEP_TEXT (1u << 20)

/* Contract: see item_int.h. */
void ni_item_parse(const ni_item_opts *o, const char *path, ni_item *it)
{
	char *text = NULL;
	size_t len = 0;
	it->status = NI_ITEM_OK;
	it->nerrs = 0;
	it->bytes = 0;
	free(it->id);
	it->id = NULL;
	ni_buf_reset(&it->rec);

	if (it->text.cap > KEEP_TEXT)   /* keep no big buffer for long */
		ni_buf_free(&it->text);
	if (ni_read_file_buf(path, o->max_doc, &it->text) != 0) {
		if (errno == EFBIG)
			add_err(it, 0, 0, 0, "document larger than %zu bytes",
				o->max_doc);
		else
			add_err(it, 0, 0, 0, "%s", strerror(errno));
		return;
	}
	text = it->text.s;
	len = it->text.len;
	it->bytes = len;
	ni_doc doc;
	const char *err;
	unsigned long line, col;
	int r = ni_fm_split(text, len, &doc, &err, &line);
	if (r == NI_FM_NONE) {
		it->status = NI_ITEM_SKIP;
		return;
	}
	if (r == NI_FM_ERR) {
		add_err(it, 0, line, 1, "%s", err);
		return;
	}
	if (doc.fm_len > o->max_fm) {
		add_err(it, 0, doc.fm_line, 1, "front matter larger than %zu bytes",
			o->max_fm);
		return;
	}
	size_t off;
	const char *fm = text + doc.fm_off;
	if (ni_utf8_check(fm, doc.fm_len, &off, &err)) {
		ni_offset_pos(text, doc.fm_off + off, &line, &col);
		add_err(it, 0, line, col, "%s (byte offset %zu)", err,
			doc.fm_off + off);
		return;
	}
	ni_yaml_opts yo = o->yaml;
	if (!yo.max_out)
		yo.max_out = doc.fm_len * 10 + 65536;
	ni_yaml_result yr;
	if (ni_yaml_to_json(fm, doc.fm_len, &yo, &it->rec, &yr)) {
		add_err(it, 0, yr.line + doc.fm_line - 1, yr.col, "%s", yr.err);
		free(yr.keys);
		return;
	}
	int empty = it->rec.len == 1;
	ni_buf_adds(&it->rec, empty ? "\"" NI_KEY_PATH "\":" : ",\"" NI_KEY_PATH "\":");
	/* a file name need not be UTF-8; the record must be */
	ni_buf p8 = {0};
	ni_utf8_clean(&p8, path, strlen(path));
	ni_json_quote(&it->rec, p8.s, p8.len);
	ni_buf_free(&p8);
	if (o->body) {
		const char *body = text + doc.body_off;
		size_t bn = len - doc.body_off;
		if (ni_utf8_check(body, bn, &off, &err)) {
			ni_offset_pos(text, doc.body_off + off, &line, &col);
			add_err(it, 0, line, col, "%s (byte offset %zu)", err,
				doc.body_off + off);
			free(yr.keys);
				return;
		}
		reserved_clash(it, &yr, doc.fm_line, NI_KEY_BODY);
		ni_buf_adds(&it->rec, ",\"" NI_KEY_BODY "\":");
		ni_json_quote(&it->rec, body, bn);
		langctx lc;
		memset(&lc, 0, sizeof lc);
		ni_body_langs(body, bn, lang_block, &lc);
		for (int i = 0; i < lc.n; i++) {
			reserved_clash(it, &yr, doc.fm_line, lc.key[i]);
			ni_buf_printf(&it->rec, ",\"%s\":", lc.key[i]);
			ni_json_quote(&it->rec, lc.text[i].s ? lc.text[i].s : "",
				      lc.text[i].len);
			ni_buf_free(&lc.text[i]);
		}
	}
	ni_buf_adds(&it->rec, "}");
	reserved_clash(it, &yr, doc.fm_line, NI_KEY_PATH);
	ni_jval recv = ni_json_record(it->rec.s, it->rec.len);
	ni_schema builtin;
	const ni_schema *sch = o->schema;
	if (!sch) {
		ni_schema_items(&builtin);
		sch = &builtin;
	}
	if (o->check) {
		checkctx cc = { it, &yr, doc.fm_line };
		ni_schema_check(sch, recv, NULL, on_violation, &cc);
	}
	/* the unique field (id), for duplicate reports across documents;
	 * an empty value is never a duplicate */
	const ni_field *uf = ni_schema_unique(sch);
	ni_jval id = uf ? ni_json_get(recv, uf->name, strlen(uf->name))
			: (ni_jval){ 0 };
	if ((id.t == NI_J_STR && id.n > 2) || id.t == NI_J_NUM) {
		ni_buf b = {0};
		if (id.t == NI_J_STR)
			ni_json_str(id, &b);
		else
			ni_buf_add(&b, id.p, id.n);
		it->id = b.s;
		it->id_field = uf->name;
		const ni_keypos *kp = keypos(&it->rec, &yr, uf->name);
		it->id_line = kp ? kp->line + doc.fm_line - 1 : 1;
		it->id_col = kp ? kp->col : 1;
	}
	ni_buf_addc(&it->rec, '\n');
	free(yr.keys);
}

/* Contract: releases everything it holds; it is reusable afterwards. */
void ni_item_free(ni_item *it)
{
	ni_buf_free(&it->rec);
	ni_buf_free(&it->text);
	free(it->errs);
	free(it->id);
	memset(it, 0, sizeof *it);
}
