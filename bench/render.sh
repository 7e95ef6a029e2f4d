#!/bin/sh
# bench/render.sh [N] - ni-render against jq 1.6 and mlr on N generated
# items (default 100000): the same one-line listing via -F, and -f html,
# -f atom; with peak memory.  Not a test.
set -eu
N=${1:-100000}
. "$(dirname "$0")/lib.sh"
R=$top/bin/ni-render
{
t listing:ni-render "'$R' -F '{date_published} {source_name}: {title}' '$F'"
t listing:jq "jq -r '\"\\(.date_published) \\(.source_name): \\(.title)\"' '$F'"
t listing:mlr "mlr --ijsonl --onidx --ofs ' ' put -q 'print \$date_published . \" \" . \$source_name . \": \" . \$title' '$F'"
t html:ni-render "'$R' -f html '$F'"
t atom:ni-render "'$R' -f atom '$F'"
} >"$W/render.times"
table ni-render "$W/render.times"
