#!/bin/sh
# trending.sh - what is rising: tags whose count grew most this week.
#   ITEMS=content/daily examples/cron/trending.sh
set -u
: "${ITEMS:?}"
ni-parse "$ITEMS" | ni-summarize -b tags --trend 7d --sort change --top "${TOP:-15}" |
	ni-render -F '{tags:-28} {trend.change:4} ({trend.previous} -> {trend.last})'
