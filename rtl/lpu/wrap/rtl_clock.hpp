// Clock, reset and tracing plumbing shared by the RTL unit wrappers (internal to nodevp_rtl_lpu).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <systemc>

class VerilatedVcdC;

namespace nodevp::rtl {

// One unit's clock and synchronous reset, toggled in delta cycles. tick() must run in an
// SC_THREAD: it clocks in a pending reset first, then one rising edge with the inputs driven
// in this cycle, and leaves the outputs of that edge visible; `after_edge` runs before the
// falling edge (clear the one-cycle strobes there).
class RtlClock {
  public:
    explicit RtlClock(const std::string& name);
    sc_core::sc_signal<bool> clk, rst;
    void request_reset() { reset_pending_ = true; }
    // Outputs still show the state before a requested reset: do not check strobes then.
    bool reset_pending() const { return reset_pending_; }
    void tick(const std::function<void()>& after_edge);

  private:
    void edge();
    bool reset_pending_ = true;  // the RTL starts from reset
};

// Registers a Verilated model's trace() for request_vcd (vcd.cpp).
void register_traced(std::function<void(VerilatedVcdC*)> trace);

// Which unit kind the test-only fault corrupts (factory.cpp).
bool fault_on_mxm();
bool fault_on_vxm();

[[noreturn]] void model_bug(const std::string& unit, std::uint64_t cycle, std::uint8_t opcode,
                            const std::string& what);

}  // namespace nodevp::rtl
