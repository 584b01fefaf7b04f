#!/bin/sh
# tests/stress/stress.sh: writers and readers on one case file at once.
# WRITERS processes each run PER complaint-new; two readers loop over
# reports meanwhile, one of them running "due --mark" as a cron job would,
# and two more "cron" runs of "due --mark" start at the same moment.
# Afterwards the file must hold exactly WRITERS * PER new cases, each of
# the REMIND follow-ups due must have been listed by exactly one
# "due --mark" and marked once, the audit chain must verify, and no
# command may have failed, busy (75) included.  Prints the figures; exits
# 1 on any failure.
#   usage: sh tests/stress/stress.sh [WRITERS] [PER]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
writers=${1:-8}
per=${2:-100}
dir=$(mktemp -d "${TMPDIR:-/tmp}/complaint-stress.XXXXXX")
trap 'rm -rf "$dir"' EXIT
PATH=$top:$PATH
COMPLAINT_FILE=$dir/cases.db
COMPLAINT_USER=stress
export PATH COMPLAINT_FILE COMPLAINT_USER
remind=${3:-40}
complaint init >/dev/null || exit 1

# Follow-ups due within the hour, for the reminders.
i=0
while [ "$i" -lt "$remind" ]; do
	id=$(complaint-new -n "Remind $i" "Follow me up $i" </dev/null) &&
	    complaint-resolve follow-up "$id" --in 1h >/dev/null || exit 1
	i=$((i + 1))
done

writer() {
	i=0
	while [ "$i" -lt "$per" ]; do
		complaint-new -n "Writer $1" -e "w$1@example.com" \
		    -o "O-$1-$i" --ref "W$1-$i" "Complaint $i of writer $1" \
		    </dev/null >/dev/null 2>>"$dir/err.$1"
		rc=$?
		[ "$rc" -ne 0 ] && echo "$rc" >>"$dir/fail.$1"
		i=$((i + 1))
	done
}

# Run due --mark; keep what it listed; 1 (nothing due) is no failure.
cron() {
	complaint-report due --mark -w 1d >>"$dir/marked.$1" 2>>"$dir/rerr.$1"
	rc=$?
	[ "$rc" -gt 1 ] && echo "$rc" >>"$dir/rfail.$1"
	echo >>"$dir/reads.$1"
}

reader() {
	while [ ! -e "$dir/done" ]; do
		[ "$1" = 2 ] && cron "$1"
		for r in "list --status new --limit 20" "verify"; do
			# shellcheck disable=SC2086
			complaint-report -q $r >/dev/null 2>>"$dir/rerr.$1"
			rc=$?
			[ "$rc" -gt 1 ] && echo "$rc" >>"$dir/rfail.$1"
			echo >>"$dir/reads.$1"
		done
	done
}

start=$(date +%s.%N)
reader 1 &
r1=$!
reader 2 &
r2=$!
pids=
w=1
while [ "$w" -le "$writers" ]; do
	writer "$w" &
	pids="$pids $!"
	w=$((w + 1))
done
# Two cron jobs at the same moment.
sleep 0.2
cron 3 &
pids="$pids $!"
cron 4 &
pids="$pids $!"
# shellcheck disable=SC2086
wait $pids
end=$(date +%s.%N)
touch "$dir/done"
wait "$r1" "$r2"

cases=$(sqlite3 "$COMPLAINT_FILE" 'SELECT count(*) FROM cases')
cases=$((cases - remind))
marked=$(sqlite3 "$COMPLAINT_FILE" 'SELECT count(*) FROM reminders')
listed=$(cat "$dir"/marked.* 2>/dev/null | wc -l)
unique=$(cat "$dir"/marked.* 2>/dev/null | sort -u | wc -l)
refs=$(sqlite3 "$COMPLAINT_FILE" 'SELECT count(DISTINCT ref) FROM cases')
failures=$(cat "$dir"/fail.* 2>/dev/null | wc -l)
busy=$(cat "$dir"/fail.* "$dir"/rfail.* 2>/dev/null | grep -c '^75$')
rfailures=$(cat "$dir"/rfail.* 2>/dev/null | wc -l)
reads=$(cat "$dir"/reads.* 2>/dev/null | wc -l)
complaint-report -q verify
verify=$?
wall=$(awk "BEGIN { printf \"%.1f\", $end - $start }")
printf 'writers %s x %s, cases %s (distinct refs %s), write failures %s, ' \
    "$writers" "$per" "$cases" "$refs" "$failures"
printf 'reminders %s: listed %s (distinct %s), marked %s, ' \
    "$remind" "$listed" "$unique" "$marked"
printf 'reads %s, read failures %s, busy (75) %s, verify exit %s, wall %ss\n' \
    "$reads" "$rfailures" "$busy" "$verify" "$wall"
cat "$dir"/err.* "$dir"/rerr.* 2>/dev/null | sort | uniq -c | head -5
[ "$cases" -eq $((writers * per)) ] && [ "$refs" -eq "$cases" ] &&
    [ "$listed" -eq "$remind" ] && [ "$unique" -eq "$remind" ] &&
    [ "$marked" -eq "$remind" ] &&
    [ "$failures" -eq 0 ] && [ "$rfailures" -eq 0 ] && [ "$verify" -eq 0 ]
