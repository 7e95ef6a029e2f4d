"""check_page.py PAGE.html CORPUS KIND PERIOD - read a weekly or monthly
digest page as a reader would, against the corpus read independently
(PyYAML through tests/jobs/port.py).  Prints "ok", or what is wrong.

  - the lead stories (articles) all come before the first table/chart
  - every lead story links to its article and, when the item has a
    so-what line, shows it labelled "So what:"
  - sections: stories most confident (then newest) first within a
    section, and the sections in the order of their first story
  - every table has a caption; every share says what it is a share of,
    and for the period's counts that is the number of the period's
    articles in the corpus (also the number in the page's title)
  - a "What is rising" table shows both periods and only rising rows
"""
import datetime as dt
import html.parser
import os
import re
import sys

sys.path.insert(0, os.path.join(os.environ["NI_TESTS"], "jobs"))
import port  # noqa: E402

page, corpus, kind, period = sys.argv[1:5]


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ev = []          # ("h2", text) ("article", dict) ("table",) ...
        self.stack = []
        self.art = None
        self.text = ""
        self.cap = None
        self.th = None
        self.td = None

    def handle_starttag(self, t, a):
        a = dict(a)
        self.stack.append(t)
        if t == "article":
            self.art = {"title": None, "href": None, "so": False}
        elif t in ("h2", "h3", "caption", "th", "td", "b"):
            self.text = ""
        if t == "a" and self.art is not None and self.art["href"] is None:
            self.art["href"] = a.get("href")
        if t == "table":
            self.ev.append(["table", None, [], []])
        if t == "figure":
            self.ev.append(["figure"])
        if t == "tr" and self.ev and self.ev[-1][0] == "table":
            self.ev[-1][3].append([])

    def handle_data(self, d):
        self.text += d

    def handle_endtag(self, t):
        if self.stack:
            self.stack.pop()
        txt = self.text.strip()
        if t == "h2" and self.art is None:
            self.ev.append(["h2", txt])
        elif t in ("h2", "h3") and self.art is not None and self.art["title"] is None:
            self.art["title"] = txt
        elif t == "b" and self.art is not None and txt == "So what:":
            self.art["so"] = True
        elif t == "article":
            self.ev.append(["article", self.art])
            self.art = None
        elif t == "caption":
            self.ev[-1][1] = txt
        elif t == "th" and self.ev and self.ev[-1][0] == "table":
            self.ev[-1][2].append(txt)
        elif t == "td" and self.ev and self.ev[-1][0] == "table" and self.ev[-1][3]:
            self.ev[-1][3][-1].append(txt)


p = Page()
p.feed(open(page, encoding="utf-8").read())
ev = p.ev
bad = []

# the period's articles, read independently
if kind == "month":
    arts = [v for _, v in port.month_items(corpus, period)]
else:
    mon = port.iso_monday(period)
    lo, hi = str(mon - dt.timedelta(days=1)), str(mon + dt.timedelta(days=5))
    arts = [v for _, v in port.items(corpus)
            if isinstance(v.get("date_published"), str)
            and lo <= v["date_published"][:10] <= hi]
n = len(arts)
by_title = {}
for v in arts:
    t = v.get("title_en") or v.get("title")
    by_title.setdefault(t, v)

title = re.search(r"<h1>([^<]*)</h1>", open(page, encoding="utf-8").read()).group(1)
m = re.search(r"(\d+) articles", title)
if not m or int(m.group(1)) != n:
    bad.append("title %r: want %d articles" % (title, n))

kinds = [e[0] for e in ev]
first_fig = min([i for i, k in enumerate(kinds) if k in ("table", "figure")] or [len(ev)])
leads = [e[1] for e in ev[:first_fig] if e[0] == "article"]
if len(leads) < 3:
    bad.append("only %d lead stories before the first table" % len(leads))
if any(e[0] == "article" for e in ev[first_fig:]):
    bad.append("a story after the first table")

sections, cur = [], None
for e in ev[:first_fig]:
    if e[0] == "h2":
        cur = []
        sections.append((e[1], cur))
    elif e[0] == "article" and cur is not None:
        cur.append(e[1])
for a in leads:
    v = by_title.get(a["title"])
    if v is None:
        bad.append("story %r is not one of the period's articles" % a["title"])
        continue
    if a["href"] != v.get("canonical_url"):
        bad.append("story %r links to %r" % (a["title"], a["href"]))
    if v.get("so_what_en") and not a["so"]:
        bad.append("story %r: no 'So what:' line" % a["title"])


def conf(a):
    """The pages' order: confidence, then date, both descending."""
    v = by_title.get(a["title"], {})
    return (port.conf(v), str(v.get("date_published") or ""))


firsts = []
for name, arts_ in sections:
    if not arts_:
        continue
    cs = [conf(a) for a in arts_]
    if cs != sorted(cs, reverse=True):
        bad.append("section %r not most confident first: %s" % (name, cs))
    firsts.append(cs[0])
if firsts != sorted(firsts, reverse=True):
    bad.append("sections not in the order of their most confident story: %s" % firsts)

tables = [e for e in ev if e[0] == "table"]
if len(tables) < 3:
    bad.append("only %d tables" % len(tables))
for _, cap, ths, rows in tables:
    if not cap:
        bad.append("a table without a caption: %s" % ths)
        continue
    if cap.startswith("What is rising"):
        ci = ths.index("change")
        for r in rows:
            if r and not int(r[ci]) > 0:
                bad.append("%r shows %r, which did not rise" % (cap, r))
        continue
    shares = [h for h in ths if h.startswith("share")]
    if not shares or not re.match(r"share of \d+ items", shares[0]):
        bad.append("%r: the share does not say of what: %s" % (cap, ths))
        continue
    of = int(re.match(r"share of (\d+)", shares[0]).group(1))
    if cap == "Items by confidence":
        want = sum(1 for v in arts if port.conf(v) or v.get("confidence") == 0)
        if of != want:
            bad.append("%r: share of %d items, %d have a confidence" % (cap, of, want))
    elif of != n:
        bad.append("%r: share of %d items, the period has %d" % (cap, of, n))

print("ok" if not bad else "; ".join(bad)[:600])
