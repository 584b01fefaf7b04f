#!/bin/sh
# tests/complaint-new-csv.sh: bulk intake from CSV, on the real CFPB
# sample and on handwritten files with bad records.
. "$(dirname "$0")/lib.sh"

cat >"$T/ok.csv" <<'EOF'
Name,E-mail,received,Amount,Summary,Description,tags
Ann Berg,ann@example.se,2026-11-20,49.90,Kettle leaks,"It leaked
on the counter.","kettle,refund"
Budi,,2026-11-21,,Paket terlambat,,
EOF
check 'a CSV with headers by name' 0 'complaint-new --csv <ok.csv' <<EOF
line,id,status,severity,flags
2,1,new,medium,
4,2,new,medium,suspect
EOF
check_sql 'the rows are cases, with their customers and tags' "
    SELECT c.id, u.name, u.email, c.received, c.amount, c.summary,
    replace(c.description, char(10), '|'),
    (SELECT group_concat(tag) FROM tags WHERE case_id = c.id)
    FROM cases c JOIN customers u ON u.id = c.customer" <<EOF
1|Ann Berg|ann@example.se|2026-11-20T00:00:00Z|4990|Kettle leaks|It leaked|on the counter.|kettle,refund
2|Budi||2026-11-21T00:00:00Z||Paket terlambat||
EOF

cat >"$T/bad.csv" <<'EOF'
summary,received,amount,ref
Good one,2026-11-01,10.00,B1
Wrong count,2026-11-01
Bad date,2026-02-30,1.00,B3
Bad amount,2026-11-01,49.9.0,B4
Good two,2026-11-02,,B5
EOF
printf 'Bad \377 bytes,2026-11-03,,B6\n' >>"$T/bad.csv"
check 'bad records are reported by line and skipped; exit 65' 65 \
    'complaint-new --csv <bad.csv' <<EOF
line,id,status,severity,flags
2,3,new,medium,
6,4,new,medium,
EOF
cat >"$T/want" <<'EOF'
complaint-new: line 3: 2 fields, the header has 4
complaint-new: line 4: received: 2026-02-30 is not a time (use ISO 8601 like 2026-11-22 or 2026-11-22T17:41Z, now, today, yesterday, tomorrow, a weekday, or -3d, +7d, 24h)
complaint-new: line 5: amount: 49.9.0 is not an amount (like 49.90, 49.90 EUR or EUR 49.90)
complaint-new: line 7: summary is not valid UTF-8
complaint-new: 4 bad records skipped; 2 imported
EOF
if cmp -s "$T/want" "$T/.err"; then
	echo "ok - each bad record named with its line"
else
	echo "not ok - each bad record named with its line"
	diff "$T/want" "$T/.err" | sed 's/^/#   /'
fi
check 'importing it again creates nothing' 0 \
    'complaint-new --csv <bad.csv 2>/dev/null; sqlite3 cases.db "SELECT count(*) FROM cases"' <<EOF
line,id,status,severity,flags
2,3,new,medium,
6,4,new,medium,
4
EOF
sqlite3 "$COMPLAINT_FILE" .dump >"$T/before"
sed "s/B1/S1/; s/B5/S5/" "$T/bad.csv" >"$T/strict.csv"
check '--strict imports none when a record is bad' 65 \
    'complaint-new --csv --strict <strict.csv 2>/dev/null' </dev/null
sqlite3 "$COMPLAINT_FILE" .dump >"$T/after"
if cmp -s "$T/before" "$T/after"; then
	echo "ok - --strict left the case file as it was"
else
	echo "not ok - --strict left the case file as it was"
fi

printf 'summary,colour,size\nx,red,2\n' >"$T/unknown.csv"
check 'unknown columns are 64, named' 64 'complaint-new --csv <unknown.csv' </dev/null
check_err 'complaint-new: unknown columns: colour, size; map them with --map NAME=COLUMN or give --ignore-unknown'
check '--ignore-unknown' 0 'complaint-new --csv --ignore-unknown <unknown.csv' <<EOF
line,id,status,severity,flags
2,5,new,medium,suspect
EOF
printf 'Klagomål,Kund,Datum\nTrasig lampa,Åsa Lind,2026-11-05\n' >"$T/sv.csv"
check '--map renames foreign headers' 0 \
    'complaint-new --csv --map "summary=Klagomål,name=Kund,received=Datum" <sv.csv' <<EOF
