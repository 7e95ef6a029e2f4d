#!/usr/bin/env python3
"""For the daily-email replay test: read a folder of items with PyYAML and
print, for the given ingest days, how many distinct articles the recipe
must mail: items ingested on day D (date_ingested) are eligible when
date_published >= D - 6 days (the run on D+1 uses --since 7d).  An
article is its canonical URL (scheme and host lower-cased, utm_*, fbclid,
gclid, fragment and trailing '/' dropped), else its id."""
import datetime, os, re, sys, urllib.parse, yaml

def canon(u):
    p = urllib.parse.urlsplit(u)
    q = "&".join(kv for kv in p.query.split("&")
                 if kv and not (kv.split("=")[0].startswith("utm_") and len(kv.split("=")[0]) > 4)
                 and kv.split("=")[0] not in ("fbclid", "gclid"))
    netloc = p.netloc
    if "@" in netloc:
        ui, host = netloc.rsplit("@", 1)
        netloc = ui + "@" + host.lower()
    else:
        netloc = netloc.lower()
    return p.scheme.lower() + "://" + netloc + p.path.rstrip("/") + ("?" + q if q else "")

folder, days = sys.argv[1], set(sys.argv[2:])
want = set()
for name in sorted(os.listdir(folder)):
    text = open(os.path.join(folder, name), encoding="utf-8").read()
    d = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", text, re.S).group(1))
    day = str(d.get("date_ingested", ""))[:10]
    if day not in days:
        continue
    first = datetime.date.fromisoformat(day) - datetime.timedelta(days=6)
    if str(d.get("date_published", "")) < first.isoformat():
        continue
    u = d.get("canonical_url") or ""
    want.add(canon(u) if u else "id:" + str(d.get("id")))
print(len(want))
