# Issue 11, output side: each wrong result found on real data, as a test
# named after what it protects.  Checked with independent readers
# (Python json, csv, email, html.parser; feedparser) wherever possible.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3   # Debian's modules
export NI_NOW=2026-11-28T09:00:00Z
S=$NI_TESTS/summarize
Rd=$NI_TESTS/render

# ---- 1. summary rows are content: -o writes them ----
ni-summarize -b tags "$S/items.ndjson" >"$T/rows"
for f in html svg csv; do
	rm -f "$T/d.$f"
	ni-render -f $f -o "$T/d.$f" "$T/rows" 2>"$T/err"
	rc_is "summary rows are content: -f $f -o rc" $? 0
	[ -s "$T/d.$f" ] && ok "summary rows are content: -f $f -o writes the file" ||
		ko "summary rows are content: -f $f -o writes the file" "$(cat "$T/err")"
done
$PY - "$T/d.csv" "$T/rows" <<'X' && ok "summary rows are content: csv -o has every row" || ko "summary rows are content: csv -o rows"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
want = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
sys.exit(0 if len(rows) == len(want) + 1 and [int(r[1]) for r in rows[1:]] == [w["count"] for w in want] else 1)
X

# ---- 2. quoted-printable never writes a line holding only "." ----
qp_check() { # NAME NDJSON LANG
	ni-render -f email -l "$3" "$2" >"$T/m" 2>/dev/null
	ni-render -f text --width 72 --color never -l "$3" "$2" >"$T/m.text" 2>/dev/null
	$PY - "$T/m" "$T/m.text" "$2" "$3" <<'X' >"$T/r" 2>&1 && ok "$1" || ko "$1" "$(head -3 "$T/r")"
import email, html.parser, json, sys
raw = open(sys.argv[1], "rb").read()
dots = [i for i, l in enumerate(raw.split(b"\n")) if l in (b".", b".\r")]
if dots:
    sys.exit("lines holding only '.': %d (first at %d)" % (len(dots), dots[0] + 1))
long = [l for l in raw.split(b"\n") if len(l) > 78]
if long:
    sys.exit("a line of %d bytes" % len(long[0]))
msg = email.message_from_bytes(raw)
parts = {p.get_content_type(): p.get_payload(decode=True) for p in msg.walk() if not p.is_multipart()}
want = open(sys.argv[2], "rb").read()
if parts.get("text/plain") != want:
    sys.exit("text/plain part differs from the source (%d vs %d bytes)" % (len(parts.get("text/plain") or b""), len(want)))
# the HTML part (the letter's own layout): its text holds every record's
# summary in the letter's language, whole, dots and all
class T(html.parser.HTMLParser):
    out = []
    def handle_data(self, d): self.out.append(d)
t = T(); t.feed(parts["text/html"].decode("utf-8"))
shown = " ".join(" ".join(t.out).split())
lang, other = sys.argv[4], {"en": "ko", "ko": "en"}[sys.argv[4]]
for l in open(sys.argv[3], encoding="utf-8"):
    r = json.loads(l)
    s = r.get("summary_" + lang) or r.get("summary") or r.get("summary_" + other)
    if isinstance(s, str) and s.strip() and " ".join(s.split()) not in shown:
        sys.exit("text/html part lacks the summary of %s" % r.get("id"))
X
}
$PY -c '
import json
# a "." that lands on a soft line break in the text part
for n in range(40, 120):
    print(json.dumps({"id": "d%d" % n, "title": "t", "date_published": "2026-01-01",
                      "summary": "a" * n + ". b" + "." * 3 + "\n.\nend"}))' >"$T/dots.ndjson"
qp_check "qp: no lone '.' line, decoded parts equal the source (dots)" "$T/dots.ndjson" en
if [ -n "${NI_CORPUS:-}" ]; then
	ni-parse "$NI_CORPUS/daily" >"$T/daily.ndjson" 2>/dev/null
	for l in ko en; do
		qp_check "qp: corpus daily in $l: no lone '.' line, decoded parts equal the source" "$T/daily.ndjson" $l
	done
fi

