// The ISS soft-float (models/cpu/fp.hpp) against two independent references:
// - hand-computed IEEE-754 cases (expected encodings and flags worked out in the comments);
// - the host's x86-64 SSE/FMA hardware through <cfenv>, for random operands in the four rounding
//   modes the host has (RNE, RTZ, RDN, RUP). x86 also detects tininess after rounding and raises
//   underflow only when the result is also inexact (masked exceptions), as RISC-V does; only NaN
//   results differ (x86 propagates payloads), so any host NaN is compared as "our result is the
//   canonical NaN". This file is built with -frounding-math (tests/unit/cpu/CMakeLists.txt).
#include "models/cpu/fp.hpp"

#include <cfenv>
#include <cmath>
#include <cstring>
#include <random>

#include <gtest/gtest.h>

namespace nodevp::cpu::fp {
namespace {

constexpr std::uint32_t kQNaN32 = 0x7fc00000, kSNaN32 = 0x7f800001, kInf32 = 0x7f800000;
constexpr std::uint64_t kQNaN64 = 0x7ff8000000000000, kInf64 = 0x7ff0000000000000;

// ---- Hand-computed cases ----

TEST(FpTest, AddRoundsTiesInEveryMode) {
    // 1 + 2^-24 is exactly half an ulp above 1.0f (ulp 2^-23): a tie.
    const std::uint32_t one = 0x3f800000, half_ulp = 0x33800000;
    unsigned fl = 0;
    EXPECT_EQ(add<std::uint32_t>(one, half_ulp, kRne, fl), one);  // to even (1.0)
    EXPECT_EQ(fl, kNX);
    EXPECT_EQ(add<std::uint32_t>(one, half_ulp, kRmm, fl), 0x3f800001u);  // away from zero
    EXPECT_EQ(add<std::uint32_t>(one, half_ulp, kRup, fl), 0x3f800001u);
    EXPECT_EQ(add<std::uint32_t>(one, half_ulp, kRtz, fl), one);
    EXPECT_EQ(add<std::uint32_t>(one, half_ulp, kRdn, fl), one);
    // -(1 + 2^-24): RMM gives -(1 + 2^-23), RDN too, RUP truncates.
    EXPECT_EQ(add<std::uint32_t>(0xbf800000, 0xb3800000, kRmm, fl), 0xbf800001u);
    EXPECT_EQ(add<std::uint32_t>(0xbf800000, 0xb3800000, kRdn, fl), 0xbf800001u);
    EXPECT_EQ(add<std::uint32_t>(0xbf800000, 0xb3800000, kRup, fl), 0xbf800000u);
    // 1 + 3*2^-24 = 1 + 1.5 ulp: a tie between 1+ulp (odd) and 1+2ulp (even): RNE and RMM agree.
    EXPECT_EQ(add<std::uint32_t>(one, 0x34400000, kRne, fl), 0x3f800002u);
    EXPECT_EQ(add<std::uint32_t>(one, 0x34400000, kRmm, fl), 0x3f800002u);
}

TEST(FpTest, ExactZeroSumIsNegativeOnlyWhenRoundingDown) {
    unsigned fl = 0;
    EXPECT_EQ(sub<std::uint64_t>(0x3ff0000000000000, 0x3ff0000000000000, kRne, fl), 0u);
    EXPECT_EQ(sub<std::uint64_t>(0x3ff0000000000000, 0x3ff0000000000000, kRdn, fl),
              0x8000000000000000u);
    EXPECT_EQ(add<std::uint32_t>(0x80000000, 0x80000000, kRne, fl), 0x80000000u);  // -0 + -0
    EXPECT_EQ(fl, 0u);
}

TEST(FpTest, TininessIsDetectedAfterRounding) {
    // a = (1 - 2^-13) * 2^-63, b = (1 + 2^-13) * 2^-63: a*b = (1 - 2^-26) * 2^-126, just below
    // the smallest normal. Rounded to 24 bits with an unbounded exponent it is 2^-126 (not tiny):
    // RNE gives the smallest normal 0x00800000 with NX only. RTZ gives the largest subnormal
    // 0x007fffff, and rounding to 24 bits gives 1 - 2^-24 (tiny): NX and UF.
    const std::uint32_t a = 0x1ffff800, b = 0x20000400;
    unsigned fl = 0;
    EXPECT_EQ(mul<std::uint32_t>(a, b, kRne, fl), 0x00800000u);
    EXPECT_EQ(fl, kNX);
    fl = 0;
    EXPECT_EQ(mul<std::uint32_t>(a, b, kRtz, fl), 0x007fffffu);
    EXPECT_EQ(fl, kNX | kUF);
    // An exact subnormal result raises no UF: 2^-126 / 2 = 2^-127 (0x00400000).
    fl = 0;
    EXPECT_EQ(mul<std::uint32_t>(0x00800000, 0x3f000000, kRne, fl), 0x00400000u);
    EXPECT_EQ(fl, 0u);
}

TEST(FpTest, OverflowDependsOnRoundingMode) {
    const std::uint32_t big = 0x7f7fffff;  // largest finite
    unsigned fl = 0;
    EXPECT_EQ(mul<std::uint32_t>(big, 0x40000000, kRne, fl), kInf32);
    EXPECT_EQ(fl, kOF | kNX);
    EXPECT_EQ(mul<std::uint32_t>(big, 0x40000000, kRtz, fl), big);
    EXPECT_EQ(mul<std::uint32_t>(big, 0x40000000, kRdn, fl), big);
    EXPECT_EQ(mul<std::uint32_t>(big | 0x80000000, 0x40000000, kRdn, fl), kInf32 | 0x80000000);
    EXPECT_EQ(mul<std::uint32_t>(big | 0x80000000, 0x40000000, kRup, fl), big | 0x80000000);
}

TEST(FpTest, InvalidOperationsGiveTheCanonicalNaN) {
    unsigned fl = 0;
    EXPECT_EQ(sub<std::uint32_t>(kInf32, kInf32, kRne, fl), kQNaN32);
    EXPECT_EQ(fl, kNV);
    fl = 0;
    EXPECT_EQ(sqrt<std::uint64_t>(0xbff0000000000000, kRne, fl), kQNaN64);  // sqrt(-1)
    EXPECT_EQ(fl, kNV);
    fl = 0;
    EXPECT_EQ(sqrt<std::uint64_t>(0x8000000000000000, kRne, fl), 0x8000000000000000u);  // -0
    EXPECT_EQ(fl, 0u);
    EXPECT_EQ(div<std::uint32_t>(0x3f800000, 0x80000000, kRne, fl), kInf32 | 0x80000000);
    EXPECT_EQ(fl, kDZ);
    fl = 0;
    // A quiet NaN with a payload propagates as the canonical NaN, without NV.
    EXPECT_EQ(add<std::uint32_t>(0x7fc12345, 0x3f800000, kRne, fl), kQNaN32);
    EXPECT_EQ(fl, 0u);
    EXPECT_EQ(add<std::uint32_t>(kSNaN32, 0x3f800000, kRne, fl), kQNaN32);
    EXPECT_EQ(fl, kNV);
    // fma(inf, 0, qNaN) is invalid on RISC-V.
    fl = 0;
    EXPECT_EQ(fma<std::uint64_t>(kInf64, 0, kQNaN64, kRne, fl), kQNaN64);
    EXPECT_EQ(fl, kNV);
}

TEST(FpTest, FmaRoundsOnce) {
    // (1 + 2^-52) * (1 - 2^-52) - 1 = -2^-104 exactly; a separate multiply would round the
    // product to 1.0 and give 0.
    unsigned fl = 0;
    EXPECT_EQ(
        fma<std::uint64_t>(0x3ff0000000000001, 0x3feffffffffffffe, 0xbff0000000000000, kRne, fl),
        0xb970000000000000u);
    EXPECT_EQ(fl, 0u);
}

TEST(FpTest, MinMaxOrderZerosAndSkipOneNaN) {
    unsigned fl = 0;
    EXPECT_EQ(min<std::uint32_t>(0x00000000, 0x80000000, fl), 0x80000000u);
    EXPECT_EQ(max<std::uint32_t>(0x80000000, 0x00000000, fl), 0x00000000u);
    EXPECT_EQ(min<std::uint32_t>(kQNaN32, 0x3f800000, fl), 0x3f800000u);
    EXPECT_EQ(fl, 0u);
    EXPECT_EQ(max<std::uint32_t>(0x3f800000, kSNaN32, fl), 0x3f800000u);
    EXPECT_EQ(fl, kNV);
    EXPECT_EQ(min<std::uint32_t>(kSNaN32, kQNaN32, fl), kQNaN32);
}

TEST(FpTest, ComparisonsSignalAsSpecified) {
    unsigned fl = 0;
    EXPECT_TRUE(eq<std::uint32_t>(0x00000000, 0x80000000, fl));
    EXPECT_FALSE(eq<std::uint32_t>(kQNaN32, kQNaN32, fl));
    EXPECT_EQ(fl, 0u);  // feq is quiet
    EXPECT_FALSE(lt<std::uint32_t>(kQNaN32, 0x3f800000, fl));
    EXPECT_EQ(fl, kNV);  // flt signals on any NaN
    fl = 0;
    EXPECT_FALSE(eq<std::uint32_t>(kSNaN32, 0, fl));
    EXPECT_EQ(fl, kNV);
    EXPECT_TRUE(le<std::uint64_t>(0x8000000000000000, 0, fl));
    EXPECT_FALSE(lt<std::uint64_t>(0x8000000000000000, 0, fl));
}

TEST(FpTest, ClassifiesEveryKind) {
    EXPECT_EQ(classify<std::uint32_t>(0xff800000), 1u << 0);
    EXPECT_EQ(classify<std::uint32_t>(0xbf800000), 1u << 1);
    EXPECT_EQ(classify<std::uint32_t>(0x807fffff), 1u << 2);
    EXPECT_EQ(classify<std::uint32_t>(0x80000000), 1u << 3);
    EXPECT_EQ(classify<std::uint32_t>(0x00000000), 1u << 4);
    EXPECT_EQ(classify<std::uint32_t>(0x00000001), 1u << 5);
    EXPECT_EQ(classify<std::uint32_t>(0x00800000), 1u << 6);
    EXPECT_EQ(classify<std::uint32_t>(kInf32), 1u << 7);
    EXPECT_EQ(classify<std::uint32_t>(kSNaN32), 1u << 8);
    EXPECT_EQ(classify<std::uint64_t>(kQNaN64), 1u << 9);
}

TEST(FpTest, ConversionsSaturate) {
    unsigned fl = 0;
    EXPECT_EQ(to_int<std::uint32_t>(kQNaN32, 32, true, kRne, fl), 0x7fffffffu);
    EXPECT_EQ(fl, kNV);
    fl = 0;
    EXPECT_EQ(to_int<std::uint32_t>(0xff800000, 32, true, kRne, fl), 0x80000000u);  // -inf
    EXPECT_EQ(to_int<std::uint32_t>(0xcf000001, 32, true, kRne, fl), 0x80000000u);  // < -2^31
    EXPECT_EQ(to_int<std::uint64_t>(0x41e0000000000000, 32, true, kRne, fl), 0x7fffffffu);  // 2^31
    EXPECT_EQ(fl, kNV);
    fl = 0;
    EXPECT_EQ(to_int<std::uint32_t>(0xcf000000, 32, true, kRne, fl), 0x80000000u);  // -2^31 fits
    EXPECT_EQ(fl, 0u);
    // Unsigned: -0.5 rounds to 0 in RTZ (NX only), to -1 in RDN (invalid, 0).
    EXPECT_EQ(to_int<std::uint32_t>(0xbf000000, 32, false, kRtz, fl), 0u);
    EXPECT_EQ(fl, kNX);
    fl = 0;
    EXPECT_EQ(to_int<std::uint32_t>(0xbf000000, 32, false, kRdn, fl), 0u);
    EXPECT_EQ(fl, kNV);
    EXPECT_EQ(to_int<std::uint32_t>(kQNaN32, 64, false, kRne, fl), ~std::uint64_t{0});
    // 2.5 in each mode: RNE 2, RMM 3, RUP 3, RDN 2, RTZ 2; -2.5 in RMM: -3.
    const std::uint64_t two_and_half = 0x4004000000000000;
    EXPECT_EQ(to_int<std::uint64_t>(two_and_half, 64, true, kRne, fl), 2u);
    EXPECT_EQ(to_int<std::uint64_t>(two_and_half, 64, true, kRmm, fl), 3u);
    EXPECT_EQ(to_int<std::uint64_t>(two_and_half, 64, true, kRup, fl), 3u);
    EXPECT_EQ(to_int<std::uint64_t>(two_and_half, 64, true, kRdn, fl), 2u);
    EXPECT_EQ(to_int<std::uint64_t>(two_and_half | (1ull << 63), 64, true, kRmm, fl),
              static_cast<std::uint64_t>(-3));
    // Integer -> float: 2^24 + 1 is a tie in binary32 (RNE 2^24, RMM 2^24 + 2).
    fl = 0;
    EXPECT_EQ(from_int<std::uint32_t>(16777217, 32, true, kRne, fl), 0x4b800000u);
    EXPECT_EQ(from_int<std::uint32_t>(16777217, 32, true, kRmm, fl), 0x4b800001u);
    EXPECT_EQ(fl, kNX);
    EXPECT_EQ(from_int<std::uint64_t>(0x80000000, 32, true, kRne, fl), 0xc1e0000000000000u);
    EXPECT_EQ(from_int<std::uint64_t>(0x80000000, 32, false, kRne, fl), 0x41e0000000000000u);
}

// ---- Against the host FPU ----

template <class T>
using Host = std::conditional_t<sizeof(T) == 4, float, double>;

template <class T>
Host<T> as_float(T v) {
    Host<T> f;
    std::memcpy(&f, &v, sizeof f);
    return f;
}
template <class T>
T as_bits(Host<T> f) {
    T v;
    std::memcpy(&v, &f, sizeof v);
    return v;
}
unsigned host_flags() {
    const int e = std::fetestexcept(FE_ALL_EXCEPT);
    return ((e & FE_INEXACT) ? kNX : 0u) | ((e & FE_UNDERFLOW) ? kUF : 0u) |
           ((e & FE_OVERFLOW) ? kOF : 0u) | ((e & FE_DIVBYZERO) ? kDZ : 0u) |
           ((e & FE_INVALID) ? kNV : 0u);
}
constexpr int kHostMode[] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};

// Random encodings biased towards the interesting exponents (near 0, subnormal, near overflow,
// near each other) and special values.
template <class T>
T random_operand(std::mt19937_64& rng) {
    constexpr unsigned kFrac = sizeof(T) == 4 ? 23 : 52;
    constexpr T kExpMax = sizeof(T) == 4 ? 0xff : 0x7ff;
    const T sign = T(rng() & 1) << (sizeof(T) * 8 - 1);
    const T frac = static_cast<T>(rng()) & ((T(1) << kFrac) - 1);
    T exp;
    switch (rng() % 8) {
        case 0:
            exp = 0;
            break;  // zero or subnormal
        case 1:
            exp = kExpMax - 1 - rng() % 3;
            break;
        case 2:
            exp = 1 + rng() % 3;
            break;
        case 3:
            return sign | (rng() % 2 ? (kExpMax << kFrac) : 0);  // inf or zero
        default:
            exp = kExpMax / 2 - 30 + rng() % 60;
            break;
    }
    if (rng() % 16 == 0) return sign | (kExpMax << kFrac) | frac | 1;  // NaN
    if (rng() % 4 == 0) return sign | (exp << kFrac) | (frac & ~((T(1) << (kFrac / 2)) - 1));
    return sign | (exp << kFrac) | frac;
}

template <class T>
void expect_same(T ours, unsigned our_flags, Host<T> host, unsigned hflags, const char* what, T a,
                 T b, T c, unsigned rm) {
    const T expected = std::isnan(host) ? canonical_nan<T>() : as_bits<T>(Host<T>(host));
    ASSERT_EQ(ours, expected) << what << " rm " << rm << std::hex << " a " << a << " b " << b
                              << " c " << c;
    ASSERT_EQ(our_flags, hflags) << what << " rm " << rm << std::hex << " a " << a << " b " << b
                                 << " c " << c;
}

template <class T>
void compare_with_host(unsigned seed) {
    using F = Host<T>;
    std::mt19937_64 rng(seed);
    for (int i = 0; i < 200000; ++i) {
        const T a = random_operand<T>(rng), b = random_operand<T>(rng), c = random_operand<T>(rng);
        const unsigned rm = static_cast<unsigned>(rng() % 4);
        volatile F x = as_float(a), y = as_float(b), z = as_float(c);
        volatile F r;
        unsigned fl;
        std::fesetround(kHostMode[rm]);
#define NODEVP_CHECK(name, ours, host_expr)              \
    fl = 0;                                              \
    std::feclearexcept(FE_ALL_EXCEPT);                   \
    r = host_expr;                                       \
    {                                                    \
        const unsigned hf = host_flags();                \
        const T o = ours;                                \
        std::fesetround(FE_TONEAREST);                   \
        expect_same<T>(o, fl, r, hf, name, a, b, c, rm); \
        std::fesetround(kHostMode[rm]);                  \
    }
        NODEVP_CHECK("add", add<T>(a, b, rm, fl), x + y)
        NODEVP_CHECK("sub", sub<T>(a, b, rm, fl), x - y)
        NODEVP_CHECK("mul", mul<T>(a, b, rm, fl), x * y)
        NODEVP_CHECK("div", div<T>(a, b, rm, fl), x / y)
        NODEVP_CHECK("sqrt", sqrt<T>(a, rm, fl), std::sqrt(x))
        // x86 leaves fma(inf, 0, qNaN) quiet; RISC-V makes it invalid (checked by hand above).
        const bool inf_times_zero = (std::isinf(x) && y == 0) || (x == 0 && std::isinf(y));
        if (!inf_times_zero) {
            NODEVP_CHECK("fma", fma<T>(a, b, c, rm, fl), std::fma(x, y, z))
        }
#undef NODEVP_CHECK
        std::fesetround(FE_TONEAREST);
        if (::testing::Test::HasFatalFailure()) return;
    }
}

TEST(FpTest, MatchesHostFpuOnRandomBinary32) {
    compare_with_host<std::uint32_t>(1);
}
TEST(FpTest, MatchesHostFpuOnRandomBinary64) {
    compare_with_host<std::uint64_t>(2);
}

TEST(FpTest, ConversionsMatchHostFpuOnRandomOperands) {
    std::mt19937_64 rng(3);
    for (int i = 0; i < 200000; ++i) {
        const unsigned rm = static_cast<unsigned>(rng() % 4);
        const std::uint64_t d = random_operand<std::uint64_t>(rng);
        const auto i64 = static_cast<std::int64_t>(rng() >> (rng() % 64));
        unsigned fl = 0;
        std::fesetround(kHostMode[rm]);
        std::feclearexcept(FE_ALL_EXCEPT);
        volatile double x = as_float<std::uint64_t>(d);
        volatile float narrowed = static_cast<float>(x);
        const unsigned nf = host_flags();
        std::feclearexcept(FE_ALL_EXCEPT);
        volatile std::int64_t src = i64;
        volatile double from = static_cast<double>(src);
        volatile float from32 = static_cast<float>(src);
        const unsigned ff = host_flags();
        std::fesetround(FE_TONEAREST);
        const std::uint32_t n = narrow(d, rm, fl);
        expect_same<std::uint32_t>(n, fl, narrowed, nf, "narrow", d, 0, 0, rm);
        fl = 0;
        const std::uint64_t ours =
            from_int<std::uint64_t>(static_cast<std::uint64_t>(i64), 64, true, rm, fl);
        const std::uint32_t ours32 =
            from_int<std::uint32_t>(static_cast<std::uint64_t>(i64), 64, true, rm, fl);
        ASSERT_EQ(ours, as_bits<std::uint64_t>(from)) << i64 << " rm " << rm;
        ASSERT_EQ(ours32, as_bits<std::uint32_t>(from32)) << i64 << " rm " << rm;
        ASSERT_EQ(fl, ff) << i64 << " rm " << rm;
        // Float -> int64 in range: compare with nearbyint in the same mode.
        const double v = as_float<std::uint64_t>(d);
        if (std::isfinite(v) && std::fabs(v) < 9.0e18) {
            std::fesetround(kHostMode[rm]);
            const double rounded = std::nearbyint(v);
            std::fesetround(FE_TONEAREST);
            fl = 0;
            EXPECT_EQ(static_cast<std::int64_t>(to_int<std::uint64_t>(d, 64, true, rm, fl)),
                      static_cast<std::int64_t>(rounded))
                << v << " rm " << rm;
            EXPECT_EQ(fl, rounded == v ? 0u : kNX) << v;
        }
    }
}

}  // namespace
}  // namespace nodevp::cpu::fp
