# Man pages lint clean; their EXAMPLES run; completions load and complete.
. "$NI_TESTS/lib.sh"
export NI_NOW=2026-11-28T09:00:00Z
top=$(cd "$NI_TESTS/.." && pwd)
if command -v mandoc >/dev/null 2>&1; then
	for m in "$top"/man/*.[157]; do
		# "referenced manual not found" and "outdated mandoc.db" are about
		# this machine's manual database (ni's own pages are not installed
		# here), not about the page: everything else must be silent
		mandoc -Tlint "$m" 2>&1 | grep -v -e 'referenced manual not found' \
			-e 'outdated mandoc.db' >"$T/lint"
		same "mandoc -Tlint $(basename "$m")" "$T/lint" /dev/null
	done
else
	ko "mandoc missing" "install mandoc"
fi
# every .Sx names a section (or subsection) of its own page (issue 22 #14)
for m in "$top"/man/*.[157]; do
	bad=$(awk '/^\.S[hs] /{sub(/^\.S[hs] /,""); s[$0]=1}
		/^\.Sx /{l=$0; sub(/^\.Sx /,"",l); sub(/ [.,;:)]( .*)?$/,"",l); r[l]=1}
		END{for (k in r) if (!(k in s)) print k}' "$m")
	eq "docs-sx: every .Sx in $(basename "$m") names a section" "$bad" ""
done
# every .Dl line in EXAMPLES that starts with ni- runs on the samples
cd "$top"
for m in man/*.[157]; do
	sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$m" | sed -n 's/^\.Dl //p' |
		sed 's/\\-/-/g; s/\\&//g; s/\\(dq/"/g' >"$T/ex"
	n=0
	while IFS= read -r cmd; do
		n=$((n + 1))
		case $cmd in ni*|find*) ;; *) continue ;; esac
		(cd "$T" && ln -sfn "$top/examples" examples && sh -c "$cmd" >"$T/exout" 2>"$T/exerr")
		rc=$?
		# the samples hold one broken document on purpose: 0 or 2 with a
		# message naming it are both the documented outcome
		if [ $rc -eq 0 ] || { [ $rc -eq 2 ] && grep -q 'broken_feed' "$T/exerr"; }; then
			ok "example $(basename "$m"):$n"
		else
			ko "example $(basename "$m"):$n" "rc $rc: $cmd: $(head -2 "$T/exerr")"
		fi
	done <"$T/ex"
done
# bash completion
if command -v bash >/dev/null 2>&1; then
	bash -c ". '$top/completions/ni.bash'; complete -p ni-parse" >"$T/c" 2>&1
	has "bash completion registered" "$T/c" '_ni_parse ni-parse'
	bash -c ". '$top/completions/ni.bash'; COMP_WORDS=(ni-parse --ch); COMP_CWORD=1; _ni_parse; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
	eq "bash completes --check" "$(cat "$T/c")" "--check"
fi
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$top/completions/_ni" && ok "zsh completion parses" || ko "zsh completion parses"
fi
if command -v bash >/dev/null 2>&1; then
	bash -c ". '$top/completions/ni.bash'; COMP_WORDS=(ni-filter --week-start ''); COMP_CWORD=2; _ni_filter; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
	eq "bash completes --week-start values" "$(cat "$T/c")" "mon sun"
	bash -c ". '$top/completions/ni.bash'; COMP_WORDS=(ni-filter --uniq can); COMP_CWORD=2; _ni_filter; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
	eq "bash completes field names" "$(cat "$T/c")" "canonical_url"
fi
if command -v bash >/dev/null 2>&1; then
	bash -c ". '$top/completions/ni.bash'; COMP_WORDS=(ni-summarize -b 'week,lower(re'); COMP_CWORD=2; _ni_summarize; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
	eq "bash completes --by keys after a comma" "$(cat "$T/c")" "week,lower(regions) week,lower(relevance_score)"
	bash -c ". '$top/completions/ni.bash'; COMP_WORDS=(ni-summarize --sort ''); COMP_CWORD=2; _ni_summarize; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
	eq "bash completes --sort" "$(cat "$T/c")" "count key change"
fi
if command -v bash >/dev/null 2>&1; then
	bash -c ". '$top/completions/ni.bash'; COMP_WORDS=(ni-render -f a); COMP_CWORD=2; _ni_render; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
	eq "bash completes formats" "$(cat "$T/c")" "atom"
	bash -c ". '$top/completions/ni.bash'; COMP_WORDS=(ni-render --color ''); COMP_CWORD=2; _ni_render; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
	eq "bash completes --color" "$(cat "$T/c")" "auto always never"
fi
# first run: --help fits on a screen and ends with an example; with no
# input on a terminal a tool says how to use it instead of waiting
for t in ni ni-parse ni-filter ni-summarize ni-render ni-sort ni-map ni-write; do
	"$t" --help >"$T/h"
	n=$(wc -l <"$T/h")
	[ "$n" -le 30 ] && ok "$t --help fits on a screen ($n lines)" || ko "$t --help is $n lines"
	if [ "$t" != ni ]; then
		tail -1 "$T/h" | grep -q '^Example: ' && ok "$t --help ends with an example" || ko "$t --help ends with an example"
	fi
done
if command -v script >/dev/null 2>&1; then
	for t in ni-parse ni-filter ni-summarize ni-render ni-sort ni-map ni-write; do
		timeout 10 script -qec "$t" /dev/null </dev/null >"$T/tty" 2>&1
		rc=$?
		[ $rc -eq 2 ] && grep -q -- "--help" "$T/tty" && ok "$t on a terminal with no input: usage, exit 2" ||
			ko "$t on a terminal" "rc $rc: $(head -c 200 "$T/tty")"
	done
fi
# the README's digest example, run as written (its folder replaced by the
# corpus, else the samples): weeks newest first, each tag's share of its
# own week's items, and the heading says so; checked with html.parser
# against week totals counted with PyYAML (ISO weeks of date_published)
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
D=$top/examples/items; [ -n "${NI_CORPUS:-}" ] && D=$NI_CORPUS/daily
grep -m1 '^ni-parse content/daily | ni-summarize -b week,tags' "$top/README.md" >"$T/ex"
if [ -s "$T/ex" ]; then
	sed "s|content/daily|'$D'|; s|-o digest.html|-o '$T/digest.html'|" "$T/ex" >"$T/ex.sh"
	(cd "$T" && sh ./ex.sh 2>/dev/null)
	$PY - "$T/digest.html" "$D" <<'X' >"$T/ex.r" 2>&1
import collections, datetime as dt, html.parser, os, sys
sys.path.insert(0, os.environ["NI_TESTS"] + "/jobs")
import port
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(); s.rows, s.row, s.cell, s.th, s.heads = [], None, None, False, []
    def handle_starttag(s, t, a):
        if t == "tr": s.row = []
        if t in ("td", "th"): s.cell = ""; s.th = t == "th"
    def handle_data(s, d):
        if s.cell is not None: s.cell += d
    def handle_endtag(s, t):
        if t in ("td", "th") and s.cell is not None:
            (s.heads if s.th else s.row).append(s.cell.strip()); s.cell = None
        if t == "tr" and s.row: s.rows.append(s.row); s.row = None
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
weeks = collections.Counter()
for _, v in port.items(sys.argv[2]):
    d = str(v.get("date_published") or "")[:10]
    try:
        y, w, _ = dt.date.fromisoformat(d).isocalendar()
    except ValueError:
        continue
    weeks["%d-W%02d" % (y, w)] += 1
errs = []
if p.heads[:4] != ["week", "tags", "count", "share of its week"]:
    errs.append("heading %s" % p.heads[:4])
ws = [r[0] for r in p.rows]
if not ws or ws != sorted(ws, reverse=True):
    errs.append("weeks not newest first: %s" % ws[:6])
for wk, tag, count, share in (r[:4] for r in p.rows):
    want = "%.1f%%" % (100.0 * int(count) / weeks[wk]) if weeks[wk] else "?"
    if share != want:
        errs.append("%s %s: %s, want %s of %d items" % (wk, tag, share, want, weeks[wk])); break
print("ok" if not errs else "; ".join(errs))
X
	eq "README digest example: weeks newest first, each share of its own week (heading 'share of its week'; PyYAML week totals)" "$(cat "$T/ex.r")" ok
else
	ko "README digest example" "not found in README.md"
fi
