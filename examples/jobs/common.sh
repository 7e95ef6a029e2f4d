# common.sh - glue sourced by every job script: where the items are.
#   $1      the items folder (default examples/items): either a folder of
#           daily items, or one holding daily/, weekly/ and monthly/
#   NI_NOW  "now" for every tool (ISO 8601); default: the clock
#   OUT     where scripts that make files put them
set -u
ITEMS=${1:-examples/items}
if [ -d "$ITEMS/daily" ]; then
	DAILY=$ITEMS/daily WEEKLY=$ITEMS/weekly MONTHLY=$ITEMS/monthly
else
	DAILY=$ITEMS WEEKLY= MONTHLY=
fi
NOW=${NI_NOW:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
export NI_NOW=$NOW
# day arithmetic on NOW (GNU date): day -1 -> yesterday's YYYY-MM-DD
day() { date -u -d "${NOW%%T*} ${1:-0} day" +%Y-%m-%d; }
