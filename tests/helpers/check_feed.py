#!/usr/bin/env python3
"""check_feed.py FEED RECORDS - feedparser reads the feed without error,
with one entry per record and the same titles (minus what XML forbids)."""
import json, sys
import feedparser

def clean(s):
    s = "".join(c for c in s if not (ord(c) < 0x20 and c not in "\t\n\r")
                and not 0x7f <= ord(c) < 0xa0 and not 0xfdd0 <= ord(c) <= 0xfdef
                and (ord(c) & 0xfffe) != 0xfffe)
    return " ".join(s.split())

d = feedparser.parse(sys.argv[1])
want = [clean(json.loads(l)["title"]) for l in open(sys.argv[2], encoding="utf-8")]
got = [" ".join(e.title.split()) for e in d.entries]
ok = not d.bozo and got == want
if not ok:
    print("bozo:", d.bozo, d.get("bozo_exception"))
    for g, w in zip(got, want):
        if g != w: print("  got", repr(g[:60]), "want", repr(w[:60]))
    print(len(got), "entries,", len(want), "records")
sys.exit(0 if ok else 1)
