#!/usr/bin/env python3
"""scaling.py SMALL_CMD BIG_CMD [RUNS]: run each shell command RUNS times
(default 2), take the fastest of each, and print big/small as a ratio.
A run over 120 s counts as 120 s.  Used for "10x input => at most ~15x
time" checks: a ratio within one run, never an absolute time."""
import subprocess, sys, time

def best(cmd, runs):
    t = None
    for _ in range(runs):
        start = time.monotonic()
        try:
            subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=120)
            d = time.monotonic() - start
        except subprocess.TimeoutExpired:
            d = 120.0
        t = d if t is None else min(t, d)
    return max(t, 1e-3)

runs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
small = best(sys.argv[1], runs)
big = best(sys.argv[2], runs)
print("%.1f" % (big / small))
