# ni-render: goldens per format, hostile text checked by real parsers,
# terminal widths, atomic -o, and the HTML page in a real browser.
. "$NI_TESTS/lib.sh"
Rd=$NI_TESTS/render
H=$NI_TESTS/helpers
export NI_NOW=2026-11-28T09:00:00Z
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3   # Debian's modules
tab=$(printf '\t')
cd "$Rd"
while IFS="$tab" read -r name args; do
	case $name in ''|\#*) continue ;; esac
	eval "set -- $args"
	ni-render "$@" >"$T/out" 2>"$T/err"
	rc_is "render/$name rc" $? 0
	same "render/$name" "$T/out" "$name.out"
	same "render/$name quiet" "$T/err" /dev/null
done <cases.tsv

# every format on the hostile set: exit 0 except feeds (never error), parsers
for f in text md html atom rss email csv tsv json; do
	ni-render -f $f hostile.ndjson >"$T/h.$f" 2>"$T/h.$f.err"
	rc_is "render hostile $f rc" $? 0
done
$PY "$H/check_html.py" "$T/h.html" hostile.ndjson >"$T/r" 2>&1 && ok "hostile html: no markup from data, titles back" || ko "hostile html" "$(head -3 "$T/r")"
if command -v xmllint >/dev/null; then
	xmllint --noout "$T/h.atom" "$T/h.rss" 2>"$T/r" && ok "hostile feeds well-formed XML" || ko "hostile feeds xmllint" "$(head -3 "$T/r")"
	ni-render -f svg tags.ndjson >"$T/s.svg"; xmllint --noout "$T/s.svg" && ok "svg well-formed" || ko "svg well-formed"
fi
if $PY -c 'import feedparser' 2>/dev/null; then
	for f in atom rss; do
		$PY "$H/check_feed.py" "$T/h.$f" hostile.ndjson >"$T/r" 2>&1 && ok "hostile $f: feedparser, same titles" || ko "hostile $f feedparser" "$(head -3 "$T/r")"
		ni-render -f $f items.ndjson >"$T/i.$f"
		$PY "$H/check_feed.py" "$T/i.$f" items.ndjson >"$T/r" 2>&1 && ok "$f: feedparser" || ko "$f feedparser" "$(head -3 "$T/r")"
	done
else
	ko "feedparser missing" "apt-get install python3-feedparser"
fi
if command -v sfeed >/dev/null; then
	for f in atom rss; do
		sfeed <"$T/h.$f" >"$T/sf"
		eq "hostile $f: sfeed reads every entry" "$(wc -l <"$T/sf")" 5
		sfeed <"$T/i.$f" | cut -f2 >"$T/sf"
		eq "$f: sfeed titles" "$(head -1 "$T/sf")" "OpenAI signs a multi-year inference chip deal with NVIDIA"
	done
fi
$PY - "$T/h.csv" hostile.ndjson <<'X' && ok "hostile csv: python csv reads the titles back" || ko "hostile csv"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
want = [json.loads(l)["title"] for l in open(sys.argv[2], encoding="utf-8")]
sys.exit(0 if [r[2] for r in rows[1:]] == want else 1)
X
$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(len(d) != 5)' "$T/h.json" && ok "hostile json parses" || ko "hostile json"
# terminal: controls and bidi overrides neutralised, never raw ESC
if grep -q "$(printf '\033')" "$T/h.text"; then ko "hostile text: raw ESC"; else ok "hostile text: no raw ESC"; fi
if grep -q "$(printf '\342\200\256')" "$T/h.text"; then ko "hostile text: bidi override"; else ok "hostile text: no bidi override"; fi
# Markdown: data cannot make links or HTML
if grep -q '[^\\]](javascript' "$T/h.md" || grep -q '[^\\]<script' "$T/h.md"; then ko "hostile md"; else ok "hostile md: no links or html from data"; fi

