# ni-map: program errors with carets, runtime errors, --strict, --rejects,
# -j, | head, /dev/full; ni-filter's computed values; issue 11.11 and
# 11.19 regressions; the source pipeline's five jobs on the real corpus,
# each compared with a Python port (tests/helpers/map_jobs.py).
. "$NI_TESTS/lib.sh"
export NI_NOW=2026-08-17T12:00:00Z
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
J=$NI_TESTS/helpers/map_jobs.py
printf '%s\n' '{"id":"a","n":"12","t":"x"}' '{"id":"b","n":"abc","t":"y"}' \
	'{"id":"c" "bad"}' '{"id":"d","n":"3","t":"z"}' >"$T/in"

# program errors: place, message, the line and a caret (character columns)
ni-map 'x = upper(t) +' "$T/in" >"$T/out" 2>"$T/err"
rc_is "program error rc" $? 2
has "program error place" "$T/err" '^ni-map: program:1:15: expected a field'
same "program error writes nothing" "$T/out" /dev/null
ni-map 'k = "한국어 텍스트" + frob(t)' "$T/in" 2>"$T/err"
has "unknown function named" "$T/err" "program:1:17: unknown function 'frob'"
# the caret sits under the f: 2 columns per Hangul syllable (2 + 22)
eq "caret after Korean text" "$(sed -n 3p "$T/err")" "$(printf '%*s^' 24 '')"
printf 'a = 1\nif a = 1 then\n  b = trunc(t)\nend\n' >"$T/prog"
ni-map -f "$T/prog" "$T/in" 2>"$T/err"
has "error in a program file: FILE:LINE:COL" "$T/err" "prog:3:7: trunc\(\) takes 2 to 3 arguments, not 1"
ni-map 'a.b = 1' "$T/in" 2>"$T/err"
has "a dotted target is explained" "$T/err" 'program:1:2: a statement changes a top-level field'
ni-map 'if a = 1 then b = 2' "$T/in" 2>"$T/err"
has "if without end" "$T/err" "expected 'end' to close the 'if' at column 1"
ni-map 'x = tags and y' "$T/in" 2>"$T/err"
has "a field used as a truth asks for an operator" "$T/err" "expected an operator .* after 'tags'"
ni-map 'x = replace(t, /(/, "")' "$T/in" 2>"$T/err"
has "regex error at its column" "$T/err" 'program:1:18: missing closing parenthesis'
ni-map 'x = 1 y = 2' "$T/in" 2>"$T/err"
has "statements need a separator" "$T/err" "program:1:7: expected ';' or a line break"

# runtime errors: reported with FILE:LINE and the part that failed; the
# record passes through unchanged (default) or is dropped (--strict)
ni-map 'm = number(n) * 2' "$T/in" >"$T/out" 2>"$T/err"
rc_is "runtime error rc" $? 2
has "runtime error message" "$T/err" '^ni-map: .*in:2: m = number\(n\) \* 2: number\(n\): "abc" is not a number \(record passed through unchanged\)$'
has "invalid line reported" "$T/err" "^ni-map: .*in:3:11: ',' or '}' expected"
eq "runtime error: the record passes unchanged" "$(sed -n 2p "$T/out")" '{"id":"b","n":"abc","t":"y"}'
eq "the others are mapped" "$(sed -n '1p;3p' "$T/out" | tr '\n' ' ')" '{"id":"a","n":"12","t":"x","m":24} {"id":"d","n":"3","t":"z","m":6} '
ni-map --strict --rejects "$T/rej" 'm = number(n) * 2' "$T/in" >"$T/out" 2>"$T/err"
rc_is "--strict rc" $? 2
has "--strict says dropped" "$T/err" 'record dropped: --strict'
eq "--strict drops the failed record" "$(wc -l <"$T/out")" 2
eq "--rejects keeps the failed and invalid lines" "$(cut -c1-12 "$T/rej" | tr '\n' ' ')" '{"id":"b","n {"id":"c" "b '
ni-map 'm = t * 2' "$T/in" 2>"$T/err" >/dev/null
has "arithmetic on a string" "$T/err" "in:1: m = t \* 2: t \* 2: '\*' needs two numbers, not a string \(\"x\"\) and a number \(2\)"
ni-map 'm = t + 1' "$T/in" 2>"$T/err" >/dev/null
has "string + number suggests string()" "$T/err" 'use string\(\) or number\(\)'
ni-map 'm = q' "$T/in" 2>"$T/err" >/dev/null
has "a missing field is named" "$T/err" 'in:1: m = q: q is missing'
ni-map 'rename t id' "$T/in" 2>"$T/err" >/dev/null
has "rename onto an existing field" "$T/err" "in:1: rename t id: the record has a field 'id' already"
printf '{"a":1}\n' | ni-map 'x = 1 / (a - 1)' 2>"$T/err" >/dev/null
has "division by zero" "$T/err" 'division by zero'
printf '{"a":1}\n' | ni-map 'skip' >"$T/out" 2>"$T/err"
rc_is "all skipped: exit 1" $? 1
same "skip is quiet" "$T/err" /dev/null

