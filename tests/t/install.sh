# make install / uninstall into a temp DESTDIR; the installed tools run,
# man finds their pages, the completions load in bash, zsh and fish.
. "$NI_TESTS/lib.sh"
top=$(cd "$NI_TESTS/.." && pwd)
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
D=$T/stage
# build from a copy so that nothing is written into the tree
cp -r "$top" "$T/src" 2>/dev/null
rm -rf "$T/src/build" "$T/src/bin"
if ! make -s -C "$T/src" install DESTDIR="$D" PREFIX=/usr >"$T/log" 2>&1; then
	ko "make install" "$(tail -3 "$T/log")"
	exit 0
fi
ok "make install"
(cd "$D" && find . -type f -o -type l | sort) >"$T/files"
cat >"$T/want" <<'X'
./usr/bin/ni
./usr/bin/ni-filter
./usr/bin/ni-map
./usr/bin/ni-parse
./usr/bin/ni-render
./usr/bin/ni-sort
./usr/bin/ni-summarize
./usr/bin/ni-write
./usr/share/bash-completion/completions/ni
./usr/share/bash-completion/completions/ni-filter
./usr/share/bash-completion/completions/ni-map
./usr/share/bash-completion/completions/ni-parse
./usr/share/bash-completion/completions/ni-render
./usr/share/bash-completion/completions/ni-sort
./usr/share/bash-completion/completions/ni-summarize
./usr/share/bash-completion/completions/ni-write
./usr/share/fish/vendor_completions.d/ni-filter.fish
./usr/share/fish/vendor_completions.d/ni-map.fish
./usr/share/fish/vendor_completions.d/ni-parse.fish
./usr/share/fish/vendor_completions.d/ni-render.fish
./usr/share/fish/vendor_completions.d/ni-sort.fish
./usr/share/fish/vendor_completions.d/ni-summarize.fish
./usr/share/fish/vendor_completions.d/ni-write.fish
./usr/share/fish/vendor_completions.d/ni.fish
./usr/share/man/man1/ni-filter.1
./usr/share/man/man1/ni-map.1
./usr/share/man/man1/ni-parse.1
./usr/share/man/man1/ni-render.1
./usr/share/man/man1/ni-sort.1
./usr/share/man/man1/ni-summarize.1
./usr/share/man/man1/ni-write.1
./usr/share/man/man7/ni-expr.7
./usr/share/man/man7/ni.7
./usr/share/zsh/site-functions/_ni
X
# the job scripts and their prompts, as the checkout has them
(cd "$top/examples/jobs" && ls [0-9]*.sh common.sh prompts/*) |
	sed 's|^|./usr/share/ni/jobs/|' >>"$T/want"
LC_ALL=C sort -o "$T/want" "$T/want"
same "install places the files (tools, man pages, completions, job scripts)" "$T/files" "$T/want"
PATH=$D/usr/bin:/usr/bin:/bin
export PATH
ni --version | grep -q "^ni [0-9]" && ok "installed ni runs" || ko "installed ni runs"
for t in parse filter summarize render sort map write; do
	v=$(ni-$t --version)
	eq "installed ni-$t --version (one version)" "$v" "ni-$t $(ni --version | cut -d' ' -f2)"
done
printf -- '---\nid: x\ntitle: t\n---\n' | ni parse | ni filter 'id = x' | ni map 'title = upper(title)' | ni render -F '{title}' >"$T/out"
eq "installed pipeline through ni" "$(cat "$T/out")" "T"
if command -v man >/dev/null 2>&1; then
	for p in ni-filter ni-parse ni-summarize ni-render ni-sort ni-map ni-write; do
		MANPATH=$D/usr/share/man man -w $p >"$T/m" 2>/dev/null
		has "man -w $p" "$T/m" "$D/usr/share/man/man1/$p.1"
	done
	MANPATH=$D/usr/share/man man -w 7 ni >"$T/m" 2>/dev/null
	has "man -w 7 ni" "$T/m" "man7/ni.7"
	MANPATH=$D/usr/share/man MANPAGER=cat PAGER=cat MANWIDTH=80 ni help filter >"$T/m" 2>&1
	has "ni help filter opens the manual" "$T/m" 'ni-filter.*select news-item records by field expressions'
	MANPATH=$D/usr/share/man MANPAGER=cat PAGER=cat MANWIDTH=80 ni help >"$T/m" 2>&1
	has "ni help opens ni(7)" "$T/m" 'small Unix filters for news-item digests'
	ni help bogus >/dev/null 2>&1; rc_is "ni help bogus" $? 2
	# mandoc looks for cross references only in the base system's
	# folders; each "not found" must name a page installed here
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -Tlint "$D"/usr/share/man/man1/*.1 "$D"/usr/share/man/man7/ni.7 "$D"/usr/share/man/man7/ni-expr.7 2>&1 |
			grep -v 'outdated mandoc.db' >"$T/lint"
		: >"$T/lint2"
		while IFS= read -r l; do
			ref=$(printf '%s\n' "$l" | sed -n 's/.*referenced manual not found: Xr \([^ ]*\) \([0-9]\).*/\1 \2/p')
			if [ -n "$ref" ]; then
				set -- $ref
				[ -f "$D/usr/share/man/man$2/$1.$2" ] && continue
				case $1 in grep|strftime|sendmail) continue ;; esac
			fi
			printf '%s\n' "$l" >>"$T/lint2"
		done <"$T/lint"
		same "mandoc -Tlint installed pages (cross references resolve)" "$T/lint2" /dev/null
	fi
