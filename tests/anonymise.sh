#!/bin/sh
# tests/anonymise.sh: complaint-resolve anonymise erases the person from
# every column complaint(5) lists, in their cases and in others', from the
# log (redactions that verify), and from the file's free pages and its WAL:
# strings(1) over cases.db, -wal and -shm after 100 more writes finds
# neither their name, nor their e-mail, nor their phone.
. "$(dirname "$0")/lib.sh"

N='Yolanda Quarrington'
E=yolanda.q@example.org
P='+46 70 999 88 77'
# what strings must not find: name, e-mail, phone as written and stored,
# and the contacts of the customer merged into them
cat >"$T/found.sh" <<'EOF'
for f in cases.db cases.db-wal cases.db-shm; do
	[ -f "$f" ] || { echo "$f: none"; continue; }
	echo "$f: $(strings -a "$f" | grep -c -i -e Quarrington -e Yolanda \
	    -e yolanda.q@ -e yq@example.net -e 709998877 -e '999 88 77')"
done
EOF

{
complaint-new -n "$N" -e "$E" --phone "$P" -o ORD-Quarrington-709998877 \
    -t vip-quarrington -r 2026-11-20 -m "Write to $E or ring $P" \
    "Kettle of $N leaks"
complaint-new -n 'Otto Other' -e otto@example.com -t quarrington-witness \
    -r 2026-11-20 -m "my neighbour $N saw it" Parcel late
printf 'take' >"$T/quarrington-call.wav"
printf '10:05 I rang %s on %s, she had paid 10 EUR.\n' "$N" "$P" |
    complaint-interview -r employee -p Per \
    --recording "$T/quarrington-call.wav" 1
printf '10:00 I am %s and I paid 20 EUR.\n' "$N" |
    complaint-interview -r complainant 1
printf '11:00 I saw the parcel at the door.\n' |
    complaint-interview -r employee -p Per 2
printf '11:05 The neighbour, %s, told me so.\n' "$E" |
    complaint-interview -r witness -p "$N" 2
complaint-compare --record 1
complaint-resolve explain 1 D1 -m "$N and Per agree on 10 EUR"
complaint-resolve ack 1 -m "rang $N"
complaint-resolve propose 1 refund 10.00 -m "refund to $N"
complaint-resolve propose 2 refund 5.00 -m 'as Quarrington saw'
complaint-resolve escalate 1 -m "$N threatens" --ticket T-Quarrington-1
complaint-resolve escalate 2 -m "ask $E" --ticket T-Quarrington-2
complaint-resolve decide 1 -m 'Quarrington was right' --favour customer \
    --no-evidence
complaint-resolve follow-up 1 --in 7d
complaint-resolve follow-up 1 --done --satisfied yes -m "Yolanda happy, $P"
printf 'pdf' >"$T/quarrington-receipt.pdf"
complaint-resolve attach 1 "$T/quarrington-receipt.pdf" -m "receipt of $E"
complaint-resolve note 1 --in -m "Yolanda rang from $P"
complaint-resolve note 2 --in -m "Otto says Yolanda saw it"
complaint-resolve close 1 --cause product-defect -m "call $N sooner"
sed -e "s/Dana Ek <dana@example.com>/$N <$E>/" \
    -e 's/receipt attached/receipt of Quarrington/' \
    -e 's/kvitto%C3%A5/quarrington/' "$TOP/tests/mail/en-attachment.eml" |
    complaint-new --mail
printf 'Complaint ID,Date received,Issue,Consumer complaint narrative,%s\n' \
    'Company,State' >"$T/c.csv"
printf '77,2026-11-19,Fees,"%s paid, again",Quarrington Ltd,%s\n' "$N" \
    "$E" >>"$T/c.csv"
complaint-new --csv --map cfpb <"$T/c.csv"
complaint-new -n "$N" -e "$E" -r 2026-11-21 Second kettle
printf '12:00 I, %s, saw the second one.\n' "$N" |
    complaint-interview -r complainant --reason 'she came first' 5
complaint-resolve merge 2 5
complaint-new -n 'Y. Quarrington' -e yq@example.net -r 2026-11-21 Third thing
complaint-resolve merge-customer 1 3
} </dev/null >/dev/null 2>&1

# (before any sqlite3(1) shell, which empties the WAL as it closes)
check 'seeded: strings finds them in the file and its WAL' 0 \
    "sh $T/found.sh | sed 's/: [1-9][0-9]*\$/: some/'" <<EOF
cases.db: 0
cases.db-wal: some
cases.db-shm: 0
EOF

check_sql 'seeded: their cases, and others naming them' \
    'SELECT id, customer, merged_into FROM cases' <<EOF
