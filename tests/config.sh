#!/bin/sh
# tests/config.sh: complaint config shows, checks, sets and unsets the
# settings, and logs each change.
. "$(dirname "$0")/lib.sh"

complaint init >/dev/null
check 'a setting' 0 'complaint config currency' <<EOF
EUR
EOF
check 'the list, by key' 0 'complaint config --list | cut -f1 | sed -n "4,6p"' <<EOF
busy.timeout
causes
currency
EOF
check 'set' 0 'complaint config currency SEK && complaint config currency' <<EOF
SEK
EOF
check 'a family of settings' 0 'complaint config sla.ack.4 30m' </dev/null
check 'a hook' 0 "complaint config escalate.hook 'sh ticket.sh'" </dev/null
check_sql 'stored, and each change in the log' "
    SELECT value FROM settings WHERE key IN ('sla.ack.4', 'escalate.hook')
    ORDER BY key; SELECT action, content FROM audit" <<EOF
sh ticket.sh
30m
attest|{}
config|{"key":"currency","value":"SEK"}
config|{"key":"sla.ack.4","value":"30m"}
config|{"key":"escalate.hook","value":"sh ticket.sh"}
EOF
check 'unset' 1 'complaint config --unset escalate.hook && complaint config escalate.hook' </dev/null
check 'a bad value is 65' 65 'complaint config currency EURO' </dev/null
check_err 'complaint: currency: give an ISO 4217 code like EUR'
check 'a bad span is 65' 65 'complaint config sla.resolve.2 soon' </dev/null
check_err 'complaint: sla.resolve.2: soon is not a duration (like 90m, 24h, 3d, 2w)'
check 'an unknown setting is 65' 65 'complaint config colour red' </dev/null
check_err 'complaint: no setting colour; complaint config --list shows them'
check 'a bad approval limit is 65' 65 'complaint config offer.approval_limit lots' </dev/null
check_sql 'the refused values changed nothing' \
    "SELECT value FROM settings WHERE key = 'currency'" <<EOF
SEK
EOF
check 'too many operands is 64' 64 'complaint config a b c' </dev/null
check 'lang takes a bare code in lower case' 0 'complaint config lang id' <<EOF
EOF
for l in sv-SE EN x engl; do
	check "lang $l is 65" 65 "complaint config lang $l" </dev/null
	check_err 'complaint: lang: give a language code like en, id or sv'
done
