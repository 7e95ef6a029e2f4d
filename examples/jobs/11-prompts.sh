#!/bin/sh
# 11-prompts.sh ITEMS - job 11 (generate-weekly.js generateWeeklyDigest;
# monthly/prompts.js stage2User, stage3User; generate-monthly.js): the
# LLM prompts, assembled from the items (the calls themselves are out of
# scope), and the model's answer read back as records.  PROMPT picks one;
# each goes to stdout:
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
#            theme per line) read back as records {name, name_ko,
#            article_indices, articles}; with OUT=DIR, also the stage 3
#            prompt of each theme, DIR/MONTH-theme-N.txt: its articles
#            renumbered 1..k (title, summary, so what, URL).
# Templates: prompts/*.tpl next to this script (ni-render -T).
# What differs from the original:
# - the stage 2 answer is asked for as JSON Lines, so that each theme is a
#   record ni reads as it is (no JSON surgery); code fences are ignored.
# - an answer line that is not JSON, has no name or no index is reported
#   with its line number and left out; an index outside 1..n is reported
#   and dropped (the original writes an empty article block for it).
# - a theme's stage 3 articles keep the stage 2 order (most confident
#   first), not the order of the model's list.
# Stages 4 to 6 (built from stage 3's answers) and the simple fallback
# mode are not assembled here.  The loop over themes only names the
# stage 3 files (one model call each).
. "$(dirname "$0")/common.sh"
P=$(dirname "$0")/prompts
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
number='n = nr; sep = if(nr > 1, "---\n", "")'   # [1..n] and the separators
MONTH=${MONTH:-$(date -u -d "$(date -u -d "${NOW%%T*}" +%Y-%m-01) -1 day" +%Y-%m)}
export MONTH
month_articles() { # the stage 2 articles, numbered
	sh "$(dirname "$0")/12-monthly.sh" "$ITEMS" | ni-filter 'confidence >= 0.85' |
		ni-sort -k confidence:desc | ni-map "$number" >"$tmp/month"
	[ $? -le 1 ]   # 1: none
}
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
	[ -n "${ANSWER:-}" ] || { echo "11-prompts: PROMPT=themes needs ANSWER=FILE (the model's stage 2 answer)" >&2; exit 2; }
	month_articles || exit 2
	n=$(wc -l <"$tmp/month")
	# the answer's lines as records, numbered by line: code fences and
	# blank lines become placeholders (so that nr is the line number)
	sed -e 's/^```.*$/{"_skip":1}/' -e 's/^[[:space:]]*$/{"_skip":1}/' "$ANSWER" >"$tmp/answer"
	rc=0
	ni-map '_line = nr' "$tmp/answer" >"$tmp/t0" 2>"$tmp/err" || rc=2
	sed "s|$tmp/answer|$ANSWER|" "$tmp/err" >&2
	ni-filter -v 'exists _skip' "$tmp/t0" >"$tmp/t1"
	report() { # RECORDS MESSAGE: one line per record on stderr
		[ -s "$1" ] || return 0
		ni-render -F "11-prompts: $ANSWER:{_line}: $2" "$1" >&2
		rc=2
	}
	ok='name != "" and exists article_indices'
	ni-filter -v "$ok" "$tmp/t1" >"$tmp/bad"
	report "$tmp/bad" 'a theme needs a name and article_indices; left out'
	ni-filter "$ok" "$tmp/t1" >"$tmp/t2"
	ni-filter "article_indices < 1 or article_indices > $n" "$tmp/t2" >"$tmp/bad"
	report "$tmp/bad" "\"{name}\": an index outside 1..$n ({article_indices}) is dropped"
	# case() keeps the elements it maps: the indices 1..n
	keep=$(seq 1 "$n" | sed 's/.*/&, &/' | paste -sd, -)
	ni-map "article_indices = case(article_indices, $keep); name_ko ?= name
articles = len(article_indices); keep name, name_ko, article_indices, articles, _line" "$tmp/t2" >"$tmp/themes"
	cat "$tmp/themes"
	if [ -n "${OUT:-}" ]; then
		mkdir -p "$OUT"
		i=0
		ni-render -F '{article_indices|join:","}	{name}' "$tmp/themes" | while IFS='	' read -r idx name; do
			i=$((i + 1))
			[ -n "$idx" ] || continue
			ni-filter "n in [$idx]" "$tmp/month" | ni-map 'n = nr' |
				ni-render -T "$P/monthly-stage3.tpl" --title "$name" -o "$OUT/$MONTH-theme-$i.txt"
		done
	fi
	exit $rc
	;;
*)
	echo "11-prompts: PROMPT is weekly, monthly or themes" >&2
	exit 2
	;;
esac
