#!/bin/sh
# tests/explain.sh: discrepancies name the two accounts they compare, are
# explained with complaint-resolve explain (logged, one transaction, a
# second time only with --again), and the dossier lists open and
# explained ones apart, with the witnesses placed between the parties.
. "$(dirname "$0")/lib.sh"

# shellcheck disable=SC2016 # run's shell expands it
run() { sh -c "$1" >/dev/null 2>"$T/.err" </dev/null || cat "$T/.err"; }

# A Swedish dispute: the assistant Erik, the customer Åsa, a witness.
run "complaint-new -n 'Åsa Lind' -e asa@example.se -E Erik -l sv \
    -r 2026-11-20T09:00:00Z 'Tröjor och kvitto'"
run "printf '%s\n' '10:05 Kunden hade tre tröjor på bandet.' \
    '10:07 Jag har aldrig höjt rösten.' '10:10 Kunden fick kvittot.' |
    complaint-interview -r employee -p Erik -i Eva 1"
run "printf '%s\n' '10:05 Jag hade två tröjor.' '10:07 Erik höjde rösten.' \
    '10:10 Jag fick inget kvitto.' '10:12 Jag gick hem.' |
    complaint-interview -r complainant -p 'Åsa Lind' -i Eva 1"
run "printf '%s\n' '10:05 Kunden hade tre tröjor på bandet.' |
    complaint-interview -r witness -p Ola -i Eva 1"
check 'the comparison is recorded' 1 'complaint-compare -r 1 >/dev/null' \
    </dev/null
# A file of schema 6 (below): this one, before the discrepancies had
# accounts or explanations.
sqlite3 "$COMPLAINT_FILE" ".backup '$T/v6.db'"
check_sql 'each discrepancy keeps its two accounts' \
    'SELECT id, account_a, account_b, mark FROM discrepancies ORDER BY id' <<EOF
1|1|2|~
2|1|2|~
3|1|2|~
4|1|2|>
EOF
check 'show: the discrepancies name their accounts' 0 \
    'complaint-report show 1 | sed -n "/^discrepancies/,/^\$/p"' <<EOF
discrepancies
1	employee v1 against complainant v1	~	number tre -> två; words -bandet	Kunden hade tre tröjor på bandet.	Jag hade två tröjor.
2	employee v1 against complainant v1	~	negation: denied -> affirmed	Jag har aldrig höjt rösten.	Erik höjde rösten.
3	employee v1 against complainant v1	~	negation: affirmed -> denied	Kunden fick kvittot.	Jag fick inget kvitto.
4	employee v1 against complainant v1	>			Jag gick hem.
EOF
check 'show: the witness placed between the parties' 0 \
    'complaint-report show 1 | sed -n "/^witnesses/,/^\$/p"' <<EOF
witnesses
Ola	w1:1	corroborates the employee's 1; contradicts the complainant's 1 (number tre -> två; words -bandet)	Kunden hade tre tröjor på bandet.

EOF

# A second case, to cite across.
run "complaint-new -n 'Per Holm' -E Erik 'Lampa trasig'"
run "printf '10:00 Lampan var hel.\n' |
    complaint-interview -r employee -p Erik -i Eva 2"

check 'explain without -m is 64, with its usage' 64 \
    'complaint-resolve explain 1 D2 2>&1' <<EOF
complaint-resolve: an explanation is needed: say with -m what settled the discrepancy
usage: complaint-resolve explain CASE D3 -m TEXT [--cite REF[,REF...]] [--again]
EOF
check 'explain takes a case and one discrepancy' 64 \
    "complaint-resolve explain 1 -m 'x'" </dev/null
check 'an unknown discrepancy is 65' 65 \
    "complaint-resolve explain 1 D9 -m 'x'" </dev/null
check_err 'complaint-resolve: case 1 has no discrepancy D9; complaint-report show 1 lists them'
check 'a discrepancy of another case is 65' 65 \
    "complaint-resolve explain 2 D1 -m 'x'" </dev/null
