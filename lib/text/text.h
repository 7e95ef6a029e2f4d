/*
 * text/text.h - dates, regular expressions, escaping into each output format, URLs.
 *
 * The API other folders of lib/ (and the tools) may use; what is
 * private to this folder stays in its .c files or a *_int.h here.
 * Ownership and error rules: include/ni.h.
 */
#ifndef NI_TEXT_H
#define NI_TEXT_H

#include "base/base.h"

/* ---------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------- */

/* A time zone, by name (TZ rules). */
typedef struct ni_tz {
	char name[64];
} ni_tz;

typedef struct ni_datectx {
	int64_t now;       /* Unix ms (NI_NOW or the clock) */
	ni_tz tz;          /* where days begin */
	int utc;           /* the zone is UTC (fast path) */
	int week_start;    /* 1 = Monday (ISO), 0 = Sunday */
} ni_datectx;

/* Fill c from the environment: NI_NOW (ISO timestamp) or the clock; zone
 * from zone (NULL: $TZ, else UTC), which it sets as the process TZ.
 * Call once, first thing in main.  Returns -1 on a bad NI_NOW. */
int ni_date_init(ni_datectx *c, const char *zone);
/* Is zone a time zone the C library knows: UTC/GMT/Z, a zoneinfo name
 * ("Asia/Seoul", found as a TZif file under $TZDIR or
 * /usr/share/zoneinfo), an absolute TZif path, or a POSIX TZ rule
 * ("KST-9")?  The C library silently treats any other name as UTC. */
int ni_tz_valid(const char *zone);

/* A half-open time interval [lo, hi) in Unix milliseconds. */
typedef struct ni_span {
	int64_t lo, hi;
} ni_span;

/* Parse a date value as written by users or found in records:
 * YYYY-MM-DD, ISO-8601 timestamps (fraction, Z or +HH:MM), YYYY-MM,
 * YYYY-Www, YYYY, today, yesterday, -7d -12h -2w -3m (relative to now).
 * A date or period is a span of its whole length (a day, week...); a
 * timestamp or relative time is a point (hi = lo + 1).  Dates without
 * zone are taken in c->tz.  Returns 0, or -1 when s is not a date. */
int ni_date_parse(const ni_datectx *c, const char *s, size_t n, ni_span *out);
/* Same, but only the forms that appear in records (no relative forms and
 * no periods); faster.  Returns -1 when s is not a date/timestamp. */
int ni_date_parse_field(const ni_datectx *c, const char *s, size_t n,
			int64_t *ms);
/* Format the period containing ms: kind 'd' day "2026-08-12", 'w' week
 * "2026-W33", 'm' month "2026-08", 'y' year "2026".  out >= 32 bytes. */
void ni_date_period(const ni_datectx *c, int64_t ms, int kind, char *out);
/* Format ms as RFC 3339 in UTC ("2026-08-12T07:00:00Z") or RFC 822 in
 * UTC ("Wed, 12 Aug 2026 07:00:00 +0000"), whatever TZ and --tz say;
 * out >= 40 bytes. */
void ni_date_rfc3339(int64_t ms, char *out);
void ni_date_rfc822(int64_t ms, char *out);
/* strftime of ms in the run's zone (see ni_date_init) into out. */
size_t ni_date_strftime(int64_t ms, const char *fmt, char *out, size_t n);
/* Days in month m (1-12) of year y in the proleptic Gregorian calendar
 * (the one leap-year rule of ni); 0 for a month out of range. */
int ni_days_in_month(int y, int m);
/* Parse a duration "7d", "12h", "2w", "3m" (months), "90d"; returns 0 and
 * sets *ms (months count 30 days) or -1. */
int ni_duration_parse(const char *s, int64_t *ms);


/* ---------------------------------------------------------------------
 * Regular expressions (regex.c, PCRE2)
 * ------------------------------------------------------------------- */

/* A compiled pattern with its match data and limits (match 1e6 steps,
 * depth 1e4, heap 20 MiB, JIT stack 1 MiB).  Not shared between threads.
 * The pattern is NFC-normalised before it is compiled; a caseless
 * pattern (flag i or icase) is also case-folded in full (ß = ss), and so
 * is every subject it is matched against. */
typedef struct ni_regex {
	void *code, *md, *mc, *js;
	int jit;
	int fold;               /* subjects are NFC + case-folded */
	ni_buf subj;            /* scratch: the normalised subject */
} ni_regex;

/* Compile pat (n bytes; UTF-8, Unicode properties, invalid UTF-8 in
 * subjects tolerated) with flags from "ixsm"; icase adds case folding.
 * Returns 0, or -1 with a message in err and the offset in *erroff (a
 * byte offset into pat as given). */
