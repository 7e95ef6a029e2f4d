# ni-parse --sfeed: real sfeed(1) on the fixture feeds in examples/feeds,
# the records checked against an independent Python reading of the TSV.
. "$NI_TESTS/lib.sh"
top=$(cd "$NI_TESTS/.." && pwd)
F=$top/examples/feeds
export NI_NOW=2026-11-28T06:00:00Z
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
if ! command -v sfeed >/dev/null 2>&1; then
	ko "sfeed missing" "install sfeed (apt-get install sfeed)"
	return 0 2>/dev/null || exit 0
fi
mkdir -p "$T/feeds"
sfeed <"$F/shop_news.rss" >"$T/feeds/shop_news"; rc_is "sfeed reads the RSS fixture" $? 0
sfeed https://wire.example/ <"$F/ai_wire.atom" >"$T/feeds/ai_wire"; rc_is "sfeed reads the Atom fixture" $? 0
(cd "$T/feeds" && ni-parse --sfeed shop_news ai_wire) >"$T/out" 2>"$T/err"
rc_is "ni-parse --sfeed" $? 0
same "ni-parse --sfeed is quiet" "$T/err" /dev/null

# the same fields read from the TSV by Python, independently
cat >"$T/check.py" <<'X'
import datetime, html, json, re, sys
feeds, out = sys.argv[1], sys.argv[2]
recs = [json.loads(l) for l in open(out, encoding="utf-8")]
want = []
for name in ("shop_news", "ai_wire"):
    for line in open(feeds + "/" + name, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        f += [""] * (9 - len(f))
        unesc = lambda s: re.sub(r"\\([nt\\])",
                                 lambda m: {"n": "\n", "t": "\t", "\\": "\\"}[m.group(1)], s)
        r = {"_path": name, "source_id": name}
        if f[0]:
            r["date_published"] = datetime.datetime.fromtimestamp(
                int(f[0]), datetime.timezone.utc).strftime("%Y-%m-%d")
        r["date_ingested"] = "2026-11-28T06:00:00Z"
        if f[1].strip(): r["title"] = f[1].strip()
        if f[2].strip(): r["canonical_url"] = f[2].strip()
        if f[3]:
            c = unesc(f[3])
            if f[4] == "html":
                t = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", c, flags=re.S)
                t = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", t)).split())
            else:
                t = c.strip()
            if t: r["summary"] = t
            r["content"] = c
            if f[4]: r["content_type"] = f[4]
        for i, k in ((5, "guid"), (6, "author"), (7, "enclosure")):
            if f[i]: r[k] = f[i]
        if f[8]: r["feed_categories"] = [c for c in f[8].split("|") if c]
        want.append(r)
bad = 0
if len(recs) != len(want):
    print("count", len(recs), len(want)); bad = 1
for a, b in zip(recs, want):
    if a != b:
        print("got ", json.dumps(a, ensure_ascii=False)); print("want", json.dumps(b, ensure_ascii=False)); bad = 1
sys.exit(bad)
X
$PY "$T/check.py" "$T/feeds" "$T/out" >"$T/diff" 2>&1
rc_is "records equal an independent reading of the TSV" $? 0
[ -s "$T/diff" ] && head -6 "$T/diff" >&2
eq "11 entries in, 11 records out" "$(wc -l <"$T/out")" 11

# the hostile cases, named
j() { $PY -c 'import json,sys
rs=[json.loads(l) for l in open(sys.argv[1],encoding="utf-8")]
print(eval(sys.argv[2]))' "$T/out" "$1"; }
eq "hostile title kept verbatim (data, not markup)" \
	"$(j 'rs[1]["title"]')" '<script>alert("x")</script> Hostile title   over lines & "quotes"'
eq "script text is not summary text" "$(j '"alert" in rs[0]["summary"]')" False
eq "sfeed escapes undone (TAB, newline, backslash)" \
	"$(j '"Tabs" + chr(9) + "and" + chr(10) + "newlines and a back" + chr(92) + "slash" in rs[0]["content"]')" True
eq "Korean title byte for byte" "$(j 'rs[4]["title"]')" "카카오, AI 에이전트 결제 시범 서비스 — 한국어 제목"
eq "no date: date_published left out" "$(j '"date_published" in rs[2]')" False
eq "relative link without a base stays as written" "$(j 'rs[1]["canonical_url"]')" "/2026/11/relative-link"
eq "relative link with sfeed's base URL is absolute" "$(j 'rs[7]["canonical_url"]')" "https://wire.example/relative/path"
eq "duplicate links both kept" "$(j 'sum(r.get("canonical_url") == "https://wire.example/gpt6-preview" for r in rs)')" 2
eq "a zone offset counts in UTC" "$(j 'rs[1]["date_published"]')" "2026-11-27"

# --source; stdin has no file name
ni-parse --sfeed --source mine "$T/feeds/ai_wire" | head -1 >"$T/o1"
has "--source names the source" "$T/o1" '"source_id":"mine"'
ni-parse --sfeed <"$T/feeds/ai_wire" | head -1 >"$T/o2"
hasnt "stdin without --source: no source_id" "$T/o2" 'source_id'

# bad lines: reported with FILE:LINE, the rest flows, exit 2
{ head -2 "$T/feeds/ai_wire"; printf 'notatime\tTitle\thttps://x.example/\n'; printf 'only\n';
  printf '1\tt\tl\t\t\t\t\t\t\textra\n'; printf '1\tbad \377 utf8\thttps://x.example/\n';
  tail -1 "$T/feeds/ai_wire"; } >"$T/bad"
ni-parse --sfeed --rejects "$T/rej" "$T/bad" >"$T/o3" 2>"$T/e3"
rc_is "bad lines: exit 2" $? 2
eq "bad lines: the 3 good ones written" "$(wc -l <"$T/o3")" 3
has "bad timestamp named with FILE:LINE:COL" "$T/e3" "^ni-parse: $T/bad:3:1: timestamp is not a UNIX time"
has "too few fields named" "$T/e3" "bad:4: fewer than 3"
has "too many fields named" "$T/e3" "bad:5:[0-9]+: more than 9"
has "invalid UTF-8 named" "$T/e3" "bad:6:[0-9]+: "
eq "rejects: one line per bad line" "$(wc -l <"$T/rej")" 4

# out-of-range timestamps: an error, never a malformed date (issue 22 #7)
printf '253402300800\tFar\thttps://x.example/far\n-99999999999\tPast\thttps://x.example/past\n99999999999999999999999\tHuge\thttps://x.example/huge\n253402300799\tLast\thttps://x.example/last\n-62135596800\tFirst\thttps://x.example/first\n' >"$T/range"
ni-parse --sfeed "$T/range" >"$T/o7" 2>"$T/e7"
rc_is "sfeed-date-range: out-of-range timestamps are exit 2" $? 2
eq "sfeed-date-range: one error per bad line" "$(grep -c 'timestamp out of range' "$T/e7")" 3
has "sfeed-date-range: the error names FILE:LINE:COL" "$T/e7" "range:1:1: timestamp out of range"
$PY - "$T/o7" <<'X' && ok "sfeed-date-range: the in-range edges are the days Python computes" || ko "sfeed-date-range: edges"
import datetime, json, sys
rs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
day = lambda t: datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d")
assert [r["date_published"] for r in rs] == [day(253402300799), "0001-01-01"], rs
X

# ni-parse(1) FEEDS lists exactly the keys --sfeed writes (issue 22 #14)
printf '1700000000\tT\thttps://x.example/a\t<p>c</p>\thtml\tg1\tme\thttps://x.example/e.mp3\ta|b\n' |
	ni-parse --sfeed --source s >"$T/all"
sed -n '/^\.Sh FEEDS/,/^\.Sh /p' "$top/man/ni-parse.1" | sed -n 's/^\.It Li //p' >"$T/feeds.keys"
$PY -c 'import json,sys; print("\n".join(json.loads(open(sys.argv[1]).read())))' "$T/all" >"$T/all.keys"
same "sfeed-man-feeds: ni-parse(1) FEEDS names every key, in order" "$T/feeds.keys" "$T/all.keys"

# usage and output errors
ni-parse --source x "$T/bad" >/dev/null 2>"$T/e4"; rc_is "--source without --sfeed is a usage error" $? 2
ni-parse --sfeed --check "$T/bad" >/dev/null 2>"$T/e5"; rc_is "--sfeed --check is a usage error" $? 2
has "usage error says why" "$T/e5" "do not apply"
ni-parse --sfeed "$T/feeds/ai_wire" >/dev/full 2>/dev/null; rc_is "/dev/full is exit 2" $? 2
for i in 1 2 3 4 5 6 7 8; do cat "$T/feeds/shop_news"; done >"$T/many"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$T/many" "$T/many"; done >"$T/more"
ni-parse --sfeed "$T/more" 2>"$T/e6" | head -1 >/dev/null
same "| head ends quietly" "$T/e6" /dev/null

# the collector's jobs 3-5 on what sfeed collected (examples/jobs), each
# step against its Python port (tests/jobs/port.py)
J=$top/examples/jobs
port() { $PY "$top/tests/jobs/port.py" "$@"; }
sh "$J/03-seen.sh" "$top/examples/items" "$T/out" >"$T/s3" 2>/dev/null
port 03 "$top/examples/items" "$T/out" >"$T/s3.want"
$PY "$top/tests/jobs/compare.py" "$T/s3" "$T/s3.want" && ok "sfeed -> job 3: unseen links, duplicates once" || ko "sfeed -> job 3"
eq "sfeed -> job 3: the two repeated links are dropped" "$(wc -l <"$T/s3")" 9
sh "$J/04-relevance.sh" "$top/examples/items" "$T/s3" >"$T/s4" 2>/dev/null
port 04 "$T/s3" >"$T/s4.want"
$PY "$top/tests/jobs/compare.py" "$T/s4" "$T/s4.want" && ok "sfeed -> job 4: scored, the weather report dropped" || ko "sfeed -> job 4"
hasnt "sfeed -> job 4: no weather" "$T/s4" 'Weather report'
sh "$J/05-caps.sh" "$top/examples/items" "$T/s4" >"$T/s5" 2>/dev/null
port 05 "$T/s4" >"$T/s5.want"
$PY "$top/tests/jobs/compare.py" "$T/s5" "$T/s5.want" && ok "sfeed -> job 5: capped and ordered by score, date" || ko "sfeed -> job 5"
hasnt "sfeed -> job 5: a title of 10 characters or less is dropped" "$T/s5" '"title":"Short"'
has "sfeed -> job 5: an undated entry is dated today" "$T/s5" '"date_published":"2026-11-28"'

# the cookbook recipe: sfeed files in, jobs 3-5, the day's candidates out
FEEDS=$T/feeds ITEMS=$top/examples/items OUT=$T/collected sh "$top/examples/cron/collect.sh" 2>/dev/null
rc_is "collect.sh (sfeed files -> jobs 3-5)" $? 0
ni-parse --sfeed "$T/feeds"/* >"$T/c0"   # the feeds in the recipe's order
port 03 "$top/examples/items" "$T/c0" >"$T/c3"; port 04 "$T/c3" >"$T/c4"; port 05 "$T/c4" >"$T/c5"
$PY "$top/tests/jobs/compare.py" "$T/collected" "$T/c5" >"$T/cc" && ok "collect.sh writes what jobs 3-5 give" || ko "collect.sh output" "$(head -2 "$T/cc")"

# ---- ni-render -f sfeed: sfeed(5) out, read back by sfeed's own tools,
# by ni-parse --sfeed and by Python; hostile text stays in its field ----
cat >"$T/items.nd" <<'X'
{"id":"s1","title":"  Tab\there and\na break  ","canonical_url":"https://e.example/a?x=1&y=2","date_published":"2026-11-02","source_id":"wire","source_name":"The Wire","summary":"line one\nline two\twith a \\ backslash","tags":["ai","a|b","","  "]}
{"id":"s2","title":"한국어 제목 \u0007bell","date_published":"2026-11-03T09:30:00+09:00","source_id":"kr","canonical_url":"","summary_ko":"요약","tags":null}
{"id":"s3","title":"no date","canonical_url":"https://e.example/c","summary":""}
X
ni-render -f sfeed "$T/items.nd" >"$T/sf.tsv" 2>"$T/sf.err"
rc_is "render sfeed rc" $? 0
same "render sfeed quiet" "$T/sf.err" /dev/null
cat >"$T/sfcheck.py" <<'X'
import datetime, json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
assert lines[-1] == "", "ends with a newline"
lines = lines[:-1]
assert len(lines) == len(recs), (len(lines), len(recs))
def field(s):
    s = "".join(" " if c in "\t\n\r\v\f" else c for c in s if c in "\t\n\r\v\f" or (ord(c) >= 32 and ord(c) != 127))
    return s.strip(" ")
for r, l in zip(recs, lines):
    f = l.split("\t")
    assert len(f) == 9, (len(f), l)
    d = r.get("date_published", "")
    if d:
        t = datetime.datetime.fromisoformat(d if "T" in d else d + "T00:00:00+00:00")
        assert f[0] == str(int(t.timestamp())), (f[0], d)
    else:
        assert f[0] == "", f[0]
    assert f[1] == field(r["title"]), (f[1], r["title"])
    u = r.get("canonical_url", "")
    assert f[2] == (u if u.startswith("https://") else ""), f[2]
    s = r.get("summary") or r.get("summary_en") or r.get("summary_ko") or ""
    esc = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    assert f[3] == esc, (f[3], esc)
    assert f[4] == ("plain" if s else ""), f[4]
    assert f[6] == r.get("source_name", r.get("source_id", "")), f[6]
    assert f[7] == "", f[7]
    tags = [field(t).replace("|", "") for t in (r.get("tags") or [])]
    assert f[8] == "|".join(t for t in tags if t), f[8]
print("ok")
X
$PY "$T/sfcheck.py" "$T/items.nd" "$T/sf.tsv" >"$T/sfc" 2>&1
has "render sfeed fields (Python reads the TSV)" "$T/sfc" '^ok$'
# sfeed's own reader: one entry a line, the titles as written
LC_ALL=C.UTF-8 sfeed_plain "$T/sf.tsv" >"$T/plain" 2>"$T/plain.err"
rc_is "render sfeed: sfeed_plain reads it" $? 0
eq "render sfeed: sfeed_plain's entries" "$(grep -c . "$T/plain")" 3
has "render sfeed: sfeed_plain shows the Korean title" "$T/plain" '한국어 제목'
# and back: ni-parse --sfeed gives the title, link, day and content again
ni-parse --sfeed "$T/sf.tsv" >"$T/back.nd" 2>"$T/back.err"
rc_is "render sfeed: ni-parse --sfeed reads it back" $? 0
cat >"$T/back.py" <<'X'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
b = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(a) == len(b)
assert b[0]["content"] == a[0]["summary"], (b[0]["content"], a[0]["summary"])
assert b[0]["canonical_url"] == a[0]["canonical_url"]
assert b[0]["date_published"] == "2026-11-02"
assert b[1]["date_published"] == "2026-11-03"
assert b[0]["feed_categories"] == ["ai", "ab"]
assert b[1]["title"] == "한국어 제목 bell", b[1]["title"]
print("ok")
X
$PY "$T/back.py" "$T/items.nd" "$T/back.nd" >"$T/bk" 2>&1
has "render sfeed: round trip through ni-parse --sfeed" "$T/bk" '^ok$'
# a date_published that is no date is said, and the line still written
printf '%s\n' '{"id":"x","title":"t","date_published":"soon"}' | ni-render -f sfeed >"$T/bad.tsv" 2>"$T/bad.err"
rc_is "render sfeed: a bad date is an error" $? 2
has "render sfeed: a bad date is said" "$T/bad.err" '^ni-render: -:1: date_published is not a date'
eq "render sfeed: a bad date's line is written" "$(cut -f1,2 "$T/bad.tsv")" "$(printf '\tt')"
# the corpus: items in = lines out, each of nine fields
if [ -d "${NI_CORPUS:-$top/../shared/corpus}/daily" ] && [ -z "${NI_NO_CORPUS:-}" ]; then
	C=${NI_CORPUS:-$top/../shared/corpus}
	ni-parse "$C/daily" 2>/dev/null >"$T/corpus.nd"
	ni-render -f sfeed "$T/corpus.nd" >"$T/corpus.tsv" 2>"$T/corpus.err"
	eq "render sfeed corpus: items in = lines out" "$(wc -l <"$T/corpus.tsv")" "$(wc -l <"$T/corpus.nd")"
	eq "render sfeed corpus: nine fields a line" "$(awk -F'\t' 'NF != 9' "$T/corpus.tsv" | wc -l)" 0
	eq "render sfeed corpus: sfeed_plain's entries" "$(sfeed_plain "$T/corpus.tsv" | wc -l)" "$(wc -l <"$T/corpus.nd")"
fi
