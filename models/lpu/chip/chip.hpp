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
    std::string queue;        // e.g. "mem.w1"
    std::uint32_t pc = 0;     // instruction index in its queue
    std::uint8_t opcode = 0;
    std::string detail;       // e.g. "s3e at position 4: no value present (next arrives in cycle 17)"
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

// One MXM plane's arithmetic (weights, accumulators). Called by the chip at the cycle an
// instruction takes effect; all timing is the chip's.
class MxmUnit {
public:
    virtual ~MxmUnit() = default;
    virtual void set_type(unsigned mxm_type) = 0;  // kMxmTypeI8 / kMxmTypeF16
    // LW: `g` stream vectors of VL bytes each (rows of int8, or pairs of streams per f16 row).
    virtual void load_weights(const std::uint8_t* const* streams, unsigned g) = 0;
    virtual void install() = 0;  // IW
    // ABC: x is one int8 vector (VL bytes) or an f16 vector (two streams, low then high bytes).
    virtual void accumulate(const std::uint8_t* const* x, unsigned acc, bool set) = 0;
    // ACC: writes the accumulator as 4 byte-plane vectors out[0..3] (VL bytes each); clears it.
    virtual void drain(unsigned acc, std::uint8_t* const* out) = 0;
    virtual void reset() = 0;
};

// The VXM's arithmetic: one instruction on whole stream groups.
class VxmUnit {
public:
    virtual ~VxmUnit() = default;
    // src[k] and dst[k] are the VL-byte vectors of the operand stream groups (as many as the
    // element width needs). Throws nothing; operand checks are the chip's.
    virtual void execute(const Insn& insn, const std::uint8_t* const* a, const std::uint8_t* const* b,
                         std::uint8_t* const* dst) = 0;
};

struct ChipConfig {
    Geometry geometry;
    unsigned queue_depth = 65536;   // instructions per queue buffer
    unsigned c2c_latency = 64;      // cycles from SEND to arrival
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

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nodevp::lpu
