#!/usr/bin/env python3
"""check_write.py NAMES INPUT OUTDIR BACK [--body]

Checks what ni-write wrote into OUTDIR from the records in INPUT, with
readers independent of ni:

  NAMES   "default": the source generator's names, computed here with a
          Python port of its slugify ({date_published}__{source_id}__{slug}.md);
          "id": {id}.md.  A name seen before is a collision: ni-write must
          have refused that record, so it is not expected in OUTDIR.
  BACK    ni-parse OUTDIR (with --body: ni-parse --body OUTDIR), which lists
          the files in name order.

Checks: the files in OUTDIR are exactly the expected names (items in =
files out + collisions); each record read back by ni-parse equals its
input record without "_" keys (strictly: types too, and key order); PyYAML's
safe loader (pure Python and C) reads each front matter to the same value;
with --body, _body is the input's _body when it had one, else the
generator's body, whose lang blocks give _body_ko/_body_en = the
summaries.  Prints one line per problem, then a summary; exit 1 on any."""
import json, os, re, sys
import yaml

names_mode, inp, outdir, back = sys.argv[1:5]
body = "--body" in sys.argv[5:]

# JavaScript's \s, as in the generator's slugify
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005" \
           "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def slugify(t):
    t = t.lower()
    t = "".join(c for c in t if ("a" <= c <= "z") or ("0" <= c <= "9")
                or c == "-" or c in JS_SPACE)
    t = re.sub("[" + re.escape(JS_SPACE) + "]+", "-", t)
    t = re.sub("-+", "-", t)
    t = re.sub("^-|-$", "", t)
    return t[:50]


def text(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return json.dumps(v)


def name_of(r):
    if names_mode == "id":
        return text(r.get("id")) + ".md"
    return "%s__%s__%s.md" % (text(r.get("date_published")),
                              text(r.get("source_id")),
                              slugify(text(r.get("title"))))


def strict(v):
    """a canonical text that tells types apart (1 / 1.0 / true)"""
    return json.dumps(v, ensure_ascii=False)


def gen_body(r):
    parts = []
    ko, en = r.get("summary_ko"), r.get("summary_en")
    if ko:
        parts += ['<div class="lang-ko">', "", ko, "", "</div>"]
    if en:
        parts += ['<div class="lang-en" style="display:none">', "", en, "", "</div>"]
    pts = [p for p in (r.get("key_points") or []) if p is not None]
    if pts:
        parts += ["", "## Key Points", ""] + ["- " + text(p) for p in pts]
    return ("\n" + "\n".join(parts) + "\n") if parts else ""


problems = 0


def bad(msg):
    global problems
    problems += 1
    if problems <= 20:
        print(msg)


expected = {}
collisions = 0
nin = 0
for line in open(inp, encoding="utf-8"):
    if not line.strip():
        continue
    nin += 1
    r = json.loads(line)
    n = name_of(r)
    if n in expected:
        collisions += 1
        continue
    expected[n] = r

files = sorted(f for f in os.listdir(outdir))
if set(files) != set(expected):
    extra = sorted(set(files) - set(expected))[:3]
    missing = sorted(set(expected) - set(files))[:3]
    bad(f"files differ: unexpected {extra}, missing {missing}")

loaders = [("PyYAML", yaml.SafeLoader)]
if hasattr(yaml, "CSafeLoader"):
    loaders.append(("PyYAML-C", yaml.CSafeLoader))

got = [json.loads(l) for l in open(back, encoding="utf-8")]
paths = [os.path.basename(g["_path"]) for g in got]
if paths != sorted(paths, key=lambda s: s.encode()):
    bad("ni-parse did not list the files in name order")
for g in got:
    f = os.path.basename(g["_path"])
    r = expected.get(f)
    if r is None:
        continue
    want = {k: v for k, v in r.items() if not k.startswith("_")}
    have = {k: v for k, v in g.items() if not k.startswith("_")}
    if strict(want) != strict(have):
        bad(f"{f}: ni-parse reads back {strict(have)[:300]}\n   written from {strict(want)[:300]}")
    doc = open(os.path.join(outdir, f), encoding="utf-8").read()
    if not doc.startswith("---\n") or "\n---\n" not in doc:
        bad(f"{f}: no front matter fences")
        continue
    fm = doc[4:doc.index("\n---\n") + 1]
    for lname, loader in loaders:
        try:
            y = yaml.load(fm, Loader=loader)
            if strict(y) != strict(want):
                bad(f"{f}: {lname} reads {strict(y)[:300]}\n   written from {strict(want)[:300]}")
        except Exception as e:  # a date object, a parse error...
            bad(f"{f}: {lname}: {type(e).__name__}: {str(e)[:200]}")
    if body:
        wb = r["_body"] if "_body" in r else gen_body(r)
        if g.get("_body") != wb:
            bad(f"{f}: _body {g.get('_body')!r:.200} want {wb!r:.200}")
        if "_body" not in r:
            for lang in ("ko", "en"):
                s = r.get("summary_" + lang)
                w = s.strip(" \t\r\n") if s else None
                if g.get("_body_" + lang) != w:
                    bad(f"{f}: _body_{lang} {g.get('_body_' + lang)!r:.100} want {w!r:.100}")

print(f"{nin} records in, {collisions} name collisions, {len(files)} files out, "
      f"{len(got)} read back, {problems} problems")
sys.exit(1 if problems or not got else 0)
