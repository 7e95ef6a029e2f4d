/* slug.c - the one case mapping (upper()/lower() of the expression
 * language and the template filters |upper |lower) and the one slug rule
 * (ni-write's {slug}, the source generator's file names, and slug() of
 * the expression language: man/ni-expr.7, man/ni-write.1). */
#include "text/text.h"

#include <utf8proc.h>

/* Contract: see text.h. */
void ni_case_map(const char *s, size_t n, int upper, ni_buf *out)
{
	for (size_t i = 0; i < n;) {
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)s + i, n - i, &k);
		if (c < 0) {
			ni_buf_addc(out, s[i++]);
			continue;
		}
		i += k;
		if (c < 0x80) {
			ni_buf_addc(out, (char)(upper ? (c >= 'a' && c <= 'z' ? c - 32 : c)
					: (c >= 'A' && c <= 'Z' ? c + 32 : c)));
			continue;
		}
		utf8proc_int32_t m = c == 0xDF ? 0xDF : upper
			? utf8proc_toupper((utf8proc_int32_t)c)
			: utf8proc_tolower((utf8proc_int32_t)c);
		utf8proc_uint8_t enc[4];
		ni_buf_add(out, enc, (size_t)utf8proc_encode_char(m, enc));
	}
}

/* JavaScript's \s: what the source generator's slugify treats as space. */
static int js_space(long c)
{
	return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D ||
	       c == 0x20 || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Is lower-case code point c kept, and does it count as a character
 * (a combining mark is kept with its base and does not)? */
static int kept(long c, int flags, int *counts)
{
	*counts = 1;
	if (c < 0x80 || !(flags & NI_SLUG_ANY_SCRIPT))
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
	*counts = cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC;
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       cat == UTF8PROC_CATEGORY_ND || !*counts;
}

/* Contract: see text.h. */
void ni_slug(const char *s, size_t n, size_t max, int flags, ni_buf *out)
{
	size_t start = out->len, chars = 0;
	int dash = 0;   /* a '-' is owed before the next kept character */
	for (size_t i = 0; i < n;) {
		size_t k;
		long c = ni_utf8_decode((const unsigned char *)s + i, n - i, &k);
		i += k;
		if (c < 0)
			continue;
		if (js_space(c) || c == '-') {
			dash = 1;
			continue;
		}
		c = c == 0xDF ? c : utf8proc_tolower((utf8proc_int32_t)c);
		int counts;
		if (!kept(c, flags, &counts))
			continue;
		if (dash && out->len > start && counts) {
			if (chars == max)
				break;
			ni_buf_addc(out, '-');
			chars++;
		}
		if (counts)
			dash = 0;
		if (counts && chars == max)
			break;
		utf8proc_uint8_t enc[4];
		ni_buf_add(out, enc, (size_t)utf8proc_encode_char((utf8proc_int32_t)c, enc));
		chars += (size_t)counts;
	}
	if (flags & NI_SLUG_TRIM)
		while (out->len > start && out->s[out->len - 1] == '-')
			out->s[--out->len] = 0;
}
