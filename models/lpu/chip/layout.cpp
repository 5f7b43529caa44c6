#include "models/lpu/chip/layout.hpp"

namespace nodevp::lpu::chip {

Layout Layout::build(const Geometry& g) {
    Layout l;
    const unsigned west_planes = (g.mxm_planes + 1) / 2;
    const unsigned east_planes = g.mxm_planes / 2;
    const unsigned half = g.mem_slices / 2;
    const unsigned sxm_w = west_planes;
    l.vxm_position = sxm_w + half + 1;
    const unsigned sxm_e = l.vxm_position + half + 1;
    l.positions = sxm_e + 1 + east_planes;

    for (unsigned i = 0; i < half; ++i)
        l.queues.push_back({"mem.w" + std::to_string(i), Unit::mem, i, l.vxm_position - 1 - i});
    for (unsigned i = 0; i < half; ++i)
        l.queues.push_back(
            {"mem.e" + std::to_string(i), Unit::mem, half + i, l.vxm_position + 1 + i});
    for (unsigned i = 0; i < g.vxm_alus; ++i)
        l.queues.push_back({"vxm." + std::to_string(i), Unit::vxm, i, l.vxm_position});
    for (unsigned p = 0; p < g.mxm_planes; ++p) {
        const unsigned k = p / 2;
        const unsigned pos = (p % 2 == 0) ? sxm_w - 1 - k : sxm_e + 1 + k;
        l.queues.push_back({"mxm." + std::to_string(p), Unit::mxm, p, pos});
    }
    l.queues.push_back({"sxm.w", Unit::sxm, 0, sxm_w});
    l.queues.push_back({"sxm.e", Unit::sxm, 1, sxm_e});
    l.queues.push_back({"c2c", Unit::c2c, 0, l.vxm_position});
    return l;
}

int Layout::find(const std::string& name) const {
    for (std::size_t i = 0; i < queues.size(); ++i)
        if (queues[i].name == name) return static_cast<int>(i);
    return -1;
}

}  // namespace nodevp::lpu::chip
