#!/bin/sh
# examples/demo.sh BIN - the main ni job on the bundled sample items:
# parse -> filter -> summarize -> render, to the terminal and to
# demo/digest.html, demo/feed.atom and demo/digest.eml.
# "Now" is fixed, so the demo shows the same digest whenever it runs.
set -u
BIN=${1:-bin}
PATH=$(cd "$BIN" && pwd):$PATH
export PATH
cd "$(dirname "$0")/.." || exit 2
export NI_NOW=2026-11-28T09:00:00Z
mkdir -p demo
if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then
	say() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
else
	say() { printf '\n== %s\n' "$*" >&2; }
fi

say "ni-parse examples/items   (one document is broken on purpose)"
ni-parse -v examples/items >demo/items.ndjson
echo "exit status $?: the broken document is reported with file:line:col, the others flow on" >&2

say "ni-filter: the last four weeks, confidence >= 0.7"
ni-filter --since -4w --min-confidence 0.7 demo/items.ndjson >demo/recent.ndjson
echo "$(wc -l <demo/recent.ndjson) of $(wc -l <demo/items.ndjson) items" >&2

say "ni-summarize: overview, leading tags, weeks with their leading items"
ni-summarize demo/recent.ndjson >demo/overview.ndjson
ni-summarize -b tags --top 8 demo/recent.ndjson >demo/tags.ndjson
ni-summarize -b week --items 3 --sort key demo/recent.ndjson >demo/weeks.ndjson

say "ni-render: the digest"
ni-render --title "ni demo digest" --width 100 demo/overview.ndjson demo/tags.ndjson demo/recent.ndjson

ni-render -f html --title "ni demo digest" -o demo/digest.html \
	demo/overview.ndjson demo/tags.ndjson demo/weeks.ndjson demo/recent.ndjson
ni-render -f atom --title "ni demo feed" --link https://news.example.com/ \
	-o demo/feed.atom demo/recent.ndjson
ni-render -f email --title "ni demo digest" --from "ni demo <ni@example.com>" \
	--to "reader@example.com" --subject '{count}건의 새 소식 / {count} new items' \
	demo/recent.ndjson >demo/digest.eml
say "written"
for f in demo/digest.html demo/feed.atom demo/digest.eml; do
	printf '  %s  (%s bytes)\n' "$PWD/$f" "$(wc -c <"$f")"
done

say "the pipeline's jobs (examples/jobs) on the samples"
J=examples/jobs
sh $J/06-home.sh examples/items 2>/dev/null | ni-render -F '  home   {date_published} {confidence} {title:~60}'
WEEK=2026-W47 OUT=demo sh $J/10-weekly-digest.sh examples/items 2>/dev/null |
	ni-render -F '  tag    {tags:-24} {count}'
MONTH=2026-11 OUT=demo sh $J/13-monthly-charts.sh examples/items 2>/dev/null >/dev/null
for f in demo/weekly/2026-W47.html demo/monthly/2026-11.html; do
	printf '  %s  (%s bytes)\n' "$PWD/$f" "$(wc -c <"$f")"
done
