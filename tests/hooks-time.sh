#!/bin/sh
# tests/hooks-time.sh: a hook has a time limit (hook.timeout), past which
# its whole process group is killed and the step treated as the hook's
# failure; a background child a hook leaves behind holding its output does
# not stall the command.  Elapsed times are bounded loosely (under 10 s
# where the command waits 1 s), never timed tightly.
. "$(dirname "$0")/lib.sh"

# "within SECONDS COMMAND...": run it, print its status, and "in time"
# when it ended in under SECONDS.
cat >"$T/within" <<'EOF2'
limit=$1
shift
start=$(date +%s)
"$@"
rc=$?
end=$(date +%s)
echo "exit $rc"
[ $((end - start)) -lt "$limit" ] && echo 'in time'
EOF2
W="sh $T/within 10"
# The background children the hooks below leave on purpose, killed at
# the end so that none outlives the test.
leftovers() {
	cat "$T"/*.pid 2>/dev/null | while read -r _p; do
		kill "$_p" 2>/dev/null
	done
}
trap 'leftovers; _audit_json; rm -rf "$T"' EXIT

complaint init >/dev/null
check 'hook.timeout takes whole seconds' 65 \
    "complaint config hook.timeout 0" </dev/null
check_err 'complaint: hook.timeout: give whole seconds from 1 to 86400'
check 'not a fraction' 65 "complaint config hook.timeout 1.5" </dev/null
check_err 'complaint: hook.timeout: give whole seconds from 1 to 86400'
check 'nor a word' 65 "complaint config hook.timeout soon" </dev/null
check_err 'complaint: hook.timeout: give whole seconds from 1 to 86400'
check 'one second will do' 0 \
    "complaint config hook.timeout 1 && complaint config hook.timeout" <<EOF
1
EOF

complaint config hook.pre-new 'sleep 60' >/dev/null
check 'a pre-new hook past its time is killed and refuses the case' 0 \
    "$W complaint-new -e ann@example.com Kettle leaks" <<EOF
exit 65
in time
EOF
check_err 'complaint-new: hook hook.pre-new on case 1 was killed after 1 s (setting hook.timeout)'
check_sql 'so nothing was recorded' "SELECT count(*) FROM cases" <<EOF
0
EOF

complaint config hook.pre-new 'trap "" TERM; sleep 60' >/dev/null
check 'one that ignores TERM gets KILL' 0 \
    "$W complaint-new -e ann@example.com Kettle leaks" <<EOF
exit 65
in time
EOF
check_err 'complaint-new: hook hook.pre-new on case 1 was killed after 1 s (setting hook.timeout)'

complaint config hook.pre-new "sleep 60 & echo \$! >$T/group.pid; wait" \
    >/dev/null
check 'its process group goes with it' 0 \
    "$W complaint-new -e ann@example.com Kettle leaks" <<EOF
exit 65
in time
EOF
check 'the child it started is gone too' 1 \
    "p=\$(cat $T/group.pid); i=0; while kill -0 \$p 2>/dev/null &&
    [ \$i -lt 50 ]; do sleep 0.1; i=\$((i + 1)); done; kill -0 \$p 2>/dev/null" \
    </dev/null

# A background child holding the hook's standard output and error.
complaint config hook.pre-new "sleep 60 & echo \$! >$T/pre.pid; exit 0" \
    >/dev/null
complaint config hook.new "sleep 60 & echo \$! >$T/post.pid; echo queued" \
    >/dev/null
check 'a leftover background child does not stall intake' 0 \
    "$W complaint-new -e ann@example.com Kettle leaks 2>/dev/null" <<EOF
1
exit 0
in time
EOF
complaint config --unset hook.pre-new >/dev/null
complaint config --unset hook.new >/dev/null
complaint config escalate.hook "sleep 60 & echo \$! >$T/ticket.pid; echo T-9" \
    >/dev/null
check 'nor a ticket: its first line is still read' 0 \
    "$W complaint-resolve escalate 1 -t legal -m 'court'" <<EOF
1	escalated
exit 0
in time
EOF
check_sql 'the ticket is recorded' "SELECT ticket FROM escalations" <<EOF
T-9
EOF

complaint config hook.close 'sleep 60' >/dev/null
check 'a post hook past its time only warns; the change stays' 0 \
    "$W complaint-resolve close 1 --cause delivery" <<EOF
1	closed
exit 0
in time
EOF
check_err 'complaint-resolve: hook hook.close on case 1 was killed after 1 s (setting hook.timeout) (the change stays)'
check_sql 'the case is closed' "SELECT status FROM cases WHERE id = 1" <<EOF
closed
EOF

# due --mark --exec runs its command through the same code, with the
# same limit.
complaint-new -e bo@example.com -r 2026-11-22T09:00:00Z -s high Tap drips \
    </dev/null >/dev/null 2>&1
check 'a due --exec command past its time is killed; the reminder stays' 0 \
    "$W complaint-report due --mark --exec 'sleep 60'" <<EOF
exit 69
in time
EOF
check_err "complaint-report: case 2: ack reminder not sent: the --exec command was killed after 1 s (setting hook.timeout); it stays due
complaint-report: 1 of 1 reminders not sent; they stay due"
check_sql 'and is not marked' "SELECT count(*) FROM reminders" <<EOF
0
EOF
check 'a --exec command that leaves a child behind does not stall' 0 \
    "$W complaint-report due --mark --exec 'sleep 60 & echo \$! >$T/exec.pid; cat >/dev/null'" <<EOF
2	ack	2026-11-22T13:00:00Z	3	bo@example.com	bo@example.com	Tap drips
exit 0
in time
EOF
