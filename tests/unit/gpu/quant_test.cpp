// The quantise / dequantise kernels (the GPU <-> LPU hand-over of the hybrid demo) against the
// independent reference (tests/gpu/reference/quant_ref.cpp) and hand-computed cases.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "models/gpu/kernels/kernels.hpp"
#include "tests/gpu/reference/reference.hpp"
#include "tests/unit/gpu/support.hpp"

namespace nodevp::gpu::kernels {
namespace {

using namespace testing_support;

TEST(GpuQuantize, BitExactWithReferenceForRandomValuesAndScales) {
    Rng rng(91);
    for (int t = 0; t < 40; ++t) {
        const std::uint32_t n = pick(rng, kOddSizes);
        const float scale = uniform(rng, 0.5f, 80.0f);
        const std::vector<float> x = random_floats(rng, n, -3.0f, 3.0f);
        std::vector<std::int8_t> out(n + 8, 55);
        quantize(n, scale, x.data(), out.data());
        for (std::uint32_t i = 0; i < n; ++i)
            ASSERT_EQ(out[i], ref::quantize_order(x[i], scale))
                << "x " << x[i] << " scale " << scale;
        for (std::uint32_t i = n; i < n + 8; ++i) ASSERT_EQ(out[i], 55) << "wrote past out";
    }
}

TEST(GpuQuantize, RoundsHalfToEvenSaturatesAtPlusMinus127AndMapsNanToZero) {
    const float inf = std::numeric_limits<float>::infinity();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> x = {0.5f,   1.5f,  2.5f,   -0.5f, -1.5f, -2.5f, 126.5f, 126.49f,
                                  127.0f, 200.f, -128.f, -1e9f, inf,   -inf,  nan,    -0.0f};
    const std::vector<std::int8_t> want = {0,   2,   2,    0,    -2,  -2,   126, 126,
                                           127, 127, -127, -127, 127, -127, 0,   0};
    std::vector<std::int8_t> out(x.size());
    quantize(x.size(), 1.0f, x.data(), out.data());
    EXPECT_EQ(out, want);
    // The product is rounded to fp32 before the rounding to an integer: 8.333333f * 0.3f is
    // 2.5000000040 exactly, 2.5f in fp32, and the tie goes to the even 2 (not 3).
    const float x0 = 8.333333015441895f;
    std::int8_t q = 0;
    quantize(1, 0.3f, &x0, &q);
    EXPECT_EQ(q, 2);
}

TEST(GpuDequantize, BitExactWithReferenceForInt8AndInt32) {
    Rng rng(92);
    for (int t = 0; t < 20; ++t) {
        const std::uint32_t n = pick(rng, kOddSizes);
        const float scale = uniform(rng, -0.1f, 0.1f);
        std::vector<std::int8_t> i8(n);
        std::vector<std::int32_t> i32(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            i8[i] = static_cast<std::int8_t>(rng());
            i32[i] = static_cast<std::int32_t>(rng());  // beyond 2^24: the conversion rounds
        }
        std::vector<float> out(n);
        dequantize(DType::i8, n, scale, i8.data(), out.data());
        for (std::uint32_t i = 0; i < n; ++i) {
            const float want = ref::dequantize_order(i8[i], scale);
            ASSERT_EQ(std::memcmp(&out[i], &want, 4), 0) << int{i8[i]};
        }
        dequantize(DType::i32, n, scale, i32.data(), out.data());
        for (std::uint32_t i = 0; i < n; ++i) {
            const float want = ref::dequantize_order(i32[i], scale);
            ASSERT_EQ(std::memcmp(&out[i], &want, 4), 0) << i32[i];
        }
    }
}

TEST(GpuDequantize, HandComputedValues) {
    const std::int8_t q[4] = {-128, -1, 0, 127};
    float out[4];
    dequantize(DType::i8, 4, 0.25f, q, out);
    EXPECT_EQ(out[0], -32.0f);
    EXPECT_EQ(out[1], -0.25f);
    EXPECT_EQ(out[2], 0.0f);
    EXPECT_EQ(out[3], 31.75f);
    const std::int32_t big = 16777217;  // 2^24 + 1 rounds to 2^24 (nearest even)
    float f = 0;
    dequantize(DType::i32, 1, 1.0f, &big, &f);
    EXPECT_EQ(f, 16777216.0f);
}

TEST(GpuQuantValidation, RejectsBadScaleTypeAndOverlapWithNamedErrors) {
    float x[4] = {1, 2, 3, 4};
    std::int8_t q[4] = {};
    auto message = [](auto&& f) {
        try {
            f();
        } catch (const KernelError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const float inf = std::numeric_limits<float>::infinity();
    EXPECT_NE(message([&] { quantize(4, inf, x, q); }).find("gpu kernel quantize: scale"),
              std::string::npos);
    EXPECT_NE(message([&] {
                  quantize(4, 1.0f, x, reinterpret_cast<std::int8_t*>(x) + 2);
              }).find("overlaps"),
              std::string::npos);
    EXPECT_NE(message([&] { dequantize(DType::f16, 4, 1.0f, q, x); }).find("input type f16"),
              std::string::npos);
    EXPECT_NE(message([&] { dequantize(DType::i32, 4, 1.0f, x + 1, x); }).find("overlaps"),
              std::string::npos);
}

}  // namespace
}  // namespace nodevp::gpu::kernels
