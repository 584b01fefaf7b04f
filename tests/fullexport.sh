#!/bin/sh
# tests/fullexport.sh: complaint-report export --all writes every table
# (a folder of CSV files with a manifest, or one JSON document), and
# complaint import rebuilds from the folder a case file that verifies and
# holds every row as the original did.  A damaged export is refused; one
# edited with its hash fixed up imports, and verify names the row.
. "$(dirname "$0")/lib.sh"

# A file exercised by many steps: intake by flags, mail and CSV, two
# interviews with a recording, the conversation, an offer, an escalation,
# a decision citing evidence, a follow-up, reminders, a merge, a rule, a
# setting, and a customer anonymised (a redacted log entry).
B=$T/base.db
complaint-new -f "$B" -n 'Ann Berg' -e ann@example.se -r 2026-11-20 \
    --ref W-1 -t kettle Kettle leaks </dev/null >/dev/null 2>&1
complaint-new -f "$B" --mail <"$TOP/tests/mail/en-attachment.eml" \
    >/dev/null 2>&1
printf 'Date received,Issue,Consumer complaint narrative,Company\n%s\n' \
    '2026-11-21,Late,"Late, and ""rude""",Acme' |
    complaint-new -f "$B" --csv --map cfpb >/dev/null 2>&1
complaint-new -f "$B" -n 'Cy Dahl' -e cy@example.org -r 2026-11-21 \
    Lamp broken </dev/null >/dev/null 2>&1
complaint-new -f "$B" -n 'Cy Dahl' -e cy@example.org -r 2026-11-21 \
    Lamp broken again </dev/null >/dev/null 2>&1
printf 'take two' >"$T/rec.wav"
echo '10:00 I offered a refund of 10.00 EUR.' | complaint-interview -f "$B" \
    -r employee -p Per --recording "$T/rec.wav" 1 >/dev/null 2>&1
echo '10:05 He offered nothing.' |
    complaint-interview -f "$B" -r complainant 1 >/dev/null 2>&1
complaint-resolve -f "$B" note 1 -m 'Called her back' --out \
    --channel phone >/dev/null
printf 'photo' >"$T/photo.jpg"
complaint-resolve -f "$B" attach 1 "$T/photo.jpg" -m 'the handle' >/dev/null
complaint-resolve -f "$B" propose 1 refund 10.00 -m sorry >/dev/null
complaint-resolve -f "$B" escalate 1 -t qa -m 'check stock' >/dev/null
complaint-resolve -f "$B" decide 1 -m 'kettle faulty' --favour customer \
    --cite A2 >/dev/null
complaint-resolve -f "$B" follow-up 1 --in 7d >/dev/null
complaint-report -f "$B" due --mark -w 30d >/dev/null
complaint-resolve -f "$B" merge 4 5 >/dev/null
complaint -- config -f "$B" sla.week 'mon-fri 09:00-17:00' >/dev/null
complaint -- config -f "$B" rule add -s high money 500 >/dev/null
complaint-resolve -f "$B" anonymise cy@example.org --yes >/dev/null
check 'the file the steps made verifies' 0 \
    "complaint-report -f $B verify | cut -f1,2" <<EOF
ok	24 entries
ok	191 rows match the log
ok	1 recordings
ok	1 attachments
EOF

check 'export --all -o DIR: a CSV file a table and the manifest' 0 \
    "complaint-report -f $B export --all -o ex && ls ex" <<EOF
accounts.csv
attachments.csv
audit.csv
cases.csv
citations.csv
communications.csv
customers.csv
decisions.csv
discrepancies.csv
escalations.csv
events.csv
explanations.csv
fields.csv
followups.csv
manifest.csv
proposals.csv
recordings.csv
reminders.csv
rules.csv
settings.csv
statements.csv
tags.csv
tally_cases.csv
tally_hours.csv
EOF
check 'the manifest: format, schema, each table with its rows' 0 \
    "cut -d, -f1-4 ex/manifest.csv" <<EOF
"format","schema","table","rows"
"complaint-export 1",9,"accounts",2
"complaint-export 1",9,"attachments",2
"complaint-export 1",9,"audit",24
"complaint-export 1",9,"cases",5
"complaint-export 1",9,"citations",1
"complaint-export 1",9,"communications",1
"complaint-export 1",9,"customers",3
"complaint-export 1",9,"decisions",1
"complaint-export 1",9,"discrepancies",0
"complaint-export 1",9,"escalations",1
"complaint-export 1",9,"events",20
"complaint-export 1",9,"explanations",0
"complaint-export 1",9,"fields",1
"complaint-export 1",9,"followups",1
"complaint-export 1",9,"proposals",1
"complaint-export 1",9,"recordings",1
"complaint-export 1",9,"reminders",5
"complaint-export 1",9,"rules",119
"complaint-export 1",9,"settings",24
"complaint-export 1",9,"statements",2
"complaint-export 1",9,"tags",1
"complaint-export 1",9,"tally_cases",8
"complaint-export 1",9,"tally_hours",1
EOF
check "each file's SHA-256 is the manifest's (sha256sum -c)" 0 \
    "cd ex && awk -F, 'NR > 1 { gsub(/\"/, \"\"); print \$5 \"  \" \$3 \".csv\" }' manifest.csv |
    sha256sum -c --quiet" </dev/null
