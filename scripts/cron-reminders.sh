#!/bin/sh
# shellcheck disable=SC2016
# scripts/cron-reminders.sh: the daily reminder job for cron.  Mails each
# due time and follow-up coming up in the window, one message a reminder
# (the reminder as CSV), through sendmail, or appends them to a file with
# -o.  A reminder is marked sent only once sendmail or the file has taken
# it (complaint-report due --mark --exec): one that could not be sent
# stays due for the next run, and the script exits non-zero so cron mails
# its owner.  A second run in the same window finds nothing new.
#   usage: cron-reminders.sh [-f CASEFILE] [-w WINDOW] (-o FILE | ADDRESS...)
#   crontab: 0 7 * * * PATH=/usr/local/bin:/usr/bin:/bin sh /usr/share/doc/complaint/examples/cron-reminders.sh support@example.com
# Cron's PATH is /usr/bin:/bin: sendmail is taken from SENDMAIL, else PATH,
# else /usr/sbin or /usr/lib.  Exit 0 when all went (or none was due), 69
# when some could not be sent, else complaint-report's status.
set -eu
file='' window=1d out=''
while getopts f:w:o: c; do
	case $c in
	f) file=$OPTARG ;;
	w) window=$OPTARG ;;
	o) out=$OPTARG ;;
	*) echo "usage: cron-reminders.sh [-f CASEFILE] [-w WINDOW]" \
	    "(-o FILE | ADDRESS...)" >&2; exit 64 ;;
	esac
done
shift $((OPTIND - 1))
if [ -z "$out" ] && [ $# -eq 0 ]; then
	echo "cron-reminders.sh: give -o FILE or an address to mail" >&2
	exit 64
fi
if [ -n "$out" ]; then
	# Each record appended, with the header when the file is new.
	CR_OUT=$out
	export CR_OUT
	send='if [ -s "$CR_OUT" ]; then sed 1d; else cat; fi >>"$CR_OUT"'
else
	sendmail=${SENDMAIL:-}
	if [ -z "$sendmail" ]; then
		sendmail=$(command -v sendmail || :)
		for s in /usr/sbin/sendmail /usr/lib/sendmail; do
			[ -z "$sendmail" ] && [ -x "$s" ] && sendmail=$s
		done
	fi
	if [ -z "$sendmail" ]; then
		echo "cron-reminders.sh: no sendmail in PATH, /usr/sbin or" \
		    "/usr/lib; install one or set SENDMAIL" >&2
		exit 69
	fi
	CR_SENDMAIL=$sendmail CR_RCPT="$*"
	CR_TO=$(echo "$@" | sed 's/ /, /g')
	export CR_SENDMAIL CR_RCPT CR_TO
	# Only our own fields go in the headers; the customer's text stays
	# in the body, where a line break cannot add a header.
	send='set -f; {
	printf "To: %s\n" "$CR_TO"
	printf "Subject: complaint reminder: case %s, %s due %s\n" \
	    "$COMPLAINT_CASE" "$COMPLAINT_KIND" "$COMPLAINT_DUE"
	printf "Content-Type: text/csv; charset=utf-8\n\n"
	cat
} | "$CR_SENDMAIL" -- $CR_RCPT'
fi
rc=0
complaint-report ${file:+-f "$file"} due -w "$window" --csv -q --mark \
    --exec "$send" || rc=$?
[ "$rc" -eq 1 ] && exit 0		# nothing due: send nothing
exit "$rc"
