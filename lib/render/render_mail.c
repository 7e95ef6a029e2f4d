/* render_mail.c - the email message: safe headers (RFC 2047, folding,
 * no CR/LF), quoted-printable parts, multipart/alternative. */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- the email message ---- */

/* A header value: CR/LF can never start a new header; non-ASCII as
 * RFC 2047 encoded words; folded below 78 columns. */
static void header(ni_buf *o, const char *name, const char *val, int addr)
{
	ni_buf v = {0};
	ni_utf8_clean(&v, val, strlen(val));
	for (size_t i = 0; i < v.len; i++)
		if (v.s[i] == '\r' || v.s[i] == '\n' || v.s[i] == '\t' || v.s[i] == 0)
			v.s[i] = ' ';
	/* encoded words also for ASCII that cannot be folded (a word too
	 * long for a line), so no line goes past the limits */
	int ascii = 1;
	size_t run = 0;
	for (size_t i = 0; i < v.len; i++) {
		if ((unsigned char)v.s[i] >= 0x80)
			ascii = 0;
		run = v.s[i] == ' ' ? 0 : run + 1;
		if (run > 70)
			ascii = 0;
	}
	size_t col = strlen(name) + 2;
	ni_buf_printf(o, "%s: ", name);
	if (ascii) {
		/* fold at spaces */
		size_t i = 0;
		while (i < v.len) {
			size_t j = i;
			while (j < v.len && v.s[j] != ' ')
				j++;
			if (col + (j - i) > 76 && col > strlen(name) + 2) {
				ni_buf_adds(o, "\n ");
				col = 1;
			}
			ni_buf_add(o, v.s + i, j - i);
			col += j - i;
			if (j < v.len) {
				ni_buf_addc(o, ' ');
				col++;
			}
			i = j + 1;
		}
		ni_buf_addc(o, '\n');
		ni_buf_free(&v);
		return;
	}
	/* addresses: encode the display name only.  Each encoded word
	 * fits its line: "=?UTF-8?B?" + base64 + "?=" after the column
	 * it starts at stays within 76 characters (RFC 2047 section 2) */
	const char *lt = addr ? strrchr(v.s, '<') : NULL;
	size_t enc_n = lt ? (size_t)(lt - v.s) : v.len;
	while (enc_n && v.s[enc_n - 1] == ' ')
		enc_n--;
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i = 0, linelen = col;
	int firstw = 1;
	while (i < enc_n) {
		/* whole characters, as many as the line has room for */
		size_t start = firstw ? col : 1;
		size_t room = (76 - start - 12) / 4 * 3;
		size_t k = i, lim = i + room > enc_n ? enc_n : i + room;
		while (k < lim) {
			unsigned char c = (unsigned char)v.s[k];
			size_t cl = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (k + cl > lim)
				break;
			k += cl;
		}
		if (k == i)
			k = lim;
		if (!firstw)
			ni_buf_adds(o, "\n ");
		ni_buf_adds(o, "=?UTF-8?B?");
		for (size_t p = i; p < k; p += 3) {
			unsigned a = (unsigned char)v.s[p];
			unsigned b1 = p + 1 < k ? (unsigned char)v.s[p + 1] : 0;
			unsigned c2 = p + 2 < k ? (unsigned char)v.s[p + 2] : 0;
			ni_buf_addc(o, b64[a >> 2]);
			ni_buf_addc(o, b64[((a & 3) << 4) | (b1 >> 4)]);
			ni_buf_addc(o, p + 1 < k ? b64[((b1 & 15) << 2) | (c2 >> 6)] : '=');
			ni_buf_addc(o, p + 2 < k ? b64[c2 & 63] : '=');
		}
		ni_buf_adds(o, "?=");
		linelen = start + 12 + (k - i + 2) / 3 * 4;
		firstw = 0;
		i = k;
	}
	if (lt) {
		/* the address on a line of its own when it would not fit */
		ni_buf_adds(o, firstw ? "" : linelen + 1 + strlen(lt) > 76 ? "\n " : " ");
		ni_buf_adds(o, lt);
	}
	ni_buf_addc(o, '\n');
	ni_buf_free(&v);
}

/* Quoted-printable (RFC 2045): lines of at most 76 characters; '=',
 * 8-bit bytes, trailing blanks and a leading '.' encoded. */