# -j N output is byte-identical to -j 1; seq() and nr too
if [ -n "${NI_CORPUS:-}" ]; then
	ni-parse "$NI_CORPUS/daily" >"$T/c.ndjson" 2>/dev/null
	for i in 1 2 3 4 5 6 7 8; do cat "$T/c.ndjson"; done >"$T/big"
else
	for i in $(seq 1 30000); do echo "{\"id\":\"i$i\",\"date_published\":\"2026-0$((i % 9 + 1))-01\",\"title\":\"T $i\"}"; done >"$T/big"
fi
P='x = lower(title) + "/" + string(nr); if title ~ /ai/i then y = len(title) end'
ni-map -j 1 "$P" "$T/big" >"$T/j1"
ni-map -j 4 "$P" "$T/big" >"$T/j4"
same "-j 4 equals -j 1" "$T/j4" "$T/j1"
eq "-j: every record" "$(wc -l <"$T/j4")" "$(wc -l <"$T/big")"
ni-map -j 4 'z = seq(date_published)' "$T/big" >"$T/s4"
ni-map -j 1 'z = seq(date_published)' "$T/big" >"$T/s1"
same "seq() under -j 4 equals -j 1" "$T/s4" "$T/s1"
# bad lines and failing records over many batches: -j 4 reports them in
# the order of -j 1, each at its FILE:LINE, and keeps them in --rejects
awk 'NR % 997 == 0 { print "{bad" } NR % 1009 == 0 { print "{\"zz\":0}" } { print }' "$T/big" >"$T/mix"
nbad=$(grep -c '^{bad' "$T/mix"); nfail=$(grep -c '^{"zz":0}' "$T/mix")
ni-map -j 1 --rejects "$T/r1" 'if exists zz then q = 1 / zz end' "$T/mix" >"$T/m1" 2>"$T/e1"
rc_is "-j 1 with bad lines: exit 2" $? 2
ni-map -j 4 --rejects "$T/r4" 'if exists zz then q = 1 / zz end' "$T/mix" >"$T/m4" 2>"$T/e4"
rc_is "-j 4 with bad lines: exit 2" $? 2
same "-j 4 output with bad lines equals -j 1" "$T/m4" "$T/m1"
same "-j 4 errors in the order of -j 1" "$T/e4" "$T/e1"
same "-j 4 rejects equal -j 1" "$T/r4" "$T/r1"
eq "-j 4: one error per bad line or failed record" "$(wc -l <"$T/e4")" $((nbad + nfail))
eq "-j 4: failed records pass, bad lines do not" "$(wc -l <"$T/m4")" $(($(wc -l <"$T/mix") - nbad))
grep -n '^{bad' "$T/mix" | cut -d: -f1 | sed 's|^|ni-map: '"$T"'/mix:|; s|$|:2: |' >"$T/want"
grep -o '^ni-map: [^ ]*mix:[0-9]*:2: ' "$T/e4" | sed 's/ $/ /' >"$T/got"
same "-j 4: bad lines at FILE:LINE:COL, in order" "$T/got" "$T/want"
ni-map -v -j 4 'z = seq(date_published)' "$T/in" 2>&1 >/dev/null | grep -q 'one thread' &&
	ok "-v says seq() runs in one thread" || ko "-v says seq() runs in one thread"