check 'rows as stored: NULL empty, text always quoted, "" kept' 0 \
    "cat ex/statements.csv; grep -e '^\"sla.holidays' -e '^\"sla.week' ex/settings.csv" <<EOF
"id","account","seq","at","text"
1,1,1,"10:00","I offered a refund of 10.00 EUR."
2,2,1,"10:05","He offered nothing."
"sla.holidays",""
"sla.week","mon-fri 09:00-17:00"
EOF
check 'the files are 0600 in a 0700 folder' 0 \
    "stat -c %a ex ex/audit.csv ex/manifest.csv" <<EOF
700
600
600
EOF

check 'import: a new case file, verified' 0 \
    "complaint import -f $T/new.db ex | sed 's|^$T/||'" <<EOF
new.db	24 entries	224 rows	verified
EOF
check 'the imported file is 0600' 0 "stat -c %a $T/new.db" <<EOF
600
EOF
check 'import to the usual place makes its folders, 0700' 0 \
    "env -u COMPLAINT_FILE complaint import ex | sed 's|^$HOME/||' &&
    stat -c %a $HOME/.local/share/complaint" <<EOF
.local/share/complaint/cases.db	24 entries	224 rows	verified
700
EOF
check 'complaint-report verify passes on it' 0 \
    "complaint-report -f $T/new.db verify | cut -f1,2" <<EOF
ok	24 entries
ok	191 rows match the log
ok	1 recordings
ok	1 attachments
EOF
# Every table of either file, dumped by sqlite3, the same in both.
cat >dumps.sh <<'EOF'
tables() {
	sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'table'
	    ORDER BY name"
}
n=0 d=0
for t in $(tables "$1"); do
	n=$((n + 1))
	sqlite3 "$1" ".dump $t" >a.sql
	sqlite3 "$2" ".dump $t" >b.sql
	cmp -s a.sql b.sql || { d=$((d + 1)); echo "$t"; }
done
[ "$(tables "$1")" = "$(tables "$2")" ] || echo 'the tables differ'
echo "$n tables, $d differ"
EOF
check 'every table dumps the same from both files' 0 \
    "sh dumps.sh $B $T/new.db" <<EOF
23 tables, 0 differ
EOF
check 'the export of the import is the export, byte for byte' 0 \
    "complaint-report -f $T/new.db export --all -o ex2 && diff -r ex ex2" \
    </dev/null
check 'a tool goes on writing to the imported file' 0 \
    "complaint-resolve -f $T/new.db note 2 -m 'She rang' --in --channel phone &&
    complaint-report -f $T/new.db verify | cut -f1,2" <<EOF
2	C2	in	phone
ok	25 entries
ok	193 rows match the log
ok	1 recordings
ok	1 attachments
EOF

# The JSON document: one array a table, values typed as stored.
check 'export --all --json: one document, every table and row' 0 \
    "complaint-report -f $B --json export --all | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d[\"format\"], d[\"schema\"])
