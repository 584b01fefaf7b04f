#!/bin/sh
# bench/backlog.sh: the daily reports with --limit 50 on a backlog of N
# cases (default 1,000,000) where nine in ten are open and past due, each
# timed as a whole process beside the cheapest indexed query that gives
# the same first rows, run by the sqlite3 shell, the two taking turns
# (bench/pair.py).  The goal is a ratio of at most 1.2: a report reads
# about as many rows as it prints.
#   usage: sh bench/backlog.sh [N [RUNS]]
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
n=${1:-1000000}
runs=${2:-15}
f=$dir/backlog-$n.db
export COMPLAINT_USER=bench COMPLAINT_NOW=2026-11-22T10:00:00Z TZ=UTC
now=$COMPLAINT_NOW

if ! [ -s "$f" ]; then
	rm -f "$f" "$f-wal" "$f-shm"
	"$top/complaint" init -f "$f" >/dev/null
	{ echo ".parameter set @n $n"; cat "$top/bench/report-gen.sql"
	  echo "UPDATE cases SET status = 'acked', closed = NULL,"
	  echo "    cause = NULL, resolve_due = strftime('%Y-%m-%dT%H:%M:%SZ',"
	  echo "    received, '+5 days') WHERE id % 10 <> 0;"; } |
	    sqlite3 "$f" >/dev/null
fi

# pair LABEL A B: the two commands timed taking turns (bench/pair.py).
pair() {
	python3 "$top/bench/pair.py" "$runs" "$@"
}

q="sqlite3 -separator '	' $f"
end=2026-11-29T10:00:00Z	# now + 7 days, due's window
sev="CASE o.severity WHEN 1 THEN 'low' WHEN 2 THEN 'medium'
    WHEN 3 THEN 'high' WHEN 4 THEN 'critical' END"
# Each baseline prints the rows the report prints, byte for byte (checked
# below), by the cheapest plan: the partial indexes of open clocks and
# the follow-ups' index merged in due order, the first 50 joined to their
# customers.
overdue="SELECT o.id, o.kind, o.due, (unixepoch('$now') -
    unixepoch(o.due)) / 3600, o.status, $sev,
    coalesce(u.name, u.email, u.phone), o.summary FROM (
    SELECT id, 'ack' AS kind, ack_due AS due, status, severity, customer,
    summary FROM cases WHERE acked IS NULL AND paused IS NULL
    AND ack_due < '$now' UNION ALL
    SELECT id, 'resolve', resolve_due, status, severity, customer, summary
    FROM cases WHERE closed IS NULL AND settled IS NULL AND paused IS NULL
    AND resolve_due < '$now' UNION ALL
    SELECT c.id, 'follow-up', w.due, c.status, c.severity, c.customer,
    c.summary FROM followups w JOIN cases c ON c.id = w.case_id
    WHERE w.done IS NULL AND w.due < '$now' ORDER BY 3, 1 LIMIT 50) o
    LEFT JOIN customers u ON u.id = o.customer ORDER BY o.due, o.id"
due="SELECT o.id, o.kind, o.due, (unixepoch(o.due) -
    unixepoch('$now')) / 3600, coalesce(u.name, u.email, u.phone),
    u.email, o.summary FROM (
    SELECT id, 'ack' AS kind, ack_due AS due, customer, summary FROM cases
    WHERE acked IS NULL AND paused IS NULL AND ack_due >= '$now'
    AND ack_due < '$end' UNION ALL
    SELECT id, 'resolve', resolve_due, customer, summary FROM cases
    WHERE closed IS NULL AND settled IS NULL AND paused IS NULL
    AND resolve_due >= '$now' AND resolve_due < '$end' UNION ALL
    SELECT c.id, 'follow-up', w.due, c.customer, c.summary FROM followups w
    JOIN cases c ON c.id = w.case_id WHERE w.done IS NULL
    AND w.due >= '$now' AND w.due < '$end' ORDER BY 3, 1, 2 LIMIT 50) o
    LEFT JOIN customers u ON u.id = o.customer ORDER BY o.due, o.id, o.kind"
list="SELECT c.id, c.received, c.status, CASE c.severity WHEN 1 THEN 'low'
    WHEN 2 THEN 'medium' WHEN 3 THEN 'high' WHEN 4 THEN 'critical' END,
    coalesce(u.name, u.email, u.phone), c.summary FROM cases c
    LEFT JOIN customers u ON u.id = c.customer WHERE c.status NOT IN
    ('closed', 'dismissed', 'merged') ORDER BY c.id LIMIT 50"
printf 'report --limit 50 (%s cases)\tcomplaint-report ms\tsqlite3 ms\tratio\n' "$n"
# What a process costs before its query: loading its libraries (five more
# than the shell's) and reading the file's schema.
pair "start-up, no file" "$top/complaint-report -h" \
    "sqlite3 :memory: 'SELECT 1'"
for args in overdue 'due -w 7d' 'list --status open'; do
	case $args in
	overdue)	sql=$overdue ;;
	due*)		sql=$due ;;
	list*)		sql=$list ;;
	esac
	sql=$(echo "$sql" | tr '\n' ' ')
	# shellcheck disable=SC2086 # $args is the report and its options
	"$top/complaint-report" -f "$f" $args --limit 50 >"$dir/a.out"
	sqlite3 -separator '	' "$f" "$sql" >"$dir/b.out"
	cmp -s "$dir/a.out" "$dir/b.out" || {
		echo "bench: $args and its baseline print different rows" >&2
		exit 1
	}
	pair "$args" "$top/complaint-report -f $f $args --limit 50" \
	    "$q \"$sql\""
done
