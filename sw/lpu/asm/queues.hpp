// Queue and MEM slice names in assembly text (internal).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/lpu/image/image.hpp"
#include "models/lpu/isa/isa.hpp"

namespace nodevp::lpu::text {

// The unit kind of queue `name`, or nullopt if the chip of geometry `g` has no such queue.
std::optional<Unit> queue_unit(const Geometry& g, const std::string& name);

// A MEM slice written `w<n>`, `e<n>` (mem_slice_name) or as its number; nullopt if none.
std::optional<std::uint32_t> parse_slice(const Geometry& g, std::string_view text);

}  // namespace nodevp::lpu::text
