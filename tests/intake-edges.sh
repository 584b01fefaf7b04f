#!/bin/sh
# shellcheck disable=SC2016
# tests/intake-edges.sh: the edges of intake.  A stray quote in CSV is
# read as most readers read it, and refused only with --strict; input cut
# off inside a quoted field is a bad record; a BOM before the header is
# skipped; times are checked for range; a mail body keeps all its text.
. "$(dirname "$0")/lib.sh"

printf 'summary,description\nhello,37x36 8"N\nnext,ok\n' >"$T/stray.csv"
check 'a stray quote in an unquoted field is a character' 0 \
    'complaint-new --csv <stray.csv | cut -d, -f1,2' <<EOF
line,id
2,1
3,2
EOF
check_sql 'the field is kept with its quote' \
    'SELECT id, summary, description FROM cases' <<EOF
1|hello|37x36 8"N
2|next|ok
EOF
check 'python reads it the same' 0 \
    'python3 -c "import csv,sys; print(list(csv.reader(sys.stdin))[1])" <stray.csv' <<EOF
['hello', '37x36 8"N']
EOF
check 'with --strict it is refused, by line and fault' 65 \
    'complaint-new --csv --strict <stray.csv' </dev/null
check_err 'complaint-new: line 2: a stray quote in column 2 (inside an unquoted field or after a closing quote); quote the field and double its quotes, or leave out --strict
complaint-new: 1 bad record; nothing imported (--strict)'
check_sql 'and nothing is imported' 'SELECT count(*) FROM cases' <<EOF
2
EOF
# libcsv reads on after a closing quote as if the quote were still open
# (Python's csv would end the field at the next comma): what follows is
# one field to the end of the input, a bad record, never a silent merge.
printf 'summary,ref\nfirst,S0\n"after" the quote,S1\nfine,S2\n' >"$T/after.csv"
check 'text after a closing quote: the record is refused, by line' 65 \
    'complaint-new --csv <after.csv >o; r=$?; cut -d, -f1,2 o; exit $r' <<EOF
line,id
2,3
EOF
check_err 'complaint-new: line 3: the input ends inside the quoted field of column 1; close its quote
complaint-new: 1 bad record skipped; 1 imported'
check 'with --strict, the fault is named' 65 \
    'complaint-new --csv --strict <after.csv' </dev/null
check_err 'complaint-new: line 3: a stray quote in column 1 (inside an unquoted field or after a closing quote); quote the field and double its quotes, or leave out --strict
complaint-new: 1 bad record; nothing imported (--strict)'

printf 'summary,description\na,"cut off' >"$T/cut.csv"
check 'a file that ends inside a quoted field is a bad record' 65 \
    'complaint-new --csv <cut.csv' <<EOF
line,id,status,severity,flags
EOF
check_err 'complaint-new: line 2: the input ends inside the quoted field of column 2; close its quote
complaint-new: 1 bad record skipped; 0 imported'
check_sql 'nothing of it is imported' \
    "SELECT count(*) FROM cases WHERE summary = 'a'" <<EOF
0
EOF
printf 'summary,ref\ngood,C1\nb,"cut\noff\n' >"$T/cut2.csv"
check 'the rows before it are imported' 65 \
    'complaint-new --csv <cut2.csv >o; r=$?; cut -d, -f1,2 o; exit $r' <<EOF
line,id
2,4
EOF
check_err 'complaint-new: line 3: the input ends inside the quoted field of column 2; close its quote
complaint-new: 1 bad record skipped; 1 imported'

printf '\357\273\277summary,ref\nBOM first,B1\n' >"$T/bom.csv"
check 'a BOM before the header is skipped' 0 \
    'complaint-new --csv <bom.csv | cut -d, -f1,2' <<EOF
line,id
2,5
EOF
check_sql 'the first column is the summary' \
    "SELECT summary, ref FROM cases WHERE id = 5" <<EOF
BOM first|B1
EOF
printf '\357\273summary\nx\n' >"$T/halfbom.csv"
check 'half a BOM is not skipped, and shows in the message' 64 \
    'complaint-new --csv <halfbom.csv' </dev/null
check_err 'complaint-new: unknown column: \357\273summary; map them with --map NAME=COLUMN or give --ignore-unknown'
printf '\357\273\277\357\273\277summary\nx\n' >"$T/twobom.csv"
check 'a second BOM is part of the header, escaped in the message' 64 \
    'complaint-new --csv <twobom.csv' </dev/null
check_err 'complaint-new: unknown column: \uFEFFsummary; map them with --map NAME=COLUMN or give --ignore-unknown'

# Times: years 1970 to 9999; a due time past 9999 is refused, not stored
# as text that is no time.
n=$(sqlite3 "$COMPLAINT_FILE" 'SELECT count(*) FROM cases')
check 'a received time whose due times pass 9999 is 65' 65 \
    'COMPLAINT_NOW=9999-12-31T12:00:00Z complaint-new -r 9999-12-31 Far future' </dev/null
