#!/bin/sh
# tests/complaint-resolve.sh: every step after intake, the state table,
# offers, hooks, merges and anonymisation.
. "$(dirname "$0")/lib.sh"

complaint-new -n 'Ann Berg' -e ann@example.se -o A-1 -a 49.90 -E Per \
    -t kettle Kettle leaks </dev/null >/dev/null
complaint-new -n 'Bob Lee' -e bob@example.com -t parcel Parcel late \
    </dev/null >/dev/null
complaint-new -n 'Bob Lee' -t late -t parcel Parcel late again \
    </dev/null >/dev/null
complaint-new Free money now </dev/null >/dev/null

check 'the state table' 0 'complaint-resolve --states' <<EOF
state	ack	interview	assign	wait	propose	accept	decline	counter	escalate	decide	follow-up	satisfied	unsatisfied	close	dismiss	merge	reopen
new	acknowledged	investigating	=	waiting	proposed	-	-	-	escalated	decided	=	=	investigating	closed	dismissed	merged	-
acknowledged	=	investigating	=	waiting	proposed	-	-	-	escalated	decided	=	=	investigating	closed	dismissed	merged	-
investigating	=	=	=	waiting	proposed	-	-	-	escalated	decided	=	=	=	closed	dismissed	merged	-
proposed	=	=	=	waiting	=	agreed	investigating	=	escalated	decided	=	=	investigating	closed	dismissed	merged	-
agreed	=	=	=	waiting	proposed	=	=	=	escalated	-	follow-up	follow-up	investigating	closed	-	merged	-
escalated	=	=	=	waiting	proposed	-	-	-	=	decided	=	=	investigating	closed	dismissed	merged	-
decided	=	=	=	waiting	proposed	-	-	-	escalated	=	follow-up	follow-up	investigating	closed	-	merged	-
follow-up	=	=	=	waiting	proposed	-	-	-	escalated	decided	=	=	investigating	closed	-	merged	-
waiting	*	*	*	-	*	*	*	*	*	*	*	*	*	*	*	*	*
closed	-	-	-	-	-	-	-	-	-	-	=	=	=	-	-	-	investigating
dismissed	-	-	-	-	-	-	-	-	-	-	-	-	-	-	-	-	investigating
merged	-	-	-	-	-	-	-	-	-	-	-	-	-	-	-	-	-
EOF

check 'ack several cases' 0 'complaint-resolve ack 1 2 -m "by phone"' <<EOF
1	acknowledged
2	acknowledged
EOF
check_sql 'acked and the timeline' "SELECT id, status, acked FROM cases
    WHERE id < 3; SELECT case_id, action, status_from, status_to, note
    FROM events WHERE action = 'ack'" <<EOF
1|acknowledged|2026-11-22T10:00:00Z
2|acknowledged|2026-11-22T10:00:00Z
1|ack|new|acknowledged|by phone
2|ack|new|acknowledged|by phone
EOF
check 'ack --message: what to send, no promise of the outcome' 0 \
    'complaint-resolve ack 1 --message' <<EOF
Subject: [case 1] Kettle leaks

Dear Ann Berg,

Thank you for telling us about this. We have recorded your complaint as case 1 and will investigate it thoroughly. You will hear from us by 2026-11-29. We cannot say yet what the outcome will be, but we will explain it to you.
EOF
export TAMPERED=cases.db
sqlite3 "$COMPLAINT_FILE" "UPDATE customers SET lang = 'id' WHERE id = 2"
check 'in the customer'"'"'s language' 0 \
    'complaint-resolve ack 2 --message | sed -n 3p' <<EOF
Yth. Bob Lee,
EOF

check 'a forbidden step is 65 and says what is allowed' 65 \
    'complaint-resolve accept 1' </dev/null
check_err 'complaint-resolve: cannot accept case 1: it is acknowledged (allowed: ack, assign, wait, propose, escalate, decide, follow-up, close, dismiss, merge)'
check 'an offer above the approval limit needs an approver' 65 \
    'complaint-resolve propose 1 refund 149.90' </dev/null
