# The bad-input and fault catalog (../shared/docs/hardening.md) as tests.
# Each case: ID, expected exit status, stderr pattern, stdout pattern, and
# the command (run by sh in a temp dir, under timeout 10).  "-" matches
# anything; "^$" means empty.  Cases that do not apply, or where ni
# deliberately differs, say why in a comment at the case.
. "$NI_TESTS/lib.sh"
cd "$T"
export NI_NOW=2026-11-28T09:00:00Z
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
export PY
limit=10; [ -n "${NI_VALGRIND:-}" ] && limit=120   # valgrind is ~30x slower

c() { # ID RC STDERR-ERE STDOUT-ERE COMMAND
	id=$1 want=$2 eere=$3 oere=$4
	shift 4
	timeout "$limit" sh -c "$*" >"$T/o" 2>"$T/e"
	rc=$?
	why=""
	[ "$rc" = "$want" ] || why="exit $rc, want $want"
	if [ "$eere" = '^$' ]; then [ -s "$T/e" ] && why="$why; stderr not empty: $(head -c 200 "$T/e")"
	elif [ "$eere" != - ]; then grep -Eq -- "$eere" "$T/e" || why="$why; stderr lacks /$eere/: $(head -c 200 "$T/e")"; fi
	if [ "$oere" = '^$' ]; then [ -s "$T/o" ] && why="$why; stdout not empty"
	elif [ "$oere" != - ]; then grep -Eq -- "$oere" "$T/o" || why="$why; stdout lacks /$oere/: $(head -c 200 "$T/o")"; fi
	if [ -z "$why" ]; then ok "catalog $id"; else ko "catalog $id" "$why"; fi
}
ok_md() { printf -- '---\nid: ok\ntitle: fine\n---\n' >ok.md; }
ok_md

