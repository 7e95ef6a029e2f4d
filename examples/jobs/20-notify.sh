#!/bin/sh
# 20-notify.sh [ITEMS] [--status=S] [--pipeline=P] [--details=TEXT]
#              [--run-url=URL] - job 20 (scripts/notify-telegram.js): the
# pipeline's status notice, one per run, sent to Telegram.
#   status    success, failure or any other word (a generic notice with
#             "Status: ..."); default success
#   pipeline  daily, weekly, monthly, deploy (their names and icons as in
#             the original), or any other word ("🔧 word")
#   details   free text; when not given and ITEMS is, from ni: how many
#             items are dated today (KST) and the three leading tags of
#             them ("items today (2026-07-01): 14; top tags: ...")
#   run-url   the run's log (http or https only; anything else left out)
# The message (Telegram's HTML parse mode): an icon, the pipeline's name,
# "성공" or "실패!", the time in KST (YYYY-MM-DD HH:MM:SS KST, from NI_NOW),
# the details, links to the site (SITE_URL) and the run log.  It is POSTed
# as the Bot API's JSON {chat_id, text, parse_mode: "HTML",
# disable_web_page_preview: true} with curl to
# $TELEGRAM_API/bot$TELEGRAM_BOT_TOKEN/sendMessage (TELEGRAM_API default
# https://api.telegram.org; the URL reaches curl on stdin, not in its
# arguments, so the token is not in ps).  TELEGRAM_CHAT_ID names the chat.
# DRY_RUN=1: the payload on stdout, nothing sent.
# A notice never fails the pipeline: unset token or chat, or a failed send
# (no answer, an HTTP error): a note on stderr, exit 0, as the original.
# What differs: the details and URLs are escaped for Telegram's HTML (the
# original puts them in unescaped, so a '<' in details loses the message);
# the run URL must be http(s); the payload is built by ni-render's {x|json}.
. "$(dirname "$0")/common.sh"
STATUS=success PIPELINE=unknown DETAILS= RUN_URL= HAVE_DETAILS=
ITEMS=
for a; do
	case $a in
	--status=*) STATUS=${a#*=} ;;
	--pipeline=*) PIPELINE=${a#*=} ;;
	--details=*) DETAILS=${a#*=} HAVE_DETAILS=1 ;;
	--run-url=*) RUN_URL=${a#*=} ;;
	--*) echo "20-notify: unknown option $a" >&2 ;;
	*) ITEMS=$a ;;
	esac
done
note() { echo "20-notify: $*" >&2; exit 0; }
if [ -z "${DRY_RUN:-}" ] && { [ -z "${TELEGRAM_BOT_TOKEN:-}" ] || [ -z "${TELEGRAM_CHAT_ID:-}" ]; }; then
	note "TELEGRAM_BOT_TOKEN or TELEGRAM_CHAT_ID not set; no notice sent"
fi
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
# a shell value as an ni-expr string literal: '...' with \\ \' \t \n
q() {
	printf "'"
	printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g" -e 's/	/\\t/g' |
		awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }'
	printf "'"
}
TODAY=$(TZ=Asia/Seoul date -d "$NOW" +%Y-%m-%d)
if [ -z "$HAVE_DETAILS" ] && [ -n "$ITEMS" ]; then
	[ -d "$ITEMS/daily" ] && ITEMS=$ITEMS/daily
	ni-parse "$ITEMS" 2>/dev/null | ni-filter "date_published = $TODAY" >"$tmp/today"
	TAGS=$(ni-summarize -b tags --top 3 "$tmp/today" | ni-render -F '{tags} ({count})' | paste -sd, - | sed 's/,/, /g')
	DETAILS="items today ($TODAY): $(wc -l <"$tmp/today")${TAGS:+; top tags: $TAGS}"
