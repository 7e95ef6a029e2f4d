# ni-write: records -> item files.  Round trips through ni-parse and
# PyYAML (pure and C loaders), the generator's names and body, hostile
# strings, --update idempotence, unsafe names, collisions, kill -9, a
# full disk.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3   # Debian's modules
H=$NI_TESTS/helpers
export NI_NOW=2026-11-28T09:00:00Z
tally() { sed -n 's/^ni-write: \([0-9]*\) records: \([0-9]*\) [a-z ]*, \([0-9]*\) unchanged, \([0-9]*\) skipped, \([0-9]*\) refused$/\1 \2 \3 \4 \5/p' "$1"; }
state() { (cd "$1" && find . -type f -printf '%P %T@ %s\n' | sort && cat $(ls) | md5sum); }

# --- options
ni-write --help >"$T/help"; rc_is "--help" $? 0
ni-write --version | grep -q '^ni-write [0-9]' && ok "--version" || ko "--version"
echo '{}' | ni-write >/dev/null 2>"$T/e"; rc_is "no -o: usage error" $? 2
has "no -o says so" "$T/e" 'give -o DIR'
echo '{}' | ni-write -o "$T/u" -b bogus 2>"$T/e"; rc_is "bad --body" $? 2
echo '{}' | ni-write -o "$T/u" -N '{title' 2>"$T/e"; rc_is "bad --name template" $? 2
has "bad --name: column" "$T/e" '^ni-write: --name:1: unclosed'

# --- the real corpus: every daily item round-trips
if [ -n "${NI_CORPUS:-}" ]; then
	ni-parse "$NI_CORPUS/daily" >"$T/c.ndjson"
	nin=$(wc -l <"$T/c.ndjson")
	ni-write -v -o "$T/c" "$T/c.ndjson" 2>"$T/c.err"
	rc=$?
	set -- $(tally "$T/c.err")
	nout=$(ls "$T/c" | wc -l)
	# a collision is an error (exit 2) for the later record, reported
	coll=$(grep -c 'same file name as the record' "$T/c.err")
	eq "corpus: records in = files out + reported collisions" "$nin" "$((nout + coll))"
	eq "corpus: tally counts them" "${1:-} ${2:-}" "$nin $nout"
	[ "$coll" -eq 0 ] && rc_is "corpus: exit status" $rc 0 || rc_is "corpus: exit status (collisions)" $rc 2
	echo "write: corpus daily: $nin records, $nout files, $coll collisions" >&2
	ni-parse "$T/c" >"$T/c.back"
	rc_is "corpus: ni-parse reads every written file" $? 0
	$PY "$H/check_write.py" default "$T/c.ndjson" "$T/c" "$T/c.back" >"$T/r" 2>&1 &&
		ok "corpus: same records back (ni-parse, PyYAML, generator names)" ||
		ko "corpus round trip" "$(head -5 "$T/r")"
	# the generated body is the generator's: byte for byte the corpus body
	$PY - "$NI_CORPUS/daily" "$T/c" >"$T/r" 2>&1 <<'X' && ok "corpus: generated bodies equal the generator's" || ko "corpus bodies" "$(head -3 "$T/r")"
import os, sys
src, out = sys.argv[1:3]
n = bad = 0
def body(p):
    t = open(p, encoding="utf-8").read()
    return t[t.index("\n---\n", 3) + 5:]
for f in os.listdir(out):
    if os.path.exists(os.path.join(src, f)):
        n += 1
        if body(os.path.join(src, f)) != body(os.path.join(out, f)):
            bad += 1
            print("body differs:", f)
