# tests/jobs/common.sh - sourced by tests/t/jobs*.sh after tests/lib.sh:
# where the job scripts are, which Python reads the corpus, and cmpj.
top=$(cd "$NI_TESTS/.." && pwd)
J=$top/examples/jobs
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
cmpj() { # NAME GOT WANT [KEYS]: a job's records against its port's
	if $PY "$top/tests/jobs/compare.py" "$2" "$3" "${4:-}" >"$T/cmp" 2>&1; then ok "$1"; else
		ko "$1" "$(head -3 "$T/cmp")"; fi
}
