#!/bin/sh
# scripts/test-deb.sh: build the Debian package from a copy of this tree,
# check it with lintian, install it, use it, and remove it.  For CI on
# Debian; needs root, dpkg-buildpackage and debhelper.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/complaint-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
# What git tracks, so no build output or case file gets into the package.
(cd "$top" && git ls-files -z | xargs -0 tar cf -) | (cd "$work/src" && tar xf -)
cd "$work/src"
dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1 || {
	tail -40 "$work/build.log" >&2
	echo "test-deb: dpkg-buildpackage failed" >&2
	exit 1
}
deb=$(ls "$work"/complaint_*_*.deb)
if command -v lintian >/dev/null 2>&1; then
	lintian --fail-on error,warning "$deb" 2>&1 |
	    grep -v 'running with root privileges' || :
	lintian --fail-on error,warning "$deb" >/dev/null 2>&1 || {
		echo "test-deb: lintian found errors or warnings" >&2
		exit 1
	}
fi
dpkg -i "$deb" >/dev/null
trap 'dpkg -r complaint >/dev/null 2>&1; rm -rf "$work"' EXIT
f=$work/cases.db
v=$(complaint --version)
id=$(complaint new -f "$f" -n 'Ann Berg' Kettle leaks </dev/null)
list=$(complaint-report -f "$f" list | cut -f1,5,6)
page=$(MANPAGER="cat" man complaint 2>/dev/null | grep -c '^NAME')
dpkg -r complaint >/dev/null
printf 'deb: %s; %s; case %s; list "%s"; man pages found: %s\n' \
    "$(basename "$deb")" "$v" "$id" "$list" "$page"
[ "$id" = 1 ] && [ "$list" = "$(printf '1\tAnn Berg\tKettle leaks')" ] &&
    [ "$page" -ge 1 ]
