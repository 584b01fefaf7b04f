#!/bin/sh
# tests/stress/crash.sh: kill -9 a bulk import of ROWS complaints at
# KILLS random moments.  After each, the case file holds all of it or none
# of it, PRAGMA integrity_check says ok and the audit log verifies.
# Prints the figures; exits 1 on any failure.
#   usage: sh tests/stress/crash.sh [ROWS] [KILLS]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
rows=${1:-200000}
kills=${2:-20}
dir=$(mktemp -d "${TMPDIR:-/tmp}/complaint-crash.XXXXXX")
trap 'rm -rf "$dir"' EXIT
COMPLAINT_FILE=$dir/cases.db
COMPLAINT_USER=crash
export COMPLAINT_FILE COMPLAINT_USER
python3 "$top/bench/gen-intake.py" "$rows" >"$dir/in.csv" || exit 1
"$top/complaint" init >/dev/null || exit 1

# How long a whole import takes, to kill inside it.
start=$(date +%s%N)
"$top/complaint-new" --csv <"$dir/in.csv" >/dev/null -f "$dir/timing.db" ||
    exit 1
full=$((($(date +%s%N) - start) / 1000000))

fail=0 none=0 all=0 i=0
while [ "$i" -lt "$kills" ]; do
	i=$((i + 1))
	at=$(awk -v s="$i" -v f="$full" 'BEGIN { srand(s * 7919);
	    printf "%.3f", rand() * f / 1000 }')
	"$top/complaint-new" --csv <"$dir/in.csv" >/dev/null 2>&1 &
	pid=$!
	sleep "$at"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	n=$(sqlite3 "$COMPLAINT_FILE" 'SELECT count(*) FROM cases')
	ok=$(sqlite3 "$COMPLAINT_FILE" 'PRAGMA integrity_check')
	"$top/complaint-report" -q verify
	v=$?
	case $n in
	0) none=$((none + 1)) ;;
	"$rows") all=$((all + 1)) ;;
	*) fail=$((fail + 1)); echo "kill $i at ${at}s: $n cases" ;;
	esac
	if [ "$ok" != ok ] || [ "$v" -ne 0 ]; then
		fail=$((fail + 1))
		echo "kill $i at ${at}s: integrity $ok, verify $v"
	fi
	# Start each round from nothing again.
	if [ "$n" -ne 0 ]; then
		rm -f "$COMPLAINT_FILE" "$COMPLAINT_FILE"-*
		"$top/complaint" init >/dev/null
	fi
done
printf 'rows %s, import %s ms, kills %s: none %s, all %s, partial or broken %s\n' \
    "$rows" "$full" "$kills" "$none" "$all" "$fail"
[ "$fail" -eq 0 ]
