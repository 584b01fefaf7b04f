#!/bin/sh
# scripts/escalate-mail.sh: a hook that mails a support team about an
# escalated case.  complaint-resolve gives it the case as one CSV record
# with a header on standard input, and in the environment COMPLAINT_CASE,
# COMPLAINT_ACTOR, COMPLAINT_TEAM and COMPLAINT_REASON (complaint(5)).
# PATH holds /usr/sbin, where Debian keeps sendmail.
#   complaint config hook.escalate \
#       'sh /usr/local/share/doc/complaint/examples/escalate-mail.sh'
# The team's address is $ESCALATE_TO, else support@localhost; sendmail(8)
# sends it.
set -eu
to=${ESCALATE_TO:-support@localhost}
case=${COMPLAINT_CASE:?escalate-mail.sh: run it as a complaint hook}
{
	printf 'To: %s\n' "$to"
	printf 'Subject: complaint case %s escalated to %s\n' "$case" \
	    "${COMPLAINT_TEAM:-support}"
	printf 'Content-Type: text/plain; charset=UTF-8\n\n'
	printf 'Case %s was escalated to %s by %s: %s\n\n' "$case" \
	    "${COMPLAINT_TEAM:-support}" "${COMPLAINT_ACTOR:-someone}" \
	    "${COMPLAINT_REASON:-}"
	printf 'The case, as CSV:\n\n'
	cat
} | sendmail -t