# --- Y. YAML front matter -------------------------------------------------
$PY -c "print('---\nid: deep\nv: ' + '['*100000 + '\n---')" >y1.md
c Y1 2 'y1.md:3:67: front matter nested deeper than 64' '"id":"ok"' 'ni-parse y1.md ok.md'
cat >y2.md <<'X'
---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
X
c Y2 2 'y2.md:[0-9]+:[0-9]+: (aliases expand beyond|more than 100 aliases)' '^$' 'ni-parse y2.md'
printf -- '---\na: &a [1, *a]\n---\n' >y3.md
c Y3 2 'y3.md:2:11: alias \*a refers to a node that contains it' '^$' 'ni-parse y3.md'
printf -- '---\na: *nope\n---\n' >y4a.md; printf -- '---\na: &x 1\nb: &x 2\n---\n' >y4b.md
c Y4 2 'y4a.md:2:4: undefined alias \*nope' '^$' 'ni-parse y4a.md'
c Y4b 2 'y4b.md:3:4: anchor &x defined twice' '^$' 'ni-parse y4b.md'
printf -- '---\nid: a\ntitle: "caf\377"\n---\n' >y5a.md; printf -- '---\nid: a\ntitle: x\001y\n---\n' >y5b.md
c Y5 2 'y5a.md:3:12: invalid UTF-8 \(byte offset 21\)' '^$' 'ni-parse y5a.md'
c Y5b 2 'y5b.md:3:9: control characters are not allowed' '^$' 'ni-parse y5b.md'
printf -- '---\ntitle: "a\\0b\\e[31m"\n---\n' >y6.md
c Y6 0 '^$' '"title":"a\\u0000b\\u001b\[31m"' 'ni-parse y6.md'
c Y6-html 0 '^$' '<h2 class="l-en" lang="en">ab\[31m</h2>' 'ni-parse y6.md | ni-render -f html'
printf -- '---\na: 1\na: 2\n---\n' >y7.md
c Y7 2 'y7.md:3:1: duplicate key "a"' '^$' 'ni-parse y7.md'
printf -- '---\n? [1, 2]\n: v\n---\n' >y8a.md; printf -- '---\nb: !!binary aGk=\nc: !custom x\n---\n' >y8b.md
c Y8 2 'y8a.md:2:3: mapping key is not a scalar' '^$' 'ni-parse y8a.md'
# Y8: unknown tags keep the text as a string; merge keys are plain keys
c Y8b 0 '^$' '"b":"aGk=","c":"x"' 'ni-parse y8b.md'
printf -- '---\nbase: &b {x: 1}\nm:\n  <<: *b\n---\n' >y8c.md
c Y8c 0 '^$' '"m":\{"<<":\{"x":1\}\}' 'ni-parse y8c.md'
printf -- '---\ncountry: NO\nv: 1.10\nid: 012\nt: 2024-01-01\nx: .nan\ny: .inf\nz: ~\n---\n' >y9.md
c Y9 0 '^$' '^\{"country":"NO","v":1.10,"id":12,"t":"2024-01-01","x":".nan","y":".inf","z":null,' 'ni-parse y9.md'
printf -- '---\nid: open\n' >y10a.md; printf -- '---\r\nid: crlf\r\n---\r\n' >y10b.md
printf '\357\273\277---\nid: bom\n---\n' >y10c.md; printf -- '----\nid: no\n----\n' >y10d.md
printf -- '---\ntext: |\n  ---\n  inside\nid: blk\n---\n' >y10e.md; printf -- '---\nid: dots\n...\n' >y10f.md
printf -- '---\n---\n' >y10g.md; printf 'just text\n---\nid: late\n---\n' >y10h.md
c Y10a 2 'y10a.md:1:1: unterminated front matter' '^$' 'ni-parse y10a.md'
c Y10b 0 '^$' '"id":"crlf"' 'ni-parse y10b.md'
c Y10c 0 '^$' '"id":"bom"' 'ni-parse y10c.md'
c Y10d 0 '^$' '^$' 'ni-parse y10d.md'
c Y10e 0 '^$' '"text":"---\\ninside\\n","id":"blk"' 'ni-parse y10e.md'
c Y10f 0 '^$' '"id":"dots"' 'ni-parse y10f.md'
c Y10g 0 '^$' '^\{"_path":"y10g.md"\}$' 'ni-parse y10g.md'
c Y10h 0 'no front matter' '^$' 'ni-parse -v y10h.md'
head -c 1100000 /dev/zero | tr '\0' a | sed 's/^/---\ntitle: /; s/$/\n---/' >y11a.md
mkdir -p y11dir; printf -- '---\nid: in\n---\n' >y11dir/a.md
mkfifo y11.fifo 2>/dev/null
c Y11 2 'y11a.md:2:1: front matter larger than 1048576 bytes' '"id":"ok"' 'ni-parse y11a.md ok.md'
c Y11-dir 0 '^$' '"id":"in"' 'ni-parse y11dir'
c Y11-fifo 0 '^$' '"id":"fifo"' "(printf -- '---\nid: fifo\n---\n' >y11.fifo &) ; ni-parse y11.fifo"
c Y11-unreadable 2 'nope.md: No such file' '"id":"ok"' 'ni-parse nope.md ok.md'
printf -- '\n---\nid: a\nb: [\n---\n' >y12.md
printf -- '---\nid: y12\ntitle: ok\ntags:\n  - a\n  - b\n  c: d\n---\n' >y12b.md
c Y12 2 'y12b.md:7:3: did not find expected' '^$' 'ni-parse y12b.md'

# --- J. NDJSON input ------------------------------------------------------
for tool in "ni-filter true" "ni-summarize -b id" "ni-render -F {id}"; do
	t=${tool%% *}
	c "J1 $t" 2 ':2:8: premature end of input' - "printf '{\"id\":1}\n{\"id\":2' | $tool"
	c "J2 $t" 2 ':2:7: .*expected' - "printf '{\"id\":1}\n{\"id\" 2}\n{\"id\":3}\n' | $tool"