static void qp(ni_buf *o, const char *s, size_t n)
{
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			ni_buf_addc(o, '\n');
			col = 0;
			continue;
		}
		int trailing = (c == ' ' || c == '\t') && (i + 1 == n || s[i + 1] == '\n');
		int enc = c == '=' || c >= 0x7F || (c < 0x20 && c != '\t') || trailing ||
			  (c == '.' && col == 0);
		size_t w = enc ? 3 : 1;
		if (col + w > 75) {
			ni_buf_adds(o, "=\n");
			col = 0;
			/* a '.' that now starts a line is encoded too: a line
			 * holding only "." ends the message for SMTP */
			if (c == '.' && !enc)
				enc = 1, w = 3;
		}
		if (enc)
			ni_buf_printf(o, "=%02X", c);
		else
			ni_buf_addc(o, (char)c);
		col += w;
	}
}

enum { M_TITLE, M_READ, M_SOWHAT, M_ITEMS1, M_ITEMS, M_MADE, M_NMSG };

/* The letter's fixed words, English and Korean; M_ITEMS* hold "%ld"
 * where the count goes. */
static const char *const mail_msgs[2][M_NMSG] = {
	{ "News digest", "Read more \xE2\x86\x92", "So what:", "%ld item", "%ld items",
	  "Made with ni-render." },
	{ "\xEB\x89\xB4\xEC\x8A\xA4 \xEB\x8B\xA4\xEC\x9D\xB4\xEC\xA0\x9C\xEC\x8A\xA4\xED\x8A\xB8",
	  "\xEC\x9E\x90\xEC\x84\xB8\xED\x9E\x88 \xEB\xB3\xB4\xEA\xB8\xB0 \xE2\x86\x92",
	  "\xEC\x8B\x9C\xEC\x82\xAC\xEC\xA0\x90:", "\xEA\xB8\xB0\xEC\x82\xAC %ld\xEA\xB1\xB4",
	  "\xEA\xB8\xB0\xEC\x82\xAC %ld\xEA\xB1\xB4",
	  "ni-render\xEB\xA1\x9C \xEB\xA7\x8C\xEB\x93\xA4\xEC\x97\x88\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4." },
};

/* Fixed word m in r's language (Korean for "ko", else English). */
static const char *mail_msg(const ni_render *r, int m)
{
	return mail_msgs[strcmp(r->o.lang, "ko") ? 0 : 1][m];
}

/* The letter's title: --title, else the fixed one of its language. */
static const char *mail_title(const ni_render *r)
{
	return r->o.title ? r->o.title : mail_msg(r, M_TITLE);
}

/* "N items" in r's language into o. */
static void mail_count(const ni_render *r, ni_buf *o, long n)
{
	const char *m = mail_msg(r, n == 1 ? M_ITEMS1 : M_ITEMS), *at = strstr(m, "%ld");
	ni_buf_add(o, m, (size_t)(at - m));
	ni_buf_printf(o, "%ld", n);
	ni_buf_adds(o, at + 3);
}

/* The whole message, from the rendered text and HTML parts. */
static void mail_end(ni_render *r, const ni_buf *range)
{
	ni_buf *b = &r->b;
	char date[40];
	ni_date_rfc822(r->o.dc->now, date);
	ni_buf subj = {0};
	if (r->o.subject) {
		nr_tpl(r, r->o.subject, NULL, &subj);
	} else {
		ni_buf_printf(&subj, "%s (", mail_title(r));
		mail_count(r, &subj, r->items);
		ni_buf_addc(&subj, ')');
	}
	header(b, "From", r->o.from ? r->o.from : "ni <ni@localhost>", 1);
	header(b, "To", r->o.to ? r->o.to : "root@localhost", 1);
	header(b, "Subject", subj.s ? subj.s : "", 0);
	ni_buf_printf(b, "Date: %s\n", date);
	ni_buf_printf(b, "Message-ID: <digest-%016llx@ni-render.invalid>\n",
		      (unsigned long long)r->mail.hash);
	ni_buf_adds(b, "MIME-Version: 1.0\n");
	char bound[64];
	snprintf(bound, sizeof bound, "=_ni_%016llx", (unsigned long long)r->mail.hash);
	ni_buf_printf(b, "Content-Type: multipart/alternative; boundary=\"%s\"\n\n", bound);
	ni_buf_adds(b, "This is a MIME message.\n");
	ni_buf_printf(b, "\n--%s\nContent-Type: text/plain; charset=utf-8\n"
		      "Content-Transfer-Encoding: quoted-printable\n\n", bound);
	qp(b, r->part[0]->b.s ? r->part[0]->b.s : "", r->part[0]->b.len);
	ni_buf_printf(b, "\n--%s\nContent-Type: text/html; charset=utf-8\n"
		      "Content-Transfer-Encoding: quoted-printable\n\n", bound);
	qp(b, r->part[1]->b.s ? r->part[1]->b.s : "", r->part[1]->b.len);
	ni_buf_printf(b, "\n--%s--\n", bound);
	ni_buf_free(&subj);
	(void)range;
}

