#!/bin/sh
# shellcheck disable=SC1091,SC2016
# tests/complaint-report-scripts.sh: the cron scripts, with a fake
# sendmail on PATH that keeps its arguments and message.  Due times are
# set with the sqlite3 shell, as complaint-resolve is not on this branch.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/bin"
cat >"$T/bin/sendmail" <<'SH'
#!/bin/sh
n=$(ls "$MAILDIR" | wc -l)
{ echo "args: $*"; cat; } >"$MAILDIR/mail.$((n + 1))"
SH
chmod +x "$T/bin/sendmail"
mkdir -p "$T/mail"
MAILDIR=$T/mail PATH=$T/bin:$PATH
export MAILDIR PATH
S=$TOP/scripts

complaint-new -n 'Ann Berg' -e ann@example.se -r 2026-11-21 Kettle leaks \
    </dev/null >/dev/null
complaint-new -n 'Bob Ross' -r 2026-11-21 -c web Parcel late \
    </dev/null >/dev/null
export TAMPERED=cases.db
sqlite3 "$COMPLAINT_FILE" "
UPDATE cases SET ack_due = '2026-11-22T12:00:00Z' WHERE id = 1;
UPDATE cases SET status = 'closed', closed = '2026-11-21T12:00:00Z',
    acked = '2026-11-21T06:00:00Z', cause = 'delivery' WHERE id = 2;
INSERT INTO followups (case_id, due, actor)
    VALUES (2, '2026-11-23T09:00:00Z', 'per');"

check 'cron-reminders mails each reminder due, as CSV' 0 \
    "sh $S/cron-reminders.sh support@example.com && cat $T/mail/mail.1 $T/mail/mail.2" <<OUT
args: -- support@example.com
To: support@example.com
Subject: complaint reminder: case 1, ack due 2026-11-22T12:00:00Z
Content-Type: text/csv; charset=utf-8

id,kind,due,hours,customer,email,summary
1,ack,2026-11-22T12:00:00Z,2,Ann Berg,ann@example.se,Kettle leaks
args: -- support@example.com
To: support@example.com
Subject: complaint reminder: case 2, follow-up due 2026-11-23T09:00:00Z
Content-Type: text/csv; charset=utf-8

id,kind,due,hours,customer,email,summary
2,follow-up,2026-11-23T09:00:00Z,23,Bob Ross,,Parcel late
OUT
check 'a second run the same day sends nothing' 0 \
    "sh $S/cron-reminders.sh support@example.com && ls $T/mail" <<OUT
mail.1
mail.2
OUT
check 'cron-reminders -o FILE, a wider window' 0 \
    "sqlite3 \"\$COMPLAINT_FILE\" \"UPDATE cases SET resolve_due =
    '2026-11-24T00:00:00Z' WHERE id = 1\" &&
    sh $S/cron-reminders.sh -w 2d -o $T/out.csv && cat $T/out.csv" <<OUT
id,kind,due,hours,customer,email,summary
1,resolve,2026-11-24T00:00:00Z,38,Ann Berg,ann@example.se,Kettle leaks
OUT
check 'cron-reminders wants somewhere to send' 64 \
    "sh $S/cron-reminders.sh" </dev/null
check 'a missing case file is 66' 66 \
    "sh $S/cron-reminders.sh -f $T/none.db -o $T/x.csv" </dev/null

check 'weekly-report mails causes and stats' 0 \
    "sh $S/weekly-report.sh boss@example.com && cat $T/mail/mail.3" <<OUT
args: -- boss@example.com
To: boss@example.com
Subject: complaint weekly report since -7d
Content-Type: text/plain; charset=utf-8

Causes (cause, cases, share %, running share %)
delivery	1	100.0	100.0

Statistics (measure, key, value)
cases	total	2
status	closed	1
status	new	1
severity	medium	2
channel	-	1
channel	web	1
ack-hours	median	6.0
ack-hours	p90	6.0
close-hours	median	12.0
close-hours	p90	12.0
escalated	percent	0.0
satisfied	percent	
score	mean	
OUT
check 'weekly-report -s: nothing received since is still a report' 0 \
    "sh $S/weekly-report.sh -s 2026-11-22 -o $T/w.txt && head -3 $T/w.txt" <<OUT
Causes (cause, cases, share %, running share %)

Statistics (measure, key, value)
OUT
