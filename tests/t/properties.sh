# Properties over 1,000 generated records (Korean text, control
# characters, hostile markup, invalid lines): nothing lost, counts add up,
# rendered text parses back to the source strings; and the cron
# environment (C locale, de_DE, no TTY, minimal PATH, TZ unset) gives the
# same bytes.
. "$NI_TESTS/lib.sh"
export NI_NOW=2026-11-28T09:00:00Z
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
$PY - "$T/gen.ndjson" <<'X'
import json, random, sys
rnd = random.Random(20261128)
words = ["agent", "커머스", "에이전트", "NVIDIA", "<script>", "\"quoted\"", "a&b", "]]>",
         "\u0001ctl", "\u001b[31m", "tab\there", "line\nbreak", "\u202eevil", "café",
         "\ufffe", "한국어", "x'y", "#hash", "[link](javascript:x)", "|pipe|"]
tags = ["llm", "ai-agents", "agentic-commerce", "에이전트", "retail-media", "nvidia"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(1000):
        if i % 97 == 0:
            f.write('{"id":"broken-%d", "title": \n' % i)   # invalid lines
            continue
        r = {"id": "g%04d" % i,
             "date_published": "2026-%02d-%02d" % (rnd.randint(1, 11), rnd.randint(1, 28)),
             "title": " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 6))),
             "source_id": rnd.choice(["wire", "seoul_tech", "chip"]),
             "canonical_url": "https://example.com/%d?utm_source=x" % i,
             "tags": rnd.sample(tags, rnd.randint(0, 3)),
             "summary_en": " ".join(rnd.choice(words) for _ in range(8)),
             "confidence": rnd.choice([0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 1])}
        f.write(json.dumps(r, ensure_ascii=rnd.random() < 0.3) + "\n")
X
G=$T/gen.ndjson
total=$(wc -l <"$G")
for P in 'tags = agentic-commerce' 'confidence >= 0.8 and date_published >= 2026-06' 'title ~ /에이전트|nvidia/i' '* ~ /script/'; do
	ni-filter --rejects "$T/rej" "$P" "$G" >"$T/yes" 2>/dev/null
	ni-filter "not ($P)" "$G" >"$T/no" 2>/dev/null
	n=$(( $(wc -l <"$T/yes") + $(wc -l <"$T/no") + $(wc -l <"$T/rej") ))
	eq "nothing lost: filter($P) + filter(not) + rejects" "$n" "$total"
	cat "$T/yes" "$T/no" | sort >"$T/both"; grep -v broken "$G" | sort >"$T/valid"
	same "filter($P) + filter(not): the valid records, byte for byte" "$T/both" "$T/valid"
done
ni-summarize -b source_id "$G" 2>/dev/null | $PY -c 'import json,sys; print(sum(json.loads(l)["count"] for l in sys.stdin))' >"$T/sum"
eq "summarize: group counts add up to the records read" "$(cat "$T/sum")" "$(grep -vc broken "$G")"
ni-summarize -b tags "$G" 2>/dev/null | $PY -c 'import json,sys; print(sum(json.loads(l)["count"] for l in sys.stdin))' >"$T/sum"
want=$($PY -c 'import json,sys
n=0
for l in open(sys.argv[1]):
    try: r=json.loads(l)
    except ValueError: continue
    n += max(1, len(set(r["tags"])))
print(n)' "$G")
eq "summarize: exploded tag counts add up (empty lists in the null group)" "$(cat "$T/sum")" "$want"

# rendered text parses back to the source strings
grep -v broken "$G" >"$T/valid.ndjson"
ni-render -f html "$T/valid.ndjson" >"$T/p.html"
$PY "$NI_TESTS/helpers/check_html.py" "$T/p.html" "$T/valid.ndjson" >"$T/r" 2>&1 && ok "property: HTML gives back every title, no markup from data" || ko "property html" "$(head -3 "$T/r")"
ni-render -f atom "$T/valid.ndjson" >"$T/p.atom"
xmllint --noout "$T/p.atom" 2>"$T/r" && ok "property: Atom is well-formed XML" || ko "property atom xmllint" "$(head -2 "$T/r")"
$PY "$NI_TESTS/helpers/check_feed.py" "$T/p.atom" "$T/valid.ndjson" >"$T/r" 2>&1 && ok "property: feedparser gives back every title (minus what XML forbids)" || ko "property feed" "$(head -3 "$T/r")"
ni-render -f email --subject 'digest {count}' "$T/valid.ndjson" >"$T/p.eml"
$PY "$NI_TESTS/helpers/check_mail.py" "$T/p.eml" "digest $(wc -l <"$T/valid.ndjson")" >"$T/r" 2>&1 && ok "property: email has exactly the intended headers" || ko "property email" "$(cat "$T/r")"

# the cron environment: same bytes whatever the locale, no TTY, no TZ
cat >"$T/run_all.sh" <<'X'
o=$1
ni-parse "$NI_TESTS/../examples/items" 2>/dev/null | ni-filter --since -6w 2>/dev/null |
	tee "$o.items" | ni-summarize -b week --stats confidence >"$o.sum" 2>/dev/null
ni-render -f md "$o.items" "$o.sum" >"$o.md" 2>/dev/null
ni-render -F '{date_published|date:%a %d %b %Y} {confidence} {title:~20}' "$o.items" >"$o.fmt" 2>/dev/null
cat "$o.items" "$o.sum" "$o.md" "$o.fmt" | cksum
X
base=$(sh "$T/run_all.sh" "$T/a")
for envs in "LANG=C" "LC_ALL=de_DE.UTF-8" "LC_ALL=ko_KR.UTF-8 LANG=ko_KR.UTF-8" "LC_NUMERIC=de_DE.UTF-8"; do
	# shellcheck disable=SC2086
	got=$(env -i PATH="$NI_BIN:/usr/bin:/bin" NI_NOW=$NI_NOW NI_TESTS=$NI_TESTS $envs sh "$T/run_all.sh" "$T/b" </dev/null 2>&1)
	eq "same bytes under $envs, no TTY, minimal PATH, TZ unset" "$got" "$base"
done