# the members of a record come from the scanner's index, or from the line
# when the index is partial (an escaped key, more than 64 members): random
# records of both kinds, whitespace anywhere, read back by Python's json:
# the same as Python applying the program, in the same key order; -j 1, 2
# and 3 byte-identical
$PY - "$T/spl" <<'EOF2'
import json, random, sys
r = random.Random(26)
ws = ["", "", " ", "  ", "\t", " \t "]
vals = ['1', '1.0', '1e3', '-0', '"s"', '"\\u00e9"', '"caf\u00e9"', 'true', 'null',
        '[1, "x", {"y": 2}]', '{"n": {"m": []}}', '"ai and llm"', '"Ab"']
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        keys = [k for k in ["a", "b", "k\\u0065y", "t", "id"] if r.random() < 0.6]
        if r.random() < 0.2:
            keys += ["f%d" % j for j in range(70)]
        mem = [r.choice(ws) + '"%s"' % k + r.choice(ws) + ":" + r.choice(ws) + r.choice(vals) + r.choice(ws) for k in keys]
        f.write(r.choice(ws) + "{" + ",".join(mem) + (r.choice(ws) if not mem else "") + "}" + r.choice(ws) + "\n")
EOF2
P='x = 1; del b; a ?= "new"; t = if(t ~ /ai|llm/i, 2, 0)'
for j in 1 2 3; do ni-map -j $j "$P" "$T/spl" >"$T/spl$j" 2>"$T/sple$j"; done
same "index and line paths: -j 2 equals -j 1" "$T/spl2" "$T/spl1"
same "index and line paths: -j 3 equals -j 1" "$T/spl3" "$T/spl1"
$PY - "$T/spl" "$T/spl1" >"$T/r" 2>&1 <<'EOF2'
import json, re, sys
bad = 0
ins = [json.loads(l) for l in open(sys.argv[1])]
outs = [l.rstrip("\n") for l in open(sys.argv[2])]
for rec, line in zip(ins, outs):
    want = dict(rec)
    want["x"] = 1
    want.pop("b", None)
    if want.get("a") is None:
        want["a"] = "new"
    t = want.get("t")
    want["t"] = 2 if isinstance(t, str) and re.search("ai|llm", t, re.I) else 0
    got = json.loads(line)
    if got != want or list(got) != list(want):
        bad += 1
print("records", len(outs), "of", len(ins), "differing", bad)
EOF2
eq "index and line paths: as Python applies the program" "$(cat "$T/r")" "records 3000 of 3000 differing 0"

# | head ends cleanly; a full disk is exit 2 with a message
yes '{"id":"x","a":1}' | head -100000 | ni-map 'b = a + 1' 2>"$T/err" | head -1 >"$T/out"
eq "map | head -1" "$(cat "$T/out")" '{"id":"x","a":1,"b":2}'
same "map | head -1 quiet" "$T/err" /dev/null
ni-map 'b = 1' "$T/in" >/dev/full 2>"$T/err"
rc_is "map /dev/full rc" $? 2
has "map /dev/full msg" "$T/err" 'write error: No space left on device'

# the output path: records written straight from the input lines
# (writev), runs of untouched members as they came; checked against
# Python's json with compact separators, the form ni-parse writes
$PY - "$T/cin" <<'EOF2'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        r = {"id": "r%d" % i, "summary": "요약 " * (40 + i % 90), "n": i,
             "title": "t<%d>" % i, "tags": ["a", "b"] * (i % 5),
             "body": "x" * (i * 7 % 700), "last": i % 3}
        if i % 4 == 0:
            del r["id"]
        f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