check_err 'complaint-new: ack: the due time falls after 9999-12-31T23:59:59Z; give an earlier received time'
check 'a year before 1970 is 65' 65 \
    'complaint-new -r 1969-12-31 Too early' </dev/null
check_err 'complaint-new: received: 1969-12-31 is out of range: times go from 1970-01-01 to 9999-12-31'
check 'a time before 1970 by its zone is 65' 65 \
    'complaint-new -r 1970-01-01T00:00+01:00 Too early' </dev/null
check_err 'complaint-new: received: 1970-01-01T00:00+01:00 is out of range: times go from 1970-01-01 to 9999-12-31'
check_sql 'none of them was recorded, and no time is invalid' \
    "SELECT count(*) - $n FROM cases;
    SELECT count(*) FROM cases WHERE ack_due = 'invalid'
    OR resolve_due = 'invalid' OR received = 'invalid'" <<EOF
0
0
EOF
check 'the last day with room for its due times is taken' 0 \
    'COMPLAINT_NOW=9999-12-01T12:00:00Z complaint-new -r 9999-12-01 -s low Late but fine | xargs complaint-report --csv show | grep -e ^received, -e ^[a-z]*-due,' <<EOF
received,9999-12-01T00:00:00Z
ack-due,9999-12-04T00:00:00Z
resolve-due,9999-12-15T00:00:00Z
EOF

# Relative days: COMPLAINT_NOW is Sunday 2026-11-22T10:00:00Z.
check 'received yesterday, and on the latest monday' 0 \
    'complaint-new -r yesterday Y && complaint-new -r monday M' <<EOF
$((n + 2))
$((n + 3))
EOF
check_sql 'are midnight of those days' \
    "SELECT summary, received FROM cases WHERE id > $((n + 1))" <<EOF
Y|2026-11-21T00:00:00Z
M|2026-11-16T00:00:00Z
EOF
check 'a listing since a weekday' 0 \
    "complaint-report list --since sat --until today --csv | cut -d, -f1,2,6" <<EOF
id,received,summary
$((n + 2)),2026-11-21T00:00:00Z,Y
EOF
check 'a follow-up at a weekday is the next one after today' 0 \
    "complaint-resolve follow-up $((n + 2)) --at sunday >/dev/null &&
    complaint-resolve follow-up $((n + 3)) --at tomorrow >/dev/null &&
    sqlite3 cases.db 'SELECT case_id, due FROM followups ORDER BY case_id'" <<EOF
$((n + 2))|2026-11-29T00:00:00Z
$((n + 3))|2026-11-23T00:00:00Z
EOF
check 'a follow-up past 9999 is refused' 65 \
    "COMPLAINT_NOW=9999-12-20 complaint-resolve follow-up $((n + 2)) --in 30d" \
    </dev/null
check_err 'complaint-resolve: --in: 30d is out of range: times go from 1970-01-01 to 9999-12-31'

# Mail: a NUL in the text and a multipart without its boundary keep all
# the text.
printf 'From: Ann <ann@example.com>\nSubject: Nul\nMessage-ID: <nul@x>\nDate: Sun, 22 Nov 2026 09:00:00 +0000\n\nbefore\000after the NUL\n' >"$T/nul.eml"
check 'a NUL byte in a mail body keeps the text after it' 0 \
    'complaint-new --mail <nul.eml >/dev/null 2>&1 && complaint-report show "$(sqlite3 cases.db "SELECT id FROM cases WHERE ref = '"'nul@x'"'")" | grep ^description' <<EOF
description  before�after the NUL
EOF
printf 'From: Ann <ann@example.com>\nSubject: Nul\nMessage-ID: <nul8@x>\nContent-Type: text/plain; charset=iso-8859-1\n\n\345sa\000after\n' >"$T/nul8.eml"
check 'in an 8-bit charset too' 0 \
    'complaint-new --mail <nul8.eml >/dev/null 2>&1 && sqlite3 cases.db "SELECT description FROM cases WHERE ref = '"'nul8@x'"'"' <<EOF
åsa�after
EOF
printf 'From: Ann <ann@example.com>\nSubject: Cut\nMessage-ID: <nobnd@x>\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="XYZ"\n\nMy kettle leaks.\nPlease refund.\n' >"$T/nobnd.eml"
check 'a multipart whose boundary never appears keeps its text' 0 \
    'complaint-new --mail <nobnd.eml >/dev/null 2>&1 && sqlite3 cases.db "SELECT description FROM cases WHERE ref = '"'nobnd@x'"'"' <<EOF
My kettle leaks.
Please refund.
EOF
printf 'From: Ann <ann@example.com>\nSubject: Cut\nMessage-ID: <noclose@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="XYZ"\n\n--XYZ\nContent-Type: text/plain\n\nFirst part, never closed.\nStill here.\n' >"$T/noclose.eml"
check 'a multipart whose closing boundary never appears keeps its text' 0 \
    'complaint-new --mail <noclose.eml >/dev/null 2>&1 && sqlite3 cases.db "SELECT description FROM cases WHERE ref = '"'noclose@x'"'"' <<EOF
First part, never closed.
Still here.
EOF
