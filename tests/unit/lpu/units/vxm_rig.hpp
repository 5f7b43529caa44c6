// A C++ VXM of the default size (VL 32) and calls that run one instruction on element lists.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "models/lpu/units/units.hpp"
#include "tests/unit/lpu/units/lanes.hpp"

namespace nodevp::lpu::test {

inline std::uint32_t fbits(float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}
inline float bitsf(std::uint32_t u) {
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}
inline std::uint32_t raw(std::int64_t v) {
    return static_cast<std::uint32_t>(v);
}

class VxmRig {
  public:
    static constexpr unsigned kLanes = 32;
    VxmRig() : unit_(make_cpp_vxm(Geometry{})) {}

    // Runs `insn` with a = as, b = bs (elements repeat across lanes); returns the first
    // max(|as|, |bs|) result elements (raw bits of the destination type).
    std::vector<std::uint32_t> run(const Insn& insn, ElemType src, ElemType dst,
                                   const std::vector<std::uint32_t>& as,
                                   const std::vector<std::uint32_t>& bs) {
        Group a = Group::of(elem_bytes(src), kLanes, as);
        Group b = Group::of(elem_bytes(src), kLanes, bs);
        Group d = Group::of(elem_bytes(dst), kLanes, {0xA5A5A5A5u});
        std::vector<const std::uint8_t*> ap(a.ptrs.begin(), a.ptrs.end());
        std::vector<const std::uint8_t*> bp(b.ptrs.begin(), b.ptrs.end());
        unit_->execute(insn, ap.data(), bp.data(), d.ptrs.data());
        std::vector<std::uint32_t> out;
        for (unsigned i = 0; i < std::max(as.size(), bs.size()); ++i) out.push_back(d.element(i));
        return out;
    }

    std::vector<std::uint32_t> bin(Opcode op, ElemType t, const std::vector<std::uint32_t>& as,
                                   const std::vector<std::uint32_t>& bs) {
        return run(insn(op, t), t, t, as, bs);
    }
    std::vector<std::uint32_t> un(Opcode op, ElemType t, const std::vector<std::uint32_t>& as) {
        return run(insn(op, t), t, t, as, {0});
    }
    std::vector<std::uint32_t> cvt(ElemType dst, ElemType src,
                                   const std::vector<std::uint32_t>& as) {
        Insn i = insn(Opcode::cvt, dst);
        i.t2 = static_cast<std::uint8_t>(src);
        return run(i, src, dst, as, {0});
    }
    std::vector<std::uint32_t> req(ElemType dst, std::int64_t scale, unsigned shift,
                                   const std::vector<std::uint32_t>& as) {
        Insn i = insn(Opcode::req, dst);
        i.imm = scale;
        i.shift = static_cast<std::uint8_t>(shift);
        return run(i, ElemType::i32, dst, as, {0});
    }

  private:
    static Insn insn(Opcode op, ElemType t) {
        Insn i;
        i.op = op;
        i.t1 = static_cast<std::uint8_t>(t);
        return i;
    }
    std::unique_ptr<VxmUnit> unit_;
};

}  // namespace nodevp::lpu::test
