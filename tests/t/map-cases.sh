# Table-driven ni-map cases: tests/map/cases.tsv, one record each, with
# "now" fixed.  Each row: name, arguments, input line, the exact output
# line (- for none), exit status.
. "$NI_TESTS/lib.sh"
export NI_NOW=2026-08-17T12:00:00Z
NL='
'
tab=$(printf '\t')
while IFS="$tab" read -r name args input want rc; do
	case $name in ''|\#*) continue ;; esac
	eval "set -- $args"
	printf '%s\n' "$input" >"$T/in"
	ni-map "$@" "$T/in" >"$T/out" 2>"$T/err"
	got_rc=$?
	if [ "$want" = - ]; then : >"$T/want"; else printf '%s\n' "$want" >"$T/want"; fi
	same "map/$name output" "$T/out" "$T/want"
	rc_is "map/$name rc" "$got_rc" "$rc"
	# a case about a missing field gets the warning of names.sh: only that
	case $name in *missing*) sed -i '/warning: no record has a field/d' "$T/err" ;; esac
	same "map/$name quiet" "$T/err" /dev/null
done <"$NI_TESTS/map/cases.tsv"
