// CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF),
// the checksum in the trailer of a program image.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nodevp::lpu {

std::uint32_t crc32(const std::uint8_t* data, std::size_t length);

}  // namespace nodevp::lpu
