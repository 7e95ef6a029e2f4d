#!/bin/sh
# tests/run.sh - run the unit tests and every tests/t/*.sh against the
# built binaries in $NI_BIN; prints "N passed, N failed" last.
# Each test script appends "pass NAME" / "fail NAME" lines to $NI_RESULTS.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${NI_BIN:?NI_BIN must point at the built bin/ folder}"
NI_TESTS=$here
NI_RESULTS=$(mktemp "${TMPDIR:-/tmp}/ni-results.XXXXXX")
# the job tests' Python port keeps its corpus reading here (port.py)
NI_PORT_CACHE=$(mktemp -d "${TMPDIR:-/tmp}/ni-port.XXXXXX")
export NI_BIN NI_TESTS NI_RESULTS NI_PORT_CACHE
# the corpus, when it exists beside the checkout
for c in "$here/../../shared/corpus" "${NI_CORPUS:-/nonexistent}"; do
	[ -d "$c" ] && NI_CORPUS=$(cd "$c" && pwd) && export NI_CORPUS
done
# the cron environment: results must not depend on locale or zone
export LC_ALL=C TZ=UTC
unset NI_LANG NO_COLOR NI_NOW 2>/dev/null || true

if [ -n "${NI_UNIT:-}" ]; then
	"$NI_UNIT" >>"$NI_RESULTS" 2>&1 || echo "fail unit-binary-exit" >>"$NI_RESULTS"
fi
for t in "$here"/t/*.sh; do
	name=$(basename "$t" .sh)
	# NI_ONLY: one script, or several separated by spaces
	if [ -n "${NI_ONLY:-}" ]; then
		case " $NI_ONLY " in *" $name "*) ;; *) continue ;; esac
	fi
	sh "$t" || echo "fail $name (script exited $?)" >>"$NI_RESULTS"
done
grep '^fail' "$NI_RESULTS" | sed 's/^/  /'
p=$(grep -c '^pass' "$NI_RESULTS")
f=$(grep -c '^fail' "$NI_RESULTS")
rm -f "$NI_RESULTS"
rm -rf "$NI_PORT_CACHE"
echo "$p passed, $f failed"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