# ---- 4. derived group keys get distinct, documented names ----
for by in 'domain(canonical_url),domain(source_url)' 'tags,lower(tags)'; do
	ni-summarize -b "$by" "$S/items.ndjson" >"$T/k" 2>"$T/err"
	rc_is "derived keys: -b $by rc" $? 0
	$PY - "$T/k" <<'X' >"$T/r" 2>&1 && ok "derived keys: -b $by rows have no duplicate key" || ko "derived keys: -b $by" "$(cat "$T/r")"
import json, sys
def pairs(p):
    keys = [k for k, _ in p]
    if len(keys) != len(set(keys)):
        raise SystemExit("duplicate key in %s" % keys)
    return dict(p)
n = 0
for l in open(sys.argv[1], encoding="utf-8"):
    json.loads(l, object_pairs_hook=pairs); n += 1
sys.exit(0 if n else "no rows")
X
	ni-render -f csv "$T/k" >/dev/null 2>"$T/err"
	rc_is "derived keys: -b $by rows render" $? 0
done
ni-summarize -b 'domain(canonical_url),domain(source_url)' "$S/items.ndjson" >"$T/k"
has "derived keys: domain(F) is named domain_F" "$T/k" '"domain_canonical_url":.*"domain_source_url":'
ni-summarize -b 'tags,lower(tags)' "$S/items.ndjson" >"$T/k"
ni-render -F '{tags}={lower(tags)}' "$T/k" >"$T/o"
$PY - "$T/k" "$T/o" <<'X' && ok "derived keys: {lower(tags)} reads lower_tags in templates" || ko "derived keys: {lower(tags)} in templates" "$(head -3 "$T/o")"
import json, sys
want = ["%s=%s" % (r["tags"] or "", r["lower_tags"] or "") for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
got = open(sys.argv[2], encoding="utf-8").read().splitlines()
sys.exit(0 if got == want and len(want) > 2 else 1)
X
ni-summarize -b tags,tags "$S/items.ndjson" >/dev/null 2>&1
rc_is "derived keys: two keys of one name are a usage error" $? 2

# ---- 6. RSS <description> shows the text, never markup ----
printf '%s\n' '{"id":"a","title":"T","date_published":"2026-01-01","canonical_url":"https://e.example/a","summary":"<img src=\"http://x.example/y.png\"> & <b>bold</b> 한국어"}' >"$T/rss.ndjson"
ni-render -f rss "$T/rss.ndjson" >"$T/f.rss"
$PY - "$T/f.rss" "$T/rss.ndjson" <<'X' >"$T/r" 2>&1 && ok "rss description: feedparser shows the source text, no element" || ko "rss description" "$(cat "$T/r")"
import feedparser, html.parser, json, sys
e = feedparser.parse(sys.argv[1]).entries[0]
src = json.loads(open(sys.argv[2], encoding="utf-8").readline())["summary"]
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(convert_charrefs=True); s.tags = []; s.text = ""
    def handle_starttag(s, t, a): s.tags.append(t)
    def handle_data(s, d): s.text += d
p = P(); p.feed(e.summary); p.close()
if p.tags: sys.exit("elements in the description: %s" % p.tags)
sys.exit(0 if p.text == src else "text %r != %r" % (p.text, src))
X

# ---- 8. --trend with --partial/--merge works without NI_NOW ----
$PY -c '
import json, datetime
now = datetime.datetime.now(datetime.timezone.utc)
for i in range(12):
    d = (now - datetime.timedelta(days=i, hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    print(json.dumps({"id": "t%d" % i, "date_published": d, "tags": ["a", "b"][: 1 + i % 2]}))' >"$T/tr"
sed -n 1,6p "$T/tr" >"$T/tr1"; sed -n '7,$p' "$T/tr" >"$T/tr2"
(
	unset NI_NOW
	ni-summarize -b tags --trend 3d --partial "$T/tr1" >"$T/tr1.p" &&
	sleep 1 &&
	ni-summarize -b tags --trend 3d --partial "$T/tr2" >"$T/tr2.p" &&
	cat "$T/tr1.p" "$T/tr2.p" | ni-summarize -b tags --trend 3d --merge >"$T/trm" 2>"$T/err"
	echo $? >"$T/trrc"
	ni-summarize -b tags --trend 3d "$T/tr" >"$T/trs"
)
rc_is "trend: partials made a second apart merge without NI_NOW" "$(cat "$T/trrc")" 0
same "trend: merged partials equal one run" "$T/trm" "$T/trs"

# ---- 9. --top N --sort key selects the N largest groups, then orders ----
$PY -c '
import json
for t, n in (("a", 1), ("b", 3), ("c", 2), ("z", 5)):
    for i in range(n):
        print(json.dumps({"id": "%s%d" % (t, i), "tags": [t]}))' >"$T/top"
ni-summarize -b tags --top 2 --sort key "$T/top" >"$T/o"
$PY - "$T/o" "$T/top" <<'X' && ok "--top 2 --sort key: the two largest groups, in key order" || ko "--top --sort key" "$(cat "$T/o")"
import json, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1])]
c = collections.Counter(t for l in open(sys.argv[2]) for t in json.loads(l)["tags"])
want = sorted(t for t, _ in c.most_common(2))
sys.exit(0 if [r["tags"] for r in rows] == want else 1)
X

