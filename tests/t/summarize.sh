# ni-summarize: golden cases, partial/merge equality, bad input, corpus.
. "$NI_TESTS/lib.sh"
S=$NI_TESTS/summarize
export NI_NOW=2026-01-06T00:00:00Z
tab=$(printf '\t')
cd "$S"
# three shards of the sample, for the merge checks
sed -n 1,2p items.ndjson >"$T/p1"; sed -n 3,4p items.ndjson >"$T/p2"; sed -n '5,$p' items.ndjson >"$T/p3"
while IFS="$tab" read -r name args; do
	case $name in ''|\#*) continue ;; esac
	# shellcheck disable=SC2086
	ni-summarize $args items.ndjson >"$T/out" 2>"$T/err"
	rc_is "summarize/$name rc" $? 0
	same "summarize/$name" "$T/out" "$name.out"
	for p in p1 p2 p3; do ni-summarize $args --partial "$T/$p" >"$T/$p.part"; done
	cat "$T/p3.part" "$T/p1.part" "$T/p2.part" | ni-summarize $args --merge >"$T/merged"
	same "summarize/$name merge == single" "$T/merged" "$name.out"
	cat "$T/p1.part" "$T/p2.part" | ni-summarize $args --merge --partial >"$T/p12"
	cat "$T/p12" "$T/p3.part" | ni-summarize $args --merge >"$T/merged2"
	same "summarize/$name merge of merges" "$T/merged2" "$name.out"
done <cases.tsv

# a key that is not a date is counted under _invalid, noted once with -v
ni-summarize -v -b week items.ndjson >/dev/null 2>"$T/err"
printf '%s\n' "ni-summarize: items.ndjson:6: week: 42 is not a date; counted under _invalid" >"$T/want"
same "summarize _invalid note" "$T/err" "$T/want"
ni-summarize -b week items.ndjson >/dev/null 2>"$T/err"
same "summarize quiet without -v" "$T/err" /dev/null

# merge refuses other options; input that is not a partial state
ni-summarize -b tags --merge "$T/p1.part" >/dev/null 2>"$T/err"
rc_is "summarize merge other options rc" $? 2
has "summarize merge other options msg" "$T/err" 'partial state made with other options'
ni-summarize --merge items.ndjson >"$T/out" 2>"$T/err"
rc_is "summarize merge of items rc" $? 2

# bad lines are reported, skipped, and the rest is counted
{ cat items.ndjson; echo '{"id":"x",'; echo 'not json'; } >"$T/bad"
ni-summarize -b tags "$T/bad" >"$T/out" 2>"$T/err"
rc_is "summarize bad lines rc" $? 2
same "summarize bad lines counted" "$T/out" tags.out
eq "summarize bad lines reported" "$(wc -l <"$T/err")" 2

# --max-groups: a clear error and no partial output
ni-summarize -b id --max-groups 3 items.ndjson >"$T/out" 2>"$T/err"
rc_is "summarize max-groups rc" $? 2
has "summarize max-groups msg" "$T/err" 'more than 3 groups'
same "summarize max-groups no output" "$T/out" /dev/null
ni-summarize --sort change -b tags items.ndjson >/dev/null 2>&1
rc_is "summarize --sort change needs --trend" $? 2

# summary rows are records: ni-filter selects them
ni-summarize -b tags items.ndjson | ni-filter 'count >= 2' | wc -l >"$T/n"
eq "summarize | ni-filter count" "$(cat "$T/n")" 2

# flat memory: groups, not items, decide it
python3 -c 'import json
for i in range(200000): print(json.dumps({"id":str(i),"tags":["t%d" % (i % 50)],"date_published":"2026-01-%02d" % (1 + i % 28)}))' >"$T/many"
if [ -z "${NI_SANITIZE:-}${NI_VALGRIND:-}" ]; then   # the checker's own memory would decide it
	/usr/bin/time -f %M -o "$T/rss" ni-summarize -b tags,week "$T/many" >/dev/null
	[ "$(cat "$T/rss")" -lt 30000 ] && ok "summarize memory bounded" || ko "summarize memory bounded" "$(cat "$T/rss") KB"
