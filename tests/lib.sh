# tests/lib.sh - helpers sourced by tests/t/*.sh
#   T        a fresh temp dir, removed at exit
#   ok NAME / ko NAME WHY      record a result
#   same NAME FILE_GOT FILE_WANT   compare files (diff shown on failure)
#   rc_is NAME GOT WANT
set -u
PATH=$NI_BIN:$PATH
export PATH
T=$(mktemp -d "${TMPDIR:-/tmp}/ni-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
ok() { echo "pass $1" >>"$NI_RESULTS"; }
ko() { echo "fail $1${2:+: $2}" >>"$NI_RESULTS"; }
same() {
	if cmp -s "$2" "$3"; then ok "$1"; else
		ko "$1" "output differs"; diff -u "$3" "$2" | head -20 | sed 's/^/    /' >&2; fi
}
rc_is() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1" "exit $2, want $3"; fi; }
has() { # NAME FILE PATTERN (grep -E)
	if grep -Eq -- "$3" "$2"; then ok "$1"; else ko "$1" "no /$3/ in $(head -c 300 "$2")"; fi
}
hasnt() {
	if grep -Eq -- "$3" "$2"; then ko "$1" "unexpected /$3/"; else ok "$1"; fi
}
eq() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1" "got '$2', want '$3'"; fi; }
