#!/usr/bin/python3
"""Independent ports of the site jobs 7, 8, 11 and 18 (docs/jobs.md), the
reference examples/jobs/07-archives.sh, 08-search-index.sh, 11-prompts.sh
and 18-generate.sh are tested against (tests/t/jobs_site.sh).

    port_site.py JOB CORPUS [ARGS...]    writes JSON / text to stdout

They read the corpus directly with PyYAML (through port.py's loader, no
ni).  Where the original has a quirk, the port does what the job intends,
the way the ni script does; every such place is marked "CORRECTED:".
NI_NOW sets "now" as in ni.
"""
import datetime as dt
import html
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import port  # noqa: E402  (the loader, the sort and the job 9/12 rules)
from port import items, jdump, stable_sort, epoch_day, conf, now  # noqa: E402

# PyYAML's C scanner when it is built (the same safe loader, faster)
if hasattr(port.yaml, "CSafeLoader"):
    port.yaml.safe_load = lambda s: port.yaml.load(s, Loader=port.yaml.CSafeLoader)


def js_text(v):
    """A value as JavaScript's template literal shows it (lists joined
    with ', '); a missing value is '' (the original's `|| ''`)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, list):
        return ", ".join(js_text(x) for x in v)
    return str(v)


def dated(v):
    dp = v.get("date_published")
    return isinstance(dp, str) and re.match(r"\d{4}-\d{2}-\d{2}", dp)


def build_order(corpus):
    """Daily items in the site's order: date desc, ties in file order."""
    return stable_sort(items(corpus), [(lambda r: epoch_day(r[1].get("date_published")), True)])


# ---- job 7: archives ---------------------------------------------------------
def job07(corpus):
    """One JSON line per page: {"page": path under OUT, "titles": [...]}
    (the English title, title_en else title, as the page shows it first);
    the daily index page carries {"months": [[month, count], ...]}.
    CORRECTED: an item whose date_published is empty or not a date makes
    build.js throw; here it is left out (the script reports it)."""
    rows = [(n, v) for n, v in build_order(corpus) if dated(v)]
    months = {}
    for n, v in rows:
        months.setdefault(v["date_published"][:7], []).append(v)
    ms = sorted(months, reverse=True)
    print(jdump({"page": "archive/daily/index.html",
                 "months": [[m, len(months[m])] for m in ms]}))
    title = lambda v: v.get("title_en") or v.get("title") or ""
    for m in ms:
        print(jdump({"page": "archive/daily/%s/%s/index.html" % (m[:4], m[5:7]),
                     "titles": [title(v) for v in months[m]]}))
    for kind, key in (("weekly", "week"), ("monthly", "month")):
        rs = stable_sort(items(corpus, kind), [(lambda r: str(r[1].get(key) or ""), True)])
        years = {}
        for n, v in rs:
            years.setdefault(str(v.get(key) or "").split("-")[0], []).append(v)
        for y in sorted(years, reverse=True):
            print(jdump({"page": "archive/%s/%s/index.html" % (kind, y),
                         "titles": [title(v) for v in years[y]]}))


# ---- job 8: index.json, search-index.json ---------------------------------
def graphemes(s, limit=None):
    """s cut into user-perceived characters, near enough to Unicode's
    extended grapheme clusters for news text: a base with its combining
    marks, variation selectors, skin tones, emoji tags and ZWJ-joined
    pictographs; a pair of regional indicators; CR LF."""
    out = []
    i = 0
    while i < len(s) and (limit is None or len(out) < limit):
        j = i + 1
        if s[i] == "\r" and j < len(s) and s[j] == "\n":
            j += 1
        elif 0x1F1E6 <= ord(s[i]) <= 0x1F1FF and j < len(s) and 0x1F1E6 <= ord(s[j]) <= 0x1F1FF:
            j += 1
        else:
            while j < len(s):
                c = ord(s[j])
                if (unicodedata.category(s[j]) in ("Mn", "Me", "Mc") or
                        c in (0xFE0E, 0xFE0F) or 0x1F3FB <= c <= 0x1F3FF or
                        0xE0020 <= c <= 0xE007F):
                    j += 1
                elif c == 0x200D:
                    j += 2 if j + 1 < len(s) else 1
                else:
                    break
        out.append(s[i:j])
        i = j
    return out


