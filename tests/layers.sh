#!/bin/sh
# tests/layers.sh: the calls between the library's files point one way
# (STYLE.md, Layers).  tests/layers.py maps each use of a function to the
# lib file defining it; first it is shown to find a loop, and to ignore
# what is not a call, on a tiny tree made here; then lib/ has none, and
# the README's list of the layers is the graph's.
. "$(dirname "$0")/lib.sh"

L="python3 '$TOP/tests/layers.py'"
mkdir "$T/tree"
# ground.c: called by all, calls nobody.  up.c -> mid.c -> top.c -> up.c
# is the loop; a comment, a string, a member and a static function of the
# same name as another file's are not uses.
cat >"$T/tree/ground.c" <<'EOF'
/* ground.c: top_run( is only named in a comment */
#include <stdio.h>
int
ground_get(int x)
{
	const char *s = "mid_step(1)";	/* a string, not a call */
	return x + (s != NULL);
}
EOF
cat >"$T/tree/up.c" <<'EOF'
#define TWICE(x) (mid_step(x) + mid_step(x))
static int
helper(int x)
{
	return ground_get(x);
}
int
up_go(int x)
{
	return TWICE(helper(x));
}
EOF
cat >"$T/tree/mid.c" <<'EOF'
struct ops { int (*fn)(int); };
static const struct ops ops = { top_run };	/* a callback is a use */
int
mid_step(int x)
{
	return ops.fn(x) + ground_get(x);
}
EOF
cat >"$T/tree/top.c" <<'EOF'
struct s { int (*up_go)(int); };
static int
helper(int x)
{
	return x;
}
int
top_run(int x)
{
	struct s v = { helper };
	/* up_go( in a comment; v.up_go( and p->up_go( are members */
	return v.up_go(x) + helper(x) + ground_get(x) + up_go(0);
}
EOF

check 'the edges of a tiny tree, exit 1' 1 \
    "$L --edges '$T/tree' 2>/dev/null" <<'EOF'
mid.c ground.c ground_get
mid.c top.c top_run
top.c ground.c ground_get
top.c up.c up_go
up.c ground.c ground_get
up.c mid.c mid_step
EOF
check 'its loop is named, exit 1' 1 "$L '$T/tree'" <<'EOF'
cycle of 3 files: mid.c top.c up.c
  for example mid.c -> top.c -> up.c -> mid.c
  mid.c -> top.c: top_run
  top.c -> up.c: up_go
  up.c -> mid.c: mid_step
EOF
check 'its heights: the loop has none' 1 "$L --layers '$T/tree'" <<'EOF'
0 ground.c
cycle mid.c
cycle top.c
cycle up.c
EOF

# Without top.c's call up, the tree is layered.
sed -i 's/ + up_go(0)//' "$T/tree/top.c"
check 'without the call up, no loop' 0 "$L '$T/tree'" </dev/null
check 'and each file has its height' 0 "$L --layers '$T/tree'" <<'EOF'
0 ground.c
1 top.c
2 mid.c
3 up.c
EOF
check 'the graph for dot(1)' 0 "$L --dot '$T/tree'" <<'EOF'
digraph lib {
	rankdir=BT;
	"ground.c";
	"mid.c";
	"top.c";
	"up.c";
	"mid.c" -> "ground.c";
	"mid.c" -> "top.c";
	"top.c" -> "ground.c";
	"up.c" -> "ground.c";
	"up.c" -> "mid.c";
}
EOF
# A written list of the layers (as the README's): every file, each after
# all it uses, from the line beginning "ground" to the next blank line.
cat >"$T/order" <<'EOF'
top.c and up.c are named here first, which does not count.

    ground  ground.c top.c
    above   mid.c up.c

up.c, after the list, does not count either.
EOF
check 'a list of the layers in order holds' 0 \
    "$L --order '$T/order' '$T/tree'" </dev/null
cat >"$T/order" <<'EOF'
    ground  ground.c mid.c
    above   top.c

up.c
EOF
check 'a file named before one it uses, or not named, is told, exit 1' 1 \
    "$L --order '$T/order' '$T/tree'" <<EOF
$T/order: up.c is not named
$T/order: mid.c is named before top.c, which it calls (top_run)
EOF
check 'a bad option is a usage error' 64 "$L --bogus" </dev/null
check_err 'layers.py: unknown option --bogus'

# What only SQLite runs is listed in db.c with the files that hold it;
# a use elsewhere, even in a string, fails; one in a comment does not.
mkdir "$T/sq"
cat >"$T/sq/db.c" <<'EOF'
/*
 * SQLite only.
 * - `unixepoch(` in a.c: extract(epoch FROM t).
 */
EOF
printf 'static const char q[] = "SELECT unixepoch(at)";\n' >"$T/sq/a.c"
printf '/* unixepoch( */\nstatic const char q[] = "SELECT 1";\n' >"$T/sq/b.c"
check 'the list of SQLite only holds' 0 "$L --sqlite '$T/sq'" </dev/null
printf 'static const char r[] = "SELECT unixepoch(at)";\n' >>"$T/sq/b.c"
check 'a use not listed is named, exit 1' 1 "$L --sqlite '$T/sq'" <<'EOF'
`unixepoch(`: listed in a.c; found in a.c b.c
EOF

# The library itself: every call between its files points one way, and
# what only SQLite runs is where db.c says.
check 'no loop among the files of lib/' 0 "$L" </dev/null
check 'lib/db.c lists where each SQLite-only part is' 0 "$L --sqlite" \
    </dev/null
check "the README's layers name every file of lib/ after all it uses" 0 \
    "$L --order '$TOP/README'" </dev/null
