# Data-driven golden cases: tests/parse/NAME.md with
#   NAME.args (optional extra arguments), NAME.out (stdout),
#   NAME.err (stderr), NAME.rc (exit status; default 0)
. "$NI_TESTS/lib.sh"
cd "$NI_TESTS/parse"
for md in *.md; do
	n=${md%.md}
	args=""
	[ -f "$n.args" ] && args=$(cat "$n.args")
	# shellcheck disable=SC2086
	ni-parse $args "$md" >"$T/out" 2>"$T/err"
	rc=$?
	want_rc=0
	[ -f "$n.rc" ] && want_rc=$(cat "$n.rc")
	rc_is "parse/$n rc" "$rc" "$want_rc"
	if [ -f "$n.out" ]; then same "parse/$n stdout" "$T/out" "$n.out"
	else same "parse/$n stdout" "$T/out" /dev/null; fi
	if [ -f "$n.err" ]; then same "parse/$n stderr" "$T/err" "$n.err"
	else same "parse/$n stderr" "$T/err" /dev/null; fi
done
