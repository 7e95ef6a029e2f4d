#!/bin/sh
# tests/snapshot.sh BINDIR OUTDIR - a snapshot of what every tool and job
# does, for checking that a change to lib/ (issue 25's refactor) changes no
# byte of any output: run it for the build before and after (tests/same.sh
# does both) and `diff -r` the two OUTDIRs.
#   BINDIR  the built tools (ni, ni-parse, ...) to run
#   OUTDIR  created; one file per case, named after the case: its exit
#           status, stderr, then stdout ("rc N", "-- stderr", "-- stdout").
#           Files a case writes are listed with a sha256 of each (sorted).
# Inputs come from this checkout (examples/, examples/jobs, ../shared/corpus
# when present, else examples/items), so two builds of different revisions
# see the same ones.  NI_NOW and TZ are fixed; the folders BINDIR, OUTDIR,
# this checkout and the temp dir are replaced by BIN/, OUT/, TOP/, TMP/ in
# every output and written file, so builds in different folders compare
# equal.  The tools run from this checkout's top folder with relative paths.
# Threaded tools run with -j 1 and the default on a few cases.  About a
# minute or two on the real corpus on a 2-core machine (user+sys ~30 s).
set -u
if [ $# -ne 2 ] || [ ! -x "$1/ni-parse" ]; then
	echo "usage: tests/snapshot.sh BINDIR OUTDIR (BINDIR holding ni-parse ...)" >&2
	exit 2
fi
BIN=$(cd "$1" && pwd)
mkdir -p "$2" || exit 2
OUTD=$(cd "$2" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/ni-snap.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' INT TERM HUP
PATH=$BIN:$PATH
NI_NOW=2026-07-01T05:00:00Z TZ=UTC LC_ALL=C.UTF-8
export PATH NI_NOW TZ LC_ALL
unset OUT STATE WEEK MONTH PROMPT NL_LANG ITEMS 2>/dev/null
cd "$top" || exit 2
clean0=$(git status --porcelain 2>/dev/null)
C=../shared/corpus
[ -d "$C" ] || C=examples/items
[ -n "${NI_NO_CORPUS:-}" ] && C=examples/items
E=examples/items
N=0

# norm: the folders that differ between runs, replaced by fixed names
norm() { sed -e "s|$T|TMP|g" -e "s|$BIN|BIN|g" -e "s|$OUTD|OUT|g" -e "s|$top|TOP|g" -e "s|/tmp/tmp\.[A-Za-z0-9]*|MKTEMP|g"; }
# run NAME INPUT CMD...: CMD with stdin INPUT ("-": /dev/null) into OUTDIR/NAME
run() {
	_n=$1 _i=$2; shift 2
	[ "$_i" = - ] && _i=/dev/null
	[ -n "${SNAP_TIMES:-}" ] && _t0=$(date +%s%N)
	"$@" <"$_i" >"$T/o" 2>"$T/e"
	_rc=$?
	[ -n "${SNAP_TIMES:-}" ] && echo "$(( ($(date +%s%N) - _t0) / 1000000 )) ms $_n" >&2
	{ echo "rc $_rc"; echo "-- stderr"; norm <"$T/e"; echo "-- stdout"; norm <"$T/o"; } >"$OUTD/$_n"
	N=$((N + 1))
}
# files NAME DIR: every file under DIR (path, sha256 of its normalised text)
files() {
	{ if [ -d "$2" ]; then
		(cd "$2" && find . -type f | LC_ALL=C sort) | while IFS= read -r f; do
			printf '%s  %s\n' "$(norm <"$2/$f" | sha256sum | cut -c1-64)" "$f"
		done
	  else echo "(no folder)"; fi; echo "(end)"; } >"$OUTD/$1.files"
	N=$((N + 1))
}
# tmpd NAME: a fresh temp folder for one case
tmpd() { rm -rf "$T/d/$1"; mkdir -p "$T/d/$1"; echo "$T/d/$1"; }

# ---- the front command, help and versions --------------------------------
run ni - ni

for t in ni ni-parse ni-filter ni-sort ni-map ni-summarize ni-render ni-write; do
	run "$t--version" - "$t" --version
	run "$t--help" - "$t" --help
done
run ni-parse--fields - ni-parse --fields

# ---- ni-parse ----------------------------------------------------------
for src in corpus:"$C" items:"$E"; do
	k=${src%%:*} d=${src#*:}
	run "parse-$k" - ni-parse "$d"
	run "parse-$k-j1" - ni-parse -j 1 "$d"
	run "parse-$k-body" - ni-parse --body "$d"
	run "parse-$k-body-j1" - ni-parse --body -j 1 "$d"
	run "parse-$k-check" - ni-parse --check "$d"
	run "parse-$k-check-j1" - ni-parse --check -j 1 "$d"
	run "parse-$k-check-rejects" - ni-parse --check --rejects "$T/rej-$k" "$d"
	run "parse-$k-check-rejects.file" "$T/rej-$k" cat
	run "parse-$k-verbose" - ni-parse -v "$d"
done
ls "$E"/*.md | sed 2q >"$T/list"
run parse-files-from - ni-parse --files-from "$T/list"
run parse-strict - ni-parse --check --strict "$E"
# sfeed TSV made from examples/feeds (sfeed when installed, else a fixed one)
mkdir -p "$T/feeds"
if command -v sfeed >/dev/null 2>&1; then
	for f in examples/feeds/*; do b=${f##*/}; sfeed <"$f" >"$T/feeds/${b%.*}"; done
else
	printf '1793980800\tAn agent buys shoes\thttps://e.example/a\t\thtml\t1\tA\t\t\n1794067200\tChips for retail AI\thttps://e.example/b?utm_source=x\tBody text\thtml\t2\tB\t\tai|chips\n' >"$T/feeds/fixed"
fi
run parse-sfeed - ni-parse --sfeed "$T/feeds"/*
ni-parse --sfeed "$T/feeds"/* >"$T/collected" 2>/dev/null

# the records the other tools read
ni-parse "$C" >"$T/c.nd" 2>/dev/null
ni-parse "$E" >"$T/e.nd" 2>/dev/null
ni-parse --body "$E" >"$T/eb.nd" 2>/dev/null
I=$T/c.nd
run ni-filter-via-ni - ni filter -c 'confidence >= 0.8' "$T/e.nd"

# ---- ni-filter -----------------------------------------------------------
i=0
while IFS= read -r x; do
	i=$((i + 1))
	run "filter-$(printf %02d $i)" "$I" ni-filter "$x"
done <<'X'
tags = agentic-commerce
tags = ai-inference or categories = ai_commerce
title ~ /nvidia|openai/i
summary_ko ~ /에이전트/
confidence >= 0.8
confidence > 0.69 and not confidence = 1
date_published >= 2026-06-01
date_published >= -7d
date_published = 2026-W25
date_published = 2026-05
source_id = techcrunch_ai and confidence < 0.9
not exists tags or tags = ""
len(tags) > 3
lower(title) ~ /agent/ and date_published < 2026-03-01
X
run filter-j1 "$I" ni-filter -j 1 'title ~ /nvidia|openai/i'
run filter-i "$I" ni-filter -i 'title = "openai"'
run filter-v "$I" ni-filter -v 'confidence >= 0.8'
run filter-c "$I" ni-filter -c 'tags = agentic-commerce'
run filter-m "$I" ni-filter -m 5 'confidence >= 0.8'
run filter-since "$I" ni-filter --since 7d
run filter-tag-source "$I" ni-filter -t agentic-commerce --min-confidence 0.8
run filter-grep "$I" ni-filter -g 'Shopify|쿠팡'
run filter-uniq "$I" ni-filter --uniq canonical_url
run filter-uniq-at "$I" ni-filter --uniq @
run filter-near-dup "$I" ni-filter --near-dup title:0.3
run filter-explain "$I" ni-filter --explain 'regions = kr and confidence >= 0.8'
run filter-explain-j1 "$I" ni-filter -j 1 --explain 'regions = kr and confidence >= 0.8'
run filter-week-sun "$I" ni-filter --week-start sun 'date_published = 2026-W25'
run filter-H - ni-filter -H 'confidence >= 0.9' "$T/e.nd"
st=$(tmpd state)
run filter-mark "$T/e.nd" ni-filter --mark "$st/s" -e 'confidence >= 0.9'
run filter-unseen "$I" ni-filter --unseen "$st/s" -c
run filter-unseen-key "$T/collected" ni-filter --unseen "$st/s" --key canonical_url
files filter-state "$st"

# ---- ni-sort -------------------------------------------------------------
run sort-date "$I" ni-sort -k date_published:desc
run sort-date-j1 "$I" ni-sort -j 1 -k date_published:desc
run sort-multi "$I" ni-sort -k date_published:desc,confidence:desc -n 7
run sort-k-k "$I" ni-sort -k source_id -k confidence:desc -k title
run sort-r "$I" ni-sort -k confidence:desc -r
run sort-i "$I" ni-sort -i -k title
run sort-missing "$I" ni-sort --missing first -k relevance_score
run sort-g-n "$I" ni-sort -g source_id -k date_published:desc -n 5
run sort-g-n-order "$I" ni-sort -g source_id -k date_published:desc -n 2 --group-order
run sort-explode "$I" ni-sort -g tags --explode -k confidence:desc -n 1
run sort-u "$I" ni-sort -u source_id
run sort-c "$I" ni-sort -c -k date_published
ni-sort -k date_published "$I" >"$T/sorted" 2>/dev/null
run sort-c-sorted "$T/sorted" ni-sort -c -k date_published
run sort-spill "$I" ni-sort -S 1M -T "$(tmpd spill)" -k title
head -700 "$T/sorted" >"$T/s1"; tail -n +701 "$T/sorted" >"$T/s2"
run sort-merge - ni-sort -m -k date_published "$T/s2" "$T/s1"

# ---- ni-map --------------------------------------------------------------
i=0
while IFS= read -r x; do
	i=$((i + 1))
	run "map-$(printf %02d $i)" "$I" ni-map "$x"
done <<'X'
regions = upper(regions); summary_ko = trunc(summary_ko, 280)
n = nr; keep id, n, title
relevance_score = if(lower(title) ~ /\bai\b/, 2, 0) + if(lower(title) ~ /commerce|retail/, 1, 0); if relevance_score < 1 then skip end
day = date(date_published, "%Y-%m-%d %a"); keep day, title
id = "daily_" + date(date_published, "%Y%m%d") + "_" + hash(date_published + source_id + title); keep id
strategic_theme ?= last(case(categories, "ai_commerce", "AI_COMMERCE", "EMERGING_TECH")); cats = join(uniq(categories), ";"); slug = slug(title, 40); u = url(canonical_url)
title_len = len(title); words = split(title, " "); keep title_len, words
email = lower(trim(" A@B.example ")); keep email
X
run map-j1 "$I" ni-map -j 1 -e 'regions = upper(regions); keep regions, title'
run map-strict "$I" ni-map --strict -e 'x = 1 / (confidence - confidence); keep x'
run map-body "$T/eb.nd" ni-map 'body_text = substr(strip_markup(_body), 0, 500); keep id, body_text'

# ---- ni-summarize --------------------------------------------------------
for a in '-b tags' '-b week' '-b month' '-b source_id' '-b week,tags --top 5 --items 3' \
	'--stats confidence' '--stats confidence -b source_id' '--hist confidence:0.5,0.85' \
	'--distinct source_id -b month' '-b tags --trend 7d --sort change' '-b tags --trend week' \
	'-b day --sort key' '-b year' '-b regions' '-b categories --items 2 --rank date_published' \
	'' '-b tags --top 10 -v'; do
	k=$(echo "sum $a" | tr -c 'a-zA-Z0-9,.:-' _)
	run "$k" "$I" sh -c "ni-summarize $a"
done
run sum-tags-j1 "$I" ni-summarize -j 1 -b tags
run sum-week-sun "$I" ni-summarize -b week --week-start sun
mkdir -p "$T/pm"
run sum-partial-merge "$I" sh -c 'split -l 500 - "$0/p." && for f in "$0"/p.*; do ni-summarize -b week,tags --top 5 --items 3 --partial "$f"; done | ni-summarize -b week,tags --top 5 --items 3 --merge' "$T/pm"
run sum-partial "$T/e.nd" ni-summarize -b month --stats confidence --partial

# ---- ni-render -----------------------------------------------------------
ni-sort -k date_published:desc -n 40 "$I" >"$T/r.nd" 2>/dev/null
ni-summarize -b week,tags --top 3 --items 2 "$I" >"$T/sum.nd" 2>/dev/null
for f in text md html atom rss email csv tsv json svg; do
	run "render-$f" "$T/r.nd" ni-render -f "$f" --width 100 --color never --title Snap
	run "render-$f-sum" "$T/sum.nd" ni-render -f "$f" --width 100 --color never
done
run render-html-j1 "$T/r.nd" ni-render -j 1 -f html
run render-text-ko "$T/r.nd" ni-render -l ko --width 72 --color always
run render-md-en-group "$T/r.nd" ni-render -f md -l en --group-by source_id
run render-html-group-week "$T/r.nd" ni-render -f html --group-by week --group-order
run render-email-headers "$T/r.nd" ni-render -f email --from a@example.com --to b@example.com --subject '{count} items'
run render-atom-link "$T/r.nd" ni-render -f atom --link https://news.example/ --limit 5
run render-csv-fields "$T/r.nd" ni-render -f csv --fields id,title,tags,confidence
run render-tsv-fields "$T/r.nd" ni-render -f tsv --fields date_published,source_id,title
run render-text-all "$I" ni-render --width 80 --color never
i=0
while IFS= read -r x; do
	i=$((i + 1))
	run "render-F-$(printf %02d $i)" "$I" ni-render -F "$x"
	run "render-F-$(printf %02d $i)-j1" "$I" ni-render -j 1 -F "$x"
done <<'X'
{date_published} {source_id} {title}
{date_published} {source_id:-16} {title:~60}
{title_en|title|"untitled"} | {confidence:5} | {tags|join:";"} | {tags|count} | {title|upper|trunc:20|json}
{date_published|date:%Y/%m %a} {summary_ko:~40} {missing|"none"} {title@en:-30} {{x}}
X
run render-F-ko "$I" ni-render -l ko -F '{date_published} {source_id:-16} {title:~60}'
for p in examples/jobs/prompts/*.tpl; do
	b=${p##*/}
	run "render-T-${b%.tpl}" "$T/r.nd" sh -c 'ni-map "n = nr" | ni-render -T "$0"' "$p"
done
od=$(tmpd render-o)
ni-sort -k date_published:desc "$I" >"$T/sorted-desc" 2>/dev/null
run render-o-paths "$T/sorted-desc" ni-render -f html -o "$od/archive/{date_published|date:%Y/%m}/index.html" --title '{count} items'
run render-o-one "$T/r.nd" ni-render -f atom -o "$od/feed.atom"
run render-o-empty - ni-render -f atom -o "$od/empty.atom"
files render-o "$od"

# ---- ni-write ------------------------------------------------------------
wd=$(tmpd write)
run write-gen "$T/collected" ni-write -o "$wd/gen" -v
run write-gen-again "$T/collected" ni-write -o "$wd/gen" -v
run write-body "$T/eb.nd" ni-write -o "$wd/body" -b record
run write-name "$T/e.nd" ni-write -o "$wd/named" -N '{date_published}__{source_id}__{id}.md'
run write-dry "$T/e.nd" ni-write -n -o "$wd/dry"
files write "$wd"

# ---- error paths ---------------------------------------------------------
printf '{"title":"a","confidence":1}\n{"title": bad\n{"title":"b","title":"c"}\n\xff\n{"title":"ok"}\n' >"$T/bad.nd"
run err-expr "$I" ni-filter 'title ~'
run err-expr2 "$I" ni-filter 'confidence >= '
run err-map-expr "$I" ni-map 'x = ('
run err-opt-sort - ni-sort -n abc
run err-opt-filter - ni-filter -j zero 'x = 1'
run err-opt-render - ni-render -f nope
run err-opt-sum - ni-summarize --hist confidence
run err-opt-parse - ni-parse --no-such-option
run err-line-filter "$T/bad.nd" ni-filter 'exists title'
run err-line-sort "$T/bad.nd" ni-sort -k title
run err-line-map "$T/bad.nd" ni-map 'n = nr'
run err-line-sum "$T/bad.nd" ni-summarize -b title
run err-line-render "$T/bad.nd" ni-render -F '{title}'
run err-line-write "$T/bad.nd" ni-write -n -o "$T/nowhere"
run err-missing-parse - ni-parse examples/no-such-dir
run err-missing-filter - ni-filter 'x = 1' no-such-file.nd
run err-missing-render - ni-render -T no-such.tpl
run err-merge-bad "$T/bad.nd" ni-summarize --merge

# ---- the pipeline's jobs (examples/jobs), as tests/t/jobs*.sh run them ------
J=examples/jobs
job() { # NAME [VAR=VALUE...] -- JOB ARGS...: one job, its OUT folder listed
	_jn=$1; shift
	_jo=$(tmpd "job-$_jn")
	_env=
	while [ "$1" != -- ]; do _env="$_env $1"; shift; done; shift
	run "job-$_jn" - env OUT="$_jo" $_env sh "$@"
	files "job-$_jn" "$_jo"
}
cp "$T/collected" "$T/feed"
job 01 -- $J/01-load.sh "$C"
job 02 -- $J/02-validate.sh "$C"
job 02-items -- $J/02-validate.sh "$E"
job 03 -- $J/03-seen.sh "$C" "$T/collected"
job 04 -- $J/04-relevance.sh "$C" "$T/feed"
sh $J/04-relevance.sh "$C" "$T/feed" >"$T/scored" 2>/dev/null
job 05 -- $J/05-caps.sh "$C" "$T/scored"
job 05-caps PER_FEED=2 MAX_ITEMS=0 -- $J/05-caps.sh "$C" "$T/scored"
job 06 -- $J/06-home.sh "$C"
job 07 -- $J/07-archives.sh "$C"
job 08 -- $J/08-search-index.sh "$C"
job 09 -- $J/09-weekly.sh "$C"
job 09-w WEEK=2026-W20 -- $J/09-weekly.sh "$C"
job 09-may NI_NOW=2026-05-13T05:00:00Z -- $J/09-weekly.sh "$C"
job 10 -- $J/10-weekly-digest.sh "$C"
job 10-w WEEK=2026-W20 -- $J/10-weekly-digest.sh "$C"
job 11 -- $J/11-prompts.sh "$C"
job 11-w WEEK=2026-W20 -- $J/11-prompts.sh "$C"
job 11-monthly MONTH=2026-05 PROMPT=monthly -- $J/11-prompts.sh "$C"
job 11-simple MONTH=2026-05 PROMPT=simple -- $J/11-prompts.sh "$C"
printf '```jsonl\n{"name":"Agents","name_ko":"에이전트","article_indices":[1,2]}\n{"name":"Chips","article_indices":[3,999]}\nnot json\n{"name":"","article_indices":[1]}\n```\n' >"$T/answer"
job 11-themes MONTH=2026-05 PROMPT=themes ANSWER="$T/answer" -- $J/11-prompts.sh "$C"
job 12 MONTH=2026-05 -- $J/12-monthly.sh "$C"
job 12-now NI_NOW=2026-06-15T05:00:00Z -- $J/12-monthly.sh "$C"
job 13 MONTH=2026-05 -- $J/13-monthly-charts.sh "$C"
for L in ko en; do
	job 14-$L NL_LANG=$L -- $J/14-newsletter.sh "$C"
	job 14-$L-0628 NL_LANG=$L NI_NOW=2026-06-28T05:00:00Z -- $J/14-newsletter.sh "$C"
done
job 15 -- $J/15-dedupe.sh "$C"
job 15-record RECORD=1 -- $J/15-dedupe.sh "$C"
printf '%s\n' '{"email":" A@Example.com "}' '{"email":"b@example.com"}' '{"email":"a@example.com"}' '{"email":"not an address"}' '{"name":"none"}' >"$T/rcpt"
for L in ko en; do
	job 16-$L NL_LANG=$L RECIPIENTS="$T/rcpt" -- $J/16-email.sh "$C"
done
job 17 RECIPIENTS="$T/rcpt" -- $J/17-send-once.sh "$C"
job 18 STATE="$T/seen18" -- $J/18-generate.sh "$C" "$T/collected"
job 03-state STATE="$T/seen18" -- $J/03-seen.sh "$C" "$T/collected"

# ---- the cookbook (examples/cron), as tests/t/cookbook.sh runs them -------
K=examples/cron
ck=$(tmpd cook)
mkdir -p "$ck/items" "$ck/mail" "$ck/state" "$ck/out"
cp "$E"/*.md "$ck/items/"; rm "$ck/items/"*broken*
cat >"$T/sendmail" <<X
#!/bin/sh
[ "\$1 \$2" = "-i -t" ] || { echo "sendmail: want -i -t" >&2; exit 64; }
n=\$(ls "$ck/mail" | wc -l)
cat >"$ck/mail/\$n.eml"
X
chmod +x "$T/sendmail"
cook() { _cn=$1; shift; run "cron-$_cn" - env NI_NOW=2026-11-28T09:00:00Z ITEMS="$ck/items" \
	STATE="$ck/state" TO=me@example.com SENDMAIL="$T/sendmail" "$@"; }
printf 'tags = agentic-commerce\ntitle ~ /nvidia/i\n' >"$T/interests"
cook daily-email sh $K/daily-email.sh
cook daily-email-again sh $K/daily-email.sh
cook hourly-atom INTERESTS="$T/interests" OUT="$ck/out/mine.atom" sh $K/hourly-atom.sh
cook weekly-html OUT="$ck/out/week.html" sh $K/weekly-html.sh
cook trending sh $K/trending.sh
cook ci-check REJECTS="$ck/out/rejects.ndjson" sh $K/ci-check.sh
cook ci-check-broken ITEMS="$E" REJECTS="$ck/out/rejects-broken.ndjson" sh $K/ci-check.sh
command -v parallel >/dev/null 2>&1 && cook mapreduce sh $K/mapreduce.sh
cook collect FEEDS="$T/feeds" OUT="$ck/out/collected.ndjson" sh $K/collect.sh
files cron "$ck"

[ "$(git status --porcelain 2>/dev/null)" = "$clean0" ] ||
	echo "snapshot: warning: a case wrote into the checkout ($top): git status changed" >&2
echo "snapshot: $N cases in $OUTD" >&2
