#!/usr/bin/env python3
"""Generate a C header of LPU opcodes and timing from models/lpu/isa/lpu_isa.def.

Guest programs that build LPU program images (tests/lpu/platform) use it so that they take the
opcodes from the one instruction table instead of spelling them again.
"""
import re
import sys

ROW = re.compile(r'^LPU_INSN\((\w+),\s*"(\w+)",\s*(0x[0-9a-fA-F]+),\s*(\w+),\s*(\w+),\s*(\d+),\s*(\d+),\s*(\d+)\)')


def main():
    src, dst = sys.argv[1], sys.argv[2]
    out = ["/* Generated from models/lpu/isa/lpu_isa.def by gen_lpu_isa_h.py. Do not edit. */",
           "#ifndef NODEVP_GEN_LPU_ISA_H", "#define NODEVP_GEN_LPU_ISA_H", ""]
    rows = 0
    with open(src, encoding="utf-8") as f:
        for line in f:
            m = ROW.match(line.strip())
            if not m:
                continue
            ident, mnem, opc, _unit, _fmt, _issue, read, lat = m.groups()
            name = mnem.upper()
            out.append(f"#define LPU_OP_{name} {opc}u")
            out.append(f"#define LPU_READ_{name} {read}u")
            out.append(f"#define LPU_LATENCY_{name} {lat}u")
            rows += 1
    if rows == 0:
        print(f"gen_lpu_isa_h.py: no LPU_INSN rows in {src}", file=sys.stderr)
        return 1
    out += ["", "#endif /* NODEVP_GEN_LPU_ISA_H */", ""]
    text = "\n".join(out)
    try:
        with open(dst, encoding="utf-8") as f:
            if f.read() == text:
                return 0
    except OSError:
        pass
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
