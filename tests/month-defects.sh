#!/bin/sh
# tests/month-defects.sh: the defects a simulated month of work found
# (issue 23), each as the repro that failed before its fix.
. "$(dirname "$0")/lib.sh"

# 1. A received time in the future.
check 'a received time in the future is refused' 65 \
    'complaint-new -r +7d Parcel late' </dev/null
check_err 'complaint-new: received 2026-11-29T10:00:00Z is later than now (2026-11-22T10:00:00Z); give the time the complaint came in'
check 'a few minutes ahead is a clock, not a typo' 0 \
    'complaint-new -r 2026-11-22T10:10:00Z Parcel late' <<EOF
1
EOF
printf 'summary,received\nLate,2026-11-21\nTypo,2027-11-21\n' >"$T/future.csv"
check 'a CSV row received in the future is a bad row' 65 \
    'complaint-new --csv <future.csv' <<EOF
line,id,status,severity,flags
2,2,new,medium,suspect
EOF
check_err 'complaint-new: line 3: received 2027-11-21T00:00:00Z is later than now (2026-11-22T10:00:00Z); give the time the complaint came in
complaint-new: 1 bad record skipped; 1 imported'
cat >"$T/future.eml" <<'EOF'
From: Ann Berg <ann@example.se>
Subject: Kettle leaks
Date: Fri, 10 Dec 2027 10:30:00 +0000
Message-ID: <clock@example.se>

The kettle leaks.
EOF
check 'a mail dated in the future is received when it is delivered' 0 \
    'complaint-new --mail <future.eml 2>/dev/null' <<EOF
3
EOF
check_sql 'with the Date it gave in the log' "
    SELECT received FROM cases WHERE id = 3;
    SELECT note FROM events WHERE case_id = 3" <<EOF
2026-11-22T10:00:00Z
the mail's Date 2027-12-10T10:30:00Z is later than its delivery; received at delivery
EOF

# 3. Merging two worked cases: the accounts are the next versions.
complaint-new -n Ann -E Per Kettle leaks </dev/null >/dev/null 2>&1
complaint-new -n Ann -E Per Kettle leaks again </dev/null >/dev/null 2>&1
for c in 4 5; do
	echo "09:00 I sold a kettle to case $c." |
	    complaint-interview -r employee $c >/dev/null 2>&1
	echo "10:00 It leaked, case $c." |
	    complaint-interview -r complainant $c >/dev/null 2>&1
done
echo '09:00 Retold.' | complaint-interview -r employee 5 >/dev/null 2>&1
check 'merge of two worked cases' 0 'complaint-resolve merge 4 5' <<EOF
4	investigating
5	merged
EOF
check_sql 'the accounts of the merged case follow as next versions' "
    SELECT case_id, role, party, version, id FROM accounts
    ORDER BY case_id, party, version" <<EOF
4|complainant|Ann|1|2
4|complainant|Ann|2|4
4|employee|Per|1|1
4|employee|Per|2|3
4|employee|Per|3|5
EOF

# 4. Waiting under a working week counts working time.
sqlite3 "$COMPLAINT_FILE" "UPDATE settings SET value = 'mon-fri 09:00-17:00'
    WHERE key = 'sla.week'; UPDATE settings SET value = '5d'
    WHERE key = 'sla.resolve.2'"
check 'a case received on a Friday afternoon' 0 \
    'COMPLAINT_NOW=2026-12-04T14:00Z complaint-new -s 2 Parcel late 2>/dev/null' <<EOF
6
EOF
COMPLAINT_NOW=2026-12-07T10:00:00Z complaint-resolve wait 6 >/dev/null
check 'waits Monday 10:00-16:00; resolve-due moves by six working hours' 0 \
    "COMPLAINT_NOW=2026-12-07T16:00:00Z complaint-resolve ack 6 &&
    sqlite3 $COMPLAINT_FILE 'SELECT resolve_due FROM cases WHERE id = 6'" <<EOF
6	acknowledged
2026-12-14T12:00:00Z
EOF
# shellcheck disable=SC2016
check 'and is not overdue on Saturday' 0 \
    'COMPLAINT_NOW=2026-12-12T12:00:00Z complaint-report overdue |
    awk "\$1 == 6 { n++ } END { print n + 0 }"' <<EOF
0
EOF
check 'but is on Monday afternoon' 0 \
    'COMPLAINT_NOW=2026-12-14T12:30:00Z complaint-report overdue |
    cut -f 1,2 | grep "^6	"' <<EOF
6	resolve
EOF
sqlite3 "$COMPLAINT_FILE" "UPDATE settings SET value = '' WHERE key = 'sla.week';
    UPDATE settings SET value = '7d' WHERE key = 'sla.resolve.2'"

