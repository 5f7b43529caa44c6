// The RTL unit factories: one Verilated build per (unit, vector length) in nodevp_rtl_lpu.
#include <stdexcept>

#include "Vlpu_mxm_n16.h"
#include "Vlpu_mxm_n32.h"
#include "Vlpu_vxm_n16.h"
#include "Vlpu_vxm_n32.h"
#include "rtl/lpu/wrap/mxm_wrap.hpp"
#include "rtl/lpu/wrap/rtl_units.hpp"
#include "rtl/lpu/wrap/vxm_wrap.hpp"

namespace nodevp::rtl {

namespace {

TestFault g_fault = TestFault::none;

void require(const lpu::Geometry& g) {
    if (!rtl_supports(g))
        throw std::invalid_argument("rtl: no RTL units built for vectors of " +
                                    std::to_string(g.vector_bytes()) +
                                    " bytes (built: 16 and 32, i.e. superlanes 1 or 2)");
}

}  // namespace

bool rtl_supports(const lpu::Geometry& g) {
    for (unsigned vl : kRtlVectorBytes)
        if (g.vector_bytes() == vl) return true;
    return false;
}

std::unique_ptr<lpu::MxmUnit> make_rtl_mxm(unsigned plane, const lpu::Geometry& g) {
    require(g);
    if (g.vector_bytes() == 16) return std::make_unique<RtlMxm<Vlpu_mxm_n16, 16>>(plane);
    return std::make_unique<RtlMxm<Vlpu_mxm_n32, 32>>(plane);
}

std::unique_ptr<lpu::VxmUnit> make_rtl_vxm(const lpu::Geometry& g) {
    require(g);
    if (g.vector_bytes() == 16) return std::make_unique<RtlVxm<Vlpu_vxm_n16, 16>>(g.vxm_alus);
    return std::make_unique<RtlVxm<Vlpu_vxm_n32, 32>>(g.vxm_alus);
}

void select_units(lpu::ChipConfig& config, const std::string& mxm_impl,
                  const std::string& vxm_impl) {
    for (const std::string* impl : {&mxm_impl, &vxm_impl})
        if (*impl != "tlm" && *impl != "rtl")
            throw std::invalid_argument("rtl: unit impl '" + *impl + "' is not tlm or rtl");
    if (mxm_impl == "rtl" || vxm_impl == "rtl") require(config.geometry);
    if (mxm_impl == "rtl") config.make_mxm = make_rtl_mxm;
    if (vxm_impl == "rtl") config.make_vxm = make_rtl_vxm;
}

void set_test_fault(TestFault fault) {
    g_fault = fault;
}
bool fault_on_mxm() {
    return g_fault == TestFault::mxm;
}
bool fault_on_vxm() {
    return g_fault == TestFault::vxm;
}

}  // namespace nodevp::rtl
