#!/bin/sh
# 19-site.sh ITEMS - job 19 (build.js buildSite and its pages): the whole
# static site under $OUT, at the original's paths, so a site it built can
# be replaced without breaking a link:
#   index.html                         the home page (job 6's seven items)
#   index.json, search-index.json      job 8
#   archive/daily/index.html           the months, newest first, counts
#   archive/daily/YYYY/MM/index.html   every item of the month (job 7)
#   archive/weekly/index.html          the years of weekly digests
#   archive/weekly/YYYY/index.html     the digests of the year
#   weekly/<week>.html                 a weekly digest: its Markdown body
#   archive/monthly/..., monthly/<month>.html   the monthly reports alike
#   archive/search.html                search over search-index.json
#   assets/css/style.css, assets/js/site.js, assets/favicon.svg
# Every page has the sections (home, daily, weekly, monthly, search), a
# breadcrumb, and links to its neighbours: the older and newer month,
# year or digest (prev = older, as in the original), and the list above
# it; every index links each of its pages.  Pages are ni-render -T
# templates (examples/jobs/site/*.tpl between head.html and foot.html);
# a page's navigation is fields that ni-map gives its records (_root,
# _prev_href, ...), the neighbours from the sorted list of keys.
# Digest bodies are Markdown rendered by ni-render ({_body|md}): their
# raw HTML passes an allowlist, so a body cannot carry script (the
# original inserts it as is).  Titles are text: entities such as
# &#8217; are decoded once (html_unescape).  A file whose content would
# not change is not rewritten: a second run on the same input (and the
# same NI_NOW: index.json holds it) changes no file.
# DIGESTS=DIR takes weekly/ and monthly/ from DIR (see common.sh).
# Exit 0; 2 when a document or a step failed (the rest is still written).
. "$(dirname "$0")/common.sh"
: "${OUT:?19-site: set OUT=DIR, the site's folder}"
command -v ni-render >/dev/null || { echo "19-site: the ni tools are not on PATH" >&2; exit 2; }
J=$(dirname "$0")
S=$J/site
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
rc=0
mkdir -p "$OUT/assets/css" "$OUT/assets/js" "$OUT/archive/daily" || exit 2
for t in items list detail search; do
	cat "$S/head.html" "$S/$t.tpl" "$S/foot.html" >"$tmp/$t.tpl"
done
# copy a file unless the copy already holds it
put() { cmp -s "$1" "$2" || cp "$1" "$2" || rc=2; }
put "$S/style.css" "$OUT/assets/css/style.css"
put "$S/site.js" "$OUT/assets/js/site.js"
put "$S/favicon.svg" "$OUT/assets/favicon.svg"

# nb KEYS: case() arguments from each key of KEYS (newest first, one a
# line) to the next older one (OLDER) and the next newer one (NEWER)
nb() {
	{ tail -n +2 "$1"; echo; } >"$tmp/older"
	{ echo; sed '$d' "$1"; } >"$tmp/newer"
	OLDER=$(paste -d, "$1" "$tmp/older" | sed 's/^\([^,]*\),\(.*\)$/"\1", "\2"/' | paste -sd, -)
	NEWER=$(paste -d, "$1" "$tmp/newer" | sed 's/^\([^,]*\),\(.*\)$/"\1", "\2"/' | paste -sd, -)
	[ -n "$OLDER" ] || OLDER='"", ""' NEWER='"", ""'
}
# an item's link only when it is http(s); entities decoded (feeds write
# "&#038;" into links: a second '#' no browser reads as meant)
SAFE='_url = if(canonical_url ~ /^https?:\/\//i, html_unescape(canonical_url), "")'

# ---- the daily items ----
DATED='date_published ~ /^[0-9]{4}-[0-9]{2}-[0-9]{2}/'
ni-parse "$DAILY" >"$tmp/parsed" || rc=2
ni-map 'if exists title and title != null then title = html_unescape(string(title)) end' "$tmp/parsed" |
	ni-sort -k date_published:desc >"$tmp/all" || rc=2
ni-filter "$DATED" "$tmp/all" >"$tmp/dated"
[ "$(wc -l <"$tmp/dated")" -eq "$(wc -l <"$tmp/all")" ] || {
	echo "19-site: items without a date are left out of the archive (see 07-archives.sh)" >&2; rc=2; }
