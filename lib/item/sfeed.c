/* sfeed.c - sfeed(5) TSV (what sfeed(1) and sfeed_update write) ->
 * NDJSON item records, for ni-parse --sfeed. */
#include "item/item.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { F_TS, F_TITLE, F_LINK, F_CONTENT, F_CTYPE, F_ID, F_AUTHOR,
       F_ENCL, F_CAT, NFIELDS };

/* Undo sfeed's escaping of the content field: backslash-n is a newline,
 * backslash-t a TAB, two backslashes one; any other backslash is kept.
 * Appends to out. */
static void ni_sfeed_unescape(const char *s, size_t n, ni_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[i + 1];
			if (c == 'n' || c == 't' || c == '\\') {
				ni_buf_addc(out, c == 'n' ? '\n' : c == 't' ? '\t' : '\\');
				i++;
				continue;
			}
		}
		ni_buf_addc(out, s[i]);
	}
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Append code point cp as UTF-8 (invalid ones as U+FFFD). */
static void add_cp(ni_buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		ni_buf_addc(b, (int)cp);
	} else if (cp < 0x800) {
		ni_buf_addc(b, (int)(0xC0 | (cp >> 6)));
		ni_buf_addc(b, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		ni_buf_addc(b, (int)(0xE0 | (cp >> 12)));
		ni_buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
		ni_buf_addc(b, (int)(0x80 | (cp & 0x3F)));
	} else {
		ni_buf_addc(b, (int)(0xF0 | (cp >> 18)));
		ni_buf_addc(b, (int)(0x80 | ((cp >> 12) & 0x3F)));
		ni_buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
		ni_buf_addc(b, (int)(0x80 | (cp & 0x3F)));
	}
}

/* Decode the entity at s (s[0] == '&'); returns the bytes used, or 0
 * when it is not one we know (then '&' is kept as text). */
static size_t entity(const char *s, size_t n, ni_buf *b)
{
	static const struct { const char *name; unsigned long cp; } named[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", ' ' }, { "hellip", 0x2026 },
		{ "mdash", 0x2014 }, { "ndash", 0x2013 }, { "rsquo", 0x2019 },
		{ "lsquo", 0x2018 }, { "rdquo", 0x201D }, { "ldquo", 0x201C },
	};
	const char *semi = memchr(s, ';', n < 12 ? n : 12);
	if (!semi)
		return 0;
	size_t k = (size_t)(semi - s);
	if (k >= 3 && s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';
		unsigned long cp = 0;
		for (size_t i = hex ? 3 : 2; i < k; i++) {
			int c = s[i], v;
			if (c >= '0' && c <= '9') v = c - '0';
			else if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
			else return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
			if (cp > 0x10FFFF)
				cp = 0x110000;
		}
		if (k == (hex ? 3u : 2u))
			return 0;
		add_cp(b, cp);
		return k + 1;
	}
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		size_t ln = strlen(named[i].name);
		if (ln == k - 1 && !memcmp(s + 1, named[i].name, ln)) {
			add_cp(b, named[i].cp);
			return k + 1;
		}
	}
	return 0;
}

/* Append the text of HTML s: tags removed (script and style with their
 * content), the common entities and numeric references decoded, runs of
 * white space collapsed to one space, no space at either end. */
