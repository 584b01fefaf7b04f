#!/bin/sh
# bench/new.sh: one complaint-new, as a whole process, against one INSERT
# through the sqlite3 shell, on case files of 0, 10k and 100k cases.
# Prints the medians and the ratio; the two take turns (bench/pair.py).
#   usage: sh bench/new.sh [RUNS]
set -eu
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
runs=${1:-40}
export COMPLAINT_USER=bench

# A case file with n cases, each with its customer, event and audit entry.
make_file() {
	f=$dir/new-$1.db
	rm -f "$f" "$f-wal" "$f-shm"
	"$top/complaint" init -f "$f" >/dev/null
	sqlite3 "$f" "
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	    WHERE i < $1)
	INSERT INTO customers (id, name, email, created)
	    SELECT i, 'Customer ' || i, 'c' || i || '@example.com',
	    '2026-01-01T00:00:00Z' FROM n;
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	    WHERE i < $1)
	INSERT INTO cases (id, customer, received, created, severity, summary,
	    description, updated)
	    SELECT i, i, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',
	    1 + i % 4, 'Parcel late ' || i, printf('%.*c', 400, 'x'),
	    '2026-01-01T00:00:00Z' FROM n;
	INSERT INTO events (case_id, at, actor, action, status_to)
	    SELECT id, created, 'bench', 'new', 'new' FROM cases;
	INSERT INTO audit (id, at, actor, case_id, action, content,
	    content_hash, chain_hash)
	    SELECT a.n + id, created, 'bench', id, 'new', '{}',
	    hex(randomblob(32)), hex(randomblob(32))
	    FROM cases, (SELECT max(id) AS n FROM audit) a;" >/dev/null
}

printf 'cases\tcomplaint-new ms\tsqlite3 INSERT ms\tratio\n'
for n in 0 10000 100000; do
	make_file $n
	f=$dir/new-$n.db
	# the two take turns (bench/pair.py), so load falls on both alike
	python3 "$top/bench/pair.py" "$runs" "$n" \
	    "$top/complaint-new -f $f -n 'Ann Berg' -e ann@example.se -r 2026-11-20 Kettle leaks" \
	    "sqlite3 $f \"INSERT INTO cases (received, created, summary, updated) VALUES ('2026-11-20T00:00:00Z', '2026-11-22T10:00:00Z', 'Kettle leaks', '2026-11-22T10:00:00Z')\""
done