def cut(s, n):
    """The first n characters (grapheme clusters): Korean syllables and
    emoji are never split (JavaScript's substring counts UTF-16 units and
    can split an emoji in two)."""
    return "".join(graphemes(s, n))


RULE = re.compile(r"[ \t]*(?:([-*_])(?:[ \t]*\1){2,}|\|[-|: \t]*-[-|: \t]*)[ \t\r]*")
ENTITY = re.compile(r"&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z]{2,8});")


def plain_text(md):
    """The body as plain text: what the job means by stripHtml(marked(body)).
    CORRECTED: entities are decoded; the original keeps marked's '&amp;'
    and '&#39;' in the search text."""
    lines = []
    for line in md.split("\n"):
        if RULE.fullmatch(line):            # ---, * * *, |---|:-:|
            lines.append(" ")
            continue
        body = line.lstrip(" \t")
        table = body.startswith("|")
        m = (re.match(r"#{1,6} ", body) or re.match(r"> ?", body) or
             re.match(r"[-*+] ", body) or re.match(r"[0-9]+[.)] ", body))
        if m:
            body = " " + body[m.end():]
        if table:
            body = body.replace("|", " ")
        lines.append(body)
    t = "\n".join(lines)
    t = re.sub(r"<!--.*?-->", " ", t, flags=re.S)
    t = re.sub(r"<[A-Za-z/!][^>]*>", " ", t)
    t = t.replace("![", "[")
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1), t)
    t = re.sub(r"\*+|`+|~~+", "", t)

    def al(c):
        return c.isascii() and c.isalnum() or ord(c) >= 0x80

    def under(m):
        a, b = m.start(), m.end()
        if a > 0 and b < len(t) and al(t[a - 1]) and al(t[b]):
            return m.group(0)               # snake_case stays
        return ""
    t = re.sub(r"_+", under, t)
    t = ENTITY.sub(lambda m: html.unescape(m.group(0)), t)
    t = t.replace("\xa0", " ")
    return " ".join(t.split())


def body_of(corpus, kind, name):
    with open(os.path.join(port.folder(corpus, kind), name), encoding="utf-8") as f:
        return port.split_doc(f.read())[1]


def unesc(t):
    """A title as text: HTML entities decoded once (Python's html)."""
    return html.unescape(t) if isinstance(t, str) else t


def job08(corpus):
    """Line 1: index.json's content; line 2: search-index.json's."""
    daily = build_order(corpus)
    weekly = stable_sort(items(corpus, "weekly"), [(lambda r: str(r[1].get("week") or ""), True)])
    monthly = stable_sort(items(corpus, "monthly"), [(lambda r: str(r[1].get("month") or ""), True)])
    keys = ["id", "title", "date_published", "source_name", "categories", "tags", "canonical_url"]
    index = {
        "generated_at": now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "counts": {"daily": len(daily), "weekly": len(weekly), "monthly": len(monthly)},
        # CORRECTED: titles as text, entities decoded once (issue 23)
        "daily": [{k: (unesc(v[k]) if k == "title" else v[k]) for k in keys if k in v}
                  for _, v in daily],
        "weekly": [{"week": v.get("week"), "title": v.get("title") or "Week %s Digest" % v.get("week")}
                   for _, v in weekly],
        "monthly": [{"month": v.get("month"), "title": v.get("title") or "%s Deep Dive" % v.get("month")}
                    for _, v in monthly],
    }
    s = lambda v, k: v.get(k) if v.get(k) is not None else ""
    out = []
    for n, v in daily:
        dp = v.get("date_published")
        out.append({
            "type": "daily", "id": v.get("id") or re.sub(r"\.md$", "", n),
            "title": unesc(s(v, "title")),
            # CORRECTED: the original sets title_en to title (Korean)
            "title_en": v.get("title_en") or unesc(s(v, "title")),
            "date": s(v, "date_published"), "source": s(v, "source_name"),
            "categories": v.get("categories") if v.get("categories") is not None else [],
            "tags": v.get("tags") if v.get("tags") is not None else [],
            "summary_ko": s(v, "summary_ko"), "summary_en": s(v, "summary_en"),
            "so_what_ko": s(v, "so_what_ko"), "so_what_en": s(v, "so_what_en"),
            "body_text": cut(plain_text(body_of(corpus, "daily", n)), 500),
            "url": s(v, "canonical_url"),
            "page_url": ("archive/daily/%s/%s/index.html" % (dp[:4], dp[5:7])
                         if isinstance(dp, str) and re.match(r"\d{4}-\d{2}", dp) else ""),
        })
    for kind, key, rows in (("weekly", "week", weekly), ("monthly", "month", monthly)):
        for n, v in rows:
            i = js_text(v.get(key))
            it = {"type": kind, "id": i, "title": s(v, "title"),
                  "title_en": v.get("title_en") or s(v, "title"), "date": i, "source": "",
                  "categories": [],
                  "tags": (v.get("top_keywords") or []) if kind == "weekly" else [],
                  "summary_ko": s(v, "summary_ko"), "summary_en": s(v, "summary_en"),
                  "so_what_ko": s(v, "so_what_ko"), "so_what_en": s(v, "so_what_en"),
                  "body_text": cut(plain_text(body_of(corpus, kind, n)), 800),
                  "url": "", "page_url": "%s/%s.html" % (kind, i)}
            if kind == "monthly":
                it["featured_reports"] = v.get("featured_reports") or []
            out.append(it)
    cats = set()
    for n, v in daily:
        for c in v.get("categories") or []:
            if c not in (None, ""):
                cats.add(c)
    # CORRECTED (a choice): the original lists categories first-seen;
    # here in alphabetical order.
    print(json.dumps(index, ensure_ascii=False))
    print(json.dumps({"items": out, "categories": sorted(cats)}, ensure_ascii=False))


