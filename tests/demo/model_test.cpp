// The hybrid demo's model (docs/demo/model.md) composed from the real parts -- the GPU kernel
// library (models/gpu/kernels) called on host buffers, and the FFN program the LPU scheduler
// (sw/lpu/sched) emits, run on the LPU chip model (models/lpu/chip) -- against the independent
// reference (sw/reference): the same tokens and bit-identical activations at every layer
// and position. The prefill here is batched (all prompt rows per GEMM, RMSNorm, rotary, add and
// quantise call), the reference runs one position at a time: the contract's per-row arithmetic
// makes the two identical, and this test is what shows it.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "models/gpu/kernels/kernels.hpp"
#include "models/lpu/chip/chip.hpp"
#include "sw/lpu/sched/sched.hpp"
#include "sw/lpu/sched/tensor.hpp"
#include "sw/reference/model.hpp"

namespace nodevp::demo {
namespace {

namespace k = gpu::kernels;
using namespace ref;  // shape constants and the reference

// One layer's FFN as an LPU program on a chip model. Where the vector length does not divide
// d_model or d_ff (the `full` node's 320), the program works on zero-padded sizes: padded
// inputs, weight rows and columns are 0, so padded hidden values are REQ(0) = 0 and the real
// outputs are unchanged (docs/demo/model.md, "FFN on the LPU").
class LpuFfn {
  public:
    LpuFfn(lpu::Chip& chip, const LayerWeights& l) : chip_(chip) {
        const unsigned vl = chip.geometry().vector_bytes();
        dm_ = (kDModel + vl - 1) / vl * vl;
        dff_ = (kDff + vl - 1) / vl * vl;
        lpu::sched::FfnSpec s;
        s.d_model = dm_;
        s.d_ff = dff_;
        s.w_up.assign(std::size_t{dff_} * dm_, 0);
        s.w_down.assign(std::size_t{dm_} * dff_, 0);
        for (unsigned r = 0; r < kDff; ++r)
            for (unsigned c = 0; c < kDModel; ++c) s.w_up[r * dm_ + c] = l.w_up[r * kDModel + c];
        for (unsigned r = 0; r < kDModel; ++r)
            for (unsigned c = 0; c < kDff; ++c) s.w_down[r * dff_ + c] = l.w_down[r * kDff + c];
        s.up_scale = l.quant.up_scale;
        s.up_shift = l.quant.up_shift;
        s.down_scale = l.quant.down_scale;
        s.down_shift = l.quant.down_shift;
        s.relu = true;
        program_ = lpu::sched::ffn_i8(chip.geometry(), s);
    }

    // x: kDModel int8 in; hidden (kDff, before the ReLU) and y (kDModel) out.
    void run(const std::int8_t* x, std::int8_t* hidden, std::int8_t* y) {
        chip_.reset();
        chip_.load(program_);
        std::vector<std::int8_t> xp(dm_, 0), hp(dff_), yp(dm_);
        std::memcpy(xp.data(), x, kDModel);
        write("x", xp.data(), dm_);
        const auto state = chip_.run(1'000'000);
        ASSERT_EQ(state, lpu::Chip::State::done)
            << (chip_.error() ? chip_.error()->to_string() : std::string("did not finish"));
        cycles_ += chip_.cycle();
        ++runs_;
        read("h", hp.data(), dff_);
        read("y", yp.data(), dm_);
        std::memcpy(hidden, hp.data(), kDff);
        std::memcpy(y, yp.data(), kDModel);
    }
    std::uint64_t cycles() const { return cycles_; }
    unsigned runs() const { return runs_; }

  private:
    void write(const char* name, const std::int8_t* v, unsigned n) {
        const lpu::Symbol* s = program_.symbol(name);
        ASSERT_NE(s, nullptr) << name;
        ASSERT_EQ(std::uint64_t{s->vectors} * program_.geometry.vector_bytes(), n);
        chip_.write_sram(lpu::sched::sram_offset(program_.geometry, *s),
                         reinterpret_cast<const std::uint8_t*>(v), n);
    }
    void read(const char* name, std::int8_t* v, unsigned n) {
        const lpu::Symbol* s = program_.symbol(name);
        ASSERT_NE(s, nullptr) << name;
        ASSERT_TRUE(chip_.read_sram(lpu::sched::sram_offset(program_.geometry, *s),
                                    reinterpret_cast<std::uint8_t*>(v), n));
    }

