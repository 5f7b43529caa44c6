// The demo model's forward pass, one position at a time, in straight loops (docs/demo/model.md).
// Every fp32 operation is written as one rounded step; compiled with -ffp-contract=off.
#include <cmath>
#include <stdexcept>

#include "sw/reference/model.hpp"

namespace nodevp::demo::ref {

void rmsnorm(const float* x, const float* gain, unsigned n, float* out) {
    float ss = 0.0f;
    for (unsigned j = 0; j < n; ++j) ss = ss + x[j] * x[j];
    const float inv = 1.0f / std::sqrt(ss / static_cast<float>(n) + kNormEps);
    for (unsigned j = 0; j < n; ++j) out[j] = (x[j] * inv) * gain[j];
}

void matvec(const float* x, const float* w, unsigned k, unsigned n, float* y) {
    for (unsigned j = 0; j < n; ++j) {
        float acc = 0.0f;
        for (unsigned p = 0; p < k; ++p) acc = acc + x[p] * w[p * n + j];
        y[j] = acc;
    }
}

void rope(float* v, unsigned heads, unsigned pos) {
    for (unsigned i = 0; i < kHeadDim / 2; ++i) {
        const double freq = std::pow(static_cast<double>(kRopeTheta),
                                     -2.0 * static_cast<double>(i) / static_cast<double>(kHeadDim));
        const double angle = static_cast<double>(pos) * freq;
        const float c = static_cast<float>(std::cos(angle));
        const float s = static_cast<float>(std::sin(angle));
        for (unsigned h = 0; h < heads; ++h) {
            float* pair = v + h * kHeadDim + 2 * i;
            const float x0 = pair[0], x1 = pair[1];
            pair[0] = x0 * c - x1 * s;
            pair[1] = x0 * s + x1 * c;
        }
    }
}

std::int8_t quantize(float x, float scale) {
    const float v = x * scale;
    if (!(v == v)) return 0;
    if (v >= 127.0f) return 127;
    if (v <= -127.0f) return -127;
    // nearest, ties to even, by hand
    float r = std::floor(v);
    const float frac = v - r;  // exact for |v| < 127
    if (frac > 0.5f || (frac == 0.5f && std::fmod(r, 2.0f) != 0.0f)) r = r + 1.0f;
    return static_cast<std::int8_t>(static_cast<int>(r));
}

std::int8_t requant_i8(std::int32_t acc, std::int32_t scale, unsigned shift) {
    std::int64_t v = static_cast<std::int64_t>(acc) * scale;
    if (shift > 0) v = (v + (std::int64_t{1} << (shift - 1))) >> shift;  // arithmetic shift
    if (v > 127) v = 127;
    if (v < -128) v = -128;
    return static_cast<std::int8_t>(v);
}

std::int32_t argmax(const float* x, unsigned n) {
    std::int32_t best = -1;
    for (unsigned j = 0; j < n; ++j) {
        if (std::isnan(x[j])) continue;
        if (best < 0 || x[j] > x[best]) best = static_cast<std::int32_t>(j);
    }
    return best < 0 ? 0 : best;
}

Model::Model(const Weights& w)
    : w_(w),
      k_cache_(std::size_t{kLayers} * kKvHeads * kMaxSeq * kHeadDim),
      v_cache_(std::size_t{kLayers} * kKvHeads * kMaxSeq * kHeadDim) {}

namespace {

// Causal attention of one position's query heads over cache rows 0..pos (docs/gpu/kernels.md).
void attend(const float* q, const float* kc, const float* vc, unsigned pos, float* out) {
    const float scale = 0.25f;  // 1 / sqrt(kHeadDim)
    std::vector<float> e(pos + 1);
    for (unsigned h = 0; h < kHeads; ++h) {
        const unsigned g = h / (kHeads / kKvHeads);
        const float* qh = q + h * kHeadDim;
        const float* kg = kc + std::size_t{g} * kMaxSeq * kHeadDim;
        const float* vg = vc + std::size_t{g} * kMaxSeq * kHeadDim;
        for (unsigned j = 0; j <= pos; ++j) {
            float dot = 0.0f;
            for (unsigned d = 0; d < kHeadDim; ++d) dot = dot + qh[d] * kg[j * kHeadDim + d];
            e[j] = dot * scale;
        }
        float m = e[0];
        for (unsigned j = 1; j <= pos; ++j) m = e[j] > m ? e[j] : m;
        float z = 0.0f;
        for (unsigned j = 0; j <= pos; ++j) {
            e[j] = std::exp(e[j] - m);
            z = z + e[j];
        }
        for (unsigned d = 0; d < kHeadDim; ++d) {
            float acc = 0.0f;
            for (unsigned j = 0; j <= pos; ++j) acc = acc + e[j] * vg[j * kHeadDim + d];
            out[h * kHeadDim + d] = acc / z;
        }
    }
}

// The LPU FFN: REQ.i8(W_down relu(REQ.i8(W_up x))) with exact int32 sums.
void ffn(const LayerWeights& l, const std::int8_t* x, std::int8_t* hidden, std::int8_t* y) {
    std::int8_t act[kDff];
    for (unsigned r = 0; r < kDff; ++r) {
        std::int32_t acc = 0;
        for (unsigned c = 0; c < kDModel; ++c) acc += l.w_up[r * kDModel + c] * x[c];
        hidden[r] = requant_i8(acc, l.quant.up_scale, l.quant.up_shift);
        act[r] = hidden[r] > 0 ? hidden[r] : 0;
    }
    for (unsigned r = 0; r < kDModel; ++r) {
        std::int32_t acc = 0;
        for (unsigned c = 0; c < kDff; ++c) acc += l.w_down[r * kDff + c] * act[c];
        y[r] = requant_i8(acc, l.quant.down_scale, l.quant.down_shift);
    }
}

}  // namespace

std::vector<float> Model::step(std::int32_t token, PositionTrace* trace) {
    if (token < 0 || token >= static_cast<std::int32_t>(kVocab))
        throw std::invalid_argument("hybrid-ref: token " + std::to_string(token) +
                                    " is outside the vocabulary");
    if (pos_ >= kMaxSeq)
        throw std::invalid_argument("hybrid-ref: position " + std::to_string(pos_) +
                                    " is past the maximum sequence of " + std::to_string(kMaxSeq));
    float x[kDModel], h[kDModel], q[kDModel], o[kDModel], att[kDModel], kv[kKvDim];
    for (unsigned j = 0; j < kDModel; ++j) x[j] = w_.embed[token * kDModel + j];
    for (unsigned li = 0; li < kLayers; ++li) {
        const LayerWeights& l = w_.layers[li];
        const std::size_t cache0 = std::size_t{li} * kKvHeads * kMaxSeq * kHeadDim;
        float* kc = k_cache_.data() + cache0;
        float* vc = v_cache_.data() + cache0;
        rmsnorm(x, l.attn_norm.data(), kDModel, h);
        matvec(h, l.wq.data(), kDModel, kDModel, q);
        rope(q, kHeads, pos_);
        matvec(h, l.wk.data(), kDModel, kKvDim, kv);
        rope(kv, kKvHeads, pos_);
        for (unsigned g = 0; g < kKvHeads; ++g)
            for (unsigned d = 0; d < kHeadDim; ++d)
                kc[(std::size_t{g} * kMaxSeq + pos_) * kHeadDim + d] = kv[g * kHeadDim + d];
        matvec(h, l.wv.data(), kDModel, kKvDim, kv);
        for (unsigned g = 0; g < kKvHeads; ++g)
            for (unsigned d = 0; d < kHeadDim; ++d)
                vc[(std::size_t{g} * kMaxSeq + pos_) * kHeadDim + d] = kv[g * kHeadDim + d];
        attend(q, kc, vc, pos_, att);
        matvec(att, l.wo.data(), kDModel, kDModel, o);
        for (unsigned j = 0; j < kDModel; ++j) x[j] = x[j] + o[j];
        LayerTrace* t = trace ? &trace->layers[li] : nullptr;
        if (t) t->x_attn.assign(x, x + kDModel);

        rmsnorm(x, l.ffn_norm.data(), kDModel, h);
        std::int8_t xin[kDModel], hid[kDff], y[kDModel];
        for (unsigned j = 0; j < kDModel; ++j) xin[j] = quantize(h[j], l.quant.in_scale);
        ffn(l, xin, hid, y);
        for (unsigned j = 0; j < kDModel; ++j)
            x[j] = x[j] + static_cast<float>(y[j]) * l.quant.out_scale;
        if (t) {
            t->ffn_in.assign(xin, xin + kDModel);
            t->ffn_hidden.assign(hid, hid + kDff);
            t->ffn_out.assign(y, y + kDModel);
            t->x_ffn.assign(x, x + kDModel);
        }
    }
    ++pos_;
    rmsnorm(x, w_.final_norm.data(), kDModel, h);
    std::vector<float> logits(kVocab);
    matvec(h, w_.w_lm.data(), kDModel, kVocab, logits.data());
    return logits;
}

Generation generate(const Weights& w, const std::string& prompt, unsigned tokens) {
    if (prompt.empty()) throw std::invalid_argument("hybrid-ref: the prompt is empty");
    if (tokens > 0 && prompt.size() + tokens - 1 > kMaxSeq)
        throw std::invalid_argument("hybrid-ref: prompt of " + std::to_string(prompt.size()) +
                                    " bytes + " + std::to_string(tokens) +
                                    " tokens exceeds the maximum sequence of " +
                                    std::to_string(kMaxSeq));
    Model m(w);
    Generation g;
    std::vector<float> logits;
    for (unsigned char c : prompt) {
        g.positions.emplace_back();
        logits = m.step(c, &g.positions.back());
    }
    for (unsigned t = 0; t < tokens; ++t) {
        const std::int32_t next = argmax(logits.data(), kVocab);
        g.tokens.push_back(next);
        g.logits.push_back(logits);
        if (t + 1 == tokens) break;
        g.positions.emplace_back();
        logits = m.step(next, &g.positions.back());
    }
    return g;
}

}  // namespace nodevp::demo::ref
