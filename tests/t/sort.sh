# ni-sort: comparison by type, stability, heaps, groups, -u, -m, -c,
# external sort, errors; orders checked against an independent Python
# implementation of the documented rules (tests/helpers/sort_oracle.py).
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
ORACLE=$NI_TESTS/helpers/sort_oracle.py
ids() { jq -r '.id' "$@" | tr '\n' ' '; }

# ---- golden: each comparison type ----
printf '%s\n' '{"id":"n10","v":10}' '{"id":"n9","v":9}' '{"id":"n-1.5","v":-1.5}' \
	'{"id":"n1e2","v":1e2}' '{"id":"n0","v":-0}' >"$T/num"
eq "numbers numerically" "$(ni-sort -k v "$T/num" | ids)" "n-1.5 n0 n9 n10 n1e2 "
printf '%s\n' '{"id":"ts","d":"2026-03-16T07:17:40.451Z"}' '{"id":"day16","d":"2026-03-16"}' \
	'{"id":"day15","d":"2026-03-15"}' '{"id":"kst","d":"2026-03-16T09:00:00+09:00"}' \
	'{"id":"late15","d":"2026-03-15T23:59:59Z"}' >"$T/dates"
eq "dates as points in time" "$(ni-sort -k d "$T/dates" | ids)" "day15 late15 day16 kst ts "
# in Seoul, 2026-03-16 begins at 2026-03-15T15:00Z: before late15
eq "--tz places date-only values" "$(ni-sort --tz Asia/Seoul -k d "$T/dates" | ids)" \
	"day15 day16 late15 kst ts "
printf '%s\n' '{"id":"b","s":"b"}' '{"id":"B","s":"B"}' '{"id":"a","s":"a"}' \
	'{"id":"ab","s":"ab"}' '{"id":"A","s":"A"}' '{"id":"empty","s":""}' >"$T/str"
eq "strings byte-wise" "$(ni-sort -k s "$T/str" | ids)" "empty A B a ab b "
eq "-i folds case (stable among equals)" "$(ni-sort -i -k s "$T/str" | ids)" "empty a A ab b B "
# Korean: the same word in NFD and NFC is one value (ties keep input order)
nfc=$(printf '\355\225\234\352\265\255')            # 한국 (NFC)
nfd=$(printf '\341\204\222\341\205\241\341\206\253\341\204\200\341\205\256\341\206\250') # 한국 (NFD)
printf '{"id":"nfd","s":"%s"}\n{"id":"ga","s":"가"}\n{"id":"nfc","s":"%s"}\n{"id":"zz","s":"zz"}\n' \
	"$nfd" "$nfc" >"$T/ko"
eq "Korean under NFC" "$(ni-sort -k s "$T/ko" | ids)" "zz ga nfd nfc "
ni-sort -k s "$T/ko" | grep -c "$nfd" >"$T/c"
eq "Korean bytes unchanged (NFD stays NFD)" "$(cat "$T/c")" 1
printf '%s\n' '{"id":"arr","v":[3,1]}' '{"id":"two","v":2}' '{"id":"empty","v":[]}' \
	'{"id":"four","v":4}' >"$T/arr"
eq "arrays by first element, [] as missing" "$(ni-sort -k v "$T/arr" | ids)" "two arr four empty "

# ---- mixed types, missing and null ----
printf '%s\n' '{"id":"obj","v":{"a":1}}' '{"id":"str","v":"x"}' '{"id":"null","v":null}' \
	'{"id":"date","v":"2026-01-01"}' '{"id":"num","v":5}' '{"id":"true","v":true}' \
	'{"id":"miss"}' '{"id":"false","v":false}' >"$T/mixed"
eq "type rank" "$(ni-sort -k v "$T/mixed" | ids)" "false true num date str obj null miss "
eq "type rank desc, missing still last" "$(ni-sort -k v:desc "$T/mixed" | ids)" \
	"obj str date num true false null miss "
eq "--missing first" "$(ni-sort --missing first -k v "$T/mixed" | ids)" \
	"null miss false true num date str obj "
eq "-r reverses the whole order" "$(ni-sort -r -k v "$T/mixed" | ids)" \
	"null miss obj str date num true false "
eq "-v:desc prefix form" "$(ni-sort -k -v "$T/mixed" | ids)" "$(ni-sort -k v:desc "$T/mixed" | ids)"

# ---- stability and several keys ----
printf '%s\n' '{"id":"a","c":0.9,"d":"2026-03-01"}' '{"id":"b","c":0.8,"d":"2026-03-02"}' \
	'{"id":"c","c":0.9,"d":"2026-03-02"}' '{"id":"d","c":0.8,"d":"2026-03-01"}' \
	'{"id":"e","c":0.9,"d":"2026-03-02"}' >"$T/multi"
