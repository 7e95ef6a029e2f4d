#!/bin/sh
# tests/t/options.sh - the shared options (lib/opt): every tool whose
# --help lists an option checks its value the same way, with the same
# message and exit status 2, before reading any input; a good value is
# taken.  The list of tools comes from each tool's --help, so a tool that
# gains an option is tested without editing this file.
. "$NI_TESTS/lib.sh"

TOOLS="ni-parse ni-filter ni-sort ni-map ni-summarize ni-render ni-write"
printf '{"id":"a","title":"t","date_published":"2026-08-01","tags":["x"]}\n' >"$T/in.ndjson"

# the arguments a tool needs besides the option under test
base() {
	case $1 in
	ni-filter) echo "-e true" ;;
	ni-map) echo "-e x=1" ;;
	ni-sort) echo "-k id" ;;
	ni-write) echo "-n -o $T/w" ;;
	*) ;;
	esac
}
input() { [ "$1" = ni-parse ] && echo "$T/doc.md" || echo "$T/in.ndjson"; }
printf -- '---\nid: a\ntitle: t\ndate_published: 2026-08-01\n---\nbody\n' >"$T/doc.md"

# check OPTION BAD_VALUE GOOD_VALUE MESSAGE_PATTERN
check() {
	opt=$1 bad=$2 good=$3 pat=$4 n=0
	for t in $TOOLS; do
		"$t" --help | grep -q -- "$opt" || continue
		n=$((n + 1))
		"$t" $(base "$t") "$opt" "$bad" "$(input "$t")" >"$T/o" 2>"$T/e"
		rc_is "options: $t $opt '$bad' is a usage error" $? 2
		has "options: $t $opt '$bad' says why" "$T/e" "^$t: $pat"
		has "options: $t $opt '$bad' points to --help" "$T/e" "Try '$t --help'"
		[ -s "$T/o" ] && ko "options: $t $opt '$bad' writes nothing" "$(head -c 200 "$T/o")" ||
			ok "options: $t $opt '$bad' writes nothing"
		"$t" $(base "$t") "$opt" "$good" "$(input "$t")" >"$T/o" 2>"$T/e"
		rc=$?
		[ "$rc" -le 1 ] && ok "options: $t $opt '$good' is taken" ||
			ko "options: $t $opt '$good' is taken" "exit $rc: $(head -c 300 "$T/e")"
	done
	# each shared option is taken by at least one tool
	[ "$n" -gt 0 ] && ok "options: $opt has tools" || ko "options: $opt has tools" "none"
}

check --tz Asia/Seol Asia/Seoul "unknown time zone 'Asia/Seol'"
check --tz Mars/Olympus UTC "unknown time zone 'Mars/Olympus'"
check --week-start tuesday sun "invalid --week-start 'tuesday' \\(mon or sun\\)"
check --jobs 0 2 "invalid --jobs '0' \\(1\\.\\.64\\)"
check --jobs many 1 "invalid --jobs 'many'"
check --max-line 0 16M "invalid --max-line '0' \\(1\\.\\.2147483648\\)"
check --max-line 3G 1k "invalid --max-line '3G'"
check --rejects '' "$T/rej" "invalid --rejects ''"
check --lang kr ko "invalid --lang 'kr' \\(ko or en; did you mean 'ko'\\?\\)"
check --lang xx en "invalid --lang 'xx' \\(ko or en\\)"

# every tool that takes --tz takes the same zones: a zone ni-summarize
# accepts, ni-filter accepts too (the bug of issue 22: four tools took a
# typo as UTC)
for t in $TOOLS; do
	"$t" --help | grep -q -- --tz || continue
	echo "$t" >>"$T/tz-tools"
done
eq "options: --tz in six tools" "$(wc -l <"$T/tz-tools" | tr -d ' ')" 6

# NI_LANG is checked like -l, in the tools that take -l
NI_LANG=kr ni-render "$T/in.ndjson" >"$T/o" 2>"$T/e"
rc_is "options: NI_LANG=kr is a usage error" $? 2
has "options: NI_LANG=kr says why" "$T/e" "invalid NI_LANG 'kr' \\(ko or en; did you mean 'ko'\\?\\)"
NI_LANG=ko ni-render "$T/in.ndjson" >"$T/o" 2>"$T/e"
rc_is "options: NI_LANG=ko is taken" $? 0

# --help and --version: stdout, exit 0, every tool; a full stdout is an error
for t in $TOOLS; do
	"$t" --help >"$T/o" 2>"$T/e"
	rc_is "options: $t --help exits 0" $? 0
	has "options: $t --help starts with Usage" "$T/o" "^Usage: $t "
	"$t" --version >"$T/o" 2>"$T/e"
	rc_is "options: $t --version exits 0" $? 0
	has "options: $t --version names it" "$T/o" "^$t [0-9]"
	if [ -w /dev/full ]; then
		"$t" --help >/dev/full 2>/dev/null
		rc_is "options: $t --help to a full disk exits 2" $? 2
	fi
	"$t" --no-such-option "$(input "$t")" >"$T/o" 2>"$T/e"
	rc_is "options: $t --no-such-option exits 2" $? 2
	has "options: $t --no-such-option points to --help" "$T/e" "Try '$t --help'"
done

# the option values of one tool each, checked the same way: ni-render -f,
# ni-summarize --sort, ni-sort --missing, ni-write --body
one() { # NAME TOOL ARGS... : a usage error naming the accepted words
	name=$1; shift
	"$@" "$T/in.ndjson" >"$T/o" 2>"$T/e"
	rc_is "options: $name is a usage error" $? 2
	has "options: $name points to --help" "$T/e" "Try '$1 --help'"
	[ -s "$T/o" ] && ko "options: $name writes nothing" "$(head -c 200 "$T/o")" ||
		ok "options: $name writes nothing"
}
one "ni-render -f htm" ni-render -f htm
has "options: ni-render -f htm lists the formats" "$T/e" "unknown format 'htm' \\(text, md, html"
one "ni-summarize --sort counts" ni-summarize --sort counts
has "options: ni-summarize --sort lists the orders" "$T/e" "invalid --sort 'counts' \\(count, key or change\\)"
one "ni-sort --missing none" ni-sort -k id --missing none
has "options: ni-sort --missing lists the words" "$T/e" "invalid --missing 'none' \\(first or last\\)"
one "ni-write --body all" ni-write -n -o "$T/w" --body all
has "options: ni-write --body lists the modes" "$T/e" "invalid --body 'all' \\(none, record or generate\\)"
