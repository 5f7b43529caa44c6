// The built-in C++ implementations of the LPU's arithmetic units (MXM plane, VXM), and the
// number formats they share. A Verilated RTL unit implements the same interfaces (chip.hpp).
#pragma once

#include <cstdint>
#include <memory>

#include "models/lpu/chip/chip.hpp"

namespace nodevp::lpu {

std::unique_ptr<MxmUnit> make_cpp_mxm(const Geometry& geometry);
std::unique_ptr<VxmUnit> make_cpp_vxm(const Geometry& geometry);

// IEEE binary16 and bfloat16 <-> binary32, round-to-nearest-even on narrowing, NaN preserved as
// a quiet NaN, overflow to infinity, subnormals kept (no flush to zero).
float f16_to_f32(std::uint16_t h);
std::uint16_t f32_to_f16(float f);
float bf16_to_f32(std::uint16_t h);
std::uint16_t f32_to_bf16(float f);

}  // namespace nodevp::lpu
