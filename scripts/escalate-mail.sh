#!/bin/sh
# scripts/escalate-mail.sh: a hook that mails a support team about an
# escalated case.  complaint-resolve gives it the case as one CSV record
# with a header on standard input, and COMPLAINT_CASE in the environment.
#   complaint config hook.escalate \
#       'sh /usr/local/share/doc/complaint/examples/escalate-mail.sh'
# The team's address is $ESCALATE_TO, else support@localhost; sendmail(8)
# sends it.
set -eu
to=${ESCALATE_TO:-support@localhost}
case=${COMPLAINT_CASE:?escalate-mail.sh: run it as a complaint hook}
{
	printf 'To: %s\n' "$to"
	printf 'Subject: complaint case %s escalated\n' "$case"
	printf 'Content-Type: text/plain; charset=UTF-8\n\n'
	printf 'Case %s was escalated by %s.\n\n' "$case" \
	    "${COMPLAINT_USER:-someone}"
	printf 'The case, as CSV:\n\n'
	cat
} | sendmail -t
