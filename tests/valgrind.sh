#!/bin/sh
# tests/valgrind.sh - the whole suite with every ni tool run under
# valgrind (memcheck; definite leaks and memory errors exit 99, which no
# test expects).  Cases that measure time or memory skip themselves
# (NI_VALGRIND); the catalog allows 120 s per case instead of 10.
set -u
: "${NI_BIN:?}"
W=$(mktemp -d "${TMPDIR:-/tmp}/ni-vg.XXXXXX")
trap 'rm -rf "$W"' EXIT
for t in ni ni-parse ni-filter ni-summarize ni-render; do
	cat >"$W/$t" <<X
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--show-leak-kinds=definite "$NI_BIN/$t" "\$@"
X
	chmod +x "$W/$t"
done
# valgrind cannot see into PCRE2's JIT code: use its interpreter; nor
# the kernel filling ni-sort's buffers through io_uring: pread
NI_REGEX_NO_JIT=1 NI_SORT_PREAD=1 NI_BIN=$W NI_VALGRIND=1 sh "$(dirname "$0")/run.sh"
