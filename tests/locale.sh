#!/bin/sh
# tests/locale.sh: text shows as itself whatever the locale.  Cron runs
# jobs in the C locale; names and summaries in UTF-8 must print as they
# are there too, while controls, bytes that are not UTF-8 and hidden
# characters (zero-width space, BOM, bidi controls, tags, U+2028) are
# escaped, in listings and in error messages alike.
. "$(dirname "$0")/lib.sh"

zwsp=$(printf '\342\200\213') bom=$(printf '\357\273\277')
rlo=$(printf '\342\200\256') tag=$(printf '\363\240\200\201')
lsep=$(printf '\342\200\250') pdi=$(printf '\342\201\251')
complaint-new -n 'Åsa Öberg' -e asa@example.se -r 2026-11-01 \
    'Kaffebryggaren läcker, 咖啡机 ☕' </dev/null >/dev/null 2>&1
complaint-new -n "Eve${zwsp}Doe" -e eve@example.se -r 2026-11-02 \
    "${bom}in${rlo}voice${pdi}.exe${tag} and${lsep}more" \
    </dev/null >/dev/null 2>&1
complaint-new -n "$(printf 'C1\302\205 ctl')" -r 2026-11-03 Back \
    </dev/null >/dev/null 2>&1
# Controls and bytes that are not UTF-8 cannot come in on the command
# line; an older file or a mail may hold them.  Written here with sqlite3,
# so verify would say the file was changed outside the tools.
export TAMPERED="cases.db"
sqlite3 "$COMPLAINT_FILE" "UPDATE cases SET product = CAST(X'426164FFC0' AS
    TEXT), summary = 'Tab' || char(9) || 'here ' || char(27) || '[31m\\'
    WHERE id = 3"

for loc in C POSIX C.UTF-8; do
	check "list under LC_ALL=$loc: UTF-8 as itself, hidden escaped" 0 \
	    "LC_ALL=$loc complaint-report list" <<EOF
1	2026-11-01T00:00:00Z	new	medium	Åsa Öberg	Kaffebryggaren läcker, 咖啡机 ☕
2	2026-11-02T00:00:00Z	new	medium	Eve\\u200BDoe	\\uFEFFin\\u202Evoice\\u2069.exe\\uE0001 and\\u2028more
3	2026-11-03T00:00:00Z	new	medium	C1\\302\\205 ctl	Tab\\there \\033[31m\\\\
EOF
done
check 'show under LC_ALL=C prints the name as itself' 0 \
    "LC_ALL=C complaint-report show 1 | sed -n 's/^name *//p'" <<EOF
Åsa Öberg
EOF
check 'CSV keeps the bytes under LC_ALL=C' 0 \
    "LC_ALL=C complaint-report --csv list --customer 2 | sed 1d" <<EOF
2,2026-11-02T00:00:00Z,new,medium,Eve${zwsp}Doe,${bom}in${rlo}voice${pdi}.exe${tag} and${lsep}more
EOF
check 'an error message quotes UTF-8 as itself under LC_ALL=C' 64 \
    "LC_ALL=C complaint-report --severity 'hög' list" </dev/null
check_err 'complaint-report: --severity: hög is not 1-4, low, medium, high or critical'
check 'an error message escapes hidden characters' 64 \
    "LC_ALL=C complaint-report --severity 'high${zwsp}${rlo}' list" </dev/null
check_err 'complaint-report: --severity: high\u200B\u202E is not 1-4, low, medium, high or critical'
check 'a byte that is not UTF-8 is shown in octal under LC_ALL=C' 0 \
    "LC_ALL=C complaint-report show 3 | sed -n 's/^product *//p'" <<EOF
Bad\\377\\300
EOF
check 'an error message escapes a terminal escape' 64 \
    "LC_ALL=C complaint-report \"$(printf 'no\033]0;x\342\200\213')\" 2>&1 >/dev/null |
    sed 1q; exit 64" <<EOF
complaint-report: no report no\\033]0;x\\u200B
EOF
