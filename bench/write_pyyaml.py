"""write_pyyaml.py IN DIR - a peer for bench/write.sh: each record as an
item file with yaml.dump (the C dumper, CSafeDumper), the generator's
names and body.  Plain writes, no fsync."""
import json, os, re, sys
import yaml

inp, d = sys.argv[1:3]
os.makedirs(d, exist_ok=True)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def slugify(t):
    t = re.sub(r"[^a-z0-9\s-]", "", str(t).lower())
    t = re.sub(r"-+", "-", re.sub(r"\s+", "-", t))
    return re.sub(r"^-|-$", "", t)[:50]


def body(r):
    p = []
    if r.get("summary_ko"):
        p += ['<div class="lang-ko">', "", r["summary_ko"], "", "</div>"]
    if r.get("summary_en"):
        p += ['<div class="lang-en" style="display:none">', "", r["summary_en"], "", "</div>"]
    if r.get("key_points"):
        p += ["", "## Key Points", ""] + ["- %s" % x for x in r["key_points"]]
    return "\n".join(p)


n = 0
for line in open(inp, encoding="utf-8"):
    r = json.loads(line)
    src = re.sub(r"[^A-Za-z0-9_]", "_", str(r.get("source_id") or "unknown")).lower()
    f = os.path.join(d, "%s__%s__%s.md" % (r.get("date_published"), src, slugify(r.get("title", ""))))
    if os.path.exists(f):
        continue
    fm = yaml.dump({k: v for k, v in r.items() if not k.startswith("_")}, Dumper=Dumper,
                   allow_unicode=True, sort_keys=False, width=1 << 20)
    with open(f, "w", encoding="utf-8") as fp:
        fp.write("---\n" + fm + "---\n\n" + body(r) + "\n")
    n += 1
print("pyyaml: %d files" % n, file=sys.stderr)
