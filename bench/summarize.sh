#!/bin/sh
# bench/summarize.sh [N] - ni-summarize against jq|sort|uniq and mlr on N
# generated items (default 100000): counts by tags, source_id and week,
# and -b week --items 5; then peak memory at N and at 10*N items.
# Not a test.
set -eu
N=${1:-100000}
. "$(dirname "$0")/lib.sh"
S=$top/bin/ni-summarize
{
t tags:ni-summarize "'$S' -b tags '$F'"
t tags:jq-sort-uniq "jq -r '.tags[]' '$F' | sort | uniq -c | sort -rn"
t tags:mlr "mlr --ijsonl --ojsonl nest --evar ';' -f tags then count-distinct -f tags '$F' 2>/dev/null || mlr --ijsonl --ocsv cut -r -f '^tags' '$F'"
t source:ni-summarize "'$S' -b source_id '$F'"
t source:jq-sort-uniq "jq -r '.source_id' '$F' | sort | uniq -c | sort -rn"
t source:mlr "mlr --ijsonl --ojsonl count-distinct -f source_id '$F'"
t week:ni-summarize "'$S' -b week '$F'"
t week:jq-sort-uniq "jq -r '.date_published | strptime(\"%Y-%m-%d\") | strftime(\"%G-W%V\")' '$F' | sort | uniq -c | sort -rn"
t week:mlr "mlr --ijsonl --ojsonl put '\$week = strftime(strptime(\$date_published, \"%Y-%m-%d\"), \"%G-W%V\")' then count-distinct -f week '$F'"
t items:ni-summarize "'$S' -b week --items 5 '$F'"
t items:jq-slurp "jq -c -s 'group_by(.date_published | strptime(\"%Y-%m-%d\") | strftime(\"%G-W%V\")) | map({week: (.[0].date_published), count: length, items: (sort_by(-.confidence) | .[:5] | map({id, title, canonical_url, confidence}))}) | .[]' '$F'"
} >"$W/summarize.times"
table ni-summarize "$W/summarize.times"
# flat memory: the same groups from N and from 10*N items
m1=$(/usr/bin/time -f %M sh -c "'$S' -b week --items 5 '$F' >/dev/null" 2>&1)
m10=$(/usr/bin/time -f %M sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do cat '$F'; done | '$S' -b week --items 5 >/dev/null" 2>&1)
echo "peak RSS -b week --items 5: $m1 KB at $N items, $m10 KB at $((N * 10)) items"
