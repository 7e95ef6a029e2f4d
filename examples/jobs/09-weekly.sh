#!/bin/sh
# 09-weekly.sh ITEMS - job 9 (generate-weekly.js getWeekDateRange, main):
# the week's articles, most confident first (ties in file order).
# WEEK=YYYY-Www picks the week; the default is the week holding yesterday.
# A week runs Sunday to Saturday (ni-filter --week-start sun), labelled
# with the ISO week of its Monday, as the weekly digests are.  Fewer than
# 3 articles: nothing, exit 0 (the original skips the digest).
. "$(dirname "$0")/common.sh"
WEEK=${WEEK:-$(date -u -d "${NOW%%T*}" +%G-W%V)}   # Sunday weeks: yesterday's = today's ISO week
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
ni-parse "$DAILY" | ni-filter --week-start sun "date_published = $WEEK" >"$tmp/week"
[ "$(wc -l <"$tmp/week")" -ge 3 ] || { echo "09-weekly: $WEEK has fewer than 3 articles" >&2; exit 0; }
ni-sort -k confidence:desc "$tmp/week"
