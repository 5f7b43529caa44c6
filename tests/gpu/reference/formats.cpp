// Reference fp16/bf16 formats by value: decode with ldexp, encode by rounding x/unit with
// nearbyint (the default rounding mode is to nearest, ties to even).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "tests/gpu/reference/reference.hpp"

namespace nodevp::gpu::ref {
namespace {

struct Format {
    int man_bits;  // stored significand bits
    int exp_bits;
    int bias;
    std::uint16_t qnan;
};
constexpr Format kF16{10, 5, 15, 0x7e00};
constexpr Format kBf16{7, 8, 127, 0x7fc0};

double value(const Format& f, std::uint16_t h) {
    const int exp_max = (1 << f.exp_bits) - 1;
    const int e = (h >> f.man_bits) & exp_max;
    const int man = h & ((1 << f.man_bits) - 1);
    const double sign = (h & 0x8000) ? -1.0 : 1.0;
    if (e == exp_max) return man ? std::nan("") : sign * INFINITY;
    if (e == 0) return sign * std::ldexp(man, 1 - f.bias - f.man_bits);
    return sign * std::ldexp(man + (1 << f.man_bits), e - f.bias - f.man_bits);
}

std::uint16_t round(const Format& f, double x) {
    const std::uint16_t sign = std::signbit(x) ? 0x8000 : 0;
    if (std::isnan(x)) return sign | f.qnan;
    const std::uint16_t inf = static_cast<std::uint16_t>(((1 << f.exp_bits) - 1) << f.man_bits);
    const double a = std::fabs(x);
    const int emin = 1 - f.bias;  // exponent of the smallest normal
    const int emax = f.bias;      // exponent of the largest binade
    if (std::isinf(a) || a >= std::ldexp(1.0, emax + 1)) return sign | inf;
    int ex = 0;
    std::frexp(a, &ex);  // a in [2^(ex-1), 2^ex)
    const int unit_exp = std::max(ex - 1, emin) - f.man_bits;
    const double r = std::nearbyint(std::ldexp(a, -unit_exp));  // units of 2^unit_exp
    const double v = std::ldexp(r, unit_exp);
    if (v >= std::ldexp(1.0, emax + 1)) return sign | inf;
    if (v < std::ldexp(1.0, emin))  // subnormal (or zero): the count of smallest units
        return sign | static_cast<std::uint16_t>(std::ldexp(v, f.bias - 1 + f.man_bits));
    int ve = 0;
    const double fr = std::frexp(v, &ve);  // v = fr * 2^ve, fr in [0.5, 1)
    const auto man = static_cast<std::uint16_t>(std::ldexp(fr * 2.0 - 1.0, f.man_bits));
    return sign | static_cast<std::uint16_t>((ve - 1 + f.bias) << f.man_bits) | man;
}

}  // namespace

double f16_value(std::uint16_t h) {
    return value(kF16, h);
}
double bf16_value(std::uint16_t h) {
    return value(kBf16, h);
}
std::uint16_t f16_round(double x) {
    return round(kF16, x);
}
std::uint16_t bf16_round(double x) {
    return round(kBf16, x);
}

}  // namespace nodevp::gpu::ref
