#!/bin/sh
# 01-load.sh ITEMS - job 1 (build.js readMarkdownFiles): every item as a
# record, in the site's order: daily items newest first (ties in file-name
# order, which ni-parse keeps and ni-sort's stable sort preserves), then
# the weekly digests by week and the monthly ones by month, newest first.
. "$(dirname "$0")/common.sh"
ni-parse "$DAILY" | ni-sort -k date_published:desc
rc=$?
[ -n "$WEEKLY" ] && [ -d "$WEEKLY" ] && { ni-parse "$WEEKLY" | ni-sort -k week:desc || rc=2; }
[ -n "$MONTHLY" ] && [ -d "$MONTHLY" ] && { ni-parse "$MONTHLY" | ni-sort -k month:desc || rc=2; }
exit $rc
