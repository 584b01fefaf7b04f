#!/bin/sh
# bench/backlog.sh: the daily reports with --limit 50 on a backlog of N
# cases (default 1,000,000) where nine in ten are open and past due, each
# timed as a whole process beside the cheapest indexed query that gives
# the same first rows, run by the sqlite3 shell.  The goal is a ratio of
# at most 1.2: a report reads about as many rows as it prints.
#   usage: sh bench/backlog.sh [N [RUNS]]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
runs=${2:-15}
dir=$top/bench/data
f=$dir/backlog-$n.db
mkdir -p "$dir"
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine" >&2; exit 69; }
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

ratio() {
	python3 - "$@" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = (x["median"] * 1000 for x in r)
print(f"{sys.argv[2]}\t{a:.1f}\t{b:.1f}\t{a / b:.2f}")
PY
}

q="sqlite3 $f"
# The first 50 late clocks: both partial indexes, merged, in due order.
overdue="SELECT id, 'ack', ack_due FROM cases WHERE acked IS NULL
    AND ack_due < '$now' UNION ALL SELECT id, 'resolve', resolve_due
    FROM cases WHERE closed IS NULL AND resolve_due < '$now'
    ORDER BY 3, 1 LIMIT 50"
due="SELECT id, 'ack', ack_due FROM cases WHERE acked IS NULL
    AND ack_due >= '$now' UNION ALL SELECT id, 'resolve', resolve_due
    FROM cases WHERE closed IS NULL AND resolve_due >= '$now'
    ORDER BY 3, 1 LIMIT 50"
list="SELECT id, received, status FROM cases WHERE status NOT IN
    ('closed', 'dismissed', 'merged') ORDER BY id LIMIT 50"
printf 'report --limit 50 (%s cases)\tcomplaint-report ms\tsqlite3 ms\tratio\n' "$n"
for args in overdue 'due -w 7d' 'list --status open'; do
	case $args in
	overdue)	sql=$overdue ;;
	due*)		sql=$due ;;
	list*)		sql=$list ;;
	esac
	sql=$(echo "$sql" | tr '\n' ' ')
	hyperfine -N --warmup 3 --runs "$runs" --export-json "$dir/b.json" \
	    "$top/complaint-report -f $f $args --limit 50" "$q \"$sql\"" \
	    >/dev/null
	ratio "$dir/b.json" "$args"
done
