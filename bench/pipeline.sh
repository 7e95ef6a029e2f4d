#!/bin/sh
# bench/pipeline.sh [N] - a whole pipeline on N generated documents
# (default 100000) against each of its stages alone (reading the previous
# stage's output from a file) and the pipe floor (cat FILE | cat): the
# pipe must not be the bottleneck.  Each is run R times (default 3),
# interleaved; the minimum wall time is printed with its ratio to the
# slowest stage.  Needs ../shared/bench/mkcorpus.  Not a test.
set -eu
N=${1:-100000}
R=${R:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_DIR:-/tmp/ni-bench-pipe}
D=$W/docs-$N
mkdir -p "$W"
[ -d "$D" ] || "$top/../shared/bench/mkcorpus" -n "$N" -o "$D" >/dev/null
make -C "$top" -s all
B=$top/bin
find "$D" -type f | xargs cat >/dev/null   # from the page cache from here on
F='date_published >= 2023-01-01 and confidence >= 0.6'
S='-b month,tags'
"$B/ni-parse" "$D" >"$W/s1" 2>/dev/null
"$B/ni-filter" "$F" "$W/s1" >"$W/s2"
"$B/ni-summarize" $S "$W/s2" >"$W/s3"
set -- \
	"parse|'$B/ni-parse' '$D'" \
	"filter|'$B/ni-filter' '$F' '$W/s1'" \
	"summarize|'$B/ni-summarize' $S '$W/s2'" \
	"render|'$B/ni-render' -f md '$W/s3'" \
	"pipeline|'$B/ni-parse' '$D' | '$B/ni-filter' '$F' | '$B/ni-summarize' $S | '$B/ni-render' -f md" \
	"cat|cat|cat '$W/s1' | cat"
: >"$W/pipe.times"
i=0
while [ $i -lt "$R" ]; do
	for c in "$@"; do
		label=${c%%|*}
		/usr/bin/time -f "%e %U %S" -o "$W/t" sh -c "${c#*|}" >"$W/out.$label" 2>/dev/null
		echo "$label $(cat "$W/t")" >>"$W/pipe.times"
	done
	i=$((i + 1))
done
cmp -s "$W/out.pipeline" "$W/out.render" && echo "pipeline output = the stages' output" || echo "pipeline output DIFFERS"
echo "== $N documents ($(du -sm "$D" | cut -f1) MB; records $(du -m "$W/s1" | cut -f1) MB), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
sort -k1,1 -k2,2n "$W/pipe.times" | awk '!seen[$1]++' | awk '
	{ t[$1] = $2; u[$1] = $3; s[$1] = $4; order[NR] = $1 }
	END { slow = 0; for (k in t) if (k != "pipeline" && k != "cat" && t[k] > slow) { slow = t[k]; sk = k }
	      n = split("parse filter summarize render pipeline cat", o, " ")
	      for (i = 1; i <= n; i++) printf "%-10s %6.2f s  (user %5.2f, sys %5.2f)  %5.2fx the slowest stage (%s)\n", o[i], t[o[i]], u[o[i]], s[o[i]], t[o[i]] / slow, sk }'
