/* markup.c - what counts as real HTML markup in a text: the one rule of
 * strip_markup() (expr_fn.c) and of ni-parse --sfeed's summary
 * (sfeed.c), so neither removes text such as "5 < 6 and 7 > 3". */
#include "text/text.h"

#include <string.h>

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Contract: see text.h. */
size_t ni_markup_tag(const char *s, size_t n)
{
	if (n < 3 || s[0] != '<')
		return 0;
	size_t i = 1;
	if (s[1] == '!') {
		if (n >= 4 && !memcmp(s, "<!--", 4)) {
			for (size_t k = 4; k + 2 < n; k++)
				if (!memcmp(s + k, "-->", 3))
					return k + 3;
			return 0;
		}
		if (!is_alpha(s[2]))
			return 0;
		const char *gt = memchr(s + 2, '>', n - 2);
		return gt ? (size_t)(gt - s) + 1 : 0;
	}
	if (s[1] == '/')
		i = 2;
	if (i >= n || !is_alpha(s[i]))
		return 0;
	while (i < n && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') ||
			 s[i] == '-' || s[i] == ':'))
		i++;
	if (i >= n || !(s[i] == '>' || s[i] == '/' || s[i] == ' ' ||
			s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		return 0;
	char q = 0;      /* inside a quoted attribute value */
	for (; i < n; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	return 0;
}
