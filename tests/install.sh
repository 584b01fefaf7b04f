#!/bin/sh
# tests/install.sh: make install into a DESTDIR, then use what was
# installed: every program answers --version, the front door finds its
# tools beside it, every page renders; make uninstall leaves nothing.
. "$(dirname "$0")/lib.sh"

dest=$T/dest
check 'make install into DESTDIR' 0 \
    "make -s -C $TOP install DESTDIR=$dest PREFIX=/usr >/dev/null" </dev/null
bin=$dest/usr/bin
for p in $(cd "$TOP" && make -s -f Makefile print-bin); do
	check "installed $p runs" 0 "$bin/$p --version" <<EOF
$p 0.1.0
EOF
done
check 'the installed front door runs the installed tool' 0 \
    "PATH=/usr/bin:/bin $bin/complaint new -f $T/c.db Parcel" <<EOF
1
EOF
for page in $(cd "$dest/usr/share/man" && ls man*/*); do
	if command -v man >/dev/null 2>&1; then
		check "man -l $page" 0 \
		    "MANPAGER=cat man -l $dest/usr/share/man/$page 2>&1 |
		    grep -c '^NAME'" <<EOF
1
EOF
	else
		check "mandoc $page" 0 \
		    "mandoc -Tlint -W warning $dest/usr/share/man/$page" </dev/null
	fi
done
check 'completions and examples are installed' 0 \
    "cd $dest/usr/share && ls zsh/site-functions bash-completion/completions/complaint-new doc/complaint/examples" <<EOF
bash-completion/completions/complaint-new

doc/complaint/examples:
complaint-reminders.service
complaint-reminders.timer
complaint-weekly.service
complaint-weekly.timer
cron-head.sh
cron-reminders.sh
escalate-mail.sh
escalate-ticket.sh
mail-intake.sh
weekly-report.sh

zsh/site-functions:
_complaint
EOF
check 'fish finds a completion file for each tool, by its name' 0 \
    "ls $dest/usr/share/fish/vendor_completions.d" <<EOF
complaint-compare.fish
complaint-interview.fish
complaint-new.fish
complaint-report.fish
complaint-resolve.fish
complaint.fish
EOF
if command -v fish >/dev/null 2>&1; then
	check 'fish loads them from there, each tool by its name' 0 \
	    "fish --no-config -c 'set fish_complete_path $dest/usr/share/fish/vendor_completions.d \$fish_complete_path; complete -C \"complaint-report ov\"; complete -C \"complaint-resolve clo\"'" <<EOF
overdue	cases past a due time
close	close with a root cause
EOF
fi
check 'the installed mail recipe delivers a message' 0 \
    "PATH=$bin:/usr/bin:/bin COMPLAINT_FILE=$T/c.db sh $dest/usr/share/doc/complaint/examples/mail-intake.sh <$TOP/tests/mail/en-plain.eml && sqlite3 $T/c.db 'SELECT count(*) FROM cases'" <<EOF
2
EOF
check 'make uninstall leaves no file' 0 \
    "make -s -C $TOP uninstall DESTDIR=$dest PREFIX=/usr >/dev/null &&
    find $dest -type f | wc -l" <<EOF
0
EOF