fi
# the notice as a record; its message through ni-render -f html, where
# every value is escaped for HTML and only the fixed parts are markup
echo '{}' | ni-map "status = $(q "$STATUS"); pipeline = $(q "$PIPELINE")
details = $(q "$DETAILS"); run_url = $(q "$RUN_URL")
site = $(q "${SITE_URL:-https://suno7608.github.io/ai-trend-hub/}")
chat_id = $(q "${TELEGRAM_CHAT_ID:-}")
time = \"$(TZ=Asia/Seoul date -d "$NOW" '+%Y-%m-%d %H:%M:%S') KST\"
if not run_url ~ /^https?:\\/\\/[^\\s]+$/i then run_url = \"\" end
if not site ~ /^https?:\\/\\/[^\\s]+$/i then site = \"\" end
name = case(pipeline, \"daily\", \"📰 Daily Content Pipeline\", \"weekly\", \"📊 Weekly Digest Pipeline\",
	\"monthly\", \"📖 Monthly Deep Dive Pipeline\", \"deploy\", \"🚀 Deploy Pipeline\", \"🔧 \" + pipeline)" >"$tmp/rec" ||
	note "could not build the notice"
# the template language has no conditionals: the optional lines are
# chosen here, one template per case
{
	printf '{#item}'
	case $STATUS in
	success)
		printf '✅ <b>{name} 성공</b>\n⏰ {time}\n'
		[ -n "$DETAILS" ] && printf '\n📋 {details}'
		[ -n "$(ni-render -F '{site}' "$tmp/rec")" ] && printf '\n\n🌐 <a href="{site}">사이트 확인</a>'
		[ -n "$(ni-render -F '{run_url}' "$tmp/rec")" ] && printf ' | <a href="{run_url}">실행 로그</a>' ;;
	failure)
		printf '🚨 <b>{name} 실패!</b>\n⏰ {time}\n'
		[ -n "$DETAILS" ] && printf '\n❌ <b>오류:</b> {details}'
		[ -n "$(ni-render -F '{run_url}' "$tmp/rec")" ] && printf '\n\n🔍 <a href="{run_url}">실행 로그 확인</a>'
		printf '\n\n⚠️ 확인이 필요합니다.' ;;
	*)
		printf 'ℹ️ <b>{name}</b>\n⏰ {time}\nStatus: {status}\n'
		[ -n "$DETAILS" ] && printf '\n{details}' ;;
	esac
	printf '{/item}\n'
} >"$tmp/msg.tpl"
ni-render -f html -T "$tmp/msg.tpl" "$tmp/rec" >"$tmp/msg" || note "could not build the message"
# the payload: the message is text already (HTML for Telegram), so it is
# only quoted for JSON: {text|json} under any -f is never escaped again
# (-T, not -F, which makes a value one line)
printf '%s\n' '{#item}{{"chat_id":{chat_id|json},"text":{text|json},"parse_mode":"HTML","disable_web_page_preview":true}}{/item}' >"$tmp/payload.tpl"
ni-map "text = $(q "$(cat "$tmp/msg")")" "$tmp/rec" |
	ni-render -f json -T "$tmp/payload.tpl" >"$tmp/payload" ||
	note "could not build the payload"
if [ -n "${DRY_RUN:-}" ]; then
	cat "$tmp/payload"
	exit 0
fi
printf 'url = "%s/bot%s/sendMessage"\n' "${TELEGRAM_API:-https://api.telegram.org}" "$TELEGRAM_BOT_TOKEN" |
	curl -sS -K - --fail-with-body --max-time "${TIMEOUT:-20}" -X POST \
		-H 'Content-Type: application/json' --data-binary "@$tmp/payload" \
		-o "$tmp/answer" 2>"$tmp/err" ||
	note "the notice was not sent: $(head -c 300 "$tmp/err" | tr '\n' ' ')$(head -c 300 "$tmp/answer" 2>/dev/null)"
echo "20-notify: notice sent ($STATUS, $PIPELINE)" >&2
