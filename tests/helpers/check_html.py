#!/usr/bin/env python3
"""check_html.py PAGE RECORDS - the page's markup comes from ni, not from
the records: only known elements and attributes, links only http(s) or
mailto, and every record title found back as text exactly (minus the
characters HTML forbids)."""
import json, re, sys
from html.parser import HTMLParser

TAGS = {"html", "head", "meta", "title", "style", "body", "input", "nav", "label",
        "main", "h1", "h2", "h3", "a", "p", "time", "div", "ul", "li", "article",
        "footer", "section", "table", "thead", "tbody", "tr", "th", "td", "figure",
        "svg", "rect", "text", "line", "dl", "dt", "dd"}
ATTRS = {"lang", "charset", "name", "content", "type", "id", "checked", "hidden", "for",
         "class", "href", "role", "width", "height", "viewbox", "font-family",
         "font-size", "x", "y", "fill", "text-anchor", "transform", "x1", "y1", "x2",
         "y2", "stroke", "xmlns"}

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad, self.texts, self.cur = [], [], None
    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.bad.append("element <%s>" % tag)
        for k, v in attrs:
            if k not in ATTRS:
                self.bad.append("attribute %s on <%s>" % (k, tag))
            if k == "href" and not re.match(r"(https?|mailto):", v or ""):
                self.bad.append("href %r" % v)
        if tag in ("h2", "h3"):
            self.cur = []
    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self.cur is not None:
            self.texts.append("".join(self.cur)); self.cur = None
    def handle_data(self, d):
        if self.cur is not None:
            self.cur.append(d)

def clean(s):
    return "".join(c for c in s if not (ord(c) < 0x20 and c not in "\t\n\r")
                   and not 0x7f <= ord(c) < 0xa0 and not 0xfdd0 <= ord(c) <= 0xfdef
                   and (ord(c) & 0xfffe) != 0xfffe)

p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
# HTML reads CR LF and CR as LF
want = [clean(json.loads(l).get("title", "")).replace("\r\n", "\n").replace("\r", "\n")
        for l in open(sys.argv[2], encoding="utf-8")]
missing = [t for t in want if t not in p.texts]
for b in p.bad:
    print("markup from data:", b)
for m in missing:
    print("title not found back:", repr(m[:80]))
sys.exit(1 if p.bad or missing or not want else 0)