for t in sorted(d[\"tables\"]):
    print(t, len(d[\"tables\"][t]))
print(d[\"tables\"][\"statements\"][0])
print([s for s in d[\"tables\"][\"settings\"] if s[\"key\"] == \"sla.holidays\"])
print(d[\"tables\"][\"audit\"][0][\"rows\"] is None, d[\"tables\"][\"cases\"][2][\"amount\"])
'" <<EOF
complaint-export 1 9
accounts 2
attachments 2
audit 24
cases 5
citations 1
communications 1
customers 3
decisions 1
discrepancies 0
escalations 1
events 20
explanations 0
fields 1
followups 1
proposals 1
recordings 1
reminders 5
rules 119
settings 24
statements 2
tags 1
tally_cases 8
tally_hours 1
{'id': 1, 'account': 1, 'seq': 1, 'at': '10:00', 'text': 'I offered a refund of 10.00 EUR.'}
[{'key': 'sla.holidays', 'value': ''}]
False None
EOF

# Refusals.
complaint backup -f "$B" "$T/kept.db" >/dev/null
check 'import over an existing file is refused' 73 \
    "complaint import -f $T/kept.db ex" </dev/null
check_err "complaint: cannot create the case file $T/kept.db: File exists; import writes a new case file only"
check 'and the file is as it was' 0 "sh dumps.sh $B $T/kept.db" <<EOF
23 tables, 0 differ
EOF
check 'export --all into a folder that is there is refused' 73 \
    "complaint-report -f $B export --all -o ex" </dev/null
check_err 'complaint-report: cannot create the folder ex: File exists; give a new folder'
check 'export --all needs -o DIR or --json' 64 \
    "complaint-report -f $B export --all" </dev/null
check_err 'complaint-report: export --all takes -o DIR (a folder of CSV files) or --json, and no filter'
check 'export --all of one customer is refused' 64 \
    "complaint-report -f $B export --all --customer 1 -o ex3" </dev/null
check_err 'complaint-report: export --all takes -o DIR (a folder of CSV files) or --json, and no filter'
check '--all is for export only' 64 "complaint-report -f $B list --all" \
    </dev/null
check_err 'complaint-report: --all is an option of export'
check 'import takes one folder' 64 'complaint import' </dev/null
check_err 'usage: complaint import [-f FILE] DIR'

# A damaged export is refused, naming the file, and leaves no file.
damaged() {
	rm -rf "$T/bad" "$T/bad.db"
	cp -r "$T/ex" "$T/bad"
}
damaged
sed -i 's/10.00 EUR/39.90 EUR/' bad/statements.csv
check 'an edited statement: refused by its hash' 65 \
    "complaint import -f $T/bad.db bad" </dev/null
check_err 'complaint: bad/statements.csv does not match its SHA-256 in manifest.csv; the export is damaged or was edited'
check 'and no case file is left' 1 "ls $T | grep -c '^bad\\.db'" <<EOF
0
EOF
# fixup FILE: give FILE's new SHA-256 to the manifest.
fixup() {
	new=$(sha256sum "bad/$1.csv" | cut -c1-64)
	awk -F, -v t="\"$1\"" -v h="\"$new\"" 'BEGIN { OFS = "," }
	    $3 == t { $5 = h } { print }' bad/manifest.csv >bad/m &&
	    mv bad/m bad/manifest.csv
}
damaged
sed -i '$d' bad/events.csv
fixup events
check 'a row taken out, the hash fixed: refused by the count' 65 \
    "complaint import -f $T/bad.db bad" </dev/null
check_err 'complaint: bad/events.csv holds 19 rows, manifest.csv says 20'
damaged
rm bad/citations.csv
check 'a table missing: refused' 66 "complaint import -f $T/bad.db bad" \
    </dev/null
check_err 'complaint: cannot read bad/citations.csv: No such file or directory; the export is incomplete'
damaged
sed -i '/"citations"/d' bad/manifest.csv
check 'a table missing from the manifest: refused' 65 \
    "complaint import -f $T/bad.db bad" </dev/null
check_err 'complaint: bad/manifest.csv lacks table citations; the export is incomplete'
damaged
sed -i 's/^"complaint-export 1",9,/"complaint-export 1",6,/' bad/manifest.csv
check 'an export of another schema: refused' 65 \
    "complaint import -f $T/bad.db bad" </dev/null
check_err 'complaint: bad/manifest.csv: the export is of schema 6, this complaint writes schema 9; export from a file a writer of this version has opened'
damaged
sed -i '1s/"text"/"words"/' bad/statements.csv
fixup statements
check 'a header that is not the columns: refused' 65 \
    "complaint import -f $T/bad.db bad" </dev/null
check_err "complaint: bad/statements.csv: its header is not the columns of table statements, each once"
check 'a fault while loading leaves no case file either' 1 \
    "ls $T | grep -c '^bad\\.db'" <<EOF
0
EOF
check 'no folder: refused' 66 "complaint import -f $T/bad.db nowhere" \
    </dev/null
check_err 'complaint: cannot read nowhere/manifest.csv: No such file or directory; give the folder complaint-report export --all wrote'

# Edited with the hash fixed up: the import loads what it is given, and
# verify, which the import runs, names the row and the entry.
export TAMPERED="t1.db t2.db"
damaged
sed -i 's/10.00 EUR/39.90 EUR/' bad/statements.csv
fixup statements
check 'a statement edited, the hash fixed up: verify catches it' 1 \
    "complaint import -f $T/t1.db bad" </dev/null
check_err 'complaint: statements row 1 was changed outside the tools: it does not match audit entry 7'
check 'and so does complaint-report verify' 1 \
    "complaint-report -q -f $T/t1.db verify" </dev/null
check_err 'complaint-report: statements row 1 was changed outside the tools: it does not match audit entry 7'
damaged
sed -i 's/check stock/nothing to see/' bad/audit.csv
fixup audit
check 'a log entry edited, the hash fixed up: verify catches it' 1 \
    "complaint import -f $T/t2.db bad" </dev/null
check_err 'complaint: audit entry 12: its content does not match its hash'

# A table the schema does not know is exported all the same, but a case
# file of this schema has no place for it.
cp "$B" "$T/extra.db"
sqlite3 "$T/extra.db" "CREATE TABLE notes (id INTEGER PRIMARY KEY, n TEXT);
    INSERT INTO notes (n) VALUES ('x')"
export TAMPERED="t1.db t2.db extra.db"
check 'a new table is exported with no code for it' 0 \
    "complaint-report -f $T/extra.db export --all -o ex4 && cat ex4/notes.csv" <<EOF
"id","n"
1,"x"
EOF
check 'and an import of this schema refuses it' 65 \
    "complaint import -f $T/bad.db ex4" </dev/null
check_err 'complaint: ex4/manifest.csv names table notes, which a case file of schema 9 has not'
