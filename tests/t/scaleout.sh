# Beyond one machine: a throwaway sshd on 127.0.0.1 (its own host and user
# keys, its own port) stands in for two remote hosts; GNU parallel -S runs
# the map step there over real ssh, the reduce step runs here.  The result
# must be byte-identical to one local run.
. "$NI_TESTS/lib.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
export NI_NOW=2026-11-28T09:00:00Z
top=$(cd "$NI_TESTS/.." && pwd)
skip() { echo "scaleout: SKIPPED: $*" >&2; exit 0; }
for t in /usr/sbin/sshd ssh ssh-keygen parallel; do
	command -v "$t" >/dev/null 2>&1 || skip "$t not installed (apt-get install openssh-server parallel)"
done

# ---- a private sshd -------------------------------------------------------
S=$T/ssh
mkdir -p "$S" && chmod 700 "$S"
ssh-keygen -q -t ed25519 -N '' -f "$S/host_key" || skip "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -f "$S/user_key" || skip "ssh-keygen failed"
cp "$S/user_key.pub" "$S/authorized_keys"
port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$S/sshd_config" <<X
ListenAddress 127.0.0.1
Port $port
HostKey $S/host_key
AuthorizedKeysFile $S/authorized_keys
PidFile $S/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AllowUsers $(id -un)
StrictModes no
UsePAM no
MaxStartups 50
MaxSessions 50
LogLevel VERBOSE
X
[ -d /run/sshd ] || mkdir -p /run/sshd 2>/dev/null
/usr/sbin/sshd -f "$S/sshd_config" -D -E "$S/sshd.log" &
sshd_pid=$!
trap 'kill $sshd_pid 2>/dev/null; wait $sshd_pid 2>/dev/null; rm -rf "$T"' EXIT
cat >"$S/config" <<X
Host host1 host2
	HostName 127.0.0.1
	Port $port
	User $(id -un)
	IdentityFile $S/user_key
	IdentitiesOnly yes
	UserKnownHostsFile $S/known_hosts
	StrictHostKeyChecking accept-new
	BatchMode yes
	LogLevel ERROR
X
SSH="ssh -F $S/config"
up=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	if $SSH host1 true 2>/dev/null; then up=1; break; fi
	kill -0 $sshd_pid 2>/dev/null || break
	sleep 0.25
done
[ $up = 1 ] || skip "sshd could not be started here ($(tail -1 "$S/sshd.log" 2>/dev/null))"
$SSH host2 true 2>/dev/null || skip "second ssh login failed"
ok "scaleout: private sshd on 127.0.0.1:$port with throwaway keys"

# ---- the corpus, or the samples ------------------------------------------
if [ -n "${NI_CORPUS:-}" ]; then
	ni-parse "$NI_CORPUS/daily" >"$T/items.ndjson" 2>/dev/null
else
	ni-parse "$top/examples/items" >"$T/items.ndjson" 2>/dev/null
fi
n=$(wc -l <"$T/items.ndjson")
[ "$n" -gt 20 ] && ok "scaleout: $n records to spread" || ko "scaleout: records" "$n"
blk=$(( n / 4 + 1 ))   # records a block: four blocks, two hosts (532 on the corpus)
logins() { grep -c 'Accepted publickey' "$S/sshd.log"; }

# ---- map-reduce with --pipe: the records stream to the hosts -------------
B=$NI_BIN
for opts in "-b week,tags --top 5 --items 3" "-b source_id --stats confidence --hist confidence:0.5,0.85" ""; do
	ni-summarize $opts "$T/items.ndjson" >"$T/local"
	before=$(logins)
	parallel --will-cite --pipe -N $blk -j 2 -S 1/host1,1/host2 --ssh "$SSH" \
		"$B/ni-summarize $opts --partial" <"$T/items.ndjson" >"$T/partials" 2>"$T/perr"
	rc_is "scaleout --pipe map on two ssh hosts ($opts)" $? 0
	ni-summarize $opts --merge "$T/partials" >"$T/merged"
	rc_is "scaleout --merge here ($opts)" $? 0
	same "scaleout: merge of remote partials = one local run ($opts)" "$T/merged" "$T/local"
	used=$(( $(logins) - before ))
	[ "$used" -ge 2 ] && ok "scaleout: the map ran over ssh ($used logins)" ||
		ko "scaleout: ssh logins" "$used"
	parts=$(grep -c '"_partial"' "$T/partials")
	[ "$parts" -ge 2 ] && ok "scaleout: $parts partial states" || ko "scaleout: partial states" "$parts"
done

# ---- partial states kept as files here (--files), merged later ----------
# (--pipe sends the records over ssh's stdin, so the hosts need no shared
# file system and no rsync)
opts="-b month,categories --items 2"
before=$(logins)
parallel --will-cite --pipe -N $blk -k --files --tmpdir "$T" -S 1/host1,1/host2 --ssh "$SSH" \
	"$B/ni-summarize $opts --partial" <"$T/items.ndjson" >"$T/files" 2>"$T/perr" || cat "$T/perr" >&2
rc_is "scaleout: partial states returned as files" $? 0
want=$(( (n + blk - 1) / blk ))
eq "scaleout: one partial file per $blk records" "$(wc -l <"$T/files")" "$want"
used=$(( $(logins) - before ))
[ "$used" -ge "$want" ] && ok "scaleout: one ssh login per shard at least" || ko "scaleout: logins" "$used"
ni-summarize $opts --merge $(cat "$T/files") >"$T/merged"
ni-summarize $opts "$T/items.ndjson" >"$T/local"
same "scaleout: merged partial files = one local run" "$T/merged" "$T/local"

# ---- sorting at scale: shards sorted there, merged here ------------------
if [ -x "$B/ni-sort" ]; then
	key="date_published:desc,confidence:desc"
	parallel --will-cite --pipe -N $blk -k --files --tmpdir "$T" -S 1/host1,1/host2 --ssh "$SSH" \
		"$B/ni-sort -k $key" <"$T/items.ndjson" >"$T/sorted" 2>"$T/perr" || cat "$T/perr" >&2
	rc_is "scaleout: shards sorted on the hosts" $? 0
	"$B/ni-sort" -m -k "$key" $(cat "$T/sorted") >"$T/merged"
	"$B/ni-sort" -k "$key" "$T/items.ndjson" >"$T/local"
	same "scaleout: ni-sort -m of remote-sorted shards = one ni-sort" "$T/merged" "$T/local"
else
	echo "scaleout: ni-sort not built here: the sort part waits for it" >&2
fi
