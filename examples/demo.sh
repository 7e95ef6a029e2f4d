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
echo "== first three records"
head -3 demo/items.ndjson | cut -c1-160

