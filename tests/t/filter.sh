# ni-filter behaviour: errors, grep manners, state files, corpus checks.
. "$NI_TESTS/lib.sh"
F=$NI_TESTS/filter
export NI_NOW=2026-08-17T12:00:00Z

# invalid expressions: message with column and a caret
ni-filter 'tags llm' "$F/items.ndjson" >/dev/null 2>"$T/err"
rc_is "filter bad expr rc" $? 2
printf '%s\n' "ni-filter: expression:1:6: expected an operator (= != < <= > >= ~ !~ in has) after 'tags'" \
	"  tags llm" "       ^" >"$T/want"
same "filter bad expr caret" "$T/err" "$T/want"
ni-filter 'title = "한국어" and (' "$F/items.ndjson" >/dev/null 2>"$T/err"
printf '%s\n' "ni-filter: expression:1:20: expected a field, 'not', 'exists' or '('" \
	'  title = "한국어" and (' "                        ^" >"$T/want"
same "filter caret after wide chars" "$T/err" "$T/want"
ni-filter 'title ~ /(a/' "$F/items.ndjson" >/dev/null 2>"$T/err"
has "filter bad regex" "$T/err" 'expression:1:12: missing closing parenthesis'
ni-filter -e 'a = 1' -e 'b = ' "$F/items.ndjson" >/dev/null 2>"$T/err"
has "filter -e error place" "$T/err" '^ni-filter: -e:1:5: expected a value'
printf 'tags = llm\n# comment\n\ntags = x\n' >"$T/exprs"
ni-filter -f "$T/exprs" "$F/items.ndjson" | sed 's/^{"id":"\([^"]*\)".*/\1/' | tr '\n' ' ' >"$T/out"
eq "filter -f file" "$(cat "$T/out")" "r2 r6 "
printf 'tags = llm\ntags ~ /(/\n' >"$T/exprs"
ni-filter -f "$T/exprs" "$F/items.ndjson" >/dev/null 2>"$T/err"
has "filter -f error names file:line:col" "$T/err" 'exprs:2:10: missing closing parenthesis'
ni-filter --since 'next tuesday' "$F/items.ndjson" >/dev/null 2>"$T/err"
rc_is "filter bad --since rc" $? 2
has "filter bad --since hint" "$T/err" "Try 'ni-filter --help'"

# bad lines: reported with line:col, skipped, the rest flows, exit 2
{ head -2 "$F/items.ndjson"; echo '{"id":"bad",'; echo '[1,2]'; echo '{"a":1,"a":2}';
  printf '{"t":"\377"}\n'; echo '{"id":"r11","tags":["llm"]}'; printf '{"id":"tail"'; } >"$T/mixed"
ni-filter --rejects "$T/rej" 'exists id' "$T/mixed" >"$T/out" 2>"$T/err"
rc_is "filter sticky 2" $? 2
eq "filter rest flows" "$(wc -l <"$T/out")" 3
printf '%s\n' \
"ni-filter: $T/mixed:3:13: premature end of input" \
"ni-filter: $T/mixed:4:1: a record must be a JSON object" \
"ni-filter: $T/mixed:5:8: duplicate object key" \
"ni-filter: $T/mixed:6:7: invalid UTF-8 in string" \
"ni-filter: $T/mixed:8:13: premature end of input" >"$T/want"
same "filter bad line messages" "$T/err" "$T/want"
eq "filter rejects verbatim" "$(wc -l <"$T/rej")" 5
{ cat "$T/out"; cat "$T/rej"; } | wc -l >"$T/n1"
ni-filter -v 'exists id' "$T/mixed" 2>/dev/null | wc -l >"$T/n2"
eq "filter nothing lost" "$(( $(cat "$T/n1") + $(cat "$T/n2") ))" "$(wc -l <"$T/mixed" | awk '{print $1+1}')"