    lpu::Chip& chip_;
    lpu::Program program_;
    unsigned dm_ = 0, dff_ = 0;  // padded sizes
    std::uint64_t cycles_ = 0;
    unsigned runs_ = 0;
};

// The default node's LPU (platform/configs/default.yaml) and the full node's.
lpu::Geometry default_geometry() {
    return lpu::Geometry{};
}
lpu::Geometry full_geometry() {
    return lpu::Geometry{20, 88, 8192, 4, 16};
}

lpu::Chip& chip_for(const lpu::Geometry& g) {
    static std::unique_ptr<lpu::Chip> chips[2];
    auto& chip = chips[g == default_geometry() ? 0 : 1];
    if (!chip) {
        lpu::ChipConfig cfg;
        cfg.geometry = g;
        chip = std::make_unique<lpu::Chip>(cfg);
    }
    return *chip;
}

// The demo as the platform will run it: every step one kernel call or one LPU program run.
class HybridModel {
  public:
    explicit HybridModel(const Weights& w, const lpu::Geometry& g = default_geometry()) : w_(w) {
        for (const LayerWeights& l : w.layers)
            ffn_.push_back(std::make_unique<LpuFfn>(chip_for(g), l));
        for (auto& c : k_cache_) c.assign(std::size_t{kKvHeads} * kMaxSeq * kHeadDim, 0.0f);
        for (auto& c : v_cache_) c.assign(std::size_t{kKvHeads} * kMaxSeq * kHeadDim, 0.0f);
    }

    // Runs `ids` at positions pos..pos+T-1 (T > 1: a batched prefill); returns the last row's
    // logits and appends one trace per row.
    std::vector<float> forward(const std::vector<std::int32_t>& ids,
                               std::vector<PositionTrace>& traces) {
        const auto T = static_cast<std::uint32_t>(ids.size());
        const std::size_t rows = T * kDModel;
        std::vector<float> x(rows), h(rows), q(rows), att(rows), o(rows), d(rows);
        std::vector<std::int8_t> xq(rows), yq(rows), hid(std::size_t{T} * kDff);
        const std::size_t first = traces.size();
        traces.resize(first + T);

        k::embedding(T, kDModel, kVocab, w_.embed.data(), ids.data(), x.data());
        for (unsigned li = 0; li < kLayers; ++li) {
            const LayerWeights& l = w_.layers[li];
            float* kc = k_cache_[li].data();
            float* vc = v_cache_[li].data();
            k::rmsnorm(T, kDModel, kNormEps, x.data(), l.attn_norm.data(), h.data());
            k::gemm(rowmajor(T, kDModel, kDModel), h.data(), l.wq.data(), q.data());
            k::gemm(into_cache(T), h.data(), l.wk.data(), kc + pos_ * kHeadDim);
            k::gemm(into_cache(T), h.data(), l.wv.data(), vc + pos_ * kHeadDim);
            k::rotary(T, kHeads, kHeadDim, pos_, kRopeTheta, q.data());
            for (unsigned g = 0; g < kKvHeads; ++g)
                k::rotary(T, 1, kHeadDim, pos_, kRopeTheta,
                          kc + (std::size_t{g} * kMaxSeq + pos_) * kHeadDim);
            for (std::uint32_t t = 0; t < T; ++t) {
                k::AttentionParams a;
                a.heads = kHeads, a.kv_heads = kKvHeads, a.head_dim = kHeadDim;
                a.q_len = 1, a.q_pos0 = pos_ + t, a.max_seq = kMaxSeq;
                k::attention(a, q.data() + t * kDModel, kc, vc, att.data() + t * kDModel);
            }
            k::gemm(rowmajor(T, kDModel, kDModel), att.data(), l.wo.data(), o.data());
            k::elementwise(k::Elementwise::add, rows, x.data(), o.data(), x.data());
            for (std::uint32_t t = 0; t < T; ++t)
                traces[first + t].layers[li].x_attn.assign(x.begin() + t * kDModel,
                                                           x.begin() + (t + 1) * kDModel);

            k::rmsnorm(T, kDModel, kNormEps, x.data(), l.ffn_norm.data(), h.data());
            k::quantize(rows, l.quant.in_scale, h.data(), xq.data());
            for (std::uint32_t t = 0; t < T; ++t)
                ffn_[li]->run(xq.data() + t * kDModel, hid.data() + t * kDff,
                              yq.data() + t * kDModel);
            k::dequantize(k::DType::i8, rows, l.quant.out_scale, yq.data(), d.data());
            k::elementwise(k::Elementwise::add, rows, x.data(), d.data(), x.data());
            for (std::uint32_t t = 0; t < T; ++t) {
                LayerTrace& tr = traces[first + t].layers[li];
                tr.ffn_in.assign(xq.begin() + t * kDModel, xq.begin() + (t + 1) * kDModel);
                tr.ffn_hidden.assign(hid.begin() + t * kDff, hid.begin() + (t + 1) * kDff);
                tr.ffn_out.assign(yq.begin() + t * kDModel, yq.begin() + (t + 1) * kDModel);
                tr.x_ffn.assign(x.begin() + t * kDModel, x.begin() + (t + 1) * kDModel);
            }
        }
        pos_ += T;
        std::vector<float> last(kDModel), logits(kVocab);
        k::rmsnorm(1, kDModel, kNormEps, x.data() + (T - 1) * kDModel, w_.final_norm.data(),
                   last.data());
        k::gemm(rowmajor(1, kVocab, kDModel), last.data(), w_.w_lm.data(), logits.data());
        return logits;
    }

