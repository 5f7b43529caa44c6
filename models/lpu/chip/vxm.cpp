// VXM plumbing: operand checks, stream-group reads at issue + read, the unit's arithmetic, and
// the result group written at issue + latency. The arithmetic itself is the VxmUnit's.
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
    vxm->execute(insn, pa, nb ? pb : nullptr, pd);
    write_later(c, insn.d, nd, d, c.issued + info(insn.op)->latency);
}

}  // namespace nodevp::lpu
