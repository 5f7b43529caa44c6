#!/usr/bin/env python3
"""Generate headers, tables and docs from the nodevp node description (node.yaml).

Every address, size, IRQ number, register offset and field of the node is written once, in
node.yaml; this script turns it into a C header for guest code, C++ headers for the models and
the platform, and the Markdown reference page. It checks the description as it goes: regions
must not overlap, registers must be aligned to their width and fields must fit.
"""
import argparse
import sys

import yaml

BANNER = "Generated from platform/description/node.yaml by gen_node.py. Do not edit."
KINDS = ("rom", "ram", "device", "aperture")


class DescriptionError(Exception):
    pass


def parse_bits(spec, where):
    text = str(spec)
    if ":" in text:
        hi, lo = (int(x) for x in text.split(":"))
    else:
        hi = lo = int(text)
    if hi < lo:
        raise DescriptionError(f"{where}: field bits '{text}' must be written msb:lsb")
    return lo, hi - lo + 1


def load(path):
    with open(path, encoding="utf-8") as f:
        desc = yaml.safe_load(f)
    regions = []
    for name, r in desc["regions"].items():
        kind = r.get("kind", "device")
        if kind not in KINDS:
            raise DescriptionError(f"region {name}: kind '{kind}' is not one of {KINDS}")
        region = {
            "name": name,
            "base": int(r["base"]),
            "size": int(r["size"]),
            "kind": kind,
            "count": int(r.get("count", 1)),
            "stride": int(r.get("stride", 0)),
            "irq": r.get("irq"),
            "irq_stride": int(r.get("irq_stride", 1)),
            "device": r.get("device"),
            "compatible": r.get("compatible", []),
            "doc": r.get("doc", ""),
        }
        if region["count"] > 1 and region["stride"] < region["size"]:
            raise DescriptionError(f"region {name}: stride smaller than size")
        regions.append(region)
    spans = sorted(
        (r["base"], r["base"] + (r["count"] - 1) * r["stride"] + r["size"], r["name"]) for r in regions
    )
    for (b0, e0, n0), (b1, _, n1) in zip(spans, spans[1:]):
        if b1 < e0:
            raise DescriptionError(f"regions {n0} and {n1} overlap")
    irqs = {}
    for r in regions:
        if r["irq"] is None:
            continue
        for i in range(r["count"]):
            irq = int(r["irq"]) + i * r["irq_stride"]
            if irq in irqs:
                raise DescriptionError(f"IRQ {irq} used by {irqs[irq]} and {r['name']}")
            if not 1 <= irq <= int(desc["plic"]["sources"]):
                raise DescriptionError(f"IRQ {irq} of {r['name']} outside the PLIC's sources")
            irqs[irq] = r["name"]

    devices = {}
    for dname, d in desc["devices"].items():
        regs = []
        for rname, reg in d.get("registers", {}).items():
            where = f"{dname}.{rname}"
            width = int(reg["width"])
            if width not in (1, 2, 4, 8):
                raise DescriptionError(f"{where}: width {width} is not 1, 2, 4 or 8")
            offset = int(reg["offset"])
            if offset % width:
                raise DescriptionError(f"{where}: offset {offset:#x} not aligned to width {width}")
            fields = []
            used = 0
            for fname, bits in (reg.get("fields") or {}).items():
                lsb, nbits = parse_bits(bits, f"{where}.{fname}")
                mask = ((1 << nbits) - 1) << lsb
                if lsb + nbits > width * 8:
                    raise DescriptionError(f"{where}.{fname}: does not fit in {width} bytes")
                if used & mask:
                    raise DescriptionError(f"{where}.{fname}: overlaps another field")
                used |= mask
                fields.append({"name": fname, "lsb": lsb, "width": nbits, "mask": mask})
            regs.append(
                {
                    "name": rname,
                    "offset": offset,
                    "width": width,
                    "min_access": int(reg.get("min_access", width)),
                    "count": int(reg.get("count", 1)),
                    "stride": int(reg.get("stride", 0)),
                    "context_stride": int(reg.get("context_stride", 0)),
                    "fields": fields,
                }
            )
        devices[dname] = {"doc": d.get("doc", ""), "registers": regs, "values": d.get("values", {})}
    for r in regions:
        if r["device"] and r["device"] not in devices:
            raise DescriptionError(f"region {r['name']}: unknown device '{r['device']}'")
    return desc, regions, devices