# CRLF, BOM, blank lines
printf '\357\273\277{"id":"a"}\r\n\r\n{"id":"b"}\r\n' | ni-filter 'exists id' >"$T/out"
printf '{"id":"a"}\n{"id":"b"}\n' >"$T/want"
same "filter crlf bom blank" "$T/out" "$T/want"

# grep manners
ni-filter -c 'tags = nvidia' "$F/items.ndjson" >"$T/out"; eq "filter -c" "$(cat "$T/out")" 1
ni-filter -q 'tags = nvidia' "$F/items.ndjson" >"$T/out"; rc_is "filter -q rc" $? 0
same "filter -q silent" "$T/out" /dev/null
ni-filter -q 'tags = zzz' "$F/items.ndjson"; rc_is "filter -q none rc" $? 1
ni-filter -H 'tags = nvidia' "$F/items.ndjson" >"$T/out"
has "filter -H" "$T/out" "^$F/items.ndjson:\\{\"id\":\"r1\""
yes '{"id":"x","a":1}' | ni-filter -m 3 'a = 1' >"$T/out"
eq "filter -m stops on endless input" "$(wc -l <"$T/out")" 3
yes '{"id":"x","a":1}' | ni-filter 'a = 1' 2>"$T/err" | head -1 >"$T/out"
eq "filter | head -1" "$(wc -l <"$T/out")" 1
same "filter | head -1 quiet" "$T/err" /dev/null
ni-filter 'exists id' "$F/items.ndjson" >/dev/full 2>"$T/err"
rc_is "filter /dev/full rc" $? 2
has "filter /dev/full msg" "$T/err" 'write error: No space left on device'
ni-filter 'exists id' "$T/nope" "$F/items.ndjson" >"$T/out" 2>"$T/err"
rc_is "filter missing file rc" $? 2
eq "filter missing file flows" "$(wc -l <"$T/out")" 10
ni-filter --help >"$T/out"; has "filter --help example" "$T/out" '^Example: '
ni-filter --version | grep -q '^ni-filter [0-9]' && ok "filter --version" || ko "filter --version"
for j in 1 2 3; do ni-filter -j $j 'exists id' "$T/mixed" >"$T/j$j" 2>"$T/e$j"; done
same "filter -j 2 same output" "$T/j2" "$T/j1"; same "filter -j 3 same output" "$T/j3" "$T/j1"
same "filter -j 3 same errors" "$T/e3" "$T/e1"

# limits: long lines, regex match limit is an error, never "no match"
head -c 3000 /dev/zero | tr '\0' a | sed 's/^/{"t":"/; s/$/"}/' >"$T/long"
ni-filter --max-line 1000 'exists t' "$T/long" >/dev/null 2>"$T/err"
has "filter max-line" "$T/err" 'long:1: record longer than 1000 bytes'
printf '{"t":"%s!"}\n' "$(head -c 40 /dev/zero | tr '\0' a)" >"$T/redos"
timeout 10 ni-filter 't ~ /(a+)+$/' "$T/redos" >/dev/null 2>"$T/err"
rc_is "filter regex limit rc" $? 2
has "filter regex limit msg" "$T/err" 'redos:1: regex: (match limit|.*limit)'
ni-filter 't ~ /(*LIMIT_HEAP=1)a/' "$T/redos" >/dev/null 2>"$T/err"
has "filter regex (*LIMIT refused" "$T/err" 'not allowed'

# --explain says which predicate decided, with the value
ni-filter --explain=2 'tags = nvidia and confidence >= 0.8' "$F/items.ndjson" >/dev/null 2>"$T/err"
printf '%s\n' \
"ni-filter: $F/items.ndjson:1: selected: confidence >= 0.8 is true (confidence: 0.9)" \
"ni-filter: $F/items.ndjson:2: not selected: tags = nvidia is false (tags: [\"llm\"])" >"$T/want"
same "filter --explain" "$T/err" "$T/want"

