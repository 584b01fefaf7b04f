#!/bin/sh
# tests/verify.sh: complaint-report verify proves the tables from the log:
# recordings re-hashed, a redaction backed by its anonymise entry, a
# redelivery after anonymise still "already case N", old logs as legacy.
. "$(dirname "$0")/lib.sh"

complaint-new -n 'Ann Berg' -e ann@example.se -r 2026-11-20 --ref W-1 \
    Kettle leaks </dev/null >/dev/null 2>&1
complaint-new -n 'Bob Ross' -e bob@example.com -r 2026-11-21 \
    Parcel late </dev/null >/dev/null 2>&1
printf 'take two' >"$T/rec.wav"
echo '10:00 Ann rang about the kettle.' |
    complaint-interview -r employee -p Per --recording "$T/rec.wav" 1 \
    >/dev/null 2>&1
complaint-resolve ack 2 </dev/null >/dev/null

check 'verify: the chain, the rows and the recordings' 0 \
    'complaint-report verify | cut -f1-3' <<EOF
ok	5 entries	0 redacted
ok	153 rows match the log
ok	1 recordings	0 missing
EOF
check 'each entry records the rows its command wrote' 0 \
    "sqlite3 cases.db \"SELECT a.id, a.action, group_concat(json_extract(r.value, '\\\$[0]') || ' ' || json_extract(r.value, '\\\$[1]'), ', ') FROM audit a, json_each(a.rows) r WHERE a.id > 1 GROUP BY a.id\"" <<EOF
2|new|customers 1, cases 1, events 1
3|new|customers 2, cases 2, events 2
4|interview|cases 1, events 3, accounts 1, statements 1, recordings 1
5|ack|cases 2, events 4
EOF
check 'verify -q prints nothing' 0 'complaint-report -q verify' </dev/null
printf 'take 2!!' >"$T/rec.wav"
check 'verify: a changed recording is exit 1' 1 'complaint-report verify' </dev/null
check_err "complaint-report: recording $T/rec.wav of case 1 has changed: it no longer matches its hash
complaint-report: 1 of 1 recordings do not verify"
rm "$T/rec.wav"
check 'verify: a missing recording only warns' 0 \
    'complaint-report verify | cut -f1,2' <<EOF
ok	5 entries
ok	153 rows match the log
ok	1 recordings
EOF
check_err "complaint-report: recording $T/rec.wav of case 1 is missing; not checked"

# anonymise: its entry names each entry it redacts with its hash, so the
# redactions verify; the ref stays as a token (issue 23).
check 'anonymise' 0 'complaint-resolve anonymise ann@example.se --yes' <<EOF
customer 1	anonymised	1 cases
EOF
check_sql 'the anonymise entry names the redacted entries' "
    SELECT json_extract(content, '\$.redacted[0][0]'),
    json_extract(content, '\$.redacted[0][1]') = (SELECT content_hash
    FROM audit WHERE id = 2), json_array_length(content, '\$.redacted')
    FROM audit WHERE action = 'anonymise';
    SELECT ref = 'sha256:' || '$(printf W-1 | sha256sum | cut -c1-64)'
    FROM cases WHERE id = 1" <<EOF
2|1|2
1
EOF
check 'the redactions verify' 0 'complaint-report verify | cut -f1-3' <<EOF
ok	6 entries	2 redacted
ok	153 rows match the log
ok	1 recordings	1 missing
EOF
check 'a redelivery of ref W-1 is still case 1, and records nothing' 0 \
    "complaint-new -n 'Ann Berg' -e ann@example.se -r 2026-11-20 --ref W-1 Kettle leaks" <<EOF
1
EOF
check_err 'complaint-new: ref W-1 is already case 1; nothing recorded'
check_sql 'no new case, no name' "SELECT count(*) FROM cases;
    SELECT count(*) FROM customers WHERE name = 'Ann Berg'" <<EOF
2
0
EOF

# A log of schema 2 written by the old code (the schema without the
# columns of schemas 4 and 5): verify holds its chain,
# says -v that it is legacy (once), and proves no table.
sed -e 's/^	redacted	TEXT,$/	redacted	TEXT/' -e '/^	rows		TEXT$/d' \
    -e 's/ AND new.rows IS old.rows)/)/' \
    -e 's/^	updated		TEXT NOT NULL,$/	updated		TEXT NOT NULL/' \
    -e '/^	settled		TEXT,/d' -e '/^	settled_by	TEXT,$/d' \
    -e '/^	graded		TEXT/d' \
    -e 's/^	flag		TEXT,$/	flag		TEXT/' \
    -e '/^	only_with	TEXT,/d' -e '/^	not_with	TEXT/d' "$TOP/lib/schema.sql" |
    sqlite3 "$T/old.db"
at=2026-01-05T10:00:00Z
content='[{,"seq":1}]'
chash=$(printf '%s' "$content" | sha256sum | cut -c1-64)
chain=$(printf '%s\n1\n%s\ntester\n0\ninterview\n%s\n' \
    0000000000000000000000000000000000000000000000000000000000000000 \
    "$at" "$chash" | sha256sum | cut -c1-64)
sqlite3 "$T/old.db" "PRAGMA application_id = 1131245676;
    PRAGMA user_version = 2; INSERT INTO audit (id, at, actor, action,
    content, content_hash, chain_hash) VALUES (1, '$at', 'tester',
    'interview', '$content', '$chash', '$chain')"
export LEGACY_OK=old.db
check 'an old log verifies and -v calls it legacy once' 0 \
    "complaint-report -f $T/old.db -v verify | cut -f1,2,3" <<EOF
ok	1 entries	0 redacted
legacy	1 entries before rows were recorded	1 not JSON, the first 1
legacy	schema 2: the tables are not proven; a writer upgrades the file
EOF
check 'a reader leaves it at schema 2' 0 \
    "sqlite3 $T/old.db 'PRAGMA user_version'" <<EOF
2
EOF
check 'a writer upgrades it and records its rows once' 0 \
    "complaint-new -f $T/old.db -r 2026-11-20 Lid broken 2>/dev/null &&
    complaint-report -f $T/old.db -v verify | cut -f1,2,3" <<EOF
1
ok	3 entries	0 redacted
ok	43 rows match the log
legacy	1 entries before rows were recorded	1 not JSON, the first 1
EOF

# complaint backup: a copy taken between two commands holds every case
# (cp of the live file can miss what is still only in the -wal file).
check 'backup writes a copy and verifies it' 0 \
    "complaint backup $T/copy.db | sed 's|^$T/||'" <<EOF
copy.db	6 entries	153 rows	verified
EOF
check 'the copy holds every case, 0600, with no -wal beside it' 0 \
    "sqlite3 $T/copy.db 'SELECT count(*) FROM cases' &&
    stat -c %a $T/copy.db && ls $T/copy.db-wal 2>&1 | sed 's/.*: //'" <<EOF
2
600
No such file or directory
EOF
check 'backup to an existing file is refused' 73 "complaint backup $T/copy.db" </dev/null
check_err "complaint: cannot create $T/copy.db: File exists; give a new file"
