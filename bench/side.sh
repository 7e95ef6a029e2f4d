#!/bin/sh
# bench/side.sh [N] - issue 26's table in one run: each job done by ni and
# by one DuckDB query (node bindings @duckdb/node-api, threads=2), on N
# generated records (default 1000000; `mkcorpus -n N --ndjson`, cached in
# $BENCH_DIR, default /tmp/ni-bench).  Every command writes its output to
# a file.  Prints, as Markdown, wall time and peak RSS of both, DuckDB's
# time over ni's (ni's lead), and whether both produced the same result
# (`same`/`DIFFERS`: the selected ids in order, or the counts; see
# same() below); then the floors (`wc -l`, `cat > file`, `ni-map 'x = 1'`,
# ni-sort to /dev/null; the filter and `x = 1` once more on the records
# in the compact form ni-parse writes) and the issue's goals as ratios.
# The inputs are read from disk once first (bench/lib.sh's fresh).  CPU = user +
# sys seconds of the same run (on a loaded machine the wall times wait for
# a core).  Every command starts after a `sync`, so that the writeback of
# the outputs before it (2 GB each for the map and the sort) is not
# charged to it.  REPRINT=1 prints the last run's table again without
# running.
# RUNS=N runs every pair N times, ni and DuckDB alternating, and keeps the
# fastest of each; the floors, a second or two each and the noisiest
# (a 2 GB write took 0.8 s or 4.6 s in one run), run FLOOR_RUNS times
# (default RUNS + 2).  Needs node and @duckdb/node-api in NI_NODE_MODULES
# (default /tmp/ni-vnu/node_modules; `cd /tmp/ni-vnu && npm install
# @duckdb/node-api`) and /usr/bin/time.  Not a test.
#
# DuckDB sorts are not stable: the queries add `id` as the last key.  The
# generated ids are syn_DATE_SEQ with DATE = date_published and SEQ the
# record's position, so within one date `id` ascending is the input order
# that ni-sort keeps for equal keys (a tie-break for the same output).
set -eu
N=${1:-1000000}
NM=${NI_NODE_MODULES:-/tmp/ni-vnu/node_modules}
[ -d "$NM/@duckdb/node-api" ] || { echo "side.sh: no $NM/@duckdb/node-api" >&2; exit 2; }
. "$(dirname "$0")/lib.sh"
[ -e "$W/node_modules" ] || ln -s "$NM" "$W/node_modules"
cp "$top/bench/duckdb_q.mjs" "$W/duckdb_q.mjs"
B=$top/bin
O=$W/side-$N           # outputs, one file per command, and the times
# the same records in the compact form ni-parse writes (no blank after
# ',' and ':'; made by Python's json, cached): there ni-map writes runs
# of untouched members straight from the input lines (writev)
FC=$W/items-$N-compact.ndjson
if [ ! -s "$FC" ]; then
	python3 -c 'import json, sys
w = sys.stdout.write
for l in open(sys.argv[1], encoding="utf-8"):
    w(json.dumps(json.loads(l), ensure_ascii=False, separators=(",", ":")) + "\n")' "$F" >"$FC.tmp" &&
		mv "$FC.tmp" "$FC"
fi
fresh "$FC"
mkdir -p "$O"
R="read_ndjson_auto('$F')"
K=date_published:desc,confidence:desc
DK="date_published DESC, confidence DESC, id"

