/* schema.c - the news-item schema: every item field ni knows, its type,
 * whether it is required, and what it means; the rules of --check
 * (which follow the pipeline's own validator, validate.js: errors for
 * what breaks the site, warnings for the rest), and --schema FILE, the
 * same rules for other collections.  The table below is the one place
 * where field names are listed; man/ni.7 (ITEM SCHEMA) documents it. */
#define _POSIX_C_SOURCE 200809L
#include "item/item.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define REQ NI_FF_REQUIRED
#define WARN NI_FF_WARN
#define UNIQ NI_FF_UNIQUE

/* name, type, flags, max characters, range, meaning */
static const ni_field item_fields[] = {
	{ NI_FIELD_ID, NI_FT_STRING, REQ | UNIQ, 0, 0, 0, 0,
	  "the pipeline's id (daily_YYYYMMDD_NNN); not unique in real data" },
	{ NI_FIELD_DATE, NI_FT_DATE, REQ, 0, 0, 0, 0,
	  "day of publication, YYYY-MM-DD" },
	{ NI_FIELD_DATE_INGESTED, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "when the collector fetched it (ISO 8601 UTC)" },
	{ NI_FIELD_SOURCE_NAME, NI_FT_STRING, REQ, 0, 0, 0, 0,
	  "the source's display name" },
	{ NI_FIELD_SOURCE_ID, NI_FT_STRING, REQ, 0, 0, 0, 0,
	  "the source's short id" },
	{ NI_FIELD_SOURCE_TYPE, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "kind of source (rss)" },
	{ NI_FIELD_SOURCE_URL, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "the feed's URL" },
	{ NI_FIELD_TITLE, NI_FT_STRING, REQ, 0, 0, 0, 0,
	  "the article's title (English)" },
	{ NI_FIELD_URL, NI_FT_URL, REQ, 0, 0, 0, 0,
	  "the article's link, http(s); with id, the item's identity" },
	{ NI_FIELD_LANGUAGE, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "language of the article (en)" },
	{ NI_FIELD_CATEGORIES, NI_FT_LIST, REQ, 0, 0, 0, 0,
	  "categories, a list of strings" },
	{ NI_FIELD_TAGS, NI_FT_LIST, WARN, 0, 0, 0, 0,
	  "tags, a list of strings" },
	{ NI_FIELD_REGIONS, NI_FT_LIST, WARN, 0, 0, 0, 0,
	  "regions, a list of strings" },
	{ NI_FIELD_SUMMARY_KO, NI_FT_STRING, REQ, 500, 0, 0, 0,
	  "summary in Korean (at most 500 characters)" },
	{ NI_FIELD_SUMMARY_EN, NI_FT_STRING, REQ, 0, 0, 0, 0,
	  "summary in English" },
	{ NI_FIELD_SO_WHAT_KO, NI_FT_STRING, REQ, 0, 0, 0, 0,
	  "why it matters, Korean" },
	{ NI_FIELD_SO_WHAT_EN, NI_FT_STRING, REQ, 0, 0, 0, 0,
	  "why it matters, English" },
	{ NI_FIELD_KEY_POINTS, NI_FT_LIST, WARN, 0, 0, 0, 0,
	  "key points, a list of strings" },
	{ NI_FIELD_CONFIDENCE, NI_FT_NUMBER, WARN, 0, 1, 0, 1,
	  "the summarizer's confidence, 0..1" },
	{ NI_FIELD_THEME, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "strategic theme (EMERGING_TECH, ...)" },
	{ NI_FIELD_SENTIMENT, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "POSITIVE, NEUTRAL or NEGATIVE" },
	{ NI_FIELD_ENTITIES, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "companies and people named" },
	{ NI_FIELD_RELEVANCE, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "relevance score" },
	{ NI_FIELD_IMPACT, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "business impact (HIGH, MEDIUM, LOW)" },
	{ NI_FIELD_INSIGHT_KO, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "one-line insight, Korean" },
	{ NI_FIELD_INSIGHT_EN, NI_FT_ANY, 0, 0, 0, 0, 0,
	  "one-line insight, English" },
};

static const char *type_names[] = { "any", "string", "date", "url", "list",
				    "number" };

/* Contract: see item.h. */
void ni_schema_items(ni_schema *s)
{
	memset(s, 0, sizeof *s);
	s->f = item_fields;
	s->n = sizeof item_fields / sizeof *item_fields;
}

