#!/bin/sh
# shellcheck disable=SC1091,SC2016
# tests/complaint-report-stats.sh: stats counts and times through the
# covering index cases_stats, which holds the times as seconds.  The
# times are set with the sqlite3 shell to reach the edges: durations that
# printf rounds as a tie (0.05, 0.15 and 0.25 hours), an acknowledgement
# before receipt, a close more than a year after it, times before 1970
# (counted as none) and a case with no channel.  The figures are those
# the report printed before it read the times as seconds.
. "$(dirname "$0")/lib.sh"

for i in 1 2 3 4 5 6 7 8; do
	complaint-new -n "Customer $i" -r 2026-11-0$i "Complaint $i" \
	    </dev/null >/dev/null 2>&1
done
export TAMPERED=cases.db
sqlite3 "$COMPLAINT_FILE" "
UPDATE cases SET channel = 'email', status = 'closed', severity = 1,
    received = '2026-11-01T00:00:00Z', acked = '2026-11-01T00:03:00Z',
    closed = '2026-11-01T00:09:00Z' WHERE id = 1;
UPDATE cases SET channel = 'email', status = 'closed',
    received = '2026-11-02T00:00:00Z', acked = '2026-11-02T00:09:00Z',
    closed = '2026-11-02T00:15:00Z' WHERE id = 2;
UPDATE cases SET channel = 'phone', status = 'closed', severity = 3,
    received = '2026-11-03T00:00:00Z', acked = '2026-11-02T23:00:00Z',
    closed = '2027-12-08T00:00:00Z' WHERE id = 3;
UPDATE cases SET channel = 'phone', status = 'dismissed',
    received = '2026-11-04T00:00:00Z', acked = '2026-11-04T02:00:00Z',
    closed = '2026-11-04T00:45:00Z' WHERE id = 4;
UPDATE cases SET channel = 'web', status = 'acked', severity = 4,
    received = '1969-12-31T00:00:00Z', acked = '1970-01-02T00:00:00Z'
    WHERE id = 5;
UPDATE cases SET channel = NULL, status = 'acked',
    received = '2026-11-06T00:00:00Z', acked = '2026-11-06T00:06:00Z'
    WHERE id = 6;
UPDATE cases SET channel = 'chat', status = 'closed',
    received = '2026-11-07T00:00:00Z', acked = '1969-12-31T23:00:00Z',
    closed = '2026-11-07T01:30:00Z' WHERE id = 7;
UPDATE cases SET channel = 'chat', status = 'closed',
    received = '2026-11-08T00:00:00Z', acked = '2026-11-08T00:27:00Z',
    closed = '2026-11-08T01:03:00Z' WHERE id = 8;"

check 'stats: every case, the counts in order, the hours' 0 \
    'complaint-report stats' <<'OUT'
cases	total	8
status	acked	2
status	closed	5
status	dismissed	1
severity	low	1
severity	medium	5
severity	high	1
severity	critical	1
channel	-	1
channel	chat	2
channel	email	2
channel	phone	2
channel	web	1
ack-hours	median	0.1
ack-hours	p90	2.0
close-hours	median	0.8
close-hours	p90	9600.0
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT
check 'a duration printf rounds as a tie prints as before' 0 \
    'complaint-report stats --channel email' <<'OUT'
cases	total	2
status	closed	2
severity	low	1
severity	medium	1
channel	email	2
ack-hours	median	0.1
ack-hours	p90	0.1
close-hours	median	0.1
close-hours	p90	0.2
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT
check 'an ack before receipt, a close more than a year after' 0 \
    'complaint-report stats --channel phone' <<'OUT'
cases	total	2
status	closed	1
status	dismissed	1
severity	medium	1
severity	high	1
channel	phone	2
ack-hours	median	-1.0
ack-hours	p90	2.0
close-hours	median	0.8
close-hours	p90	9600.0
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT
check 'times before 1970 count as none' 0 \
    'complaint-report stats --channel web' <<'OUT'
cases	total	1
status	acked	1
severity	critical	1
channel	web	1
ack-hours	median	
ack-hours	p90	
close-hours	median	
close-hours	p90	
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT
check '--since and --until take the cases received between' 0 \
    'complaint-report stats --since 2026-11-02T00:00:01Z --until 2026-11-07' <<'OUT'
cases	total	4
status	acked	1
status	closed	2
status	dismissed	1
severity	medium	3
severity	high	1
channel	-	1
channel	chat	1
channel	phone	2
ack-hours	median	0.1
ack-hours	p90	2.0
close-hours	median	1.5
close-hours	p90	9600.0
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT
check 'a bare date as --until takes the day' 0 \
    'complaint-report stats --until 2026-11-04' <<'OUT'
