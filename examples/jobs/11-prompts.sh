#!/bin/sh
# 11-prompts.sh ITEMS - job 11 (generate-weekly.js generateWeeklyDigest;
# monthly/prompts.js stage2User ... stage6User; generate-monthly.js
# generateSimple): the LLM prompts, assembled from the items and from the
# model's earlier answers (the calls themselves are out of scope), and
# the answers read back as records.  PROMPT picks one; each goes to stdout:
#   weekly   (default) the weekly digest's prompt: every article of WEEK
#            (09-weekly.sh: Sunday to Saturday, most confident first),
#            numbered [1..n], one block each (title; source, date,
#            confidence; categories; tags; summaries and so-whats, KO and
#            EN; key points joined by "; "; URL), blocks split by "---".
#   monthly  stage 2 of the monthly report: MONTH's articles
#            (12-monthly.sh, normalised) with confidence >= 0.85, most
#            confident first, numbered from 1, one line each: title |
#            theme | impact | sentiment | entities.  Fewer than 5: no
#            prompt, exit 0 (the original skips the report).
#   themes   the model's stage 2 answer (ANSWER=FILE, JSON Lines: one
#            theme per line) read back as records {theme_id (T1, T2 ...),
#            name, name_ko, importance_score, urgency, article_indices,
#            articles}; with OUT=DIR, also the stage 3 prompt of each
#            theme, DIR/MONTH-theme-N.txt: its articles renumbered 1..k
#            (title, summary, so what, URL).
#   stage4   the cross-theme synthesis: each theme "Tn: name (Importance,
#            Urgency)", then each stage 3 answer (ANSWER3=FILE, JSON
#            Lines, one theme's analysis a line): EN so-what, impact level
#            and rationale, competitive implications cut to 200 characters
#            and "...".
#   stage5   the frameworks: each theme with its analysis (impact level,
#            else N/A; D2C action cut to 150 characters), then the stage 4
#            answer's meta-narrative (ANSWER4=FILE, one JSON object).
#   stage6   the executive brief: MONTH in Korean and English, the counts
#            of articles and themes, the meta-narrative, the names of the
#            IMMEDIATE themes, the Act Now quadrant's theme ids of the
#            stage 5 answer (ANSWER5=FILE), else TBD.
#   simple   the fallback single prompt: MONTH's 30 most confident
#            articles (KO fields; fewer than 5 articles: none), then
#            the month's weekly digests ("Week W: title", "Top Trends:
#            a; b"), else "(none)".
# Templates: prompts/*.tpl next to this script (ni-render -T).
# What differs from the original:
# - the answers are asked for as JSON Lines, so that each theme or
#   analysis is a record ni reads as it is (no JSON surgery); code fences
#   are ignored.  A stage 4 or 5 answer is one object (its first line
#   that is one is used).
# - an answer line that is not JSON, a theme without name or index, an
#   analysis without a known theme_id are reported with their line
#   number and left out; an index outside 1..n is reported and dropped
#   (the original writes an empty article block for it).
# - a theme's stage 3 articles keep the stage 2 order (most confident
#   first), not the order of the model's list; a theme's name is one line.
# - cuts count characters (Hangul syllables, emoji), not UTF-16 units,
#   and "..." follows a cut text only; a missing value is empty, not
#   "undefined".
# The loop over themes only names the stage 3 files (one model call each).
. "$(dirname "$0")/common.sh"
P=$(dirname "$0")/prompts
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
number='n = nr; sep = if(nr > 1, "---\n", "")'   # [1..n] and the separators
oneline='replace(%s, /[\r\n\t\x{2028}\x{2029}]+/, " ")'
MONTH=${MONTH:-$(date -u -d "$(date -u -d "${NOW%%T*}" +%Y-%m-01) -1 day" +%Y-%m)}
export MONTH
rc=0
month_articles() { # the stage 2 articles, numbered
	sh "$(dirname "$0")/12-monthly.sh" "$ITEMS" | ni-filter 'confidence >= 0.85' |
		ni-sort -k confidence:desc | ni-map "$number" >"$tmp/month"
	[ $? -le 1 ]   # 1: none
}
report() { # RECORDS FILE MESSAGE: one line per record on stderr
	[ -s "$1" ] || return 0
	ni-render -F "11-prompts: $2:{_line}: $3" "$1" >&2
	rc=2
}
need() { # VAR: the answer file it names
	eval "_f=\${$1:-}"
	[ -n "$_f" ] || { echo "11-prompts: PROMPT=$PROMPT needs $1=FILE (the model's answer)" >&2; exit 2; }
}
read_answer() { # FILE OUT: the answer's JSON lines as records with _line
	# code fences and blank lines become placeholders (so that nr is the
	# line number); a line that is not JSON is reported by ni-map
	sed -e 's/^```.*$/{"_skip":1}/' -e 's/^[[:space:]]*$/{"_skip":1}/' "$1" >"$tmp/answer"
	ni-map '_line = nr' "$tmp/answer" >"$tmp/a0" 2>"$tmp/err" || rc=2
	sed "s|$tmp/answer|$1|" "$tmp/err" >&2
	ni-filter -v 'exists _skip' "$tmp/a0" >"$2"
}
read_themes() { # the stage 2 answer ($ANSWER) as theme records: $tmp/themes
	need ANSWER
	month_articles || exit 2
	n=$(wc -l <"$tmp/month")
	read_answer "$ANSWER" "$tmp/t1"
	ok='name != "" and exists article_indices'
	ni-filter -v "$ok" "$tmp/t1" >"$tmp/bad"
	report "$tmp/bad" "$ANSWER" 'a theme needs a name and article_indices; left out'
	ni-filter "$ok" "$tmp/t1" >"$tmp/t2"
	ni-filter "article_indices < 1 or article_indices > $n" "$tmp/t2" >"$tmp/bad"
	report "$tmp/bad" "$ANSWER" "\"{name}\": an index outside 1..$n ({article_indices}) is dropped"
	# case() keeps the elements it maps: the indices 1..n
	keep=$(seq 1 "$n" | sed 's/.*/&, &/' | paste -sd, -)
	ni-map "article_indices = case(article_indices, $keep); name_ko ?= name
name = $(printf "$oneline" name); name_ko = $(printf "$oneline" name_ko)
articles = len(article_indices); theme_id = \"T\" + string(nr)
keep theme_id, name, name_ko, importance_score, urgency, article_indices, articles, _line" "$tmp/t2" >"$tmp/themes"
}
read_analyses() { # the stage 3 answers ($ANSWER3): $tmp/analyses
	need ANSWER3
	read_answer "$ANSWER3" "$tmp/s1"
	ids=$(ni-render -F '{theme_id|json}' "$tmp/themes" | paste -sd, -)
	ni-filter -v "theme_id in [$ids]" "$tmp/s1" >"$tmp/bad"
	report "$tmp/bad" "$ANSWER3" 'an analysis needs the theme_id of a theme ({theme_id|"none"}); left out'
	ni-filter "theme_id in [$ids]" "$tmp/s1" >"$tmp/analyses"
}
read_object() { # VAR OUT: the first object of that answer
	need "$1"
	read_answer "$_f" "$tmp/o1"
	ni-render -F '{_line}' "$tmp/o1" | sed -n 2,\$p >"$tmp/extra"
	[ -s "$tmp/extra" ] && echo "11-prompts: $_f: one object expected; lines $(paste -sd, - <"$tmp/extra") left out" >&2 && rc=2
	head -n 1 "$tmp/o1" >"$2"
}
{ # the prompt, written at the end: a failed write is exit 2
case ${PROMPT:-weekly} in
weekly)
	WEEK=${WEEK:-$(date -u -d "${NOW%%T*}" +%G-W%V)}
	export WEEK
	week_days "$WEEK"
	sh "$(dirname "$0")/09-weekly.sh" "$ITEMS" | ni-map "$number" >"$tmp/week"
	[ $? -le 1 ] || exit 2   # 1: none
	[ -s "$tmp/week" ] || exit 0
	ni-render -T "$P/weekly.tpl" --title "$WEEK ($SUN to $SAT)" "$tmp/week"
	;;
