#!/usr/bin/env python3
"""tests/layers.py: the call graph between the library's files.

Every use of a function in lib/*.c (a call, or its name passed as a
callback) is mapped to the lib file that defines it; static functions
are private to their file.  Comments, strings and character constants
are skipped.  An edge a.c -> b.c means a.c uses a function of b.c.

    layers.py [DIR]           print each cycle
    layers.py --edges [DIR]   the edges, "a.c b.c fn fn ...", one a line
    layers.py --dot [DIR]     the graph for dot(1)
    layers.py --layers [DIR]  each file's height: 0 uses no other file,
                              n uses one of height n-1 at most
    layers.py --sqlite [DIR]  check db.c's list of what only SQLite runs:
                              each `thing` in FILES is in those files only
    layers.py --order FILE [DIR]
                              check the files as FILE lists them, from
                              its line beginning "ground" to the next
                              blank line (the README's layers): all
                              named, each after every file it uses

Each cycle is named (a strongly connected component of files, one loop
through it, and the uses inside it; on standard error with an option),
and the exit status is 1 when there is one.
DIR is the folder of C files, lib/ beside this script's folder by default.
The layers hold when the graph has no cycle: STYLE.md, Layers.
"""

import os
import re
import sys

KEYWORDS = {
    "if", "for", "while", "switch", "return", "sizeof", "do", "else",
    "case", "goto", "break", "continue", "default", "_Alignof",
    "_Static_assert", "_Generic", "alignof", "offsetof", "defined",
}
TAGS = ("struct", "union", "enum")
TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|->|[{}();,=.\[\]]|\S")


