// Cache-line geometry shared by every part of the coherence protocol: 64-byte lines of eight
// 64-bit words. Agents access one aligned 64-bit word at a time; sub-word accesses are not
// modelled in the protocol core.
#pragma once

#include <array>
#include <cstdint>

namespace nodevp::fabric {

constexpr std::uint64_t kLineBytes = 64;
constexpr unsigned kWordsPerLine = kLineBytes / sizeof(std::uint64_t);

using Line = std::array<std::uint64_t, kWordsPerLine>;

inline std::uint64_t line_of(std::uint64_t addr) {
    return addr & ~(kLineBytes - 1);
}
inline unsigned word_of(std::uint64_t addr) {
    return static_cast<unsigned>((addr % kLineBytes) / sizeof(std::uint64_t));
}

// Byte enables: bit b stands for byte b of a line (little-endian words, so byte b is bits
// 8*(b%8) .. 8*(b%8)+7 of word b/8).
constexpr std::uint64_t kAllBytes = ~std::uint64_t{0};
// The bit mask over word `w` that the byte enables select.
inline std::uint64_t word_mask(std::uint64_t byte_enable, unsigned w) {
    std::uint64_t mask = 0;
    const unsigned bits = unsigned(byte_enable >> (8 * w)) & 0xffu;
    for (unsigned b = 0; b < 8; ++b)
        if (bits >> b & 1) mask |= std::uint64_t{0xff} << (8 * b);
    return mask;
}
// The byte enables of the bytes of word `w` that `mask` covers entirely.
inline std::uint64_t byte_enable_of(std::uint64_t mask, unsigned w) {
    std::uint64_t be = 0;
    for (unsigned b = 0; b < 8; ++b)
        if (((mask >> (8 * b)) & 0xff) == 0xff) be |= std::uint64_t{1} << (8 * w + b);
    return be;
}
// Writes the enabled bytes of `src` into `dst`; returns the words touched as a bit set.
inline unsigned merge(Line& dst, const Line& src, std::uint64_t byte_enable) {
    unsigned touched = 0;
    for (unsigned w = 0; w < kWordsPerLine; ++w) {
        const std::uint64_t m = word_mask(byte_enable, w);
        if (!m) continue;
        dst[w] = (dst[w] & ~m) | (src[w] & m);
        touched |= 1u << w;
    }
    return touched;
}

// Stable states of a line in a caching agent (CHI names in brackets).
enum class LineState : std::uint8_t { I, S /*SC*/, E /*UC*/, M /*UD*/ };

const char* to_string(LineState s);

}  // namespace nodevp::fabric
