# bash completion for ni tools                                -*- sh -*-
# Installed once per tool name under share/bash-completion/completions.

_ni_fields()
{
	# record keys: the ones ni knows, plus those of the first record of
	# any NDJSON file named on the line (cheap: one line)
	local f
	ni-parse --fields 2>/dev/null
	for f in "${COMP_WORDS[@]}"; do
		case $f in *.ndjson|*.jsonl)
			[ -r "$f" ] && head -c 65536 "$f" | head -1 |
				grep -o '"[A-Za-z_][A-Za-z0-9_.]*":' | tr -d '":' ;;
		esac
	done
}

_ni_parse()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--rejects|--files-from|--schema) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-j|--jobs) COMPREPLY=($(compgen -W "1 2 4 8" -- "$cur")); return ;;
	--max-size|--max-depth|--max-aliases) return ;;
	--source) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-b --body -c --check --schema --strict -q --quiet --rejects --sfeed --source
			--files-from -0 --null -j --jobs --max-size --max-depth
			--max-aliases --fields -v --verbose --progress -h --help
			-V --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -X '!*.@(md|markdown)' -- "$cur") $(compgen -d -- "$cur"))
}
complete -o filenames -F _ni_parse ni-parse

_ni_filter()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--rejects|--unseen|--mark|-f|--file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--uniq|--near-dup|--key|--date-field)
		COMPREPLY=($(compgen -W "$(_ni_fields)" -- "$cur")); return ;;
	-t|--tag|-s|--source|-e|-g|--grep|-m|--max-count|--max-line|--min-confidence) return ;;
	--since|--until) COMPREPLY=($(compgen -W "today yesterday -1d -7d -2w -1m" -- "$cur")); return ;;
	--expire) COMPREPLY=($(compgen -W "30d 90d 12w 6m" -- "$cur")); return ;;
	--tz) COMPREPLY=($(compgen -W "UTC Asia/Seoul Europe/London America/New_York" -- "$cur")); return ;;
	--week-start) COMPREPLY=($(compgen -W "mon sun" -- "$cur")); return ;;
	-j|--jobs) COMPREPLY=($(compgen -W "1 2 4" -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-e -f -t --tag -s --source --since --until
			--date-field --min-confidence -g --grep -i --ignore-case
			-v --invert-match -c --count -q --quiet -m --max-count
			-H --with-path --explain --uniq --near-dup --unseen --mark
			--key --expire --rejects --max-line --tz --week-start
			-j --jobs -h --help -V --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ni_filter ni-filter

_ni_summarize()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-b|--by)
		local f keys="day week month year"
		for f in $(_ni_fields); do keys="$keys $f lower($f) domain($f)"; done
		COMPREPLY=($(compgen -W "$keys" -- "${cur##*,}"))
		[[ $cur == *,* ]] && COMPREPLY=("${COMPREPLY[@]/#/${cur%,*},}")
		return ;;
	--stats|--distinct|--date-field|--rank)
		COMPREPLY=($(compgen -W "$(_ni_fields)" -- "$cur")); return ;;
	--hist) COMPREPLY=($(compgen -W "confidence:0.5,0.85 relevance_score:0.5" -- "$cur")); return ;;
	--trend) COMPREPLY=($(compgen -W "day week month 7d 30d" -- "$cur")); return ;;
	--sort) COMPREPLY=($(compgen -W "count key change" -- "$cur")); return ;;
	--tz) COMPREPLY=($(compgen -W "UTC Asia/Seoul Europe/London America/New_York" -- "$cur")); return ;;
	--week-start) COMPREPLY=($(compgen -W "mon sun" -- "$cur")); return ;;
	--top|--items|--max-groups|--max-line) return ;;
	-j|--jobs) COMPREPLY=($(compgen -W "1 2 4" -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-b --by --stats --hist --distinct --top
			--items --rank --trend --sort --partial --merge --max-groups
			--date-field --tz --week-start --max-line -v --verbose
			-j --jobs -h --help -V --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ni_summarize ni-summarize

_ni_map()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--rejects|-f|--file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-e|--expression|--max-line) return ;;
	--tz) COMPREPLY=($(compgen -W "UTC Asia/Seoul Europe/London America/New_York" -- "$cur")); return ;;
	--week-start) COMPREPLY=($(compgen -W "mon sun" -- "$cur")); return ;;
	-j|--jobs) COMPREPLY=($(compgen -W "1 2 4" -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-e --expression -f --file --strict --rejects
			-i --ignore-case --tz --week-start -j --jobs --max-line
			-v --verbose -h --help -V --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ni_map ni-map

_ni_render()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-f|--format) COMPREPLY=($(compgen -W "text md html atom rss email csv tsv json svg sfeed" -- "$cur")); return ;;
	-l|--lang) COMPREPLY=($(compgen -W "ko en" -- "$cur")); return ;;
	--color|--colour) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	--group-by) COMPREPLY=($(compgen -W "day week month year $(_ni_fields)" -- "$cur")); return ;;
	--key) COMPREPLY=($(compgen -W "$(_ni_fields)" -- "$cur")); return ;;
	--fields) COMPREPLY=($(compgen -W "$(_ni_fields)" -- "${cur##*,}"))
		[[ $cur == *,* ]] && COMPREPLY=("${COMPREPLY[@]/#/${cur%,*},}")
		return ;;
	-o|--output|-T|--template) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--tz) COMPREPLY=($(compgen -W "UTC Asia/Seoul Europe/London America/New_York" -- "$cur")); return ;;
	-j|--jobs) COMPREPLY=($(compgen -W "1 2 4" -- "$cur")); return ;;
	-F|--fmt|--title|--limit|--width|--from|--to|--subject|--link|--max-line) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-f --format -l --lang -F --fmt -T --template -j --jobs
			-o --output --title --limit --group-by --group-order --width --color --from
			--to --subject --link --fields --bom --allow-empty --tz --max-line
			--key -v --verbose -h --help -V --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ni_render ni-render

