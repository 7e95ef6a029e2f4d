# The line reader as the batch runner drives it (lines kept in place in
# the read buffer, which each batch takes whole): every record of many
# inputs comes out once, in order, byte for byte, whatever the reads and
# the threads - lines across the 1 MiB reads, a line longer than a
# read, CRLF, a BOM, blank lines, a last line without a newline, empty
# files, over-long lines and bad lines reported at their own line
# numbers.  The expected output is computed here, in Python.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
$PY - "$T" <<'PYEOF'
import json, os, random, sys
T = sys.argv[1]
rnd = random.Random(7)
files, want, errs = [], [], []
def rec(i, pad):
    return json.dumps({"id": "r%d" % i, "t": "가" * pad + "x" * rnd.randrange(0, 300)},
                      ensure_ascii=False)
n = 0
for f in range(6):
    name = os.path.join(T, "in%d.ndjson" % f)
    files.append(name)
    out, lineno = [], 0
    k = [4000, 0, 1, 2500, 3, 900][f]          # records in this file
    for j in range(k):
        lineno += 1
        n += 1
        r = rnd.random()
        if f == 0 and j == 0:
            out.append("\ufeff" + rec(n, 1)); want.append(rec_last := out[-1][1:])
            continue
        if r < 0.02:
            out.append("   ")                  # blank: skipped, counted
            continue
        if r < 0.03:
            out.append('{"id": "bad%d",' % n)  # invalid: reported here
            errs.append("%s:%d:" % (name, lineno))
            continue
        if r < 0.035:
            big = rec(n, 400000)                # longer than one read (1 MiB)
            out.append(big); want.append(big)
            continue
        if r < 0.037:
            long = '{"id":"long","x":"' + "y" * 3000000 + '"}'
            out.append(long)                    # over --max-line 2000000
            errs.append("%s:%d:" % (name, lineno))
            continue
        line = rec(n, rnd.randrange(0, 60))
        out.append(line + ("\r" if r < 0.1 else "")); want.append(line)
    text = "\n".join(out)
    if out and f != 3:
        text += "\n"                            # file 3: no final newline
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(text)
with open(os.path.join(T, "files"), "w") as fh:
    fh.write("\n".join(files) + "\n")
with open(os.path.join(T, "want"), "w", encoding="utf-8") as fh:
    fh.write("".join(w + "\n" for w in want))
with open(os.path.join(T, "errs"), "w") as fh:
    fh.write("".join(e + "\n" for e in errs))
PYEOF
set -- $(cat "$T/files")
[ "$(wc -c <"$1")" -gt 4000000 ] && ok "reader: input spans many reads" || ko "reader: input spans many reads"
for j in 1 2 3; do
	ni-filter -j $j --max-line 2000000 'exists id' "$@" >"$T/out" 2>"$T/err"
	rc_is "reader -j $j rc (bad lines)" $? 2
	same "reader -j $j: every record once, in order, byte for byte" "$T/out" "$T/want"
	sed 's/^ni-filter: //' "$T/err" | awk -F: '{ print $1 ":" $2 ":" }' >"$T/errat"
	same "reader -j $j: bad and over-long lines at their own line numbers" "$T/errat" "$T/errs"
	# (a newline after each file: the one without a last newline)
	for f in "$@"; do cat "$f"; echo; done |
		ni-filter -j $j --max-line 2000000 'exists id' >"$T/outp" 2>/dev/null
	same "reader -j $j: the same from a pipe" "$T/outp" "$T/want"
	ni-summarize -j $j --max-line 2000000 -b id "$@" >"$T/sum" 2>"$T/err"
	sed 's/^ni-summarize: //' "$T/err" | awk -F: '{ print $1 ":" $2 ":" }' >"$T/errat"
	same "reader -j $j: summarize reports bad lines in order" "$T/errat" "$T/errs"
	eq "reader -j $j: summarize counts every record" "$(grep -o '"count":[0-9]*' "$T/sum" | cut -d: -f2 | paste -sd+ | bc)" "$(wc -l <"$T/want")"
	ni-render -j $j --max-line 2000000 -F '{id}' "$@" >"$T/ids" 2>/dev/null
	$PY -c 'import json,sys; sys.stdout.write("".join(json.loads(l)["id"]+"\n" for l in open(sys.argv[1], encoding="utf-8")))' "$T/want" >"$T/wantids"
	same "reader -j $j: render sees every record" "$T/ids" "$T/wantids"
done
# --rejects keeps the bad lines as they were; an over-long line is
# reported only (its bytes were not kept)
ni-filter -j 2 --max-line 2000000 --rejects "$T/rej" 'exists id' "$@" >/dev/null 2>&1
$PY -c 'import sys
want=[l for f in sys.argv[2:] for l in open(f, encoding="utf-8").read().split("\n") if l.startswith("{\"id\": \"bad")]
got=open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
sys.exit(0 if got == want and len(got) > 10 else 1)' "$T/rej" "$@" && ok "reader: rejects hold the bad lines, in order" || ko "reader: rejects hold the bad lines, in order"
# a reader stopped early (--max-count, | head) ends cleanly
ni-filter -m 5 'exists id' "$@" >"$T/m5" 2>/dev/null
head -5 "$T/want" >"$T/w5"
same "reader: --max-count 5" "$T/m5" "$T/w5"