int ni_regex_compile(ni_regex *r, const char *pat, size_t n,
		     const char *flags, int icase, char *err, size_t errsz,
		     size_t *erroff);
/* 1 match, 0 no match, -1 error (limit exceeded...) with err set: an
 * error is never reported as "no match".  s is normalised first (NFC,
 * folded for a caseless pattern). */
int ni_regex_match(ni_regex *r, const char *s, size_t n, char *err,
		   size_t errsz);
/* Append s with every match replaced by rep ($1, ${name}, $$ as in
 * PCRE2's substitute; the subject is normalised first as for matching).
 * Returns 0, or -1 with err set (bad reference, limits). */
int ni_regex_replace(ni_regex *r, const char *s, size_t n, const char *rep,
		     size_t repn, ni_buf *out, char *err, size_t errsz);
/* Check replacement rep (n bytes) against r before any match: every $N,
 * ${N}, $name and ${name} names a group of r, and every '$' starts one
 * (or $$, $*MARK).  0, or -1 with err set as ni_regex_replace would
 * ("regex: unknown substring"). */
int ni_regex_check_rep(const ni_regex *r, const char *rep, size_t n,
		       char *err, size_t errsz);
void ni_regex_free(ni_regex *r);

/* ---------------------------------------------------------------------
 * Escaping (escape.c): text from records into each output format
 * ------------------------------------------------------------------- */

/* Each appends s (n bytes of UTF-8; invalid bytes become U+FFFD) to b. */
/* HTML text and quoted attribute values: & < > " ' as entities; control
 * characters other than TAB/LF/CR and noncharacters removed. */
void ni_esc_html(ni_buf *b, const char *s, size_t n);
/* XML 1.0 text: the same; characters XML forbids (C0 but TAB/LF/CR,
 * U+FFFE, U+FFFF) are removed, as escaping is not enough for those. */
void ni_esc_xml(ni_buf *b, const char *s, size_t n);
/* A terminal: C0/C1 controls and DEL (but TAB, LF) as U+FFFD, bidi
 * overrides and isolates (U+202A-202E, U+2066-2069) removed. */
void ni_esc_term(ni_buf *b, const char *s, size_t n);
/* Markdown inline text: ASCII punctuation that Markdown reads is
 * backslash-escaped; line breaks become spaces. */
void ni_esc_md(ni_buf *b, const char *s, size_t n);
/* One CSV/TSV field (sep ',' or '\t'): quoted when it holds sep, '"',
 * CR or LF (RFC 4180); for TSV, TAB/LF/CR become spaces instead. */
void ni_esc_csv(ni_buf *b, const char *s, size_t n, int sep);
/* Is s a link ni may write: after dropping leading/trailing controls and
 * spaces and any TAB/LF/CR (as a browser does), is its scheme http,
 * https or mailto?  The cleaned URL is appended to b when it is, with
 * spaces, controls and < > " ` { } | \\ ^ percent-encoded. */
int ni_url_ok(const char *s, size_t n, ni_buf *b);
/* Replace invalid UTF-8 in s by U+FFFD (appended to b). */
void ni_utf8_clean(ni_buf *b, const char *s, size_t n);

/* The escapers by name, for code that picks one per output format. */
typedef enum { NI_ESC_NONE, NI_ESC_TERM, NI_ESC_HTML, NI_ESC_XML,
	       NI_ESC_MD, NI_ESC_CSV, NI_ESC_TSV } ni_esc;
/* Append s escaped with e (NI_ESC_NONE: as is). */
void ni_esc_as(ni_buf *b, ni_esc e, const char *s, size_t n);

/* ---------------------------------------------------------------------
 * URLs (url.c): the one URL parser, and what is built on it
 * ------------------------------------------------------------------- */

/* A part of a string: borrowed bytes [p, p+n).  p NULL: absent. */
typedef struct ni_str {
	const char *p;
	size_t n;
} ni_str;

/* A URL split by RFC 3986's generic syntax:
 *   scheme ":" ["//" [userinfo "@"] host [":" port]] path ["?" query]
 *   ["#" fragment]
 * Parts borrow from the parsed text; an absent part has p NULL, a
 * present but empty one p set and n 0.  userinfo is everything before
 * the last '@' of the authority; an IPv6 host keeps its brackets
 * ("[2001:db8::1]").  Nothing is decoded or lower-cased. */
typedef struct ni_url {
	ni_str scheme, userinfo, host, port, path, query, fragment;
	int has_authority;   /* "//" follows the scheme */
} ni_url;

/* Split s (n bytes).  Returns 0, or -1 when s does not start with a
 * scheme (a letter, then letters, digits, '+', '-', '.', then ':'). */
int ni_url_parse(const char *s, size_t n, ni_url *u);
/* Is s an absolute web URL: scheme http or https (any case), "//", a
 * non-empty host, no spaces or controls?  This is how ni decides that a
 * value is "URL-valued" (--uniq, identity). */
