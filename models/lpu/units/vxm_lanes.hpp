// Moving VXM operands between stream groups (byte planes: element i of a group of k streams is
// p[0][i] | p[1][i] << 8 | … | p[k−1][i] << 8(k−1)) and contiguous arrays the ALU loops run on.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "models/lpu/isa/isa.hpp"
#include "models/lpu/units/units.hpp"

namespace nodevp::lpu::vxm {

template <typename T>
void load_planes(const std::uint8_t* const* p, unsigned n, T* out) {
    static_assert(std::is_integral_v<T>);
    using U = std::make_unsigned_t<T>;
    for (unsigned i = 0; i < n; ++i) {
        std::uint32_t v = 0;
        for (unsigned k = 0; k < sizeof(T); ++k) v |= std::uint32_t{p[k][i]} << (8 * k);
        out[i] = static_cast<T>(static_cast<U>(v));
    }
}

template <typename T>
void store_planes(const T* in, unsigned n, std::uint8_t* const* p) {
    static_assert(std::is_integral_v<T>);
    for (unsigned i = 0; i < n; ++i) {
        const auto v = static_cast<std::uint32_t>(static_cast<std::make_unsigned_t<T>>(in[i]));
        for (unsigned k = 0; k < sizeof(T); ++k) p[k][i] = static_cast<std::uint8_t>(v >> (8 * k));
    }
}

// Float types as binary32 (f16 and bf16 widen exactly).
void load_float(ElemType t, const std::uint8_t* const* p, unsigned n, float* out,
                std::uint32_t* scratch);
// Rounds to `t` (nearest-even) and stores.
void store_float(ElemType t, const float* in, unsigned n, std::uint8_t* const* p,
                 std::uint32_t* scratch);

}  // namespace nodevp::lpu::vxm
