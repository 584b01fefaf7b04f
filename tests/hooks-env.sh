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

# The new-case hooks: the channel, severity and language of the case, and
# what triage made of it, in three languages.
complaint config hook.pre-new "env | grep '^COMPLAINT_' | sort >$T/pre.txt" \
    >/dev/null
complaint config hook.new "env | grep -e '^COMPLAINT_' -e '^PATH=' | sort >$T/new.txt" \
    >/dev/null
check 'new: the hook sees the channel, severity and triage' 0 \
    "complaint-new -e bo@example.com -c phone -o A-7 -a '1200 EUR' \
    -r 2026-11-22T09:00:00Z My lawyer will hear about the kettle \
    2>/dev/null && sed 's|=$T|=T|' $T/new.txt" <<EOF
4
COMPLAINT_ACK_DUE=2026-11-22T13:00:00Z
COMPLAINT_ACTION=new
COMPLAINT_ACTOR=tester
COMPLAINT_CASE=4
COMPLAINT_CATEGORY=legal,money
COMPLAINT_CHANNEL=phone
COMPLAINT_FILE=T/cases.db
COMPLAINT_FLAGS=legal
COMPLAINT_LANG=en
COMPLAINT_RESOLVE_DUE=2026-11-25T09:00:00Z
COMPLAINT_RULES=legal lawyer*, money 1000.00
COMPLAINT_SEVERITY=high
COMPLAINT_STEP=new
COMPLAINT_TRIAGE_SEVERITY=high
COMPLAINT_USER=tester
PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
EOF
check 'the pre-new hook sees the same' 0 \
    "grep -v PATH $T/new.txt | diff - $T/pre.txt" </dev/null
check 'Indonesian: an overridden severity, and the rules said' 0 \
    "complaint-new -e citra@example.id -s low -r 2026-11-22T09:00:00Z \
    Saya akan menghubungi pengacara saya 2>/dev/null &&
    grep -e SEVERITY -e CATEGORY -e LANG -e CHANNEL $T/new.txt" <<EOF
5
COMPLAINT_CATEGORY=legal
COMPLAINT_CHANNEL=
COMPLAINT_LANG=id
COMPLAINT_SEVERITY=low
COMPLAINT_TRIAGE_SEVERITY=high
EOF
check 'Swedish, by mail: the channel is email' 0 \
    "printf 'From: Dag <dag@example.se>\nSubject: Trasig lampa\nMessage-ID: <l1@example.se>\nDate: Sun, 22 Nov 2026 09:00:00 +0000\n\nLampan gick sönder, jag kontaktar min advokat.\n' |
    complaint-new --mail 2>/dev/null &&
    grep -e SEVERITY -e CATEGORY -e LANG -e CHANNEL -e FLAGS $T/new.txt" <<EOF
6
COMPLAINT_CATEGORY=legal
COMPLAINT_CHANNEL=email
COMPLAINT_FLAGS=legal
COMPLAINT_LANG=sv
COMPLAINT_SEVERITY=high
COMPLAINT_TRIAGE_SEVERITY=high
EOF
check 'nothing triage found is set, empty' 0 \
    "complaint-new -e eva@example.com -r 2026-11-22T09:00:00Z \
    The parcel came two days late 2>/dev/null &&
    grep -e CATEGORY -e FLAGS -e RULES $T/new.txt" <<EOF
7
COMPLAINT_CATEGORY=
COMPLAINT_FLAGS=
COMPLAINT_RULES=
EOF
complaint config --unset hook.pre-new >/dev/null
complaint config --unset hook.new >/dev/null

# The remedies and the decision: the amount and its currency, the
# proposals answered, whom the decision favours.
for h in propose accept decline counter decide; do
	complaint config hook.$h "env | grep -e '^COMPLAINT_' | grep -v -e FILE \
	    -e USER -e ACTION -e ACTOR | sort >$T/$h.txt" >/dev/null
done
check 'propose: the kind, the amount and the currency' 0 \
    "complaint-resolve propose 7 partial-refund '39,90 €' -m 'for the delay' &&
    cat $T/propose.txt" <<EOF
7	proposal 1	partial-refund	39,90 €
COMPLAINT_AMOUNT=39.90
COMPLAINT_CASE=7
COMPLAINT_CURRENCY=EUR
COMPLAINT_KIND=partial-refund
COMPLAINT_PROPOSAL=1
COMPLAINT_REASON=for the delay
COMPLAINT_STEP=propose
EOF
check 'in kronor' 0 \
    "complaint-resolve propose 7 discount '50 kr' --approved-by lead &&
    cat $T/propose.txt" <<EOF
7	proposal 2	discount	50 kr
COMPLAINT_AMOUNT=50.00
COMPLAINT_CASE=7
COMPLAINT_CURRENCY=SEK
COMPLAINT_KIND=discount
COMPLAINT_PROPOSAL=2
COMPLAINT_STEP=propose
EOF
complaint-resolve propose 7 apology >/dev/null
check 'an apology has no amount' 0 "cat $T/propose.txt" <<EOF
COMPLAINT_CASE=7
COMPLAINT_KIND=apology
COMPLAINT_PROPOSAL=3
COMPLAINT_STEP=propose
EOF
check 'counter: the customer'"'"'s amount' 0 \
    "complaint-resolve counter 7 2 '80 kr' && cat $T/counter.txt" <<EOF
7	proposal 2	countered
COMPLAINT_AMOUNT=80.00
COMPLAINT_CASE=7
COMPLAINT_CURRENCY=SEK
COMPLAINT_KIND=discount
COMPLAINT_PROPOSAL=2
COMPLAINT_STEP=counter
EOF
complaint-resolve propose 7 refund '10 EUR' >/dev/null
check 'accept (agreement) of two: their sum in one currency' 0 \
    "complaint-resolve accept 7 1 4 -m 'ok' && cat $T/accept.txt" <<EOF
7	proposal 1	accepted
7	proposal 4	accepted
COMPLAINT_AMOUNT=49.90
COMPLAINT_CASE=7
COMPLAINT_CURRENCY=EUR
COMPLAINT_KIND=partial-refund refund
COMPLAINT_PROPOSAL=1 4
COMPLAINT_REASON=ok
COMPLAINT_STEP=accept
EOF
check 'decline' 0 \
    "complaint-resolve decline 7 3 && cat $T/decline.txt" <<EOF
7	proposal 3	declined
COMPLAINT_CASE=7
COMPLAINT_KIND=apology
COMPLAINT_PROPOSAL=3
COMPLAINT_STEP=decline
EOF
check 'decide: whom it favours, the rationale and the evidence' 0 \
    "complaint-resolve decide 5 --favour split --no-evidence \
    -m 'tidak ada bukti; kedua pihak' >/dev/null && cat $T/decide.txt" <<EOF
COMPLAINT_CASE=5
COMPLAINT_FAVOUR=split
COMPLAINT_REASON=tidak ada bukti; kedua pihak
COMPLAINT_STEP=decide
EOF
check 'favour when not given: the customer' 0 \
    "complaint-resolve decide 6 --no-evidence -m 'kunden har rätt' \
    2>/dev/null >/dev/null && grep FAVOUR $T/decide.txt" <<EOF
COMPLAINT_FAVOUR=customer
EOF
