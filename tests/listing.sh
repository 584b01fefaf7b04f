#!/bin/sh
# shellcheck disable=SC2016
# tests/listing.sh: what every listing shares: --status with a list of
# statuses, checked against the table of states; --grep over the
# summary, the description and the statements; a CSV header even when
# nothing matched; show --csv and --json with every section; and option
# errors that name the program, not the path it was run by.
. "$(dirname "$0")/lib.sh"

complaint-new -n 'Åsa Öberg' -s high -r 2026-11-01 \
    -m 'Le café était FROID, deux fois.' Cold coffee </dev/null >/dev/null 2>&1
complaint-new -s critical -r 2026-11-20 Parcel lost </dev/null >/dev/null 2>&1
complaint-new -r 2026-11-21 Kettle leaks </dev/null >/dev/null 2>&1
complaint-new -r 2026-11-21 Kettles lid </dev/null >/dev/null 2>&1
printf 'Le colis était déjà ouvert.\nIt was sent on Friday.\n' |
    complaint-interview -r witness -p Zoé -i eva -w 2026-11-21 2 >/dev/null
complaint-resolve close 3 --cause delivery -m 'Sent a new one' \
    </dev/null >/dev/null 2>&1
complaint-resolve wait 4 </dev/null >/dev/null 2>&1

check '--status takes a list' 0 \
    'complaint-report list --status closed,waiting | cut -f1,3' <<EOF
3	closed
4	waiting
EOF
check '--status open is every status not ended, waiting too' 0 \
    'complaint-report list --status open | cut -f1' <<EOF
1
2
4
EOF
check '--status open,closed mixes both' 0 \
    'complaint-report list --status open,closed | cut -f1' <<EOF
1
2
3
4
EOF
check 'an unknown --status is refused with the valid list' 65 \
    'complaint-report list --status clsoed' </dev/null
check_err 'complaint-report: --status: clsoed is not a status; use open, new, acknowledged, investigating, proposed, agreed, escalated, decided, follow-up, waiting, closed, dismissed, merged, or several joined by commas'
check 'one bad name in a list is refused too' 65 \
    'complaint-report overdue --status new,' </dev/null
check_err 'complaint-report: --status: "" is not a status; use open, new, acknowledged, investigating, proposed, agreed, escalated, decided, follow-up, waiting, closed, dismissed, merged, or several joined by commas'
check 'a status list is checked by --sql too, before any file' 65 \
    'complaint-report -f nowhere.db due --status x --sql' </dev/null
check 'the list is the names from the table, never the text typed' 0 \
    'complaint-report list --status closed,merged --sql | grep -o "c.status IN ([^)]*)"' <<EOF
c.status IN ('closed', 'merged')
EOF
for r in list overdue due repeat causes stats; do
	check "$r checks --status a,b" 65 \
	    "complaint-report $r --status new,nope" </dev/null
done

check '--grep ignores case and accents, in the description' 0 \
    'complaint-report list --grep "cafe etait froid" | cut -f1,6' <<EOF
1	Cold coffee
EOF
check '--grep finds words of the statements' 0 \
    'complaint-report list --grep "DEJA ouvert" | cut -f1' <<EOF
2
EOF
check '--grep finds the summary; every word must be there' 0 \
    'complaint-report list --grep "kettle leaks" | cut -f1' <<EOF
3
EOF
check '--grep matches whole words: kettle is not kettles' 0 \
    'complaint-report list --grep kettle --csv' <<EOF
id,received,status,severity,customer,summary
3,2026-11-21T00:00:00Z,closed,medium,,Kettle leaks
EOF
check '--grep with no match exits 1' 1 'complaint-report list --grep tea' \
    </dev/null
check '--grep with no word to look for is a usage error' 64 \
    'complaint-report list --grep " ,. "' </dev/null
check_err 'complaint-report: --grep: no word to look for; give letters or digits'
check '--grep on overdue' 0 \
    'complaint-report overdue --grep froid | cut -f1,2' <<EOF
1	ack
EOF
check '--grep on due' 0 \
    'complaint-report due -w 7d --grep lost | cut -f1,2' </dev/null
check '--grep with --status, on repeat' 1 \
    'complaint-report repeat --min 1 --grep parcel --status closed' </dev/null
check '--grep on stats counts the matches only' 0 \
    'complaint-report stats --grep parcel | head -2' <<EOF
cases	total	1
status	investigating	1
EOF

check 'an empty CSV listing still has its header' 1 \
    'complaint-report list --status merged --csv' <<EOF
