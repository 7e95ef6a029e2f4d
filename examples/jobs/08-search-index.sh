#!/bin/sh
# 08-search-index.sh ITEMS - job 8 (build.js indexData, buildSearchIndex,
# stripHtml): the site's two JSON files, written under $OUT (default:
# stdout gets search-index.json).
#   index.json (indented): generated_at, counts, daily[] {id, title,
#     date_published, source_name, categories, tags, canonical_url} of
#     every daily item (newest first, as 01-load.sh), weekly[] {week,
#     title or "Week <w> Digest"}, monthly[] {month, title or "<m> Deep
#     Dive"}, newest first.
#   search-index.json (compact): {items, categories}; an item: type, id,
#     title, title_en, date, source, categories, tags, summary_ko/en,
#     so_what_ko/en, body_text, url, page_url.  daily: id (else the file
#     name), date = date_published, page_url = its month's archive page
#     (archive/daily/YYYY/MM/index.html, as build.js; 07-archives.sh),
#     body_text 500 characters; weekly: id = date = week, tags =
#     top_keywords, url "", page_url = weekly/<week>.html,
#     body_text 800; monthly: id = date = month, tags [],
#     featured_reports, monthly/<month>.html, 800.  categories: the
#     distinct non-empty categories of the daily items.
# body_text is the body as plain text (strip_markup: tags, Markdown
# marks, table pipes and rules out, white space collapsed), cut to 500 or
# 800 characters (grapheme clusters: Korean and emoji are never split).
# What differs from the original:
# - titles are text: entities such as &#8217; decoded once (html_unescape)
# - entities are decoded (&amp; is "&"): the original strips tags from
#   marked's HTML and keeps its entities, so searches and snippets show
#   "&amp;" and "&#39;".
# - title_en is the item's title_en when it has one (the original copies
#   title, the Korean title, into title_en).
# - categories are listed in alphabetical order (the original: first seen).
# - a missing text is "" and a missing list [] in every item, so each item
#   has the same keys.
. "$(dirname "$0")/common.sh"
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
rc=0
load() { # DIR KEY OUT: the documents of DIR, newest first by KEY
	: >"$3"
	[ -n "$1" ] && [ -d "$1" ] || return 0
	ni-parse --body "$1" >"$tmp/parsed" || rc=2   # a bad document is reported, the rest go on
	ni-sort -k "$2:desc" "$tmp/parsed" >"$3" || rc=2
}
load "$DAILY" date_published "$tmp/daily"
load "$WEEKLY" week "$tmp/weekly"
load "$MONTHLY" month "$tmp/monthly"

# the text fields every search item has ("" when missing)
TEXTS='title ?= ""; summary_ko ?= ""; summary_en ?= ""; so_what_ko ?= ""; so_what_en ?= ""'
FIELDS='type, id, title, title_en, date, source, categories, tags, summary_ko,
  summary_en, so_what_ko, so_what_en, body_text, url, page_url'
ni-map "type = \"daily\"; $TEXTS; if title ~ /&/ then title = html_unescape(title) end
id = if(id != \"\", id, replace(_path, /^(.*\\/)?(.*?)(\\.md)?\$/, \"\$2\"))
title_en = if(title_en != \"\", title_en, title)
date = coalesce(date_published, \"\"); source = coalesce(source_name, \"\")
categories ?= []; tags ?= []
body_text = substr(strip_markup(coalesce(_body, \"\")), 0, 500)
url = coalesce(canonical_url, \"\")
page_url = if(date ~ /^[0-9]{4}-[0-9]{2}/,
  \"archive/daily/\" + substr(date, 0, 4) + \"/\" + substr(date, 5, 2) + \"/index.html\", \"\")
keep $FIELDS" "$tmp/daily" >"$tmp/search" || rc=2
ni-map "type = \"weekly\"; $TEXTS; id = string(week); date = id
title_en = if(title_en != \"\", title_en, title); source = \"\"
categories = []; tags = coalesce(top_keywords, [])
body_text = substr(strip_markup(coalesce(_body, \"\")), 0, 800)
url = \"\"; page_url = \"weekly/\" + id + \".html\"
keep $FIELDS" "$tmp/weekly" >>"$tmp/search" || [ ! -s "$tmp/weekly" ] || rc=2
ni-map "type = \"monthly\"; $TEXTS; id = string(month); date = id
title_en = if(title_en != \"\", title_en, title); source = \"\"
categories = []; tags = []; featured_reports ?= []
body_text = substr(strip_markup(coalesce(_body, \"\")), 0, 800)
url = \"\"; page_url = \"monthly/\" + id + \".html\"
keep $FIELDS, featured_reports" "$tmp/monthly" >>"$tmp/search" || [ ! -s "$tmp/monthly" ] || rc=2
ni-summarize -b categories --sort key "$tmp/daily" | ni-filter 'categories != ""' |
	ni-render -F '{categories|json}' >"$tmp/cats"

search_index() { # compact JSON: the records joined by commas
	printf '{"items":['; paste -sd, "$tmp/search" | tr -d '\n'
	printf '],"categories":['; paste -sd, "$tmp/cats" | tr -d '\n'; printf ']}\n'
}
if [ -z "${OUT:-}" ]; then
	search_index
	exit $rc
fi
mkdir -p "$OUT"
# a file whose content is unchanged is left as it was (mtime too)
put() { if cmp -s "$1.tmp" "$1"; then rm -f "$1.tmp"; else mv "$1.tmp" "$1"; fi; }
search_index >"$OUT/search-index.json.tmp" && put "$OUT/search-index.json"
{
	printf '{\n  "generated_at": "%s",\n' "$NOW"
	printf '  "counts": {"daily": %d, "weekly": %d, "monthly": %d},\n' \
		"$(wc -l <"$tmp/daily")" "$(wc -l <"$tmp/weekly")" "$(wc -l <"$tmp/monthly")"
	printf '  "daily": '
	ni-map 'if title ~ /&/ then title = html_unescape(title) end; keep id, title, date_published, source_name, categories, tags, canonical_url' "$tmp/daily" | ni-render -f json
	printf ',\n  "weekly": '
	ni-map 'title = if(title != "", title, "Week " + string(week) + " Digest"); keep week, title' "$tmp/weekly" | ni-render -f json
	printf ',\n  "monthly": '
	ni-map 'title = if(title != "", title, string(month) + " Deep Dive"); keep month, title' "$tmp/monthly" | ni-render -f json
	printf '}\n'
} >"$OUT/index.json.tmp" && put "$OUT/index.json"
exit $rc
