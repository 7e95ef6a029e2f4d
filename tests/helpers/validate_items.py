#!/usr/bin/env python3
"""An independent count of ni-parse --check's findings on a folder of items:
the rules of the pipeline's validate.js (docs/jobs.md, job 2), read with
PyYAML.  Prints "ERRORS N", "WARNINGS N", then one "E|W FILE FIELD" line
per finding, sorted."""
import os, re, sys, yaml

REQUIRED = ["id", "date_published", "source_name", "source_id", "title",
            "canonical_url", "categories", "summary_ko", "summary_en",
            "so_what_ko", "so_what_en"]

def missing(v):
    # falsy but not the number 0: None, "", False; [] passes
    return v is None or v is False or v == ""

def main(folder):
    found, ids = [], {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md"):
            continue
        path = os.path.join(folder, name)
        text = open(path, encoding="utf-8").read()
        m = re.match(r"---\r?\n(.*?)\r?\n---\r?\n", text, re.S)
        if not m:
            continue
        d = yaml.safe_load(m.group(1)) or {}
        for k in REQUIRED:
            if missing(d.get(k)):
                found.append(("E", name, k))
        v = d.get("date_published")
        if not missing(v) and not (isinstance(v, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", v)):
            found.append(("E", name, "date_published"))
        v = d.get("canonical_url")
        if not missing(v) and not (isinstance(v, str) and re.match(r"https?://[^/\s]", v, re.I)):
            found.append(("E", name, "canonical_url"))
        v = d.get("categories")
        if not missing(v) and not isinstance(v, list):
            found.append(("E", name, "categories"))
        v = d.get("tags")
        if v is not None and not isinstance(v, list):
            found.append(("W", name, "tags"))
        v = d.get("summary_ko")
        if isinstance(v, str) and len(v) > 500:
            found.append(("W", name, "summary_ko"))
        v = d.get("confidence")
        if isinstance(v, (int, float)) and not isinstance(v, bool) and not 0 <= v <= 1:
            found.append(("W", name, "confidence"))
        v = d.get("id")
        if isinstance(v, (str, int)) and v != "":
            if v in ids:
                found.append(("W", name, "id"))
            ids.setdefault(v, name)
    print("ERRORS", sum(1 for f in found if f[0] == "E"))
    print("WARNINGS", sum(1 for f in found if f[0] == "W"))
    for f in sorted(found):
        print(" ".join(f))

main(sys.argv[1])
