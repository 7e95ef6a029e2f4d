#!/bin/sh
# bench/sort.sh [N] - ni-sort -k date_published:desc,confidence:desc
# against jq -s, Miller, DuckDB (node, 2 threads) and, as the floor, GNU
# sort on a pre-extracted key column; and -n 10 against the full sort.
# N generated items (default 100000, about 210 MB).  Prints times, peak
# memory and ratios to ni-sort.  Not a test.
# Above 300000 items jq -s and mlr are skipped (they hold everything in
# memory, several times the input); set BENCH_ALL=1 to run them anyway.
set -eu
N=${1:-100000}
. "$(dirname "$0")/lib.sh"
NI=$top/bin/ni-sort
K=date_published:desc,confidence:desc
TAB=$(printf '\t')
# the floor's input: "date TAB confidence TAB record" (extraction not timed)
[ -s "$W/keyed-$N" ] || "$top/bin/ni-render" -f tsv --fields date_published,confidence "$F" | tail -n +2 |
	paste - "$F" >"$W/keyed-$N"
DUCK=${NI_DUCKDB_MODULES:-/tmp/ni-vnu/node_modules}
{
t "sort:ni-sort" "'$NI' -k $K '$F'"
t "sort:ni-sort-j1" "'$NI' -j 1 -k $K '$F'"
t "sort:ni-sort-S32M" "'$NI' -S 32M -T '$W' -k $K '$F'"
t "sort:gnu-sort-floor" "LC_ALL=C sort -s -t '$TAB' -k1,1r -k2,2r '$W/keyed-$N'"
if [ "$N" -le 300000 ] || [ -n "${BENCH_ALL:-}" ]; then
	t "sort:jq" "jq -s -c 'sort_by(.date_published, .confidence) | reverse | .[]' '$F'"
	command -v mlr >/dev/null &&
		t "sort:mlr" "mlr --ijsonl --ojsonl sort -tr date_published -nr confidence '$F'"
fi
[ -d "$DUCK/@duckdb/node-api" ] &&
	t "sort:duckdb" "NODE_PATH='$DUCK' node '$top/bench/duckdb_sort.js' '$F' /dev/stdout"
t "head:ni-sort" "'$NI' -n 10 -k $K '$F'"
t "head:ni-sort-full|head" "'$NI' -k $K '$F' | head -10"
t "head:gnu-sort|head" "LC_ALL=C sort -s -t '$TAB' -k1,1r -k2,2r '$W/keyed-$N' | head -10"
} >"$W/sort.times"
table ni-sort "$W/sort.times"
