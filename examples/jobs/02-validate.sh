#!/bin/sh
# 02-validate.sh ITEMS - job 2 (validate.js): every document that fails,
# as one NDJSON line {"_path","_error"}; exit 2 when any fails.
# ni-parse --check does the types, dates and URLs (and reports repeated
# ids on stderr); ni-filter finds required fields that are missing, null,
# empty or false (0 and [] pass, as in validate.js).
. "$(dirname "$0")/common.sh"
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
gone() { echo "not $1 != \"\" or $1 = false"; }   # missing, null, "" or false
REQ_DAILY="$(gone id) or $(gone date_published) or $(gone source_name) or
  $(gone source_id) or $(gone title) or $(gone canonical_url) or
  $(gone categories) or $(gone summary_ko) or $(gone summary_en) or
  $(gone so_what_ko) or $(gone so_what_en)"
LINE='{{"_path":{_path|json},"_error":"a required field is missing or empty"}}'
ni-parse --check --rejects "$tmp/rejects" "$DAILY" >"$tmp/daily"
rc=$?
cat "$tmp/rejects"
ni-filter "$REQ_DAILY" "$tmp/daily" | ni-render -F "$LINE"
[ -n "$WEEKLY" ] && [ -d "$WEEKLY" ] &&
	ni-parse "$WEEKLY" | ni-filter "$(gone week) or $(gone title)" | ni-render -F "$LINE"
[ -n "$MONTHLY" ] && [ -d "$MONTHLY" ] &&
	ni-parse "$MONTHLY" | ni-filter "$(gone month) or $(gone title)" | ni-render -F "$LINE"
[ -s "$tmp/rejects" ] && exit 2
exit $rc
