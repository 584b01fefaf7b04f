#!/bin/sh
# tests/fish-completion.sh: the fish completion, loaded in fish
# --no-config and asked with complete -C as fish asks it at a prompt:
# commands, steps, reports, options, and values from the right sets.
. "$(dirname "$0")/lib.sh"

if ! command -v fish >/dev/null 2>&1; then
	skip 'fish completion' 'no fish'
	exit 0
fi
complaint-new -r 2026-11-01 Parcel late </dev/null >/dev/null 2>&1
complaint-new -n 'Ann Lee' -r 2026-11-02 Kettle leaks </dev/null >/dev/null 2>&1
complaint init -f other.db >/dev/null
mkdir dir
: >dir/cases-2025.db
# ask LINE: the candidates fish offers for LINE, as "word<TAB>description".
cat >ask <<EOF
#!/bin/sh
exec fish --no-config -c "source $TOP/completion/complaint.fish; complete -C \\"\\\$argv[1]\\"" "\$1" </dev/null
EOF
chmod +x ask

check 'the front door offers its commands' 0 "./ask 'complaint re'" <<EOF
report	lists, the dossier, the audit log and its check
resolve	every step after intake, from ack to close
EOF
check 'resolve offers its steps' 0 "./ask 'complaint-resolve fo'" <<EOF
follow-up	schedule or record a follow-up
EOF
check 'a step offers its own options' 0 \
    "./ask 'complaint-resolve close 1 --' | grep -e cause" <<EOF
--cause	root cause
--new-cause	a cause not yet in the list
EOF
check 'case ids: all, the most recent first, with their summary' 0 \
    "./ask 'complaint-resolve ack '" <<EOF
2	Kettle leaks
1	Parcel late
-	ids on standard input
EOF
check 'and from the file -f names' 0 "./ask 'complaint-report -f other.db show '" <<EOF
-	ids on standard input
EOF
check 'reports, after the options' 0 "./ask 'complaint-report --csv ov'" <<EOF
overdue	cases past a due time
EOF
check 'after -f, files, not reports' 0 "./ask 'complaint-report -f dir/c'" <<EOF
dir/cases-2025.db
EOF
check 'after --sort, the keys of list' 0 "./ask 'complaint-report --sort ' | cut -f1 | tr '\n' ' '; echo" <<EOF
id received status severity customer summary channel assignee updated ack-due resolve-due 
EOF
check 'after --sort, the keys of the report on the line, after a comma and -' 0 \
    "./ask 'complaint-report overdue --sort id,-s'" <<EOF
id,-status	order
id,-severity	order
EOF
check 'after --channel, channels' 0 "./ask 'complaint-report --channel '" <<EOF
chat	channel
email	channel
in-person	channel
letter	channel
phone	channel
web	channel
EOF
check 'after --status, statuses, after a comma too' 0 \
    "./ask 'complaint-report --status open,w'" <<EOF
open,waiting	statuses, joined by commas
EOF
check 'after --grep, nothing' 0 "./ask 'complaint-report --grep '" <<EOF
EOF
check 'customers come from the case file' 0 "./ask 'complaint-report --customer '" <<EOF
Ann Lee	id, e-mail, name or phone
EOF
check 'complaint report completes as complaint-report' 0 \
    "./ask 'complaint report repeat --sort ca'" <<EOF
cases	order
EOF
check 'setting keys come from the case file' 0 "./ask 'complaint config sla.ack'" <<EOF
sla.ack.1
sla.ack.2
sla.ack.3
sla.ack.4
EOF
check 'config rule offers its verbs' 0 "./ask 'complaint config rule '" <<EOF
add
list
rm
EOF
check 'new -l offers the languages' 0 "./ask 'complaint-new --lang '" <<EOF
en	customer language
id	customer language
sv	customer language
EOF
check 'loaded twice, as fish loads it per tool, it offers each once' 0 \
    "fish --no-config -c 'source $TOP/completion/complaint.fish; source $TOP/completion/complaint.fish; complete -C \"complaint-report ov\"'" <<EOF
overdue	cases past a due time
EOF