line,id,status,severity,flags
2,6,new,medium,suspect
EOF
printf 'summary=Klagomål\nname=Kund\n# a comment\nreceived=Datum\n' >"$T/sv.map"
check '--map FILE' 0 \
    'sed "s/Trasig/Sprucken/" sv.csv | complaint-new --csv --map sv.map' <<EOF
line,id,status,severity,flags
2,7,new,medium,suspect
EOF
check 'a map naming no field is 64' 64 'complaint-new --csv --map "colour=Kund" <sv.csv' </dev/null
check 'no summary column is 64' 64 'printf "name\nAnn\n" | complaint-new --csv' </dev/null
check_err 'complaint-new: no summary column: map one with --map summary=COLUMN'
check 'a header twice is 65' 65 'printf "summary,Summary\nx,y\n" | complaint-new --csv' </dev/null
check_err 'complaint-new: column Summary appears twice in the header'
check 'empty input is 65' 65 'complaint-new --csv </dev/null' </dev/null
check 'a header alone imports nothing' 0 'printf "summary\n" | complaint-new --csv' <<EOF
line,id,status,severity,flags
EOF
printf 'summary,ref\n"open quote,Q1\n' >"$T/quote.csv"
check 'an unbalanced quote is a bad record' 65 'complaint-new --csv <quote.csv' <<EOF
line,id,status,severity,flags
EOF

if [ ! -f "$DATA/cfpb_complaints_sample.csv" ]; then
	skip 'the CFPB sample' "no $DATA"
	exit 0
fi
rm -f "$COMPLAINT_FILE" "$COMPLAINT_FILE"-*
check 'the CFPB sample: 6,623 records' 0 \
    "complaint-new --csv --map cfpb <$DATA/cfpb_complaints_sample.csv >cfpb.out && wc -l <cfpb.out && sed -n '2p;4p;\$p' cfpb.out" <<EOF
6624
2,1,new,medium,
5,3,new,medium,
9965,6623,new,medium,
EOF
check_sql 'every record, refs unique, extra fields and tags kept' "
    SELECT count(*), count(DISTINCT ref), max(length(description))
    FROM cases; SELECT count(*) FROM fields; SELECT count(*) FROM tags;
    SELECT count(*) FROM fields WHERE name = 'ZIP code' AND value LIKE '0%'" <<EOF
6623|6623|21928
56107
6768
394
EOF
check_sql 'one record as the CFPB map lays it out' "
    SELECT ref, received, channel, product, summary FROM cases WHERE id = 1;
    SELECT tag FROM tags WHERE case_id = 1;
    SELECT name, value FROM fields WHERE case_id = 1 ORDER BY name" <<EOF
3571115|2020-03-18T00:00:00Z|Web|Credit reporting, credit repair services, or other personal consumer reports / Credit reporting|Incorrect information on your report
Information belongs to someone else
Company|TRANSUNION INTERMEDIATE HOLDINGS, INC.
Company public response|Company has responded to the consumer and the CFPB and chooses not to provide a public response
Company response to consumer|Closed with explanation
Consumer consent provided?|Other
Consumer disputed?|N/A
Date sent to company|2020-03-18
State|FL
Timely response?|Yes
ZIP code|330XX
EOF
check_sql 'triage of the sample: severities and flags' "
    SELECT severity, ifnull(flags, ''), count(*) FROM cases
    GROUP BY 1, 2 ORDER BY 1, 2" <<EOF
2||6088
3||93
3|abuse|61
3|abuse,legal|3
3|legal|210
3|legal,abuse|117
4|legal,safety|18
4|legal,safety,abuse|4
4|safety|25
4|safety,abuse|4
EOF
check 'importing it again creates nothing new' 0 \
    "complaint-new --csv --map cfpb <$DATA/cfpb_complaints_sample.csv | cmp - cfpb.out && sqlite3 cases.db 'SELECT count(*) FROM cases'" <<EOF
6623
EOF
check 'the upstream file with its two junk lines: --skip 2' 0 \
    "complaint-new --csv --map cfpb --skip 2 <$DATA/cfpb_complaints_sample.upstream.csv | sed -n '2p;\$p'" <<EOF
