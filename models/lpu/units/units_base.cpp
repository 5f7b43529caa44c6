// Default implementations of the unit interfaces (chip.hpp): the split-phase calls map onto the
// immediate-effect operations of a C++ unit, which a split-phase-only unit need not provide.
#include <stdexcept>
#include <string>

#include "models/lpu/chip/chip.hpp"

namespace nodevp::lpu {

namespace {

[[noreturn]] void no_immediate(const char* unit, const char* what) {
    throw std::logic_error(std::string("lpu: ") + unit + " unit has no immediate-effect " + what +
                           " (split-phase only)");
}

}  // namespace

void MxmUnit::issue(std::uint64_t, const Insn&, const std::uint8_t* const*, unsigned) {}

// Landing effects of one cycle arrive in issue order (ABC, then LW or ACC, then IW).
void MxmUnit::land(std::uint64_t, const Insn& insn, const std::uint8_t* const* in, unsigned n,
                   std::uint8_t* const* out) {
    switch (insn.op) {
        case Opcode::lw:
            return load_weights(in, n);
        case Opcode::iw:
            return install();
        case Opcode::abc:
            return accumulate(in, static_cast<unsigned>(insn.imm), (insn.t2 & 1u) != 0);
        case Opcode::acc:
            return drain(static_cast<unsigned>(insn.imm), out);
        default:
            throw std::logic_error("lpu: MXM unit given a non-MXM instruction");
    }
}

std::string MxmUnit::rejects(const Insn&) const {
    return {};
}

void MxmUnit::load_weights(const std::uint8_t* const*, unsigned) {
    no_immediate("MXM", "LW");
}
void MxmUnit::install() {
    no_immediate("MXM", "IW");
}
void MxmUnit::accumulate(const std::uint8_t* const*, unsigned, bool) {
    no_immediate("MXM", "ABC");
}
void MxmUnit::drain(unsigned, std::uint8_t* const*) {
    no_immediate("MXM", "ACC");
}

void VxmUnit::issue(std::uint64_t, unsigned, const Insn& insn, const std::uint8_t* const* a,
                    const std::uint8_t* const* b, std::uint8_t* const* dst) {
    execute(insn, a, b, dst);
}

void VxmUnit::land(std::uint64_t, unsigned, const Insn&, std::uint8_t* const*) {}

std::string VxmUnit::rejects(const Insn&) const {
    return {};
}

void VxmUnit::execute(const Insn&, const std::uint8_t* const*, const std::uint8_t* const*,
                      std::uint8_t* const*) {
    no_immediate("VXM", "execute");
}

}  // namespace nodevp::lpu