id,received,status,severity,customer,summary
EOF
check 'and so has overdue' 1 \
    'complaint-report overdue --grep nothing --csv' <<EOF
id,kind,due,hours_late,status,severity,customer,summary
EOF
check 'and due, repeat and causes' 1 \
    'complaint-report due --csv-safe --grep x; complaint-report repeat --csv; complaint-report causes --status new --csv' <<EOF
id,kind,due,hours,customer,email,summary
id,customer,name,cases,first,last
cause,cases,share,running
EOF
check 'JSON lines print nothing for no rows' 1 \
    'complaint-report list --status merged --json' </dev/null
check 'text prints nothing for no rows' 1 \
    'complaint-report list --status merged' </dev/null

check 'show --csv: the fields, then every section, one table' 0 \
    'complaint-report show 3 --csv | grep -v -e ^created -e ^updated -e "^[a-z]*\.[0-9]*\.at,"' <<EOF
field,value
case,3
received,2026-11-21T00:00:00Z
status,closed
severity,medium
flags,suspect
summary,Kettle leaks
ack-due,2026-11-22T00:00:00Z
resolve-due,2026-11-28T00:00:00Z
closed,2026-11-22T10:00:00Z
cause,delivery
lesson,Sent a new one
triage.1.flag,suspect
due.1.kind,ack
due.1.due,2026-11-22T00:00:00Z
due.1.state,breached
due.1.hours_late,10
due.2.kind,resolve
due.2.due,2026-11-28T00:00:00Z
due.2.met,2026-11-22T10:00:00Z
due.2.state,met
due.2.stopped_by,closed
timeline.1.actor,tester
timeline.1.action,new
timeline.1.to,new
timeline.2.actor,tester
timeline.2.action,close
timeline.2.from,new
timeline.2.to,closed
timeline.2.note,delivery: Sent a new one
states.1.status,new
states.1.since,2026-11-22T10:00:00Z
states.1.until,2026-11-22T10:00:00Z
states.1.hours,0.0
states.2.status,closed
states.2.since,2026-11-22T10:00:00Z
states.2.hours,0.0
outcome.1.cause,delivery
outcome.1.lesson,Sent a new one
EOF
check 'show --csv has the accounts of a case' 0 \
    'complaint-report show 2 --csv | grep -e ^accounts' <<EOF
accounts.1.account,1
accounts.1.role,witness
accounts.1.party,Zoé
accounts.1.version,1
accounts.1.interviewer,eva
accounts.1.taken,2026-11-21T00:00:00Z
accounts.1.statements,2
EOF
check 'show --json: every section of the dossier is a key' 0 \
    'complaint-report show 2 --json | python3 -c "
import json, sys
d = json.loads(sys.stdin.read())
print(sorted(k for k in d if isinstance(d[k], list)))
print(d[\"accounts\"][0][\"party\"])"' <<EOF
['accounts', 'attachments', 'citations', 'communications', 'customer-details', 'decisions', 'discrepancies', 'due', 'escalations', 'explained', 'fields', 'followups', 'history', 'history-counts', 'outcome', 'proposals', 'states', 'timeline', 'triage', 'witnesses']
Zoé
EOF

for p in complaint-new complaint-interview complaint-compare \
    complaint-resolve complaint-report; do
	check "$p run by its path names itself in option errors" 64 \
	    "$TOP/$p --bogus" </dev/null
	sed -n 1p "$T/.err" >"$T/.err1" && mv "$T/.err1" "$T/.err"
	check_err "$p: unrecognized option '--bogus'"
done
check 'complaint config names itself' 64 \
    "$TOP/complaint config --bogus" </dev/null
sed -n 1p "$T/.err" >"$T/.err1" && mv "$T/.err1" "$T/.err"
check_err "complaint config: unrecognized option '--bogus'"
check 'complaint config rule add names itself' 64 \
    "$TOP/complaint config rule add -x" </dev/null
sed -n 1p "$T/.err" >"$T/.err1" && mv "$T/.err1" "$T/.err"
check_err "complaint config rule: invalid option -- 'x'"
check 'complaint init names itself' 64 "$TOP/complaint init -x" </dev/null
sed -n 1p "$T/.err" >"$T/.err1" && mv "$T/.err1" "$T/.err"
check_err "complaint init: invalid option -- 'x'"
check 'a step of complaint-resolve names the program' 64 \
    "$TOP/complaint-resolve ack --bogus 1" </dev/null
sed -n 1p "$T/.err" >"$T/.err1" && mv "$T/.err1" "$T/.err"
check_err "complaint-resolve: unrecognized option '--bogus'"