def c_header(desc, regions, devices):
    out = [f"/* {BANNER} */", "#ifndef NODEVP_GEN_NODE_H", "#define NODEVP_GEN_NODE_H", ""]
    out.append(f"#define NODE_TIMEBASE_HZ {int(desc['timebase_hz'])}ULL")
    out.append(f"#define NODE_PLIC_SOURCES {int(desc['plic']['sources'])}")
    out.append(f"#define NODE_PLIC_PRIORITY_MAX {(1 << int(desc['plic']['priority_bits'])) - 1}")
    out.append("")
    for r in regions:
        n = r["name"].upper()
        out.append(f"/* {r['name']}: {r['doc']} */")
        if r["count"] > 1:
            out.append(f"#define NODE_{n}_COUNT_MAX {r['count']}")
            out.append(f"#define NODE_{n}_STRIDE {r['stride']:#x}ULL")
            out.append(f"#define NODE_{n}_BASE(n) ({r['base']:#x}ULL + (unsigned long long)(n) * {r['stride']:#x}ULL)")
            if r["irq"] is not None:
                out.append(f"#define NODE_{n}_IRQ(n) ({int(r['irq'])}U + (unsigned)(n) * {r['irq_stride']}U)")
        else:
            out.append(f"#define NODE_{n}_BASE {r['base']:#x}ULL")
            if r["irq"] is not None:
                out.append(f"#define NODE_{n}_IRQ {int(r['irq'])}U")
        out.append(f"#define NODE_{n}_SIZE {r['size']:#x}ULL")
        out.append("")
    for dname, d in devices.items():
        p = dname.upper()
        out.append(f"/* {dname} registers */")
        for reg in d["registers"]:
            rn = f"{p}_{reg['name']}"
            if reg["count"] > 1 or reg["context_stride"]:
                args, terms = [], [f"{reg['offset']:#x}"]
                if reg["context_stride"]:
                    args.append("ctx")
                    terms.append(f"(ctx) * {reg['context_stride']:#x}")
                if reg["count"] > 1:
                    args.append("i")
                    terms.append(f"(i) * {reg['stride']:#x}")
                out.append(f"#define {rn}({', '.join(args)}) ({' + '.join(terms)})")
                if reg["count"] > 1:
                    out.append(f"#define {rn}_COUNT {reg['count']}")
            else:
                out.append(f"#define {rn} {reg['offset']:#x}")
            for f in reg["fields"]:
                out.append(f"#define {rn}_{f['name']}_SHIFT {f['lsb']}")
                out.append(f"#define {rn}_{f['name']}_MASK {f['mask']:#x}U")
        for vname, v in d["values"].items():
            out.append(f"#define {p}_{vname} {int(v):#x}U")
        out.append("")
    out.append("#endif /* NODEVP_GEN_NODE_H */")
    return "\n".join(out) + "\n"


def cpp_map(desc, regions, devices):
    out = [f"// {BANNER}", "#pragma once", "", "#include <array>", "#include <cstdint>",
           "#include <string_view>", "", "namespace nodevp::gen::map {", ""]
    out.append("enum class RegionKind { rom, ram, device, aperture };")
    out.append("")
    out.append("struct Region {")
    out.append("    std::string_view name;")
    out.append("    std::uint64_t base;")
    out.append("    std::uint64_t size;")
    out.append("    RegionKind kind;")
    out.append("    unsigned count;         // instances (an array of identical devices)")
    out.append("    std::uint64_t stride;   // distance between instances")
    out.append("    int irq;                // PLIC source of instance 0, or -1")
    out.append("    unsigned irq_stride;")
    out.append("    std::string_view device;")
    out.append("    std::array<std::string_view, 4> compatible;")
    out.append("    constexpr std::uint64_t base_of(unsigned n) const { return base + n * stride; }")
    out.append("    constexpr int irq_of(unsigned n) const { return irq < 0 ? -1 : int(irq + n * irq_stride); }")
    out.append("};")
    out.append("")
    out.append(f"inline constexpr std::uint64_t timebase_hz = {int(desc['timebase_hz'])};")
    out.append(f"inline constexpr unsigned plic_sources = {int(desc['plic']['sources'])};")
    out.append(f"inline constexpr unsigned plic_priority_bits = {int(desc['plic']['priority_bits'])};")
    out.append("")
    for r in regions:
        compat = ", ".join(f'"{c}"' for c in r["compatible"])
        irq = -1 if r["irq"] is None else int(r["irq"])
        out.append(f"// {r['doc']}")
        out.append(
            f"inline constexpr Region {r['name']}{{\"{r['name']}\", {r['base']:#x}ULL, {r['size']:#x}ULL, "
            f"RegionKind::{r['kind']}, {r['count']}, {r['stride']:#x}ULL, {irq}, {r['irq_stride']}, "
            f"\"{r['device'] or ''}\", {{{compat}}}}};"
        )
    out.append("")
    names = ", ".join(f"&{r['name']}" for r in regions)
    out.append(f"inline constexpr std::array<const Region*, {len(regions)}> all_regions{{{names}}};")
    out.append("")
    out.append("}  // namespace nodevp::gen::map")
    return "\n".join(out) + "\n"


