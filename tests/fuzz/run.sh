#!/bin/sh
# tests/fuzz/run.sh DIR SECONDS NAME... - run each libFuzzer harness for
# SECONDS from tests/fuzz/seeds/NAME; report runs; fail on any crash.
# A crash leaves DIR/crash-NAME-*: turn it into a catalog case.
set -u
dir=$1; secs=$2; shift 2
seeds=$(cd "$(dirname "$0")" && pwd)/seeds
fail=0
for f in "$@"; do
	mkdir -p "$dir/corpus/$f"
	"$dir/$f" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 \
		-max_len=65536 -close_fd_mask=3 -artifact_prefix="$dir/crash-$f-" \
		"$dir/corpus/$f" "$seeds/$f" >"$dir/$f.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "$dir/$f.log")
	if [ $rc -eq 0 ]; then
		echo "fuzz $f: ${runs:-?}, no crash ($(ls "$dir/corpus/$f" | wc -l) corpus inputs)"
	else
		echo "fuzz $f: FAILED (exit $rc)"; tail -30 "$dir/$f.log"; fail=1
	fi
done
exit $fail
