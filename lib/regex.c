/* regex.c - PCRE2 with the limits that keep a hostile pattern or subject
 * from hanging a run, and with every error code reported as an error. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "ni.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/* Contract: see ni.h. */
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
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	if (!cc)
		ni_oom();
	pcre2_set_max_pattern_length(cc, 65536);
	pcre2_set_parens_nest_limit(cc, 100);
	int ec;
	PCRE2_SIZE eo;
	r->code = pcre2_compile((PCRE2_SPTR)pat, n, opt, &ec, &eo, cc);
	pcre2_compile_context_free(cc);
	if (!r->code) {
		pcre2_get_error_message(ec, (PCRE2_UCHAR *)err, errsz);
		*erroff = eo;
		return -1;
	}
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

/* Contract: see ni.h. */
int ni_regex_match(ni_regex *r, const char *s, size_t n, char *err,
		   size_t errsz)
{
	int rc = pcre2_match(r->code, (PCRE2_SPTR)s, n, 0, 0, r->md, r->mc);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	char msg[200];
	pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
	snprintf(err, errsz, "regex: %s", msg);
	return -1;
}

/* Contract: see ni.h. */
void ni_regex_free(ni_regex *r)
{
	if (r->js)
		pcre2_jit_stack_free(r->js);
	pcre2_match_context_free(r->mc);
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->code);
	memset(r, 0, sizeof *r);
}
