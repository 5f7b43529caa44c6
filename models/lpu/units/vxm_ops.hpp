// The VXM's operations on whole stream groups, one loop per operation and element type.
// Semantics: docs/lpu/architecture.md (VXM). Callers have checked vxm_supports(); an unsupported
// combination throws std::logic_error (a model bug, not a guest error).
#pragma once

#include <cstdint>
#include <vector>

#include "models/lpu/isa/isa.hpp"

namespace nodevp::lpu::vxm {

// Working arrays of one VXM, VL elements each (allocated once, reused by every instruction).
struct Scratch {
    explicit Scratch(unsigned n);
    unsigned n;
    std::vector<std::int32_t> ia, ib, id;
    std::vector<float> fa, fb, fd;
    std::vector<std::uint32_t> raw;
};

using Planes = const std::uint8_t* const*;
using OutPlanes = std::uint8_t* const*;

void binary(Opcode op, ElemType t, Planes a, Planes b, OutPlanes d, Scratch& s);
void unary(Opcode op, ElemType t, Planes a, OutPlanes d, Scratch& s);
void convert(ElemType dst_type, ElemType src_type, Planes a, OutPlanes d, Scratch& s);
// REQ: a is an i32 group; scale a signed 30-bit value, shift 0 … 63.
void requantize(ElemType dst_type, std::int64_t scale, unsigned shift, Planes a, OutPlanes d,
                Scratch& s);

}  // namespace nodevp::lpu::vxm
