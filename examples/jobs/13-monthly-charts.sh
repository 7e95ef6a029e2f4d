#!/bin/sh
# 13-monthly-charts.sh ITEMS - job 13 (pipeline.js runStage7Local,
# chart-renderer.js): the monthly figures of 12-monthly.sh's records:
# articles per strategic theme, confidence bands (High >= 0.85, Medium >=
# 0.5, Low), articles per region.  stdout: the summary rows.  With OUT=DIR:
# DIR/monthly/charts/MONTH/{themes,regions}.svg and DIR/monthly/MONTH.html,
# the month's digest page: the lead stories by theme (most confident
# first, each with its so-what and link), what is rising (tags, this
# month against as many days before it), then the counts and charts;
# each share says what it is a share of.  MONTH as in 12-monthly.sh.
. "$(dirname "$0")/common.sh"
MONTH=${MONTH:-$(date -u -d "$(date -u -d "${NOW%%T*}" +%Y-%m-01) -1 day" +%Y-%m)}
export MONTH
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
sh "$(dirname "$0")/12-monthly.sh" "$ITEMS" >"$tmp/month" || exit
# themes and regions count the month's confident articles (>= MIN_CONF,
# default 0.85), as the original's charts do (stage 7 runs on the
# articles of its analysis); the bands are of every article of the month
# (of the confident ones alone they would be 100% High)
ni-filter "confidence >= ${MIN_CONF:-0.85}" "$tmp/month" >"$tmp/conf"
# most articles first, ties in order of first appearance (as the
# original's stable sort of its counts)
ni-map '_at = nr' "$tmp/conf" | ni-summarize -b strategic_theme --stats _at |
	ni-sort -k count:desc,stats._at.min >"$tmp/themes"
ni-summarize --hist confidence:0.5,0.85 "$tmp/month" >"$tmp/bands"
ni-summarize -b regions "$tmp/conf" >"$tmp/regions"
cat "$tmp/themes" "$tmp/bands" "$tmp/regions"
[ -n "${OUT:-}" ] || exit 0
mkdir -p "$OUT/monthly/charts/$MONTH"
ni-render -f svg --title "Articles per theme, $MONTH" -o "$OUT/monthly/charts/$MONTH/themes.svg" "$tmp/themes"
ni-render -f svg --title "Articles per region, $MONTH" -o "$OUT/monthly/charts/$MONTH/regions.svg" "$tmp/regions"
n=$(wc -l <"$tmp/month")
next=$(date -u -d "$MONTH-01 1 month" +%F)
days=$(( ($(date -u -d "$next" +%s) - $(date -u -d "$MONTH-01" +%s)) / 86400 ))
# the page names themes for readers (a theme code without a name is kept)
ni-map 'theme = coalesce(case(strategic_theme,
    "AI_AGENT", "AI agents", "AI_COMMERCE", "AI commerce",
    "AI_MARKETING", "AI marketing", "DATA_STRATEGY", "Data strategy",
    "EMERGING_TECH", "Emerging tech", "AGENTIC_COMMERCE", "Agentic commerce",
    "AI_PERSONALIZATION", "AI personalization",
    "COMPETITIVE_DYNAMICS", "Competitive dynamics",
    "CUSTOMER_EXPERIENCE", "Customer experience",
    "PLATFORM_ECOSYSTEM", "Platform ecosystem",
    "RETAIL_TRANSFORMATION", "Retail transformation"), strategic_theme)' \
	"$tmp/month" >"$tmp/named"
{
	# lead stories: the month's most confident, in sections by theme,
	# the theme of the most confident story first (--group-order)
	ni-sort -k confidence:desc -k date_published:desc -n "${LEAD:-12}" "$tmp/named"
	# what is rising: the month's tags against as many days before it
	# ("now" = the first day of the next month), only those that rose
	ni-parse "$DAILY" | ni-filter "date_published >= $(date -u -d "$MONTH-01 -$days day" +%F) and date_published < $next" |
		NI_NOW=${next}T00:00:00Z ni-summarize -b tags --trend "${days}d" --sort change --top 8 |
		ni-filter 'trend.change > 0'
	# the counts: themes, confidence bands, regions, of every article
	# of the month (the page's shares are of the month)
	ni-summarize -b theme "$tmp/named"
	cat "$tmp/bands"
	ni-summarize -b regions "$tmp/month"
} | ni-render -f html --group-by theme --group-order --allow-empty \
	--title "Monthly digest $MONTH: $n articles" -o "$OUT/monthly/$MONTH.html"
