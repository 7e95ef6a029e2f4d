#!/bin/sh
# 06-home.sh ITEMS - job 6 (build.js buildHomePage): the home page's items.
# Kept: confidence missing, null or 0 (not scored), or above 0.69; newest
# first, then most confident (ties in file order); seven shown.
# stdout: the seven records.  With OUT=DIR: DIR/index.html, the page, whose
# title says how many of how many items it shows.
. "$(dirname "$0")/common.sh"
SHOWN=${SHOWN:-7}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
ni-parse "$DAILY" |
	ni-filter 'not confidence != "" or confidence = 0 or confidence > 0.69' >"$tmp/kept"
ni-sort -k date_published:desc,confidence:desc -n "$SHOWN" "$tmp/kept" >"$tmp/shown"
if [ -n "${OUT:-}" ]; then
	mkdir -p "$OUT"
	ni-render -f html -o "$OUT/index.html" \
		--title "AI Trend Hub: the latest $(wc -l <"$tmp/shown") of $(wc -l <"$tmp/kept") items" "$tmp/shown"
else
	cat "$tmp/shown"
fi
