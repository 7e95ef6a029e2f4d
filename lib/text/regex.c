/* regex.c - PCRE2 with the limits that keep a hostile pattern or subject
 * from hanging a run, and with every error code reported as an error.
 * Patterns and subjects are compared in NFC (and with full Unicode case
 * folding for a caseless pattern), as strings are by '='. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "text/text.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/* The pattern in NFC; folded, when fold, outside escape sequences
 * (\S must stay \S, \p{Lu} must keep its name).  map[i] is the offset
 * in the pattern as given of output byte i, for error offsets. */
static void norm_pattern(const char *pat, size_t n, int fold, ni_buf *out,
			 size_t **map)
{
	ni_buf lit = {0};
	size_t *m = ni_xcalloc(n * 4 + 16, sizeof *m);
	size_t cap = n * 4 + 16;
	size_t i = 0, litstart = 0;
#define FLUSH() do { \
		size_t before = out->len; \
		ni_nfc(lit.s ? lit.s : "", lit.len, fold, out); \
		for (size_t q = before; q < out->len; q++) { \
			if (q >= cap) { m = ni_xrealloc(m, (q * 2 + 16) * sizeof *m); cap = q * 2 + 16; } \
			m[q] = litstart; \
		} \
		ni_buf_reset(&lit); \
	} while (0)
	while (i < n) {
		if (pat[i] == '\\' && i + 1 < n) {
			FLUSH();
			size_t j = i + 2;
			/* \p{..} \x{..} \N{..} \o{..} \g{..} \k{..}: copy the braces */
			if (j < n && pat[j] == '{' && strchr("pPxNogk", pat[i + 1]) && pat[i + 1]) {
				const char *cl = memchr(pat + j, '}', n - j);
				j = cl ? (size_t)(cl - pat) + 1 : n;
			} else if (j - 1 < n && ((unsigned char)pat[i + 1] & 0x80)) {
				while (j < n && ((unsigned char)pat[j] & 0xC0) == 0x80)
					j++;
			}
			for (size_t q = i; q < j; q++) {
				if (out->len >= cap) { m = ni_xrealloc(m, (out->len * 2 + 16) * sizeof *m); cap = out->len * 2 + 16; }
				m[out->len] = q;
				ni_buf_addc(out, pat[q]);
			}
			i = j;
			litstart = i;
			continue;
		}
		if (!lit.len)
			litstart = i;
		ni_buf_addc(&lit, pat[i]);
		i++;
	}
	FLUSH();
#undef FLUSH
	ni_buf_free(&lit);
	if (out->len >= cap)
		m = ni_xrealloc(m, (out->len + 1) * sizeof *m);
	m[out->len] = n;
	*map = m;
}

/* Contract: see text.h. */
int ni_regex_compile(ni_regex *r, const char *pat, size_t n,
		     const char *flags, int icase, char *err, size_t errsz,
		     size_t *erroff)
{
	memset(r, 0, sizeof *r);
	uint32_t opt = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP |
		       PCRE2_NEVER_BACKSLASH_C;
	if (icase)
		opt |= PCRE2_CASELESS;
	for (const char *f = flags ? flags : ""; *f; f++) {
		switch (*f) {
		case 'i': opt |= PCRE2_CASELESS; break;
		case 'x': opt |= PCRE2_EXTENDED; break;
		case 's': opt |= PCRE2_DOTALL; break;
		case 'm': opt |= PCRE2_MULTILINE; break;
		default:
			snprintf(err, errsz, "unknown regex flag '%c'", *f);
			*erroff = 0;
			return -1;
		}
	}
	/* (*LIMIT_...) at the start would override ni's limits (and
	 * overflows the heap in PCRE2 10.42 when LIMIT_HEAP is tiny) */
	if (n >= 2 && pat[0] == '(' && pat[1] == '*') {
		snprintf(err, errsz, "regex start-of-pattern options (*...) are not allowed");
		*erroff = 0;
		return -1;
	}
	int caseless = (opt & PCRE2_CASELESS) != 0;
	ni_buf np = {0};
	size_t *map;
	norm_pattern(pat, n, caseless, &np, &map);
	r->fold = caseless;
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	if (!cc)
		ni_oom();
	pcre2_set_max_pattern_length(cc, 65536);
	pcre2_set_parens_nest_limit(cc, 100);
	int ec;
	PCRE2_SIZE eo;
	r->code = pcre2_compile((PCRE2_SPTR)(np.s ? np.s : ""), np.len, opt,
				&ec, &eo, cc);
	pcre2_compile_context_free(cc);
	if (!r->code) {
		pcre2_get_error_message(ec, (PCRE2_UCHAR *)err, errsz);
		*erroff = map[eo <= np.len ? eo : np.len];
		free(map);
		ni_buf_free(&np);
		return -1;
	}
	free(map);
	ni_buf_free(&np);
	/* NI_REGEX_NO_JIT: the interpreter, for valgrind, which cannot see
	 * into JIT-generated code and reports it falsely */
	const char *nojit = getenv("NI_REGEX_NO_JIT");
	r->jit = !(nojit && *nojit) &&
		 pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0;
	r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
	r->mc = pcre2_match_context_create(NULL);
	if (!r->md || !r->mc)
		ni_oom();
	pcre2_set_match_limit(r->mc, 1000000);
	pcre2_set_depth_limit(r->mc, 10000);
	pcre2_set_heap_limit(r->mc, 20480);
	if (r->jit) {
		r->js = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
		if (r->js)
			pcre2_jit_stack_assign(r->mc, NULL, r->js);
	}
	return 0;
}