# one LABEL COMMAND: runs COMMAND once, stdout to $O/LABEL.out; appends
# "LABEL wall-s peak-KB user-s sys-s" to $O/times
one() {
	sync
	/usr/bin/time -f "%e %M %U %S" -o "$O/time" sh -c "$2" >"$O/$1.out" 2>"$O/$1.err" ||
		echo "side.sh: $1 failed: $(tail -n 2 "$O/$1.err")" >&2
	echo "$1 $(cat "$O/time" | tail -n 1)" >>"$O/times"
}
# duck LABEL SQL: the SQL (OUT names the output file) in $O/LABEL.sql,
# run by DuckDB with two threads; the output goes to $O/LABEL.out
duck() {
	printf '%s\n' "$2" >"$O/$1.sql"
	sync
	/usr/bin/time -f "%e %M %U %S" -o "$O/time" sh -c \
		"node '$W/duckdb_q.mjs' 2 '$O/$1.out' \"\$(cat '$O/$1.sql')\"" >/dev/null 2>"$O/$1.err" ||
		echo "side.sh: $1 failed: $(tail -n 2 "$O/$1.err")" >&2
	echo "$1 $(cat "$O/time" | tail -n 1)" >>"$O/times"
}
# pair ROW NI-COMMAND SQL: RUNS rounds of ni then DuckDB
pair() {
	i=0
	while [ $i -lt "${RUNS:-1}" ]; do
		one "$1.ni" "$2"
		duck "$1.duckdb" "$3"
		i=$((i + 1))
	done
}
# floor LABEL COMMAND: RUNS runs of a floor
floor() {
	i=0
	while [ $i -lt "${FLOOR_RUNS:-$((${RUNS:-1} + 2))}" ]; do one "$1" "$2"; i=$((i + 1)); done
}
# esc SQL-EXPR: the expression HTML-escaped as ni-render does (& < > " ')
esc() {
	echo "replace(replace(replace(replace(replace($1, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '\"', '&quot;'), '''', '&#39;')"
}

if [ -z "${REPRINT:-}" ]; then
: >"$O/times"
echo "== $N records ($(du -m "$F" | cut -f1) MB), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), RUNS=${RUNS:-1}" >"$O/header"

pair filter "'$B/ni-filter' 'tags = ai-inference' '$F'" \
	"COPY (SELECT * FROM $R WHERE list_contains(tags, 'ai-inference')) TO 'OUT' (FORMAT JSON)"
pair top7 "'$B/ni-sort' -k $K -n 7 '$F'" \
	"COPY (SELECT * FROM $R ORDER BY $DK LIMIT 7) TO 'OUT' (FORMAT JSON)"
pair persource "'$B/ni-sort' -g source_id -k date_published:desc -n 5 '$F'" \
	"COPY (SELECT * FROM $R QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY date_published DESC, id) <= 5 ORDER BY date_published DESC, id) TO 'OUT' (FORMAT JSON)"
pair tags "'$B/ni-summarize' -b tags '$F'" \
	"COPY (SELECT t AS tags, count(*) AS count FROM (SELECT unnest(tags) AS t FROM $R) GROUP BY t ORDER BY count DESC, t) TO 'OUT' (FORMAT JSON)"
pair listing "'$B/ni-render' -F '{date_published} {source_id} {title}' '$F'" \
	"COPY (SELECT CAST(date_published AS VARCHAR) || ' ' || source_id || ' ' || title FROM $R) TO 'OUT' (FORMAT CSV, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\t')"
pair map "'$B/ni-map' 'regions = upper(regions); score = if(title ~ /ai|llm/i, 2, 0)' '$F'" \
	"COPY (SELECT * REPLACE (list_transform(regions, x -> upper(x)) AS regions), CASE WHEN regexp_matches(title, '(?i)ai|llm') THEN 2 ELSE 0 END AS score FROM $R) TO 'OUT' (FORMAT JSON)"
pair sort "'$B/ni-sort' -k $K '$F'" \
	"COPY (SELECT * FROM $R ORDER BY $DK) TO 'OUT' (FORMAT JSON)"
pair job6 "'$B/ni-filter' 'not confidence != \"\" or confidence = 0 or confidence > 0.69' '$F' | '$B/ni-sort' -k $K -n 7 | '$B/ni-render' -f html" \
	"COPY (SELECT '<article><h2><a href=\"' || $(esc canonical_url) || '\">' || $(esc title) || '</a></h2><p class=\"meta\">' || $(esc source_name) || ' · <time>' || CAST(date_published AS VARCHAR) || '</time> · ' || $(esc "array_to_string(tags, ', ')") || '</p><p>' || $(esc summary_en) || '</p><p class=\"so\"><b>So what:</b> ' || $(esc so_what_en) || '</p></article>' FROM $R WHERE confidence IS NULL OR confidence = 0 OR confidence > 0.69 ORDER BY $DK LIMIT 7) TO 'OUT' (FORMAT CSV, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\t')"