static void ni_sfeed_html_text(const char *s, size_t n, ni_buf *out)
{
	size_t start = out->len;
	int space = 1;   /* at the start: drop leading space */
	for (size_t i = 0; i < n;) {
		size_t tag = s[i] == '<' ? ni_markup_tag(s + i, n - i) : 0;
		if (tag) {   /* only real markup (text.h): "5 < 6" is text */
			const char *gt = s + i + tag - 1;
			/* script and style content is not text */
			size_t tl = (size_t)(gt - (s + i));
			const char *close = NULL;
			if (tl >= 7 && !strncmp(s + i, "<script", 7))
				close = "</script>";
			else if (tl >= 6 && !strncmp(s + i, "<style", 6))
				close = "</style>";
			i = (size_t)(gt - s) + 1;
			if (close) {
				const char *e = NULL;
				for (size_t j = i; j + strlen(close) <= n; j++)
					if (!strncmp(s + j, close, strlen(close))) {
						e = s + j;
						break;
					}
				i = e ? (size_t)(e - s) + strlen(close) : n;
			}
			if (!space) {
				ni_buf_addc(out, ' ');
				space = 1;
			}
			continue;
		}
		if (is_space((unsigned char)s[i])) {
			if (!space) {
				ni_buf_addc(out, ' ');
				space = 1;
			}
			i++;
			continue;
		}
		size_t used = s[i] == '&' ? entity(s + i, n - i, out) : 0;
		if (used) {
			/* a decoded &nbsp; is a space like any other */
			if (out->len && out->s[out->len - 1] == ' ') {
				out->len--;
				if (!space) {
					ni_buf_addc(out, ' ');
					space = 1;
				}
			} else {
				space = 0;
			}
			i += used;
			continue;
		}
		ni_buf_addc(out, s[i]);
		space = 0;
		i++;
	}
	while (out->len > start && out->s[out->len - 1] == ' ')
		out->len--;
	if (out->s)
		out->s[out->len] = 0;
}

static void key_str(ni_buf *rec, const char *key, const char *s, size_t n)
{
	ni_buf_printf(rec, ",\"%s\":", key);
	ni_json_quote(rec, s, n);
}