fi
bash -c ". '$D/usr/share/bash-completion/completions/ni'; COMP_WORDS=(ni f); COMP_CWORD=1; _ni; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
eq "bash: ni subcommands" "$(cat "$T/c")" "filter"
bash -c ". '$D/usr/share/bash-completion/completions/ni'; COMP_WORDS=(ni render -f h); COMP_CWORD=3; _ni; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
eq "bash: ni render -f h" "$(cat "$T/c")" "html"
bash -c ". '$D/usr/share/bash-completion/completions/ni-sort'; COMP_WORDS=(ni sort --missing f); COMP_CWORD=3; _ni; echo \"\${COMPREPLY[@]}\"" >"$T/c" 2>&1
eq "bash: ni sort --missing f" "$(cat "$T/c")" "first"
if command -v zsh >/dev/null 2>&1; then
	zsh -fc "fpath=($D/usr/share/zsh/site-functions \$fpath); autoload -Uz compinit && compinit -u -d $T/zcd; whence -w _ni" >"$T/z" 2>&1
	has "zsh loads _ni" "$T/z" '_ni: function'
	has "zsh _ni is for ni-render" "$D/usr/share/zsh/site-functions/_ni" '^#compdef ni ni-parse ni-filter ni-summarize ni-render'
	# a real completion: an interactive zsh driven through zpty
	zcomp() { # LINE (with the tab) -> the line zsh completes it to
		cat >"$T/z.zsh" <<X
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'PS1=">" ; fpath=($D/usr/share/zsh/site-functions \$fpath); autoload -Uz compinit; compinit -u -D; ni-render() { }; ni-filter() { }'
zpty -w z \$'$1\t'
# poll until the completed word shows (a loaded machine may take seconds
# to run compinit), at most 15 s
out=""
for i in {1..150}; do
	while zpty -r -t z line; do out+="\$line"; done
	[[ "\$out" == *'$2'* ]] && break
	sleep 0.1
done
print -r -- "\$out" | tr -d '\r'
zpty -d z
X
		timeout 20 zsh -f "$T/z.zsh" 2>/dev/null
	}
	zcomp 'ni-render --format=h' 'ni-render --format=html' >"$T/z"
	has "zsh completes --format=html" "$T/z" 'ni-render --format=html'
	zcomp 'ni-filter --week-start=s' 'ni-filter --week-start=sun' >"$T/z"
	has "zsh completes --week-start=sun" "$T/z" 'ni-filter --week-start=sun'
	zcomp 'ni-sort --missing=f' 'ni-sort --missing=first' >"$T/z"
	has "zsh completes ni-sort --missing=first" "$T/z" 'ni-sort --missing=first'
