// VXM float operations: binary32 arithmetic with one rounding back to f16/bf16, the NaN and
// signed-zero rules of MIN/MAX/RELU, sign-bit NEG/ABS/MOV, the transcendental ops.
#include <cmath>

#include <gtest/gtest.h>

#include "tests/unit/lpu/units/vxm_rig.hpp"

namespace nodevp::lpu::test {
namespace {

using E = ElemType;
using V = std::vector<std::uint32_t>;

constexpr std::uint32_t kF32One = 0x3F800000, kF32NegZero = 0x80000000, kF32QNaN = 0x7FC00000;
constexpr std::uint32_t kF32Inf = 0x7F800000;
constexpr std::uint32_t kF16One = 0x3C00, kBf16One = 0x3F80;

TEST(VxmFloat, F32AddRoundsTiesToEven) {
    VxmRig rig;
    // 1 + 2^-24 is halfway between 1 and 1 + 2^-23: even is 1. 1 + 3·2^-24 rounds up to 1 + 2^-22.
    EXPECT_EQ(rig.bin(Opcode::add, E::f32, {kF32One, kF32One}, {0x33800000, 0x34400000}),
              (V{kF32One, 0x3F800002}));
    EXPECT_EQ(rig.bin(Opcode::sub, E::f32, {kF32One}, {kF32One}), V{0});
    EXPECT_EQ(rig.bin(Opcode::mul, E::f32, {0x7F7FFFFF}, {0x40000000}), V{kF32Inf});
}

TEST(VxmFloat, F16ResultIsRoundedOnceToNearestEven) {
    VxmRig rig;
    // 1 + 2^-11 is a tie between 1 and 1 + 2^-10 (even: 1); (1 + 2^-10) + 2^-11 ties up to 1 +
    // 2^-9.
    EXPECT_EQ(rig.bin(Opcode::add, E::f16, {kF16One, 0x3C01}, {0x1000, 0x1000}),
              (V{kF16One, 0x3C02}));
    // 256 · 256 overflows to infinity; 2^-14 · 0.5 = 2^-15 is subnormal.
    EXPECT_EQ(rig.bin(Opcode::mul, E::f16, {0x5C00, 0x0400}, {0x5C00, 0x3800}),
              (V{0x7C00, 0x0200}));
    EXPECT_EQ(rig.bin(Opcode::sub, E::f16, {0x0001}, {0x0002}), V{0x8001});
}

TEST(VxmFloat, Bf16ResultIsRoundedOnceToNearestEven) {
    VxmRig rig;
    // 1 + 2^-8 ties to 1; 1 + 2^-7 + 2^-8 ties up to 1 + 2^-6.
    EXPECT_EQ(rig.bin(Opcode::add, E::bf16, {kBf16One, 0x3F81}, {0x3B80, 0x3B80}),
              (V{kBf16One, 0x3F82}));
    EXPECT_EQ(rig.bin(Opcode::mul, E::bf16, {0x7F00}, {0x7F00}), V{0x7F80});
}

TEST(VxmFloat, MinMaxOrderNegativeZeroBelowPositiveZero) {
    VxmRig rig;
    EXPECT_EQ(rig.bin(Opcode::min, E::f32, {0, kF32NegZero}, {kF32NegZero, 0}),
              (V{kF32NegZero, kF32NegZero}));
    EXPECT_EQ(rig.bin(Opcode::max, E::f32, {0, kF32NegZero}, {kF32NegZero, 0}), (V{0, 0}));
    EXPECT_EQ(rig.bin(Opcode::min, E::f16, {0x8000, 0}, {0, 0x8000}), (V{0x8000, 0x8000}));
    EXPECT_EQ(rig.bin(Opcode::max, E::bf16, {0x8000, 0}, {0, 0x8000}), (V{0, 0}));
}

TEST(VxmFloat, MinMaxReturnTheNumberWhenOneOperandIsNaN) {
    VxmRig rig;
    EXPECT_EQ(rig.bin(Opcode::min, E::f32, {kF32QNaN, kF32One}, {kF32One, kF32QNaN}),
              (V{kF32One, kF32One}));
    EXPECT_EQ(rig.bin(Opcode::max, E::f32, {0x7F800001, 0xFF800000}, {0xBF800000, 0x7FC00000}),
              (V{0xBF800000, 0xFF800000}));
    EXPECT_EQ(rig.bin(Opcode::min, E::f16, {0x7E00}, {0xFC00}), V{0xFC00});
    EXPECT_EQ(rig.bin(Opcode::max, E::bf16, {0x7FC0}, {0x3F80}), V{0x3F80});
}

TEST(VxmFloat, MinMaxOfTwoNaNsIsTheCanonicalNaN) {
    VxmRig rig;
    EXPECT_EQ(rig.bin(Opcode::min, E::f32, {0x7F800001}, {0xFFC00002}), V{kF32QNaN});
    EXPECT_EQ(rig.bin(Opcode::max, E::f16, {0xFE01}, {0x7E05}), V{0x7E00});
}

TEST(VxmFloat, ArithmeticNaNResultsAreTheCanonicalQuietNaN) {
    VxmRig rig;
    // Payloads and signs are dropped; inf − inf (the host's default NaN is negative) is +qNaN.
    EXPECT_EQ(rig.bin(Opcode::add, E::f32, {0x7F800001, kF32Inf}, {kF32One, 0xFF800000}),
              (V{kF32QNaN, 0x7FC00000}));
    EXPECT_EQ(rig.bin(Opcode::sub, E::f32, {kF32Inf, 0xFFC12345}, {kF32Inf, 0}),
              (V{kF32QNaN, kF32QNaN}));
    EXPECT_EQ(rig.bin(Opcode::mul, E::f16, {0x7C00, 0xFE33}, {0, 0x3C00}), (V{0x7E00, 0x7E00}));
    EXPECT_EQ(rig.bin(Opcode::add, E::bf16, {0xFFC1}, {0x3F80}), V{0x7FC0});
    EXPECT_EQ(rig.un(Opcode::rsqrt, E::f32, {0xBF800000}), V{kF32QNaN});
    EXPECT_EQ(rig.un(Opcode::tanh, E::f16, {0xFE01}), V{0x7E00});
    EXPECT_EQ(rig.un(Opcode::exp, E::bf16, {0xFFC1}), V{0x7FC0});
}

TEST(VxmFloat, NegAbsMovChangeOnlyTheSignBit) {
    VxmRig rig;
    EXPECT_EQ(rig.un(Opcode::neg, E::f32, {0x7F800001, 0, kF32One}),
              (V{0xFF800001, kF32NegZero, 0xBF800000}));
    EXPECT_EQ(rig.un(Opcode::abs, E::f32, {0xFF800001, kF32NegZero}), (V{0x7F800001, 0}));
    EXPECT_EQ(rig.un(Opcode::neg, E::f16, {0x7C01, 0x3C00}), (V{0xFC01, 0xBC00}));
    EXPECT_EQ(rig.un(Opcode::abs, E::bf16, {0xFF81, 0x8000}), (V{0x7F81, 0}));
    EXPECT_EQ(rig.un(Opcode::mov, E::f16, {0x7C01}), V{0x7C01});
}

TEST(VxmFloat, ReluIsMaxWithPositiveZero) {
    VxmRig rig;
    EXPECT_EQ(
        rig.un(Opcode::relu, E::f32, {kF32NegZero, kF32QNaN, 0xBF800000, 0x40200000, kF32Inf}),
        (V{0, 0, 0, 0x40200000, kF32Inf}));
    EXPECT_EQ(rig.un(Opcode::relu, E::f16, {0xBC00, 0x3C00, 0x8001}), (V{0, 0x3C00, 0}));
    EXPECT_EQ(rig.un(Opcode::relu, E::bf16, {0xFF80, 0x7F80}), (V{0, 0x7F80}));
}

TEST(VxmFloat, TranscendentalsHitTheirExactPoints) {
    VxmRig rig;
    EXPECT_EQ(rig.un(Opcode::tanh, E::f32, {0, kF32Inf, 0xFF800000}), (V{0, kF32One, 0xBF800000}));
    EXPECT_EQ(rig.un(Opcode::exp, E::f32, {0, 0xFF800000, kF32Inf}), (V{kF32One, 0, kF32Inf}));
    // rsqrt(4) = 0.5, rsqrt(+0) = +inf, rsqrt(−0) = −inf, rsqrt(−1) = NaN.
    EXPECT_EQ(rig.un(Opcode::rsqrt, E::f32, {0x40800000, 0, kF32NegZero, 0xBF800000}),
              (V{0x3F000000, kF32Inf, 0xFF800000, kF32QNaN}));
}

TEST(VxmFloat, TranscendentalsRoundTheBinary32ResultToF16AndBf16) {
    VxmRig rig;
    // e = 2.71828…: nearest f16 is 1392·2^-9 = 2.71875 (0x4170); nearest bf16 is 2.71875 (0x402E).
    EXPECT_EQ(rig.un(Opcode::exp, E::f16, {kF16One}), V{0x4170});
    EXPECT_EQ(rig.un(Opcode::exp, E::bf16, {kBf16One}), V{0x402E});
    // e^12 = 162754.8 overflows binary16.
    EXPECT_EQ(rig.un(Opcode::exp, E::f16, {0x4A00}), V{0x7C00});
    EXPECT_EQ(rig.un(Opcode::rsqrt, E::f16, {0x4400}), V{0x3800});  // 1/sqrt(4)
}

TEST(VxmFloat, TranscendentalsUseTheHostBinary32Functions) {
    VxmRig rig;
    // volatile: a constant argument would let the compiler fold the call (correctly rounded),
    // which can differ from the library's result in the last place.
    volatile float xs[] = {0.3f, -1.7f, 5.5f, 1e-3f};
    for (float x : xs) {
        EXPECT_EQ(rig.un(Opcode::tanh, E::f32, {fbits(x)}), V{fbits(tanhf(x))});
        EXPECT_EQ(rig.un(Opcode::exp, E::f32, {fbits(x)}), V{fbits(expf(x))});
        if (x > 0) {
            EXPECT_EQ(rig.un(Opcode::rsqrt, E::f32, {fbits(x)}), V{fbits(1.0f / sqrtf(x))});
        }
    }
}

}  // namespace
}  // namespace nodevp::lpu::test
