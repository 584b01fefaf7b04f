#!/bin/sh
# bench/report.sh: each report of complaint-report on a case file of N
# cases (default 1,000,000, ~0.3 N customers, skewed), timed as a whole
# process side by side with the bare query in the sqlite3 shell; then
# Taskwarrior against complaint-new and complaint-report list on 10,000
# complaints.  The case file is built once and kept (bench/data/).
#   usage: sh bench/report.sh [N [RUNS]]
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
n=${1:-1000000}
runs=${2:-15}
f=$dir/report-$n.db
need hyperfine
export COMPLAINT_USER=bench COMPLAINT_NOW=2026-11-22T10:00:00Z TZ=UTC
now=$COMPLAINT_NOW

# A case file of $2 cases at $1, made by complaint init, filled by SQL.
generate() {
	rm -f "$1" "$1-wal" "$1-shm"
	"$top/complaint" init -f "$1" >/dev/null
	{ echo ".parameter set @n $2"; cat "$top/bench/report-gen.sql"; } |
	    sqlite3 "$1" >/dev/null
}

# The medians of the two commands in hyperfine's JSON $1, and the
# speed-up of the first over the second (Taskwarrior, part two).
ratio() {
	python3 - "$@" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = (x["median"] * 1000 for x in r)
print(f"{sys.argv[2]}\t{a:.1f}\t{b:.1f}\t{b / a:.1f}x")
PY
}

[ -s "$f" ] || generate "$f" "$n"
r="$top/complaint-report -f $f"
day=2026-11-23T10:00:00Z
from=2026-08-24T10:00:00Z

# The bare equivalent: the very SQL the report runs (complaint-report
# --sql prints it), its parameters bound by the sqlite3 shell.
p=".parameter set"
bare="sqlite3 -cmd \"$p :now '$now'\" -cmd \"$p :end '$day'\"
    -cmd \"$p :from '$from'\" -cmd \"$p :min 3\" -cmd \"$p :mark 0\"
    -cmd \"$p :status 'open'\" -cmd \"$p :limit 50\" $f"
bare=$(echo "$bare" | tr '\n' ' ')
sid=$((n * 7 / 9))
show="SELECT * FROM cases c LEFT JOIN customers u ON u.id = c.customer
    WHERE c.id = $sid; SELECT * FROM events WHERE case_id = $sid;
    SELECT * FROM followups WHERE case_id = $sid; SELECT * FROM escalations
    WHERE case_id = $sid; SELECT o.id, o.status, o.cause FROM cases c
    JOIN cases o ON o.customer = c.customer AND o.id <> c.id
    WHERE c.id = $sid ORDER BY o.received, o.id"
show=$(echo "$show" | tr '\n' ' ')
# stats: the same figures in SQL, the cheapest way it has: the counts in
# one pass of the covering index, each percentile by one sort of the
# durations (row_number over them), the two rates.
pct="SELECT k, round(s / 3600.0, 1) FROM (SELECT s, row_number() OVER
    (ORDER BY s) AS r, count(*) OVER () AS n FROM (SELECT unixepoch(@t@) -
    unixepoch(received) AS s FROM cases WHERE @t@ IS NOT NULL)),
    (SELECT 'median' AS k UNION ALL SELECT 'p90') WHERE r = CASE k
    WHEN 'median' THEN (n + 1) / 2 ELSE (n * 9 + 9) / 10 END"
stats="SELECT status, severity, channel, count(*) FROM cases GROUP BY 1, 2, 3;
    $(echo "$pct" | sed 's/@t@/acked/g');
    $(echo "$pct" | sed 's/@t@/closed/g');
    SELECT count(DISTINCT case_id) FROM escalations;
    SELECT avg(satisfied), avg(score) FROM followups"
stats=$(echo "$stats" | tr '\n' ' ')

printf 'report (%s cases)\tcomplaint-report ms\tsqlite3 ms\tratio\n' "$n"
for args in 'list --status open --limit 50' overdue 'due -w 1d' repeat \
    causes stats "show $sid"; do
	case $args in
	show*)	sql=$show ;;
	stats)	sql=$stats ;;
	*)	# shellcheck disable=SC2086 # $args are words
		sql=$($r --sql $args | tr '\n' ' ') ;;
	esac
	# the two take turns (bench/pair.py), so load falls on both alike
	# (the label without --status open, which the README says)
	python3 "$top/bench/pair.py" "$runs" \
	    "$(echo "$args" | sed 's/ --status open//')" "$r $args" \
	    "$bare \"$sql\""
done

# Taskwarrior 2.6 against complaint-new and complaint-report list.
if ! command -v task >/dev/null; then
	echo "bench: no task; apt-get install taskwarrior for part two" >&2
	exit 0
fi
tw=$dir/task
rm -rf "$tw"
mkdir -p "$tw"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\n' \
    "$tw" >"$tw/rc"
export TASKRC="$tw/rc" TASKDATA="$tw"
python3 - "$tw/import.json" <<'PY'
import json, sys, uuid
with open(sys.argv[1], "w") as f:
    for i in range(1, 10001):
        f.write(json.dumps({"uuid": str(uuid.UUID(int=i)),
            "status": "pending", "entry": "20261101T000000Z",
            "description": f"Complaint {i}", "project": "complaints",
            "tags": ["web"]}) + "\n")
PY
task import "$tw/import.json" >/dev/null 2>&1
generate "$dir/tw.db" 10000
hyperfine -N --warmup 2 --runs "$runs" --export-json "$dir/tw1.json" \
    "$top/complaint-new -f $dir/tw.db -n 'Ann Berg' -r 2026-11-20 Kettle leaks" \
    "task add project:complaints +web Kettle leaks" >/dev/null 2>&1
hyperfine -N --warmup 2 --runs "$runs" --export-json "$dir/tw2.json" \
    "$top/complaint-report -f $dir/tw.db list" "task list" >/dev/null 2>&1
printf '\n10,000 complaints (task %s)\tcomplaint ms\ttask ms\tspeed-up\n' \
    "$(task --version)"
ratio "$dir/tw1.json" add
ratio "$dir/tw2.json" list
