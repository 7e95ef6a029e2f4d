#!/bin/sh
# bench/json.sh [N] - jansson's json_loadb against ni's validating scanner
# (lib/record/json.c, lib/base/scan.c) on the same N generated records (default
# 100000), in one process: see bench/jsonbench.c for the modes.  Not a
# test: it prints times, MB/s and the ratio to ni-check.
set -eu
N=${1:-100000}
. "$(dirname "$0")/lib.sh"
make -C "$top" -s build/libni.a
cc -O2 -Iinclude -I"$top/include" -I"$top/lib" -o "$W/jsonbench" "$top/bench/jsonbench.c" "$top/cmd/prog.c" \
	"$top/build/libni.a" $(pkg-config --cflags --libs jansson yaml-0.1 libpcre2-8 libutf8proc) -lm -lpthread
"$W/jsonbench" "$F" "${REPEAT:-2}" | awk '{ t[NR] = $2; row[NR] = $0 }
	END { for (i = 1; i <= NR; i++) printf "%s  %5.1fx ni-check\n", row[i], t[i] / t[1] }'
