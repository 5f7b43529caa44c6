// binary16 / bfloat16 <-> binary32 conversions, written on the bit patterns so the result does
// not depend on the host's floating-point environment.
#include <cstring>

#include "models/lpu/units/units.hpp"

namespace nodevp::lpu {

namespace {

std::uint32_t bits_of(float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

float float_of(std::uint32_t u) {
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

// Rounds `value` >> `shift` to nearest, ties to even (1 <= shift <= 31).
std::uint32_t shift_round_even(std::uint32_t value, unsigned shift) {
    const std::uint32_t keep = value >> shift;
    const std::uint32_t rem = value & ((1u << shift) - 1);
    const std::uint32_t half = 1u << (shift - 1);
    return keep + ((rem > half || (rem == half && (keep & 1))) ? 1 : 0);
}

}  // namespace

float f16_to_f32(std::uint16_t h) {
    const std::uint32_t sign = std::uint32_t{h & 0x8000u} << 16;
    const std::uint32_t exp = (h >> 10) & 0x1f;
    const std::uint32_t man = h & 0x3ff;
    if (exp == 0x1f) return float_of(sign | 0x7f800000u | (man << 13) | (man ? 0x400000u : 0));
    if (exp != 0) return float_of(sign | ((exp + 112) << 23) | (man << 13));
    // Zero or subnormal: man × 2^-24, exact in binary32.
    const float mag = static_cast<float>(man) * 0x1p-24f;
    return sign ? -mag : mag;
}

std::uint16_t f32_to_f16(float f) {
    const std::uint32_t x = bits_of(f);
    const auto sign = static_cast<std::uint16_t>((x >> 16) & 0x8000);
    const std::uint32_t exp = (x >> 23) & 0xff;
    const std::uint32_t man = x & 0x7fffff;
    if (exp == 0xff)
        return static_cast<std::uint16_t>(sign | 0x7c00 | (man ? 0x200 | (man >> 13) : 0));
    const int e = static_cast<int>(exp) - 112;  // binary16 biased exponent
    if (e >= 31) return static_cast<std::uint16_t>(sign | 0x7c00);
    if (e <= 0) {
        if (e < -10) return sign;  // below half the smallest subnormal
        // A carry out of the subnormal range gives 0x400, the smallest normal: still correct.
        return static_cast<std::uint16_t>(sign | shift_round_even(man | 0x800000, 14 - e));
    }
    // A carry out of the mantissa increments the exponent; out of the exponent gives infinity.
    return static_cast<std::uint16_t>(sign | shift_round_even((std::uint32_t(e) << 23) | man, 13));
}

float bf16_to_f32(std::uint16_t h) {
    std::uint32_t x = std::uint32_t{h} << 16;
    if ((x & 0x7f800000u) == 0x7f800000u && (x & 0x7fffff)) x |= 0x400000u;
    return float_of(x);
}

std::uint16_t f32_to_bf16(float f) {
    const std::uint32_t x = bits_of(f);
    if ((x & 0x7f800000u) == 0x7f800000u && (x & 0x7fffff))
        return static_cast<std::uint16_t>((x >> 16) | 0x40);
    const std::uint32_t sign = x & 0x80000000u;
    return static_cast<std::uint16_t>((sign >> 16) | shift_round_even(x & 0x7fffffffu, 16));
}

}  // namespace nodevp::lpu