EOF2
for prog in 'x = 1' 'del id' 'id = "z"' 'title = "T"' 'del last' 'rename summary s' \
	'if last = 1 then skip end; y = n'; do
	ni-map "$prog" "$T/cin" >"$T/cout"
	$PY - "$prog" "$T/cin" "$T/cout" >"$T/r" <<'EOF2'
import json, sys
prog, cin, cout = sys.argv[1:]
exp = []
for line in open(cin, encoding="utf-8"):
    r = json.loads(line)
    if prog == "x = 1": r["x"] = 1
    elif prog == "del id": r.pop("id", None)
    elif prog == 'id = "z"': r["id"] = "z"
    elif prog == 'title = "T"': r["title"] = "T"
    elif prog == "del last": r.pop("last", None)
    elif prog == "rename summary s":
        r = {("s" if k == "summary" else k): v for k, v in r.items()}
    else:
        if r["last"] == 1: continue
        r["y"] = r["n"]
    exp.append(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
got = open(cout, encoding="utf-8").read()
print("same" if got == "".join(exp) else "differs: %d lines, want %d" % (got.count("\n"), len(exp)))
EOF2
	eq "map output path, compact input: $prog" "$(cat "$T/r")" same
done
# stdout and stderr in input order (2>&1 into one pipe): a record
# passed through after a runtime error comes right after its message,
# before the next one; invalid lines' messages in their place too
$PY - "$T/ord" <<'EOF2'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 6001):
        if i % 7 == 0:
            f.write('{"i":%d,"n":"x%s"}\n' % (i, "y" * (i % 300)))
        elif i % 11 == 0:
            f.write('{"i":%d,"n" 1}\n' % i)
        else:
            f.write('{"i":%d,"n":"%d","pad":"%s"}\n' % (i, i, "p" * (i % 500)))
EOF2
for j in 1 2; do
	ni-map -j $j 'm = number(n)' <"$T/ord" 2>&1 | cat >"$T/ordout"
	$PY - "$T/ordout" >"$T/r" <<'EOF2'
import json, re, sys
want, bad = 1, []
expect_rec = None
for ln in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"ni-map: -:(\d+):", ln)
    if m:
        k = int(m.group(1))
        if expect_rec is not None or k != want: bad.append(ln[:40])
        if k % 7 == 0: expect_rec = k
        want = k + 1
        continue
    try:
        r = json.loads(ln)
    except ValueError:
        bad.append(ln[:40])
        continue
    if expect_rec is not None:
        if r["i"] != expect_rec or "m" in r: bad.append(ln[:40])
        expect_rec = None
        continue
    if r["i"] != want or r.get("m") != r["i"]: bad.append(ln[:40])
    want = r["i"] + 1
print("in order" if not bad and want == 6001 else "out of order: %d, first %r, last %d" % (len(bad), bad[:1], want - 1))
EOF2
	eq "map -j $j: stdout and stderr in input order" "$(cat "$T/r")" "in order"
done
# a write cut short (the file size limit) continues where it stopped, and
# then fails with exit 2 and a message: the file is a prefix of the output
ni-map 'x = 1' "$T/cin" >"$T/cfull"
(ulimit -f 256; trap '' XFSZ; exec ni-map 'x = 1' "$T/cin" >"$T/cpart" 2>"$T/err")
rc_is "map short write rc" $? 2
has "map short write msg" "$T/err" 'write error: File too large'
n=$(wc -c <"$T/cpart")
if [ "$n" -gt 0 ] && [ "$n" -lt "$(wc -c <"$T/cfull")" ] && head -c "$n" "$T/cfull" | cmp -s - "$T/cpart"; then
	ok "map short write: a prefix of the output ($n bytes)"
else
	ko "map short write: a prefix of the output" "$n bytes"
fi
ni-map --help >"$T/h"; rc_is "--help rc" $? 0
ni-map --version >"$T/h"; has "--version" "$T/h" '^ni-map [0-9]'
ni-map 'x = 1' "$T/nonexistent" 2>"$T/err"; rc_is "missing file rc" $? 2

