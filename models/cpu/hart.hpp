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
#include "models/common/trace.hpp"

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

class Hart;

// Debugger support: what stopped a hart, and what a hart does once the debugger resumes.
enum class WatchKind : std::uint8_t { write = 1, read = 2, access = 3 };
struct DebugStop {
    enum class Kind : std::uint8_t { breakpoint, watchpoint, step };
    Kind kind = Kind::step;
    std::uint64_t addr = 0;  // breakpoint: its address; watchpoint: the address accessed
    WatchKind watch = WatchKind::write;  // watchpoint: which kind matched
};
enum class DebugRun : std::uint8_t { run, step, freeze };
enum class RegFile : std::uint8_t { x, pc, f, csr };
using DebugHandler = std::function<void(Hart&, const DebugStop&)>;

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
    // Timeline (models/common/trace.hpp): "running" spans between WFI sleeps (the first starts
    // now) and an instant per trap taken. kNoTrack (the default): nothing is recorded.
    void set_trace_track(trace::TrackId track) {
        trace_track_ = track;
        trace::begin(track, "running", trace::now_ps());
    }

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

    // ---- Debug access (the GDB stub, platform/gdb; debug.cpp) ----
    // A stop is reported in the hart's own thread through the debug handler, which may block:
    // SystemC is single-threaded, so the whole platform then halts until it returns. What the
    // hart does next is what debug_set_run() said last. Breakpoints stop before the instruction
    // at the address executes; watchpoints stop before the access (pc at the accessing
    // instruction, which has not executed). Without breakpoints the run loop pays nothing;
    // while watchpoints exist, loads and stores bypass the cached DMI regions.
    void set_debug_handler(DebugHandler handler) { debug_handler_ = std::move(handler); }
    // run: go on; step: execute one instruction (a trap taken counts as one), then stop;
    // freeze: stay stopped (the thread waits on an event without consuming host time).
    virtual void debug_set_run(DebugRun mode) = 0;
    // Inserts or removes a breakpoint (any address; no memory is changed). False if removing
    // one that does not exist.
    virtual bool debug_breakpoint(std::uint64_t addr, bool insert) = 0;
    virtual bool debug_watchpoint(std::uint64_t addr, std::uint64_t length, WatchKind kind,
                                  bool insert) = 0;
    // Reads or writes a register without side effects on the guest; false if the hart has no
    // such register. x: 0..31; pc: index 0; f: 0..31 (raw 64-bit contents); csr: the CSR number
    // (read and written as M mode would, fflags/frm/fcsr even when mstatus.FS is Off).
    virtual bool debug_read_reg(RegFile file, unsigned index, std::uint64_t& value) = 0;
    virtual bool debug_write_reg(RegFile file, unsigned index, std::uint64_t value) = 0;
    // Memory as this hart sees it, through the debug transport (no timing, no side effects on
    // caches). Returns the number of bytes done (fewer at an unmapped address). A write, even of
    // zero bytes, makes the hart decode its instructions again.
    virtual unsigned debug_memory(bool write, std::uint64_t addr, void* data, unsigned length) = 0;
    // misa letters the hart implements, e.g. "imafdcsu".
    virtual bool has_extension(char letter) const = 0;

  protected:
    explicit Hart(const sc_core::sc_module_name& name) : sc_module(name), isock("isock") {
        isock.register_invalidate_direct_mem_ptr(this, &Hart::invalidate_direct_mem_ptr);
    }
    // Backward path of isock: DMI grants in [start, end] (inclusive) are revoked.
    virtual void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) = 0;
    HaltHandler halt_handler_;
    DebugHandler debug_handler_;
    trace::TrackId trace_track_ = trace::kNoTrack;
};

}  // namespace nodevp::cpu