check_err 'complaint-resolve: case 2 has no discrepancy D1; complaint-report show 2 lists them'
check 'a ref that is no discrepancy is 65' 65 \
    "complaint-resolve explain 1 S2 -m 'x'" </dev/null
check_err 'complaint-resolve: S2 is not a discrepancy; give its number as the dossier shows it (D3)'
check 'citing a statement of another case is 65' 65 \
    "complaint-resolve explain 1 D2 -m 'x' --cite S2,S9" </dev/null
check_err 'complaint-resolve: --cite S9: case 1 has no statement 9'
check 'an unknown kind of evidence is 65' 65 \
    "complaint-resolve explain 1 D2 -m 'x' --cite Q1" </dev/null
check_err 'complaint-resolve: --cite Q1: give S12 (a statement), D3 (a discrepancy), R1 (a recording), A2 (an attachment) or C4 (a communication)'
check 'an explanation that is not UTF-8 is 65' 65 \
    "complaint-resolve explain 1 D2 -m \"\$(printf 'bad \\377')\"" </dev/null
check_err 'complaint-resolve: the explanation is not valid UTF-8'
check_sql 'nothing was written' 'SELECT count(*) FROM explanations;
    SELECT count(*) FROM events WHERE action = "explain"' <<EOF
0
0
EOF

run "complaint-resolve note 1 --in --channel phone \
    --at 2026-11-21T09:00:00Z -m 'Åsa: Erik bad om ursäkt, han var stressad.'"
check 'explain: one discrepancy settled, with its evidence' 0 \
    "complaint-resolve explain 1 D2 --cite S2,C1 \
    -m 'Talade med båda var för sig: Erik medger att han höjde rösten.'" <<EOF
1	D2	explained	employee v1 against complainant v1
EOF
check_sql 'the explanation, and its step on the timeline' \
    'SELECT id, discrepancy, text, cites, at, actor FROM explanations;
    SELECT action, status_from, status_to, note FROM events
    WHERE action = "explain"' <<EOF
1|2|Talade med båda var för sig: Erik medger att han höjde rösten.|S2,C1|2026-11-22T10:00:00Z|tester
explain|investigating|investigating|D2: Talade med båda var för sig: Erik medger att han höjde rösten.
EOF
check_sql 'logged with the rows it wrote' \
    "SELECT content FROM audit WHERE action = 'explain';
    SELECT json_extract(r.value, '\$[0]'), json_extract(r.value, '\$[1]')
    FROM audit a, json_each(a.rows) r WHERE a.action = 'explain'
    ORDER BY 1" <<EOF
{"case":1,"discrepancy":2,"between":"employee v1 against complainant v1","text":"Talade med båda var för sig: Erik medger att han höjde rösten.","cites":"S2,C1"}
events|9
explanations|1
EOF
check 'explaining it twice is refused' 65 \
    "complaint-resolve explain 1 2 -m 'Igen'" </dev/null
check_err 'complaint-resolve: discrepancy D2 of case 1 is already explained (2026-11-22T10:00:00Z by tester); give --again to add to its explanation'
check '--again adds to the explanation' 0 \
    "COMPLAINT_USER=lena complaint-resolve explain 1 D2 --again \
    -m 'Kassaloggen visar att Erik bad om ursäkt samma dag.'" <<EOF
1	D2	explained again	employee v1 against complainant v1
EOF
check 'show: open and explained discrepancies apart' 0 \
    'complaint-report show 1 | sed -n "/^discrepancies/,\$ p"' <<EOF
discrepancies
1	employee v1 against complainant v1	~	number tre -> två; words -bandet	Kunden hade tre tröjor på bandet.	Jag hade två tröjor.
3	employee v1 against complainant v1	~	negation: affirmed -> denied	Kunden fick kvittot.	Jag fick inget kvitto.
4	employee v1 against complainant v1	>			Jag gick hem.