def strip(src):
    """(code, macros): src with comments, strings and character constants
    blanked and preprocessor lines dropped, newlines kept; and the bodies
    of its #defines, whose uses count."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * src.count("\n", i, j) or " ")
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            out.append(" ")
            i = j + 1
        else:
            out.append(c)
            i += 1
    lines, macros = [], []
    cont = False
    for line in "".join(out).split("\n"):
        s = line.lstrip()
        if cont or s.startswith("#"):
            if not cont:
                m = re.match(r"#\s*define\s+[A-Za-z_]\w*(\([^)]*\))?(.*)",
                             s)
                macros.append(m.group(2) if m else "")
            else:
                macros.append(line)
            cont = line.endswith("\\")
            lines.append("")
        else:
            lines.append(line)
    return "\n".join(lines), "\n".join(macros).replace("\\", " ")


def parse(code, macros):
    """(defined, used): defined maps each function defined here to
    whether it is static; used is every identifier used in a body, an
    initializer or a macro, but for member names."""
    toks = TOKEN.findall(code)
    defined, used = {}, set()
    kinds = []          # each open brace: "code", or "type" (members)
    decl = []           # tokens of the file-scope declaration so far
    stmt = []           # tokens since the last ; { or }
    for i, t in enumerate(toks):
        ident = re.match(r"[A-Za-z_]", t) and t not in KEYWORDS
        member = i > 0 and toks[i - 1] in (".", "->")
        if t == "{":
            d = definition(decl) if not kinds else None
            if d is not None:
                defined[d] = "static" in decl
            tagged = (stmt[-1:] and stmt[-1] in TAGS or
                      len(stmt) > 1 and stmt[-2] in TAGS)
            kinds.append("type" if d is None and tagged else "code")
            decl, stmt = [], []
            continue
        if t == "}":
            if kinds:
                kinds.pop()
            stmt = []
            continue
        if t == ";":
            stmt = []
            if not kinds:
                decl = []
            continue
        stmt.append(t)
        if not kinds:
            decl.append(t)
            if ident and "=" in decl and not member:
                used.add(t)     # an initializer's names are uses
        elif ident and not member and "type" not in kinds:
            used.add(t)
    for t in TOKEN.findall(macros):
        if re.match(r"[A-Za-z_]", t):
            used.add(t)
    return defined, used


def definition(decl):
    """The name of the function whose body opens after decl, or None
    (a struct, an initializer, ...)."""
    if not decl or decl[-1] != ")" or "=" in decl:
        return None
    level = 0
    for k in range(len(decl) - 1, -1, -1):
        if decl[k] == ")":
            level += 1
        elif decl[k] == "(":
            level -= 1
            if level == 0:
                if k > 0 and re.match(r"[A-Za-z_]\w*$", decl[k - 1]):
                    return decl[k - 1]
                return None
    return None


def graph(folder):
    """files, edges: edges maps (a, b) to the functions of b that a uses."""
    files = sorted(f for f in os.listdir(folder) if f.endswith(".c"))
    defs, uses, owner = {}, {}, {}
    for f in files:
        with open(os.path.join(folder, f), encoding="utf-8",
                  errors="replace") as fp:
            defs[f], uses[f] = parse(*strip(fp.read()))
        for name, static in defs[f].items():
            if not static:
                owner.setdefault(name, f)
    edges = {}
    for f in files:
        for name in uses[f]:
            if name in defs[f]:
                continue        # its own, static or not
            g = owner.get(name)
            if g is not None and g != f:
                edges.setdefault((f, g), set()).add(name)
    return files, edges


def sccs(files, edges):
    """Tarjan's strongly connected components, each sorted."""
    succ = {f: sorted(b for (a, b) in edges if a == f) for f in files}
    index, low, stack, onstack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        onstack.add(v)
        for w in succ[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in onstack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                onstack.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for f in files:
        if f not in index:
            visit(f)
    return sorted(c for c in out if len(c) > 1)


def loop(comp, edges):
    """One shortest cycle through the component's first file."""
    start = comp[0]
    prev = {start: None}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(b for (a, b) in edges if a == v and b in comp):
            if w == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return list(reversed(path)) + [start]
            if w not in prev:
                prev[w] = v
                queue.append(w)
    return [start]


def heights(files, edges):
    """Each file's height: 0 when it uses no other file, else one more
    than the highest it uses (None inside a cycle)."""
    h = {}

    def height(f, seen):
        if f in h:
            return h[f]
        if f in seen:
            return None
        seen.add(f)
        best = 0
        for (a, b) in edges:
            if a == f:
                x = height(b, seen)
                if x is None:
                    return None
                best = max(best, x + 1)
        seen.discard(f)
        h[f] = best
        return best

    return {f: height(f, set()) for f in files}


def sqlite_only(folder):
    """Compare the list in db.c's comment with the tree; 0 or 1."""
    with open(os.path.join(folder, "db.c"), encoding="utf-8") as fp:
        src = fp.read()
    start = src.find("SQLite only.")
    if start < 0:
        sys.stderr.write("layers.py: db.c has no list of SQLite only\n")
        return 1
    note = src[start:src.find("*/", start)]
    note = re.sub(r"\n\s*\*\s*", " ", note)
    listed = {}
    for m in re.finditer(r"`([^`]+)` in ((?:[\w.-]+\.(?:c|sql)\b[ ,]*)+)",
                         note):
        listed[m.group(1)] = set(re.findall(r"[\w.-]+\.(?:c|sql)\b",
                                            m.group(2)))
    text = {}
    for f in sorted(os.listdir(folder)):
        path = os.path.join(folder, f)
        with open(path, encoding="utf-8", errors="replace") as fp:
            body = fp.read()
        if f.endswith(".c"):
            text[f] = strip_comments(body)
        elif f.endswith(".sql"):
            text[f] = re.sub(r"--[^\n]*", "", body)
    bad = 0
    for what in sorted(listed):
        found = {f for f in text if what in text[f]}
        if found != listed[what]:
            print("`%s`: listed in %s; found in %s" % (
                what, " ".join(sorted(listed[what])) or "none",
                " ".join(sorted(found)) or "none"))
            bad = 1
    return bad


def strip_comments(src):
    """src without its comments, strings and preprocessor lines kept."""
    out = []
    i, n = 0, len(src)
    while i < n:
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
        elif src[i] in "\"'":
            j = i + 1
            while j < n and src[j] != src[i] and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(src[i])
            i += 1
    return "".join(out)


def order(folder, listing):
    """The lib files as a text names them (README's layers), checked: each
    file named once, every file named, and each named after all it calls.
    """
    files, edges = graph(folder)
    named = []
    # The list: from the line beginning "ground" to the next blank line.
    m = re.search(r"^[ \t]*ground\b.*?(?=^\s*$)", open(listing).read(),
                  re.M | re.S)
    for w in re.findall(r"\b([a-z0-9_]+\.c)\b", m.group(0) if m else ""):
        if w in files and w not in named:
            named.append(w)
    bad = 0
    for f in sorted(set(files) - set(named)):
        print("%s: %s is not named" % (listing, f))
        bad = 1
    at = {f: i for i, f in enumerate(named)}
    for (a, b) in sorted(edges):
        if a in at and b in at and at[b] > at[a]:
            print("%s: %s is named before %s, which it calls (%s)" % (
                listing, a, b, " ".join(sorted(edges[(a, b)]))))
            bad = 1
    return bad


def main(argv):
    mode = "cycles"
    args = []
    listing = None
    for a in argv[1:]:
        if listing == "":
            listing = a
        elif a == "--order":
            mode = "order"
            listing = ""
        elif a in ("--edges", "--dot", "--layers", "--sqlite"):
            mode = a[2:]
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        elif a.startswith("-"):
            sys.stderr.write("layers.py: unknown option %s\n" % a)
            return 64
        else:
            args.append(a)
    if len(args) > 1:
        sys.stderr.write("usage: layers.py [--edges|--dot|--layers|"
                         "--sqlite|--order FILE] [DIR]\n")
        return 64
    folder = args[0] if args else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "lib")
    if not os.path.isdir(folder):
        sys.stderr.write("layers.py: no folder %s\n" % folder)
        return 66
    if mode == "sqlite":
        return sqlite_only(folder)
    if mode == "order":
        if not listing:
            sys.stderr.write("layers.py: --order needs a file\n")
            return 64
        return order(folder, listing)
    files, edges = graph(folder)
    if mode == "edges":
        for (a, b) in sorted(edges):
            print(a, b, " ".join(sorted(edges[(a, b)])))
    elif mode == "dot":
        print("digraph lib {")
        print("\trankdir=BT;")
        for f in files:
            print('\t"%s";' % f)
        for (a, b) in sorted(edges):
            print('\t"%s" -> "%s";' % (a, b))
        print("}")
    elif mode == "layers":
        h = heights(files, edges)
        for f in sorted(files, key=lambda f: (h[f] is None, h[f] or 0, f)):
            print("%s %s" % ("cycle" if h[f] is None else h[f], f))
    # The loops: on standard output by default, else on standard error.
    out = sys.stdout if mode == "cycles" else sys.stderr
    comps = sccs(files, edges)
    for comp in comps:
        out.write("cycle of %d files: %s\n" % (len(comp), " ".join(comp)))
        out.write("  for example %s\n" % " -> ".join(loop(comp, edges)))
        for (a, b) in sorted(edges):
            if a in comp and b in comp:
                out.write("  %s -> %s: %s\n" % (
                    a, b, " ".join(sorted(edges[(a, b)]))))
    return 1 if comps else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
