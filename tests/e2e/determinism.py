#!/usr/bin/env python3
"""Runs nodevp twice with the same arguments and checks that the guest output (stdout), the log
(stderr, without the wall-clock report line), every hart's instret and cycles and the fabric's
statistics (links, homes, agents) are identical.

  determinism.py WORKDIR -- nodevp ARGS...
"""
import json
import os
import re
import subprocess
import sys


def run(cmd, stats):
    p = subprocess.run(cmd + ["--stats", stats], capture_output=True, text=True, timeout=300)
    with open(stats, encoding="utf-8") as f:
        s = json.load(f)
    harts = [(h["name"], h["instret"], h["cycles"]) for h in s["harts"]]
    # The end-of-run report line carries wall time and MIPS, which vary by design.
    log = "\n".join(l for l in p.stderr.splitlines() if not re.search(r"s wall;", l))
    return p.returncode, p.stdout, log, harts, s["sim_time_s"], s.get("fabric")


def main():
    workdir, cmd = sys.argv[1], sys.argv[3:]
    os.makedirs(workdir, exist_ok=True)
    a = run(cmd, os.path.join(workdir, "stats1.json"))
    b = run(cmd, os.path.join(workdir, "stats2.json"))
    names = ["exit code", "stdout", "log", "harts (instret, cycles)", "simulated time",
             "fabric statistics"]
    bad = [n for n, x, y in zip(names, a, b) if x != y]
    if bad or a[0] != 0:
        print(f"runs differ in: {', '.join(bad)}; exit codes {a[0]} {b[0]}")
        print(a[1][-2000:], b[1][-2000:], a[3], b[3], sep="\n---\n")
        return 1
    print(f"identical: stdout {len(a[1])} bytes, harts {a[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
