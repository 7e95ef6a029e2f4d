#!/bin/sh
# 14-newsletter.sh ITEMS - job 14 (newsletter_sender.py _load_news_items,
# main; ITEMS may also be a file of ni-parse's records): the newsletter's
# items for NL_LANG (ko, the default, or en), at most
# 12, as records {_path, date_published, source_name, categories, title,
# summary, canonical_url, emoji, newsletter_date} in the letter's order.
# The target day is DATE (YYYY-MM-DD), else today in Seoul (KST) of NI_NOW.
# Pool: items of the target day and the two before (newsletter_date =
# target); else, of the week up to it, only the latest day; else the latest
# day of all.  Dropped: relevance_score < 0.5 (when present), confidence
# < 0.6 (absent: kept), en items with neither title_en nor summary_en, an
# empty link, a link already taken (compared as ni compares links: in
# canonical form; the original compares the trimmed text).  Title: en
# title_en, else title; ko title, else title_en, else "Untitled"; as text
# (entities such as &#8217; decoded once, html_unescape).  Summary:
# the language's, else the other's, else description, white space
# collapsed, cut to 280 characters ("..." included).  Emoji: of the first
# category that has one, else 📰.
# What differs: the original's final sort (rank of the FIRST category:
# ai_commerce, ai_marketing, commerce, then the rest; then title) runs
# before the cut to 12, so it undoes the priority it set up just before
# (items in ai_marketing, ai_commerce, agentic or agentic_commerce first;
# for en, items with both title_en and summary_en first) and picks the 12
# alphabetically first titles.  Here the 12 are chosen by that priority,
# newest first (the original reads today's summaries before the archive;
# ties in file order), and then shown in the original's final order (first
# category's rank, then title), which is also the email's group order.
. "$(dirname "$0")/common.sh"
NL_LANG=${NL_LANG:-ko}
case $NL_LANG in ko) OTHER=en ;; en) OTHER=ko ;;
*) echo "14-newsletter: NL_LANG must be ko or en" >&2; exit 2 ;; esac
TARGET=${DATE:-$(TZ=Asia/Seoul date -d "$NOW" +%Y-%m-%d)}
kday() { date -u -d "$TARGET $1 day" +%Y-%m-%d; }
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
if [ -f "$ITEMS" ]; then   # records parsed already (17-send-once.sh parses once)
	cp "$ITEMS" "$tmp/all"
else
	ni-parse "$DAILY" >"$tmp/all" 2>/dev/null   # a broken document is job 2's report
fi
SELECTED=$TARGET
if ! ni-filter -q "date_published >= $(kday -2) and date_published <= $TARGET" "$tmp/all"; then
	ni-filter "date_published >= $(kday -6) and date_published <= $TARGET" "$tmp/all" >"$tmp/week" ||
		cp "$tmp/all" "$tmp/week"
	SELECTED=$(ni-sort -k date_published:desc -n 1 "$tmp/week" | ni-render -F '{date_published}')
	[ -n "$SELECTED" ] || { echo "14-newsletter: no items" >&2; exit 1; }
fi
LO=$SELECTED; [ "$SELECTED" = "$TARGET" ] && LO=$(kday -2)
if [ "$NL_LANG" = en ]; then
	EN='if not (title_en != "" or summary_en != "") then skip end
_full = if(title_en != "" and summary_en != "", 0, 1)'
	TITLE='html_unescape(string(if(title_en != "", title_en, title)))'
else
	EN='_full = 0'
	TITLE='html_unescape(string(if(title != "", title, if(title_en != "", title_en, "Untitled"))))'
fi
ni-filter "date_published >= $LO and date_published <= $SELECTED and
	not relevance_score < 0.5 and not confidence < 0.6" "$tmp/all" |
ni-map "$EN
_prio = if(categories in [ai_marketing, ai_commerce, agentic, agentic_commerce], 0, 1)
canonical_url = trim(coalesce(canonical_url, \"\"))" |
ni-sort -k _prio,_full,date_published:desc |
ni-filter --uniq canonical_url -m 12 -e 'canonical_url != ""' |
ni-map "title = $TITLE
summary = if(summary_$NL_LANG != \"\", summary_$NL_LANG,
	if(summary_$OTHER != \"\", summary_$OTHER, coalesce(description, \"\")))
summary = trunc(replace(trim(summary), /\\s+/, \" \"), 280, \"...\")
emoji = coalesce(first(case(categories, \"ai_commerce\", \"🛍️\", \"ai_marketing\", \"🎯\",
	\"commerce\", \"🛒\", \"marketing\", \"📣\", \"tech\", \"🤖\", \"strategy\", \"🧭\",
	\"ai_general\", \"🧠\")), \"📰\")
_rank = coalesce(case(first(categories), \"ai_commerce\", 0, \"ai_marketing\", 1, \"commerce\", 2, 9), 9)
newsletter_date = \"$SELECTED\"" |
ni-sort -k _rank,title |
ni-map 'keep _path, date_published, source_name, categories, title, summary, canonical_url, emoji, newsletter_date'
