// The LPU chip: a cycle-exact model of a tensor streaming processor (docs/lpu/architecture.md).
//
// Plain C++ (no SystemC): the device shell (models/lpu/device) wraps it in a SystemC module and
// runs it in slices of cycles. The MXM planes and the VXM are reached through the MxmUnit and
// VxmUnit interfaces, so a Verilated RTL unit can replace the C++ one (issue: RTL co-simulation).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/lpu/image/image.hpp"
#include "models/lpu/isa/isa.hpp"

namespace nodevp::lpu {

enum class ErrorCode : std::uint8_t {
    none = 0,
    stream_empty,
    stream_overwrite,
    stream_conflict,
    bank_conflict,
    address_range,
    undefined_opcode,
    bad_operand,
    ecc_uncorrectable,
    deadlock,
    queue_overflow,
};
std::string_view error_name(ErrorCode code);  // "stream-empty", ...

struct ErrorReport {
    ErrorCode code = ErrorCode::none;
    std::uint64_t cycle = 0;
    std::string queue;     // e.g. "mem.w1"
    std::uint32_t pc = 0;  // instruction index in its queue
    std::uint8_t opcode = 0;
    std::string detail;  // e.g. "s3e at position 4: no value present (next arrives in cycle 17)"
    std::string to_string() const;  // one line with all of the above
};

struct ChipStats {
    std::uint64_t cycles = 0;        // cycles of the last program
    std::uint64_t instructions = 0;  // issued, REPEAT copies included
    std::uint64_t mxm_macs = 0;
    std::uint64_t ecc_corrected = 0;
    std::uint64_t ecc_detected = 0;
    std::uint64_t programs = 0;
};

// Unit interfaces (docs/lpu/architecture.md, "Units"). The chip drives a unit split-phase: it
// hands over each instruction with its operands IN ITS ISSUE CYCLE (`issue`) and takes its effect
// or result IN ITS LANDING CYCLE, issue + latency of the ISA table (`land`). Operand pointers
// passed to `issue` stay valid until the matching `land` returns, and `land` receives them again,
// so a unit may compute at either call as long as the MXM/VXM order rules hold. Within one cycle
// the chip calls all `land`s and `issue`s of that cycle (landings in issue order), then, for a
// clocked unit (an RTL wrapper), whoever runs the chip calls `tick()` once (Chip::tick_units).

// One MXM plane's arithmetic (weights, accumulators); all timing is the chip's.
class MxmUnit {
  public:
    virtual ~MxmUnit() = default;
    virtual void set_type(unsigned mxm_type) = 0;  // kMxmTypeI8 / kMxmTypeF16
    virtual void reset() = 0;

    // Split-phase calls (what the chip uses). LW: in[0..n) the g weight streams; ABC: the
    // activation (1 stream, or 2 for f16); IW/ACC: n = 0. ACC's `land` writes the accumulator
    // as 4 byte-plane vectors out[0..3] (VL bytes each) and clears it; `out` is null otherwise.
    // Defaults: nothing at issue, the immediate-effect operation below at landing.
    virtual void issue(std::uint64_t cycle, const Insn& insn, const std::uint8_t* const* in,
                       unsigned n);
    virtual void land(std::uint64_t cycle, const Insn& insn, const std::uint8_t* const* in,
                      unsigned n, std::uint8_t* const* out);
    // Non-empty: why this unit cannot execute `insn` (an MXM instruction or CONFIG); the chip
    // then stops the program with `bad-operand` and this text. Default: everything is accepted.
    virtual std::string rejects(const Insn& insn) const;
    // A clocked unit needs tick() once per chip cycle, after that cycle's calls.
    virtual bool clocked() const { return false; }
    virtual void tick() {}