# ---- 10. near-linear time: 10x the input takes at most ~15x the time ----
$PY - <<'X' >"$T/r" 2>&1 && ok "scaling: -b tags on one record with 40k tags, and a 1.6 MB word in text output" || ko "scaling" "$(cat "$T/r")"
import json, os, subprocess, sys, time, tempfile
d = tempfile.mkdtemp(dir=os.environ.get("T"))
def best(cmd, path):
    t = []
    for _ in range(5):
        s = time.perf_counter()
        subprocess.run(cmd + [path], stdout=subprocess.DEVNULL, check=True)
        t.append(time.perf_counter() - s)
    return min(t)
def write(name, rec):
    p = os.path.join(d, name)
    open(p, "w").write(json.dumps(rec) + "\n")
    return p
bad = []
for n in (4000, 40000):
    write("tags%d" % n, {"id": "x", "tags": ["tag-%d" % i for i in range(n)]})
    write("word%d" % n, {"title": "w" * (n * 40), "date_published": "2026-01-01"})
for name, cmd in (("tags", ["ni-summarize", "-j1", "-b", "tags"]), ("word", ["ni-render", "-f", "text", "--width", "80"])):
    a = best(cmd, os.path.join(d, name + "4000"))
    b = best(cmd, os.path.join(d, name + "40000"))
    if b > 15 * max(a, 0.005):
        bad.append("%s: %.3fs -> %.3fs (x%.1f)" % (name, a, b, b / a))
sys.exit("; ".join(bad) if bad else 0)
X

# ---- 13. -F prints one line per record; width measured on what is printed ----
printf '%s\n' '{"t":"a\nb"}' '{"t":"c\r\nd"}' '{"t":"e\u2028f\tg"}' '{"t":"x\u001by"}' \
	'{"t":"👨‍👩‍👧"}' '{"t":"🇰🇷"}' '{"t":"한국"}' '{"t":"e\u0301"}' >"$T/nl"
ni-render -F '[{t:-8}]' "$T/nl" >"$T/o"
eq "-F: a line break in a value never splits the record" "$(wc -l <"$T/o")" 8
$PY - "$T/o" <<'X' >"$T/r" 2>&1 && ok "-F: every padded column is 8 terminal columns wide" || ko "-F widths" "$(cat "$T/r")"
import sys, unicodedata
def width(s):
    # grapheme clusters as terminals draw them: wide (W/F) or emoji = 2
    w, i = 0, 0
    while i < len(s):
        c = s[i]; j = i + 1
        while j < len(s) and (unicodedata.combining(s[j]) or s[j] in "\u200d\ufe0f" or
                              (s[j - 1] == "\u200d") or
                              ("\U0001F1E6" <= s[j] <= "\U0001F1FF" and "\U0001F1E6" <= c <= "\U0001F1FF" and j == i + 1)):
            j += 1
        cl = s[i:j]
        wide = unicodedata.east_asian_width(c) in "WF" or "\u200d" in cl or "\U0001F1E6" <= c <= "\U0001F1FF"
        w += 2 if wide else 1
        i = j
    return w