/* ---- the HTML part: one language, inline styles only ----
 *
 * Mail clients drop form elements and often <style>, so the letter has
 * neither: every style is inline and nothing is hidden.  It is in one
 * language (-l), with its fixed words from the table below. */

/* The head and the title of the HTML part. */
static void mh_begin(ni_render *r)
{
	ni_buf *b = &r->b;
	const char *title = mail_title(r);
	ni_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<title>", r->o.lang);
	ni_esc_html(b, title, strlen(title));
	ni_buf_adds(b, "</title>\n</head>\n<body style=\"margin:0;padding:0;background:#f4f4f6;"
		    "color:#222;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif\">\n"
		    "<div style=\"max-width:640px;margin:0 auto;padding:16px\">\n"
		    "<h1 style=\"font-size:24px;line-height:1.3;margin:8px 0 16px\">");
	ni_esc_html(b, title, strlen(title));
	ni_buf_adds(b, "</h1>\n");
}

/* An item: its title (a link when the URL is safe), source and date,
 * summary, "so what", key points and a "read more" link, all in the
 * letter's language. */
static int mh_item(ni_render *r, const view *v, const nr_src *s, int summary)
{
	ni_buf *o = &r->b;
	const ni_itemview *iv = nr_itemview(r, v, r->f->view);
	const ni_buf *t = &iv->loc.title, *u = &iv->link;
	int link = iv->has_link;
	ni_buf_adds(o, "<div style=\"background:#fff;border:1px solid #e3e3e3;border-radius:8px;"
		    "padding:14px 16px;margin:0 0 14px\">\n<h3 style=\"font-size:18px;"
		    "line-height:1.4;margin:0 0 4px\">");
	if (link) {
		ni_buf_adds(o, "<a href=\"");
		ni_esc_html(o, u->s, u->len);
		ni_buf_adds(o, "\" style=\"color:#1a4f8b;text-decoration:none\">");
	}
	ni_esc_html(o, t->s ? t->s : "", t->len);
	ni_buf_adds(o, link ? "</a></h3>\n" : "</h3>\n");
	int any = 0;
	t = &iv->source;    /* the SOURCE rule: a letter shows the name */
	if (t->len) {
		ni_buf_adds(o, "<p style=\"margin:0;color:#666;font-size:13px\">");
		ni_esc_html(o, t->s, t->len);
		any = 1;
	}
	t = &iv->date;
	if (t->len) {
		ni_buf_adds(o, any ? " \xC2\xB7 " : "<p style=\"margin:0;color:#666;font-size:13px\">");
		ni_esc_html(o, t->s, t->len > 10 ? 10 : t->len);
		any = 1;
	}
	if (any)
		ni_buf_adds(o, "</p>\n");
	t = &iv->loc.summary;
	if (t->len) {
		ni_buf_adds(o, "<p style=\"margin:10px 0 0;font-size:15px;line-height:1.65\">");
		ni_esc_html(o, t->s, t->len);
		ni_buf_adds(o, "</p>\n");
	}
	t = &iv->loc.so_what;
	if (t->len) {
		ni_buf_adds(o, "<p style=\"margin:8px 0 0;font-size:15px\"><b>");
		ni_buf_adds(o, mail_msg(r, M_SOWHAT));
		ni_buf_adds(o, "</b> ");
		ni_esc_html(o, t->s, t->len);
		ni_buf_adds(o, "</p>\n");
	}
	nr_key_points(r, iv->loc.key_points, o, 1);
	if (link) {
		ni_buf_adds(o, "<p style=\"margin:12px 0 0;font-size:14px\"><a href=\"");
		ni_esc_html(o, u->s, u->len);
		ni_buf_adds(o, "\" style=\"color:#1a4f8b;font-weight:700;text-decoration:none\">");
		ni_buf_adds(o, mail_msg(r, M_READ));
		ni_buf_adds(o, "</a></p>\n");
	}
	ni_buf_adds(o, "</div>\n");
	(void)s;
	(void)summary;
	return 1;
}

