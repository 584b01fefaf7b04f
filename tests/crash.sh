#!/bin/sh
# tests/crash.sh: the short version of tests/stress/crash.sh, a 3,000-row
# import killed with SIGKILL at 4 random moments, in every make check.
. "$(dirname "$0")/lib.sh"

if sh "$TOP/tests/stress/crash.sh" 3000 4 >"$T/crash.out" 2>&1; then
	echo "ok - kill -9 during an import: $(tail -1 "$T/crash.out")"
else
	echo "not ok - kill -9 during an import"
	sed 's/^/#   /' "$T/crash.out"
fi
