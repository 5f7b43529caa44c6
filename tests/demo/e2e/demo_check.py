#!/usr/bin/env python3
"""Runs the hybrid demo app on nodevp and checks its tokens against the host reference.

  demo_check.py --nodevp NODEVP --elf ELF --ref HYBRID_REF [--prompt P] [--tokens N]
                [--twice] [--sbi-console] [--stdout REGEX ...] [-- EXTRA NODEVP ARGS]

Runs `nodevp EXTRA --set demo.prompt=P --set demo.tokens=N ELF` and `hybrid-ref --prompt P'
--tokens N` (P' = P with nodevp's --set escapes resolved) (tests/demo/reference: independent of the app and the models), and checks: exit code
0; the app's `tokens:` and `generated` lines equal the reference's `tokens:` and `text:`; nodevp's
own demo check says the tokens match; every --stdout regex matches. --twice runs nodevp a second
time and requires byte-identical stdout (determinism). --sbi-console (an OpenSBI payload, --boot
sbi) requires the app's `tokens:` line to end in CR LF: OpenSBI's console (sbi_putc) writes a CR
before every LF, the runtime's UART output does not. Exits 0 when every check holds.
"""
import argparse
import re
import subprocess
import sys


def run(cmd, timeout):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          errors="surrogateescape")


def run_raw(cmd, timeout):
    """run() keeping the raw bytes in .raw; .stdout with newlines translated as text mode does."""
    p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    p.raw = p.stdout
    p.stdout = p.raw.decode(errors="surrogateescape").replace("\r\n", "\n").replace("\r", "\n")
    p.stderr = p.stderr.decode(errors="surrogateescape")
    return p


def unescape(s):
    """nodevp's --set value escapes (platform/config/config.cpp): \\n \\r \\t, \\c -> c."""
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            i += 1
            out.append({"n": "\n", "r": "\r", "t": "\t"}.get(s[i], s[i]))
        else:
            out.append(s[i])
        i += 1
    return "".join(out)


def line(text, prefix):
    m = re.search(r"^" + re.escape(prefix) + r"(.*)$", text, re.M)
    if not m:
        return None
    v = m.group(1)
    return v[1:] if v.startswith(" ") else v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodevp", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--ref", required=True)
    ap.add_argument("--prompt", default="Hello, nodevp!")
    ap.add_argument("--tokens", type=int, default=32)
    ap.add_argument("--twice", action="store_true")
    ap.add_argument("--sbi-console", action="store_true")
    ap.add_argument("--stdout", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("extra", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    extra = a.extra[1:] if a.extra and a.extra[0] == "--" else a.extra
    cmd = [a.nodevp, *extra, "--set", f"demo.prompt={a.prompt}", "--set",
           f"demo.tokens={a.tokens}", a.elf]
    ref = run([a.ref, "--prompt", unescape(a.prompt), "--tokens", str(a.tokens)], a.timeout)
    got = run_raw(cmd, a.timeout)
    problems = []
    if ref.returncode != 0:
        problems.append(f"hybrid-ref failed ({ref.returncode}): {ref.stderr.strip()}")
    if got.returncode != 0:
        problems.append(f"nodevp exit code {got.returncode}, expected 0")
    want_tokens, want_text = line(ref.stdout, "tokens:"), line(ref.stdout, "text:")
    tokens = line(got.stdout, "tokens:")
    text = line(got.stdout, f"generated ({a.tokens} tokens):")
    if tokens != want_tokens:
        problems.append(f"tokens differ: app [{tokens}], reference [{want_tokens}]")
    if text is not None and len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if text != want_text:
        problems.append(f"text differs: app [{text}], reference [{want_text}]")
    if not re.search(rf"^nodevp: demo check: all {a.tokens} generated tokens match", got.stdout,
                     re.M):
        problems.append("nodevp's demo check did not report a match")
    if a.sbi_console and not re.search(rb"^tokens: [0-9 ]*\r\n", got.raw, re.M):
        problems.append("the app's output did not come through OpenSBI's console (no CR LF)")
    for rx in a.stdout:
        if not re.search(rx, got.stdout, re.M):
            problems.append(f"stdout does not match /{rx}/")
    if a.twice:
        again = run_raw(cmd, a.timeout)
        if again.raw != got.raw:
            problems.append("a second run printed different output (not deterministic)")
    if problems:
        print("command:", " ".join(cmd))
        print("--- stdout ---\n" + got.stdout[-4000:])
        print("--- stderr ---\n" + got.stderr[-3000:])
        print("FAILED: " + "; ".join(problems))
        return 1
    print(got.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
