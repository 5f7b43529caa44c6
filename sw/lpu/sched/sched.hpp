// The LPU scheduler: builds dense, schedule-correct programs (docs/lpu/architecture.md) for
// products, elementwise VXM ops, requantisation and an FFN block, for any Geometry.
//
// Tensors live in SRAM as vectors of VL bytes; element e of a tensor is on lane e % VL of
// vector e / VL. A tensor of k-byte elements is stored as k byte planes (plane j holds byte j,
// little-endian), each in its own MEM slice, named `<name>.<j>` in the program's symbols; an
// int8 tensor of one plane is named `<name>`. Use tensor.hpp to place inputs and read results.
//
// Shapes: every dimension must be a multiple of VL (std::invalid_argument otherwise). Wide
// operands (2 or 4 byte planes) that come from SRAM need that many MEM slices per hemisphere;
// kernels that cannot be placed on a geometry throw std::invalid_argument saying why.
#pragma once

#include <cstdint>
#include <vector>

#include "models/lpu/image/image.hpp"
#include "models/lpu/isa/isa.hpp"

namespace nodevp::lpu::sched {

// Y = W X, int8 weights (rows x cols, row-major, resident in SRAM) and `batch` int8 input
// columns; int32 results. Inputs: `x` (batch * cols/VL vectors, column b at vector
// b * cols/VL). Outputs: `y.0` … `y.3` (batch * rows/VL vectors each, column b at b * rows/VL).
Program matmul_i8(const Geometry& g, const std::vector<std::int8_t>& w, unsigned rows,
                  unsigned cols, unsigned batch = 1);
// As matmul_i8, with the int32 results requantised to int8 on the way out (REQ.i8 scale,
// shift): output `y` (batch * rows/VL vectors).
Program matmul_i8_requant(const Geometry& g, const std::vector<std::int8_t>& w, unsigned rows,
                          unsigned cols, unsigned batch, std::int32_t scale, unsigned shift);

// Y = W X with fp16 weights and inputs (binary16 bit patterns) and binary32 accumulation:
// inputs `x.0`, `x.1` (low and high byte planes), outputs `y.0` … `y.3` (binary32 byte planes).
Program matmul_f16(const Geometry& g, const std::vector<std::uint16_t>& w, unsigned rows,
                   unsigned cols, unsigned batch = 1);

// d = a OP b (binary) or d = OP a (unary) on `vectors` vectors of type t. Inputs `a.<j>`,
// `b.<j>`; output `d.<j>` (byte planes; see above).
Program elementwise(const Geometry& g, Opcode op, ElemType t, unsigned vectors);
// d = CVT.dst.src a.
Program convert(const Geometry& g, ElemType dst, ElemType src, unsigned vectors);
// d = REQ.dst a (a: int32 planes a.0 … a.3), dst i8 or i16.
Program requant(const Geometry& g, ElemType dst, std::int32_t scale, unsigned shift,
                unsigned vectors);

// y = REQ_i8(W_down * act(h), down), h = REQ_i8(W_up * x, up), act = ReLU or identity.
struct FfnSpec {
    unsigned d_model = 0;             // multiple of VL
    unsigned d_ff = 0;                // multiple of VL
    std::vector<std::int8_t> w_up;    // d_ff x d_model, row-major
    std::vector<std::int8_t> w_down;  // d_model x d_ff, row-major
    std::int32_t up_scale = 1;
    unsigned up_shift = 0;
    std::int32_t down_scale = 1;
    unsigned down_shift = 0;
    bool relu = true;
};
// Symbols: `x` (input), `h` (REQ_i8(W_up x), before the activation), `y` (output).
Program ffn_i8(const Geometry& g, const FfnSpec& spec);

}  // namespace nodevp::lpu::sched
