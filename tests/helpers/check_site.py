#!/usr/bin/env python3
"""check_site.py CHECK ARGS - independent checks of a static site (for
tests/t/site.sh), with Python's html.parser only:

  links OUT          every internal href/src of every page resolves to a
                     file under OUT, and every page is reachable from
                     OUT/index.html through such links
  safe FILE...       nothing active in the pages' digest bodies or items:
                     no script/style/iframe/object/embed/form/input/
                     button/svg/math/base/meta-refresh element inside
                     <main>, no on* or style attribute, no href/src whose
                     scheme (read as a browser reads it) is not http,
                     https or mailto
  titles OUT         no heading or link text shows a character reference
                     (&#8217; or &amp;name; read back as text)
  korean OUT CORPUS  each digest's Korean title (read with PyYAML) is the
                     <h1> of its page, and the Korean summaries of the
                     items of one month appear in that month's page
  hits FILE          the data-id of each search hit in a --dump-dom, one
                     a line, in order
Prints problems and exits 1 when there are any."""
import html
import html.parser
import os
import re
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []        # (attr, value)
        self.elems = []        # (tag, attrs, inside <main>)
        self.texts = []        # (tag stack top, text)
        self.stack = []
        self.main = 0
        self.hits = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.main += 1
        self.elems.append((tag, attrs, self.main > 0))
        for k, v in attrs:
            if k in ("href", "src") and v is not None:
                self.links.append((tag, k, v))
        if tag == "li" and "hit" in (a.get("class") or "").split():
            self.hits.append(a.get("data-id") or "")
        if tag not in ("br", "hr", "img", "input", "meta", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "main":
            self.main -= 1
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.texts.append((tuple(self.stack), data))


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


def pages(out):
    for d, _, fs in os.walk(out):
        for f in fs:
            if f.endswith(".html"):
                yield os.path.join(d, f)


def scheme(url):
    """The scheme a browser reads: controls and spaces at the ends and
    TAB/LF/CR inside dropped; None for a relative link."""
    u = re.sub(r"[\t\n\r]", "", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                            "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                            "\x1c\x1d\x1e\x1f ")
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", u)
    return m.group(1).lower() if m else None


def links(out):
    bad = []
    out = os.path.abspath(out)
    graph = {}
    for path in pages(out):
        p = parse(path)
        graph[path] = set()
        for tag, attr, v in p.links:
            if scheme(v) is not None:
                continue
            target = urllib.parse.urlsplit(v).path
            full = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(target))) \
                if target else path
            if target.endswith("/"):
                full = os.path.join(full, "index.html")
            if not full.startswith(out + os.sep) and full != out:
                bad.append("%s: %s=%r leaves the site" % (path, attr, v))
            elif not os.path.isfile(full):
                bad.append("%s: %s=%r: no such file" % (os.path.relpath(path, out), attr, v))
            elif full.endswith(".html"):
                graph[path].add(full)
    start = os.path.join(out, "index.html")
    seen, todo = {start}, [start]
    while todo:
        for n in graph.get(todo.pop(), ()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    for path in sorted(graph):
        if path not in seen:
            bad.append("%s: not reachable from index.html" % os.path.relpath(path, out))
    print("%d pages, %d internal links" % (len(graph), sum(len(v) for v in graph.values())))
    return bad


ACTIVE = {"script", "style", "iframe", "object", "embed", "form", "input", "button",
          "select", "textarea", "svg", "math", "base", "frame", "frameset", "applet",
          "template", "link", "meta"}


def safe(files):
    bad = []
    for path in files:
        p = parse(path)
        for tag, attrs, in_main in p.elems:
            if in_main and tag in ACTIVE and not (tag == "input" and dict(attrs).get("id") == "q"):
                bad.append("%s: <%s> in the page's content" % (path, tag))
            for k, v in attrs:
                if k.startswith("on") or k in ("style", "formaction", "srcdoc", "action"):
                    bad.append("%s: <%s %s=%r>" % (path, tag, k, v))
                if k in ("href", "src", "background", "poster", "data", "xlink:href") and v is not None:
                    s = scheme(v)
                    if s is not None and s not in ("http", "https", "mailto"):
                        bad.append("%s: <%s %s=%r>" % (path, tag, k, v))
    return bad


def titles(out):
    bad = []
    for path in pages(out):
        p = parse(path)
        for stack, text in p.texts:
            if not set(stack) & {"h1", "h2", "h3", "a", "title", "strong"}:
                continue
            if re.search(r"&#[0-9xX]|&[A-Za-z][A-Za-z0-9]*;", text):
                bad.append("%s: title text %r" % (os.path.relpath(path, out), text.strip()[:80]))
    return bad


def korean(out, corpus):
    import yaml
    bad = []
    n = 0
    for kind, key in (("weekly", "week"), ("monthly", "month")):
        d = os.path.join(corpus, kind)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                doc = fh.read()
            fm = yaml.safe_load(doc.split("\n---", 1)[0][4:]) if doc.startswith("---\n") else None
            if not isinstance(fm, dict) or not fm.get(key) or not fm.get("title"):
                continue
            page = os.path.join(out, kind, "%s.html" % fm[key])
            if not os.path.isfile(page):
                bad.append("%s: no page %s" % (f, page))
                continue
            p = parse(page)
            h1 = "".join(t for s, t in p.texts if s and s[-1] == "h1")
            if h1 != html.unescape(str(fm["title"])):
                bad.append("%s: h1 %r, want %r" % (page, h1, fm["title"]))
            # a Korean line of the body is in the page, intact
            ko = [l.strip("#*>- ").strip() for l in doc.split("\n---", 2)[-1].splitlines()
                  if re.search("[\uac00-\ud7a3]", l) and not l.lstrip().startswith(("|", "<", "["))
                  and "**" not in l and "*" not in l and "`" not in l and "[" not in l and "_" not in l]
            text = "".join(t for _, t in p.texts)
            for line in ko[:3]:
                if line and line not in text:
                    bad.append("%s: Korean line %r not in the page" % (page, line[:60]))
            n += 1
    print("%d digest pages checked" % n)
    return bad


def main():
    what = sys.argv[1]
    if what == "links":
        bad = links(sys.argv[2])
    elif what == "safe":
        bad = safe(sys.argv[2:])
    elif what == "titles":
        bad = titles(sys.argv[2])
    elif what == "korean":
        bad = korean(sys.argv[2], sys.argv[3])
    elif what == "hits":
        p = Page()
        with open(sys.argv[2], encoding="utf-8") as f:
            p.feed(f.read())
        print("\n".join(p.hits))
        return 0
    else:
        print("check_site.py: unknown check " + what, file=sys.stderr)
        return 2
    for b in bad[:30]:
        print(b)
    if len(bad) > 30:
        print("... %d problems in all" % len(bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