monthly)
	month_articles || exit 2
	n=$(wc -l <"$tmp/month")
	[ "$n" -ge 5 ] || { echo "11-prompts: $MONTH has $n articles of confidence 0.85 and above (fewer than 5): no report" >&2; exit 0; }
	ni-render -T "$P/monthly-stage2.tpl" --title "$MONTH" "$tmp/month"
	;;
themes)
	read_themes
	cat "$tmp/themes"
	if [ -n "${OUT:-}" ]; then
		mkdir -p "$OUT"
		i=0
		ni-render -F '{article_indices|join:","}	{theme_id}: {name}' "$tmp/themes" | while IFS='	' read -r idx name; do
			i=$((i + 1))
			[ -n "$idx" ] || continue
			ni-filter "n in [$idx]" "$tmp/month" | ni-map 'n = nr' |
				ni-render -T "$P/monthly-stage3.tpl" --title "$name" -o "$OUT/$MONTH-theme-$i.txt"
		done
	fi
	;;
stage4)
	read_themes
	read_analyses
	ni-render -T "$P/monthly-stage4.tpl" --title "$MONTH" "$tmp/themes"
	ni-map 'sep = if(nr > 1, "\n", ""); c = coalesce(competitive_implications_en, "")
c = if(len(c) > 200, substr(c, 0, 200) + "...", c)' "$tmp/analyses" |
		ni-render -T "$P/monthly-stage4-analyses.tpl" --allow-empty
	;;
