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
