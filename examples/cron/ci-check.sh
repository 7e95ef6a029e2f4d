#!/bin/sh
# ci-check.sh - the schema check for a content repository's CI: every item
# must parse and match the news-item schema; failures are listed with
# file:line:col and kept in rejects.ndjson.  Exit 2 when any failed.
set -u
: "${ITEMS:?}"
ni-parse --check --rejects "${REJECTS:-rejects.ndjson}" "$ITEMS" >/dev/null
