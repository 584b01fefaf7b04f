# bench/lib.sh: what every benchmark starts with, sourced by each (after
# set -eu): top, the source tree; dir, bench/data, made when missing.
# shellcheck shell=sh
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$top/bench/data
mkdir -p "$dir"

# need TOOL...: stop with 69 (unavailable) when a tool is not there.
need() {
	for t in "$@"; do
		command -v "$t" >/dev/null || {
			echo "bench: needs $t (make bench installs it)" >&2
			exit 69
		}
	done
}

# median CMD [BEFORE]: run the shell command CMD $runs times under
# /usr/bin/time, its output thrown away, and BEFORE, untimed, ahead of
# each; print the median run's wall seconds, peak RSS in kB and CPU
# seconds (user and system).  A failure stops the benchmark with CMD's
# error.
median() {
	[ -x /usr/bin/time ] || need /usr/bin/time
	i=0
	: >"$dir/times"
	# shellcheck disable=SC2154 # runs is the sourcing script's
	while [ "$i" -lt "$runs" ]; do
		[ $# -lt 2 ] || sh -c "$2"
		/usr/bin/time -f '%e %M %U %S' -o "$dir/time" sh -c "$1" \
		    >/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; exit 1; }
		cat "$dir/time" >>"$dir/times"
		i=$((i + 1))
	done
	sort -n "$dir/times" | sed -n "$(( (runs + 1) / 2 ))p" |
	    awk '{ print $1, $2, $3 + $4 }'
}
