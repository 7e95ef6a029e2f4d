#!/bin/sh
# 18-generate.sh ITEMS [RECORDS...] - job 18 (generate.js slugify,
# generateFilename, generateId, buildFrontmatter, buildBody): the
# summarised records (NDJSON, files or stdin: the collector's records with
# the LLM's fields) written as daily item files under $OUT (default:
# ITEMS' daily folder): <date>__<src>__<slug>.md, the generator's front
# matter, in its order and with its defaults, and its body (ko and en
# blocks, key points).  Skipped, as in the original: a record without
# summaries whose confidence is 0 (the summariser failed), and a record
# whose file exists (a rerun with the same input writes nothing).  With
# STATE=FILE, the links of the records are marked there once written
# (03-seen.sh reads it; it replaces processed_urls.json).
# What differs from the original:
# - ids never repeat: daily_<YYYYMMDD>_<8 hex digits>, a digest of the
#   item's date, source and title, which its file name is made of.  The
#   original numbers ids by how many files carry TODAY's date, so items
#   published on other days collide (702 duplicate ids in the corpus).
#   ni-write refuses a second record with the same file name and leaves
#   existing files alone, so two files never share an id, and an item
#   gets the same id on every run.
# - values are written exactly (ni-write quotes what needs it, so any
#   YAML reader reads them back): the original leaves backslashes
#   unescaped and turns line breaks into spaces in some fields only.
# - date_ingested: the record's own when it has one, else now (NI_NOW).
# - a record whose date_published is not a date is reported, not written.
# - every file passes ni-parse --check (ni-write --check): a record with a
#   required field missing or empty (no link, no so_what_en, no source_id
#   ...), a bad date or a link that is not http(s) is reported and not
#   written, and the exit status is 2 (the original writes such files,
#   validate.js rejects them, and CI ignores it).
# - the link is canonical_url, else link (the summariser's records carry
#   link, which generate.js writes as canonical_url).
# - with STATE, the links of the files written this run are marked (the
#   original: the raw link of each file created); a refused record is
#   not, so it is tried again.
# Days are UTC days (--tz UTC), as in the original, whatever TZ says.
. "$(dirname "$0")/common.sh"
[ $# -gt 0 ] && shift
OUT=${OUT:-$DAILY}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
empty() { echo "not $1 != \"\" or $1 = false"; }   # missing, null, "" or false
ni-map --strict --tz UTC "
if ($(empty summary_ko)) and ($(empty summary_en)) and confidence = 0 then skip end
if $(empty date_published) then date_published = date(now()) end
_src = lower(replace(if(source_id != \"\", string(source_id), \"unknown\"), /[^A-Za-z0-9_]/, \"_\"))
id = \"daily_\" + date(date_published, \"%Y%m%d\") + \"_\" +
     hash(date_published + \" \" + _src + \" \" + string(coalesce(title, \"\")), 8)
date_ingested ?= now()
source_type = \"rss\"; language_original = \"en\"
if $(empty canonical_url) then canonical_url = coalesce(link, \"\") end
source_name ?= \"\"; source_url ?= \"\"; title ?= \"\"
one_line_insight_ko ?= \"\"; one_line_insight_en ?= \"\"
summary_ko ?= \"\"; summary_en ?= \"\"; so_what_ko ?= \"\"; so_what_en ?= \"\"
if $(empty strategic_theme) then strategic_theme = \"EMERGING_TECH\" end
if $(empty regions) then regions = [\"GLOBAL\"] end
if $(empty business_impact) then business_impact = \"MEDIUM\" end
if $(empty sentiment) then sentiment = \"NEUTRAL\" end
categories ?= []; tags ?= []; key_entities ?= []; key_points ?= []
if not confidence > 0 and not confidence < 0 then confidence = 0.5 end
relevance_score ?= 0.5
keep _src, id, date_published, date_ingested, source_name, source_id, source_type,
  source_url, title, canonical_url, language_original, categories, tags,
  strategic_theme, regions, business_impact, sentiment, key_entities,
  one_line_insight_ko, one_line_insight_en, summary_ko, summary_en,
  so_what_ko, so_what_en, key_points, confidence, relevance_score" "$@" >"$tmp/items"
rc=$?
[ $rc -le 1 ] && rc=0
write() { ni-write --check -b generate -N '{date_published}__{_src}__{slug}.md' -o "$OUT" "$@"; }
[ -z "${STATE:-}" ] || write -n "$tmp/items" >"$tmp/new" 2>/dev/null
write "$tmp/items" || rc=2
if [ -n "${STATE:-}" ] && [ -s "$tmp/new" ]; then
	ni-parse --files-from "$tmp/new" | ni-filter --mark "$STATE" --key canonical_url >/dev/null || rc=2
fi
exit $rc