def cpp_regs(desc, regions, devices):
    out = [f"// {BANNER}", "#pragma once", "", "#include <cstdint>", "",
           "namespace nodevp::gen::regs {", ""]
    for dname, d in devices.items():
        out.append(f"namespace {dname} {{")
        for reg in d["registers"]:
            n = reg["name"]
            out.append(f"inline constexpr std::uint64_t {n} = {reg['offset']:#x};")
            out.append(f"inline constexpr unsigned {n}_width = {reg['width']};")
            if reg["min_access"] != reg["width"]:
                out.append(f"inline constexpr unsigned {n}_min_access = {reg['min_access']};")
            if reg["count"] > 1:
                out.append(f"inline constexpr unsigned {n}_count = {reg['count']};")
                out.append(f"inline constexpr std::uint64_t {n}_stride = {reg['stride']:#x};")
            if reg["context_stride"]:
                out.append(f"inline constexpr std::uint64_t {n}_context_stride = {reg['context_stride']:#x};")
            for f in reg["fields"]:
                out.append(f"inline constexpr std::uint64_t {n}_{f['name']} = {f['mask']:#x};  // bits "
                           f"{f['lsb'] + f['width'] - 1}:{f['lsb']}")
                out.append(f"inline constexpr unsigned {n}_{f['name']}_shift = {f['lsb']};")
        for vname, v in d["values"].items():
            out.append(f"inline constexpr std::uint64_t {vname} = {int(v):#x};")
        out.append(f"}}  // namespace {dname}")
        out.append("")
    out.append("}  // namespace nodevp::gen::regs")
    return "\n".join(out) + "\n"


def human(n):
    for unit, div in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= div and n % div == 0:
            return f"{n // div} {unit}"
    return f"{n} B"


def markdown(desc, regions, devices):
    out = [f"<!-- {BANNER} -->", "", "# Memory map, interrupts and registers", "",
           "The host physical memory map of the node. Guest code includes `gen/node.h`; models and the",
           "platform use `gen/regs.hpp` and `gen/node_map.hpp`. All come from",
           "`platform/description/node.yaml`.", "",
           f"CLINT `mtime` frequency: {int(desc['timebase_hz'])} Hz. PLIC: sources 1..{desc['plic']['sources']}, "
           f"priorities 0..{(1 << int(desc['plic']['priority_bits'])) - 1}.", "",
           "| Region | Base | Size | Instances | IRQ | Compatible | What |",
           "|---|---|---|---|---|---|---|"]
    for r in regions:
        inst = "1" if r["count"] == 1 else f"{r['count']} × stride {r['stride']:#x}"
        irq = "" if r["irq"] is None else (
            str(r["irq"]) if r["count"] == 1 else f"{r['irq']} + n·{r['irq_stride']}")
        compat = ", ".join(f"`{c}`" for c in r["compatible"])
        out.append(f"| {r['name']} | `{r['base']:#012x}` | {human(r['size'])} | {inst} | {irq} | {compat} | {r['doc']} |")
    out.append("")
    for dname, d in devices.items():
        out.append(f"## {dname}")
        out.append("")
        out.append(d["doc"])
        out.append("")
        out.append("| Register | Offset | Width | Fields |")
        out.append("|---|---|---|---|")
        for reg in d["registers"]:
            off = f"{reg['offset']:#x}"
            if reg["count"] > 1:
                off += f" + i·{reg['stride']:#x} (i < {reg['count']})"
            if reg["context_stride"]:
                off += f" + ctx·{reg['context_stride']:#x}"
            fields = ", ".join(
                f"{f['name']}[{f['lsb'] + f['width'] - 1}:{f['lsb']}]" if f["width"] > 1 else f"{f['name']}[{f['lsb']}]"
                for f in reg["fields"])
            out.append(f"| {reg['name']} | {off} | {reg['width']} | {fields} |")
        if d["values"]:
            out.append("")
            out.append("Values: " + ", ".join(f"`{k}` = {int(v):#x}" for k, v in d["values"].items()))
        out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("description")
    ap.add_argument("--c-header")
    ap.add_argument("--cpp-map")
    ap.add_argument("--cpp-regs")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    try:
        parsed = load(args.description)
    except (DescriptionError, KeyError, ValueError) as e:
        print(f"gen_node.py: {args.description}: {e}", file=sys.stderr)
        return 1
    for path, fn in ((args.c_header, c_header), (args.cpp_map, cpp_map), (args.cpp_regs, cpp_regs),
                     (args.markdown, markdown)):
        if path:
            text = fn(*parsed)
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() == text:
                        continue  # unchanged: keep the timestamp, avoid rebuilds
            except OSError:
                pass
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
