#!/bin/sh
# tests/casefile.sh: where the case file is, how it is made, what guards
# it (busy timeout, schema version, foreign files), and the front door.
. "$(dirname "$0")/lib.sh"

unset COMPLAINT_FILE
check 'without -f or COMPLAINT_FILE the file is under XDG' 0 \
    'complaint init' <<EOF
$HOME/.local/share/complaint/cases.db
EOF
check 'XDG_DATA_HOME is honoured' 0 \
    "XDG_DATA_HOME=$T/xdg complaint-new Parcel late" <<EOF
1
EOF
check 'modes: file 0600, folder 0700, whatever the umask' 0 "
    umask 000; complaint-new -f $T/u/v/c.db Parcel >/dev/null &&
    stat -c '%a %n' $T/u/v/c.db $T/u/v $T/xdg/complaint/cases.db" <<EOF
600 $T/u/v/c.db
700 $T/u/v
600 $T/xdg/complaint/cases.db
EOF
COMPLAINT_FILE=$T/cases.db
export COMPLAINT_FILE

check 'init prints the path and creates the schema' 0 'complaint init' <<EOF
$T/cases.db
EOF
check_sql 'schema version, application id, WAL' \
    'PRAGMA user_version; PRAGMA application_id; PRAGMA journal_mode' <<EOF
9
1131245676
wal
EOF
check_sql 'settings have their defaults' \
    "SELECT value FROM settings WHERE key IN ('busy.timeout', 'currency')
    ORDER BY key" <<EOF
5000
EUR
EOF

# A writer held by another process: the second waits, then exits 75.
# (The setting is changed behind the tools' back: verify would say so.
# v1.db and v2.db below are old schemas made by dropping columns from a
# new file, whose chain was hashed with the rows column: no chain holds.)
export TAMPERED="cases.db newer.db v1.db v2.db"
sqlite3 "$COMPLAINT_FILE" "UPDATE settings SET value = '300'
    WHERE key = 'busy.timeout'"
(printf 'BEGIN IMMEDIATE;\n'; sleep 2; printf 'COMMIT;\n') |
    sqlite3 "$COMPLAINT_FILE" &
sleep 0.5
check 'a case file busy past the timeout is 75' 75 'complaint-new Parcel' </dev/null
check_err "complaint-new: case file $T/cases.db is busy (another command holds it); try again"
wait
check 'after the other writer is done it works' 0 'complaint-new Parcel' <<EOF
1
EOF

cp "$COMPLAINT_FILE" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 10'
check 'a newer schema is refused' 65 "complaint-report -f $T/newer.db" </dev/null
check_err "complaint-report: $T/newer.db has schema 10, newer than this complaint 0.1.0 knows (9); upgrade complaint"
# A case file of schema 1 (before attachments, the working week and the
# default rules) is migrated forward by a writer and keeps its cases.
sqlite3 "$COMPLAINT_FILE" ".backup '$T/v1.db'"
sqlite3 "$T/v1.db" "$TO_SCHEMA2 DROP TABLE attachments; DELETE FROM rules;
    DELETE FROM settings WHERE key IN ('sla.week', 'sla.holidays');
    PRAGMA user_version = 1"
check 'a reader never migrates a schema 1 file' 65 \
    "complaint-report -f $T/v1.db list" </dev/null
check_err "complaint-report: $T/v1.db has schema 1, older than this complaint reads; a writer migrates it: run complaint init -f $T/v1.db"
check 'so it is still schema 1' 0 "sqlite3 $T/v1.db 'PRAGMA user_version'" <<EOF
1
EOF
check 'a schema 1 file is migrated by a writer' 0 \
    "complaint-new -f $T/v1.db -e x@example.com I was injured" <<EOF
2
EOF
check 'the migrated file has schema 9, the rules and the settings' 0 \
    "sqlite3 $T/v1.db 'PRAGMA user_version; SELECT count(*) > 90 FROM rules;
    SELECT count(*) FROM settings WHERE key GLOB \"sla.[wh]*\";
    SELECT count(*) FROM attachments; SELECT flags FROM cases WHERE id = 2'" <<EOF
9
1
2
0
safety
EOF
# Schema 2 to 7 (phones, remedies, the rows of the log, the conversation,
# the explanations):
# the columns of the resolve clock and grading.
sqlite3 "$COMPLAINT_FILE" ".backup '$T/v2.db'"
sqlite3 "$T/v2.db" "$TO_SCHEMA2 $TO_SCHEMA2_ATTACHMENTS
    DELETE FROM rules WHERE pattern IN ('police', 'polisi', 'arn');
    PRAGMA user_version = 2"
check 'a schema 2 file gets the remedies step' 0 \
    "complaint-resolve -f $T/v2.db ack 1 >/dev/null &&
    sqlite3 $T/v2.db 'PRAGMA user_version;
    SELECT id, settled, settled_by, graded FROM cases WHERE id = 1;
    SELECT pattern FROM rules WHERE pattern IN (\"police\", \"polisi\", \"arn\")
    ORDER BY pattern;
    SELECT pattern, not_with IS NOT NULL FROM rules WHERE kind = \"safety\"
    AND pattern GLOB \"skadad*\"'" <<EOF
9
1|||
arn
police
polisi
skadad*|1
skadade|1
EOF
printf 'not a database\n' >"$T/text.db"
check 'a file that is not SQLite is 65' 65 "complaint-new -f $T/text.db x" </dev/null
check_err "complaint-new: $T/text.db is not a case file or is damaged (file is not a database)"
sqlite3 "$T/other.db" 'CREATE TABLE t (x)'
check 'an SQLite file of another program is 65' 65 \
    "complaint-new -f $T/other.db x" </dev/null
check_err "complaint-new: $T/other.db is an SQLite database but not a case file"
check 'and it is left alone' 0 \
    "sqlite3 $T/other.db 'SELECT count(*) FROM sqlite_schema'" <<EOF
1
EOF
ln -s cases.db "$T/link.db"
check 'a symbolic link of our own is followed' 0 \
    "complaint-new -f $T/link.db Via link" <<EOF
2
EOF
mkdir "$T/dir.db"
check 'a folder is not a case file' 65 "complaint-report -f $T/dir.db" </dev/null

check 'the front door runs the tool beside it' 0 \
    "$TOP/complaint new -r 2026-11-20 Kettle" <<EOF
3
EOF
check 'and with a bare name from PATH' 0 'complaint report list --limit 1' <<EOF
1	2026-11-22T10:00:00Z	new	medium		Parcel
EOF
check 'help lists the commands' 0 'complaint help | head -4' <<EOF
usage: complaint COMMAND [ARGS...]
       complaint init [-f FILE]
       complaint config [-f FILE] [--list | KEY [VALUE] | --unset KEY]
       complaint config [-f FILE] rule add [-l LANG] [-s SEVERITY] [-F FLAG] KIND PATTERN
EOF
check 'help COMMAND prints its usage' 0 'complaint help new | head -1' <<EOF
usage: complaint-new [-f FILE] [-n NAME] [-e EMAIL] [--phone NUM] [-c CHANNEL]
EOF
check 'an unknown command is 64' 64 'complaint frobnicate' </dev/null
check_err 'complaint: no command frobnicate (complaint-frobnicate is not in the folder of complaint or on PATH); see complaint help'
check 'no command is 64' 64 'complaint' </dev/null
check 'version' 0 'complaint --version' <<EOF
complaint 0.1.0
EOF
