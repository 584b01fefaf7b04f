#!/bin/sh
# bench/html.sh: complaint-report show --html of one dispute with 1,000
# statements per account (as bench/compare.sh makes them) and 200 more
# records in its ledger and timeline (100 offers, each declined: the
# stand-in for 200 communications until the case file keeps those),
# against the text of complaint-report show of the same case, as whole
# processes with hyperfine.
#   usage: sh bench/html.sh [RUNS]
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
runs=${1:-20}
n=1000
need hyperfine
dir=$dir/html
rm -rf "$dir"
mkdir -p "$dir"
export COMPLAINT_FILE="$dir/cases.db" COMPLAINT_USER=bench
"$top/complaint-new" -E Per -n Ann -e ann@example.se 'Bench dispute' \
    </dev/null >/dev/null 2>&1
python3 "$top/bench/compare-gen.py" "$n" 1 "$dir/a" "$dir/b"
"$top/complaint-interview" -r employee 1 <"$dir/a" >/dev/null
"$top/complaint-interview" -r complainant 1 <"$dir/b" >/dev/null 2>&1
"$top/complaint-compare" -r 1 >/dev/null || :
i=0
while [ "$i" -lt 100 ]; do
	"$top/complaint-resolve" propose 1 refund "$((i % 90 + 10)).00" \
	    -m "offer $i" </dev/null >/dev/null
	"$top/complaint-resolve" decline 1 -m "not enough, answer $i" \
	    </dev/null >/dev/null
	i=$((i + 1))
done
for c in 2 3 4 5; do
	"$top/complaint-new" -e ann@example.se "Earlier case $c" \
	    </dev/null >/dev/null 2>&1
done

hyperfine -N --warmup 2 --runs "$runs" --export-json "$dir/html.json" \
    "$top/complaint-report show --html 1" "$top/complaint-report show 1" \
    >/dev/null 2>&1
bytes=$("$top/complaint-report" show --html 1 | wc -c)
rows=$("$top/complaint-report" show --html 1 | grep -c '<tr')
printf 'statements\trows\tbytes\thtml ms\ttext ms\tratio\n'
python3 - "$dir/html.json" "$((2 * n))" "$rows" "$bytes" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ours, base = (x["median"] * 1000 for x in r)
print(f"{sys.argv[2]}\t{sys.argv[3]}\t{sys.argv[4]}\t{ours:.1f}\t"
      f"{base:.1f}\t{ours / base:.2f}")
PY
