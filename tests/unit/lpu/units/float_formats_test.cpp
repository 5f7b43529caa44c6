// binary16 / bfloat16 conversions: directed corners, and exhaustive or dense cross-checks against
// independent references (GCC's _Float16 for binary16; a double-precision nearest search for
// bfloat16).
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "tests/unit/lpu/units/vxm_rig.hpp"

namespace nodevp::lpu::test {
namespace {

// _Float16 conversions are done by libgcc's soft-float routines, independently of ours.
std::uint32_t ref_f16_to_f32(std::uint16_t h) {
    _Float16 x;
    std::memcpy(&x, &h, sizeof x);
    return fbits(static_cast<float>(x));
}
std::uint16_t ref_f32_to_f16(float f) {
    const auto x = static_cast<_Float16>(f);
    std::uint16_t h;
    std::memcpy(&h, &x, sizeof h);
    return h;
}

// bfloat16 value of an encoding, from its fields in double precision.
double bf16_value(std::uint16_t h) {
    const int exp = (h >> 7) & 0xff, man = h & 0x7f;
    const double mag = exp == 0 ? std::ldexp(man, -133) : std::ldexp(128 + man, exp - 134);
    return (h & 0x8000) ? -mag : mag;
}

// Nearest bfloat16 to a finite f by comparing the two neighbouring encodings' distances.
std::uint16_t ref_f32_to_bf16(float f) {
    const std::uint16_t lo = static_cast<std::uint16_t>(fbits(f) >> 16);  // toward zero
    const std::uint16_t hi = static_cast<std::uint16_t>(lo + 1);          // away from zero
    if ((hi & 0x7fff) == 0x7f80) {  // above the largest finite: halfway is 2^128 − 2^119
        const double half = std::ldexp(1.0, 128) - std::ldexp(1.0, 119);
        return std::fabs(double(f)) >= half ? hi : lo;
    }
    const double dl = std::fabs(double(f) - bf16_value(lo));
    const double dh = std::fabs(bf16_value(hi) - double(f));
    if (dl != dh) return dl < dh ? lo : hi;
    return (lo & 1) ? hi : lo;
}

TEST(FloatFormats, F16ToF32MatchesTheCompilerForAll65536Encodings) {
    for (std::uint32_t h = 0; h < 0x10000; ++h)
        ASSERT_EQ(fbits(f16_to_f32(static_cast<std::uint16_t>(h))),
                  ref_f16_to_f32(static_cast<std::uint16_t>(h)))
            << std::hex << "h=0x" << h;
}

TEST(FloatFormats, F32ToF16MatchesTheCompilerAtEveryValueTieAndNeighbour) {
    std::uint32_t checked = 0;
    for (std::uint32_t h = 0; h < 0x10000; ++h) {
        const float v = f16_to_f32(static_cast<std::uint16_t>(h));
        const float w = f16_to_f32(static_cast<std::uint16_t>(h + 1));
        if (std::isnan(v)) continue;
        const float mid = static_cast<float>((double(v) + double(w)) / 2);  // exact in binary32
        for (float f : {v, mid, std::nextafter(mid, 0.0f), std::nextafter(mid, INFINITY),
                        std::nextafter(mid, -INFINITY), std::nextafter(v, INFINITY)}) {
            if (std::isnan(f)) continue;
            ASSERT_EQ(f32_to_f16(f), ref_f32_to_f16(f)) << std::hex << "f=0x" << fbits(f);
            ++checked;
        }
    }
    EXPECT_GT(checked, 300000u);
}

TEST(FloatFormats, F32ToF16MatchesTheCompilerOnRandomPatternsAndNaNs) {
    std::mt19937 rng(12345);
    for (int i = 0; i < 1000000; ++i) {
        const float f = bitsf(rng());
        ASSERT_EQ(f32_to_f16(f), ref_f32_to_f16(f)) << std::hex << "f=0x" << fbits(f);
    }
    // NaN: sign and top payload bits kept, quiet bit set.
    EXPECT_EQ(f32_to_f16(bitsf(0x7F800001)), 0x7E00);
    EXPECT_EQ(f32_to_f16(bitsf(0xFFC02000)), 0xFE01);
}

TEST(FloatFormats, F16CornerValues) {
    EXPECT_EQ(fbits(f16_to_f32(0x0001)), fbits(0x1p-24f));
    EXPECT_EQ(fbits(f16_to_f32(0x03FF)), fbits(1023 * 0x1p-24f));
    EXPECT_EQ(fbits(f16_to_f32(0x8000)), 0x80000000u);
    EXPECT_EQ(fbits(f16_to_f32(0x7C00)), 0x7F800000u);
    EXPECT_EQ(fbits(f16_to_f32(0x7C01)), 0x7FC02000u);  // signalling NaN comes back quiet
    EXPECT_EQ(f32_to_f16(65520.0f), 0x7C00);            // tie above the max: to infinity
    EXPECT_EQ(f32_to_f16(65519.996f), 0x7BFF);
    EXPECT_EQ(f32_to_f16(0x1p-25f), 0x0000);  // tie: to even (zero)
    EXPECT_EQ(f32_to_f16(0x1.000002p-25f), 0x0001);
    EXPECT_EQ(f32_to_f16(0x1.8p-24f), 0x0002);    // 1.5 ulp: tie to even
    EXPECT_EQ(f32_to_f16(0x1.ff8p-15f), 0x03FF);  // largest subnormal
    EXPECT_EQ(f32_to_f16(0x1.ffcp-15f), 0x0400);  // tie: up into the normal range
    EXPECT_EQ(f32_to_f16(-0.0f), 0x8000);
    EXPECT_EQ(f32_to_f16(0x1p-149f), 0x0000);  // binary32 subnormal
}

TEST(FloatFormats, Bf16ToF32MatchesTheFieldValueForAll65536Encodings) {
    for (std::uint32_t h = 0; h < 0x10000; ++h) {
        const float f = bf16_to_f32(static_cast<std::uint16_t>(h));
        const bool nan = ((h >> 7) & 0xff) == 0xff && (h & 0x7f);
        if (nan) {
            ASSERT_TRUE(std::isnan(f));
            ASSERT_EQ(fbits(f), (h << 16) | 0x400000u) << std::hex << h;
        } else if (((h >> 7) & 0xff) == 0xff) {
            ASSERT_TRUE(std::isinf(f));
        } else {
            ASSERT_EQ(double(f), bf16_value(static_cast<std::uint16_t>(h))) << std::hex << h;
        }
    }
}

TEST(FloatFormats, F32ToBf16MatchesANearestSearchAtEveryTieAndOnRandomPatterns) {
    for (std::uint32_t h = 0; h < 0x10000; ++h) {
        if (((h >> 7) & 0xff) == 0xff) continue;
        const std::uint32_t base = h << 16;
        for (std::uint32_t low : {0x0000u, 0x7FFFu, 0x8000u, 0x8001u, 0xFFFFu}) {
            const float f = bitsf(base | low);
            ASSERT_EQ(f32_to_bf16(f), ref_f32_to_bf16(f)) << std::hex << (base | low);
        }
    }
    std::mt19937 rng(777);
    for (int i = 0; i < 1000000; ++i) {
        const float f = bitsf(rng());
        if (std::isnan(f) || std::isinf(f)) continue;
        ASSERT_EQ(f32_to_bf16(f), ref_f32_to_bf16(f)) << std::hex << fbits(f);
    }
}

TEST(FloatFormats, Bf16CornerValues) {
    EXPECT_EQ(f32_to_bf16(bitsf(0x7F7FFFFF)), 0x7F80);  // overflow to infinity
    EXPECT_EQ(f32_to_bf16(bitsf(0x3F808000)), 0x3F80);  // tie to even
    EXPECT_EQ(f32_to_bf16(bitsf(0x3F818000)), 0x3F82);
    EXPECT_EQ(f32_to_bf16(bitsf(0x007FFFFF)), 0x0080);  // subnormal rounds up to min normal
    EXPECT_EQ(f32_to_bf16(bitsf(0x7F800001)), 0x7FC0);  // NaN stays NaN (quiet)
    EXPECT_EQ(f32_to_bf16(bitsf(0xFF800000)), 0xFF80);
    EXPECT_EQ(fbits(bf16_to_f32(0x0001)), 0x00010000u);  // subnormal kept
}

}  // namespace
}  // namespace nodevp::lpu::test
