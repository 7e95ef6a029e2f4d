# Job 20 (examples/jobs/20-notify.sh): the status notice, sent to a local
# HTTP sink (a python3 http.server on 127.0.0.1, a random port) that keeps
# each request's method, path, content type and body.  Checked with Python
# json and html.parser: the Bot API payload, the message's Telegram HTML
# (only <b> and <a>, every value escaped), the KST time, the details from
# ni against a count with PyYAML, and a note with exit 0 when nothing can
# be sent.
. "$NI_TESTS/lib.sh"
. "$NI_TESTS/jobs/common.sh"
C=${NI_CORPUS:-}
[ -n "$C" ] || C=$top/examples/items
cat >"$T/sink.py" <<'X'
import http.server, json, sys
log = open(sys.argv[1], "a", encoding="utf-8")
class H(http.server.BaseHTTPRequestHandler):
    def any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8", "replace")
        log.write(json.dumps({"method": self.command, "path": self.path,
                              "type": self.headers.get("Content-Type"), "body": body}) + "\n")
        log.flush()
        code = 500 if "fail" in self.path else 200
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok":true,"result":{}}' if code == 200 else
                         b'{"ok":false,"error_code":500,"description":"sink says no"}')
    do_POST = do_GET = do_PUT = any
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[2] + ".tmp", "w").write(str(s.server_address[1]))
import os; os.replace(sys.argv[2] + ".tmp", sys.argv[2])
s.serve_forever()
X
: >"$T/log"
$PY "$T/sink.py" "$T/log" "$T/port" &
sink=$!
trap 'kill $sink 2>/dev/null; rm -rf "$T"' EXIT
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
API=http://127.0.0.1:$(cat "$T/port")
export TELEGRAM_API=$API TELEGRAM_CHAT_ID=-100123 TELEGRAM_BOT_TOKEN=123:ABC-def
notify() { sh "$J/20-notify.sh" "$@"; }
HOSTILE=$(printf 'API <script>alert(1)</script> & "q" '"'"'s</b> \\ %s\n<a href="javascript:x">2nd line</a> &amp; 한국어' '%s')

# the checks, on the last request of the sink: ARGS want-status details run-url
check() {
	$PY - "$T/log" "$@" <<'X'
import datetime as dt, html, html.parser, json, os, re, sys
log, status, details, run = sys.argv[1:5]
reqs = [json.loads(l) for l in open(log, encoding="utf-8")]
errs = []
r = reqs[-1]
if r["method"] != "POST": errs.append("method %s" % r["method"])
if r["path"] != "/bot123:ABC-def/sendMessage": errs.append("path %s" % r["path"])
if (r["type"] or "").split(";")[0].strip() != "application/json": errs.append("type %s" % r["type"])
p = json.loads(r["body"])
if set(p) != {"chat_id", "text", "parse_mode", "disable_web_page_preview"}: errs.append("keys %s" % sorted(p))
if p.get("chat_id") != "-100123" or p.get("parse_mode") != "HTML" or p.get("disable_web_page_preview") is not True:
    errs.append("fields %r" % {k: p.get(k) for k in ("chat_id", "parse_mode", "disable_web_page_preview")})
text = p["text"]
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(convert_charrefs=True); s.tags, s.hrefs, s.data, s.open = [], [], [], []
    def handle_starttag(s, t, a):
        s.tags.append(t); s.open.append(t)
        if t == "a": s.hrefs.append(dict(a).get("href"))
    def handle_endtag(s, t):
        if not s.open or s.open.pop() != t: errs.append("</%s> unbalanced" % t)
    def handle_data(s, d): s.data.append(d)
h = P(); h.feed(text); h.close()
if set(h.tags) - {"b", "a"}: errs.append("tags %s" % sorted(set(h.tags)))
if h.open: errs.append("unclosed %s" % h.open)
# Telegram's HTML: named entities only &lt; &gt; &amp; &quot;
bad = set(re.findall(r"&([A-Za-z][A-Za-z0-9]*);", text)) - {"lt", "gt", "amp", "quot"}
if bad: errs.append("entities %s" % sorted(bad))
shown = "".join(h.data)
if details and details not in shown: errs.append("details not shown as text: %r" % shown[-200:])
word = {"success": "성공", "failure": "실패!"}.get(status, "Status: " + status)
if word not in shown: errs.append("no %r" % word)
now = os.environ.get("NI_NOW")
if now:
    k = dt.datetime.strptime(now, "%Y-%m-%dT%H:%M:%SZ") + dt.timedelta(hours=9)
    if k.strftime("%Y-%m-%d %H:%M:%S KST") not in shown: errs.append("time: %r" % shown[:120])
elif not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d KST", shown): errs.append("no KST time")
want_href = [run] if run.startswith("http") else []
if status == "success": want_href = ["https://suno7608.github.io/ai-trend-hub/"] + want_href
if h.hrefs != want_href: errs.append("links %s want %s" % (h.hrefs, want_href))
print("ok" if not errs else "; ".join(errs))
X
}

NI_NOW=2026-06-30T15:30:00Z notify --status=success --pipeline=daily --details="$HOSTILE" \
	--run-url='https://github.com/o/r/actions/runs/1?a=1&b="x"<y>' >"$T/out" 2>"$T/err"
