// RISC-V hart: the one instruction-set simulator of the node.
//
// Host harts (RV64), the GPU's GSP and every LPU's DMC (RV32) are instances of it; the ISS knows no
// device. It is a TLM-2.0 initiator (DMI where granted, b_transport otherwise, a TLM error
// response becomes an access fault) and an IrqSink whose line numbers are mip bit positions.
// Temporal decoupling with tlm_utils::tlm_quantumkeeper and the global quantum.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>
#include <tlm>

#include "models/common/irq.hpp"

namespace nodevp::cpu {

struct HartConfig {
    unsigned hart_id = 0;
    unsigned xlen = 64;               // 32 or 64
    std::string extensions = "imac";  // letters of misa beyond the base ISA
    bool supervisor = true;           // S mode present
    bool user = true;                 // U mode present
    std::uint64_t reset_pc = 0x1000;
    sc_core::sc_time clock_period = sc_core::sc_time(1, sc_core::SC_NS);
    std::uint64_t timebase_hz = 10'000'000;  // frequency of the `time` CSR
};

// IrqSink line numbers: the mip bit each line drives.
enum IrqLine : unsigned {
    kIrqSsip = 1,
    kIrqMsip = 3,
    kIrqStip = 5,
    kIrqMtip = 7,
    kIrqSeip = 9,
    kIrqMeip = 11,
};

class Hart : public sc_core::sc_module, public IrqSink {
  public:
    tlm_utils::simple_initiator_socket<Hart> isock;

    // Called when the hart cannot continue (a fault while entering a trap handler, i.e. the trap
    // vector itself is not executable). The hart then stops for good.
    using HaltHandler = std::function<void(Hart&, const std::string& reason)>;

    // Builds an RV32 or RV64 hart as `config.xlen` says. Throws std::invalid_argument on an
    // unsupported configuration (xlen, extension letters).
    static std::unique_ptr<Hart> create(const sc_core::sc_module_name& name,
                                        const HartConfig& config);
    ~Hart() override = default;

    void set_halt_handler(HaltHandler handler) { halt_handler_ = std::move(handler); }

    virtual const HartConfig& config() const = 0;
    virtual std::uint64_t pc() const = 0;
    virtual std::uint64_t xreg(unsigned index) const = 0;
    // Instructions retired since reset (guest writes to minstret do not change it).
    virtual std::uint64_t instret() const = 0;
    // The mcycle value: the hart's simulated time in clock periods, plus guest adjustments.
    virtual std::uint64_t cycles() const = 0;
    virtual bool halted() const = 0;
    // Sets the pc before simulation starts (otherwise config().reset_pc).
    virtual void set_pc(std::uint64_t pc) = 0;
    virtual void set_xreg(unsigned index, std::uint64_t value) = 0;

  protected:
    explicit Hart(const sc_core::sc_module_name& name) : sc_module(name), isock("isock") {
        isock.register_invalidate_direct_mem_ptr(this, &Hart::invalidate_direct_mem_ptr);
    }
    // Backward path of isock: DMI grants in [start, end] (inclusive) are revoked.
    virtual void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) = 0;
    HaltHandler halt_handler_;
};

}  // namespace nodevp::cpu
