#!/bin/sh
# tests/licence.sh: the project's licence is ISC, the same text in
# LICENSE and in debian/copyright (the package's), and the README says so.
. "$(dirname "$0")/lib.sh"

check 'LICENSE is the ISC licence of the complaint authors' 0 \
    "sed -n '1p;4p' $TOP/LICENSE" <<EOF
Copyright (c) 2026 the complaint authors
purpose with or without fee is hereby granted, provided that the above
EOF
# The stand-alone License paragraph, its text unindented, " ." a blank.
awk 'prev == "" && $0 == "License: ISC" { on = 1; prev = $0; next }
    on { sub(/^ /, ""); if ($0 == ".") $0 = ""; print }
    { prev = $0 }' "$TOP/debian/copyright" >deb.txt
sed '1,2d' "$TOP/LICENSE" >licence.txt
check 'debian/copyright grants the same, word for word' 0 \
    'cmp deb.txt licence.txt && wc -l <deb.txt' <<EOF
11
EOF
check 'debian/copyright: every file is the authors'"'"', under ISC' 0 \
    "sed -n '/^Files:/,/^\$/p' $TOP/debian/copyright" <<EOF
Files: *
Copyright: 2026 the complaint authors
License: ISC

EOF
check 'the README names the licence' 0 \
    "grep -c '^ISC licence: see LICENSE' $TOP/README" <<EOF
1
EOF
