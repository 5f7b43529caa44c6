#!/usr/bin/env python3
"""Runs nodevp twice with the same arguments and checks that the guest output (stdout), the log
(stderr, without the report lines that carry wall time or MIPS), every hart's instret and cycles,
the fabric's statistics (links, homes, agents) and the whole --stats report but its wall-clock
keys (wall_time_s, mips) are identical. With --trace, both runs also write a --trace timeline
and the two files must be byte-identical.

  determinism.py WORKDIR [--trace] -- nodevp ARGS...
"""
import json
import os
import re
import subprocess
import sys


WALL_KEYS = ("wall_time_s", "mips")  # the only report values that vary between identical runs


def without_wall(value):
    if isinstance(value, dict):
        return {k: without_wall(v) for k, v in value.items() if k not in WALL_KEYS}
    if isinstance(value, list):
        return [without_wall(v) for v in value]
    return value


def run(cmd, stats, trace):
    extra = ["--stats", stats] + (["--trace", trace] if trace else [])
    p = subprocess.run(cmd + extra, capture_output=True, text=True, timeout=300)
    with open(stats, encoding="utf-8") as f:
        s = json.load(f)
    harts = [(h["name"], h["instret"], h["cycles"]) for h in s["harts"]]
    # The end-of-run report lines with wall time and MIPS vary by design.
    log = "\n".join(l for l in p.stderr.splitlines() if not re.search(r"s wall;|MIPS", l))
    timeline = None
    if trace:
        with open(trace, "rb") as f:
            timeline = f.read()
    return (p.returncode, p.stdout, log, harts, s["sim_time_s"], s.get("fabric"), without_wall(s),
            timeline)


def main():
    workdir = sys.argv[1]
    sep = sys.argv.index("--")
    trace = "--trace" in sys.argv[2:sep]
    cmd = sys.argv[sep + 1:]
    os.makedirs(workdir, exist_ok=True)
    # One trace path for both runs (the log names it); each run's file is read before the next.
    timeline = os.path.join(workdir, "trace.json") if trace else None
    a = run(cmd, os.path.join(workdir, "stats1.json"), timeline)
    b = run(cmd, os.path.join(workdir, "stats2.json"), timeline)
    names = ["exit code", "stdout", "log", "harts (instret, cycles)", "simulated time",
             "fabric statistics", "stats report (without wall time and MIPS)", "trace file"]
    bad = [n for n, x, y in zip(names, a, b) if x != y]
    if bad or a[0] != 0:
        print(f"runs differ in: {', '.join(bad)}; exit codes {a[0]} {b[0]}")
        print(a[1][-2000:], b[1][-2000:], a[3], b[3], sep="\n---\n")
        return 1
    timeline = f", trace {len(a[7])} bytes" if trace else ""
    print(f"identical: stdout {len(a[1])} bytes, harts {a[3]}{timeline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
