// Packing stream vectors into Verilated wide ports (sc_bv, little-endian 32-bit words): byte i
// of a packed array sits at bits 8i+7 … 8i.
#pragma once

#include <cstdint>

#include <systemc>

namespace nodevp::rtl {

// Bytes p[0..n) into v at byte offset `at` (both multiples of 4).
template <int W>
void put_bytes(sc_dt::sc_bv<W>& v, unsigned at, const std::uint8_t* p, unsigned n) {
    for (unsigned i = 0; i < n; i += 4)
        v.set_word(static_cast<int>((at + i) / 4),
                   static_cast<sc_dt::sc_digit>(p[i] | p[i + 1] << 8 | p[i + 2] << 16 |
                                                static_cast<std::uint32_t>(p[i + 3]) << 24));
}

template <int W>
std::uint32_t get_word(const sc_dt::sc_bv<W>& v, unsigned index) {
    return static_cast<std::uint32_t>(v.get_word(static_cast<int>(index)));
}

// Bytes [at, at + n) of v into p (multiples of 4).
template <int W>
void get_bytes(const sc_dt::sc_bv<W>& v, unsigned at, std::uint8_t* p, unsigned n) {
    for (unsigned i = 0; i < n; i += 4) {
        const std::uint32_t w = get_word(v, (at + i) / 4);
        for (unsigned k = 0; k < 4; ++k) p[i + k] = static_cast<std::uint8_t>(w >> (8 * k));
    }
}

}  // namespace nodevp::rtl
