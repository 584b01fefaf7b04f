#!/bin/sh
# tests/slice.sh: the first end-to-end slice: record with complaint-new,
# read back with complaint-report list, show, log and verify.
. "$(dirname "$0")/lib.sh"

check 'a reader of a missing case file is 66' 66 'complaint-report list' </dev/null
check_err "complaint-report: no case file at $T/cases.db; record a complaint with complaint-new or run complaint init"
if [ -e "$T/cases.db" ]; then
	echo "not ok - the reader created no file"
else
	echo "ok - the reader created no file"
fi

complaint-new -n 'Ann Berg' -e ann@example.se -r 2026-11-01 Kettle leaks \
    </dev/null >/dev/null
printf 'Evil \033[31mred\033[0m\tand\nmore\n' |
    complaint-new -n "$(printf 'Bob\342\200\256 Ross')" -r 2026-11-05 \
    'Tab, "quoted"' >/dev/null
complaint-new -e ann@example.se -r 2026-11-10 Lid broken </dev/null >/dev/null

check 'list: one line per case, by id' 0 'complaint-report' <<EOF
1	2026-11-01T00:00:00Z	new	medium	Ann Berg	Kettle leaks
2	2026-11-05T00:00:00Z	new	medium	Bob\\u202E Ross	Tab, "quoted"
3	2026-11-10T00:00:00Z	new	medium	Ann Berg	Lid broken
EOF
check 'list --csv has a header and quotes what needs it' 0 \
    'complaint-report list --csv' <<EOF
id,received,status,severity,customer,summary
1,2026-11-01T00:00:00Z,new,medium,Ann Berg,Kettle leaks
2,2026-11-05T00:00:00Z,new,medium,Bob‮ Ross,"Tab, ""quoted"""
3,2026-11-10T00:00:00Z,new,medium,Ann Berg,Lid broken
EOF
check 'the CSV round-trips through a strict parser' 0 \
    'complaint-report --csv | python3 -c "
