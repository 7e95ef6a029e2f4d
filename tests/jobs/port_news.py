#!/usr/bin/python3
"""Independent ports of the newsletter jobs 14-17 (docs/jobs.md), the
reference for examples/jobs/14-17 (tests/t/jobs_news.sh).

    port_news.py JOB CORPUS [ARGS...]     NDJSON (or text) on stdout

They read the corpus with PyYAML (through port.py's loader) and use only
the standard library: difflib.SequenceMatcher for job 15, email for 16.
Where the original has a quirk, the port does what the job intends, the way
the ni script does; each place is marked "CORRECTED:".  NI_NOW sets now.
"""
import datetime as dt
import difflib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import port  # noqa: E402  (loader, canonical URL form, JSON dump)

PRIORITY = {"ai_marketing", "ai_commerce", "agentic", "agentic_commerce"}
RANK = {"ai_commerce": 0, "ai_marketing": 1, "commerce": 2}
EMOJI = {"ai_commerce": "🛍️", "ai_marketing": "🎯", "commerce": "🛒",
         "marketing": "📣", "tech": "🤖", "strategy": "🧭", "ai_general": "🧠"}


def kst_today():
    return (port.now() + dt.timedelta(hours=9)).date()


def truthy(v):
    return bool(v)


def num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# ---- job 14: newsletter selection -------------------------------------------
def window(rows, target):
    """14.2: (rows of the pool, selected date)."""
    dated = [(n, v) for n, v in rows if isinstance(v.get("date_published"), str)
             and re.match(r"\d{4}-\d{2}-\d{2}$", v["date_published"])]
    day = lambda k: str(target - dt.timedelta(days=k))
    dp = lambda r: r[1]["date_published"]
    three = [r for r in dated if day(2) <= dp(r) <= day(0)]
    if three:
        return three, str(target)
    week = [r for r in dated if day(6) <= dp(r) <= day(0)]
    pick = week or dated
    if not pick:
        return [], str(target)
    latest = max(dp(r) for r in pick)
    return [r for r in pick if dp(r) == latest], latest


_ITEMS = {}


def items(corpus):
    if corpus not in _ITEMS:
        _ITEMS[corpus] = port.items(corpus)
    return _ITEMS[corpus]


def select(corpus, lang, target):
    """The letter's records (job 14), in order, and the selected date."""
    rows, selected = window(items(corpus), target)
    keep = []
    for n, v in rows:
        rs, c = v.get("relevance_score"), v.get("confidence")
        if num(rs) and rs < 0.5:
            continue
        if num(c) and c < 0.6:          # absent (or not a number): 1.0
            continue
        if lang == "en" and not (truthy(v.get("title_en")) or truthy(v.get("summary_en"))):
            continue                     # 14.5: neither: dropped
        keep.append((n, v))
    # 14.4-14.5: priority categories first; en: complete English first.
    # CORRECTED: the pool's order before that is newest first (the
    # original reads today's summaries before the archive), ties in file
    # order; and the final sort (14.9) no longer chooses the 12: it runs
    # after the cut, so the priority decides what is sent (the original
    # sorts by first category's rank and title before the cut, which undoes
    # the priority and picks the alphabetically first titles).
    prio = lambda r: 0 if PRIORITY & set(r[1].get("categories") or []) else 1
    full = lambda r: 0 if lang != "en" or (truthy(r[1].get("title_en")) and
                                            truthy(r[1].get("summary_en"))) else 1
    keep = port.stable_sort(keep, [(prio, False), (full, False),
                                   (lambda r: r[1]["date_published"], True)])
    out, seen = [], set()
    for n, v in keep:
        link = (v.get("canonical_url") or "").strip()
        # CORRECTED (by ni's rule): links are compared in canonical form
        # (the item's identity), not as trimmed text.
        if not link or port.canon_url(link) in seen:
            continue
        seen.add(port.canon_url(link))
        out.append((n, v, link))
        if len(out) == 12:
            break
    res = []
    other = "en" if lang == "ko" else "ko"
    for n, v, link in out:
        if lang == "en":
            title = v.get("title_en") or v.get("title")
        else:
            title = v.get("title") or v.get("title_en") or "Untitled"
        s = v.get("summary_" + lang) or v.get("summary_" + other) or v.get("description") or ""
        s = " ".join(s.split())
        if len(s) > 280:
            s = s[:277].rstrip() + "..."
        cats = v.get("categories") or []
        emoji = next((EMOJI[c] for c in cats if c in EMOJI), "📰")
        rank = RANK.get(cats[0], 9) if cats else 9
        res.append({"_path": n, "title": title, "summary": s, "canonical_url": link,
                    "emoji": emoji, "newsletter_date": selected, "_rank": rank,
                    "categories": cats})
    res = port.stable_sort(res, [(lambda r: r["_rank"], False), (lambda r: r["title"], False)])
    return res, selected


def target_of(arg):
    return dt.date.fromisoformat(arg) if arg else kst_today()


def job14(corpus, lang="ko", target=None):
    res, _ = select(corpus, lang, target_of(target))
    for r in res:
        del r["_rank"]
        print(port.jdump(r))