    Generation generate(const std::string& prompt, unsigned tokens) {
        Generation g;
        std::vector<std::int32_t> ids(prompt.begin(), prompt.end());
        for (auto& id : ids) id &= 0xff;
        std::vector<float> logits = forward(ids, g.positions);
        for (unsigned t = 0; t < tokens; ++t) {
            std::int32_t next = 0;
            k::argmax(1, kVocab, logits.data(), &next);
            g.tokens.push_back(next);
            g.logits.push_back(logits);
            if (t + 1 == tokens) break;
            logits = forward({next}, g.positions);
        }
        return g;
    }

    const LpuFfn& ffn(unsigned layer) const { return *ffn_[layer]; }

  private:
    static k::GemmParams rowmajor(std::uint32_t m, std::uint32_t n, std::uint32_t kk) {
        k::GemmParams p;
        p.m = m, p.n = n, p.k = kk, p.lda = kk, p.ldb = n, p.ldc = n;
        return p;
    }
    // K or V of T rows straight into the cache: batch = KV head, B = that head's 16 columns.
    static k::GemmParams into_cache(std::uint32_t T) {
        k::GemmParams p;
        p.m = T, p.n = kHeadDim, p.k = kDModel, p.batch = kKvHeads;
        p.lda = kDModel, p.ldb = kKvDim, p.ldc = kHeadDim;
        p.stride_a = 0, p.stride_b = kHeadDim, p.stride_c = std::uint64_t{kMaxSeq} * kHeadDim;
        return p;
    }

    const Weights& w_;
    std::vector<std::unique_ptr<LpuFfn>> ffn_;
    std::vector<float> k_cache_[kLayers], v_cache_[kLayers];
    std::uint32_t pos_ = 0;
};

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * 4) == 0;
}

// Every activation of every position and layer, bit for bit; the first difference named.
::testing::AssertionResult same_run(const Generation& got, const Generation& want) {
    if (got.tokens != want.tokens) return ::testing::AssertionFailure() << "tokens differ";
    if (got.positions.size() != want.positions.size())
        return ::testing::AssertionFailure() << "position counts differ";
    for (std::size_t p = 0; p < got.positions.size(); ++p)
        for (unsigned l = 0; l < kLayers; ++l) {
            const LayerTrace& a = got.positions[p].layers[l];
            const LayerTrace& b = want.positions[p].layers[l];
            const char* what = !same_bits(a.x_attn, b.x_attn) ? "residual after attention"
                               : a.ffn_in != b.ffn_in         ? "quantised FFN input"
                               : a.ffn_hidden != b.ffn_hidden ? "LPU hidden (REQ of W_up x)"
                               : a.ffn_out != b.ffn_out       ? "LPU FFN output"
                               : !same_bits(a.x_ffn, b.x_ffn) ? "residual after the FFN"
                                                              : nullptr;
            if (what)
                return ::testing::AssertionFailure()
                       << what << " differs at position " << p << ", layer " << l;
        }
    for (std::size_t t = 0; t < got.logits.size(); ++t)
        if (!same_bits(got.logits[t], want.logits[t]))
            return ::testing::AssertionFailure() << "logits of token " << t << " differ";
    return ::testing::AssertionSuccess();
}

const Weights& weights() {
    static const Weights w = make_weights();
    return w;
}

TEST(HybridModel, KernelsAndLpuChipMatchReferenceTokensAndActivationsBitForBit) {
    const char* prompts[] = {"Hello, nodevp!", "The quick brown fox", "a", "\x01\xff\x80 bytes"};
    for (const char* prompt : prompts) {
        SCOPED_TRACE(std::string("prompt \"") + prompt + "\"");
        const Generation want = ref::generate(weights(), prompt, 40);
        HybridModel m(weights());
        const Generation got = m.generate(prompt, 40);
        ASSERT_EQ(got.tokens.size(), 40u);
        EXPECT_TRUE(same_run(got, want));
        const std::uint64_t cycles = m.ffn(0).cycles() + m.ffn(1).cycles();
        const unsigned runs = m.ffn(0).runs() + m.ffn(1).runs();
        std::cout << "[ lpu ffn ] " << runs << " runs, " << cycles / runs
                  << " chip cycles per FFN run\n";
    }
}

