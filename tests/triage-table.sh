#!/bin/sh
# tests/triage-table.sh: triage on a table of real-looking complaints in
# English, Indonesian and Swedish (tests/triage-table.tsv), each checked
# for its severity and flags; the last line counts the ones triage got
# right, the accuracy the README reports.
. "$(dirname "$0")/lib.sh"

complaint init >/dev/null
n=0 right=0
while IFS='	' read -r lang sev flags text; do
	case $lang in '#'*|'') continue ;; esac
	[ "$flags" = - ] && flags=
	n=$((n + 1))
	got=$(complaint-new -N -e "t$n@example.com" "$text" </dev/null |
	    sed -n 's/^severity	//p; s/^flags	//p' | paste -s -d '|' -)
	if [ "$got" = "$sev|$flags" ]; then
		right=$((right + 1))
		echo "ok - triage $lang $n: $sev${flags:+ $flags}"
	else
		echo "not ok - triage $lang $n: $text"
		echo "#   got $got, want $sev|$flags"
	fi
done <"$TOP/tests/triage-table.tsv"
check 'the table has at least 20 complaints a language' 0 \
    "grep -c '^en	' $TOP/tests/triage-table.tsv;
    grep -c '^id	' $TOP/tests/triage-table.tsv;
    grep -c '^sv	' $TOP/tests/triage-table.tsv" <<XEOF
22
20
20
XEOF
echo "# triage table: $right of $n right"
