# Names that match nothing (issue 22): every tool that names fields
# warns, once per name at the end of a run that read records, when no
# record had the field, with the closest names seen; the exit status is
# what it would be without the warning.  Each case reads as the man
# pages' promise; the expected words are written here, not taken from ni.
. "$NI_TESTS/lib.sh"
W='warning: no record has a field'

# Records written here: 6000 of about 400 bytes (several of the batch
# runner's 1 MiB batches, so -j 3 spreads them over threads); the field
# "rare" only in the last one.
awk 'BEGIN {
	pad = sprintf("%300s", ""); gsub(/ /, "x", pad)
	for (i = 1; i <= 6000; i++) {
		printf "{\"id\":\"r%d\",\"title\":\"Title %d\",\"date_published\":\"2026-11-%02d\",", i, i, i % 28 + 1
		printf "\"confidence\":0.%d,\"tags\":[\"t%d\",\"ai\"],\"categories\":[\"c%d\"],", i % 10, i % 7, i % 3
		printf "\"source_id\":\"s%d\",\"canonical_url\":\"https://example.com/%d\",", i % 5, i
		printf "\"summary_ko\":\"k%d\",\"pad\":\"%s\"%s}\n", i, pad, i == 6000 ? ",\"rare\":1" : ""
	}
}' >"$T/in"
: >"$T/empty"

# run CMD...: stdout to $T/out, stderr to $T/err, the status in RC
run() { "$@" >"$T/out" 2>"$T/err"; RC=$?; }
# warned NAME TOOL FIELD SUGGESTION: exactly one warning for FIELD, with
# the suggestion ("" for none)
warned() {
	if [ -n "$4" ]; then
		pat="^$2: $W \"$3\" \\(did you mean $4\\?\\)"
	else
		pat="^$2: $W \"$3\"\$"
	fi
	n=$(grep -cE -- "$pat" "$T/err")
	if [ "$n" = 1 ]; then ok "$1"; else ko "$1" "$n lines like /$pat/ in: $(head -c 400 "$T/err")"; fi
}
quiet() { hasnt "$1" "$T/err" "$W"; }

# ---- ni-filter(1): expressions, --uniq, --near-dup, --key ----
run ni-filter 'confidnce >= 0.8' "$T/in"
warned "filter: expression typo suggests the field" ni-filter confidnce '"confidence"'
rc_is "filter: typo, nothing selected: exit 1 as without the warning" "$RC" 1
run ni-filter 'confidence >= 0.8' "$T/in"
quiet "filter: a correct name gets no warning"
rc_is "filter: exit 0" "$RC" 0
run ni-filter 'rare = 1' "$T/in"
quiet "filter: a field only the last record has is found"
run ni-filter 'confidence >= 0.8 or zzzqqq = 1' "$T/in"
warned "filter: nothing close, no suggestion" ni-filter zzzqqq ""
rc_is "filter: a match with a typo beside it: exit 0" "$RC" 0
run ni-filter 'Title = x' "$T/in"
warned "filter: case differs: suggested" ni-filter Title '"title"'
run ni-filter 'titel = x or titel = y' "$T/in"
warned "filter: one warning per name" ni-filter titel '"title"'
run ni-filter 'exists _path or nr > 0' "$T/in"
quiet "filter: names ni adds (_path) and nr are not checked"
run ni-filter 'tags.0 = t1' "$T/in"
quiet "filter: a dotted path whose top key exists"
run ni-filter 'confidnce >= 0.8' "$T/empty"
quiet "filter: empty input, no warning"
run ni-filter --uniq canonical_ur "$T/in"
warned "filter: --uniq" ni-filter canonical_ur '"canonical_url"'
run ni-filter --near-dup titl:0.9 "$T/in"
warned "filter: --near-dup" ni-filter titl '"title"'
run ni-filter --unseen "$T/state" --key canonicl_url "$T/in"
warned "filter: --key" ni-filter canonicl_url '"canonical_url"'
run ni-filter --mark "$T/state" --key canonical_url 'confidence > 0.85' "$T/in"
quiet "filter: --mark --key, right name"
for j in 1 3; do
	run ni-filter -j $j 'confidnce >= 0.8 or rare = 1 or tagz = ai' "$T/in"
	cp "$T/err" "$T/err.f$j"
	warned "filter -j $j: typo warned" ni-filter confidnce '"confidence"'
	warned "filter -j $j: second typo warned" ni-filter tagz '"tags"'
	hasnt "filter -j $j: the late field is found" "$T/err" "\"rare\""
	rc_is "filter -j $j: exit 0 (rare selected)" "$RC" 0