done
c J1-flows 2 - '"id":1' "printf '{\"id\":1}\n{\"a\":2' | ni-filter true"
c J2-flows 2 - '"id":3' "printf '{\"id\":1}\n{\"id\" 2}\n{\"id\":3}\n' | ni-filter true"
c J3 0 '^$' '^\{"a":1\}$' "printf '{\"a\":1}\r\n\r\n\n' | ni-filter true"
c J4 0 '^$' '^\{"a":1\}$' "printf '\357\273\277{\"a\":1}\n' | ni-filter true"
c J5 2 ':1:7: invalid UTF-8 in string' '^$' "printf '{\"a\":\"\300\257\"}\n' | ni-filter true"
c J5b 2 ':1:7: invalid Unicode surrogate' '^$' "printf '{\"a\":\"\\\\ud800\"}\n' | ni-filter true"
# J6: NUL in values is kept (length-aware everywhere); NUL in keys is refused
c J6 0 '^$' 'evil' "printf '{\"a\":\"x\\\\u0000evil\"}\n' | ni-filter 'a ~ /evil/'"
c J6b 2 'NUL byte in object key' '^$' "printf '{\"a\\\\u0000\":1}\n' | ni-filter true"
c J6c 2 'control character in string' '^$' "printf '{\"a\":\"x\000y\"}\n' | ni-filter true"
c J7 2 ':1:8: duplicate object key' '^$' "printf '{\"a\":1,\"a\":2}\n' | ni-filter 'a = 1'"
# J8a: an integer beyond 64 bits passes through as written (issue 22 #4)
c J8a 0 '^$' '^\{"a":99999999999999999999\}$' "printf '{\"a\":99999999999999999999}\n' | ni-filter true"
c J8e 2 'number too long' '^$' "$PY -c \"print('{\\\"a\\\":' + '9'*600 + '}')\" | ni-filter true"
c J8b 2 'real number overflow' '^$' "printf '{\"a\":1e400}\n' | ni-filter true"
c J8c 2 'invalid token' '^$' "printf '{\"a\":NaN}\n' | ni-filter true"
c J8d 0 '^$' '^\{"a":-0\}$' "printf '{\"a\":-0}\n' | ni-filter true"
c J9a 2 'end of record expected' '^$' "printf '{\"a\":1} x\n' | ni-filter true"
c J9b 2 'a record must be a JSON object' '^$' "printf '42\n\"s\"\n' | ni-filter true"
# J10: ni's own depth limit (64) applies to records, well below jansson's 2048
c J10 2 'nested too deep' '^$' "$PY -c \"print('{\\\"a\\\":' + '['*2049 + ']'*2049 + '}')\" | ni-filter true"
$PY -c "import json; print(json.dumps({'k%d' % i: i for i in range(100000)}))" >j11.ndjson
c J11 0 '^$' '^1$' 'ni-filter -c "exists k99999" j11.ndjson'
$PY -c "import json
for i in range(100000): print(json.dumps({'id': str(i), 'k': 'A'*(i%7) + 'x%d' % i}))" >j11b.ndjson
c J11-groups 0 '^$' '^100000$' 'ni-summarize -b k --max-groups 200000 j11b.ndjson | wc -l'
c J12 2 ':1: record longer than 1048576 bytes' '^\{"a":2\}$' "{ head -c 3000000 /dev/zero | tr '\0' a; printf '\n{\"a\":2}\n'; } | ni-filter --max-line 1M true"
# the scanner's vector levels agree with its scalar reference on this
# section's inputs (2000 mutations of the small ones): tests/scandiff.c
printf '{"id":1}\n{"id":2\n{"id" 2}\n\357\273\277{"a":1}\r\n{"a":"\300\257"}\n{"a":"\\ud800"}\n{"a":"x\\u0000evil"}\n{"a\\u0000":1}\n{"a":"x\000y"}\n{"a":1,"a":2}\n{"a":99999999999999999999}\n{"a":1e400}\n{"a":NaN}\n{"a":-0}\n{"a":1} x\n42\n"s"\n' >jall.ndjson
[ -z "${NI_SCANDIFF:-}" ] || c J-scandiff 0 '^$' ' 0 differences' "\"$NI_SCANDIFF\" -m 2000 jall.ndjson && \"$NI_SCANDIFF\" j11.ndjson j11b.ndjson"

