#!/bin/sh
# bench/run.sh: every benchmark of bench/, one after the other (the
# machine's cores are shared: never two at once), as one table of medians
# against the baseline each was measured beside, in the same run:
#   bench  case  measured  median  baseline  median  ratio
# Each script's own table is kept in bench/data/NAME.out.
#   usage: sh bench/run.sh            (make bench)
# BENCH_RUNS (3) runs of each; INTAKE_SIZES (100000 100000s 1000000);
# REPORT_N (1000000) cases for the reports and the backlog.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$top/bench/data
mkdir -p "$dir"
runs=${BENCH_RUNS:-3}
sizes=${INTAKE_SIZES:-100000 100000s 1000000}
n=${REPORT_N:-1000000}

# table NAME OURS BASE RATIO CMD...: run CMD into NAME.out; print a row
# for each of its data rows, with the columns OURS, BASE and RATIO named
# by the header above it (a header is a row whose second field is not a
# number).  BASE 0: no baseline.
table() {
	name=$1 ours=$2 base=$3 ratio=$4
	shift 4
	"$@" >"$dir/$name.out" || { echo "bench: $name failed" >&2; return 0; }
	awk -F '\t' -v name="$name" -v o="$ours" -v b="$base" -v r="$ratio" '
	NF < 2 { next }
	$2 !~ /^[0-9.]+$/ { for (i = 1; i <= NF; i++) h[i] = $i; next }
	{
		label = $1 != "" ? $1 : h[1]
		printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, label, h[o], $o,
		    b ? h[b] : "-", b ? $b : "-", r ? $r : "-"
	}' "$dir/$name.out"
}

{
	printf 'bench\tcase\tmeasured\tmedian\tbaseline\tmedian\tratio\n'
	# shellcheck disable=SC2086
	table intake-floor 2 5 11 sh "$top/bench/intake.sh" "$runs" $sizes
	awk -F '\t' 'NR > 1 { printf "intake-import\t%s\tcomplaint-new s\t%s\t.import s\t%s\t%s\n", $1, $2, $8, $12 }' \
	    "$dir/intake-floor.out"
	table new 2 3 4 sh "$top/bench/new.sh" "$runs"
	table report 2 3 4 sh "$top/bench/report.sh" "$n" "$runs"
	table backlog 2 3 4 sh "$top/bench/backlog.sh" "$n" "$runs"
	table compare 3 2 4 sh "$top/bench/compare.sh" "$runs"
	table export 2 3 4 sh "$top/bench/export.sh" 3000 "$runs"
	table html 4 5 6 sh "$top/bench/html.sh" "$runs"
	sh "$top/bench/verify.sh" "$runs" 100000 >"$dir/verify.out"
	awk -F '\t' '{ sub(/^verify /, "", $3); sub(/ s$/, "", $3)
		printf "verify\t%s, %s rows\tverify s\t%s\t-\t-\t-\n", $1, $2, $3 }' \
	    "$dir/verify.out"
} | if [ -t 1 ]; then column -t -s "$(printf '\t')"; else cat; fi
