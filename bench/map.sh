#!/bin/sh
# bench/map.sh [N] - ni-map against jq, mlr put and DuckDB on N generated
# items (default 100000, about 210 MB): upper-case regions and store a
# keyword relevance score.  Then ni-map's peak memory at 10x N records
# (the file read 10 times through a pipe) against N.  Not a test.
set -eu
N=${1:-100000}
. "$(dirname "$0")/lib.sh"
NI=$top/bin/ni-map
P='regions = upper(regions); _t = lower(title); relevance_score = if(_t ~ /\bai\b|agent|llm|gpt/, 2, 0) + if(_t ~ /commerce|retail|shopping/, 1, 0) + if(_t ~ /marketing|advertising|campaign/, 1, 0); del _t'
JQ='.regions |= map(ascii_upcase) | (.title | ascii_downcase) as $t | .relevance_score = ((if ($t | test("\\bai\\b|agent|llm|gpt")) then 2 else 0 end) + (if ($t | test("commerce|retail|shopping")) then 1 else 0 end) + (if ($t | test("marketing|advertising|campaign")) then 1 else 0 end))'
MLR='$regions = apply($regions, func(v) { return toupper(v) }); t = tolower($title); $relevance_score = (t =~ "\bai\b|agent|llm|gpt" ? 2 : 0) + (t =~ "commerce|retail|shopping" ? 1 : 0) + (t =~ "marketing|advertising|campaign" ? 1 : 0)'
# the machine may be shared: CPU seconds (user + sys) are reported beside
# the wall-clock time, and the ratios are given for both
t() {
	label=$1; shift
	/usr/bin/time -f "%e %M %U %S" -o "$W/time" sh -c "$*" >"$W/out" 2>/dev/null || true
	echo "$label $(cat "$W/time") $(wc -l <"$W/out")"
}
DUCK=${DUCKDB_API:-/tmp/ni-vnu/node_modules/@duckdb/node-api}
{
t "map:ni-map" "'$NI' '$P' '$F'"
t "map:ni-map-j1" "'$NI' -j 1 '$P' '$F'"
t "map:jq" "jq -c '$JQ' '$F'"
command -v gojq >/dev/null && t "map:gojq" "gojq -c '$JQ' '$F'"
command -v mlr >/dev/null && t "map:mlr" "mlr --ijsonl --ojsonl put '$MLR' '$F'"
if [ -d "$DUCK" ] && command -v node >/dev/null; then
	t "map:duckdb" "DUCKDB_API='$DUCK' node '$top/bench/map_duckdb.cjs' '$F' '$W/duck.json' && cat '$W/duck.json'"
fi
} >"$W/map.times"
awk '{ cpu = $4 + $5; if ($1 == "map:ni-map") { w0 = $2; c0 = cpu } row[NR] = $0; c[NR] = cpu }
	END { for (i = 1; i <= NR; i++) { split(row[i], f, " ");
		printf "%-16s %7.2f s wall %7.2f s cpu %8d KB %7d lines  %5.1fx wall %5.1fx cpu\n",
			f[1], f[2], c[i], f[3], f[6], f[2] / w0, c[i] / c0 } }' "$W/map.times"
# memory: N records against 10 N (the same file ten times, streamed)
t "mem:ni-map-${N}" "'$NI' '$P' '$F'" >"$W/mem.times"
t "mem:ni-map-10x${N}" "for i in 1 2 3 4 5 6 7 8 9 10; do cat '$F'; done | '$NI' '$P'" >>"$W/mem.times"
awk '{ printf "%-22s %7.2f s  %7d KB peak  %8d lines\n", $1, $2, $3, $6; kb[NR] = $3 }
	END { printf "peak RSS at 10x the records: %.2fx\n", kb[2] / kb[1] }' "$W/mem.times"
