#!/bin/sh
# 15-dedupe.sh ITEMS - job 15 (sync_obsidian_to_summarized.py
# dedup_against_history, record_sent_titles): the newsletter's items of
# 14-newsletter.sh (NL_LANG, DATE as there) without those whose title is
# near one already sent.  HISTORY (default OUT/sent_titles.ndjson, OUT
# default '.') holds the titles sent, one {"date","title"} a line; titles
# dated the target day do not count (a rerun that day is not its own
# duplicate).  stdout: the records kept.  With RECORD=1 the kept titles
# are recorded under the target day afterwards (replacing that day's
# entries) and HISTORY keeps the 30 newest dates (KEEP_DAYS).
# What differs: "near" is ni-filter --near-dup title:T (default 0.3), the
# estimated Jaccard similarity of character 3-grams of the case-folded
# text, rather than difflib's SequenceMatcher ratio >= 0.55.  On the
# corpus the two agree on most titles (see tests/t/jobs_news.sh for the
# counts); where they differ, the ratio mostly drops different stories
# that share a pattern ("[AINews] The End of Finetuning" against "[AINews]
# The Two Sides of OpenClaw": 0.59).  Two near-identical titles in one
# letter are also one (the original only compares with the history); the
# history is per language, with RECORD after each language's send (the
# original's en overwrote ko's titles of the day).
. "$(dirname "$0")/common.sh"
OUT=${OUT:-.}
NL_LANG=${NL_LANG:-ko}
HISTORY=${HISTORY:-$OUT/sent_titles.ndjson}
TARGET=${DATE:-$(TZ=Asia/Seoul date -d "$NOW" +%Y-%m-%d)}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
NL_LANG=$NL_LANG DATE=$TARGET sh "$(dirname "$0")/14-newsletter.sh" "$ITEMS" >"$tmp/items" || exit
: >"$tmp/hist"
[ -f "$HISTORY" ] && ni-filter "date != $TARGET" "$HISTORY" | ni-map '_history = true' >"$tmp/hist"
cat "$tmp/hist" "$tmp/items" | ni-filter --near-dup "title:${NEAR:-0.3}" |
	ni-filter 'not exists _history' >"$tmp/kept"
rc=$?
n=$(wc -l <"$tmp/items") k=$(wc -l <"$tmp/kept")
[ "$k" -eq "$n" ] || echo "15-dedupe: $TARGET: $((n - k)) of $n items left out, near a title already sent (or another of the letter); $k kept" >&2
cat "$tmp/kept"
[ -n "${RECORD:-}" ] || exit $rc
# record: the target day's titles replaced, the newest KEEP_DAYS dates kept
{ [ -f "$HISTORY" ] && ni-filter "date != $TARGET" "$HISTORY"
  ni-map "date = \"$TARGET\"; keep date, title" "$tmp/kept"; } >"$tmp/new"
OLDEST=$(ni-summarize -b date --sort key "$tmp/new" | ni-sort -k date:desc -n "${KEEP_DAYS:-30}" |
	ni-sort -k date -n 1 | ni-render -F '{date}')
mkdir -p "$(dirname "$HISTORY")"
[ -n "$OLDEST" ] || exit $rc   # nothing sent, nothing recorded: the history stays
ni-filter "date >= $OLDEST" "$tmp/new" >"$tmp/hist.new" && mv "$tmp/hist.new" "$HISTORY"
exit $rc
