#!/bin/sh
# collect.sh - the collector: sfeed_update fetches the feeds, then the
# pipeline's jobs 3-5 turn them into the day's candidates: links not seen
# in the items (3), scored by keywords (4), capped per feed and overall (5).
#   crontab:  0 6 * * *  ITEMS=$HOME/news/content OUT=$HOME/news/collected.ndjson $HOME/ni/examples/cron/collect.sh
#   SFEEDRC   the sfeedrc listing the feeds (default ~/.sfeed/sfeedrc);
#             FEEDS=DIR skips sfeed_update and reads DIR's sfeed files
set -u
: "${ITEMS:?}" "${OUT:?}"
J=$(cd "$(dirname "$0")/../jobs" && pwd)
FEEDS=${FEEDS:-}
if [ -z "$FEEDS" ]; then
	sfeed_update "${SFEEDRC:-$HOME/.sfeed/sfeedrc}" >&2 || exit 2
	FEEDS=$HOME/.sfeed/feeds
fi
tmp=$(mktemp "$OUT.XXXXXX") || exit 2
trap 'rm -f "$tmp"' EXIT
ni-parse --sfeed "$FEEDS"/* |
	sh "$J/03-seen.sh" "$ITEMS" |
	sh "$J/04-relevance.sh" "$ITEMS" |
	sh "$J/05-caps.sh" "$ITEMS" >"$tmp" || exit 2
mv "$tmp" "$OUT"
