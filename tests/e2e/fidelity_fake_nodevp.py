#!/usr/bin/env python3
"""Stand-in for nodevp in the self-tests of fidelity_compare.py.

  fidelity_fake_nodevp.py --fidelity fast|timed MODE

Prints what a guest might print and exits; MODE picks how the two fidelities differ:
  timing-counts  only the counts on a "~ " line differ (must compare equal)
  output         a plain line differs (must be reported with a diff)
  exit           timed exits with 3 (must be reported)
"""
import sys


def main():
    fidelity, mode = sys.argv[2], sys.argv[3]
    timed = fidelity == "timed"
    print("litmus: header")
    print(f"~ litmus: r1=0 r2=0 allowed {17 if timed else 4}")
    if mode == "output":
        print(f"done after {123 if timed else 45} ns")
    else:
        print("litmus: r1=1 r2=0 forbidden 0")
    return 3 if mode == "exit" and timed else 0


if __name__ == "__main__":
    sys.exit(main())