/* Trimmed [s, s+n) into *b, *n. */
static void trim(const char **s, size_t *n)
{
	while (*n && is_space((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Split line[0, n) at its TABs into f/fl (NFIELDS slots; the fields
 * sfeed left out are ""), checked as sfeed(5): 3 to 9 fields, valid
 * UTF-8.  Returns 0, or -1 with a borrowed static message in *err and
 * the 1-based column (0: the whole line) in *errcol. */
static int split_fields(const char *line, size_t n, const char **f, size_t *fl,
			const char **err, size_t *errcol)
{
	size_t nf = 0, off;
	const char *uerr;
	if (ni_utf8_check(line, n, &off, &uerr)) {
		*err = uerr;
		*errcol = off + 1;
		return -1;
	}
	const char *p = line, *end = line + n;
	for (;;) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *fe = tab ? tab : end;
		if (nf == NFIELDS) {
			*err = "more than 9 TAB-separated fields (not sfeed(5) TSV)";
			*errcol = (size_t)(p - line) + 1;
			return -1;
		}
		f[nf] = p;
		fl[nf++] = (size_t)(fe - p);
		if (!tab)
			break;
		p = tab + 1;
	}
	if (nf < 3) {
		*err = "fewer than 3 TAB-separated fields (timestamp, title, link)";
		*errcol = 0;
		return -1;
	}
	for (size_t i = nf; i < NFIELDS; i++) {
		f[i] = "";
		fl[i] = 0;
	}
	return 0;
}

/* The timestamp field s[0, n): empty or "-" is no date (*has_ts 0),
 * else a UNIX time in *ts, a day ni can write as YYYY-MM-DD (0000-01-01
 * .. 9999-12-31 UTC).  s is followed by a TAB, so strtoll stops there.
 * Returns 0, or -1 with a borrowed static message in *err. */
static int read_ts(const char *s, size_t n, long long *ts, int *has_ts,
		   const char **err)
{
	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && !(i == 0 && s[i] == '-')) {
			*err = "timestamp is not a UNIX time";
			return -1;
		}
	*ts = 0;
	*has_ts = n && !(n == 1 && s[0] == '-');
	int range = 0;
	if (*has_ts) {
		errno = 0;
		*ts = strtoll(s, NULL, 10);
		range = errno == ERANGE;
	}
	if (*has_ts && (range || *ts < -62167219200LL || *ts > 253402300799LL)) {
		*err = "timestamp out of range (years 0000 to 9999)";
		return -1;
	}
	return 0;
}

/* Append the summary (the content's plain text: HTML's text when the
 * content type is "html", else the trimmed content; left out when
 * empty), content (unescaped) and content_type keys of the content
 * field c[0, cn) and type field ct[0, ctn) to rec; nothing when the
 * content is empty. */
static void add_content(ni_buf *rec, const char *c, size_t cn,
			const char *ct, size_t ctn)
{
	if (!cn)
		return;
	ni_buf raw = {0}, text = {0};
	ni_sfeed_unescape(c, cn, &raw);
	int html = ctn == 4 && !memcmp(ct, "html", 4);
	if (html) {
		ni_sfeed_html_text(raw.s, raw.len, &text);
	} else {
		const char *t = raw.s;
		size_t tn = raw.len;
		trim(&t, &tn);
		ni_buf_add(&text, t, tn);
	}
	if (text.len)
		key_str(rec, NI_FIELD_SUMMARY, text.s, text.len);
	key_str(rec, "content", raw.s, raw.len);
	if (ctn)
		key_str(rec, "content_type", ct, ctn);
	ni_buf_free(&raw);
	ni_buf_free(&text);
}

/* Append the feed_categories key of the '|'-separated list c[0, n) to
 * rec, as an array without the empty names; nothing when n is 0. */
static void add_categories(ni_buf *rec, const char *c, size_t n)
{
	if (!n)
		return;
	ni_buf_adds(rec, ",\"feed_categories\":[");
	const char *ce = c + n;
	int first = 1;
	while (c < ce) {
		const char *bar = memchr(c, '|', (size_t)(ce - c));
		const char *e = bar ? bar : ce;
		if (e > c) {
			if (!first)
				ni_buf_addc(rec, ',');
			ni_json_quote(rec, c, (size_t)(e - c));
			first = 0;
		}
		c = bar ? bar + 1 : ce;
	}
	ni_buf_addc(rec, ']');
}

/* Start rec (reset first) with what does not come from the feed's
 * text: _path, source_id (o->source, else the file's base name; none
 * for stdin), date_published (the UTC day of ts when has_ts) and
 * date_ingested (o->now). */
static void add_head(ni_buf *rec, const ni_sfeed_opts *o, const char *path,
		     long long ts, int has_ts)
{
	ni_buf_reset(rec);
	ni_buf_adds(rec, "{\"" NI_KEY_PATH "\":");
	ni_json_quote(rec, path, strlen(path));
	const char *src = o->source;
	if (!src && strcmp(path, "-")) {
		const char *slash = strrchr(path, '/');
		src = slash ? slash + 1 : path;
	}
	if (src)
		key_str(rec, NI_FIELD_SOURCE_ID, src, strlen(src));
	char date[48];
	if (has_ts) {
		ni_date_rfc3339((int64_t)ts * 1000, date);
		key_str(rec, NI_FIELD_DATE, date, 10);
	}
	ni_date_rfc3339(o->now, date);
	key_str(rec, NI_FIELD_DATE_INGESTED, date, strlen(date));
}

/* Turn one sfeed(5) line (without its newline) from file path ("-" =
 * stdin) into a record line with '\n' in rec (reset first): _path,
 * source_id, date_published (UTC day of the timestamp; left out when
 * sfeed had no date), date_ingested (o->now), title, canonical_url (the
 * link as written), summary (plain text of the content), content (as
 * sfeed had it, unescaped), content_type, guid, author, enclosure,
 * feed_categories (the '|'-separated list); empty fields are left out.
 * Returns 0, or -1 with a borrowed static message in *err and the
 * 1-based column (0: the whole line) in *errcol. */
static int ni_sfeed_record(const ni_sfeed_opts *o, const char *line, size_t n,
		    const char *path, ni_buf *rec, const char **err,
		    size_t *errcol)
{
	const char *f[NFIELDS];
	size_t fl[NFIELDS];
	if (split_fields(line, n, f, fl, err, errcol))
		return -1;
	long long ts;
	int has_ts;
	if (read_ts(f[F_TS], fl[F_TS], &ts, &has_ts, err)) {
		*errcol = 1;
		return -1;
	}
	add_head(rec, o, path, ts, has_ts);

	const char *s = f[F_TITLE];
	size_t sn = fl[F_TITLE];
	trim(&s, &sn);
	if (sn) {
		/* feeds double-escape titles ("Target&#8217;s"): decoded
		 * once here, so the value is text */
		ni_buf tt = {0};
		ni_html_unescape(s, sn, &tt);
		key_str(rec, NI_FIELD_TITLE, tt.s, tt.len);
		ni_buf_free(&tt);
	}
	s = f[F_LINK];
	sn = fl[F_LINK];
	trim(&s, &sn);
	if (sn)
		key_str(rec, NI_FIELD_URL, s, sn);
	add_content(rec, f[F_CONTENT], fl[F_CONTENT], f[F_CTYPE], fl[F_CTYPE]);
	static const struct { int f; const char *key; } rest[] = {
		{ F_ID, NI_FIELD_GUID }, { F_AUTHOR, NI_FIELD_AUTHOR }, { F_ENCL, "enclosure" },
	};
	for (size_t i = 0; i < sizeof rest / sizeof *rest; i++)
		if (fl[rest[i].f])
			key_str(rec, rest[i].key, f[rest[i].f], fl[rest[i].f]);
	add_categories(rec, f[F_CAT], fl[F_CAT]);
	ni_buf_adds(rec, "}\n");
	return 0;
}

/* Read sfeed(5) files (NULL/0: stdin) and write their records to out in
 * input order.  A bad line is reported as FILE:LINE[:COL], counted in d,
 * added to rej (may be a disabled ni_rejects) and skipped.  Returns the
 * number of records written. */
static unsigned long ni_sfeed_read(const ni_sfeed_opts *o, ni_diag *d, char **files,
			    int nfiles, ni_out *out, ni_rejects *rej)
{
	ni_lines l;
	ni_buf rec = {0};
	unsigned long n = 0;
	const char *line;
	long len;
	ni_lines_init(&l, d, files, nfiles);
	while (!out->failed && (len = ni_lines_next(&l, &line)) >= 0) {
		const char *err;
		size_t col;
		if (ni_sfeed_record(o, line, (size_t)len, l.name, &rec, &err,
				    &col)) {
			ni_error_at(d, l.name, l.lineno, col, "%s", err);
			ni_rejects_add(rej, l.name, l.lineno, col, err);
			continue;
		}
		ni_out_write(out, rec.s, rec.len);
		n++;
	}
	ni_lines_free(&l);
	ni_buf_free(&rec);
	return n;
}

/* Contract: see item.h. */
int ni_sfeed_main(ni_sfeed_opts *o, const ni_parse_opts *po, ni_diag *d,
		  char **files, int nfiles)
{
	ni_datectx dc;
	ni_out out;
	ni_rejects rej;
	if (po->io.body || po->io.check || po->strict || po->files_from ||
	    po->jobs > 1)
		return ni_usage(d, "--sfeed reads TSV: -b, -c, --strict, "
				"--files-from and -j do not apply");
	if (ni_date_init(&dc, NULL)) {
		ni_error(d, "NI_NOW is not a timestamp");
		return NI_EXIT_ERR;
	}
	o->now = dc.now;
	ni_out_open(&out, d, NULL);
	ni_rejects_open(&rej, d, po->rejects);
	ni_sfeed_read(o, d, files, nfiles, &out, &rej);
	ni_out_close(&out);
	ni_rejects_close(&rej);
	return d->errors ? NI_EXIT_ERR : NI_EXIT_OK;
}
