// The C++ MXM plane: weight loading (shadow, install, row pointer), int8 products with int32
// wrapping accumulation, f16 products with ordered binary32 accumulation, the accumulators.
#include <cmath>

#include <gtest/gtest.h>

#include "tests/unit/lpu/units/mxm_rig.hpp"
#include "tests/unit/lpu/units/vxm_rig.hpp"

namespace nodevp::lpu::test {
namespace {

using Rows8 = std::vector<std::vector<std::int8_t>>;

Rows8 filled(unsigned rows, unsigned n, std::int8_t v) {
    return Rows8(rows, std::vector<std::int8_t>(n, v));
}

TEST(MxmInt8, ExtremeProductsSumExactlyAtFullSize) {
    MxmRig m(20);  // VL 320
    ASSERT_EQ(m.n, 320u);
    m.load_i8(filled(m.n, m.n, -128));
    m.unit->install();
    m.abc_i8(std::vector<std::int8_t>(m.n, -128), 0, true);
    m.abc_i8(std::vector<std::int8_t>(m.n, 127), 1, true);
    EXPECT_EQ(m.drain_i32(0), std::vector<std::int32_t>(m.n, 320 * 16384));
    EXPECT_EQ(m.drain_i32(1), std::vector<std::int32_t>(m.n, 320 * -16256));
}

TEST(MxmInt8, RowRHoldsWeightsOfOutputR) {
    MxmRig m(2);  // VL 32
    // W[r][r] = 2, W[r][0] += 1; x[c] = c − 16: y[0] = 3·(−16), y[r] = −16 + 2(r − 16).
    Rows8 w = filled(m.n, m.n, 0);
    for (unsigned r = 0; r < m.n; ++r) {
        w[r][r] = 2;
        w[r][0] = static_cast<std::int8_t>(w[r][0] + 1);
    }
    std::vector<std::int8_t> x;
    for (unsigned c = 0; c < m.n; ++c) x.push_back(static_cast<std::int8_t>(int(c) - 16));
    m.load_i8(w);
    m.unit->install();
    m.abc_i8(x, 3, true);
    const auto y = m.drain_i32(3);
    EXPECT_EQ(y[0], -48);
    for (unsigned r = 1; r < m.n; ++r) EXPECT_EQ(y[r], -16 + 2 * (int(r) - 16)) << r;
}

TEST(MxmInt8, ShadowWeightsTakeEffectOnlyAtInstall) {
    MxmRig m(2);
    m.load_i8(filled(m.n, m.n, 1));
    m.unit->install();
    m.load_i8(filled(m.n, m.n, 3));  // shadow only
    const std::vector<std::int8_t> ones(m.n, 1);
    m.abc_i8(ones, 0, true);
    EXPECT_EQ(m.drain_i32(0)[5], 32);
    m.unit->install();
    m.abc_i8(ones, 0, true);
    EXPECT_EQ(m.drain_i32(0)[5], 96);
}

TEST(MxmInt8, RowPointerWrapsAfterVlRowsAndResetsAtInstall) {
    MxmRig m(2);
    m.load_i8(filled(m.n, m.n, 1));
    m.load_i8(filled(2, m.n, 5));  // wraps: rows 0 and 1
    m.unit->install();
    m.load_i8(filled(1, m.n, 7));  // after IW the pointer is back at row 0
    m.unit->install();
    m.abc_i8(std::vector<std::int8_t>(m.n, 1), 0, true);
    const auto y = m.drain_i32(0);
    EXPECT_EQ(y[0], 7 * 32);
    EXPECT_EQ(y[1], 5 * 32);
    EXPECT_EQ(y[2], 1 * 32);
}

TEST(MxmInt8, AccumulationWrapsInInt32) {
    MxmRig m(20);
    m.load_i8(filled(m.n, m.n, -128));
    m.unit->install();
    const std::vector<std::int8_t> x(m.n, -128);
    m.abc_i8(x, 7, true);
    for (int i = 1; i < 410; ++i) m.abc_i8(x, 7, false);
    // 410 · 5242880 = 2149580800 ≡ 2149580800 − 2^32 = −2145386496 (mod 2^32).
    EXPECT_EQ(m.drain_i32(7)[319], -2145386496);
}

TEST(MxmInt8, SetOverwritesAndDrainClears) {
    MxmRig m(2);
    m.load_i8(filled(m.n, m.n, 1));
    m.unit->install();
    const std::vector<std::int8_t> x(m.n, 2);
    m.abc_i8(x, 0, true);
    m.abc_i8(x, 0, false);
    m.abc_i8(x, 1, false);  // accumulators start cleared
    EXPECT_EQ(m.drain_i32(0)[0], 128);
    EXPECT_EQ(m.drain_i32(0)[0], 0);
    EXPECT_EQ(m.drain_i32(1)[0], 64);
    m.abc_i8(x, 2, false);
    m.abc_i8(x, 2, true);
    EXPECT_EQ(m.drain_i32(2)[0], 64);
}

TEST(MxmInt8, DrainWritesLittleEndianBytePlanes) {
    MxmRig m(2);
    auto w = filled(m.n, m.n, 0);
    w[0][0] = -1;
    m.load_i8(w);
    m.unit->install();
    std::vector<std::int8_t> x(m.n, 0);
    x[0] = 1;
    m.abc_i8(x, 0, true);
    std::vector<std::vector<std::uint8_t>> planes(4, std::vector<std::uint8_t>(m.n));
    std::uint8_t* p[4] = {planes[0].data(), planes[1].data(), planes[2].data(), planes[3].data()};
    m.unit->drain(0, p);
    for (unsigned k = 0; k < 4; ++k) EXPECT_EQ(planes[k][0], 0xFF);
    EXPECT_EQ(planes[0][1], 0);
}

TEST(MxmInt8, ResetClearsWeightsAndAccumulators) {
    MxmRig m(2);
    m.load_i8(filled(m.n, m.n, 1));
    m.unit->install();
    m.abc_i8(std::vector<std::int8_t>(m.n, 1), 4, true);
    m.unit->reset();
    m.abc_i8(std::vector<std::int8_t>(m.n, 1), 5, true);
    EXPECT_EQ(m.drain_i32(4)[0], 0);
    EXPECT_EQ(m.drain_i32(5)[0], 0);
}

constexpr std::uint16_t kF16One = 0x3C00, kF16_2048 = 0x6800, kF16_2pm13 = 0x0800;

TEST(MxmF16, SumsProductsInColumnOrderRoundingEachAddition) {
    MxmRig m(2);
    m.unit->set_type(kMxmTypeF16);
    // x = 1. Row 0: 2048 first; each following 2^-13 is half an ulp, a tie that stays at 2048.
    // Row 1: 31 · 2^-13 first, then 2048: 2048 + 15.5 ulp ties to the even 2048 + 16 ulp.
    std::vector<std::vector<std::uint16_t>> w(m.n, std::vector<std::uint16_t>(m.n, 0));
    w[0].assign(m.n, kF16_2pm13);
    w[0][0] = kF16_2048;
    w[1].assign(m.n, kF16_2pm13);
    w[1][m.n - 1] = kF16_2048;
    m.load_f16(w);
    m.unit->install();
    m.abc_f16(std::vector<std::uint16_t>(m.n, kF16One), 0, true);
    const auto y = m.drain(0);
    EXPECT_EQ(y[0], 0x45000000u);  // 2048
    EXPECT_EQ(y[1], 0x45000010u);  // 2048 + 2^-8
    EXPECT_EQ(y[2], 0u);
}

TEST(MxmF16, SumStartsFromTheFirstProductSoNegativeZeroSurvives) {
    MxmRig m(2);
    m.unit->set_type(kMxmTypeF16);
    // Every product is −0: started from +0 the sum would be +0.
    m.load_f16({std::vector<std::uint16_t>(m.n, 0x8000)});
    m.unit->install();
    m.abc_f16(std::vector<std::uint16_t>(m.n, kF16One), 0, true);
    EXPECT_EQ(m.drain(0)[0], 0x80000000u);
    m.abc_f16(std::vector<std::uint16_t>(m.n, kF16One), 1, false);  // cleared acc is +0: +0 + −0
    EXPECT_EQ(m.drain(1)[0], 0u);
}

TEST(MxmF16, AccumulatesInBinary32WithoutRoundingToF16) {
    MxmRig m(2);
    m.unit->set_type(kMxmTypeF16);
    // W = 1 on the diagonal; x = 2^-24 (f16 min subnormal) and 65504 (f16 max).
    std::vector<std::vector<std::uint16_t>> w(m.n, std::vector<std::uint16_t>(m.n, 0));
    for (unsigned r = 0; r < m.n; ++r) w[r][r] = kF16One;
    m.load_f16(w);
    m.unit->install();
    std::vector<std::uint16_t> x(m.n, 0x0001);
    x[1] = 0x7BFF;
    m.abc_f16(x, 6, true);
    m.abc_f16(x, 6, false);
    const auto y = m.drain(6);
    EXPECT_EQ(y[0], 0x34000000u);  // 2^-23
    EXPECT_EQ(y[1], 0x47FFE000u);  // 131008, beyond binary16's range
}

TEST(MxmF16, InfinityPropagatesAndNaNIsCanonical) {
    MxmRig m(2);
    m.unit->set_type(kMxmTypeF16);
    std::vector<std::vector<std::uint16_t>> w(2, std::vector<std::uint16_t>(m.n, kF16One));
    w[1][3] = 0x7C00;  // +inf
    m.load_f16(w);
    m.unit->install();
    std::vector<std::uint16_t> x(m.n, 0);
    x[3] = kF16One;
    m.abc_f16(x, 0, true);
    const auto y = m.drain(0);
    EXPECT_EQ(y[0], 0x3F800000u);
    EXPECT_EQ(y[1], 0x7F800000u);
    x[3] = 0;  // inf · 0 = NaN (negative on x86), drained as the canonical +qNaN
    m.abc_f16(x, 0, true);
    EXPECT_EQ(m.drain(0)[1], 0x7FC00000u);
}

}  // namespace
}  // namespace nodevp::lpu::test
