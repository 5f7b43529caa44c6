#include "rtl/lpu/wrap/rtl_clock.hpp"

#include <cstdio>
#include <stdexcept>

namespace nodevp::rtl {

RtlClock::RtlClock(const std::string& name)
    : clk((name + "_clk").c_str(), false), rst((name + "_rst").c_str(), false) {}

// Two deltas: the model's eval runs on the edge, its outputs are updated in the next one.
void RtlClock::edge() {
    clk.write(true);
    sc_core::wait(sc_core::SC_ZERO_TIME);
    sc_core::wait(sc_core::SC_ZERO_TIME);
}

void RtlClock::tick(const std::function<void()>& after_edge) {
    if (reset_pending_) {
        rst.write(true);
        edge();
        clk.write(false);
        rst.write(false);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        reset_pending_ = false;
    }
    edge();
    after_edge();
    clk.write(false);
    sc_core::wait(sc_core::SC_ZERO_TIME);
}

void model_bug(const std::string& unit, std::uint64_t cycle, std::uint8_t opcode,
               const std::string& what) {
    char op[8];
    std::snprintf(op, sizeof op, "0x%02x", opcode);
    throw std::logic_error("rtl " + unit + ": cycle " + std::to_string(cycle) + ", opcode " + op +
                           ": " + what);
}

}  // namespace nodevp::rtl
