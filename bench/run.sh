#!/bin/sh
# bench/run.sh: every benchmark of bench/, one after the other (the
# machine's cores are shared: never two at once), as one table of medians
# against the baseline each was measured beside, in the same run:
#   bench  case  measured  median  baseline  median  ratio
# Each script's own table is kept in bench/data/NAME.out; with NAMEs, only
# those run again, and the table is made of every NAME.out there is
# (`sh bench/run.sh table` runs none and prints it).
#   usage: sh bench/run.sh [NAME...]     (make bench)
#   NAME: intake new report backlog compare export html verify
# BENCH_RUNS (3) runs of the long ones (intake, verify), QUICK_RUNS (20)
# of those timed in milliseconds; INTAKE_SIZES (100000 100000s 1000000);
# REPORT_N (1000000) cases for the reports and the backlog.
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-3}
quick=${QUICK_RUNS:-20}
sizes=${INTAKE_SIZES:-100000 100000s 1000000}
n=${REPORT_N:-1000000}
only=" $* "

# run NAME CMD...: run CMD into NAME.out, when NAME is asked for.
run() {
	name=$1
	shift
	case $only in "  " | *" $name "*) ;; *) return 0 ;; esac
	echo "bench: $name" >&2
	"$@" >"$dir/$name.out.new" || {
		echo "bench: $name failed" >&2
		return 0
	}
	mv "$dir/$name.out.new" "$dir/$name.out"
}

# table NAME OURS BASE RATIO: a row for each data row of NAME.out, with
# the columns OURS, BASE and RATIO named by the header above it (a header
# is a row whose second field is not a number; a name ends in its unit):
# bench, case, our median, the baseline, its median, the ratio.  BASE 0:
# no baseline.
table() {
	[ -f "$dir/$1.out" ] || return 0
	awk -F '\t' -v name="$1" -v o="$2" -v b="$3" -v r="$4" '
	function unit(h,	w, n) { n = split(h, w, " "); return w[n] }
	function what(h,	w, n, s, i) {
		n = split(h, w, " ")
		s = w[1]
		for (i = 2; i < n; i++)
			s = s " " w[i]
		return s
	}
	NF < 2 { next }
	$2 !~ /^[0-9.]+$/ { for (i = 1; i <= NF; i++) h[i] = $i; next }
	{
		printf "%s\t%s\t%s %s\t%s\t%s\t%s\n", name,
		    $1 != "" ? $1 : h[1], $o, unit(h[o]),
		    b ? what(h[b]) : "-", b ? $b " " unit(h[b]) : "-",
		    r ? $r : "-"
	}' "$dir/$1.out"
}

# shellcheck disable=SC2086
run intake sh "$top/bench/intake.sh" "$runs" $sizes
run new sh "$top/bench/new.sh" "$quick"
run report sh "$top/bench/report.sh" "$n" "$quick"
run backlog sh "$top/bench/backlog.sh" "$n" "$quick"
run compare sh "$top/bench/compare.sh" "$runs"
run export sh "$top/bench/export.sh" 3000 "$quick"
run html sh "$top/bench/html.sh" "$quick"
run verify sh "$top/bench/verify.sh" "$runs" 100000

{
	printf 'bench\tcase\tmedian\tbaseline\tmedian\tratio\n'
	table intake 2 5 11
	[ ! -f "$dir/intake.out" ] ||
	    awk -F '\t' 'NR > 1 { printf "import\t%s\t%s s\t.import\t%s s\t%s\n", $1, $2, $8, $12 }' \
	    "$dir/intake.out"
	table new 2 3 4
	table report 2 3 4
	table backlog 2 3 4
	table compare 3 2 4
	table export 2 3 4
	table html 4 5 6
	table verify 3 5 6
} | if [ -t 1 ]; then column -t -s "$(printf '\t')"; else cat; fi
