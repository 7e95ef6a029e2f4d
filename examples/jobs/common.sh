# common.sh - glue sourced by every job script: where the items are.
#   $1      the items folder (default examples/items): either a folder of
#           daily items, or one holding daily/, weekly/ and monthly/
#   NI_NOW  "now" for every tool (ISO 8601); default: the clock
#   OUT     where scripts that make files put them
#   DIGESTS a folder holding weekly/ and monthly/ digests (default: those
#           beside daily/ in $1)
set -u
# the tools: those installed with these scripts (make install writes
# their folder here), else those on PATH
NI_BINDIR=
[ -z "$NI_BINDIR" ] || PATH=$NI_BINDIR:$PATH
ITEMS=${1:-examples/items}
if [ -d "$ITEMS/daily" ]; then
	DAILY=$ITEMS/daily WEEKLY=$ITEMS/weekly MONTHLY=$ITEMS/monthly
else
	DAILY=$ITEMS WEEKLY= MONTHLY=
fi
# DIGESTS=DIR: the weekly/ and monthly/ digests from DIR instead
if [ -n "${DIGESTS:-}" ]; then WEEKLY=$DIGESTS/weekly MONTHLY=$DIGESTS/monthly; fi
NOW=${NI_NOW:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
export NI_NOW=$NOW
# day arithmetic on NOW (GNU date): day -1 -> yesterday's YYYY-MM-DD
day() { date -u -d "${NOW%%T*} ${1:-0} day" +%Y-%m-%d; }
# the Sunday and Saturday of week label $1 (YYYY-Www, Sunday weeks as in
# ni-filter --week-start sun): sets SUN and SAT (YYYY-MM-DD)
week_days() {
	_y=${1%-W*} _w=${1#*-W}
	_w=${_w#0}
	_j=$(date -u -d "$_y-01-04" +%u)
	SUN=$(date -u -d "$_y-01-04 $(( (_w - 1) * 7 - _j )) day" +%Y-%m-%d)
	SAT=$(date -u -d "$SUN 6 day" +%Y-%m-%d)
}