bad = []
for l in open(sys.argv[1], encoding="utf-8").read().splitlines():
    body = l[1:-1]
    if "\r" in body or "\t" in body or "\x1b" in body or "\u2028" in body:
        bad.append("raw control in %r" % l)
    elif width(body) != 8:
        bad.append("%r is %d columns" % (l, width(body)))
sys.exit("; ".join(bad) if bad else 0)
X
hasnt "-F: CRLF is one space, not U+FFFD" "$T/o" '�d'

# ---- 14. templates: |json is valid JSON wherever it is written ----
printf '%s\n' '{"s":"한국어 text with \"quotes\" and more","tags":["a","b"],"n":3}' >"$T/j"
ni-render -F '{s|trunc:10|json} {s|json|trunc:10} {tags|json} {n|json} {missing|json} {tags|count|json}' "$T/j" >"$T/o"
$PY - "$T/o" "$T/j" <<'X' >"$T/r" 2>&1 && ok "template: |json and |trunc in either order give valid JSON" || ko "template json" "$(cat "$T/r") $(cat "$T/o")"
import json, sys
rec = json.loads(open(sys.argv[2], encoding="utf-8").readline())
line = open(sys.argv[1], encoding="utf-8").readline().rstrip("\n")
dec = json.JSONDecoder(); vals = []; i = 0
while i < len(line):
    v, i = dec.raw_decode(line, i); vals.append(v)
    while i < len(line) and line[i] == " ": i += 1
a, b, tags, n, missing, count = vals
ok = a == b and a.endswith("…") and rec["s"].startswith(a[:-1]) and len(a) > 3 and tags == rec["tags"] and n == 3 and missing is None and count == 2
sys.exit(0 if ok else repr(vals))
X
printf '%s\n' '{count} items, {first} to {last}' '{#item}' '- {title}' '{/item}' 'end' >"$T/head.tpl"
ni-render -T "$T/head.tpl" "$Rd/items.ndjson" >"$T/o"
$PY - "$T/o" "$Rd/items.ndjson" <<'X' && ok "template: -T header {count} {first} {last} are the document's" || ko "template header totals" "$(head -1 "$T/o")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
ds = sorted(r["date_published"][:10] for r in recs)
want = "%d items, %s to %s" % (len(recs), ds[0], ds[-1])
sys.exit(0 if open(sys.argv[1], encoding="utf-8").readline().rstrip("\n") == want else 1)
X
# -F lines are expanded by the workers, which skip each item's date when
# no header or footer shows the range: here both do, over several batches
$PY - "$T/many" <<'X'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(6000):
        d = "20%02d-%02d-%02dT0%d:00:00Z" % (10 + i * 7 % 17, 1 + i % 12, 1 + i * 5 % 28, i % 10)
        f.write(json.dumps({"id": "r%d" % i, "title": "t%d %s" % (i, "x" * 300), "date_published": d}) + "\n")
X
printf '%s\n' 'from {first}' '{#item}' '{title}' '{/item}' '{count} to {last}' >"$T/range.tpl"
for j in 1 2 3; do
	ni-render -j $j -F '{id}' -T "$T/range.tpl" "$T/many" >"$T/o.$j"
done
$PY - "$T/o.2" "$T/many" <<'X' && ok "template: -F with a header and footer showing {first} {last} over batches" || ko "-F range" "$(head -1 "$T/o.2") $(tail -1 "$T/o.2")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
ds = sorted(r["date_published"][:10] for r in recs)
out = open(sys.argv[1], encoding="utf-8").read().split("\n")
want = ["from " + ds[0]] + [r["id"] for r in recs] + ["%d to %s" % (len(recs), ds[-1]), ""]
sys.exit(0 if out == want else 1)
X
cmp -s "$T/o.1" "$T/o.2" && cmp -s "$T/o.1" "$T/o.3" && ok "template: -F with range, -j 1/2/3 the same" || ko "-F range -j"
ni-render -v -F '{titel} {title}' "$Rd/items.ndjson" >/dev/null 2>"$T/err"
has "template: -v names a field no record has" "$T/err" "titel"
hasnt "template: -v does not name a field records have" "$T/err" "'title'"
ni-render -F '{titel}' "$Rd/items.ndjson" >/dev/null 2>"$T/err"
printf '%s\n' 'ni-render: warning: no record has a field "titel" (did you mean "title"?)' >"$T/err.want"
same "template: without -v, one warning names the field and the closest one" "$T/err" "$T/err.want"

