#!/usr/bin/env python3
"""gdb-multiarch against Debian's OpenSBI and U-Boot on the node (docs/boot.md, "Debugging"):

  uboot_gdb.py --nodevp PATH --gdb gdb-multiarch [--uboot PATH]

nodevp --boot uboot --gdb 0 waits for the debugger; gdb (no symbol file: Debian's binaries have
none) stops every hart at the boot ROM, breaks at fw_jump's entry (0x80000000) and then at U-Boot's
(the payload, 0x80200000), where a0 must be the boot hart (0) and a1 fw_jump's FW_JUMP_FDT_ADDR
(0x82200000, where OpenSBI 1.1's generic rv64 fw_jump puts the DTB), and the memory at the pc
must be the first words of u-boot.bin read from the file. The run then goes on to the U-Boot
prompt, types `poweroff` (uart0.input) and must exit 0. Exits 0 when every check holds.
"""
import argparse
import re
import struct
import subprocess
import sys
import time

FW_JUMP = 0x80000000
PAYLOAD = 0x80200000
FDT = 0x82200000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodevp", required=True)
    ap.add_argument("--gdb", required=True)
    ap.add_argument("--uboot", default="/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin")
    a = ap.parse_args()
    with open(a.uboot, "rb") as f:
        head = struct.unpack("<2I", f.read(8))

    node = subprocess.Popen(
        [a.nodevp, "--boot", "uboot", "--gdb", "0", "--set", "boot.uboot=" + a.uboot,
         "--set", "host.harts=1",  # half the host time: no second hart spinning in OpenSBI
         "--set", "uart0.input_prompt==> ", "--set", r"uart0.input=poweroff\n"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = None
    deadline = time.monotonic() + 30
    while port is None and time.monotonic() < deadline:
        line = node.stderr.readline()
        if not line:
            break
        m = re.match(r"gdb: waiting on 127\.0\.0\.1:(\d+)$", line.strip())
        port = int(m.group(1)) if m else None
    if port is None:
        node.kill()
        print("FAIL: nodevp did not print 'gdb: waiting on 127.0.0.1:PORT'")
        return 1
    cmds = ["set architecture riscv:rv64", f"target remote 127.0.0.1:{port}",
            "info registers pc", f"break *{FW_JUMP:#x}", "continue", "info registers pc",
            "delete", f"break *{PAYLOAD:#x}", "continue", "info registers pc a0 a1",
            "x/2wx $pc", "delete", "continue"]
    g = subprocess.run([a.gdb, "-batch", "-nx", *sum((["-ex", c] for c in cmds), [])],
                       capture_output=True, text=True, timeout=120)
    out = g.stdout + g.stderr
    try:
        node_out, node_err = node.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        node.kill()
        node_out, node_err = node.communicate()
    problems = []
    pcs = [int(v, 16) for v in re.findall(r"^pc\s+(0x[0-9a-f]+)", out, re.M)]
    if pcs != [0x1000, FW_JUMP, PAYLOAD]:
        problems.append(f"stops at pc {[hex(p) for p in pcs]}, expected 0x1000, {FW_JUMP:#x}, "
                        f"{PAYLOAD:#x}")
    regs = dict(re.findall(r"^(a[01])\s+(0x[0-9a-f]+)", out, re.M))
    if regs != {"a0": "0x0", "a1": hex(FDT)}:
        problems.append(f"at U-Boot's entry a0/a1 = {regs}, expected a0 = 0x0, a1 = {FDT:#x}")
    m = re.search(r"^0x%x:\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)" % PAYLOAD, out, re.M)
    if not m or tuple(int(w, 16) for w in m.groups()) != head:
        problems.append(f"x/2wx at {PAYLOAD:#x} does not show u-boot.bin's "
                        f"{tuple(hex(w) for w in head)}")
    if node.returncode != 0 or "=> poweroff" not in node_out:
        problems.append(f"nodevp exited {node.returncode} (expected 0 after poweroff)")
    if problems:
        print("--- gdb ---\n" + out[-4000:])
        print("--- nodevp stdout ---\n" + node_out[-2000:])
        print("--- nodevp stderr ---\n" + node_err[-2000:])
        print("\n".join("FAIL: " + p for p in problems))
        return 1
    print("gdb: boot ROM -> fw_jump -> U-Boot entry (a0 = 0, a1 = DTB) -> poweroff checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
