#!/bin/sh
# tests/same.sh REV_A REV_B - do two revisions behave byte for byte the
# same?  Issue 25's check for refactors: builds each revision (any commit
# or branch of this repository, e.g. `tests/same.sh main split`) in a
# temporary detached worktree with `make -j2 CFLAGS='-O2 -g'`, runs this
# checkout's tests/snapshot.sh on both builds (the same script and inputs
# for both, also for old commits that had no snapshot.sh), and compares
# the two snapshots with diff -r.
# stdout: "same: N cases identical", or each differing case with the
# first lines of its diff, then "differ: K of N cases".
# Exit 0 only when all are identical; 1 when some differ; 2 on an error
# (unknown revision, failed build).  The worktrees are removed on exit.
# KEEP=DIR keeps the two snapshots as DIR/a and DIR/b.
set -u
if [ $# -ne 2 ]; then
	echo "usage: tests/same.sh REV_A REV_B" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")/.." && pwd)
snap=$here/tests/snapshot.sh
W=$(mktemp -d "${TMPDIR:-/tmp}/ni-same.XXXXXX") || exit 2
cleanup() {
	for s in a b; do
		[ -d "$W/$s" ] && git -C "$here" worktree remove --force "$W/$s" 2>/dev/null
	done
	rm -rf "$W"
	git -C "$here" worktree prune
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

# build SIDE REV: REV built in $W/SIDE, its snapshot in $W/SIDE.snap
build() {
	c=$(git -C "$here" rev-parse --verify -q "$2^{commit}") || {
		echo "same: $2: no such revision" >&2; exit 2; }
	echo "same: $1 = $2 ($(git -C "$here" log -1 --format='%h %s' "$c" | cut -c1-60))" >&2
	git -C "$here" worktree add -q --detach "$W/$1" "$c" || exit 2
	if ! (cd "$W/$1" && make -j2 CFLAGS='-O2 -g' all) >"$W/$1.build" 2>&1; then
		echo "same: $2: the build failed:" >&2
		tail -20 "$W/$1.build" >&2
		exit 2
	fi
	sh "$snap" "$W/$1/bin" "$W/$1.snap" || { echo "same: $2: snapshot failed" >&2; exit 2; }
}
build a "$1"
build b "$2"
if [ -n "${KEEP:-}" ]; then
	mkdir -p "$KEEP" && rm -rf "$KEEP/a" "$KEEP/b" &&
		cp -r "$W/a.snap" "$KEEP/a" && cp -r "$W/b.snap" "$KEEP/b"
fi

n=$( (ls "$W/a.snap"; ls "$W/b.snap") | sort -u | wc -l)
if diff -r "$W/a.snap" "$W/b.snap" >/dev/null 2>&1; then
	echo "same: $n cases identical"
	exit 0
fi
k=0
for f in $( (ls "$W/a.snap"; ls "$W/b.snap") | sort -u); do
	a=$W/a.snap/$f b=$W/b.snap/$f
	if [ ! -e "$a" ]; then echo "== $f: only in $2"; k=$((k + 1)); continue; fi
	if [ ! -e "$b" ]; then echo "== $f: only in $1"; k=$((k + 1)); continue; fi
	cmp -s "$a" "$b" && continue
	k=$((k + 1))
	echo "== $f"
	diff -u --label "$1/$f" --label "$2/$f" "$a" "$b" | sed -n '3,14p' | cut -c1-200
done
echo "differ: $k of $n cases"
exit 1