fi
if command -v fish >/dev/null 2>&1; then
	HOME=$T fish -c "source $D/usr/share/fish/vendor_completions.d/ni.fish; complete -C 'ni-render --format='" >"$T/f" 2>&1
	has "fish completes --format values" "$T/f" '^--format=html'
	HOME=$T fish -c "source $D/usr/share/fish/vendor_completions.d/ni.fish; complete -C 'ni-filter --week-'" >"$T/f" 2>&1
	has "fish completes options" "$T/f" '^--week-start'
	HOME=$T fish -c "source $D/usr/share/fish/vendor_completions.d/ni.fish; complete -C 'ni-sort --group-'" >"$T/f" 2>&1
	has "fish completes ni-sort options" "$T/f" '^--group-order'
fi
# an installation in a PREFIX of its own (not on PATH, not where man
# looks): the job scripts run the tools installed beside them, and ni help
# finds the pages installed beside it
P=$T/pfx
if make -s -C "$T/src" install PREFIX="$P" >"$T/log" 2>&1; then
	if env -i PATH=/usr/bin:/bin sh -c 'command -v ni-parse' >/dev/null 2>&1; then
		ok "installed jobs: skipped (ni-parse is on the system PATH)"
	else
		env -i PATH=/usr/bin:/bin HOME="$T" NI_NOW=2026-11-28T09:00:00Z sh "$P/share/ni/jobs/06-home.sh" "$top/examples/items" >"$T/j6" 2>"$T/j6.err"
		$PY - "$T/j6" <<'X' >"$T/j6.r" 2>&1
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print("ok" if 0 < len(rs) <= 7 and all("title" in r for r in rs) else "%d records" % len(rs))
X
		eq "installed job 06 runs the installed tools with them off PATH (up to 7 records, Python json)" "$(cat "$T/j6.r")" ok
		env -i PATH=/usr/bin:/bin HOME="$T" DRY_RUN=1 sh "$P/share/ni/jobs/20-notify.sh" --details=x >"$T/j20" 2>&1
		has "installed job 20 runs (a dry run prints the payload)" "$T/j20" '"parse_mode":"HTML"'
	fi
	if command -v man >/dev/null 2>&1; then
		env -i PATH=/usr/bin:/bin MANPAGER=cat PAGER=cat MANWIDTH=80 "$P/bin/ni" help render >"$T/m" 2>&1
		has "ni help render finds the page installed beside ni (a PREFIX man does not search)" "$T/m" 'ni-render.*render news-item and summary records'
	fi
	make -s -C "$T/src" uninstall PREFIX="$P" >/dev/null 2>&1
	eq "make uninstall PREFIX=... leaves no file" "$(find "$P" -type f | wc -l)" 0
else
	ko "make install PREFIX=$P" "$(tail -3 "$T/log")"
fi
# ni help in a build tree: the pages of the checkout, nothing installed
if command -v man >/dev/null 2>&1; then
	env -i PATH=/usr/bin:/bin MANPAGER=cat PAGER=cat MANWIDTH=80 "$T/src/bin/ni" help filter >"$T/m" 2>&1
	has "ni help filter in the build tree opens bin/../man/ni-filter.1" "$T/m" 'ni-filter.*select news-item records by field expressions'
	env -i PATH=/usr/bin:/bin MANPAGER=cat PAGER=cat MANWIDTH=80 "$T/src/bin/ni" help >"$T/m" 2>&1
	has "ni help in the build tree opens ni(7)" "$T/m" 'small Unix filters for news-item digests'
fi
make -s -C "$T/src" uninstall DESTDIR="$D" PREFIX=/usr >/dev/null 2>&1
(cd "$D" && find . -type f -o -type l) >"$T/left"
same "make uninstall removes exactly those" "$T/left" /dev/null