# ---- 15. a field that exists is used as named ----
printf '%s\n' '{"id":"1","title":"plain","title_en":"english","title_ko":"한국어","date_published":"2026-01-01","summary_ko":"요약"}' >"$T/named"
eq "named field: -F {title} is title" "$(ni-render -F '{title}' "$T/named")" plain
eq "named field: -F {title} -l ko is title" "$(ni-render -l ko -F '{title}' "$T/named")" plain
eq "named field: {title@ko} asks for the language" "$(ni-render -F '{title@ko}' "$T/named")" 한국어
eq "named field: absent summary falls back to summary_ko" "$(ni-render -l ko -F '{summary}' "$T/named")" 요약
ni-render -f csv --fields title "$T/named" >"$T/o"
$PY -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))); sys.exit(r[1] != ["plain"])' "$T/o" &&
	ok "named field: --fields title is title" || ko "named field: --fields title" "$(cat "$T/o")"
ni-render -f md --group-by title "$T/named" >"$T/o"
has "named field: --group-by title uses title" "$T/o" '^## plain$'
printf '{title}\n' >"$T/t.tpl"
eq "named field: -T {title} is title" "$(ni-render -T "$T/t.tpl" "$T/named")" plain

# ---- 16. silent no-ops are usage errors or work ----
ni-summarize --items 7 "$S/items.ndjson" >/dev/null 2>&1
rc_is "no-op: ni-summarize --items without -b is a usage error" $? 2
ni-summarize --top 3 "$S/items.ndjson" >/dev/null 2>&1
rc_is "no-op: ni-summarize --top without -b is a usage error" $? 2
ni-render -f json --fields id "$Rd/items.ndjson" >/dev/null 2>&1
rc_is "no-op: ni-render -f json --fields is a usage error" $? 2
ni-render -f svg --title 'Tags this week' "$T/rows" >"$T/o.svg"
$PY -c '
import sys, xml.etree.ElementTree as E
t = E.parse(sys.argv[1]).getroot().find("{http://www.w3.org/2000/svg}title")
sys.exit(t is None or t.text != "Tags this week")' "$T/o.svg" && ok "no-op: ni-render -f svg --title titles the chart" || ko "svg --title"
for tool in ni-summarize ni-render; do
	$tool --tz Mars/Olympus_Mons "$S/items.ndjson" >/dev/null 2>"$T/err"
	rc_is "no-op: $tool --tz with an unknown zone is a usage error" $? 2
	$tool --tz Asia/Seoul "$S/items.ndjson" >/dev/null 2>&1
	rc_is "no-op: $tool --tz Asia/Seoul still works" $? 0
done
NI_LANG='en"><script>' ni-render -f html "$Rd/items.ndjson" >"$T/o" 2>/dev/null
rc_is "no-op: an invalid NI_LANG is a usage error" $? 2
NI_LANG=ko ni-render -f html "$Rd/items.ndjson" >"$T/o"
has "no-op: a valid NI_LANG is used" "$T/o" '<html lang="ko">'

# ---- 17. share is within the parent group ----
ni-summarize -b week,tags "$S/items.ndjson" >"$T/o"
$PY - "$T/o" "$S/items.ndjson" <<'X' >"$T/r" 2>&1 && ok "share: a grouped row's share is of its parent group" || ko "share" "$(cat "$T/r")"
import json, sys, datetime, collections
weeks = collections.Counter()
for l in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(l)
    try:
        d = datetime.date.fromisoformat(str(r.get("date_published"))[:10])
        y, w, _ = d.isocalendar(); weeks["%d-W%02d" % (y, w)] += 1
    except ValueError:
        pass