print(n, "compared,", bad, "differ")
sys.exit(1 if bad or n < 100 else 0)
X
	# with --body, _body is written verbatim and read back the same
	ni-parse --body "$NI_CORPUS/daily" | ni-write -o "$T/cb"
	ni-parse --body "$T/cb" >"$T/cb.back"
	ni-parse --body "$NI_CORPUS/daily" >"$T/cb.ndjson"
	$PY "$H/check_write.py" default "$T/cb.ndjson" "$T/cb" "$T/cb.back" --body >"$T/r" 2>&1 &&
		ok "corpus --body: _body, _body_ko, _body_en back" || ko "corpus --body" "$(head -5 "$T/r")"
	# idempotence: --update changes nothing (bytes, mtimes)
	state "$T/c" >"$T/s1"
	sleep 1
	ni-write -v -u -o "$T/c" "$T/c.ndjson" 2>"$T/u.err"
	rc_is "--update again: exit 0" $? 0
	state "$T/c" >"$T/s2"
	same "--update again: same bytes, same mtimes" "$T/s2" "$T/s1"
	set -- $(tally "$T/u.err")
	eq "--update again: all unchanged" "${2:-} ${3:-}" "0 $nout"
	# the default leaves existing files alone, noted under -v
	ni-write -v -o "$T/c" "$T/c.ndjson" 2>"$T/n.err"
	rc_is "no-clobber: exit 0" $? 0
	has "no-clobber: noted under -v" "$T/n.err" 'exists, skipped'
	state "$T/c" >"$T/s3"
	same "no-clobber: nothing touched" "$T/s3" "$T/s1"
fi

# --- 1,000 records of hostile strings
$PY "$H/gen_hostile.py" 1000 >"$T/h.ndjson"
ni-write -N '{id}.md' -o "$T/h" "$T/h.ndjson"
rc_is "hostile: written" $? 0
ni-parse --body "$T/h" >"$T/h.back"
rc_is "hostile: ni-parse reads every file" $? 0
$PY "$H/check_write.py" id "$T/h.ndjson" "$T/h" "$T/h.back" --body >"$T/r" 2>&1 &&
	ok "hostile: same values back (ni-parse, PyYAML pure and C)" || ko "hostile round trip" "$(head -5 "$T/r")"
grep -q '^? ' "$T"/h/*.md && ok "hostile: long keys as explicit keys" || ko "hostile: no explicit key written"
# --update after one change rewrites exactly that file
sed '3s/"id": "h0002"/"id": "h0002", "changed": "yes"/' "$T/h.ndjson" >"$T/h2.ndjson"
ni-write -v -u -N '{id}.md' -o "$T/h" "$T/h2.ndjson" 2>"$T/e"
set -- $(tally "$T/e")
eq "--update after one change: 1 written, 999 unchanged" "${2:-} ${3:-}" "1 999"
grep -q '^changed: "yes"$' "$T/h/h0002.md" && ok "--update: the changed file" || ko "--update: the changed file"

# --- names: the generator's slug rule (job 18's own example)
printf '%s\n' '{"date_published":"2026-01-02","source_id":"src","title":"  \u2014 OpenAI\u2019s GPT-5: what retailers need to know about agentic checkout flows!"}' |
	ni-write -n -o "$T/x" >"$T/o"
eq "slug: the generator's example" "$(cat "$T/o")" "$T/x/2026-01-02__src__openais-gpt-5-what-retailers-need-to-know-about-ag.md"
[ -e "$T/x" ] && ko "--dry-run created the folder" || ok "--dry-run writes nothing"
echo '{"title":"A B","slug":"mine"}' | ni-write -n -N '{slug}.md' -o "$T/x" >"$T/o"
eq "a record's own slug wins" "$(cat "$T/o")" "$T/x/mine.md"
echo '{"title":"Ünïcode  --  Straße","date_published":"2026-05-01T10:00:00Z"}' |
	ni-write -n -N '{date_published|date:%Y}-{slug}.md' -o "$T/x" >"$T/o"
eq "template filters and slug" "$(cat "$T/o")" "$T/x/2026-ncode-strae.md"

# --- unsafe names: errors for their records, nothing outside the folder
mkdir -p "$T/s"
printf '%s\n' '{"id":"../escape"}' '{"id":"/tmp/abs"}' '{"id":"a\u0001b"}' '{"id":".."}' \
	'{"id":".hidden"}' '{"id":""}' '{"id":"a\u0000b"}' '{"id":"a\nb"}' '{"id":"ok"}' |
	ni-write -N '{id}' -o "$T/s/out" 2>"$T/e"
rc_is "unsafe names: exit 2" $? 2
eq "unsafe names: only the safe one written" "$(ls -A "$T/s/out")" "ok"
eq "unsafe names: nothing beside the folder" "$(ls -A "$T/s")" "out"
eq "unsafe names: one message each" "$(grep -c '^ni-write: -:[1-8]: file name' "$T/e")" 8
has "unsafe names: ../ named" "$T/e" '^ni-write: -:1: file name "\.\./escape" holds'

# --- collisions, bad lines, records that cannot be written
printf '%s\n' '{"id":"a","num":1}' '{"id":"a","num":2}' 'not json' '{"id":"b","summary_en":"x </div> y"}' \
	'{"id":"c","_body":"nul\u0000"}' '{"id":"d"}' | ni-write -N '{id}.md' -o "$T/k" 2>"$T/e"
rc_is "bad records: exit 2" $? 2
has "collision: the second is an error" "$T/e" '^ni-write: -:2: .*/a\.md: same file name as the record at line 1'
grep -q '^num: 1$' "$T/k/a.md" && ok "collision: the first record kept" || ko "collision: first record kept"
has "bad line: FILE:LINE:COL" "$T/e" '^ni-write: -:3:1: '
has "a summary with </div>: refused" "$T/e" '^ni-write: -:4: summary_ko or summary_en holds a <div>'
has "a NUL in the body: refused" "$T/e" '^ni-write: -:5: the body would hold a NUL'
eq "bad records: the rest written" "$(ls "$T/k" | tr '\n' ' ')" "a.md d.md "
echo '{"id":"b","summary_en":"x </div> y"}' | ni-write -b none -N '{id}.md' -o "$T/k"
rc_is "--body none writes it" $? 0
eq "--body none: front matter only" "$(cat "$T/k/b.md")" "$(printf -- '---\nid: b\nsummary_en: x </div> y\n---')"

