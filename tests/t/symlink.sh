#!/bin/sh
# tests/t/symlink.sh - issue 11.7: -o and --mark write through a symlink
# to its target (the link stays) and keep the target's mode.
. "$NI_TESTS/lib.sh"
export NI_NOW=2026-08-17T12:00:00Z
cd "$T" || exit 2
printf '{"id":"a","title":"A","canonical_url":"https://ex.com/a","date_published":"2026-08-16"}\n' >a.ndjson

# --mark through a symlink to a 0600 state in another folder
mkdir -p real links
printf '# ni-state 1\n' >real/sent.state
chmod 600 real/sent.state
ln -s ../real/sent.state links/sent.state
ni-filter --mark links/sent.state a.ndjson >/dev/null
rc_is "symlink-mark-rc" $? 0
[ -L links/sent.state ] && ok "symlink-mark-link-stays" || ko "symlink-mark-link-stays" "replaced by a file"
has "symlink-mark-target-written" real/sent.state '^https://ex\.com/a	'
eq "symlink-mark-keeps-mode-0600" "$(stat -c %a real/sent.state)" 600
[ -f real/sent.state.bak ] && ok "symlink-mark-bak-beside-target" || ko "symlink-mark-bak-beside-target"
ni-filter --unseen links/sent.state a.ndjson >/dev/null
rc_is "symlink-unseen-reads-target" $? 1

# -o through a (relative, chained) symlink; an existing file keeps its mode
printf 'old\n' >real/feed.atom
chmod 640 real/feed.atom
ln -s real/feed.atom hop.atom
ln -s hop.atom feed.atom
ni-render -f atom -o feed.atom a.ndjson
rc_is "symlink-o-rc" $? 0
[ -L feed.atom ] && [ -L hop.atom ] && ok "symlink-o-links-stay" || ko "symlink-o-links-stay"
has "symlink-o-target-written" real/feed.atom '<feed'
eq "symlink-o-keeps-mode-0640" "$(stat -c %a real/feed.atom)" 640
# a dangling link: the file is created where it points
ln -s real/new.atom new.atom
ni-render -f atom -o new.atom a.ndjson
[ -L new.atom ] && [ -f real/new.atom ] && ok "symlink-o-dangling-creates-target" || ko "symlink-o-dangling-creates-target"
ls real | grep -q tmp && ko "symlink-no-temp-left" "$(ls real)" || ok "symlink-no-temp-left"
