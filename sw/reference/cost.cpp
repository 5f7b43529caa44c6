// Per-token cost of one decode step (docs/demo/model.md, "Cost"): the GPU launches the demo
// issues, with operations and bytes counted as models/gpu/device's roofline counts them.
#include "sw/reference/model.hpp"

namespace nodevp::demo::ref {

std::vector<KernelCost> decode_step_cost(unsigned pos) {
    const double d = kDModel, kv = kKvDim, ctx = pos + 1.0;
    std::vector<KernelCost> c;
    auto gemm = [&](const char* name, double m, double n, double k) {
        c.push_back({name, 2 * m * n * k, 4 * (m * k + k * n + m * n)});
    };
    c.push_back({"embedding", 0, 2 * 4 * d + 4});
    for (unsigned l = 0; l < kLayers; ++l) {
        c.push_back({"rmsnorm", 4 * d, 2 * 4 * d + 4 * d});
        gemm("gemm_q", 1, d, d);
        gemm("gemm_k", 1, kv, d);
        gemm("gemm_v", 1, kv, d);
        c.push_back({"rotary_q", 3 * d, 2 * 4 * d});
        for (unsigned g = 0; g < kKvHeads; ++g)  // one per KV head: its cache rows are apart
            c.push_back({"rotary_k", 3.0 * kHeadDim, 2 * 4.0 * kHeadDim});
        c.push_back({"attention", 4 * kHeads * kHeadDim * ctx,
                     2 * 4 * d + 2 * 4 * kKvHeads * ctx * kHeadDim});
        gemm("gemm_o", 1, d, d);
        c.push_back({"add", d, 3 * 4 * d});
        c.push_back({"rmsnorm", 4 * d, 2 * 4 * d + 4 * d});
        c.push_back({"quantize", 2 * d, 5 * d});
        c.push_back({"lpu_ffn", 2 * 2.0 * kDff * kDModel, 2 * d});
        c.push_back({"dequantize", d, 5 * d});
        c.push_back({"add", d, 3 * 4 * d});
    }
    c.push_back({"rmsnorm", 4 * d, 2 * 4 * d + 4 * d});
    gemm("gemm_lm", 1, kVocab, d);
    c.push_back({"argmax", kVocab, 4.0 * kVocab + 4});
    return c;
}

}  // namespace nodevp::demo::ref