# --- output errors
echo '{"id":"a"}' | ni-write -n -N '{id}.md' -o "$T/f" >/dev/full 2>"$T/e"
rc_is "--dry-run > /dev/full: exit 2" $? 2
echo '{"id":"a"}' | ni write -N '{id}.md' -o "$T/fr" && [ -f "$T/fr/a.md" ] && ok "ni write runs ni-write" || ko "ni write"

# --- kill -9 in the middle of 10,000 records: every file old or new,
# no temporary file left
MK=$NI_TESTS/../../shared/bench/mkcorpus
if [ -x "$MK" ]; then "$MK" -n 10000 --ndjson >"$T/10k.ndjson"; else $PY "$H/gen_hostile.py" 10000 >"$T/10k.ndjson"; fi
N='{id}-{date_published}-{slug}.md'
ni-write -N "$N" -o "$T/full" "$T/10k.ndjson" 2>/dev/null
for mode in "" -f; do
	rm -rf "$T/kill"; [ -n "$mode" ] && cp -a "$T/full" "$T/kill"
	ni-write $mode -N "$N" -o "$T/kill" "$T/10k.ndjson" 2>/dev/null &
	pid=$!
	i=0
	while [ "$(ls "$T/kill" 2>/dev/null | wc -l)" -lt 2000 ] && [ $i -lt 200 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.02; i=$((i + 1))
	done
	[ -n "$mode" ] && sleep 0.3
	kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
	n=$(ls "$T/kill" | wc -l)
	left=$(ls -A "$T/kill" | grep -c '^\.')
	# the replace path renames from a hidden name: never one ni-parse reads
	[ -z "$mode" ] && eq "kill -9${mode:+ $mode}: no temporary file" "$left" 0
	# (with -f a kill between link and rename may leave the hidden
	# .ni-write.PID.N.tmp, documented and swept by the next run below:
	# it is not an item file, so the comparison leaves it out)
	bad=$(diff -rq -x '.ni-write.*' "$T/kill" "$T/full" | grep -v "^Only in $T/full" | wc -l)
	eq "kill -9${mode:+ $mode}: every file complete ($n files)" "$bad" 0
	nparsed=$(ni-parse "$T/kill" | wc -l)
	eq "kill -9${mode:+ $mode}: ni-parse reads exactly the items" "$nparsed" "$n"
	# the next run finishes the job and leaves no temporary file
	ni-write $mode -u -N "$N" -o "$T/kill" "$T/10k.ndjson" 2>/dev/null
	eq "kill -9${mode:+ $mode}, run again: no temporary file" "$(ls -A "$T/kill" | grep -c '^\.')" 0
	eq "kill -9${mode:+ $mode}, run again: all files" "$(ls "$T/kill" | wc -l)" "$(ls "$T/full" | wc -l)"
done
# a leftover of a killed run (dead PID) is swept; another live run's is not
mkdir -p "$T/sw"; : >"$T/sw/.ni-write.999999999.1.tmp"; : >"$T/sw/.ni-write.$$.1.tmp"
echo '{"id":"a"}' | ni-write -N '{id}.md' -o "$T/sw"
eq "stale temporary files of dead runs swept" "$(ls -A "$T/sw" | tr '\n' ' ')" ".ni-write.$$.1.tmp a.md "

# --- limits agree with ni-parse's (issue 22 #5): a front matter of 1 MiB
# is written and read back; one byte more, or 100k keys, is refused
fmlen() { $PY -c 'import sys; t=open(sys.argv[1],encoding="utf-8").read(); print(t.index("\n---\n",3)+1-4)' "$1"; }
mkdir -p "$T/lim0"
$PY -c 'import json; print(json.dumps({"id":"e","x":"a"*10}))' | ni-write -N '{id}.md' -o "$T/lim0"
over=$(( $(fmlen "$T/lim0/e.md") - 10 ))
$PY -c 'import json,sys; n=1048576-int(sys.argv[1])
print(json.dumps({"id":"f","x":"a"*n})); print(json.dumps({"id":"o","x":"a"*(n+1)}))
print(json.dumps(dict([("id","keys")]+[("k%d"%i,i) for i in range(100000)])))' "$over" >"$T/lim.ndjson"
ni-write -N '{id}.md' -o "$T/lim" "$T/lim.ndjson" 2>"$T/e"
rc_is "write-limits: a refused record is exit 2" $? 2
eq "write-limits: only the record that fits is written" "$(ls "$T/lim" | tr '\n' ' ')" "f.md "
eq "write-limits: its front matter is exactly 1 MiB (Python)" "$(fmlen "$T/lim/f.md")" 1048576
has "write-limits: one byte over is refused with FILE:LINE" "$T/e" "lim.ndjson:2: the front matter would be 1048577 bytes"
has "write-limits: 100k keys are refused" "$T/e" "lim.ndjson:3: the front matter would be"
ni-parse "$T/lim" >"$T/lim.back"; rc_is "write-limits: ni-parse reads what ni-write wrote" $? 0
$PY -c 'import json,sys; r=json.loads(open(sys.argv[1]).read()); w=json.loads(open(sys.argv[2]).readline())
sys.exit(0 if {k:v for k,v in r.items() if not k.startswith("_")} == w else 1)' "$T/lim.back" "$T/lim.ndjson" &&
	ok "write-limits: the 1 MiB record reads back the same" || ko "write-limits: the 1 MiB record reads back the same"
for d in 64 65; do
	$PY -c 'import json,sys; v=1
for i in range(int(sys.argv[1])-1): v=[v]
print(json.dumps({"id":"d"+sys.argv[1],"x":v}))' $d
done >"$T/deep.ndjson"
ni-write -N '{id}.md' -o "$T/deep" "$T/deep.ndjson" 2>/dev/null
eq "write-limits: nesting of 64 written, 65 refused" "$(ls "$T/deep" | tr '\n' ' ')" "d64.md "
ni-parse "$T/deep" >/dev/null; rc_is "write-limits: ni-parse reads the 64 levels back" $? 0

# --- a full disk: reported, exit 2, the files before it intact
if [ "$(id -u)" = 0 ] && mkdir -p "$T/tmpfs" && mount -t tmpfs -o size=1M tmpfs "$T/tmpfs" 2>/dev/null; then
	head -3000 "$T/10k.ndjson" | ni-write -N "$N" -o "$T/tmpfs/out" 2>"$T/e"
	rc_is "full disk: exit 2" $? 2
	has "full disk: reported" "$T/e" 'No space left on device'
	has "full disk: stops" "$T/e" 'nothing more can be written'
	bad=$(diff -rq "$T/tmpfs/out" "$T/full" | grep -v "^Only in $T/full" | wc -l)
	eq "full disk: the files written are complete" "$bad" 0
	eq "full disk: no temporary file" "$(ls -A "$T/tmpfs/out" | grep -c '^\.')" 0
	umount "$T/tmpfs"
else
	echo "write: full-disk case skipped (needs root and tmpfs)" >&2
fi

# --- --check: ni-parse --check's rules before writing (issue 24)
$PY - >"$T/ck.ndjson" <<'X'
import json
for title, extra in (("good", {}), ("empty-link", {"canonical_url": ""}), ("no-so-what", {"so_what_en": None}),
                     ("not-a-day", {"date_published": "2026-02-30"}),
                     ("ftp-link", {"canonical_url": "ftp://e.example/x"}), ("tags-string", {"tags": "a, b"}),
                     ("conf-high", {"confidence": 1.5}), ("dup", {"id": "c-good"})):
    r = {"id": "c-" + title, "date_published": "2026-06-01", "source_name": "S", "source_id": "s",
         "title": title, "canonical_url": "https://e.example/" + title, "categories": ["tech"],
         "summary_ko": "k", "summary_en": "e", "so_what_ko": "k", "so_what_en": "e"}
    r.update(extra)
    print(json.dumps(r))
X
ni-write --check -N '{title}.md' -o "$T/ck" "$T/ck.ndjson" 2>"$T/ck.err"
rc_is "--check: a record the validator rejects makes exit 2" $? 2
eq "--check: only the records without errors are written" "$(ls "$T/ck" | tr '\n' ' ')" "conf-high.md dup.md good.md tags-string.md "
has "--check: an empty link is an error that says so" "$T/ck.err" '^ni-write: .*ck\.ndjson:2: "canonical_url" is empty: the item has no link; not written$'
has "--check: a missing required field is named" "$T/ck.err" ':3: required "so_what_en" is null; not written'
has "--check: warnings are noted, the record written" "$T/ck.err" ':6: warning: "tags" must be a list'
has "--check: an id seen before is a warning naming the first" "$T/ck.err" ':8: warning: duplicate id "c-good" \(first at .*:1\)'
ni-parse --check "$T/ck" >/dev/null 2>"$T/ck.perr"
eq "--check: ni-parse --check finds no error in what was written" "$(grep -vc warning "$T/ck.perr")" 0
ni-write -N '{title}.md' -o "$T/nock" "$T/ck.ndjson" 2>/dev/null
rc_is "without --check every record is written" $? 0
if [ -n "${NI_CORPUS:-}" ]; then
	# the corpus round trip: what --check refuses is what ni-parse --check rejects
	ni-parse "$NI_CORPUS/daily" 2>/dev/null | ni-write --check -o "$T/ckc" 2>"$T/ckc.err"
	ni-parse --check "$NI_CORPUS/daily" 2>&1 >/dev/null | grep -v warning | cut -d: -f2 | sort -u | wc -l >"$T/ckc.want"
	eq "--check on the corpus: as many records refused as ni-parse --check rejects" \
		"$(grep 'not written$' "$T/ckc.err" | cut -d: -f3 | sort -u | wc -l)" "$(cat "$T/ckc.want")"
	ni-parse --check "$T/ckc" 2>&1 >/dev/null | grep -v warning >"$T/ckc.perr"
	eq "--check on the corpus: ni-parse --check finds no error in what was written" "$(wc -l <"$T/ckc.perr")" 0
fi
