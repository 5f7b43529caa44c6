#include "sw/lpu/sched/tensor.hpp"

#include <stdexcept>

namespace nodevp::lpu::sched {

std::uint64_t sram_offset(const Geometry& g, const Symbol& s) {
    return (std::uint64_t{s.slice} * g.mem_words + s.address) * g.vector_bytes();
}

std::vector<std::uint8_t> byte_plane(const std::vector<std::uint32_t>& elems, unsigned j) {
    std::vector<std::uint8_t> out(elems.size());
    for (std::size_t i = 0; i < elems.size(); ++i)
        out[i] = static_cast<std::uint8_t>(elems[i] >> (8 * j));
    return out;
}

std::vector<std::uint32_t> join_planes(const std::vector<std::vector<std::uint8_t>>& planes) {
    if (planes.empty()) return {};
    std::vector<std::uint32_t> out(planes[0].size(), 0);
    for (std::size_t j = 0; j < planes.size(); ++j)
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] |= std::uint32_t{planes[j].at(i)} << (8 * j);
    return out;
}

const Symbol& plane_symbol(const Program& p, const std::string& name, unsigned j, unsigned bytes) {
    const std::string full = bytes == 1 ? name : name + "." + std::to_string(j);
    const Symbol* s = p.symbol(full);
    if (!s) throw std::invalid_argument("sched: program has no symbol '" + full + "'");
    return *s;
}

}  // namespace nodevp::lpu::sched
