// Float lanes of the VXM, in binary32.
#pragma once

#include "models/lpu/isa/isa.hpp"

namespace nodevp::lpu::vxm {

// IEEE 754-2019 minimumNumber / maximumNumber: a NaN operand is ignored in favour of a number
// (both NaN: a NaN, which the VXM then makes canonical); −0 is less than +0.
float min_number(float x, float y);
float max_number(float x, float y);

// ADD SUB MUL MIN MAX.
void float_binary(Opcode op, const float* a, const float* b, float* d, unsigned n);
// RELU (= max_number(x, +0)), TANH, EXP, RSQRT (1.0f / sqrtf). MOV, NEG and ABS are sign-bit
// operations on the stored format and do not come here.
void float_unary(Opcode op, const float* a, float* d, unsigned n);

}  // namespace nodevp::lpu::vxm
