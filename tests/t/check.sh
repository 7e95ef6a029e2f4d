#!/bin/sh
# tests/t/check.sh - ni-parse --check keeps errors and warnings apart as
# the pipeline's validator does (docs/jobs.md job 2); --schema FILE;
# front-matter keys that ni adds itself.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
H=$NI_TESTS/helpers

item() { # FILE [extra front matter lines]
	f=$1; shift
	{ echo '---'; echo 'id: "a-1"'; echo 'date_published: "2026-08-12"'
	  echo 'source_name: "Src"'; echo 'source_id: "src"'; echo 'title: "T"'
	  echo 'canonical_url: "https://example.com/a"'; echo 'categories: ["x"]'
	  echo 'summary_ko: "요약"'; echo 'summary_en: "s"'; echo 'so_what_ko: "왜"'
	  echo 'so_what_en: "w"'; for l in "$@"; do echo "$l"; done; echo '---'; echo body; } >"$f"
}

# warnings only: exit 0, the record is written, the place is named
mkdir "$T/w"
item "$T/w/1.md" 'tags: "notalist"' 'confidence: 1.5'
long=$(printf '가%.0s' $(seq 501))
item "$T/w/2.md" 'tags: []' 'confidence: 0'
sed -i "s/^summary_ko: .*/summary_ko: \"$long\"/" "$T/w/2.md"
ni-parse --check -v "$T/w" >"$T/out" 2>"$T/err"
rc_is "check-warnings-only-exit-0" $? 0
eq "check-warnings-only-records-written" "$(wc -l <"$T/out")" 2
has "check-warning-tags-not-list" "$T/err" '1\.md:[0-9]+:1: warning: "tags" must be a list'
has "check-warning-confidence" "$T/err" '1\.md:[0-9]+:1: warning: "confidence" is 1\.5, outside 0\.\.1'
has "check-warning-summary-ko-501-chars" "$T/err" '2\.md:[0-9]+:1: warning: "summary_ko" has 501 characters'
has "check-warning-duplicate-id-names-both" "$T/err" "2\\.md:2:1: warning: duplicate id \"a-1\" \\(first in $T/w/1\\.md:2\\)"
ni-parse --check --strict "$T/w" >"$T/out" 2>"$T/err"
rc_is "check-strict-warnings-are-errors" $? 2
# without -v: one line counts the warnings by kind (issue 24); -q: none
ni-parse --check "$T/w" >"$T/out" 2>"$T/err"
rc_is "check-warning-summary-exit-0" $? 0
eq "check-warning-summary: one line, by kind, most first then by name" "$(cat "$T/err")" \
	"ni-parse: 4 warnings: confidence 1, duplicate id 1, summary_ko 1, tags 1; -v lists them"
cp "$T/w/2.md" "$T/w/3.md"
ni-parse --check "$T/w" >"$T/out" 2>"$T/err"
eq "check-warning-summary: counts add up" "$(cat "$T/err")" \
	"ni-parse: 6 warnings: duplicate id 2, summary_ko 2, confidence 1, tags 1; -v lists them"
rm "$T/w/3.md"
ni-parse --check -q "$T/w" >"$T/out" 2>"$T/err"
rc_is "check-quiet-exit-0" $? 0
eq "check-quiet: no warning summary" "$(wc -c <"$T/err")" 0

# errors: exit 2, the document is not written; the empty URL is its own error
mkdir "$T/e"
item "$T/e/1.md"
sed -i 's|^canonical_url: .*|canonical_url: ""|' "$T/e/1.md"
item "$T/e/2.md"
sed -i 's|^canonical_url: .*|canonical_url: "ftp://example.com/x"|; s|^id: .*|id: "b"|' "$T/e/2.md"
item "$T/e/3.md"
sed -i 's|^categories: .*|categories: "x"|; s|^id: .*|id: "c"|; s|^date_published: .*|date_published: "12 Aug 2026"|' "$T/e/3.md"
item "$T/e/4.md" 'confidence: 0'
sed -i '/^summary_en/d; s|^id: .*|id: "d"|' "$T/e/4.md"
ni-parse --check "$T/e" >"$T/out" 2>"$T/err"
rc_is "check-errors-exit-2" $? 2
eq "check-errors-not-written" "$(wc -l <"$T/out")" 0
has "check-empty-url-own-error" "$T/err" '1\.md:7:1: "canonical_url" is empty'
has "check-non-http-url" "$T/err" '2\.md:7:1: "canonical_url" must be an http:// or https:// URL'
has "check-categories-not-list" "$T/err" '3\.md:8:1: "categories" must be a list'
has "check-date-not-ymd" "$T/err" '3\.md:3:1: "date_published" must be a date YYYY-MM-DD'
has "check-missing-required" "$T/err" '4\.md:1:1: missing required key "summary_en"'
hasnt "check-confidence-0-is-a-value" "$T/err" 'confidence'

