# The newsletter jobs 14-17 (examples/jobs/14-17), each compared with an
# independent Python port of the original rule (tests/jobs/port_news.py) on
# the real corpus (else the samples).  Where the original has a quirk, both
# follow what the job intends; the test names say so ("CORRECTED: ...").
. "$NI_TESTS/lib.sh"
. "$NI_TESTS/jobs/common.sh"
port() { $PY "$top/tests/jobs/port_news.py" "$@"; }
C=${NI_CORPUS:-}
[ -n "$C" ] || C=$top/examples/items
export NI_NOW=2026-07-01T05:00:00Z
# NI_NOW values: a three-day hit, the week's latest day, the latest day of all
if [ -n "${NI_CORPUS:-}" ]; then
	NOWS="2026-07-01T05:00:00Z 2026-06-24T06:00:00Z 2026-01-20T06:00:00Z 2026-02-11T06:00:00Z 2024-03-25T06:00:00Z"
	WEEKDAY=2026-01-20T06:00:00Z WEEKDAY_SEL=2026-01-16 ALLDAY=2026-02-11T06:00:00Z
	DAYS="2026-01-16 2026-01-17 2026-01-19 2026-01-20 2026-01-21 2026-01-25 2026-01-29 2026-02-02 2026-02-07 2026-02-08 2026-02-11"
	HDAYS="2026-06-23 2026-06-30 2026-03-10 2026-05-20"
else
	NOWS="2026-11-20T06:00:00Z 2026-11-27T06:00:00Z 2026-10-11T06:00:00Z 2026-09-01T06:00:00Z"
	WEEKDAY=2026-10-11T06:00:00Z WEEKDAY_SEL=2026-10-08 ALLDAY=2026-09-01T06:00:00Z
	DAYS="2026-10-11 2026-10-12 2026-10-13 2026-10-14 2026-11-14 2026-11-27 2026-11-28 2026-11-30 2026-12-01"
	HDAYS="2026-11-20 2026-11-27"
fi
K=_path,title,summary,canonical_url,emoji,newsletter_date,categories

# ---- 14 newsletter selection -------------------------------------------------
for now in $NOWS; do
	for L in ko en; do
		NL_LANG=$L NI_NOW=$now sh "$J/14-newsletter.sh" "$C" >"$T/14" 2>"$T/14.err"
		NI_NOW=$now port 14 "$C" $L >"$T/14.want"
		cmpj "job 14 $L at $now: window, thresholds, 12 by priority, titles, 280-character summaries, emoji (CORRECTED: the final sort orders the 12, it no longer picks them)" "$T/14" "$T/14.want" $K
	done
done
NI_NOW=$WEEKDAY sh "$J/14-newsletter.sh" "$C" >"$T/14w" 2>/dev/null
has "job 14: no item in three days: the week's latest day ($WEEKDAY_SEL)" "$T/14w" "\"newsletter_date\":\"$WEEKDAY_SEL\""
NI_NOW=$ALLDAY sh "$J/14-newsletter.sh" "$C" >"$T/14a" 2>/dev/null
D=$C; [ -d "$C/daily" ] && D=$C/daily
last=$(ni-parse "$D" 2>/dev/null | ni-sort -k date_published:desc -n 1 | ni-render -F '{date_published}')
has "job 14: no item in the week: the latest day of all ($last)" "$T/14a" "\"newsletter_date\":\"$last\""
# the checks the port's equality rests on, read independently
$PY - "$T/14" "$C" <<'X' >"$T/14.chk"
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
bad = [r["title"] for r in rs if len(r["summary"]) > 280]
print("ok" if len(rs) <= 12 and not bad else "long: %s" % bad[:2])
X
eq "job 14: at most 12 items, no summary over 280 characters (code points, Korean too)" "$(cat "$T/14.chk")" ok
NI_NOW=2026-07-01T05:00:00Z sh "$J/14-newsletter.sh" "$C" >"$T/14k" 2>/dev/null
if [ -n "${NI_CORPUS:-}" ]; then
	NL_LANG=en NI_NOW=2026-07-01T05:00:00Z sh "$J/14-newsletter.sh" "$C" >"$T/14e" 2>/dev/null
	has "job 14: a long summary is cut to 277 characters and '...'" "$T/14e" '[^ ]\.\.\."'
	# the priority is kept: with 50+ items in three days the twelve are
	# all in a priority category (the original's title sort picks others)
	$PY - "$T/14k" <<'X' >"$T/14.prio"
