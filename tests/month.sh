#!/bin/sh
# tests/month.sh: a simulated month of a small team (tests/month.py) on
# the real binaries, checked after every simulated day.  make check runs
# a short one; make stress runs 30 days:  sh tests/month.sh [DAYS [SEED]]
. "$(dirname "$0")/lib.sh"

days=${1:-${MONTH_DAYS:-5}}
seed=${2:-${MONTH_SEED:-23}}
export TOP
python3 "$TOP/tests/month.py" "$days" "$seed"