# --near-dup: near-identical titles dropped, named by --explain
cat >"$T/nd" <<'X'
{"id":"1","title":"OpenAI signs a multi-year inference chip deal with NVIDIA"}
{"id":"2","title":"Kakao Pay lets agents pay with user approval"}
{"id":"3","title":"OpenAI signs multi-year inference chip deal with Nvidia!"}
{"id":"4","title":"카카오페이, 사용자 승인 후 에이전트 결제 허용"}
{"id":"5","title":"카카오페이: 사용자 승인 후 에이전트 결제 허용!"}
X
ni-filter --near-dup title --explain "$T/nd" >"$T/out" 2>"$T/err"
eq "filter near-dup kept" "$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$T/out" | tr '\n' ' ')" "1 2 4 "
has "filter near-dup explain" "$T/err" 'nd:3: dropped by --near-dup: title near .*nd:1 \(similarity'
python3 - "$T/big" <<'X'
import json, random, sys
random.seed(7)
words = ["ai", "chip", "deal", "retail", "agent", "cloud", "model", "price", "store", "search",
         "korea", "policy", "ads", "data", "checkout", "returns", "supply", "robot", "video", "voice"]
with open(sys.argv[1], "w") as f:
    for i in range(100000):
        t = " ".join(random.choice(words) for _ in range(8)) + " %d" % i
        f.write(json.dumps({"id": str(i), "title": t}) + "\n")
X
if [ -z "${NI_VALGRIND:-}" ]; then   # a timer, not a memory check
	timeout 60 ni-filter --near-dup title -c "$T/big" >"$T/out"
	rc_is "filter near-dup 100k in bounded time" $? 0
fi

# cron state: two phases, atomic, locked, damage detected
S=$T/sent.state
ni-filter --key id --unseen "$S" "$F/items.ndjson" | head -3 >"$T/new"
ni-filter --key id --mark "$S" <"$T/new" >/dev/null
eq "state marked 3" "$(grep -vc '^#' "$S")" 3
ni-filter --key id --unseen "$S" -c "$F/items.ndjson" >"$T/out"; eq "state unseen 7" "$(cat "$T/out")" 7
ni-filter --key id --mark "$S" "$F/items.ndjson" >/dev/null
ni-filter --key id --unseen "$S" "$F/items.ndjson" >/dev/null; rc_is "state all seen rc" $? 1
eq "state no duplicates" "$(grep -vc '^#' "$S")" 10
has "state has a time" "$S" '^r1	2026-08-17T12:00:00Z$'
echo '{"id":"r11"}' | NI_NOW=2026-12-01T00:00:00Z ni-filter --key id --mark "$S" --expire 30d >/dev/null
eq "state --expire prunes" "$(grep -vc '^#' "$S")" 1
[ -f "$S.bak" ] && ok "state .bak kept" || ko "state .bak kept"
# a --key value that is no key is named for what it is (issue 22 #13)
printf '{"u":[1]}\n{"u":{"a":1}}\n{"u":true}\n{"u":""}\n{"u":null}\n{}\n{"u":"x"}\n' >"$T/kv"
ni-filter --key u --unseen "$T/kv.state" "$T/kv" >"$T/out" 2>"$T/err"
rc_is "key-value-type: exit 2" $? 2
eq "key-value-type: every record still flows" "$(wc -l <"$T/out")" 7
has "key-value-type: a list" "$T/err" 'kv:1: no state key: "u" is a list, not a string or number'
has "key-value-type: an object" "$T/err" 'kv:2: no state key: "u" is an object'
has "key-value-type: a boolean" "$T/err" 'kv:3: no state key: "u" is a boolean'
has "key-value-type: an empty string" "$T/err" 'kv:4: no state key: "u" is an empty string'
has "key-value-type: null" "$T/err" 'kv:5: no state key: "u" is null'
has "key-value-type: missing" "$T/err" 'kv:6: no state key: "u" is missing'
eq "key-value-type: nothing else reported" "$(wc -l <"$T/err")" 6
printf '{"date_published":"2026-01-01","title":"t","u":[1]}\n{"date_published":"2026-01-01","title":"t","u":true}\n' >"$T/kv2"
ni-render -f atom --key u "$T/kv2" >/dev/null 2>"$T/err"
has "key-value-type: ni-render -f atom names a list" "$T/err" 'kv2:1: no usable u \(--key\): it is a list'
has "key-value-type: ni-render -f atom names a boolean" "$T/err" 'kv2:2: no usable u \(--key\): it is a boolean'
: >"$T/empty.state"
ni-filter --unseen "$T/empty.state" "$F/items.ndjson" >"$T/out" 2>"$T/err"
rc_is "state empty file refused" $? 2
same "state empty file: nothing passed" "$T/out" /dev/null
printf '# ni-state 1\nr1\t2026-08-17T12:00:00Z\nr2\t2026' >"$T/trunc.state"
ni-filter --unseen "$T/trunc.state" "$F/items.ndjson" >/dev/null 2>"$T/err"
has "state truncated refused" "$T/err" 'incomplete'
if command -v flock >/dev/null; then
	flock "$S.lock" sleep 3 &
	sleep 0.5
	ni-filter --mark "$S" "$F/items.ndjson" >/dev/null 2>"$T/err"
	rc_is "state locked exit 75" $? 75
	eq "state locked one line" "$(wc -l <"$T/err")" 1
	wait
