#!/usr/bin/env python3
"""gen_hostile.py N [SEED] - N item records (NDJSON) full of strings that
YAML readers take for something else: YAML 1.1 booleans, numbers, dates,
sexagesimals, indicators, quotes, backslashes, control characters, line
breaks, non-BMP characters, Korean, a '---' line inside a value; hostile
keys; nested lists and maps; numbers in every JSON spelling.  Deterministic
for a seed.  Records get ids h0000, h0001... (ni-write -N '{id}.md')."""
import json, random, sys

n = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 14)

WORDS = ["yes", "no", "Yes", "NO", "on", "Off", "y", "n", "Y", "N", "true",
         "False", "TRUE", "null", "Null", "NULL", "~", "", " ", "   ", "=",
         "<<", "---", "...", "- a", "-", "? x", "?", ": x", ":", "a:", "a: b",
         "a #b", "a#b", "#x", "&a", "*a", "!x", "!!str x", "|", "> x", "%x",
         "@x", "`x", "'x'", '"x"', "x'", "x\"", "C:\\data", "trail\\", "a\\nb",
         "2026-01-01", "2026-1-1", "2001-12-14 21:59:43.10 -5",
         "2026-06-30T09:34:22.086Z", "12:30", "1:20", "190:20:30", "-1:20",
         "0o17", "0x1F", "0X1f", "012", "09", "0b101", "1_000", "+1", "-1",
         "1", "0", "-0", ".5", "1.", "1.0", "1e5", "1E+5", "1.5e-3", ".inf",
         "-.Inf", ".NaN", "NaN", "inf", "Infinity", "0.1.2", "1,000",
         "3 ways to use AI", "v1.2", "GPT-5", "[a, b]", "{a: b}", "a, b",
         "line1\nline2", "\n---\n", "x\n---\ny", "\n", "\r\n", "tab\there",
         "\ttab", "trailing ", " leading", "\x00", "nul\x00in", "\x01\x02",
         "esc\x1b[31m", "del\x7f", "nel\x85x", "ls\u2028ps\u2029", "\ufeffbom",
         "\ufffe\uffff", "\u00a0nbsp\u00a0", "\u3000ideo\u3000",
         "rtl\u202eabc", "😀", "emoji 👨‍👩‍👧 family", "𝕏 math", "한국어 뉴스",
         "에이전트: 커머스", "e\u0301", "quote \" and ' both", "back\\slash",
         "%%", "@", "a  b", "a - b", "http://x.test/a?b=c#d", "a,b", "]",
         "}", "{", "[", "#", "key: value # comment", "null ", " null",
         "<div>", "x" * 300, "가" * 120]

KEYS = ["yes", "on", "No", "null", "~", "1", "0o7", "2026-01-01", "key: x",
        "#c", "-", "?", "=", "<<", "a b", "키", "😀", "x\ny", "tab\t", " sp",
        "", "\"q\"", "k" * 1100]


def word():
    w = rng.choice(WORDS)
    if rng.random() < 0.3:
        w = w + rng.choice(["", " ", "x", ":", "\n", "\\", "😀"]) + rng.choice(WORDS)
    return w


def number():
    return rng.choice([0, -0, 1, -1, 42, 9223372036854775807,
                       -9223372036854775808, 0.5, -0.0, 1.5, 1e5, 1.5e-7,
                       123456.789, 2.5e+300, 1e-300, 0.1, 0.78])


def raw_number():
    # JSON spellings Python would not write
    return rng.choice(["1e5", "1E5", "-2E-3", "1.5e10", "0.80", "1.0",
                       "-0.0", "-0", "100", "3.14159265358979"])


def scalar():
    r = rng.random()
    if r < 0.7:
        return word()
    if r < 0.85:
        return number()
    return rng.choice([True, False, None])


def value(depth=0):
    r = rng.random()
    if depth < 3 and r < 0.15:
        return [value(depth + 1) for _ in range(rng.randrange(0, 5))]
    if depth < 3 and r < 0.25:
        return nested(depth)
    if r < 0.4:
        return [scalar() for _ in range(rng.randrange(0, 6))]
    return scalar()


def nested(depth):
    m = {}
    for _ in range(rng.randrange(0, 4)):
        k = rng.choice(KEYS + WORDS)
        if "\x00" not in k:
            m[k] = value(depth + 1)
    return m


def summary():
    """text that goes into the body: no <div> (it would change the lang
    blocks) and no NUL (no document can hold one)"""
    s = word()
    while "div" in s.lower() or "\x00" in s:
        s = word()
    return s


for i in range(n):
    rec = {"id": "h%04d" % i, "title": word(), "date_published": word(),
           "source_id": word(), "tags": [word() for _ in range(rng.randrange(0, 6))],
           "summary_ko": summary(), "summary_en": summary(),
           "key_points": [summary() for _ in range(rng.randrange(0, 4))],
           "confidence": number()}
    for _ in range(rng.randrange(1, 6)):
        k = rng.choice(KEYS + WORDS)
        if k.startswith("_") or k in rec or "\x00" in k:
            continue
        rec[k] = value()
    if i % 5 == 0:
        rec["_body"] = "\n" + summary() + "\n---\n" + summary() + "\n"
    line = json.dumps(rec, ensure_ascii=rng.random() < 0.3)
    if i % 7 == 0:
        # a number as JSON spells it, not as Python would
        line = line[:-1] + ', "spelled": ' + raw_number() + "}"
    print(line)