1|1|
2|2|
3|1|
4||
5|1|2
6|1|
EOF
check 'and in the main file once the WAL is checkpointed' 0 \
    "sh $T/found.sh | sed 's/: [1-9][0-9]*\$/: some/'" <<EOF
cases.db: some
cases.db-wal: none
cases.db-shm: none
EOF

check 'anonymise' 0 'complaint-resolve anonymise 1 --yes' <<EOF
customer 1	anonymised	4 cases
EOF
check 'the WAL is emptied at once' 0 'wc -c <cases.db-wal' <<EOF
0
EOF

# 100 more writes: the WAL fills again, from clean pages
i=0
while [ $i -lt 100 ]; do
	i=$((i + 1))
	complaint-resolve escalate 2 -m "write $i" </dev/null >/dev/null ||
	    echo "not ok - write $i"
done
check 'after 100 more writes strings finds nothing of them' 0 \
    "sh $T/found.sh" <<EOF
cases.db: 0
cases.db-wal: 0
cases.db-shm: 0
EOF
check_sql 'their own cases: words gone, counts and dates stay' "
    SELECT id, summary, description IS NULL, order_ref IS NULL, lesson,
    ref GLOB 'sha256:*' FROM cases WHERE customer = 1;
    SELECT * FROM customers WHERE id = 1;
    SELECT count(*) FROM customers" <<EOF
1|(anonymised)|1|1|call (anonymised) sooner|
3|(anonymised)|1|1||1
5|(anonymised)|1|1||
6|(anonymised)|1|1||
1|(anonymised)|||en|2026-11-22T10:00:00Z|2026-11-22T10:00:00Z
2
EOF
check_sql 'others keep theirs, but not the mentions' "
    SELECT id, summary, description FROM cases WHERE id IN (2, 4);
    SELECT name, email FROM customers WHERE id = 2;
    SELECT case_id, name, value FROM fields;
    SELECT case_id, tag FROM tags ORDER BY case_id, tag" <<EOF
2|Parcel late|my neighbour (anonymised) saw it
4|Fees|(anonymised) paid, again
Otto Other|otto@example.com
4|Company|(anonymised) Ltd
4|State|(anonymised)
EOF
check_sql 'accounts, statements, recordings, discrepancies' "
    SELECT a.case_id, a.role, a.party, s.text FROM accounts a
    JOIN statements s ON s.account = a.id ORDER BY a.id;
    SELECT path FROM recordings;
    SELECT facets IS NULL FROM discrepancies" <<EOF
1|employee|Per|I rang (anonymised) on (anonymised), she had paid 10 EUR.
1|complainant|(anonymised)|(anonymised)
2|employee|Per|I saw the parcel at the door.
2|witness|(anonymised)|(anonymised)
2|complainant|(anonymised)|(anonymised)
(anonymised)
1
EOF
check_sql 'explanations: theirs replaced' "
    SELECT d.case_id, x.text FROM explanations x
    JOIN discrepancies d ON d.id = x.discrepancy" <<EOF
1|(anonymised)
EOF
check_sql 'offers, escalations, decisions, follow-ups, events' "
    SELECT case_id, note FROM proposals;
    SELECT case_id, reason, ticket FROM escalations
    WHERE reason NOT GLOB 'write *';
    SELECT rationale FROM decisions;
    SELECT note FROM followups;
    SELECT count(*) FROM events WHERE case_id IN (1, 3, 5, 6)
    AND note IS NOT NULL" <<EOF
1|
2|as (anonymised) saw
1|(anonymised)|
2|ask (anonymised)|T-(anonymised)-2
(anonymised)

0
EOF
check_sql 'attachments and communications' "
    SELECT case_id, name, path, note FROM attachments;
    SELECT case_id, party, subject, text FROM communications" <<EOF
1|||
3|||
1|||(anonymised)
2|||Otto says (anonymised) saw it
EOF
check_sql 'the log: their entries and the mentions redacted, named' "
    SELECT group_concat(id) FROM audit WHERE redacted IS NOT NULL;
    SELECT json_array_length(content, '\$.redacted') FROM audit
    WHERE action = 'anonymise'" <<EOF
2,3,4,5,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,28,29,30
27
EOF

check 'verify passes' 0 'complaint-report verify | cut -f1,2' <<EOF
ok	131 entries
ok	403 rows match the log
ok	1 recordings
EOF
check 'export --customer shows nothing of them' 1 \
    "complaint-report export --customer 1 --json | grep -c -i -e Quarrington -e Yolanda -e yolanda.q@ -e yq@example -e 709998877 -e '999 88 77'" <<EOF
0
EOF
check 'nor the CSV export' 1 \
    "complaint-report export --csv -o $T/out --customer 1 && cat $T/out/* | grep -c -i -e Quarrington -e Yolanda -e yolanda.q@ -e 709998877" <<EOF
0
EOF
