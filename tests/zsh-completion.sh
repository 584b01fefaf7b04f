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
backup
import
help
EOF
check 'resolve offers its steps' 0 \
    "zsh -f $T/complete.zsh complaint-resolve complaint-resolve '' | grep -v '^-' | tr '\n' ' '; echo" <<EOF
ack dismiss assign wait merge propose accept decline counter escalate decide explain follow-up close reopen anonymise grade edit attach note 
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
check 'case ids come from the case file, the most recent first' 0 \
    "IDS=1 zsh -f $T/complete.zsh none x" <<EOF
2
1
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
118
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

# The real completion system: an interactive zsh -f on a pty (zpty), with
# compinit loading _complaint from completion/ as an installed copy is
# loaded.  compadd is wrapped to print each candidate as ">>WORD"; each
# line typed is completed with a tab, then cleared, and its candidates
# end with a line "--".  fpath keeps only zsh's own completion folders
# that the file uses: compinit reads every file in fpath, which is slow.
# All lines are completed in one session, whose output the checks read.
if ! zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
	skip 'zsh completion on a pty' 'no zsh/zpty module'
	exit 0
fi
cat >"$T/pty.zsh" <<'EOF'
zmodload zsh/zpty || exit 77
dir=$1
shift
zpty z zsh -f -i
zpty -w z "PS1='' RPS1=''; fpath=($dir \${(M)fpath:#*/Completion(|/Base|/Zsh|/Unix)}); autoload -Uz compinit; compinit -u -D"
zpty -w z "compadd() { builtin compadd -O __c \"\$@\"; print -rl -- '' \">>\"\${^__c}; builtin compadd \"\$@\" }"
zpty -w z "autoload +X _main_complete; functions[_main_orig]=\$functions[_main_complete]; _main_complete() { _main_orig \"\$@\"; print -r -- '' COMPLETED; }"
zpty -w z "echo READY\$(( 6 * 7 ))"
while zpty -r z line; do [[ $line == *READY42* ]] && break; done
n=0
for l in "$@"; do
	(( n++ ))
	zpty -w -n z "$l"$'\t'
	# Type nothing more until the completion is over: zsh's completion
	# gives up when more input is waiting.
	while zpty -r z line; do
		line=${line//$'\r'/}
		[[ $line == '>>'* ]] && print -r -- "${line%%$'\n'}"
		[[ $line == *COMPLETED* ]] && break
	done
	zpty -w z $'\C-u'"echo END\$(( $n * 1000 ))"
	while zpty -r z line; do
		[[ $line == *"END$(( n * 1000 ))"* && $line != *'$(('* ]] && break
	done
	print -r -- "--"
done
zpty -d z
EOF
mkdir dir
: >dir/cases-2025.db
# Each candidate once, in its order; then block N prints the Nth line's.
timeout 60 zsh -f "$T/pty.zsh" "$TOP/completion" \
    'complaint-report --so' 'complaint-resolve clo' 'complaint-report --sta' \
    'complaint re' \
    'complaint-report show ' 'complaint-resolve ack -f other.db ' \
    'complaint-report overdue --sort h' 'complaint-report --sort id,-s' \
    'complaint report repeat --sort c' \
    'complaint-report --status new,cl' \
    'complaint-report -f dir/c' \
    </dev/null | awk '/^--$/ { delete seen; print; next } !seen[$0]++' \
    >"$T/pty.out"
cat >"$T/block" <<EOF
#!/bin/sh
for n; do
	awk -v n=\$n '/^--\$/ { if (++i == n) print; next } i == n - 1' "$T/pty.out"
done
EOF
chmod +x "$T/block"
check 'the completion works again and again, as loaded by compinit' 0 \
    "$T/block 1 2 3 4" <<EOF
>>--sort
>>--sort-keys
--
>>close
--
>>--status
--
>>resolve
>>report
--
EOF
check 'case ids: all of them, the most recent first, from -f FILE' 0 \
    "$T/block 5 6" <<EOF
>>4
>>3
>>2
>>1
--
--
EOF
check 'after --sort, the keys of the report on the line' 0 \
    "$T/block 7 8 9" <<EOF
>>hours
--
>>status
>>severity
>>summary
--
>>customer
>>cases
--
EOF
check 'after --status, the statuses, after a comma too' 0 "$T/block 10" <<EOF
>>closed
--
EOF
check 'after -f, files' 0 "$T/block 11" <<EOF
>>dir
>>cases-2025.db
--
EOF