_ni_sort()
{
	local cur prev f keys
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-k|--key)
		for f in $(_ni_fields); do keys="$keys $f $f:desc"; done
		COMPREPLY=($(compgen -W "$keys" -- "${cur##*,}"))
		[[ $cur == *,* ]] && COMPREPLY=("${COMPREPLY[@]/#/${cur%,*},}")
		return ;;
	-g|--group) COMPREPLY=($(compgen -W "$(_ni_fields)" -- "${cur##*,}"))
		[[ $cur == *,* ]] && COMPREPLY=("${COMPREPLY[@]/#/${cur%,*},}")
		return ;;
	-u|--unique) COMPREPLY=($(compgen -W "$(_ni_fields)" -- "$cur")); return ;;
	--missing) COMPREPLY=($(compgen -W "first last" -- "$cur")); return ;;
	--tz) COMPREPLY=($(compgen -W "UTC Asia/Seoul Europe/London America/New_York" -- "$cur")); return ;;
	-S|--buffer-size) COMPREPLY=($(compgen -W "64M 256M 1G" -- "$cur")); return ;;
	-T|--temporary-directory) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-j|--jobs) COMPREPLY=($(compgen -W "1 2 4" -- "$cur")); return ;;
	-n|--head|--max-line) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-k --key -r --reverse -i --ignore-case
			--missing --tz -n --head -g --group --explode --group-order
			-u --unique -m --merge -c --check -S --buffer-size
			-T --temporary-directory -j --jobs --rejects --max-line
			-v --verbose -h --help -V --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ni_sort ni-sort

_ni_write()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-o|--output) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	-b|--body) COMPREPLY=($(compgen -W "record generate none" -- "$cur")); return ;;
	-N|--name) COMPREPLY=($(compgen -W "'{date_published}__{source_id}__{slug}.md' '{id}.md'" -- "$cur")); return ;;
	--tz) COMPREPLY=($(compgen -W "UTC Asia/Seoul Europe/London America/New_York" -- "$cur")); return ;;
	--max-line) return ;;
	--schema) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-o --output -N --name -b --body --no-clobber
			-u --update -f --force -n --dry-run -c --check --schema --tz --max-line
			-v --verbose -h --help -V --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ni_write ni-write

_ni()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "parse filter summarize render sort map write help" -- "$cur"))
		return
	fi
	case ${COMP_WORDS[1]} in
	help) COMPREPLY=($(compgen -W "parse filter summarize render sort map write" -- "$cur")) ;;
	parse|filter|summarize|render|sort|map|write)
		local fn=_ni_${COMP_WORDS[1]}
		COMP_WORDS=("ni-${COMP_WORDS[1]}" "${COMP_WORDS[@]:2}")
		COMP_CWORD=$((COMP_CWORD - 1))
		$fn ;;
	esac
}
complete -o filenames -F _ni ni
