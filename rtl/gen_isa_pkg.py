#!/usr/bin/env python3
"""Writes the SystemVerilog package lpu_isa_pkg from the LPU instruction table.

For every LPU_INSN(id, mnemonic, opcode, unit, format, issue, read, latency) row of
models/lpu/isa/lpu_isa.def it emits OP_<ID> (the 8-bit opcode) and LAT_<ID> (the latency), so the
RTL takes opcodes and pipeline depths from the one table the model, assembler and scheduler use.
"""
import re
import sys

ROW = re.compile(r"^LPU_INSN\(\s*(\w+)\s*,\s*\"[^\"]*\"\s*,\s*(0x[0-9a-fA-F]+)\s*,"
                 r"\s*\w+\s*,\s*\w+\s*,\s*\d+\s*,\s*\d+\s*,\s*(\d+)\s*\)")


def rows(text):
    for line in text.splitlines():
        m = ROW.match(line.strip())
        if m:
            yield m.group(1).rstrip("_").upper(), int(m.group(2), 16), int(m.group(3))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_isa_pkg.py lpu_isa.def lpu_isa_pkg.sv")
    with open(sys.argv[1], encoding="utf-8") as f:
        table = list(rows(f.read()))
    if not table:
        sys.exit(f"gen_isa_pkg.py: no LPU_INSN rows in {sys.argv[1]}")
    out = ["// Generated from models/lpu/isa/lpu_isa.def by rtl/gen_isa_pkg.py - do not edit.",
           "/* verilator lint_off UNUSEDPARAM */",
           "package lpu_isa_pkg;"]
    for name, opcode, latency in table:
        out.append(f"  localparam logic [7:0] OP_{name} = 8'h{opcode:02x};")
        out.append(f"  localparam int LAT_{name} = {latency};")
    out += ["endpackage", "/* verilator lint_on UNUSEDPARAM */", ""]
    text = "\n".join(out)
    try:
        with open(sys.argv[2], encoding="utf-8") as f:
            if f.read() == text:
                return  # unchanged: keep the timestamp so Verilator does not rerun
    except FileNotFoundError:
        pass
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
