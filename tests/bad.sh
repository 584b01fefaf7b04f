#!/bin/sh
# tests/bad.sh: the bad-input corpus.  Each file in tests/bad/ names a
# command ("cmd:"), its exit status ("exit:") and its whole standard error
# ("err:"); NAME.in, when there, is its standard input.  Every case must
# leave the case file exactly as it was.
. "$(dirname "$0")/lib.sh"

complaint-new -n 'Ann Berg' -e ann@example.se -r 2026-11-01 Kettle leaks \
    </dev/null >/dev/null
sqlite3 "$COMPLAINT_FILE" .dump >"$T/before"

for f in "$TOP"/tests/bad/*; do
	case $f in *.in) continue ;; esac
	name=${f##*/}
	cmd=$(sed -n 's/^cmd: //p' "$f")
	want=$(sed -n 's/^exit: //p' "$f")
	input=/dev/null
	[ -f "$f.in" ] && input=$f.in
	sh -c "$cmd" <"$input" >"$T/.out" 2>"$T/.err"
	got=$?
	sed -n 's/^err: //p' "$f" >"$T/.want"
	sqlite3 "$COMPLAINT_FILE" .dump >"$T/after"
	if [ "$got" != "$want" ]; then
		echo "not ok - bad/$name: exit $got, want $want"
		sed 's/^/#   /' "$T/.err"
	elif ! cmp -s "$T/.want" "$T/.err"; then
		echo "not ok - bad/$name: stderr differs"
		diff "$T/.want" "$T/.err" | sed 's/^/#   /'
	elif [ -s "$T/.out" ]; then
		echo "not ok - bad/$name: printed to stdout"
	elif ! cmp -s "$T/before" "$T/after"; then
		echo "not ok - bad/$name: the case file changed"
	else
		echo "ok - bad/$name: exit $want, case file unchanged"
	fi
done