# email: headers cannot be injected; Korean subjects arrive intact
ni-render -f email --subject "$(printf 'Hi\r\nBcc: x@evil.example')" items.ndjson >"$T/m1"
$PY "$H/check_mail.py" "$T/m1" "$(printf 'Hi\r\nBcc: x@evil.example')" >"$T/r" 2>&1 && ok "email: CR/LF subject makes no header" || ko "email injection" "$(cat "$T/r")"
ni-render -f email --subject '이번 주 다이제스트: {count}건 — 에이전트 커머스가 주도하는 변화와 새로운 결제 흐름' items.ndjson >"$T/m2"
$PY "$H/check_mail.py" "$T/m2" '이번 주 다이제스트: 3건 — 에이전트 커머스가 주도하는 변화와 새로운 결제 흐름' >"$T/r" 2>&1 && ok "email: Korean subject (RFC 2047)" || ko "email korean subject" "$(cat "$T/r")"
$PY "$H/check_mail.py" "$T/h.email" "News digest (5 items)" >"$T/r" 2>&1 && ok "hostile email parses strictly" || ko "hostile email" "$(cat "$T/r")"
if grep -q '^\.$' "$T/h.email"; then ko "email: a lone dot line"; else ok "email: no lone dot line"; fi
if command -v mshow >/dev/null; then
	mkdir -p "$T/mh"; MBLAZE=$T/mh mshow "$T/m2" >"$T/r" 2>&1
	has "email: mshow shows the Korean subject" "$T/r" '이번 주 다이제스트'
fi

# Korean columns line up by display width
ni-render -F '{title_ko|title:-24}|' items.ndjson >"$T/w"
$PY - "$T/w" <<'X' && ok "render: columns by display width (Hangul = 2)" || ko "render columns"
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
sys.exit(0 if all(w(l.split("|")[0]) == 24 for l in open(sys.argv[1], encoding="utf-8")) else 1)
X

# colours: on with --color=always, never with NO_COLOR or on a pipe
ni-render --color always items.ndjson | grep -q "$(printf '\033')\[" && ok "render --color always" || ko "render --color always"
NO_COLOR=1 ni-render items.ndjson | grep -q "$(printf '\033')" && ko "render NO_COLOR" || ok "render NO_COLOR / pipe: no colour"

# -o is atomic; no items leaves the old file; --allow-empty writes
ni-render -f atom -o "$T/feed.atom" items.ndjson; rc_is "render -o rc" $? 0
cp "$T/feed.atom" "$T/feed.before"
: | ni-render -f atom -o "$T/feed.atom" 2>"$T/err"; rc_is "render -o no items rc" $? 1
same "render -o no items: file kept" "$T/feed.atom" "$T/feed.before"
has "render -o no items: says so" "$T/err" 'no items'
: | ni-render -f atom --allow-empty -o "$T/feed.atom"; rc_is "render --allow-empty rc" $? 0
ls "$T" | grep -q 'tmp' && ko "render -o temp files left" || ok "render -o no temp files"

# records that cannot be dated are reported and left out of feeds
printf '%s\n' '{"id":"x","title":"no date"}' | ni-render -f atom >"$T/out" 2>"$T/err"
rc_is "render undatable rc" $? 2
has "render undatable msg" "$T/err" '^ni-render: -:1: cannot date this record'
xmllint --noout "$T/out" 2>/dev/null && ok "render undatable: feed still valid" || ko "render undatable feed"

# bad lines, write errors, head
printf '%s\n' '{"id":"a","title":"ok","date_published":"2026-11-01"}' '{bad' | ni-render >"$T/out" 2>"$T/err"
rc_is "render bad line rc" $? 2
has "render bad line msg" "$T/err" '^ni-render: -:2:2: '
ni-render items.ndjson >/dev/full 2>"$T/err"; rc_is "render /dev/full rc" $? 2
ni-render --bogus 2>"$T/err"; rc_is "render usage rc" $? 2
ni-render -F '{title' items.ndjson 2>"$T/err"; rc_is "render bad template rc" $? 2
has "render bad template msg" "$T/err" "^ni-render: --fmt:1: unclosed '\\{'"
ni-render -F '{title|upper|bogus}' items.ndjson 2>"$T/err"
has "render unknown filter" "$T/err" "unknown filter 'bogus'"

# --group-order: sections in the order of their first item (read back
# with html.parser, the order worked out from the input by Python)
ni-render -f html --group-by source_id --group-order items.ndjson >"$T/go.html"
$PY - "$T/go.html" items.ndjson <<'X' && ok "render --group-order: sections by first item" || ko "render --group-order"
import html.parser, json, sys
class P(html.parser.HTMLParser):
    h2 = []; cur = False
    def handle_starttag(self, t, a): self.cur = t == "h2" and not a
    def handle_data(self, d):
        if self.cur: self.h2.append(d)
    def handle_endtag(self, t): self.cur = False
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
want = []
for l in open(sys.argv[2], encoding="utf-8"):
    s = json.loads(l).get("source_id")
    if s not in want: want.append(s)
