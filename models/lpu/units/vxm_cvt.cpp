// CVT and REQ. Float→float CVT (same type included) keeps a NaN's sign and top payload bits
// and sets its quiet bit; integer same-type CVT is a copy. Every source is first widened exactly
// (integers to int32, floats to binary32), then converted once to the destination, so each result
// is rounded exactly once.
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "models/lpu/units/units.hpp"
#include "models/lpu/units/vxm_int.hpp"
#include "models/lpu/units/vxm_lanes.hpp"
#include "models/lpu/units/vxm_ops.hpp"

namespace nodevp::lpu::vxm {

namespace {

std::int32_t int_min(unsigned bytes) {
    return static_cast<std::int32_t>(~0u << (8 * bytes - 1));
}
std::int32_t int_max(unsigned bytes) {
    return static_cast<std::int32_t>((1u << (8 * bytes - 1)) - 1u);
}

// Truncates toward zero and saturates to [lo, hi]; NaN gives 0. lo is −2^k, exact in binary32.
std::int32_t float_to_int(float f, std::int32_t lo, std::int32_t hi) {
    if (std::isnan(f)) return 0;
    const float bound = static_cast<float>(lo);
    if (f <= bound) return lo;
    if (f >= -bound) return hi;
    return static_cast<std::int32_t>(f);
}

// int32 → bfloat16, rounded once to nearest-even (via binary32 it would round twice).
std::uint16_t int_to_bf16(std::int32_t v) {
    const bool neg = v < 0;
    const std::uint32_t m =
        neg ? 0u - static_cast<std::uint32_t>(v) : static_cast<std::uint32_t>(v);
    if (m < (1u << 24)) return f32_to_bf16(static_cast<float>(v));  // binary32 is exact here
    int e = 31 - __builtin_clz(m);
    const unsigned shift = static_cast<unsigned>(e - 7);
    std::uint32_t keep = m >> shift;
    const std::uint32_t rem = m & ((1u << shift) - 1);
    const std::uint32_t half = 1u << (shift - 1);
    if (rem > half || (rem == half && (keep & 1))) ++keep;
    if (keep == 256) {
        keep = 128;
        ++e;
    }
    return static_cast<std::uint16_t>((neg ? 0x8000u : 0u) | std::uint32_t(e + 127) << 7 |
                                      (keep & 0x7f));
}

void int_to_float(ElemType dst, const std::int32_t* in, OutPlanes d, Scratch& s) {
    if (dst == ElemType::bf16) {
        for (unsigned i = 0; i < s.n; ++i) s.id[i] = int_to_bf16(in[i]);
        return store_int(2, s.id.data(), s.n, d);
    }
    // binary16 overflows long before binary32 rounds (|v| > 65519 is infinite either way).
    for (unsigned i = 0; i < s.n; ++i) s.fd[i] = static_cast<float>(in[i]);
    store_float(dst, s.fd.data(), s.n, d, s.raw.data());
}

// Sets the quiet bit of every NaN, keeping its sign and payload.
void quiet_nans(float* v, unsigned n) {
    for (unsigned i = 0; i < n; ++i) {
        if (!std::isnan(v[i])) continue;
        std::uint32_t u;
        std::memcpy(&u, &v[i], sizeof u);
        u |= 0x400000u;
        std::memcpy(&v[i], &u, sizeof u);
    }
}

void saturate_store(unsigned bytes, std::int32_t* v, OutPlanes d, Scratch& s) {
    const std::int32_t lo = int_min(bytes), hi = int_max(bytes);
    for (unsigned i = 0; i < s.n; ++i) v[i] = v[i] < lo ? lo : v[i] > hi ? hi : v[i];
    store_int(bytes, v, s.n, d);
}

}  // namespace

void convert(ElemType dst, ElemType src, Planes a, OutPlanes d, Scratch& s) {
    if (dst == src && !is_float(src)) {  // a copy
        load_int(elem_bytes(src), a, s.n, s.ia.data());
        return store_int(elem_bytes(dst), s.ia.data(), s.n, d);
    }
    const unsigned db = elem_bytes(dst);
    if (!is_float(src)) {
        load_int(elem_bytes(src), a, s.n, s.ia.data());
        if (is_float(dst)) return int_to_float(dst, s.ia.data(), d, s);
        return saturate_store(db, s.ia.data(), d, s);
    }
    load_float(src, a, s.n, s.fa.data(), s.raw.data());
    if (is_float(dst)) {
        quiet_nans(s.fa.data(), s.n);  // f16/bf16 sources are quiet already; f32 may not be
        return store_float(dst, s.fa.data(), s.n, d, s.raw.data());
    }
    for (unsigned i = 0; i < s.n; ++i) s.id[i] = float_to_int(s.fa[i], int_min(db), int_max(db));
    store_int(db, s.id.data(), s.n, d);
}

void requantize(ElemType dst, std::int64_t scale, unsigned shift, Planes a, OutPlanes d,
                Scratch& s) {
    if (dst != ElemType::i8 && dst != ElemType::i16)
        throw std::logic_error("VXM: REQ to a type other than i8/i16");
    // The immediate is a signed 30-bit field: |x·scale| < 2^60, and adding 2^62 cannot overflow.
    const std::int64_t k = static_cast<std::int64_t>(static_cast<std::uint64_t>(scale) << 34) >> 34;
    const unsigned sh = shift & 63;
    const std::int64_t round = sh ? std::int64_t{1} << (sh - 1) : 0;
    const unsigned db = elem_bytes(dst);
    const std::int64_t lo = int_min(db), hi = int_max(db);
    load_int(4, a, s.n, s.ia.data());
    for (unsigned i = 0; i < s.n; ++i) {
        const std::int64_t y = (s.ia[i] * k + round) >> sh;
        s.id[i] = static_cast<std::int32_t>(y < lo ? lo : y > hi ? hi : y);
    }
    store_int(db, s.id.data(), s.n, d);
}

}  // namespace nodevp::lpu::vxm
