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

# -b FIELD alone counts plain strings from their bytes (add_fast in
# agg.c): the keys must be the ones of the general path, whatever the
# mix.  Escaped strings ("a\u002db" is "a-b"), NFC and NFD Korean (two
# keys: ni does not normalize), numbers (1 and 1.0 one key), keys of
# 23 to 26 bytes (the inline limit is 24), duplicates in one item, null
# elements, [], null, missing, more than 16 values, scalars and blanks
# around the values; counted
# by Python, on one core and on three, in one run and merged from shards
python3 - "$T/mix" <<'X'
import json, random, sys, unicodedata
rnd = random.Random(26)
ko = "\ud55c\uad6d\uc5b4"
plain = ["ai", "a-b", "llm", "x" * 23, "y" * 24, "z" * 25, "w" * 26, "\u00e9t\u00e9",
         unicodedata.normalize("NFC", ko), unicodedata.normalize("NFD", ko),
         "k" * 22 + "\u00e9", "null", "", 'q"t']
esc = ['"a\\u002db"', '"\\u00e9t\\u00e9"', '"\\"q\\"t"'.replace('\\"q', 'q'), '"y\\u0079' + "y" * 22 + '"']
with open(sys.argv[1], "w") as f:
    for i in range(30000):
        r = rnd.random()
        if r < 0.03: f.write('{"id":"%d"}\n' % i); continue
        if r < 0.05: f.write('{"id":"%d","tags":null}\n' % i); continue
        if r < 0.07: f.write('{"id":"%d","tags":[]}\n' % i); continue
        if r < 0.10: f.write('{"id":"%d","tags":%s}\n' % (i, json.dumps(rnd.choice(plain), ensure_ascii=False))); continue
        if r < 0.11: f.write('{"id":"%d","tags":%s}\n' % (i, rnd.choice(["1", "1.0", "2e0"]))); continue
        n = rnd.choice([1, 2, 3, 4, 5, 17, 20]) if r < 0.2 else rnd.randint(1, 5)
        vals = []
        for _ in range(n):
            s = rnd.random()
            if s < 0.8: vals.append(json.dumps(rnd.choice(plain), ensure_ascii=False))
            elif s < 0.9: vals.append(rnd.choice(esc))
            elif s < 0.95: vals.append(rnd.choice(["1", "1.0", "10e-1", "2"]))
            else: vals.append("null")
        sp = rnd.choice(["", "", " ", "\t "])
        sep = rnd.choice([",", ",", ", ", " ,\t"])
        f.write('{"id":"%d","tags":[%s%s%s]}\n' % (i, sp, sep.join(vals), sp))
X
python3 - "$T/mix" <<'X' >"$T/mixwant"
import collections, json, sys
c = collections.Counter()
for l in open(sys.argv[1]):
    v = json.loads(l).get("tags")
    vals = {x for x in v if x is not None} if isinstance(v, list) else {v}
    for x in vals or {None}: c[x] += 1
print(json.dumps(sorted([[repr(k), n] for k, n in c.items()])))
X
sed -n '1,9000p' "$T/mix" >"$T/m1"; sed -n '9001,$p' "$T/mix" >"$T/m2"
for j in 1 3 merge; do
	if [ $j = merge ]; then
		for m in m1 m2; do ni-summarize -b tags --partial "$T/$m" >"$T/$m.part"; done
		cat "$T/m2.part" "$T/m1.part" | ni-summarize -b tags --merge >"$T/mixgot"
	else
		ni-summarize -j $j -b tags "$T/mix" >"$T/mixgot"
	fi
	python3 - "$T/mixgot" "$T/mixwant" <<'X' >"$T/mixchk"
import collections, json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
got = collections.Counter()
for r in rows: got[r["tags"]] += r["count"]
want = json.load(open(sys.argv[2]))
have = sorted([[repr(k), n] for k, n in got.items()])
print("ok" if len(rows) == len(got) and have == want else "want %s got %s" % (want, have))
X
	eq "summarize -b tags fast path keys (-j $j)" "$(cut -c1-400 "$T/mixchk")" ok
done
