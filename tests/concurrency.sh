#!/bin/sh
# tests/concurrency.sh: the short version of tests/stress/stress.sh, four
# writers of 25 complaints each with two readers, in every make check.
. "$(dirname "$0")/lib.sh"

if sh "$TOP/tests/stress/stress.sh" 4 25 >"$T/stress.out" 2>&1; then
	echo "ok - 4 writers x 25 with 2 readers: $(head -1 "$T/stress.out")"
else
	echo "not ok - 4 writers x 25 with 2 readers"
	sed 's/^/#   /' "$T/stress.out"
fi
