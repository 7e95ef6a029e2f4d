/* write.c - records back into item files: the file name (a template,
 * with the generator's slug), the document (YAML front matter from
 * yamlout.c and a body), and the per-record step of ni-write, which hands
 * the document to the folder writer (dirwrite.c). */
#include "write/write_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !memcmp(s + n - k, suf, k);
}

/* The text of a summary field for the body: a string, or nothing. */
static int text_field(ni_jval rec, const ni_jidx *idx, const char *k,
		      ni_buf *out, char *err, size_t errsz)
{
	ni_jval v = ni_json_iget(rec, idx, k, strlen(k));
	if (v.t == NI_J_NONE || v.t == NI_J_NULL)
		return 0;
	if (v.t != NI_J_STR) {
		snprintf(err, errsz, "%s is not a string: cannot make the body "
			 "(--body none leaves it out)", k);
		return -1;
	}
	ni_json_str(v, out);
	return 0;
}

static void trimmed(const char *s, size_t n, const char **ts, size_t *tn)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
		     s[n - 1] == '\r'))
		n--;
	*ts = s;
	*tn = n;
}

typedef struct langcheck {
	const char *want[2];    /* trimmed ko, en texts (NULL: no block) */
	size_t wantn[2];
	int seen[2], bad;
} langcheck;

static void lang_seen(void *arg, const char *lang, size_t ln,
		      const char *text, size_t tn)
{
	langcheck *lc = arg;
	int i = ln == 2 && !strncasecmp(lang, "ko", 2) ? 0 :
		ln == 2 && !strncasecmp(lang, "en", 2) ? 1 : -1;
	if (i < 0 || lc->seen[i] || !lc->want[i] || lc->wantn[i] != tn ||
	    memcmp(lc->want[i], text, tn))
		lc->bad = 1;
	else
		lc->seen[i] = 1;
}

/* The source generator's body (job 18): the lang-ko block, the lang-en
 * block, the key points; then check that ni-parse reads the same lang
 * blocks back. */
static int gen_body(ni_jval rec, const ni_jidx *idx, ni_buf *out, char *err,
		    size_t errsz)
{
	ni_buf ko = {0}, en = {0}, body = {0};
	int rc = -1;
	if (text_field(rec, idx, NI_FIELD_SUMMARY_KO, &ko, err, errsz) ||
	    text_field(rec, idx, NI_FIELD_SUMMARY_EN, &en, err, errsz))
		goto done;
	if (ko.len) {
		ni_buf_adds(&body, "<div class=\"lang-ko\">\n\n");
		ni_buf_add(&body, ko.s, ko.len);
		ni_buf_adds(&body, "\n\n</div>");
	}
	if (en.len) {
		if (body.len)
			ni_buf_addc(&body, '\n');
		ni_buf_adds(&body, "<div class=\"lang-en\" style=\"display:none\">\n\n");
		ni_buf_add(&body, en.s, en.len);
		ni_buf_adds(&body, "\n\n</div>");
	}
	ni_jval kp = ni_json_iget(rec, idx, NI_FIELD_KEY_POINTS, NI_LEN(NI_FIELD_KEY_POINTS));
	if (kp.t == NI_J_ARR) {
		const char *it = NULL;
		ni_jval e;
		int first = 1;
		while (ni_json_next(kp, &it, NULL, &e)) {
			if (e.t == NI_J_NULL)
				continue;
			if (first)
				ni_buf_adds(&body, body.len ? "\n\n## Key Points\n" :
					    "\n## Key Points\n");
			first = 0;
			ni_buf_adds(&body, "\n- ");
			ni_val_text(e, ", ", &body);
		}
	}
	langcheck lc;
	memset(&lc, 0, sizeof lc);
	if (ko.len)
		trimmed(ko.s, ko.len, &lc.want[0], &lc.wantn[0]);
	if (en.len)
		trimmed(en.s, en.len, &lc.want[1], &lc.wantn[1]);
	ni_body_langs(body.s ? body.s : "", body.len, lang_seen, &lc);
	for (int i = 0; i < 2; i++)
		if (lc.want[i] && !lc.seen[i])
			lc.bad = 1;
	if (lc.bad) {
		snprintf(err, errsz, "summary_ko or summary_en holds a <div> tag: "
			 "the body's lang blocks would not read back the same "
			 "(--body none leaves the body out)");
		goto done;
	}
	if (body.len) {
		ni_buf_addc(out, '\n');
		ni_buf_add(out, body.s, body.len);
		ni_buf_addc(out, '\n');
	}
	rc = 0;
done:
	ni_buf_free(&ko);
	ni_buf_free(&en);
	ni_buf_free(&body);
	return rc;
}

/* Append the item document of rec: "---", its front matter
 * (ni_yaml_record), "---", the body.  Returns 0, or -1 with a message in
 * err (the record cannot be written so that it reads back the same, or
 * its front matter is over NI_MAX_FM_SIZE, which ni-parse refuses). */
