# ni-parse behaviour beyond the golden cases: streams, errors, options.
. "$NI_TESTS/lib.sh"
P=$NI_TESTS/parse

# a folder is walked in name order, hidden entries and other files skipped
mkdir -p "$T/d/sub" "$T/d/.hidden"
printf -- '---\nid: b\n---\n' >"$T/d/b.md"
printf -- '---\nid: a\n---\n' >"$T/d/sub/a.markdown"
printf -- '---\nid: h\n---\n' >"$T/d/.hidden/h.md"
printf -- '---\nid: z\n---\n' >"$T/d/z.txt"
printf -- '---\nid: c\n---\n' >"$T/d/.c.md"
(cd "$T" && ni-parse d) >"$T/out"
printf '%s\n' '{"id":"b","_path":"d/b.md"}' '{"id":"a","_path":"d/sub/a.markdown"}' >"$T/want"
same "parse walk order and filters" "$T/out" "$T/want"

# stdin: one document, _path "-"
printf -- '---\nid: s\n---\n' | ni-parse >"$T/out"
printf '%s\n' '{"id":"s","_path":"-"}' >"$T/want"
same "parse stdin" "$T/out" "$T/want"
printf -- '---\nid: s\n---\n' | ni-parse - >"$T/out"
same "parse stdin dash" "$T/out" "$T/want"

# errors do not stop the stream; exit 2; good documents still written
ni-parse "$P/dupkey.md" "$P/checkok.md" "$P/nofm.md" >"$T/out" 2>"$T/err"
rc_is "parse bad+good rc" $? 2
eq "parse bad+good count" "$(wc -l <"$T/out")" 1
has "parse bad+good message" "$T/err" 'dupkey.md:4:1: duplicate key "id"'

# --strict stops at the first bad document
ni-parse --strict "$P/dupkey.md" "$P/checkok.md" >"$T/out" 2>/dev/null
rc_is "parse strict rc" $? 2
eq "parse strict stops" "$(wc -l <"$T/out")" 0

# --rejects keeps one line per failed document, valid JSON
ni-parse --rejects "$T/rej" "$P/dupkey.md" "$P/badutf8.md" "$P/checkok.md" >/dev/null 2>&1
eq "parse rejects lines" "$(wc -l <"$T/rej")" 2
python3 -c 'import json,sys
for l in open(sys.argv[1]): r=json.loads(l); assert r["_path"] and r["_line"] and r["_error"]' "$T/rej" \
	&& ok "parse rejects json" || ko "parse rejects json"

ni-parse --check --rejects "$T/rej2" "$P/check.md" >/dev/null 2>&1
eq "parse rejects: one line per document, all violations" "$(wc -l <"$T/rej2")" 1
has "parse rejects: messages joined" "$T/rej2" '"_line":3,"_col":1,"_error":"\\"date_published\\" must be a date.*; required \\"title\\" is empty'

# -v tally, and notes for files without front matter
ni-parse -v "$P/checkok.md" "$P/nofm.md" "$P/dupkey.md" >/dev/null 2>"$T/err"
has "parse -v tally" "$T/err" '^ni-parse: 3 documents, 1 items, 1 errors$'
has "parse -v note" "$T/err" 'nofm.md: no front matter, skipped'
ni-parse "$P/checkok.md" "$P/nofm.md" >/dev/null 2>"$T/err"
rc_is "parse no-front-matter rc" $? 0
same "parse quiet success" "$T/err" /dev/null

# --files-from, with -0
printf '%s\0%s\0' "$P/bom.md" "$P/dots.md" | ni-parse -0 --files-from - >"$T/out"
eq "parse files-from -0" "$(cut -c1-12 "$T/out" | tr '\n' ' ')" '{"id":"bom", {"id":"dots" ' 
printf '%s\n' "$P/bom.md" >"$T/list"
ni-parse --files-from "$T/list" >"$T/out"
eq "parse files-from" "$(wc -l <"$T/out")" 1

# write errors: /dev/full is exit 2 with a message
ni-parse "$P" >/dev/full 2>"$T/err"
rc_is "parse /dev/full rc" $? 2
has "parse /dev/full message" "$T/err" 'write error.*No space left'

# | head -1 ends quietly (SIGPIPE), also with many documents
for i in $(seq 1 300); do printf -- '---\nid: n%s\n---\n' "$i" >"$T/d/n$i.md"; done
ni-parse "$T/d" 2>"$T/err" | head -1 >"$T/out"
eq "parse head -1" "$(wc -l <"$T/out")" 1
same "parse head -1 quiet" "$T/err" /dev/null

# -j N writes exactly what -j 1 writes
ni-parse -j 1 "$T/d" "$P" >"$T/j1" 2>/dev/null
ni-parse -j 3 "$T/d" "$P" >"$T/j3" 2>/dev/null
same "parse -j 3 identical" "$T/j3" "$T/j1"
# bad and duplicate documents across the 32-document jobs of the threads:
# the same records, messages (in input order) and status for every -j,
# the default included; --strict stops at the same document
mkdir "$T/jb"
for i in $(seq 100 399); do
	case $i in
	131|132|164|300) printf -- '---\nid: [unclosed\n---\n' ;;
	*) printf -- '---\nid: b%s\ntitle: t%s\n---\nbody\n' "$((i % 97))" "$i" ;;
	esac >"$T/jb/d$i.md"