fi
# kill -9 at random points: the state is always whole, keys never lost
python3 -c 'import json
for i in range(200000): print(json.dumps({"id":"k%d"%i,"title":"t"}))' >"$T/many"
S2=$T/kill.state
for delay in 0.05 0.1 0.15 0.2 0.3; do
	timeout -s KILL $delay ni-filter --mark "$S2" "$T/many" >/dev/null 2>&1
	if [ -f "$S2" ]; then
		ni-filter --unseen "$S2" -c "$T/many" >/dev/null 2>"$T/err"
		[ $? -ne 2 ] || { ko "state after kill -9 ($delay)" "$(cat "$T/err")"; continue; }
	fi
	ok "state after kill -9 ($delay)"
done
# a killed run's lock can outlive it by a moment: 75 means "try again"
for try in 1 2 3 4 5 6 7 8 9 10; do
	ni-filter --mark "$S2" "$T/many" >/dev/null 2>"$T/err"
	[ $? -eq 75 ] || break
	sleep 0.5
done
eq "state after kills: every key once" "$(grep -vc '^#' "$S2")" 200000
ls "$T" | grep -q 'kill.state.tmp' && ko "state temp files left" || ok "state no temp files left"

# the corpus: selections equal jq's, record for record
if [ -n "${NI_CORPUS:-}" ] && command -v jq >/dev/null; then
	ni-parse "$NI_CORPUS/daily" >"$T/c.ndjson"
	tab=$(printf '\t')
	while IFS="$tab" read -r ni jqe; do
		ni-filter "$ni" "$T/c.ndjson" >"$T/a"
		jq -c "select($jqe)" "$T/c.ndjson" | jq -r .id >"$T/b"
		jq -r .id "$T/a" >"$T/a.ids"
		if [ -s "$T/b" ] && cmp -s "$T/a.ids" "$T/b"; then ok "corpus: $ni"; else
			ko "corpus: $ni" "$(wc -l <"$T/a.ids") vs jq $(wc -l <"$T/b")"; fi
	done <<'Q'
tags = agentic-commerce	.tags | index(["agentic-commerce"])
confidence >= 0.8 and date_published >= 2026-01-01	.confidence >= 0.8 and .date_published >= "2026-01-01"
title ~ /nvidia|openai/i	.title | test("nvidia|openai"; "i")
tags in [llm, ai-agents]	.tags | (index(["llm"]) or index(["ai-agents"]))
not exists relevance_score	has("relevance_score") | not
relevance_score >= 0.7	.relevance_score != null and .relevance_score >= 0.7
date_published = 2026-02	.date_published | startswith("2026-02")
source_id = digiday or source_id = cnet_news	.source_id == "digiday" or .source_id == "cnet_news"
regions = Global	.regions | index(["Global"])
Q
fi
