// Binary16, bfloat16 and binary32 encodings, from their definitions: a value is rounded in
// double precision (which holds every binary32 value and every int32 exactly) to the target's
// significand width with round-to-nearest, ties to even, then packed.
#include <cmath>
#include <cstring>

#include "tests/lpu/reference/reference.hpp"

namespace nodevp::lpu::ref {

namespace {

struct FloatFormat {
    int precision;  // significant bits, hidden bit included
    int emin;       // exponent of the smallest normal number
    int emax;       // exponent of the largest finite number
    int bias;
    int width;  // total bits
    std::uint32_t nan;
};

constexpr FloatFormat kHalf{11, -14, 15, 15, 16, kNanF16};
constexpr FloatFormat kBfloat{8, -126, 127, 127, 16, kNanBf16};
constexpr FloatFormat kSingle{24, -126, 127, 127, 32, kNanF32};

int floor_log2(double v) {
    int e = 0;
    std::frexp(v, &e);  // v = m * 2^e, 0.5 <= m < 1
    return e - 1;
}

double round_half_even(double n) {
    const double fl = std::floor(n);
    const double diff = n - fl;
    if (diff > 0.5) return fl + 1;
    if (diff < 0.5) return fl;
    return std::fmod(fl, 2.0) == 0.0 ? fl : fl + 1;
}

std::uint32_t encode(const FloatFormat& f, double v) {
    if (std::isnan(v)) return f.nan;
    const std::uint32_t sign = std::signbit(v) ? 1u << (f.width - 1) : 0u;
    const int mant_bits = f.precision - 1;
    const int exp_bits = f.width - 1 - mant_bits;
    const std::uint32_t inf = ((1u << exp_bits) - 1) << mant_bits;
    double a = std::fabs(v);
    if (std::isinf(a)) return sign | inf;
    if (a == 0.0) return sign;
    int e = floor_log2(a);
    if (e < f.emin) e = f.emin;
    const double quantum = std::ldexp(1.0, e - mant_bits);
    a = round_half_even(a / quantum) * quantum;
    if (a >= std::ldexp(1.0, f.emax + 1)) return sign | inf;
    if (a < std::ldexp(1.0, f.emin))  // subnormal (or zero after rounding)
        return sign | static_cast<std::uint32_t>(a / std::ldexp(1.0, f.emin - mant_bits));
    e = floor_log2(a);
    const double mant = a / std::ldexp(1.0, e - mant_bits) - std::ldexp(1.0, mant_bits);
    return sign | (static_cast<std::uint32_t>(e + f.bias) << mant_bits) |
           static_cast<std::uint32_t>(mant);
}

double decode(const FloatFormat& f, std::uint32_t bits) {
    const int mant_bits = f.precision - 1;
    const int exp_bits = f.width - 1 - mant_bits;
    const bool negative = (bits >> (f.width - 1)) & 1u;
    const std::uint32_t exp = (bits >> mant_bits) & ((1u << exp_bits) - 1);
    const std::uint32_t mant = bits & ((1u << mant_bits) - 1);
    double v = 0;
    if (exp == (1u << exp_bits) - 1) {
        v = mant ? std::nan("") : INFINITY;
    } else if (exp == 0) {
        v = std::ldexp(static_cast<double>(mant), f.emin - mant_bits);
    } else {
        v = std::ldexp(static_cast<double>(mant | (1u << mant_bits)),
                       static_cast<int>(exp) - f.bias - mant_bits);
    }
    return negative ? -v : v;
}

const FloatFormat& format_of(ElemType t) {
    if (t == ElemType::f16) return kHalf;
    if (t == ElemType::bf16) return kBfloat;
    return kSingle;
}

}  // namespace

float half_to_float(std::uint16_t h) {
    return static_cast<float>(decode(kHalf, h));
}
std::uint16_t float_to_half(float f) {
    return static_cast<std::uint16_t>(encode(kHalf, f));
}
float bfloat_to_float(std::uint16_t h) {
    return static_cast<float>(decode(kBfloat, h));
}
std::uint16_t float_to_bfloat(float f) {
    return static_cast<std::uint16_t>(encode(kBfloat, f));
}

float to_float(ElemType t, std::uint32_t bits) {
    if (t == ElemType::f32) {
        float v = 0;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    return static_cast<float>(decode(format_of(t), bits));
}

std::uint32_t from_float(ElemType t, float v) {
    if (t == ElemType::f32) {
        if (std::isnan(v)) return kNanF32;
        std::uint32_t bits = 0;
        std::memcpy(&bits, &v, sizeof v);
        return bits;
    }
    return encode(format_of(t), v);
}

// Integers reach float types with one rounding (int32 is exact in double).
std::uint32_t int_to_float_bits(ElemType t, std::int64_t v) {
    return encode(format_of(t), static_cast<double>(v));
}

}  // namespace nodevp::lpu::ref