done
same "filter: the warnings are the same for -j 1 and -j 3" "$T/err.f3" "$T/err.f1"
# -m stops reading: a name only past the stop was in no record read
run ni-filter -m 1 'confidence >= 0 or rare = 1' "$T/in"
warned "filter -m 1: the records not read do not count" ni-filter rare ""

# ---- ni-map(1): every field a program reads ----
run ni-map 'x = upper(titel); y = x; del sumary_ko' "$T/in"
warned "map: a field read" ni-map titel '"title"'
warned "map: del names a field" ni-map sumary_ko '"summary_ko"'
hasnt "map: a field the program sets is not checked" "$T/err" "\"x\""
run ni-map 'n = nr; t = title; if confidence > 0.5 then keep id, t, n end' "$T/in"
quiet "map: correct names, no warning"
run ni-map 'rename titel name' "$T/in"
warned "map: rename's old name" ni-map titel '"title"'
run ni-map 't = titel' "$T/empty"
quiet "map: empty input"
for j in 1 3; do
	run ni-map -j $j 'z = if(exists rare or exists confidnce, 1, 0)' "$T/in"
	cp "$T/err" "$T/err.m$j"
	warned "map -j $j: typo warned" ni-map confidnce '"confidence"'
	hasnt "map -j $j: the late field is found" "$T/err" "\"rare\""
	rc_is "map -j $j: exit 0" "$RC" 0
done
same "map: the warnings are the same for -j 1 and -j 3" "$T/err.m3" "$T/err.m1"

# ---- ni-sort(1): -k, -g, -u ----
run ni-sort -k date_publishd:desc "$T/in"
warned "sort: -k" ni-sort date_publishd '"date_published"'
rc_is "sort: -k typo: exit 0 as documented" "$RC" 0
run ni-sort -g sourc_id -n 1 -k date_published "$T/in"
warned "sort: -g" ni-sort sourc_id '"source_id"'
run ni-sort -u ids -k date_published "$T/in"
warned "sort: -u" ni-sort ids '"id"'
run ni-sort -k date_published:desc,confidence -g source_id -n 2 "$T/in"
quiet "sort: correct names"
run ni-sort -k date_publishd "$T/empty"
quiet "sort: empty input"
ni-sort -k id "$T/in" >"$T/sorted"
run ni-sort -m -k idd "$T/sorted" "$T/sorted"
warned "sort: -m" ni-sort idd '"id"'
for j in 1 3; do
	run ni-sort -j $j -k rare,confidnce "$T/in"
	cp "$T/err" "$T/err.s$j"
	warned "sort -j $j: typo warned" ni-sort confidnce '"confidence"'
	hasnt "sort -j $j: the late field is found" "$T/err" "\"rare\""
done
same "sort: the warnings are the same for -j 1 and -j 3" "$T/err.s3" "$T/err.s1"

# ---- ni-summarize(1): keys, --stats, --hist, --distinct, --rank ----
run ni-summarize -b tagz "$T/in"
warned "summarize: -b" ni-summarize tagz '"tags"'
rc_is "summarize: -b typo: exit 0" "$RC" 0
run ni-summarize -b 'week,lower(categorys)' "$T/in"
warned "summarize: the field of a derived key" ni-summarize categorys '"categories"'
hasnt "summarize: bare week is computed, not a field" "$T/err" "\"week\""
run ni-summarize -b month --stats confidnce --hist confidenc:0.5 --distinct sourceid "$T/in"
warned "summarize: --stats" ni-summarize confidnce '"confidence"'
warned "summarize: --hist" ni-summarize confidenc '"confidence"'
warned "summarize: --distinct" ni-summarize sourceid '"source_id"'
run ni-summarize -b tags --items 1 --rank confidnce "$T/in"
warned "summarize: --rank" ni-summarize confidnce '"confidence"'
run ni-summarize -b week,tags,day,year --stats confidence --items 2 "$T/in"
quiet "summarize: correct names and computed keys"
run ni-summarize -b tagz "$T/empty"
quiet "summarize: empty input"
for j in 1 3; do
	run ni-summarize -j $j -b source_id --stats rare --hist confidnce:0.5 "$T/in"
	cp "$T/err" "$T/err.z$j"
	warned "summarize -j $j: typo warned" ni-summarize confidnce '"confidence"'
	hasnt "summarize -j $j: the late field is found" "$T/err" "\"rare\""
