#!/bin/sh
# scripts/weekly-report.sh: the weekly report for managers: root causes
# (a Pareto table) and statistics over the cases received in the last
# week, mailed through sendmail or written to a file with -o.
#   usage: weekly-report.sh [-f CASEFILE] [-s SINCE] (-o FILE | ADDRESS...)
#   crontab: 0 8 * * 1 PATH=/usr/local/bin:/usr/bin:/bin sh /usr/share/doc/complaint/examples/weekly-report.sh managers@example.com
# Cron's PATH is /usr/bin:/bin: sendmail is taken from SENDMAIL, else PATH,
# else /usr/sbin or /usr/lib; none is exit 69, before any work.
set -eu
file='' since=-7d out=''
while getopts f:s:o: c; do
	case $c in
	f) file=$OPTARG ;;
	s) since=$OPTARG ;;
	o) out=$OPTARG ;;
	*) echo "usage: weekly-report.sh [-f CASEFILE] [-s SINCE]" \
	    "(-o FILE | ADDRESS...)" >&2; exit 64 ;;
	esac
done
shift $((OPTIND - 1))
if [ -z "$out" ] && [ $# -eq 0 ]; then
	echo "weekly-report.sh: give -o FILE or an address to mail" >&2
	exit 64
fi
sendmail=${SENDMAIL:-}
if [ -z "$out" ] && [ -z "$sendmail" ]; then
	sendmail=$(command -v sendmail || :)
	for s in /usr/sbin/sendmail /usr/lib/sendmail; do
		[ -z "$sendmail" ] && [ -x "$s" ] && sendmail=$s
	done
	if [ -z "$sendmail" ]; then
		echo "weekly-report.sh: no sendmail in PATH, /usr/sbin or" \
		    "/usr/lib; install one or set SENDMAIL" >&2
		exit 69
	fi
fi
tmp=$(mktemp "${TMPDIR:-/tmp}/weekly.XXXXXX")
trap 'rm -f "$tmp"' EXIT
{
	echo "Causes (cause, cases, share %, running share %)"
	complaint-report ${file:+-f "$file"} causes --since "$since" ||
	    [ $? -eq 1 ]
	echo
	echo "Statistics (measure, key, value)"
	complaint-report ${file:+-f "$file"} stats --since "$since" ||
	    [ $? -eq 1 ]
} >"$tmp"
if [ -n "$out" ]; then
	cat "$tmp" >"$out"
	exit 0
fi
{
	printf 'To: %s\n' "$(echo "$@" | sed 's/ /, /g')"
	printf 'Subject: complaint weekly report since %s\n' "$since"
	printf 'Content-Type: text/plain; charset=utf-8\n\n'
	cat "$tmp"
} | "$sendmail" -- "$@"
