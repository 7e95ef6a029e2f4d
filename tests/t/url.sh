#!/bin/sh
# tests/t/url.sh - one URL parser (lib/text/url.c) behind domain(), --uniq and
# links; --uniq canonicalises only URL-valued strings.
. "$NI_TESTS/lib.sh"

# issue 11.20: domain() of userinfo and IPv6 hosts
printf '%s\n' '{"canonical_url":"https://user:pw@host/a"}' \
	'{"canonical_url":"https://[2001:db8::1]/x"}' \
	'{"canonical_url":"https://WWW.Example.com:8443/"}' >"$T/u"
ni-summarize -b 'domain(canonical_url)' "$T/u" >"$T/out"
for h in host '\[2001:db8::1\]' example.com; do
	has "url-domain-$h" "$T/out" "\":\"$h\""
done
hasnt "url-domain-not-userinfo" "$T/out" '"user"'

# issue 10.3: --uniq title keeps "C# 12 ships" and "C# tips" apart
printf '%s\n' '{"id":"1","title":"C# 12 ships"}' '{"id":"2","title":"C# tips"}' \
	'{"id":"3","title":"C# tips"}' >"$T/c"
ni-filter --uniq title "$T/c" >"$T/out"
eq "uniq-title-csharp-not-url" "$(cut -c1-8 "$T/out" | tr '\n' ' ')" '{"id":"1 {"id":"2 '
# a URL-valued field is still compared in canonical form
printf '%s\n' '{"id":"1","u":"https://Ex.com/a/?utm_source=x#top"}' \
	'{"id":"2","u":"https://ex.com/a"}' '{"id":"3","u":"https://ex.com/b"}' >"$T/w"
eq "uniq-url-canonical" "$(ni-filter --uniq u "$T/w" | wc -l)" 2
