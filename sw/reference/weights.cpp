// The demo model's weights, generated as docs/demo/model.md ("Weights") states.
#include <cmath>

#include "sw/reference/model.hpp"

namespace nodevp::demo::ref {

std::uint64_t SplitMix64::next() {
    state_ += 0x9e3779b97f4a7c15ull;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

namespace {

// u in [0, 1) with 24 bits, s = 2u - 1 in [-1, 1): both exact in fp32.
float symmetric(SplitMix64& g) {
    const float u = static_cast<float>(g.next() >> 40) * 0x1p-24f;
    return 2.0f * u - 1.0f;
}

std::vector<float> uniform(SplitMix64& g, unsigned n, float bound) {
    std::vector<float> v(n);
    for (auto& e : v) e = symmetric(g) * bound;
    return v;
}

std::vector<float> gains(SplitMix64& g, unsigned n) {
    std::vector<float> v(n);
    for (auto& e : v) e = 1.0f + 0.125f * symmetric(g);
    return v;
}

std::vector<std::int8_t> int8s(SplitMix64& g, unsigned n) {
    std::vector<std::int8_t> v(n);
    for (auto& e : v) e = static_cast<std::int8_t>(static_cast<int>(g.next() >> 56) - 128);
    return v;
}

}  // namespace

Weights make_weights(std::uint64_t seed) {
    SplitMix64 g(seed);
    const float b64 = 1.0f / std::sqrt(static_cast<float>(kDModel));  // 0.125 exactly
    Weights w;
    w.embed = uniform(g, kVocab * kDModel, 1.0f);
    for (auto& l : w.layers) {
        l.attn_norm = gains(g, kDModel);
        l.wq = uniform(g, kDModel * kDModel, b64);
        l.wk = uniform(g, kDModel * kKvDim, b64);
        l.wv = uniform(g, kDModel * kKvDim, b64);
        l.wo = uniform(g, kDModel * kDModel, b64);
        l.ffn_norm = gains(g, kDModel);
        l.w_up = int8s(g, kDff * kDModel);
        l.w_down = int8s(g, kDModel * kDff);
        l.quant = FfnQuant{};
    }
    w.final_norm = gains(g, kDModel);
    w.w_lm = uniform(g, kDModel * kVocab, b64);
    return w;
}

}  // namespace nodevp::demo::ref