check_err 'complaint-resolve: an offer of 149.90 EUR is above the approval limit (100.00 EUR); give --approved-by WHO'
check 'an unknown kind of offer' 65 'complaint-resolve propose 1 cash 5' </dev/null
check_err 'complaint-resolve: no kind of offer cash; give refund, partial-refund, discount, replacement, repair, credit, free-follow-up, apology, process-change or other'
check 'propose' 0 \
    'complaint-resolve propose 1 refund 49.90 --expires 7d -m "Full refund"' <<EOF
1	proposal 1	refund	49.90
EOF
check 'propose with an approver' 0 \
    'complaint-resolve propose 1 replacement "SEK 1500" --approved-by Eva' <<EOF
1	proposal 2	replacement	SEK 1500
EOF
check_sql 'the offer ledger' "SELECT id, case_id, kind, amount, currency,
    note, expires, approved_by, answer FROM proposals" <<EOF
1|1|refund|4990|EUR|Full refund|2026-11-29T10:00:00Z||
2|1|replacement|150000|SEK|||Eva|
EOF
check 'accept names the offer when several are open' 0 \
    'complaint-resolve accept 1 2' <<EOF
1	proposal 2	accepted
EOF
check 'an answered offer cannot be answered again' 65 \
    'complaint-resolve decline 1 2' </dev/null
check_err 'complaint-resolve: case 1 has no open proposal 2; the open ones: 1 refund 49.90 EUR'

complaint-resolve propose 2 discount 10 --expires 1d >/dev/null
check 'an expired offer cannot be accepted' 65 \
    'COMPLAINT_NOW=2026-11-24T10:00:00Z complaint-resolve accept 2 3' </dev/null
check_err 'complaint-resolve: proposal 3 of case 2 expired at 2026-11-23T10:00:00Z; make a new offer'
check 'counter' 0 'complaint-resolve counter 2 3 25.00 -m "wants more"' <<EOF
2	proposal 3	countered
EOF
check_sql 'the answer is in the ledger, its note on the timeline' \
    "SELECT answer, answered, counter, note FROM proposals WHERE id = 3;
    SELECT note FROM events WHERE action = 'counter'" <<EOF
countered|2026-11-22T10:00:00Z|2500|
wants more
EOF

check 'one bad case and none changes' 65 'complaint-resolve accept 1 3' </dev/null
check 'follow-up --in' 0 'complaint-resolve follow-up 1 --in 7d' <<EOF
1	follow-up
EOF
check 'an unsatisfied customer sends the case back' 0 \
    'complaint-resolve follow-up 1 --done --satisfied no -m "still leaks"' <<EOF
1	investigating
EOF
check 'a follow-up after that is still recorded' 0 \
    'complaint-resolve follow-up 1 --done --satisfied yes --score 4' <<EOF
1	investigating
EOF
check_sql 'follow-ups' "SELECT due, done, satisfied, score, note
    FROM followups ORDER BY id" <<EOF
2026-11-29T10:00:00Z|2026-11-22T10:00:00Z|0||still leaks
2026-11-22T10:00:00Z|2026-11-22T10:00:00Z|1|4|
EOF

check 'close needs a known cause' 65 'complaint-resolve close 1 --cause bad-luck' </dev/null
check_err 'complaint-resolve: no cause bad-luck; give one of the causes setting, or add it with --new-cause'
check 'close needs --cause' 64 'complaint-resolve close 1' </dev/null
check 'close' 0 \
    'complaint-resolve close 1 --cause product-defect -m "check the seals"' <<EOF
1	closed
EOF
check_sql 'cause and lesson' 'SELECT status, closed, cause, lesson FROM cases
    WHERE id = 1' <<EOF
closed|2026-11-22T10:00:00Z|product-defect|check the seals
EOF
check 'a closed case refuses steps' 65 'complaint-resolve propose 1 apology' </dev/null
check_err 'complaint-resolve: case 1 is closed; reopen it first'
check 'reopen' 0 'complaint-resolve reopen 1 -m "leaks again"' <<EOF
1	investigating
EOF
check 'close with a new cause' 0 \
    'complaint-resolve close 1 --cause bad-seal --new-cause' <<EOF
1	closed
EOF
check_sql 'the new cause is in the list' \
    "SELECT value LIKE '%,bad-seal' FROM settings WHERE key = 'causes'" <<EOF
1
EOF

