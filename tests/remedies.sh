#!/bin/sh
# shellcheck disable=SC2016
# tests/remedies.sh: several remedies on one case, expiry, the clocks a
# settlement and a follow-up keep, corrections, and the history a reopen
# keeps, on three disputes (English, Indonesian, Swedish).
. "$(dirname "$0")/lib.sh"

complaint-new -n 'Ann Berg' -e ann@example.com -r 2026-11-20 \
    Kettle leaks over the counter </dev/null >/dev/null 2>&1
complaint-new -n 'Budi Santoso' -e budi@example.id -r 2026-11-20 \
    Paket rusak saat diterima </dev/null >/dev/null 2>&1
complaint-new -n 'Sara Lund' -e sara@example.se -r 2026-11-20 \
    Fel storlek levererad </dev/null >/dev/null 2>&1
complaint-resolve ack 1 2 3 >/dev/null

# 1. The offer ledger holds several remedies.
check 'propose a refund' 0 'complaint-resolve propose 1 refund 50' <<EOF
1	proposal 1	refund	50
EOF
check 'and an apology beside it' 0 'complaint-resolve propose 1 apology' <<EOF
1	proposal 2	apology	
EOF
check 'accept with two open and none named is refused' 65 \
    'complaint-resolve accept 1' </dev/null
check_err 'complaint-resolve: case 1 has 2 open proposals: 1 refund 50.00 EUR, 2 apology; name one or more (accept 1 PROPOSAL...)'
check 'an unknown proposal is 65 and names the open ones' 65 \
    'complaint-resolve accept 1 9' </dev/null
check_err 'complaint-resolve: case 1 has no open proposal 9; the open ones: 1 refund 50.00 EUR, 2 apology'
check 'accept both together: one step' 0 \
    'complaint-resolve accept 1 1 2 -m "both, by phone"' <<EOF
1	proposal 1	accepted
1	proposal 2	accepted
EOF
check_sql 'both answered, one event, one log entry' "
    SELECT id, answer, answered FROM proposals WHERE case_id = 1;
    SELECT action, status_from, status_to, note FROM events
    WHERE case_id = 1 AND action = 'accept';
    SELECT content FROM audit WHERE case_id = 1 AND action = 'accept'" <<EOF
1|accepted|2026-11-22T10:00:00Z
2|accepted|2026-11-22T10:00:00Z
accept|proposed|agreed|both, by phone
{"case":1,"proposals":[1,2],"answer":"accepted","note":"both, by phone"}
EOF
check 'an answered proposal cannot be answered again' 65 \
    'complaint-resolve accept 1 1' </dev/null
check_err 'complaint-resolve: case 1 has no open proposal 1; none is open: propose one first'

check 'three offers on the Indonesian case' 0 '
    complaint-resolve propose 2 refund 20 &&
    complaint-resolve propose 2 replacement &&
    complaint-resolve propose 2 process-change -m "better packing"' <<EOF
2	proposal 3	refund	20
2	proposal 4	replacement	
2	proposal 5	process-change	
EOF
check 'a proposal of another case is not this case'"'"'s' 65 \
    'complaint-resolve decline 2 1' </dev/null
check_err 'complaint-resolve: case 2 has no open proposal 1; the open ones: 3 refund 20.00 EUR, 4 replacement, 5 process-change'
check 'decline with several open and none named' 65 \
    'complaint-resolve decline 2' </dev/null
check_err 'complaint-resolve: case 2 has 3 open proposals: 3 refund 20.00 EUR, 4 replacement, 5 process-change; name one or more (decline 2 PROPOSAL...)'
check 'decline one: the others stay open, the case stays proposed' 0 \
    'complaint-resolve decline 2 3 -m "wants the goods"' <<EOF
2	proposal 3	declined
EOF
check 'counter names its proposal' 0 \
    'complaint-resolve counter 2 4 30 -m "and postage"' <<EOF
2	proposal 4	countered
EOF
check_sql 'status and ledger' "SELECT status FROM cases WHERE id = 2;
    SELECT id, answer, counter FROM proposals WHERE case_id = 2" <<EOF