# ---- job 11: prompts ---------------------------------------------------------
def week_rows(corpus, week):
    mon = port.iso_monday(week)
    start, end = str(mon - dt.timedelta(days=1)), str(mon + dt.timedelta(days=5))
    rows = [(n, v) for n, v in items(corpus)
            if isinstance(v.get("date_published"), str) and start <= v["date_published"][:10] <= end]
    return rows if len(rows) >= 3 else []


def stage2_rows(corpus, month):
    rows = [port.normalise(v) for _, v in port.month_items(corpus, month)]
    rows = [v for v in rows if isinstance(v.get("confidence"), (int, float))
            and not isinstance(v.get("confidence"), bool) and v["confidence"] >= 0.85]
    return stable_sort(rows, [(conf, True)])


def job11(corpus, what, arg=None, answer=None, *extra):
    """weekly WEEK: the article blocks of the weekly prompt; monthly MONTH:
    the stage 2 lines (nothing when fewer than 5); themes MONTH ANSWER: the
    theme records read back, then '#' lines with the stage 3 blocks;
    stage4 MONTH ANSWER ANSWER3: the themes' lines, '%%', the analyses;
    stage5 MONTH ANSWER ANSWER3 ANSWER4: the themes with their analyses,
    then the meta-narrative line; stage6 MONTH ANSWER ANSWER4 ANSWER5: the
    brief's context lines; simple MONTH: the article blocks, '%%', the
    weekly lines."""
    if what == "weekly":
        rows = stable_sort(week_rows(corpus, arg or port.week_of_yesterday()),
                           [(lambda r: conf(r[1]), True)])
        blocks = []
        for i, (n, v) in enumerate(rows, 1):
            blocks.append("\n".join([
                "[%d] %s" % (i, js_text(v.get("title"))),
                "Source: %s | Date: %s | Confidence: %s" % (
                    js_text(v.get("source_name")), js_text(v.get("date_published")),
                    js_text(v.get("confidence"))),
                "Categories: " + js_text(v.get("categories")),
                "Tags: " + js_text(v.get("tags")),
                "Summary (KO): " + js_text(v.get("summary_ko")),
                "Summary (EN): " + js_text(v.get("summary_en")),
                "So What (KO): " + js_text(v.get("so_what_ko")),
                "So What (EN): " + js_text(v.get("so_what_en")),
                "Key Points: " + "; ".join(js_text(p) for p in v.get("key_points") or []),
                "URL: " + js_text(v.get("canonical_url"))]))
        # blocks joined by '---' lines (none after the last)
        if blocks:
            print("\n---\n".join(blocks))
        return
    month = arg or port.prev_month()
    if what == "simple":
        return simple(corpus, month)
    rows = stage2_rows(corpus, month)
    if what == "monthly":
        if len(rows) < 5:
            return
        for i, v in enumerate(rows, 1):
            print("[%d] %s | %s | %s | %s | %s" % (
                i, js_text(v.get("title")), js_text(v.get("strategic_theme")),
                js_text(v.get("business_impact")), js_text(v.get("sentiment")),
                js_text(v.get("key_entities"))))
        return
    themes = read_themes(answer, len(rows))
    if what == "themes":
        for t in themes:
            print(jdump(t))
        for k, t in enumerate(themes, 1):
            # stage 3: the theme's articles in stage 2 order, renumbered 1..k
            arts = [v for i, v in enumerate(rows, 1) if i in set(t["article_indices"])]
            for j, v in enumerate(arts, 1):
                print("#%d [%d] %s" % (k, j, js_text(v.get("title"))))
                print("#%d Summary: %s" % (k, js_text(v.get("summary_ko") or v.get("summary_en"))))
                print("#%d So What: %s" % (k, js_text(v.get("so_what_ko") or v.get("so_what_en"))))
                print("#%d URL: %s" % (k, js_text(v.get("canonical_url"))))
        return
    ids = [t["theme_id"] for t in themes]
    if what == "stage4":
        # stage4User: the themes overview, then the analyses summary
        for t in themes:
            print("%s: %s (Importance: %s, Urgency: %s)" % (
                t["theme_id"], t["name"], js_text(t.get("importance_score")), js_text(t.get("urgency"))))
        print("%%")
        out = []
        for a in read_objects(extra[0]):
            if a.get("theme_id") not in ids:
                continue                  # CORRECTED: an unknown theme is left out (reported)
            ia = a.get("impact_assessment") if isinstance(a.get("impact_assessment"), dict) else {}
            out.append("\n".join([
                "%s:" % js_text(a["theme_id"]),
                "- D2C So What: " + js_text(a.get("d2c_so_what_en")),
                "- Impact: %s | %s" % (js_text(ia.get("level")), js_text(ia.get("rationale_en"))),
                "- Competitive: " + dots(js_text(a.get("competitive_implications_en")), 200)]))
        if out:
            print("\n\n".join(out))
        return
    if what == "stage5":
        analyses = [a for a in read_objects(extra[0]) if a.get("theme_id") in ids]
        out = []
        for t in themes:
            # themeAnalyses.find(a => a.theme_id === t.theme_id) || {}
            a = next((a for a in analyses if a["theme_id"] == t["theme_id"]), {})
            ia = a.get("impact_assessment") if isinstance(a.get("impact_assessment"), dict) else {}
            out.append("\n".join([
                "%s: %s" % (t["theme_id"], t["name"]),
                "- Importance: %s/10 | Urgency: %s" % (js_text(t.get("importance_score")), js_text(t.get("urgency"))),
                "- Impact Level: " + (js_text(ia.get("level")) or "N/A"),
                # CORRECTED: 150 characters, not UTF-16 units
                "- D2C Action: " + cut(js_text(a.get("d2c_so_what_en")), 150)]))
        if out:
            print("\n\n".join(out))
        syn = (read_objects(extra[1]) or [{}])[0]
        print("META-NARRATIVE: " + one_line(js_text(syn.get("meta_narrative_en"))))
        return
    if what == "stage6":
        syn = (read_objects(extra[0]) or [{}])[0]
        fw = (read_objects(extra[1]) or [{}])[0]
        y, m = month.split("-")
        names = ["", "January", "February", "March", "April", "May", "June", "July",
                 "August", "September", "October", "November", "December"]
        print("Create a C-level executive brief for %s년 %d월 (%s %s) AI Trend Monthly Deep Dive." % (
            y, int(m), names[int(m)], y))
        print("- Total articles analyzed: %d" % len(rows))
        print("- Macro themes identified: %d" % len(themes))
        print("- Meta-narrative: " + one_line(js_text(syn.get("meta_narrative_en"))))
        print("- Top urgent themes: " + ", ".join(t["name"] for t in themes if t.get("urgency") == "IMMEDIATE"))
        q = fw.get("impact_urgency_matrix") or {}
        q = (q.get("quadrants") or {}) if isinstance(q, dict) else {}
        q = (q.get("high_impact_high_urgency") or {}) if isinstance(q, dict) else {}
        act = q.get("themes") if isinstance(q, dict) else None
        print("- Act Now quadrant: " + (", ".join(js_text(x) for x in act or []) or "TBD"))
        return
    raise SystemExit("port_site.py 11: weekly, monthly, themes, stage4, stage5, stage6 or simple")


