#!/bin/sh
# hourly-atom.sh - an Atom feed of one's interests, replaced atomically.
#   crontab:  15 * * * *  ITEMS=... INTERESTS=$HOME/.config/ni/interests \
#                         OUT=/var/www/feeds/mine.atom $HOME/bin/hourly-atom.sh
# INTERESTS holds ni-filter expressions, one per line (any of them).
# When nothing matches (a failed fetch upstream), the old feed stays.
set -u
: "${ITEMS:?}" "${INTERESTS:?}" "${OUT:?}"
# titles stored before ni-parse --sfeed decoded them ("Target&#8217;s")
# are made text, so readers do not show the entity
ni-parse "$ITEMS" | ni-filter -f "$INTERESTS" --since 30d |
	ni-map 'if exists title and title != null then title = html_unescape(string(title)) end' |
	ni-render -f atom --title "${TITLE:-My interests}" --limit 100 -o "$OUT"
