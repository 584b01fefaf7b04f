#!/bin/sh
# bench/export.sh: export --json of N cases (default 3,000) owned by one
# customer, beside N cases of N customers; the goal is a ratio near 1,
# an export linear in the cases exported whoever owns them.
#   usage: sh bench/export.sh [N [RUNS]]
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
n=${1:-3000}
runs=${2:-5}
need hyperfine
export COMPLAINT_USER=bench COMPLAINT_NOW=2026-11-22T10:00:00Z TZ=UTC

# A case file of $n complaints; $2 = one: all from one customer.
make_file() {
	rm -f "$1" "$1-wal" "$1-shm"
	awk -v n="$n" -v one="$2" 'BEGIN {
		print "summary,email,received"
		for (i = 1; i <= n; i++)
			printf "Parcel %d late,%s@example.com,2026-10-01\n", i,
			    one == "one" ? "ann" : "c" i
	}' | "$top/complaint-new" -f "$1" --csv >/dev/null 2>&1
}
make_file "$dir/export-one.db" one
make_file "$dir/export-many.db" many
hyperfine -N --warmup 1 --runs "$runs" --export-json "$dir/e.json" \
    "$top/complaint-report -f $dir/export-one.db export --json" \
    "$top/complaint-report -f $dir/export-many.db export --json" >/dev/null
python3 - "$dir/e.json" "$n" <<'PY'
import json, sys
a, b = (x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"])
print("--json, %s cases\tone customer ms\t%s customers ms\tratio"
      % (sys.argv[2], sys.argv[2]))
print(f"\t{a:.1f}\t{b:.1f}\t{a / b:.2f}")
PY