def one_line(s):
    """A value as one line (ni-render -F): each line break or TAB one space."""
    return re.sub(r"\r\n|[\r\n\t\u2028\u2029]", " ", s)


def dots(s, n):
    """The first n characters and '...'.  CORRECTED: characters, not UTF-16
    units (a Hangul syllable or an emoji is never split), and '...' only
    after a text that was cut (the original adds it always, even to
    'undefined')."""
    return cut(s, n) + "..." if len(graphemes(s)) > n else s


def read_objects(path):
    """An answer's JSON objects, one a line, in order (fences, blank lines,
    lines that are not a JSON object skipped: the script reports them)."""
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("```") or not line.strip():
            continue
        try:
            v = json.loads(line)
        except ValueError:
            continue
        if isinstance(v, dict):
            out.append(v)
    return out


def read_themes(answer, n):
    """The stage 2 answer: theme records, T1, T2 ... in the answer's order."""
    themes = []
    for ln, line in enumerate(open(answer, encoding="utf-8"), 1):
        if line.startswith("```") or not line.strip():
            continue
        try:
            t = json.loads(line)
        except ValueError:
            continue                      # reported by the script
        if not isinstance(t, dict) or not t.get("name") or "article_indices" not in t:
            continue
        idx = t["article_indices"] if isinstance(t["article_indices"], list) else [t["article_indices"]]
        # CORRECTED: an index outside 1..n gives an empty block in the
        # original; here it is dropped (and reported)
        idx = [i for i in idx if isinstance(i, int) and not isinstance(i, bool) and 1 <= i <= n]
        # CORRECTED: a name is one line (a line break in it would start a
        # line of the prompt of its own)
        name = re.sub(r"[\r\n\t\u2028\u2029]+", " ", t["name"])
        r = {"theme_id": "T%d" % (len(themes) + 1), "name": name,
             "name_ko": re.sub(r"[\r\n\t\u2028\u2029]+", " ", t.get("name_ko") or t["name"])}
        for k in ("importance_score", "urgency"):
            if k in t:
                r[k] = t[k]
        r.update({"article_indices": idx, "articles": len(idx), "_line": ln})
        themes.append(r)
    return themes


