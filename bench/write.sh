#!/bin/sh
# bench/write.sh [N] - ni-write against the source generator's writer
# ported to Node, gray-matter's stringify, PyYAML's C dumper, and the
# file-system floor (split-like plain writes of the same bytes, and the
# same bytes written as durably as ni-write does), on N generated records
# (default 20000).  Each run writes into a fresh folder under $BENCH_DIR
# (default /tmp/ni-bench-write; BENCH_DIR=/dev/shm/... measures on tmpfs,
# without the disk).  Not a test: it
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
	/usr/bin/time -f "%e %U %S" -o "$W/time" "$@" 2>"$W/err.$label" ||
		{ echo "$label failed: $(head -2 "$W/err.$label")" >&2; return; }
	set -- $(cat "$W/time")
	echo "$label $1 $(echo "$2 + $3" | bc) $(ls "$W/out.$label" | wc -l)"
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
# wall time (the file system, shared with whatever else runs) and CPU
# time (user + sys: the work of the writer itself)
awk '$1=="ni-write" { w = $2; c = $3 } { r[NR] = $0 } END { for (i = 1; i <= NR; i++) {
	split(r[i], f, " "); printf "%-14s %7.2f s wall %6.2fx   %6.2f s cpu %6.2fx   %6d files\n",
	f[1], f[2], f[2] / w, f[3], f[3] / c, f[4] } }' "$W/times"
echo "(machine load: $(cut -d' ' -f1-3 /proc/loadavg))"
rm -rf "$W"/out.*
