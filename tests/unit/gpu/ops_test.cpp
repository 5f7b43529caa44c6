// The GPU kernel library's attention, softmax, RMSNorm, rotary, elementwise, embedding and
// argmax kernels against the independent reference in tests/gpu/reference (docs/gpu/kernels.md):
// bit-exact with the documented fp32 arithmetic, within the stated error bounds of the
// double-precision results, on seeded random shapes with odd sizes; and every validation error.
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

#include "models/gpu/kernels/kernels.hpp"
#include "tests/gpu/reference/reference.hpp"
#include "tests/unit/gpu/support.hpp"

namespace nodevp::gpu::kernels {
namespace {

using namespace testing_support;

// ---------------------------------------------------------------- attention

TEST(GpuAttention, BitExactAndWithinStatedBoundForRandomShapesGqaAndCacheOffsets) {
    Rng rng(21);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int t = 0; t < 60; ++t) {
        AttentionParams p;
        p.kv_heads = pick(rng, {1, 2, 3});
        p.heads = p.kv_heads * pick(rng, {1, 2, 4});
        p.head_dim = pick(rng, {1, 3, 8, 17, 33, 64, 65});
        p.q_len = pick(rng, {1, 1, 2, 5, 17, 70});  // 70: chunks of 64 rows within a head
        p.q_pos0 = pick(rng, {0, 0, 1, 7, 30, 64});
        p.max_seq = p.q_pos0 + p.q_len + upto(rng, 3);
        p.scale = upto(rng, 1) ? 0.0f : uniform(rng, 0.05f, 0.6f);
        std::ostringstream d;
        d << "heads=" << p.heads << " kv=" << p.kv_heads << " hd=" << p.head_dim
          << " q_len=" << p.q_len << " q_pos0=" << p.q_pos0 << " max_seq=" << p.max_seq
          << " scale=" << p.scale;
        SCOPED_TRACE(d.str());
        const std::size_t qn = std::size_t{p.heads} * p.q_len * p.head_dim;
        const std::size_t kvn = std::size_t{p.kv_heads} * p.max_seq * p.head_dim;
        const std::vector<float> q = random_floats(rng, qn, -2.0f, 2.0f);
        std::vector<float> k = random_floats(rng, kvn, -2.0f, 2.0f), v = random_floats(rng, kvn);
        // Cache rows no query of this call may see are NaN: reading one would poison the output.
        for (std::uint32_t g = 0; g < p.kv_heads; ++g)
            for (std::uint32_t j = p.q_pos0 + p.q_len; j < p.max_seq; ++j)
                for (std::uint32_t dd = 0; dd < p.head_dim; ++dd) {
                    k[(std::size_t{g} * p.max_seq + j) * p.head_dim + dd] = nan;
                    v[(std::size_t{g} * p.max_seq + j) * p.head_dim + dd] = nan;
                }
        std::vector<float> out(qn + 16, 7.0f);
        attention(p, q.data(), k.data(), v.data(), out.data());
        for (std::size_t i = qn; i < out.size(); ++i) ASSERT_EQ(out[i], 7.0f) << "wrote past out";
        EXPECT_TRUE(same_bits(out.data(),
                              ref::attention_order(p, q.data(), k.data(), v.data()).data(), qn));
        const ref::AttentionExact want = ref::attention_exact(p, q.data(), k.data(), v.data());
        for (std::size_t e = 0; e < qn; ++e) {
            const std::size_t row = e / p.head_dim;
            const double keys = p.q_pos0 + row % p.q_len + 1;
            const double bound =
                2 * kU * want.v_mag[e] *
                (4.0 * (p.head_dim + 2) * want.s_mag[row] + want.s_span[row] + 1.01 * keys + 8);
            ASSERT_LE(std::fabs(out[e] - want.out[e]), bound) << "element " << e;
        }
    }
}

TEST(GpuAttention, EachRowSeesOnlyKeysUpToItsOwnPosition) {
    // One head, head_dim 1, q = 0: uniform weights, so row i averages v[0..q_pos0+i].
    AttentionParams p;
    p.head_dim = 1, p.q_len = 3, p.q_pos0 = 2, p.max_seq = 6;
    const float q[3] = {0, 0, 0}, k[6] = {1, 2, 3, 4, 5, 6}, v[6] = {3, 6, 9, 12, 300, 600};
    float out[3];
    attention(p, q, k, v, out);
    EXPECT_FLOAT_EQ(out[0], 6.0f);   // (3+6+9)/3
    EXPECT_FLOAT_EQ(out[1], 7.5f);   // (3+6+9+12)/4
    EXPECT_FLOAT_EQ(out[2], 66.0f);  // (3+6+9+12+300)/5
}

TEST(GpuAttention, LaterKeysOfTheSameCallDoNotReachEarlierRows) {
    // Row 0 (position 0) must not see key 1, which row 1 of the same call writes and sees.
    AttentionParams p;
    p.head_dim = 2, p.q_len = 2, p.q_pos0 = 0, p.max_seq = 2;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float q[4] = {1, 2, 3, 4}, k[4] = {0.5f, -1, nan, nan}, v[4] = {7, -3, nan, nan};
    float out[4];
    attention(p, q, k, v, out);
    EXPECT_EQ(out[0], 7.0f);  // one visible key: its weight is exp(0) / exp(0) = 1
    EXPECT_EQ(out[1], -3.0f);
    EXPECT_TRUE(std::isnan(out[2]));
    EXPECT_TRUE(std::isnan(out[3]));
}

TEST(GpuAttentionValidation, RejectsBadShapesAndOverlaps) {
    AttentionParams ok;
    ok.heads = 4, ok.kv_heads = 2, ok.head_dim = 8, ok.q_len = 2, ok.q_pos0 = 3, ok.max_seq = 5;
    EXPECT_NO_THROW(validate(ok));
    auto bad = [&](auto edit, const char* needle) {
        AttentionParams p = ok;
        edit(p);
        try {
            validate(p);
            ADD_FAILURE() << "no error for " << needle;
        } catch (const KernelError& e) {
            EXPECT_NE(std::string(e.what()).find("attention"), std::string::npos);
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    bad([](AttentionParams& p) { p.kv_heads = 3; }, "not a multiple of kv_heads");
    bad([](AttentionParams& p) { p.max_seq = 4; }, "exceeds the cache's max_seq 4");
    bad([](AttentionParams& p) { p.q_pos0 = 0xffffffffu; }, "exceeds");
    bad([](AttentionParams& p) { p.head_dim = 0; }, "empty");
    bad([](AttentionParams& p) { p.q_len = 0; }, "empty");
    bad([](AttentionParams& p) { p.scale = INFINITY; }, "scale");
    EXPECT_EQ(attention_bytes_q(ok), 4u * 4 * 2 * 8);
    EXPECT_EQ(attention_bytes_kv(ok), 4u * 2 * 5 * 8);
    std::vector<float> q(64, 0.0f), kv(80, 0.0f);
    EXPECT_THROW(attention(ok, q.data(), kv.data(), kv.data(), q.data()), KernelError);
    EXPECT_THROW(attention(ok, q.data(), kv.data(), kv.data(), kv.data() + 8), KernelError);
    EXPECT_THROW(attention(
                     [&] {
                         auto p = ok;
                         p.kv_heads = 3;
                         return p;
                     }(),
                     q.data(), kv.data(), kv.data(), kv.data()),
                 KernelError);
}

// ---------------------------------------------------------------- softmax, RMSNorm

TEST(GpuSoftmax, BitExactAndWithinStatedBoundInPlaceOrNot) {
    Rng rng(31);
    for (int t = 0; t < 40; ++t) {
        const std::uint32_t rows = pick(rng, {1, 2, 3, 7}), cols = pick(rng, kOddSizes);
        const float range = pick(rng, {1, 10, 100, 10000});  // 10000: exp would overflow unshifted
        const std::vector<float> x = random_floats(rng, std::size_t{rows} * cols, -range, range);
        std::vector<float> out(x.size()), inplace = x;
        softmax(rows, cols, x.data(), out.data());
        softmax(rows, cols, inplace.data(), inplace.data());
        EXPECT_EQ(std::memcmp(out.data(), inplace.data(), out.size() * 4), 0);
        EXPECT_TRUE(
            same_bits(out.data(), ref::softmax_order(rows, cols, x.data()).data(), out.size()));
        const std::vector<double> want = ref::softmax_exact(rows, cols, x.data());
        for (std::uint32_t r = 0; r < rows; ++r) {
            double mx = -INFINITY, span = 0;
            for (std::uint32_t j = 0; j < cols; ++j) mx = std::max<double>(mx, x[r * cols + j]);
            for (std::uint32_t j = 0; j < cols; ++j) span = std::max(span, mx - x[r * cols + j]);
            for (std::uint32_t j = 0; j < cols; ++j) {
                const std::size_t e = std::size_t{r} * cols + j;
                const double bound = kU * want[e] * (2 * span + 1.01 * cols + 8) + kMinNormal;
                ASSERT_LE(std::fabs(out[e] - want[e]), bound)
                    << "rows=" << rows << " cols=" << cols << " range=" << range << " e=" << e;
            }
        }
    }
}

TEST(GpuSoftmax, RejectsPartialOverlap) {
    std::vector<float> buf(10, 0.0f);
    EXPECT_THROW(softmax(1, 5, buf.data(), buf.data() + 1), KernelError);
}

TEST(GpuRmsNorm, BitExactAndWithinStatedBoundInPlaceOrNot) {
    Rng rng(41);
    for (int t = 0; t < 40; ++t) {
        const std::uint32_t rows = pick(rng, {1, 2, 3, 5}), cols = pick(rng, kOddSizes);
        const float eps = pick(rng, {0, 1}) ? 1e-5f : 0.0f;
        const float scale = pick(rng, {1, 100}) == 1 ? 1.0f : 1e-3f;
        const std::vector<float> x = random_floats(rng, std::size_t{rows} * cols, -scale, scale);
        const std::vector<float> w = random_floats(rng, cols, -2.0f, 2.0f);
        std::vector<float> out(x.size()), inplace = x;
        rmsnorm(rows, cols, eps, x.data(), w.data(), out.data());
        rmsnorm(rows, cols, eps, inplace.data(), w.data(), inplace.data());
        EXPECT_EQ(std::memcmp(out.data(), inplace.data(), out.size() * 4), 0);
        EXPECT_TRUE(same_bits(out.data(),
                              ref::rmsnorm_order(rows, cols, eps, x.data(), w.data()).data(),
                              out.size()));
        const std::vector<double> want = ref::rmsnorm_exact(rows, cols, eps, x.data(), w.data());
        for (std::size_t e = 0; e < out.size(); ++e)
            ASSERT_LE(std::fabs(out[e] - want[e]),
                      (cols + 8) * kU * std::fabs(want[e]) + kMinNormal)
                << "rows=" << rows << " cols=" << cols << " eps=" << eps << " e=" << e;
    }
}

TEST(GpuRmsNorm, RejectsBadEpsAndOverlappingWeight) {
    std::vector<float> x(8, 1.0f), w(4, 1.0f), out(8);
    EXPECT_THROW(rmsnorm(2, 4, -1e-6f, x.data(), w.data(), out.data()), KernelError);
    EXPECT_THROW(rmsnorm(2, 4, NAN, x.data(), w.data(), out.data()), KernelError);
    EXPECT_THROW(rmsnorm(2, 4, 1e-5f, x.data(), x.data() + 4, x.data()), KernelError);
    EXPECT_NO_THROW(rmsnorm(2, 4, 1e-5f, x.data(), w.data(), out.data()));
    EXPECT_FLOAT_EQ(out[0], 1.0f / std::sqrt(1.0f + 1e-5f));
}

// ---------------------------------------------------------------- rotary

TEST(GpuRotary, BitExactAndWithinStatedBoundForRandomShapesAndPositions) {
    Rng rng(51);
    for (int t = 0; t < 40; ++t) {
        const std::uint32_t rows = pick(rng, {1, 2, 5}), heads = pick(rng, {1, 2, 3});
        const std::uint32_t head_dim = 2 * pick(rng, {1, 2, 3, 8, 17, 32, 33, 64});
        const std::uint32_t pos0 = pick(rng, {0, 1, 17, 4095, 100000, 3000000});
        const float theta = pick(rng, {1, 2}) == 1 ? 10000.0f : 500000.0f;
        const std::vector<float> x =
            random_floats(rng, std::size_t{rows} * heads * head_dim, -3.0f, 3.0f);
        std::vector<float> y = x;
        rotary(rows, heads, head_dim, pos0, theta, y.data());
        EXPECT_TRUE(same_bits(
            y.data(), ref::rotary_order(rows, heads, head_dim, pos0, theta, x.data()).data(),
            y.size()));
        const ref::RotaryExact want =
            ref::rotary_exact(rows, heads, head_dim, pos0, theta, x.data());
        for (std::size_t e = 0; e < y.size(); ++e) {
            const std::size_t pair = e & ~std::size_t{1};
            const double mag = std::fabs(x[pair]) + std::fabs(x[pair + 1]);
            const double bound = mag * (0x1p-22 + 0x1p-49 * std::fabs(want.angle[e]));
            ASSERT_LE(std::fabs(y[e] - want.out[e]), bound)
                << "rows=" << rows << " heads=" << heads << " hd=" << head_dim << " pos0=" << pos0
                << " e=" << e;
        }
    }
}

TEST(GpuRotary, PositionZeroIsIdentityAndBadArgumentsThrow) {
    std::vector<float> x = {1.5f, -2.0f, 3.0f, 4.0f}, y = x;
    rotary(1, 1, 4, 0, 10000.0f, y.data());
    EXPECT_EQ(y, x);
    EXPECT_THROW(rotary(1, 1, 3, 0, 10000.0f, y.data()), KernelError);
    EXPECT_THROW(rotary(1, 1, 0, 0, 10000.0f, y.data()), KernelError);
    EXPECT_THROW(rotary(1, 1, 4, 0, 0.0f, y.data()), KernelError);
    EXPECT_THROW(rotary(1, 1, 4, 0, NAN, y.data()), KernelError);
}

// ---------------------------------------------------------------- elementwise

TEST(GpuElementwise, AddAndMulAreCorrectlyRounded) {
    Rng rng(61);
    for (Elementwise op : {Elementwise::add, Elementwise::mul}) {
        for (std::uint64_t n : {1ull, 3ull, 17ull, 1000ull}) {
            std::vector<float> a(n), b(n), out(n);
            for (std::uint64_t i = 0; i < n; ++i) {  // wide exponent range, subnormals included
                a[i] = std::ldexp(uniform(rng), static_cast<int>(upto(rng, 120)) - 80);
                b[i] = std::ldexp(uniform(rng), static_cast<int>(upto(rng, 120)) - 80);
            }
            elementwise(op, n, a.data(), b.data(), out.data());
            for (std::uint64_t i = 0; i < n; ++i)
                ASSERT_EQ(out[i], static_cast<float>(ref::elementwise_exact(op, a[i], b[i])))
                    << "op " << static_cast<int>(op) << " i " << i;
        }
    }
}

TEST(GpuElementwise, SiluAndGeluBitExactAndWithinStatedBounds) {
    Rng rng(71);
    std::vector<float> a = random_floats(rng, 20000, -12.0f, 12.0f);
    for (float s : {0.0f, -0.0f, 1e-30f, -1e-30f, 1e-40f, 80.0f, -80.0f, -87.0f, -88.5f, -100.0f,
                    -13.5f, 30.0f})
        a.push_back(s);
    std::vector<float> silu(a.size()), gelu(a.size());
    elementwise(Elementwise::silu, a.size(), a.data(), nullptr, silu.data());
    elementwise(Elementwise::gelu, a.size(), a.data(), nullptr, gelu.data());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double x = a[i];
        const double ws = ref::elementwise_exact(Elementwise::silu, a[i], 0);
        const double wg = ref::elementwise_exact(Elementwise::gelu, a[i], 0);
        const float os = ref::elementwise_order(Elementwise::silu, a[i], 0);
        const float og = ref::elementwise_order(Elementwise::gelu, a[i], 0);
        ASSERT_TRUE(same_bits(&silu[i], &os, 1)) << "silu " << x;
        ASSERT_TRUE(same_bits(&gelu[i], &og, 1)) << "gelu " << x;
        ASSERT_LE(std::fabs(silu[i] - ws), 8 * kU * std::fabs(ws) + kMinNormal) << "silu " << x;
        ASSERT_LE(std::fabs(gelu[i] - wg),
                  2 * kU * (x * x + 2 * std::fabs(x) + 8) * std::fabs(wg) + kMinNormal)
            << "gelu " << x;
    }
}

TEST(GpuElementwise, InPlaceAllowedPartialOverlapAndUnknownOpRejected) {
    std::vector<float> a = {1, 2, 3, 4, 5}, b = {10, 20, 30, 40, 50};
    elementwise(Elementwise::add, 5, a.data(), b.data(), a.data());
    EXPECT_EQ(a, (std::vector<float>{11, 22, 33, 44, 55}));
    EXPECT_THROW(elementwise(Elementwise::mul, 4, a.data(), b.data(), a.data() + 1), KernelError);
    EXPECT_THROW(elementwise(Elementwise::add, 4, a.data(), b.data(), b.data() + 1), KernelError);
    EXPECT_THROW(elementwise(static_cast<Elementwise>(9), 5, a.data(), b.data(), b.data()),
                 KernelError);
}

// ---------------------------------------------------------------- embedding, argmax

TEST(GpuEmbedding, GathersRowsAndRejectsIdsOutsideTheVocabulary) {
    Rng rng(81);
    const std::uint32_t vocab = 37, dim = 33;
    const std::vector<float> table = random_floats(rng, vocab * dim);
    const std::vector<std::int32_t> ids = {0, 36, 5, 5, 17};
    std::vector<float> out(ids.size() * dim);
    embedding(static_cast<std::uint32_t>(ids.size()), dim, vocab, table.data(), ids.data(),
              out.data());
    for (std::size_t r = 0; r < ids.size(); ++r)
        for (std::uint32_t d = 0; d < dim; ++d)
            ASSERT_EQ(out[r * dim + d], table[ids[r] * dim + d]) << r << "," << d;
    std::vector<float> untouched(out.size(), 9.0f);
    for (std::int32_t bad : {37, -1, std::numeric_limits<std::int32_t>::min()}) {
        const std::vector<std::int32_t> bad_ids = {1, bad};
        try {
            embedding(2, dim, vocab, table.data(), bad_ids.data(), untouched.data());
            ADD_FAILURE() << "no error for id " << bad;
        } catch (const KernelError& e) {
            EXPECT_NE(std::string(e.what()).find("embedding: row 1: id " + std::to_string(bad)),
                      std::string::npos)
                << e.what();
        }
    }
    for (float v : untouched) EXPECT_EQ(v, 9.0f);  // nothing written before the error
}

TEST(GpuArgmax, MatchesReferenceWithTiesNansAndInfinities) {
    Rng rng(91);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int t = 0; t < 30; ++t) {
        const std::uint32_t rows = pick(rng, {1, 2, 7}), cols = pick(rng, kOddSizes);
        std::vector<float> x(std::size_t{rows} * cols);
        for (auto& v : x) {  // few distinct values, so ties are common
            const std::uint32_t r = upto(rng, 9);
            v = r == 0 ? nan : r == 1 ? -INFINITY : static_cast<float>(upto(rng, 3)) - 1.5f;
        }
        std::vector<std::int32_t> out(rows, -7);
        argmax(rows, cols, x.data(), out.data());
        EXPECT_EQ(out, ref::argmax_ref(rows, cols, x.data()))
            << "rows=" << rows << " cols=" << cols;
    }
    const float row[6] = {nan, -1.0f, 3.0f, nan, 3.0f, INFINITY};
    const float nans[3] = {nan, nan, nan};
    std::int32_t out[1];
    argmax(1, 5, row, out);
    EXPECT_EQ(out[0], 2);  // lowest index of the tied maxima; NaN skipped
    argmax(1, 6, row, out);
    EXPECT_EQ(out[0], 5);
    argmax(1, 3, nans, out);
    EXPECT_EQ(out[0], 0);
    EXPECT_THROW(argmax(2, 0, row, out), KernelError);
}

}  // namespace
}  // namespace nodevp::gpu::kernels
