#!/bin/sh
# tests/man7.sh: complaint(7)'s worked dispute runs as typed.  Every
# command in the page's examples (a line starting "$ ", with the lines it
# continues onto) runs in one shell, in order, from the page's own text;
# what it prints, standard error first as a terminal shows it, must be
# what the page shows under it.  Spaces, tabs and line breaks compare as
# one space, since the page folds long lines; a word ending in "..." on
# the page stands for any word that begins with the rest.
. "$(dirname "$0")/lib.sh"

unset COMPLAINT_FILE COMPLAINT_USER COMPLAINT_NOW
. "$TOP/tests/examples.sh"
# The literal blocks are the examples; \e is a backslash.
sed 's/\\e/\\/g' "$TOP/man/complaint.7" |
    sed 's/^\.Bd -literal.*/@@BEGIN/; s/^\.Ed.*/@@END/' | examples_split
examples_check 'complaint(7)' 30