def simple(corpus, month):
    """generate-monthly.js generateSimple: the month's articles (confidence
    || 0), most confident first, the first 30; then the weekly digests of
    the month in file order ('(none)' without)."""
    rows = [v for _, v in port.month_items(corpus, month)]
    if len(rows) < 5:
        return
    rows = stable_sort(rows, [(conf, True)])[:30]
    blocks = []
    for i, v in enumerate(rows, 1):
        blocks.append("\n".join([
            "[%d] %s" % (i, js_text(v.get("title"))),
            "- Source: %s | Date: %s | Confidence: %s" % (
                js_text(v.get("source_name")), js_text(v.get("date_published")), js_text(v.get("confidence") or 0)),
            "- Categories: %s | Tags: %s" % (js_text(v.get("categories") or []), js_text(v.get("tags") or [])),
            "- Summary (KO): " + js_text(v.get("summary_ko")),
            "- So What (KO): " + js_text(v.get("so_what_ko")),
            "- URL: " + js_text(v.get("canonical_url"))]))
    print("\n---\n".join(blocks))
    print("%%")
    weeks = [v for _, v in items(corpus, "weekly")
             if str(v.get("date_published") or "").startswith(month)]
    print("Weekly:")
    for w in weeks:
        print("Week %s: %s" % (js_text(w.get("week")), js_text(w.get("title"))))
        print("Top Trends: " + "; ".join(js_text(x) for x in w.get("top_trends") or []))
    if not weeks:
        print("(none)")


# ---- job 18: generator --------------------------------------------------------
def fnv1a(text, n=8):
    h = 0xcbf29ce484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return ("%016x" % h)[:n]


def empty(v):
    return v is None or v is False or v == ""


