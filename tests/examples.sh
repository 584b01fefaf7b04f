# shellcheck shell=sh
# tests/examples.sh: the runner of a document's examples, sourced by
# tests/readme.sh and tests/man7.sh after tests/lib.sh (run.sh does not
# run it on its own).
#
#   examples_split      stdin: the document's lines, each example block
#                       between lines "@@BEGIN" and "@@END"; writes
#                       page/cmd.N and page/want.N for every "$ " line
#                       (with the lines it continues onto, a here-document
#                       whole) and the output shown under it
#   examples_check WHAT MIN
#                       runs every command in one shell, in order, and
#                       checks each printed what the page shows (at least
#                       MIN commands); WHAT names them in the results
#
# Spaces, tabs and line breaks compare as one space, since documents fold
# long lines; a word ending in "..." stands for any word that begins with
# the rest.

examples_split() {
	mkdir -p page
	awk '
/^@@BEGIN$/ { inblock = 1; want = ""; next }
/^@@END$/ { inblock = 0; more = 0; next }
!inblock { next }
more {
	print >> cmd
	if (heredoc != "") {
		if ($0 == heredoc)
			heredoc = more = 0
	} else
		more = /[\\|]$/
	next
}
/^\$ / {
	n++
	cmd = "page/cmd." n
	want = "page/want." n
	sub(/^\$ /, "")
	print > cmd
	printf "" > want
	heredoc = ""
	if (match($0, /<<.?[A-Z]+.?$/)) {
		heredoc = substr($0, RSTART + 2)
		gsub(/[^A-Z]/, "", heredoc)
		more = 1
	} else
		more = /[\\|]$/
	next
}
want != "" { print >> want }
END { print n > "page/count" }'
}

examples_check() {
	n=$(cat page/count)
	# One script runs every command in turn, each output after a marker.
	: >page/run.sh
	i=1
	while [ "$i" -le "$n" ]; do
		{
			echo "echo '@@ $i'"
			echo "{"
			cat "page/cmd.$i"
			echo "} 2>&1"
		} >>page/run.sh
		i=$((i + 1))
	done
	(cd "$T" && TMPDIR=$T sh page/run.sh >page/out </dev/null 2>&1)
	awk '/^@@ [0-9]+$/ { f = "page/got." $2; printf "" > f; next }
	    { print >> f }' page/out

	# same N: compare the page's output of command N with what it printed.
	cat >same <<'EOF'
#!/bin/sh
words() { tr -s ' \t\n' '\n\n\n' <"$1" | sed '/^$/d'; }
words "page/want.$1" >page/w
words "page/got.$1" >page/g
awk 'NR == FNR { w[FNR] = $0; nw = FNR; next }
    { g[FNR] = $0; ng = FNR }
    END {
	for (i = 1; i <= (nw > ng ? nw : ng); i++) {
		x = w[i]
		if (x ~ /\.\.\.$/ && i <= ng &&
		    index(g[i], substr(x, 1, length(x) - 3)) == 1)
			continue
		if (x != g[i]) {
			printf "word %d: page has \"%s\", got \"%s\"\n", i, x,
			    g[i] > "/dev/stderr"
			exit 1
		}
	}
    }' page/w page/g
EOF
	chmod +x same
	check "$1 has its examples" 0 "test $n -ge $2" </dev/null
	i=1
	while [ "$i" -le "$n" ]; do
		# The name without backslashes, which echo would read as escapes.
		name=$(sed 1q "page/cmd.$i" | sed 's/[\\]//g; s/[[:space:]]*$//')
		check "$1: \$ $name" 0 "./same $i" </dev/null
		i=$((i + 1))
	done
}
