// Helpers shared by the GPU kernel tests: seeded random data and bit-exact comparison.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace nodevp::gpu::kernels::testing_support {

using Rng = std::mt19937_64;
constexpr double kU = 0x1p-24;  // unit roundoff of fp32
constexpr double kMinNormal = 0x1p-126;

inline const std::vector<std::uint32_t> kOddSizes = {1, 2, 3, 5, 7, 8, 16, 17, 31, 33, 64, 65, 100};

inline std::uint32_t pick(Rng& rng, const std::vector<std::uint32_t>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

inline std::uint32_t upto(Rng& rng, std::uint32_t hi) {
    return std::uniform_int_distribution<std::uint32_t>(0, hi)(rng);
}

inline float uniform(Rng& rng, float lo = -1.0f, float hi = 1.0f) {
    return std::uniform_real_distribution<float>(lo, hi)(rng);
}

inline std::vector<float> random_floats(Rng& rng, std::size_t n, float lo = -1.0f,
                                        float hi = 1.0f) {
    std::vector<float> v(n);
    for (auto& x : v) x = uniform(rng, lo, hi);
    return v;
}

// Bit-for-bit equality of two float arrays, reporting the first difference.
inline ::testing::AssertionResult same_bits(const float* got, const float* want, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (std::memcmp(&got[i], &want[i], 4) != 0)
            return ::testing::AssertionFailure()
                   << "element " << i << ": " << got[i] << " vs documented order " << want[i];
    return ::testing::AssertionSuccess();
}

}  // namespace nodevp::gpu::kernels::testing_support
