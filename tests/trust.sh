#!/bin/sh
# tests/trust.sh: a case file (or its folder) owned by another user is
# read but never written, and its hooks never run, unless COMPLAINT_TRUST
# names it; a read-only case file in a folder nobody may write is read and
# verified.  Needs root, to make files of another user (nobody).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! id nobody >/dev/null 2>&1; then
	skip 'a case file of another user' 'needs root and a user nobody'
	exit 0
fi
R=$(cd "$T" && pwd -P)

# A file planted by nobody, whose hook would run as whoever opens it.
complaint-new -f "$T/theirs.db" -e ann@example.com Kettle leaks \
    </dev/null >/dev/null 2>&1
complaint config -f "$T/theirs.db" hook.pre-new "touch $T/ran" >/dev/null
complaint config -f "$T/theirs.db" hook.new "touch $T/ran" >/dev/null
complaint config -f "$T/theirs.db" escalate.hook "touch $T/ran" >/dev/null
chown nobody "$T"/theirs.db*
check 'a writer refuses a case file of another user' 77 \
    "complaint-new -f $T/theirs.db -e bo@example.com Tap drips" </dev/null
check_err "complaint-new: $T/theirs.db is owned by nobody, not by you (root): it is not written and its hooks are not run; if you trust it, set COMPLAINT_TRUST=$R/theirs.db"
check 'so is every step' 77 \
    "complaint-resolve -f $T/theirs.db escalate 1 -m court" </dev/null
check_err "complaint-resolve: $T/theirs.db is owned by nobody, not by you (root): it is not written and its hooks are not run; if you trust it, set COMPLAINT_TRUST=$R/theirs.db"
check 'and a setting' 77 \
    "complaint config -f $T/theirs.db hook.new true" </dev/null
check 'and due --mark --exec' 77 \
    "complaint-report -f $T/theirs.db due -w 30d --mark --exec 'touch $T/ran'" \
    </dev/null
check 'no hook ran, nothing was written' 0 \
    "test ! -e $T/ran && sqlite3 $T/theirs.db 'SELECT count(*) FROM cases;
    SELECT count(*) FROM escalations; SELECT count(*) FROM reminders'" <<EOF
1
0
0
EOF
check 'a reader reads it' 0 \
    "complaint-report -f $T/theirs.db list | cut -f 1,3,6" <<EOF
1	new	Kettle leaks
EOF
check 'and verifies it' 0 \
    "complaint-report -f $T/theirs.db verify | cut -f 1,2" <<EOF
ok	5 entries
ok	148 rows match the log
EOF
check 'trusted by name, it is written and its hooks run' 0 \
    "COMPLAINT_TRUST=/nowhere:$T/theirs.db complaint-new -f $T/theirs.db \
    -e bo@example.com Tap drips 2>/dev/null && test -e $T/ran" <<EOF
2
EOF
rm -f "$T/ran"
check 'by its folder' 0 \
    "COMPLAINT_TRUST=$T complaint-resolve -f $T/theirs.db escalate 1 \
    -m court && test -e $T/ran" <<EOF
1	escalated
EOF
check 'or by *' 0 \
    "COMPLAINT_TRUST='*' complaint-resolve -f $T/theirs.db assign 1 bo" <<EOF
1	escalated
EOF
check_sql 'each step was written' \
    "ATTACH '$T/theirs.db' AS t; SELECT count(*), max(assignee)
    FROM t.cases" <<EOF
2|bo
EOF

# A folder another user owns may have its files swapped under us.
mkdir "$T/shared"
complaint init -f "$T/shared/cases.db" >/dev/null
chown nobody "$T/shared"
check 'a writer refuses a case file in a folder of another user' 77 \
    "complaint-new -f $T/shared/cases.db -e bo@example.com Tap drips" \
    </dev/null
check_err "complaint-new: the folder of $T/shared/cases.db is owned by nobody, not by you (root): it is not written and its hooks are not run; if you trust it, set COMPLAINT_TRUST=$R/shared/cases.db"

# A read-only copy in a folder its reader cannot write, without a -wal
# beside it: SQLite would need to create the -shm file there.
mkdir "$T/ro"
complaint-new -f "$T/ro/cases.db" -e ann@example.com Kettle leaks \
    </dev/null >/dev/null 2>&1
sqlite3 "$T/ro/cases.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$T/ro/cases.db-wal" "$T/ro/cases.db-shm"
chmod 711 "$T"
chmod 755 "$T/ro"
chmod 444 "$T/ro/cases.db"
AS_NOBODY="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
if ! $AS_NOBODY test -x "$TOP/complaint-report"; then
	skip 'a read-only case file' "nobody cannot run $TOP/complaint-report"
	exit 0
fi
check 'a read-only case file in a read-only folder is listed' 0 \
    "$AS_NOBODY complaint-report -f $T/ro/cases.db list | cut -f 1,3,6" <<EOF
1	new	Kettle leaks
EOF
check 'shown' 0 \
    "$AS_NOBODY complaint-report -f $T/ro/cases.db show 1 | sed -n 3p" <<EOF
status       new
EOF
check 'and verified' 0 \
    "$AS_NOBODY complaint-report -f $T/ro/cases.db verify | cut -f 1,2" <<EOF
ok	2 entries
ok	145 rows match the log
EOF
check 'and nothing was made beside it' 0 "ls $T/ro" <<EOF
cases.db
EOF
check 'a writer is refused there' 73 \
    "$AS_NOBODY complaint-new -f $T/ro/cases.db -e bo@example.com Tap drips" \
    </dev/null

# An import killed once it wrote pages in place leaves its journal; in a
# folder the reader cannot write, the reader must not read those pages
# (immutable would): it says who can take the import back, and once the
# owner's next command has, it reads the file as before the import.
mkdir "$T/hot"
chmod 755 "$T/hot"
complaint-new -f "$T/hot/cases.db" -r 2026-10-01 Before >/dev/null 2>&1
awk 'BEGIN { d = ""; for (i = 0; i < 1000; i++) d = d "parcel late "
	print "email,received,summary,description"
	for (i = 0; i < 2000; i++)
		printf "w%d@example.com,2026-11-01,Parcel %d late,%s\n", i, i, d }' \
    >"$T/big.csv"
complaint-new -f "$T/hot/cases.db" --csv <"$T/big.csv" >/dev/null 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null &&
    [ "$(wc -c <"$T/hot/cases.db")" -lt 20000000 ]; do
	sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
chmod 644 "$T/hot/cases.db" "$T/hot/cases.db-journal"
check 'a reader that cannot take back a killed import says who can' 75 \
    "$AS_NOBODY complaint-report -f $T/hot/cases.db list" </dev/null
check_err "complaint-report: $T/hot/cases.db holds the journal of an import that was stopped; the next command that writes it takes the import back (its owner can run complaint init -f $T/hot/cases.db)"
check 'once the owner has, it reads the file as before the import' 0 \
    "complaint init -f $T/hot/cases.db >/dev/null &&
    $AS_NOBODY complaint-report -f $T/hot/cases.db list | cut -f 1,6" <<EOF
1	Before
EOF