# --schema FILE replaces the built-in rules
printf '# weekly digests\nweek string required unique\ntitle string required max=200\n' >"$T/weekly.schema"
mkdir "$T/wk"
printf -- '---\nweek: "2026-W07"\ntitle: "Weekly"\n---\n' >"$T/wk/a.md"
printf -- '---\nweek: "2026-W07"\n---\n' >"$T/wk/b.md"
ni-parse -v --schema "$T/weekly.schema" "$T/wk" >"$T/out" 2>"$T/err"
rc_is "check-schema-file-rc" $? 2
has "check-schema-file-missing" "$T/err" 'b\.md:1:1: missing required key "title"'
has "check-schema-file-unique" "$T/err" 'b\.md:2:1: warning: duplicate week "2026-W07"'
hasnt "check-schema-file-no-builtin-rules" "$T/err" 'canonical_url|summary_ko'
printf 'week strng\n' >"$T/bad.schema"
ni-parse --schema "$T/bad.schema" "$T/wk" >/dev/null 2>"$T/err"
rc_is "check-schema-bad-rc" $? 2
has "check-schema-bad-place" "$T/err" 'bad\.schema:1: week: expected a type'
ni-parse --schema "$T/weekly.schema" --fields >"$T/out"
has "check-schema-fields" "$T/out" '^week$'
ni-parse --fields >/dev/full 2>"$T/err"
rc_is "--fields to a full disk: exit 2" $? 2
has "--fields to a full disk: said" "$T/err" 'write error'

# issue 11.5: a front-matter key ni adds itself is an error, never a
# record with a key twice
for k in _path _body _body_ko; do
	printf -- '---\nid: x\n%s: mine\n---\n<div class="lang-ko">\n안녕\n</div>\n' "$k" >"$T/res.md"
	ni-parse --body "$T/res.md" >"$T/out" 2>"$T/err"
	rc_is "reserved-key-$k-rc" $? 2
	has "reserved-key-$k-reported" "$T/err" "res\\.md:3:1: front matter key \"$k\" is one ni adds itself"
	eq "reserved-key-$k-not-written" "$(wc -c <"$T/out")" 0
done
printf -- '---\nid: x\n_body: mine\n---\n' >"$T/res.md"
ni-parse "$T/res.md" >"$T/out" 2>"$T/err"
rc_is "reserved-key-_body-without---body-is-fine" $? 0

