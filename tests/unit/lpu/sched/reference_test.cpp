// Self-tests of the independent LPU reference (tests/lpu/reference) on hand-computed cases.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "tests/lpu/reference/reference.hpp"

namespace nodevp::lpu::ref {
namespace {

std::uint32_t f32_bits(float f) {
    std::uint32_t b = 0;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

TEST(LpuReferenceFormats, HalfRoundsToNearestEvenWithSubnormalsAndOverflow) {
    EXPECT_EQ(float_to_half(1.0f), 0x3c00);
    EXPECT_EQ(float_to_half(-2.0f), 0xc000);
    EXPECT_EQ(float_to_half(65504.0f), 0x7bff);
    EXPECT_EQ(float_to_half(65519.0f), 0x7bff);
    EXPECT_EQ(float_to_half(65520.0f), 0x7c00);  // halfway to 2^16 rounds to even: infinity
    EXPECT_EQ(float_to_half(std::ldexp(1.0f, -24)), 0x0001);
    EXPECT_EQ(float_to_half(std::ldexp(1.0f, -25)), 0x0000);         // tie to even: zero
    EXPECT_EQ(float_to_half(3 * std::ldexp(1.0f, -25)), 0x0002);     // 1.5 ulp: up to even
    EXPECT_EQ(float_to_half(1.0f + std::ldexp(1.0f, -11)), 0x3c00);  // tie: stays even
    EXPECT_EQ(float_to_half(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3c02);
    EXPECT_EQ(float_to_half(NAN), kNanF16);
    EXPECT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));
    EXPECT_EQ(half_to_float(0x7bff), 65504.0f);
    EXPECT_EQ(half_to_float(0xfc00), -INFINITY);
}

TEST(LpuReferenceFormats, BfloatRoundsToNearestEven) {
    auto from_bits = [](std::uint32_t b) {
        float f = 0;
        std::memcpy(&f, &b, sizeof f);
        return f;
    };
    EXPECT_EQ(float_to_bfloat(1.0f), 0x3f80);
    EXPECT_EQ(float_to_bfloat(from_bits(0x3f808000)), 0x3f80);  // tie: even
    EXPECT_EQ(float_to_bfloat(from_bits(0x3f818000)), 0x3f82);  // tie: even (up)
    EXPECT_EQ(float_to_bfloat(from_bits(0x3f808001)), 0x3f81);
    EXPECT_EQ(bfloat_to_float(0xbf80), -1.0f);
}

TEST(LpuReferenceVxm, IntegerOpsWrapAndShiftModuloWidth) {
    EXPECT_EQ(binary(Opcode::add, ElemType::i8, 127, 1), 0x80u);
    EXPECT_EQ(binary(Opcode::sub, ElemType::i16, 0x8000, 1), 0x7fffu);
    EXPECT_EQ(binary(Opcode::mul, ElemType::i8, 16, 16), 0u);
    EXPECT_EQ(binary(Opcode::min, ElemType::i8, 0xff, 1), 0xffu);
    EXPECT_EQ(binary(Opcode::max, ElemType::i32, 0xffffffffu, 1), 1u);
    EXPECT_EQ(binary(Opcode::shl, ElemType::i8, 1, 9), 2u);
    EXPECT_EQ(binary(Opcode::shr, ElemType::i8, 0x80, 1), 0xc0u);
    EXPECT_EQ(binary(Opcode::shr, ElemType::i32, 0xfffffff8u, 33), 0xfffffffcu);
    EXPECT_EQ(binary(Opcode::xor_, ElemType::i16, 0x0ff0, 0x00ff), 0x0f0fu);
    EXPECT_EQ(unary(Opcode::abs, ElemType::i8, 0x80), 0x80u);
    EXPECT_EQ(unary(Opcode::neg, ElemType::i16, 0x8000), 0x8000u);
    EXPECT_EQ(unary(Opcode::relu, ElemType::i32, 0xfffffffbu), 0u);
}

TEST(LpuReferenceVxm, FloatOpsFollowTheContractCornerCases) {
    EXPECT_EQ(binary(Opcode::add, ElemType::f16, 0x3c00, 0x3c00), 0x4000u);
    EXPECT_EQ(binary(Opcode::max, ElemType::f32, kNanF32, f32_bits(2.0f)), f32_bits(2.0f));
    EXPECT_EQ(binary(Opcode::min, ElemType::f32, f32_bits(-0.0f), f32_bits(0.0f)), 0x80000000u);
    EXPECT_EQ(unary(Opcode::relu, ElemType::f16, 0x7e00), 0u);
    EXPECT_EQ(unary(Opcode::neg, ElemType::bf16, 0x3f80), 0xbf80u);
    EXPECT_EQ(unary(Opcode::rsqrt, ElemType::f32, f32_bits(4.0f)), f32_bits(0.5f));
    EXPECT_EQ(unary(Opcode::rsqrt, ElemType::f32, f32_bits(-1.0f)), kNanF32);
    EXPECT_EQ(unary(Opcode::rsqrt, ElemType::f16, 0xbc00), kNanF16);
    EXPECT_EQ(unary(Opcode::tanh, ElemType::f32, 0), 0u);
}

TEST(LpuReferenceVxm, ConvertTruncatesSaturatesAndRoundsOnce) {
    EXPECT_EQ(convert(ElemType::i8, ElemType::f32, f32_bits(300.7f)), 127u);
    EXPECT_EQ(convert(ElemType::i8, ElemType::f32, f32_bits(-1.9f)), 0xffu);
    EXPECT_EQ(convert(ElemType::i8, ElemType::f32, kNanF32), 0u);
    EXPECT_EQ(convert(ElemType::i8, ElemType::f32, f32_bits(-INFINITY)), 0x80u);
    EXPECT_EQ(convert(ElemType::f16, ElemType::i32, 2049), 0x6800u);       // tie: 2048
    EXPECT_EQ(convert(ElemType::bf16, ElemType::i32, 257), 0x4380u);       // tie: 256
    EXPECT_EQ(convert(ElemType::bf16, ElemType::i32, 16777217), 0x4b80u);  // 2^24
    EXPECT_EQ(convert(ElemType::f32, ElemType::i32, 16777217), 0x4b800000u);
    EXPECT_EQ(convert(ElemType::i8, ElemType::i16, 300), 127u);
    EXPECT_EQ(convert(ElemType::i32, ElemType::i8, 0x80), 0xffffff80u);
    EXPECT_EQ(convert(ElemType::f16, ElemType::f32, 0xffc00001u), 0xfe00u);  // NaN keeps sign
    EXPECT_EQ(convert(ElemType::f32, ElemType::f16, 0x7c01), 0x7fc02000u);   // and payload
}

TEST(LpuReferenceVxm, RequantRoundsHalfUpAndSaturates) {
    EXPECT_EQ(requant(ElemType::i8, 1000, 3, 4), 127u);
    EXPECT_EQ(requant(ElemType::i8, 100, 3, 4), 19u);
    EXPECT_EQ(requant(ElemType::i8, -100, 3, 4), static_cast<std::uint8_t>(-19));
    EXPECT_EQ(requant(ElemType::i8, -8, 1, 4), 0u);  // -0.5 rounds up to 0
    EXPECT_EQ(requant(ElemType::i8, 8, 1, 4), 1u);   // +0.5 rounds up to 1
    EXPECT_EQ(requant(ElemType::i16, 5, 2, 0), 10u);
    EXPECT_EQ(requant(ElemType::i16, -40000, 1, 0), 0x8000u);
    EXPECT_EQ(requant(ElemType::i8, 2147483647, (1 << 29) - 1, 63), 0u);
}

TEST(LpuReferenceMxm, IntegerProductsAccumulateExactly) {
    const std::vector<std::int8_t> w{1, 2, 3, -1, -2, -3};
    EXPECT_EQ(matvec_i8(w, 2, 3, {4, 5, -6}), (std::vector<std::int32_t>{-4, 4}));
    const auto y = matmul_i8(w, 2, 3, {{4, 5, -6}, {1, 1, 1}});
    EXPECT_EQ(y[1], (std::vector<std::int32_t>{6, -6}));
    EXPECT_EQ(matvec_i8({-128, -128}, 1, 2, {-128, -128}), (std::vector<std::int32_t>{32768}));
}

TEST(LpuReferenceMxm, HalfProductsRoundEachAdditionPerTile) {
    const std::vector<std::uint16_t> w{0x3c00, 0x0001, 0x0001, 0x0001};  // 1, 2^-24 x3
    const std::vector<std::uint16_t> x{0x3c00, 0x3c00, 0x3c00, 0x3c00};
    // One tile: 1 + 2^-24 rounds back to 1 every time.
    EXPECT_EQ(matvec_f16(w, 1, 4, x, 4), (std::vector<std::uint32_t>{0x3f800000}));
    // Tiles of 2: (1 + 2^-24) -> 1, (2^-24 + 2^-24) = 2^-23, 1 + 2^-23 is exact.
    EXPECT_EQ(matvec_f16(w, 1, 4, x, 2), (std::vector<std::uint32_t>{0x3f800001}));
}

TEST(LpuReferenceFfn, ComputesUpActivationDownWithRequantisation) {
    FfnParams p;
    p.d_model = 2;
    p.d_ff = 2;
    p.w_up = {1, 0, 0, -1};
    p.w_down = {2, 3, -1, 1};
    p.up_scale = 1;
    p.up_shift = 1;
    p.down_scale = 3;
    p.down_shift = 2;
    const auto r = ffn_i8(p, {10, 20});
    EXPECT_EQ(r.hidden_pre, (std::vector<std::int8_t>{5, -10}));
    EXPECT_EQ(r.hidden, (std::vector<std::int8_t>{5, 0}));
    EXPECT_EQ(r.y, (std::vector<std::int8_t>{8, -4}));
    p.act = Activation::none;
    EXPECT_EQ(ffn_i8(p, {10, 20}).y, (std::vector<std::int8_t>{-15, -11}));
}

}  // namespace
}  // namespace nodevp::lpu::ref
