#!/bin/sh
# tests/t/yamlnum.sh - issue 11.21: a YAML 0x/0o integer wider than 64 bits
# keeps its digits (as a string) instead of becoming 1.8446744073709552e19;
# those that fit stay exact numbers.  Read back with Python's json.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
printf -- '---\nwide: 0x1FFFFFFFFFFFFFFFF\nwide8: 0o7777777777777777777777777\nmax: 0x7FFFFFFFFFFFFFFF\nover: 0x8000000000000000\nsmall: 0xff\n---\n' >"$T/h.md"
ni-parse "$T/h.md" >"$T/out"
rc_is "yaml-hex-wide-rc" $? 0
$PY -c '
import json, sys
r = json.loads(open(sys.argv[1]).readline())
want = {"wide": "0x1FFFFFFFFFFFFFFFF", "wide8": "0o7777777777777777777777777",
        "max": 0x7FFFFFFFFFFFFFFF, "over": "0x8000000000000000", "small": 255}
bad = [k for k in want if r.get(k) != want[k] or type(r.get(k)) != type(want[k])]
sys.exit(", ".join("%s=%r" % (k, r.get(k)) for k in bad) or 0)' "$T/out" 2>"$T/err" &&
	ok "yaml-hex-wider-than-64-bits-keeps-digits" || ko "yaml-hex-wider-than-64-bits-keeps-digits" "$(cat "$T/err")"

# issue 22 #4: a decimal integer beyond 64 bits stays the exact integer
# (it was 1.2345678901234567e+19), read back by Python's json and PyYAML
printf -- '---\nid: 12345678901234567890\nneg: -98765432109876543210987\nedge: 9223372036854775808\nfits: 9223372036854775807\n---\n' >"$T/b.md"
ni-parse "$T/b.md" >"$T/bout"
rc_is "yaml-big-int-rc" $? 0
$PY -c '
import json, sys, yaml
r = json.loads(open(sys.argv[1]).readline())
y = yaml.safe_load(open(sys.argv[2]).read().split("---")[1])
bad = [k for k in y if r.get(k) != y[k] or type(r.get(k)) is not int]
sys.exit(", ".join("%s=%r" % (k, r.get(k)) for k in bad) or 0)' "$T/bout" "$T/b.md" 2>"$T/err" &&
	ok "yaml-big-int-exact (Python json = PyYAML)" || ko "yaml-big-int-exact" "$(cat "$T/err")"
# ... and passes through every NDJSON tool as written
for t in "ni-filter true" "ni-sort -k id" "ni-map x=1" "ni-render -f json"; do
	$t <"$T/bout" >"$T/t.out" 2>"$T/t.err"
	rc=$?
	$PY -c 'import json,sys; r=json.loads(open(sys.argv[1]).read().strip().strip("[]")); sys.exit(0 if r["id"] == 12345678901234567890 and r["neg"] == -98765432109876543210987 else 1)' "$T/t.out" 2>/dev/null
	[ $? = 0 ] && [ $rc = 0 ] && ok "big-int-passes-through: $t" || ko "big-int-passes-through: $t" "rc $rc $(head -c 200 "$T/t.err")"
done