# 6. merge moves a follow-up with its reminded mark.
complaint-new -n Cai Lamp broken </dev/null >/dev/null 2>&1
complaint-new -n Cai Lamp broken twice </dev/null >/dev/null 2>&1
complaint-report due --mark >/dev/null
complaint-resolve follow-up 8 --at 2026-11-22T12:00Z >/dev/null
check 'the follow-up is reminded once' 0 \
    'complaint-report due --mark --csv | cut -d, -f1,2,3' <<EOF
id,kind,due
8,follow-up,2026-11-22T12:00:00Z
EOF
complaint-resolve merge 7 8 >/dev/null
check 'after the merge it is not reminded again' 1 \
    'complaint-report due --mark' </dev/null
check_sql 'the mark moved with the follow-up' "
    SELECT case_id, kind, due FROM reminders WHERE kind = 'follow-up'
    ORDER BY case_id" <<EOF
7|follow-up|2026-11-22T12:00:00Z
8|follow-up|2026-11-22T12:00:00Z
EOF

# 8. The hook's CSV carries every column, whatever is empty.
cat >"$T/hook.sh" <<EOF
#!/bin/sh
head -n 1 >>"$T/hook.csv"
EOF
chmod +x "$T/hook.sh"
complaint config hook.close "$T/hook.sh" </dev/null >/dev/null
complaint-new -n Dea -e dea@example.id -p Tas -o O-1 -a 10.00 -E Sari -t x \
    Tas rusak </dev/null >/dev/null 2>&1
complaint-resolve assign 9 eva >/dev/null
complaint-resolve close 9 1 --cause other >/dev/null
check 'one header for a full case and a bare one' 0 'sort -u hook.csv' <<EOF
case,ref,received,status,severity,flags,customer,name,email,phone,channel,product,order,amount,employee,assignee,summary,description,tags,ack-due,resolve-due,acked,closed,cause,lesson,merged-into,created,updated
EOF

# 5. One person, one customer: matched by every contact given, phones in
# E.164, e-mail whatever its case; two customers in one complaint are
# flagged for a person to merge.
check 'phone.country is a country phone numbers know' 65 \
    'complaint config phone.country SW' </dev/null
check_err 'complaint: phone.country: no country SW; give one of AT AU BE CA CH DE DK EE ES FI FR GB ID IE IN IS IT JP LT LV MY NL NO NZ PH PL PT SE SG TH US VN, or nothing'
complaint config phone.country SE >/dev/null
check 'Ann by e-mail, by phone, by both, by e-mail in capitals' 0 "
    complaint-new -n 'Ann Lind' -e ann.lind@example.se Kettle leaks &&
    complaint-new -n 'Ann Lind' --phone '070-123 45 67' Kettle again &&
    complaint-new --phone '+46 70 123 45 67' -e ann.lind@example.se Lid &&
    complaint-new --phone '070 123 45 67' Cord &&
    complaint-new -e ANN.LIND@EXAMPLE.SE Handle 2>/dev/null" <<EOF
10
11
12
13
14
EOF
check_sql 'are one customer, the phone in E.164, no flag' "
    SELECT u.id, u.name, u.email, u.phone, count(*), group_concat(ifnull(c.flags, '-'))
    FROM cases c JOIN customers u ON u.id = c.customer WHERE c.id >= 10
    GROUP BY u.id" <<EOF
5|Ann Lind|ann.lind@example.se|+46701234567|5|-,-,repeat:3,repeat:4,repeat:5
EOF
check 'a complaint naming two customers is flagged' 0 "
    complaint-new -n Bo --phone '0046 8 123 456' -o B-1 Lamp &&
    complaint-new -n 'Bo Ek' -e bo@example.se -o B-2 Lamp again &&
    complaint-new -n 'Bo Ek' -e bo@example.se --phone '08-123 456' -o B-3 \
    Lamp three 2>&1 >/dev/null" <<EOF
15
16
complaint-new: case 17: medium; flags merge-customer:6; acknowledge by 2026-11-23T10:00:00Z, resolve by 2026-11-29T10:00:00Z
EOF
check_sql 'and no contact is held by two' "
    SELECT id, name, email, phone FROM customers WHERE id >= 6;
    SELECT id, customer, ifnull(flags, '') FROM cases WHERE id >= 15" <<EOF
6|Bo||+468123456
7|Bo Ek|bo@example.se|
15|6|
16|7|
17|7|merge-customer:6
EOF
# setsid: no controlling terminal to ask on, even when make check runs at one.
check 'anonymise by the phone finds the one customer who holds it' 64 \
    'setsid -w complaint-resolve anonymise 08-123456' </dev/null
