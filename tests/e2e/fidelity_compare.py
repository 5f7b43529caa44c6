#!/usr/bin/env python3
"""Runs one nodevp command in both fabric fidelities and checks that they agree (issue 5).

  fidelity_compare.py [--exit N] [--timeout S] -- nodevp ARGS...

Runs `nodevp --fidelity fast ARGS...` and `nodevp --fidelity timed ARGS...` and checks that
both exit with N (default 0) and print byte-identical stdout. On a mismatch it prints a unified
diff of the two stdouts. stderr (the log, which carries simulated times) is not compared.

Timing-dependent lines: a guest line that starts with "~ " holds counts that legitimately depend
on how the harts interleaved (the litmus tests' outcome histograms, tests/firmware/litmus.h).
On such lines every whitespace-delimited decimal number, with the blanks before it (column
padding), is replaced by " #" before comparing, so the line must still be there with the same
text, but its counts may differ. No other masking is done: a test
whose output contains simulated time must not print it.
Exits 0 when both runs agree, 1 with a report otherwise.
"""
import argparse
import difflib
import re
import subprocess
import sys

TIMING_LINE = re.compile(r"^~ ")
COUNT = re.compile(r"[ \t]+[0-9]+(?=\s|$)")
FIDELITIES = ("fast", "timed")


def mask(text):
    """Masks the counts on timing-dependent ("~ ") lines; keeps every other line as is."""
    lines = text.splitlines(keepends=True)
    return "".join(COUNT.sub(" #", line) if TIMING_LINE.match(line) else line for line in lines)


def run(cmd, fidelity, timeout):
    full = [cmd[0], "--fidelity", fidelity] + cmd[1:]
    try:
        p = subprocess.run(full, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        return full, None, out, f"time-out after {timeout} s"
    return full, p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--exit", type=int, default=0, help="expected exit code of both runs")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no nodevp command given")

    runs = {f: run(cmd, f, a.timeout) for f in FIDELITIES}
    problems = []
    for f in FIDELITIES:
        full, code, _, err = runs[f]
        if code != a.exit:
            problems.append(f"{f}: exit code {code}, expected {a.exit}")
            print(f"--- {f}: {' '.join(full)}\n--- stderr (last 2000 characters) ---\n{err[-2000:]}")
    fast_out, timed_out = mask(runs["fast"][2]), mask(runs["timed"][2])
    if fast_out != timed_out:
        problems.append("stdout differs between the fidelities")
        diff = difflib.unified_diff(fast_out.splitlines(keepends=True),
                                    timed_out.splitlines(keepends=True),
                                    fromfile="stdout --fidelity fast",
                                    tofile="stdout --fidelity timed")
        sys.stdout.writelines(diff)
        print()
    if problems:
        print("FAILED: " + "; ".join(problems))
        return 1
    masked = sum(1 for line in fast_out.splitlines() if TIMING_LINE.match(line))
    print(f"fast and timed agree: exit {a.exit}, {len(fast_out.splitlines())} stdout lines "
          f"identical ({masked} timing-dependent lines compared with counts masked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