# --- R. Regular expressions ----------------------------------------------
printf '{"t":"%s!"}\n{"t":"ok"}\n' "$(head -c 28 /dev/zero | tr '\0' a)" >r1.ndjson
c R1 2 'r1.ndjson:1: regex: match limit exceeded' '"t":"ok"' "ni-filter 't ~ /(a+)+\$|ok/' r1.ndjson"
printf '{"t":"%s"}\n' "$(head -c 5000 /dev/zero | tr '\0' a)" >r2.ndjson
# (under valgrind the regex interpreter runs, whose depth limit this
# pattern reaches: that is a clear error, R1's case, not R2's)
[ -z "${NI_VALGRIND:-}" ] && c R2 0 '^$' '^1$' "ni-filter -c 't ~ /^(a|aa)*\$/' r2.ndjson"
c R3 2 'not allowed' '^$' "ni-filter 't ~ /(*LIMIT_HEAP=21)a/' r2.ndjson"
c R4 0 '^$' '^1$' "printf '{\"t\":\"caf\\\\u00e9 \\\\ud83d\\\\ude00\"}\n' | ni-filter -c 't ~ /caf./'"
c R5a 2 'missing closing parenthesis' '^$' "ni-filter 't ~ /(/' r2.ndjson"
c R5b 2 'parentheses are too deeply nested' '^$' "ni-filter \"t ~ /\$($PY -c \"print('('*300 + ')'*300)\")/\" r2.ndjson"
c R5c 2 'too large|too long|pattern' '^$' "ni-filter \"t ~ /\$(head -c 70000 /dev/zero | tr '\0' a)/\" r2.ndjson"
c R6 0 '^$' 'evil' "printf '{\"t\":\"x\\\\u0000evil\"}\n' | ni-filter 't ~ /evil/'"
printf '{"id":1}\n{"id":2,"t":null}\n{"id":3,"t":5}\n{"id":4,"t":["x","y"]}\n{"id":5,"t":{"a":"x"}}\n{"id":6,"t":"x"}\n' >r7.ndjson
c R7-match 0 '^$' '^3$' "ni-filter -c 't ~ /^[x5]\$/' r7.ndjson"
c R7-nomatch 0 '^$' '^1$' "ni-filter -c 't !~ /^[x5]\$/' r7.ndjson"
c R7-eq 0 '^$' '^2$' "ni-filter -c 't = x' r7.ndjson"

