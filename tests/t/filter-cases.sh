# Table-driven ni-filter cases: tests/filter/cases.tsv over items.ndjson
# with "now" fixed.  Each row: name, arguments, selected ids, exit status.
. "$NI_TESTS/lib.sh"
export NI_NOW=2026-08-17T12:00:00Z
F=$NI_TESTS/filter
tab=$(printf '\t')
while IFS="$tab" read -r name args want rc; do
	case $name in ''|\#*) continue ;; esac
	eval "set -- $args"
	ni-filter "$@" "$F/items.ndjson" >"$T/out" 2>"$T/err"
	got_rc=$?
	got=$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$T/out" | tr '\n' ' ' | sed 's/ $//')
	[ "$want" = - ] && want=""
	eq "filter/$name ids" "$got" "$want"
	rc_is "filter/$name rc" "$got_rc" "$rc"
	# a case about a missing field gets the warning of names.sh: only that
	case $name in *missing*) sed -i '/warning: no record has a field/d' "$T/err" ;; esac
	same "filter/$name quiet" "$T/err" /dev/null
done <"$F/cases.tsv"

# --uniq FIELD, --mark and --unseen take a number as a number (1, 1.0,
# 1e0 and 10e-1 are one value, as = says), exactly (past 2^64 too);
# what each keeps is worked out with Python's Decimal
printf '%s\n' '{"id":"a","v":1}' '{"id":"b","v":1.0}' '{"id":"c","v":1e0}' \
	'{"id":"d","v":10e-1}' '{"id":"e","v":2.50}' '{"id":"f","v":2.5}' \
	'{"id":"g","v":12345678901234567891}' '{"id":"h","v":12345678901234567890}' \
	'{"id":"i","v":1234567890123456789e1}' '{"id":"j","v":3}' >"$T/nums"
printf '%s\n' '{"id":"m1","v":1e0}' '{"id":"m2","v":25e-1}' >"$T/marked"
# uniq: the first of each value; unseen: neither marked nor passed before
python3 - "$T/nums" "$T/marked" <<'X' >"$T/numwant"
import json, sys
from decimal import Decimal
rd = lambda f: [json.loads(l, parse_float=Decimal, parse_int=Decimal) for l in open(f)]
recs, marked = rd(sys.argv[1]), rd(sys.argv[2])
seen, uniq = set(), []
for r in recs:
    if r["v"] not in seen:
        seen.add(r["v"]); uniq.append(r["id"])
seen, unseen = {r["v"] for r in marked}, []
for r in recs:
    if r["v"] not in seen:
        seen.add(r["v"]); unseen.append(r["id"])
print(" ".join(uniq)); print(" ".join(unseen))
X
ids() { python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in sys.stdin))'; }
ni-filter --uniq v "$T/nums" | ids >"$T/numgot"
ni-filter --mark "$T/st" --key v "$T/marked" >/dev/null
rc_is "filter/number-keys mark rc" $? 0
ni-filter --unseen "$T/st" --key v "$T/nums" | ids >>"$T/numgot"
eq "filter/uniq-number-as-number" "$(sed -n 1p "$T/numgot")" "$(sed -n 1p "$T/numwant")"
eq "filter/unseen-number-as-number" "$(sed -n 2p "$T/numgot")" "$(sed -n 2p "$T/numwant")"
