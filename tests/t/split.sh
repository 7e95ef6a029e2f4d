# ni-render -o PATTERN: one document per distinct path.  Checked with
# Python's json and html.parser against the records themselves: on the
# real corpus (else the samples) each month's file holds exactly that
# month's items in input order; every format splits into the documents
# one -o run per value gives; ungrouped input, hostile paths and a folder
# that cannot be made are errors that write nothing outside the pattern.
. "$NI_TESTS/lib.sh"
top=$(cd "$NI_TESTS/.." && pwd)
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
export NI_NOW=2026-11-28T09:00:00Z
C=${NI_CORPUS:-}
[ -n "$C" ] && C=$C/daily || C=$top/examples/items

# ---- the corpus, one JSON document per month ----
ni-parse "$C" 2>/dev/null | ni-filter 'date_published ~ /^[0-9]{4}-[0-9]{2}-[0-9]{2}/' |
	ni-sort -k date_published:desc >"$T/in"
ni-render -f json --tz UTC -o "$T/m/{date_published|date:%Y/%m}.json" "$T/in" 2>"$T/err"
rc_is "split corpus json rc" $? 0
same "split corpus json quiet" "$T/err" /dev/null
$PY - "$T/in" "$T/m" >"$T/r" 2>&1 <<'X'
import datetime, json, os, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
def month(d):
    t = datetime.datetime.fromisoformat(d.replace("Z", "+00:00"))
    if t.tzinfo:
        t = t.astimezone(datetime.timezone.utc)
    return "%04d/%02d" % (t.year, t.month)
want = {}
for r in recs:
    want.setdefault(month(r["date_published"]), []).append(r)
got = {}
for d, _, fs in os.walk(sys.argv[2]):
    for f in fs:
        p = os.path.relpath(os.path.join(d, f), sys.argv[2])
        got[p[:-5]] = json.load(open(os.path.join(d, f), encoding="utf-8"))
bad = [m for m in sorted(set(want) | set(got)) if want.get(m) != got.get(m)]
n = sum(len(v) for v in got.values())
print("ok" if not bad and n == len(recs) else "differ: %s (%d in, %d out)" % (bad[:3], len(recs), n))
print("%d items, %d months" % (len(recs), len(got)), file=sys.stderr)
X
eq "split corpus: each month's file = that month's items, in order" "$(head -1 "$T/r")" ok
sed -n 2p "$T/r" >&2

# the same as HTML: the title counts each page's items
ni-render -f html --tz UTC --title 'Archive {date_published|date:%Y-%m}: {count} items' \
	-o "$T/h/{date_published|date:%Y/%m}/index.html" "$T/in"
rc_is "split corpus html rc" $? 0
$PY - "$T/in" "$T/h" >"$T/r" 2>&1 <<'X'
import datetime, html.parser, json, os, re, sys
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(); s.t = None; s.title = ""
    def handle_starttag(s, t, a):
        if t == "title": s.t = 1
    def handle_endtag(s, t):
        if t == "title": s.t = None
    def handle_data(s, d):
        if s.t: s.title += d
n = {}
for l in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(l)["date_published"]
    t = datetime.datetime.fromisoformat(d.replace("Z", "+00:00"))
    if t.tzinfo: t = t.astimezone(datetime.timezone.utc)
    n["%04d-%02d" % (t.year, t.month)] = n.get("%04d-%02d" % (t.year, t.month), 0) + 1
bad, pages = [], 0
for d, _, fs in os.walk(sys.argv[2]):
    for f in fs:
        pages += 1
        m = os.path.relpath(d, sys.argv[2]).replace("/", "-")
        p = P(); p.feed(open(os.path.join(d, f), encoding="utf-8").read())
        if p.title != "Archive %s: %d items" % (m, n.get(m, -1)):
            bad.append((m, p.title))
print("ok" if not bad and pages == len(n) else "differ: %s, %d pages for %d months" % (bad[:3], pages, len(n)))
X
eq "split corpus html: one page per month, titled with its count" "$(cat "$T/r")" ok

# ---- every format: the documents of one -o run per value ----
cat >"$T/two" <<'X'
{"title":"First of x","canonical_url":"https://e.example/1","date_published":"2026-11-02","g":"x","tags":["a"]}
{"title":"Second of x","canonical_url":"https://e.example/2","date_published":"2026-11-01","g":"x","tags":["b"]}
{"title":"Only y 한국어","canonical_url":"https://e.example/3","date_published":"2026-10-30","g":"y","tags":["a"]}
X
for f in text md html atom rss email csv tsv json; do
	ni-render -f $f --title T -o "$T/f$f/{g}.out" "$T/two"
	rc_is "split -f $f rc" $? 0
	for g in x y; do
		grep "\"g\":\"$g\"" "$T/two" | ni-render -f $f --title T -o "$T/want.$f.$g"
		same "split -f $f: $g is what -o of its records alone gives" "$T/f$f/$g.out" "$T/want.$f.$g"
	done
done
ni-summarize -b g,tags "$T/two" >"$T/rows"
ni-render -f svg -o "$T/svg/{g}.svg" "$T/rows"
rc_is "split -f svg rc (summary rows by g)" $? 0
ls "$T/svg" >"$T/r"
eq "split -f svg: a chart per value" "$(cat "$T/r" | tr '\n' ' ')" "x.svg y.svg "

