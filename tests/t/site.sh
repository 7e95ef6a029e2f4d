# The whole static site (examples/jobs/19-site.sh, issue 23): on the
# corpus (or the samples with NI_NO_CORPUS=1) every page is there at the
# original's paths, every internal link resolves and every page is
# reachable from index.html (Python's html.parser), the Nu checker finds
# no error, digest bodies carry nothing active (also hostile ones),
# titles show no character reference, Korean is intact, a second run
# changes no file, the search page in headless Chromium lists what
# ni-filter finds, and screenshots at phone and desktop width are made.
# NI_KEEP=DIR keeps the site and the screenshots there.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3   # Debian's modules
top=$(cd "$NI_TESTS/.." && pwd)
J=$top/examples/jobs
H=$NI_TESTS/helpers
export NI_NOW=2026-11-28T09:00:00Z
if [ -n "${NI_CORPUS:-}" ]; then
	C=$NI_CORPUS D=; want=0
else
	# the samples: one of them is broken on purpose (exit 2, reported)
	C=$top/examples/items D=$top/examples/digests; want=2
fi
S=$T/site
OUT=$S DIGESTS=$D sh "$J/19-site.sh" "$C" >"$T/out" 2>"$T/err"
rc_is "site: job 19 exit" $? $want
[ $want = 0 ] && same "site: job 19 quiet" "$T/err" /dev/null

# the original's paths
for p in index.html index.json search-index.json archive/daily/index.html \
	archive/weekly/index.html archive/monthly/index.html archive/search.html \
	assets/css/style.css assets/js/site.js assets/favicon.svg; do
	[ -s "$S/$p" ] && ok "site: $p" || ko "site: $p" "missing or empty"
done
# one page per month, per digest and per year, as the items say
if [ -n "${NI_CORPUS:-}" ]; then DAILY=$C/daily WK=$C/weekly MO=$C/monthly
else DAILY=$C WK=$D/weekly MO=$D/monthly; fi
$PY - "$S" "$DAILY" "$WK" "$MO" >"$T/r" 2>&1 <<'X' && ok "site: a page per month, digest and year" || ko "site: pages per month, digest, year" "$(head -5 "$T/r")"
import os, re, sys, yaml
out, daily, wk, mo = sys.argv[1:5]
want = set()
for f in os.listdir(daily):
    m = re.match(r"(\d{4})-(\d{2})-\d{2}__", f)
    if m:
        want.add("archive/daily/%s/%s/index.html" % m.groups())
for d, key, kind in ((wk, "week", "weekly"), (mo, "month", "monthly")):
    for f in os.listdir(d) if os.path.isdir(d) else []:
        doc = open(os.path.join(d, f), encoding="utf-8").read()
        fm = yaml.safe_load(doc.split("\n---", 1)[0][4:])
        want.add("%s/%s.html" % (kind, fm[key]))
        want.add("archive/%s/%s/index.html" % (kind, str(fm[key])[:4]))
missing = sorted(p for p in want if not os.path.isfile(os.path.join(out, p)))
print("\n".join(missing))
sys.exit(1 if missing else 0)
X
$PY "$H/check_site.py" links "$S" >"$T/r" 2>&1 &&
	ok "site: every internal href/src resolves, every page reachable from index.html" ||
	ko "site: links" "$(head -5 "$T/r")"
$PY "$H/check_site.py" safe $(find "$S" -name '*.html') >"$T/r" 2>&1 &&
	ok "site: no script, style, form, handler or javascript:/data: link in content" ||
	ko "site: active content" "$(head -5 "$T/r")"
$PY "$H/check_site.py" titles "$S" >"$T/r" 2>&1 &&
	ok "site: no title shows &# or &amp;name;" || ko "site: entities in titles" "$(head -5 "$T/r")"