# the real corpus: the same findings as an independent reading with PyYAML
if [ -n "${NI_CORPUS:-}" ]; then
	D=$NI_CORPUS/daily
	$PY "$H/validate_items.py" "$D" >"$T/py"
	ni-parse --check -v "$D" >"$T/out" 2>"$T/err.all"
	rc=$?
	grep '\.md:[0-9]*:[0-9]*: ' "$T/err.all" >"$T/err"   # not the tally and summary
	pe=$(sed -n 's/^ERRORS //p' "$T/py"); pw=$(sed -n 's/^WARNINGS //p' "$T/py")
	eq "check-corpus-errors-as-validator" "$(grep -vc ': warning: ' "$T/err")" "$pe"
	eq "check-corpus-warnings-as-validator" "$(grep -c ': warning: ' "$T/err")" "$pw"
	if [ "$pe" -gt 0 ]; then rc_is "check-corpus-rc" $rc 2; else rc_is "check-corpus-rc" $rc 0; fi
	# each finding at the same file and field
	sed -n 's/^\([EW]\) \([^ ]*\) \(.*\)/\1 \2 \3/p' "$T/py" | sort >"$T/pyf"
	sed -E -e 's#^ni-parse: [^:]*/([^/:]+\.md):[0-9]+:[0-9]+: warning: duplicate ([a-z_]+) .*#W \1 \2#; t' \
		-e 's#^ni-parse: [^:]*/([^/:]+\.md):[0-9]+:[0-9]+: warning: [^"]*"([a-z_]+)".*#W \1 \2#; t' \
		-e 's#^ni-parse: [^:]*/([^/:]+\.md):[0-9]+:[0-9]+: [^"]*"([a-z_]+)".*#E \1 \2#' "$T/err" | sort >"$T/nif"
	same "check-corpus-findings-as-validator" "$T/nif" "$T/pyf"
	nfiles=$(ls "$D"/*.md | wc -l)
	nbad=$(grep '^E ' "$T/pyf" | cut -d' ' -f2 | sort -u | wc -l)
	eq "check-corpus-items-out" "$(wc -l <"$T/out")" $((nfiles - nbad))
fi

# A write error stops the run (lib/ reports it and returns; it does not
# exit): on an endless input every streaming tool still ends, with
# exit 2 and one "write error" line.  (timeout is a hang guard, not a
# timing: the run ends at once or never.)
if [ -w /dev/full ] && command -v timeout >/dev/null; then
	rec='{"id":"a","title":"t","date_published":"2026-11-01","source_id":"s","tags":["x"]}'
	for t in "ni-filter id=a" "ni-map x=1" "ni-render" "ni-render -f html" \
		 "ni-render -F {title}" "ni-filter -j 1 id=a" "ni-map -j 1 x=1"; do
		yes "$rec" | timeout 120 $t >/dev/full 2>"$T/err"
		rc=$?
		rc_is "check-endless-dev-full-rc $t" $rc 2
		n=$(grep -c 'write error' "$T/err")
		eq "check-endless-dev-full-one-message $t" "$n" 1
	done
	printf 'https://e.example/1\ttitle\t1700000000\n' >"$T/one.tsv"
	yes "$(cat "$T/one.tsv")" | head -c 50000000 | timeout 120 ni-parse --sfeed >/dev/full 2>"$T/err"
	rc_is "check-endless-dev-full-rc sfeed" $? 2
fi

# lib/ never ends the process and prints only through ni_diag (issue 25):
# no exit( (ni_oom, which ends it, is the program's: cmd/prog.c) and no
# raw stderr printing outside base/util.c, where the messages are made
top=$(cd "$NI_TESTS/.." && pwd)
if [ -d "$top/lib" ]; then
	grep -rn '\bexit *(\|\b_Exit *(\|\babort *(' "$top/lib" --include='*.c' --include='*.h' |
		grep -v ':[0-9]*:\s*\(/\*\| \*\)' >"$T/exits"
	[ -s "$T/exits" ] && ko "check-lib-no-exit" "$(head -3 "$T/exits")" || ok "check-lib-no-exit"
	grep -rn 'stderr' "$top/lib" --include='*.c' | grep -v '^[^:]*lib/base/util\.c:' |
		grep -v ':[0-9]*:\s*\(/\*\| \*\)' >"$T/stderr"
	[ -s "$T/stderr" ] && ko "check-lib-no-raw-stderr" "$(head -3 "$T/stderr")" || ok "check-lib-no-raw-stderr"
fi
# no mutable globals or statics in lib/: no object of lib/ defines data
# in .data or .bss (tables are const: .rodata, .data.rel.ro)
if [ -d "$top/build/lib" ] && command -v objdump >/dev/null; then
	for o in "$top"/build/lib/*/*.o; do
		objdump -t "$o" | awk -v f="${o#"$top"/}" '$0 ~ / O \.(data|bss)[ \t]/ {print f": "$NF}'
	done >"$T/mutable"
	[ -s "$T/mutable" ] && ko "check-lib-no-mutable-statics" "$(head -3 "$T/mutable" | tr '\n' ' ')" || ok "check-lib-no-mutable-statics"
fi
