#!/bin/sh
# tests/json.sh: one JSON writer, one rule: a field without a value is
# left out, in list lines and in the dossier alike (complaint-report(1)).
. "$(dirname "$0")/lib.sh"

complaint-new -r 2026-11-20T10:00:00Z Parcel late </dev/null >/dev/null 2>&1
check 'list --json: a case without a customer has no customer key' 0 \
    'complaint-report list --json' <<OUT
{"id":1,"received":"2026-11-20T10:00:00Z","status":"new","severity":"medium","summary":"Parcel late"}
OUT
check 'show --json: no key without a value either' 0 \
    'complaint-report show --json 1 | cut -d, -f1-6' <<OUT
{"case":1,"received":"2026-11-20T10:00:00Z","status":"new","severity":"medium","flags":"suspect","summary":"Parcel late"
OUT
check 'and no null anywhere in the dossier' 1 \
    'complaint-report show --json 1 | grep -c null' <<OUT
0
OUT
check 'list --csv keeps the empty column: CSV has no keys to leave out' 0 \
    'complaint-report list --csv' <<OUT
id,received,status,severity,customer,summary
1,2026-11-20T10:00:00Z,new,medium,,Parcel late
OUT
