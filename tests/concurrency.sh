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
	complaint-report -f "$T/r.db" list --csv 2>/dev/null | wc -l >>"$T/seen"
done
wait "$pid"
complaint-report -f "$T/r.db" list --csv 2>&1 | wc -l >>"$T/seen"
check 'readers during a bulk import see all of it or none' 0 \
    "sort -un seen | sed 's/ //g' | grep -v -x -e 2 -e 3002 || echo none" <<EOF
none
EOF

# A large import (a quarter of the file or more) runs in a rollback
# journal: once its page cache spills it holds the file, and a command
# that comes then waits for its commit however long it takes, says so
# once, and sees all of it.  Here the cache spills a little past half way
# (16 MB of 24): the readers start once the file has grown by a spill.
awk 'BEGIN { d = ""; for (i = 0; i < 1000; i++) d = d "parcel late "
	print "email,received,summary,description"
	for (i = 0; i < 2000; i++)
		printf "w%d@example.com,2026-11-01,Parcel %d late,%s\n", i, i, d }' \
    >"$T/big.csv"
complaint-new -f "$T/w.db" -r 2026-10-01 Before >/dev/null 2>&1
complaint-new -f "$T/w.db" --csv <"$T/big.csv" >/dev/null 2>"$T/w.err" &
pid=$!
while kill -0 "$pid" 2>/dev/null &&
    [ "$(wc -c <"$T/w.db")" -lt 4000000 ]; do
	sleep 0.05
done
: >"$T/seen"
while kill -0 "$pid" 2>/dev/null; do
	complaint-report -f "$T/w.db" list --csv >"$T/w.out" 2>"$T/w.rerr"
	echo "$? $(wc -l <"$T/w.out") $(cat "$T/w.rerr")" >>"$T/seen"
done
wait "$pid"
echo "import $?" >>"$T/seen"
check 'a reader that comes while a large import holds the file waits, says so, and sees it all' 0 \
    "sed 's|$T/||' seen | sort -u" <<EOF
0 2002 complaint-report: waiting for the import writing w.db to finish
import 0
EOF
check 'after it the file is in WAL mode again, and verify passes' 0 \
    "sqlite3 w.db 'PRAGMA journal_mode' && complaint-report -f w.db verify | cut -f 1,2" <<EOF
wal
ok	2002 entries
ok	6144 rows match the log
EOF

# An import killed while it holds the file leaves its journal: the next
# reader takes it back (SQLite's hot journal) and sees the file as before
# it, and the next writer puts the file in WAL mode again.
complaint-new -f "$T/w.db" --csv <"$T/big.csv" >/dev/null 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null &&
    [ "$(wc -c <"$T/w.db")" -lt 40000000 ]; do
	sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check 'a reader after an import was killed sees the file as before it' 0 \
    "complaint-report -f w.db list --csv | wc -l" <<EOF
2002
EOF
check 'the next writer puts the file in WAL mode again' 0 \
    "complaint-new -f w.db -r 2026-10-02 After 2>/dev/null && sqlite3 w.db 'PRAGMA journal_mode' && complaint-report -f w.db verify | cut -f 1" <<EOF
2002
wal
ok
ok
EOF
