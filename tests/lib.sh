# shellcheck shell=sh
# tests/lib.sh: the harness every shell test sources.  Each test file runs
# in its own temporary folder with its own HOME and case file; results are
# lines "ok - NAME", "not ok - NAME" or "skip - NAME", counted by run.sh.
#
#   check NAME STATUS COMMAND    expected stdout on stdin; COMMAND's own
#                                stdin is /dev/null unless it pipes
#   check_err TEXT               the last check's stderr, exactly
#   check_sql NAME SQL           the case file's rows, exactly, on stdin
#   skip NAME WHY
#
# The expected output comes from a here-document, or </dev/null when it is
# empty: never from the terminal.  A check left to read the test file's
# own standard input fails at once: the terminal, when a file is run by
# hand, or the empty file tests/run.sh gives every test (COMPLAINT_TEST_STDIN).

TOP=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/complaint-test.XXXXXX")
trap '_audit_json; rm -rf "$T"' EXIT
mkdir -p "$T/home"
HOME=$T/home
COMPLAINT_FILE=$T/cases.db
COMPLAINT_USER=tester
COMPLAINT_NOW=2026-11-22T10:00:00Z
TZ=UTC
LC_ALL=C.UTF-8
PATH=$TOP:$PATH
DATA=$TOP/../shared/data
export HOME COMPLAINT_FILE COMPLAINT_USER COMPLAINT_NOW TZ LC_ALL PATH DATA
unset XDG_DATA_HOME MAKEFLAGS MFLAGS MAKELEVEL
cd "$T" || exit 1

# SQL that takes a case file of this version back to the shape of schema
# 2, for the tests of migrations: what migrate-3.sql to migrate-7.sql add
# (the phone setting and the attachment columns are left to each test).
# The log then no longer matches the rows: such a file is TAMPERED.
# shellcheck disable=SC2034 # used by the tests that source this file
TO_SCHEMA2="ALTER TABLE cases DROP COLUMN settled;
    ALTER TABLE cases DROP COLUMN settled_by;
    ALTER TABLE cases DROP COLUMN graded;
    ALTER TABLE rules DROP COLUMN only_with;
    ALTER TABLE rules DROP COLUMN not_with;
    DROP TRIGGER audit_no_update; ALTER TABLE audit DROP COLUMN rows;
    DROP TABLE communications; DROP TABLE citations;
    DROP TABLE explanations; ALTER TABLE discrepancies DROP COLUMN account_a;
    ALTER TABLE discrepancies DROP COLUMN account_b;
    DELETE FROM settings WHERE key = 'mail.tag-any';"
# shellcheck disable=SC2034
TO_SCHEMA2_ATTACHMENTS="ALTER TABLE attachments DROP COLUMN comm;
    ALTER TABLE attachments DROP COLUMN path;
    ALTER TABLE attachments DROP COLUMN note;
    ALTER TABLE attachments DROP COLUMN added;"

_fail() {
	echo "not ok - $1"
	shift
	printf '#   %s\n' "$@"
}

# Whether a check was written without a here-document or </dev/null, so
# its expected output would come from the terminal or run.sh's stdin.
# (test -ef: in dash, bash, ksh, the BSD sh and POSIX.1-2024.)
# shellcheck disable=SC3013
_noinput() {
	[ -t 0 ] || { [ -n "${COMPLAINT_TEST_STDIN-}" ] &&
	    [ /dev/stdin -ef "$COMPLAINT_TEST_STDIN" ]; } || return 1
	_fail "$1" "no expected output given: write a here-document," \
	    "or </dev/null when it is empty"
}

check() {
	_name=$1 _want=$2 _cmd=$3
	_noinput "$_name" && return
	cat >"$T/.want"
	sh -c "$_cmd" >"$T/.out" 2>"$T/.err" </dev/null
	_got=$?
	if [ "$_got" != "$_want" ]; then
		_fail "$_name" "exit $_got, want $_want: $_cmd" \
		    "stderr: $(head -c 400 "$T/.err")"
	elif ! cmp -s "$T/.want" "$T/.out"; then
		_fail "$_name" "stdout differs: $_cmd"
		diff "$T/.want" "$T/.out" | head -20 | sed 's/^/#   /'
	else
		echo "ok - $_name"
	fi
}

check_err() {
	printf '%s\n' "$1" >"$T/.want"
	if cmp -s "$T/.want" "$T/.err"; then
		echo "ok - stderr: $1"
	else
		_fail "stderr: $1" "got: $(head -c 400 "$T/.err")"
	fi
}

check_sql() {
	_name=$1 _sql=$2
	_noinput "$_name" && return
	cat >"$T/.want"
	sqlite3 -batch -separator '|' "$COMPLAINT_FILE" "$_sql" >"$T/.out" 2>&1
	if cmp -s "$T/.want" "$T/.out"; then
		echo "ok - $_name"
	else
		_fail "$_name" "rows differ: $_sql"
		diff "$T/.want" "$T/.out" | head -20 | sed 's/^/#   /'
	fi
}

# Every audit entry a test wrote must parse as JSON (complaint(5)), and
# verify must pass: run at exit over each case file under $T, except
# those named in LEGACY_OK or TAMPERED.
_audit_json() {
	find "$T" -name '*.db' -type f | sort | while read -r _db; do
		case " ${LEGACY_OK:-} " in *" ${_db##*/} "*) continue ;; esac
		sqlite3 -batch "$_db" "SELECT 1 FROM sqlite_schema
		    WHERE name = 'audit'" 2>/dev/null | grep -qx 1 || continue
		_bad=$(sqlite3 -batch -json "$_db" "SELECT id, content
		    FROM audit WHERE redacted IS NULL" | python3 -c '
import json, sys
text = sys.stdin.read().strip()
bad = []
for r in json.loads(text) if text else []:
    try:
        json.loads(r["content"])
    except ValueError:
        bad.append(str(r["id"]))
print(" ".join(bad) or "none")' 2>&1)
		if [ "$_bad" = none ]; then
			echo "ok - audit entries are JSON: ${_db#"$T"/}"
		else
			_fail "audit entries are JSON: ${_db#"$T"/}" \
			    "not JSON: $_bad"
		fi
		# and the tables are what the log says, unless a test
		# changed them on purpose (TAMPERED)
		case " ${TAMPERED:-} " in *" ${_db##*/} "*) continue ;; esac
		if _v=$(complaint-report -q -f "$_db" verify 2>&1); then
			echo "ok - verify: ${_db#"$T"/}"
		else
			_fail "verify: ${_db#"$T"/}" "$_v"
		fi
	done
}

skip() {
	echo "skip - $1 ($2)"
}
