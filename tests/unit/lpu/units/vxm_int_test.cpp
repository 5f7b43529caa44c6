// VXM integer operations: wrap-around, signedness, shift counts, stream-group layout.
#include <gtest/gtest.h>

#include "tests/unit/lpu/units/vxm_rig.hpp"

namespace nodevp::lpu::test {
namespace {

using E = ElemType;
using V = std::vector<std::uint32_t>;

TEST(VxmInt, WideElementsUseBytePlanesLowByteFirst) {
    VxmRig rig;
    Group a = Group::of(4, VxmRig::kLanes, {0x04030201u});
    EXPECT_EQ(a.planes[0][5], 0x01);
    EXPECT_EQ(a.planes[3][5], 0x04);
    // 0x00FF + 0x0001 carries from plane 0 into plane 1.
    EXPECT_EQ(rig.bin(Opcode::add, E::i16, {0x00FF}, {0x0001}), V{0x0100});
    EXPECT_EQ(rig.bin(Opcode::add, E::i32, {0x00FFFFFF}, {1}), V{0x01000000});
}

TEST(VxmInt, AddAndSubWrapAtEveryWidth) {
    VxmRig rig;
    EXPECT_EQ(rig.bin(Opcode::add, E::i8, {127, raw(-128)}, {1, raw(-1)}), (V{0x80, 0x7F}));
    EXPECT_EQ(rig.bin(Opcode::add, E::i16, {32767}, {1}), V{0x8000});
    EXPECT_EQ(rig.bin(Opcode::add, E::i32, {0x7FFFFFFF}, {1}), V{0x80000000u});
    EXPECT_EQ(rig.bin(Opcode::sub, E::i8, {raw(-128)}, {1}), V{0x7F});
    EXPECT_EQ(rig.bin(Opcode::sub, E::i16, {raw(-32768)}, {1}), V{0x7FFF});
    EXPECT_EQ(rig.bin(Opcode::sub, E::i32, {0x80000000u}, {1}), V{0x7FFFFFFF});
}

TEST(VxmInt, MulKeepsTheLowBitsOfTheProduct) {
    VxmRig rig;
    EXPECT_EQ(rig.bin(Opcode::mul, E::i8, {16, raw(-3)}, {16, 5}), (V{0x00, raw(-15) & 0xFF}));
    EXPECT_EQ(rig.bin(Opcode::mul, E::i16, {300, raw(-32768)}, {300, raw(-32768)}),
              (V{90000 % 65536, 0}));
    EXPECT_EQ(rig.bin(Opcode::mul, E::i32, {0x10000, 0x7FFFFFFF}, {0x10000, 2}),
              (V{0, 0xFFFFFFFEu}));
}

TEST(VxmInt, MinAndMaxCompareSigned) {
    VxmRig rig;
    EXPECT_EQ(rig.bin(Opcode::min, E::i8, {raw(-1), 5}, {1, raw(-128)}), (V{0xFF, 0x80}));
    EXPECT_EQ(rig.bin(Opcode::max, E::i8, {raw(-1), 5}, {1, raw(-128)}), (V{1, 5}));
    EXPECT_EQ(rig.bin(Opcode::min, E::i16, {0x8000}, {0x7FFF}), V{0x8000});
    EXPECT_EQ(rig.bin(Opcode::max, E::i32, {0x80000000u}, {0x7FFFFFFF}), V{0x7FFFFFFF});
}

TEST(VxmInt, BitwiseOpsActOnEveryByte) {
    VxmRig rig;
    EXPECT_EQ(rig.bin(Opcode::and_, E::i32, {0xF0F0F0F0u}, {0xFF00FF00u}), V{0xF000F000u});
    EXPECT_EQ(rig.bin(Opcode::or_, E::i16, {0x1200}, {0x0034}), V{0x1234});
    EXPECT_EQ(rig.bin(Opcode::xor_, E::i8, {0xFF}, {0x0F}), V{0xF0});
}

TEST(VxmInt, ShiftCountsAreTakenModuloTheWidth) {
    VxmRig rig;
    // i8: count 9 ≡ 1, count 8 ≡ 0, count −1 ≡ 7.
    EXPECT_EQ(rig.bin(Opcode::shl, E::i8, {1, 1, 1}, {9, 8, raw(-1)}), (V{2, 1, 0x80}));
    EXPECT_EQ(rig.bin(Opcode::shl, E::i16, {0x4001, 3}, {1, 16}), (V{0x8002, 3}));
    EXPECT_EQ(rig.bin(Opcode::shl, E::i32, {1, 1}, {31, 33}), (V{0x80000000u, 2}));
}

TEST(VxmInt, ShrIsArithmetic) {
    VxmRig rig;
    EXPECT_EQ(rig.bin(Opcode::shr, E::i8, {raw(-128), raw(-128), 0x7F}, {7, 8, 3}),
              (V{0xFF, 0x80, 0x0F}));
    EXPECT_EQ(rig.bin(Opcode::shr, E::i16, {0x8000, 0x8000}, {15, 17}), (V{0xFFFF, 0xC000}));
    EXPECT_EQ(rig.bin(Opcode::shr, E::i32, {0x80000000u, 0x40000000u}, {31, 62}),
              (V{0xFFFFFFFFu, 1}));
}

TEST(VxmInt, NegAndAbsWrapAtTheMostNegativeValue) {
    VxmRig rig;
    EXPECT_EQ(rig.un(Opcode::neg, E::i8, {raw(-128), 5, 0}), (V{0x80, 0xFB, 0}));
    EXPECT_EQ(rig.un(Opcode::abs, E::i8, {raw(-128), raw(-5), 7}), (V{0x80, 5, 7}));
    EXPECT_EQ(rig.un(Opcode::neg, E::i16, {0x8000, 1}), (V{0x8000, 0xFFFF}));
    EXPECT_EQ(rig.un(Opcode::abs, E::i32, {0x80000000u, 0xFFFFFFFFu}), (V{0x80000000u, 1}));
}

TEST(VxmInt, ReluClampsNegativesToZeroAndMovCopies) {
    VxmRig rig;
    EXPECT_EQ(rig.un(Opcode::relu, E::i8, {raw(-1), 0, 127}), (V{0, 0, 127}));
    EXPECT_EQ(rig.un(Opcode::relu, E::i16, {0x8000, 0x7FFF}), (V{0, 0x7FFF}));
    EXPECT_EQ(rig.un(Opcode::relu, E::i32, {0x80000000u, 1}), (V{0, 1}));
    EXPECT_EQ(rig.un(Opcode::mov, E::i32, {0xDEADBEEFu}), V{0xDEADBEEFu});
}

TEST(VxmInt, EveryLaneComputesItsOwnElement) {
    VxmRig rig;
    V a, b, want;
    for (unsigned i = 0; i < VxmRig::kLanes; ++i) {
        a.push_back(i * 1000);
        b.push_back(i);
        want.push_back(i * 1001);
    }
    EXPECT_EQ(rig.bin(Opcode::add, E::i16, a, b), want);
}

TEST(VxmSupports, NamesTheValidTypeOfEveryVxmOpcode) {
    EXPECT_TRUE(vxm_supports(Opcode::add, E::bf16));
    EXPECT_TRUE(vxm_supports(Opcode::relu, E::i8));
    EXPECT_FALSE(vxm_supports(Opcode::and_, E::f32));
    EXPECT_FALSE(vxm_supports(Opcode::shl, E::f16));
    EXPECT_FALSE(vxm_supports(Opcode::tanh, E::i8));
    EXPECT_TRUE(vxm_supports(Opcode::rsqrt, E::bf16));
    EXPECT_TRUE(vxm_supports(Opcode::req, E::i16));
    EXPECT_FALSE(vxm_supports(Opcode::req, E::i32));
    EXPECT_FALSE(vxm_supports(Opcode::req, E::f16));
    for (unsigned t = 0; t < kElemTypes; ++t) EXPECT_TRUE(vxm_supports(Opcode::cvt, E(t)));
    EXPECT_FALSE(vxm_supports(Opcode::lw, E::i8));
    EXPECT_FALSE(vxm_supports(Opcode::add, static_cast<E>(6)));
}

TEST(VxmSupports, UnsupportedCombinationReachingTheUnitIsAModelBug) {
    VxmRig rig;
    EXPECT_THROW(rig.bin(Opcode::and_, E::f32, {0}, {0}), std::logic_error);
    EXPECT_THROW(rig.un(Opcode::tanh, E::i8, {0}), std::logic_error);
}

}  // namespace
}  // namespace nodevp::lpu::test
