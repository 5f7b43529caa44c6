#!/usr/bin/env python3
"""Runs nodevp once and checks its exit code and output.

  run_check.py --exit N [--stdout REGEX] [--stderr REGEX] [--one-line-error] -- nodevp ARGS...

--one-line-error asserts that stderr holds exactly one line (the error) and that it starts with
"nodevp:". Exits 0 when every check holds, 1 with a report otherwise.
"""
import argparse
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exit", type=int, required=True)
    ap.add_argument("--stdout")
    ap.add_argument("--stderr")
    ap.add_argument("--one-line-error", action="store_true")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=a.timeout)
    problems = []
    if p.returncode != a.exit:
        problems.append(f"exit code {p.returncode}, expected {a.exit}")
    if a.stdout and not re.search(a.stdout, p.stdout, re.M):
        problems.append(f"stdout does not match /{a.stdout}/")
    if a.stderr and not re.search(a.stderr, p.stderr, re.M):
        problems.append(f"stderr does not match /{a.stderr}/")
    if a.one_line_error:
        lines = p.stderr.splitlines()
        if len(lines) != 1 or not lines[0].startswith("nodevp:"):
            problems.append(f"stderr is not one 'nodevp:' line but {len(lines)} line(s)")
    if problems:
        print("command:", " ".join(cmd))
        print("--- stdout ---\n" + p.stdout[-4000:])
        print("--- stderr ---\n" + p.stderr[-4000:])
        print("FAILED: " + "; ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
