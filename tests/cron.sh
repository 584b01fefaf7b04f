#!/bin/sh
# shellcheck disable=SC2016
# tests/cron.sh: the crontab lines in the scripts' headers, run as cron
# runs them: env -i with cron's PATH=/usr/bin:/bin, SHELL=/bin/sh, HOME
# and nothing else (so the C locale), the install paths pointed at this
# tree.  sendmail is a fake given by SENDMAIL, as a crontab may set it.
# A reminder is marked sent only once sendmail has taken it.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/bin" "$T/mail" "$HOME/.local/share/complaint"
# The fake sendmail keeps its arguments and message; it fails while
# $T/fail exists, or for a message holding the text in $T/fail-on.
cat >"$T/bin/sendmail" <<SH
#!/bin/sh
m=\$(cat)
[ -e $T/fail ] && { echo 'sendmail: queue full' >&2; exit 75; }
[ -s $T/fail-on ] && printf '%s\n' "\$m" | grep -q -f $T/fail-on && exit 75
n=\$(ls $T/mail | wc -l)
{ echo "args: \$*"; printf '%s\n' "\$m"; } >$T/mail/mail.\$((n + 1))
SH
chmod +x "$T/bin/sendmail"
COMPLAINT_FILE=$HOME/.local/share/complaint/cases.db
export COMPLAINT_FILE

# cron SCRIPT: a command that runs the crontab line in SCRIPT's header
# (its install paths pointed at this tree) as cron runs it: /bin/sh with
# cron's environment.
for f in cron-head.sh cron-reminders.sh weekly-report.sh; do
	sed -n 's/^#   crontab: //p' "$TOP/scripts/$f" | cut -d' ' -f6- |
	    sed "s|/usr/share/doc/complaint/examples|$TOP/scripts|g
	    s|/usr/local/bin|$TOP|g
	    s|/mnt/audit|$T|g" >"$T/line.$f"
done
cron() {
	echo "env -i PATH=/usr/bin:/bin SHELL=/bin/sh HOME=$HOME" \
	    "LOGNAME=tester SENDMAIL=$T/bin/sendmail" \
	    "COMPLAINT_NOW=$COMPLAINT_NOW /bin/sh $T/line.$1"
}

check 'the scripts with a crontab line, each with five time fields' 0 \
    "cd $TOP/scripts && grep -l '^#   crontab: ' *.sh &&
    sed -n 's/^#   crontab: //p' *.sh | cut -d' ' -f1-5" <<EOF
cron-head.sh
cron-reminders.sh
weekly-report.sh
30 23 * * *
0 7 * * *
0 8 * * 1
EOF

complaint-new -n 'Åsa Öberg' -e asa@example.se -r 2026-11-22T08:00:00Z \
    -s high Kettle leaks </dev/null >/dev/null 2>&1
complaint-new -n 'Bob Ross' -e bob@example.com -r 2026-11-22T09:00:00Z \
    -s high Lid broken </dev/null >/dev/null 2>&1

: >"$T/fail"
check 'sendmail failing: exit 69, each reminder named' 69 \
    "$(cron cron-reminders.sh)" </dev/null
check_err 'sendmail: queue full
complaint-report: case 1: ack reminder not sent: the --exec command exited 75; it stays due
sendmail: queue full
complaint-report: case 2: ack reminder not sent: the --exec command exited 75; it stays due
complaint-report: 2 of 2 reminders not sent; they stay due'
check_sql 'and nothing is marked sent' \
    "SELECT count(*) FROM reminders; SELECT count(*) FROM events
    WHERE action = 'remind'" <<EOF
0
0
EOF
rm "$T/fail"
check 'the reminders crontab line mails each reminder under cron' 0 \
    "$(cron cron-reminders.sh) && cat $T/mail/mail.1 $T/mail/mail.2" <<EOF
args: -- support@example.com
To: support@example.com
Subject: complaint reminder: case 1, ack due 2026-11-22T12:00:00Z
Content-Type: text/csv; charset=utf-8

id,kind,due,hours,customer,email,summary
1,ack,2026-11-22T12:00:00Z,2,Åsa Öberg,asa@example.se,Kettle leaks
args: -- support@example.com
To: support@example.com
Subject: complaint reminder: case 2, ack due 2026-11-22T13:00:00Z
Content-Type: text/csv; charset=utf-8

id,kind,due,hours,customer,email,summary
2,ack,2026-11-22T13:00:00Z,3,Bob Ross,bob@example.com,Lid broken
EOF
check_sql 'both are marked sent, once each' \
    "SELECT case_id, kind, due FROM reminders ORDER BY case_id;
    SELECT count(*) FROM events WHERE action = 'remind'" <<EOF
