#!/bin/sh
# bench/verify.sh: complaint-report verify (chain, redactions, every row
# of every table replayed from the log and re-hashed) on a case file of N
# generated complaints (bench/gen-intake.py) taken in by complaint-new
# --csv, beside the sqlite3 shell's .sha3sum of the same file (every row
# of every table hashed once, the least a check of every row does); the
# median of RUNS runs of each, with verify's peak RSS.
#   usage: sh bench/verify.sh [RUNS] [SIZES...]
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
runs=${1:-3}
[ $# -gt 0 ] && shift
sizes=${*:-10000 100000}
export COMPLAINT_USER=bench COMPLAINT_NOW=2026-11-22T10:00:00Z

printf 'cases\trows\tverify s\tRSS MB\t.sha3sum s\tratio\n'
for n in $sizes; do
	db=$dir/verify-$n.db
	if [ ! -s "$db" ]; then
		python3 "$top/bench/gen-intake.py" "$n" >"$dir/verify-$n.csv"
		"$top/complaint-new" -f "$db" --csv <"$dir/verify-$n.csv" \
		    >/dev/null 2>&1
	fi
	rows=$("$top/complaint-report" -f "$db" verify | sed -n 2p | cut -f2)
	ours=$(median "$top/complaint-report -q -f $db verify")
	base=$(median "sqlite3 -readonly $db .sha3sum")
	echo "$n ${rows%% *} $ours $base" | awk '{
		printf "%s\t%s\t%.2f\t%d\t%.2f\t%.2f\n", $1, $2, $3, $4 / 1024,
		    $6, $3 / $6 }'
done