# --- H. Rendering and injection ------------------------------------------
H=$NI_TESTS/render/hostile.ndjson
c H1 0 '^$' '&lt;script&gt;alert\(1\)&lt;/script&gt;&amp;&quot;&#39; title' "ni-render -f html $H"
c H2 0 '^$' '&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;' "ni-render -f html $H"
c H2-attr 1 '^$' '^$' "ni-render -f html $H | grep -E '<[a-z]+ [^>]*onerror'"
c H3 1 '^$' '^$' "ni-render -f html $H | grep -iE 'href=\"[^\"]*(javascript|data:|vbscript)'"
c H3-md 1 '^$' '^$' "ni-render -f md $H | grep -E '[^\\\\]\\]\\((javascript|data:)'"
# H4: ni never renders a Markdown body as HTML (the body is text: escaped)
c H4 0 '^$' '&lt;img src=x onerror=' "printf '{\"title\":\"t\",\"_body\":\"<img src=x onerror=alert(1)>\"}\n' | ni-render -f html -F '{_body}'"
# H5: ni never embeds JSON in a page (no script elements at all)
c H5 1 '^$' '^$' "ni-render -f html $H | grep -i '<script'"
c H6 0 '^$' '-' "ni-render -f atom $H > h6.atom && xmllint --noout h6.atom && ! grep -q \"\$(printf '\\001')\" h6.atom"
c H7 0 '^$' ']]&(amp;)?gt;' "ni-render -f rss $H"
printf '{"title":"no id, no date"}\n{"id":"a","title":"t","date_published":"yesterday"}\n{"id":"b","title":"one","date_published":"2026-11-01"}\n{"id":"b","title":"two","date_published":"2026-11-02"}\n' >h8.ndjson
c H8 2 'h8.ndjson:1: cannot date.*h8.ndjson:2: cannot date.*|:2: cannot date' '<id>tag:ni-render.invalid,2026:item/b</id>' "ni-render -f atom h8.ndjson"
# HB1-HB3: a Markdown body (issue 23) is rendered through an allowlist:
# nothing active survives, the digests' own wrappers do, text stays text
printf '%s\n' '{"title":"t","_body":"<script>alert(1)</script><style>*{}</style><img src=x onerror=alert(1)><a href=\"jav&#x61;script:alert(1)\">j</a><iframe src=https://e.example/></iframe><form><input></form>[m](javascript:alert(1))"}' >h9.ndjson
c HB1 1 '^$' '^$' "ni-render -f html h9.ndjson | sed -n '/<div class=\"body\">/,/<\/article>/p' | grep -iE '<(script|style|iframe|form|input)|onerror|(href|src)=\"[^\"]*(javascript|data):'"
c HB1-body 0 '^$' '<div class="body"><img src="x" alt=""><a>j</a>' "ni-render -f html h9.ndjson"
printf '%s\n' '{"title":"t","_body":"<div class=\"trend-box\" onclick=\"x()\">\n\n**굵게** &amp; <b>b</b>\n\n</div>"}' >h10.ndjson
c HB2 0 '^$' '<div class="trend-box"><p><strong>굵게</strong> &amp; <b>b</b></p>' "ni-render -f html h10.ndjson | tr -d '\n'"
c HB3 0 '^$' '굵게 & b' "ni-render h10.ndjson"
# a repeated identity is one article: kept once, a -v note, exit unchanged
sed -n 3,4p h8.ndjson >h8d.ndjson
c H8-dup 0 'h8d.ndjson:2: same article as line 1' '<id>tag:ni-render.invalid,2026:item/b</id>' "ni-render -v -f atom h8d.ndjson"
c H9 0 '^$' '-' "ni-render -f email --subject \"\$(printf 'Hi\r\nBcc: x@evil')\" $H > h9.eml && $PY $NI_TESTS/helpers/check_mail.py h9.eml \"\$(printf 'Hi\r\nBcc: x@evil')\""
c H9-long 0 '^$' '-' "ni-render -f email --subject \"\$(head -c 5000 /dev/zero | tr '\0' x)\" $H > h9b.eml && $PY $NI_TESTS/helpers/check_mail.py h9b.eml \"\$(head -c 5000 /dev/zero | tr '\0' x)\""
c H10 1 '^$' '^$' "ni-render -f email $H | grep -E '^\\.\$'"
c H11 1 '^$' '^$' "ni-render --color never $H | grep -q \"\$(printf '\\033')\" && echo raw-esc"
c H11-json 0 '^$' '\\u001b' "ni-render -f json $H"
c H12 0 '^$' '\\\[x\\\]\(javascript:alert\(4\)\) # \\\| \\`code\\`' "ni-render -f md $H"
c H13 0 '^$' '"mean":0.7666666666666666' "LC_ALL=de_DE.UTF-8 ni-summarize -b source_id --stats confidence $NI_TESTS/summarize/items.ndjson"

# --- I. I/O and signals -----------------------------------------------------
c I1 2 'write error: No space left on device' - 'yes "{\"a\":1}" | head -100000 | ni-filter true > /dev/full'
c I2 0 '^$' '^\{"a":1\}$' 'yes "{\"a\":1}" | ni-filter true | head -1'
c I3 0 'write error: Broken pipe' '^\{"a":1\}$' "trap '' PIPE; yes '{\"a\":1}' | ni-filter true | head -1"
mkdir -p i3; for i in $(seq 1 400); do printf -- '---\nid: n%s\n---\n' $i >i3/n$i.md; done
c I3-parse 0 '-' '"id"' "trap '' PIPE; ni-parse i3 | head -1"
c I4 2 'write error' '^$' 'ni-filter true ok.md >&-'
c I4b 2 '^$' '^$' 'printf "{bad\n" | ni-filter true 2>/dev/full'
c I5 2 'y11dir: Is a directory|nope: No such file' '"a":1' "printf '{\"a\":1}\n' >i5.ndjson; ni-filter true nope y11dir i5.ndjson"
# I6: SIGTERM mid-run: the output file is untouched (no partial file)
seq 1 3000000 | awk '{ printf "{\"id\":\"%d\",\"title\":\"t\",\"date_published\":\"2026-11-01\"}\n", $1 }' >many.ndjson
c I6 0 '^$' '^old$' "echo old > i6.atom; timeout -s TERM 0.3 ni-render -f atom -o i6.atom many.ndjson; cat i6.atom; ls | grep -c tmp | grep -q '^0\$'"
c I7 0 '^$' '^0$' "yes '{\"a\":1}' | head -200000 | ni-filter true | (sleep 0.2; cat) | cmp - \"\$(yes '{\"a\":1}' | head -200000 > i7.ndjson; echo i7.ndjson)\"; echo \$?"
c I8 2 'premature|expected' '^0$' 'printf "{bad\n" | ni-filter -c true'

