#!/bin/sh
# bench/compare.sh: complaint-compare on generated accounts of 1,000, 5,000
# and 20,000 statements: related (B is A with 10% edited, 5% moved, 5%
# inserted) and unrelated (B generated from another seed), as whole
# processes with hyperfine, against diff(1) on the related texts.  The
# goals: unrelated no more than 2x related, 20,000 x 20,000 unrelated
# under 1 s.
#   usage: sh bench/compare.sh [RUNS]
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
runs=${1:-10}
need hyperfine
dir=$dir/compare
rm -rf "$dir"
mkdir -p "$dir"
export COMPLAINT_FILE="$dir/cases.db" COMPLAINT_USER=bench
"$top/complaint-new" -E Per -n Ann 'Bench dispute' </dev/null >/dev/null 2>&1

printf 'statements\trelated ms\tunrelated ms\tratio\tdiff ms\tpairs related\tpairs unrelated\n'
for n in 1000 5000 20000; do
	python3 "$top/bench/compare-gen.py" "$n" 1 "$dir/a$n" "$dir/b$n"
	python3 "$top/bench/compare-gen.py" "$n" 2 "$dir/u$n" "$dir/v$n"
	ea=$("$top/complaint-interview" -r employee 1 <"$dir/a$n")
	eb=$("$top/complaint-interview" -r complainant 1 <"$dir/b$n" 2>/dev/null)
	eu=$("$top/complaint-interview" -r complainant 1 <"$dir/u$n" 2>/dev/null)
	hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$dir/$n.json" \
	    "$top/complaint-compare $ea $eb" "$top/complaint-compare $ea $eu" \
	    "diff $dir/a$n $dir/b$n" >/dev/null 2>&1
	pr=$("$top/complaint-compare" "$ea" "$eb" | wc -l) || :
	pu=$("$top/complaint-compare" "$ea" "$eu" | wc -l) || :
	python3 - "$dir/$n.json" "$n" "$pr" "$pu" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
rel, unrel, base = (x["median"] * 1000 for x in r)
print(f"{sys.argv[2]}\t{rel:.1f}\t{unrel:.1f}\t{unrel / rel:.2f}\t"
      f"{base:.1f}\t{sys.argv[3]}\t{sys.argv[4]}")
PY
done
