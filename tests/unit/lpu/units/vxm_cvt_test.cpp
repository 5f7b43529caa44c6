// CVT between every pair of types and REQ requantisation, at their rounding and saturation
// corners.
#include <cmath>

#include <gtest/gtest.h>

#include "tests/unit/lpu/units/vxm_rig.hpp"

namespace nodevp::lpu::test {
namespace {

using E = ElemType;
using V = std::vector<std::uint32_t>;

TEST(VxmCvt, FloatToIntTruncatesTowardZeroAndSaturates) {
    VxmRig rig;
    const V in = {fbits(127.9f), fbits(128.0f), fbits(-128.9f),  fbits(-129.0f),
                  fbits(-0.9f),  fbits(NAN),    fbits(INFINITY), fbits(-INFINITY)};
    EXPECT_EQ(rig.cvt(E::i8, E::f32, in), (V{127, 127, 0x80, 0x80, 0, 0, 127, 0x80}));
    EXPECT_EQ(
        rig.cvt(E::i32, E::f32,
                {fbits(2147483648.0f), fbits(-2147483648.0f), fbits(2147483520.0f), fbits(-2.5f)}),
        (V{0x7FFFFFFF, 0x80000000u, 2147483520u, raw(-2)}));
    // f16 65504 and −inf into i16; bf16 −3.5 and 1e10 into i32.
    EXPECT_EQ(rig.cvt(E::i16, E::f16, {0x7BFF, 0xFC00, 0x7E00}), (V{0x7FFF, 0x8000, 0}));
    EXPECT_EQ(rig.cvt(E::i32, E::bf16, {0xC060, 0x5015}), (V{raw(-3), 0x7FFFFFFF}));
}

TEST(VxmCvt, NarrowingIntSaturatesAndWideningSignExtends) {
    VxmRig rig;
    EXPECT_EQ(rig.cvt(E::i8, E::i32, {300, raw(-300), raw(-128), 127}), (V{127, 0x80, 0x80, 127}));
    EXPECT_EQ(rig.cvt(E::i8, E::i16, {raw(-129) & 0xFFFF, 128}), (V{0x80, 127}));
    EXPECT_EQ(rig.cvt(E::i16, E::i32, {0x12345678, 0x80000000u}), (V{0x7FFF, 0x8000}));
    EXPECT_EQ(rig.cvt(E::i32, E::i8, {0xFF, 0x7F}), (V{0xFFFFFFFFu, 0x7F}));
    EXPECT_EQ(rig.cvt(E::i16, E::i8, {0x80}), V{0xFF80});
}

TEST(VxmCvt, IntToFloatRoundsOnceToNearestEven) {
    VxmRig rig;
    // 2^24 + 1 ties down to 2^24, 2^24 + 3 ties up to 2^24 + 4.
    EXPECT_EQ(rig.cvt(E::f32, E::i32, {16777217, 16777219, raw(-1)}),
              (V{0x4B800000, 0x4B800002, 0xBF800000}));
    // f16: 2049 ties to 2048, 2051 to 2052; 65519 rounds to 65504, 65520 overflows.
    EXPECT_EQ(rig.cvt(E::f16, E::i32, {2049, 2051, 65519, 65520, raw(-65520)}),
              (V{0x6800, 0x6802, 0x7BFF, 0x7C00, 0xFC00}));
    // bf16: 2^25 + 2^17 + 1 is just above a tie and rounds up to 2^25 + 2^18 (0x4C01); rounding
    // through binary32 first would give the tie and then 2^25 (0x4C00).
    EXPECT_EQ(rig.cvt(E::bf16, E::i32, {33685505, 33685504, raw(-33685505), 0x7FFFFFFF}),
              (V{0x4C01, 0x4C00, 0xCC01, 0x4F00}));
    EXPECT_EQ(rig.cvt(E::bf16, E::i16, {257, 259}), (V{0x4380, 0x4382}));
    EXPECT_EQ(rig.cvt(E::f16, E::i8, {0x80}), V{0xD800});
}

TEST(VxmCvt, FloatToFloatRoundsToNearestEvenAndOverflowsToInfinity) {
    VxmRig rig;
    // f32 → f16: 1 + 2^-11 ties to 1; f32 max overflows; 2^-25 ties to 0; 3·2^-26 to 2^-24.
    EXPECT_EQ(rig.cvt(E::f16, E::f32, {0x3F801000, 0x7F7FFFFF, 0x33000000, 0x33400000}),
              (V{0x3C00, 0x7C00, 0, 0x0001}));
    EXPECT_EQ(rig.cvt(E::bf16, E::f32, {0x3F808000, 0x3F818000, 0x7F7FFFFF}),
              (V{0x3F80, 0x3F82, 0x7F80}));
    // f16 → bf16: 65504 rounds up to 65536; 1 + 2^-10 rounds to 1. bf16 → f16: 65536 overflows,
    // 2^-30 underflows to zero, and a NaN stays a (quiet) NaN.
    EXPECT_EQ(rig.cvt(E::bf16, E::f16, {0x7BFF, 0x3C01, 0x0001}), (V{0x4780, 0x3F80, 0x3380}));
    EXPECT_EQ(rig.cvt(E::f16, E::bf16, {0x4780, 0x3080, 0x7FC1}), (V{0x7C00, 0, 0x7E08}));
    EXPECT_EQ(rig.cvt(E::f32, E::f16, {0x0001, 0xFC00}), (V{0x33800000, 0xFF800000}));
}

TEST(VxmCvt, FloatToFloatQuietsNaNsKeepingSignAndTopPayload) {
    VxmRig rig;
    EXPECT_EQ(rig.cvt(E::f16, E::f16, {0x7C01, 0x3C00}), (V{0x7E01, 0x3C00}));
    EXPECT_EQ(rig.cvt(E::f32, E::f32, {0xFF800001, 0x80000000u}), (V{0xFFC00001, 0x80000000u}));
    EXPECT_EQ(rig.cvt(E::bf16, E::bf16, {0x7F81}), V{0x7FC1});
    EXPECT_EQ(rig.cvt(E::f16, E::f32, {0xFF812345}), V{0xFE09});
    EXPECT_EQ(rig.cvt(E::f32, E::bf16, {0xFF81}), V{0xFFC10000});
}

TEST(VxmCvt, SameIntegerTypeConversionIsACopy) {
    VxmRig rig;
    EXPECT_EQ(rig.cvt(E::i16, E::i16, {0x8001}), V{0x8001});
    EXPECT_EQ(rig.cvt(E::i32, E::i32, {0xDEADBEEFu}), V{0xDEADBEEFu});
}

TEST(VxmReq, RoundsHalfUpIncludingNegativeTies) {
    VxmRig rig;
    // (x + 1) >> 1: 2.5 → 3, −2.5 → −2, −3.5 → −3, −2.25·4 → (−9 + 2) >> 2 = −2.
    EXPECT_EQ(rig.req(E::i8, 1, 1, {5, raw(-5), raw(-7)}), (V{3, 0xFE, 0xFD}));
    EXPECT_EQ(rig.req(E::i8, 1, 2, {raw(-9), raw(-10), 6}), (V{0xFE, 0xFE, 2}));
}

TEST(VxmReq, SaturatesToTheDestinationType) {
    VxmRig rig;
    EXPECT_EQ(rig.req(E::i8, 3, 0, {100, raw(-100), 42}), (V{127, 0x80, 126}));
    EXPECT_EQ(rig.req(E::i16, 3, 0, {100, raw(-100000)}), (V{300, 0x8000}));
    EXPECT_EQ(rig.req(E::i16, 1, 0, {40000}), V{0x7FFF});
    EXPECT_EQ(rig.req(E::i8, -1, 0, {5, raw(-128)}), (V{0xFB, 127}));
}

TEST(VxmReq, UsesA64BitProductUpToShift63) {
    VxmRig rig;
    const std::int64_t smin = kImmSignedMin, smax = kImmSignedMax;
    // INT32_MIN · −2^29 = 2^60: (2^60 + 2^59) >> 60 = 1; (2^60 + 2^62) >> 63 = 0.
    EXPECT_EQ(rig.req(E::i8, smin, 60, {0x80000000u}), V{1});
    EXPECT_EQ(rig.req(E::i8, smin, 63, {0x80000000u}), V{0});
    // INT32_MAX · −2^29 = −2^60 + 2^29: rounds half up to −1 at shift 60.
    EXPECT_EQ(rig.req(E::i8, smin, 60, {0x7FFFFFFF}), V{0xFF});
    EXPECT_EQ(rig.req(E::i16, smax, 45, {0x7FFFFFFF}), V{0x8000 - 1});
    EXPECT_EQ(rig.req(E::i16, smax, 46, {0x7FFFFFFF}), V{0x4000});
}

}  // namespace
}  // namespace nodevp::lpu::test
