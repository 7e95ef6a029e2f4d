#!/bin/sh
# weekly-html.sh - last week's digest page: overview, tag chart, items per
# day over time, the items themselves.
#   crontab:  0 8 * * 1  ITEMS=... OUT=/var/www/digest/week.html $HOME/bin/weekly-html.sh
set -u
: "${ITEMS:?}" "${OUT:?}"
week=$(mktemp) || exit 2
trap 'rm -f "$week"' EXIT
ni-parse "$ITEMS" | ni-filter --since -1w --min-confidence "${MIN_CONFIDENCE:-0.6}" >"$week"
rc=$?
[ "$rc" -le 1 ] || exit "$rc"
{
	ni-summarize "$week"
	ni-summarize -b tags --top 12 "$week"
	ni-summarize -b day --sort key "$week"
	cat "$week"
} | ni-render -f html --title "${TITLE:-Weekly digest}" -o "$OUT"
