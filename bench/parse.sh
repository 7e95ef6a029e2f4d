#!/bin/sh
# bench/parse.sh [N] - ni-parse against PyYAML (C loader), gray-matter and
# a libyaml event-parse floor on N generated documents (default 20000).
# Needs ../shared/bench/mkcorpus, python3-yaml, node+npm (gray-matter is
# installed into a temp folder).  Not a test: it prints times and ratios.
set -eu
N=${1:-20000}
top=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_DIR:-/tmp/ni-bench-parse}
mkdir -p "$W"
[ -d "$W/docs-$N" ] || "$top/../shared/bench/mkcorpus" -n "$N" -o "$W/docs-$N" >/dev/null
D=$W/docs-$N
make -C "$top" -s all
cc -O2 -o "$W/floor" "$top/bench/floor.c" $(pkg-config --cflags --libs yaml-0.1)
if [ ! -d "$W/node_modules/gray-matter" ] && command -v npm >/dev/null; then
	(cd "$W" && npm install --silent --no-audit --no-fund gray-matter >/dev/null 2>&1) || true
fi
find "$D" -name '*.md' | sort >"$W/list"
cat "$W/list" | xargs cat >/dev/null   # warm the page cache
t() { # label command...
	label=$1; shift
	s=$(date +%s.%N)
	"$@" >"$W/out.$label" 2>/dev/null
	e=$(date +%s.%N)
	echo "$label $(echo "$e - $s" | bc)"
}
{
t ni-parse "$top/bin/ni-parse" "$D"
t ni-parse-j2 "$top/bin/ni-parse" -j 2 "$D"
t floor sh -c "'$W/floor' < '$W/list'"
t pyyaml python3 "$top/bench/pyyaml_parse.py" "$D"
if [ -d "$W/node_modules/gray-matter" ]; then NODE_PATH=$W/node_modules t gray-matter node "$top/bench/graymatter_parse.js" "$D"; fi
} >"$W/times"
cmp -s "$W/out.ni-parse" "$W/out.ni-parse-j2" && echo "-j 2 output identical to -j 1" || echo "-j 2 output DIFFERS"
echo "records: $(wc -l <"$W/out.ni-parse") ni-parse, $(wc -l <"$W/out.pyyaml") pyyaml"
ni=$(awk '$1=="ni-parse"{print $2}' "$W/times")
awk -v ni="$ni" '{ printf "%-12s %7.3f s  %6.2fx ni-parse time\n", $1, $2, $2/ni }' "$W/times"
