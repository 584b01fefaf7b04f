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
check 'a step offers its own options' 0 \
    "bash $T/complete.bash complaint-resolve close 1 --" <<EOF
--cause
--new-cause
EOF
check 'case ids come from the case file' 0 \
    "bash $T/complete.bash complaint-resolve ack ''" <<EOF
1
2
-
EOF
check 'and from the file -f names' 0 \
    "complaint init -f other.db >/dev/null; bash $T/complete.bash complaint-report -f other.db show ''" <<EOF
-
EOF
check 'a -f FILE starting ~/ is in HOME' 0 \
    "sqlite3 \$COMPLAINT_FILE \".backup \$HOME/h.db\"; COMPLAINT_FILE=other.db bash $T/complete.bash complaint-resolve ack -f '~/h.db' ''" <<EOF
1
2
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
