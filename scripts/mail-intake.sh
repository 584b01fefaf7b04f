#!/bin/sh
# mail-intake.sh: deliver one e-mail message from standard input into the
# case file, for a mail delivery agent.  Arguments go to complaint-new
# (for example -f ~/complaints/cases.db).
#
# The exit status is what a delivery agent understands: 0 delivered;
# 65 (EX_DATAERR) the message is malformed: the agent bounces it, and
# complaint-new's reason goes back to the sender; every other failure
# (busy case file, full disk, a missing program) is 75 (EX_TEMPFAIL):
# the agent keeps the message and delivers it again later.  Delivering a
# message twice is safe: its Message-ID is the case's ref.
#
# ~/.forward (sendmail, Postfix, Exim):
#   "|/bin/sh /usr/local/share/doc/complaint/examples/mail-intake.sh"
# ~/.procmailrc (w: wait, and take a failure as a failed delivery):
#   :0 w
#   | /bin/sh /usr/local/share/doc/complaint/examples/mail-intake.sh
# ~/.fdm.conf:
#   action "complaint" pipe "/bin/sh /usr/local/share/doc/complaint/examples/mail-intake.sh"
#   match all action "complaint"
PATH=$PATH:/usr/local/bin:/usr/bin:/bin
export PATH

complaint-new --mail "$@" >/dev/null
rc=$?
case $rc in
0|65)	exit "$rc" ;;
*)	exit 75 ;;
esac
