# The weekly and monthly digest pages (jobs 10 and 13) looked at as a
# reader would: built on the corpus for a week and a month it has (fixed
# NI_NOW), checked against the corpus read independently (reading
# order, sections, so-what lines, links, what each share is a share of),
# validated with the W3C Nu checker, and shown in headless Chromium at
# phone (390 px) and desktop (1280 px) width: the DOM as the browser
# built it has the lead stories before the charts, and nothing is wider
# than the phone.  NI_KEEP=DIR keeps the pages and screenshots there.
. "$NI_TESTS/lib.sh"
top=$(cd "$NI_TESTS/.." && pwd)
J=$top/examples/jobs
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3   # Debian's modules
export NI_NOW=2026-07-01T05:00:00Z
if [ -n "${NI_CORPUS:-}" ]; then
	C=$NI_CORPUS week=2026-W20 month=2026-04
else
	C=$top/examples/items week=2026-W47 month=2026-11
fi
mkdir -p "$T/site"
WEEK=$week OUT=$T/site sh "$J/10-weekly-digest.sh" "$C" >/dev/null 2>"$T/10.err"
rc_is "pages: weekly page job" $? 0
MONTH=$month OUT=$T/site sh "$J/13-monthly-charts.sh" "$C" >/dev/null 2>"$T/13.err"
rc_is "pages: monthly page job" $? 0
W=$T/site/weekly/$week.html M=$T/site/monthly/$month.html
for p in "week:$week:$W" "month:$month:$M"; do
	kind=${p%%:*} rest=${p#*:}
	per=${rest%%:*} page=${rest#*:}
	[ -s "$page" ] || { ko "pages: $kind page written"; continue; }
	r=$($PY "$NI_TESTS/pages/check_page.py" "$page" "$C" "$kind" "$per" 2>&1)
	eq "pages: the $kind page reads as a digest (order, sections, so-what, links, shares)" "$r" ok
done

# the checker can fail: a page whose story comes after the charts
sed 's|<section class="summary">|<article><h3>late</h3></article><section class="summary">|' "$M" >"$T/bad.html"
r=$($PY "$NI_TESTS/pages/check_page.py" "$T/bad.html" "$C" month "$month" 2>&1)
case $r in *"story after the first table"*) ok "pages: the checker sees a story after the charts" ;;
	*) ko "pages: the checker missed a story after the charts" "$r" ;; esac

# and sections in key order rather than by their first story
mkdir -p "$T/jobs"
cp "$J/common.sh" "$J/12-monthly.sh" "$T/jobs/"
sed 's/ --group-order//' "$J/13-monthly-charts.sh" >"$T/jobs/13-monthly-charts.sh"
MONTH=$month OUT=$T/alpha sh "$T/jobs/13-monthly-charts.sh" "$C" >/dev/null 2>&1
r=$($PY "$NI_TESTS/pages/check_page.py" "$T/alpha/monthly/$month.html" "$C" month "$month" 2>&1)
case $r in *"sections not in the order"*) ok "pages: the checker sees sections out of order" ;;
	*) ko "pages: the checker missed sections out of order" "$r" ;; esac

VNU=${NI_VNU:-/tmp/ni-vnu/node_modules/vnu-jar/build/dist/vnu.jar}
if [ -f "$VNU" ] && command -v java >/dev/null; then
	java -jar "$VNU" --errors-only "$W" "$M" >"$T/vnu" 2>&1
	rc_is "pages: both pages pass the W3C Nu checker" $? 0
	[ -s "$T/vnu" ] && head -5 "$T/vnu" >&2
else
	echo "pages: the Nu checker is not installed (NI_VNU): skipped" >&2
fi

CH=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -n "$CH" ]; then
	CHO="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	     --disable-background-networking --disable-component-update --disable-sync
	     --hide-scrollbars --user-data-dir=$T/chrome"
	for p in "weekly:$W" "monthly:$M"; do
		name=${p%%:*} page=${p#*:}
		for w in 390 1280; do
			timeout 60 "$CH" $CHO --window-size=$w,2400 \
				--screenshot="$T/$name-$w.png" "file://$page" >/dev/null 2>&1
			# a PNG's width is bytes 17..20 of its IHDR chunk
			pw=$(od -An -tu1 -j16 -N4 "$T/$name-$w.png" 2>/dev/null |
				awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
			eq "pages: $name screenshot at $w px" "$pw" "$w"
		done
		# the DOM as Chromium built it, with what a reader at 390 px
		# would have to scroll sideways written into it by a script
		sed 's|</body>|<script>document.body.setAttribute("data-overflow", document.documentElement.scrollWidth - window.innerWidth)</script></body>|' \
			"$page" >"$T/$name-probe.html"
		timeout 60 "$CH" $CHO --window-size=390,2400 --virtual-time-budget=2000 \
			--dump-dom "file://$T/$name-probe.html" >"$T/$name.dom" 2>/dev/null
		has "pages: $name: Chromium built the DOM" "$T/$name.dom" 'data-overflow="-?[0-9]+"'
		eq "pages: $name: nothing wider than a 390 px phone" \
			"$(sed -n 's/.*data-overflow="\(-\{0,1\}[0-9]*\)".*/\1/p' "$T/$name.dom" | head -1)" 0
		r=$($PY - "$T/$name.dom" <<'X'
import html.parser, sys
class P(html.parser.HTMLParser):
    seq = []
    def handle_starttag(self, t, a):
        if t in ("article", "table", "figure"):
            self.seq.append(t)
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
s = p.seq
first = min([i for i, t in enumerate(s) if t != "article"] or [len(s)])
print("ok" if first >= 3 and "article" not in s[first:] else "order %s" % s[:20])
X
)
		eq "pages: $name: in the browser's DOM the lead stories come before the charts" "$r" ok
	done
	if [ -n "${NI_KEEP:-}" ]; then
		mkdir -p "$NI_KEEP" && cp -r "$T/site" "$T"/*.png "$NI_KEEP"/ &&
			echo "pages: pages and screenshots kept in $NI_KEEP" >&2
	fi
else
	echo "pages: no Chromium: screenshots skipped" >&2
fi