# --limit is per document; --title {count} counts the document's records
ni-render -F '{title}' --limit 1 -o "$T/lim/{g}.txt" "$T/two"
eq "split --limit per document" "$(cat "$T/lim/x.txt" "$T/lim/y.txt")" "First of x
Only y 한국어"
ni-render -f md --title '{g}: {count}' -o "$T/cnt/{g}.md" "$T/two"
eq "split --title {count}" "$(head -1 "$T/cnt/x.md")|$(head -1 "$T/cnt/y.md")" "# x: 2|# y: 1"

# ---- without a placeholder: -o as it was ----
ni-render -f html --title T "$T/two" >"$T/stdout.html"
ni-render -f html --title T -o "$T/plain.html" "$T/two"
same "no placeholder: -o writes what stdout gets" "$T/plain.html" "$T/stdout.html"
mkdir "$T/one"; ni-render -f html --title T -o "$T/one/{{x}}.html" "$T/two"
same "{{ }} only: one file with literal braces" "$T/one/{x}.html" "$T/stdout.html"
ni-render -f html --title '{T}' -o "$T/lit.html" "$T/two"
has "no placeholder: --title stays literal" "$T/lit.html" '<title>\{T\}</title>'

# ---- ungrouped input ----
printf '%s\n' '{"title":"a","g":"x"}' '{"title":"b","g":"y"}' '{"title":"c","g":"x"}' \
	'{"title":"d","g":"x"}' '{"title":"e","g":"y"}' >"$T/u"
ni-render -f json -o "$T/u.d/{g}.json" "$T/u" 2>"$T/err"
rc_is "ungrouped: exit 2" $? 2
has "ungrouped: FILE:LINE, the path and the fix" "$T/err" "/u:3: .*/u\.d/x\.json: written already \(input not grouped by the -o pattern: sort by it first"
eq "ungrouped: one message for the run" "$(wc -l <"$T/err")" 1
$PY -c 'import json,sys; print([r["title"] for r in json.load(open(sys.argv[1]))], [r["title"] for r in json.load(open(sys.argv[2]))])' \
	"$T/u.d/x.json" "$T/u.d/y.json" >"$T/r"
eq "ungrouped: the documents written stay, the rest goes on" "$(cat "$T/r")" "['a'] ['b', 'e']"
printf '%s\n' '{"g":"x"}' '{"g":"y"}' '{"g":"x"}' '{"g":"y"}' '{"g":"x"}' >"$T/u2"
ni-render -o "$T/u2.d/{g}" "$T/u2" 2>"$T/err"
has "ungrouped: a total of the later runs" "$T/err" ": 2 records in 2 runs of paths written already were skipped"

# ---- hostile paths: nothing outside the pattern's folder ----
mkdir "$T/hp"
printf '%s\n' '{"title":"../../escaped"}' '{"title":"fine"}' '{"title":"a\nb"}' \
	'{"title":"nul\u0000x"}' '{"title":""}' '{"title":"/abs"}' '{"title":".hidden"}' \
	'{"title":"sub/../../up"}' '{"title":"sub/ok"}' >"$T/hostile"
(cd "$T/hp" && ni-render -F '{title}' -o 'site/{title}.txt' "$T/hostile") 2>"$T/err"
rc_is "hostile paths: exit 2" $? 2
(cd "$T/hp" && find . -type f | sort) >"$T/r"
eq "hostile paths: only the safe files, inside the folder" "$(cat "$T/r" | tr '\n' ' ')" "./site/fine.txt ./site/sub/ok.txt "
for l in 1 3 4 5 6 7 8; do
	has "hostile paths: record $l reported" "$T/err" "/hostile:$l: the -o pattern gives .*record skipped"
done
has "hostile paths: a newline shown escaped" "$T/err" 'gives "site/a\\nb.txt", which holds a control character'
printf '%s\n' "{\"p\":\"$T/abs-escape\"}" | ni-render -F '{p}' -o '{p}' 2>"$T/err"
rc_is "relative pattern, absolute value: exit 2" $? 2
[ -e "$T/abs-escape" ] && ko "relative pattern, absolute value: not written" || ok "relative pattern, absolute value: not written"

# ---- a folder that cannot be made: exit 2, earlier documents stay ----
mkdir "$T/blk"; : >"$T/blk/y"
ni-render -F '{title}' -o "$T/blk/{g}/page.txt" "$T/u" 2>"$T/err"
rc_is "unwritable folder: exit 2" $? 2
has "unwritable folder: named" "$T/err" "blk/y"
eq "unwritable folder: the document before it stays" "$(cat "$T/blk/x/page.txt")" a
ni-render -o "$T/none/{g}" </dev/null 2>"$T/err"
rc_is "no records: exit 1" $? 1
ni-render -o "$T/bad/{g" "$T/u" 2>"$T/err"
rc_is "pattern that does not parse: usage error" $? 2
ni-render -o "$T/bad/{g}/" "$T/u" 2>"$T/err"
has "pattern ending in a folder: usage error" "$T/err" "a pattern ends in a file name"
