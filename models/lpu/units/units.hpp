// The built-in C++ implementations of the LPU's arithmetic units (MXM plane, VXM), and the
// number formats they share. A Verilated RTL unit implements the same interfaces (chip.hpp).
#pragma once

#include <cstdint>
#include <memory>

#include "models/lpu/chip/chip.hpp"

namespace nodevp::lpu {

std::unique_ptr<MxmUnit> make_cpp_mxm(const Geometry& geometry);
std::unique_ptr<VxmUnit> make_cpp_vxm(const Geometry& geometry);

// Whether VXM opcode `op` is defined on element type `t` (docs/lpu/architecture.md, VXM):
// ADD SUB MUL MIN MAX MOV NEG ABS RELU on every type; AND OR XOR SHL SHR on i8/i16/i32;
// TANH EXP RSQRT on f16/bf16/f32; CVT on every type (check destination t1 and source t2
// separately); REQ with destination i8 or i16 (its source is always i32). False for every
// non-VXM opcode. The chip rejects any other combination as `bad-operand`; a VxmUnit may
// assume it never sees one (the C++ unit throws std::logic_error if it does).
bool vxm_supports(Opcode op, ElemType t);

// IEEE binary16 and bfloat16 <-> binary32, round-to-nearest-even on narrowing, NaN preserved as
// a quiet NaN, overflow to infinity, subnormals kept (no flush to zero).
// NaN: the sign and the most significant payload bits are kept and the quiet bit is set.
float f16_to_f32(std::uint16_t h);
std::uint16_t f32_to_f16(float f);
float bf16_to_f32(std::uint16_t h);
std::uint16_t f32_to_bf16(float f);

}  // namespace nodevp::lpu