done
same "summarize: the warnings are the same for -j 1 and -j 3" "$T/err.z3" "$T/err.z1"

# ---- ni-render(1): -F, -T, -o, --fields, --group-by, --key ----
run ni-render -F '{titel} {date_published}' "$T/in"
warned "render: -F" ni-render titel '"title"'
rc_is "render: -F typo: exit 0 (printed empty)" "$RC" 0
run ni-render -F '{_prev_href|""} {_up|_down|"-"} {title}' "$T/in"
quiet "render: a field with a text to fall back on is optional"
run ni-render -l ko -F '{summary} {title:-20} {title_ko|title} {tags|join:";"} {count}' "$T/in"
quiet "render: -F correct names, language fallback, count"
run ni-render -F '{titel_ko|title}' "$T/in"
quiet "render: {A|B}: A may be absent when B is found"
run ni-render -F '{titel_ko|titel}' "$T/in"
warned "render: {A|B}: both absent, both warned (A)" ni-render titel_ko ""
warned "render: {A|B}: both absent, both warned (B)" ni-render titel '"title"'
run ni-render -F '{categories|first}' "$T/in"
has "render: a fallback that is no field nor filter is said so" "$T/err" \
	"^ni-render: $W \"first\" .*no filter.*upper, lower"
run ni-render -F '{title|upper|bogus}' "$T/in"
rc_is "render: an unknown filter is an error (exit 2)" "$RC" 2
has "render: unknown filter named, with its column" "$T/err" "^ni-render: --fmt:14: unknown filter 'bogus'"
has "render: unknown filter: a caret under it" "$T/err" "^ {15}\\^"
printf '{"count":"c1","title":"a"}\n' >"$T/cnt"
run ni-render -F '{title|`count`}' "$T/cnt"
eq "render: a field spelled like a filter, in backquotes" "$(cat "$T/out")" "a"
run ni-render -F '{`titel`|`count`}' "$T/cnt"
eq "render: backquoted fallback read as a field" "$(cat "$T/out")" "c1"
printf 'Head {title}\n{#item}\n- {titel}\n{/item}\n{count} items\n' >"$T/tpl"
run ni-render --title T -T "$T/tpl" "$T/in"
warned "render: -T" ni-render titel '"title"'
hasnt "render: -T document values are not fields" "$T/err" "field \"(count|title)\""
run ni-render -f csv --fields id,titl,summary "$T/in"
warned "render: --fields" ni-render titl '"title"'
hasnt "render: --fields language fallback (summary_ko)" "$T/err" "\"summary\""
run ni-render -f html --group-by categorie "$T/in"
warned "render: --group-by" ni-render categorie '"categories"'
run ni-render -f html --group-by week "$T/in"
quiet "render: --group-by week is computed"
run ni-render -f atom --key canonical_ulr "$T/in"
warned "render: --key" ni-render canonical_ulr '"canonical_url"'
run ni-render -f html -o "$T/site/{date_publishd|date:%Y}/x.html" "$T/in"
warned "render: -o path template" ni-render date_publishd '"date_published"'
ni-summarize -b tags "$T/in" >"$T/rows"
run ni-render -F '{tags} {count} {share}' "$T/rows"
quiet "render: summary-row members are not checked"
run ni-render -F '{titel}' "$T/empty"
quiet "render: empty input"
for j in 1 3; do
	run ni-render -j $j -F '{rare} {titel}' "$T/in"
	cp "$T/err" "$T/err.r$j"
	warned "render -j $j: typo warned" ni-render titel '"title"'
	hasnt "render -j $j: the late field is found" "$T/err" "\"rare\""
done
same "render: the warnings are the same for -j 1 and -j 3" "$T/err.r3" "$T/err.r1"

# ---- ni-write(1): --name ----
head -3 "$T/in" >"$T/three"
run ni-write -o "$T/w1" -N '{titel}-{id}.md' "$T/three"
warned "write: --name" ni-write titel '"title"'
rc_is "write: --name typo: exit 0" "$RC" 0
run ni-write -o "$T/w2" -N '{id}-{slug}.md' "$T/three"
quiet "write: {slug} is computed, not a field"
run ni-write -o "$T/w3" -N '{titel}.md' "$T/empty"
quiet "write: empty input"
