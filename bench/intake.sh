#!/bin/sh
# bench/intake.sh: bulk intake of generated complaints (bench/gen-intake.py)
# at 100,000 and 1,000,000 rows: complaint-new --csv with triage, the
# duplicate and repeat checks and the audit log, against the sqlite3
# shell's .import --csv into an equivalent table whose indexes are made
# after the insert.  Each run on a fresh file; the median of RUNS runs;
# peak RSS from /usr/bin/time.
#   usage: sh bench/intake.sh [RUNS] [SIZES...]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
[ $# -gt 0 ] && shift
sizes=${*:-100000 1000000}
dir=$top/bench/data
mkdir -p "$dir"
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 69; }
export COMPLAINT_USER=bench COMPLAINT_NOW=2026-11-22T10:00:00Z

# run NAME CMD: time CMD runs times; print the median seconds and RSS.
run() {
	i=0
	: >"$dir/times"
	while [ $i -lt "$runs" ]; do
		rm -f "$dir/in.db" "$dir/in.db-wal" "$dir/in.db-shm"
		/usr/bin/time -f '%e %M' -o "$dir/time" sh -c "$1" >/dev/null 2>&1 || true
		cat "$dir/time" >>"$dir/times"
		i=$((i + 1))
	done
	sort -n "$dir/times" | sed -n "$(( (runs + 1) / 2 ))p"
}

printf 'rows\tcomplaint-new s\trows/s\tRSS MB\tsqlite3 .import s\trows/s\tRSS MB\tratio\n'
for n in $sizes; do
	csv=$dir/intake-$n.csv
	[ -f "$csv" ] || python3 "$top/bench/gen-intake.py" "$n" >"$csv"
	ours=$(run "$top/complaint-new -f $dir/in.db --csv <$csv")
	theirs=$(run "sqlite3 $dir/in.db \"CREATE TABLE cases (ref TEXT, name TEXT, email TEXT, received TEXT, amount TEXT, channel TEXT, summary TEXT, description TEXT)\" \".import --csv --skip 1 $csv cases\" \"CREATE UNIQUE INDEX cases_ref ON cases(ref); CREATE INDEX cases_email ON cases(email); CREATE INDEX cases_received ON cases(received)\"")
	echo "$n $ours $theirs" | awk '{
		printf "%d\t%.2f\t%d\t%.1f\t%.2f\t%d\t%.1f\t%.2f\n", $1,
		    $2, $1 / $2, $3 / 1024, $4, $1 / $4, $5 / 1024,
		    ($1 / $2) / ($1 / $4) }'
done
