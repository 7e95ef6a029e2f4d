#!/bin/sh
# examples/demo.sh BIN - the main ni job on the bundled sample items.
# "Now" is fixed so the demo shows the same digest whenever it runs.
set -u
BIN=${1:-bin}
PATH=$(cd "$BIN" && pwd):$PATH
export PATH
cd "$(dirname "$0")/.." || exit 2
export NI_NOW=2026-11-28T09:00:00Z

echo "== ni-parse examples/items (one document is broken on purpose)"
mkdir -p demo
ni-parse examples/items >demo/items.ndjson
echo "   exit status $? (2: a document failed, the other items still flow)"
echo "== ni-filter: the last four weeks, confidence >= 0.7"
ni-filter --since -4w --min-confidence 0.7 demo/items.ndjson >demo/recent.ndjson
echo "   $(wc -l <demo/recent.ndjson) of $(wc -l <demo/items.ndjson) items"
echo "== agentic commerce or NVIDIA in the title, newest first"
ni-filter 'tags = agentic-commerce or title ~ /nvidia/i' demo/recent.ndjson |
	sed -n 's/.*"date_published":"\([^"]*\)".*"title":"\([^"]*\)".*/\1  \2/p' | sort -r | head -8

