#!/bin/sh
# 07-archives.sh ITEMS - job 7 (build.js buildDailyMonthPage,
# buildWeeklyYearPage, buildSite): the archive pages, under $OUT:
#   archive/daily/index.html          the months, newest first, with counts
#   archive/daily/YYYY/MM/index.html  every item of the month (no filter,
#                                     no cap), in the site's order (newest
#                                     first, ties in file order)
#   archive/weekly/YYYY/index.html    the weekly digests of the year
#                                     (the year is the week label before
#                                     its first '-'), newest first
#   archive/monthly/YYYY/index.html   the monthly reports alike
# stdout: the months with their counts (NDJSON summary rows).  Without
# OUT, only those.
# What differs from the original: an item whose date_published is empty
# or not a date makes build.js throw (no site at all); here it is
# reported ("07-archives: FILE: ...") and left out of the archive, the
# pages are written, and the exit status is 2.  The month of an item is
# that of its date (date_published[0:7] in the original: the same for
# the dates the pipeline writes).  One page per month, week year and
# month year: the loop below only names the files; ni-filter picks each
# page's items.  The weekly/<week>.html and monthly/<month>.html pages
# are jobs 10 and 13.
. "$(dirname "$0")/common.sh"
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
DATED='date_published ~ /^[0-9]{4}-[0-9]{2}-[0-9]{2}/'
rc=0
ni-parse "$DAILY" >"$tmp/parsed" || rc=2   # a bad document is reported, the rest go on
ni-sort -k date_published:desc "$tmp/parsed" >"$tmp/all" || rc=2
ni-filter -v "$DATED" "$tmp/all" |
	ni-render -F '07-archives: {_path}: date_published is empty or not a date; left out of the archive' >&2
ni-filter "$DATED" "$tmp/all" >"$tmp/dated"
[ -s "$tmp/dated" ] || { echo "07-archives: no dated items: no archive" >&2; [ $rc -eq 0 ] && rc=1; exit $rc; }
[ "$(wc -l <"$tmp/dated")" -eq "$(wc -l <"$tmp/all")" ] || rc=2
ni-summarize --tz UTC -b month "$tmp/dated" | ni-sort -k month:desc >"$tmp/months"
cat "$tmp/months"
[ -n "${OUT:-}" ] || exit $rc

A=$OUT/archive
mkdir -p "$A/daily"
ni-render -f html --title "Daily archive: $(wc -l <"$tmp/dated") items by month" \
	-o "$A/daily/index.html" "$tmp/months" || rc=2
ni-render -F '{month} {count}' "$tmp/months" | {
	st=0
	while read -r m n; do
		mkdir -p "$A/daily/${m%-*}/${m#*-}"
		ni-filter --tz UTC "date_published = $m" "$tmp/dated" |
			ni-render -f html --title "Daily archive $m: $n items" \
				-o "$A/daily/${m%-*}/${m#*-}/index.html" || st=2
	done
	exit $st
} || rc=2

# weekly and monthly: one page per year of the label (KEY TITLE)
years() {
	dir=$1 key=$2
	[ -n "$dir" ] && [ -d "$dir" ] || return 0
	ni-parse "$dir" >"$tmp/parsed" || rc=2
	ni-map "archive_year = replace(string($key), /-.*/, \"\")" "$tmp/parsed" |
		ni-sort -k "$key:desc" >"$tmp/$key" || rc=2
	ni-summarize -b archive_year "$tmp/$key" | ni-render -F '{archive_year} {count}' | {
		st=0
		while read -r y n; do
			mkdir -p "$A/${key}ly/$y"
			ni-filter "archive_year = \"$y\"" "$tmp/$key" |
				ni-render -f html --title "$3 archive $y: $n digests" \
					-o "$A/${key}ly/$y/index.html" || st=2
		done
		exit $st
	} || rc=2
}
years "$WEEKLY" week Weekly
years "$MONTHLY" month Monthly
exit $rc
