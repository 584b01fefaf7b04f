#!/bin/sh
# tests/terminal.sh: make check at a terminal.  The suite runs again under
# script(1), which gives it a pseudo-terminal as its standard input and
# output and its controlling terminal, with a keyboard that never types
# (a FIFO that stays open): it must finish within the time limit, and pass.
# The pipes are run 5 times each there, not 50: the point is the terminal.
. "$(dirname "$0")/lib.sh"

if [ -n "${COMPLAINT_TEST_NESTED-}" ]; then
	skip 'make check at a terminal' 'this is that run'
	exit 0
fi
if ! command -v script >/dev/null 2>&1 ||
    ! command -v timeout >/dev/null 2>&1; then
	skip 'make check at a terminal' 'no script(1) or timeout(1)'
	exit 0
fi
mkfifo "$T/keys"
cat >"$T/run" <<EOF
cd '$TOP' || exit 1
COMPLAINT_TEST_NESTED=1 PIPES_RUNS=5 timeout \${1:-1200} script -qec 'sh tests/run.sh' \\
    '$T/typescript' <>'$T/keys' >/dev/null 2>&1
s=\$?
tr -d '\\r' <'$T/typescript' | grep -e 'passed, ' -e 'not ok' |
    sed 's/^[0-9]* passed, 0 failed, [0-9]* skipped\$/N passed, 0 failed/'
exit \$s
EOF
check 'the whole suite at a terminal finishes and passes' 0 \
    "sh '$T/run'" <<EOF
N passed, 0 failed
EOF
