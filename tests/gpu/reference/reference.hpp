// Independent reference of the GPU kernel library, written from docs/gpu/kernels.md only: plain
// loops, one element at a time. Two kinds of function:
//   - "order" functions follow the documented fp32 arithmetic step by step (GEMM), so the
//     library must match them bit for bit;
//   - "exact" functions compute the mathematical result in double precision and return the
//     magnitudes the documented error bounds are stated in, so the tests can assert the bounds.
// The "order" functions of the kernels that call libm (exp, erfc, sqrt, pow, cos, sin) make the
// same calls, so their bit-exactness holds on one host; the bounds hold on any.
#pragma once

#include <cstdint>
#include <vector>

#include "models/gpu/kernels/kernels.hpp"

namespace nodevp::gpu::ref {

using kernels::AttentionParams;
using kernels::DType;
using kernels::Elementwise;
using kernels::GemmParams;

// --- number formats, by value arithmetic (frexp/ldexp/nearbyint), not by bit manipulation ---
double f16_value(std::uint16_t h);   // NaN for NaN patterns
double bf16_value(std::uint16_t h);  // NaN for NaN patterns
std::uint16_t f16_round(double x);   // nearest even; overflow to inf; NaN -> 0x7e00 (| sign)
std::uint16_t bf16_round(double x);  // nearest even; overflow to inf; NaN -> 0x7fc0 (| sign)

// --- GEMM ---
// The documented arithmetic, one element at a time: bytes of C after the call.
void gemm_order(const GemmParams& p, const void* a, const void* b, void* c);
// The exact product for batch `bi`, element (i, j) of alpha*op(A)*op(B) + beta*C (from the C
// given, before any call), and sum_p |alpha * a(i,p) * b(p,j)| for the error bound.
struct GemmExact {
    double value;
    double magnitude;
};
GemmExact gemm_exact(const GemmParams& p, const void* a, const void* b, const void* c,
                     std::uint32_t bi, std::uint32_t i, std::uint32_t j);

// --- attention ---
struct AttentionExact {
    std::vector<double> out;     // [heads][q_len][head_dim]
    std::vector<double> v_mag;   // sum_j p_j |v_j[d]|, same layout
    std::vector<double> s_mag;   // per row: max_j |scale| * sum_d |q_d k_jd|  [heads][q_len]
    std::vector<double> s_span;  // per row: max_j (m - s_j), scores' spread
};
AttentionExact attention_exact(const AttentionParams& p, const float* q, const float* k_cache,
                               const float* v_cache);

// --- row-wise and elementwise ---
std::vector<double> softmax_exact(std::uint32_t rows, std::uint32_t cols, const float* in);
std::vector<double> rmsnorm_exact(std::uint32_t rows, std::uint32_t cols, double eps,
                                  const float* x, const float* w);
// Rotary: the rotated values and, per element, the angle of its pair.
struct RotaryExact {
    std::vector<double> out;
    std::vector<double> angle;
};
RotaryExact rotary_exact(std::uint32_t rows, std::uint32_t heads, std::uint32_t head_dim,
                         std::uint32_t pos0, double theta, const float* x);
double elementwise_exact(Elementwise op, float a, float b);
std::vector<std::int32_t> argmax_ref(std::uint32_t rows, std::uint32_t cols, const float* in);

// --- the documented fp32 arithmetic of the other kernels, step by step (bit-exact) ---
std::vector<float> attention_order(const AttentionParams& p, const float* q, const float* k_cache,
                                   const float* v_cache);
std::vector<float> softmax_order(std::uint32_t rows, std::uint32_t cols, const float* in);
std::vector<float> rmsnorm_order(std::uint32_t rows, std::uint32_t cols, float eps, const float* x,
                                 const float* w);
std::vector<float> rotary_order(std::uint32_t rows, std::uint32_t heads, std::uint32_t head_dim,
                                std::uint32_t pos0, float theta, const float* x);
float elementwise_order(Elementwise op, float a, float b);
// Quantise one element (fp32 -> int8, scale, nearest even, [-127, 127], NaN -> 0) and
// dequantise one (int8 or int32 value -> fp32).
std::int8_t quantize_order(float x, float scale);
float dequantize_order(std::int32_t v, float scale);

}  // namespace nodevp::gpu::ref
