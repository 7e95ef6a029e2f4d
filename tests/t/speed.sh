# The speed work of issue 15 that must not change results: duplicate
# front matter keys found whether a document has few keys (compared one
# by one) or many (hash map); documents read with one reused buffer (pipes,
# a big document between small ones); JSON strings quoted by the vector
# kernel; output written in large blocks, with /dev/full still exit 2 and
# `| head` still quiet.  Values are checked with PyYAML and Python's json.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

# ---- duplicate keys: few (linear), many (map), long keys, nesting ----
mkdoc() { # FILE NKEYS DUPAT KEYLEN: NKEYS keys, key DUPAT repeated last
	$PY - "$@" <<'EOF'
import sys
path, n, dup, kl = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
key = lambda i: ("k%d_" % i).ljust(kl, "x")
lines = ["%s: v%d" % (key(i), i) for i in range(n)]
if dup >= 0:
    lines.append("%s: again" % key(dup))
lines.append("nest: {%s: 1, %s: 2}" % (key(0), key(1)))   # other mapping
open(path, "w").write("---\n" + "\n".join(lines) + "\n---\nbody\n")
EOF
}
for spec in "5 2 4" "31 30 4" "32 3 4" "33 32 4" "40 1 4" "40 38 4" \
	    "200 150 4" "5 1 48" "5 1 49" "40 39 60" "3 -1 70" "100 -1 10"; do
	set -- $spec
	f=$T/dup-$1-$2-$3.md
	mkdoc "$f" "$1" "$2" "$3"
	ni-parse "$f" >"$T/dup.out" 2>"$T/dup.err"
	rc=$?
	if [ "$2" -ge 0 ]; then
		rc_is "dup key $spec: exit" $rc 2
		has "dup key $spec: reported with its line" "$T/dup.err" \
			"dup-$1-$2-$3.md:$(($1 + 2)):1: duplicate key \"k$2_"
	else
		rc_is "no dup $spec: exit" $rc 0
		$PY - "$f" "$T/dup.out" <<'EOF' >"$T/dup.py" 2>&1
import sys, json, yaml
doc = open(sys.argv[1]).read().split("---\n")[1]
want = yaml.safe_load(doc)
got = json.loads(open(sys.argv[2]).read())
got.pop("_path")
print("same" if got == want and list(got) == list(want) else "differ")
EOF
		has "no dup $spec: keys and values as PyYAML" "$T/dup.py" '^same$'
	fi
done

# ---- one reused read buffer: pipes, sizes around the buffer steps ----
for size in 0 100 65535 65536 65537 1048576 3000000; do
	$PY - "$T/s$size.md" "$size" <<'EOF'
