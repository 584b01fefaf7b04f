#!/usr/bin/env python3
"""tests/messages.py: every message the tools print for an error, from the
C sources: the format of each errx, warnx, err, warn and cerror_set call,
its string literals joined.  Prints "FILE:LINE<TAB>MESSAGE" lines."""
import re
import sys

CALL = re.compile(r'\b(errx|warnx|err|warn|cerror_set)\s*\(')
LIT = re.compile(r'"((?:[^"\\]|\\.)*)"')


def literal_after(text, pos):
    """The string literals of the first argument that has one, joined."""
    depth, i, parts, started = 1, pos, [], False
    while i < len(text) and depth > 0:
        c = text[i]
        if c == '"':
            m = LIT.match(text, i)
            parts.append(m.group(1))
            started = True
            i = m.end()
            continue
        if started and c not in ' \t\n':
            break
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
        i += 1
    return "".join(parts) if parts else None


for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    for m in CALL.finditer(text):
        msg = literal_after(text, m.end())
        if msg is not None:
            line = text.count("\n", 0, m.start()) + 1
            print("%s:%d\t%s" % (path, line, msg))