check_err 'complaint-resolve: not anonymised: confirm on a terminal or give --yes
usage: complaint-resolve anonymise CUSTOMER [--yes]'
check 'a person merges them' 0 'complaint-resolve merge-customer 7 +468123456' <<EOF
customer 7	merged 6	1 cases
EOF
check_sql 'cases moved, contacts kept, flag gone, logged' "
    SELECT id, name, email, phone FROM customers WHERE id >= 6;
    SELECT id, customer, ifnull(flags, '') FROM cases WHERE id >= 15;
    SELECT case_id, action, note FROM events WHERE action = 'merge-customer';
    SELECT content FROM audit WHERE action = 'merge-customer' AND case_id IS NULL" <<EOF
7|Bo Ek|bo@example.se|+468123456
15|7|
16|7|
17|7|
15|merge-customer|customer 6 merged into 7
{"customer":7,"merged":6,"name":"Bo","phone":"+468123456","cases":[15]}
EOF
check 'a customer is not merged into itself' 65 \
    'complaint-resolve merge-customer 7 bo@example.se' </dev/null
check_err 'complaint-resolve: customer 7 cannot be merged into itself'
check 'nor an unknown one' 66 'complaint-resolve merge-customer 7 nobody' </dev/null
check_err 'complaint-resolve: no customer nobody'

# The migration puts the phones of an older case file in E.164.  A
# reader leaves the file alone; the first writer (here a setting, written
# back as it is) migrates it.  old.db is made by dropping columns from a
# new file, whose chain was hashed with the rows column: TAMPERED.
export TAMPERED="old.db"
cp "$COMPLAINT_FILE" "$T/old.db"
sqlite3 "$T/old.db" "PRAGMA user_version = 2;
    $TO_SCHEMA2 $TO_SCHEMA2_ATTACHMENTS
    DELETE FROM settings WHERE key = 'phone.country';
    UPDATE customers SET phone = '0046 70-1234567' WHERE id = 5;
    UPDATE customers SET phone = '0812345' WHERE id = 7"
check 'a reader leaves an older case file at schema 2' 0 \
    "complaint-report -f $T/old.db list --customer +46701234567 | cut -f 1 &&
    sqlite3 $T/old.db 'PRAGMA user_version'" <<EOF
2
EOF
check 'an older case file is migrated by a writer' 0 \
    "complaint config -f $T/old.db currency EUR &&
    complaint-report -f $T/old.db list --customer +46701234567 | cut -f 1" <<EOF
10
11
12
13
14
EOF
check 'to schema 3 and on, phones in E.164 where they say their country' 0 \
    "sqlite3 $T/old.db 'PRAGMA user_version; SELECT id, phone FROM customers
    WHERE id IN (5, 7); SELECT value FROM settings WHERE key = \"phone.country\"'" <<EOF
9
5|+46701234567
7|0812345

EOF

# Issue 15: one number however it is written is one customer, found by
# any of its spellings, and counted by repeat.
check 'three spellings of one number' 0 "
    complaint-new --phone '070-999 88 77' -o C-1 Fan rattles &&
    complaint-new --phone '+46 70 999 88 77' -o C-2 Fan rattles again &&
    complaint-new --phone '070 999 88 77' -o C-3 Fan still rattles 2>/dev/null" <<EOF
18
19
20
EOF
check 'are one customer, listed by any spelling' 0 \
    "complaint-report list --customer '0709998877' | cut -f 1,5" <<EOF
18	+46709998877
19	+46709998877
20	+46709998877
EOF
check 'and repeat finds them' 0 'complaint-report repeat --min 3' <<EOF
14	5	Ann Lind	5	2026-11-22T10:00:00Z	2026-11-22T10:00:00Z
17	7	Bo Ek	3	2026-11-22T10:00:00Z	2026-11-22T10:00:00Z
20	8	+46709998877	3	2026-11-22T10:00:00Z	2026-11-22T10:00:00Z
EOF
complaint config phone.country '' >/dev/null
complaint-new -n Eva --phone '070-111 22 33' Lid loose </dev/null >/dev/null 2>&1
complaint config phone.country SE >/dev/null
check 'a number kept as digits before phone.country is found in E.164' 0 \
    "complaint-new --phone '+46 70 111 22 33' Lid loose again 2>/dev/null" <<EOF
22
EOF
check_sql 'and rewritten in it' "
    SELECT c.id, u.name, u.phone FROM cases c JOIN customers u
    ON u.id = c.customer WHERE c.id >= 21" <<EOF
21|Eva|+46701112233
22|Eva|+46701112233
EOF