explained
2	employee v1 against complainant v1	~	negation: denied -> affirmed	Jag har aldrig höjt rösten.	Erik höjde rösten.	2026-11-22T10:00:00Z	tester	Talade med båda var för sig: Erik medger att han höjde rösten.	S2,C1
2	employee v1 against complainant v1	~	negation: denied -> affirmed	Jag har aldrig höjt rösten.	Erik höjde rösten.	2026-11-22T10:00:00Z	lena	Kassaloggen visar att Erik bad om ursäkt samma dag.	
EOF
check 'show --csv names the columns' 0 \
    'complaint-report show 1 --csv | grep -e "^discrepancies\.1\." -e "^explained\.1\."' <<EOF
discrepancies.1.discrepancy,1
discrepancies.1.between,employee v1 against complainant v1
discrepancies.1.mark,~
discrepancies.1.facets,number tre -> två; words -bandet
discrepancies.1.first,Kunden hade tre tröjor på bandet.
discrepancies.1.second,Jag hade två tröjor.
explained.1.discrepancy,2
explained.1.between,employee v1 against complainant v1
explained.1.mark,~
explained.1.facets,negation: denied -> affirmed
explained.1.first,Jag har aldrig höjt rösten.
explained.1.second,Erik höjde rösten.
explained.1.explained,2026-11-22T10:00:00Z
explained.1.actor,tester
explained.1.explanation,Talade med båda var för sig: Erik medger att han höjde rösten.
explained.1.cites,"S2,C1"
EOF
check 'show --json: open, explained and the witnesses' 0 \
    "complaint-report show 1 --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print([x[\"discrepancy\"] for x in d[\"discrepancies\"]])
