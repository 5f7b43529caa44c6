// Integer lanes of the VXM: elements are widened to int32 for the loops and narrowed (wrapping)
// when stored, so one set of loops serves i8, i16 and i32.
#pragma once

#include <cstdint>

#include "models/lpu/units/vxm_ops.hpp"

namespace nodevp::lpu::vxm {

// Sign-extends each element of a group of `bytes` planes into out[].
void load_int(unsigned bytes, Planes p, unsigned n, std::int32_t* out);
// Stores the low `bytes` bytes of each element (two's-complement wrap).
void store_int(unsigned bytes, const std::int32_t* in, unsigned n, OutPlanes p);

void int_binary(Opcode op, unsigned bits, const std::int32_t* a, const std::int32_t* b,
                std::int32_t* d, unsigned n);
void int_unary(Opcode op, const std::int32_t* a, std::int32_t* d, unsigned n);

}  // namespace nodevp::lpu::vxm