sys.exit(0 if p.h2 == want and want != sorted(want) else 1)
X
ni-render --group-order items.ndjson 2>"$T/err"; rc_is "render --group-order without --group-by rc" $? 2
has "render --group-order needs --group-by" "$T/err" "needs --group-by"
# --hist bands: counted again by Python from the records; captions say
# what a table counts, shares of how many
ni-summarize --hist confidence:0.5,0.85 items.ndjson >"$T/hist.ndjson"
ni-summarize -b source_id items.ndjson >>"$T/hist.ndjson"
ni-render -f html "$T/hist.ndjson" >"$T/hist.html"
$PY - "$T/hist.html" items.ndjson <<'X' >"$T/r"
import html.parser, json, sys
class P(html.parser.HTMLParser):
    rows = []; caps = []; cell = None; tag = None
    def handle_starttag(self, t, a):
        self.tag = t
        if t == "tr": self.rows.append([])
    def handle_data(self, d):
        if self.tag in ("td", "th") and self.rows: self.rows[-1].append(d)
        if self.tag == "caption": self.caps.append(d)
    def handle_endtag(self, t): self.tag = None
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
cs = [json.loads(l).get("confidence") for l in open(sys.argv[2], encoding="utf-8")]
cs = [c for c in cs if isinstance(c, (int, float))]
want = [sum(c < 0.5 for c in cs), sum(0.5 <= c < 0.85 for c in cs), sum(c >= 0.85 for c in cs)]
got = [int(r[1]) for r in p.rows if r and r[0] in ("below 0.5", "0.5 to under 0.85", "0.85 and above")]
head = [r for r in p.rows if r and r[0] == "confidence"][0]
print("ok" if got == want and p.caps == ["Items by confidence", "Items by source id"]
      and head[2] == "share of %d items" % len(cs) else "got %s %s %s want %s" % (got, p.caps, head, want))
X
eq "render --hist bands: counts, captions, share of what" "$(cat "$T/r")" ok
ni-render -f md "$T/hist.ndjson" >"$T/hist.md"
has "render md: hist bands as a line" "$T/hist.md" '^- confidence: below 0\.5 [0-9]+, 0\.5 to under 0\.85 [0-9]+, 0\.85 and above [0-9]+$'
has "render md: a caption and a share of what" "$T/hist.md" '^\*\*Items by source id\*\*$'
has "render md: share of how many items" "$T/hist.md" '^\| source\\_id \| count \| share of [0-9]+ items \|$'

# Nu HTML checker: zero errors (vnu.jar from npm, run on Java)
VNU=${NI_VNU:-}
for j in "$VNU" /tmp/ni-vnu/node_modules/vnu-jar/build/dist/vnu.jar; do [ -f "$j" ] && VNU=$j && break; done
if [ -f "$VNU" ] && command -v java >/dev/null; then
	ni-render -f html --group-by day items.ndjson >"$T/g.html"
	java -jar "$VNU" --errors-only "$Rd/html.out" "$Rd/leading-html.out" "$T/h.html" "$T/g.html" >"$T/r" 2>&1 && ok "vnu: zero errors" || ko "vnu" "$(head -3 "$T/r")"
elif [ -n "${CI:-}" ]; then
	ko "vnu.jar missing" "npm install --prefix /tmp/ni-vnu vnu-jar"
fi

# the page in headless Chromium: it loads, shows the items; screenshot kept
CH=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CH" ]; then
	cp html.out "$T/digest.html"
	CHO="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$T/chrome"
	timeout 60 "$CH" $CHO --dump-dom "file://$T/digest.html" >"$T/dom" 2>/dev/null
	has "chromium loads the page" "$T/dom" 'Kakao Pay lets agents pay with user approval'
	timeout 60 "$CH" $CHO --window-size=420,900 --screenshot="$T/shot.png" "file://$T/digest.html" >/dev/null 2>&1
	[ -s "$T/shot.png" ] && ok "chromium screenshot" || ko "chromium screenshot"
	if [ -n "${NI_KEEP_SHOT:-}" ]; then cp "$T/shot.png" "$NI_KEEP_SHOT"; fi
elif [ -n "${CI:-}" ]; then
	ko "chromium missing" "apt-get install chromium"
fi

