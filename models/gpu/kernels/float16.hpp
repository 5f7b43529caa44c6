// binary16 (fp16) and bfloat16 <-> binary32 conversions used by the GPU kernel library.
//
// Widening is exact (subnormals, infinities and NaN payloads kept; a NaN stays quiet or
// signalling as it was). Narrowing rounds to nearest, ties to even; values beyond the largest
// finite result become infinities of the same sign; a NaN becomes a quiet NaN that keeps the sign
// and the top bits of its payload. No floating-point environment is read or written.
#pragma once

#include <cstdint>
#include <cstring>

namespace nodevp::gpu::kernels {

inline std::uint32_t f32_bits(float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

inline float f32_from_bits(std::uint32_t u) {
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

inline float bf16_to_f32(std::uint16_t h) {
    return f32_from_bits(std::uint32_t{h} << 16);
}

inline std::uint16_t f32_to_bf16(float f) {
    const std::uint32_t u = f32_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u)  // NaN: quieten, keep sign and top payload bits
        return static_cast<std::uint16_t>((u >> 16) | 0x0040u);
    const std::uint32_t lsb = (u >> 16) & 1u;  // ties go to the even result
    return static_cast<std::uint16_t>((u + 0x7fffu + lsb) >> 16);
}

inline float f16_to_f32(std::uint16_t h) {
    const std::uint32_t sign = std::uint32_t{h & 0x8000u} << 16;
    const std::uint32_t exp = (h >> 10) & 0x1fu;
    std::uint32_t man = h & 0x3ffu;
    if (exp == 0x1f) return f32_from_bits(sign | 0x7f800000u | (man << 13));  // inf, NaN
    if (exp != 0) return f32_from_bits(sign | ((exp + 112u) << 23) | (man << 13));
    if (man == 0) return f32_from_bits(sign);  // +-0
    // Subnormal: man * 2^-24; normalise so the leading one becomes the implicit bit.
    std::uint32_t e = 113;  // biased binary32 exponent of 2^-14
    while ((man & 0x400u) == 0) {
        man <<= 1;
        --e;
    }
    return f32_from_bits(sign | (e << 23) | ((man & 0x3ffu) << 13));
}

inline std::uint16_t f32_to_f16(float f) {
    const std::uint32_t u = f32_bits(f);
    const auto sign = static_cast<std::uint16_t>((u >> 16) & 0x8000u);
    const std::uint32_t exp = (u >> 23) & 0xffu;
    const std::uint32_t man = u & 0x7fffffu;
    if (exp == 0xff)  // inf stays inf; NaN is quietened, top payload bits kept
        return static_cast<std::uint16_t>(sign | 0x7c00u | (man != 0 ? 0x200u | (man >> 13) : 0u));
    // Significand with its implicit bit, as a count of units of 2^(exp-150); the result's unit is
    // 2^-24 for subnormals and 2^(e-25) for normals, so we shift right and round once.
    std::uint32_t q;
    std::uint32_t shift;
    std::uint32_t sig;
    if (exp >= 113) {  // a normal binary16 (or overflow)
        if (exp > 142) return static_cast<std::uint16_t>(sign | 0x7c00u);
        sig = man;
        shift = 13;
        q = ((exp - 112u) << 10) | (sig >> shift);
    } else {                         // subnormal binary16 or zero
        if (exp < 102) return sign;  // below half the smallest subnormal (or binary32 subnormal)
        sig = man | 0x800000u;
        shift = 126u - exp;  // 14..24
        q = sig >> shift;
    }
    const std::uint32_t rem = sig & ((1u << shift) - 1u);
    const std::uint32_t half = 1u << (shift - 1);
    if (rem > half || (rem == half && (q & 1u) != 0)) ++q;  // may carry into exponent / to inf
    return static_cast<std::uint16_t>(sign | q);
}

}  // namespace nodevp::gpu::kernels
