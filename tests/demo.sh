#!/bin/sh
# tests/demo.sh: make demo's story (scripts/demo.sh) runs to the end on a
# fresh case file, acknowledges each customer in their language, leaves a
# log that verifies, and removes its case file.
. "$(dirname "$0")/lib.sh"

unset COMPLAINT_FILE COMPLAINT_NOW
check 'the demo runs to the end' 0 \
    "TMPDIR=$T sh $TOP/scripts/demo.sh >$T/demo.out 2>&1" </dev/null
check 'each customer is acknowledged in their language' 0 \
    "grep -E '^(Dear|Yth\\.|Hej) ' $T/demo.out" <<EOF
Yth. Budi Santoso,
Hej Åsa Lind,
EOF
check 'the mail was recorded, decoded' 0 \
    "grep '^5	' $T/demo.out | head -1" <<EOF
5	2026-11-20T08:20:00Z	new	medium	Åsa Lind	Fel belopp på kvittot
EOF
check 'its log verifies' 0 "grep -c '^ok	[0-9]* entries	0 redacted' $T/demo.out" <<EOF
1
EOF
check 'and its case file is gone' 0 \
    "ls -d $T/complaint-demo.* 2>/dev/null | wc -l | tr -d ' '" <<EOF
0
EOF
