#!/bin/sh
# bench/compare.sh: complaint-compare on two generated accounts of 100,
# 1,000 and 5,000 statements (10% edited, 5% moved, 5% inserted), against
# diff(1) on the same texts, as whole processes with hyperfine.
#   usage: sh bench/compare.sh [RUNS]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-20}
dir=$top/bench/data/compare
rm -rf "$dir"
mkdir -p "$dir"
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine" >&2; exit 69; }
export COMPLAINT_FILE="$dir/cases.db" COMPLAINT_USER=bench
"$top/complaint-new" -E Per -n Ann 'Bench dispute' </dev/null >/dev/null

printf 'statements\tcomplaint-compare ms\tdiff ms\tratio\tpairs\tdiffering\n'
for n in 100 1000 5000; do
	python3 "$top/bench/compare-gen.py" "$n" 1 "$dir/a$n" "$dir/b$n"
	ea=$("$top/complaint-interview" -r employee 1 <"$dir/a$n")
	eb=$("$top/complaint-interview" -r complainant 1 <"$dir/b$n" 2>/dev/null)
	hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$dir/$n.json" \
	    "$top/complaint-compare $ea $eb" "diff $dir/a$n $dir/b$n" \
	    >/dev/null 2>&1
	pairs=$("$top/complaint-compare" "$ea" "$eb" | wc -l) || :
	differ=$("$top/complaint-compare" "$ea" "$eb" | grep -vc '^=') || :
	python3 - "$dir/$n.json" "$n" "$pairs" "$differ" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ours, base = (x["median"] * 1000 for x in r)
print(f"{sys.argv[2]}\t{ours:.1f}\t{base:.1f}\t{ours / base:.1f}\t"
      f"{sys.argv[3]}\t{sys.argv[4]}")
PY
done