rc_is "job 20: a success notice is sent" $? 0
eq "job 20: one request" "$(wc -l <"$T/log")" 1
eq "job 20: POST of application/json to /bot<TOKEN>/sendMessage; {chat_id, text, parse_mode HTML, no preview}; the hostile details and run URL escaped for Telegram's HTML (only <b>, <a>), 성공, the time in KST (Python json, html.parser)" \
	"$(NI_NOW=2026-06-30T15:30:00Z check success "$HOSTILE" 'https://github.com/o/r/actions/runs/1?a=1&b="x"<y>')" ok
has "job 20: says it was sent" "$T/err" 'notice sent'

notify --status=failure --pipeline=weekly --details="$HOSTILE" --run-url='javascript:alert(1)' 2>/dev/null
rc_is "job 20: a failure notice is sent (exit 0)" $? 0
eq "job 20: failure: 실패!, the details escaped, a javascript: run URL left out, the time in KST from the clock" \
	"$(check failure "$HOSTILE" 'javascript:alert(1)')" ok

notify --status=cancelled --pipeline='<i>custom</i>' --details='x < y' 2>/dev/null
eq "job 20: another status: the generic notice (Status: ...), an unknown pipeline escaped" \
	"$(check cancelled 'x < y' '')" ok
$PY - "$T/log" <<'X' >"$T/gen"
import json, sys
print(json.loads(json.loads(open(sys.argv[1]).read().splitlines()[-1])["body"])["text"].splitlines()[0])
X
has "job 20: the pipeline's name escaped" "$T/gen" '🔧 &lt;i&gt;custom&lt;/i&gt;'

# details from ni: today's items (KST) and their three leading tags,
# against a count with PyYAML
$PY - "$C" <<'X' >"$T/day"
import os, sys
sys.path.insert(0, os.environ["NI_TESTS"] + "/jobs")
import port
print(max(v["date_published"][:10] for _, v in port.items(sys.argv[1]) if isinstance(v.get("date_published"), str)))
X
d=$(cat "$T/day")
NI_NOW=${d}T01:00:00Z notify "$C" --pipeline=daily 2>/dev/null
rc_is "job 20: details from ni" $? 0
$PY - "$T/log" "$C" "$d" <<'X' >"$T/det"
import collections, json, os, re, sys
sys.path.insert(0, os.environ["NI_TESTS"] + "/jobs")
import port
text = json.loads(json.loads(open(sys.argv[1]).read().splitlines()[-1])["body"])["text"]
day = sys.argv[3]
rows = [v for _, v in port.items(sys.argv[2]) if str(v.get("date_published", ""))[:10] == day]
tags = collections.Counter(t for v in rows for t in set(v.get("tags") or []))
m = re.search(r"items today \((\S+)\): (\d+)(?:; top tags: (.*))?", text)
errs = []
if not m: errs.append("no details: %r" % text)
else:
    if m.group(1) != day or int(m.group(2)) != len(rows): errs.append("count %s %s want %s %d" % (m.group(1), m.group(2), day, len(rows)))
    got = re.findall(r"(\S+) \((\d+)\)", m.group(3) or "")
    if len(got) != min(3, len(tags)): errs.append("tags %s" % got)
    for t, n in got:
        if tags.get(t) != int(n): errs.append("tag %s: %s want %s" % (t, n, tags.get(t)))
    if got and any(n > min(int(x) for _, x in got) for t, n in tags.items() if t not in dict(got)):
        errs.append("a larger tag left out: %s" % tags.most_common(4))
print("ok" if not errs else "; ".join(errs))
X
eq "job 20: details from ni: the items of today (KST) and the three leading tags with their counts (PyYAML)" "$(cat "$T/det")" ok

# nothing can be sent: a note, exit 0, as the original
n=$(wc -l <"$T/log")
TELEGRAM_BOT_TOKEN= notify --details=x >"$T/out" 2>"$T/err"
rc_is "job 20: token unset: exit 0" $? 0
has "job 20: token unset: a note" "$T/err" 'not set'
eq "job 20: token unset: no request" "$(wc -l <"$T/log")" "$n"
env -u TELEGRAM_CHAT_ID sh "$J/20-notify.sh" --details=x >/dev/null 2>"$T/err"
rc_is "job 20: chat unset: exit 0" $? 0
has "job 20: chat unset: a note" "$T/err" 'not set'
TELEGRAM_BOT_TOKEN=fail notify --details=x >/dev/null 2>"$T/err"
rc_is "job 20: the API answers 500: exit 0" $? 0
has "job 20: the API answers 500: a note with its answer" "$T/err" 'not sent.*sink says no'
$PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' >"$T/closed"
TELEGRAM_API=http://127.0.0.1:$(cat "$T/closed") notify --details=x >/dev/null 2>"$T/err"
rc_is "job 20: nothing listens: exit 0" $? 0
has "job 20: nothing listens: a note" "$T/err" 'not sent'
DRY_RUN=1 notify --details=x >"$T/dry" 2>/dev/null
eq "job 20: DRY_RUN=1 prints the payload (JSON) and sends nothing" \
	"$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["parse_mode"])' "$T/dry")$(wc -l <"$T/log")" "HTML$((n + 1))"
kill $sink 2>/dev/null