proposed
3|declined|
4|countered|3000
5||
EOF
check 'with one open, accept needs no name' 0 'complaint-resolve accept 2' <<EOF
2	proposal 5	accepted
EOF

# Expiry: shown from the moment it passes, logged once by the first write.
check 'an offer that expires' 0 \
    'complaint-resolve propose 3 discount 10 --expires 2026-11-23T10:00:00Z' <<EOF
3	proposal 6	discount	10
EOF
check 'before expiry it is open' 0 \
    'complaint-report show 3 | sed -n "/^proposals/,/^\$/p" | cut -f1,4,9' <<EOF
proposals
6	discount	
EOF
check 'after expiry every report says expired' 0 \
    'COMPLAINT_NOW=2026-11-24T10:00:00Z complaint-report show 3 | sed -n "/^proposals/,/^\$/p" | cut -f1,4,9' <<EOF
proposals
6	discount	expired
EOF
check_sql 'a report writes nothing' "SELECT answer FROM proposals WHERE id = 6;
    SELECT count(*) FROM events WHERE action = 'expire'" <<EOF

0
EOF
check 'an expired offer cannot be accepted' 65 \
    'COMPLAINT_NOW=2026-11-24T10:00:00Z complaint-resolve accept 3 6' </dev/null
check_err 'complaint-resolve: proposal 6 of case 3 expired at 2026-11-23T10:00:00Z; make a new offer'
check 'due --mark logs the expiry (nothing is due: 1)' 1 \
    'COMPLAINT_NOW=2026-11-24T10:00:00Z complaint-report due --mark -w 1h' </dev/null
check 'and only once' 0 \
    'COMPLAINT_NOW=2026-11-24T11:00:00Z complaint-report due --mark -w 1h;
    COMPLAINT_NOW=2026-11-24T11:00:00Z complaint-resolve assign 3 eva' <<EOF
3	proposed
EOF
check_sql 'the expiry is in the ledger and the log, once' "
    SELECT answer, answered FROM proposals WHERE id = 6;
    SELECT at, action, note FROM events WHERE action = 'expire';
    SELECT content FROM audit WHERE action = 'expire'" <<EOF
expired|2026-11-23T10:00:00Z
2026-11-24T10:00:00Z|expire|proposal 6 expired
{"case":3,"proposal":6,"expires":"2026-11-23T10:00:00Z"}
EOF

# 2. Clocks: an agreement or a decision stops the resolve clock; a
# follow-up has its own, in due and overdue until it is done.
check_sql 'accepting stopped the resolve clock' "SELECT id, settled,
    settled_by FROM cases WHERE id < 3" <<EOF
1|2026-11-22T10:00:00Z|agreed
2|2026-11-22T10:00:00Z|agreed
EOF
check 'a follow-up in a week' 0 'complaint-resolve follow-up 1 --in 7d' <<EOF
1	follow-up
EOF
check 'the dossier: resolve met by the agreement, the follow-up pending' 0 \
    'COMPLAINT_NOW=2026-11-28T10:00:00Z complaint-report show 1 | sed -n "/^due\$/,/^\$/p"' <<EOF
due
ack	2026-11-21T00:00:00Z	2026-11-22T10:00:00Z	breached	34	
resolve	2026-11-27T00:00:00Z	2026-11-22T10:00:00Z	met		agreed
follow-up	2026-11-29T10:00:00Z		pending		

EOF
check 'the follow-up is due' 0 \
    'COMPLAINT_NOW=2026-11-29T00:00:00Z complaint-report due -w 1d | cut -f1-3' <<EOF
1	follow-up	2026-11-29T10:00:00Z
EOF
check 'missed, it is overdue; the settled case is not' 0 \
    'COMPLAINT_NOW=2026-11-30T10:00:00Z complaint-report overdue | cut -f1-4' <<EOF
3	resolve	2026-11-27T00:00:00Z	82
1	follow-up	2026-11-29T10:00:00Z	24
EOF
check 'a decision stops the clock too' 0 \
    'complaint-resolve decide 3 --no-evidence -m "size chart was wrong"' <<EOF
