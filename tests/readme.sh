#!/bin/sh
# tests/readme.sh: the README's examples run as typed.  Every command in
# its indented examples (a line starting "$ ", with the lines it
# continues onto) runs in one shell, in order, from the README's own
# text, at the time and as the user it names; what it prints, standard
# error first as a terminal shows it, must be what the README shows.
# Spaces, tabs and line breaks compare as one space, since the README
# folds long lines; a word ending in "..." stands for any word that
# begins with the rest (tests/examples.sh).
. "$(dirname "$0")/lib.sh"

COMPLAINT_NOW=2026-11-20T09:30:00Z
COMPLAINT_USER=eva
export COMPLAINT_NOW COMPLAINT_USER
. "$TOP/tests/examples.sh"
# The indented blocks are the examples.
awk '{ ind = sub(/^    /, "") }
ind && !inblock { inblock = 1; print "@@BEGIN" }
!ind && inblock { inblock = 0; print "@@END" }
{ print }' "$TOP/README" | examples_split
examples_check README 15