# ni-filter: computed values on the left of a comparison
printf '%s\n' '{"id":"a","tags":["x","y","z"],"regions":["APAC"],"d":"2026-03-08"}' \
	'{"id":"b","tags":["x"],"regions":["kr"],"d":"2026-03-09"}' >"$T/f"
eq "filter len(tags) >= 3" "$(ni-filter 'len(tags) >= 3' "$T/f" | cut -c1-10)" '{"id":"a",'
eq "filter lower(regions) = apac" "$(ni-filter 'lower(regions) = apac' "$T/f" | cut -c1-10)" '{"id":"a",'
eq "filter date(d, \"%u\") = 7 (Sunday)" "$(ni-filter 'date(d, "%u") = 7' "$T/f" | cut -c1-10)" '{"id":"a",'
eq "filter computed in and/or" "$(ni-filter 'len(tags) = 1 and upper(regions) = KR' "$T/f" | cut -c1-10)" '{"id":"b",'
printf '{"a":1}\n{"c":2}\n' | ni-filter 'a * 100 >= 50' >"$T/out" 2>"$T/err"
eq "filter: arithmetic on a missing field is false, not an error" "$(cat "$T/out" "$T/err")" '{"a":1}'
printf '{"id":"c","n":"abc"}\n' | ni-filter 'number(n) > 1' 2>"$T/err"
rc_is "filter: a failing computed value is an error, not false" $? 2
has "filter: its message" "$T/err" 'number\(n\): "abc" is not a number'

# issue 11.11: a /regex/ is NFC-normalised; -i folds in full (ß = ss)
$PY -c 'import json,unicodedata; print(json.dumps({"t": unicodedata.normalize("NFD", "에이전트 ÉCOLE Straße")}, ensure_ascii=False))' >"$T/nfd"
nfd=$($PY -c 'import unicodedata; print(unicodedata.normalize("NFD", "에이전트"))')
ni-filter -q "t ~ /$nfd/" "$T/nfd"; rc_is "11.11 a decomposed regex matches (NFC)" $? 0
ni-filter -q 't ~ /에이전트/' "$T/nfd"; rc_is "11.11 a composed regex matches decomposed text" $? 0
ni-filter -q -i 't ~ /strasse/' "$T/nfd"; rc_is "11.11 -i: strasse matches Straße" $? 0
ni-filter -q 't ~ /STRASSE/i' "$T/nfd"; rc_is "11.11 /i: STRASSE matches Straße" $? 0
ni-filter -q -i 't ~ /école straße/' "$T/nfd"; rc_is "11.11 -i regex: école matches ÉCOLE" $? 0
ni-filter -q 't ~ /\Sstra\S/i' "$T/nfd"; rc_is "11.11 folding keeps escapes (\\S)" $? 1
printf '{"title":"ÉCOLE Straße"}\n' >"$T/ecole"
ni-filter -q -i 'title = "école strasse"' "$T/ecole"; rc_is "11.11 the man page's -i example is true" $? 0
top=$(cd "$NI_TESTS/.." && pwd)
hasnt "11.11 the man page no longer claims ecole matches ÉCOLE" "$top/man/ni-filter.1" 'ecole strasse'

# issue 11.19: a literal dotted key
printf '{"a":1,"a.b":2}\n' >"$T/dot"
ni-filter -q 'a.b = 2' "$T/dot"; rc_is "11.19 a.b finds the key \"a.b\" when a has no b" $? 0
ni-filter -q '`a.b` = 2' "$T/dot"; rc_is "11.19 \`a.b\` is always the literal key" $? 0
printf '{"a":{"b":3},"a.b":2}\n' >"$T/dot2"
ni-filter -q 'a.b = 3 and `a.b` = 2' "$T/dot2"; rc_is "11.19 nested first, \`a.b\` literal" $? 0