floor wc-l "wc -l '$F'"
floor cat "cat '$F'"
floor cat2 "cat '$F' | cat"
floor map-x1 "'$B/ni-map' 'x = 1' '$F'"
floor map-x1-null "'$B/ni-map' 'x = 1' '$F' >/dev/null"
floor filter-c "'$B/ni-filter' 'tags = ai-inference' '$FC'"
floor map-x1-c "'$B/ni-map' 'x = 1' '$FC'"
one sort-devnull "'$B/ni-sort' -k $K '$F' >/dev/null"
i=0
while [ $i -lt "${RUNS:-1}" ]; do duck duckdb-start "SELECT 1"; i=$((i + 1)); done

# --- the same result?  Independent readers: cut/sort/cmp for ids in
# order, Python's json for the grouped counts.
ids() { cut -d'"' -f4 "$1"; }   # {"id": "X", ... and {"id":"X", ...
same_ids() { ids "$O/$1.ni.out" | cmp -s - "$O/$1.duckdb.tmp" && [ -s "$O/$1.duckdb.tmp" ]; }
same() { # ROW: 0 when ni's and DuckDB's outputs agree
	case $1 in
	filter | top7 | persource | sort)
		ids "$O/$1.duckdb.out" >"$O/$1.duckdb.tmp"
		same_ids "$1" ;;
	map) # the ids in order, and as many records with score 2
		ids "$O/$1.duckdb.out" >"$O/$1.duckdb.tmp"
		same_ids "$1" &&
			[ "$(grep -c '"score": *2}$' "$O/map.ni.out")" = "$(grep -c '"score": *2}$' "$O/map.duckdb.out")" ] ;;
	tags) python3 - "$O/tags.ni.out" "$O/tags.duckdb.out" <<'EOF'
import json, sys
ni = {(r["tags"], r["count"]) for r in map(json.loads, open(sys.argv[1])) if r.get("_summary") == "group"}
dk = {(r["tags"], r["count"]) for r in map(json.loads, open(sys.argv[2]))}
sys.exit(0 if ni == dk and ni else 1)
EOF
		;;
	listing) cmp -s "$O/listing.ni.out" "$O/listing.duckdb.out" ;;
	job6) # the links of the articles, in order
		for s in ni duckdb; do
			awk '/^<article>/ && match($0, /href="[^"]*"/) { print substr($0, RSTART + 6, RLENGTH - 7) }' \
				"$O/job6.$s.out" >"$O/job6.$s.tmp"
		done
		cmp -s "$O/job6.ni.tmp" "$O/job6.duckdb.tmp" && [ "$(wc -l <"$O/job6.ni.tmp")" = 7 ] ;;
	esac
}
lines() { wc -l <"$O/$1.out" | tr -d ' '; }
for row in filter top7 persource tags listing map sort job6; do
	if same "$row"; then s=same; else s=DIFFERS; fi
	echo "$row $s $(lines "$row.ni") $(lines "$row.duckdb")"
