#!/usr/bin/env python3
"""mail_once.py EML WANT LANG: does the letter show each story once?

EML is a message of ni-render -f email (through examples/jobs/16-email.sh),
WANT the port's view of it (port_news.py 16: {"subject"}, then
{"section", "titles"} per section).  Read with Python's email module; in
the HTML part every <style> element, <input> element, class and hidden
attribute is removed first (what a mail client may drop), then:
  - each title appears exactly once in the HTML's text, in the order of
    WANT, and so does each section heading;
  - the text part carries the same titles in the same order;
  - no form element, no CSS that hides content, <html lang=LANG>.
Prints "ok" or what is wrong."""
import email
import email.policy
import html.parser
import json
import re
import sys

raw = open(sys.argv[1], "rb").read()
want = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
lang = sys.argv[3]
titles = [t for s in want[1:] for t in s["titles"]]
heads = [s["section"] for s in want[1:] if s["section"]]
m = email.message_from_bytes(raw, policy=email.policy.default)
parts = {p.get_content_type(): p.get_content() for p in m.iter_parts()}
h, t = parts.get("text/html", ""), parts.get("text/plain", "")
errs = []
low = h.lower()
for bad in ("<input", "<form", "<select", "<textarea", "<button", "<label",
            "display:none", "display: none", "visibility:hidden", "max-height:0",
            " hidden", ":checked"):
    if bad in low:
        errs.append("HTML has %r" % bad)
if not re.search(r'<html lang="%s"' % lang, h):
    errs.append("not <html lang=%s>" % lang)
# what a mail client that drops forms and CSS would keep
s = re.sub(r"(?is)<style\b.*?</style\s*>", "", h)
s = re.sub(r"(?is)<input\b[^>]*>", "", s)
s = re.sub(r"""(?is)\s(class|hidden)(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?(?=[\s/>])""", "", s)


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, a):
        if tag in ("head", "script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("head", "script", "style"):
            self.skip -= 1

    def handle_data(self, d):
        if not self.skip:
            self.out.append(d)


p = Text()
p.feed(s)
norm = lambda x: " ".join(x.split())
shown = norm(" ".join(p.out))
pos = 0
for x in titles + heads:
    n = shown.count(norm(x))
    if n != 1:
        errs.append("%d times in the HTML: %r" % (n, x[:60]))
for x in titles:
    i = shown.find(norm(x), pos)
    if i < 0:
        errs.append("HTML order: %r" % x[:60])
        break
    pos = i
# the text part: the same titles in the same order (lines are wrapped:
# compared without white space)
flat = "".join(t.split())
pos = 0
for x in titles:
    i = flat.find("".join(x.split()), pos)
    if i < 0:
        errs.append("text part: missing or out of order: %r" % x[:60])
        break
    pos = i + 1
if not titles:
    errs.append("no titles")
print("ok" if not errs else "; ".join(errs))
