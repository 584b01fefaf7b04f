#!/bin/sh
# tests/messages.sh: every error message in the sources keeps the house
# rule of STYLE.md: lower case, no final period; and each is said in one
# place, but for the few below that are the same fault wherever they
# happen (a pass-through "%s", out of memory, a write that failed).
. "$(dirname "$0")/lib.sh"

python3 "$TOP/tests/messages.py" "$TOP"/cmd/*.c "$TOP"/lib/*.c |
    sed "s|^$TOP/||" >"$T/messages"
check 'the sources have messages to check' 0 \
    "test \$(wc -l <$T/messages) -gt 250 && echo many" <<EOF
many
EOF
check 'no message ends with a period' 0 \
    "awk -F'\t' '\$2 ~ /\\.\$/' $T/messages" </dev/null
check 'no message begins with a capital' 0 \
    "awk -F'\t' '\$2 ~ /^[A-Z][a-z]/' $T/messages" </dev/null
check 'a message is said in one place, but for the same fault' 0 \
    "cut -f2 $T/messages | sort | uniq -d" <<'EOF'
%s
%s is not a case id (a positive whole number)
%s is not valid UTF-8
%s takes no operands
%s: %s
--csv: %s
cannot create %s: %s
cannot migrate: %s
cannot read standard input
cannot write output
cannot write standard output
case file path is too long
line %ld: %s
no report %s
out of memory
recording %s: %s
standard input
the text is not valid %s
EOF
