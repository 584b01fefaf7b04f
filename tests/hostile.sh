#!/bin/sh
# tests/hostile.sh: a case file in trouble (full disk, no permission,
# damaged, a planted symbolic link) and hostile input: each gives a clear
# message and its exit code, and nothing is half-written.
. "$(dirname "$0")/lib.sh"

complaint init >/dev/null
complaint-new -r 2026-11-01 First </dev/null >/dev/null
head -c 400000 /dev/zero | tr '\0' 'x' >"$T/big.txt"
size=$(($(stat -c %s "$COMPLAINT_FILE") / 1024 + 8))
check 'a file size limit during a write is 74' 74 \
    "ulimit -f $size; complaint-new Big <$T/big.txt" </dev/null
check_err "complaint-new: cannot write $T/cases.db: the disk is full, a file size limit was reached, or the disk failed; nothing was changed"
check_sql 'and the case file is as it was' \
    'SELECT count(*) FROM cases; PRAGMA integrity_check' <<EOF
1
ok
EOF
check 'and its log verifies' 0 'complaint-report verify | cut -f1,2' <<EOF
ok	2 entries
ok	144 rows match the log
EOF

check 'SQL in every field is stored as text' 0 "complaint-new \
    -n \"Robert'); DROP TABLE cases;--\" -p \"x' OR '1'='1\" \
    -o '\"; DELETE FROM audit; --' -m \"'); DROP TABLE audit;--\" \
    \"Bobby's tables\"" <<EOF
2
EOF
check_sql 'verbatim' "SELECT u.name, c.product, c.order_ref, c.description
    FROM cases c JOIN customers u ON u.id = c.customer WHERE c.id = 2" <<EOF
Robert'); DROP TABLE cases;--|x' OR '1'='1|"; DELETE FROM audit; --|'); DROP TABLE audit;--
EOF
long=$(head -c 1100 /dev/zero | tr '\0' 'a')
check 'an overlong summary is 65' 65 "complaint-new $long" </dev/null
check_err 'complaint-new: summary is longer than 1024 bytes'
check 'a NUL byte in a description is 65' 65 \
    "printf 'a\\000b' | complaint-new Nul" </dev/null
check_err 'complaint-new: description on standard input holds a NUL byte'
check_sql 'none of them wrote anything' 'SELECT count(*) FROM cases' <<EOF
2
EOF

cp "$COMPLAINT_FILE" "$T/cut.db"
truncate -s 40000 "$T/cut.db"
check 'a truncated case file is 65' 65 "complaint-report -f $T/cut.db list" </dev/null
check_err "complaint-report: $T/cut.db is not a case file or is damaged (database disk image is malformed)"
: >"$T/empty.db"
check 'an empty file is no case file to a reader' 66 \
    "complaint-report -f $T/empty.db list" </dev/null

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	skip 'permissions as another user' 'needs root and setpriv'
	exit 0
fi
# As root, permissions do not stop us: play the part of nobody.
chmod 755 "$T"
mkdir "$T/ro"
complaint init -f "$T/ro/cases.db" >/dev/null
chown -R 65534:65534 "$T/ro"
chmod 400 "$T/ro/cases.db"
check 'a read-only case file: a writer gets 73' 73 \
    "setpriv --reuid=65534 --regid=65534 --clear-groups \
    $TOP/complaint-new -f $T/ro/cases.db Parcel" </dev/null
check_err "complaint-new: cannot write $T/ro/cases.db: attempt to write a readonly database; check the permissions of the file and its folder"
check 'a read-only case file: a reader still reads' 1 \
    "setpriv --reuid=65534 --regid=65534 --clear-groups \
    $TOP/complaint-report -f $T/ro/cases.db list" </dev/null
chmod 600 "$T/ro/cases.db"
chmod 555 "$T/ro"
check 'a folder without write permission: 73' 73 \
    "setpriv --reuid=65534 --regid=65534 --clear-groups \
    $TOP/complaint-new -f $T/ro/new.db Parcel" </dev/null
check_err "complaint-new: cannot create $T/ro/new.db: Permission denied"
if [ -e "$T/ro/new.db" ]; then
	echo "not ok - no file was left behind"
else
	echo "ok - no file was left behind"
fi
chmod 755 "$T/ro"

mkdir "$T/trap"
complaint init -f "$T/victim.db" >/dev/null
ln -s "$T/victim.db" "$T/trap/cases.db"
chown -h 65534:65534 "$T/trap/cases.db"
check 'a symbolic link owned by another user is refused' 77 \
    "complaint-new -f $T/trap/cases.db Parcel" </dev/null
check_err "complaint-new: $T/trap/cases.db is a symbolic link owned by another user; refusing to follow it"
check 'and the file it points at is untouched' 0 \
    "sqlite3 $T/victim.db 'SELECT count(*) FROM cases'" <<EOF
0
EOF

# Spreadsheet formulas in what customers wrote: plain --csv keeps the text
# exactly (CSV is data); --csv-safe puts an apostrophe before a text cell
# that starts with = + - @ tab or CR, so a spreadsheet shows it as text.
rm -f "$COMPLAINT_FILE"
complaint-new -n '=HYPERLINK("http://evil.example/?x","click")' \
    -e f@example.com -- '-2+3' </dev/null >/dev/null 2>&1
check '--csv keeps a formula as it was written' 0 \
    'complaint-report list --csv | cut -d, -f1,4-' <<EOF
id,severity,customer,summary
1,medium,"=HYPERLINK(""http://evil.example/?x"",""click"")",-2+3
EOF
check '--csv-safe defuses it; numbers stay numbers' 0 \
    'complaint-report list --csv-safe | cut -d, -f1,4-' <<EOF
id,severity,customer,summary
1,medium,"'=HYPERLINK(""http://evil.example/?x"",""click"")",'-2+3
EOF
check '--csv-safe in the dossier too' 0 \
    'complaint-report show 1 --csv-safe | grep ^name' <<EOF
name,"'=HYPERLINK(""http://evil.example/?x"",""click"")"
EOF

# One field of 100 MB: a bad record with the limit named, the next record
# imports, and the reader keeps to constant memory (5.5 MB peak RSS).
python3 -c 'import sys; sys.stdout.write("summary,description\nbig,\"" + "x" * (100 << 20) + "\"\nsmall,ok\n")' >"$T/big.csv"
check 'a 100 MB field is a bad record; the next one imports' 65 \
    'complaint-new --csv <big.csv' <<EOF
line,id,status,severity,flags
3,2,new,medium,suspect
EOF
check_err 'complaint-new: line 2: column description is longer than 1048576 bytes
complaint-new: 1 bad record skipped; 1 imported'
rm -f "$T/big.csv"