eq "desc on two keys" "$(ni-sort -k d:desc,c:desc "$T/multi" | ids)" "c e b a d "
eq "two -k options = one list" "$(ni-sort -k d:desc -k c:desc "$T/multi" | ids)" "c e b a d "
eq "stable: equal keys keep input order" "$(ni-sort -k d:desc "$T/multi" | ids)" "b c e a d "
ni-sort -k c:desc "$T/multi" | ni-sort -k d:desc >"$T/composed"
ni-sort -k d:desc,c:desc "$T/multi" >"$T/direct"
same "sorts compose like sort -s" "$T/composed" "$T/direct"

# ---- -n, -g -n, -u ----
eq "-n 2" "$(ni-sort -n 2 -k d:desc,c:desc "$T/multi" | ids)" "c e "
eq "-n 0" "$(ni-sort -n 0 -k d "$T/multi" | wc -l)" 0
printf '%s\n' '{"id":"a1","s":"a","d":1}' '{"id":"b1","s":"b","d":5}' '{"id":"a2","s":"a","d":6}' \
	'{"id":"x1","d":9}' '{"id":"a3","s":"a","d":2}' '{"id":"b2","s":"b","d":4}' \
	'{"id":"x2","s":null,"d":8}' '{"id":"t1","s":["a","b"],"d":7}' >"$T/grp"
eq "-g -n: first 2 per group, global order" "$(ni-sort -g s -n 2 -k d:desc "$T/grp" | ids)" \
	"x1 x2 t1 a2 b1 b2 a3 "
eq "-g --group-order" "$(ni-sort -g s -n 2 -k d:desc --group-order "$T/grp" | ids)" \
	"x1 x2 t1 a2 a3 b1 b2 "
eq "-g -u: the stream path, same order" "$(ni-sort -g s -n 2 -u id -k d:desc --group-order "$T/grp" | ids)" \
	"x1 x2 t1 a2 a3 b1 b2 "
eq "-g without -k: input order" "$(ni-sort -g s -n 1 "$T/grp" | ids)" "a1 b1 x1 t1 "
eq "-g --explode: an array joins each group" \
	"$(ni-sort -g s -n 1 --explode -k d:desc "$T/grp" | ids)" "x1 t1 "
eq "-g --explode --group-order: once per group" \
	"$(ni-sort -g s -n 2 --explode --group-order -k d:desc "$T/grp" | ids)" "x1 x2 t1 a2 t1 b1 "
printf '%s\n' '{"id":"1","u":"x","d":2}' '{"id":"2","u":"","d":3}' '{"id":"3","u":"x","d":4}' \
	'{"id":"4","d":5}' '{"id":"5","u":"","d":1}' '{"id":"6","d":0}' '{"id":"7","u":"y","d":1}' >"$T/uniq"
eq "-u: first in sorted order; empty/missing never duplicates" \
	"$(ni-sort -u u -k d:desc "$T/uniq" | ids)" "4 3 2 5 7 6 "
eq "-u -n" "$(ni-sort -u u -k d:desc -n 2 "$T/uniq" | ids)" "4 3 "

# ---- -c ----
ni-sort -k d:desc,c:desc "$T/multi" | ni-sort -c -k d:desc,c:desc; rc_is "-c sorted: 0" $? 0
ni-sort -c -k d "$T/multi" 2>"$T/err"; rc_is "-c disorder: 1" $? 1
has "-c names the first disorder" "$T/err" "^ni-sort: $T/multi:4: disorder: \\{\"id\":\"d\""

# ---- -m ----
head -3 "$T/multi" | ni-sort -k c >"$T/m1"
tail -2 "$T/multi" | ni-sort -k c >"$T/m2"
ni-sort -m -k c "$T/m1" "$T/m2" >"$T/merged"
ni-sort -k c "$T/multi" >"$T/whole"
same "-m merges sorted shards stably" "$T/merged" "$T/whole"
eq "-m -n stops after N" "$(ni-sort -m -n 2 -k c "$T/m1" "$T/m2" | ids)" "b d "
ni-sort -m -k c "$T/multi" "$T/m2" >/dev/null 2>"$T/err"; rc_is "-m unsorted input: 2" $? 2
has "-m says which input is unsorted" "$T/err" "multi:2: not in order"

# ---- bad lines, usage, grep manners ----
{ printf '%s\n' '{"id":"ok1","d":2}' '{"id":"bad",' '[1]' '{"id":"ok2","d":1}'; printf '{"id":"tail"'; } >"$T/bad"
ni-sort --rejects "$T/rej" -k d "$T/bad" >"$T/out" 2>"$T/err"
rc_is "bad lines: exit 2" $? 2
eq "bad lines: the rest flows" "$(ids "$T/out")" "ok2 ok1 "
printf '%s\n' "ni-sort: $T/bad:2:13: premature end of input" \
	"ni-sort: $T/bad:3:1: a record must be a JSON object" \
	"ni-sort: $T/bad:5:13: premature end of input" >"$T/want"