# the source pipeline's jobs on the real corpus, each against a Python port
if [ -n "${NI_CORPUS:-}" ] && $PY -c 'import json' 2>/dev/null; then
	n=$(wc -l <"$T/c.ndjson")
	# 1. the collector's keyword relevance score (job 4, "ai" as a word)
	cat >"$T/job1" <<'PROG'
_text = lower(title + " " + coalesce(description, summary_en, ""))
relevance_score = if(_text ~ /\bai\b|artificial intelligence|agent|generative|llm|gpt|claude|machine learning|automation|personalization|recommendation|chatbot|copilot|sidekick/, 2, 0) + if(_text ~ /commerce|d2c|dtc|retail|shopping|checkout|conversion|marketplace/, 1, 0) + if(_text ~ /marketing|advertising|campaign|seo|content|social media|martech|adtech|attribution|segmentation/, 1, 0)
del _text
PROG
	ni-map -f "$T/job1" "$T/c.ndjson" >"$T/o1" 2>"$T/err"
	rc_is "job 1 relevance rc" $? 0
	$PY "$J" relevance "$T/c.ndjson" "$T/o1" >"$T/r" 2>&1
	eq "job 1 relevance_score = Python port on every item" "$(cat "$T/r")" "ok $n"
	# 2. monthly normalisation (job 12), then the theme counts of 2026-04
	cat >"$T/job2" <<'PROG'
regions ?= ["GLOBAL"]
regions = upper(regions)
strategic_theme ?= coalesce(last(case(categories, "agentic_commerce", "AI_AGENT", "commerce", "AI_COMMERCE", "marketing", "AI_MARKETING", "ai_marketing", "AI_MARKETING", "strategy", "DATA_STRATEGY", "tech", "EMERGING_TECH")), "EMERGING_TECH")
business_impact ?= "MEDIUM"
PROG
	ni-map -f "$T/job2" "$T/c.ndjson" >"$T/o2"
	$PY "$J" monthly "$T/c.ndjson" "$T/o2" >"$T/r" 2>&1
	eq "job 2 monthly fields = Python port" "$(cat "$T/r")" "ok $n"
	ni-filter 'date_published = 2026-04' "$T/o2" | ni-summarize -b strategic_theme |
		$PY -c 'import json,sys
for l in sys.stdin:
    r = json.loads(l); print(r["strategic_theme"], r["count"])' | sort >"$T/got"
	$PY "$J" themes "$T/c.ndjson" 2026-04 >"$T/want"
	same "job 2 ni-summarize -b strategic_theme = the monthly stage's counts" "$T/got" "$T/want"
	hasnt "job 2 no empty theme group" "$T/got" '^None '
	# 3. the search index: body text without markup, cut on characters
	ni-parse --body "$NI_CORPUS/daily" >"$T/cb.ndjson" 2>/dev/null
	ni-map 'body_text = trunc(strip_markup(coalesce(_body_en, _body)), 800); body_ko = trunc(strip_markup(coalesce(_body_ko, _body)), 300); keep id, title, date_published, tags, body_text, body_ko' \
		"$T/cb.ndjson" >"$T/o3" 2>"$T/err"
	rc_is "job 3 search index rc" $? 0
	$PY "$J" search "$T/cb.ndjson" "$T/o3" >"$T/r" 2>&1
	eq "job 3 valid JSON, no markup, Korean cut on characters" "$(cat "$T/r")" "ok $n"
	# 4. newsletter records: link -> canonical_url, summaries of 280
	$PY -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(json.dumps({"id": r["id"], "title": r["title"], "link": r["canonical_url"], "summary_ko": r["summary_ko"], "date_published": r["date_published"]}, ensure_ascii=False))' "$T/c.ndjson" >"$T/nl"
	ni-map 'rename link canonical_url; summary_ko = trunc(summary_ko, 280, "...")' "$T/nl" >"$T/o4"
	$PY "$J" newsletter "$T/nl" "$T/o4" >"$T/r" 2>&1
	eq "job 4 newsletter records = Python port" "$(cat "$T/r")" "ok $n"
	head -40 "$T/o4" | ni-render -f email -l ko --from a@example.com --to b@example.com >"$T/mail"
	$PY -c 'import email,json,sys,html
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
body = "".join(p.get_payload(decode=True).decode() for p in m.walk() if not p.is_multipart())
body = html.unescape(body)
urls = [json.loads(l)["canonical_url"] for l in open(sys.argv[2])][:40]
miss = [u for u in urls if u not in body]
print("missing", len(miss), miss[:3])' "$T/mail" "$T/o4" >"$T/r"
	eq "job 4 ni-render -f email has every link" "$(cat "$T/r")" "missing 0 []"
	# 5. generator ids, unique per date
	ni-map 'id = "daily_" + date(date_published, "%Y%m%d") + "_" + pad(seq(date_published), 3)' "$T/c.ndjson" >"$T/o5"
	$PY "$J" ids "$T/c.ndjson" "$T/o5" >"$T/r" 2>&1
	eq "job 5 ids = Python port, unique" "$(cat "$T/r")" "ok $n"
	ni-map 'id = "daily_" + date(date_published, "%Y%m%d") + "_" + substr("00" + string(seq(date_published)), -3)' "$T/c.ndjson" >"$T/o5b"
	same "job 5 the substr form gives the same ids" "$T/o5b" "$T/o5"
	# items in = items out, untouched bytes kept: a no-op program is cat
	ni-map 'del _nothing' "$T/cb.ndjson" >"$T/o6"
	same "a program that changes nothing writes the input bytes" "$T/o6" "$T/cb.ndjson"