int ni_url_is_web(const char *s, size_t n);
/* Append the host of URL s lower-cased, without a leading "www." and
 * without userinfo and port; returns 0 (nothing appended) when s has no
 * authority or an empty host. */
int ni_url_host(const char *s, size_t n, ni_buf *out);
/* Append the canonical form of URL s: scheme and host lower-cased,
 * utm_*, fbclid and gclid parameters, the fragment and trailing '/'
 * of the path dropped.  Text without a scheme and "//" (not a URL with
 * an authority) is appended unchanged, '#' and all. */
void ni_url_canon(const char *s, size_t n, ni_buf *out);
/* Lower-case the ASCII letters of s in place (the one ASCII
 * lower-casing helper; Unicode case folding is ni_nfc's). */
void ni_ascii_lower(char *s, size_t n);

/* ---------------------------------------------------------------------
 * Markup (markup.c)
 * ------------------------------------------------------------------- */

/* The length of the HTML tag, comment or declaration that starts at s
 * (s[0] == '<'), or 0 when it is not real markup: a tag is '<', an
 * optional '/', a letter, a name, then '>', '/' or a blank, and ends at
 * the first '>' outside a quoted attribute value; a comment runs from
 * "<!--" to "-->", a declaration from "<!" and a letter to '>'.  Text
 * such as "5 < 6 and 7 > 3" or an unclosed tag is not markup. */
size_t ni_markup_tag(const char *s, size_t n);

/* ---------------------------------------------------------------------
 * Case and slugs (slug.c)
 * ------------------------------------------------------------------- */

/* Append s (n bytes, UTF-8) with each code point in upper (upper != 0)
 * or lower case: Unicode's simple mapping, one code point for one, so
 * "ß" stays "ß" in upper case (it has no simple upper case; "ẞ" lowers
 * to "ß").  No normalization; bytes that are not UTF-8 are copied.  The
 * one case mapping of the expression language and the template filters. */
void ni_case_map(const char *s, size_t n, int upper, ni_buf *out);

enum { NI_SLUG_ASCII = 0, NI_SLUG_ANY_SCRIPT = 1, NI_SLUG_TRIM = 2 };
/* Append the slug of s (n bytes, UTF-8): the source generator's rule, the
 * one of ni-write's file names (flags NI_SLUG_ASCII) and of slug() in
 * expressions (NI_SLUG_ANY_SCRIPT | NI_SLUG_TRIM): lower-case (Unicode
 * simple mapping); keep letters and digits - a-z and 0-9 only, or of any
 * script (with their combining marks) with NI_SLUG_ANY_SCRIPT; each run
 * of white space (JavaScript's \s) and '-' becomes one '-' between kept
 * characters; drop everything else (punctuation, apostrophes, symbols);
 * at most max characters (a combining mark does not count): the cut may
 * end in '-', unless NI_SLUG_TRIM.  Nothing is normalized. */
void ni_slug(const char *s, size_t n, size_t max, int script, ni_buf *out);

/* HTML character references (entity.c).  The reference at s ("&amp;",
 * "&#8217;", "&#x2019;"; n bytes available): its text appended to out,
 * and its length returned; 0 (nothing appended) when s starts none that
 * ni knows.  Numeric ones decode as HTML does (NUL, surrogates and past
 * U+10FFFF as U+FFFD, 128-159 as Windows-1252). */
size_t ni_html_entity(const char *s, size_t n, ni_buf *out);
/* s with every reference decoded once ("&amp;amp;" is "&amp;"), appended
 * to out; an '&' that starts none stays. */
void ni_html_unescape(const char *s, size_t n, ni_buf *out);
/* HTML s (n bytes) through an allowlist of elements, attributes and URL
 * schemes, appended to out as well-formed HTML: script, style, iframe,
 * form and the like go with their content, other unknown elements and
 * comments as tags, on* handlers, style and id attributes, and links
 * other than http, https, mailto or relative ones (spaces, controls and
 * TAB/LF/CR skipped as a browser does), always; text is decoded and
 * escaped again; open elements are closed (sanitize.c). */
void ni_html_sanitize(const char *s, size_t n, ni_buf *out);
/* Markdown md (n bytes; CommonMark with GitHub's tables, strikethrough
 * and autolinks) as sanitised HTML appended to out (markdown.c, md4c).
 * 0, or -1 when md4c failed (out then has what it made). */
int ni_md_html(const char *md, size_t n, ni_buf *out);
/* Markdown md as plain text: paragraphs and headings separated by a
 * blank line, list items as "- " lines, table cells joined by " | ",
 * markup gone, entities decoded; no trailing white space. */
void ni_md_text(const char *md, size_t n, ni_buf *out);

#endif