/* One word after a field's type into f: 0, or -1 with e->msg set. */
static int parse_word(ni_field *f, const char *w, ni_perr *e)
{
	char *end;
	if (!strcmp(w, "required")) {
		f->flags |= NI_FF_REQUIRED;
	} else if (!strcmp(w, "warn")) {
		f->flags |= NI_FF_WARN;
	} else if (!strcmp(w, "unique")) {
		f->flags |= NI_FF_UNIQUE;
	} else if (!strncmp(w, "max=", 4)) {
		unsigned long long v = strtoull(w + 4, &end, 10);
		if (end == w + 4 || *end || v == 0) {
			snprintf(e->msg, sizeof e->msg, "invalid '%s' (max=N, N > 0)", w);
			return -1;
		}
		f->max_chars = (size_t)v;
	} else if (!strncmp(w, "range=", 6)) {
		const char *dots = strstr(w + 6, "..");
		if (dots) {
			f->lo = strtod(w + 6, &end);
			if (end == dots) {
				const char *hs = dots + 2;
				f->hi = strtod(hs, &end);
				if (end != hs && !*end && f->lo <= f->hi) {
					f->has_range = 1;
					return 0;
				}
			}
		}
		snprintf(e->msg, sizeof e->msg, "invalid '%s' (range=LO..HI)", w);
		return -1;
	} else {
		snprintf(e->msg, sizeof e->msg, "unknown word '%s' (required, warn, unique, "
			 "max=N, range=LO..HI)", w);
		return -1;
	}
	return 0;
}

/* Read a schema file's text: one field per line, "FIELD TYPE [required]
 * [warn] [unique] [max=N] [range=LO..HI]", '#' starts a comment.  0, or
 * -1 with e set (the message and its line; s freed). */
static int ni_schema_parse(ni_schema *s, const char *text, size_t len,
			   ni_perr *e)
{
	memset(e, 0, sizeof *e);
	memset(s, 0, sizeof *s);
	s->text = ni_xstrndup(text, len);
	size_t cap = 0;
	for (char *p = s->text, *nl; *p || p == s->text; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		int last = !*nl;
		*nl = 0;
		e->line++;
		char *hash = strchr(p, '#');
		if (hash)
			*hash = 0;
		char *save = NULL, *w = strtok_r(p, " \t\r", &save);
		if (w) {
			if (s->n == cap) {
				cap = cap ? cap * 2 : 16;
				s->own = ni_xrealloc(s->own, cap * sizeof *s->own);
			}
			ni_field *f = &s->own[s->n];
			memset(f, 0, sizeof *f);
			f->name = w;
			f->meaning = "";
			char *t = strtok_r(NULL, " \t\r", &save);
			f->type = -1;
			for (int i = 0; t && i < (int)(sizeof type_names / sizeof *type_names); i++)
				if (!strcmp(t, type_names[i]))
					f->type = i;
			if (f->type < 0) {
				snprintf(e->msg, sizeof e->msg, "%s: expected a type (any, string, "
					 "date, url, list, number)", w);
				ni_schema_free(s);
				return -1;
			}
			while ((t = strtok_r(NULL, " \t\r", &save)))
				if (parse_word(f, t, e)) {
					ni_schema_free(s);
					return -1;
				}
			s->n++;
		}
		if (last)
			break;
	}
	if (!s->n) {
		snprintf(e->msg, sizeof e->msg, "no fields (a line is: FIELD TYPE [required] "
			 "[warn] [unique] [max=N] [range=LO..HI])");
		ni_schema_free(s);
		return -1;
	}
	s->f = s->own;
	return 0;
}

/* Contract: see item.h. */
void ni_schema_free(ni_schema *s)
{
	free(s->own);
	free(s->text);
	memset(s, 0, sizeof *s);
}

/* Contract: see item.h. */
const ni_field *ni_schema_unique(const ni_schema *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->f[i].flags & NI_FF_UNIQUE)
			return &s->f[i];
	return NULL;
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

/* YYYY-MM-DD naming a real day. */
static int valid_ymd(const char *s, size_t n)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	return d >= 1 && d <= ni_days_in_month(atoi(s), m);
}

static size_t nchars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

typedef struct chk {
	const ni_field *f;
	void (*fn)(void *arg, int warn, const char *field, const char *msg);
	void *arg;
} chk;

__attribute__((format(printf, 3, 4)))
static void say(chk *c, int warn, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[400];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	c->fn(c->arg, warn, c->f->name, tmp);
}

