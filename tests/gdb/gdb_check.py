#!/usr/bin/env python3
"""End-to-end checks of nodevp's GDB stub (docs/debugging.md).

  gdb_check.py --nodevp PATH --elf PATH [--gdb gdb-multiarch] SCENARIO

Scenarios:
  tour      gdb-multiarch in batch mode: threads, a breakpoint at a symbol, registers, memory,
            stepi, a write watchpoint and a read watchpoint, a memory write that changes the
            program's exit code, continue to the exit.
  regwrite  a register write at a breakpoint changes the program's result (and exit code).
  raw       the protocol by hand over a socket: malformed packets get error replies, a bad
            checksum gets '-', Ctrl-C stops a spinning target, the exit packet W.

Expected values come from tests/gdb/gdb_target.c (its constants and arithmetic), not from a
previous run. Exits 0 when every check holds, 1 with a report otherwise.
"""
import argparse
import re
import socket
import subprocess
import sys
import time


class Nodevp:
    """nodevp --gdb 0 ELF, with the port it printed."""

    def __init__(self, nodevp, elf, extra=()):
        self.p = subprocess.Popen([nodevp, "--gdb", "0", *extra, elf], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        self.port = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.p.stderr.readline()
            if not line:
                break
            m = re.match(r"gdb: waiting on 127\.0\.0\.1:(\d+)$", line.strip())
            if m:
                self.port = int(m.group(1))
                break
        if self.port is None:
            self.p.kill()
            raise RuntimeError("nodevp did not print 'gdb: waiting on 127.0.0.1:PORT'")

    def finish(self, timeout=60):
        out, err = self.p.communicate(timeout=timeout)
        return self.p.returncode, out, err


class Checker:
    def __init__(self):
        self.problems = []

    def match(self, what, pattern, text):
        m = re.search(pattern, text, re.M)
        if not m:
            self.problems.append(f"{what}: no match for /{pattern}/")
        return m

    def equal(self, what, got, expected):
        if got != expected:
            self.problems.append(f"{what}: got {got!r}, expected {expected!r}")


def run_gdb(gdb, elf, port, commands):
    cmd = [gdb, "-batch", "-nx", "-ex", f"file {elf}", "-ex", f"target remote 127.0.0.1:{port}"]
    for c in commands:
        cmd += ["-ex", c]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return p.stdout + p.stderr


def tour(a, ck):
    node = Nodevp(a.nodevp, a.elf)
    out = run_gdb(a.gdb, a.elf, node.port, [
        "info threads",
        "break gdb_bump",
        "break *gdb_add",
        "continue",
        "info registers pc a0 a1",
        "x/4wx &gdb_table",
        "stepi",
        "info registers pc",
        "delete",
        "watch gdb_counter",
        "continue",
        "delete",
        "rwatch gdb_spin",
        "continue",
        "delete",
        "set var gdb_table[0] = 0x11111114",
        "x/1wx &gdb_table",
        "continue",
    ])
    code, stdout, err = node.finish()
    print(out)
    ck.match("two host harts as threads", r"^\*? +1 +Thread 1 \(node\.hart0\)", out)
    ck.match("two host harts as threads", r"^ +2 +Thread 2 \(node\.hart1\)", out)
    ck.match("breakpoint at a symbol", r"Thread 1 hit Breakpoint 2, .*gdb_add \(", out)
    pc = ck.match("pc at gdb_add", r"^pc +(0x[0-9a-f]+)\s+0x[0-9a-f]+ <gdb_add>$", out)
    ck.match("argument a0 = 2", r"^a0 +0x2\s+2$", out)
    ck.match("argument a1 = 3", r"^a1 +0x3\s+3$", out)
    ck.match("memory of gdb_table",
             r"<gdb_table>:\s+0x11111111\s+0x22222222\s+0x33333333\s+0x44444444", out)
    pcs = re.findall(r"^pc +(0x[0-9a-f]+)", out, re.M)
    if pc and len(pcs) >= 2:
        step = int(pcs[1], 16) - int(pcs[0], 16)
        if step not in (2, 4):
            ck.problems.append(f"stepi moved pc by {step} bytes, not one instruction (2 or 4)")
    else:
        ck.problems.append("stepi: pc not shown twice")
    ck.match("write watchpoint", r"hit Hardware watchpoint 3: gdb_counter\s+Old value = 0\s+"
             r"New value = 5", out)
    ck.match("read watchpoint", r"hit Hardware read watchpoint 4: gdb_spin\s+Value = 2", out)
    ck.match("memory write read back", r"<gdb_table>:\s+0x11111114$", out)
    # gdb prints exit codes in octal: 5 (sum 5 - 5 + (0x14 ^ 0x11)) is 05.
    ck.match("exit reported to gdb", r"exited with code 05\]", out)
    ck.equal("nodevp exit code", code, 5)
    ck.match("program output", r"^gdb_target: counter 5 result 5$", stdout)


def regwrite(a, ck):
    node = Nodevp(a.nodevp, a.elf)
    out = run_gdb(a.gdb, a.elf, node.port, [
        "break *gdb_add", "continue", "set $a0 = 12", "info registers a0", "continue"])
    code, stdout, _ = node.finish()
    print(out)
    ck.match("register write read back", r"^a0 +0xc\s+12$", out)
    # sum = 12 + 3 = 15; result = 15 - 5 = 10 = octal 012.
    ck.match("exit after a register write", r"exited with code 012\]", out)
    ck.equal("nodevp exit code", code, 10)
    ck.match("program output", r"^gdb_target: counter 5 result 10$", stdout)


class Rsp:
    """A minimal client: packets with acks."""

    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buf = b""

    def raw(self, data):
        self.s.sendall(data)

    def send(self, payload):
        body = payload.encode("latin-1")
        self.raw(b"$" + body + b"#" + f"{sum(body) & 0xff:02x}".encode())

    def read_byte(self):
        if not self.buf:
            self.buf = self.s.recv(4096)
            if not self.buf:
                raise EOFError("connection closed")
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def reply(self):
        """The next packet's payload (acks skipped); its checksum is verified."""
        while self.read_byte() != b"$":
            pass
        body = b""
        while (c := self.read_byte()) != b"#":
            body += c
        check = self.read_byte() + self.read_byte()
        if int(check, 16) != sum(body) & 0xff:
            raise RuntimeError(f"bad checksum from the stub on {body!r}")
        self.raw(b"+")
        return body.decode("latin-1")

    def ask(self, payload):
        self.send(payload)
        return self.reply()


def raw(a, ck):
    node = Nodevp(a.nodevp, a.elf)
    c = Rsp(node.port)
    ck.equal("qSupported", "qXfer:features:read+" in c.ask("qSupported:multiprocess+"), True)
    xml = c.ask("qXfer:features:read:target.xml:0,3ff")
    ck.match("target description", r"<architecture>riscv:rv64</architecture>", xml)
    ck.equal("?", c.ask("?"), "T05thread:1;")
    ck.equal("thread list", c.ask("qfThreadInfo"), "m1,2")
    ck.equal("thread list end", c.ask("qsThreadInfo"), "l")
    ck.equal("T of a thread that exists", c.ask("T2"), "OK")
    ck.equal("T of a thread that does not", c.ask("T9"), "E02")
    ck.equal("Hg of a missing thread", c.ask("Hg7"), "E02")
    # Malformed packets: error replies, and the stub goes on answering.
    ck.equal("m with bad hex", c.ask("mzz,4"), "E01")
    ck.equal("m without length", c.ask("m80000000"), "E01")
    ck.equal("m too long", c.ask("m80000000,100000"), "E01")
    ck.equal("m of unmapped memory", c.ask("m10,4"), "E02")
    ck.equal("M with a short payload", c.ask("M80000000,4:00"), "E01")
    ck.equal("p of a missing register", c.ask("p2000"), "E02")
    ck.equal("P without a value", c.ask("P1"), "E01")
    ck.equal("P with a short value", c.ask("P1=12"), "E01")
    ck.equal("G with an odd length", c.ask("G123"), "E01")
    ck.equal("Z of an unsupported type", c.ask("Z9,80000000,4"), "")
    ck.equal("z of a breakpoint never set", c.ask("z0,80000000,2"), "E02")
    ck.equal("vCont with a bad action", c.ask("vCont;q"), "E01")
    ck.equal("unknown packet", c.ask("jabberwock"), "")
    ck.equal("X with a dangling escape", c.ask("X80000000,1:}"), "E01")
    # A bad checksum is refused with '-'; the stub then still answers.
    c.raw(b"$g#00")
    nack = c.read_byte()
    ck.equal("bad checksum refused", nack, b"-")
    ck.equal("x0 reads as zero", c.ask("p0"), "0" * 16)
    # Ctrl-C: make the program spin (gdb_spin = 1), run, interrupt, release it, run to the end.
    syms = subprocess.run(["riscv64-unknown-elf-nm", a.elf], capture_output=True, text=True).stdout
    spin = re.search(r"^([0-9a-f]+) [dD] gdb_spin$", syms, re.M)
    if not spin:
        ck.problems.append("gdb_spin not found in the ELF's symbols")
        return
    addr = int(spin.group(1), 16)
    ck.equal("M sets gdb_spin", c.ask(f"M{addr:x},4:01000000"), "OK")
    ck.equal("m reads it back", c.ask(f"m{addr:x},4"), "01000000")
    c.send("vCont;c")
    time.sleep(0.5)
    c.raw(b"\x03")
    ck.equal("Ctrl-C stops the target (SIGINT)", c.reply(), "T02thread:1;")
    ck.equal("X releases gdb_spin", c.ask(f"X{addr:x},4:" + "}\x03\0\0\0"), "OK")
    ck.equal("m reads the escaped byte back", c.ask(f"m{addr:x},4"), "23000000")
    c.send("c")
    ck.equal("exit packet", c.reply(), "W00")
    c.s.close()
    code, stdout, _ = node.finish()
    ck.equal("nodevp exit code", code, 0)
    ck.match("program output", r"^gdb_target: counter 5 result 0$", stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodevp", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--gdb", default="gdb-multiarch")
    ap.add_argument("scenario", choices=["tour", "regwrite", "raw"])
    a = ap.parse_args()
    ck = Checker()
    {"tour": tour, "regwrite": regwrite, "raw": raw}[a.scenario](a, ck)
    if ck.problems:
        print("FAILED:\n  " + "\n  ".join(ck.problems))
        return 1
    print(f"{a.scenario}: all checks hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
