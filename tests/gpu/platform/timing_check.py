#!/usr/bin/env python3
"""GPU roofline timing check (acceptance 4 of issue 6).

Runs gpu-timing.elf under several configurations (--set) and compares each GEMM's measured time
(TIMESTAMP to TIMESTAMP, printed by the guest) with the roofline written out here:

    time = launch_latency + max(ops / peak, bytes / hbm_bandwidth)
    peak = sms * fp32_ops_per_sm_cycle / clock     (the kernel holds every SM: 65536 blocks)

The measured interval also holds the launch's argument fetch and the second TIMESTAMP's write
over the node bus: an overhead that does not depend on the GPU's configuration. So every GEMM in
every case must show the same overhead (measured - roofline, within 2 ns), and it must lie in
[0, 1 us).

    usage: timing_check.py NODEVP GPU_TIMING_ELF
"""
import re
import subprocess
import sys

DEFAULT = {"sms": 8, "clock_ns": 1, "fp32_ops_per_sm_cycle": 256, "hbm_gbytes_per_s": 200,
           "launch_latency_ns": 2000}
# The guest's two GEMMs: (m, n, k), fp32, beta = 0 (C written, not read).
GEMMS = {"square": (256, 256, 256), "skinny": (1, 4096, 1024)}
CASES = [
    ("default", {}, {"square": "compute", "skinny": "bandwidth"}),
    ("twice the SMs", {"sms": 16}, {"square": "compute", "skinny": "bandwidth"}),
    ("a tenth of the bandwidth", {"hbm_gbytes_per_s": 20}, {"square": "bandwidth", "skinny": "bandwidth"}),
    ("a slower clock", {"clock_ns": 4}, {"square": "compute", "skinny": "bandwidth"}),
    ("a longer launch", {"launch_latency_ns": 5000}, {"square": "compute", "skinny": "bandwidth"}),
]
SET_KEYS = {"sms": ("gpu.sms", "{}"), "clock_ns": ("gpu.clock", "{} ns"),
            "hbm_gbytes_per_s": ("gpu.hbm_gbytes_per_s", "{}"),
            "launch_latency_ns": ("gpu.launch_latency", "{} ns")}


def predict(cfg, m, n, k):
    ops = 2.0 * m * n * k
    nbytes = 4.0 * (m * k + k * n + m * n)
    peak = cfg["sms"] * cfg["fp32_ops_per_sm_cycle"] / (cfg["clock_ns"] * 1e-9)
    compute_ns = ops / peak * 1e9
    memory_ns = nbytes / (cfg["hbm_gbytes_per_s"] * 1e9) * 1e9
    bound = "compute" if compute_ns >= memory_ns else "bandwidth"
    return cfg["launch_latency_ns"] + max(compute_ns, memory_ns), bound


def main():
    nodevp, elf = sys.argv[1], sys.argv[2]
    failures = []
    overheads = []
    for name, changes, bounds in CASES:
        cfg = dict(DEFAULT, **changes)
        args = [nodevp]
        for key, value in changes.items():
            set_key, form = SET_KEYS[key]
            args += ["--set", f"{set_key}={form.format(value)}"]
        p = subprocess.run(args + [elf], capture_output=True, text=True, timeout=240)
        if p.returncode != 0:
            failures.append(f"{name}: exit {p.returncode}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
            continue
        for gemm, (m, n, k) in GEMMS.items():
            found = re.search(rf"gpu_gemm_{gemm}_ns: (\d+)", p.stdout)
            if not found:
                failures.append(f"{name}: no gpu_gemm_{gemm}_ns line in the output")
                continue
            measured = int(found.group(1))
            expected, bound = predict(cfg, m, n, k)
            overhead = measured - expected
            overheads.append(overhead)
            ok = bound == bounds[gemm] and 0 <= overhead < 1000 and \
                abs(overhead - overheads[0]) <= 2.0
            print(f"{name:26s} {gemm:7s} {bound:9s}-bound: measured {measured} ns, "
                  f"roofline {expected:.1f} ns, overhead {overhead:.1f} ns {'ok' if ok else 'MISMATCH'}")
            if not ok:
                failures.append(f"{name}/{gemm}: measured {measured} ns, roofline {expected:.1f} ns "
                                f"({bound}-bound, case expects {bounds[gemm]}-bound), overhead "
                                f"{overhead:.1f} ns vs {overheads[0]:.1f} ns in the first case")
    for f in failures:
        print("FAILED:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
