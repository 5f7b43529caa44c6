#!/usr/bin/env python3
"""Runs nodevp with --vcd and checks the waveform file.

  vcd_check.py VCD_FILE -- nodevp ARGS... (ARGS include --vcd VCD_FILE)

Checks: exit code 0; the file is a well-formed VCD (header sections closed, $var lines with a
width, an id and a name, $enddefinitions, then non-decreasing #time stamps and value changes of
declared ids only); a scope of an RTL MXM plane (`mxm<n>_rtl`) declares the accumulators
acc[a][r]; and some accumulator takes a non-zero value. Exits 0 when all hold, 1 otherwise.
"""
import os
import re
import subprocess
import sys


def fail(msg):
    print(f"vcd_check: {msg}")
    sys.exit(1)


def parse_header(lines):
    ids, acc_ids, scopes, depth = {}, set(), [], 0
    for n, line in enumerate(lines):
        tok = line.split()
        if not tok:
            continue
        if tok[0] == "$scope":
            scopes.append(tok[2])
        elif tok[0] == "$upscope":
            scopes.pop()
        elif tok[0] == "$var":
            if len(tok) < 6 or not tok[2].isdigit() or tok[-1] != "$end":
                fail(f"line {n + 1}: malformed $var: {line.strip()}")
            ids[tok[3]] = int(tok[2])
            if any(re.fullmatch(r".*mxm\d+_rtl", s) for s in scopes) and re.fullmatch(
                    r"acc\[\d+\]\[\d+\]", tok[4]):
                acc_ids.add(tok[3])
        elif tok[0] == "$enddefinitions":
            if scopes:
                fail("$enddefinitions inside an open $scope")
            return ids, acc_ids, n + 1
    fail("no $enddefinitions")


def check_changes(lines, ids, acc_ids):
    last_time, acc_nonzero = -1, False
    for n, line in enumerate(lines):
        s = line.strip()
        if not s or s.startswith("$"):
            continue
        if s[0] == "#":
            t = int(s[1:])
            if t < last_time:
                fail(f"time goes backwards at #{t}")
            last_time = t
            continue
        if s[0] in "bB":
            value, ident = s[1:].split()
            if not set(value) <= set("01xzXZ"):
                fail(f"bad vector value: {s}")
            nonzero = "1" in value
        elif s[0] in "01xzXZ":
            ident, nonzero = s[1:], s[0] == "1"
        else:
            fail(f"unexpected line: {s}")
        if ident not in ids:
            fail(f"value change of undeclared id {ident!r}")
        acc_nonzero |= ident in acc_ids and nonzero
    if last_time < 0:
        fail("no time stamps")
    return acc_nonzero


def main():
    path, sep, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
    if sep != "--" or not cmd:
        fail("usage: vcd_check.py VCD_FILE -- nodevp ARGS...")
    if os.path.exists(path):
        os.remove(path)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        fail(f"nodevp exited {p.returncode}:\n{p.stderr[-2000:]}")
    with open(path) as f:
        lines = f.readlines()
    if not any(l.startswith("$timescale") for l in lines[:20]):
        fail("no $timescale in the header")
    ids, acc_ids, body = parse_header(lines)
    if len(acc_ids) < 8:
        fail(f"the MXM accumulators are not traced ({len(acc_ids)} acc[a][r] signals)")
    if not check_changes(lines[body:], ids, acc_ids):
        fail("no accumulator ever holds a non-zero value")
    print(f"vcd_check: ok: {len(ids)} signals, {len(acc_ids)} accumulator words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
