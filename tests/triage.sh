#!/bin/sh
# shellcheck disable=SC2016
# tests/triage.sh: triage at intake (rules in three languages, money,
# suspect, duplicate, repeat), its verdict on stderr and with -N, due
# times in calendar and working time, and complaint config rule.
. "$(dirname "$0")/lib.sh"

check 'a plain complaint: the default severity, due by the policy' 0 \
    'complaint-new -e ann@example.se -o A-1 -r 2026-11-20 Kettle leaks' <<EOF
1
EOF
check_err 'complaint-new: case 1: medium; acknowledge by 2026-11-21T00:00:00Z, resolve by 2026-11-27T00:00:00Z'
check 'a lawyer raises it to high; nearly the same summary is a duplicate' 0 \
    'complaint-new -e ann@example.se -r 2026-11-21 -m "My LAWYER will call." "The kettle leaks!"' <<EOF
2
EOF
check_err 'complaint-new: case 2: high; flags legal,duplicate:1; rules legal lawyer*; acknowledge by 2026-11-21T04:00:00Z, resolve by 2026-11-24T00:00:00Z'
check 'an explicit -s wins, the rules verdict is still told; same order is a duplicate; third case is a repeat' 0 \
    'complaint-new -e ann@example.se -o a-1 -r 2026-11-22 -a "2500 EUR" -s low Lid missing' <<EOF
3
EOF
check_err 'complaint-new: case 3: low (-s; the rules said high); flags duplicate:1,repeat:3; rules money 1000.00; acknowledge by 2026-11-25T00:00:00Z, resolve by 2026-12-06T00:00:00Z'
check_sql 'severity, flags and due times are stored' \
    'SELECT id, severity, flags, ack_due, resolve_due FROM cases' <<EOF
1|2||2026-11-21T00:00:00Z|2026-11-27T00:00:00Z
2|3|legal,duplicate:1|2026-11-21T04:00:00Z|2026-11-24T00:00:00Z
3|1|duplicate:1,repeat:3|2026-11-25T00:00:00Z|2026-12-06T00:00:00Z
EOF
check 'the audit entry explains the triage' 0 \
    "sqlite3 $COMPLAINT_FILE \"SELECT json_extract(content, '\$.triage') FROM audit WHERE case_id = 3\"" <<EOF
{"severity":"high","flags":"duplicate:1,repeat:3","rules":[{"id":90,"kind":"money","pattern":"1000.00","severity":"high"}],"ack_due":"2026-11-25T00:00:00Z","resolve_due":"2026-12-06T00:00:00Z"}
EOF

# Swedish and Indonesian words, with and without their accents.
check 'Swedish: stämning without regard to case or accents' 0 \
    'complaint-new -N -n "Åsa Lind" -e asa@example.se Jag hotar med STAMNING och advokaten' <<EOF
case	4
severity	high
flags	legal
rules	legal advokat*, legal stämning
ack-due	2026-11-22T14:00:00Z
resolve-due	2026-11-25T10:00:00Z
lang	sv
EOF
check 'Indonesian: a phrase across words, safety is critical' 0 \
    'complaint-new -N -e budi@example.id "Anak saya masuk rumah   sakit, keracunan"' <<EOF
case	4
severity	critical
flags	safety
rules	safety keracunan, safety rumah sakit
ack-due	2026-11-22T11:00:00Z
resolve-due	2026-11-23T10:00:00Z
lang	
EOF
check 'word boundaries: suede is not sue, courtesy is not court' 0 \
    'complaint-new -N -e c@example.com Suede shoes and no courtesy at all | sed -n 3,4p' <<EOF
flags	
rules	
EOF
check 'too little to act on is suspect' 0 \
    'complaint-new -N Broken | sed -n 3,4p' <<EOF
flags	suspect
rules	suspect: no contact, no order, few words
EOF
check 'a test phrase is suspect' 0 \
    'complaint-new -N -e t@example.com This is a TEST, please ignore | sed -n 3p' <<EOF
flags	suspect
EOF
check_sql 'a dry run writes nothing' 'SELECT count(*) FROM cases; SELECT count(*) FROM audit' <<EOF
3
4
EOF
printf 'email,summary,description\nz@example.com,Burnt hand,\nz@example.com,Burnt hand!,again\n' >"$T/dry.csv"
check 'a dry run of a CSV: the rows it would print, a duplicate inside the file' 0 \
    'complaint-new -N --csv <dry.csv' <<EOF
line,id,status,severity,flags
2,4,new,critical,safety
3,5,new,critical,"safety,duplicate:4"
EOF
check_sql 'and nothing was written' 'SELECT count(*) FROM cases' <<EOF
3
EOF
check 'a dry run needs a case file' 66 'complaint-new -N -f none.db x' </dev/null
check_err 'complaint-new: no case file none.db; a dry run triages against one (complaint init makes it)'
test -e none.db && echo 'not ok - the dry run created none.db'

