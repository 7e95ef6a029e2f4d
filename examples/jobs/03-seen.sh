#!/bin/sh
# 03-seen.sh ITEMS [COLLECTED...] - job 3 (collect.js normalizeUrl,
# loadProcessedUrls): the collected records (NDJSON, files or stdin, e.g.
# from ni-parse --sfeed) whose canonical_url no daily item has, compared
# in canonical form (scheme and host lower-cased; utm_*, fbclid, gclid,
# the fragment and trailing '/' dropped).  With STATE=FILE, the URLs
# marked there (by 18-generate.sh) count as seen too.
. "$(dirname "$0")/common.sh"
[ $# -gt 0 ] && shift
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
[ -n "${STATE:-}" ] && [ -f "$STATE" ] && cp "$STATE" "$tmp/seen"
ni-parse "$DAILY" | ni-filter --mark "$tmp/seen" --key canonical_url -e 'canonical_url != ""' >/dev/null
ni-filter --unseen "$tmp/seen" --key canonical_url "$@"
