#!/usr/bin/env python3
"""Benchmark driver for scripts/bench. Prints `name: value unit` lines on stdout; progress on stderr."""
import argparse
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_nodevp(nodevp, elf, workdir, args=()):
    stats = os.path.join(workdir, "stats.json")
    p = subprocess.run([nodevp, "--stats", stats, *args, elf], capture_output=True, text=True,
                       timeout=600)
    if p.returncode != 0:
        raise RuntimeError(f"nodevp {elf} exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
    with open(stats, encoding="utf-8") as f:
        s = json.load(f)
    instret = sum(h["instret"] for h in s["harts"])
    return instret, s["wall_time_s"], p.stdout


def run_qemu(elf):
    cmd = ["qemu-system-riscv64", "-M", "virt", "-bios", "none", "-nographic", "-monitor", "none",
           "-serial", "stdio", "-kernel", elf]
    start = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    wall = time.monotonic() - start
    if p.returncode != 0:
        raise RuntimeError(f"qemu exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
    return wall, p.stdout


def iss_bench(build, repeat):
    nodevp = os.path.join(build, "platform", "nodevp")
    elf = os.path.join(build, "guest", "sw", "apps", "iss-bench", "iss-bench.elf")
    with tempfile.TemporaryDirectory() as work:
        best_iss, instret, out = None, 0, ""
        for _ in range(repeat):
            instret, wall, out = run_nodevp(nodevp, elf, work)
            best_iss = wall if best_iss is None else min(best_iss, wall)
        log(f"iss-bench on nodevp: {instret} instructions, best {best_iss:.3f} s; output: {out.strip()}")
        best_qemu, qout = None, ""
        for _ in range(repeat):
            wall, qout = run_qemu(elf)
            best_qemu = wall if best_qemu is None else min(best_qemu, wall)
        log(f"iss-bench on qemu: best {best_qemu:.3f} s; output: {qout.strip()}")
        # The same program with every host access through the caches and the coherence protocol.
        best_timed, tinstret, tout = None, 0, ""
        for _ in range(repeat):
            tinstret, wall, tout = run_nodevp(nodevp, elf, work, ["--fidelity", "timed"])
            best_timed = wall if best_timed is None else min(best_timed, wall)
        log(f"iss-bench on nodevp --fidelity timed: {tinstret} instructions, best {best_timed:.3f} s")
    if qout.strip() != out.strip():
        raise RuntimeError("nodevp and qemu printed different results for iss-bench")
    if tout.strip() != out.strip():
        raise RuntimeError("nodevp printed different results for iss-bench in timed fidelity")
    iss_mips = instret / best_iss / 1e6
    qemu_mips = instret / best_qemu / 1e6
    timed_mips = tinstret / best_timed / 1e6
    print(f"iss_mips: {iss_mips:.1f} MIPS")
    print(f"qemu_mips: {qemu_mips:.1f} MIPS")
    print(f"iss_vs_qemu: {iss_mips / qemu_mips:.3f} ratio")
    print(f"iss_mips_timed: {timed_mips:.1f} MIPS")
    print(f"iss_timed_vs_fast: {timed_mips / iss_mips:.3f} ratio")


def figures(exe, args, prefix, timeout=600):
    """Runs one benchmark executable and prints its `name: value unit` lines that start with
    `prefix`; its stderr (progress) goes to our stderr. Returns {name: value}."""
    env = dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")
    p = subprocess.run([exe, *args], capture_output=True, text=True, timeout=timeout, env=env)
    if p.stderr.strip():
        log(p.stderr.strip())
    if p.returncode != 0:
        raise RuntimeError(f"{os.path.basename(exe)} exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
    values = {}
    for line in p.stdout.splitlines():
        if line.startswith(prefix):
            print(line, flush=True)
            values[line.split(":")[0]] = float(line.split()[1])
    return values


def lpu_bench(build, repeat):
    """LPU figures from tests/bench/lpu/lpu_bench (see the comment at the top of lpu_bench.cpp)."""
    figures(os.path.join(build, "tests", "bench", "lpu", "lpu_bench"), ["--repeat", str(repeat)],
            "lpu_")


def rtl_bench(build, repeat):
    """RTL co-simulation figures from tests/unit/rtl/rtl_perf (see the comment at its top)."""
    exe = os.path.join(build, "tests", "unit", "rtl", "rtl_perf")
    if not os.path.exists(exe):
        log(f"rtl: {exe} not built (NODEVP_BUILD_RTL=OFF?): no RTL figures")
        return
    figures(exe, ["--repeat", str(repeat)], "rtl_")


def fabric_bench(build, repeat):
    """Fabric figures. tests/bench/fabric/fabric_bench (see the comment at its top): a soak of the
    random coherence tester, 16 seeds of 1,000,000 operations (8x the ctest run); one soak is
    already long and deterministic, so it runs once whatever --repeat says. Then
    tests/bench/fabric/fabric_tlm_bench: the host cost of each fidelity on one TLM workload."""
    bench_dir = os.path.join(build, "tests", "bench", "fabric")
    figures(os.path.join(bench_dir, "fabric_bench"),
            ["--repeat", "1", "--seeds", "16", "--ops", "1000000"], "fabric_", timeout=1200)
    rates = figures(os.path.join(bench_dir, "fabric_tlm_bench"), ["--repeat", str(repeat)],
                    "fabric_")
    ratio = rates["fabric_timed_tx_per_s"] / rates["fabric_fast_tx_per_s"]
    print(f"fabric_timed_vs_fast: {ratio:.3f} ratio", flush=True)


def gpu_bench(build, repeat):
    """GPU kernel library figures from tests/bench/gpu/gpu_bench (see the comment at its top):
    fp32 GEMM throughput of the functional model and its ratio to a plain optimised loop."""
    figures(os.path.join(build, "tests", "bench", "gpu", "gpu_bench"), ["--repeat", str(repeat)],
            "gpu_")


def run_demo(nodevp, workdir, args=()):
    """One run of the hybrid demo (nodevp without an image); it must end with its tokens equal to
    the host reference (exit 0). Returns (wall s of the whole process, simulated s, the app's
    average simulated decode latency per token in us)."""
    stats = os.path.join(workdir, "demo-stats.json")
    start = time.monotonic()
    p = subprocess.run([nodevp, "--stats", stats, *args], capture_output=True, text=True,
                       timeout=900)
    wall = time.monotonic() - start
    if p.returncode != 0 or "tokens match the host reference" not in p.stdout:
        raise RuntimeError(f"demo {' '.join(args)} exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
    with open(stats, encoding="utf-8") as f:
        sim = json.load(f)["sim_time_s"]
    m = re.search(r"decode tokens: min [0-9.]+ us, avg ([0-9.]+) us", p.stdout)
    if not m:
        raise RuntimeError(f"demo {' '.join(args)}: no decode latency line:\n{p.stdout}")
    return wall, sim, float(m.group(1))


def demo_bench(build, repeat):
    """End to end (SPEC section 9): wall time of the whole nodevp process running the demo on the
    default node (32 tokens), its simulated time and ratio, the app's simulated decode latency per
    token, and how wall time grows with the tokens generated (32, 64, 128) and with the LPU count
    (1, 2, 4; 32 tokens); then the full node. Wall figures are the best of --repeat runs."""
    nodevp = os.path.join(build, "platform", "nodevp")

    def best(args):
        runs = [run_demo(nodevp, work, args) for _ in range(repeat)]
        return min(r[0] for r in runs), runs[0][1], runs[0][2]

    with tempfile.TemporaryDirectory() as work:
        wall, sim, decode = best(["--set", "demo.tokens=32"])
        print(f"demo_wall_s: {wall:.3f} s", flush=True)
        print(f"demo_sim_s: {sim:.6f} s", flush=True)
        print(f"demo_tokens_per_wall_s: {32 / wall:.1f} tokens/s", flush=True)
        print(f"demo_sim_per_wall: {sim / wall:.6f} ratio", flush=True)
        print(f"demo_decode_us_per_token: {decode:.2f} us", flush=True)
        walls = {}
        for tokens in (32, 64, 128):
            walls[tokens], sim, decode = best(["--set", f"demo.tokens={tokens}"])
            print(f"demo_wall_s_tokens_{tokens}: {walls[tokens]:.3f} s", flush=True)
        print(f"demo_wall_128_vs_32_tokens: {walls[128] / walls[32]:.3f} ratio", flush=True)
        for lpus in (1, 2, 4):
            wall, sim, decode = best(["--set", f"lpu.count={lpus}"])
            print(f"demo_wall_s_lpus_{lpus}: {wall:.3f} s", flush=True)
            print(f"demo_decode_us_per_token_lpus_{lpus}: {decode:.2f} us", flush=True)
        wall, sim, decode = best(["--config", "full"])
        print(f"demo_full_wall_s: {wall:.3f} s", flush=True)
        print(f"demo_full_decode_us_per_token: {decode:.2f} us", flush=True)


OPENSBI_FW_JUMP = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin"
UBOOT_SMODE = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin"


def run_nodevp_uboot(nodevp):
    """Boots OpenSBI fw_jump + U-Boot on the default node (--boot uboot: the DTB says bootdelay
    -1, so the prompt comes without a countdown) and types `poweroff` at the prompt. Returns the
    wall time of the whole nodevp process."""
    cmd = [nodevp, "--boot", "uboot", "--set", "boot.opensbi=" + OPENSBI_FW_JUMP,
           "--set", "boot.uboot=" + UBOOT_SMODE, "--set", "uart0.input_prompt==> ",
           "--set", r"uart0.input=poweroff\n"]
    start = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    wall = time.monotonic() - start
    if p.returncode != 0 or "=> poweroff" not in p.stdout:
        raise RuntimeError(f"nodevp --boot uboot exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
    return wall


def run_qemu_uboot(harts, dram_mib):
    """The same binaries on qemu-system-riscv64 -M virt (same harts and DRAM): a key press stops
    U-Boot's autoboot countdown (QEMU's DTB has no bootdelay), then `poweroff` at the prompt,
    typed through the serial console on stdin. Returns the wall time of the qemu process."""
    cmd = ["qemu-system-riscv64", "-M", "virt", "-smp", str(harts), "-m", f"{dram_mib}M",
           "-bios", OPENSBI_FW_JUMP, "-kernel", UBOOT_SMODE, "-nographic", "-monitor", "none",
           "-serial", "stdio"]
    steps = [(b"Hit any key to stop autoboot", b" "), (b"=> ", b"poweroff\n")]
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    out, seen = b"", 0
    try:
        while True:
            ready, _, _ = select.select([p.stdout], [], [], 1.0)
            if time.monotonic() - start > 120:
                raise RuntimeError("qemu U-Boot session timed out:\n" + out.decode(errors="replace"))
            if not ready:
                continue
            chunk = os.read(p.stdout.fileno(), 4096)
            if not chunk:
                break
            out += chunk
            if steps and out.find(steps[0][0], seen) >= 0:
                seen = len(out)
                p.stdin.write(steps.pop(0)[1])
                p.stdin.flush()
    finally:
        if p.poll() is None:
            p.kill()
        p.wait()
    wall = time.monotonic() - start
    if steps or p.returncode != 0:
        raise RuntimeError(f"qemu U-Boot session exited {p.returncode}:\n"
                           + out.decode(errors="replace"))
    return wall


def boot_bench(build, repeat):
    """Full-system boot (issue 8): Debian's OpenSBI fw_jump and U-Boot (qemu-riscv64_smode) to
    the U-Boot prompt and `poweroff`, on nodevp's default node and on QEMU virt with the same
    binaries and the same harts and DRAM. Each figure is the best of --repeat runs."""
    nodevp = os.path.join(build, "platform", "nodevp")
    config = subprocess.run([nodevp, "--print-config"], capture_output=True, text=True,
                            check=True).stdout
    harts = int(re.search(r"^\s*harts:\s*(\d+)", config, re.M).group(1))
    size = re.search(r"^\s*dram_size:\s*(\d+)\s*([MG])iB", config, re.M)
    dram_mib = int(size.group(1)) * (1024 if size.group(2) == "G" else 1)
    ours = min(run_nodevp_uboot(nodevp) for _ in range(repeat))
    qemu = min(run_qemu_uboot(harts, dram_mib) for _ in range(repeat))
    print(f"boot_uboot_wall_s: {ours:.3f} s", flush=True)
    print(f"qemu_boot_uboot_wall_s: {qemu:.3f} s", flush=True)
    print(f"boot_uboot_vs_qemu: {ours / qemu:.3f} ratio", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    iss_bench(a.build, a.repeat)
    lpu_bench(a.build, a.repeat)
    rtl_bench(a.build, a.repeat)
    fabric_bench(a.build, a.repeat)
    gpu_bench(a.build, a.repeat)
    demo_bench(a.build, a.repeat)
    boot_bench(a.build, a.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
