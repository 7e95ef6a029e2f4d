#!/usr/bin/python3
"""compare.py GOT WANT [KEY,KEY...] - compare two NDJSON streams record by
record: same number, same order, same values.

Records are compared on _path (its file name: ni writes the path it was
given, the ports only the name) and on KEYS, or, without KEYS, on every
key that does not start with '_' (ni's own keys) in either record.
Exit 0 when equal; else the first differences on stdout, exit 1."""
import json
import os
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def view(r, keys):
    v = {}
    if "_path" in r:
        v["_path"] = os.path.basename(r["_path"])
    for k in keys if keys else sorted(k for k in r if not k.startswith("_")):
        if k != "_path":
            v[k] = r.get(k, "<missing>")
    return v


def main():
    got, want = load(sys.argv[1]), load(sys.argv[2])
    keys = sys.argv[3].split(",") if len(sys.argv) > 3 and sys.argv[3] else None
    bad = 0
    if len(got) != len(want):
        print("records: got %d, want %d" % (len(got), len(want)))
        bad += 1
    for i, (g, w) in enumerate(zip(got, want)):
        ks = keys or sorted({k for k in list(g) + list(w) if not k.startswith("_")})
        a, b = view(g, ks), view(w, ks)
        if a != b:
            bad += 1
            if bad <= 3:
                diff = {k: (a.get(k), b.get(k)) for k in set(a) | set(b)
                        if a.get(k) != b.get(k)}
                print("record %d differs: %s" %
                      (i + 1, json.dumps(diff, ensure_ascii=False)[:400]))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