# Rules are data: add, list, remove, each logged.
check 'config rule add prints the new id' 0 \
    'complaint config rule add -l sv -s critical -F safety safety "gasläck*"' <<EOF
119
EOF
check 'the new rule fires' 0 \
    'complaint-new -N -e d@example.se Gasläckan i köket | sed -n 2,4p' <<EOF
severity	critical
flags	safety
rules	safety gasläck*
EOF
check 'config rule list' 0 'complaint config rule list | sed -n "1p;90p;\$p"' <<EOF
1	legal	en	lawyer*	high	legal
90	money		1000.00	high	
119	safety	sv	gasläck*	critical	safety
EOF
check 'a rule with * inside is refused' 65 'complaint config rule add -s high legal "a*b"' </dev/null
check_err 'complaint: rule pattern a*b: give words, with * only at the end'
check 'a rule that does nothing is refused' 65 'complaint config rule add legal court' </dev/null
check_err 'complaint: rule court would do nothing; give it a severity or a flag'
check 'a money rule needs an amount' 65 'complaint config rule add -s high money "12 bananas"' </dev/null
check 'config rule rm' 0 'complaint config rule rm 119 && complaint config rule list | wc -l' <<EOF
118
EOF
check 'rm of a missing rule is 66' 66 'complaint config rule rm 119' </dev/null
check_err 'complaint: no rule 119; complaint config rule list shows them'
check 'rule changes are in the log' 0 \
    'complaint-report log | cut -f5 | tail -2' <<EOF
rule-add
rule-rm
EOF

# Working hours: Stockholm, mon-fri 09:00-17:00, Christmas off.
complaint config tz Europe/Stockholm
complaint config sla.week 'mon-fri 09:00-17:00'
complaint config sla.holidays '2026-12-24,2026-12-25'
check 'high on a Friday afternoon: 4 working hours run into Monday' 0 \
    'complaint-new -N -e e@example.se -r 2026-11-20T15:00:00Z -s high Fan rattles | grep due' <<EOF
ack-due	2026-11-23T11:00:00Z
resolve-due	2026-11-25T15:00:00Z
EOF
check 'a Saturday complaint starts at Monday 09:00; holidays are skipped' 0 \
    'COMPLAINT_NOW=2026-12-21T10:00:00Z complaint-new -N -e e@example.se -r 2026-12-19T12:00:00Z -s low Fan rattles again | grep due' <<EOF
ack-due	2026-12-28T08:00:00Z
resolve-due	2027-01-12T08:00:00Z
EOF
check 'a bad working week is 65' 65 "complaint config sla.week 'weekdays 9-5'" </dev/null
check_err 'complaint: sla.week: give days and hours like "mon-fri 09:00-17:00, sat 10:00-14:00"'
check 'a bad holiday is 65' 65 "complaint config sla.holidays '2026-02-30'" </dev/null
check_err 'complaint: sla.holidays: 2026-02-30 is not a date (give dates like 2026-12-25, separated by commas)'
check 'an unknown time zone is 65' 65 'complaint config tz Mars/Olympus' </dev/null
check_err 'complaint: tz: no time zone Mars/Olympus in /usr/share/zoneinfo (give a name like Europe/Stockholm or UTC; install tzdata)'

# The customer's language: given with -l or a lang column, else told by
# the small words of the complaint; a guess never replaces a known one.
check 'Swedish words make a Swedish customer' 0 \
    'complaint-new -e sv@example.se -m "Jag fick fel vara och det var inte det jag beställde" Fel vara' <<EOF
4
EOF
check 'Indonesian words make an Indonesian customer' 0 \
    'complaint-new -e id@example.id -m "Saya sudah membayar tetapi barang belum sampai" Paket' <<EOF
5
EOF
check 'too few small words tell nothing' 0 \
    'complaint-new -e none@example.com -o X-1 Kettle broken' <<EOF
6
EOF
check 'a given language wins, and only its primary subtag is kept' 0 \
    'complaint-new -e en@example.com -l EN-gb -m "Jag fick fel vara och det var inte det jag ville" Wrong item' <<EOF
7
EOF
check 'a guess does not replace a known language' 0 \
    'complaint-new -e sv@example.se -m "I was charged twice and this is not what we agreed" Double charge' <<EOF
8
EOF
check_sql 'the customers'"'"' languages' \
    "SELECT email, ifnull(lang, '-') FROM customers WHERE email IN ('sv@example.se', 'id@example.id', 'none@example.com', 'en@example.com') ORDER BY id" <<EOF
sv@example.se|sv
id@example.id|id
none@example.com|-
en@example.com|en
EOF
check 'the guess is in the audit entry, the given language in the case' 0 \
    "sqlite3 $COMPLAINT_FILE \"SELECT case_id, ifnull(json_extract(content, '\$.lang'), '-'), ifnull(json_extract(content, '\$.triage.lang'), '-') FROM audit WHERE case_id IN (4, 7, 8) AND action = 'new'\"" <<EOF
