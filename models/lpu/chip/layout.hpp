// Slice positions and instruction queues of a chip, derived from its Geometry
// (docs/lpu/architecture.md, "Slices, positions and queues").
//
// West to east: MXM planes 2k (outermost = highest k), SXM_W, MEM_W(k-1) … MEM_W0, VXM,
// MEM_E0 … MEM_E(k-1), SXM_E, MXM planes 2k+1 (plane 1 innermost). The VXM queues and the C2C
// queue sit at the VXM's position.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/lpu/image/image.hpp"
#include "models/lpu/isa/isa.hpp"

namespace nodevp::lpu::chip {

struct QueueSlot {
    std::string name;   // "mem.w0", "vxm.2", "mxm.1", "sxm.e", "c2c"
    Unit kind;          // mem, vxm, mxm, sxm or c2c
    unsigned unit;      // MEM slice number (image numbering), ALU, plane; SXM 0 = west
    unsigned position;  // 0 = westmost
};

struct Layout {
    unsigned positions = 0;
    unsigned vxm_position = 0;
    std::vector<QueueSlot> queues;  // MEM slices, VXM ALUs, MXM planes, SXM W/E, C2C

    static Layout build(const Geometry& g);
    // Index of the queue called `name`, or -1.
    int find(const std::string& name) const;
};

}  // namespace nodevp::lpu::chip
