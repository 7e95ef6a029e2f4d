# Messages and records in one stream (2>&1 into a pipe): each tool that
# writes records while it reports a message writes that message after
# the records before it and before the ones after it, never inside one
# (stdout's buffer is flushed before each message: base/util.c's vmsg
# and d->out).  Checked by Python: every line is a whole message or a
# whole record, in input order.  One case per tool that streams.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
$PY - "$T/in" "$T/docs" <<'EOF2'
import os, sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 6001):
        if i % 11 == 0:
            f.write('{"ln":%d,"n" 1}\n' % i)              # invalid JSON
        elif i % 7 == 0:                                   # n not a number
            f.write('{"ln":%d,"n":"x","title":"t%d","pad":"%s"}\n' % (i, i, "q" * (i % 300)))
        else:
            f.write('{"ln":%d,"n":"%d","title":"t%d","pad":"%s"}\n' % (i, i, i, "p" * (i % 500)))
os.mkdir(sys.argv[2])
for i in range(1, 401):
    with open(os.path.join(sys.argv[2], "%04d.md" % i), "w") as f:
        if i % 13 == 0:
            f.write('---\nid: "d%04d\ntitle: [unclosed\n---\nbody\n' % i)
        else:
            f.write('---\nid: "d%04d"\ndate_published: "2026-10-05"\ntitle: "t %d"\n'
                    'summary_en: "%s"\n---\nbody %d\n' % (i, i, "s" * (i * 37 % 3000), i))
EOF2
# order KIND FILE: "in order N M" (N messages, M records), or what broke
order() {
	$PY - "$1" "$2" <<'EOF2'
import json, re, sys
kind, path = sys.argv[1:]
last, bad, nmsg, nrec = 0, [], 0, 0
for ln in open(path, encoding="utf-8", errors="replace"):
    if kind == "parse":
        m = re.match(r"ni-parse: .*/(\d+)\.md:", ln)
    else:
        m = re.match(r"ni-[a-z]+: [^:]*:(\d+):", ln)
    if m:
        k, nmsg = int(m.group(1)), nmsg + 1
    else:
        try:
            if kind == "listing":
                k = int(re.fullmatch(r"(\d+) t\d+\n", ln).group(1))
            elif kind == "parse":
                k = int(json.loads(ln)["id"][1:])
            else:
                k = json.loads(ln)["ln"]
            nrec += 1
        except Exception:
            bad.append(ln[:50]); continue
    if k < last:
        bad.append("%d after %d" % (k, last))
    last = max(last, k)
print("in order %d %d" % (nmsg, nrec) if not bad else "broken: %d, first %r" % (len(bad), bad[0]))
EOF2
}
for j in 1 2; do
	ni-filter -j $j 'ln > 0' "$T/in" 2>&1 | cat >"$T/o"
	eq "ni-filter -j $j: messages between records" "$(order json "$T/o")" "in order 545 5455"
	ni-filter -j $j 'number(n) > 0' "$T/in" 2>&1 | cat >"$T/o"
	eq "ni-filter -j $j: runtime errors between records" "$(order json "$T/o")" "in order 1325 4675"
	ni-map -j $j 'm = number(n)' "$T/in" 2>&1 | cat >"$T/o"
	eq "ni-map -j $j: messages between records" "$(order json "$T/o")" "in order 1325 5455"
	ni-render -j $j -F '{ln} {title}' "$T/in" 2>&1 | cat >"$T/o"
	eq "ni-render -F -j $j: messages between lines" "$(order listing "$T/o")" "in order 545 5455"
	ni-parse -j $j "$T/docs" 2>&1 | cat >"$T/o"
	eq "ni-parse -j $j: messages between records" "$(order parse "$T/o")" "in order 30 370"
done