same "bad lines: FILE:LINE:COL messages" "$T/err" "$T/want"
eq "--rejects keeps them verbatim" "$(wc -l <"$T/rej")" 3
ni-sort -k 'd:up' "$T/bad" 2>"$T/err"; rc_is "bad order word: usage" $? 2
has "bad order word message" "$T/err" "asc or desc"
ni-sort -g s "$T/grp" 2>"$T/err"; rc_is "-g without -n: usage" $? 2
ni-sort "$T/grp" 2>"$T/err"; rc_is "no key: usage" $? 2
ni-sort -c -n 1 -k d "$T/grp" 2>"$T/err"; rc_is "-c -n: usage" $? 2
ni-sort --explode -k d "$T/grp" 2>"$T/err"; rc_is "--explode without -g: usage" $? 2
ni-sort --missing middle -k d "$T/grp" 2>"$T/err"; rc_is "--missing middle: usage" $? 2
ni-sort -S 10k -k d "$T/grp" 2>"$T/err"; rc_is "-S below 1M: usage" $? 2
ni-sort -k d "$T/multi" >/dev/full 2>"$T/err"; rc_is "/dev/full: 2" $? 2
has "/dev/full message" "$T/err" 'write error: No space left on device'
yes '{"a":1}' | head -200000 | ni-sort -k a 2>"$T/err" | head -1 >"$T/out"
eq "| head -1" "$(cat "$T/out")" '{"a":1}'
same "| head is quiet" "$T/err" /dev/null
printf '\357\273\277{"id":"a","d":2}\r\n\r\n{"id":"b","d":1}\r\n' | ni-sort -k d >"$T/out"
printf '{"id":"b","d":1}\n{"id":"a","d":2}\n' >"$T/want"
same "CRLF, BOM and blank lines" "$T/out" "$T/want"

# ---- properties over generated records, and the Python oracle ----
cat >"$T/gen.py" <<'EOF'
import json, random, sys, unicodedata
random.seed(int(sys.argv[2]))
words = ["apple", "Apple", "BANANA", "banana", "\u00c4pfel", "\u00e4pfel", "zebra",
         "\ud55c\uad6d", "\uc5d0\uc774\uc804\ud2b8", "", "2026-13-01", "z\u0000z"]
def scalar():
    r = random.random()
    if r < 0.15: return random.choice([0, 1, -1, 2.5, -0.0, 1e3, 0.69, 0.7, 10])
    if r < 0.2: return random.choice([True, False])
    if r < 0.3: return "2026-03-%02d" % random.randint(14, 18)
    if r < 0.4: return random.choice(["2026-03-16T07:17:40.451Z", "2026-03-16T09:00:00+09:00",
                                      "2026-03-15T23:59:59Z", "2026-03-17T00:00:00.000Z"])
    if r < 0.6: return unicodedata.normalize(random.choice(["NFC", "NFD"]), random.choice(words))
    if r < 0.65: return {"x": random.randint(0, 2)}
    return random.choice(["x%d" % random.randint(0, 30), "X%d" % random.randint(0, 30)])
def value():
    r = random.random()
    if r < 0.08: return "MISSING"
    if r < 0.14: return None
    if r < 0.2: return []
    if r < 0.3: return [scalar() for _ in range(random.randint(1, 3))]
    return scalar()
