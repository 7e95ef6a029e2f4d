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
