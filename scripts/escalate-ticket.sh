#!/bin/sh
# scripts/escalate-ticket.sh: an escalate.hook that opens a ticket in a
# tracker and prints its reference, which complaint-resolve keeps.
#   complaint config escalate.hook \
#       'sh /usr/local/share/doc/complaint/examples/escalate-ticket.sh'
# The tracker here is a folder of files ($TICKET_DIR, else
# ~/.local/share/complaint/tickets); swap the last lines for your
# tracker's command line, e.g. "gh issue create" or "jira issue create",
# reading the title and body from the CSV on standard input.  The team
# and the reason are in COMPLAINT_TEAM and COMPLAINT_REASON.
set -eu
dir=${TICKET_DIR:-${HOME:?}/.local/share/complaint/tickets}
case=${COMPLAINT_CASE:?escalate-ticket.sh: run it as a complaint hook}
mkdir -p "$dir"
n=$(find "$dir" -name 'TCK-*' | wc -l)
ref=TCK-$((n + 1))
{
	printf 'Case: %s\n' "$case"
	printf 'Team: %s\n' "${COMPLAINT_TEAM:-}"
	printf 'Reason: %s\n' "${COMPLAINT_REASON:-}"
	cat
} >"$dir/$ref"
echo "$ref"
