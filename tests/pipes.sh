#!/bin/sh
# shellcheck disable=SC2016
# tests/pipes.sh: the pipes of two writers that the README, complaint(1),
# complaint-new(1) and complaint(7) show, fifty times each in a row on a
# fresh case file.  The step downstream reads all its input before it
# takes the write lock, so every run imports and steps exactly the
# expected cases, and no end of the pipe ever exits 75 (busy).
. "$(dirname "$0")/lib.sh"

RUNS=${PIPES_RUNS:-50}

if ! command -v bash >/dev/null 2>&1; then
	skip 'pipes of two writers' 'no bash for PIPESTATUS'
	exit 0
fi

# The case file each run starts from: five cases, all past their due times.
for i in 1 2 3 4 5; do
	complaint-new -r 2026-11-10 "Old case $i" </dev/null >/dev/null 2>&1
done
sqlite3 "$COMPLAINT_FILE" ".backup '$T/five.db'"
cat >"$T/new.csv" <<EOF
summary,name,email,severity
Kettle leaks,Ann Berg,ann@example.se,critical
Parcel late,Bob Lee,bob@example.com,low
Gas smell in the shop,Cid Moe,cid@example.com,high
EOF

# One bash for all the runs of a pipe (PIPESTATUS; reads without forks):
# each run on a fresh copy of five.db, then its outcome, one a line.
cat >"$T/pipe50.bash" <<'EOF'
runs=$1 pipe=$2 sql=$3 want_status=$4
IFS= read -r -d '' want_out <pipe.want
IFS= read -r -d '' want_rows <rows.want
for ((i = 0; i < runs; i++)); do
	[ -e "$COMPLAINT_FILE-wal" ] && rm -f "$COMPLAINT_FILE-wal"
	[ -e "$COMPLAINT_FILE-shm" ] && rm -f "$COMPLAINT_FILE-shm"
	cp five.db "$COMPLAINT_FILE"
	eval "$pipe"' >pipe.out; status=${PIPESTATUS[*]}'
	sqlite3 -batch -separator '|' "$COMPLAINT_FILE" "$sql" >rows.out 2>&1
	got_out='' got_rows=''
	IFS= read -r -d '' got_out <pipe.out
	IFS= read -r -d '' got_rows <rows.out
	o=ok
	[ "$status" = "$want_status" ] || o="exit $status"
	[ "$got_out" = "$want_out" ] || o="$o, output differs"
	[ "$got_rows" = "$want_rows" ] || o="$o, rows differ"
	echo "$o"
done
EOF

# pipe50 NAME STATUSES PIPE SQL ROWS, the last command's stdout on stdin:
# run PIPE RUNS times; a run is "ok" when the exit status of every command
# in it, the last one's output and the rows SQL selects are as expected,
# else it is counted under what went wrong.  The check wants "RUNS ok".
pipe50() {
	cat >"$T/pipe.want"
	printf '%s\n' "$5" >"$T/rows.want"
	bash "$T/pipe50.bash" "$RUNS" "$3" "$4" "$2" 2>"$T/pipe.err" </dev/null |
	    awk '{ n[$0]++ } END { for (k in n) print n[k], k }' >"$T/tally"
	check "$1: $RUNS runs" 0 "cat \"$T/tally\"" <<EOF
$RUNS ok
EOF
}

STATUS="SELECT group_concat(id || ':' || status, ' ') FROM
    (SELECT id, status FROM cases ORDER BY id)"

pipe50 'complaint(1): import, then acknowledge the new cases' '0 0' \
    'complaint-new --csv < new.csv | complaint-resolve ack -' "$STATUS" \
    '1:new 2:new 3:new 4:new 5:new 6:acknowledged 7:acknowledged 8:acknowledged' \
    <<EOF
6	acknowledged
7	acknowledged
8	acknowledged
EOF

pipe50 'README: import, escalate the critical ones' '0 0 0' \
    'complaint-new --csv < new.csv |
        awk -F, '"'"'$4 == "critical" { print $2 }'"'"' |
        complaint-resolve escalate - -m "triage: safety"' \
    "$STATUS; SELECT case_id, reason FROM escalations" \
    '1:new 2:new 3:new 4:new 5:new 6:escalated 7:new 8:new
6|triage: safety' <<EOF
6	escalated
EOF

pipe50 'complaint-new(1): import, escalate the serious ones' '0 0 0' \
    'complaint-new --csv < new.csv |
        awk -F, '"'"'$4 == "high" || $4 == "critical" { print $2 }'"'"' |
        complaint-resolve escalate - -m "triage: serious"' \
    "$STATUS; SELECT count(*) FROM escalations" \
    '1:new 2:new 3:new 4:new 5:new 6:escalated 7:new 8:escalated
2' <<EOF
6	escalated
8	escalated
EOF

pipe50 'complaint(1): record a complaint and acknowledge it' '0 0' \
    'complaint-new -n "Ann Berg" -e ann@example.se Kettle leaks </dev/null |
        complaint-resolve ack -' "$STATUS" \
    '1:new 2:new 3:new 4:new 5:new 6:acknowledged' <<EOF
6	acknowledged
EOF

pipe50 'complaint(1): three writers, import, acknowledge, assign' '0 0 0' \
    'complaint-new --csv < new.csv | complaint-resolve ack - |
        complaint-resolve assign - per' \
    "SELECT id, status, assignee FROM cases WHERE id > 5" \
    '6|acknowledged|per
7|acknowledged|per
8|acknowledged|per' <<EOF
6	acknowledged
7	acknowledged
8	acknowledged
EOF

# Due times: case 6 is due for acknowledgement and for resolution within
# the window, so it is listed twice and escalated once.
cp "$T/five.db" "$COMPLAINT_FILE"
complaint-new --csv <"$T/new.csv" >/dev/null 2>&1
sqlite3 "$COMPLAINT_FILE" ".backup '$T/five.db'"
pipe50 'complaint(1): mark the reminders, escalate each case once' '0 0' \
    'complaint-report due -w 25h --mark | complaint-resolve escalate - -m due' \
    "$STATUS; SELECT case_id, count(*) FROM escalations GROUP BY case_id;
    SELECT case_id, kind FROM reminders ORDER BY case_id, kind" \
    '1:new 2:new 3:new 4:new 5:new 6:escalated 7:new 8:escalated
6|1
8|1
6|ack
6|resolve
8|ack' <<EOF
6	escalated
8	escalated
EOF

# Nothing due: the step says so and exits 1, or with -q says nothing.
cp "$T/five.db" "$COMPLAINT_FILE"
check 'nothing on standard input is 1, and said' 1 \
    'complaint-report due -w 1m | complaint-resolve escalate - -m due' \
    </dev/null
check_err 'complaint-resolve: no case ids on standard input'
check 'with -q it is 1 and quiet' 1 \
    'complaint-report due -w 1m | complaint-resolve -q escalate - -m due 2>&1' \
    </dev/null
check 'set -o pipefail: the status of the first end that failed' 1 \
    'bash -c "set -o pipefail; complaint-report due -w 1m | complaint-resolve -q escalate - -m due"' \
    </dev/null
check_sql 'and nothing changed' "$STATUS" <<EOF
1:new 2:new 3:new 4:new 5:new 6:new 7:new 8:new
EOF
