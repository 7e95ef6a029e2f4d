#!/bin/sh
# bench/render.sh [N] - ni-render against jq 1.6 and mlr on N generated
# items (default 100000): the same one-line listing via -F, and -f html,
# -f atom; with peak memory.  Not a test.
set -eu
N=${1:-100000}
top=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_DIR:-/tmp/ni-bench}
mkdir -p "$W"
F=$W/items-$N.ndjson
[ -s "$F" ] || "$top/../shared/bench/mkcorpus" -n "$N" --ndjson >"$F"
make -C "$top" -s all
R=$top/bin/ni-render
cat "$F" >/dev/null
t() {
	label=$1; shift
	/usr/bin/time -f "%e %M" -o "$W/time" sh -c "$*" >"$W/out" 2>/dev/null || true
	echo "$label $(cat "$W/time") $(wc -l <"$W/out")"
}
{
t listing:ni-render "'$R' -F '{date_published} {source_name}: {title}' '$F'"
t listing:jq "jq -r '\"\\(.date_published) \\(.source_name): \\(.title)\"' '$F'"
t listing:mlr "mlr --ijsonl --onidx --ofs ' ' put -q 'print \$date_published . \" \" . \$source_name . \": \" . \$title' '$F'"
t html:ni-render "'$R' -f html '$F'"
t atom:ni-render "'$R' -f atom '$F'"
} >"$W/render.times"
awk '{ split($1, k, ":"); if (k[2] == "ni-render") ni[k[1]] = $2; row[NR] = $0 }
END { for (i = 1; i <= NR; i++) { split(row[i], f, " "); split(f[1], k, ":");
	printf "%-18s %7.2f s  %7d KB  %7d lines  %6.1fx ni-render time\n", f[1], f[2], f[3], f[4], f[2] / ni[k[1]] } }' "$W/render.times"