3	decided
EOF
check_sql 'decided' 'SELECT settled, settled_by FROM cases WHERE id = 3' <<EOF
2026-11-22T10:00:00Z|decided
EOF
check 'close with the follow-up still to do' 0 \
    'complaint-resolve close 1 --cause product-defect -m "test the seals"' <<EOF
1	closed
EOF
check 'closed, the missed follow-up stays overdue until done' 0 \
    'COMPLAINT_NOW=2026-11-30T10:00:00Z complaint-report overdue | cut -f1-2' <<EOF
1	follow-up
EOF
check 'a score outside 1-5 is 65' 65 \
    'complaint-resolve follow-up 1 --done --satisfied no --score 6' </dev/null
check_err 'complaint-resolve: --score 6: give a whole number from 1 to 5'
check '--reopen goes with an unsatisfied answer' 64 \
    'complaint-resolve follow-up 1 --done --satisfied yes --reopen' </dev/null
check 'unsatisfied on a closed case: recorded, flagged for review' 0 \
    'COMPLAINT_NOW=2026-11-30T10:00:00Z complaint-resolve follow-up 1 --done --satisfied no --score 2 -m "lid still loose"' <<EOF
1	closed
EOF
check_sql 'the answer, the flag, the case still closed' "
    SELECT due, done, satisfied, score, note FROM followups WHERE case_id = 1;
    SELECT status, flags FROM cases WHERE id = 1" <<EOF
2026-11-29T10:00:00Z|2026-11-30T10:00:00Z|0|2|lid still loose
closed|review
EOF
check 'done, it is no longer overdue' 1 \
    'COMPLAINT_NOW=2026-11-30T10:00:00Z complaint-report overdue' </dev/null
check 'close the Indonesian case; unsatisfied with --reopen reopens it' 0 '
    complaint-resolve close 2 --cause delivery -m "pack better" >/dev/null &&
    complaint-resolve follow-up 2 --done --satisfied no --reopen -m "rusak lagi"' <<EOF
2	investigating
EOF
check_sql 'reopened: the clock runs again' "SELECT status, closed, settled
    FROM cases WHERE id = 2; SELECT action, status_from, status_to, note
    FROM events WHERE case_id = 2 AND id > (SELECT max(id) FROM events
    WHERE case_id = 2 AND action = 'close')" <<EOF
investigating||
unsatisfied|closed|closed|rusak lagi
reopen|closed|investigating|rusak lagi
EOF

# 3. Corrections, logged: a person's grade, and edits of the case and its
# customer.
complaint-new -n 'Ann Berg' -e ann@example.com -r 2026-11-21 \
    Second kettle leaks too </dev/null >/dev/null 2>&1
check 'grade needs a reason' 64 'complaint-resolve grade 3 high' </dev/null
check 'an unknown grade names the valid ones' 65 \
    'complaint-resolve grade 3 urgent -m x' </dev/null
check_err 'complaint-resolve: no severity urgent; give low, medium, high or critical'
check 'grade: the due times follow from the received time' 0 \
    'complaint-resolve grade 3 high -m "the customer cannot use the goods at all"' <<EOF
3	high	2026-11-20T04:00:00Z	2026-11-23T00:00:00Z
EOF
check_sql 'graded, logged with before and after' "SELECT severity, graded,
    ack_due, resolve_due FROM cases WHERE id = 3;
    SELECT action, note FROM events WHERE action = 'grade';
    SELECT content FROM audit WHERE action = 'grade'" <<EOF
3|2026-11-22T10:00:00Z|2026-11-20T04:00:00Z|2026-11-23T00:00:00Z
grade|the customer cannot use the goods at all
{"case":3,"severity":"high","was":"medium","ack_due":"2026-11-20T04:00:00Z","resolve_due":"2026-11-23T00:00:00Z","reason":"the customer cannot use the goods at all"}
EOF
check 'the same grade again is nothing to change' 64 \
    'complaint-resolve grade 3 high -m again' </dev/null