check 'merge folds a duplicate in' 0 'complaint-resolve merge 2 3' <<EOF
2	proposed
3	merged
EOF
check_sql 'the duplicate points at the case kept; its tags moved' "
    SELECT id, status, merged_into, closed FROM cases WHERE id = 3;
    SELECT case_id, tag FROM tags WHERE case_id IN (2, 3) ORDER BY tag" <<EOF
3|merged|2|2026-11-22T10:00:00Z
2|late
2|parcel
EOF
check 'a merged case sends you to the one kept' 65 'complaint-resolve ack 3' </dev/null
check_err 'complaint-resolve: case 3 was merged into case 2; work on that case'

sqlite3 "$COMPLAINT_FILE" "UPDATE cases SET ack_due = '2026-11-23T10:00:00Z',
    resolve_due = '2026-11-29T10:00:00Z', acked = NULL WHERE id = 2"
check 'wait pauses the clocks' 0 'complaint-resolve wait 2 -m "asked for a photo"' <<EOF
2	waiting
EOF
check 'waiting twice is refused' 65 'complaint-resolve wait 2' </dev/null
check_err 'complaint-resolve: case 2 is already waiting on the customer'
check 'the next step resumes them, two days later' 0 \
    'COMPLAINT_NOW=2026-11-24T10:00:00Z complaint-resolve escalate 2 -t support -m SLA --ticket T-9' <<EOF
2	escalated
EOF
check_sql 'the due times moved by the two days paused' \
    'SELECT status, paused, ack_due, resolve_due FROM cases WHERE id = 2' <<EOF
escalated||2026-11-25T10:00:00Z|2026-12-01T10:00:00Z
EOF
check 'deciding for the company unheard warns' 0 \
    'complaint-resolve decide 2 --favour company --no-evidence -m "tracking shows delivery"' <<EOF
2	decided
EOF
check_err 'complaint-resolve: case 2: deciding for the company without the accounts of both the employee and the complainant'
check_sql 'decisions and escalations' "SELECT case_id, favour, rationale
    FROM decisions; SELECT case_id, team, reason, ticket FROM escalations" <<EOF
2|company|tracking shows delivery
2|support|SLA|T-9
EOF

cat >"$T/ticket.sh" <<'EOF'
#!/bin/sh
cat >"$T/hook.csv"
echo "TCK-$COMPLAINT_CASE $COMPLAINT_ACTION"
echo "a second line is ignored"
EOF
sed -i "s|\$T|$T|" "$T/ticket.sh"
chmod +x "$T/ticket.sh"
complaint config escalate.hook "$T/ticket.sh"
complaint config hook.pre-close 'echo no closing on Fridays >&2; exit 3'
complaint config hook.close 'echo mail server down >&2; exit 1'
check 'escalate runs the ticket hook' 0 'complaint-resolve escalate 4 -m "hoax?"' <<EOF
4	escalated
EOF
check 'the hook got the case as CSV and its ticket is stored' 0 \
    "head -n 1 $T/hook.csv; sqlite3 $COMPLAINT_FILE 'SELECT ticket FROM escalations WHERE case_id = 4'" <<EOF
case,ref,received,status,severity,flags,customer,name,email,phone,channel,product,order,amount,employee,assignee,summary,description,tags,ack-due,resolve-due,acked,closed,cause,lesson,merged-into,created,updated
TCK-4 escalate
EOF
check 'a failing pre-hook refuses the change' 65 \
    'complaint-resolve close 4 --cause fraud' </dev/null
check_err 'complaint-resolve: hook hook.pre-close failed on case 4 (exit 3): no closing on Fridays'
check_sql 'and the case is as it was' 'SELECT status FROM cases WHERE id = 4' <<EOF
escalated
EOF
complaint config hook.pre-close true
check 'a failing post-hook warns; the change stays' 0 \
    'complaint-resolve close 4 --cause fraud' <<EOF
4	closed
EOF
check_err 'complaint-resolve: hook hook.close failed on case 4 (exit 1): mail server down (the change stays)'
complaint config escalate.hook "$T/nonesuch"
check 'a hook that cannot run is 70' 70 'complaint-resolve escalate 2 -m again' </dev/null
check_err "complaint-resolve: hook escalate.hook could not be run (exit 127): sh: 1: $T/nonesuch: not found"

