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
# the corpus, when it exists beside the checkout (NI_NO_CORPUS=1: the
# samples only, as on a machine without it)
for c in "$here/../../shared/corpus" "${NI_CORPUS:-/nonexistent}"; do
	[ -d "$c" ] && NI_CORPUS=$(cd "$c" && pwd) && export NI_CORPUS
done
[ -z "${NI_NO_CORPUS:-}" ] || unset NI_CORPUS
# the cron environment: results must not depend on locale or zone
export LC_ALL=C TZ=UTC
unset NI_LANG NO_COLOR NI_NOW 2>/dev/null || true

if [ -n "${NI_UNIT:-}" ]; then
	"$NI_UNIT" >>"$NI_RESULTS" 2>&1 || echo "fail unit-binary-exit" >>"$NI_RESULTS"
fi
# Scripts that time runs, measure memory or hold locks for set times run
# alone; the others run NI_JOBS at a time (default: the cores), the
# longest first.
ALONE=" catalog filter install output-cases scaleout scaling sort speed summarize write "
LONG="jobs jobs_news pages jobs_site"
jobs=${NI_JOBS:-$(nproc 2>/dev/null || echo 1)}
list=$(mktemp "${TMPDIR:-/tmp}/ni-list.XXXXXX")
for name in $LONG $(cd "$here/t" && ls *.sh | sed 's/\.sh$//'); do
	[ -f "$here/t/$name.sh" ] || continue
	# NI_ONLY: one script, or several separated by spaces
	if [ -n "${NI_ONLY:-}" ]; then
		case " $NI_ONLY " in *" $name "*) ;; *) continue ;; esac
	fi
	grep -qx "$name" "$list" && continue
	echo "$name" >>"$list"
done
one='sh "$0/t/$1.sh" || echo "fail $1 (script exited $?)" >>"$NI_RESULTS"'
for name in $(cat "$list"); do
	case "$ALONE" in *" $name "*) sh -c "$one" "$here" "$name" ;; esac
done
for name in $(cat "$list"); do
	case "$ALONE" in *" $name "*) ;; *) echo "$name" ;; esac
done | xargs -r -P "$jobs" -n 1 sh -c "$one" "$here"
rm -f "$list"
grep '^fail' "$NI_RESULTS" | sed 's/^/  /'
p=$(grep -c '^pass' "$NI_RESULTS")
f=$(grep -c '^fail' "$NI_RESULTS")
rm -f "$NI_RESULTS"
rm -rf "$NI_PORT_CACHE"
echo "$p passed, $f failed"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
