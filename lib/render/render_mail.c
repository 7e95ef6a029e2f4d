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
		ni_buf_printf(&subj, "%s (%ld %s)", nr_dflt_title(r), r->items,
			      r->items == 1 ? "item" : "items");
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

/* The parts: a text part 72 columns wide without colour, an HTML part;
 * both render into memory. */
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
