#!/bin/sh
# 13-monthly-charts.sh ITEMS - job 13 (pipeline.js runStage7Local,
# chart-renderer.js): the monthly figures of 12-monthly.sh's records:
# articles per strategic theme, confidence bands (High >= 0.85, Medium >=
# 0.5, Low), articles per region.  stdout: the summary rows.  With OUT=DIR:
# DIR/monthly/charts/MONTH/{themes,confidence,regions}.svg and
# DIR/monthly/MONTH.html (the figures with tables; each share says what
# it is a share of).  MONTH as in 12-monthly.sh.
. "$(dirname "$0")/common.sh"
MONTH=${MONTH:-$(date -u -d "$(date -u -d "${NOW%%T*}" +%Y-%m-01) -1 day" +%Y-%m)}
export MONTH
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
sh "$(dirname "$0")/12-monthly.sh" "$ITEMS" >"$tmp/month" || exit
ni-summarize -b strategic_theme "$tmp/month" >"$tmp/themes"
ni-summarize --hist confidence:0.5,0.85 "$tmp/month" >"$tmp/bands"
ni-summarize -b regions "$tmp/month" >"$tmp/regions"
cat "$tmp/themes" "$tmp/bands" "$tmp/regions"
[ -n "${OUT:-}" ] || exit 0
mkdir -p "$OUT/monthly/charts/$MONTH"
ni-render -f svg --title "Articles per theme, $MONTH" -o "$OUT/monthly/charts/$MONTH/themes.svg" "$tmp/themes"
ni-render -f svg --title "Articles per region, $MONTH" -o "$OUT/monthly/charts/$MONTH/regions.svg" "$tmp/regions"
ni-render -f html --allow-empty --title "Monthly figures $MONTH: $(wc -l <"$tmp/month") articles" \
	-o "$OUT/monthly/$MONTH.html" "$tmp/themes" "$tmp/bands" "$tmp/regions"
