// The GPU kernel library (models/gpu/kernels) against the independent reference in
// tests/gpu/reference, under the contract of docs/gpu/kernels.md: the fp16/bf16 conversions and
// the GEMM, bit-exact with the documented arithmetic for every type combination, transpose,
// batch, ISA variant and path; seeded random shapes including odd sizes; every validation error.
// The other kernels are in ops_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "models/gpu/kernels/float16.hpp"
#include "models/gpu/kernels/gemm_variants.hpp"
#include "models/gpu/kernels/kernels.hpp"
#include "tests/gpu/reference/reference.hpp"
#include "tests/unit/gpu/support.hpp"

namespace nodevp::gpu::kernels {

// GoogleTest prints parameters through PrintTo, found by ADL in DType's namespace.
void PrintTo(DType t, std::ostream* os) {
    *os << to_string(t);
}

namespace {

using namespace testing_support;

constexpr std::uint8_t kGuard = 0xa5;
constexpr std::size_t kGuardBytes = 64;

// Random bytes holding `n` elements of type t (plus guard bytes): f32 in [-1, 1), f16/bf16
// rounded from [-2, 2) with a few tiny (subnormal in f16) values, i8 and i32 anything.
std::vector<std::uint8_t> random_elems(Rng& rng, DType t, std::uint64_t bytes) {
    std::vector<std::uint8_t> buf(bytes + kGuardBytes, kGuard);
    const unsigned sz = size_of(t);
    for (std::uint64_t off = 0; off + sz <= bytes; off += sz) {
        switch (t) {
            case DType::f32: {
                const float f = uniform(rng);
                std::memcpy(&buf[off], &f, 4);
                break;
            }
            case DType::f16:
            case DType::bf16: {
                const bool tiny = upto(rng, 49) == 0;
                const double x = tiny ? uniform(rng) * 1e-6 : uniform(rng, -2.0f, 2.0f);
                const std::uint16_t h = t == DType::f16 ? ref::f16_round(x) : ref::bf16_round(x);
                std::memcpy(&buf[off], &h, 2);
                break;
            }
            case DType::i8:
                buf[off] = static_cast<std::uint8_t>(rng());
                break;
            case DType::i32: {
                const auto v = static_cast<std::uint32_t>(rng());
                std::memcpy(&buf[off], &v, 4);
                break;
            }
        }
    }
    return buf;
}

bool guard_intact(const std::vector<std::uint8_t>& buf) {
    for (std::size_t i = buf.size() - kGuardBytes; i < buf.size(); ++i)
        if (buf[i] != kGuard) return false;
    return true;
}

std::string describe(const GemmParams& p) {
    std::ostringstream s;
    s << to_string(p.ab_type) << "->" << to_string(p.c_type) << " ta=" << p.trans_a
      << " tb=" << p.trans_b << " m=" << p.m << " n=" << p.n << " k=" << p.k << " batch=" << p.batch
      << " lda=" << p.lda << " ldb=" << p.ldb << " ldc=" << p.ldc << " sa=" << p.stride_a
      << " sb=" << p.stride_b << " sc=" << p.stride_c << " alpha=" << p.alpha << " beta=" << p.beta;
    return s.str();
}

// ---------------------------------------------------------------- number formats

TEST(GpuFloat16, WideningMatchesReferenceForEveryBitPattern) {
    for (std::uint32_t h = 0; h < 0x10000; ++h) {
        const auto bits = static_cast<std::uint16_t>(h);
        const double want16 = ref::f16_value(bits), want_b = ref::bf16_value(bits);
        const float got16 = f16_to_f32(bits), got_b = bf16_to_f32(bits);
        if (std::isnan(want16)) {
            EXPECT_TRUE(std::isnan(got16)) << std::hex << h;
        } else {
            EXPECT_EQ(static_cast<double>(got16), want16) << std::hex << h;
            EXPECT_EQ(std::signbit(got16), std::signbit(want16)) << std::hex << h;
            EXPECT_EQ(f32_to_f16(got16), bits) << "round trip " << std::hex << h;
        }
        if (std::isnan(want_b)) {
            EXPECT_TRUE(std::isnan(got_b)) << std::hex << h;
        } else {
            EXPECT_EQ(static_cast<double>(got_b), want_b) << std::hex << h;
            EXPECT_EQ(f32_to_bf16(got_b), bits) << "round trip " << std::hex << h;
        }
    }
}

TEST(GpuFloat16, NarrowingRoundsToNearestEvenLikeReference) {
    Rng rng(7);
    std::vector<std::uint32_t> samples = {
        0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7f7fffffu,   // 0, inf, max
        0x477fe000u, 0x477ff000u, 0x477fefffu,                             // 65504, 65520-
        0x33000000u, 0x33000001u, 0x32ffffffu, 0x33c00000u,                // 2^-25 ties
        0x387fc000u, 0x387fe000u, 0x38800000u,                             // f16 min normal
        0x3f808000u, 0x3f818000u, 0x3f80c000u, 0x00000001u, 0x007fffffu};  // bf16 ties
    for (int i = 0; i < 200000; ++i) samples.push_back(static_cast<std::uint32_t>(rng()));
    for (std::uint32_t u : samples) {
        const float f = f32_from_bits(u);
        if (std::isnan(f)) {
            EXPECT_EQ(f32_to_f16(f) & 0x7e00u, 0x7e00u) << "quiet f16 NaN " << std::hex << u;
            EXPECT_EQ(f32_to_bf16(f) & 0x7fc0u, 0x7fc0u) << "quiet bf16 NaN " << std::hex << u;
            continue;
        }
        ASSERT_EQ(f32_to_f16(f), ref::f16_round(f)) << std::hex << u;
        ASSERT_EQ(f32_to_bf16(f), ref::bf16_round(f)) << std::hex << u;
    }
    // Hand-checked cases: 65520 is the f16 overflow tie (to even: infinity); 1 + 2^-8 is a bf16
    // tie that stays at 1; 1 + 3 * 2^-8 rounds up to 1 + 2^-6.
    EXPECT_EQ(f32_to_f16(65520.0f), 0x7c00u);
    EXPECT_EQ(f32_to_f16(65519.0f), 0x7bffu);
    EXPECT_EQ(f32_to_bf16(1.0f + 0x1p-8f), 0x3f80u);
    EXPECT_EQ(f32_to_bf16(1.0f + 3 * 0x1p-8f), 0x3f82u);
}

// ---------------------------------------------------------------- GEMM

struct GemmCase {
    GemmParams p;
    std::vector<std::uint8_t> a, b, c;
};

GemmParams random_gemm_params(Rng& rng, DType ab, DType c, bool ta, bool tb) {
    GemmParams p;
    p.ab_type = ab;
    p.c_type = c;
    p.trans_a = ta;
    p.trans_b = tb;
    p.m = pick(rng, kOddSizes);
    p.n = pick(rng, kOddSizes);
    p.k = pick(rng, {1, 2, 3, 7, 16, 17, 33, 65, 129, 257});
    p.batch = pick(rng, {1, 1, 2, 3});
    p.lda = (ta ? p.m : p.k) + pick(rng, {0, 0, 1, 3});
    p.ldb = (tb ? p.k : p.n) + pick(rng, {0, 0, 1, 3});
    p.ldc = p.n + pick(rng, {0, 0, 1, 2});
    const std::uint64_t a_one = std::uint64_t{ta ? p.k : p.m} * p.lda;
    const std::uint64_t b_one = std::uint64_t{tb ? p.n : p.k} * p.ldb;
    p.stride_a = upto(rng, 4) == 0 ? 0 : a_one + upto(rng, 5);  // 0: every batch shares A
    p.stride_b = upto(rng, 4) == 0 ? 0 : b_one + upto(rng, 5);
    p.stride_c = std::uint64_t{p.m} * p.ldc + upto(rng, 5);
    if (ab == DType::i8) {
        p.alpha = 1.0f;
        p.beta = upto(rng, 1) ? 1.0f : 0.0f;
    } else {
        const std::vector<float> alphas = {1.0f, 0.5f, -1.25f, 3.0f},
                                 betas = {0.0f, 1.0f, -0.5f, 2.0f};
        p.alpha = alphas[upto(rng, 3)];
        p.beta = betas[upto(rng, 3)];
    }
    return p;
}

GemmCase make_case(Rng& rng, const GemmParams& p) {
    GemmCase g;
    g.p = p;
    g.a = random_elems(rng, p.ab_type, gemm_bytes_a(p));
    g.b = random_elems(rng, p.ab_type, gemm_bytes_b(p));
    g.c = random_elems(rng, p.c_type, gemm_bytes_c(p));
    return g;
}

// Runs the library (variant `isa`) and the reference on copies of C; compares every byte of C,
// including the gaps between rows and batches, and checks the guard bytes.
void expect_gemm_bit_exact(const GemmCase& g, GemmIsa isa) {
    SCOPED_TRACE(describe(g.p));
    std::vector<std::uint8_t> got = g.c, want = g.c;
    gemm_with_isa(isa, g.p, g.a.data(), g.b.data(), got.data());
    ref::gemm_order(g.p, g.a.data(), g.b.data(), want.data());
    EXPECT_TRUE(guard_intact(got)) << "GEMM wrote past C";
    const std::size_t sz = size_of(g.p.c_type);
    for (std::size_t off = 0; off < got.size(); off += sz) {
        if (std::memcmp(&got[off], &want[off], sz) != 0) {
            ADD_FAILURE() << "first differing C element at byte " << off;
            return;
        }
    }
}

class GpuGemm : public ::testing::TestWithParam<std::pair<DType, DType>> {};

TEST_P(GpuGemm, BitExactWithReferenceOrderForRandomShapesTransposesAndBatches) {
    const auto [ab, c] = GetParam();
    Rng rng(1000 + 10 * static_cast<unsigned>(ab) + static_cast<unsigned>(c));
    for (int tr = 0; tr < 4; ++tr)
        for (int i = 0; i < 10; ++i)
            expect_gemm_bit_exact(make_case(rng, random_gemm_params(rng, ab, c, tr & 1, tr & 2)),
                                  gemm_best_isa());
}

INSTANTIATE_TEST_SUITE_P(
    AllTypeCombinations, GpuGemm,
    ::testing::Values(std::pair{DType::f32, DType::f32}, std::pair{DType::f16, DType::f16},
                      std::pair{DType::f16, DType::f32}, std::pair{DType::bf16, DType::bf16},
                      std::pair{DType::bf16, DType::f32}, std::pair{DType::i8, DType::i32}),
    [](const auto& info) {
        return std::string(to_string(info.param.first)) + "_" + to_string(info.param.second);
    });

TEST(GpuGemmIsa, EveryVariantTheHostHasGivesTheSameBits) {
    const std::vector<std::pair<DType, DType>> types = {{DType::f32, DType::f32},
                                                        {DType::f16, DType::f32},
                                                        {DType::bf16, DType::bf16},
                                                        {DType::i8, DType::i32}};
    int ran = 0;
    for (GemmIsa isa : {GemmIsa::generic, GemmIsa::avx2, GemmIsa::avx512}) {
        if (!gemm_isa_available(isa)) continue;
        ++ran;
        Rng rng(55);
        for (const auto& [ab, c] : types)
            for (int i = 0; i < 6; ++i)
                expect_gemm_bit_exact(make_case(rng, random_gemm_params(rng, ab, c, i & 1, i & 2)),
                                      isa);
    }
    EXPECT_GE(ran, 1);
}

TEST(GpuGemm, SpanningSeveralPackedBlocksStaysBitExact) {
    Rng rng(3);
    GemmParams p;
    p.m = 40, p.n = 300, p.k = 3001;  // k this deep makes several row and column blocks
    p.lda = p.k, p.ldb = p.n, p.ldc = p.n;
    p.beta = 0.5f;
    expect_gemm_bit_exact(make_case(rng, p), gemm_best_isa());
    p.ab_type = DType::i8, p.c_type = DType::i32, p.beta = 1.0f;
    expect_gemm_bit_exact(make_case(rng, p), gemm_best_isa());
}

TEST(GpuGemm, FewRowsPathsStayBitExactAcrossBlocks) {
    // Fewer rows than a tile: B streamed in place (fp32, not transposed; n wider than one chunk)
    // or gathered in blocks of k (transposed, narrow types), every ISA variant.
    Rng rng(4);
    for (GemmIsa isa : {GemmIsa::generic, GemmIsa::avx2, GemmIsa::avx512}) {
        if (!gemm_isa_available(isa)) continue;
        GemmParams p;
        p.m = 3, p.n = 20000, p.k = 9, p.lda = p.k, p.ldb = p.n, p.ldc = p.n, p.beta = -1.5f;
        expect_gemm_bit_exact(make_case(rng, p), isa);
        p.n = 77, p.k = 1000, p.lda = p.k, p.ldb = p.k, p.ldc = p.n, p.trans_b = true;
        for (auto [ab, c] : {std::pair{DType::f32, DType::f32}, std::pair{DType::bf16, DType::bf16},
                             std::pair{DType::f16, DType::f32}}) {
            p.ab_type = ab, p.c_type = c;
            expect_gemm_bit_exact(make_case(rng, p), isa);
        }
        p.ab_type = DType::i8, p.c_type = DType::i32, p.beta = 1.0f, p.m = 1;
        expect_gemm_bit_exact(make_case(rng, p), isa);
    }
}

TEST(GpuGemm, OperandsNeedNoAlignment) {
    // Guest addresses may be odd: every operand one byte past an aligned address.
    Rng rng(6);
    for (std::uint32_t m : {1u, 20u}) {
        for (DType t : {DType::f32, DType::f16}) {
            GemmParams p;
            p.ab_type = t, p.c_type = DType::f32;
            p.m = m, p.n = 40, p.k = 30, p.lda = p.k, p.ldb = p.n, p.ldc = p.n, p.beta = 1.0f;
            const GemmCase g = make_case(rng, p);
            const auto shifted = [](const std::vector<std::uint8_t>& v) {
                std::vector<std::uint8_t> s(1, 0);
                s.insert(s.end(), v.begin(), v.end());
                return s;
            };
            const std::vector<std::uint8_t> a = shifted(g.a), b = shifted(g.b);
            std::vector<std::uint8_t> got = shifted(g.c), want = g.c;
            gemm(p, a.data() + 1, b.data() + 1, got.data() + 1);
            ref::gemm_order(p, g.a.data(), g.b.data(), want.data());
            EXPECT_EQ(std::memcmp(got.data() + 1, want.data(), want.size()), 0) << describe(p);
        }
    }
}

TEST(GpuGemm, Fp32MeetsTheRecursiveSummationBound) {
    // |C - exact| <= 1.01 * k * u * sum_p |a b| for alpha 1, beta 0 (docs/gpu/kernels.md).
    Rng rng(11);
    for (int t = 0; t < 20; ++t) {
        GemmParams p = random_gemm_params(rng, DType::f32, DType::f32, t & 1, t & 2);
        p.alpha = 1.0f, p.beta = 0.0f;
        GemmCase g = make_case(rng, p);
        SCOPED_TRACE(describe(p));
        std::vector<std::uint8_t> c = g.c;
        gemm(p, g.a.data(), g.b.data(), c.data());
        for (std::uint32_t bi = 0; bi < p.batch; ++bi)
            for (std::uint32_t i = 0; i < p.m; ++i)
                for (std::uint32_t j = 0; j < p.n; ++j) {
                    const auto e = ref::gemm_exact(p, g.a.data(), g.b.data(), g.c.data(), bi, i, j);
                    float got;
                    std::memcpy(&got, &c[4 * (bi * p.stride_c + i * p.ldc + j)], 4);
                    ASSERT_LE(std::fabs(got - e.value), 1.01 * p.k * kU * e.magnitude)
                        << bi << "," << i << "," << j;
                }
    }
}

TEST(GpuGemm, Int8AccumulationWrapsLikeInt32) {
    // 140000 products of 127*127 = 2,258,060,000, which wraps to 2,258,060,000 - 2^32.
    GemmParams p;
    p.ab_type = DType::i8, p.c_type = DType::i32;
    p.m = 1, p.n = 1, p.k = 140000, p.lda = p.k, p.ldb = 1, p.ldc = 1;
    std::vector<std::int8_t> a(p.k, 127), b(p.k, 127);
    std::int32_t c = 12345;
    gemm(p, a.data(), b.data(), &c);
    EXPECT_EQ(c, -2036907296);
    p.beta = 1.0f;  // accumulate into C, wrapping again: -2036907296 * 2 + 2^32
    gemm(p, a.data(), b.data(), &c);
    EXPECT_EQ(c, 221152704);
}

TEST(GpuGemm, HandComputedTransposedBatch) {
    // Two batches of op(A) = A^T (A stored 2x2), op(B) = B, alpha 2, beta 1, fp32.
    GemmParams p;
    p.m = 2, p.n = 1, p.k = 2, p.batch = 2, p.trans_a = true;
    p.lda = 2, p.ldb = 1, p.ldc = 1, p.stride_a = 4, p.stride_b = 2, p.stride_c = 2;
    p.alpha = 2.0f, p.beta = 1.0f;
    const float a[8] = {1, 2, 3, 4, 5, 6, 7, 8};  // batch 0: A^T = [[1,3],[2,4]]
    const float b[4] = {1, 10, -1, 1};
    float c[4] = {100, 200, 0.5f, 0.25f};
    gemm(p, a, b, c);
    EXPECT_EQ(c[0], 100 + 2 * (1 + 30));  // row 0: 1*1 + 3*10
    EXPECT_EQ(c[1], 200 + 2 * (2 + 40));
    EXPECT_EQ(c[2], 0.5f + 2 * (-5 + 7));  // batch 1: A^T = [[5,7],[6,8]], b = (-1, 1)
    EXPECT_EQ(c[3], 0.25f + 2 * (-6 + 8));
}

TEST(GpuGemm, BetaZeroNeverReadsC) {
    GemmParams p;
    p.m = 3, p.n = 5, p.k = 4, p.lda = 4, p.ldb = 5, p.ldc = 5;
    std::vector<float> a(12, 1.0f), b(20, 0.5f), c(15, std::numeric_limits<float>::quiet_NaN());
    gemm(p, a.data(), b.data(), c.data());
    for (float v : c) EXPECT_EQ(v, 2.0f);
}

TEST(GpuGemm, OperandExtentsCountFromTheFirstElement) {
    GemmParams p;
    p.ab_type = DType::f16, p.c_type = DType::f32, p.trans_a = true;
    p.m = 3, p.n = 4, p.k = 5, p.batch = 2;
    p.lda = 7, p.ldb = 6, p.ldc = 9, p.stride_a = 100, p.stride_b = 0, p.stride_c = 40;
    EXPECT_EQ(gemm_bytes_a(p), 2u * (100 + 4 * 7 + 3));  // A stored k x m
    EXPECT_EQ(gemm_bytes_b(p), 2u * (4 * 6 + 4));
    EXPECT_EQ(gemm_bytes_c(p), 4u * (40 + 2 * 9 + 4));
}

void expect_gemm_error(const GemmParams& p, const std::string& needle) {
    try {
        validate(p);
        ADD_FAILURE() << "no KernelError for " << describe(p);
    } catch (const KernelError& e) {
        EXPECT_NE(std::string(e.what()).find("gemm"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

TEST(GpuGemmValidation, RejectsBadArgumentsWithNamedErrors) {
    GemmParams ok;
    ok.m = 4, ok.n = 5, ok.k = 6, ok.lda = 6, ok.ldb = 5, ok.ldc = 5;
    EXPECT_NO_THROW(validate(ok));
    auto with = [&](auto edit) {
        GemmParams p = ok;
        edit(p);
        return p;
    };
    expect_gemm_error(with([](GemmParams& p) { p.c_type = DType::f16; }), "type combination");
    expect_gemm_error(with([](GemmParams& p) { p.ab_type = DType::i8; }), "type combination");
    expect_gemm_error(with([](GemmParams& p) { p.ab_type = DType::i32, p.c_type = DType::i32; }),
                      "type combination");
    expect_gemm_error(with([](GemmParams& p) { p.c_type = static_cast<DType>(9); }),
                      "invalid type 9");
    expect_gemm_error(with([](GemmParams& p) { p.k = 0; }), "empty");
    expect_gemm_error(with([](GemmParams& p) { p.batch = 0; }), "empty");
    expect_gemm_error(with([](GemmParams& p) { p.lda = 5; }), "lda");
    expect_gemm_error(with([](GemmParams& p) { p.trans_a = true, p.lda = 3; }), "lda 3 < 4");
    expect_gemm_error(with([](GemmParams& p) { p.trans_b = true; }), "ldb 5 < 6");
    expect_gemm_error(with([](GemmParams& p) { p.ldc = 4; }), "ldc");
    expect_gemm_error(with([](GemmParams& p) { p.batch = 2, p.stride_c = 19; }), "overlap");
    expect_gemm_error(
        with([](GemmParams& p) { p.ab_type = DType::i8, p.c_type = DType::i32, p.alpha = 2.0f; }),
        "alpha 1");
    expect_gemm_error(
        with([](GemmParams& p) { p.ab_type = DType::i8, p.c_type = DType::i32, p.beta = 0.5f; }),
        "beta 0 or 1");
    expect_gemm_error(
        with([](GemmParams& p) { p.batch = 3, p.stride_c = 20, p.stride_a = ~0ull / 2; }),
        "overflows");
    EXPECT_NO_THROW(validate(with([](GemmParams& p) { p.batch = 2, p.stride_c = 20; })));
}

TEST(GpuGemmValidation, RejectsCOverlappingAnOperandAndLeavesCUntouched) {
    GemmParams p;
    p.m = 2, p.n = 2, p.k = 2, p.lda = 2, p.ldb = 2, p.ldc = 2;
    std::vector<float> buf(12, 1.0f);
    EXPECT_THROW(gemm(p, buf.data(), buf.data() + 4, buf.data() + 2), KernelError);  // C in A
    EXPECT_THROW(gemm(p, buf.data(), buf.data() + 4, buf.data() + 7), KernelError);  // C in B
    for (float v : buf) EXPECT_EQ(v, 1.0f);
    EXPECT_NO_THROW(gemm(p, buf.data(), buf.data() + 4, buf.data() + 8));
    EXPECT_THROW(
        gemm_with_isa(static_cast<GemmIsa>(7), p, buf.data(), buf.data() + 4, buf.data() + 8),
        KernelError);
}

}  // namespace
}  // namespace nodevp::gpu::kernels
