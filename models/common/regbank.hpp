// The register-bank abstraction every device model uses.
//
// A device declares its registers (offset, width, reset value, fields with access semantics) and
// optional read/write hooks; the bank decodes TLM accesses against them. Declarations are checked
// (alignment to width, no overlap, fields fit and do not overlap): a violation is a model bug and
// throws std::logic_error at construction. Guest mistakes are TLM responses, never exceptions:
//   - no register at the offset        -> TLM_ADDRESS_ERROR_RESPONSE
//   - size not allowed / misaligned    -> TLM_GENERIC_ERROR_RESPONSE
//   - byte enables, streaming width    -> TLM_BYTE_ENABLE_ERROR_RESPONSE / TLM_BURST_ERROR_RESPONSE
// each with a warning naming the bank and the offset. An access may be narrower than its register
// (down to the register's min_access, aligned to its own size); access semantics then apply only
// to the bytes written. Debug accesses read and write without side effects (no hooks, no
// clear-on-read).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <tlm>

#include "models/common/log.hpp"

namespace nodevp {

enum class Access {
    rw,   // read/write
    ro,   // read-only: writes ignored
    wo,   // write-only: reads as zero
    w1c,  // write 1 to clear
    w1s,  // write 1 to set
    rc,   // read-only, cleared by a (non-debug) read
};

struct Field {
    std::string name;
    unsigned lsb;
    unsigned width;
    Access access = Access::rw;
};

class Register {
  public:
    using ReadHook = std::function<std::uint64_t(const Register&)>;
    // Called after a write was applied: `old` is the value before, value() the value after.
    using WriteHook = std::function<void(Register&, std::uint64_t old)>;

    const std::string& name() const { return name_; }
    std::uint64_t offset() const { return offset_; }
    unsigned width() const { return width_; }
    std::uint64_t value() const { return value_; }
    std::uint64_t reset_value() const { return reset_; }

    // Model-side update: no access semantics, no hooks.
    void set(std::uint64_t v) { value_ = v & full_mask(); }
    std::uint64_t field(const std::string& name) const;

    Register& on_read(ReadHook hook) {
        read_hook_ = std::move(hook);
        return *this;
    }
    Register& on_write(WriteHook hook) {
        write_hook_ = std::move(hook);
        return *this;
    }
    // Smallest access allowed, in bytes (default: the register's width).
    Register& min_access(unsigned bytes);

  private:
    friend class RegisterBank;
    std::uint64_t full_mask() const { return width_ == 8 ? ~0ULL : (1ULL << (8 * width_)) - 1; }

    std::string name_;
    std::uint64_t offset_ = 0;
    unsigned width_ = 4;
    unsigned min_access_ = 4;
    std::uint64_t reset_ = 0;
    std::uint64_t value_ = 0;
    std::vector<Field> fields_;
    // Bit classes derived from the fields.
    std::uint64_t readable_ = 0, rw_ = 0, w1c_ = 0, w1s_ = 0, rc_ = 0, wo_ = 0;
    ReadHook read_hook_;
    WriteHook write_hook_;
};

class RegisterBank {
  public:
    // `owner` names the bank in messages (the device's hierarchical name).
    explicit RegisterBank(std::string owner);
    RegisterBank(const RegisterBank&) = delete;
    RegisterBank& operator=(const RegisterBank&) = delete;

    // Declares a register. No fields: one read/write field over the whole width.
    Register& add(std::string name, std::uint64_t offset, unsigned width, std::uint64_t reset = 0,
                  std::vector<Field> fields = {});

    Register* find(std::uint64_t offset);
    Register& at(const std::string& name);

    // Decodes one TLM access (offsets relative to the bank). Adds nothing to `delay`.
    void transport(tlm::tlm_generic_payload& gp);
    // Debug access: no side effects; returns the number of bytes transferred.
    unsigned transport_dbg(tlm::tlm_generic_payload& gp);

    // All registers to their reset values (hooks are not called).
    void reset();

  private:
    Register* decode(std::uint64_t offset, unsigned size, tlm::tlm_response_status& status);

    std::string owner_;
    log::Logger log_;
    std::vector<Register> regs_;  // sorted by offset
};

}  // namespace nodevp
