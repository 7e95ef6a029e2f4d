#!/bin/sh
# 05-caps.sh ITEMS [SCORED...] - job 5 (collect.js processSource,
# saveResults): from the scored records (04-relevance.sh), in feed order:
# titles longer than 10 characters, the first 5 of each feed (source_id),
# then the MAX_ITEMS (15) best by relevance_score, then date_published,
# both descending (other ties: input order).  A record without a date is
# dated today (UTC), as the collector does.
. "$(dirname "$0")/common.sh"
[ $# -gt 0 ] && shift
MAX=${MAX_ITEMS:-15}
case $MAX in ''|*[!0-9]*|0) MAX=15 ;; esac   # 0 or not a number: 15, as the original
ni-map 'title = trim(title); if len(title) <= 10 then skip end;
date_published ?= date(now(), "%Y-%m-%d")' "$@" |
	ni-sort -g source_id -n "${PER_FEED:-5}" |
	ni-sort -k relevance_score:desc,date_published:desc -n "$MAX"
