#!/bin/sh
# tests/audit-key.sh: the audit key (setting audit.keyfile): checked when
# set and when used, every entry after it an HMAC-SHA-256, and a rewrite
# of the log that a file without the key lets pass is caught with it
# (complaint(5), "What verify detects").
. "$(dirname "$0")/lib.sh"

complaint-new -n 'Ann Berg' -e ann@example.se -r 2026-11-20 Kettle leaks \
    </dev/null >/dev/null 2>&1
complaint-resolve ack 1 </dev/null >/dev/null
K=$T/audit.key
head -c 32 /dev/urandom >"$K"

chmod 644 "$K"
check 'a key others can read is refused' 77 \
    "complaint config audit.keyfile $K" </dev/null
check_err "complaint: audit key $K has mode 0644, so others may read it; chmod 600 it"
chmod 600 "$K"
check 'a relative path is refused' 65 \
    'complaint config audit.keyfile audit.key' </dev/null
check_err "complaint: audit.keyfile: audit.key is not an absolute path; give the key file's full path"
check 'a missing key is refused' 66 \
    "complaint config audit.keyfile $T/none" </dev/null
check_err "complaint: audit key $T/none is missing; restore it from where it is kept"
printf 'short' >"$T/short.key"
chmod 600 "$T/short.key"
check 'a short key is refused' 65 \
    "complaint config audit.keyfile $T/short.key" </dev/null
check_err "complaint: audit key $T/short.key holds 5 bytes; give 32 to 4096 (head -c 32 /dev/urandom)"
ln -s "$K" "$T/link.key"
check 'a symbolic link is refused' 66 \
    "complaint config audit.keyfile $T/link.key" </dev/null
check_err "complaint: audit key $T/link.key is a symbolic link; name the file itself"
check 'a folder is refused' 66 "complaint config audit.keyfile $T/home" \
    </dev/null
check_err "complaint: audit key $T/home is not a regular file"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	cp "$K" "$T/nobody.key"
	chown nobody "$T/nobody.key"
	check 'a key of another user is refused' 77 \
	    "complaint config audit.keyfile $T/nobody.key" </dev/null
	check_err "complaint: audit key $T/nobody.key belongs to uid $(id -u nobody), not to you; use a key file you own"
else
	skip 'a key of another user is refused' 'not root: cannot chown'
fi
check_sql 'nothing refused was set' \
    "SELECT count(*) FROM settings WHERE key = 'audit.keyfile'" <<EOF
0
EOF

check 'the key is set' 0 "complaint config audit.keyfile $K" </dev/null
complaint-resolve escalate 1 -m 'check stock' </dev/null >/dev/null
complaint-resolve escalate 1 -m 'again' </dev/null >/dev/null
check 'verify names the keyed entries' 0 \
    'complaint-report verify | cut -f1,2' <<EOF
ok	6 entries
ok	3 entries keyed from entry 4
ok	151 rows match the log
EOF
check 'the entries before the key are plain SHA-256, the rest HMAC' 0 \
    "python3 $TOP/tests/rechain.py cases.db - $K" <<EOF
1 plain
2 plain
3 plain
4 hmac
5 hmac
6 hmac
EOF
head -c 32 /dev/urandom >"$T/other.key"
chmod 600 "$T/other.key"
check 'another key is refused once entries are keyed' 65 \
    "complaint config audit.keyfile $T/other.key" </dev/null
check_err "complaint: audit key $T/other.key is not the key set already; the entries it keyed need it: move that file instead"
cp -p "$K" "$T/moved.key"
check 'the same key moved is taken' 0 \
    "complaint config audit.keyfile $T/moved.key" </dev/null
mv "$T/moved.key" "$T/moved.off"
check 'a writer refuses to write when the key is missing' 66 \
    'complaint-resolve escalate 1 -m x' </dev/null
check_err "complaint-resolve: audit key $T/moved.key is missing; restore it from where it is kept"
check 'verify says the keyed part is not proved' 66 \
    'complaint-report -q verify' </dev/null
check_err "complaint-report: audit key $T/moved.key is missing; restore it from where it is kept: 4 entries keyed from entry 4 are not proved"
mv "$T/moved.off" "$T/moved.key"
chmod 640 "$T/moved.key"
check 'verify refuses a key others can read' 77 \
    'complaint-report -q verify' </dev/null
check_err "complaint-report: audit key $T/moved.key has mode 0640, so others may read it; chmod 600 it: 4 entries keyed from entry 4 are not proved"
chmod 600 "$T/moved.key"
check 'and proves it with the key back' 0 'complaint-report -q verify' \
    </dev/null

# A consistent rewrite: entry 5's content changed, its content hash and
# every chain hash from it recomputed as plain SHA-256 (what an adversary
# without the key can do).  A file without the key lets it pass.
sqlite3 cases.db ".backup '$T/keyed.db'"
cp "$T/keyed.db" "$T/rw.db"
export TAMPERED="rw.db rw2.db plain.db keyed.db"
python3 "$TOP/tests/rechain.py" "$T/rw.db" 5 >/dev/null
check 'a plain rewrite of the keyed part is caught' 1 \
    "complaint-report -q -f $T/rw.db verify" </dev/null
check_err 'complaint-report: audit entry 5 is keyed, but its hash is a plain SHA-256: the log was rewritten without the key'
cp "$T/keyed.db" "$T/rw2.db"
python3 "$TOP/tests/rechain.py" "$T/rw2.db" 5 "$T/other.key" >/dev/null
check 'a rewrite under another key is caught' 1 \
    "complaint-report -q -f $T/rw2.db verify" </dev/null
check_err 'complaint-report: audit entry 5: the keyed chain is broken (the entry or one before it was altered, or the key is not the one it was written with)'
complaint-new -f "$T/plain.db" -n 'Ann Berg' -r 2026-11-20 Kettle leaks \
    </dev/null >/dev/null 2>&1
complaint-resolve -f "$T/plain.db" ack 1 </dev/null >/dev/null
complaint-resolve -f "$T/plain.db" escalate 1 -m 'check stock' \
    </dev/null >/dev/null
python3 "$TOP/tests/rechain.py" "$T/plain.db" 4 >/dev/null
check 'the same rewrite of a file without a key passes verify' 0 \
    "complaint-report -q -f $T/plain.db verify" </dev/null
check 'the setting deleted outside the tools shows' 1 \
    "sqlite3 $T/keyed.db \"DELETE FROM settings WHERE key = 'audit.keyfile'\" && complaint-report -q -f $T/keyed.db verify" </dev/null
check_err 'complaint-report: settings row ["audit.keyfile"] was deleted outside the tools: audit entry 7 recorded it'

# Unset, the key is no longer needed: later entries are plain again, the
# keyed ones still need it.
check 'the key is unset' 0 'complaint config --unset audit.keyfile' </dev/null
complaint-resolve escalate 1 -m 'later' </dev/null >/dev/null
check 'verify still proves the keyed part' 0 \
    'complaint-report verify | cut -f1,2' <<EOF
ok	9 entries
ok	4 entries keyed from entry 4
ok	152 rows match the log
EOF
check 'the entries after the unset are plain' 0 \
    "python3 $TOP/tests/rechain.py cases.db - $K | tail -3" <<EOF
7 hmac
8 plain
9 plain
EOF
