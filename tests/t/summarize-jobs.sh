# ni-summarize -j N: every option of tests/summarize/cases.tsv gives the
# same bytes on 1, 2 and 3 threads, over input of many batches (the
# corpus when present, else generated items) with bad lines among them;
# bad lines are reported in input order; --max-groups still refuses.
. "$NI_TESTS/lib.sh"
S=$NI_TESTS/summarize
export NI_NOW=2026-01-06T00:00:00Z
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
tab=$(printf '\t')
# input: several 256 KB batches, bad lines at known places
if [ -n "${NI_CORPUS:-}" ]; then
	ni-parse "$NI_CORPUS" >"$T/base" 2>/dev/null
else
	$PY -c 'import json
for i in range(3000):
    print(json.dumps({"id": "i%d" % i, "title": "제목 %d" % i, "tags": ["t%d" % (i % 7), "ai"],
        "source_id": "s%d" % (i % 5), "confidence": (i % 10) / 10,
        "regions": ["KR", "us"][i % 2:], "canonical_url": "https://e%d.example/x" % (i % 3),
        "date_published": "2025-12-%02d" % (1 + i % 28), "summary": "x" * 300}, ensure_ascii=False))' >"$T/base"
fi
{ cat "$S/items.ndjson" "$T/base"; echo '{"id":"bad",'; cat "$T/base"; echo 'not json'; cat "$S/items.ndjson"; } >"$T/in"
n=$(wc -c <"$T/in")
[ "$n" -gt 1000000 ] && ok "summarize -j input spans batches" || ko "summarize -j input spans batches" "only $n bytes"
while IFS="$tab" read -r name args; do
	case $name in ''|\#*) continue ;; esac
	# shellcheck disable=SC2086
	ni-summarize -j 1 $args "$T/in" >"$T/o1" 2>"$T/e1"
	rc_is "summarize -j1 $name rc" $? 2
	for j in 2 3; do
		# shellcheck disable=SC2086
		ni-summarize -j $j $args "$T/in" >"$T/o$j" 2>"$T/e$j"
		rc_is "summarize -j$j $name rc" $? 2
		same "summarize -j$j $name == -j1" "$T/o$j" "$T/o1"
		same "summarize -j$j $name errors == -j1" "$T/e$j" "$T/e1"
	done
done <"$S/cases.tsv"
# the bad lines, by line number (counted here, not by ni)
l1=$(( $(wc -l <"$S/items.ndjson") + $(wc -l <"$T/base") + 1 ))
l2=$(( l1 + $(wc -l <"$T/base") + 1 ))
printf 'ni-summarize: %s:%s:%s: %s\n' "$T/in" "$l1" 13 "premature end of input" \
	"$T/in" "$l2" 1 "a record must be a JSON object" >"$T/want"
ni-summarize -j 2 -b tags "$T/in" >/dev/null 2>"$T/err"
same "summarize -j2 bad lines by line" "$T/err" "$T/want"
# a key of about one group per record (-b id): counted on one core
# after the first batches; the same bytes
for args in "-b id" "-b id,tags --items 1" "--distinct id -b source_id"; do
	# shellcheck disable=SC2086
	ni-summarize -j 1 $args "$T/in" >"$T/h1" 2>"$T/he1"
	# shellcheck disable=SC2086
	ni-summarize -j 2 $args "$T/in" >"$T/h2" 2>"$T/he2"
	same "summarize -j2 $args == -j1" "$T/h2" "$T/h1"
	same "summarize -j2 $args errors == -j1" "$T/he2" "$T/he1"
done
# the same past the point (32Ki records a worker) where a key of about
# one group per record moves the rest of the count to one core
$PY -c 'import json
for i in range(150000):
    print(json.dumps({"id": "k%d" % (i * 7919 % 150000), "tags": ["t%d" % (i % 4000)]}))' >"$T/many"
for args in "-b id" "-b tags" "-b id --distinct tags"; do
	# shellcheck disable=SC2086
	ni-summarize -j 1 $args "$T/many" >"$T/m1" 2>&1
	# shellcheck disable=SC2086
	ni-summarize -j 2 $args "$T/many" >"$T/m2" 2>&1
	same "summarize -j2 $args on 150k records == -j1" "$T/m2" "$T/m1"
done
eq "summarize 150k ids counted" "$(wc -l <"$T/m1")" 150000
# -j 2 from a pipe is the same as from the file
ni-summarize -j 1 -b week,tags "$T/in" 2>/dev/null >"$T/f1"
cat "$T/in" | ni-summarize -j 2 -b week,tags 2>/dev/null >"$T/f2"
same "summarize -j2 from a pipe" "$T/f2" "$T/f1"
# --max-groups: refused with no output, whether one thread's table or
# the combined one overflows
ni-summarize -j 2 -b id --max-groups 50 "$T/in" >"$T/out" 2>"$T/err"
rc_is "summarize -j2 max-groups rc" $? 2
has "summarize -j2 max-groups msg" "$T/err" 'more than 50 groups'
same "summarize -j2 max-groups no output" "$T/out" /dev/null
g=$(ni-summarize -j 1 -b id "$T/in" 2>/dev/null | wc -l)
ni-summarize -j 2 -b id --max-groups $((g - 1)) "$T/in" >"$T/out" 2>"$T/err"
rc_is "summarize -j2 max-groups at the merge rc" $? 2
same "summarize -j2 max-groups at the merge no output" "$T/out" /dev/null
ni-summarize -j 2 -b id --max-groups "$g" "$T/in" >"$T/out" 2>/dev/null
eq "summarize -j2 max-groups just enough" "$(wc -l <"$T/out")" "$g"
ni-summarize -j 0 -b id "$T/in" >/dev/null 2>&1
rc_is "summarize -j 0 is a usage error" $? 2
