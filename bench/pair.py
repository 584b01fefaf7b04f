#!/usr/bin/env python3
"""bench/pair.py: time two commands taking turns, A B A B ..., so a burst
of load from another program falls on both alike (hyperfine runs one N
times, then the other); print the label, both medians in ms, and A/B.

    usage: python3 bench/pair.py RUNS LABEL 'COMMAND A' 'COMMAND B'

Each command is split by the shell's rules (shlex), run with its output
thrown away, and timed from its start to its end; a failure stops it."""
import os
import shlex
import statistics
import subprocess
import sys
import time


def once(argv):
    start = time.perf_counter()
    done = subprocess.run(argv, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("pair.py: %s exited %d" % (argv[0], done.returncode))
    return took * 1000


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__.split("\n\n")[1])
    runs = int(sys.argv[1])
    a, b = shlex.split(sys.argv[3]), shlex.split(sys.argv[4])
    for _ in range(3):
        once(a)
        once(b)
    ta, tb = [], []
    for i in range(runs):
        # which goes first changes too: neither always runs warm
        if i % 2 == 0:
            ta.append(once(a))
            tb.append(once(b))
        else:
            tb.append(once(b))
            ta.append(once(a))
    ma, mb = statistics.median(ta), statistics.median(tb)
    print("%s\t%.1f\t%.1f\t%.2f" % (sys.argv[2], ma, mb, ma / mb))


if __name__ == "__main__":
    os.environ.setdefault("LC_ALL", "C")
    main()
