/* fuzz_render - a record rendered to HTML, Atom and email.  Invariants:
 * no byte below 0x20 but TAB/LF/CR in XML; every '<' in HTML starts one
 * of ni's own tags; in the mail header every line is a header ni writes
 * or a folded continuation.  And a differential one: a terminal line
 * template (-F) over the record gives the same bytes with the plain-string
 * copy as through the general steps (ni_tplctx.general), one line or not. */
#define _GNU_SOURCE
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ni_diag d = { .prog = "fuzz" };

static char *render(int fmt, const char *line, size_t n, size_t *len)
{
	char *buf = NULL;
	ni_out out = { 0 };
	out.fp = open_memstream(&buf, len);
	out.d = &d;
	ni_render_opts o;
	memset(&o, 0, sizeof o);
	o.format = fmt;
	o.lang = "en";
	o.limit = -1;
	o.width = 60;
	o.dc = &dc;
	o.d = &d;
	o.subject = NULL;
	ni_render *r = ni_render_new(&o, &out);
	static ni_jidx idx;
	const char *err;
	size_t col;
	if (ni_json_check(line, n, NI_MAX_DEPTH, &idx, &err, &col) == 0)
		ni_render_record(r, line, n, &idx, "-", 1);
	ni_render_end(r);
	ni_render_free(r);
	fclose(out.fp);
	return buf;
}

static const char *tags[] = { "html", "head", "meta", "title", "style", "body",
	"input", "nav", "label", "main", "h1", "h2", "h3", "a", "p", "time", "div",
	"ul", "li", "article", "footer", "section", "table", "thead", "tbody", "tr",
	"th", "td", "figure", "svg", "rect", "text", "line", "dl", "dt", "dd",
	"caption", "b",
	/* what the body sanitiser keeps (lib/text/sanitize.c) */
	"abbr", "blockquote", "br", "code", "del", "details", "em",
	"figcaption", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
	"mark", "ol", "pre", "q", "s", "small", "span", "strong", "sub",
	"summary", "sup", "tfoot", "u",
	"!DOCTYPE", NULL };

static void check_html(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '<')
			continue;
		const char *p = s + i + 1;
		if (*p == '/')
			p++;
		int known = 0;
		for (int k = 0; tags[k] && !known; k++) {
			size_t l = strlen(tags[k]);
			known = !strncmp(p, tags[k], l) && (p[l] == '>' || p[l] == ' ');
		}
		if (!known)
			abort();
	}
}

/* The -F template over line (valid JSON), with and without the plain
 * copy: any difference aborts. */
static void check_plain(const char *line, size_t n)
{
	static ni_tpl *t;
	static ni_jidx idx;
	ni_perr pe;
	if (!t)
		t = ni_tpl_parse("{title} {id}|{source_id}|{summary_en} {so_what|x} "
				 "[{tags}] {date_published}{title_ko@ko}", &pe);
	const char *err;
	size_t col;
	if (!t || ni_json_check(line, n, NI_MAX_DEPTH, &idx, &err, &col))
		return;
	for (int one = 0; one < 2; one++) {
		ni_buf a = {0}, b = {0};
		ni_tplctx c = { .lang = "en", .esc = NI_ESC_TERM, .dc = &dc, .oneline = one };
		ni_tpl_render(t, ni_json_record(line, n), &idx, &c, &a);
		c.general = 1;
		ni_tpl_render(t, ni_json_record(line, n), &idx, &c, &b);
		if (a.len != b.len || (a.len && memcmp(a.s, b.s, a.len)))
			abort();
		ni_buf_free(&a);
		ni_buf_free(&b);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *line = (const char *)data;
	size_t len;
	check_plain(line, size);
	char *h = render(NI_F_HTML, line, size, &len);
	check_html(h, len);
	free(h);
	char *a = render(NI_F_ATOM, line, size, &len);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)a[i] < 0x20 && a[i] != '\t' && a[i] != '\n' && a[i] != '\r')
			abort();
	free(a);
	char *m = render(NI_F_EMAIL, line, size, &len);
	static const char *hdr[] = { "From: ", "To: ", "Subject: ", "Date: ",
		"Message-ID: ", "MIME-Version: ", "Content-Type: ", NULL };
	char *end = strstr(m, "\n\n");
	for (char *p = m; end && p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p) + 1);
		int okl = *p == ' ';
		for (int k = 0; hdr[k] && !okl; k++)
			okl = !strncmp(p, hdr[k], strlen(hdr[k]));
		if (!okl || memchr(p, '\r', (size_t)(nl - p)) || nl - p > 998)
			abort();
		p = nl + 1;
	}
	free(m);
	return 0;
}