# --- L. Resource limits -----------------------------------------------------
$PY -c "import json
for i in range(1000000): print(json.dumps({'id': 'id-%d' % i}))" >l1.ndjson
if [ -z "${NI_SANITIZE:-}${NI_VALGRIND:-}" ]; then   # ASan and valgrind map huge address spaces: no ulimit -v there
c L1 2 'out of memory' '^$' "ulimit -v 150000; ni-summarize -b id --max-groups 2000000 l1.ndjson"
c L1-render 1 '-' '^old$' "echo old > l1.html; (ulimit -v 150000; ni-summarize -b id --max-groups 2000000 l1.ndjson) 2>/dev/null | ni-render -f html -o l1.html; rc=\$?; cat l1.html; exit \$rc"
fi
c L2 0 '^$' '^\{"_summary".*"items":\[\{"id":"a"' "printf '{\"id\":\"a\",\"r\":9223372036854775807,\"g\":1}\n{\"id\":\"b\",\"r\":-9223372036854775808,\"g\":1}\n{\"id\":\"c\",\"r\":\"x\",\"g\":1}\n{\"id\":\"d\",\"g\":1}\n' | ni-summarize -b g --items 4 --rank r"
c L3 0 'no record has a field "x"' '"count":3' "printf '{\"v\":9223372036854775807}\n{\"v\":9223372036854775807}\n{\"v\":9223372036854775807}\n' | ni-summarize --stats v -b x"
c L4 0 'no record has a field "v"' '"stats":\{"v":\{"count":0\}\}' "printf '{\"id\":1}\n' | ni-summarize -b id --stats v"
c L5 0 '^$' "^'-x\\\\n\\\\ufffd.md'\$" "printf -- '---\nid: a\n---\n' > \"\$(printf -- '-x\n\377.md')\"; ni-parse -- -x*.md | \$PY -c 'import json,sys; print(ascii(json.loads(sys.stdin.read())[\"_path\"]))'"
c L5-msg 2 "ni-parse: -x\\?y.md:1:1: unterminated" '^$' "printf -- '---\n' > \"\$(printf -- '-x\ny.md')\"; ni-parse -- \"\$(printf -- '-x\ny.md')\""
c L6 0 '^$' - 'true'   # every case here runs under timeout 10

# --- C. Cron and state files ------------------------------------------------
c C1 0 '^$' '^(old|<\?xml)' "echo old > c1.atom; for d in 0.05 0.1 0.2; do timeout -s KILL \$d ni-render -f atom -o c1.atom many.ndjson 2>/dev/null; done; head -c 5 c1.atom; ls | grep -c tmp | grep -q '^0\$'"
if command -v strace >/dev/null 2>&1 && [ -z "${NI_VALGRIND:-}" ]; then
	# (strace would count valgrind's own system calls)
	# LeakSanitizer cannot work under ptrace: off for these cases only
	saved_asan=${ASAN_OPTIONS-}
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	export ASAN_OPTIONS
	printf '{"id":"a","title":"t","date_published":"2026-11-01"}\n' >c2.ndjson
	c C2-fsync 2 'write error.*Input/output error' '^old$' "echo old > c2.atom; strace -f -o /dev/null -e inject=fsync:error=EIO ni-render -f atom -o c2.atom c2.ndjson; rc=\$?; cat c2.atom; exit \$rc"
	c C2-rename 2 'write error.*cross-device' '^old$' "echo old > c2.atom; strace -f -o /dev/null -e inject=rename:error=EXDEV ni-render -f atom -o c2.atom c2.ndjson; rc=\$?; cat c2.atom; exit \$rc"
	c C2-write 2 'write error.*No space' '^old$' "echo old > c2.atom; strace -f -o /dev/null -e trace=write -e inject=write:error=ENOSPC:when=1 ni-render -f atom -o c2.atom c2.ndjson; rc=\$?; cat c2.atom; exit \$rc"
	c C2-state 2 'write error' '^# ni-state 1$' "printf '# ni-state 1\n' > c2.state; strace -f -o /dev/null -e inject=rename:error=EIO ni-filter --mark c2.state c2.ndjson >/dev/null; rc=\$?; cat c2.state; exit \$rc"
	c C2-clean 0 '^$' '^0$' "find . -name '*.tmp*' | wc -l"
	ASAN_OPTIONS=$saved_asan
