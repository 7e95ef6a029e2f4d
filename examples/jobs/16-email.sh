#!/bin/sh
# 16-email.sh ITEMS - job 16 (tools/send_newsletter.py
# generate_html_newsletter, send_newsletter): the newsletter of
# 14-newsletter.sh (NL_LANG, DATE as there) as one RFC 5322 message:
# multipart/alternative, text then HTML, UTF-8; From = To = SENDER; the
# subject of the original ("[AI Commerce Daily] DATE AI 커머스 & 마케팅 뉴스",
# "[AI Trend Hub] DATE AI Commerce and Marketing Brief"; DATE = the
# selected day).  Items in sections by their first category (none:
# ai_commerce): AI Commerce, AI Marketing, Commerce, then every other one
# under 기타 / Other, in that order (14-newsletter.sh gives the items in
# that order; --group-order keeps it); headings only when there is more than one
# section.  Every value is escaped by ni-render (HTML in the HTML part;
# CR/LF never start a header; no line is a lone '.').
# Recipients: RECIPIENTS, an NDJSON file of {"email": ...} records (a
# subscriber list export), lower-cased, trimmed, checked against a simple
# address pattern and de-duplicated.  A dry run, as the original without
# --send: stdout is the message; with OUT=DIR, the message is
# DIR/newsletter-LANG-DATE.eml and the recipients DIR/newsletter-LANG-DATE.rcpt,
# one address a line, for `sendmail -i -f SENDER -- $(cat RCPT) < EML`.
# No items, or no valid recipient: nothing written, exit 1.
# What differs: the recipients are the envelope (sendmail's arguments), not
# a Bcc header, so they are never in the message at all (what Bcc is for,
# without trusting the MTA to strip it); the text part is ni-render's text
# layout rather than the HTML with its tags removed; the HTML <title> is the
# subject (the original always says "AI Commerce Daily", even in English);
# the other categories form one "Other" section (the original heads each
# one "Other", so the same heading could appear several times); the LLM's
# insights block is out of scope.
. "$(dirname "$0")/common.sh"
NL_LANG=${NL_LANG:-ko}
SENDER=${SENDER:-newsletter@example.com}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
NL_LANG=$NL_LANG sh "$(dirname "$0")/14-newsletter.sh" "$ITEMS" >"$tmp/items" || exit 1
SELECTED=$(ni-filter -m 1 '_path != ""' "$tmp/items" | ni-render -F '{newsletter_date}')
if [ "$NL_LANG" = ko ]; then
	SUBJECT="[AI Commerce Daily] $SELECTED AI 커머스 & 마케팅 뉴스" OTHER=기타
	S1="🛍️ AI 커머스 주요 동향" S2="🎯 AI 마케팅 트렌드" S3="🏪 D2C/이커머스 AI 활용 사례"
else
	SUBJECT="[AI Trend Hub] $SELECTED AI Commerce and Marketing Brief" OTHER=Other
	S1="🛍️ Key AI Commerce Trends" S2="🎯 AI Marketing Trends" S3="🏪 D2C and Ecommerce Use Cases"
fi
# recipients: lower-cased, valid, each once; each one left out is named
# on stderr (a warning: the letter still goes to the others)
: >"$tmp/rcpt"
if [ -n "${RECIPIENTS:-}" ]; then
	VALID='email ~ /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/'
	ni-map 'email = lower(trim(coalesce(email, ""))); at = nr' "$RECIPIENTS" >"$tmp/addr"
	ni-filter -v "$VALID" "$tmp/addr" |
		ni-render -F "16-email: $RECIPIENTS: record {at}: {email|json} is not an address; left out" >&2
	ni-filter --uniq email -e "$VALID" "$tmp/addr" | ni-render -F '{email}' >"$tmp/rcpt"
fi
[ -s "$tmp/rcpt" ] || { echo "16-email: no valid recipients (RECIPIENTS)" >&2; exit 1; }
# the section headings of send_newsletter.py, in the letter's language
ni-map "section = case(coalesce(first(categories), \"ai_commerce\"), \"ai_commerce\", \"$S1\",
	\"ai_marketing\", \"$S2\", \"commerce\", \"$S3\", \"$OTHER\")
title = emoji + \" \" + title" "$tmp/items" >"$tmp/letter"
GROUP=
[ "$(ni-summarize -b section "$tmp/letter" | wc -l)" -gt 1 ] && GROUP="--group-by section --group-order"
ni-render -f email -l "$NL_LANG" $GROUP --from "$SENDER" --to "$SENDER" \
	--title "$SUBJECT" --subject "$SUBJECT" "$tmp/letter" >"$tmp/eml" || exit 2
if [ -n "${OUT:-}" ]; then
	mkdir -p "$OUT"
	cp "$tmp/eml" "$OUT/newsletter-$NL_LANG-$SELECTED.eml"
	cp "$tmp/rcpt" "$OUT/newsletter-$NL_LANG-$SELECTED.rcpt"
else
	cat "$tmp/eml"
fi
echo "16-email: dry run: $(wc -l <"$tmp/letter") items to $(wc -l <"$tmp/rcpt") recipients, \"$SUBJECT\"" >&2