if [ -n "${NI_CORPUS:-}" ]; then
	$PY "$H/check_site.py" korean "$S" "$C" >"$T/r" 2>&1 &&
		ok "site: digest titles and Korean text intact" || ko "site: Korean" "$(head -5 "$T/r")"
	# the 51 titles with &#8217; and friends in the corpus are text now
	grep -l '&#8217;' "$C"/daily/*.md >/dev/null 2>&1 &&
		hasnt "site: a corpus title with &#8217; shows as text" "$S/archive/daily/2026/05/index.html" '&amp;#8217;'
else
	$PY "$H/check_site.py" korean "$S" "$D" >"$T/r" 2>&1 &&
		ok "site: digest titles and Korean text intact" || ko "site: Korean" "$(head -5 "$T/r")"
fi
# entities decoded once: html_unescape() against Python's html.unescape
# on every title, and ni-parse --sfeed's titles
ni-parse "$DAILY" 2>/dev/null | ni-map 'u = html_unescape(title); keep title, u' >"$T/u"
$PY - "$T/u" >"$T/r" 2>&1 <<'X' && ok "site: html_unescape(title) = Python's html.unescape on every title" || ko "site: html_unescape" "$(head -3 "$T/r")"
import html, json, sys
n = bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if not isinstance(r.get("title"), str):
        continue
    n += 1
    if r["u"] != html.unescape(r["title"]):
        bad += 1
        print(repr(r["title"]), repr(r["u"]))
sys.exit(1 if bad or not n else 0)
X
printf '1767225600\tTarget&#8217;s &amp;amp; Walmart&#039;s plan &#038; more\thttps://e.example/a\t\thtml\n' |
	ni-parse --sfeed >"$T/sf" 2>&1
$PY -c 'import json,sys; t=json.loads(open(sys.argv[1]).read())["title"]; sys.exit(0 if t == "Target\u2019s &amp; Walmart\x27s plan & more" else print(repr(t)) or 1)' "$T/sf" >"$T/r" 2>&1 &&
	ok "site: ni-parse --sfeed decodes title entities once" || ko "site: sfeed titles" "$(cat "$T/r")"
# the digest's own wrappers survive the sanitiser
f=$(ls "$S"/weekly/*.html | tail -1)
has "site: <div class=\"lang-ko\"> kept" "$f" '<div class="lang-ko">'
has "site: <div class=\"trend-box\"> kept" "$S/weekly/$(ls "$S/weekly" | grep -m1 W4 || ls "$S/weekly" | head -1)" 'class="(trend-box|lang-en)"'

# hostile digest bodies: a weekly/ folder of our own
mkdir -p "$T/hd/weekly" "$T/hd/monthly"
$PY - "$T/hd/weekly" <<'X'
import sys
bodies = [
    '<script>alert(1)</script><SCRIPT SRC=//x.example/x.js></SCRIPT>',
    '<style>body{display:none}</style><div style="background:url(javascript:alert(1))">s</div>',
    '<iframe src="https://evil.example/"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="https://evil.example/"><input name=p><button formaction="javascript:alert(1)">go</button></form>',
    '<img src=x onerror=alert(1)><a href="javascript:alert(1)">j</a><a href=" JaVaScRiPt:alert(1)">k</a>',
    '<a href="jav&#x61;script:alert(1)">e</a><a href="jav&#9;ascript:alert(1)">t</a><a href="data:text/html;base64,PHNjcmlwdD4=">d</a>',
    '[md link](javascript:alert(1)) ![img](data:image/svg+xml;base64,PHN2Zz4=) <javascript:alert(1)>',
    '<svg onload=alert(1)><circle/></svg><math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<div class="lang-ko" onclick="alert(1)" id="x">안녕 <b onmouseover=alert(1)>굵게</b></div>',
    '<object data="x.swf"></object><embed src="x.swf"><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<!-- <script>alert(1)</script> --><![CDATA[<script>alert(1)</script>]]><scr<script>ipt>alert(1)</script>',
    '<script/xss src=x></script ><noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '- [ ] task <input type=checkbox checked>\n\n<details open ontoggle=alert(1)><summary>s</summary>x</details>',
    '<table background="javascript:alert(1)"><tr><td>cell</td></tr></table><video poster=javascript:alert(1)></video>',
    '<a href="https://ok.example/?a=1&b=2" title="&quot;&gt;&lt;script&gt;">ok</a> <p>unclosed <b>bold <i>ital',
]
for i, b in enumerate(bodies):
    with open("%s/2026-W%02d.md" % (sys.argv[1], 10 + i), "w", encoding="utf-8") as f:
        f.write('---\nweek: "2026-W%02d"\ndate_published: "2026-03-%02d"\ntitle: "Hostile %d &#8217;"\n---\n\n%s\n'
                % (10 + i, 1 + i, i, b))
X
OUT=$T/hs DIGESTS=$T/hd sh "$J/19-site.sh" "$top/examples/items" >/dev/null 2>"$T/herr"
n=$(ls "$T/hs/weekly" 2>/dev/null | wc -l)
eq "site: hostile digests all rendered" "$n" 15
$PY "$H/check_site.py" safe "$T"/hs/weekly/*.html >"$T/r" 2>&1 &&
	ok "site: hostile bodies carry nothing active" || ko "site: hostile bodies" "$(head -5 "$T/r")"
hasnt "site: hostile bodies: no <script anywhere in the digest pages" "$T/hs/weekly/2026-W10.html" '<script>alert|<SCRIPT'
cat "$T"/hs/weekly/*.html >"$T/hall"
hasnt "site: hostile bodies: no javascript: or data: left in an attribute" "$T/hall" '(href|src|action|formaction|background|poster)="[^"]*(javascript|data):'
has "site: hostile bodies: the text stays as text" "$T/hs/weekly/2026-W18.html" '안녕 <b>굵게</b>'
has "site: hostile bodies: a safe link is kept" "$T/hs/weekly/2026-W24.html" 'href="https://ok.example/\?a=1&amp;b=2"'
# the same bodies straight through ni-render -f html (no template)
ni-parse --body "$T/hd/weekly" | ni-render -f html >"$T/h1.html" 2>/dev/null
$PY "$H/check_site.py" safe "$T/h1.html" >"$T/r" 2>&1 &&
	ok "site: ni-render -f html renders hostile bodies safely" || ko "site: ni-render html bodies" "$(head -5 "$T/r")"

# the Nu checker (CI installs it; NI_VNU names the jar)
VNU=${NI_VNU:-/tmp/ni-vnu/node_modules/vnu-jar/build/dist/vnu.jar}
if [ -f "$VNU" ] && command -v java >/dev/null; then
	java -jar "$VNU" --errors-only $(find "$S" -name '*.html') "$T"/hs/weekly/*.html "$T/h1.html" >"$T/vnu" 2>&1 &&
		ok "site: Nu checker: zero errors" || ko "site: Nu checker" "$(head -3 "$T/vnu")"
else
	echo "site: the Nu checker is not installed (NI_VNU): skipped" >&2
fi

# a second run on the same input changes no file (content or mtime)
(cd "$S" && find . -type f -printf '%p %s %T@\n' | sort) >"$T/before"
(cd "$S" && find . -type f -exec md5sum {} + | sort) >"$T/before.md5"
sleep 1
OUT=$S DIGESTS=$D sh "$J/19-site.sh" "$C" >/dev/null 2>&1
(cd "$S" && find . -type f -printf '%p %s %T@\n' | sort) >"$T/after"
(cd "$S" && find . -type f -exec md5sum {} + | sort) >"$T/after.md5"
same "site: a second run changes no file's content" "$T/after.md5" "$T/before.md5"
same "site: a second run rewrites no file (mtimes kept)" "$T/after" "$T/before"

# the search page in a browser, served over HTTP as a site is
CH=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -n "$CH" ]; then
	port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	$PY -m http.server "$port" --bind 127.0.0.1 -d "$S" >/dev/null 2>&1 &
	srv=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		$PY -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2>/dev/null && break
		sleep 0.3
	done
	if command -v linkchecker >/dev/null 2>&1; then
		# Debian's link checker from the home page (internal links;
		# over HTTP, as it drops root to nobody, who cannot read $T)
		linkchecker --no-status --no-warnings "http://127.0.0.1:$port/index.html" >"$T/lc" 2>&1 &&
			grep -q ' 0 errors found' "$T/lc" && ok "site: linkchecker finds no broken link" ||
			ko "site: linkchecker" "$(grep -E 'Error|Parent URL|^URL' "$T/lc" | head -4)"
	fi
	word=nvidia
	timeout 60 "$CH" --headless --no-sandbox --disable-gpu --virtual-time-budget=10000 \
		--dump-dom "http://127.0.0.1:$port/archive/search.html?q=$word" >"$T/dom" 2>/dev/null
	$PY "$H/check_site.py" hits "$T/dom" >"$T/got"
	# what ni-filter finds for the word in the same fields, in index order
	$PY -c 'import json,sys
for it in json.load(open(sys.argv[1], encoding="utf-8"))["items"]:
    print(json.dumps(it, ensure_ascii=False))' "$S/search-index.json" >"$T/items.ndjson"
	ni-filter "title ~ /$word/i or title_en ~ /$word/i or summary_ko ~ /$word/i or summary_en ~ /$word/i or source ~ /$word/i or tags ~ /$word/i or categories ~ /$word/i or body_text ~ /$word/i" "$T/items.ndjson" |
		ni-render -F '{id}' >"$T/want"
	n=$(wc -l <"$T/want")
	[ "$n" -gt 0 ] && ok "site: ni-filter finds $n items for '$word'" || ko "site: ni-filter finds items for '$word'" "none: a test that cannot fail"
	same "site: search.html?q=$word in Chromium lists what ni-filter finds" "$T/got" "$T/want"
	has "site: the search page says how many" "$T/dom" "$n results? for"
	# screenshots: phone and desktop
	for w in 390 1280; do
		for p in index.html weekly/$(ls "$S/weekly" | tail -1); do
			name=$(echo "$p" | tr / _)
			timeout 60 "$CH" --headless --no-sandbox --disable-gpu --hide-scrollbars \
				--window-size=$w,1600 --screenshot="$T/$name-$w.png" \
				"http://127.0.0.1:$port/$p" >/dev/null 2>&1
			pw=$($PY -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(struct.unpack(">I", d[16:20])[0] if d[:8]==b"\x89PNG\r\n\x1a\n" else 0)' "$T/$name-$w.png" 2>/dev/null)
			eq "site: $p screenshot at $w px" "$pw" "$w"
		done
	done
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
else
	echo "site: no Chromium: browser checks skipped" >&2
fi
if [ -n "${NI_KEEP:-}" ]; then
	mkdir -p "$NI_KEEP" && cp -r "$S" "$NI_KEEP/" && cp "$T"/*.png "$NI_KEEP/" 2>/dev/null
	echo "site: kept in $NI_KEEP" >&2
fi
