#!/bin/sh
# tests/zsh-completion.sh: the zsh completion offers commands, steps,
# reports, options, setting keys, rule ids and case ids.  zsh's own
# completion functions are stubbed: _describe prints the names it is
# given, _arguments the options of its specs (and sets the state named
# by a ->state action), so the candidates can be compared exactly.
. "$(dirname "$0")/lib.sh"

if ! command -v zsh >/dev/null 2>&1; then
	skip 'zsh completion' 'no zsh'
	exit 0
fi
complaint-new Parcel late </dev/null >/dev/null 2>&1
complaint-new Kettle leaks </dev/null >/dev/null 2>&1
cat >"$T/complete.zsh" <<EOF
_describe() {
	local -a a
	a=("\${(@P)\${@[-1]}}")
	(( \$#a )) && print -rl -- \${a%%:*}
	return 0
}
_arguments() {
	local spec opt
	for spec in "\$@"; do
		opt=\${\${\${spec%%\[*}#\(*\)}#\*}
		case \$spec in
		*'->'*) state=\${spec##*->} ;;
		esac
		case \$opt in
		-s) ;;
		-*) print -r -- \$opt ;;
		esac
	done
}
_files() { }
service=\$1
shift
words=("\$@")
CURRENT=\$#
. $TOP/completion/_complaint
EOF
zc() {
	zsh -f "$T/complete.zsh" "$@"
}
check 'the front door offers its commands' 0 \
    "zsh -f $T/complete.zsh complaint complaint ''" <<EOF
new
interview
compare
resolve
report
init
config
help
EOF
check 'resolve offers its steps' 0 \
    "zsh -f $T/complete.zsh complaint-resolve complaint-resolve '' | grep -v '^-' | tr '\n' ' '; echo" <<EOF
ack dismiss assign wait merge propose accept decline counter escalate decide follow-up close reopen anonymise attach note 
EOF
check 'a step offers its own options' 0 \
    "zsh -f $T/complete.zsh complaint-resolve complaint-resolve close 1 -" <<EOF
-f
-m
--cause
--new-cause
EOF
check 'report offers the reports after its options' 0 \
    "zsh -f $T/complete.zsh complaint-report complaint-report '' | grep -v '^-' | tr '\n' ' '; echo" <<EOF
list show overdue due repeat causes stats log verify export 
EOF
check 'new offers --mail, --csv and -N' 0 \
    "zsh -f $T/complete.zsh complaint-new complaint-new - | grep -E -e '^--(mail|csv)\$' -e '^-N\$'" <<EOF
-N
--csv
--mail
EOF
check 'new offers -l and --lang' 0 \
    "zsh -f $T/complete.zsh complaint-new complaint-new - | grep -E '^-(l|-lang)\$'" <<EOF
-l
--lang
EOF
cat >>"$T/complete.zsh" <<'EOF'
if [[ -n $IDS ]]; then _complaint_ids; fi
if [[ -n $KEYS ]]; then _complaint_settings; fi
EOF
check 'case ids come from the case file' 0 \
    "IDS=1 zsh -f $T/complete.zsh none x" <<EOF
1
2
EOF
check 'and from the file -f names' 0 \
    "complaint init -f other.db >/dev/null; IDS=1 zsh -f $T/complete.zsh none x -f other.db" <<EOF
EOF
check 'setting keys come from the case file' 0 \
    "KEYS=1 zsh -f $T/complete.zsh none x | grep -c '^sla\\.'" <<EOF
10
EOF
check 'config rule offers its verbs' 0 \
    "zsh -f $T/complete.zsh complaint complaint config rule ''" <<EOF
add
list
rm
EOF
check 'config rule rm offers the rule ids' 0 \
    "zsh -f $T/complete.zsh complaint complaint config rule rm '' | sed -n '1p;\$p'" <<EOF
1
101
EOF
complaint-new -n 'Ann Lee' -e ann@example.com Kettle cracked </dev/null >/dev/null 2>&1
complaint-new -n "Eve \$(touch $T/ran) A:B" Lost parcel </dev/null >/dev/null 2>&1
cat >>"$T/complete.zsh" <<'EOF'
if [[ -n $CUSTOMERS ]]; then _complaint_customers; fi
EOF
check 'customers come from the case file, colons quoted, never run' 0 \
    "CUSTOMERS=1 zsh -f $T/complete.zsh none x; test ! -e $T/ran" <<EOF
Ann Lee
Eve \$(touch $T/ran) A\\
EOF