import sys
path, n = sys.argv[1], int(sys.argv[2])
body = ("한국어 text, \"quoted\" \\ tab\t and more. " * (n // 40 + 1))[:n]
open(path, "w", encoding="utf-8").write("---\ntitle: size %d\n---\n%s" % (n, body))
EOF
done
ni-parse --body "$T"/s*.md >"$T/sizes.out"
rc_is "many sizes: exit" $? 0
# each document alone through a pipe gives the same record (but _path)
: >"$T/pipes.out"
for f in $(ls "$T"/s*.md | sort); do
	cat "$f" | ni-parse --body - >>"$T/pipes.out"
done
$PY - "$T/sizes.out" "$T/pipes.out" "$T" <<'EOF' >"$T/sizes.py" 2>&1
import sys, json, glob
a = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
b = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
files = sorted(glob.glob(sys.argv[3] + "/s*.md"))
ok = len(a) == len(b) == len(files) == 7
for x, y, f in zip(a, b, files):
    text = open(f, encoding="utf-8").read()
    body = text.split("---\n", 2)[2]
    ok = ok and x["_path"] == f and y["_path"] == "-"
    ok = ok and x["_body"] == body == y["_body"] and x["title"] == y["title"]
print("same" if ok else "differ %d %d" % (len(a), len(b)))
EOF
has "file and pipe records agree, bodies as written (Python)" "$T/sizes.py" '^same$'

# ---- JSON quoting: every byte that needs an escape, at every offset ----
$PY - "$T/q.md" <<'EOF'
import sys
vals = []
for pos in range(0, 70):
    for ch in ['"', '\\', '\t', '\x01', '\x1f', '\x7f', '한']:
        vals.append("a" * pos + ch + "b" * (69 - pos))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("---\nvals:\n")
    for v in vals:
        f.write('  - "%s"\n' % v.replace("\\", "\\\\").replace('"', '\\"')
                .replace("\t", "\\t").replace("\x01", "\\x01")
                .replace("\x1f", "\\x1f").replace("\x7f", "\\x7f"))
    f.write("---\n")
EOF
ni-parse "$T/q.md" >"$T/q.out"
rc_is "quoting: exit" $? 0
$PY - "$T/q.md" "$T/q.out" <<'EOF' >"$T/q.py" 2>&1
import sys, json, yaml
want = yaml.safe_load(open(sys.argv[1], encoding="utf-8").read().split("---\n")[1])
got = json.loads(open(sys.argv[2], encoding="utf-8").read())
print("same" if got["vals"] == want["vals"] and len(want["vals"]) == 490 else "differ")
EOF
has "quoting: every escape at every offset, as PyYAML" "$T/q.py" '^same$'

# ---- output in large blocks; /dev/full; | head ----
$PY - "$T/big.ndjson" <<'EOF'
import sys, json
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(60000):
        f.write(json.dumps({"id": "x%d" % i, "title": "제목 %d" % i,
                            "tags": ["a", "b%d" % (i % 7)]}, ensure_ascii=False) + "\n")
EOF
bytes=$(wc -c <"$T/big.ndjson")
if [ -n "${NI_VALGRIND:-}" ]; then
	:   # strace would count valgrind's own system calls
elif command -v strace >/dev/null; then
	# LeakSanitizer cannot work under ptrace: off for this case only
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	strace -f -e trace=write -o "$T/strace" ni-filter -j 1 true "$T/big.ndjson" | cat >"$T/big.out"
	same "all records out, byte for byte" "$T/big.out" "$T/big.ndjson"
	writes=$(grep -c '^[0-9]* *write(1,' "$T/strace")
	max=$((bytes / 65536 + 4))
	if [ "$writes" -le "$max" ]; then ok "output in large blocks ($writes writes for $bytes bytes)"
	else ko "output in large blocks" "$writes writes for $bytes bytes (want <= $max)"; fi
else
	ko "output in large blocks" "strace not installed"
fi
ni-filter true "$T/big.ndjson" >/dev/full 2>"$T/full.err"
rc_is "/dev/full: exit 2" $? 2
has "/dev/full: reported" "$T/full.err" 'write error'
head -1 "$T/big.ndjson" | ni-summarize -b tags >/dev/full 2>/dev/null
rc_is "/dev/full, small output: exit 2" $? 2
ni-filter true "$T/big.ndjson" 2>"$T/head.err" | head -1 >"$T/head.out"
eq "| head: first line" "$(cat "$T/head.out")" "$(head -1 "$T/big.ndjson")"
eq "| head: nothing on stderr" "$(cat "$T/head.err")" ""

# ---- memory stays bounded: peak RSS (VmHWM, /usr/bin/time %M) of
# ni-filter and ni-summarize over 5 MB and over 12 times as much (on
# the plain build: ASan's quarantine holds freed memory) ----
if [ -x /usr/bin/time ] && [ -z "${NI_SANITIZE:-}${NI_VALGRIND:-}" ]; then
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do cat "$T/big.ndjson"; done >"$T/huge.ndjson"
	for tool in "ni-filter -j 1 tags=b3" "ni-filter tags=b3" "ni-summarize -b tags"; do
		/usr/bin/time -f %M -o "$T/rss1" $tool "$T/big.ndjson" >/dev/null 2>&1
		/usr/bin/time -f %M -o "$T/rss12" $tool "$T/huge.ndjson" >/dev/null 2>&1
		a=$(tail -1 "$T/rss1"); b=$(tail -1 "$T/rss12")
		if [ "$b" -le $((a * 3 / 2 + 1024)) ]; then ok "$tool: peak RSS bounded ($a KB -> $b KB for 12x the input)"
		else ko "$tool: peak RSS bounded" "$a KB -> $b KB for 12x the input"; fi
		if [ "$b" -le 32768 ]; then ok "$tool: peak RSS under 32 MB"
		else ko "$tool: peak RSS under 32 MB" "$b KB"; fi
	done
fi

# an empty folder (the walk sorts no names): no records, no complaint
mkdir -p "$T/emptydir"
ni-parse "$T/emptydir" >"$T/empty.out" 2>"$T/empty.err"
rc_is "empty folder: exit 0 (nothing is wrong)" $? 0
eq "empty folder: no records, no message" "$(cat "$T/empty.out" "$T/empty.err" | wc -c)" 0
