#!/bin/sh
# tests/t/dates.sh - stored and feed times are UTC whatever TZ/--tz say;
# offset-less timestamps convert with the offset in force at that instant
# (DST).  Expected instants come from Python's zoneinfo, not from ni.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
NY=America/New_York

# issue 11.3: state-file times are UTC under TZ=America/New_York
printf '{"id":"a","canonical_url":"https://example.com/a"}\n' >"$T/a"
TZ=$NY NI_NOW=2026-08-12T07:00:00Z ni-filter --mark "$T/st" "$T/a" >/dev/null
eq "rfc3339-state-time-is-utc-under-TZ" "$(grep -v '^#' "$T/st" | cut -f2)" "2026-08-12T07:00:00Z"
rm -f "$T/st"
NI_NOW=2026-08-12T07:00:00Z ni-filter --tz $NY --mark "$T/st" "$T/a" >/dev/null
eq "rfc3339-state-time-is-utc-under---tz" "$(grep -v '^#' "$T/st" | cut -f2)" "2026-08-12T07:00:00Z"
# 13 later runs with --expire 2d, the same day: the mark must not drift
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
	: | TZ=$NY NI_NOW=2026-08-12T09:00:00Z ni-filter --tz $NY --mark "$T/st" --expire 2d >/dev/null
done
eq "rfc3339-state-time-no-drift-13-runs" "$(grep -v '^#' "$T/st" | cut -f2)" "2026-08-12T07:00:00Z"
TZ=$NY NI_NOW=2026-08-12T09:00:00Z ni-filter --unseen "$T/st" "$T/a" >"$T/out"
rc_is "rfc3339-unseen-after-13-runs-sends-nothing" $? 1

# issue 11.12: offset-less timestamps next to DST changes, --tz New York
for ts in 2026-03-08T05:00:00 2026-11-01T03:00:00 2026-03-08T01:59:00 2026-11-01T00:30:00 2026-07-01T12:00:00; do
	want=$($PY -c "
import sys, datetime, zoneinfo
d = datetime.datetime.fromisoformat(sys.argv[1]).replace(tzinfo=zoneinfo.ZoneInfo('$NY'))
print(d.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'))" "$ts")
	printf '{"date_published":"%s"}\n' "$ts" >"$T/d"
	ni-filter --tz $NY "date_published = $want" "$T/d" >/dev/null
	rc_is "dst-offsetless-$ts-is-$want" $? 0
done
