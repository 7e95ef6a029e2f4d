#!/bin/sh
# tests/t/identity.sh - the identity of an item (man/ni.7, Identity):
# canonical URL, else id, else a digest; --key FIELD overrides it.  Used
# by --unseen/--mark and --uniq @.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
export NI_NOW=2026-08-17T12:00:00Z

# --uniq @: same URL (another id), same id (no URL), same content (no id,
# another _path) are the same article; empty values never equal
printf '%s\n' \
	'{"id":"a","canonical_url":"https://Ex.com/x/?utm_source=1","title":"1"}' \
	'{"id":"b","canonical_url":"https://ex.com/x#c","title":"2"}' \
	'{"id":"c","canonical_url":"","title":"3"}' \
	'{"id":"c","title":"4"}' \
	'{"title":"5","_path":"p1.md"}' \
	'{"title":"5","_path":"p2.md"}' \
	'{"id":"a","canonical_url":"https://ex.com/y","title":"7"}' >"$T/r"
ni-filter --uniq @ "$T/r" | sed 's/.*"title":"\([0-9]\)".*/\1/' | tr -d '\n' >"$T/out"
eq "identity-uniq-url-then-id-then-digest" "$(cat "$T/out")" "1357"
ni-filter --uniq @ --key id "$T/r" | sed 's/.*"title":"\([0-9]\)".*/\1/' | tr -d '\n' >"$T/out"
eq "identity-uniq-key-id-missing-never-equal" "$(cat "$T/out")" "12355"

# --unseen/--mark: the default key is the identity, so a reused id is not
# "already sent"
printf '%s\n' '{"id":"d1","canonical_url":"https://ex.com/1"}' >"$T/day1"
printf '%s\n' '{"id":"d1","canonical_url":"https://ex.com/2"}' '{"id":"d2","canonical_url":"https://ex.com/1/"}' >"$T/day2"
ni-filter --mark "$T/st" "$T/day1" >/dev/null
ni-filter --unseen "$T/st" "$T/day2" >"$T/out"
eq "identity-unseen-reused-id-is-new" "$(cat "$T/out")" '{"id":"d1","canonical_url":"https://ex.com/2"}'
has "identity-state-key-is-canonical-url" "$T/st" '^https://ex\.com/1	'
# within one run, a repeated article passes --unseen once
cat "$T/day2" "$T/day2" | ni-filter --unseen "$T/st" -c >"$T/out"
eq "identity-unseen-once-per-run" "$(cat "$T/out")" 1

# a record without a key: an error for that record, passed by --unseen,
# never marked, exit 2
printf '%s\n' '{"id":"k1","src":"a"}' '{"id":"k2"}' >"$T/k"
ni-filter --key src --unseen "$T/st2" "$T/k" >"$T/out" 2>"$T/err"
rc_is "identity-no-key-exit-2" $? 2
eq "identity-no-key-passed-through" "$(wc -l <"$T/out")" 2
has "identity-no-key-reported" "$T/err" "k:2: no state key: \"src\" is missing"
ni-filter --key src --mark "$T/st2" "$T/k" >/dev/null 2>"$T/err"
rc_is "identity-no-key-mark-exit-2" $? 2
eq "identity-no-key-not-marked" "$(grep -vc '^#' "$T/st2")" 1

# the daily-email recipe replayed over 23 days of real ingest mails every
# eligible article exactly once (issue 11, section 1)
if [ -n "${NI_CORPUS:-}" ]; then
	top=$(cd "$NI_TESTS/.." && pwd)
	D=$NI_CORPUS/daily
	mkdir -p "$T/items" "$T/mail" "$T/state"
	cat >"$T/sendmail" <<X
