#!/usr/bin/env python3
"""sort_oracle.py [options] FILE - ni-sort's documented order, computed
independently: Python's stable sorted(), one pass per key from the last
(LSD), missing values split off and kept last.  Writes the input lines
unchanged in that order.

  -k F[:desc][,...]   keys        -i   case folding     --missing first
  -g F -n N           the first N per group (global order), -n N alone
  -u F                first record per value of F
  --check-stable      only print "ok" when the input lines carry "i" (input
                      index) and, under the keys, are sorted and stable
Type rank: false < true < numbers < dates < strings < objects; arrays by
their first element; null, missing and [] are "missing"."""
import datetime, json, re, sys, unicodedata

args = sys.argv[1:]
keys, icase, miss_first, group, head, uniq, check = [], False, False, None, None, None, False
path = None
while args:
    a = args.pop(0)
    if a == "-k":
        for f in args.pop(0).split(","):
            name, _, order = f.partition(":")
            keys.append((name, order == "desc"))
    elif a == "-i": icase = True
    elif a == "--missing": miss_first = args.pop(0) == "first"
    elif a == "-g": group = args.pop(0)
    elif a == "-n": head = int(args.pop(0))
    elif a == "-u": uniq = args.pop(0)
    elif a == "--check-stable": check = True
    else: path = a

MISSING = object()
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

def get(rec, p):
    v = rec
    for part in p.split("."):
        if isinstance(v, dict) and part in v: v = v[part]
        elif isinstance(v, list) and part.isdigit() and int(part) < len(v): v = v[int(part)]
        else: return MISSING
    return v

def as_date(s):
    if not (10 <= len(s) <= 40) or not s[0].isdigit(): return None
    try:
        if DATE.match(s):
            d = datetime.datetime.strptime(s, "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc)
        else:
            d = datetime.datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))
            if d.tzinfo is None: d = d.replace(tzinfo=datetime.timezone.utc)
        return round(d.timestamp() * 1000)
    except ValueError:
        return None

def norm(s):
    s = unicodedata.normalize("NFC", s)
    if icase: s = unicodedata.normalize("NFC", s.casefold())
    return s.encode("utf-8")

def sortval(v):
    while isinstance(v, list):
        if not v: return MISSING
        v = v[0]
    if v is None or v is MISSING: return MISSING
    if v is False: return (0, 0)
    if v is True: return (1, 0)
    if isinstance(v, (int, float)): return (2, float(v))
    if isinstance(v, str):
        t = as_date(v)
        return (3, t) if t is not None else (4, norm(v))
    return (5, json.dumps(v, ensure_ascii=False, separators=(",", ":")).encode())

def identity(v):
    if v is None or v is MISSING or v == "" or v == []: return None
    if isinstance(v, list): return ("list",) + tuple(identity(x) for x in v)
    return sortval(v)

lines = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
recs = [json.loads(l) for l in lines]
order = list(range(len(lines)))
for name, desc in reversed(keys):
    vals = {i: sortval(get(recs[i], name)) for i in order}
    have = [i for i in order if vals[i] is not MISSING]
    miss = [i for i in order if vals[i] is MISSING]
    have = sorted(have, key=lambda i: vals[i], reverse=desc)
    order = miss + have if miss_first else have + miss

if check:
    # sorted: a stable sort of the input leaves it as it is; stable:
    # records with equal keys come in their input order ("i" grows)
    same = lambda a, b: all(sortval(get(a, n)) == sortval(get(b, n)) for n, _ in keys)
    stable = all(recs[j - 1]["i"] < recs[j]["i"] for j in range(1, len(recs))
                 if same(recs[j - 1], recs[j]))
    print("sorted" if order == list(range(len(recs))) else "NOT SORTED",
          "stable" if stable else "NOT STABLE")
    sys.exit(0)

if uniq:
    seen, kept = set(), []
    for i in order:
        k = identity(get(recs[i], uniq))
        if k is not None:
            if k in seen: continue
            seen.add(k)
        kept.append(i)
    order = kept
if group:
    count, kept = {}, []
    for i in order:
        g = identity(get(recs[i], group))
        if count.get(g, 0) < head:
            count[g] = count.get(g, 0) + 1
            kept.append(i)
    order = kept
elif head is not None:
    order = order[:head]
for i in order:
    print(lines[i])
