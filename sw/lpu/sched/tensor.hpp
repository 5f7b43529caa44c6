// Placing tensors into and reading them out of LPU SRAM by program symbol, in the layout of
// sched.hpp (element e on lane e % VL of vector e / VL; k-byte elements as k byte planes).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/lpu/image/image.hpp"

namespace nodevp::lpu::sched {

// SRAM byte offset of a symbol's first vector (slice-major, as Chip::write_sram expects).
std::uint64_t sram_offset(const Geometry& g, const Symbol& s);
// Byte plane j of elements (each `bytes` wide, low bits of a uint32_t).
std::vector<std::uint8_t> byte_plane(const std::vector<std::uint32_t>& elems, unsigned j);
// Reassembles elements from their byte planes.
std::vector<std::uint32_t> join_planes(const std::vector<std::vector<std::uint8_t>>& planes);
// The symbol of byte plane j of tensor `name` (`name` itself when the tensor has one plane).
const Symbol& plane_symbol(const Program& p, const std::string& name, unsigned j, unsigned bytes);

}  // namespace nodevp::lpu::sched
