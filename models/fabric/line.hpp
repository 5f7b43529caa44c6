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

// Stable states of a line in a caching agent (CHI names in brackets).
enum class LineState : std::uint8_t { I, S /*SC*/, E /*UC*/, M /*UD*/ };

const char* to_string(LineState s);

}  // namespace nodevp::fabric
