// Slice positions of a geometry (docs/lpu/architecture.md, "Slices, positions and queues"):
//   MXM west planes (outermost first) | SXM_W | MEM_W(k-1) … MEM_W0 | VXM | MEM_E0 … | SXM_E | MXM
//   east
// Plane 2k is the k-th west plane counting outwards from SXM_W, plane 2k+1 the k-th east plane.
#pragma once

#include <cstdint>
#include <string>

#include "models/lpu/image/image.hpp"

namespace nodevp::lpu::sched {

class Layout {
  public:
    explicit Layout(const Geometry& g);

    unsigned positions() const { return positions_; }
    unsigned vxm() const { return vxm_; }
    unsigned mem(std::uint32_t slice) const;  // image slice numbering (w0… then e0…)
    unsigned plane(unsigned p) const;
    unsigned half() const { return half_; }  // MEM slices per hemisphere
    bool slice_is_west(std::uint32_t slice) const { return slice < half_; }

    static std::string mem_queue(const Geometry& g, std::uint32_t slice);
    static std::string vxm_queue(unsigned alu) { return "vxm." + std::to_string(alu); }
    static std::string mxm_queue(unsigned plane) { return "mxm." + std::to_string(plane); }

  private:
    unsigned west_planes_ = 0;
    unsigned half_ = 0;
    unsigned vxm_ = 0;
    unsigned positions_ = 0;
};

}  // namespace nodevp::lpu::sched