check_err 'complaint-resolve: case 3 is high already; nothing to change
usage: complaint-resolve grade CASE SEVERITY -m REASON'

check 'edit with nothing to change is 64' 64 'complaint-resolve edit 1 -m typo' </dev/null
check 'edit needs a reason' 64 \
    'complaint-resolve edit 1 --email ann.berg@example.com' </dev/null
check 'an unknown field is 65 and names the fields' 65 \
    'complaint-resolve edit 1 --colour red -m x' </dev/null
check_err 'complaint-resolve: edit has no field --colour; give --name, --email, --phone, --product, --order, --amount or --employee'
check 'a bad e-mail address is 65' 65 \
    'complaint-resolve edit 1 --email ann.example.com -m typo' </dev/null
check 'the same value is nothing to change' 64 \
    'complaint-resolve edit 1 --email ann@example.com -m typo' </dev/null
check 'a customer with other cases: this case moves to a new record' 0 \
    'complaint-resolve edit 1 --email ann.berg@example.com -m "typo in the address"' <<EOF
1	email	ann@example.com	ann.berg@example.com
1	customer	1	4
EOF
check_sql 'the other case keeps the old record' "SELECT id, customer FROM
    cases WHERE id IN (1, 4); SELECT id, name, email FROM customers
    WHERE id IN (1, 4)" <<EOF
1|4
4|1
1|Ann Berg|ann@example.com
4|Ann Berg|ann.berg@example.com
EOF
check_sql 'before and after are in the log' "SELECT note FROM events
    WHERE action = 'edit'; SELECT content FROM audit WHERE action = 'edit'" <<EOF
typo in the address
{"case":1,"changes":[{"field":"email","before":"ann@example.com","after":"ann.berg@example.com"}],"customer":{"from":1,"to":4},"reason":"typo in the address"}
EOF
check 'with --all, every case of the old record moves to the one named' 0 \
    'complaint-resolve edit 4 --email ann.berg@example.com --all -m "same typo"' <<EOF
4	email	ann@example.com	ann.berg@example.com
4	customer	1	4
EOF
check_sql 'both cases are the one customer' "SELECT id, customer FROM cases
    WHERE id IN (1, 4)" <<EOF
1|4
4|4
EOF
check 'a customer with one case is corrected in place' 0 \
    'complaint-resolve edit 3 --name "Sara Lundh" --phone "+46 70 123 45 67" -m "spelling; phone by mail"' <<EOF
3	name	Sara Lund	Sara Lundh
3	phone		+46701234567
EOF
check_sql 'the record itself' 'SELECT id, name, phone FROM customers
    WHERE id = 3; SELECT customer FROM cases WHERE id = 3' <<EOF
3|Sara Lundh|+46701234567
3
EOF
check 'the case'"'"'s own fields' 0 \
    'complaint-resolve edit 2 --product Blender --order ORD-77 --amount 20 --employee Rina -m "from the receipt"' <<EOF
2	product		Blender
2	order		ORD-77
2	amount		20.00 EUR
2	employee		Rina
EOF
check 'a bad amount is 65, nothing half-written' 65 \
    'complaint-resolve edit 2 --product Mixer --amount lots -m x' </dev/null
check_sql 'as it was' 'SELECT product, order_ref, amount, currency,
    employee FROM cases WHERE id = 2' <<EOF
Blender|ORD-77|2000|EUR|Rina
EOF

# 7. History kept, dossier bounded.
check 'reopen keeps the earlier cause and lesson' 0 \
    'complaint-resolve reopen 1 -m "leaks again"' <<EOF
1	investigating
EOF
check_sql 'still there' 'SELECT status, cause, lesson FROM cases WHERE id = 1' <<EOF
investigating|product-defect|test the seals
EOF
check 'close again, with another cause' 0 \
    'complaint-resolve close 1 --cause delivery -m "crushed in transit"' <<EOF
1	closed
EOF
check 'the timeline shows each close with its cause' 0 \
    'complaint-report show 1 | grep "	close	" | cut -f3,6' <<EOF
