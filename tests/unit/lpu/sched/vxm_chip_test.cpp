// Scheduler elementwise, conversion and requantisation programs on the chip model, compared
// bit-exactly with the reference for every VXM op and type the geometry can feed from SRAM.
#include <gtest/gtest.h>

#include "sw/lpu/sched/sched.hpp"
#include "tests/lpu/reference/reference.hpp"
#include "tests/unit/lpu/sched/chip_rig.hpp"

namespace nodevp::lpu::test {
namespace {

constexpr unsigned kVectors = 3;
constexpr ElemType kTypes[] = {ElemType::i8,  ElemType::i16,  ElemType::i32,
                               ElemType::f16, ElemType::bf16, ElemType::f32};
constexpr Opcode kBinary[] = {Opcode::add,  Opcode::sub, Opcode::mul,  Opcode::min, Opcode::max,
                              Opcode::and_, Opcode::or_, Opcode::xor_, Opcode::shl, Opcode::shr};
constexpr Opcode kUnary[] = {Opcode::mov,  Opcode::neg, Opcode::abs,  Opcode::relu,
                             Opcode::tanh, Opcode::exp, Opcode::rsqrt};

bool defined_on(Opcode op, ElemType t) {
    switch (op) {
        case Opcode::and_:
        case Opcode::or_:
        case Opcode::xor_:
        case Opcode::shl:
        case Opcode::shr:
            return !is_float(t);
        case Opcode::tanh:
        case Opcode::exp:
        case Opcode::rsqrt:
            return is_float(t);
        default:
            return true;
    }
}

// Random elements; float types get finite bit patterns (subnormals and both signs included).
std::vector<std::uint32_t> random_elems(std::mt19937& rng, ElemType t, std::size_t n) {
    const unsigned bits = 8 * elem_bytes(t);
    const std::uint32_t mask = bits == 32 ? 0xffffffffu : (1u << bits) - 1;
    const std::uint32_t exp_mask = t == ElemType::f16    ? 0x7c00u
                                   : t == ElemType::bf16 ? 0x7f80u
                                   : t == ElemType::f32  ? 0x7f800000u
                                                         : 0u;
    std::vector<std::uint32_t> v(n);
    for (auto& e : v) {
        do e = rng() & mask;
        while (exp_mask && (e & exp_mask) == exp_mask);
    }
    return v;
}

class VxmOnChip : public ::testing::TestWithParam<Geometry> {
  protected:
    const Geometry& g() const { return GetParam(); }
    std::size_t elems() const { return std::size_t{kVectors} * g().vector_bytes(); }
    bool fits(ElemType t) const { return elem_bytes(t) <= g().mem_slices / 2; }
    std::mt19937 rng{0xe1e};
};

TEST_P(VxmOnChip, EveryBinaryOpAndTypeMatchesReference) {
    for (const Opcode op : kBinary)
        for (const ElemType t : kTypes) {
            if (!defined_on(op, t) || !fits(t)) continue;
            SCOPED_TRACE(std::string(info(op)->mnemonic) + "." + std::string(elem_name(t)));
            const auto a = random_elems(rng, t, elems()), b = random_elems(rng, t, elems());
            const Program p = sched::elementwise(g(), op, t, kVectors);
            ChipRig rig(p);
            rig.put("a", a, elem_bytes(t));
            rig.put("b", b, elem_bytes(t));
            rig.run();
            std::vector<std::uint32_t> want;
            for (std::size_t i = 0; i < a.size(); ++i)
                want.push_back(ref::binary(op, t, a[i], b[i]));
            EXPECT_EQ(rig.get("d", elem_bytes(t)), want);
        }
}

TEST_P(VxmOnChip, EveryUnaryOpAndTypeMatchesReference) {
    for (const Opcode op : kUnary)
        for (const ElemType t : kTypes) {
            if (!defined_on(op, t) || !fits(t)) continue;
            SCOPED_TRACE(std::string(info(op)->mnemonic) + "." + std::string(elem_name(t)));
            const auto a = random_elems(rng, t, elems());
            const Program p = sched::elementwise(g(), op, t, kVectors);
            ChipRig rig(p);
            rig.put("a", a, elem_bytes(t));
            rig.run();
            std::vector<std::uint32_t> want;
            for (const auto e : a) want.push_back(ref::unary(op, t, e));
            EXPECT_EQ(rig.get("d", elem_bytes(t)), want);
        }
}

TEST_P(VxmOnChip, EveryConversionMatchesReference) {
    for (const ElemType dst : kTypes)
        for (const ElemType src : kTypes) {
            if (!fits(dst) || !fits(src)) continue;
            SCOPED_TRACE("CVT." + std::string(elem_name(dst)) + "." + std::string(elem_name(src)));
            const auto a = random_elems(rng, src, elems());
            const Program p = sched::convert(g(), dst, src, kVectors);
            ChipRig rig(p);
            rig.put("a", a, elem_bytes(src));
            rig.run();
            std::vector<std::uint32_t> want;
            for (const auto e : a) want.push_back(ref::convert(dst, src, e));
            EXPECT_EQ(rig.get("d", elem_bytes(dst)), want);
        }
}

TEST_P(VxmOnChip, RequantisationMatchesReferenceOrIsRefusedClearly) {
    if (!fits(ElemType::i32)) {
        EXPECT_THROW(sched::requant(g(), ElemType::i8, 3, 7, kVectors), std::invalid_argument);
        return;
    }
    const struct {
        ElemType dst;
        std::int32_t scale;
        unsigned shift;
    } cases[] = {{ElemType::i8, 3, 7}, {ElemType::i16, -1234567, 20}, {ElemType::i8, 1, 0}};
    for (const auto& c : cases) {
        const auto a = random_elems(rng, ElemType::i32, elems());
        const Program p = sched::requant(g(), c.dst, c.scale, c.shift, kVectors);
        ChipRig rig(p);
        rig.put("a", a, 4);
        rig.run();
        std::vector<std::uint32_t> want;
        for (const auto e : a)
            want.push_back(ref::requant(c.dst, static_cast<std::int32_t>(e), c.scale, c.shift));
        EXPECT_EQ(rig.get("d", elem_bytes(c.dst)), want);
    }
}

INSTANTIATE_TEST_SUITE_P(Geometries, VxmOnChip,
                         ::testing::Values(default_geometry(), full_geometry()),
                         [](const auto& info) {
                             return std::string(info.param.superlanes > 2 ? "Full" : "Default");
                         });

}  // namespace
}  // namespace nodevp::lpu::test