print([(x[\"discrepancy\"], x[\"actor\"], x.get(\"cites\")) for x in d[\"explained\"]])
print(d[\"witnesses\"][0][\"witness\"], d[\"witnesses\"][0][\"statement\"])'" <<EOF
[1, 3, 4]
[(2, 'tester', 'S2,C1'), (2, 'lena', None)]
Ola w1:1
EOF
check 'the HTML dossier in Swedish: open, explained, witnesses' 0 \
    "complaint-report show --html --lang sv 1 | grep -o -e '<h2>[^<]*avvikelser</h2>' \
    -e '<h2>Vad vittnena stöder</h2>' -e '<tr id=\"d[0-9]*\"' \
    -e '<th>Jämförda redogörelser</th>' -e '<td>employee v1 against complainant v1</td>' |
    uniq -c | sed 's/^ *//'" <<EOF
1 <h2>Vad vittnena stöder</h2>
1 <h2>Oförklarade avvikelser</h2>
1 <th>Jämförda redogörelser</th>
1 <tr id="d1"
1 <td>employee v1 against complainant v1</td>
1 <tr id="d3"
1 <td>employee v1 against complainant v1</td>
1 <tr id="d4"
1 <td>employee v1 against complainant v1</td>
1 <h2>Förklarade avvikelser</h2>
1 <th>Jämförda redogörelser</th>
1 <tr id="d2"
2 <td>employee v1 against complainant v1</td>
EOF
check 'the HTML dossier in Indonesian labels them too' 0 \
    "complaint-report show --html --lang id 1 | grep -o -e '<h2>Perbedaan[^<]*</h2>' \
    -e '<h2>Yang didukung para saksi</h2>'" <<EOF
<h2>Yang didukung para saksi</h2>
<h2>Perbedaan yang belum dijelaskan</h2>
<h2>Perbedaan yang sudah dijelaskan</h2>
EOF

# Recorded again, a comparison keeps the numbers it finds again.
check 'the comparison recorded again' 1 'complaint-compare -r 1 >/dev/null' \
    </dev/null
check_sql 'D1 to D4 are the same rows; the explanations stay' \
    'SELECT id, stmt_a, stmt_b, mark FROM discrepancies ORDER BY id;
    SELECT discrepancy, actor FROM explanations ORDER BY id' <<EOF
1|1|4|~
2|2|5|~
3|3|6|~
4||7|>
2|tester
2|lena
EOF

# A retelling: the complainant's two versions compared.
run "printf '%s\n' '10:05 Jag hade två tröjor.' '10:07 Erik höjde rösten.' \
    '10:10 Jag fick kvittot men det var fel.' |
    complaint-interview -r complainant -p 'Åsa Lind' -i Eva 1"
check 'complainant v1 against v2' 1 'complaint-compare -r 2 5 >/dev/null' \
    </dev/null
check 'named in the dossier' 0 \
    'complaint-report show 1 | sed -n "/^discrepancies/,/^\$/p" | cut -f1-3' <<EOF
discrepancies
1	employee v1 against complainant v1	~
3	employee v1 against complainant v1	~
4	employee v1 against complainant v1	>
5	complainant v1 against v2	~
6	complainant v1 against v2	<

EOF
check 'the latest comparison places the witness against version 2' 0 \
    'complaint-compare 1 | grep "^w"' <<EOF
w	w1:1	corroborates the employee's 1; contradicts the complainant's 1 (number tre -> två; words -bandet)	Kunden hade tre tröjor på bandet.	Ola
EOF
run "complaint-resolve close 1 --cause communication -m 'Ursäkt framförd'"
check 'a closed case is reopened first' 65 \
    "complaint-resolve explain 1 D1 -m 'x'" </dev/null
check_err 'complaint-resolve: case 1 is closed; reopen it to explain its discrepancies'

# English: a dispute over an amount, explained by the receipt.
run "complaint-new -n 'Ann Berg' -E Per -r 2026-11-20T09:00:00Z 'Refund short'"
run "printf '%s\n' '14:10 I refunded 49.90 EUR.' | complaint-interview -r employee 3"
run "printf '%s\n' '14:10 The assistant refunded 39.90 EUR.' |
    complaint-interview -r complainant 3"
run 'complaint-compare -r 3'
check 'English: explained by the receipt' 0 \
    "complaint-resolve explain 3 d7 -m 'The till receipt shows 49.90 EUR refunded.' --cite S13" <<EOF
3	D7	explained	employee v1 against complainant v1
EOF
check 'its dossier lists no open discrepancy' 0 \
    'complaint-report show 3 | sed -n "/^discrepancies/,/^\$/p;/^explained/,/^\$/p"' <<EOF
explained
7	employee v1 against complainant v1	~	amount 49.90 eur -> 39.90 eur	I refunded 49.90 EUR.	The assistant refunded 39.90 EUR.	2026-11-22T10:00:00Z	tester	The till receipt shows 49.90 EUR refunded.	S13
EOF

# Schema 6 to 7: a file whose discrepancies have no accounts yet gets
# them from their statements and, for a side told by one account only,
# from the compare entry of the log; its rows are recorded again.
sqlite3 "$T/v6.db" "DROP TABLE explanations;
    ALTER TABLE discrepancies DROP COLUMN account_a;
    ALTER TABLE discrepancies DROP COLUMN account_b;
    PRAGMA user_version = 6"
check 'a reader shows a schema 6 file as it is, the accounts unnamed' 0 \
    "complaint-report -f $T/v6.db show 1 | sed -n '/^discrepancies/,/^\$/p' |
    cut -f1-3; sqlite3 $T/v6.db 'PRAGMA user_version'" <<EOF
discrepancies
1		~
2		~
3		~
4		>
6
EOF
check 'a writer migrates it to schema 9' 0 \
    "complaint-resolve -f $T/v6.db note 1 -m 'Ringde kunden' >/dev/null &&
    sqlite3 $T/v6.db 'PRAGMA user_version;
    SELECT id, account_a, account_b FROM discrepancies ORDER BY id;
    SELECT count(*) FROM explanations'" <<EOF
9
1|1|2
2|1|2
3|1|2
4|1|2
0
EOF
check 'and verify proves its tables' 0 \
    "complaint-report -f $T/v6.db verify | cut -f1" <<EOF
ok
ok
EOF