ORDER = ["id", "date_published", "date_ingested", "source_name", "source_id", "source_type",
         "source_url", "title", "canonical_url", "language_original", "categories", "tags",
         "strategic_theme", "regions", "business_impact", "sentiment", "key_entities",
         "one_line_insight_ko", "one_line_insight_en", "summary_ko", "summary_en",
         "so_what_ko", "so_what_en", "key_points", "confidence", "relevance_score"]


def job18(records):
    """One JSON line per file to write: {"file", "front" (the front matter
    as a list of [key, value], in order), "body"}, and one per record
    refused by the validator's rules: {"refused": its file name, "errors"}.  A record without
    summaries and confidence 0 is skipped (18.1); the second record with
    a file name already taken too (file exists).
    CORRECTED: the original numbers ids by the count of files named with
    TODAY's date (702 duplicate ids); here the id is daily_<YYYYMMDD>_
    and the first 8 hex digits of the 64-bit FNV-1a digest of
    "<date> <src> <title>" (what the file name is made of), so two files
    never share it.
    CORRECTED: values are kept exactly (the original leaves backslashes
    unescaped and flattens line breaks in some fields)."""
    taken = set()
    today = now().strftime("%Y-%m-%d")
    for r in port.read_ndjson(records):
        if empty(r.get("summary_ko")) and empty(r.get("summary_en")) and r.get("confidence") == 0 \
                and not isinstance(r.get("confidence"), bool):
            continue
        d = r.get("date_published") if not empty(r.get("date_published")) else today
        sid = r.get("source_id")
        src = re.sub(r"[^A-Za-z0-9_]", "_", str(sid) if isinstance(sid, str) and sid else "unknown").lower()
        name = "%s__%s__%s.md" % (d, src, port.slugify(r.get("title") or ""))
        v = dict(r)
        v["date_published"] = d
        title = r.get("title") if isinstance(r.get("title"), str) else ""
        v["id"] = "daily_%s_%s" % (d.replace("-", ""), fnv1a("%s %s %s" % (d, src, title)))
        if v.get("date_ingested") is None:
            v["date_ingested"] = now().strftime("%Y-%m-%dT%H:%M:%SZ")
        v["source_type"], v["language_original"] = "rss", "en"
        # the summariser's records carry link, which generate.js writes
        # as canonical_url
        if empty(v.get("canonical_url")):
            v["canonical_url"] = r.get("link") if r.get("link") is not None else ""
        for k in ("source_name", "source_url", "title", "canonical_url", "one_line_insight_ko",
                  "one_line_insight_en", "summary_ko", "summary_en", "so_what_ko", "so_what_en"):
            if v.get(k) is None:
                v[k] = ""
        for k, dflt in (("strategic_theme", "EMERGING_TECH"), ("regions", ["GLOBAL"]),
                        ("business_impact", "MEDIUM"), ("sentiment", "NEUTRAL")):
            if empty(v.get(k)):
                v[k] = dflt
        for k in ("categories", "tags", "key_entities", "key_points"):
            if v.get(k) is None:
                v[k] = []
        c = v.get("confidence")
        if not (isinstance(c, (int, float)) and not isinstance(c, bool) and c != 0):
            v["confidence"] = 0.5
        if v.get("relevance_score") is None:
            v["relevance_score"] = 0.5
        # CORRECTED: the original writes a file that validate.js rejects
        # (an empty link, a missing so_what_en...); here such a record is
        # refused, and does not take its file name
        errs = port.check_daily(v)
        if errs:
            print(jdump({"refused": name, "errors": errs}))
            continue
        if name in taken:
            continue
        taken.add(name)
        front = [[k, v[k]] for k in ORDER if k in v]
        # 18.7: ko block, en block (each when not empty), key points
        parts = []
        if v["summary_ko"]:
            parts += ['<div class="lang-ko">', "", v["summary_ko"].strip(), "", "</div>"]
        if v["summary_en"]:
            parts += ['<div class="lang-en" style="display:none">', "", v["summary_en"].strip(), "", "</div>"]
        if v["key_points"]:
            parts += ["", "## Key Points", ""] + ["- %s" % js_text(p) for p in v["key_points"]]
        print(jdump({"file": name, "front": front, "body": "\n".join(parts)}))


def main():
    job, args = sys.argv[1], sys.argv[2:]
    globals()["job" + job.zfill(2)](*args)


if __name__ == "__main__":
    main()