for i in range(int(sys.argv[1])):
    rec = {"i": i}
    for f in ("v", "w"):
        v = value()
        if v != "MISSING": rec[f] = v
    rec["g"] = random.choice(["a", "b", "c", "", None, ["a", "b"]])
    print(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
EOF
$PY "$T/gen.py" 3000 11 >"$T/gen"
for opts in "-k v" "-k v:desc,w" "-k w,v:desc --missing first" "-i -k v,w:desc" \
	"-u v -k w" "-g g -n 3 -k v:desc" "-n 25 -k w:desc,v"; do
	# shellcheck disable=SC2086
	ni-sort $opts "$T/gen" >"$T/got"
	$PY "$ORACLE" $opts "$T/gen" >"$T/want"
	same "generated records: ni-sort $opts = Python" "$T/got" "$T/want"
done
for opts in "-k v" "-k v:desc,w" "-i -k w:desc"; do
	ni-sort $opts "$T/gen" >"$T/got"
	sort "$T/got" >"$T/a"; sort "$T/gen" >"$T/b"
	same "property: permutation ($opts)" "$T/a" "$T/b"
	eq "property: sorted and stable ($opts)" "$($PY "$ORACLE" $opts --check-stable "$T/got")" "sorted stable"
done
ni-sort -j 1 -S 1M -k v:desc,w "$T/gen" >"$T/j1"
ni-sort -j 4 -k v:desc,w "$T/gen" >"$T/j4"
same "-j 4 = -j 1 -S 1M" "$T/j4" "$T/j1"
split -l 1000 "$T/gen" "$T/shard."
for s in "$T"/shard.*; do ni-sort -k v:desc,w "$s" >"$s.sorted"; done
ni-sort -m -k v:desc,w "$T"/shard.*.sorted >"$T/got"
ni-sort -k v:desc,w "$T/gen" >"$T/want"
same "property: -m of sorted shards = one sort" "$T/got" "$T/want"

# ---- the real corpus, against Python ----
if [ -n "${NI_CORPUS:-}" ]; then
	ni-parse "$NI_CORPUS" >"$T/corpus" 2>/dev/null
	n=$(wc -l <"$T/corpus")
	ni-sort -k date_published:desc,confidence:desc "$T/corpus" >"$T/got"
	eq "corpus: records in = records out" "$(wc -l <"$T/got")" "$n"
	$PY "$ORACLE" -k date_published:desc,confidence:desc "$T/corpus" >"$T/want"
	same "corpus: newest first, then most confident = Python" "$T/got" "$T/want"
	ni-sort -g source_id -k date_published:desc -n 5 "$T/corpus" >"$T/got"
	$PY "$ORACLE" -g source_id -k date_published:desc -n 5 "$T/corpus" >"$T/want"
	same "corpus: first 5 per source_id by date = Python" "$T/got" "$T/want"
	ni-sort -u canonical_url -k confidence:desc "$T/corpus" >"$T/got"
	$PY "$ORACLE" -u canonical_url -k confidence:desc "$T/corpus" >"$T/want"
	same "corpus: -u canonical_url = Python" "$T/got" "$T/want"
	ni-sort -i -k title,id "$T/corpus" >"$T/got"
	$PY "$ORACLE" -i -k title,id "$T/corpus" >"$T/want"
	same "corpus: -i titles (Korean and English) = Python" "$T/got" "$T/want"
fi

# ---- external sort: temporary runs, memory, cleanup, full disk ----
# 300,000 records: 30,000 from mkcorpus, ten copies with distinct ids
# (NI_SORT_BIG=1 for 1,000,000 straight from mkcorpus; minutes)
MK=$NI_TESTS/../../shared/bench/mkcorpus
# (not under ThreadSanitizer: minutes there; the blocks below cover the
# threads)
if [ -x "$MK" ] && [ -n "${NI_CORPUS:-}" ] && [ -z "${NI_TSAN:-}" ]; then
	if [ -n "${NI_SORT_BIG:-}" ]; then
		"$MK" -n 1000000 --ndjson >"$T/big" 2>/dev/null
	else
		"$MK" -n 30000 --ndjson >"$T/base" 2>/dev/null
		for i in 0 1 2 3 4 5 6 7 8 9; do
			sed "s/^{\"id\": \"syn_/{\"id\": \"syn${i}_/" "$T/base"
		done >"$T/big"
		rm -f "$T/base"
	fi
	K=date_published:desc,confidence:desc
	mkdir "$T/tmp"
	# from a pipe the records themselves are sorted (runs of records);
	# from a regular file, their locations (gather.c: runs of keys and
	# locations, the records read back from the file at the end)
	cat "$T/big" | /usr/bin/time -f %M -o "$T/rss" ni-sort -v -S 32M -T "$T/tmp" -k $K 2>"$T/err" | cksum >"$T/small"
	has "-S 32M spills to temporary runs" "$T/err" '[0-9]+ temporary runs'
	hasnt "-S 32M: no error" "$T/err" 'error'
	cat "$T/big" | ni-sort -S 4G -k $K | cksum >"$T/large"
	same "-S 32M = -S 4G, byte for byte" "$T/small" "$T/large"
	rss=$(tail -1 "$T/rss")
	# peak RSS means nothing under ASan or valgrind (their own memory): the
	# plain build checks it
	[ -n "${NI_SANITIZE:-}${NI_VALGRIND:-}" ] ||
	{ [ "$rss" -lt 65536 ] && ok "-S 32M: peak RSS ${rss} KB < 64 MB" || ko "-S 32M peak RSS" "$rss KB"; }
	eq "no temporary file left" "$(ls -A "$T/tmp" | wc -l)" 0
	cat "$T/big" | ni-sort -j 1 -S 32M -T "$T/tmp" -k $K | cksum >"$T/j1"
	same "-j 1 = -j N on spilled runs" "$T/j1" "$T/small"
	# by location: the same bytes, in memory and through runs
	ni-sort -k $K "$T/big" | cksum >"$T/loc"
	same "by location = by record (a file, a pipe)" "$T/loc" "$T/small"
	/usr/bin/time -f %M -o "$T/rss" ni-sort -v -S 2M -T "$T/tmp" -k $K "$T/big" 2>"$T/err" | cksum >"$T/loc2"
	same "by location through runs (-S 2M) = in memory" "$T/loc2" "$T/small"
	has "by location -S 2M: runs of locations" "$T/err" '[0-9]+ temporary runs'
	rss=$(tail -1 "$T/rss")
	[ -n "${NI_SANITIZE:-}${NI_VALGRIND:-}" ] ||
	{ [ "$rss" -lt 32768 ] && ok "by location -S 2M: peak RSS ${rss} KB < 32 MB" || ko "by location -S 2M peak RSS" "$rss KB"; }
	ni-sort -j 1 -k $K <"$T/big" | cksum >"$T/loc3"
	same "by location from a file on stdin, -j 1" "$T/loc3" "$T/small"
	eq "no temporary file left (by location)" "$(ls -A "$T/tmp" | wc -l)" 0
	/usr/bin/time -f %M -o "$T/rss" ni-sort -n 10 -k $K "$T/big" >"$T/top"
	ni-sort -S 4G -k $K "$T/big" | head -10 >"$T/want"
	same "-n 10 = the first 10 of the full sort" "$T/top" "$T/want"
	rss=$(tail -1 "$T/rss")
	[ -n "${NI_SANITIZE:-}${NI_VALGRIND:-}" ] ||
	{ [ "$rss" -lt 16384 ] && ok "-n 10: peak RSS ${rss} KB < 16 MB" || ko "-n 10 peak RSS" "$rss KB"; }
	# -n past the heap's reach (-S 1M: 1000 x 4 KiB > 1M) is a sort and a cut
	ni-sort -n 1000 -S 1M -k $K "$T/big" >"$T/top"
	ni-sort -k $K "$T/big" | head -1000 >"$T/want"
	same "-n 1000 -S 1M (by location, then the first 1000)" "$T/top" "$T/want"
	# SIGTERM mid-merge: output has begun, so every run is written (a
	# FIFO: records, not locations)
	mkfifo "$T/fifo"
	cat "$T/big" >"$T/fifo" &
	ni-sort -S 32M -T "$T/tmp" -k $K <"$T/fifo" >"$T/part" 2>/dev/null &
	pid=$!
	i=0
	while [ ! -s "$T/part" ] && [ $i -lt 600 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.2; i=$((i + 1))
	done
	ls -l /proc/$pid/fd 2>/dev/null | grep -c "$T/tmp/ni-sort" >"$T/open"
	kill -TERM $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null
	rc_is "SIGTERM mid-merge ends the run" $? 143
	wait
	eq "temporary file in use mid-merge (unlinked)" "$(cat "$T/open")" 1
	eq "SIGTERM: no temporary file left" "$(ls -A "$T/tmp" | wc -l)" 0
	# -S 1M on 20,000 records: more runs than one merge takes (passes)
	head -20000 "$T/big" >"$T/mid"
	cat "$T/mid" | ni-sort -v -S 1M -T "$T/tmp" -k $K 2>"$T/err" | cksum >"$T/a"
	ni-sort -k $K "$T/mid" | cksum >"$T/b"
	same "-S 1M (merge passes) = in memory" "$T/a" "$T/b"
	n=$(sed -n 's/.* \([0-9]*\) temporary runs/\1/p' "$T/err")
	[ "${n:-0}" -gt 8 ] && ok "-S 1M wrote $n runs (> 8, the fan-in)" || ko "-S 1M runs" "$n"
	# a full temporary disk: exit 2, a message, and no output at all
	mkdir "$T/small2m"
	if mount -t tmpfs -o size=2M tmpfs "$T/small2m" 2>/dev/null; then
		cat "$T/mid" | ni-sort -S 1M -T "$T/small2m" -k $K >"$T/out" 2>"$T/err"
		rc_is "full temporary disk: exit 2" $? 2
		has "full temporary disk: message" "$T/err" 'No space left on device'
		same "full temporary disk: no output pretending to be complete" "$T/out" /dev/null
		eq "full temporary disk: nothing left there" "$(ls -A "$T/small2m" | wc -l)" 0
		# by location: 300,000 locations and keys do not fit in 2 MB
		ni-sort -S 1M -T "$T/small2m" -k $K "$T/big" >"$T/out" 2>"$T/err"
		rc_is "full temporary disk, by location: exit 2" $? 2
		has "full temporary disk, by location: message" "$T/err" 'No space left on device'
		same "full temporary disk, by location: no output" "$T/out" /dev/null
		umount "$T/small2m"
	else
		echo "  (sort.sh: cannot mount a tmpfs: full-disk case skipped)" >&2
	fi
	rm -f "$T/big" "$T/mid"
fi

# ---- issue 22 #4: one exact number comparison (ids above 2^53 and 2^63) ----
# random numbers near 2^53, 2^63, 2^64 and beyond, as integers, decimals and
# exponents; Python's Decimal is the reference for order and equality
$PY - "$T/bign" <<'X'
import json, random, sys
random.seed(22)
out = []
bases = [2**53, 2**63, 2**64, 10**30, 1, 0]
for i in range(400):
    b = random.choice(bases) * random.choice([1, -1])
    n = b + random.randint(-3, 3)
    form = random.randint(0, 3)
    if form == 0: t = str(n)
    elif form == 1: t = str(n) + ".0" if n else "0.0"
    elif form == 2: t = "%se%d" % (str(n) + "000", -3) if n else "0e5"
    else: t = "%d.%d" % (n, random.randint(0, 9))
    out.append('{"i":%d,"v":%s}' % (i, t))
open(sys.argv[1], "w").write("\n".join(out) + "\n")
X
cat >"$T/bign.py" <<'X'
import json, sys
from decimal import Decimal
recs = [json.loads(l, parse_float=Decimal, parse_int=Decimal) for l in open(sys.argv[1])]
mode = sys.argv[2]
if mode == "sort":
    recs.sort(key=lambda r: r["v"])           # stable, as ni-sort
    print(" ".join(str(int(r["i"])) for r in recs))
elif mode == "uniq":
    seen, keep = set(), []
    for r in recs:
        if r["v"] not in seen:
            seen.add(r["v"]); keep.append(str(int(r["i"])))
    print(" ".join(keep))
X
j_ids() { $PY -c 'import json,sys; print(" ".join(str(json.loads(l)["i"]) for l in sys.stdin))'; }
eq "big-numbers: -k orders exactly (Python Decimal)" "$(ni-sort -k v "$T/bign" | j_ids)" "$($PY "$T/bign.py" "$T/bign" sort)"
eq "big-numbers: -u keeps different numbers apart, equal ones once" "$(ni-sort -u v "$T/bign" | ni-sort -k i | j_ids)" "$($PY "$T/bign.py" "$T/bign" uniq)"
printf '{"id":1234567890123456788}\n{"id":1234567890123456789}\n{"id":18446744073709551617}\n{"id":18446744073709551616}\n' >"$T/ids"
eq "big-numbers: ni-sort -u id keeps ids 1 apart (2^60, 2^64)" "$(ni-sort -u id "$T/ids" | wc -l)" 4
eq "big-numbers: ni-sort -g id -n 1 gives 4 groups" "$(ni-sort -g id -k id -n 1 "$T/ids" | wc -l)" 4
eq "big-numbers: ni-filter = is exact beyond 2^53" "$(ni-filter 'id = 1234567890123456789' "$T/ids")" '{"id":1234567890123456789}'
eq "big-numbers: ni-filter = is exact beyond 2^64" "$(ni-filter 'id = 18446744073709551616' "$T/ids")" '{"id":18446744073709551616}'
eq "big-numbers: ni-filter > is exact beyond 2^53" "$(ni-filter -c 'id > 1234567890123456788' "$T/ids")" 3
eq "big-numbers: 1, 1.0 and 1e0 are one number" "$(printf '{"v":1}\n{"v":1.0}\n{"v":1e0}\n{"v":10e-1}\n' | ni-filter -c 'v = 1')" 4

# ---- issue 22 #3: -g --explode counts every group (no 4,096 cap) ----
# a (best key) has 5,000 tags; b (worse) shares only a's last tag: a must
# win that group, so b is not printed; every group of c is counted
$PY -c 'import json
print(json.dumps({"id":"a","k":0,"tags":["t%d" % i for i in range(5000)]}))
print(json.dumps({"id":"b","k":1,"tags":["t4999"]}))
print(json.dumps({"id":"c","k":2,"tags":["t%d" % i for i in range(5000, 10000)] + ["t4999"]}))' >"$T/explode"
eq "explode-no-cap: a later record does not win a group past 4,096" \
	"$(ni-sort -g tags --explode -k k -n 1 "$T/explode" | jq -r .id | tr '\n' ' ')" "a c "
eq "explode-no-cap: -n 2 keeps a and b in t4999, c in its own 5,000" \
	"$(ni-sort -g tags --explode -k k -n 2 "$T/explode" | jq -r .id | tr '\n' ' ')" "a b c "
eq "explode-no-cap: --group-order keeps the same records" \
	"$(ni-sort -g tags --explode -k k -n 1 --group-order "$T/explode" | jq -r .id | sort -u | tr '\n' ' ')" "a c "

# ---- by location (a regular file) and by record (a pipe): the same bytes ----
# CRLF lines, a BOM, blank lines, an invalid line, no final newline, a run of
# lines already in order (read back at once); the expected output is
# computed by Python from the documented line rules
{
	printf '\357\273\277{"v":5,"id":"bom"}\r\n'
	printf '{"v":1,"id":"a"}\n{"v":2,"id":"b"}\n{"v":3,"id":"c"}\n'
	printf '   \n\t\r\n{"v":0,"id":"crlf"}\r\n{"v": oops}\n'
	printf '{"v":2,"id":"b2"}\n{"v":-1,"id":"last"}'
} >"$T/messy"
$PY - "$T/messy" >"$T/want" <<'PYEOF'
import json, sys
raw = open(sys.argv[1], "rb").read().split(b"\n")
recs = []
for i, l in enumerate(raw):
    if i == 0 and l.startswith(b"\xef\xbb\xbf"): l = l[3:]
    if l.endswith(b"\r"): l = l[:-1]
    if not l.strip(b" \t\r"): continue
    try: recs.append((json.loads(l)["v"], len(recs), l))
    except ValueError: pass
for v, i, l in sorted(recs): sys.stdout.buffer.write(l + b"\n")
PYEOF
ni-sort -k v "$T/messy" >"$T/got" 2>"$T/err"
rc_is "by location: an invalid line is exit 2" $? 2
has "by location: the invalid line reported" "$T/err" 'messy:8:7: invalid token'
same "by location = the documented lines, in order" "$T/got" "$T/want"
cat "$T/messy" | ni-sort -k v >"$T/got2" 2>/dev/null
same "by record (a pipe) = by location" "$T/got2" "$T/want"
ni-sort -j 1 -k v <"$T/messy" >"$T/got3" 2>/dev/null
same "by location from stdin (a file), -j 1" "$T/got3" "$T/want"
# stdin already part read: offsets count from where it stands
{ read -r skip; ni-sort -k v; } <"$T/messy" >"$T/got4" 2>/dev/null
sed 1d "$T/messy" | ni-sort -k v >"$T/want4" 2>/dev/null
same "by location from a part-read stdin" "$T/got4" "$T/want4"
{ sed 1d "$T/messy"; echo; } >"$T/messy2"
ni-sort -k v "$T/messy2" "$T/messy2" >"$T/got5" 2>/dev/null
cat "$T/messy2" "$T/messy2" | ni-sort -k v >"$T/want5" 2>/dev/null
same "by location: one file twice = by record" "$T/got5" "$T/want5"
ni-sort -n 3 -S 1M -k v "$T/messy" >"$T/got6" 2>/dev/null
head -3 "$T/want" >"$T/want6"
same "by location: -n" "$T/got6" "$T/want6"
ni-sort -k v "$T/messy" >/dev/full 2>"$T/err"
rc_is "by location into a full disk: exit 2" $? 2
# many inputs: all are open at once to be read back, so past 256 files
# (or the open file limit) records are sorted by their bytes instead
mkdir "$T/many"
i=0
while [ $i -lt 300 ]; do
	echo "{\"v\":$((i % 7)),\"i\":$i}" >"$T/many/f$i"
	i=$((i + 1))
done
cat "$T/many"/f* | ni-sort -k v >"$T/want7"
(ulimit -n 64; ni-sort -k v "$T/many"/f*) >"$T/got7" 2>"$T/err"
rc_is "300 files under ulimit -n 64: exit 0" $? 0
same "300 files under ulimit -n 64: every record, in order" "$T/got7" "$T/want7"
cat "$T/many"/f1* | ni-sort -k v >"$T/want8"
(ulimit -n 200; ni-sort -k v "$T/many"/f1*) >"$T/got8" 2>"$T/err"
rc_is "111 files under ulimit -n 200 (by location): exit 0" $? 0
same "111 files by location: every record, in order" "$T/got8" "$T/want8"
# several 1 MiB blocks read back by the threads (-j 2, -j 3), and runs of
# locations (-S 1M): 30,000 records of 150-450 bytes, keys with ties
$PY - >"$T/blocks" <<'PYEOF'
import json, random
r = random.Random(7)
for i in range(30000):
    print(json.dumps({"id": i, "d": "2026-0%d-1%d" % (r.randint(1, 9), r.randint(0, 9)),
                      "c": r.choice([0.5, 0.7, 0.9, None]), "t": "x" * r.randint(100, 400)}))
PYEOF
cat "$T/blocks" | ni-sort -k d:desc,c >"$T/want9"
for j in 1 2 3; do
	ni-sort -j $j -k d:desc,c "$T/blocks" >"$T/got9"
	same "by location, -j $j, 9 MB: = by record" "$T/got9" "$T/want9"
done
ni-sort -S 1M -v -k d:desc,c "$T/blocks" 2>"$T/err" >"$T/got9"
same "by location, runs of locations (-S 1M): = by record" "$T/got9" "$T/want9"
# small records from a pipe, by record, -S 8M: a handful of runs (every
# record after the first run used to be a run of its own: 112,960 runs)
$PY -c 'import json
for i in range(200000): print(json.dumps({"a": (i * 7919) % 1000, "i": i}))' >"$T/small"
ni-sort -S 8M -v -k a <"$T/small" 2>"$T/err" | cat >"$T/got10"
runs=$(sed -n 's/.* \([0-9]*\) temporary runs.*/\1/p' "$T/err")
[ -n "$runs" ] && [ "$runs" -ge 2 ] && [ "$runs" -le 10 ] &&
	ok "200,000 small records through a pipe, -S 8M: $runs runs" || ko "small records -S 8M" "runs: $runs"
$PY - "$T/small" "$T/got10" <<'PYEOF' && ok "200,000 small records, -S 8M: sorted, stable, none lost" || ko "small records -S 8M output"
import json, sys
want = sorted((json.loads(l) for l in open(sys.argv[1])), key=lambda r: r["a"])
got = [json.loads(l) for l in open(sys.argv[2])]
sys.exit(0 if got == want else 1)
PYEOF
# read back through io_uring where the kernel has it, else (and with
# NI_SORT_PREAD=1) with pread: the same bytes; strace says which was used
for j in 1 3; do
	NI_SORT_PREAD=1 ni-sort -j $j -k d:desc,c "$T/blocks" >"$T/got9"
	same "by location with pread (NI_SORT_PREAD=1), -j $j: = by record" "$T/got9" "$T/want9"
done
if command -v strace >/dev/null 2>&1 && [ -z "${NI_SANITIZE:-}" ]; then
	strace -f -qq -e trace=io_uring_setup,io_uring_enter,pread64 -o "$T/st" \
		"$NI_BIN/ni-sort" -k d:desc,c "$T/blocks" >"$T/got9" 2>/dev/null
	same "by location under strace: = by record" "$T/got9" "$T/want9"
	if grep -q 'io_uring_setup(.*= [0-9]' "$T/st"; then
		n=$(grep -c 'io_uring_enter(' "$T/st"); p=$(grep -c 'pread64(' "$T/st")
		# 30,000 records in 9 blocks: a few hundred entries, and no
		# pread but the loader's (of ELF headers)
		[ "$n" -gt 0 ] && [ "$n" -lt 3000 ] && [ "$p" -lt 100 ] &&
			ok "the kernel has io_uring: records read back through it ($n io_uring_enter, $p pread)" ||
			ko "io_uring read-back" "$n io_uring_enter, $p pread"
	elif grep -q 'io_uring_setup(' "$T/st"; then
		# tried, and refused (an old kernel, seccomp): pread
		n=$(grep -c 'pread64(' "$T/st")
		[ "$n" -gt 10000 ] && ok "io_uring refused here: read back with pread ($n)" ||
			ko "pread fallback" "$n pread"
	else
		ko "io_uring for the read-back" "not even tried"
	fi
	NI_SORT_PREAD=1 strace -f -qq -e trace=io_uring_setup,pread64 -o "$T/st" \
		"$NI_BIN/ni-sort" -k d:desc,c "$T/blocks" >/dev/null 2>&1
	! grep -q 'io_uring_setup(' "$T/st" && [ "$(grep -c 'pread64(' "$T/st")" -gt 10000 ] &&
		ok "NI_SORT_PREAD=1: no io_uring, pread" || ko "NI_SORT_PREAD=1" "$(head -3 "$T/st")"
fi
has "by location -S 1M: runs were written" "$T/err" '[1-9][0-9]* temporary runs'
# by location is only taken when it is safe; else by record, the same bytes:
# - the output is an input (sorted in place, `1<>`): all read before any write
cp "$T/blocks" "$T/inplace"
ni-sort -k d:desc,c "$T/inplace" 1<>"$T/inplace" 2>"$T/err"
rc_is "sorted in place (1<>): exit 0" $? 0
same "sorted in place (1<>): the sorted records" "$T/inplace" "$T/want9"
# - an input that cannot be read: the others still sorted, one message
if [ -e /proc/sys/vm/drop_caches ] && ! cat /proc/sys/vm/drop_caches >/dev/null 2>&1; then
	ni-sort -k v "$T/messy2" /proc/sys/vm/drop_caches >"$T/got10" 2>"$T/err"
	rc_is "an unreadable input among good ones: exit 2" $? 2
	ni-sort -k v "$T/messy2" >"$T/want10" 2>/dev/null
	same "an unreadable input: the others still sorted" "$T/got10" "$T/want10"
	eq "an unreadable input: one message" "$(grep -c drop_caches "$T/err")" 1
fi
# - few file descriptors left (inherited ones count): never "Too many open files"
if command -v bash >/dev/null; then
	bash -c 'ulimit -n 40; for i in $(seq 10 39); do eval "exec $i</dev/null"; done
		exec ni-sort -k v "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1"' - "$T/many/f1" >"$T/got11" 2>"$T/err"
	rc_is "8 inputs, 30 descriptors inherited, ulimit -n 40: exit 0" $? 0
	for i in 1 2 3 4 5 6 7 8; do cat "$T/many/f1"; done | ni-sort -k v >"$T/want11"
	same "8 inputs, few descriptors free: every record" "$T/got11" "$T/want11"
fi
