# bench/lib.sh - shared by the benchmarks: the generated items, the build,
# and a timer.  Sourced with N set; sets top, W, F.
top=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_DIR:-/tmp/ni-bench}
mkdir -p "$W"
F=$W/items-$N.ndjson
[ -s "$F" ] || { "$top/../shared/bench/mkcorpus" -n "$N" --ndjson >"$F.tmp" && mv "$F.tmp" "$F"; }
make -C "$top" -s all
# fresh FILE: FILE dropped from the page cache and read back once, so
# that it sits there the same way whatever wrote it.  Written in small
# pieces (mkcorpus, Python), a file is cached in 4 KiB pages, and a
# program that reads it in many places (ni-sort's read-back) spends a
# quarter of its time looking pages up; read from disk, it is cached in
# large folios (readahead), and that share is 4 % (perf, 2026-12-08).
fresh() {
	python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
os.fsync(fd)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$1" && cat "$1" >/dev/null
}
fresh "$F"               # from the page cache from here on
# t LABEL COMMAND: prints "LABEL seconds peak-KB output-lines", the
# fastest of RUNS runs (1 unless set: a shared machine's noise is one-sided)
t() {
	label=$1; shift
	best=
	i=0
	while [ $i -lt "${RUNS:-1}" ]; do
		/usr/bin/time -f "%e %M" -o "$W/time" sh -c "$*" >"$W/out" 2>/dev/null || true
		cur=$(cat "$W/time")
		if [ -z "$best" ] || [ "$(echo "$cur $best" | awk '{ print ($1 < $3) }')" = 1 ]; then
			best=$cur
		fi
		i=$((i + 1))
	done
	echo "$label $best $(wc -l <"$W/out")"
}
# table TOOL FILE: the times with ratios to TOOL's time in each case
table() {
	awk -v tool="$1" '{ split($1, k, ":"); if (k[2] == tool) ni[k[1]] = $2; row[NR] = $0 }
	END { for (i = 1; i <= NR; i++) { split(row[i], f, " "); split(f[1], k, ":");
		printf "%-22s %7.2f s  %7d KB  %7d lines  %6.1fx %s time\n", f[1], f[2], f[3], f[4], f[2] / ni[k[1]], tool } }' "$2"
}
