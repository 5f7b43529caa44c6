#!/usr/bin/env python3
"""Checks a --trace file (Chrome trace-event JSON) and optionally a --stats file of one run.

  trace_check.py --trace FILE [--stats FILE] [--expect PROCESS/TRACK[=MIN]]... [--exit N]
                 [--allow-dropped] [-- nodevp ARGS...]

With a command after `--`, runs it first (adding --trace FILE and, if given, --stats FILE) and
checks its exit code (--exit, default 0). Then:
- the trace parses as JSON, has traceEvents and displayTimeUnit "ns", and every event is "M",
  "X" or "i" with the fields its phase needs; every pid/tid used has process/thread metadata;
- spans have ts >= 0 and dur >= 0, and spans on one track are disjoint or nested (Perfetto
  draws a track as a stack of slices);
- no event was dropped (otherData.dropped_events == 0) unless --allow-dropped;
- each --expect is a regular expression over "process/track" (full match): at least one track
  must match, and every matching track must hold at least MIN (default 1) spans or instants;
  e.g. --expect 'host/hart[0-9]+=2' for two events on each host hart;
- the stats file has the sections of SPEC section 7 (simulated and wall time, per-hart MIPS,
  device utilisation, link bandwidth, cache and directory statistics, ECC events).
Prints a summary (events, tracks, size) and exits 1 with the reasons on any failure.
Reusable by other end-to-end tests (the demo's).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys


def fail(errors):
    for e in errors:
        print(f"trace_check: {e}")
    sys.exit(1)


def check_trace(path, expects, allow_dropped):
    errors = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        fail([f"{path}: not JSON: {e}"])
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        fail([f"{path}: no traceEvents list"])
    if doc.get("displayTimeUnit") != "ns":
        errors.append("displayTimeUnit is not \"ns\"")
    processes, threads = {}, {}
    spans = collections.defaultdict(list)  # (pid, tid) -> [(ts, end, name)]
    counts = collections.Counter()
    for i, e in enumerate(doc["traceEvents"]):
        ph = e.get("ph")
        if ph == "M":
            if e.get("name") == "process_name":
                processes[e["pid"]] = e["args"]["name"]
            elif e.get("name") == "thread_name":
                threads[(e["pid"], e["tid"])] = e["args"]["name"]
            continue
        if ph not in ("X", "i"):
            errors.append(f"event {i}: phase {ph!r} is not M, X or i")
            continue
        for key in ("pid", "tid", "ts", "name"):
            if key not in e:
                errors.append(f"event {i}: no {key}")
        ts = e.get("ts", 0)
        if not isinstance(ts, (int, float)) or ts < 0:
            errors.append(f"event {i} ({e.get('name')}): ts {ts!r} is not a time >= 0")
        key = (e.get("pid"), e.get("tid"))
        counts[key] += 1
        if ph == "X":
            dur = e.get("dur")
            if not isinstance(dur, (int, float)) or dur < 0:
                errors.append(f"event {i} ({e.get('name')}): dur {dur!r} is not >= 0")
                continue
            # Times are written with nanosecond digits: compare in integer nanoseconds.
            spans[key].append((round(ts * 1000), round((ts + dur) * 1000), e["name"]))
    for key in counts:
        if key[0] not in processes:
            errors.append(f"pid {key[0]} has no process_name")
        if key not in threads:
            errors.append(f"pid {key[0]} tid {key[1]} has no thread_name")
    for key, items in spans.items():
        items.sort(key=lambda s: (s[0], -s[1]))
        stack = []
        for start, end, name in items:
            while stack and stack[-1][1] <= start:
                stack.pop()
            if stack and end > stack[-1][1]:
                where = f"{processes.get(key[0])}/{threads.get(key)}"
                errors.append(f"{where}: span {name} [{start}, {end}] ns overlaps "
                              f"{stack[-1][2]} [{stack[-1][0]}, {stack[-1][1]}] ns without nesting")
                break
            stack.append((start, end, name))
    other = doc.get("otherData", {})
    if other.get("dropped_events", 0) and not allow_dropped:
        errors.append(f"{other['dropped_events']} events were dropped (the recorder's cap)")
    names = {key: f"{processes.get(key[0])}/{name}" for key, name in threads.items()}
    for pattern, minimum in expects:
        rx = re.compile(pattern)
        matched = [key for key, n in names.items() if rx.fullmatch(n)]
        if not matched:
            errors.append(f"no track matches {pattern!r} (tracks: {sorted(names.values())})")
        for key in matched:
            if counts[key] < minimum:
                errors.append(f"track {names[key]} has {counts[key]} events, expected >= {minimum}")
    summary = (f"{sum(counts.values())} events on {len(threads)} tracks of {len(processes)} "
               f"processes, {len(text)} bytes")
    return errors, summary


STATS_SECTIONS = {
    "sim_time_s": (int, float), "wall_time_s": (int, float), "exit_code": int,
    "harts": list, "controllers": list, "lpus": list, "fabric": dict,
}


def check_stats(path):
    errors = []
    with open(path, encoding="utf-8") as f:
        try:
            s = json.load(f)
        except json.JSONDecodeError as e:
            return [f"{path}: not JSON: {e}"]
    for key, kind in STATS_SECTIONS.items():
        if not isinstance(s.get(key), kind):
            errors.append(f"stats: no {key} ({kind})")
    for h in s.get("harts", []) + s.get("controllers", []):
        for key in ("name", "instret", "cycles", "mips"):
            if key not in h:
                errors.append(f"stats: hart {h.get('name')} has no {key}")
    for lpu in s.get("lpus", []):
        for key in ("name", "runs", "busy_fraction", "cycles", "dma_bytes", "mailbox_requests",
                    "ecc_corrected", "ecc_detected"):
            if key not in lpu:
                errors.append(f"stats: {lpu.get('name')} has no {key}")
    if "gpu" in s:
        for key in ("kernels", "kernel_busy_fraction", "sm_utilisation", "channels"):
            if key not in s["gpu"]:
                errors.append(f"stats: gpu has no {key}")
    fabric = s.get("fabric", {})
    for key in ("links", "homes", "agents"):
        if not isinstance(fabric.get(key), dict):
            errors.append(f"stats: fabric has no {key}")
    for link, dirs in fabric.get("links", {}).items():
        for d, st in dirs.items():
            if "bytes" not in st or "utilisation" not in st:
                errors.append(f"stats: link {link} {d} has no bytes/utilisation")
    return errors


def main():
    argv = sys.argv[1:]
    cmd = []
    if "--" in argv:
        cmd = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    ap = argparse.ArgumentParser()
    ap.add_argument("--trace", required=True)
    ap.add_argument("--stats")
    ap.add_argument("--expect", action="append", default=[])
    ap.add_argument("--exit", type=int, default=0)
    ap.add_argument("--allow-dropped", action="store_true")
    a = ap.parse_args(argv)
    expects = []
    for x in a.expect:
        pattern, _, minimum = x.partition("=")
        expects.append((pattern, int(minimum) if minimum else 1))
    if cmd:
        for path in (a.trace, a.stats):
            if path and os.path.exists(path):
                os.remove(path)
        run = cmd + ["--trace", a.trace] + (["--stats", a.stats] if a.stats else [])
        p = subprocess.run(run, capture_output=True, text=True, timeout=600)
        if p.returncode != a.exit:
            fail([f"exit code {p.returncode}, expected {a.exit}", p.stdout[-2000:],
                  p.stderr[-3000:]])
    errors, summary = check_trace(a.trace, expects, a.allow_dropped)
    if a.stats:
        errors += check_stats(a.stats)
    if errors:
        fail(errors)
    print(f"trace ok: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