check 'dismiss needs a reason' 64 'complaint-resolve dismiss 2' </dev/null
check 'a step takes only its own options' 64 'complaint-resolve ack 2 --cause x' </dev/null
check 'ids from standard input' 0 \
    'complaint-report list --status decided | complaint-resolve assign - alice' <<EOF
2	decided
EOF
check_sql 'assigned' 'SELECT assignee FROM cases WHERE id = 2' <<EOF
alice
EOF

# setsid: no controlling terminal, even when make check runs at one.
check 'anonymise needs --yes without a terminal' 64 \
    'setsid -w complaint-resolve anonymise bob@example.com' </dev/null
check 'anonymise an unknown customer is 66' 66 \
    'complaint-resolve anonymise nobody@example.com --yes' </dev/null
check_err 'complaint-resolve: no customer nobody@example.com'
check 'anonymise' 0 'complaint-resolve anonymise bob@example.com --yes' <<EOF
customer 2	anonymised	2 cases
EOF
check_sql 'names, contacts and words are gone; the rest stays' "
    SELECT name, email, anonymised FROM customers WHERE id = 2;
    SELECT id, summary, description, status FROM cases WHERE customer = 2;
    SELECT count(*) FROM audit WHERE redacted IS NOT NULL;
    SELECT count(*) FROM audit WHERE content LIKE '%Bob%';
    SELECT id, text, party IS NULL, subject IS NULL FROM communications
    WHERE case_id IN (2, 3)" <<EOF
(anonymised)||2026-11-22T10:00:00Z
2|(anonymised)||decided
3|(anonymised)||merged
13
0
2|(anonymised)|1|1
EOF
# The chain and the redactions hold; the rows this test changed with
# sqlite3 above (a due time, a language) are found.
check 'verify after anonymise finds the rows edited with sqlite3' 1 \
    'complaint-report verify' </dev/null
check_err 'complaint-report: cases row 2 was changed outside the tools before audit entry 26 changed it (and 1 more)'
check 'the redacted entries say so in the log' 0 \
    'complaint-report log 3 | cut -f5,6' <<EOF
new	(redacted 2026-11-22T10:00:00Z)
merge	(redacted 2026-11-22T10:00:00Z)
EOF

# The example hooks, as they ship.
mkdir -p "$T/bin" "$T/tickets"
cat >"$T/bin/sendmail" <<'EOF'
#!/bin/sh
echo "$*" >"$(dirname "$0")/sendmail.args"
cat >"$(dirname "$0")/sendmail.msg"
EOF
chmod +x "$T/bin/sendmail"
complaint config escalate.hook \
    "TICKET_DIR=$T/tickets sh $TOP/scripts/escalate-ticket.sh"
complaint config hook.escalate \
    "PATH=$T/bin:\$PATH ESCALATE_TO=team@example.com sh $TOP/scripts/escalate-mail.sh"
check 'escalate-ticket.sh opens a ticket; escalate-mail.sh mails the team' 0 \
    "complaint-resolve escalate 2 -t support -m 'second opinion' &&
    sqlite3 $COMPLAINT_FILE 'SELECT ticket FROM escalations ORDER BY id DESC LIMIT 1' &&
    head -5 $T/tickets/TCK-1 | cut -c1-40 && cat $T/bin/sendmail.args &&
    sed -n '1,2p;5p' $T/bin/sendmail.msg" <<EOF
2	escalated
TCK-1
Case: 2
Team: support
Reason: second opinion
case,ref,received,status,severity,flags,
2,,2026-11-22T10:00:00Z,decided,medium,,
-t
To: team@example.com
Subject: complaint case 2 escalated to support
Case 2 was escalated to support by tester: second opinion
EOF

# Hooks of intake: the pre-hook may refuse, the post-hook only warns.
complaint config hook.pre-new \
    'grep -q spam && { echo looks like spam >&2; exit 1; } || exit 0'
complaint config hook.new "cat >$T/new.csv"
check 'hook.pre-new refuses a case' 65 'complaint-new Buy spam now' </dev/null
check_err 'complaint-new: hook hook.pre-new failed on case 5 (exit 1): looks like spam'
check 'hook.new gets the new case' 0 \
    "complaint-new -n Eve Broken lid && cut -d, -f1-3 $T/new.csv" <<EOF
5
case,ref,received
5,,2026-11-22T10:00:00Z
EOF
