#!/usr/bin/env python3
"""The same job as ni-parse, in Python with PyYAML's C loader: walk the
folders, split the front matter, write one JSON record per document."""
import datetime, json, os, sys
import yaml

Loader = yaml.CSafeLoader

def norm(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v

out = sys.stdout
for top in sys.argv[1:]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith(".") or not f.endswith((".md", ".markdown")):
                continue
            p = os.path.join(root, f)
            text = open(p, encoding="utf-8").read()
            if not text.startswith("---"):
                continue
            fm = text[3:].split("\n---", 1)[0]
            d = yaml.load(fm, Loader=Loader)
            d = {k: norm(v) for k, v in d.items()}
            d["_path"] = p
            out.write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
