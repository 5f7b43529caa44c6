// Independent reference of LPU arithmetic: straight loops written only from
// docs/lpu/architecture.md. Element values travel as raw bit patterns in a uint32_t (the low
// 8/16/32 bits, by element type), so every result can be compared bit-exactly.
//
// Decisions this reference makes where the contract is silent are written in the contract
// (VXM section): float results that are NaN are the canonical quiet NaN of their type; float
// MIN/MAX are IEEE minNum/maxNum with -0 < +0; RELU(x) = MAX(x, +0).
#pragma once

#include <cstdint>
#include <vector>

#include "models/lpu/isa/isa.hpp"

namespace nodevp::lpu::ref {

// --- number formats (written independently of models/lpu/units) ---
float half_to_float(std::uint16_t h);
std::uint16_t float_to_half(float f);  // round to nearest even, canonical NaN 0x7e00
float bfloat_to_float(std::uint16_t h);
std::uint16_t float_to_bfloat(float f);  // round to nearest even, canonical NaN 0x7fc0

// Canonical quiet NaN bit patterns.
inline constexpr std::uint32_t kNanF32 = 0x7fc00000u;
inline constexpr std::uint16_t kNanF16 = 0x7e00u;
inline constexpr std::uint16_t kNanBf16 = 0x7fc0u;

// Element bit pattern <-> binary32 value (float types only), and rounding back.
float to_float(ElemType t, std::uint32_t bits);
std::uint32_t from_float(ElemType t, float v);
// An integer rounded once (nearest even) to a float type.
std::uint32_t int_to_float_bits(ElemType t, std::int64_t v);
// Element bit pattern <-> signed integer value (integer types only).
std::int64_t to_int(ElemType t, std::uint32_t bits);
std::uint32_t from_int(ElemType t, std::int64_t v);  // wraps to the element width
std::uint32_t saturate_int(ElemType t, std::int64_t v);

// --- VXM, one element ---
std::uint32_t binary(Opcode op, ElemType t, std::uint32_t a, std::uint32_t b);
std::uint32_t unary(Opcode op, ElemType t, std::uint32_t a);
std::uint32_t convert(ElemType dst, ElemType src, std::uint32_t a);
// REQ: y = saturate((x * scale + 2^(shift-1)) >> shift), shift 0 adds nothing; dst i8 or i16.
std::uint32_t requant(ElemType dst, std::int32_t x, std::int32_t scale, unsigned shift);

// --- MXM ---
// Row-major matrices. y[r] = sum_c w[r*cols + c] * x[c], exact int32 (wrapping) accumulation.
std::vector<std::int32_t> matvec_i8(const std::vector<std::int8_t>& w, unsigned rows, unsigned cols,
                                    const std::vector<std::int8_t>& x);
// Y = W * X with X given as `batch` column vectors; result[b] is column b.
std::vector<std::vector<std::int32_t>> matmul_i8(const std::vector<std::int8_t>& w, unsigned rows,
                                                 unsigned cols,
                                                 const std::vector<std::vector<std::int8_t>>& x);
// fp16 inputs, binary32 accumulation as the MXM does it with tiles of `vl` columns: per tile,
// y = p[0] + p[1] + ... + p[vl-1] (left to right, each addition rounded); the accumulator starts
// with the first tile's y and adds each next tile's y (rounded). Returns binary32 bits.
std::vector<std::uint32_t> matvec_f16(const std::vector<std::uint16_t>& w, unsigned rows,
                                      unsigned cols, const std::vector<std::uint16_t>& x,
                                      unsigned vl);

// --- FFN block ---
enum class Activation { none, relu };
struct FfnParams {
    unsigned d_model = 0;             // input and output length
    unsigned d_ff = 0;                // hidden length
    std::vector<std::int8_t> w_up;    // d_ff x d_model, row-major
    std::vector<std::int8_t> w_down;  // d_model x d_ff, row-major
    std::int32_t up_scale = 1;
    unsigned up_shift = 0;
    std::int32_t down_scale = 1;
    unsigned down_shift = 0;
    Activation act = Activation::relu;
};
struct FfnResult {
    std::vector<std::int8_t> hidden_pre;  // REQ_i8(W_up x), before the activation
    std::vector<std::int8_t> hidden;      // act(hidden_pre)
    std::vector<std::int8_t> y;           // REQ_i8(W_down hidden)
};
// y = REQ_i8(W_down * act(REQ_i8(W_up * x, up_scale, up_shift)), down_scale, down_shift).
FfnResult ffn_i8(const FfnParams& p, const std::vector<std::int8_t>& x);

}  // namespace nodevp::lpu::ref
