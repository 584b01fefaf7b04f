#!/bin/sh
# shellcheck disable=SC2016
# tests/systemd.sh: the systemd user units in scripts/systemd.  Each
# service's ExecStart runs as written (the installed paths pointed at
# this tree, %h at the test's HOME) with its Environment lines and
# otherwise cron's bare environment (env -i PATH=/usr/bin:/bin), against
# a case with a due time, with a fake sendmail given by SENDMAIL;
# systemd-analyze checks the units where it can run.
. "$(dirname "$0")/lib.sh"

U=$TOP/scripts/systemd
mkdir -p "$T/bin" "$T/mail"
cat >"$T/bin/sendmail" <<'SH'
#!/bin/sh
n=$(ls "$MAILDIR" | wc -l)
{ echo "args: $*"; cat; } >"$MAILDIR/mail.$((n + 1))"
SH
chmod +x "$T/bin/sendmail"

# run UNIT: its Environment and ExecStart lines, as a shell command run
# in a bare environment.
run() {
	{
		echo "MAILDIR=$T/mail SENDMAIL=$T/bin/sendmail"
		echo "export MAILDIR SENDMAIL COMPLAINT_NOW=$COMPLAINT_NOW"
		sed -n 's/^Environment=/export /p; s/^ExecStart=//p' "$U/$1" |
		    sed "s|%h|$HOME|g
		    s|/usr/share/doc/complaint/examples|$TOP/scripts|g
		    s|/usr/local/bin|$TOP|g"
	} >"$T/unit.$1"
	echo "env -i PATH=/usr/bin:/bin SHELL=/bin/sh HOME=$HOME" \
	    "/bin/sh $T/unit.$1"
}
mkdir -p "$HOME/.local/share/complaint"
COMPLAINT_FILE=$HOME/.local/share/complaint/cases.db
export COMPLAINT_FILE
complaint-new -e ann@example.se -r 2026-11-22T08:00:00Z -s high \
    Kettle leaks </dev/null >/dev/null 2>&1
check 'the units set PATH for make install'\''s /usr/local/bin' 0 \
    "grep -h '^Environment=PATH' $U/*.service" <<EOF
Environment=PATH=/usr/local/bin:/usr/bin:/bin
Environment=PATH=/usr/local/bin:/usr/bin:/bin
EOF
check 'the reminders service mails the day'\''s reminders' 0 \
    "$(run complaint-reminders.service) && cat $T/mail/mail.1" <<EOF
args: -- support@example.com
To: support@example.com
Subject: complaint reminder: case 1, ack due 2026-11-22T12:00:00Z
Content-Type: text/csv; charset=utf-8

id,kind,due,hours,customer,email,summary
1,ack,2026-11-22T12:00:00Z,2,ann@example.se,ann@example.se,Kettle leaks
EOF
check 'a second run the same day sends nothing' 0 \
    "$(run complaint-reminders.service) && ls $T/mail" <<EOF
mail.1
EOF
check 'the weekly service mails the report' 0 \
    "$(run complaint-weekly.service) && sed -n 1p $T/mail/mail.2" <<EOF
args: -- managers@example.com
EOF
for t in complaint-reminders.timer complaint-weekly.timer; do
	check "$t has a calendar and a target" 0 \
	    "grep -c -e '^OnCalendar=' -e '^WantedBy=timers.target' $U/$t" <<EOF
2
EOF
done
if command -v systemd-analyze >/dev/null 2>&1 &&
    systemd-analyze --user verify "$U/complaint-weekly.timer" \
    >/dev/null 2>&1; then
	check 'systemd-analyze verify' 0 \
	    "systemd-analyze --user verify $U/*.timer $U/*.service 2>&1 |
	    grep -v -e 'is not executable' -e 'No such file'" </dev/null
else
	skip 'systemd-analyze verify' 'no systemd-analyze that runs here'
fi