cases	total	5
status	acked	1
status	closed	3
status	dismissed	1
severity	low	1
severity	medium	2
severity	high	1
severity	critical	1
channel	email	2
channel	phone	2
channel	web	1
ack-hours	median	0.1
ack-hours	p90	2.0
close-hours	median	0.2
close-hours	p90	9600.0
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT
check '--status reads the index from the status on' 0 \
    'complaint-report stats --status closed' <<'OUT'
cases	total	5
status	closed	5
severity	low	1
severity	medium	3
severity	high	1
channel	chat	2
channel	email	2
channel	phone	1
ack-hours	median	0.1
ack-hours	p90	0.5
close-hours	median	1.1
close-hours	p90	9600.0
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT

# Filtered by what only the table holds, stats reads the table's rows (or
# the filter's own index) instead of seeking the table from the index.
sqlite3 "$COMPLAINT_FILE" "UPDATE cases SET assignee = 'per'
    WHERE id IN (2, 3, 6)"
check '--assignee: the rows of the table' 0 \
    'complaint-report stats --assignee per' <<'OUT'
cases	total	3
status	acked	1
status	closed	2
severity	medium	2
severity	high	1
channel	-	1
channel	email	1
channel	phone	1
ack-hours	median	0.1
ack-hours	p90	0.1
close-hours	median	0.2
close-hours	p90	9600.0
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT
check '--customer: the cases of the customer' 0 \
    'complaint-report stats --customer "Customer 4"' <<'OUT'
cases	total	1
status	dismissed	1
severity	medium	1
channel	phone	1
ack-hours	median	2.0
ack-hours	p90	2.0
close-hours	median	0.8
close-hours	p90	0.8
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT

# A file of schema 7 has the index of the times as ISO text: a reader
# reads it as it is and prints the same; a writer replaces it.
sqlite3 "$COMPLAINT_FILE" ".backup '$T/v7.db'"
sqlite3 "$T/v7.db" "DROP INDEX cases_stats; DROP INDEX followups_stats;
    CREATE INDEX cases_stats ON cases(status, severity, channel, received,
    acked, closed); PRAGMA user_version = 7"
export TAMPERED="cases.db v7.db"
check 'a reader of schema 7 prints the same' 0 \
    "complaint-report -f $T/v7.db stats --channel phone" <<'OUT'