1|ack|2026-11-22T12:00:00Z
2|ack|2026-11-22T13:00:00Z
2
EOF
check 'a second run sends nothing, exit 0' 0 \
    "$(cron cron-reminders.sh) && ls $T/mail" <<EOF
mail.1
mail.2
EOF

complaint-new -n 'Cy' -e cy@example.com -r 2026-11-22T09:30:00Z -s high \
    Cup chipped </dev/null >/dev/null 2>&1
complaint-new -n 'Di' -e di@example.com -r 2026-11-22T09:40:00Z -s high \
    Pot cracked </dev/null >/dev/null 2>&1
echo 'Cup chipped' >"$T/fail-on"
check 'one reminder failing: the other goes and is marked' 69 \
    "$(cron cron-reminders.sh); r=\$?; ls $T/mail; exit \$r" <<EOF
mail.1
mail.2
mail.3
EOF
check_err 'complaint-report: case 3: ack reminder not sent: the --exec command exited 75; it stays due
complaint-report: 1 of 2 reminders not sent; they stay due'
check_sql 'only the one delivered is marked' \
    'SELECT case_id FROM reminders WHERE case_id > 2' <<EOF
4
EOF
rm "$T/fail-on"
check 'the next run sends the one left' 0 \
    "$(cron cron-reminders.sh) && sed -n 3p $T/mail/mail.4" <<EOF
Subject: complaint reminder: case 3, ack due 2026-11-22T13:30:00Z
EOF

if [ -e /usr/sbin/sendmail ] || [ -e /usr/lib/sendmail ] ||
    PATH=/usr/bin:/bin command -v sendmail >/dev/null 2>&1; then
	skip 'no sendmail anywhere is 69, nothing marked' \
	    'this machine has a sendmail'
else
	complaint-new -n 'Ed' -r 2026-11-22T09:50:00Z -s high Fan loud \
	    </dev/null >/dev/null 2>&1
	check 'no sendmail anywhere is 69, nothing marked' 69 \
	    "$(cron cron-reminders.sh | sed 's/ SENDMAIL=[^ ]*//'); r=\$?;
	    sqlite3 $COMPLAINT_FILE \
	    'SELECT count(*) FROM reminders WHERE case_id = 5'; exit \$r" <<EOF
0
EOF
	check_err 'cron-reminders.sh: no sendmail in PATH, /usr/sbin or /usr/lib; install one or set SENDMAIL'
fi

check 'no lock is held while the command runs: it can write' 0 \
    "complaint-new -r 2026-11-22T09:55:00Z -s high Tap drips \
    </dev/null >/dev/null 2>&1 && complaint config busy.timeout 1 &&
    complaint-report due --mark --exec 'complaint-resolve ack \
    \"\$COMPLAINT_CASE\" >/dev/null' --csv | cut -d, -f1,2" <<EOF
id,kind
5,ack
6,ack
EOF
check_sql 'the command wrote, and the reminders are marked' \
    "SELECT id, status FROM cases WHERE id > 4;
    SELECT case_id FROM reminders WHERE case_id > 4" <<EOF
5|acknowledged
6|acknowledged
5
6
EOF
check '--exec goes with due --mark only' 64 \
    "complaint-report due --exec true" </dev/null
check_err 'complaint-report: --exec goes with due --mark'
check 'the command gets the record on stdin and the fields in its env' 0 \
    "complaint-new -e ann@example.se -r 2026-11-22T09:58:00Z -s high Äpple \
    </dev/null >/dev/null 2>&1 &&
    LC_ALL=C complaint-report --json due --mark -q --exec 'cat; echo \
    \"\$COMPLAINT_CASE|\$COMPLAINT_ID|\$COMPLAINT_KIND|\$COMPLAINT_DUE|\$COMPLAINT_HOURS|\$COMPLAINT_CUSTOMER|\$COMPLAINT_EMAIL|\$COMPLAINT_SUMMARY\"' 2>&1" <<EOF
{"id":7,"kind":"ack","due":"2026-11-22T13:58:00Z","hours":3,"customer":"ann@example.se","email":"ann@example.se","summary":"Äpple"}
7|7|ack|2026-11-22T13:58:00Z|3|ann@example.se|ann@example.se|Äpple
EOF

check 'the weekly crontab line mails the report under cron' 0 \
    "$(cron weekly-report.sh) && sed -n '1,3p;6,7p' $T/mail/mail.5" <<EOF
args: -- managers@example.com
To: managers@example.com
Subject: complaint weekly report since -7d
Causes (cause, cases, share %, running share %)

EOF
check 'the head crontab line keeps the head under cron' 0 \
    "$(cron cron-head.sh) && $(cron cron-head.sh) &&
    cut -d' ' -f2 $T/cases.heads | uniq -c | tr -s ' '" <<EOF
 2 18
EOF
