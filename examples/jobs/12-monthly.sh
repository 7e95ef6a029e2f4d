#!/bin/sh
# 12-monthly.sh ITEMS - job 12 (monthly/pipeline.js runStage1Local): the
# month's articles, normalised for the monthly report.  MONTH=YYYY-MM
# (default: the previous month).  strategic_theme, when empty, comes from
# the categories (the last one that maps wins; ai_commerce maps to
# AI_COMMERCE, which the original forgets); regions default to GLOBAL and
# are upper-cased; business_impact MEDIUM, sentiment NEUTRAL, key_entities
# [] when empty.
. "$(dirname "$0")/common.sh"
MONTH=${MONTH:-$(date -u -d "$(date -u -d "${NOW%%T*}" +%Y-%m-01) -1 day" +%Y-%m)}
empty() { echo "not $1 != \"\" or $1 = false"; }
ni-parse "$DAILY" | ni-filter "date_published = $MONTH" | ni-map "
if $(empty strategic_theme) then strategic_theme = coalesce(last(case(categories,
    \"agentic_commerce\", \"AI_AGENT\", \"commerce\", \"AI_COMMERCE\",
    \"ai_commerce\", \"AI_COMMERCE\", \"marketing\", \"AI_MARKETING\",
    \"ai_marketing\", \"AI_MARKETING\", \"strategy\", \"DATA_STRATEGY\",
    \"tech\", \"EMERGING_TECH\")), \"EMERGING_TECH\") end;
regions ?= [\"GLOBAL\"]; regions = upper(regions);
if $(empty business_impact) then business_impact = \"MEDIUM\" end;
if $(empty sentiment) then sentiment = \"NEUTRAL\" end;
if $(empty key_entities) then key_entities = [] end"
