#include "sw/lpu/sched/layout.hpp"

#include <stdexcept>

namespace nodevp::lpu::sched {

Layout::Layout(const Geometry& g)
    : west_planes_((g.mxm_planes + 1) / 2),
      half_(g.mem_slices / 2),
      vxm_(west_planes_ + 1 + half_),
      positions_(vxm_ + 1 + half_ + 1 + g.mxm_planes / 2) {}

unsigned Layout::mem(std::uint32_t slice) const {
    if (slice >= 2 * half_) throw std::out_of_range("sched: MEM slice out of range");
    return slice < half_ ? vxm_ - 1 - slice : vxm_ + 1 + (slice - half_);
}

unsigned Layout::plane(unsigned p) const {
    const unsigned k = p / 2;
    if (p % 2 == 0) return west_planes_ - 1 - k;
    return vxm_ + half_ + 2 + k;
}

std::string Layout::mem_queue(const Geometry& g, std::uint32_t slice) {
    return "mem." + mem_slice_name(g, slice);
}

}  // namespace nodevp::lpu::sched
