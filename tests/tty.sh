#!/bin/sh
# shellcheck disable=SC2016
# tests/tty.sh: on a terminal (a pty from script(1)) listings align
# their columns under a header, show and log go through the pager, and
# severities and breaches are in colour unless NO_COLOR; piped, the
# output is the plain tab-separated lines.
. "$(dirname "$0")/lib.sh"

if ! script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	skip 'terminal output' 'no script(1) from util-linux'
	exit 0
fi
complaint-new -n 'Åsa Öberg' -s high -r 2026-11-01 Cold coffee \
    </dev/null >/dev/null 2>&1
complaint-new -s critical -r 2026-11-20 Parcel lost </dev/null >/dev/null 2>&1
complaint-new -s low -r 2026-11-22T09:00:00Z Kettle leaks \
    </dev/null >/dev/null 2>&1
mkdir bin
cat >bin/less <<'EOF'
#!/bin/sh
echo "less $*"
sed 's/^/| /'
EOF
chmod +x bin/less
# pty CMD: run CMD on a pty, its output without the pty's carriage returns.
cat >pty <<'EOF'
#!/bin/sh
script -qec "$1" /dev/null </dev/null | tr -d '\r'
EOF
chmod +x pty
unset PAGER NO_COLOR

check 'piped, list is the plain tab-separated lines' 0 \
    'complaint-report list | od -c | sed -n 1,2p' <<EOF
0000000   1  \t   2   0   2   6   -   1   1   -   0   1   T   0   0   :
0000020   0   0   :   0   0   Z  \t   n   e   w  \t   h   i   g   h  \t
EOF
check 'on a terminal, list aligns its columns under a header' 0 \
    'NO_COLOR=1 ./pty "complaint-report list"' <<EOF
ID  RECEIVED              STATUS  SEVERITY  CUSTOMER   SUMMARY
1   2026-11-01T00:00:00Z  new     high      Åsa Öberg  Cold coffee
2   2026-11-20T00:00:00Z  new     critical             Parcel lost
3   2026-11-22T09:00:00Z  new     low                  Kettle leaks
EOF
check 'and severities are in colour' 0 \
    './pty "complaint-report list --sort -severity --limit 2" | tr "\\033" "~"' <<EOF
ID  RECEIVED              STATUS  SEVERITY  CUSTOMER   SUMMARY
2   2026-11-20T00:00:00Z  new     ~[1;31mcritical~[m             Parcel lost
1   2026-11-01T00:00:00Z  new     ~[31mhigh~[m      Åsa Öberg  Cold coffee
EOF
check 'an empty NO_COLOR leaves the colour on' 0 \
    'NO_COLOR= ./pty "complaint-report list --severity high" | tr "\\033" "~" | grep -c "~\["' <<EOF
1
EOF
check 'overdue: the hours late of a breach in colour' 0 \
    './pty "complaint-report overdue --limit 1" | tr "\\033" "~"' <<EOF
ID  KIND  DUE                   HOURS_LATE  STATUS  SEVERITY  CUSTOMER   SUMMARY
1   ack   2026-11-01T04:00:00Z  ~[31m510~[m         new     ~[31mhigh~[m      Åsa Öberg  Cold coffee
EOF
check 'due and repeat align too' 0 \
    'NO_COLOR=1 ./pty "complaint-report due -w 30d; complaint-report repeat --min 1"' <<EOF
ID  KIND     DUE                   HOURS  CUSTOMER  EMAIL  SUMMARY
3   ack      2026-11-25T09:00:00Z  71                      Kettle leaks
3   resolve  2026-12-06T09:00:00Z  335                     Kettle leaks
ID  CUSTOMER  NAME       CASES  FIRST                 LAST
1   1         Åsa Öberg  1      2026-11-01T00:00:00Z  2026-11-01T00:00:00Z
EOF
check 'CSV and JSON stay as they are on a terminal' 0 \
    './pty "complaint-report list --csv --limit 1; complaint-report list --json --limit 1"' <<EOF
id,received,status,severity,customer,summary
1,2026-11-01T00:00:00Z,new,high,Åsa Öberg,Cold coffee
{"id":1,"received":"2026-11-01T00:00:00Z","status":"new","severity":"high","customer":"Åsa Öberg","summary":"Cold coffee"}
EOF
check 'causes and stats are not listings of cases: as before' 0 \
    './pty "complaint-report causes; complaint-report stats --severity low" | sed -n 1,2p' <<EOF
cases       total                    1
status      new                      1  ########################################
EOF
check 'on a terminal, show goes through $PAGER' 0 \
    'NO_COLOR=1 PAGER="sed s/^/paged:/" ./pty "complaint-report show 3" | sed -n 1,3p' <<EOF
paged:case         3
paged:received     2026-11-22T09:00:00Z
paged:status       new
EOF
check 'and through less -FRX when PAGER is unset' 0 \
    "PATH=$T/bin:\$PATH NO_COLOR=1 ./pty 'complaint-report log 1' | cut -c1-40" <<EOF
less -FRX
| 2	2026-11-22T10:00:00Z	tester	1	new	{"
EOF
check 'the dossier in colour: severity and breached due times' 0 \
    'PAGER=cat ./pty "complaint-report show 2" | sed -n "4p;/^due/,/^\$/p" | tr "\\033" "~"' <<EOF
severity     ~[1;31mcritical~[m
due
ack	2026-11-20T01:00:00Z		~[31mbreached~[m	~[31m57~[m	
resolve	2026-11-21T00:00:00Z		~[31mbreached~[m	~[31m34~[m	

EOF
check 'PAGER empty means no pager' 0 \
    "PATH=$T/bin:\$PATH PAGER= ./pty 'complaint-report log 1' | cut -c1-12" <<EOF
2	2026-11-22
EOF
check 'piped, show is never paged nor coloured' 0 \
    "PATH=$T/bin:\$PATH complaint-report show 2 | sed -n 4p" <<EOF
severity     critical
EOF
check 'a pager that quits early is no error to report' 0 \
    'PAGER=true ./pty "complaint-report show \$(yes 1 | head -2000); echo exit \$?"' <<EOF
exit 0
EOF
check 'without less, the text is not lost' 0 \
    "./pty 'PATH=/nonexistent $TOP/complaint-report show 3' | sed -n 1p" <<EOF
case         3
EOF
