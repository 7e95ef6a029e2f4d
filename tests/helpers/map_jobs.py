"""Python ports of the source pipeline's jobs (../shared/docs/jobs.md) that
ni-map's tests compare with.  Usage: map_jobs.py JOB INPUT.ndjson [OUTPUT]
prints "ok N" or the first differences and exits 1."""
import json
import re
import sys
import unicodedata

AI = ["artificial intelligence", "agentic", "agent", "generative", "llm", "gpt",
      "claude", "machine learning", "automation", "personalization",
      "recommendation", "chatbot", "copilot", "sidekick"]
COMMERCE = ["commerce", "ecommerce", "e-commerce", "d2c", "dtc", "retail",
            "shopping", "checkout", "conversion", "marketplace"]
MARKETING = ["marketing", "advertising", "campaign", "seo", "content",
             "email marketing", "social media", "martech", "adtech",
             "attribution", "segmentation"]


def score(r):
    # job 4 (collect.js scoreRelevance), with its quirk corrected: "ai" is a
    # word (not inside said/retail/email); the rest are substrings
    d = r.get("description")
    if d is None:
        d = r.get("summary_en") or ""
    t = (r["title"] + " " + d).lower()
    s = 0
    if re.search(r"\bai\b", t) or any(k in t for k in AI):
        s += 2
    if any(k in t for k in COMMERCE):
        s += 1
    if any(k in t for k in MARKETING):
        s += 1
    return s


THEME = {"agentic_commerce": "AI_AGENT", "commerce": "AI_COMMERCE",
         "marketing": "AI_MARKETING", "ai_marketing": "AI_MARKETING",
         "strategy": "DATA_STRATEGY", "tech": "EMERGING_TECH"}


def monthly(r):
    # job 12 (pipeline.js runStage1Local)
    theme = r.get("strategic_theme")
    if theme is None:
        theme = "EMERGING_TECH"
        for c in r.get("categories") or []:
            if c in THEME:
                theme = THEME[c]
    regions = r.get("regions")
    if regions is None:
        regions = ["GLOBAL"]
    return theme, [x.upper() for x in regions], r.get("business_impact") or "MEDIUM"


def summary280(s):
    # job 14.7 (newsletter_sender.py), without the whitespace collapse
    return s if len(s) <= 280 else s[:277].rstrip() + "..."


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f]


def main():
    job, inp = sys.argv[1], sys.argv[2]
    src = load(inp)
    out = load(sys.argv[3]) if len(sys.argv) > 3 and job != "themes" else None
    bad = []
    if job == "relevance":
        assert len(out) == len(src), (len(out), len(src))
        for a, b in zip(src, out):
            if b.get("relevance_score") != score(a):
                bad.append((a["id"], b.get("relevance_score"), score(a)))
            if list(b.keys()) != list(a.keys()) + ([] if "relevance_score" in a else ["relevance_score"]):
                bad.append((a["id"], "key order", list(b.keys())))
    elif job == "monthly":
        assert len(out) == len(src)
        for a, b in zip(src, out):
            t, reg, imp = monthly(a)
            if (b["strategic_theme"], b["regions"], b["business_impact"]) != (t, reg, imp):
                bad.append((a["id"], b["strategic_theme"], t))
    elif job == "themes":
        # expected counts per theme for one month prefix (argv[3] = month)
        month = sys.argv[3]
        counts = {}
        for a in src:
            if a["date_published"].startswith(month):
                t = monthly(a)[0]
                counts[t] = counts.get(t, 0) + 1
        for k in sorted(counts):
            print("%s %d" % (k, counts[k]))
        return
    elif job == "search":
        assert len(out) == len(src)
        for a, b in zip(src, out):
            if list(b.keys()) != ["id", "title", "date_published", "tags", "body_text", "body_ko"]:
                bad.append((a["id"], "keys", list(b.keys())))
                continue
            for k, n in (("body_text", 800), ("body_ko", 300)):
                v = b[k]
                srcv = a.get("_body_en" if k == "body_text" else "_body_ko") or a.get("_body") or ""
                if len(v) > n or ("\ufffd" in v and "\ufffd" not in srcv) or re.search(r"<[a-zA-Z/]", v) or "**" in v:
                    bad.append((a["id"], k, v[:60]))
                for ch in v:
                    # a cut inside a Hangul syllable would leave a lone jamo
                    if 0x1100 <= ord(ch) <= 0x11FF:
                        bad.append((a["id"], k, "lone jamo"))
                        break
    elif job == "newsletter":
        assert len(out) == len(src)
        for a, b in zip(src, out):
            if b.get("canonical_url") != a["link"] or "link" in b:
                bad.append((a["id"], "link"))
            if b["summary_ko"] != summary280(a["summary_ko"]):
                bad.append((a["id"], "summary", b["summary_ko"][-20:], summary280(a["summary_ko"])[-20:]))
    elif job == "ids":
        # job 18 (generate.js generateId): daily_<YYYYMMDD>_<NNN> per date,
        # numbered in input order
        assert len(out) == len(src)
        seen = {}
        for a, b in zip(src, out):
            d = a["date_published"][:10]
            seen[d] = seen.get(d, 0) + 1
            want = "daily_%s_%03d" % (d.replace("-", ""), seen[d])
            if b["id"] != want:
                bad.append((a["id"], b["id"], want))
        ids = [b["id"] for b in out]
        if len(set(ids)) != len(ids):
            bad.append(("ids not unique",))
    else:
        sys.exit("unknown job " + job)
    if bad:
        for x in bad[:10]:
            print(x)
        print("%d differences" % len(bad))
        sys.exit(1)
    print("ok %d" % len(src))


if __name__ == "__main__":
    main()
