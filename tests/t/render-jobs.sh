# ni-render -j N: the records are checked on N threads and rendered in
# input order on one, so every format gives the same bytes, the same
# messages in the same order and the same exit status on 1, 2 and 3
# threads, over input of many 256 KB batches with bad lines among them.
. "$NI_TESTS/lib.sh"
export NI_NOW=2026-01-06T00:00:00Z
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
if [ -n "${NI_CORPUS:-}" ]; then
	ni-parse "$NI_CORPUS" >"$T/base" 2>/dev/null
else
	$PY -c 'import json
for i in range(3000):
    print(json.dumps({"id": "i%d" % i, "title": "제목 <b>%d</b>" % i, "tags": ["t%d" % (i % 7)],
        "source_id": "s%d" % (i % 5), "canonical_url": "https://e%d.example/x?a=%d" % (i % 3, i),
        "date_published": "2025-12-%02d" % (1 + i % 28), "summary_en": "x" * 300}, ensure_ascii=False))' >"$T/base"
fi
{ cat "$T/base"; echo '{"id":"bad",'; cat "$T/base"; echo 'not json'; ni-summarize -b tags "$T/base"; } >"$T/in"
n=$(wc -c <"$T/in")
[ "$n" -gt 1000000 ] && ok "render -j input spans batches" || ko "render -j input spans batches" "only $n bytes"
l1=$(( $(wc -l <"$T/base") + 1 )); l2=$(( 2 * $(wc -l <"$T/base") + 2 ))
k=0
while IFS='|' read -r args; do
	k=$((k + 1))
	# shellcheck disable=SC2086
	ni-render -j 1 $args "$T/in" >"$T/o1" 2>"$T/e1"
	r1=$?
	rc_is "render -j1 case $k ($args) rc" "$r1" 2
	# the bad lines, by the line numbers counted here
	has "render -j1 case $k first bad line" "$T/e1" ":$l1:13: premature end of input"
	has "render -j1 case $k second bad line" "$T/e1" ":$l2:1: a record must be a JSON object"
	[ -s "$T/o1" ] && ok "render -j1 case $k output" || ko "render -j1 case $k output" "empty"
	for j in 2 3; do
		# shellcheck disable=SC2086
		ni-render -j $j $args "$T/in" >"$T/o$j" 2>"$T/e$j"
		rc_is "render -j$j case $k rc" $? "$r1"
		same "render -j$j case $k ($args) == -j1" "$T/o$j" "$T/o1"
		same "render -j$j case $k errors == -j1" "$T/e$j" "$T/e1"
	done
done <<'CASES'
-f text --width 100 --color always
-f md
-f html --title T
-f atom --link https://example.org/
-f rss --link https://example.org/
-f email --from a@example.org --to b@example.org --subject {title}
-f csv --fields id,title,tags
-f tsv --fields id,date_published
-f json
-f svg
-F {date_published}_{source_id}_{title:~40}
-F {count}:{first}:{title}
-F {id}:{date_published} --limit 7
-f svg -F {id}
-f html -F <b>{title}</b>{summary}{now}{lang}
-f md -F {tags}|{key_points}
-f md --group-by week
-f html --group-by source_id --group-order
-f text --limit 50
-v -f atom --link https://example.org/
CASES
# from a pipe as from the file
cat "$T/in" | ni-render -j 2 -f md 2>/dev/null >"$T/p2"
ni-render -j 1 -f md "$T/in" 2>/dev/null >"$T/p1"
same "render -j2 from a pipe" "$T/p2" "$T/p1"
# every item line of the listing is there, in order (counted by awk)
ni-render -j 2 -F '{id}' "$T/base" >"$T/ids" 2>/dev/null
$PY -c 'import json,sys
ids=[json.loads(l).get("id") for l in open(sys.argv[1])]
got=open(sys.argv[2]).read().split("\n")[:-1]
sys.exit(0 if got==["" if i is None else str(i) for i in ids] else 1)' "$T/base" "$T/ids" \
	&& ok "render -j2 listing: every record, in order" || ko "render -j2 listing: every record, in order"
ni-render -j 0 -f md "$T/base" >/dev/null 2>&1
rc_is "render -j 0 is a usage error" $? 2
