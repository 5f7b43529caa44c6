// SECDED code of a 16-byte SRAM word: an extended Hamming code, 128 data bits + 8 Hamming check
// bits + 1 overall parity bit (check bits 0 … 7 = Hamming, bit 8 = overall parity). Hamming
// positions 1 … 136; check bit j sits at position 2^j, data bits fill the other positions in
// order.
#pragma once

#include <cstdint>

namespace nodevp::lpu::chip {

inline constexpr unsigned kEccWordBytes = 16;
inline constexpr unsigned kEccCheckBits = 9;

std::uint16_t ecc_encode(const std::uint8_t* word);

enum class EccStatus { ok, corrected, uncorrectable };
// Checks `word` against `check`; corrects a single data-bit flip in place.
EccStatus ecc_decode(std::uint8_t* word, std::uint16_t check);

}  // namespace nodevp::lpu::chip
