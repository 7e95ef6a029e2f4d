#!/bin/sh
# bench/filter.sh [N] - ni-filter against jq 1.6, gojq, mlr and grep on N
# generated items as NDJSON (default 100000, about 210 MB).  Prints times,
# ratios and ni-filter's peak memory.  Not a test.
set -eu
N=${1:-100000}
. "$(dirname "$0")/lib.sh"
NI=$top/bin/ni-filter
run() { # case ni-expr jq-expr grep-literal mlr-filter
	c=$1
	t "$c:ni-filter" "'$NI' '$2' '$F'"
	t "$c:ni-filter-j1" "'$NI' -j 1 '$2' '$F'"
	t "$c:jq" "jq -c 'select($3)' '$F'"
	command -v gojq >/dev/null && t "$c:gojq" "gojq -c 'select($3)' '$F'"
	[ -n "$5" ] && command -v mlr >/dev/null && t "$c:mlr" "mlr --ijsonl --ojsonl filter '$5' '$F'"
	[ -n "$4" ] && t "$c:grep-F" "grep -F '$4' '$F'"
	return 0
}
{
run a 'tags = ai-inference' '.tags | index(["ai-inference"])' 'ai-inference' ''
run b 'title ~ /nvidia|openai/i' '.title | test("nvidia|openai"; "i")' '' '$title =~ "(?i)nvidia|openai"'
run c 'confidence >= 0.8 and date_published >= 2026-01-01' '.confidence >= 0.8 and .date_published >= "2026-01-01"' '' '$confidence >= 0.8 && $date_published >= "2026-01-01"'
} >"$W/filter.times"
table ni-filter "$W/filter.times"
