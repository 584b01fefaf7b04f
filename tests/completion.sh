#!/bin/sh
# tests/completion.sh: the bash completion offers steps, options, reports,
# setting keys and case ids from the case file.
. "$(dirname "$0")/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	skip 'bash completion' 'no bash'
	exit 0
fi
complaint-new Parcel late </dev/null >/dev/null
complaint-new Kettle leaks </dev/null >/dev/null
# complete WORDS...: what the completion offers for the last word.
cat >"$T/complete.bash" <<EOF
. "$TOP/completion/complaint.bash"
COMP_WORDS=("\$@")
COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1))
f=\$(complete -p "\$1" | sed 's/.*-F \\([^ ]*\\).*/\\1/')
"\$f"
printf '%s\n' "\${COMPREPLY[@]}"
EOF
check 'the front door offers its commands' 0 \
    "bash $T/complete.bash complaint re | sort" <<EOF
report
resolve
EOF
check 'resolve offers its steps' 0 \
    "bash $T/complete.bash complaint-resolve fo" <<EOF
follow-up
EOF
mkdir -p "$T/exp-1"
check 'import offers the folders an export is in' 0 \
    "bash $T/complete.bash complaint import ex" <<EOF
exp-1
EOF
check 'a step offers its own options' 0 \
    "bash $T/complete.bash complaint-resolve close 1 --" <<EOF
--cause
--new-cause
EOF
check 'explain is a step, with its options' 0 \
    "bash $T/complete.bash complaint-resolve ex; bash $T/complete.bash complaint-resolve explain 1 D2 --" <<EOF
explain
--cite
--again
EOF
check 'case ids come from the case file, the most recent first' 0 \
    "bash $T/complete.bash complaint-resolve ack ''" <<EOF
2
1
-
EOF
check 'and from the file -f names' 0 \
    "complaint init -f other.db >/dev/null; bash $T/complete.bash complaint-report -f other.db show ''" <<EOF
-
EOF
check 'a -f FILE starting ~/ is in HOME' 0 \
    "sqlite3 \$COMPLAINT_FILE \".backup \$HOME/h.db\"; COMPLAINT_FILE=other.db bash $T/complete.bash complaint-resolve ack -f '~/h.db' ''" <<EOF
2
1
-
EOF
check 'causes come from the settings' 0 \
    "bash $T/complete.bash complaint-resolve close 1 --cause pr" <<EOF
product-defect
EOF
check 'setting keys come from the case file' 0 \
    "bash $T/complete.bash complaint config sla.ack | sort" <<EOF
sla.ack.1
sla.ack.2
sla.ack.3
sla.ack.4
EOF
check 'the front door completes as the tool does' 0 \
    "bash $T/complete.bash complaint report ov" <<EOF
overdue
EOF
check 'config offers rule, and rule its verbs' 0 \
    "bash $T/complete.bash complaint config rule ''" <<EOF
add
list
rm
EOF
check 'rule rm offers the rule ids' 0 \
    "bash $T/complete.bash complaint config rule rm 10 | head -3" <<EOF
10
100
101
EOF
check 'new offers --mail and -N' 0 \
    "bash $T/complete.bash complaint-new --ma" <<EOF
--map
--mail
EOF
complaint-new -n 'Ann Lee' -e ann@example.com Kettle cracked </dev/null >/dev/null 2>&1
complaint-new -n "Eve \$(touch $T/ran) A:B" Lost parcel </dev/null >/dev/null 2>&1
check 'customers come from the case file, quoted' 0 \
    "bash $T/complete.bash complaint-report list --customer ''" <<EOF
Ann\\ Lee
Eve\\ \\\$\\(touch\\ $T/ran\\)\\ A:B
EOF
check 'a customer'"'"'s name is matched, never run' 0 \
    "bash $T/complete.bash complaint report --customer 'Ann\\ '; test ! -e $T/ran" <<EOF
Ann\\ Lee
EOF
check 'new -l offers the languages' 0 \
    "bash $T/complete.bash complaint-new --lang ''" <<EOF
en
id
sv
EOF
mkdir dir
: >dir/cases-2025.db
check 'after -f, files, not reports' 0 \
    "bash $T/complete.bash complaint-report -f dir/c" <<EOF
dir/cases-2025.db
EOF
check 'after -f, files, for every tool' 0 \
    "for t in complaint-resolve complaint-compare complaint-interview complaint-new; do bash $T/complete.bash \$t -f dir/; done" <<EOF
dir/cases-2025.db
dir/cases-2025.db
dir/cases-2025.db
dir/cases-2025.db
EOF
check 'after --sort, the keys of list' 0 \
    "bash $T/complete.bash complaint-report --sort ''" <<EOF
id
received
status
severity
customer
summary
channel
assignee
updated
ack-due
resolve-due
EOF
check 'after --sort, the keys of the report on the line' 0 \
    "bash $T/complete.bash complaint report overdue --sort '' | tr '\n' ' '; echo" <<EOF
id kind due hours status severity customer 
EOF
check '--sort completes after a comma and a minus' 0 \
    "bash $T/complete.bash complaint-report repeat --sort id,-c" <<EOF
id,-customer
id,-cases
EOF
check 'after --channel, channels' 0 \
    "bash $T/complete.bash complaint-report --channel ''" <<EOF
email
phone
web
chat
letter
in-person
EOF
check 'after --status, statuses, after a comma too' 0 \
    "bash $T/complete.bash complaint-report list --status new,clo" <<EOF
new,closed
EOF
check 'kinds of offer come from complaint --list' 0 \
    "bash $T/complete.bash complaint-resolve propose 1 re" <<EOF
refund
replacement
repair
EOF
check 'and the channels of a note' 0 \
    "bash $T/complete.bash complaint-resolve note 1 --channel ''" <<EOF
email
phone
web
chat
letter
in-person
EOF
check 'and the severities' 0 \
    "bash $T/complete.bash complaint-new -s ''" <<EOF
low
medium
high
critical
EOF
check 'after an option that takes free text, nothing' 0 \
    "bash $T/complete.bash complaint-report --tag ''; bash $T/complete.bash complaint-report --grep ''" <<EOF


EOF
awk 'BEGIN { print "summary"; for (i = 0; i < 250; i++) print "Case " i }' |
    complaint-new --csv >/dev/null 2>&1
check 'every case id, not only the 200 oldest' 0 \
    "bash $T/complete.bash complaint-report show '' | sed -n '1p;\$p;\$='" <<EOF
254
-
255
EOF
check 'the ids keep their order: complete -o nosort' 0 \
    "bash -c '. $TOP/completion/complaint.bash; complete -p complaint-report'" <<EOF
complete -o nosort -F _complaint_report complaint-report
EOF
