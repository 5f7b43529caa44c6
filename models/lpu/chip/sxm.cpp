// SXM: lane shifts, rotation, permutation, distribution and the 16×16 transpose, computed by
// the chip at issue + read and written at issue + latency.
#include <cstring>
#include <string>

#include "models/lpu/chip/chip_impl.hpp"

namespace nodevp::lpu {

namespace {

void shift_rotate(Opcode op, const std::uint8_t* a, std::uint8_t* d, unsigned vl, std::uint64_t n) {
    if (op == Opcode::rotate) {
        const unsigned r = static_cast<unsigned>(n % vl);
        std::memcpy(d + r, a, vl - r);  // lane i moves to lane i + r
        std::memcpy(d, a + vl - r, r);
        return;
    }
    std::memset(d, 0, vl);
    if (n >= vl) return;
    const auto k = static_cast<unsigned>(n);
    if (op == Opcode::shiftup)
        std::memcpy(d + k, a, vl - k);
    else
        std::memcpy(d, a + k, vl - k);
}

void transpose(const std::uint8_t* const* a, std::uint8_t* const* d, unsigned vl) {
    for (unsigned base = 0; base < vl; base += 16)
        for (unsigned j = 0; j < 16; ++j)
            for (unsigned i = 0; i < 16; ++i) d[i][base + j] = a[j][base + i];
}

}  // namespace

void Chip::Impl::exec_sxm(const Ctx& c, const Insn& insn) {
    const unsigned lat = info(insn.op)->latency;
    const unsigned n = insn.op == Opcode::transpose ? 16 : 1;
    if (!check_group(c, insn.d, n, true, "destination") ||
        !check_group(c, insn.a, n, true, "source"))
        return;
    if (insn.op == Opcode::distribute && (insn.imm < 0 || insn.imm > 15))
        return fail(ErrorCode::bad_operand, c,
                    "DISTRIBUTE lane " + std::to_string(insn.imm) + " outside 0 … 15");
    std::uint32_t a[16], m = 0, d[16];
    if (!read_group(c, insn.a, n, a)) return;
    if (insn.op == Opcode::permute && !read_group(c, insn.b, 1, &m)) return;
    const std::uint8_t* pa[16];
    std::uint8_t* pd[16];
    for (unsigned k = 0; k < n; ++k) {
        pa[k] = data(a[k]);
        pd[k] = data(d[k] = alloc());
    }
    switch (insn.op) {
        case Opcode::permute: {
            const std::uint8_t* map = data(m);
            for (unsigned i = 0; i < vl; ++i) pd[0][i] = pa[0][map[i] % vl];
            break;
        }
        case Opcode::distribute:
            for (unsigned i = 0; i < vl; ++i)
                pd[0][i] = pa[0][(i & ~15u) + static_cast<unsigned>(insn.imm)];
            break;
        case Opcode::transpose:
            transpose(pa, pd, vl);
            break;
        default:
            shift_rotate(insn.op, pa[0], pd[0], vl, static_cast<std::uint64_t>(insn.imm));
            break;
    }
    write_later(c, insn.d, n, d, c.issued + lat);
}

}  // namespace nodevp::lpu
