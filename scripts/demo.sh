#!/bin/sh
# scripts/demo.sh: one dispute through the whole procedure, on a fresh case
# file in a temporary folder, printing each command before it runs.  The
# story is the one complaint(7) tells.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/complaint-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
PATH=$top:$PATH
COMPLAINT_FILE=$dir/cases.db
COMPLAINT_USER=${COMPLAINT_USER:-sara}
export PATH COMPLAINT_FILE COMPLAINT_USER

step() {
	printf '\n== %s\n' "$*"
}
# The story's clock: each step happens at a time of its own.
at() {
	COMPLAINT_NOW=$1
	export COMPLAINT_NOW
	printf '\n(it is now %s)\n' "$1"
}
run() {
	printf '\n$ %s\n' "$*"
	sh -c "$*"
}
# Like run, for a command whose exit 1 is an answer (diff's "they differ").
run_differ() {
	printf '\n$ %s\n' "$*"
	rc=0
	sh -c "$*" || rc=$?
	[ "$rc" -le 1 ] || exit "$rc"
	printf '(exit %s: %s)\n' "$rc" "$([ "$rc" = 1 ] && echo 'the accounts differ' ||
	    echo 'the accounts agree')"
}

echo "A fresh case file: $COMPLAINT_FILE"

step "1. Intake: record each complaint as it comes in"
at 2026-11-20T09:30:00Z
run "complaint-new -n 'Ann Berg' -e ann@example.se -c email -p 'Kettle K2' \\
    -o A-1001 -a '49.90 EUR' -E Per -r 2026-11-20T09:12:00Z \\
    -m 'The kettle leaked on the first use and scalded the counter.' \\
    Kettle leaks"
run "complaint-new -n 'Budi Santoso' --phone '+62 21 555 0101' -c phone -l id \\
    -p Delivery -o B-2002 Paket terlambat dua minggu"
run "echo 'Charged twice for one order.' | complaint-new -e ann@example.se \\
    -c web -o A-1002 -a 'EUR 19.00' -t billing Double charge"
run "complaint-new -c web Free money now"
run "complaint-new --mail <<'EOF'
From: =?UTF-8?Q?=C3=85sa_Lind?= <asa@example.se>
To: support@example.com
Subject: =?UTF-8?Q?Fel_belopp_p=C3=A5_kvittot?=
Date: Fri, 20 Nov 2026 09:20:00 +0100
Message-ID: <kvitto-1003@example.se>
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: quoted-printable

Hej! Jag betalade 89 kr f=F6r mycket f=F6r order A-1003.
EOF"
run "complaint-report list"

step "2. Acknowledge at once, promising nothing about the outcome"
at 2026-11-20T10:05:00Z
run "complaint-report list --status new --customer ann@example.se |
    complaint-resolve ack -"
run "complaint-resolve ack 2 --message"
run "complaint-resolve ack 5 --message"
run "complaint-resolve dismiss 4 -m 'hoax: no customer, no order'"

step "3. Hear both sides: the employee involved first, then the complainant"
at 2026-11-20T15:00:00Z
run "printf '%s\\n' \\
    '09:05 I unpacked the kettle in front of the customer.' \\
    '09:10 She filled it at the tap and it did not leak.' \\
    '09:15 She paid 49.90 EUR and left.' |
    complaint-interview -r employee --medium in-person 1"
at 2026-11-20T16:30:00Z
run "printf '%s\\n' \\
    '09:05 The assistant unpacked the kettle.' \\
    '09:15 I paid 59.90 EUR.' \\
    '09:40 At home it leaked all over the counter.' \\
    '09:10 I filled it at the tap and it did leak.' |
    complaint-interview -r complainant --medium phone 1"

step "4. Compare the accounts, and keep the differences"
run_differ "complaint-compare -r 1"

step "5. Propose a remedy and seek the customer's agreement"
at 2026-11-21T14:00:00Z
run "complaint-resolve propose 1 refund 49.90 --expires 7d \\
    -m 'Full refund and a new kettle'"
run "complaint-resolve accept 1 -m 'by phone'"

step "6. Escalate what cannot be settled directly; decide on the evidence"
at 2026-11-22T11:00:00Z
run "complaint-resolve escalate 3 -t billing -m 'needs the card records'"
run "complaint-resolve decide 3 --favour customer --no-evidence \\
    -m 'the bank statement shows both charges'"

step "7. Follow up, and learn from the root cause"
run "complaint-resolve follow-up 1 3 --in 7d"
at 2026-11-29T09:00:00Z
run "complaint-report due -w 1d"
at 2026-11-29T11:30:00Z
run "complaint-resolve follow-up 1 --done --satisfied yes --score 5"
run "complaint-resolve close 1 --cause product-defect \\
    -m 'test the seal of every K2 batch'"
run "complaint-report causes"
run "complaint-report show 1 | sed -n '1,/^timeline/p;/^accounts/,/^$/p;/^discrepancies/,/^$/p'"

step "8. Every change is in the log, chained by SHA-256"
run "complaint-report log 1 | cut -f1-5"
run "complaint-report verify"

step "9. The dossier on paper, for a mediator or a court"
# It outlives the case file: a folder of its own, or COMPLAINT_DEMO_OUT.
out=${COMPLAINT_DEMO_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/complaint-dossier.XXXXXX")}
mkdir -p "$out"
run "complaint-report show --html --out '$out' 1"
browser=
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && browser=$b && break
done
if [ -n "$browser" ]; then
	# The sandbox will not start as root; the page runs no script anyway.
	nosandbox=
	[ "$(id -u)" -eq 0 ] && nosandbox=--no-sandbox
	run "$browser --headless $nosandbox --disable-gpu --no-pdf-header-footer \\
    --user-data-dir='$dir/browser' --print-to-pdf='$out/case-1.pdf' \\
    'file://$out/case-1.html' 2>/dev/null"
	printf '\nThe dossier of case 1: %s/case-1.html and %s/case-1.pdf\n' \
	    "$out" "$out"
else
	printf '\nThe dossier of case 1: %s/case-1.html (no PDF: no chromium)\n' \
	    "$out"
fi

printf '\nDone. The case file was %s (removed now).\n' "$COMPLAINT_FILE"