4,1,new,medium,
9967,6623,new,medium,
EOF
check 'the log verifies' 0 'complaint-report verify | cut -f1,2' <<EOF
ok	6624 entries
ok	76263 rows match the log
EOF
check 'a case field given as an option with --csv is 64' 64 \
    'printf "email,summary\nopt@example.com,Kettle\n" | complaint-new --csv -c web' </dev/null
check 'it says why' 0 \
    'complaint-new --csv -c web </dev/null 2>&1 | head -1' <<EOF
complaint-new: --csv takes a case's fields from its row; give them as columns, not options
EOF
check_sql 'and nothing is read' \
    "SELECT count(*) FROM customers WHERE email = 'opt@example.com'" <<EOF
0
EOF

# A large import (a quarter of the file's size or more) drops the report
# and timeline indexes and the triggers of the stats tallies, and makes
# them again before its commit, the tallies counted again: the file's
# schema after it is the schema of a new file, and a refused one keeps it.
COMPLAINT_FILE=$T/big.db
export COMPLAINT_FILE
complaint init >/dev/null
sqlite3 "$COMPLAINT_FILE" "SELECT name, sql FROM sqlite_schema
    WHERE type IN ('index', 'trigger') ORDER BY name" >"$T/schema.before"
awk 'BEGIN { print "email,received,summary,description"
	for (i = 0; i < 600; i++)
		printf "c%d@example.com,2026-11-%02d,Parcel %d late,%0100d\n",
		    i % 70, 1 + i % 20, i, i }' >"$T/big.csv"
echo 'bad@example.com,2026-02-30,Bad date,' >>"$T/big.csv"
check 'a large import with a bad row and --strict is 65' 65 \
    'complaint-new --csv --strict <big.csv 2>/dev/null' </dev/null
check 'and the indexes are as they were' 0 "sqlite3 $COMPLAINT_FILE \
    \"SELECT name, sql FROM sqlite_schema WHERE type IN ('index',
    'trigger') ORDER BY name\" | cmp - schema.before && echo same" <<EOF
same
EOF
# shellcheck disable=SC2016
check 'a large import skips the bad row' 65 \
    'complaint-new --csv <big.csv >big.out; s=$?; sed -n "2p;\$p" big.out
    exit $s' <<EOF
2,1,new,medium,
601,600,new,medium,repeat:9
EOF
check_err 'complaint-new: line 602: received: 2026-02-30 is not a time (use ISO 8601 like 2026-11-22 or 2026-11-22T17:41Z, now, today, yesterday, tomorrow, a weekday, or -3d, +7d, 24h)
complaint-new: 1 bad record skipped; 600 imported'
check 'keeps every index and trigger of a new file, made again' 0 "sqlite3 \
    $COMPLAINT_FILE \"SELECT name, sql FROM sqlite_schema
    WHERE type IN ('index', 'trigger') ORDER BY name\" |
    cmp - schema.before && echo same" <<EOF
same
EOF
check 'the tallies count every case of the import' 0 \
    'complaint-report stats | sed -n 1,3p' <<EOF
cases	total	600
status	new	600
severity	medium	600
EOF
check 'the reports read them' 0 \
    'complaint-report list --status open --limit 2 --csv' <<EOF
id,received,status,severity,customer,summary
1,2026-11-01T00:00:00Z,new,medium,c0@example.com,Parcel 0 late
2,2026-11-02T00:00:00Z,new,medium,c1@example.com,Parcel 1 late
EOF

# A customer made with the import's row gets the language its words tell,
# in the same insert, and its first case counts for repeat.min as before.
complaint config -f "$T/lang.db" repeat.min 1
printf '%s\n' 'email,received,summary,description' \
    'sv@example.se,2026-11-20,Paketet kom aldrig,Jag har väntat i tre veckor och ingen svarar på mina mejl' \
    'sv@example.se,2026-11-21,Paketet kom aldrig,Jag har fortfarande inte fått paketet och ingen svarar' \
    >"$T/lang.csv"
check 'a new customer of an import: language and repeat count' 0 \
    "complaint-new -f lang.db --csv <lang.csv | cut -d, -f2,5-" <<EOF
id,flags
1,repeat:1
2,"duplicate:1,repeat:2"
EOF
check 'the customer is written once, with the language' 0 \
    "sqlite3 lang.db \"SELECT id, email, lang FROM customers;
    SELECT count(*) FROM audit WHERE rows LIKE '%customers%'\"" <<EOF
1|sv@example.se|sv
1
EOF
