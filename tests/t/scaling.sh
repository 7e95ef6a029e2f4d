#!/bin/sh
# tests/t/scaling.sh - issue 11.10, input side: near-linear time on
# plausible hostile input.  Each case runs 10x the input and checks the
# time ratio (fastest of 2 runs each) is at most 15: a ratio in one run,
# never an absolute time.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
[ -n "${NI_VALGRIND:-}${NI_SANITIZE:-}" ] && exit 0   # timings mean nothing there
ratio_ok() { # NAME RATIO
	if $PY -c "import sys; sys.exit(not float(sys.argv[1]) <= 15)" "$2"; then ok "$1"
	else ko "$1" "10x input took ${2}x the time"; fi
}

# YAML anchors: 11,500 vs 115,000 in one front matter (anchor lookup by
# hash, not by a scan of every earlier anchor)
for n in 11500 115000; do
	$PY -c "
import sys
n = int(sys.argv[1])
print('---')
for i in range(n):
    print('k%d: &a%d %d' % (i, i, i))
print('last: *a%d' % (n - 1))
print('---')" $n >"$T/anchors$n.md"
done
ni-parse --max-size 64M "$T/anchors115000.md" >"$T/out" 2>"$T/err"
rc_is "scaling-anchors-parse-rc" $? 0
has "scaling-anchors-alias-resolved" "$T/out" '"last":114999'
r=$($PY "$NI_TESTS/helpers/scaling.py" "ni-parse --max-size 64M $T/anchors11500.md" \
	"ni-parse --max-size 64M $T/anchors115000.md")
ratio_ok "scaling-yaml-anchors-10x-near-linear" "$r"

# --near-dup on texts sharing boilerplate (most kept, all in one LSH
# bucket for some bands): 2,000 vs 20,000
$PY -c "
import json, random, string, sys
random.seed(2)
boiler = 'Subscribe to our newsletter for the latest news on AI and commerce. All rights reserved. This article first appeared on Example Daily; '
for n in (2000, 20000):
    with open(sys.argv[1] + str(n), 'w') as f:
        for i in range(n):
            t = boiler + ''.join(random.choice(string.ascii_lowercase + '     ') for _ in range(30))
            f.write(json.dumps({'id': str(i), 'summary': t}) + '\n')
" "$T/boiler"
r=$($PY "$NI_TESTS/helpers/scaling.py" "ni-filter --near-dup summary -c $T/boiler2000" \
	"ni-filter --near-dup summary -c $T/boiler20000")
ratio_ok "scaling-near-dup-boilerplate-10x-near-linear" "$r"
# and it still finds near duplicates: an exact copy and a one-word edit
printf '%s\n' '{"s":"Apple unveils a new chip for AI servers at its spring event"}' \
	'{"s":"Apple unveils a new chip for AI servers at its spring event"}' \
	'{"s":"Apple unveils a new chip for AI servers at its spring event!"}' \
	'{"s":"Samsung reports record memory sales in the third quarter"}' |
	cat - "$T/boiler2000" | ni-filter --near-dup s -c >"$T/out"
eq "scaling-near-dup-still-finds-copies" "$(cat "$T/out")" 2002

# ni-sort -g tags --explode (issue 22 #3): one record in 10k vs 100k
# groups: time near-linear, and memory near the input's size (one copy of
# the record, not one per group: 100k tags took 4.7 GB)
for n in 10000 100000; do
	$PY -c 'import json,sys; n=int(sys.argv[1])
print(json.dumps({"id":"a","k":1,"tags":["tag-%d" % i for i in range(n)]}))
print(json.dumps({"id":"b","k":0,"tags":["tag-%d" % i for i in range(0, n, 7)]}))' $n >"$T/explode$n"
done
r=$($PY "$NI_TESTS/helpers/scaling.py" "ni-sort -g tags --explode -k k -n 1 $T/explode10000" \
	"ni-sort -g tags --explode -k k -n 1 $T/explode100000")
ratio_ok "scaling-sort-explode-10x-near-linear" "$r"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o "$T/rss" ni-sort -g tags --explode -k k -n 1 "$T/explode100000" >/dev/null
	kb=$(tail -1 "$T/rss"); in=$(($(wc -c <"$T/explode100000") / 1024))
	# the input is ~2 MB; one copy per group would be ~100k x 1 MB
	[ "$kb" -le $((in * 40 + 20000)) ] && ok "scaling-sort-explode-memory-near-input ($kb KB for $in KB)" ||
		ko "scaling-sort-explode-memory-near-input" "$kb KB for $in KB in"
fi

# field lookups in a record of many keys (issue 22, part 3): a template
# of N fields over an N-key record, N = 3,000 vs 30,000 (100x the
# lookups x keys; a scan per lookup was quadratic: 10k x 10k took 1.1 s)
for n in 3000 30000; do
	$PY -c 'import json,sys; n=int(sys.argv[1])
print(json.dumps({"k%d" % i: "v%d" % i for i in range(n)}))
open(sys.argv[2], "w").write("{#item}" + " ".join("{k%d}" % i for i in range(n)) + "{/item}\n")' $n "$T/tpl$n" >"$T/keys$n"
done
ni-render -T "$T/tpl30000" "$T/keys30000" >"$T/out"
eq "scaling-many-fields-template-output" "$(tr ' ' '\n' <"$T/out" | tail -1)" "v29999"
r=$($PY "$NI_TESTS/helpers/scaling.py" "ni-render -T $T/tpl3000 $T/keys3000" \
	"ni-render -T $T/tpl30000 $T/keys30000")
ratio_ok "scaling-many-fields-lookups-10x-near-linear" "$r"
# the same fields in a -T header (outside {#item}): the header's record
# is indexed once, not scanned per field (30k x 30k took 25 s)
for n in 3000 30000; do
	{ tr -d '\n' <"$T/tpl$n" | sed 's/^{#item}\(.*\){\/item}$/\1/'; printf '\n{#item}{k0}{/item}\n'; } >"$T/head$n"
done
ni-render -T "$T/head30000" "$T/keys30000" >"$T/out"
eq "scaling-many-fields-header-output" "$(head -1 "$T/out" | tr ' ' '\n' | tail -1)" "v29999"
r=$($PY "$NI_TESTS/helpers/scaling.py" "ni-render -T $T/head3000 $T/keys3000" \
	"ni-render -T $T/head30000 $T/keys30000")
ratio_ok "scaling-many-fields-header-10x-near-linear" "$r"