done >"$O/same"
rm -f "$O"/*.tmp "$O/map.ni.out" "$O/map.duckdb.out" "$O/sort.ni.out" "$O/sort.duckdb.out" \
	"$O/cat.out" "$O/cat2.out" "$O/map-x1.out" "$O/map-x1-c.out"
fi


# --- the table: the fastest run of each label
cat "$O/header"
sort -k1,1 -k2,2n "$O/times" | awk '!seen[$1]++' >"$O/best"
awk -v n="$N" '
	FNR == NR && FILENAME ~ /best$/ { t[$1] = $2; m[$1] = $3; u[$1] = $4; s[$1] = $5; next }
	{ same[$1] = $2; nl[$1] = $3; dl[$1] = $4 }
	END {
		split("filter top7 persource tags listing map sort job6", rows, " ")
		name["filter"] = "filter `tags = ai-inference`"
		name["top7"] = "top 7 by date, confidence (`ni-sort -n 7`)"
		name["persource"] = "5 newest per source (`-g source_id -n 5`)"
		name["tags"] = "count by tags (`ni-summarize -b tags`)"
		name["listing"] = "listing `-F '\''{date_published} {source_id} {title}'\''`"
		name["map"] = "`ni-map '\''regions = upper(regions); score = if(title ~ /ai\\|llm/i, 2, 0)'\''`"
		name["sort"] = "full sort by two keys, to a file"
		name["job6"] = "job 6: filter \\| sort -n 7 \\| render -f html"
		printf "| job | ni | ni CPU | ni RSS | DuckDB | DuckDB CPU | DuckDB RSS | ni'\''s lead | CPU lead | result (lines ni/DuckDB) |\n"
		printf "|---|---|---|---|---|---|---|---|---|---|\n"
		for (i = 1; i <= 8; i++) {
			r = rows[i]; a = r ".ni"; b = r ".duckdb"
			ca = u[a] + s[a]; cb = u[b] + s[b]
			extra = (r == "sort") ? sprintf(" (%.1f user, %.1f sys)", u[a], s[a]) : ""
			printf "| %s | %.2f s | %.2f s%s | %.0f MB | %.2f s | %.2f s | %.0f MB | %s%.1fx%s | %.1fx | %s (%d/%d) |\n",
				name[r], t[a], ca, extra, m[a] / 1024, t[b], cb, m[b] / 1024,
				(t[b] / t[a] < 3 ? "**" : ""), t[b] / t[a], (t[b] / t[a] < 3 ? "**" : ""),
				(ca > 0 ? cb / ca : 0), same[r], nl[r], dl[r]
		}
		printf "\nFloors: `wc -l` %.2f s; `cat > file` %.2f s (%.1f user, %.1f sys; GNU cat copies file to file in the kernel, copy_file_range); `cat | cat > file` %.2f s (%.1f user, %.1f sys; through user memory, as any filter); `ni-map '\''x = 1'\''` %.2f s, %.0f MB, to /dev/null %.2f s; `ni-sort` to /dev/null %.2f s (%.1f user, %.1f sys), %.0f MB; DuckDB `SELECT 1` (node, the bindings, a database) %.2f s, %.0f MB.\n",
			t["wc-l"], t["cat"], u["cat"], s["cat"], t["cat2"], u["cat2"], s["cat2"],
			t["map-x1"], m["map-x1"] / 1024, t["map-x1-null"],
			t["sort-devnull"], u["sort-devnull"], s["sort-devnull"], m["sort-devnull"] / 1024,
			t["duckdb-start"], m["duckdb-start"] / 1024
		printf "\nGoals: filter / `wc -l` = %.2f (goal <= 1.5); `ni-map '\''x = 1'\''` / filter = %.2f (goal <= 1.3; to /dev/null %.2f; on the compact form ni-parse writes, %.2f s / %.2f s = %.2f); full sort / `cat > file` = %.2f (goal <= 2; / `cat | cat > file` %.2f); rows under 3x DuckDB: %s; ni over 64 MB outside the full sort: %s.\n",
			t["filter.ni"] / t["wc-l"], t["map-x1"] / t["filter.ni"], t["map-x1-null"] / t["filter.ni"],
			t["map-x1-c"], t["filter-c"], t["map-x1-c"] / t["filter-c"],
			t["sort.ni"] / t["cat"], t["sort.ni"] / t["cat2"],
			under3(), over64()
	}
	function under3(   i, r, l) { l = ""; for (i = 1; i <= 8; i++) { r = rows[i]; if (t[r ".duckdb"] / t[r ".ni"] < 3) l = l (l == "" ? "" : ", ") r }; return l == "" ? "none" : l }
	function over64(   i, r, l) { l = ""; for (i = 1; i <= 8; i++) { r = rows[i]; if (r != "sort" && m[r ".ni"] > 65536) l = l (l == "" ? "" : ", ") r }; return l == "" ? "none" : l }
' "$O/best" "$O/same"
