#!/bin/sh
# bench/filter.sh [N] - ni-filter against jq 1.6, gojq, mlr and grep on N
# generated items as NDJSON (default 100000, about 210 MB).  Prints times,
# ratios and ni-filter's peak memory.  Not a test.
set -eu
N=${1:-100000}
top=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_DIR:-/tmp/ni-bench}
mkdir -p "$W"
F=$W/items-$N.ndjson
[ -s "$F" ] || "$top/../shared/bench/mkcorpus" -n "$N" --ndjson >"$F"
make -C "$top" -s all
NI=$top/bin/ni-filter
cat "$F" >/dev/null
t() { # label command... ; prints "label seconds maxrss_kb lines"
	label=$1; shift
	/usr/bin/time -f "%e %M" -o "$W/time" "$@" >"$W/out" 2>/dev/null || true
	echo "$label $(cat "$W/time") $(wc -l <"$W/out")"
}
run() { # case ni-expr jq-expr grep-literal mlr-filter
	c=$1
	t "$c:ni-filter" "$NI" "$2" "$F"
	t "$c:ni-filter-j1" "$NI" -j 1 "$2" "$F"
	t "$c:jq" jq -c "select($3)" "$F"
	command -v gojq >/dev/null && t "$c:gojq" gojq -c "select($3)" "$F"
	[ -n "$5" ] && command -v mlr >/dev/null && t "$c:mlr" mlr --ijsonl --ojsonl filter "$5" "$F"
	[ -n "$4" ] && t "$c:grep-F" grep -F "$4" "$F"
	return 0
}
{
run a 'tags = ai-inference' '.tags | index(["ai-inference"])' 'ai-inference' ''
run b 'title ~ /nvidia|openai/i' '.title | test("nvidia|openai"; "i")' '' '$title =~ "(?i)nvidia|openai"'
run c 'confidence >= 0.8 and date_published >= 2026-01-01' '.confidence >= 0.8 and .date_published >= "2026-01-01"' '' '$confidence >= 0.8 && $date_published >= "2026-01-01"'
} >"$W/filter.times"
awk '{ split($1, k, ":"); if (k[2] == "ni-filter") ni[k[1]] = $2; row[NR] = $0 }
END { for (i = 1; i <= NR; i++) { split(row[i], f, " "); split(f[1], k, ":");
	printf "%-16s %7.2f s  %7d KB  %6d lines  %6.1fx ni-filter time\n", f[1], f[2], f[3], f[4], f[2] / ni[k[1]] } }' "$W/filter.times"
