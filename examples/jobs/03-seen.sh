#!/bin/sh
# 03-seen.sh ITEMS [COLLECTED...] - job 3 (collect.js normalizeUrl,
# loadProcessedUrls): the collected records (NDJSON, files or stdin, e.g.
# from ni-parse --sfeed) that no daily item is, by item identity (man 7
# ni, IDENTITY): the canonical_url in canonical form (scheme and host
# lower-cased; utm_*, fbclid, gclid, the fragment and trailing '/'
# dropped), else the feed's own id (guid), else a digest of the record's
# content.  With STATE=FILE, the items marked there (by 18-generate.sh)
# count as seen too.
# A record without a link (a podcast episode) is passed once: with STATE
# it is marked there (18-generate.sh will not write it: an item needs a
# link), and one line on stderr counts such records; the exit status
# stays 0.  (The original normalises every missing link to "", which it
# counts as seen: such records vanish without a word.)
. "$(dirname "$0")/common.sh"
[ $# -gt 0 ] && shift
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
[ -n "${STATE:-}" ] && [ -f "$STATE" ] && cp "$STATE" "$tmp/seen"
ni-parse "$DAILY" | ni-filter --mark "$tmp/seen" >/dev/null
ni-filter --unseen "$tmp/seen" "$@" >"$tmp/new" || [ $? -eq 1 ] || exit 2
nolink='not canonical_url != "" or canonical_url = false'
n=$(ni-filter "$nolink" "$tmp/new" | wc -l)
if [ "$n" -gt 0 ]; then
	if [ -n "${STATE:-}" ]; then
		ni-filter --mark "$STATE" -e "$nolink" "$tmp/new" >/dev/null || exit 2
		echo "03-seen: $n records without a link, passed once (marked in $STATE)" >&2
	else
		echo "03-seen: $n records without a link, passed (set STATE=FILE to pass each once)" >&2
	fi
fi
cat "$tmp/new"
