#!/bin/sh
# 10-weekly-digest.sh ITEMS - job 10 (generate-weekly.js
# generateWeeklyDigest, buildWeeklyMarkdown): the week's top keywords, the
# part of the digest that is counted rather than written by the LLM.
# stdout: the ten leading tags of the week (count, share of the week's
# articles).  With OUT=DIR, also DIR/weekly/WEEK.html, the digest page:
# the lead stories by theme (most confident first, with their so-what and
# link), what is rising (tags, this week against the week before), then
# the counts and charts.  WEEK as in 09-weekly.sh.
. "$(dirname "$0")/common.sh"
WEEK=${WEEK:-$(date -u -d "${NOW%%T*}" +%G-W%V)}
export WEEK
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
sh "$(dirname "$0")/09-weekly.sh" "$ITEMS" >"$tmp/week" || exit
[ -s "$tmp/week" ] || exit 0
ni-summarize -b tags --top 10 "$tmp/week"
[ -n "${OUT:-}" ] || exit 0
week_days "$WEEK"
n=$(wc -l <"$tmp/week")
mkdir -p "$OUT/weekly"
# the page names themes for readers: the first category (a category
# without a name is kept)
ni-map 'theme = coalesce(case(first(categories), "agentic_commerce",
    "Agentic commerce", "ai_commerce", "AI commerce", "ai_marketing",
    "AI marketing", "commerce", "Commerce", "customer_experience",
    "Customer experience", "marketing", "Marketing", "strategy", "Strategy",
    "tech", "Tech"), first(categories))' "$tmp/week" >"$tmp/named"
{
	# lead stories: the twelve most confident, in sections by theme, the
	# theme of the most confident story first (--group-order)
	ni-sort -k confidence:desc -k date_published:desc -n "${LEAD:-12}" "$tmp/named"
	# rising: this week's tags against the week before ("now" = the
	# Sunday after the week), only those that rose
	ni-parse "$DAILY" | ni-filter "date_published >= $(date -u -d "$SUN -7 day" +%F) and date_published <= $SAT" |
		NI_NOW=$(date -u -d "$SAT 1 day" +%F)T00:00:00Z \
		ni-summarize -b tags --trend 7d --sort change --top 8 |
		ni-filter 'trend.change > 0'
	ni-summarize -b theme "$tmp/named"
	ni-summarize -b source_id --top 8 "$tmp/week"
	ni-summarize -b day --sort key "$tmp/week"
} | ni-render -f html --group-by theme --group-order -o "$OUT/weekly/$WEEK.html" \
	--title "Weekly digest $WEEK ($SUN to $SAT): $n articles"