4|-|sv
7|EN-gb|sv
8|-|en
EOF
check 'the acknowledgement is in the customer'"'"'s language' 0 \
    'complaint-resolve ack 4 --message | sed -n 3p; complaint-resolve ack 5 --message | sed -n 3p; complaint-resolve ack 7 --message | sed -n 3p' <<EOF
Hej customer,
Yth. customer,
Dear customer,
EOF
check 'a language that is no language code is 65' 65 \
    'complaint-new -e x@example.com -l "en gb" Kettle' </dev/null
check_err 'complaint-new: language en gb is not a language code (like en, id, sv or sv-SE)'
check 'a CSV lang (or language) column gives the language' 0 \
    'printf "email,summary,Language\ncsv@example.com,Kettle,id-ID\n" | complaint-new --csv' <<EOF
line,id,status,severity,flags
2,9,new,medium,
EOF
check_sql 'and it is kept' \
    "SELECT lang FROM customers WHERE email = 'csv@example.com'" <<EOF
id
EOF
check 'a bad lang in a CSV row is a bad row' 65 \
    'printf "email,summary,lang\ncsv2@example.com,Kettle,1x\n" | complaint-new --csv' <<EOF
line,id,status,severity,flags
EOF
check_err 'complaint-new: line 2: language 1x is not a language code (like en, id, sv or sv-SE)
complaint-new: 1 bad record skipped; 0 imported'
check 'language codes: region, script and region, underscore' 0 \
    'for l in pt_BR zh-Hant-TW fil; do complaint-new -N -e x@example.com -l $l Kettle | tail -1; done' <<EOF
lang	pt
lang	zh
lang	fil
EOF
check 'a primary part of four letters is no code' 65 \
    'complaint-new -N -e x@example.com -l engl Kettle' </dev/null
check_err 'complaint-new: language engl is not a language code (like en, id, sv or sv-SE)'

# A customer with many cases: repeat is counted up to 100, the duplicate
# check looks at the open ones among the latest 50.
awk 'BEGIN { print "email,summary,received,order"
	for (i = 1; i <= 104; i++)
		printf "many@example.com,Item %d missing,2026-11-%02dT%02d:00:00Z,O-%d\n",
		    i, 1 + int(i / 24), i % 24, i }' >many.csv
complaint-new --csv <many.csv >/dev/null 2>&1
last=$(sqlite3 "$COMPLAINT_FILE" "SELECT id FROM cases WHERE order_ref = 'O-104'")
check 'repeat counts up to 100, then says 100' 0 \
    'complaint-new -N -e many@example.com -r 2026-11-10 Other thing |
    grep flags' <<EOF
flags	repeat:100
EOF
check 'an order among the latest 50 is a duplicate' 0 \
    'complaint-new -N -e many@example.com -r 2026-11-10 -o O-104 Other thing |
    grep flags' <<EOF
flags	duplicate:$last,repeat:100
EOF
check 'an order older than the latest 50 is not looked at' 0 \
    'complaint-new -N -e many@example.com -r 2026-11-10 -o O-9 Other thing |
    grep flags' <<EOF
flags	repeat:100
EOF
check_sql 'the 99th and 100th cases count, none says more than 100' \
    "SELECT order_ref, flags FROM cases WHERE order_ref IN ('O-99', 'O-100',
    'O-104') ORDER BY id" <<EOF
O-99|repeat:99
O-100|repeat:100
O-104|repeat:100
EOF

# Rules in any script: plain words, Cyrillic and Vietnamese, matched on
# base letters (case and marks off) as the text is.  Ids are reused:
# rule 119 was removed above.
check 'a rule of plain words is taken' 0 \
    'complaint config rule add -s critical -F safety safety "gas leak"' <<EOF
119
EOF
check 'a Cyrillic rule is taken' 0 \
    'complaint config rule add -s critical -F safety safety "пожар"' <<EOF
120
EOF
check 'a Vietnamese rule is taken' 0 \
    'complaint config rule add -s critical -F safety safety "cháy nổ"' <<EOF
121
EOF
check 'the plain rule fires across case' 0 \
    'complaint-new -N -e r1@example.com "A GAS LEAK in the hall" | grep rules' <<EOF
rules	safety gas leak
EOF
check 'the Cyrillic rule fires in capitals' 0 \
    'complaint-new -N -e r2@example.com "ПОЖАР в магазине сегодня" |
    grep rules' <<EOF
rules	safety пожар
EOF
check 'the Vietnamese rule fires without its marks' 0 \
    'complaint-new -N -e r3@example.com "Chay no o cua hang hom nay" |
    grep rules' <<EOF
rules	safety cháy nổ
EOF
check 'a rule with * in its first word is refused' 65 \
    'complaint config rule add -s high legal "gas* leak"' </dev/null
check_err 'complaint: rule pattern gas* leak: give words, with * only at the end'