    // Immediate-effect operations (the C++ unit; unit tests). Defaults throw std::logic_error.
    // LW: `g` stream vectors of VL bytes each (rows of int8, or pairs of streams per f16 row).
    virtual void load_weights(const std::uint8_t* const* streams, unsigned g);
    virtual void install();  // IW
    // ABC: x is one int8 vector (VL bytes) or an f16 vector (two streams, low then high bytes).
    virtual void accumulate(const std::uint8_t* const* x, unsigned acc, bool set);
    // ACC: writes the accumulator as 4 byte-plane vectors out[0..3] (VL bytes each); clears it.
    virtual void drain(unsigned acc, std::uint8_t* const* out);
};

// The VXM's arithmetic: one instruction on whole stream groups, on ALU `alu` (queue vxm.<alu>).
class VxmUnit {
  public:
    virtual ~VxmUnit() = default;
    // Split-phase calls. a[k], b[k], dst[k] are the VL-byte vectors of the operand and result
    // stream groups (as many as the element width needs; b is null for one-operand formats).
    // `dst` is the chip's buffer: it must hold the result when `land` returns, and the chip
    // writes it to the destination streams in the landing cycle. Operand checks are the chip's.
    // Defaults: `execute` at issue, nothing at landing.
    virtual void issue(std::uint64_t cycle, unsigned alu, const Insn& insn,
                       const std::uint8_t* const* a, const std::uint8_t* const* b,
                       std::uint8_t* const* dst);
    virtual void land(std::uint64_t cycle, unsigned alu, const Insn& insn,
                      std::uint8_t* const* dst);
    // As MxmUnit::rejects, for a VXM instruction the chip has found well-typed.
    virtual std::string rejects(const Insn& insn) const;
    // A new program starts (Chip::load, Chip::reset): forget instructions in flight.
    virtual void reset() {}
    virtual bool clocked() const { return false; }
    virtual void tick() {}

    // Immediate effect (the C++ unit; unit tests). Throws nothing for a well-typed instruction.
    // Default: throws std::logic_error.
    virtual void execute(const Insn& insn, const std::uint8_t* const* a,
                         const std::uint8_t* const* b, std::uint8_t* const* dst);
};

struct ChipConfig {
    Geometry geometry;
    unsigned queue_depth = 65536;  // instructions per queue buffer
    unsigned c2c_latency = 64;     // cycles from SEND to arrival
    unsigned c2c_links = 4;
    // Unit factories; null: the built-in C++ units.
    std::function<std::unique_ptr<MxmUnit>(unsigned plane, const Geometry&)> make_mxm;
    std::function<std::unique_ptr<VxmUnit>(const Geometry&)> make_vxm;
};

class Chip {
  public:
    enum class State { idle, running, done, error };

    explicit Chip(ChipConfig config);
    ~Chip();
    Chip(const Chip&) = delete;
    Chip& operator=(const Chip&) = delete;

    const Geometry& geometry() const;

    // Loads a program: instructions into the queues, data segments into SRAM. Throws ImageError
    // if the program does not fit this chip (geometry, unknown queue, too many instructions,
    // data outside a slice). The chip is then `running` at cycle 0.
    void load(const Program& program);
    // Runs at most `max_cycles` cycles; returns the state after them.
    State run(std::uint64_t max_cycles);
    State state() const;
    std::uint64_t cycle() const;  // cycles elapsed in the current program
    const std::optional<ErrorReport>& error() const;
    const ChipStats& stats() const;
    void reset();  // back to idle; SRAM contents and statistics kept

    // SRAM by vector (DMA) and by byte (host aperture); offsets are slice-major:
    // offset = (slice × mem_words + address) × VL + byte. Writes compute ECC; reads correct
    // single-bit errors (counted) and return false on an uncorrectable one.
    std::uint64_t sram_bytes() const;
    void write_sram(std::uint64_t offset, const std::uint8_t* data, std::uint64_t length);
    bool read_sram(std::uint64_t offset, std::uint8_t* data, std::uint64_t length);
    // Flips one stored bit: bit < 128 is data bit `bit` of the 16-byte word, 128 … 136 a check
    // bit. `word` counts 16-byte words from SRAM offset 0.
    void inject_bit_flip(std::uint64_t word, unsigned bit);

    // C2C: `peer` receives what this chip sends on `link`, c2c_latency cycles later in the
    // peer's cycle count (chips connected by a link run their programs in lockstep).
    void connect(unsigned link, Chip& peer, unsigned peer_link);

    // True if a unit is clocked (RTL): the chip must then be run one cycle at a time, with
    // tick_units() after each cycle: run(1); tick_units(); (and the clock period waited).
    bool clocked() const;
    void tick_units();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nodevp::lpu
