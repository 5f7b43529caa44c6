// VXM plumbing: operand checks, stream-group reads at issue + read handed to the unit
// (VxmUnit::issue), and the result group taken from the unit (VxmUnit::land) and written at
// issue + latency. The arithmetic itself is the VxmUnit's.
#include <string>

#include "models/lpu/chip/chip_impl.hpp"
#include "models/lpu/units/units.hpp"

namespace nodevp::lpu {

void Chip::Impl::exec_vxm(const Ctx& c, const Insn& insn) {
    const Format fmt = info(insn.op)->format;
    if (insn.t1 >= kElemTypes || (fmt == Format::cvt && insn.t2 >= kElemTypes))
        return fail(ErrorCode::bad_operand, c, "bad element type");
    const auto type = static_cast<ElemType>(insn.t1);
    if (!vxm_supports(insn.op, type) ||
        (fmt == Format::cvt && !vxm_supports(insn.op, static_cast<ElemType>(insn.t2))))
        return fail(
            ErrorCode::bad_operand, c,
            std::string(info(insn.op)->mnemonic) + " does not take type " +
                std::string(elem_name(type)) +
                (fmt == Format::cvt ? "." + std::string(elem_name(static_cast<ElemType>(insn.t2)))
                                    : std::string()));
    if (const std::string why = vxm->rejects(insn); !why.empty())
        return fail(ErrorCode::bad_operand, c, why);
    const unsigned nd = elem_bytes(type);
    unsigned na = nd;
    if (fmt == Format::cvt) na = elem_bytes(static_cast<ElemType>(insn.t2));
    if (fmt == Format::req) na = 4;
    const unsigned nb = fmt == Format::vbin ? nd : 0;
    if (!check_group(c, insn.d, nd, true, "destination") ||
        !check_group(c, insn.a, na, true, "source") ||
        (nb && !check_group(c, insn.b, nb, true, "source")))
        return;
    std::uint32_t a[4], b[4], d[4];
    if (!read_group(c, insn.a, na, a) || (nb && !read_group(c, insn.b, nb, b))) return;
    const std::uint8_t* pa[4] = {};
    const std::uint8_t* pb[4] = {};
    std::uint8_t* pd[4] = {};
    for (unsigned k = 0; k < na; ++k) pa[k] = data(a[k]);
    for (unsigned k = 0; k < nb; ++k) pb[k] = data(b[k]);
    for (unsigned k = 0; k < nd; ++k) pd[k] = data(d[k] = alloc());
    const unsigned alu = queues[c.queue].slot.unit;
    vxm->issue(c.issued, alu, insn, pa, nb ? pb : nullptr, pd);
    Event e;
    e.kind = Event::Kind::vxm_land;
    e.ctx = c;
    e.insn = insn;
    e.count = static_cast<std::uint8_t>(nd);
    for (unsigned k = 0; k < nd; ++k) e.slots[k] = d[k];
    schedule(c.issued + info(insn.op)->latency, std::move(e));
}

// Landing: the unit completes the result, which goes onto the destination streams now.
void Chip::Impl::apply_vxm(const Event& e) {
    std::uint8_t* pd[4] = {};
    for (unsigned k = 0; k < e.count; ++k) pd[k] = data(e.slots[k]);
    vxm->land(now, queues[e.ctx.queue].slot.unit, e.insn, pd);
    write_now(e.ctx, e.insn.d, e.count, e.slots.data());
}

}  // namespace nodevp::lpu
