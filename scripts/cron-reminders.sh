#!/bin/sh
# scripts/cron-reminders.sh: the daily reminder job for cron.  Lists the
# due times and follow-ups coming up in the window as CSV, records them as
# sent (complaint-report due --mark), and mails them through sendmail, or
# writes them to a file with -o.  A second run in the same window finds
# nothing new and sends nothing.
#   usage: cron-reminders.sh [-f CASEFILE] [-w WINDOW] (-o FILE | ADDRESS...)
#   crontab: 0 7 * * * cron-reminders.sh support@example.com
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
tmp=$(mktemp "${TMPDIR:-/tmp}/reminders.XXXXXX")
trap 'rm -f "$tmp"' EXIT
rc=0
complaint-report ${file:+-f "$file"} due -w "$window" --mark --csv \
    >"$tmp" || rc=$?
[ "$rc" -eq 1 ] && exit 0		# nothing due: send nothing
[ "$rc" -eq 0 ] || exit "$rc"
if [ -n "$out" ]; then
	cat "$tmp" >"$out"
	exit 0
fi
n=$(($(wc -l <"$tmp") - 1))
{
	printf 'To: %s\n' "$(echo "$@" | sed 's/ /, /g')"
	printf 'Subject: complaint reminders: %s due within %s\n' "$n" "$window"
	printf 'Content-Type: text/csv; charset=utf-8\n\n'
	cat "$tmp"
} | sendmail -- "$@"