import json, sys
P = {"ai_marketing", "ai_commerce", "agentic", "agentic_commerce"}
rs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print(sum(1 for r in rs if P & set(r["categories"])))
X
	[ "$(cat "$T/14.prio")" -ge 6 ] && ok "job 14: CORRECTED: priority categories lead the selection ($(cat "$T/14.prio") of 12)" ||
		ko "job 14 priority" "$(cat "$T/14.prio")"
fi
NL_LANG=fr sh "$J/14-newsletter.sh" "$C" >/dev/null 2>&1
rc_is "job 14: NL_LANG other than ko/en is an error" $? 2

# ---- 16 email ------------------------------------------------------------------
printf '%s\n' '{"email":" Reader@Example.COM "}' '{"email":"reader@example.com"}' \
	'{"email":"bad@@example.com"}' '{"email":"x@example.com\nBcc: evil@example.net"}' \
	'{"email":"second@example.org"}' '{"name":"no address"}' >"$T/rcpt"
for now in 2026-07-01T05:00:00Z $WEEKDAY; do
	for L in ko en; do
		rm -rf "$T/mail"
		NL_LANG=$L NI_NOW=$now RECIPIENTS=$T/rcpt OUT=$T/mail sh "$J/16-email.sh" "$C" 2>/dev/null
		rc_is "job 16 $L at $now: written" $? 0
		eml=$(ls "$T/mail"/*.eml 2>/dev/null | head -1)
		NI_NOW=$now port 16 "$C" $L >"$T/16.want"
		$PY - "$eml" "$T/16.want" $L <<'X' >"$T/16.r"
import email, email.header, email.policy, html.parser, json, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
want = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
errs = []
if str(m["Subject"]) != want[0]["subject"]:
    errs.append("subject %r" % str(m["Subject"]))
if m["From"] != m["To"] or m.get("Bcc") or m.get("Cc"):
    errs.append("From/To/Bcc")
if m.get_content_type() != "multipart/alternative":
    errs.append("type")
parts = [p.get_content_type() for p in m.iter_parts()]
if parts != ["text/plain", "text/html"]:
    errs.append("parts %s" % parts)
if any(p.get_content_charset() != "utf-8" for p in m.iter_parts()):
    errs.append("charset")
h = [p for p in m.iter_parts()][1].get_content()
class P(html.parser.HTMLParser):
    # the letter: h2 a section heading, h3 an item's title
    out = []; cur = None; buf = ""
    def handle_starttag(self, t, a):
        if t in ("h2", "h3"):
            self.cur = t; self.buf = ""
    def handle_data(self, d):
        if self.cur: self.buf += d
    def handle_endtag(self, t):
        if t == self.cur:
            self.out.append((t == "h3", " ".join(self.buf.split()))); self.cur = None
p = P(); p.feed(h)
got, sec = [], None
for art, d in p.out:
    if not art:
        sec = {"section": d, "titles": []}; got.append(sec)
    else:
        if sec is None:
            sec = {"section": None, "titles": []}; got.append(sec)
        sec["titles"].append(d)
if got != want[1:]:
    errs.append("sections got %s want %s" % (json.dumps(got, ensure_ascii=False)[:300],
                                             json.dumps(want[1:], ensure_ascii=False)[:300]))
print("ok" if not errs else "; ".join(errs))
X
		eq "job 16 $L at $now: one multipart/alternative message (text, HTML; UTF-8), the subject, sections in order under the original headings of the language, headings only for two or more (Python email; CORRECTED: one Other section)" "$(cut -c1-600 "$T/16.r")" ok
		$PY "$top/tests/jobs/mail_once.py" "$eml" "$T/16.want" $L >"$T/16.once"
		eq "job 16 $L at $now: one language, each story once: without <style>, <input>, class and hidden every title shows exactly once, no form or hiding CSS; the text part has the same stories in the same order (Python email)" "$(cut -c1-600 "$T/16.once")" ok
	done
done
port 16rcpt "$T/rcpt" >"$T/rcpt.want"
same "job 16: recipients lower-cased, valid, each once (a newline in an address is not a header)" "$(ls "$T/mail"/*.rcpt | head -1)" "$T/rcpt.want"
NI_NOW=2026-07-01T05:00:00Z RECIPIENTS=$T/rcpt sh "$J/16-email.sh" "$C" >/dev/null 2>"$T/16rcpt.err"
has "job 16: an address left out is named with its record" "$T/16rcpt.err" 'record 3: "bad@@example.com" is not an address; left out'
eq "job 16: every address left out is named (invalid, newline, none)" "$(grep -c 'is not an address' "$T/16rcpt.err")" 3
if command -v mshow >/dev/null 2>&1; then
	mshow -t "$eml" >"$T/mshow" 2>&1
	has "job 16: mshow reads the parts" "$T/mshow" 'text/plain.*' 
fi
# hostile titles: no header, no markup, no end-of-message line
mkdir -p "$T/h"
for i in 1 2 3; do
	{ echo '---'; echo "id: \"h$i\""; echo 'date_published: "2026-06-30"'
	  echo 'source_name: "S"'; echo 'source_id: "s"'
	  case $i in
	  1) echo 'title: "Bcc: victim@example.com\r\nSubject: pwned <script>alert(1)</script>"' ;;
	  2) echo 'title: "two\n.\nlines & <b>bold</b> \"quoted\" '"'"'q'"'"'"' ;;
	  3) echo 'title: ".\r\n.\n"' ;;
	  esac
	  echo "canonical_url: \"https://e.example/h$i\""; echo 'categories: ["ai_commerce"]'
	  echo 'summary_ko: "<img src=x onerror=alert(1)> 요약"'; echo 'summary_en: "e"'
	  echo 'confidence: 0.9'; echo '---'; echo; echo body; } >"$T/h/h$i.md"
done
NI_NOW=2026-07-01T05:00:00Z RECIPIENTS=$T/rcpt sh "$J/16-email.sh" "$T/h" >"$T/h.eml" 2>/dev/null
rc_is "job 16 on hostile titles" $? 0
$PY - "$T/h.eml" <<'X' >"$T/h.r"
import email, email.policy, html.parser, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
errs = []
if m.get("Bcc") or str(m["Subject"]).find("pwned") >= 0:
    errs.append("header injected")
if any(l.strip() == b"." for l in raw.split(b"\n")):
    errs.append("a line holding only '.'")
h = [p for p in m.iter_parts()][1].get_content()
class P(html.parser.HTMLParser):
    tags = set()
    def handle_starttag(self, t, a):
        self.tags.add(t)
        if any(k.startswith("on") for k, _ in a): errs.append("event attribute")
p = P(); p.feed(h)
for bad in ("script", "img", "b"):
    if bad in p.tags: errs.append("markup <%s>" % bad)
if "<script>alert(1)</script>" not in h.replace("&lt;", "<").replace("&gt;", ">"):
    errs.append("title text lost")
print("ok" if not errs else "; ".join(errs))
X
eq "job 16: hostile titles inject no header, no markup, no lone '.' line (Python email, html.parser)" "$(cat "$T/h.r")" ok
RECIPIENTS=/dev/null sh "$J/16-email.sh" "$C" >/dev/null 2>&1
rc_is "job 16: no valid recipient: exit 1" $? 1

# ---- 17 send-once state ----------------------------------------------------------
printf '%s\n' $DAYS >"$T/days"
rm -rf "$T/s17"; mkdir -p "$T/s17"
for d in $DAYS; do
	NI_NOW=${d}T06:00:00Z OUT=$T/s17 RECIPIENTS=$T/rcpt sh "$J/17-send-once.sh" "$C" 2>/dev/null
done >"$T/17"
port 17 "$C" "$T/days" >"$T/17.want"
cmpj "job 17: a cron replay of $(echo $DAYS | wc -w) days, ko then en: the same send/skip decision per day and language (CORRECTED: each language its own content dates)" "$T/17" "$T/17.want"
has "job 17: a fallback day's content is not sent twice" "$T/17" '"action":"content-sent"'
$PY - "$T/17" <<'X' >"$T/17.r"
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
fb = [r for r in rs if r["action"] == "send" and r["selected"] != r["date"]]
print("ok" if {r["lang"] for r in fb} == {"ko", "en"} and
      all(any(x["lang"] == "en" and x["date"] == r["date"] and x["action"] == "send" for x in fb)
          for r in fb if r["lang"] == "ko") else "fallback sends: %s" % fb[:3])
X
eq "job 17: CORRECTED: on every fallback day ko sends, en sends too (the original skipped en)" "$(cat "$T/17.r")" ok
# the same day again: both skipped; with ALLOW_RESEND both sent
d=$(tail -1 "$T/days")
NI_NOW=${d}T07:00:00Z OUT=$T/s17 RECIPIENTS=$T/rcpt sh "$J/17-send-once.sh" "$C" >"$T/17b" 2>/dev/null
eq "job 17: a second run the same day sends nothing" "$(grep -c '"action":"send"' "$T/17b")" 0
tail -2 "$T/17" | grep -c '"action":"send"' >"$T/17n"
[ "$(cat "$T/17n")" = 0 ] || eq "job 17: a language sent today is skipped as sent-today" "$(grep -c '"action":"sent-today"' "$T/17b")" "$(cat "$T/17n")"
NI_NOW=${d}T07:00:00Z ALLOW_RESEND=1 OUT=$T/s17 RECIPIENTS=$T/rcpt sh "$J/17-send-once.sh" "$C" >"$T/17c" 2>/dev/null
eq "job 17: ALLOW_RESEND=1 sends again" "$(grep -c '"action":"send"' "$T/17c")" 2
head -1 "$T/s17/newsletter.state" >"$T/17.magic"
has "job 17: the state is an ni state file" "$T/17.magic" '^# ni-state 1$'

# ---- 15 fuzzy dedupe against the sent titles ---------------------------------------
# history = the titles of the 30 dates before the day (as if all were sent)
agree=0 total=0 exact_bad=0
for d in $HDAYS; do
	$PY - "$C" "$d" >"$T/hist" <<'X'
import json, os, sys
sys.path.insert(0, os.environ["NI_TESTS"] + "/jobs")
import port
rows = [v for _, v in port.items(sys.argv[1]) if isinstance(v.get("date_published"), str)]
dates = sorted({v["date_published"] for v in rows if v["date_published"] < sys.argv[2]})[-30:]
for v in rows:
    if v["date_published"] in dates:
        print(json.dumps({"date": v["date_published"], "title": v["title"]}, ensure_ascii=False))
X
	NI_NOW=${d}T06:00:00Z HISTORY=$T/hist sh "$J/15-dedupe.sh" "$C" >"$T/15" 2>/dev/null
	NI_NOW=${d}T06:00:00Z port 14 "$C" ko >"$T/15.cand"
	port 15 "$T/hist" "$T/15.cand" "$d" >"$T/15.want"
	set -- $($PY - "$T/15.cand" "$T/15" "$T/15.want" <<'X'
import json, sys
load = lambda p: [json.loads(l)["_path"].split("/")[-1] for l in open(p, encoding="utf-8")]
c, g, w = load(sys.argv[1]), set(load(sys.argv[2])), set(load(sys.argv[3]))
print(sum(1 for x in c if (x in g) == (x in w)), len(c))
X
)
	agree=$((agree + $1)) total=$((total + $2))
done
echo "jobs_news: job 15: ni --near-dup title:0.3 and SequenceMatcher >= 0.55 agree on $agree of $total candidates" >&2
[ "$total" -gt 0 ] && [ $((agree * 100)) -ge $((total * 85)) ] &&
	ok "job 15: CORRECTED: 3-gram similarity (ni --near-dup) instead of SequenceMatcher: the same decision on $agree of $total candidates (at least 85%)" ||
	ko "job 15: agreement with SequenceMatcher" "$agree of $total"
# the issue's pair, a distinct title, and the target day's own titles
printf '%s\n' '{"date":"2026-06-28","title":"Walmart expands AI agent checkout to more stores"}' \
	'{"date":"2026-07-01","title":"Identical title sent today"}' >"$T/h15"
printf '%s\n' '{"_path":"a.md","title":"Target expands AI agent checkout to more stores"}' \
	'{"_path":"b.md","title":"Identical title sent today"}' \
	'{"_path":"c.md","title":"Shopify opens its catalogue to assistants"}' >"$T/c15"
cat "$T/h15" | ni-filter 'date != 2026-07-01' | ni-map '_history = true' >"$T/h15b"
cat "$T/h15b" "$T/c15" | ni-filter --near-dup title:0.3 | ni-filter 'not exists _history' >"$T/15s"
port 15 "$T/h15" "$T/c15" 2026-07-01 >"$T/15s.want"
cmpj "job 15: Walmart/Target dropped, a title of the target day does not count, a distinct one kept (ni and SequenceMatcher)" "$T/15s" "$T/15s.want" _path
# recording: the day replaced, 30 dates kept
rm -rf "$T/s15"; mkdir -p "$T/s15"
$PY - "$C" >"$T/s15/sent_titles.ndjson" <<'X'
import json, datetime as dt
for i in range(35):
    d = str(dt.date(2026, 5, 1) + dt.timedelta(days=i))
    print(json.dumps({"date": d, "title": "Old title number %d about nothing in particular" % i}))
print(json.dumps({"date": "2026-07-01", "title": "A title to be replaced"}))
X
cp "$T/s15/sent_titles.ndjson" "$T/h0"
NI_NOW=2026-07-01T05:00:00Z OUT=$T/s15 RECORD=1 sh "$J/15-dedupe.sh" "$C" >"$T/15r" 2>/dev/null
port 15record "$T/h0" "$T/15r" 2026-07-01 >"$T/15r.want"
cmpj "job 15: recording replaces the day's titles and keeps the 30 newest dates" "$T/s15/sent_titles.ndjson" "$T/15r.want" date,title

# a letter shortened by the history says so (a rerun the same day against
# that history leaves out every item that was recorded)
NI_NOW=2026-07-01T05:00:00Z HISTORY=$T/s15/sent_titles.ndjson DATE=2026-07-02 sh "$J/15-dedupe.sh" "$C" >"$T/15s" 2>"$T/15s.err"
n15=$(wc -l <"$T/15r") k15=$(wc -l <"$T/15s")
if [ "$n15" -gt "$k15" ]; then
	has "job 15: the items left out are counted on stderr" "$T/15s.err" "items left out, near a title already sent.*; $k15 kept"
else
	hasnt "job 15: nothing left out, nothing said" "$T/15s.err" "left out"
fi

# ---- ni-map: a line break after 'end' ends the statement (found by job 14) --------
echo '{"a":1}' | ni-map 'if a = 1 then b = 2 end
c = 3' >"$T/m" 2>&1
eq "ni-map: a line break after 'end' separates statements" "$(cat "$T/m")" '{"a":1,"b":2,"c":3}'
echo '{"a":1}' | ni-map 'if a = 1 then b = 2 end c = 3' >/dev/null 2>&1
rc_is "ni-map: 'end' then a statement on the same line is still an error" $? 2