close	product-defect: test the seals
close	delivery: crushed in transit
EOF
check 'causes counts a case once, by its latest cause' 0 \
    'complaint-report causes' <<EOF
delivery	2	100.0	100.0
EOF
check 'the customer history: counts by status, then the cases' 0 \
    'complaint-report show 1 | sed -n "/^history-counts\$/,\$p"' <<EOF
history-counts
new	1
all	1

history
4	2026-11-21T00:00:00Z	new					Second kettle leaks too
EOF
complaint-new -n Rina -e rina@example.id -r 2026-11-01 Blender mati \
    </dev/null >/dev/null 2>&1
# The 24 more cases are made with sqlite3, in a copy (TAMPERED).
export TAMPERED="many.db"
sqlite3 "$COMPLAINT_FILE" ".backup '$T/many.db'"
sqlite3 "$T/many.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
    SELECT i + 1 FROM n WHERE i < 24) INSERT INTO cases (customer,
    received, created, status, summary, updated) SELECT customer,
    strftime('%Y-%m-%dT%H:%M:%SZ', '2026-10-01', '+' || i || ' days'),
    created, CASE WHEN i % 3 = 0 THEN 'closed' ELSE 'new' END,
    'Blender ' || i, updated FROM cases, n WHERE id = 5"
check 'a customer of many cases: counts, the 20 latest, the rest named' 0 \
    'complaint-report -f many.db show 5 | sed -n "/^history-counts\$/,/^\$/p;/^history\$/,\$p" | sed -n "1,8p;\$p"' <<EOF
history-counts
closed	8
new	16
all	24
more	complaint-report list --customer 5

history
29	2026-10-25T00:00:00Z	closed					Blender 24
10	2026-10-06T00:00:00Z	new					Blender 5
EOF
check 'of them 20 are shown' 0 \
    'complaint-report -f many.db show 5 | sed -n "/^history\$/,\$p" | wc -l' <<EOF
21
EOF

# The end of the three stories: due and overdue as the dossiers tell them.
check 'the Swedish case: graded due times, the clock stopped by the decision' 0 \
    'complaint-report show 3 | sed -n "/^due\$/,/^\$/p"' <<EOF
due
ack	2026-11-20T04:00:00Z	2026-11-22T10:00:00Z	breached	54	
resolve	2026-11-23T00:00:00Z	2026-11-22T10:00:00Z	met		decided

EOF
check 'the Indonesian case, reopened, runs late again' 0 \
    'COMPLAINT_NOW=2026-11-28T00:00:00Z complaint-report overdue --customer budi@example.id | cut -f1-4' <<EOF
2	resolve	2026-11-27T00:00:00Z	24
EOF
check 'overdue now: the acknowledgements still owed' 0 \
    'complaint-report overdue | cut -f1-4' <<EOF
5	ack	2026-11-02T00:00:00Z	490
4	ack	2026-11-22T00:00:00Z	10
EOF
check 'the English case closed twice, reviewed, its follow-up done' 0 \
    'complaint-report show 1 | sed -n "/^followups\$/,/^\$/p" | cut -f2-5;
    complaint-report show 1 | sed -n "s/^flags *//p"' <<EOF
followups
2026-11-29T10:00:00Z	2026-11-30T10:00:00Z	no	2

review
EOF
check 'the log and the tables still verify' 0 'complaint-report verify | cut -f1' <<EOF
ok
ok
EOF
complaint-new -e lars@example.se --ref SE-9 -r 2026-11-20 Trasig lampa \
    </dev/null >/dev/null 2>&1
check 'a graded case keeps its grade when the complaint comes in again' 0 '
    complaint-resolve grade 6 critical -m "sladden glöder" >/dev/null &&
    complaint-new -e lars@example.se --ref SE-9 -r 2026-11-20 "Trasig lampa, min advokat" 2>/dev/null &&
    sqlite3 "$COMPLAINT_FILE" "SELECT severity, graded FROM cases WHERE id = 6"' <<EOF
6
4|2026-11-22T10:00:00Z
EOF
