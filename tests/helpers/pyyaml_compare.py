#!/usr/bin/env python3
"""Compare ni-parse records (NDJSON on stdin) with PyYAML's reading of the
same files.  Prints one line per mismatch and a final count; exit 1 on any
mismatch.  Dates PyYAML turns into date objects are compared as ISO text
(YAML 1.2 keeps them strings)."""
import datetime, json, sys
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

def norm(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        return {str(k): norm(x) for k, x in v.items()}
    return v

bad = n = 0
for line in sys.stdin:
    rec = json.loads(line)
    path = rec.pop("_path")
    text = open(path, encoding="utf-8-sig").read()
    fm = text[3:].split("\n---", 1)[0]
    want = norm(yaml.load(fm, Loader=Loader))
    n += 1
    if list(want.keys()) != list(rec.keys()):
        print(f"{path}: keys differ: {list(want.keys())} vs {list(rec.keys())}")
        bad += 1
        continue
    for k, v in want.items():
        got = rec[k]
        same = got == v and type(got) == type(v)
        if isinstance(v, float) and isinstance(got, (int, float)):
            same = float(got) == v
        if not same:
            print(f"{path}: {k}: PyYAML {v!r} ni {got!r}")
            bad += 1
print(f"{n} records compared, {bad} mismatches")
sys.exit(1 if bad or n == 0 else 0)