cases	total	2
status	closed	1
status	dismissed	1
severity	medium	1
severity	high	1
channel	phone	2
ack-hours	median	-1.0
ack-hours	p90	2.0
close-hours	median	0.8
close-hours	p90	9600.0
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT
check 'a writer migrates it to schema 9: the times as seconds' 0 \
    "complaint init -f $T/v7.db >/dev/null &&
    sqlite3 $T/v7.db 'PRAGMA user_version; SELECT sql FROM sqlite_schema
    WHERE name IN (\"cases_stats\", \"followups_stats\") ORDER BY name'" <<'OUT'
9
CREATE INDEX cases_stats ON cases(status, severity, channel,
    unixepoch(received), unixepoch(acked), unixepoch(closed))
CREATE INDEX followups_stats ON followups(satisfied, score)
OUT
check 'and prints the same' 0 \
    "complaint-report -f $T/v7.db stats --channel phone" <<'OUT'
cases	total	2
status	closed	1
status	dismissed	1
severity	medium	1
severity	high	1
channel	phone	2
ack-hours	median	-1.0
ack-hours	p90	2.0
close-hours	median	0.8
close-hours	p90	9600.0
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT

# The steps to schema 9 change no row: a file whose log matches its rows
# still matches once migrated (and the exit of this test verifies it).
complaint-new -f "$T/clean.db" -n 'Ann Berg' -r 2026-11-01 Kettle leaks \
    </dev/null >/dev/null 2>&1
sqlite3 "$T/clean.db" "DROP INDEX cases_stats; DROP INDEX followups_stats;
    CREATE INDEX cases_stats ON cases(status, severity, channel, received,
    acked, closed); PRAGMA user_version = 7"
check 'a migrated file still proves its rows from the log' 0 \
    "complaint init -f $T/clean.db >/dev/null &&
    complaint-report -f $T/clean.db verify | cut -f1" <<'OUT'
ok
ok
OUT

# With no filter, stats reads the tallies the file keeps (migrate-9.sql),
# kept by triggers whoever writes: the sqlite3 shell's changes above are
# in them, each duration as the tenth of an hour it prints as.
check_sql 'the tallies hold every case the sqlite3 shell changed' \
    "SELECT * FROM tally_cases WHERE n <> 0 ORDER BY 1, 2, 3;
    SELECT * FROM tally_hours WHERE n <> 0 ORDER BY 1, 2" <<'OUT'
acked|2|-|1
acked|4|web|1
closed|1|email|1
closed|2|chat|2
closed|2|email|1
closed|3|phone|1
dismissed|2|phone|1
ack|-3600|1
ack|180|1
ack|360|1
ack|540|1
ack|1620|1
ack|7200|1
close|540|1
close|900|1
close|2700|1
close|3780|1
close|5400|1
close|34560000|1
OUT
check '--sql: stats with no filter reads the tallies' 0 \
    'complaint-report --sql stats' <<'OUT'
SELECT stats_tally(kind, status, severity, channel, secs, n) FROM (SELECT 'case' AS kind, status, severity, channel, NULL AS secs, n FROM tally_cases UNION ALL SELECT kind, NULL, NULL, NULL, secs, n FROM tally_hours) WHERE n > 0
OUT

# A case deleted and one changed back: out of the tallies, and in again.
sqlite3 "$COMPLAINT_FILE" "DELETE FROM cases WHERE id = 3;
    UPDATE cases SET status = 'closed', closed = '2026-11-06T00:42:00Z'
    WHERE id = 6"
check 'a case deleted, another closed: stats as the cases say' 0 \
    'complaint-report stats' <<'OUT'
cases	total	7
status	acked	1
status	closed	5
status	dismissed	1
severity	low	1
severity	medium	5
severity	critical	1
channel	-	1
channel	chat	2
channel	email	2
channel	phone	1
channel	web	1
ack-hours	median	0.1
ack-hours	p90	2.0
close-hours	median	0.7
close-hours	p90	1.5
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT

# A file a writer has not taken to schema 9 has no tallies: a reader
# scans the cases and prints the same.
sqlite3 "$COMPLAINT_FILE" ".backup '$T/v8.db'"
sqlite3 "$T/v8.db" "DROP TRIGGER tally_insert; DROP TRIGGER tally_delete;
    DROP TRIGGER tally_update_old; DROP TRIGGER tally_update_new;
    DROP VIEW tally_hours_of; DROP TABLE tally_cases;
    DROP TABLE tally_hours; PRAGMA user_version = 8"
export TAMPERED="cases.db v7.db v8.db"
complaint-report stats >"$T/v9.out" 2>&1
check 'a reader of schema 8 scans the cases, and prints the same' 0 \
    "complaint-report -f $T/v8.db stats | cmp - $T/v9.out" </dev/null
check 'a writer counts them as it migrates the file to schema 9' 0 \
    "complaint init -f $T/v8.db >/dev/null &&
    complaint-report -f $T/v8.db stats | cmp - $T/v9.out" </dev/null

# The tallies are not evidence, so the log does not record them; verify
# counts them again, and complaint init puts them right.
sqlite3 "$T/clean.db" "UPDATE tally_cases SET n = 2;
    UPDATE tally_hours SET n = 5"
check 'verify: a tally changed outside the tools' 1 \
    "complaint-report -f $T/clean.db verify >/dev/null" <<'OUT'
OUT
check_err "complaint-report: tally_cases row [\"new\",2,\"-\"] was changed outside the tools: it counts 2 cases where there are 1; complaint init -f $T/clean.db counts them again"
check 'complaint init counts them again' 0 \
    "complaint init -f $T/clean.db" <<OUT
$T/clean.db
OUT
check_err 'complaint: 1 row of the stats tallies did not match the cases; counted them again'
check 'and verify passes' 0 \
    "complaint-report -f $T/clean.db verify | cut -f1" <<'OUT'
ok
ok
OUT

# Tallies forged by hand with counts in the trillions: stats counts an
# outlier once with its count, so it answers at once (a duration kept
# one by one would have asked for terabytes).
sqlite3 "$T/clean.db" ".backup '$T/forged.db'"
sqlite3 "$T/forged.db" "INSERT INTO tally_hours VALUES
    ('ack', -7200, 1000000000000), ('close', 40000000, 3000000000)"
export TAMPERED="cases.db v7.db v8.db forged.db"
check 'forged counts in the trillions: stats answers' 0 \
    "complaint-report -f $T/forged.db stats | grep hours" <<'OUT'
ack-hours	median	-2.0
ack-hours	p90	-2.0
close-hours	median	11111.1
close-hours	p90	11111.1
OUT
