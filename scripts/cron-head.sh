#!/bin/sh
# scripts/cron-head.sh: keep the head of the audit log outside the case
# file, daily.  Verifies the file against the last head kept (so a log
# truncated or rewritten since shows), then appends today's head
# "DATE N HASH" to a file on other storage (-o), or mails it to ADDRESS.
# Exit 1 when verify fails: cron mails that to the owner.
#   usage: cron-head.sh [-f CASEFILE] (-o HEADFILE | ADDRESS...)
#   crontab: 30 23 * * * PATH=/usr/local/bin:/usr/bin:/bin sh /usr/share/doc/complaint/examples/cron-head.sh -o /mnt/audit/cases.heads
set -eu
file='' out=''
while getopts f:o: c; do
	case $c in
	f) file=$OPTARG ;;
	o) out=$OPTARG ;;
	*) echo "usage: cron-head.sh [-f CASEFILE] (-o HEADFILE | ADDRESS...)" \
	    >&2; exit 64 ;;
	esac
done
shift $((OPTIND - 1))
if [ -z "$out" ] && [ $# -eq 0 ]; then
	echo "usage: cron-head.sh [-f CASEFILE] (-o HEADFILE | ADDRESS...)" >&2
	exit 64
fi
if [ -n "$file" ]; then
	COMPLAINT_FILE=$file
	export COMPLAINT_FILE
fi
last=''
if [ -n "$out" ] && [ -s "$out" ]; then
	last=$(tail -n 1 "$out" | awk '{ print $2 ":" $3 }')
fi
if [ -n "$last" ]; then
	complaint-report -q verify --head "$last"
else
	complaint-report -q verify
fi
line="$(date -u +%Y-%m-%dT%H:%M:%SZ) $(complaint-report head)"
if [ -n "$out" ]; then
	printf '%s\n' "$line" >>"$out"
else
	printf 'Subject: complaint audit head\n\n%s\n' "$line" | sendmail "$@"
fi