import csv, sys
rows = list(csv.reader(sys.stdin, strict=True))
print(len(rows), rows[2][5] == \"Tab, \\\"quoted\\\"\")"' <<EOF
4 True
EOF
check 'filters: --customer and --since' 0 \
    'complaint-report list --customer ANN@example.se --since 2026-11-05' <<EOF
3	2026-11-10T00:00:00Z	new	medium	Ann Berg	Lid broken
EOF
check '--until a date takes the whole day' 0 \
    'complaint-report list --until 2026-11-05' <<EOF
1	2026-11-01T00:00:00Z	new	medium	Ann Berg	Kettle leaks
2	2026-11-05T00:00:00Z	new	medium	Bob\\u202E Ross	Tab, "quoted"
EOF
check 'nothing matched is exit 1 and no output' 1 \
    'complaint-report list --status closed' </dev/null
check '-q prints nothing, exit 0 on a match' 0 'complaint-report -q list' </dev/null
check '--limit' 0 'complaint-report list --limit 1 --status new' <<EOF
1	2026-11-01T00:00:00Z	new	medium	Ann Berg	Kettle leaks
EOF
check 'a bad --since is 65' 65 'complaint-report list --since soon' </dev/null
check_err 'complaint-report: --since: soon is not a time (use ISO 8601 like 2026-11-22 or 2026-11-22T17:41Z, now, today, yesterday, tomorrow, a weekday, or -3d, +7d, 24h)'
check 'an unknown report is 64' 64 'complaint-report lust' </dev/null

check 'show: the dossier escapes terminal controls' 0 'complaint-report show 2' <<EOF
case         2
received     2026-11-05T00:00:00Z
status       new
severity     medium
customer     2
name         Bob\\u202E Ross
summary      Tab, "quoted"
description  Evil \\033[31mred\\033[0m\\tand\\nmore
ack-due      2026-11-06T00:00:00Z
resolve-due  2026-11-12T00:00:00Z
created      2026-11-22T10:00:00Z
updated      2026-11-22T10:00:00Z

customer-details
2	Bob\\u202E Ross				2026-11-22T10:00:00Z	

due
ack	2026-11-06T00:00:00Z		breached	394	
resolve	2026-11-12T00:00:00Z		breached	250	

timeline
2026-11-22T10:00:00Z	tester	new		new	

states
new	2026-11-22T10:00:00Z		0.0
EOF
check 'show takes ids from standard input' 0 \
    'complaint-report list --customer 1 | complaint-report show - | grep -c ^case' <<EOF
2
EOF
check 'show --json is one object per case' 0 \
    'complaint-report show 1 --json' <<EOF
{"case":1,"received":"2026-11-01T00:00:00Z","status":"new","severity":"medium","customer":1,"name":"Ann Berg","email":"ann@example.se","summary":"Kettle leaks","ack-due":"2026-11-02T00:00:00Z","resolve-due":"2026-11-08T00:00:00Z","created":"2026-11-22T10:00:00Z","updated":"2026-11-22T10:00:00Z","customer-details":[{"customer":1,"name":"Ann Berg","email":"ann@example.se","created":"2026-11-22T10:00:00Z"}],"fields":[],"attachments":[],"triage":[],"due":[{"kind":"ack","due":"2026-11-02T00:00:00Z","state":"breached","hours_late":490},{"kind":"resolve","due":"2026-11-08T00:00:00Z","state":"breached","hours_late":346}],"timeline":[{"at":"2026-11-22T10:00:00Z","actor":"tester","action":"new","to":"new"}],"states":[{"status":"new","since":"2026-11-22T10:00:00Z","hours":0.0}],"communications":[],"accounts":[],"witnesses":[],"discrepancies":[],"explained":[],"proposals":[],"escalations":[],"decisions":[],"citations":[],"followups":[],"outcome":[],"history-counts":[{"status":"new","cases":1},{"status":"all","cases":1}],"history":[{"case":3,"received":"2026-11-10T00:00:00Z","status":"new","summary":"Lid broken"}]}
EOF
check 'show of a missing case is 66 and prints nothing' 66 \
    'complaint-report show 1 9' </dev/null
check_err 'complaint-report: no case 9 in cases.db'
check 'show of a bad id from stdin is 65' 65 \
    'printf "1\nx\n" | complaint-report show -' </dev/null
check_err 'complaint-report: standard input, line 2: not a case id'

check 'log of one case' 0 'complaint-report log 3' <<EOF
4	2026-11-22T10:00:00Z	tester	3	new	{"case":3,"customer":1,"email":"ann@example.se","received":"2026-11-10T00:00:00Z","severity":"medium","summary":"Lid broken","triage":{"severity":"medium","rules":[],"ack_due":"2026-11-11T00:00:00Z","resolve_due":"2026-11-17T00:00:00Z"}}
EOF
check 'log --json lines parse' 0 'complaint-report log --json | python3 -c "
import json, sys
print([json.loads(l)[\"entry\"] for l in sys.stdin])"' <<EOF
[1, 2, 3, 4]
EOF
check 'verify an intact log' 0 'complaint-report verify | cut -f1-3' <<EOF
ok	4 entries	0 redacted
ok	150 rows match the log
EOF

# Tamper behind the tool's back: drop the trigger, change a summary.
sqlite3 "$COMPLAINT_FILE" "DROP TRIGGER audit_no_update;
    UPDATE audit SET content = replace(content, 'Lid', 'Lip') WHERE id = 4"
export TAMPERED=cases.db
check 'verify finds the altered entry' 1 'complaint-report verify' </dev/null
check_err 'complaint-report: audit entry 4: its content does not match its hash'
sqlite3 "$COMPLAINT_FILE" "UPDATE audit SET content = replace(content, 'Lip',
    'Lid'), at = '2026-11-23T00:00:00Z' WHERE id = 2 OR id = 4"
check 'verify finds an altered time through the chain' 1 \
    'complaint-report -q verify' </dev/null
check_err 'complaint-report: audit entry 2: the chain is broken (the entry or one before it was altered)'
