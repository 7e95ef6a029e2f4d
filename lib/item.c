/* item.c - one Markdown document -> one NDJSON record; the news-item
 * schema check. */
#include "ni.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void add_err(ni_item *it, unsigned long line, unsigned long col,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add_err(ni_item *it, unsigned long line, unsigned long col,
		    const char *fmt, ...)
{
	if (it->nerrs == it->caperrs) {
		it->caperrs = it->caperrs ? it->caperrs * 2 : 4;
		it->errs = ni_xrealloc(it->errs, it->caperrs * sizeof *it->errs);
	}
	ni_item_err *e = &it->errs[it->nerrs++];
	e->line = line;
	e->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
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
	for (char *k = key; *k; k++)
		if (*k >= 'A' && *k <= 'Z')
			*k = (char)(*k - 'A' + 'a');
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

static int valid_ymd(const char *s, size_t n)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	int y = atoi(s);
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

static const char *tname(ni_jtype t)
{
	switch (t) {
	case NI_J_NULL: return "null";
	case NI_J_TRUE: case NI_J_FALSE: return "a boolean";
	case NI_J_NUM: return "a number";
	case NI_J_STR: return "a string";
	case NI_J_ARR: return "a list";
	case NI_J_OBJ: return "a mapping";
	default: return "missing";
	}
}

/* The news-item schema (man/ni-parse.1, CHECKS). */
static void check_item(ni_item *it, const ni_yaml_result *yr,
		       unsigned long fm_line)
{
	ni_jval rec = ni_json_record(it->rec.s, it->rec.len);
	ni_buf tmp = {0};
	static const char *required[] = { "id", "date_published", "title",
					  "canonical_url" };
	for (size_t i = 0; i < 4; i++) {
		const char *k = required[i];
		ni_jval v = ni_json_get(rec, k, strlen(k));
		const ni_keypos *kp = keypos(&it->rec, yr, k);
		unsigned long l = kp ? kp->line + fm_line - 1 : 1;
		unsigned long c = kp ? kp->col : 1;
		if (v.t == NI_J_NONE) {
			add_err(it, 1, 1, "missing required key \"%s\"", k);
			continue;
		}
		if (v.t != NI_J_STR || v.n <= 2) {
			add_err(it, l, c, "\"%s\" must be a non-empty string (got %s)",
				k, v.t == NI_J_STR ? "an empty string" : tname(v.t));
			continue;
		}
		ni_buf_reset(&tmp);
		ni_json_str(v, &tmp);
		if (i == 1 && !valid_ymd(tmp.s, tmp.len))
			add_err(it, l, c, "\"date_published\" must be a date "
				"YYYY-MM-DD (got \"%.40s\")", tmp.s);
		if (i == 3 && strncmp(tmp.s, "http://", 7) != 0 &&
		    strncmp(tmp.s, "https://", 8) != 0)
			add_err(it, l, c, "\"canonical_url\" must start with "
				"http:// or https:// (got \"%.60s\")", tmp.s);
	}
	static const char *lists[] = { "categories", "tags", "regions",
				       "key_points" };
	for (size_t i = 0; i < 4; i++) {
		const char *k = lists[i];
		ni_jval v = ni_json_get(rec, k, strlen(k));
		const ni_keypos *kp = keypos(&it->rec, yr, k);
		unsigned long l = kp ? kp->line + fm_line - 1 : 1;
		unsigned long c = kp ? kp->col : 1;
		if (v.t == NI_J_NONE || v.t == NI_J_NULL)
			continue;   /* absent or null: an empty list */
		if (v.t != NI_J_ARR) {
			add_err(it, l, c, "\"%s\" must be a list of strings (got %s)",
				k, tname(v.t));
			continue;
		}
		const char *iter = NULL;
		ni_jval e;
		size_t idx = 0;
		while (ni_json_next(v, &iter, NULL, &e)) {
			if (e.t != NI_J_STR) {
				add_err(it, l, c, "\"%s\" item %zu must be a string "
					"(got %s)", k, idx + 1, tname(e.t));
				break;
			}
			idx++;
		}
	}
	ni_jval v = ni_json_get(rec, "confidence", 10);
	if (v.t != NI_J_NONE && v.t != NI_J_NULL) {
		const ni_keypos *kp = keypos(&it->rec, yr, "confidence");
		unsigned long l = kp ? kp->line + fm_line - 1 : 1;
		unsigned long c = kp ? kp->col : 1;
		double d = v.t == NI_J_NUM ? ni_json_num(v) : -1;
		if (v.t != NI_J_NUM || !(d >= 0 && d <= 1))
			add_err(it, l, c, "\"confidence\" must be a number in "
				"0..1 (got %.*s)", (int)(v.n > 40 ? 40 : v.n), v.p);
	}
	ni_buf_free(&tmp);
}

/* Contract: see ni.h. */
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

	if (ni_read_file(path, o->max_doc, &text, &len) != 0) {
		if (errno == EFBIG)
			add_err(it, 0, 0, "document larger than %zu bytes",
				o->max_doc);
		else
			add_err(it, 0, 0, "%s", strerror(errno));
		return;
	}
	it->bytes = len;
	ni_doc doc;
	const char *err;
	unsigned long line, col;
	int r = ni_fm_split(text, len, &doc, &err, &line);
	if (r == NI_FM_NONE) {
		it->status = NI_ITEM_SKIP;
		free(text);
		return;
	}
	if (r == NI_FM_ERR) {
		add_err(it, line, 1, "%s", err);
		free(text);
		return;
	}
	if (doc.fm_len > o->max_fm) {
		add_err(it, doc.fm_line, 1, "front matter larger than %zu bytes",
			o->max_fm);
		free(text);
		return;
	}
	size_t off;
	const char *fm = text + doc.fm_off;
	if (ni_utf8_check(fm, doc.fm_len, &off, &err)) {
		ni_offset_pos(text, doc.fm_off + off, &line, &col);
		add_err(it, line, col, "%s (byte offset %zu)", err,
			doc.fm_off + off);
		free(text);
		return;
	}
	ni_yaml_opts yo = o->yaml;
	if (!yo.max_out)
		yo.max_out = doc.fm_len * 10 + 65536;
	ni_yaml_result yr;
	if (ni_yaml_to_json(fm, doc.fm_len, &yo, &it->rec, &yr)) {
		add_err(it, yr.line + doc.fm_line - 1, yr.col, "%s", yr.err);
		free(yr.keys);
		free(text);
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
			add_err(it, line, col, "%s (byte offset %zu)", err,
				doc.body_off + off);
			free(yr.keys);
			free(text);
			return;
		}
		ni_buf_adds(&it->rec, ",\"" NI_KEY_BODY "\":");
		ni_json_quote(&it->rec, body, bn);
		langctx lc;
		memset(&lc, 0, sizeof lc);
		ni_body_langs(body, bn, lang_block, &lc);
		for (int i = 0; i < lc.n; i++) {
			ni_buf_printf(&it->rec, ",\"%s\":", lc.key[i]);
			ni_json_quote(&it->rec, lc.text[i].s ? lc.text[i].s : "",
				      lc.text[i].len);
			ni_buf_free(&lc.text[i]);
		}
	}
	ni_buf_adds(&it->rec, "}");
	if (o->check)
		check_item(it, &yr, doc.fm_line);
	/* the id, for duplicate detection across documents */
	ni_jval recv = ni_json_record(it->rec.s, it->rec.len);
	ni_jval id = ni_json_get(recv, "id", 2);
	if (id.t == NI_J_STR || id.t == NI_J_NUM) {
		ni_buf b = {0};
		if (id.t == NI_J_STR)
			ni_json_str(id, &b);
		else
			ni_buf_add(&b, id.p, id.n);
		it->id = b.s ? b.s : ni_xstrdup("");
		const ni_keypos *kp = keypos(&it->rec, &yr, "id");
		it->id_line = kp ? kp->line + doc.fm_line - 1 : 1;
		it->id_col = kp ? kp->col : 1;
	}
	ni_buf_addc(&it->rec, '\n');
	free(yr.keys);
	free(text);
}

/* Contract: releases everything it holds; it is reusable afterwards. */
void ni_item_free(ni_item *it)
{
	ni_buf_free(&it->rec);
	free(it->errs);
	free(it->id);
	memset(it, 0, sizeof *it);
}
