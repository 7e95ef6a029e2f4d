#!/bin/sh
# bench/write.sh [N] - ni-write against the source generator's writer
# ported to Node, gray-matter's stringify, PyYAML's C dumper, and the
# file-system floor (split-like plain writes of the same bytes, and the
# same bytes written as durably as ni-write does), on N generated records
# (default 20000).  Each run writes into a fresh folder.  Not a test: it
# prints times and ratios.  Needs ../shared/bench/mkcorpus, node (and
# gray-matter in /tmp/ni-vnu/node_modules or $NODE_PATH), python3-yaml.
set -eu
N=${1:-20000}
top=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_DIR:-/tmp/ni-bench-write}
mkdir -p "$W"
F=$W/items-$N.ndjson
[ -s "$F" ] || "$top/../shared/bench/mkcorpus" -n "$N" --ndjson >"$F"
make -C "$top" -s all
cc -O2 -o "$W/floor" "$top/bench/write_floor.c"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
NODE_PATH=${NODE_PATH:-/tmp/ni-vnu/node_modules}
export NODE_PATH
cat "$F" >/dev/null
t() { # label command...: a fresh output folder $W/out.label
	label=$1; shift
	rm -rf "$W/out.$label"
	sync
	s=$(date +%s.%N)
	"$@" 2>"$W/err.$label" || { echo "$label failed: $(head -2 "$W/err.$label")" >&2; return; }
	e=$(date +%s.%N)
	echo "$label $(echo "$e - $s" | bc) $(ls "$W/out.$label" | wc -l)"
}
# the bundle of the bytes ni-write writes, for the floor
"$top/bin/ni-write" -o "$W/ref" "$F" 2>/dev/null || true
$PY -c '
import os, sys
d = sys.argv[1]
out = sys.stdout.buffer
for f in sorted(os.listdir(d)):
    b = open(os.path.join(d, f), "rb").read()
    out.write(("%s\t%d\n" % (f, len(b))).encode() + b)
' "$W/ref" >"$W/bundle"
rm -rf "$W/ref"
{
t ni-write "$top/bin/ni-write" -o "$W/out.ni-write" "$F"
t floor-plain sh -c "'$W/floor' plain '$W/out.floor-plain' < '$W/bundle'"
t floor-durable sh -c "'$W/floor' durable '$W/out.floor-durable' < '$W/bundle'"
t node-port node "$top/bench/write_node.js" port "$F" "$W/out.node-port"
[ -d "$NODE_PATH/gray-matter" ] && t gray-matter node "$top/bench/write_node.js" graymatter "$F" "$W/out.gray-matter"
t pyyaml-c $PY "$top/bench/write_pyyaml.py" "$F" "$W/out.pyyaml-c"
} >"$W/times"
diff -rq "$W/out.ni-write" "$W/out.floor-plain" >/dev/null &&
	echo "floor wrote the same bytes as ni-write" || echo "floor output DIFFERS"
ni=$(awk '$1=="ni-write"{print $2}' "$W/times")
awk -v ni="$ni" '{ printf "%-14s %7.2f s  %6d files  %6.2fx ni-write time\n", $1, $2, $3, $2/ni }' "$W/times"
echo "(machine load: $(cut -d' ' -f1-3 /proc/loadavg))"
rm -rf "$W"/out.*
