#!/bin/sh
# bench/fullexport.sh: export --all -o DIR, then complaint import of the
# folder (which loads every table in one transaction and verifies the new
# file), of a case file of N generated complaints (bench/gen-intake.py);
# seconds (elapsed, then CPU: user + system) and peak RSS of each, and whether the export of the import is
# the first export byte for byte.
#   usage: sh bench/fullexport.sh [SIZES...]
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
sizes=${*:-10000 100000}
[ -x /usr/bin/time ] || need /usr/bin/time
export COMPLAINT_USER=bench COMPLAINT_NOW=2026-11-22T10:00:00Z
# "elapsed user system KB" as "E s (CPU C s), M MB"
fmt() {
	awk -v e="$1" -v u="$2" -v s="$3" -v m="$4" \
	    'BEGIN { printf "%s s (CPU %.2f s), %d MB", e, u + s, m / 1024 }'
}
for n in $sizes; do
	db=$dir/verify-$n.db
	if [ ! -s "$db" ]; then
		python3 "$top/bench/gen-intake.py" "$n" >"$dir/verify-$n.csv"
		"$top/complaint-new" -f "$db" --csv <"$dir/verify-$n.csv" \
		    >/dev/null 2>&1
	fi
	rm -rf "$dir/full-$n" "$dir/full2-$n" "$dir/import-$n.db"*
	/usr/bin/time -f '%e %U %S %M' -o "$dir/time" \
	    "$top/complaint-report" -f "$db" export --all -o "$dir/full-$n"
	ex=$(cat "$dir/time")
	/usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$top/complaint" import \
	    -f "$dir/import-$n.db" "$dir/full-$n" >/dev/null
	im=$(cat "$dir/time")
	"$top/complaint-report" -f "$dir/import-$n.db" export --all \
	    -o "$dir/full2-$n"
	same=differ
	diff -r "$dir/full-$n" "$dir/full2-$n" >/dev/null && same=same
	# shellcheck disable=SC2086 # the four words of time(1), split
	printf '%s cases\t%s MB\texport %s\timport+verify %s\t%s\n' "$n" \
	    "$(du -sm "$dir/full-$n" | cut -f1)" "$(fmt $ex)" "$(fmt $im)" \
	    "$same"
	rm -rf "$dir/full-$n" "$dir/full2-$n" "$dir/import-$n.db"*
done
