#!/bin/sh
# tests/args.sh: "--" ends the options of every program and every step, so
# an operand may start with a dash (a summary like "-20 degrees", a
# negative amount) and none of them reads past the end of its arguments.
. "$(dirname "$0")/lib.sh"

check 'the front door: complaint -- new' 0 \
    'complaint -- new -r 2026-11-20 Kettle leaks' <<EOF
1
EOF
check 'complaint-new: a summary that starts with a dash' 0 \
    'complaint-new -n "Ann Berg" -e ann@example.se -E Per -r 2026-11-20 -- -20 degrees inside' <<EOF
2
EOF
check_sql 'the summary is kept as given' \
    "SELECT id, summary FROM cases WHERE id = 2" <<EOF
2|-20 degrees inside
EOF
for i in 3 4 5 6 7 8 9 10 11 12 13; do
	complaint-new -n 'Ann Berg' -e ann@example.se -E Per -r 2026-11-20 \
	    "Case $i" </dev/null >/dev/null 2>&1
done
check 'complaint init --' 0 'complaint init --' <<EOF
$COMPLAINT_FILE
EOF
check 'complaint config -- KEY' 0 'complaint config -- currency' <<EOF
EUR
EOF
check 'complaint config rule add -- KIND PATTERN' 0 \
    'complaint config rule add -s high -- legal "ombudsman*"' <<EOF
119
EOF
check 'complaint config rule list --' 0 \
    'complaint config rule list -- | tail -n 1' <<EOF
119	legal		ombudsman*	high	
EOF
check 'complaint config rule rm -- ID' 0 'complaint config rule rm -- 119' \
    </dev/null
check 'complaint-interview -r ROLE -- CASE' 0 \
    'printf "10:00 I served the kettle.\n" | complaint-interview -r employee -- 2' <<EOF
1
EOF
check 'complaint-interview -l -- CASE' 0 \
    'complaint-interview -l -- 2 | cut -f 1,2,3' <<EOF
1	2	employee
EOF
check 'complaint-interview -s -- ACCOUNT' 0 \
    'complaint-interview -s -- 1 | cut -f 1,2' <<EOF
1	10:00
EOF
printf '10:00 The kettle leaked.\n' |
    complaint-interview -r complainant 2 >/dev/null 2>&1
check 'complaint-compare -- CASE' 1 \
    "complaint-compare -- 2 >o; s=\$?; cut -f 1,2 o; exit \$s" <<EOF
~	1:1
EOF
check 'complaint-compare -- ACCOUNT ACCOUNT' 1 \
    "complaint-compare -- 1 2 >o; s=\$?; cut -f 1,2 o; exit \$s" <<EOF
~	1:1
EOF

# complaint-report: each report with "--" before its operands, and after.
for r in list overdue repeat verify; do
	check "complaint-report $r --" 0 \
	    "complaint-report $r -- >/dev/null && complaint-report -- $r >/dev/null" \
	    </dev/null
done
check 'complaint-report stats --' 0 \
    'complaint-report stats -- | head -1 | cut -f 1' <<EOF
cases
EOF
check 'complaint-report show -- CASE' 0 \
    'complaint-report show -- 1 | head -1' <<EOF
case         1
EOF
check 'complaint-report -- show CASE' 0 \
    'complaint-report -- show 1 | head -1' <<EOF
case         1
EOF
for r in due causes; do
	check "complaint-report $r -- (nothing found)" 1 \
	    "complaint-report $r -- || complaint-report -- $r" </dev/null
done
check 'complaint-report log -- CASE' 0 \
    'complaint-report log -- 1 | cut -f 3,4,5' <<EOF
tester	1	new
EOF
check 'complaint-report export --json --' 0 \
    'complaint-report export --json -- | head -n 1 | cut -c 1' <<EOF
{
EOF

# complaint-resolve: each step with "--" among its operands.
check 'resolve -- ack CASE' 0 'complaint-resolve -- ack 1' <<EOF
1	acknowledged
EOF
check 'resolve ack -- CASE' 0 'complaint-resolve ack -m seen -- 3' <<EOF
3	acknowledged
EOF
check 'resolve assign CASE -- WHO' 0 'complaint-resolve assign 1 -- bob' <<EOF
1	acknowledged
EOF
check 'resolve assign -- CASE WHO' 0 \
    'complaint-resolve assign -- 3 -bob-' <<EOF
3	acknowledged
EOF
check_sql 'assignees as given' \
    "SELECT id, assignee FROM cases WHERE id IN (1, 3)" <<EOF
1|bob
3|-bob-
EOF
check 'resolve wait -- CASE' 0 'complaint-resolve wait -m "-" -- 3' <<EOF
3	waiting
EOF
check 'resolve dismiss -- CASE' 0 \
    'complaint-resolve dismiss -m "-- not ours" -- 4' <<EOF
4	dismissed
EOF
check 'resolve merge -- CASE DUPLICATE' 0 'complaint-resolve merge -- 5 6' <<EOF
5	new
6	merged
EOF
check 'resolve propose CASE KIND -- AMOUNT' 0 \
    'complaint-resolve propose 2 -- refund 5' <<EOF
2	proposal 1	refund	5
EOF
check 'a negative amount after -- reaches the amount check' 65 \
    'complaint-resolve propose 2 refund -- -5' </dev/null
check_err 'complaint-resolve: amount: -5 is not an amount (like 49.90, 49.90 EUR or EUR 49.90)'
check 'resolve decline -- CASE' 0 'complaint-resolve decline -- 2' <<EOF
2	proposal 1	declined
EOF
complaint-resolve propose 2 refund 6 >/dev/null 2>&1
check 'resolve counter CASE -- AMOUNT' 0 \
    'complaint-resolve counter 2 -- 7' <<EOF
2	proposal 2	countered
EOF
complaint-resolve propose 2 refund 7 >/dev/null 2>&1
check 'resolve accept -- CASE' 0 'complaint-resolve accept -- 2' <<EOF
2	proposal 3	accepted
EOF
check 'resolve escalate -- CASE' 0 \
    'complaint-resolve escalate -m "-" --ticket T-1 -- 7' <<EOF
7	escalated
EOF
check 'resolve decide -- CASE' 0 \
    'complaint-resolve decide -m why --favour customer --no-evidence -- 7 2>/dev/null' <<EOF
7	decided
EOF
check 'resolve follow-up -- CASE' 0 'complaint-resolve follow-up -- 7' <<EOF
7	follow-up
EOF
check 'resolve follow-up --done -- CASE' 0 \
    'complaint-resolve follow-up --done --satisfied yes -- 7' <<EOF
7	follow-up
EOF
check 'resolve close -- CASE' 0 \
    'complaint-resolve close --cause delivery --new-cause -- 8' <<EOF
8	closed
EOF
check 'resolve reopen -- CASE' 0 'complaint-resolve reopen -m again -- 8' <<EOF
8	investigating
EOF
check 'resolve anonymise -- CUSTOMER' 0 \
    'complaint-resolve anonymise --yes -- ann@example.se' <<EOF
customer 1	anonymised	12 cases
EOF
check 'a step named after -- is still checked' 64 \
    "complaint-resolve -- frobnicate 1 2>o; s=\$?; head -n 2 o; exit \$s" <<EOF
complaint-resolve: no step frobnicate
usage: complaint-resolve [-q] [-f FILE] STEP ARGS...
EOF