fi

# first run: --help fits on a screen and ends with an example; on a
# terminal with no input, usage instead of waiting
ni-map --help >"$T/h"
n=$(wc -l <"$T/h")
[ "$n" -le 30 ] && ok "ni-map --help fits on a screen ($n lines)" || ko "ni-map --help is $n lines"
tail -1 "$T/h" | grep -q '^Example: ' && ok "ni-map --help ends with an example" || ko "ni-map --help ends with an example"
if command -v script >/dev/null 2>&1; then
	timeout 10 script -qec "ni-map 'x = 1'" /dev/null </dev/null >"$T/tty" 2>&1
	rc=$?
	[ $rc -eq 2 ] && grep -q -- "--help" "$T/tty" && ok "ni-map on a terminal with no input: usage, exit 2" ||
		ko "ni-map on a terminal" "rc $rc: $(head -c 200 "$T/tty")"
fi
ni-map 2>"$T/err" </dev/null; rc_is "ni-map without a program: usage error" $? 2
has "ni-map without a program: says so" "$T/err" 'no program given'

# compact input (as ni-parse writes): runs of untouched members are copied
# at once; Python applies the same changes to the parsed records and
# writes them compact: byte for byte the same (deleted, changed, renamed
# and added members at the start, middle and end)
$PY - >"$T/compact" <<'PYEOF'
import json, random
r = random.Random(3)
for i in range(400):
    o = {"a%d" % k: r.choice([k, "s%d" % k, [k, "x"], {"n": k}, None, True]) for k in range(r.randint(1, 9))}
    print(json.dumps(o, separators=(",", ":")))
PYEOF
for prog in 'x = 1' 'del a0' 'del a4' 'a3 = "c"' 'del a1; a5 = 2' 'keep a0, a2, a7'; do
	ni-map "$prog" "$T/compact" >"$T/got" 2>/dev/null
	$PY - "$prog" "$T/compact" >"$T/want" <<'PYEOF'
import json, sys
prog, path = sys.argv[1], sys.argv[2]
for line in open(path):
    o = json.loads(line)
    for st in prog.split("; "):
        if st.startswith("del "): o.pop(st[4:], None)
        elif st.startswith("keep "):
            ks = st[5:].split(", ")
            o = {k: o[k] for k in ks if k in o}
        else:
            k, v = st.split(" = ")
            o[k] = json.loads(v)
    print(json.dumps(o, separators=(",", ":")))
PYEOF
	same "compact input, '$prog': = Python's compact output" "$T/got" "$T/want"
done
