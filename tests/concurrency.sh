#!/bin/sh
# tests/concurrency.sh: the short version of tests/stress/stress.sh, four
# writers of 25 complaints each with two readers, in every make check.
. "$(dirname "$0")/lib.sh"

if sh "$TOP/tests/stress/stress.sh" 4 25 >"$T/stress.out" 2>&1; then
	echo "ok - 4 writers x 25 with 2 readers: $(head -1 "$T/stress.out")"
else
	echo "not ok - 4 writers x 25 with 2 readers"
	sed 's/^/#   /' "$T/stress.out"
fi

# Readers during a bulk import: it is one transaction, so each reader,
# however the two interleave, answers at once and sees the file as it was
# before the import or as it is after it, never part of it.
awk 'BEGIN { print "email,received,summary"
	for (i = 0; i < 3000; i++)
		printf "r%d@example.com,2026-11-01,Parcel %d late\n", i % 500, i }' \
    >"$T/bulk.csv"
complaint-new -f "$T/r.db" -r 2026-10-01 Before >/dev/null 2>&1
complaint-new -f "$T/r.db" --csv <"$T/bulk.csv" >/dev/null 2>&1 &
pid=$!
: >"$T/seen"
while kill -0 "$pid" 2>/dev/null; do
	complaint-report -f "$T/r.db" list --csv 2>&1 | wc -l >>"$T/seen"
done
wait "$pid"
complaint-report -f "$T/r.db" list --csv 2>&1 | wc -l >>"$T/seen"
check 'readers during a bulk import see all of it or none' 0 \
    "sort -un seen | sed 's/ //g' | grep -v -x -e 2 -e 3002 || echo none" <<EOF
none
EOF