ni-summarize --tz UTC -b month "$tmp/dated" | ni-sort -k month:desc >"$tmp/months"
ni-render -F '{month}' "$tmp/months" | grep -E '^[0-9]{4}-[0-9]{2}$' >"$tmp/mkeys"
nb "$tmp/mkeys"
ni-map "_root = \"../../../../\"; _ym = date(date_published, \"%Y-%m\"); $SAFE
_o = case(_ym, $OLDER, \"\"); _n = case(_ym, $NEWER, \"\")
_prev_href = if(_o != \"\", \"../../\" + replace(_o, /-/, \"/\") + \"/index.html\", \"\")
_prev_label = if(_o != \"\", \"← \" + _o, \"\")
_next_href = if(_n != \"\", \"../../\" + replace(_n, /-/, \"/\") + \"/index.html\", \"\")
_next_label = if(_n != \"\", _n + \" →\", \"\")
_up_href = \"../../index.html\"; _up_label = \"All months\"
_c1_href = _up_href; _c1_label = \"Daily archive\"" "$tmp/dated" |
	ni-render -f html -T "$tmp/items.tpl" --tz UTC \
		-o "$OUT/archive/daily/{date_published|date:%Y/%m}/index.html" \
		--title 'Daily {date_published|date:%Y-%m}: {count} items' || rc=2
ni-map '_root = "../../"; _href = replace(month, /-/, "/") + "/index.html"
_label = month; _note = string(count) + " items"
_up_href = "../../index.html"; _up_label = "Home"' "$tmp/months" |
	ni-render -f html -T "$tmp/list.tpl" -o "$OUT/archive/daily/index.html" \
		--title "Daily archive: $(wc -l <"$tmp/dated") items by month" || rc=2

# ---- weekly and monthly digests: DIR KEY KIND PATTERN BADGE ----
LATEST_week= LATEST_month=
digests() {
	dir=$1 key=$2 kind=$3 pat=$4 badge=$5
	[ -n "$dir" ] && [ -d "$dir" ] || return 0
	ni-parse --body "$dir" >"$tmp/d.parsed" || rc=2
	ni-filter "$key ~ /$pat/" "$tmp/d.parsed" |
		ni-map "title = html_unescape(string(coalesce(title, \"\")))
title = if(title != \"\", title, \"$badge \" + $key)
_year = substr($key, 0, 4)" | ni-sort -k "$key:desc" >"$tmp/d" || rc=2
	[ -s "$tmp/d" ] || return 0
	ni-render -F "{$key}" "$tmp/d" | grep -E "$pat" >"$tmp/keys"
	cp "$tmp/keys" "$tmp/keys.$key"
	eval "LATEST_$key=\$(head -1 \"\$tmp/keys\")"
	nb "$tmp/keys"
	# the detail pages: <kind>/<key>.html
	mkdir -p "$OUT/$kind"
	ni-map "_root = \"../\"; _o = case($key, $OLDER, \"\"); _n = case($key, $NEWER, \"\")
_prev_href = if(_o != \"\", _o + \".html\", \"\"); _prev_label = if(_o != \"\", \"← \" + _o, \"\")
_next_href = if(_n != \"\", _n + \".html\", \"\"); _next_label = if(_n != \"\", _n + \" →\", \"\")
_up_href = \"../archive/$kind/\" + _year + \"/index.html\"; _up_label = \"$badge \" + _year
_c1_href = \"../archive/$kind/index.html\"; _c1_label = \"$badge archive\"
_c2_href = _up_href; _c2_label = _year
_badge = \"$badge\"; _period = $key + if(date_published != \"\", \" · \" + string(date_published), \"\")" "$tmp/d" |
		ni-render -f html -T "$tmp/detail.tpl" -o "$OUT/$kind/{$key}.html" --title '{title}' || rc=2
	# the year pages
	ni-summarize -b _year "$tmp/d" | ni-sort -k _year:desc >"$tmp/years"
	ni-render -F '{_year}' "$tmp/years" | grep -E '^[0-9]{4}$' >"$tmp/ykeys"
	nb "$tmp/ykeys"
	ni-map "_root = \"../../../\"; _o = case(_year, $OLDER, \"\"); _n = case(_year, $NEWER, \"\")
_prev_href = if(_o != \"\", \"../\" + _o + \"/index.html\", \"\"); _prev_label = if(_o != \"\", \"← \" + _o, \"\")
_next_href = if(_n != \"\", \"../\" + _n + \"/index.html\", \"\"); _next_label = if(_n != \"\", _n + \" →\", \"\")
_up_href = \"../index.html\"; _up_label = \"All years\"
_c1_href = _up_href; _c1_label = \"$badge archive\"
_href = \"../../../$kind/\" + $key + \".html\"; _label = title; _label_en = coalesce(title_en, title); _note = $key" "$tmp/d" |
		ni-render -f html -T "$tmp/list.tpl" -o "$OUT/archive/$kind/{_year}/index.html" \
			--title "$badge archive {_year}: {count}" || rc=2
	# the archive's index: the years
	mkdir -p "$OUT/archive/$kind"
	ni-map "_root = \"../../\"; _href = _year + \"/index.html\"; _label = _year
_note = string(count) + if(count = 1, \" digest\", \" digests\")
_up_href = \"../../index.html\"; _up_label = \"Home\"" "$tmp/years" |
		ni-render -f html -T "$tmp/list.tpl" -o "$OUT/archive/$kind/index.html" \
			--title "$badge archive" || rc=2
}
digests "$WEEKLY" week weekly '^[0-9]{4}-W[0-9]{2}$' Weekly
digests "$MONTHLY" month monthly '^[0-9]{4}-[0-9]{2}$' Monthly
# ---- the monthly reports' figures, under the names their bodies show:
# monthly/charts/<month>/*.svg from that month's daily items ----
if [ -s "$tmp/keys.month" ]; then
	IN=$(sed 's/.*/"&", 1/' "$tmp/keys.month" | paste -sd, -)
	ni-map "_m = date(date_published, \"%Y-%m\")
band = if(not exists confidence, \"unscored\", if(confidence >= 0.85, \"high (0.85 and above)\",
  if(confidence >= 0.5, \"medium (0.5 to 0.85)\", \"low (below 0.5)\")))" "$tmp/dated" |
		ni-filter "case(_m, $IN, 0) = 1" >"$tmp/mitems"
	chart() { # NAME FIELD TITLE
		ni-summarize -b "_m,$2" "$tmp/mitems" | ni-map '_month = _m; del _m' | ni-sort -k _month |
			ni-render -f svg -o "$OUT/monthly/charts/{_month}/$1.svg" \
				--title "$3, {_month}" || rc=2
	}
	chart theme-importance strategic_theme "Articles per strategic theme"
	chart category-distribution categories "Articles per category"
	chart confidence-distribution band "Articles per confidence band"
	chart regional-comparison regions "Articles per region"
	chart impact-urgency-matrix business_impact "Articles per business impact"
fi
# an archive without digests still has its index (every section links it)
for kind in weekly monthly; do
	[ -f "$OUT/archive/$kind/index.html" ] && continue
	mkdir -p "$OUT/archive/$kind"
	echo '{}' | ni-map '_root = "../../"; _up_href = "../../index.html"; _up_label = "Home"' |
		ni-render -f html -T "$S/head.html" -o "$OUT/archive/$kind/index.html" \
			--title "No $kind digests yet" || rc=2
	cat "$S/foot.html" | sed 's/{[^}]*}//g' >>"$OUT/archive/$kind/index.html"
done

# ---- the home page: job 6's items; the latest digests as neighbours ----
ni-filter 'not confidence != "" or confidence = 0 or confidence > 0.69' "$tmp/all" |
	ni-sort -k date_published:desc,confidence:desc -n "${SHOWN:-7}" >"$tmp/home"
ni-map "_root = \"\"; $SAFE
_prev_href = if(\"$LATEST_week\" != \"\", \"weekly/$LATEST_week.html\", \"\")
_prev_label = if(\"$LATEST_week\" != \"\", \"Latest weekly: $LATEST_week\", \"\")
_next_href = if(\"$LATEST_month\" != \"\", \"monthly/$LATEST_month.html\", \"\")
_next_label = if(\"$LATEST_month\" != \"\", \"Latest monthly: $LATEST_month\", \"\")
_up_href = \"archive/daily/index.html\"; _up_label = \"All items by month\"" "$tmp/home" |
	ni-render -f html -T "$tmp/items.tpl" -o "$OUT/index.html" \
		--title "The latest $(wc -l <"$tmp/home") items" || rc=2

# ---- search: the page, and job 8's two JSON files ----
echo '{}' | ni-map '_root = "../"; _up_href = "../index.html"; _up_label = "Home"' |
	ni-render -f html -T "$tmp/search.tpl" -o "$OUT/archive/search.html" --title Search || rc=2
OUT=$OUT sh "$J/08-search-index.sh" "$ITEMS" || rc=2
exit $rc