/* The type rule of one present, non-null value. */
static void check_type(chk *c, ni_jval v, ni_buf *tmp)
{
	const ni_field *f = c->f;
	int warn = (f->flags & NI_FF_WARN) != 0;
	switch (f->type) {
	case NI_FT_STRING:
		if (v.t != NI_J_STR)
			say(c, warn, "\"%s\" must be a string (got %s)", f->name,
			    tname(v.t));
		break;
	case NI_FT_DATE:
		if (v.t != NI_J_STR) {
			say(c, warn, "\"%s\" must be a date YYYY-MM-DD (got %s)",
			    f->name, tname(v.t));
		} else {
			ni_buf_reset(tmp);
			ni_json_str(v, tmp);
			if (!valid_ymd(tmp->s, tmp->len))
				say(c, warn, "\"%s\" must be a date YYYY-MM-DD "
				    "(got \"%.40s\")", f->name, tmp->s);
		}
		break;
	case NI_FT_URL:
		if (v.t != NI_J_STR) {
			say(c, warn, "\"%s\" must be an http(s) URL (got %s)",
			    f->name, tname(v.t));
		} else {
			ni_buf_reset(tmp);
			ni_json_str(v, tmp);
			if (!tmp->len)
				say(c, warn, "\"%s\" is empty: the item has no link",
				    f->name);
			else if (!ni_url_is_web(tmp->s, tmp->len))
				say(c, warn, "\"%s\" must be an http:// or https:// "
				    "URL (got \"%.60s\")", f->name, tmp->s);
		}
		break;
	case NI_FT_LIST:
		if (v.t != NI_J_ARR) {
			say(c, warn, "\"%s\" must be a list of strings (got %s)",
			    f->name, tname(v.t));
		} else {
			const char *it = NULL;
			ni_jval e;
			size_t k = 0;
			while (ni_json_next(v, &it, NULL, &e)) {
				k++;
				if (e.t != NI_J_STR) {
					say(c, warn, "\"%s\" item %zu must be a "
					    "string (got %s)", f->name, k, tname(e.t));
					break;
				}
			}
		}
		break;
	case NI_FT_NUMBER:
		if (v.t != NI_J_NUM)
			say(c, warn, "\"%s\" must be a number (got %s)", f->name,
			    tname(v.t));
		break;
	default:
		break;
	}
	if (f->max_chars && v.t == NI_J_STR) {
		ni_buf_reset(tmp);
		ni_json_str(v, tmp);
		size_t k = nchars(tmp->s, tmp->len);
		if (k > f->max_chars)
			say(c, 1, "\"%s\" has %zu characters (more than %zu)",
			    f->name, k, f->max_chars);
	}
	if (f->has_range && v.t == NI_J_NUM) {
		double d = ni_json_num(v);
		if (!(d >= f->lo && d <= f->hi))
			say(c, 1, "\"%s\" is %.*s, outside %g..%g", f->name,
			    (int)(v.n > 40 ? 40 : v.n), v.p, f->lo, f->hi);
	}
}

/* Contract: see item.h. */
void ni_schema_check(const ni_schema *s, ni_jval rec, const ni_jidx *idx,
		     void (*fn)(void *arg, int warn, const char *field,
				const char *msg),
		     void *arg)
{
	chk c = { .fn = fn, .arg = arg };
	ni_buf tmp = {0};
	for (size_t i = 0; i < s->n; i++) {
		const ni_field *f = &s->f[i];
		c.f = f;
		ni_jval v = ni_json_iget(rec, idx, f->name, strlen(f->name));
		/* "missing" as the pipeline's validator has it: absent, null,
		 * false or ""; 0 and [] are values */
		int empty_str = v.t == NI_J_STR && v.n == 2;
		if (v.t == NI_J_NONE || v.t == NI_J_NULL || v.t == NI_J_FALSE ||
		    empty_str) {
			if (!(f->flags & NI_FF_REQUIRED))
				continue;
			if (empty_str && f->type == NI_FT_URL)
				say(&c, 0, "\"%s\" is empty: the item has no link",
				    f->name);
			else if (empty_str)
				say(&c, 0, "required \"%s\" is empty", f->name);
			else if (v.t == NI_J_NONE)
				say(&c, 0, "missing required key \"%s\"", f->name);
			else
				say(&c, 0, "required \"%s\" is %s", f->name,
				    tname(v.t));
			continue;
		}
		check_type(&c, v, &tmp);
	}
	ni_buf_free(&tmp);
}

/* Contract: see item.h. */
int ni_schema_load(ni_diag *d, const char *path, ni_schema *s)
{
	char *text;
	size_t len;
	ni_perr e;
	memset(s, 0, sizeof *s);
	if (ni_read_file(path, 1 << 20, &text, &len)) {
		ni_error(d, "%s: %s", path, strerror(errno));
		return NI_EXIT_ERR;
	}
	int rc = 0;
	if (ni_schema_parse(s, text, len, &e)) {
		ni_perr_print(d, path, NULL, &e);
		memset(s, 0, sizeof *s);    /* ni_schema_parse freed it */
		rc = NI_EXIT_ERR;
	}
	free(text);
	return rc;
}

/* Contract: see item.h. */
int ni_schema_print_fields(ni_diag *d, const ni_schema *s)
{
	static const char *const added[] = { NI_KEY_PATH, NI_KEY_BODY,
					     NI_KEY_BODY_PFX "ko",
					     NI_KEY_BODY_PFX "en" };
	ni_out out;
	ni_out_open(&out, d, NULL);
	for (size_t i = 0; i < sizeof added / sizeof *added; i++)
		ni_out_printf(&out, "%s\n", added[i]);
	for (size_t i = 0; i < s->n; i++)
		ni_out_printf(&out, "%s\n", s->f[i].name);
	ni_out_close(&out);
	return d->errors ? NI_EXIT_ERR : NI_EXIT_OK;
}