bad = []
for r in map(json.loads, open(sys.argv[1], encoding="utf-8")):
    if r["week"] in weeks and abs(r["share"] - r["count"] / weeks[r["week"]]) > 1e-12:
        bad.append("%s/%s: %s != %d/%d" % (r["week"], r["tags"], r["share"], r["count"], weeks[r["week"]]))
sys.exit("; ".join(bad) if bad or not weeks else 0)
X

# ---- 18. --group-by with --limit prints no empty section ----
ni-render -f md --group-by source_id --limit 2 "$Rd/items.ndjson" >"$T/o"
$PY - "$T/o" <<'X' && ok "--group-by --limit 2: every heading has an item under it" || ko "--group-by --limit" "$(grep -c '^## ' "$T/o") headings"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
heads = [i for i, l in enumerate(lines) if l.startswith("## ")]
items = [i for i, l in enumerate(lines) if l.startswith("### ")]
ok = len(items) == 2 and all(any(h < i and not any(h < h2 < i for h2 in heads) for i in items) for h in heads)
sys.exit(0 if ok else 1)
X

# ---- 22. encoded header lines fit 76 characters; "1 item" ----
printf '%s\n' '{"id":"1","title":"한","date_published":"2026-01-01"}' >"$T/one"
ni-render -f email --subject '이번 주 다이제스트: 에이전트 커머스가 주도하는 변화와 새로운 결제 흐름 그리고 더 많은 이야기' \
	--from '뉴스 편집팀 담당자 이름이 아주 긴 경우 <digest@example.com>' "$T/one" >"$T/m"
$PY - "$T/m" <<'X' >"$T/r" 2>&1 && ok "email: every header line is at most 76 characters, and decodes back" || ko "email header lines" "$(cat "$T/r")"
import email, email.header, sys
raw = open(sys.argv[1], "rb").read()
head = raw.split(b"\n\n", 1)[0].split(b"\n")
long = [l for l in head if len(l) > 76]
if long: sys.exit("long: %r" % long[0])
m = email.message_from_bytes(raw)
subj = str(email.header.make_header(email.header.decode_header(m["Subject"])))
frm = str(email.header.make_header(email.header.decode_header(m["From"])))
ok = subj == "이번 주 다이제스트: 에이전트 커머스가 주도하는 변화와 새로운 결제 흐름 그리고 더 많은 이야기" and frm.endswith("<digest@example.com>") and frm.startswith("뉴스 편집팀")
sys.exit(0 if ok else "%r %r" % (subj, frm))
X
ni-render -f email "$T/one" >"$T/m"
$PY -c 'import email,sys; s=email.message_from_bytes(open(sys.argv[1],"rb").read())["Subject"]; sys.exit(not s.endswith("(1 item)"))' "$T/m" &&
	ok "email: the subject says 1 item" || ko "email: 1 item"
ni-render -f md "$T/one" >"$T/o"
has "md footer says 1 item" "$T/o" '^\*1 item[,*]'

# ---- 23. a stream mixing items and summary rows: one CSV header per file ----
cat "$Rd/items.ndjson" "$T/rows" | ni-render -f csv >"$T/o" 2>"$T/err"
rc_is "csv mixed stream: exit 2" $? 2
has "csv mixed stream: says why" "$T/err" 'other columns than the header'
$PY -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
sys.exit(len(rows) < 2 or any(len(r) != len(rows[0]) for r in rows))' "$T/o" &&
	ok "csv mixed stream: every row has the header's columns" || ko "csv mixed stream rows"

# ---- identity: one feed entry per article (issue 11, section 1) ----
if [ -n "${NI_CORPUS:-}" ] && $PY -c 'import feedparser' 2>/dev/null; then
	for f in atom rss; do
		ni-render -f $f "$T/daily.ndjson" >"$T/d.$f" 2>"$T/err"
		rc_is "identity: corpus daily as $f rc" $? 0
		same "identity: corpus daily as $f is quiet (repeats are -v notes)" "$T/err" /dev/null
		$PY - "$T/d.$f" "$T/daily.ndjson" <<'X' >"$T/r" 2>&1 && ok "identity: corpus daily as $f has one entry per distinct article (feedparser)" || ko "identity: corpus $f" "$(cat "$T/r")"
