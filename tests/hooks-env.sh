#!/bin/sh
# tests/hooks-env.sh: what a hook sees of the step it guards, and that a
# refused batch opens no ticket anywhere.
. "$(dirname "$0")/lib.sh"

for s in 'Kettle leaks' 'Paket hilang' 'Lampan trasig'; do
	complaint-new -e a@example.com "$s" </dev/null >/dev/null 2>&1
done
cat >"$T/ticket.sh" <<'EOF'
env | grep -e '^COMPLAINT_' -e '^PATH=' -e '^TICKET_' | sort >>"$T/env.txt"
echo "T-$COMPLAINT_CASE"
EOF
sed -i "s|\$T|$T|" "$T/ticket.sh"
complaint config escalate.hook "sh $T/ticket.sh" >/dev/null
complaint config hook.env 'TICKET_URL NOT_SET' >/dev/null
check 'escalate: the hook sees the team and the reason' 0 \
    "TICKET_URL=https://t.example/ complaint-resolve escalate 1 -t legal -m 'customer threatens court'" <<EOF
1	escalated
EOF
check 'its environment, exactly' 0 "sed 's|=$T|=T|' $T/env.txt" <<EOF
COMPLAINT_ACTION=escalate
COMPLAINT_ACTOR=tester
COMPLAINT_CASE=1
COMPLAINT_FILE=T/cases.db
COMPLAINT_REASON=customer threatens court
COMPLAINT_STEP=escalate
COMPLAINT_TEAM=legal
COMPLAINT_USER=tester
PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
TICKET_URL=https://t.example/
EOF
rm "$T/env.txt"
check 'Indonesian and Swedish reasons reach it unchanged' 0 \
    "complaint-resolve escalate 2 -t hukum -m 'pelanggan akan menggugat' && complaint-resolve escalate 3 -t juridik -m 'kunden hotar med tingsrätten' && grep REASON $T/env.txt" <<EOF
2	escalated
3	escalated
COMPLAINT_REASON=pelanggan akan menggugat
COMPLAINT_REASON=kunden hotar med tingsrätten
EOF
rm "$T/env.txt"
complaint-resolve close 3 --cause other -m 'lärdom: svara snabbare' >/dev/null
check 'a batch with a closed case is refused before any hook runs' 65 \
    "complaint-resolve escalate 1 2 3 -m 'again'" </dev/null
check_err 'complaint-resolve: case 3 is closed; reopen it first'
check 'so no ticket was opened anywhere' 1 "test -e $T/env.txt" </dev/null
check_sql 'and nothing changed' \
    "SELECT case_id, team, ticket FROM escalations ORDER BY id" <<EOF
1|legal|T-1
2|hukum|T-2
3|juridik|T-3
EOF
complaint config hook.pre-close "env | grep -e CAUSE -e LESSON | sort >$T/close.txt" >/dev/null
check 'close: the hook sees the cause and the lesson' 0 \
    "complaint-resolve close 2 --cause delivery -m 'ship sooner' && cat $T/close.txt" <<EOF
2	closed
COMPLAINT_CAUSE=delivery
COMPLAINT_LESSON=ship sooner
EOF
