/* render_csv.c - the csv and tsv formats: one table per file (RFC 4180
 * CSV with CRLF; TSV with tabs and newlines replaced). */
#define _GNU_SOURCE
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

static const char *item_cols[] = { NI_FIELD_DATE, NI_FIELD_SOURCE_ID, NI_FIELD_TITLE,
				   NI_FIELD_URL, NI_FIELD_CONFIDENCE, NI_FIELD_TAGS };

/* One CSV/TSV row (the header row first); summary rows take their keys,
 * count and share as columns unless --fields says otherwise.  Returns
 * -1 (nothing written) for a record whose columns are not the header's
 * (a summary row after items, another table): one header per file. */
static int csv_row(ni_render *r, const view *v, int summary, int sep)
{
	const char *eol = sep == ',' ? "\r\n" : "\n";
	const char **names = (const char **)r->o.fields;
	int n = r->o.nfields;
	cols c;
	const char *tmpn[20];
	if (!n && summary) {
		nr_row_cols(v->rec, &c);
		for (int i = 0; i < c.n; i++)
			tmpn[i] = c.name[i];
		tmpn[c.n] = NI_ROW_COUNT;
		tmpn[c.n + 1] = NI_ROW_SHARE;
		names = tmpn;
		n = c.n + 2;
	} else if (!n) {
		names = item_cols;
		n = 6;
	}
	/* one table, one header: the first record fixes the columns */
	ni_buf *sig = &r->tmp2;
	size_t siglen = 0;
	for (int i = 0; i < n; i++)
		siglen += strlen(names[i]) + 1;
	if (!r->csv.header) {
		/* --bom: Excel reads UTF-8 without one as the local code page */
		if (r->o.bom)
			ni_buf_adds(&r->b, "\xEF\xBB\xBF");
		ni_buf_reset(&r->csv.cols);
		for (int i = 0; i < n; i++) {
			if (i)
				ni_buf_addc(&r->b, (char)sep);
			ni_esc_csv(&r->b, names[i], strlen(names[i]), sep);
			ni_buf_add(&r->csv.cols, names[i], strlen(names[i]) + 1);
		}
		ni_buf_adds(&r->b, eol);
		r->csv.header = 1;
	} else if (siglen != r->csv.cols.len || !r->o.nfields) {
		ni_buf_reset(sig);
		for (int i = 0; i < n; i++)
			ni_buf_add(sig, names[i], strlen(names[i]) + 1);
		if (sig->len != r->csv.cols.len || memcmp(sig->s, r->csv.cols.s, sig->len))
			return -1;
	}
	for (int i = 0; i < n; i++) {
		if (i)
			ni_buf_addc(&r->b, (char)sep);
		ni_buf_reset(&r->tmp);
		/* a column the user named is that field; the default
		 * columns are localized (title_ko with -l ko) */
		ni_jval x = r->o.nfields ? ni_named(v->rec, v->idx, names[i], r->o.lang)
					 : ni_loc(v->rec, v->idx, names[i], r->o.lang);
		ni_val_text(x, "; ", &r->tmp);
		ni_esc_csv(&r->b, r->tmp.s ? r->tmp.s : "", r->tmp.len, sep);
	}
	ni_buf_adds(&r->b, eol);
	return 0;
}

/* A row, or an error when its columns are not the header's. */
static int csv_item(ni_render *r, const view *v, const nr_src *s, int summary,
		    int sep)
{
	if (!csv_row(r, v, summary, sep))
		return 1;
	ni_error_at(r->o.d, s->file, s->lineno, 0, "%s: %s has other columns "
		    "than the header (one table per file: use --fields, "
		    "or render items and summary rows apart); not written",
		    r->f->name, summary ? "this summary row" : "this item");
	r->errors++;
	return 0;
}

static int csv_comma(ni_render *r, const view *v, const nr_src *s, int summary)
{
	return csv_item(r, v, s, summary, ',');
}

static int csv_tab(ni_render *r, const view *v, const nr_src *s, int summary)
{
	return csv_item(r, v, s, summary, '\t');
}

/* Contract: see render.h (the csv and tsv rows of the format table). */
const nr_format nr_fmt_csv = {
	.name = "csv", .esc = NI_ESC_CSV, .rows = NR_ROWS_RECORD,
	.opts = NR_OPT_FIELDS, .item = csv_comma,
};
const nr_format nr_fmt_tsv = {
	.name = "tsv", .esc = NI_ESC_TSV, .rows = NR_ROWS_RECORD,
	.opts = NR_OPT_FIELDS, .item = csv_tab,
};
