// Independent host-native reference of the hybrid demo's transformer (docs/demo/model.md): straight
// loops written from that contract, sharing no code with models/ (only the documented arithmetic
// of the GPU kernels and of the LPU's REQ instruction). The demo's tokens and activations are
// compared with this.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace nodevp::demo::ref {

// The model's shape (docs/demo/model.md, "Shape").
inline constexpr unsigned kVocab = 256;
inline constexpr unsigned kDModel = 64;
inline constexpr unsigned kLayers = 2;
inline constexpr unsigned kHeads = 4;
inline constexpr unsigned kKvHeads = 2;
inline constexpr unsigned kHeadDim = 16;
inline constexpr unsigned kKvDim = kKvHeads * kHeadDim;  // 32
inline constexpr unsigned kDff = 256;
inline constexpr unsigned kMaxSeq = 256;
inline constexpr float kNormEps = 1e-5f;
inline constexpr float kRopeTheta = 10000.0f;
inline constexpr std::uint64_t kDefaultSeed = 0x6e6f646576702d37ull;  // "nodevp-7"

// The hand-over scales and requantisation of one layer's FFN (docs/demo/model.md, "FFN").
struct FfnQuant {
    float in_scale = 32.0f;       // fp32 -> int8 multiplier (GPU quantise kernel)
    std::int32_t up_scale = 139;  // REQ.i8 after W_up
    unsigned up_shift = 16;
    std::int32_t down_scale = 63;  // REQ.i8 after W_down
    unsigned down_shift = 16;
    float out_scale = 0.03125f;  // int8 -> fp32 multiplier (GPU dequantise kernel)
};

struct LayerWeights {
    std::vector<float> attn_norm;     // [kDModel]
    std::vector<float> wq;            // [kDModel][kDModel]   (in x out, row-major)
    std::vector<float> wk;            // [kDModel][kKvDim]
    std::vector<float> wv;            // [kDModel][kKvDim]
    std::vector<float> wo;            // [kDModel][kDModel]
    std::vector<float> ffn_norm;      // [kDModel]
    std::vector<std::int8_t> w_up;    // [kDff][kDModel]      (out x in, as the LPU holds it)
    std::vector<std::int8_t> w_down;  // [kDModel][kDff]
    FfnQuant quant;
};

struct Weights {
    std::vector<float> embed;  // [kVocab][kDModel]
    std::array<LayerWeights, kLayers> layers;
    std::vector<float> final_norm;  // [kDModel]
    std::vector<float> w_lm;        // [kDModel][kVocab]
};

// The weights of docs/demo/model.md ("Weights"): one splitmix64 stream from `seed`.
Weights make_weights(std::uint64_t seed = kDefaultSeed);

// splitmix64, as the contract states it (exposed for the tests).
class SplitMix64 {
  public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();

  private:
    std::uint64_t state_;
};

// What one position leaves behind in one layer (for bit-exact comparison with the demo).
struct LayerTrace {
    std::vector<float> x_attn;            // residual after the attention block [kDModel]
    std::vector<std::int8_t> ffn_in;      // quantised FFN input [kDModel]
    std::vector<std::int8_t> ffn_hidden;  // REQ.i8(W_up x) before the ReLU [kDff]
    std::vector<std::int8_t> ffn_out;     // REQ.i8(W_down relu(h)) [kDModel]
    std::vector<float> x_ffn;             // residual after the FFN block [kDModel]
};
struct PositionTrace {
    std::array<LayerTrace, kLayers> layers;
};

struct Generation {
    std::vector<std::int32_t> tokens;        // generated ids, in order
    std::vector<PositionTrace> positions;    // one per processed position (prompt, then fed tokens)
    std::vector<std::vector<float>> logits;  // logits that chose each generated token [kVocab]
};

// The model with its KV cache. Positions are processed one at a time (the contract's per-row
// arithmetic makes this bit-identical to a batched prefill).
class Model {
  public:
    explicit Model(const Weights& w);
    // Runs the token at the next position; returns the logits of that position.
    std::vector<float> step(std::int32_t token, PositionTrace* trace = nullptr);
    unsigned position() const { return pos_; }

  private:
    const Weights& w_;
    unsigned pos_ = 0;
    // [layer][kv head][position][head dim], fp32
    std::vector<float> k_cache_, v_cache_;
};

// Greedy generation: the prompt's bytes (at least one), then `tokens` new tokens. Throws
// std::invalid_argument when the prompt is empty or prompt + tokens - 1 exceeds kMaxSeq.
Generation generate(const Weights& w, const std::string& prompt, unsigned tokens);

// --- the contract's arithmetic, one function per kernel (exposed for the tests) ---
void rmsnorm(const float* x, const float* gain, unsigned n, float* out);
// y[j] = sum_p x[p] * w[p * n + j], p ascending from +0 (one row times a k x n matrix)
void matvec(const float* x, const float* w, unsigned k, unsigned n, float* y);
void rope(float* v, unsigned heads, unsigned pos);
std::int8_t quantize(float x, float scale);
std::int8_t requant_i8(std::int32_t acc, std::int32_t scale, unsigned shift);
std::int32_t argmax(const float* x, unsigned n);

// --- per-token cost (docs/demo/model.md, "Cost") ---
struct KernelCost {
    std::string name;
    double ops = 0;    // arithmetic operations (a multiply-add counts 2)
    double bytes = 0;  // bytes read and written
};
// The GPU kernel launches of one decode step at position `pos` (0-based), in order; the LPU FFN
// runs are marked with name "lpu_ffn" (ops: 2 * (d_ff*d_model*2), bytes: the int8 in and out).
std::vector<KernelCost> decode_step_cost(unsigned pos);

}  // namespace nodevp::demo::ref
