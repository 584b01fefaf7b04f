#!/bin/sh
# tests/fuzz/run.sh: run each fuzz target for SECONDS (default 600) on a
# scratch copy of its seed corpus, then print a table: target, runs,
# coverage (edges), features, result.  A crash leaves its input in
# tests/fuzz/crash-*, to become a regression test.
#   usage: sh tests/fuzz/run.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")" || exit 1
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-$(for f in fuzz_*.c; do basename "$f" .c; done)}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/complaint-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
status=0

printf 'target\truns\tcov\tft\tresult\n'
for t in $targets; do
	name=${t#fuzz_}
	mkdir -p "$scratch/$name"
	[ -d "corpus/$name" ] && cp -R "corpus/$name/." "$scratch/$name/"
	"./$t" -max_total_time="$secs" -print_final_stats=1 \
	    -artifact_prefix="./crash-$name-" "$scratch/$name" \
	    >"$scratch/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$scratch/$name.log")
	cov=$(grep -o 'cov: [0-9]*' "$scratch/$name.log" | tail -1 | cut -d' ' -f2)
	ft=$(grep -o 'ft: [0-9]*' "$scratch/$name.log" | tail -1 | cut -d' ' -f2)
	if [ "$rc" -eq 0 ]; then
		result=clean
	else
		result="FOUND (exit $rc)"
		status=1
		tail -30 "$scratch/$name.log" >&2
	fi
	printf '%s\t%s\t%s\t%s\t%s\n' "$t" "${runs:-?}" "${cov:-?}" \
	    "${ft:-?}" "$result"
done
exit $status
