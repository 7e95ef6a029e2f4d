#!/bin/sh
# daily-email.sh - mail the items not mailed before; each item at most once.
#   crontab:  0 7 * * *  ITEMS=$HOME/news/content/daily TO=me@example.com \
#                        $HOME/bin/daily-email.sh
# Two phases: the state is marked only after sendmail succeeded, so a
# failed send never loses items and a rerun never sends them twice.
set -u
: "${ITEMS:?set ITEMS to the folder of items}" "${TO:?set TO to an address}"
STATE=${STATE:-$HOME/.local/state/ni}
SENDMAIL=${SENDMAIL:-sendmail}
mkdir -p "$STATE"
new=$(mktemp) || exit 2
trap 'rm -f "$new"' EXIT
ni-parse "$ITEMS" | ni-filter --unseen "$STATE/sent.state" --since 7d >"$new"
rc=$?
[ "$rc" -le 1 ] || exit "$rc"       # 1: nothing new, not an error
[ -s "$new" ] || exit 0
ni-render -f email --to "$TO" --title "${TITLE:-News digest}" \
	--subject '{title}: {count} new items' <"$new" | $SENDMAIL -i -t || exit 2
ni-filter --mark "$STATE/sent.state" <"$new" >/dev/null