fi

# GNU parallel: the map-reduce recipe gives the single-run bytes
if command -v parallel >/dev/null 2>&1 && [ -n "${NI_CORPUS:-}" ]; then
	ni-parse "$NI_CORPUS/daily" >"$T/c"
	O="-b week,tags --top 3 --items 2 --stats confidence --distinct source_id --trend 30d"
	ni-summarize $O "$T/c" >"$T/single"
	parallel --will-cite --pipe -N 250 -j 4 ni-summarize $O --partial <"$T/c" |
		ni-summarize $O --merge >"$T/par"
	same "summarize parallel map-reduce == single" "$T/par" "$T/single"
fi

# the corpus: counts equal an independent computation, group for group
if [ -n "${NI_CORPUS:-}" ]; then
	[ -s "$T/c" ] || ni-parse "$NI_CORPUS/daily" >"$T/c"
	for key in tags source_id week 'lower(regions)'; do
		ni-summarize -b "$key" "$T/c" |
			python3 -c 'import json,sys
for l in sys.stdin:
    r = json.loads(l); k = [x for x in r if x not in ("_summary","_by","count","share")][0]
    print("%s\t%d" % (r[k], r["count"]))' | sort >"$T/ni"
		python3 - "$key" "$T/c" <<'X' | sort >"$T/py"
import collections, datetime, json, sys
key, path = sys.argv[1], sys.argv[2]
c = collections.Counter()
for l in open(path):
    r = json.loads(l)
    if key == "week":
        d = datetime.date.fromisoformat(r["date_published"][:10])
        y, w, _ = d.isocalendar(); vals = ["%d-W%02d" % (y, w)]
    elif key == "lower(regions)":
        vals = sorted({v.casefold() for v in (r.get("regions") or [])}) or [None]
    else:
        v = r.get(key); vals = sorted(set(v)) if isinstance(v, list) else [v]
        vals = vals or [None]
    for v in vals: c[v] += 1
for k, n in c.items(): print("%s\t%d" % (k, n))
X
		if [ -s "$T/py" ] && cmp -s "$T/ni" "$T/py"; then ok "corpus counts by $key"
		else ko "corpus counts by $key" "$(diff "$T/ni" "$T/py" | head -3)"; fi
	done
fi

# a number is one group key however it is written (1, 1.0, 1e0, 10e-1),
# exactly (ids past 2^64 stay apart); checked with Python's Decimal
printf '%s\n' '{"v":1}' '{"v":1.0}' '{"v":1e0}' '{"v":10e-1}' '{"v":2.50}' \
	'{"v":2.5}' '{"v":12345678901234567891}' '{"v":12345678901234567890}' \
	'{"v":1234567890123456789e1}' '{"v":1.5e21}' '{"v":15e20}' '{"v":-0.0}' \
	'{"v":0}' >"$T/nums"
ni-summarize -b v "$T/nums" >"$T/numg"
rc_is "summarize number keys rc" $? 0
python3 - "$T/nums" "$T/numg" <<'X' >"$T/numchk"
import json, sys
from collections import Counter
D = lambda f: [json.loads(l, parse_float=__import__("decimal").Decimal,
                          parse_int=__import__("decimal").Decimal) for l in open(f)]
want = Counter(r["v"] for r in D(sys.argv[1]))
rows = D(sys.argv[2])
got = Counter()
for r in rows:
    got[r["v"]] += int(r["count"])
ok = len(rows) == len(want) and got == want
print("ok" if ok else "want %s got %s" % (sorted(want.items()), [(r["v"], r["count"]) for r in rows]))
X
eq "summarize number keys as numbers" "$(cat "$T/numchk")" ok
