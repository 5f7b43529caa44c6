#!/usr/bin/env python3
"""Boots Debian's OpenSBI fw_jump and U-Boot (qemu-riscv64_smode) on the node, types commands at
the U-Boot prompt through the scripted UART input and checks U-Boot's answers against independent
references:

  version   the U-Boot version string of the installed u-boot-qemu package (dpkg), or, without
            dpkg, the "U-Boot <version> (" string inside u-boot.bin itself
  bdinfo    DRAM bank start = the DRAM base of SPEC section 3 (0x80000000), size = the node's
            host.dram_size (read from `nodevp --print-config`)
  md.l      the four words at the payload address equal the first 16 bytes of u-boot.bin
  poweroff  OpenSBI's system reset through the sysctl finisher ends the run with exit code 0

  uboot_session.py --nodevp PATH [--uboot PATH] [-- extra nodevp args]

Exits 0 when every check holds, 1 with a report otherwise.
"""
import argparse
import re
import struct
import subprocess
import sys

DRAM_BASE = 0x80000000  # SPEC section 3
PAYLOAD = 0x80200000    # fw_jump's FW_JUMP_ADDR in Debian's generic build
SIZE_UNITS = {"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}


def dram_size(nodevp, extra):
    out = subprocess.run([nodevp, "--print-config", *extra], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"^\s*dram_size:\s*(\d+)\s*([KMGT]iB|B)?", out, re.M)
    if not m:
        raise SystemExit("cannot find host.dram_size in --print-config output")
    return int(m.group(1)) * SIZE_UNITS[m.group(2) or "B"]


def uboot_version(uboot_bin):
    try:
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "u-boot-qemu"],
                           capture_output=True, text=True, check=True).stdout.strip()
        if v:
            return v
    except (OSError, subprocess.CalledProcessError):
        pass
    m = re.search(rb"U-Boot (20\d\d\.\d\d[^ \x00]*) \(", open(uboot_bin, "rb").read())
    if not m:
        raise SystemExit(f"no U-Boot version string in {uboot_bin}")
    return m.group(1).decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodevp", required=True)
    ap.add_argument("--uboot", default="/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("extra", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    extra = a.extra[1:] if a.extra and a.extra[0] == "--" else a.extra

    with open(a.uboot, "rb") as f:
        head = struct.unpack("<4I", f.read(16))
    version = uboot_version(a.uboot)
    size = dram_size(a.nodevp, extra)
    script = r"version\nbdinfo\nmd.l 0x%x 4\npoweroff\n" % PAYLOAD
    cmd = [a.nodevp, "--boot", "uboot", "--set", "boot.uboot=" + a.uboot,
           "--set", "uart0.input_prompt==> ", "--set", "uart0.input=" + script, *extra]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=a.timeout)
    out = p.stdout
    problems = []
    if p.returncode != 0:
        problems.append(f"exit code {p.returncode}, expected 0 (poweroff)")
    if not re.search(r"^=> version\nU-Boot %s \(" % re.escape(version), out, re.M):
        problems.append(f"`version` does not print U-Boot {version}")
    m = re.search(r"^DRAM bank\s*= 0x0+\n-> start\s*= (0x[0-9a-f]+)\n-> size\s*= (0x[0-9a-f]+)",
                  out, re.M)
    if not m:
        problems.append("`bdinfo` shows no DRAM bank 0")
    elif (int(m.group(1), 16), int(m.group(2), 16)) != (DRAM_BASE, size):
        problems.append(f"bdinfo DRAM start {m.group(1)} size {m.group(2)}, expected "
                        f"{DRAM_BASE:#x} size {size:#x}")
    m = re.search(r"^%08x: ([0-9a-f]{8}) ([0-9a-f]{8}) ([0-9a-f]{8}) ([0-9a-f]{8})" % PAYLOAD,
                  out, re.M)
    words = tuple(int(w, 16) for w in m.groups()) if m else None
    if words != head:
        problems.append(f"md.l at {PAYLOAD:#x} shows {words}, expected u-boot.bin's "
                        f"{tuple(hex(w) for w in head)}")
    if "=> poweroff" not in out:
        problems.append("the poweroff command was not typed")
    if problems:
        print("command:", " ".join(cmd))
        print("--- stdout ---\n" + out[-4000:])
        print("--- stderr ---\n" + p.stderr[-4000:])
        print("\n".join("FAIL: " + x for x in problems))
        return 1
    print(f"U-Boot {version}: version, bdinfo (DRAM {DRAM_BASE:#x} + {size:#x}), md.l and "
          "poweroff checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
