#!/bin/sh
# tests/deps.sh: scripts/install-deps finds the packages by what they
# provide: with everything there it runs no package tool (no sudo, apt-get
# or dpkg-query), as any user; a missing one is named.  The package tools
# and id(1) are stand-ins on PATH that log their calls.
. "$(dirname "$0")/lib.sh"

mkdir "$T/bin"
for tool in sudo apt-get dpkg-query; do
	printf '#!/bin/sh\necho "%s $*" >>"%s/calls"\n' "$tool" "$T" \
	    >"$T/bin/$tool"
	chmod +x "$T/bin/$tool"
done
printf '#!/bin/sh\necho 1000\n' >"$T/bin/id"
chmod +x "$T/bin/id"
: >"$T/calls"

check 'all there: exit 0 as a user, no package tool run' 0 \
    "PATH='$T/bin':\$PATH sh '$TOP/scripts/install-deps' && cat '$T/calls'" \
    </dev/null

# Without mandoc: a folder with every command but mandoc (and the stand-ins).
mkdir "$T/nomandoc"
for c in sh make gcc pkg-config sqlite3 python3 uname cat grep id; do
	p=$(command -v "$c") && ln -s "$p" "$T/nomandoc/$c"
done
ln -sf "$T/bin/id" "$T/nomandoc/id"
check 'a missing package is named, as a user' 69 \
    "PATH='$T/nomandoc' sh '$TOP/scripts/install-deps'" </dev/null
check_err 'install-deps: missing: mandoc; install them as root: apt-get install mandoc'
check 'and no package tool was run' 0 "cat '$T/calls'" </dev/null