/* Contract: see text.h. */
int ni_regex_match(ni_regex *r, const char *s, size_t n, char *err,
		   size_t errsz)
{
	/* the subject in NFC (folded for a caseless pattern); ASCII is its
	 * own NFC, and folding ASCII is lower-casing it */
	const char *subj = s;
	size_t sn = n, a = 0;
	while (a < n && (unsigned char)s[a] < 0x80)
		a++;
	if (a < n || r->fold) {
		ni_buf_reset(&r->subj);
		if (a == n) {
			ni_buf_grow(&r->subj, n);
			for (size_t i = 0; i < n; i++)
				r->subj.s[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
			r->subj.len = n;
			r->subj.s[n] = 0;
		} else {
			ni_nfc(s, n, r->fold, &r->subj);
		}
		subj = r->subj.s ? r->subj.s : "";
		sn = r->subj.len;
	}
	int rc = pcre2_match(r->code, (PCRE2_SPTR)subj, sn, 0, 0, r->md, r->mc);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	char msg[200];
	pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
	snprintf(err, errsz, "regex: %s", msg);
	return -1;
}

/* Contract: see text.h. */
int ni_regex_replace(ni_regex *r, const char *s, size_t n, const char *rep,
		     size_t repn, ni_buf *out, char *err, size_t errsz)
{
	ni_buf_reset(&r->subj);
	ni_nfc(s, n, 0, &r->subj);
	const char *subj = r->subj.s ? r->subj.s : "";
	PCRE2_SIZE cap = r->subj.len + repn + 64;
	for (int tries = 0; tries < 2; tries++) {
		ni_buf_grow(out, (size_t)cap + 1);
		PCRE2_SIZE got = cap;
		int rc = pcre2_substitute(r->code, (PCRE2_SPTR)subj, r->subj.len, 0,
					  PCRE2_SUBSTITUTE_GLOBAL |
					  PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
					  r->md, r->mc, (PCRE2_SPTR)rep, repn,
					  (PCRE2_UCHAR *)(out->s + out->len), &got);
		if (rc >= 0) {
			out->len += got;
			out->s[out->len] = 0;
			return 0;
		}
		if (rc == PCRE2_ERROR_NOMEMORY && tries == 0) {
			cap = got;
			continue;
		}
		char msg[200];
		pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
		snprintf(err, errsz, "regex: %s", msg);
		return -1;
	}
	snprintf(err, errsz, "regex: replacement too long");
	return -1;
}

static int rep_err(int rc, char *err, size_t errsz)
{
	char msg[200];
	pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
	snprintf(err, errsz, "regex: %s", msg);
	return -1;
}

static int is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Contract: see text.h. */
int ni_regex_check_rep(const ni_regex *r, const char *rep, size_t n,
		       char *err, size_t errsz)
{
	uint32_t groups = 0;
	pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &groups);
	for (size_t i = 0; i < n; i++) {
		if (rep[i] != '$')
			continue;
		if (++i < n && rep[i] == '$')
			continue;
		int brace = i < n && rep[i] == '{';
		i += (size_t)brace;
		if (i < n && rep[i] == '*')   /* $*MARK */
			i++;
		size_t st = i;
		while (i < n && is_word(rep[i]))
			i++;
		if (i == st || (brace && (i >= n || rep[i] != '}')))
			return rep_err(PCRE2_ERROR_BADREPLACEMENT, err, errsz);
		char name[64];
		size_t k = i - st < sizeof name - 1 ? i - st : sizeof name - 1;
		memcpy(name, rep + st, k);
		name[k] = 0;
		if (rep[st - 1] != '*') {
			int num = name[0] >= '0' && name[0] <= '9';
			if (num ? strtoul(name, NULL, 10) > groups
			    : pcre2_substring_number_from_name(r->code, (PCRE2_SPTR)name) < 0)
				return rep_err(PCRE2_ERROR_NOSUBSTRING, err, errsz);
		}
		if (!brace)
			i--;
	}
	return 0;
}

/* Contract: see text.h. */
void ni_regex_free(ni_regex *r)
{
	ni_buf_free(&r->subj);
	if (r->js)
		pcre2_jit_stack_free(r->js);
	pcre2_match_context_free(r->mc);
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->code);
	memset(r, 0, sizeof *r);
}
