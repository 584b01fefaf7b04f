#!/bin/sh
# scripts/demo.sh: the procedure end to end on a fresh case file in a
# temporary folder, printing each command before it runs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/complaint-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
PATH=$top:$PATH
COMPLAINT_FILE=$dir/cases.db
COMPLAINT_USER=${COMPLAINT_USER:-demo}
export PATH COMPLAINT_FILE COMPLAINT_USER

run() {
	printf '\n$ %s\n' "$*"
	sh -c "$*"
}

echo "A fresh case file: $COMPLAINT_FILE"
echo
echo "1. Intake: record three complaints as they come in."
run "complaint-new -n 'Ann Berg' -e ann@example.se -c email -p 'Kettle K2' \
-o A-1001 -a '49.90 EUR' -E Per -r 2026-11-20T09:12Z \
-m 'The kettle leaked on the first use and scalded the counter.' \
Kettle leaks"
run "complaint-new -n 'Budi Santoso' --phone '+62 21 555 0101' -c phone \
-p 'Delivery' -o B-2002 -r 2026-11-21 Paket terlambat dua minggu"
run "echo 'Charged twice for one order.' | complaint-new -e ann@example.se \
-c web -o A-1002 -a 'EUR 19.00' -t billing Double charge"
echo
echo "2. Look at what came in."
run "complaint-report list"
run "complaint-report list --customer ann@example.se --csv"
run "complaint-report show 1"
echo
echo "3. Every change is in the append-only log, chained by SHA-256."
run "complaint-report log 1"
run "complaint-report verify"
echo
echo "Done.  The case file was $COMPLAINT_FILE (removed now)."