TEST(HybridModel, OneChangedFfnWeightByteOnTheLpuBreaksTheMatch) {
    // The LPU holds a W_up with one byte changed (by 128); the reference keeps the original.
    Weights bad = weights();
    bad.layers[0].w_up[5 * kDModel + 3] ^= static_cast<std::int8_t>(0x80);
    const Generation want = ref::generate(weights(), "Hello, nodevp!", 32);
    HybridModel m(bad);
    const Generation got = m.generate("Hello, nodevp!", 32);
    const ::testing::AssertionResult r = same_run(got, want);
    ASSERT_FALSE(r);
    EXPECT_NE(std::string(r.message()).find("LPU hidden"), std::string::npos) << r.message();
}

TEST(HybridModel, FullNodeLpuWithPaddedFfnMatchesReference) {
    const Generation want = ref::generate(weights(), "full node", 8);
    HybridModel m(weights(), full_geometry());
    const Generation got = m.generate("full node", 8);
    EXPECT_TRUE(same_run(got, want));
    std::cout << "[ lpu ffn ] full geometry: " << m.ffn(0).cycles() / m.ffn(0).runs()
              << " chip cycles per FFN run\n";
}

TEST(HybridModel, PrefillAtOnceEqualsPrefillOneByOne) {
    const std::string prompt = "prefill in one batch";
    HybridModel batched(weights()), single(weights());
    std::vector<PositionTrace> tb, ts;
    std::vector<std::int32_t> ids(prompt.begin(), prompt.end());
    const std::vector<float> lb = batched.forward(ids, tb);
    std::vector<float> ls;
    for (std::int32_t id : ids) ls = single.forward({id}, ts);
    EXPECT_TRUE(same_bits(lb, ls));
    ASSERT_EQ(tb.size(), ts.size());
    for (std::size_t p = 0; p < tb.size(); ++p)
        for (unsigned l = 0; l < kLayers; ++l)
            ASSERT_TRUE(same_bits(tb[p].layers[l].x_ffn, ts[p].layers[l].x_ffn)) << p;
}

// ---- the reference itself, on hand-computed cases ----

TEST(HybridReference, SplitMix64GivesThePublishedSequence) {
    // splitmix64 from seed 1234567 (Vigna's splitmix64.c).
    SplitMix64 g(1234567);
    EXPECT_EQ(g.next(), 6457827717110365317ull);
    EXPECT_EQ(g.next(), 3203168211198807973ull);
    EXPECT_EQ(g.next(), 9817491932198370423ull);
}

TEST(HybridReference, RequantRoundsHalfUpAndSaturatesToInt8) {
    EXPECT_EQ(requant_i8(3, 1, 1), 2);    // (3 + 1) >> 1
    EXPECT_EQ(requant_i8(-3, 1, 1), -1);  // (-3 + 1) >> 1, arithmetic
    EXPECT_EQ(requant_i8(1000, 1, 0), 127);
    EXPECT_EQ(requant_i8(-1000, 1, 0), -128);
    EXPECT_EQ(requant_i8(65536, 139, 16), 127);  // 139 saturates
    EXPECT_EQ(requant_i8(32768, 139, 16), 70);   // 69.5 rounds up
}

TEST(HybridReference, QuantizeRoundsHalfToEvenWithinPlusMinus127) {
    EXPECT_EQ(quantize(2.5f, 1.0f), 2);
    EXPECT_EQ(quantize(3.5f, 1.0f), 4);
    EXPECT_EQ(quantize(-2.5f, 1.0f), -2);
    EXPECT_EQ(quantize(-200.0f, 1.0f), -127);
    EXPECT_EQ(quantize(1.0f, 32.0f), 32);
}

TEST(HybridReference, WeightsFollowTheStatedBoundsAndStream) {
    const Weights& w = weights();
    for (float v : w.layers[1].wq) ASSERT_TRUE(v >= -0.125f && v < 0.125f);
    for (float v : w.embed) ASSERT_TRUE(v >= -1.0f && v < 1.0f);
    // The first embedding value is the stream's first draw: (2 (z >> 40) 2^-24 - 1).
    SplitMix64 g(kDefaultSeed);
    const float u = static_cast<float>(g.next() >> 40) * 0x1p-24f;
    EXPECT_EQ(w.embed[0], 2.0f * u - 1.0f);
}

TEST(HybridReference, RejectsAnEmptyPromptAndTooLongARun) {
    EXPECT_THROW(ref::generate(weights(), "", 4), std::invalid_argument);
    EXPECT_THROW(ref::generate(weights(), std::string(200, 'a'), 58), std::invalid_argument);
    EXPECT_NO_THROW(ref::generate(weights(), std::string(200, 'a'), 57));
}

}  // namespace
}  // namespace nodevp::demo
