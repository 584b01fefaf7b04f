#!/bin/sh
# tests/run.sh: run the C unit tests and every shell test; print the
# failures and end with one line "N passed, N failed, N skipped".  Every
# test reads an empty file as its standard input, never the terminal, so
# make check runs unattended (tests/terminal.sh proves it under script(1));
# tests/lib.sh fails a check that would read that file for its output.
cd "$(dirname "$0")/.." || exit 1
out=$(mktemp "${TMPDIR:-/tmp}/complaint-run.XXXXXX")
in=$(mktemp "${TMPDIR:-/tmp}/complaint-stdin.XXXXXX")
trap 'rm -f "$out" "$in"' EXIT
COMPLAINT_TEST_STDIN=$in
export COMPLAINT_TEST_STDIN

for t in tests/unit/t_*; do
	case $t in *.c) continue ;; esac
	[ -x "$t" ] || continue
	"./$t" >>"$out" 2>&1 <"$in" ||
	    echo "not ok - $t exited $?" >>"$out"
done
for r in tests/fuzz/replay_*; do
	case $r in *.c) continue ;; esac
	[ -x "$r" ] || continue
	name=${r##*/replay_}
	set --
	for f in tests/fuzz/corpus/"$name"/* tests/fuzz/regress/"$name"-*; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	"./$r" "$@" >>"$out" 2>&1 <"$in" ||
	    echo "not ok - $r exited $?" >>"$out"
done
for t in tests/*.sh; do
	case $t in tests/lib.sh|tests/run.sh|tests/examples.sh) continue ;; esac
	sh "$t" >>"$out" 2>&1 <"$in" ||
	    echo "not ok - $t exited $?" >>"$out"
done

grep -e '^not ok' -e '^#' -e '^skip' "$out"
pass=$(grep -c '^ok' "$out")
fail=$(grep -c '^not ok' "$out")
skipped=$(grep -c '^skip' "$out")
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
