# The cookbook recipes in examples/cron, run on the sample items with a
# fake sendmail that keeps what it receives.
. "$NI_TESTS/lib.sh"
top=$(cd "$NI_TESTS/.." && pwd)
C=$top/examples/cron
export NI_NOW=2026-11-28T09:00:00Z
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
mkdir -p "$T/items" "$T/mail" "$T/state"
cp "$top"/examples/items/*.md "$T/items/"
rm "$T/items/"*broken*
cat >"$T/sendmail" <<X
#!/bin/sh
# fake sendmail: -i -t required; FAIL=1 makes it fail
[ "\$1 \$2" = "-i -t" ] || { echo "sendmail: want -i -t" >&2; exit 64; }
[ -n "\${FAIL:-}" ] && exit 75
n=\$(ls "$T/mail" | wc -l)
cat >"$T/mail/\$n.eml"
X
chmod +x "$T/sendmail"
export ITEMS="$T/items" STATE="$T/state" TO=me@example.com SENDMAIL="$T/sendmail"
count_items() { $PY -c 'import email,sys,email.policy
m=email.message_from_binary_file(open(sys.argv[1],"rb"),policy=email.policy.default)
print(str(m["subject"]).split(": ")[-1])' "$1"; }

# daily email: once, then nothing, then only the new item
sh "$C/daily-email.sh"; rc_is "daily-email first run" $? 0
eq "daily-email sent one message" "$(ls "$T/mail" | wc -l)" 1
eq "daily-email: the week's items" "$(count_items "$T/mail/0.eml")" "5 new items"
sh "$C/daily-email.sh"; rc_is "daily-email rerun" $? 0
eq "daily-email rerun sends nothing" "$(ls "$T/mail" | wc -l)" 1
# a new article: its own URL (the identity), here reusing an old id as the
# real pipeline does
sed 's/2026-11-27/2026-11-28/g; s|google-agent-ads?|google-agent-ads-2?|' \
	"$T/items/2026-11-27__search_desk__google-agent-ads.md" >"$T/items/2026-11-28__new.md"
FAIL=1 sh "$C/daily-email.sh" 2>/dev/null
[ $? -ne 0 ] && ok "daily-email: failed send is an error" || ko "daily-email: failed send"
eq "daily-email: failed send marks nothing" "$(grep -c google-agent-ads-2 "$T/state/sent.state")" 0
sh "$C/daily-email.sh"; rc_is "daily-email after failure" $? 0
eq "daily-email: the new item, once" "$(count_items "$T/mail/1.eml")" "1 new items"
grep -q 'google-agent-ads-2' "$T/state/sent.state" && ok "daily-email: marked after send" || ko "daily-email: marked"

# hourly Atom feed, atomic; an empty match keeps the old feed
printf 'tags = agentic-commerce\ntitle ~ /nvidia/i\n' >"$T/interests"
export INTERESTS="$T/interests" OUT="$T/mine.atom"
sh "$C/hourly-atom.sh"; rc_is "hourly-atom" $? 0
xmllint --noout "$OUT" 2>/dev/null && ok "hourly-atom: valid XML" || ko "hourly-atom: valid XML"
$PY -c 'import feedparser,sys; d=feedparser.parse(sys.argv[1]); sys.exit(d.bozo or len(d.entries) < 3)' "$OUT" &&
	ok "hourly-atom: feedparser reads it" || ko "hourly-atom feedparser"
cp "$OUT" "$T/before.atom"
printf 'tags = nothing-like-this\n' >"$T/interests"
sh "$C/hourly-atom.sh" 2>/dev/null
same "hourly-atom: no match keeps the old feed" "$OUT" "$T/before.atom"

# weekly HTML digest with charts
export OUT="$T/week.html"
sh "$C/weekly-html.sh"; rc_is "weekly-html" $? 0
has "weekly-html has charts" "$OUT" '<svg xmlns="http://www.w3.org/2000/svg"'
has "weekly-html has items" "$OUT" 'Kakao Pay lets agents pay'
$PY "$NI_TESTS/helpers/check_html.py" "$OUT" /dev/null >/dev/null 2>&1; [ $? -le 1 ] && ok "weekly-html parses" || ko "weekly-html parses"

# trending view
sh "$C/trending.sh" >"$T/trend" 2>&1; rc_is "trending" $? 0
has "trending shows change" "$T/trend" '^[a-z-]+ +-?[0-9]+ \([0-9]+ -> [0-9]+\)'

# schema check in CI: fails on the broken sample, passes on a clean folder
ITEMS=$top/examples/items REJECTS=$T/rej.ndjson sh "$C/ci-check.sh" 2>"$T/err"
rc_is "ci-check fails on a broken item" $? 2
has "ci-check names file:line:col" "$T/err" 'bad-indent.md:9:4:'
eq "ci-check keeps the reject" "$(wc -l <"$T/rej.ndjson")" 1
ITEMS=$T/items REJECTS=$T/rej2.ndjson sh "$C/ci-check.sh"; rc_is "ci-check passes a clean folder" $? 0

# map-reduce: parallel map, exact merge; Hadoop Streaming's shape too
if command -v parallel >/dev/null 2>&1; then
	ni-parse "$T/items" | ni-summarize -b week,tags --top 5 --items 3 >"$T/single"
	CHUNK=4 sh "$C/mapreduce.sh" >"$T/mr"
	same "mapreduce == single run" "$T/mr" "$T/single"
	ni-parse "$T/items" >"$T/all.ndjson"
	split -l 7 "$T/all.ndjson" "$T/split."
	for s in "$T"/split.*; do ni-summarize -b week,tags --partial <"$s"; done |
		sort | ni-summarize -b week,tags --merge >"$T/hadoop"
	ni-summarize -b week,tags "$T/all.ndjson" >"$T/single2"
	same "hadoop-streaming shape (map, sort, reduce) == single run" "$T/hadoop" "$T/single2"
fi

# the demo itself: runs from a copy, writes the three files
mkdir -p "$T/dm/examples" && cp -r "$top/examples/items" "$T/dm/examples/" && cp "$top/examples/demo.sh" "$T/dm/examples/"
sh "$T/dm/examples/demo.sh" "$NI_BIN" >"$T/demo.out" 2>"$T/demo.err"
rc_is "demo runs" $? 0
has "demo shows the broken document" "$T/demo.err" 'bad-indent.md:9:4:'
has "demo prints the digest" "$T/demo.out" 'Kakao Pay lets agents pay'
for f in digest.html feed.atom digest.eml; do
	[ -s "$T/dm/demo/$f" ] && ok "demo wrote $f" || ko "demo wrote $f"
done
has "demo prints the paths" "$T/demo.out" 'demo/digest.eml'
