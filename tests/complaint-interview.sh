#!/bin/sh
# tests/complaint-interview.sh: recording, listing and showing accounts,
# in English, Indonesian and Swedish.
. "$(dirname "$0")/lib.sh"

complaint-new -n 'Ann Berg' -E Per -r 2026-11-20 Kettle leaks </dev/null >/dev/null
complaint-new -n 'Budi Santoso' -E Sari Paket terlambat </dev/null >/dev/null
complaint-new -n 'Åsa Lind' Trasig lampa </dev/null >/dev/null
printf 'audio' >"$T/call.ogg"

check 'the complainant before any employee needs a reason' 65 \
    "echo 'It leaked.' | complaint-interview -r complainant 1" </dev/null
check_err 'complaint-interview: case 1: no employee has been heard; the procedure hears the employee involved first: give --reason to hear the complainant first'
check_sql 'and nothing is recorded' 'SELECT count(*) FROM accounts;
    SELECT status FROM cases WHERE id = 1' <<EOF
0
new
EOF
check 'with a reason the complainant is heard first, and it is marked' 0 \
    "printf '09:05 The assistant unpacked the kettle.\n\n# a note\n2:40 pm It leaked on the counter.\nThen I called.\n' |
    complaint-interview -r complainant --recording $T/call.ogg --reason 'Per is on leave until Monday' 1" <<EOF
1
EOF
check_sql 'the mark on the timeline and in the log' "SELECT note FROM events
    WHERE action = 'interview'; SELECT json_extract(content,
    '\$.heard_first') || ': ' || json_extract(content, '\$.reason')
    FROM audit WHERE action = 'interview'" <<EOF
heard first: complainant — Per is on leave until Monday
complainant: Per is on leave until Monday
EOF
check 'the dossier shows it' 0 \
    'complaint-report show 1 | grep -c "interview	new	investigating	heard first: complainant — Per is on leave until Monday"' <<EOF
1
EOF
check_sql 'the account, its statements with their times, the recording' "
    SELECT id, case_id, role, party, version, interviewer, taken FROM accounts;
    SELECT seq, at, text FROM statements WHERE account = 1;
    SELECT path = '$T/call.ogg', size, sha256 FROM recordings" <<EOF
1|1|complainant|Ann Berg|1|tester|2026-11-22T10:00:00Z
1|09:05|The assistant unpacked the kettle.
2|14:40|It leaked on the counter.
3||Then I called.
1|5|6ed8919ce20490a5e3ad8630a4fab69475297abd07db73918dd5f36fcfaeb11b
EOF
check_sql 'the case is investigating; the log holds it all' "
    SELECT status FROM cases WHERE id = 1;
    SELECT action, status_from, status_to FROM events WHERE action = 'interview'" <<EOF
investigating
interview|new|investigating
EOF
check 'the employee: party from the case, by phone, a time given' 0 \
    "printf '09:05 I unpacked the kettle.\n09:10 It did not leak.\n' |
    complaint-interview -r employee --medium phone -w 2026-11-21T09:00Z 1" <<EOF
2
EOF
check 'a retelling is the next version' 0 \
    "echo '09:05 I unpacked it.' | complaint-interview -r employee -i Eva 1" <<EOF
3
EOF
check 'list the accounts' 0 'complaint-interview -l 1' <<EOF
1	1	complainant	Ann Berg	1	2026-11-22T10:00:00Z		3	1
2	1	employee	Per	1	2026-11-21T09:00:00Z	phone	2	0
3	1	employee	Per	2	2026-11-22T10:00:00Z		1	0
EOF
check 'show one' 0 'complaint-interview -s 2' <<EOF
1	09:05	I unpacked the kettle.
2	09:10	It did not leak.
EOF
check 'Indonesian' 0 "printf '10:00 Saya menunggu paket.\n20/11 15:00 Kurir tidak datang.\n' |
    complaint-interview -r complainant --reason 'Sari sakit' 2 && complaint-interview -s 4" <<EOF
4
1	10:00	Saya menunggu paket.
2	2026-11-20T15:00	Kurir tidak datang.
EOF
check 'Swedish, as CSV' 0 "printf 'time,statement\n14:05,\"Lampan gick sönder, direkt.\"\n,Jag ringde butiken.\n' |
    complaint-interview --csv -r complainant -p 'Åsa Lind' --reason 'ingen anställd inblandad' 3 &&
    complaint-interview --csv -s 5" <<EOF
5
statement,at,text
1,14:05,"Lampan gick sönder, direkt."
2,,Jag ringde butiken.
EOF

mkdir -p "$T/sub"
check 'a recording path with .. is stored resolved and absolute' 0 \
    "echo x | complaint-interview -r witness -p Eva --recording sub/../call.ogg 2 &&
    sqlite3 cases.db \"SELECT path = '$T/call.ogg' FROM recordings ORDER BY id DESC LIMIT 1\"" <<EOF
6
1
EOF
sqlite3 "$COMPLAINT_FILE" .dump >"$T/before"
check 'an empty account is 65' 65 "printf '# nothing\n\n' | complaint-interview -r employee 1" </dev/null
check_err 'complaint-interview: the account is empty: give the statements, one a line, in the order things happened'
check 'an unknown role is 64' 64 "echo x | complaint-interview -r boss 1" </dev/null
check_err 'complaint-interview: role boss: give employee, complainant or witness'
check 'a witness needs a name' 64 "echo x | complaint-interview -r witness 1" </dev/null
check 'a case without an employee needs -p' 64 "echo x | complaint-interview -r employee 3" </dev/null
check_err 'complaint-interview: case 3 names no employee; give the party with -p'
check 'a missing recording is 66' 66 \
    "echo x | complaint-interview -r employee --recording $T/none.ogg 1" </dev/null
check 'a missing case is 66' 66 "echo x | complaint-interview -r employee -p X 9" </dev/null
check 'a missing account is 66' 66 'complaint-interview -s 99' </dev/null
check_err 'complaint-interview: no account 99'
check 'a bad medium is 64' 64 "echo x | complaint-interview -r employee --medium fax 1" </dev/null
sqlite3 "$COMPLAINT_FILE" .dump >"$T/after"
if cmp -s "$T/before" "$T/after"; then
	echo "ok - the failed accounts changed nothing"
else
	echo "not ok - the failed accounts changed nothing"
fi
complaint-resolve close 1 --cause other </dev/null >/dev/null
check 'a closed case takes no account' 65 "echo x | complaint-interview -r employee 1" </dev/null
check_err 'complaint-interview: case 1 is closed; reopen it first'
check 'verify re-hashes the recording' 0 'complaint-report verify | cut -f1,2' <<EOF
ok	11 entries
ok	177 rows match the log
ok	2 recordings
EOF
export TAMPERED=cases.db
printf 'tampered' >"$T/call.ogg"
check 'a changed recording fails verify' 1 'complaint-report -q verify' </dev/null
