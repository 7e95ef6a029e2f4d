# The record scanner (lib/base/scan.c, lib/record/json.c): the vector levels agree
# with the scalar reference on every line of the corpus, the test data, the
# fuzz seeds and 10^6 mutated lines (tests/scandiff.c); bad lines are still
# reported by line and column; records pass through byte for byte.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
top=$NI_TESTS/..

if [ -z "${NI_SCANDIFF:-}" ] || [ ! -x "$NI_SCANDIFF" ]; then
	ko "scan differential" "NI_SCANDIFF not set (run through make check)"
	exit 0
fi
files="$(find "$top/tests" "$top/examples" -name '*.ndjson') $top/tests/fuzz/seeds/*/*"
if [ -n "${NI_CORPUS:-}" ]; then
	ni-parse "$NI_CORPUS" >"$T/corpus.ndjson" 2>/dev/null
	files="$files $T/corpus.ndjson $(find "$NI_CORPUS" -type f)"
fi
# shellcheck disable=SC2086
want=$($PY -c 'import sys
n = 0
for f in sys.argv[1:]:
    d = open(f, "rb").read()
    n += len(d.split(b"\n")) - (d.endswith(b"\n") or not d)
print(n)' $files)
mut=1000000; [ -n "${NI_SANITIZE:-}${NI_VALGRIND:-}" ] && mut=100000
# shellcheck disable=SC2086
"$NI_SCANDIFF" -m $mut -o "$T/diff.bin" $files >"$T/sd" 2>"$T/sde"
rc_is "scan differential exit" $? 0
has "scan differential: no difference" "$T/sd" ' 0 differences'
# every line was read (counted by Python: a last line may lack its newline)
got=$(sed -n 's/^scandiff: \([0-9]*\) lines.*/\1/p' "$T/sd")
eq "scan differential: every line read" "$got" "$want"
# the mutations reach both sides: valid records and bad UTF-8
has "scan mutations: valid records" "$T/sd" 'mutated \([1-9][0-9]{3,} valid JSON, [1-9][0-9]{3,} bad UTF-8, '
# and duplicate keys (same bytes, after unescaping, past 32 keys)
has "scan mutations: duplicate keys" "$T/sd" 'bad UTF-8, [1-9][0-9]{3,} duplicate keys\)'
# the vector levels were there to compare (x86-64 has SSE2 at least)
case $(uname -m) in x86_64) has "scan levels compared" "$T/sd" 'top level [12]$' ;; esac

# bad UTF-8 anywhere in a long record: reported at its line and column
# (columns in characters, counted by Python), the other records flow
$PY - "$T" <<'PYEOF'
import json, sys
t = sys.argv[1]
good = {"id": "x", "title": "한국어 제목 " * 20, "summary": "요약 " * 50 + "end"}
lines, want = [], []
for i in range(40):
    s = json.dumps(dict(good, id="r%d" % i), ensure_ascii=False).encode()
    if i % 7 == 3:
        # a lone continuation byte, a surrogate, an overlong, a cut sequence
        bad = [b"\x80", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe2\x82"][(i // 7) % 4]
        text = s.decode()
        ci = text.index("요약") + i % 5          # a character boundary
        at = len(text[:ci].encode())
        s = s[:at] + bad + s[at:]
        col = ci + 1
        want.append("%d:%d: invalid UTF-8 in string" % (i + 1, col))
    lines.append(s)
open(t + "/bad.ndjson", "wb").write(b"\n".join(lines) + b"\n")
open(t + "/bad.want", "w").write("\n".join(want) + "\n")
PYEOF
ni-filter -j 2 true "$T/bad.ndjson" >"$T/bad.out" 2>"$T/bad.err"
rc_is "scan bad UTF-8 exit" $? 2
sed -n 's/^ni-filter: [^:]*bad.ndjson:\([0-9]*:[0-9]*: .*\)/\1/p' "$T/bad.err" >"$T/bad.got"
same "scan bad UTF-8 reported by line and column" "$T/bad.got" "$T/bad.want"
eq "scan bad UTF-8: the other records flow" "$(wc -l <"$T/bad.out")" 34

# records pass through byte for byte (Korean included), at -j 1 and 2
if [ -n "${NI_CORPUS:-}" ]; then
	for j in 1 2; do
		ni-filter -j $j true "$T/corpus.ndjson" >"$T/c$j"
		same "scan corpus passes through unchanged (-j $j)" "$T/c$j" "$T/corpus.ndjson"
	done
	$PY -c 'import json,sys
n=0
for l in open(sys.argv[1], encoding="utf-8"): json.loads(l); n+=1
print(n)' "$T/c1" >"$T/cn"
	eq "scan corpus records read back by Python" "$(cat "$T/cn")" "$(wc -l <"$T/corpus.ndjson")"
fi
