#!/bin/sh
# bench/intake.sh: bulk intake of generated complaints (bench/gen-intake.py)
# against two baselines measured in the same run, each on a fresh file:
#   complaint-new --csv   every row checked, triaged, checked for
#                         duplicates and repeats, audited, one transaction;
#   floor                 the rows complaint-new wrote (customers, cases,
#                         events, audit, ...), pre-computed, loaded into
#                         the same schema by plain SQL in one transaction,
#                         its indexes made after;
#   .import               the sqlite3 shell's .import --csv of the CSV into
#                         one table, 3 indexes made after.
# A size ending in s is the skewed file: one customer sends half the rows.
# The median of RUNS runs; peak RSS from /usr/bin/time.
#   usage: sh bench/intake.sh [RUNS] [SIZES...]
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
runs=${1:-3}
[ $# -gt 0 ] && shift
sizes=${*:-100000 100000s 1000000}
export COMPLAINT_USER=bench COMPLAINT_NOW=2026-11-22T10:00:00Z

# run CMD: the median of CMD, each run on a fresh in.db (median).
run() {
	median "$1" "rm -f '$dir/in.db' '$dir/in.db-wal' '$dir/in.db-shm' \
	    '$dir/in.db-journal'"
}

# floor PRE: the SQL that loads every table of the case file PRE into
# in.db in one transaction, with the schema's indexes and triggers after.
floor() {
	sqlite3 "$1" "SELECT sql || ';' FROM sqlite_schema WHERE type = 'table'
	    AND name NOT LIKE 'sqlite_%'"
	echo "PRAGMA user_version = $(sqlite3 "$1" 'PRAGMA user_version');"
	echo "ATTACH '$1' AS p; BEGIN;"
	sqlite3 "$1" "SELECT 'INSERT INTO main.\"' || name || '\" SELECT *
	    FROM p.\"' || name || '\";' FROM sqlite_schema WHERE type = 'table'
	    AND name NOT LIKE 'sqlite_%' ORDER BY rootpage"
	sqlite3 "$1" "SELECT sql || ';' FROM sqlite_schema
	    WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
	echo "COMMIT;"
}

printf 'rows\tcomplaint-new s\trows/s\tRSS MB\tfloor s\trows/s\tRSS MB\t.import s\trows/s\tRSS MB\tof floor\tof .import\tCPU of floor\tCPU of .import\n'
for n in $sizes; do
	rows=${n%s}
	skew=
	[ "$n" = "$rows" ] || skew=skew
	csv=$dir/intake-$n.csv
	[ -f "$csv" ] || python3 "$top/bench/gen-intake.py" "$rows" 1 $skew \
	    >"$csv"
	ours=$(run "$top/complaint-new -f $dir/in.db --csv <$csv")
	rm -f "$dir/pre.db"
	mv "$dir/in.db" "$dir/pre.db"
	floor "$dir/pre.db" >"$dir/floor.sql"
	base=$(run "sqlite3 $dir/in.db <$dir/floor.sql")
	imp=$(run "sqlite3 $dir/in.db \"CREATE TABLE cases (ref TEXT, name TEXT, email TEXT, received TEXT, amount TEXT, channel TEXT, summary TEXT, description TEXT)\" \".import --csv --skip 1 $csv cases\" \"CREATE UNIQUE INDEX cases_ref ON cases(ref); CREATE INDEX cases_email ON cases(email); CREATE INDEX cases_received ON cases(received)\"")
	echo "$n $rows $ours $base $imp" | awk '{
		printf "%s\t%.2f\t%d\t%.1f\t%.2f\t%d\t%.1f\t%.2f\t%d\t%.1f\t%.2f\t%.3f\t%.2f\t%.3f\n",
		    $1, $3, $2 / $3, $4 / 1024, $6, $2 / $6, $7 / 1024,
		    $9, $2 / $9, $10 / 1024, $6 / $3, $9 / $3, $8 / $5,
		    $11 / $5 }'
done