stage5)
	read_themes
	read_analyses
	read_object ANSWER4 "$tmp/synthesis"
	# each theme's analysis by theme_id (the first one wins): case()
	# pairs theme_id -> value, written as JSON by ni-render
	pairs() { ni-render -F "{theme_id|json}, {$1|json}" "$tmp/analyses" | sed 's/$/,/' | tr -d '\n'; }
	ni-map "sep = if(nr > 1, \"\\n\", \"\")
level = coalesce(case(theme_id, $(pairs impact_assessment.level) null), \"\")
level = if(level = \"\", \"N/A\", level)
action = coalesce(case(theme_id, $(pairs d2c_so_what_en) null), \"\"); action = substr(action, 0, 150)" "$tmp/themes" |
		ni-render -T "$P/monthly-stage5.tpl" --allow-empty
	ni-render -F 'META-NARRATIVE: {meta_narrative_en}' "$tmp/synthesis"
	cat "$P/monthly-stage5-ask.txt"
	;;
stage6)
	read_themes
	read_object ANSWER4 "$tmp/synthesis"
	read_object ANSWER5 "$tmp/frameworks"
	y=${MONTH%-*} m=${MONTH#*-}
	echo "Create a C-level executive brief for ${y}년 ${m#0}월 ($(LC_ALL=C date -u -d "$MONTH-01" +'%B %Y')) AI Trend Monthly Deep Dive."
	echo
	echo 'This brief must be readable in under 2 minutes and stand alone without the full report.'
	echo
	echo 'INPUT CONTEXT:'
	echo "- Total articles analyzed: $(wc -l <"$tmp/month")"
	echo "- Macro themes identified: $(wc -l <"$tmp/themes")"
	ni-render -F '- Meta-narrative: {meta_narrative_en}' "$tmp/synthesis"
	urgent=$(ni-filter 'urgency = "IMMEDIATE"' "$tmp/themes" | ni-render -F '{name}' | sed -e :a -e N -e '$!ba' -e 's/\n/, /g')
	echo "- Top urgent themes: $urgent"
	ni-map 'act = join(coalesce(impact_urgency_matrix.quadrants.high_impact_high_urgency.themes, []), ", ")
act = if(act = "", "TBD", act)' "$tmp/frameworks" | ni-render -F '- Act Now quadrant: {act}'
	cat "$P/monthly-stage6-ask.txt"
	;;
simple)
	# generate-monthly.js generateSimple: every article of MONTH (missing
	# confidence: 0), most confident first, the first 30; then the
	# month's weekly digests in file order
	{ ni-parse "$DAILY" || echo 2 >"$tmp/parse"; } | ni-filter "date_published = $MONTH" | ni-map 'confidence ?= 0' |
		ni-sort -k confidence:desc | ni-map "$number" >"$tmp/all"
	[ $? -le 1 ] || exit 2
	[ -e "$tmp/parse" ] && rc=2   # a broken item, reported by ni-parse
	n=$(wc -l <"$tmp/all")
	[ "$n" -ge 5 ] || { echo "11-prompts: $MONTH has $n articles (fewer than 5): no report" >&2; exit $rc; }
	ni-render -T "$P/simple.tpl" --limit 30 --title "$MONTH" "$tmp/all"
	if [ -n "$WEEKLY" ] && [ -d "$WEEKLY" ]; then
		ni-parse "$WEEKLY" | ni-filter "date_published = $MONTH" >"$tmp/weeks"
		[ $? -le 1 ] || exit 2
	fi
	if [ -s "$tmp/weeks" ]; then ni-render -T "$P/simple-weekly.tpl" --title "$MONTH" "$tmp/weeks"
	else printf 'Weekly:\n(none)\n'; fi
	printf '\nReturn ONLY valid JSON.\n'
	;;
*)
	echo "11-prompts: PROMPT is weekly, monthly, themes, stage4, stage5, stage6 or simple" >&2
	exit 2
	;;
esac
} >"$tmp/out"
cat "$tmp/out" 2>/dev/null || { echo "11-prompts: cannot write the prompt to stdout" >&2; exit 2; }
exit $rc