fi
c C3 75 'locked by another run' - "printf '{\"id\":\"a\"}\n' > c3.ndjson; (flock c3.state.lock sleep 2 &) ; sleep 0.3; ni-filter --mark c3.state c3.ndjson"
c C4 0 '^$' 'Message-ID: <digest-' "ni-render -f email $NI_TESTS/render/items.ndjson | grep Message-ID > c4a; ni-render -f email $NI_TESTS/render/items.ndjson | grep Message-ID | cmp - c4a && cat c4a"
c C5 2 'empty: truncated' '^$' ": > c5.state; ni-filter --unseen c5.state $NI_TESTS/render/items.ndjson"
c C5-garbage 2 'incomplete' '^$' "printf '# ni-state 1\nx\t2026' > c5b.state; ni-filter --unseen c5b.state $NI_TESTS/render/items.ndjson"
c C6 1 'no items' '^old$' "echo old > c6.atom; : | ni-render -f atom -o c6.atom; rc=\$?; cat c6.atom; exit \$rc"
c C7 0 '^$' '^same$' "ni-parse $NI_TESTS/../examples/items 2>/dev/null | ni-render -F '{title}|{date_published|date:%a %d %b}' > c7a; env -i PATH=/usr/bin:/bin:$NI_BIN LANG=C ni-parse $NI_TESTS/../examples/items 2>/dev/null | env -i PATH=/usr/bin:/bin:$NI_BIN LC_ALL=de_DE.UTF-8 ni-render -F '{title}|{date_published|date:%a %d %b}' < /dev/stdin > c7b; cmp -s c7a c7b && echo same"

# --- F. Found by the fuzzers (tests/fuzz), kept as cases -------------------
printf -- '---\nx: 1e9999999999999\n---\n' >f1.md
c F1-yaml-float-overflow 0 '^$' '"x":"1e9999999999999"' 'ni-parse f1.md | ni-filter true'
c F2-months-before-year-0 1 '^$' '^$' "printf '{\"d\":\"2026-01-01\"}\n' | ni-filter 'd < -99999m'"
c F3-template-width 2 'width larger than 1000' '^$' "ni-render -F '{t:555555555}' /dev/null"
c F4-summary-without-by 0 '^$' '-' "printf '{\"_summary\":\"group\",\"_fy\":[\"tags\"],\"tags\":\"x\",\"count\":1}\n' | ni-render -f html"
printf -- '---\n"a\\0b": 1\n---\n' >f5.md
c F5-nul-in-key 2 'f5.md:2:1: mapping key contains a NUL character' '^$' 'ni-parse f5.md'
c F6-negative-count 0 '^$' '-1' "printf '{\"_summary\":\"group\",\"_by\":[\"tags\"],\"tags\":\"x\",\"count\":-1,\"share\":0.3}\n{\"_summary\":\"group\",\"_by\":[\"tags\"],\"tags\":\"y\",\"count\":2,\"share\":0.6}\n' | ni-render --color never"
c F6-svg 0 '^$' '<svg' "printf '{\"_summary\":\"group\",\"_by\":[\"tags\"],\"tags\":\"x\",\"count\":-5,\"share\":0.3}\n' | ni-render -f svg | xmllint --noout - && ni-render -f svg /dev/null | head -c 4 && printf '{\"_summary\":\"group\",\"_by\":[\"tags\"],\"tags\":\"x\",\"count\":-5}\n' | ni-render -f svg | grep -q 'width=\"0.0\"' && echo '<svg'"
c F7-nul-in-feed-id 0 '^$' 'item/a%00b' "printf '{\"id\":\"a\\\\u0000b\",\"title\":\"t\",\"date_published\":\"2026-11-01\"}\n' | ni-render -f atom"
c F7-nul-relative 1 '^$' '^$' "printf '{\"d\":\"-5\\\\u0000\"}\n' | ni-filter 'd = \"-5\"'"