# {x|json} is valid JSON in every format: never escaped again for the
# format (HTML, XML, Markdown, terminal), and no markup from the value;
# read back with Python json (csv: the cell through Python csv; email:
# each part through Python email) and compared with the value written
printf '%s\n' '{"t":"<script>alert(1)</script> & \"q\" '"'"'s \\ \u0085 \u202e \ufffe 한국어 Target&#8217;s","n":[1.50,"<i>",null,{"k":"v&w"}],"e":""}' >"$T/js.nd"
for f in text md html atom rss email csv tsv json; do
	sep=$tab; [ "$f" = csv ] && sep=,   # csv: the four cells of one row
	ni-render -f "$f" -F "{t|json}$sep{n|json}$sep{t|upper|json}$sep{missing|json}" "$T/js.nd" >"$T/js.$f" 2>"$T/js.err"
	$PY - "$f" "$T/js.$f" "$T/js.nd" <<'X' >"$T/js.r" 2>&1
import csv, email, email.policy, io, json, sys
f, got, src = sys.argv[1], open(sys.argv[2], "rb").read(), json.loads(open(sys.argv[3], encoding="utf-8").read())
if f == "email":
    m = email.message_from_bytes(got, policy=email.policy.default)
    texts = [p.get_content() for p in m.iter_parts()]
else:
    texts = [got.decode("utf-8")]
errs = []
for t in texts:
    if f == "csv":
        rows = [r for r in csv.reader(io.StringIO(t)) if r]
    else:
        rows = [l.split("\t") for l in t.split("\n") if "\t" in l]
    if len(rows) != 1:
        errs.append("%d lines" % len(rows)); continue
    try:
        v = [json.loads(x) for x in rows[0]]
    except ValueError as e:
        errs.append("not JSON: %s: %r" % (e, rows[0][0][:80])); continue
    if v[1] != src["n"] or v[3] is not None or v[2] != src["t"].replace("\u0085", " ").upper():
        errs.append("values %r" % v[1:])
    # -F makes one line: U+0085 (a line break) is a space there
    if v[0] != src["t"].replace("\u0085", " "):
        errs.append("text %r" % v[0])
    if f in ("html", "atom", "rss", "md", "email") and t is texts[-1] and "<" in rows[0][0] + rows[0][1]:
        errs.append("markup from a value")
print("ok" if not errs else "; ".join(errs))
X
	eq "{x|json} under -f $f: valid JSON, the value exactly, never escaped again (Python json)" "$(cat "$T/js.r")" ok
done

# --bom: a UTF-8 byte-order mark before the header row of csv and tsv
# (Excel reads UTF-8 without one as the local code page); read back with
# Python csv through utf-8-sig, Korean intact; other formats refuse it
printf '%s\n' '{"title":"에이전트 커머스, \"결제\"","date_published":"2026-11-20","source_id":"s"}' \
	'{"title":"second","date_published":"2026-11-21","source_id":"t"}' >"$T/bom.nd"
for f in csv tsv; do
	ni-render -f $f --bom --fields title,date_published "$T/bom.nd" >"$T/bom.$f"
	rc_is "--bom -f $f" $? 0
	$PY - "$T/bom.$f" "$T/bom.nd" $f <<'X' >"$T/bom.r" 2>&1
import csv, json, sys
raw = open(sys.argv[1], "rb").read()
want = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
errs = []
if not raw.startswith(b"\xef\xbb\xbf") or raw[3:6] == b"\xef\xbb\xbf":
    errs.append("not one BOM first: %r" % raw[:8])
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""),
                       delimiter="," if sys.argv[3] == "csv" else "\t"))
if rows[0] != ["title", "date_published"]:
    errs.append("header %r" % rows[0])
if [r[0] for r in rows[1:]] != [w["title"] for w in want]:
    errs.append("titles %r" % rows[1:])
print("ok" if not errs else "; ".join(errs))
X
	eq "--bom -f $f: one UTF-8 BOM, then the header; Python csv (utf-8-sig) reads the Korean titles back" "$(cat "$T/bom.r")" ok
done
ni-render -f csv "$T/bom.nd" | head -c 3 >"$T/nobom"
eq "csv without --bom starts with the header" "$(cat "$T/nobom")" "dat"
ni-render -f html --bom "$T/bom.nd" >/dev/null 2>"$T/bom.err"
rc_is "--bom with -f html is a usage error" $? 2
has "--bom with -f html says why" "$T/bom.err" 'bom.*csv or tsv'
