#!/bin/sh
# 02-validate.sh ITEMS - job 2 (validate.js): every document that fails,
# as one NDJSON line {"_path",...,"_error"}; exit 2 when any fails.
# ni-parse --check applies the validator's rules to daily items: errors
# fail and are printed, one each; the warnings (on the corpus: hundreds
# of duplicate ids) are one line on stderr, "N warnings: duplicate id N;
# -v lists them" (VERBOSE=1 lists them; QUIET=1: not even that line);
# weekly and monthly digests need week (month) and title, present and not
# empty, null or false.
. "$(dirname "$0")/common.sh"
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
gone() { echo "not $1 != \"\" or $1 = false"; }   # missing, null, "" or false
LINE='{{"_path":{_path|json},"_error":"a required field is missing or empty"}}'
ni-parse --check ${VERBOSE:+-v} ${QUIET:+-q} --rejects "$tmp/rejects" "$DAILY" >/dev/null
rc=$?
cat "$tmp/rejects"
[ -n "$WEEKLY" ] && [ -d "$WEEKLY" ] &&
	ni-parse "$WEEKLY" | ni-filter "$(gone week) or $(gone title)" | ni-render -F "$LINE"
[ -n "$MONTHLY" ] && [ -d "$MONTHLY" ] &&
	ni-parse "$MONTHLY" | ni-filter "$(gone month) or $(gone title)" | ni-render -F "$LINE"
[ -s "$tmp/rejects" ] && exit 2
exit $rc