static int ni_item_file(ni_jval rec, const ni_jidx *idx, int body, ni_buf *out,
		 char *err, size_t errsz)
{
	ni_buf_adds(out, "---\n");
	size_t fm = out->len;
	if (ni_yaml_record(rec, out, err, errsz) < 0)
		return -1;
	/* what ni-parse reads back by default (--max-size) */
	if (out->len - fm > NI_MAX_FM_SIZE) {
		snprintf(err, errsz, "the front matter would be %zu bytes, more "
			 "than the %u that ni-parse reads (--max-size)",
			 out->len - fm, (unsigned)NI_MAX_FM_SIZE);
		return -1;
	}
	ni_buf_adds(out, "---\n");
	if (body == NI_BODY_NONE)
		return 0;
	size_t start = out->len;
	ni_jval b = ni_json_iget(rec, idx, NI_KEY_BODY, strlen(NI_KEY_BODY));
	if (body == NI_BODY_RECORD && b.t != NI_J_NONE) {
		if (b.t != NI_J_STR) {
			snprintf(err, errsz, NI_KEY_BODY " is not a string");
			return -1;
		}
		ni_json_str(b, out);
	} else if (gen_body(rec, idx, out, err, errsz)) {
		return -1;
	}
	if (memchr(out->s + start, 0, out->len - start)) {
		snprintf(err, errsz, "the body would hold a NUL character, which "
			 "no item file can carry (--body none leaves it out)");
		return -1;
	}
	return 0;
}

struct ni_writer {
	ni_write_opts o;
	ni_dirw *dw;
	ni_tplctx tc;
	ni_jval rec;            /* the record being written (for {slug}) */
	const ni_jidx *idx;
	ni_buf name, doc, tmp;
	int warned_md;
	unsigned long errors;   /* records refused before the folder writer */
};

/* {slug}: computed from the title when the record has no slug field. */
static int writer_var(void *arg, const char *name, ni_buf *out)
{
	ni_writer *w = arg;
	if (strcmp(name, "slug"))
		return 0;
	ni_jval t = ni_json_iget(w->rec, w->idx, NI_FIELD_TITLE, NI_LEN(NI_FIELD_TITLE));
	ni_buf_reset(&w->tmp);
	ni_val_text(t, " ", &w->tmp);
	ni_slug(w->tmp.s ? w->tmp.s : "", w->tmp.len, NI_SLUG_MAX, NI_SLUG_ASCII, out);
	return 1;
}

/* Contract: see write_int.h. */
ni_writer *ni_writer_new(const ni_write_opts *o, ni_out *dry)
{
	ni_dirw *dw = ni_dirw_open(o->d, o->dir, o->mode, dry);
	if (!dw)
		return NULL;
	ni_writer *w = ni_xcalloc(1, sizeof *w);
	w->o = *o;
	w->dw = dw;
	w->tc.esc = NI_ESC_NONE;
	w->tc.dc = o->dc;
	w->tc.var = writer_var;
	w->tc.var_arg = w;
	return w;
}

/* Contract: see write_int.h. */
int ni_writer_record(ni_writer *w, const char *line, size_t n,
		     const ni_jidx *idx, const char *file, unsigned long lineno)
{
	char err[300];
	w->rec = ni_json_record(line, n);
	w->idx = idx;
	ni_buf_reset(&w->name);
	ni_tpl_render(w->o.name, w->rec, idx, &w->tc, &w->name);
	if (!w->warned_md && w->o.d->verbose && w->name.len &&
	    !ends_with(w->name.s, w->name.len, ".md") &&
	    !ends_with(w->name.s, w->name.len, ".markdown")) {
		ni_note_at(w->o.d, file, lineno, 0, "file names do not end in .md "
			   "(\"%s\"): ni-parse DIR will not read them",
			   w->name.s);
		w->warned_md = 1;
	}
	ni_buf_reset(&w->doc);
	if (ni_item_file(w->rec, idx, w->o.body, &w->doc, err, sizeof err)) {
		ni_error_at(w->o.d, file, lineno, 0, "%s", err);
		w->errors++;
		return -1;
	}
	/* a name with NUL (from "\u0000") is cut here and refused below */
	if (w->name.len != strlen(w->name.s ? w->name.s : "")) {
		ni_error_at(w->o.d, file, lineno, 0, "file name holds a NUL character");
		w->errors++;
		return -1;
	}
	return ni_dirw_put(w->dw, w->name.s ? w->name.s : "", w->doc.s,
			   w->doc.len, file, lineno);
}

/* Contract: see write_int.h. */
int ni_writer_end(ni_writer *w, unsigned long tally[NI_DW_NTALLY])
{
	int rc = ni_dirw_close(w->dw, tally);
	tally[NI_DW_ERRORS] += w->errors;
	ni_buf_free(&w->name);
	ni_buf_free(&w->doc);
	ni_buf_free(&w->tmp);
	free(w);
	return rc;
}
