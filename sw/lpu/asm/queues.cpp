#include "sw/lpu/asm/queues.hpp"

namespace nodevp::lpu::text {

std::optional<Unit> queue_unit(const Geometry& g, const std::string& name) {
    if (!valid_queue_name(g, name)) return std::nullopt;
    if (name == "c2c") return Unit::c2c;
    const std::string kind = name.substr(0, 4);
    if (kind == "mem.") return Unit::mem;
    if (kind == "vxm.") return Unit::vxm;
    if (kind == "mxm.") return Unit::mxm;
    return Unit::sxm;
}

std::optional<std::uint32_t> parse_slice(const Geometry& g, std::string_view text) {
    for (std::uint32_t s = 0; s < g.mem_slices; ++s)
        if (text == mem_slice_name(g, s) || text == std::to_string(s)) return s;
    return std::nullopt;
}

}  // namespace nodevp::lpu::text