import feedparser, json, sys, urllib.parse
def canon(u):
    p = urllib.parse.urlsplit(u)
    q = "&".join(x for x in p.query.split("&") if x and not (x.startswith("utm_") or x.split("=")[0] in ("fbclid", "gclid")))
    return urllib.parse.urlunsplit((p.scheme.lower(), p.netloc.lower(), p.path.rstrip("/"), q, ""))
seen = set()
for l in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(l)
    u = r.get("canonical_url")
    if isinstance(u, str) and u:
        seen.add("url " + canon(u))
    elif r.get("id") not in (None, ""):
        seen.add("id " + str(r["id"]))
    else:
        seen.add("rec " + json.dumps({k: v for k, v in r.items() if not k.startswith("_")}, sort_keys=True))
d = feedparser.parse(sys.argv[1])
ids = [e.id for e in d.entries]
if d.bozo: sys.exit("not well-formed: %s" % d.bozo_exception)
if len(ids) != len(set(ids)): sys.exit("repeated entry ids")
sys.exit(0 if len(ids) == len(seen) else "%d entries, %d distinct articles" % (len(ids), len(seen)))
X
	done
	ni-render -v -f atom "$T/daily.ndjson" >/dev/null 2>"$T/err"
	has "identity: -v notes a repeated article with its first line" "$T/err" ':[0-9]+: same article as line [0-9]+'
	ni-render -f atom --key id "$T/daily.ndjson" >"$T/k.atom" 2>/dev/null
	rc_is "identity: --key id rc" $? 0
	$PY - "$T/k.atom" "$T/daily.ndjson" <<'X' && ok "identity: --key id makes one entry per distinct id" || ko "identity: --key id"
import feedparser, json, sys
want = {json.loads(l).get("id") for l in open(sys.argv[2], encoding="utf-8")} - {None, ""}
sys.exit(len(feedparser.parse(sys.argv[1]).entries) != len(want))
X
fi
printf '%s\n' '{"title":"a","date_published":"2026-01-01","canonical_url":"https://e.example/x?utm_source=m"}' \
	'{"title":"b","date_published":"2026-01-02","canonical_url":"https://E.example/x/"}' \
	'{"title":"c","date_published":"2026-01-03","id":"x"}' >"$T/same"
ni-render -f rss "$T/same" >"$T/o" 2>"$T/err"
rc_is "identity: a repeated article leaves the exit status alone" $? 0
eq "identity: the same canonical URL is one entry" "$(grep -c '<item>' "$T/o")" 2
ni-render -f rss --key slug "$T/same" >/dev/null 2>"$T/err"
rc_is "identity: --key FIELD that records lack is an error per record" $? 2
ni-render -f text --key id "$T/same" >/dev/null 2>&1
rc_is "identity: --key outside feeds and mail is a usage error" $? 2

# ---- template errors: the shared caret printer, columns in characters ----
echo '{"title":"x"}' | ni-render -F '한국어 제목 {title:x}' >/dev/null 2>"$T/err"
rc_is "template error: exit 2" $? 2
has "template error: the column counts characters" "$T/err" '^ni-render: --fmt:15: bad width'
printf 'head\n{#item}\n한국 {title:x}\n{/item}\n' >"$T/bad.tpl"
echo '{"title":"x"}' | ni-render -T "$T/bad.tpl" >/dev/null 2>"$T/err2"
has "template error: -T names the file, line and character column" "$T/err2" "bad.tpl:3:11: bad width"
for e in err err2; do
	$PY - "$T/$e" <<'X' && ok "template error: the caret is under the fault after Korean text ($e)" || ko "template caret ($e)" "$(cat "$T/$e")"
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
src, caret = lines[1][2:], lines[2][2:]
at = src.index("{title:x}") + len("{title:")
width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in src[:at])
sys.exit(0 if caret == " " * width + "^" else 1)
X
done
