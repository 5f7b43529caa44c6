// MXM plane plumbing. Streams are read at issue + read and handed to the unit (MxmUnit::issue);
// the plane's state changes (LW, IW, ABC, ACC's drain) take effect at issue + latency
// (MxmUnit::land), in issue order within a cycle; ACC writes its four result streams in that
// same cycle. So an ACC sees an ABC whose effect cycle is not later
// than its own (ACC issued at least latency(ABC) − latency(ACC) = 2 cycles after the ABC).
#include <string>

#include "models/lpu/chip/chip_impl.hpp"

namespace nodevp::lpu {

void Chip::Impl::exec_mxm(const Ctx& c, const Insn& insn) {
    const unsigned plane = queues[c.queue].slot.unit;
    const bool f16 = mxm_type[plane] == kMxmTypeF16;
    Event e;
    e.ctx = c;
    e.insn = insn;
    const std::uint64_t at = c.issued + info(insn.op)->latency;
    MxmUnit& unit = *mxm[plane];
    if (const std::string why = unit.rejects(insn); !why.empty())
        return fail(ErrorCode::bad_operand, c, why);
    switch (insn.op) {
        case Opcode::lw: {
            const std::int64_t g = insn.imm;
            if (g < 1 || g > kStreamsPerDirection || (f16 && g % 2 != 0))
                return fail(ErrorCode::bad_operand, c,
                            "LW group size " + std::to_string(g) + " out of range");
            const auto n = static_cast<unsigned>(g);
            if (!check_group(c, insn.a, n, false, "weights") ||
                (f16 && !check_group(c, insn.a, 2, true, "f16 weights")) ||
                !read_group(c, insn.a, n, e.slots.data()))
                return;
            e.kind = Event::Kind::mxm_load;
            e.count = static_cast<std::uint8_t>(n);
            return hand_over(unit, at, std::move(e));
        }
        case Opcode::iw:
            e.kind = Event::Kind::mxm_install;
            return hand_over(unit, at, std::move(e));
        case Opcode::abc: {
            if (insn.imm < 0 || insn.imm >= kAccumulators)
                return fail(ErrorCode::bad_operand, c,
                            "accumulator " + std::to_string(insn.imm) + " does not exist");
            const unsigned n = f16 ? 2 : 1;
            if (!check_group(c, insn.a, n, true, "activations") ||
                !read_group(c, insn.a, n, e.slots.data()))
                return;
            e.kind = Event::Kind::mxm_accumulate;
            e.count = static_cast<std::uint8_t>(n);
            stats.mxm_macs += std::uint64_t{vl} * vl;
            return hand_over(unit, at, std::move(e));
        }
        case Opcode::acc:
            if (insn.imm < 0 || insn.imm >= kAccumulators)
                return fail(ErrorCode::bad_operand, c,
                            "accumulator " + std::to_string(insn.imm) + " does not exist");
            if (!check_group(c, insn.d, 4, true, "result")) return;
            e.kind = Event::Kind::mxm_drain;
            return hand_over(unit, at, std::move(e));
        default:
            return;
    }
}

// Issue phase: the unit receives the instruction and its operands now; the event lands it.
void Chip::Impl::hand_over(MxmUnit& unit, std::uint64_t at, Event&& e) {
    const std::uint8_t* in[32];
    for (unsigned k = 0; k < e.count; ++k) in[k] = data(e.slots[k]);
    unit.issue(e.ctx.issued, e.insn, in, e.count);
    schedule(at, std::move(e));
}

void Chip::Impl::apply_mxm(const Event& e) {
    MxmUnit& unit = *mxm[queues[e.ctx.queue].slot.unit];
    const std::uint8_t* in[32];
    for (unsigned k = 0; k < e.count; ++k) in[k] = data(e.slots[k]);
    if (e.kind != Event::Kind::mxm_drain) return unit.land(now, e.insn, in, e.count, nullptr);
    std::uint32_t out[4];
    std::uint8_t* p[4];
    for (unsigned k = 0; k < 4; ++k) p[k] = data(out[k] = alloc());
    unit.land(now, e.insn, in, e.count, p);
    write_now(e.ctx, e.insn.d, 4, out);
}

}  // namespace nodevp::lpu
