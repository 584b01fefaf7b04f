# shellcheck shell=bash
# completion/complaint.bash: bash completion for the complaint tools.
# Steps, reports and options are listed here; statuses, severities, offer
# kinds and channels come from complaint --list; setting keys, case ids
# and customers from the case file itself (complaint config,
# complaint-report), honouring -f FILE on the line and $COMPLAINT_FILE.

# The -f FILE given on the line, as arguments for the tools, into the
# array _complaint_f (empty when none).
_complaint_file() {
	local i f
	_complaint_f=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -f ]]; then
			f=${COMP_WORDS[i+1]}
			[[ $f == \~/* ]] && f=$HOME/${f:2}
			_complaint_f=(-f "$f")
		fi
	done
}

# Every case id, the most recent first.
_complaint_ids() {
	_complaint_file
	complaint-report "${_complaint_f[@]}" list --sort -id 2>/dev/null |
	    cut -f1
}

# The names of one kind the tools accept: statuses, severities, channels...
_complaint_list() {
	complaint --list "$1" 2>/dev/null
}

# --sort FIELD[,FIELD]: the keys of the report on the line (list when
# none), each maybe after a -, completed after the last comma.
_complaint_sortkeys() {
	local report=list w head=${1%"${1##*,}"} last=${1##*,} sign=
	for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
		case $w in
		list|overdue|due|repeat|causes) report=$w ;;
		esac
	done
	[[ $last == -* ]] && sign=- last=${last#-}
	mapfile -t COMPREPLY < <(compgen -P "$head$sign" -W \
	    "$(complaint-report "$report" --sort-keys 2>/dev/null)" -- "$last")
}

# Customers whose names start with the word being completed, those with
# the most cases first, quoted for the shell.  Names are untrusted text,
# so they are matched here rather than given to compgen -W, which would
# expand them.
_complaint_customers() {
	local want=${1//\\/} name
	_complaint_file
	COMPREPLY=()
	while IFS= read -r name; do
		[[ $name == "$want"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
	done < <(complaint-report "${_complaint_f[@]}" repeat --min 1 \
	    --days 36500 --limit 200 2>/dev/null | cut -f3)
}

_complaint_settings() {
	_complaint_file
	complaint config "${_complaint_f[@]}" --list 2>/dev/null | cut -f1
}

_complaint_new() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-s) mapfile -t COMPREPLY < <(compgen -W "$(_complaint_list severities)" -- "$cur"); return ;;
	-c) mapfile -t COMPREPLY < <(compgen -W "$(_complaint_list channels)" -- "$cur"); return ;;
	-l|--lang) mapfile -t COMPREPLY < <(compgen -W 'en id sv' -- "$cur"); return ;;
	--map) mapfile -t COMPREPLY < <(compgen -W 'cfpb' -f -- "$cur"); return ;;
	-f) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	esac
	mapfile -t COMPREPLY < <(compgen -W '-f -n -e --phone -c -p -o -a -s -E -t -r
	    --ref -l --lang -m -N --dry-run --csv --strict --skip --map --ignore-unknown
	    --mail --help --version' -- "$cur")
}

_complaint_interview() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-r) mapfile -t COMPREPLY < <(compgen -W 'employee complainant witness' -- "$cur"); return ;;
	--medium) mapfile -t COMPREPLY < <(compgen -W 'in-person phone video mail chat' -- "$cur"); return ;;
	--recording|-f) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W '-f -r -p -i -w --medium
		    --recording --csv -l -s --help --version' -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W "$(_complaint_ids)" -- "$cur")
	fi
}

_complaint_compare() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	if [ "$prev" = -f ]; then
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	elif [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W '-f -r --csv --help --version' -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W "$(_complaint_ids)" -- "$cur")
	fi
}

_complaint_resolve() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local steps='ack dismiss assign wait merge propose accept decline
	    counter escalate decide follow-up close reopen anonymise grade edit
	    attach note explain'
	local step='' w
	for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
		case " $steps " in *" $w "*) step=$w; break ;; esac
	done
	case $prev in
	--favour) mapfile -t COMPREPLY < <(compgen -W 'customer business split' -- "$cur"); return ;;
	--channel) mapfile -t COMPREPLY < <(compgen -W "$(_complaint_list channels)" -- "$cur"); return ;;
	--satisfied) mapfile -t COMPREPLY < <(compgen -W 'yes no' -- "$cur"); return ;;
	--score) mapfile -t COMPREPLY < <(compgen -W '1 2 3 4 5' -- "$cur"); return ;;
	-f) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	-m|-t|--ticket|--approved-by|--expires|--in|--at|--new-cause)
		COMPREPLY=(); return ;;
	--cause)
		_complaint_file
		mapfile -t COMPREPLY < <(compgen -W "$(complaint config "${_complaint_f[@]}" causes 2>/dev/null | tr , ' ')" -- "$cur")
		return ;;
	esac
	if [ -z "$step" ]; then
		mapfile -t COMPREPLY < <(compgen -W "$steps -f --states --help --version" -- "$cur")
		return
	fi
	local opts=
	case $step in
	ack) opts='-m --message' ;;
	dismiss|wait|reopen|accept|decline|counter) opts='-m' ;;
	propose) opts='-m --approved-by --expires' ;;
	escalate) opts='-m -t --ticket' ;;
	decide) opts='-m --favour --cite --no-evidence --despite-wait' ;;
	explain) opts='-m --cite --again' ;;
	attach) opts='-m' ;;
	note) opts='-m --in --out --channel --at' ;;
	follow-up) opts='-m --in --at --done --satisfied --score --reopen' ;;
	grade) opts='-m' ;;
	edit) opts='-m --name --email --phone --product --order --amount
	    --employee --all' ;;
	close) opts='-m --cause --new-cause' ;;
	anonymise) opts='--yes' ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
	elif [ "$step" = propose ] && [ "$COMP_CWORD" -ge 3 ] &&
	    [[ ${COMP_WORDS[COMP_CWORD-1]} =~ ^[0-9]+$ ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_complaint_list offer-kinds)" -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W "$(_complaint_ids) -" -- "$cur")
	fi
}

_complaint_report() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--status) mapfile -t COMPREPLY < <(compgen -P "${cur%"${cur##*,}"}" \
	    -W "open $(_complaint_list statuses)" -- "${cur##*,}")
	    return ;;
	--severity) mapfile -t COMPREPLY < <(compgen -W "$(_complaint_list severities)" -- "$cur"); return ;;
	--customer) _complaint_customers "$cur"; return ;;
	--channel) mapfile -t COMPREPLY < <(compgen -W "$(_complaint_list channels)" -- "$cur"); return ;;
	--flag) mapfile -t COMPREPLY < <(compgen -W 'legal safety abuse suspect duplicate repeat' -- "$cur"); return ;;
	--sort) _complaint_sortkeys "$cur"; return ;;
	-f) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	-o|--output) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
	--tag|--assignee|--since|--until|--limit|-w|--window|--min|--days|--grep)
		COMPREPLY=(); return ;;
	esac
	local w
	for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
		case $w in
		show|log)
			mapfile -t COMPREPLY < <(compgen -W "$(_complaint_ids) -" -- "$cur")
			return ;;
		esac
	done
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W '-f -q --all --csv --csv-safe --json --status
		    --severity --customer --channel --tag --assignee --flag --grep
		    --since --until --sort --sort-keys --limit -w --mark --min
		    --days --sql --help --version' -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W 'list show overdue due repeat
		    causes stats log verify export' -- "$cur")
	fi
}

_complaint() {
	local cur=${COMP_WORDS[COMP_CWORD]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		mapfile -t COMPREPLY < <(compgen -W 'new interview compare resolve
		    report init config backup import help' -- "$cur")
		return
	fi
	case ${COMP_WORDS[1]} in
	config)
		if [ "${COMP_WORDS[2]}" = rule ]; then
			case $COMP_CWORD in
			3) mapfile -t COMPREPLY < <(compgen -W 'add list rm' -- "$cur") ;;
			*) case ${COMP_WORDS[3]} in
			   add) mapfile -t COMPREPLY < <(compgen -W '-l -s -F legal safety money abuse urgency hoax' -- "$cur") ;;
			   rm) _complaint_file
			       mapfile -t COMPREPLY < <(compgen -W "$(complaint config "${_complaint_f[@]}" rule list 2>/dev/null | cut -f1)" -- "$cur") ;;
			   esac ;;
			esac
			return
		fi
		mapfile -t COMPREPLY < <(compgen -W "--list --unset rule $(_complaint_settings)" -- "$cur") ;;
	help)
		mapfile -t COMPREPLY < <(compgen -W 'new interview compare resolve report' -- "$cur") ;;
	backup)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	import)
		# the folder export --all wrote; -f names the new case file
		if [ "${COMP_WORDS[COMP_CWORD-1]}" = -f ]; then
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		fi ;;
	new|interview|compare|resolve|report)
		# Complete as the tool itself would, on the words after the command.
		local tool=_complaint_${COMP_WORDS[1]}
		COMP_WORDS=("complaint-${COMP_WORDS[1]}" "${COMP_WORDS[@]:2}")
		COMP_CWORD=$((COMP_CWORD - 1))
		"$tool" ;;
	esac
}

# nosort: case ids come most recent first, customers most cases first.
complete -o nosort -F _complaint complaint
complete -o nosort -F _complaint_new complaint-new
complete -o nosort -F _complaint_interview complaint-interview
complete -o nosort -F _complaint_compare complaint-compare
complete -o nosort -F _complaint_resolve complaint-resolve
complete -o nosort -F _complaint_report complaint-report