#!/bin/sh
n=\$(ls "$T/mail" | wc -l)
cat >"$T/mail/\$n.eml"
X
	chmod +x "$T/sendmail"
	grep -H '^date_ingested:' "$D"/*.md | sed 's/^\(.*\.md\):date_ingested: *"\{0,1\}\([0-9-]\{10\}\).*/\2 \1/' |
		sort >"$T/ingest"
	days=$(cut -d' ' -f1 "$T/ingest" | uniq | tail -23)
	for day in $days; do
		grep "^$day " "$T/ingest" | cut -d' ' -f2 | while read -r f; do cp "$f" "$T/items/"; done
		next=$($PY -c "import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1]) + datetime.timedelta(days=1))" "$day")
		NI_NOW=${next}T07:00:00Z ITEMS=$T/items STATE=$T/state TO=me@example.com \
			SENDMAIL=$T/sendmail TITLE=Daily sh "$top/examples/cron/daily-email.sh" 2>>"$T/err"
	done
	want=$($PY "$NI_TESTS/helpers/replay_eligible.py" "$T/items" $days)
	sent=$(for m in "$T"/mail/*.eml; do $PY -c 'import email,sys,email.policy
m=email.message_from_binary_file(open(sys.argv[1],"rb"),policy=email.policy.default)
print(str(m["subject"]).split(": ")[-1].split()[0])' "$m"; done | awk '{s+=$1} END {print s+0}')
	eq "identity-replay-23-days-mails-every-article" "$sent" "$want"
	eq "identity-replay-23-days-marks-every-article" "$(grep -vc '^#' "$T/state/sent.state")" "$want"
fi

# ---- issue 22 2.6: a feed entry without a link keeps its identity ----------
# the feed's own id (guid), else a digest of its content without the time
# of ingest: marked once, it stays seen in a later run
printf '1780000000\tEpisode 12: no link\t\tShow notes\thtml\tep-12-guid\tHost\thttps://cdn.example/12.mp3\tpodcast\n' >"$T/pod-guid"
printf '1780000000\tEpisode 13: no link, no id\t\tShow notes\thtml\t\tHost\thttps://cdn.example/13.mp3\tpodcast\n' >"$T/pod-none"
for f in pod-guid pod-none; do
	rm -f "$T/$f.state"
	NI_NOW=2026-07-01T05:00:00Z ni-parse --sfeed "$T/$f" | ni-filter --mark "$T/$f.state" >/dev/null 2>"$T/$f.err"
	rc_is "identity: a link-less feed entry ($f) is marked without error" $? 0
	sleep 1
	ni-parse --sfeed "$T/$f" | ni-filter --unseen "$T/$f.state" >"$T/$f.out" 2>>"$T/$f.err"
	eq "identity: marked, a second later --unseen gives nothing ($f)" "$(wc -l <"$T/$f.out")" 0
	hasnt "identity: and says nothing ($f)" "$T/$f.err" .
done
# two different link-less entries stay two
cat "$T/pod-guid" "$T/pod-none" | ni-parse --sfeed | ni-filter --uniq @ >"$T/pod2"
eq "identity: two link-less entries are two items" "$(wc -l <"$T/pod2")" 2
# the same entry fetched at two times is one item (date_ingested differs)
{ NI_NOW=2026-07-01T05:00:00Z ni-parse --sfeed "$T/pod-none"; NI_NOW=2026-07-02T05:00:00Z ni-parse --sfeed "$T/pod-none"; } >"$T/pod-twice"
eq "identity: fetched twice, one item (date_ingested is not content)" "$(ni-filter --uniq @ "$T/pod-twice" | wc -l)" 1

# ---- issue 22 2.11: an empty or missing key never equals another -----------
printf '%s\n' '{"t":1,"u":""}' '{"t":2,"u":""}' '{"t":3}' '{"t":4}' '{"t":5,"u":null}' '{"t":6,"u":null}' \
	'{"t":7,"u":"https://e.example/a"}' '{"t":8,"u":"https://e.example/a"}' '{"t":9,"u":[]}' '{"t":10,"u":[]}' >"$T/ukeys"
ts() { $PY -c 'import json,sys; print(" ".join(str(json.loads(l)["t"]) for l in sys.stdin))'; }
eq "--uniq FIELD: missing, null, \"\" and [] never equal another" "$(ni-filter --uniq u "$T/ukeys" | ts)" "1 2 3 4 5 6 7 9 10"
eq "ni-sort -u: the same" "$(ni-sort -u u "$T/ukeys" | ts)" "1 2 3 4 5 6 7 9 10"