/* A --group-by heading. */
static void mh_section(ni_render *r, const char *name, size_t n)
{
	ni_buf_adds(&r->b, "<h2 style=\"font-size:20px;color:#3b2a8f;margin:24px 0 10px;"
		    "padding-bottom:4px;border-bottom:2px solid #d8d0f5\">");
	ni_esc_html(&r->b, name, n);
	ni_buf_adds(&r->b, "</h2>\n");
}

/* Summary rows: the page's tables (no CSS in a letter, so plain). */
static void mh_table(ni_render *r, rec *rows, size_t n)
{
	nr_fmt_html.table(r, rows, n);
}

/* The overview row: the page's figures and --hist tables. */
static void mh_overview(ni_render *r, const view *v)
{
	nr_fmt_html.overview(r, v);
}

/* The footer: how many items and their dates, in the letter's language. */
static void mh_end(ni_render *r, const ni_buf *range)
{
	ni_buf *b = &r->b, t = {0};
	mail_count(r, &t, r->items);
	if (r->first && r->last)
		ni_buf_printf(&t, ", %s \xE2\x80\x93 %s", r->first, r->last);
	ni_buf_adds(b, "<p style=\"color:#666;font-size:13px;margin:24px 0 8px\">");
	ni_esc_html(b, t.s, t.len);
	ni_buf_adds(b, ". ");
	ni_buf_adds(b, mail_msg(r, M_MADE));
	ni_buf_adds(b, "</p>\n</div>\n</body>\n</html>\n");
	ni_buf_free(&t);
	(void)range;
}

/* The HTML part's format (not in the -f table: only email makes it). */
static const nr_format mail_html = {
	.name = "email", .esc = NI_ESC_HTML, .rows = NR_ROWS_TABLE,
	.view = NR_IV_LINK | NR_IV_TITLE | NR_IV_SOURCE | NR_IV_DATE |
		NR_IV_SUMMARY | NR_IV_SO_WHAT | NR_IV_KEY_POINTS,
	.begin = mh_begin, .item = mh_item, .table = mh_table,
	.overview = mh_overview, .section = mh_section, .end = mh_end,
};

/* The parts: a text part 72 columns wide without colour, an HTML part
 * in one language; both render into memory. */
static void mail_init(ni_render *r)
{
	ni_render_opts t = r->o;
	t.format = NI_F_TEXT;
	t.color = 0;
	t.width = 72;
	r->part[0] = ni_render_new(&t, NULL);
	r->part[0]->mem = 1;
	t.format = NI_F_HTML;
	r->part[1] = ni_render_new(&t, NULL);
	r->part[1]->f = &mail_html;
	r->part[1]->mem = 1;
	r->nparts = 2;
	r->mail.hash = 1469598103934665603ULL;
}

/* An item the parts took: its identity goes into the Message-ID (FNV-1a
 * over the identities, so the same digest has the same id). */
static int mail_item(ni_render *r, const view *v, const nr_src *s, int summary)
{
	ni_buf t = {0};
	ni_identity(v->rec, v->idx, r->o.key, &t);
	for (size_t i = 0; i < t.len; i++)
		r->mail.hash = (r->mail.hash ^ (unsigned char)t.s[i]) * 1099511628211ULL;
	r->mail.hash = (r->mail.hash ^ 0xff) * 1099511628211ULL;
	ni_buf_free(&t);
	return 1;
}

/* Contract: see render.h (the email row of the format table). */
const nr_format nr_fmt_email = {
	.name = "email", .esc = NI_ESC_HTML, .rows = NR_ROWS_TABLE, .opts = NR_OPT_KEY,
	.item = mail_item, .end = mail_end, .init = mail_init,
};
