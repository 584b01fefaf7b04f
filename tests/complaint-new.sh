#!/bin/sh
# tests/complaint-new.sh: recording a case from flags.
. "$(dirname "$0")/lib.sh"

check 'new prints the id' 0 'complaint-new -r 2026-01-05 Parcel late' <<EOF
1
EOF
check_sql 'the case is stored with its fields' \
    'SELECT id, received, status, severity, summary, created FROM cases' <<EOF
1|2026-01-05T00:00:00Z|new|2|Parcel late|2026-11-22T10:00:00Z
EOF
check 'every field from flags' 0 'complaint-new -n "Ann Berg" \
    -e ann@example.se --phone "+46 (8) 123-45" -c email -p Kettle \
    -o A-100 -a "SEK 499" -s high -E Per -t kettle -t refund \
    -r 2026-11-20T08:30:00+01:00 --ref T-1 -m "It leaks." Kettle leaks' <<EOF
2
EOF
check_sql 'customer, case and tags are stored' "
    SELECT u.name, u.email, u.phone, c.channel, c.product, c.order_ref,
        c.amount, c.currency, c.severity, c.employee, c.received, c.ref,
        c.description, (SELECT group_concat(tag) FROM tags WHERE case_id = 2)
    FROM cases c JOIN customers u ON u.id = c.customer WHERE c.id = 2" <<EOF
Ann Berg|ann@example.se|+46812345|email|Kettle|A-100|49900|SEK|3|Per|2026-11-20T07:30:00Z|T-1|It leaks.|kettle,refund
EOF
check 'a known ref creates nothing and prints the existing id' 0 \
    'complaint-new --ref T-1 Kettle leaks again' <<EOF
2
EOF
check_err 'complaint-new: ref T-1 is already case 2; nothing recorded'
check_sql 'still two cases' 'SELECT count(*) FROM cases' <<EOF
2
EOF
check 'the customer is found by e-mail, whatever its case' 0 \
    'complaint-new -e ANN@EXAMPLE.SE Lid broken' <<EOF
3
EOF
check 'else by phone' 0 'complaint-new --phone "+46-8-12345" Cord short' <<EOF
4
EOF
check 'else by name' 0 'complaint-new -n "ann berg" Handle hot' <<EOF
5
EOF
check_sql 'one customer for the four cases' \
    'SELECT count(*), min(customer), max(customer) FROM cases WHERE id > 1' <<EOF
4|1|1
EOF
check 'the description comes from standard input' 0 \
    'printf "line one\nline two\n\n" | complaint-new Noise' <<EOF
6
EOF
check_sql 'with its newlines, less the trailing ones' \
    'SELECT description FROM cases WHERE id = 6' <<EOF
line one
line two
EOF

dump() { sqlite3 "$COMPLAINT_FILE" .dump >"$T/$1"; }
dump before
check 'a bad e-mail is 65' 65 'complaint-new -e ann@ Broken' </dev/null
check_err 'complaint-new: email ann@ is not an e-mail address (like name@example.com)'
check 'an unknown severity is 65' 65 'complaint-new -s urgent Broken' </dev/null
check_err 'complaint-new: severity urgent is not one of 1-4, low, medium, high or critical'
check 'a bad amount is 65' 65 'complaint-new -a 49.9.0 Broken' </dev/null
check_err 'complaint-new: amount: 49.9.0 is not an amount (like 49.90, 49.90 EUR or EUR 49.90)'
check 'a bad time is 65' 65 'complaint-new -r 2026-02-30 Broken' </dev/null
check_err 'complaint-new: received: 2026-02-30 is not a time (use ISO 8601 like 2026-11-22 or 2026-11-22T17:41Z, now, today, yesterday, tomorrow, a weekday, or -3d, +7d, 24h)'
check 'invalid UTF-8 is 65' 65 "complaint-new -n \"$(printf 'A\377')\" Broken" </dev/null
check_err 'complaint-new: name is not valid UTF-8'
check 'a control character in a name is 65' 65 \
    "complaint-new -n \"$(printf 'A\033[2J')\" Broken" </dev/null
check_err 'complaint-new: name holds a control character; give it on one line'
check 'no summary is a usage error' 64 'complaint-new -n Ann' </dev/null
check 'an unknown option is 64' 64 'complaint-new --bogus x' </dev/null
dump after
if cmp -s "$T/before" "$T/after"; then
	echo "ok - failed commands left the case file as it was"
else
	echo "not ok - failed commands left the case file as it was"
fi

check 'a folder that cannot be made is 73' 73 \
    'complaint-new -f /proc/nope/cases.db Parcel' </dev/null
check '--help goes to stdout' 0 'complaint-new --help | head -1' <<EOF
usage: complaint-new [-f FILE] [-n NAME] [-e EMAIL] [--phone NUM] [-c CHANNEL]
EOF
check '--version' 0 'complaint-new --version' <<EOF
complaint-new 0.1.0
EOF
