#!/bin/sh
# tests/facts.sh: complaint --list prints the names the tools share, each
# list from its one table in the library, and every name it prints is one
# the tool that takes it accepts.
. "$(dirname "$0")/lib.sh"

check 'complaint --list names the kinds' 0 'complaint --list' <<EOF
statuses
severities
steps
offer-kinds
channels
EOF
check 'the statuses, in the order of the state table' 0 \
    'complaint --list statuses' <<EOF
new
acknowledged
investigating
proposed
agreed
escalated
decided
follow-up
waiting
closed
dismissed
merged
EOF
check 'the statuses are the rows of --states' 0 \
    "complaint --list statuses >$T/s;
    complaint-resolve --states | sed 1d | cut -f1 |
    cmp - $T/s && echo same" <<EOF
same
EOF
check 'the severities, lowest first' 0 'complaint --list severities' <<EOF
low
medium
high
critical
EOF
check 'the steps are the columns of --states' 0 \
    "complaint-resolve --states | sed 1q >$T/s;
    complaint --list steps | paste -s - | sed 's/^/state	/' |
    cmp - $T/s && echo same" <<EOF
same
EOF
check 'the offer kinds' 0 'complaint --list offer-kinds' <<EOF
refund
partial-refund
discount
replacement
repair
credit
free-follow-up
apology
process-change
other
EOF
check 'the channels' 0 'complaint --list channels' <<EOF
email
phone
web
chat
letter
in-person
EOF
check 'an unknown kind is 64' 64 'complaint --list colours' </dev/null
check_err 'complaint: no list colours; see complaint --list'
check 'one kind at a time' 64 'complaint --list statuses steps' </dev/null

# Every name printed is one the tools take.
complaint init >/dev/null
n=0
for s in $(complaint --list severities); do
	n=$((n + 1))
	complaint-new -N -s "$s" -r 2026-11-20 "Case $n" </dev/null \
	    >/dev/null 2>&1 || echo "complaint-new -s $s: refused"
done >"$T/out"
check 'complaint-new takes every severity' 0 "cat $T/out; echo $n" <<EOF
4
EOF
complaint-new -r 2026-11-20 -e ann@example.se Kettle leaks \
    </dev/null >/dev/null 2>&1
for k in $(complaint --list offer-kinds); do
	complaint-resolve propose 1 "$k" 5 </dev/null >/dev/null 2>&1 ||
	    echo "propose $k: refused"
done >"$T/out"
check 'propose takes every offer kind' 0 "cat $T/out" </dev/null
check_sql 'and records each' \
    "SELECT group_concat(kind, ' ') FROM proposals" <<EOF
refund partial-refund discount replacement repair credit free-follow-up apology process-change other
EOF
for c in $(complaint --list channels); do
	complaint-resolve note 1 -m "By $c" --channel "$c" </dev/null \
	    >/dev/null 2>&1 || echo "note --channel $c: refused"
done >"$T/out"
check 'note takes every channel' 0 "cat $T/out" </dev/null
check 'an unknown channel names them all' 64 \
    'complaint-resolve note 1 -m Hi --channel fax' </dev/null
check_err 'complaint-resolve: --channel: email, phone, web, chat, letter or in-person
usage: complaint-resolve note CASE -m TEXT [--in | --out] [--channel CHANNEL] [--at TIME]'
for s in $(complaint --list statuses); do
	complaint-report list --status "$s" </dev/null >/dev/null 2>&1
	[ $? -le 1 ] || echo "list --status $s: refused"
done >"$T/out"
check 'list --status takes every status' 0 "cat $T/out" </dev/null
