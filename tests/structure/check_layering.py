#!/usr/bin/env python3
"""Checks the dependency directions of SPEC section 11 on the source tree.

- models/ never includes anything from platform/ (models know nothing of node assembly);
- models/cpu (the ISS) includes no device model (models/periph, models/lpu, models/gpu ...);
- guest code (firmware/, sw/ C sources) never includes a model header or platform header;
- models/ include nothing from sw/ but the shared guest ABI headers in sw/include/ (C headers that
  guest code and models both use, e.g. sw/include/nodevp/gpu_abi.h).
Prints every violation as file:line and exits 1 if there is any.
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')

RULES = [
    # (files under, suffixes, forbidden include prefixes, why)
    ("models", (".cpp", ".hpp", ".h", ".def"), ("platform/",), "a model includes platform/"),
    ("models/cpu", (".cpp", ".hpp", ".h", ".def"),
     ("models/periph/", "models/lpu/", "models/gpu/", "models/fabric/"), "the ISS includes a device"),
    ("firmware", (".c", ".h", ".S"), ("models/", "platform/"), "guest code includes host code"),
    ("sw", (".c", ".h", ".S"), ("models/", "platform/"), "guest code includes host code"),
    ("models", (".cpp", ".hpp", ".h", ".def"), ("sw/",), "a model includes sw/ outside sw/include"),
]
ALLOWED = ("sw/include/",)  # shared guest ABI headers: the one exception to the rules above


def main():
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2]
    bad = []
    for under, suffixes, forbidden, why in RULES:
        for path in sorted((root / under).rglob("*")):
            if path.suffix not in suffixes or not path.is_file():
                continue
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                if m and m.group(1).startswith(forbidden) and not m.group(1).startswith(ALLOWED):
                    bad.append(f"{path.relative_to(root)}:{n}: {why}: {m.group(1)}")
    for b in bad:
        print(b)
    print(f"layering: {len(bad)} violation(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
