// Float lanes of the VXM: every float type is computed in binary32 (f16/bf16 widened exactly,
// rounded back to nearest-even by store_float).
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include "models/lpu/units/vxm_float.hpp"

namespace nodevp::lpu::vxm {

namespace {

template <typename F>
void map2(const float* a, const float* b, float* d, unsigned n, F f) {
    for (unsigned i = 0; i < n; ++i) d[i] = f(a[i], b[i]);
}

template <typename F>
void map1(const float* a, float* d, unsigned n, F f) {
    for (unsigned i = 0; i < n; ++i) d[i] = f(a[i]);
}

float quiet(float x) {
    std::uint32_t u;
    std::memcpy(&u, &x, sizeof u);
    u |= 0x400000u;
    std::memcpy(&x, &u, sizeof x);
    return x;
}

[[noreturn]] void unsupported(Opcode op) {
    throw std::logic_error("VXM: float op " + std::to_string(static_cast<unsigned>(op)));
}

}  // namespace

float min_number(float x, float y) {
    if (std::isnan(x)) return std::isnan(y) ? quiet(x) : y;
    if (std::isnan(y)) return x;
    if (x == y) return std::signbit(x) ? x : y;  // −0 < +0
    return x < y ? x : y;
}

float max_number(float x, float y) {
    if (std::isnan(x)) return std::isnan(y) ? quiet(x) : y;
    if (std::isnan(y)) return x;
    if (x == y) return std::signbit(x) ? y : x;
    return x > y ? x : y;
}

void float_binary(Opcode op, const float* a, const float* b, float* d, unsigned n) {
    switch (op) {
        case Opcode::add:
            return map2(a, b, d, n, [](float x, float y) { return x + y; });
        case Opcode::sub:
            return map2(a, b, d, n, [](float x, float y) { return x - y; });
        case Opcode::mul:
            return map2(a, b, d, n, [](float x, float y) { return x * y; });
        case Opcode::min:
            return map2(a, b, d, n, min_number);
        case Opcode::max:
            return map2(a, b, d, n, max_number);
        default:
            unsupported(op);
    }
}

void float_unary(Opcode op, const float* a, float* d, unsigned n) {
    switch (op) {
        case Opcode::relu:
            return map1(a, d, n, [](float x) { return max_number(x, 0.0f); });
        case Opcode::tanh:
            return map1(a, d, n, [](float x) { return std::tanh(x); });
        case Opcode::exp:
            return map1(a, d, n, [](float x) { return std::exp(x); });
        case Opcode::rsqrt:
            return map1(a, d, n, [](float x) { return 1.0f / std::sqrt(x); });
        default:
            unsupported(op);
    }
}

}  // namespace nodevp::lpu::vxm