done
for chk in "" --check; do
	# shellcheck disable=SC2086
	ni-parse -j 1 $chk "$T/jb" >"$T/jb1" 2>"$T/jbe1"; r1=$?
	rc_is "parse jobs $chk: bad documents rc" "$r1" 2
	eq "parse jobs $chk: records counted" "$(wc -l <"$T/jb1")" "$([ -z "$chk" ] && echo 296 || echo 0)"
	eq "parse jobs $chk: each bad document reported" "$(grep -c 'flow sequence' "$T/jbe1")" 4
	for j in 2 3 default; do
		o="-j $j"; [ $j = default ] && o=
		# shellcheck disable=SC2086
		ni-parse $o $chk "$T/jb" >"$T/jbo" 2>"$T/jbe"
		rc_is "parse jobs $chk -j $j rc" $? "$r1"
		same "parse jobs $chk -j $j records" "$T/jbo" "$T/jb1"
		same "parse jobs $chk -j $j messages in order" "$T/jbe" "$T/jbe1"
	done
done
for j in 1 2 3 default; do
	o="-j $j"; [ $j = default ] && o=
	# shellcheck disable=SC2086
	ni-parse $o --strict "$T/jb" >"$T/jso" 2>/dev/null
	eq "parse jobs -j $j --strict stops at the first bad document" "$(wc -l <"$T/jso")" 31
done

# usage errors point to --help
ni-parse --bogus >/dev/null 2>"$T/err"
rc_is "parse usage rc" $? 2
has "parse usage hint" "$T/err" "Try 'ni-parse --help'"
ni-parse --help >"$T/out"; rc_is "parse --help rc" $? 0
has "parse --help example" "$T/out" '^Example: '
ni-parse --version >"$T/out"; has "parse --version" "$T/out" '^ni-parse [0-9]+\.[0-9]+'

# missing file and directory errors name the path, the rest still flows
ni-parse "$T/nope.md" "$P/bom.md" >"$T/out" 2>"$T/err"
rc_is "parse missing rc" $? 2
has "parse missing msg" "$T/err" 'nope.md: No such file or directory'
eq "parse missing flows" "$(wc -l <"$T/out")" 1

# progress: never on a pipe unless asked; --progress gives files and MB/s
ni-parse "$P/bom.md" 2>"$T/err" >/dev/null
same "parse no progress on a pipe" "$T/err" /dev/null
ni-parse --progress "$P/bom.md" "$P/dots.md" 2>"$T/err" >/dev/null
has "parse --progress" "$T/err" 'ni-parse: 2 files, [0-9.]+ MB/s'

# size limit
ni-parse --max-size 10 "$P/types.md" >/dev/null 2>"$T/err"
has "parse max-size" "$T/err" 'types.md:2:1: front matter larger than 10 bytes'

# the corpus: every document parses, values agree with PyYAML, Korean bytes kept
if [ -n "${NI_CORPUS:-}" ]; then
	ni-parse -v "$NI_CORPUS" >"$T/all" 2>"$T/err"
	rc_is "corpus parses" $? 0
	has "corpus tally" "$T/err" "documents, .* items, 0 errors"
	PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3   # Debian's python3-yaml
	ni-parse "$NI_CORPUS/daily" | $PY "$NI_TESTS/helpers/pyyaml_compare.py" >"$T/cmp"
	rc_is "corpus equals PyYAML" $? 0
	tail -1 "$T/cmp" | grep -q '^2126 records compared, 0 mismatches' && ok "corpus 2126 compared" || ko "corpus 2126 compared" "$(tail -1 "$T/cmp")"
	# Korean summary text byte for byte: from the file to the record
	f=$(ls "$NI_CORPUS/daily" | head -1)
	sed -n 's/^summary_ko: "\(.*\)"$/\1/p' "$NI_CORPUS/daily/$f" >"$T/ko.want"
	ni-parse "$NI_CORPUS/daily/$f" | python3 -c 'import json,sys; sys.stdout.write(json.loads(sys.stdin.read())["summary_ko"]+"\n")' >"$T/ko.got"
	same "corpus korean bytes" "$T/ko.got" "$T/ko.want"
	# duplicate ids are reported under --check, counted independently
	ni-parse --check -v "$NI_CORPUS/daily" 2>"$T/err" >/dev/null
	want=$(python3 -c 'import json,sys,collections
c=collections.Counter(json.loads(l)["id"] for l in open(sys.argv[1]) if "/daily/" in l)
print(sum(v-1 for v in c.values() if v>1))' "$T/all")
	eq "corpus duplicate ids (-v: each)" "$(grep -c 'warning: duplicate id' "$T/err")" "$want"
	ni-parse --check "$NI_CORPUS/daily" 2>"$T/err" >/dev/null
	eq "corpus duplicate ids (the summary line)" "$(grep -o '[0-9]* warnings: duplicate id [0-9]*; -v lists them$' "$T/err")" \
		"$want warnings: duplicate id $want; -v lists them"
	ni-parse -j 2 "$NI_CORPUS" >"$T/allj"
	same "corpus -j 2 identical" "$T/allj" "$T/all"
else
	echo "note: ../shared/corpus not found, corpus tests skipped" >&2
fi
