#!/bin/sh
# tests/man5.sh: complaint(5) lists every setting the code knows: the
# defaults in lib/schema.sql, the keys lib/settings.c accepts (a family
# such as sla.ack. by its prefix), and the hooks the programs run.
. "$(dirname "$0")/lib.sh"

# Setting keys as the code spells them, one a line.
setting_keys() {
	sed -n "/^INSERT INTO settings/,/;/s/^[[:space:]]*('\\([a-z_.]*\\)'.*/\\1/p" \
	    "$TOP/lib/schema.sql"
	sed -n '/^} known\[\] = {/,/^};/s/^[[:space:]]*{ "\([a-z_.-]*\)".*/\1/p' \
	    "$TOP/lib/settings.c"
	grep -ho '"hook\.[a-z-]*"' "$TOP"/cmd/*.c "$TOP"/lib/*.c | tr -d '"'
}
setting_keys | sort -u >keys.txt
check 'the code has settings to look for' 0 \
    'grep -c -e "^sla\.ack\.$" -e "^busy\.timeout$" -e "^hook\.pre-new$" keys.txt' <<EOF
3
EOF
# "hook." alone is the family's prefix; the page names each hook.  A key
# of a family (ack.template.sv) is named by the family (ack.template.
# Ns Ar lang).
check 'complaint(5) names every one of them' 0 \
    "grep -v '^hook\\.\$' keys.txt | while read -r k; do
	grep -q -e \"Cm \$k\\\$\" -e \"Cm \$k \" -e \"Cm \${k%.*}. Ns \" \
	    \"$TOP/man/complaint.5\" || echo \"\$k\"
    done" </dev/null
