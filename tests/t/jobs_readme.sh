# The README's list of what differs from the original (section "The
# pipeline's jobs") names every correction a port makes: for each
# "CORRECTED:" in tests/jobs/port*.py, the README has a "- N:" entry for
# its job (the "# ---- job N" section or "def jobNN" it is in) that
# shares a word (5 letters or more) with the correction's comment.
. "$NI_TESTS/lib.sh"
top=$(cd "$NI_TESTS/.." && pwd)
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
check() { # README: prints each correction the README does not list
	$PY - "$1" "$top/tests/jobs" <<'X'
import os, re, sys
readme = open(sys.argv[1], encoding="utf-8").read()
sec = readme.split("What differs from the original, and why:", 1)[1].split("\n## ", 1)[0]
bul = {}
for m in re.finditer(r"^- (\d+(?:, \d+)*): (.*?)(?=^- \d|\Z)", sec, re.S | re.M):
    for n in m.group(1).split(", "):
        bul[int(n)] = bul.get(int(n), "") + " " + m.group(2).lower()
STOP = set("""about above after again against because before being below between
both could does doing during each from further having here itself just more
most other over same should some such than that their theirs them then there
these they this those through under until very what when where which while
whom would your original also only into every record records item items field
fields value values without within keeps keep rule corrected""".split())
for f in sorted(os.listdir(sys.argv[2])):
    if not re.match(r"port\w*\.py$", f):
        continue
    lines = open(os.path.join(sys.argv[2], f), encoding="utf-8").read().split("\n")
    job = None
    for i, l in enumerate(lines):
        m = re.match(r"# -+ jobs? (\d+)", l) or re.match(r"def job(\d\d)\b", l)
        if m:
            job = int(m.group(1))
        if "CORRECTED:" not in l or job is None:
            continue   # the module docstrings explain the marker
        text = " ".join(x.strip(' #"') for x in lines[i:i + 4]).split("CORRECTED:", 1)[1]
        words = {w.lower() for w in re.findall(r"[A-Za-z_]{5,}", text)} - STOP
        if not any(w in bul.get(job, "") for w in words):
            print("%s:%d: job %d: %s" % (f, i + 1, job, text.strip()[:80]))
X
}
check "$top/README.md" >"$T/missing"
eq "README lists every CORRECTED rule of the ports (job and rule)" "$(head -3 "$T/missing")" ""
n=$(grep -c 'CORRECTED:' "$top"/tests/jobs/port*.py | awk -F: '{s+=$2} END {print s}')
[ "$n" -ge 20 ] && ok "jobs_readme: the ports mark $n corrections" || ko "jobs_readme: corrections found" "$n"
# the check can fail: without job 3's entry, its corrections are missing
sed '/^- 3: /,/^- [0-9]/{/^- 3: /d;/^  /d}' "$top/README.md" >"$T/README.md"
check "$T/README.md" >"$T/missing3"
has "jobs_readme: a README without job 3's entry fails the check" "$T/missing3" 'job 3:'
