// Geometry limits and the naming of MEM slices and instruction queues.
#include <string>

#include "models/lpu/image/image.hpp"

namespace nodevp::lpu {

namespace {

void check_range(const char* what, std::uint32_t v, std::uint32_t lo, std::uint32_t hi) {
    if (v < lo || v > hi)
        throw ImageError("geometry: " + std::string(what) + " = " + std::to_string(v) +
                         " is outside " + std::to_string(lo) + " … " + std::to_string(hi));
}

bool is_power_of_two(std::uint32_t v) {
    return v != 0 && (v & (v - 1)) == 0;
}

// Parses the decimal index after `prefix` in `name`; true if it is below `limit`.
bool index_below(const std::string& name, const std::string& prefix, std::uint32_t limit) {
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return false;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 3 || (digits.size() > 1 && digits[0] == '0')) return false;
    std::uint32_t v = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return v < limit;
}

}  // namespace

void Geometry::validate() const {
    check_range("superlanes", superlanes, 1, 64);
    check_range("mem_slices", mem_slices, 2, 256);
    if (mem_slices % 2 != 0)
        throw ImageError("geometry: mem_slices = " + std::to_string(mem_slices) +
                         " is odd (half of the slices are in each hemisphere)");
    check_range("mem_words", mem_words, 2, 65536);
    if (!is_power_of_two(mem_words))
        throw ImageError("geometry: mem_words = " + std::to_string(mem_words) +
                         " is not a power of two");
    check_range("mxm_planes", mxm_planes, 0, 8);
    check_range("vxm_alus", vxm_alus, 1, 16);
}

std::string Geometry::to_string() const {
    return "superlanes=" + std::to_string(superlanes) +
           " mem_slices=" + std::to_string(mem_slices) + " mem_words=" + std::to_string(mem_words) +
           " mxm_planes=" + std::to_string(mxm_planes) + " vxm_alus=" + std::to_string(vxm_alus);
}

std::string mem_slice_name(const Geometry& g, std::uint32_t slice) {
    const std::uint32_t half = g.mem_slices / 2;
    return slice < half ? "w" + std::to_string(slice) : "e" + std::to_string(slice - half);
}

bool valid_queue_name(const Geometry& g, const std::string& name) {
    const std::uint32_t half = g.mem_slices / 2;
    return index_below(name, "mem.w", half) || index_below(name, "mem.e", half) ||
           index_below(name, "vxm.", g.vxm_alus) || index_below(name, "mxm.", g.mxm_planes) ||
           name == "sxm.w" || name == "sxm.e" || name == "c2c";
}

}  // namespace nodevp::lpu