# ---- job 15: fuzzy dedupe against the sent-title history ---------------------
def similar(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


def job15(history, candidates, target, threshold=0.55):
    """The candidates whose title is not similar (ratio >= 0.55, raw,
    case-sensitive) to a history title dated other than target."""
    hist = [h["title"] for h in port.read_ndjson(history)
            if h.get("date") != target and isinstance(h.get("title"), str)]
    for r in port.read_ndjson(candidates):
        t = r.get("title") or ""
        if not any(similar(t, h) >= float(threshold) for h in hist):
            print(port.jdump(r))


def job15record(history, sent, target, keep=30):
    """15.3: the history after recording the titles sent on target: that
    date's entries replaced, the 30 newest distinct dates kept."""
    rows = [h for h in port.read_ndjson(history) if h.get("date") != target]
    rows += [{"date": target, "title": r.get("title")} for r in port.read_ndjson(sent)]
    dates = sorted({h["date"] for h in rows}, reverse=True)[:int(keep)]
    for h in rows:
        if h["date"] in dates:
            print(port.jdump({"date": h["date"], "title": h["title"]}))


# ---- job 16: the email -------------------------------------------------------
# send_newsletter.py CATEGORY_SECTIONS, per language
SECTION = {"ko": {"ai_commerce": "🛍️ AI 커머스 주요 동향", "ai_marketing": "🎯 AI 마케팅 트렌드",
                  "commerce": "🏪 D2C/이커머스 AI 활용 사례"},
           "en": {"ai_commerce": "🛍️ Key AI Commerce Trends", "ai_marketing": "🎯 AI Marketing Trends",
                  "commerce": "🏪 D2C and Ecommerce Use Cases"}}


def job16(corpus, lang="ko", target=None):
    """The letter as the reader sees it: {"subject"}, then per section
    {"section", "titles": [...]}, in the order of 16.3; headings only when
    there is more than one section (a single section has "section": null).
    CORRECTED: every category other than the three forms one section
    (the original heads each one "기타"/"Other")."""
    res, selected = select(corpus, lang, target_of(target))
    if lang == "ko":
        subject = "[AI Commerce Daily] %s AI 커머스 & 마케팅 뉴스" % selected
    else:
        subject = "[AI Trend Hub] %s AI Commerce and Marketing Brief" % selected
    print(port.jdump({"subject": subject}))
    other = "기타" if lang == "ko" else "Other"
    order = ["ai_commerce", "ai_marketing", "commerce", None]
    groups = {}
    for r in res:
        first = (r["categories"] or ["ai_commerce"])[0]
        key = first if first in SECTION[lang] else None
        groups.setdefault(key, []).append(r["emoji"] + " " + r["title"])
    for k in order:
        if k in groups:
            name = (SECTION[lang][k] if k else other) if len(groups) > 1 else None
            print(port.jdump({"section": name, "titles": groups[k]}))


def recipients(path):
    """16.1: lower-cased, valid, each once (first stays)."""
    out = []
    for r in port.read_ndjson(path):
        e = (r.get("email") or "").strip().lower()
        if re.fullmatch(r"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}", e) \
                and e not in out:
            out.append(e)
    return out


def job16rcpt(path):
    for e in recipients(path):
        print(e)


# ---- job 17: send-once state -------------------------------------------------
def job17(corpus, days, langs="ko en", keep_days=90, allow_resend=""):
    """Replay the daily run on each day of DAYS (a file, one YYYY-MM-DD a
    line; the run at 06:00 UTC as the cron does), for each language: its
    decision {lang, date, selected, action, items}.
    CORRECTED: the original keeps one list of sent content dates for both
    languages, so on a fallback day en is skipped after ko sent; here each
    language keeps its own (last_sent_date_<lang> was per language already).
    The state keeps a key from its first marking until a later marking
    finds it older than keep_days (ni-filter --mark --expire)."""
    state = {}                            # key -> day first marked
    for line in open(days, encoding="utf-8"):
        day = line.strip()
        if not day:
            continue
        now = dt.date.fromisoformat(day)  # 06:00 UTC = 15:00 KST, same day
        target = now
        for lang in langs.split():
            res, selected = select(corpus, lang, target)
            n = len(res)
            if n == 0:
                action, selected = "nothing", ""
            elif not allow_resend and "%s sent %s" % (lang, target) in state:
                action = "sent-today"
            elif not allow_resend and selected != str(target) and \
                    "%s content %s" % (lang, selected) in state:
                action = "content-sent"
            else:
                action = "send"
                for k in ("%s sent %s" % (lang, target), "%s content %s" % (lang, selected)):
                    state.setdefault(k, now)
                cut = now - dt.timedelta(days=int(keep_days))
                state = {k: d for k, d in state.items() if d >= cut}
            print(port.jdump({"lang": lang, "date": str(target), "selected": selected,
                              "action": action, "items": n}))


def main():
    job, args = sys.argv[1], sys.argv[2:]
    globals()["job" + job](*args)


if __name__ == "__main__":
    main()
