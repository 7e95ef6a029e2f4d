#!/bin/sh
# 17-send-once.sh ITEMS - job 17 (newsletter_sender.py main): the daily
# newsletter run, ko then en (LANGS), each sent at most once a day and a
# fallback day's content at most once, remembered in an ni state file
# (STATE, default OUT/newsletter.state, OUT default '.'): for each
# language, the key "LANG sent DAY" after a send on DAY (the target day
# of 14-newsletter.sh) and "LANG content DATE" for the day whose items it
# carried.  A language is skipped when it was sent today, or when its
# selection fell back to an older day (no item in the last three days)
# whose content it already sent; ALLOW_RESEND=1 bypasses both, as
# --allow-resend does.  The letter itself is 16-email.sh's (a dry run:
# the message and recipient files under OUT); the keys are marked only
# after it was written, so a failed run loses nothing.  Keys expire
# after KEEP (default 90d; the original keeps the last 14 content dates).
# stdout: one decision per language, {"lang", "date" (target), "selected",
# "action": send | sent-today | content-sent | nothing, "items"}.
# What differs: the original keeps ONE list of content dates for both
# languages, so on a fallback day the English letter is skipped because
# the Korean one was just sent (quirk); here each language has its own
# keys.  A language with nothing to send no longer stops the next one
# (the original's `bash -e` step ends at ko's exit 1).  The original also
# refuses to send outside 05:00-05:14 KST unless --force (which CI
# passes); here the crontab's schedule decides when it runs.
. "$(dirname "$0")/common.sh"
OUT=${OUT:-.}
STATE=${STATE:-$OUT/newsletter.state}
KEEP=${KEEP:-90d}
mkdir -p "$OUT"
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
if [ -d "$ITEMS" ]; then   # parse once for both languages
	ni-parse "$DAILY" >"$tmp/parsed" 2>/dev/null
	ITEMS=$tmp/parsed
fi
unseen() { printf '{"key":"%s"}\n' "$1" | ni-filter -q --unseen "$STATE" --key key; }
rc=0
for L in ${LANGS:-ko en}; do
	NL_LANG=$L sh "$(dirname "$0")/14-newsletter.sh" "$ITEMS" >"$tmp/items" 2>/dev/null
	TARGET=${DATE:-$(TZ=Asia/Seoul date -d "$NOW" +%Y-%m-%d)}
	SELECTED=$(ni-filter -m 1 '_path != ""' "$tmp/items" | ni-render -F '{newsletter_date}')
	N=$(wc -l <"$tmp/items")
	if [ "$N" -eq 0 ]; then
		ACTION=nothing
	elif [ -z "${ALLOW_RESEND:-}" ] && ! unseen "$L sent $TARGET"; then
		ACTION=sent-today
	elif [ -z "${ALLOW_RESEND:-}" ] && [ "$SELECTED" != "$TARGET" ] && ! unseen "$L content $SELECTED"; then
		ACTION=content-sent
	elif NL_LANG=$L OUT=$OUT sh "$(dirname "$0")/16-email.sh" "$ITEMS" 2>/dev/null; then
		ACTION=send
		printf '{"key":"%s"}\n' "$L sent $TARGET" "$L content $SELECTED" |
			ni-filter --mark "$STATE" --key key --expire "$KEEP" >/dev/null || rc=2
	else
		ACTION=nothing N=0
	fi
	printf '{"lang":"%s","date":"%s","selected":"%s","action":"%s","items":%d}\n' \
		"$L" "$TARGET" "$SELECTED" "$ACTION" "$N"
done
exit $rc
