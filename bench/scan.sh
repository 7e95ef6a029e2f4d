#!/bin/sh
# bench/scan.sh [N...] - the record scanner every tool shares, against
# DuckDB (node bindings, threads 1 and 2), jq and Miller, with the floors
# grep -F, rg -F, wc -l and cat > file, at N generated records (default
# 100000 and 1000000), in one run.  Each command writes its output to a
# file.  Prints "CASE:TOOL seconds peak-KB lines ratio" tables (ratio to
# ni's default run of the case).  Cases: filter (tag equality), regex
# (title ~ /nvidia|openai/i), numdate (confidence and date), tags, week,
# stats (--stats confidence -b source_id), listing (ni-render -F).
# Needs node and /tmp/ni-vnu/node_modules/@duckdb/node-api (or
# NI_NODE_MODULES).  The 1M jq and mlr runs take minutes: SLOW=0 leaves
# jq and mlr out.  RUNS=3 runs each command three times and keeps the
# fastest.  Not a test.
set -eu
[ $# -gt 0 ] || set -- 100000 1000000
NM=${NI_NODE_MODULES:-/tmp/ni-vnu/node_modules}
SLOW=${SLOW:-1}
slow() { [ "$SLOW" = 1 ] && t "$@" || true; }
for N in "$@"; do
	. "$(dirname "$0")/lib.sh"
	[ -e "$W/node_modules" ] || ln -s "$NM" "$W/node_modules"
	cp "$top/bench/duckdb_q.mjs" "$W/duckdb_q.mjs"
	B=$top/bin
	dd() { # THREADS SQL (F is the input, OUT the output file)
		echo "node '$W/duckdb_q.mjs' $1 '$W/out' \"$2\""
	}
	R="read_ndjson_auto('$F')"
	echo "== $N records ($(du -m "$F" | cut -f1) MB), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
	{
	t "filter:ni" "'$B/ni-filter' 'tags = ai-inference' '$F'"
	t "filter:ni-j1" "'$B/ni-filter' -j 1 'tags = ai-inference' '$F'"
	t "filter:duckdb-t1" "$(dd 1 "COPY (SELECT * FROM $R WHERE list_contains(tags, 'ai-inference')) TO 'OUT' (FORMAT JSON)")"
	t "filter:duckdb-t2" "$(dd 2 "COPY (SELECT * FROM $R WHERE list_contains(tags, 'ai-inference')) TO 'OUT' (FORMAT JSON)")"
	slow "filter:jq" "jq -c 'select(.tags | index(\"ai-inference\"))' '$F'"
	slow "filter:mlr" "mlr --ijsonl --ojsonl filter 'any(\$tags, func(e) {return e == \"ai-inference\"})' '$F'"
	t "regex:ni" "'$B/ni-filter' 'title ~ /nvidia|openai/i' '$F'"
	t "regex:ni-j1" "'$B/ni-filter' -j 1 'title ~ /nvidia|openai/i' '$F'"
	t "regex:wc-l" "wc -l '$F'"
	t "numdate:ni" "'$B/ni-filter' 'confidence >= 0.8 and date_published >= 2026-01-01' '$F'"
	t "numdate:ni-j1" "'$B/ni-filter' -j 1 'confidence >= 0.8 and date_published >= 2026-01-01' '$F'"
	t "numdate:wc-l" "wc -l '$F'"
	t "filter:grep-F" "grep -F '\"ai-inference\"' '$F'"
	t "filter:rg-F" "rg -F '\"ai-inference\"' '$F'"
	t "filter:wc-l" "wc -l '$F'"
	t "filter:cat" "cat '$F'"
	t "tags:ni" "'$B/ni-summarize' -b tags '$F'"
	t "tags:ni-j1" "'$B/ni-summarize' -j 1 -b tags '$F'"
	t "tags:duckdb-t1" "$(dd 1 "COPY (SELECT t AS tags, count(*) AS count FROM (SELECT unnest(tags) AS t FROM $R) GROUP BY t ORDER BY count DESC, t) TO 'OUT' (FORMAT JSON)")"
	t "tags:duckdb-t2" "$(dd 2 "COPY (SELECT t AS tags, count(*) AS count FROM (SELECT unnest(tags) AS t FROM $R) GROUP BY t ORDER BY count DESC, t) TO 'OUT' (FORMAT JSON)")"
	slow "tags:jq" "jq -r '.tags[]' '$F' | sort | uniq -c | sort -rn"
	slow "tags:mlr" "mlr --ijsonl --ojsonl put -q 'for (k,v in \$tags) { @c[v] += 1 } end { emit @c }' '$F'"
	t "week:ni" "'$B/ni-summarize' -b week '$F'"
	t "week:ni-j1" "'$B/ni-summarize' -j 1 -b week '$F'"
	t "week:duckdb-t2" "$(dd 2 "COPY (SELECT isoyear(d) || '-W' || lpad(CAST(week(d) AS VARCHAR), 2, '0') AS week, count(*) AS count FROM (SELECT CAST(date_published AS DATE) AS d FROM $R) GROUP BY week ORDER BY count DESC, week) TO 'OUT' (FORMAT JSON)")"
	t "stats:ni" "'$B/ni-summarize' --stats confidence -b source_id '$F'"
	t "stats:ni-j1" "'$B/ni-summarize' -j 1 --stats confidence -b source_id '$F'"
	t "stats:duckdb-t1" "$(dd 1 "COPY (SELECT source_id, count(*) AS count, min(confidence), max(confidence), avg(confidence), quantile_cont(confidence, 0.5), quantile_cont(confidence, 0.9) FROM $R GROUP BY source_id ORDER BY count DESC) TO 'OUT' (FORMAT JSON)")"
	t "stats:duckdb-t2" "$(dd 2 "COPY (SELECT source_id, count(*) AS count, min(confidence), max(confidence), avg(confidence), quantile_cont(confidence, 0.5), quantile_cont(confidence, 0.9) FROM $R GROUP BY source_id ORDER BY count DESC) TO 'OUT' (FORMAT JSON)")"
	t "listing:ni" "'$B/ni-render' -F '{date_published} {source_id} {title}' '$F'"
	t "listing:ni-j1" "'$B/ni-render' -j 1 -F '{date_published} {source_id} {title}' '$F'"
	t "listing:duckdb-t2" "$(dd 2 "COPY (SELECT date_published, source_id, title FROM $R) TO 'OUT' (FORMAT CSV, HEADER false, DELIMITER ' ')")"
	} >"$W/scan-$N.times"
	table ni "$W/scan-$N.times"
done
