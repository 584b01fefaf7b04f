#!/bin/sh
# bench/verify.sh: complaint-report verify (chain, redactions, every row
# of every table replayed from the log and re-hashed) on a case file of N
# generated complaints (bench/gen-intake.py) taken in by complaint-new
# --csv; the median of RUNS runs, with peak RSS.
#   usage: sh bench/verify.sh [RUNS] [SIZES...]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
[ $# -gt 0 ] && shift
sizes=${*:-10000 100000}
dir=$top/bench/data
mkdir -p "$dir"
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time" >&2; exit 69; }
export COMPLAINT_USER=bench COMPLAINT_NOW=2026-11-22T10:00:00Z
for n in $sizes; do
	db=$dir/verify-$n.db
	if [ ! -s "$db" ]; then
		python3 "$top/bench/gen-intake.py" "$n" >"$dir/verify-$n.csv"
		"$top/complaint-new" -f "$db" --csv <"$dir/verify-$n.csv" \
		    >/dev/null 2>&1
	fi
	rows=$("$top/complaint-report" -f "$db" verify | sed -n 2p | cut -f2)
	i=0
	: >"$dir/times"
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -o "$dir/time" \
		    "$top/complaint-report" -q -f "$db" verify
		cat "$dir/time" >>"$dir/times"
		i=$((i + 1))
	done
	m=$(sort -n "$dir/times" | sed -n "$(( (runs + 1) / 2 ))p")
	printf '%s cases\t%s\tverify %s s\t%s MB\n' "$n" "$rows" "${m% *}" \
	    $((${m#* } / 1024))
done
